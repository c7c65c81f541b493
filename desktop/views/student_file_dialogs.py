"""The student file's two dialogs: an email saved meanwhile on another workstation, and the
correction of a code permanent.

Neither decides anything silently. ``EditConflictDialog`` only asks which value to keep (the
student file then reloads or saves again); ``CodePermanentDialog`` saves through the runner and
stays open, with what was typed, until the save succeeds or the secretary cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services.errors import VitrailError
from desktop.services.formatting import de, format_date, format_datetime
from desktop.services.students import (
    CodePermanentUpdate,
    GuardianEditConflict,
    StudentEditConflict,
    StudentFile,
    check_code_permanent_edit,
)
from desktop.views.context import ViewContext

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep_editing"


class EditConflictDialog(QDialog):
    """Both values side by side; the secretary chooses, nothing happens silently."""

    def __init__(self, conflict: GuardianEditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Modifié sur un autre poste"))
        self.choice = KEEP_EDITING
        who = ""
        if conflict.changed_by is not None:
            who = self.tr(" par {user} sur {station}, le {when}").format(
                user=conflict.changed_by.os_user, station=conflict.changed_by.workstation,
                when=format_datetime(conflict.changed_by.at))
        intro = QLabel(self.tr("<b>Le dossier {of_name} a été modifié{who} depuis que vous l'avez ouvert.</b><br>"
                               "Rien n'a été enregistré. Choisissez la valeur à garder.").format(
            of_name=de(conflict.guardian_name), who=who))
        intro.setWordWrap(True)
        values = QFormLayout()
        self.theirs_label = QLabel(conflict.theirs or self.tr("(aucun courriel)"))
        self.mine_label = QLabel(conflict.mine or self.tr("(aucun courriel)"))
        for label in (self.theirs_label, self.mine_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setObjectName("conflict_value")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        values.addRow(self.tr("Enregistré par l'autre poste :"), self.theirs_label)
        values.addRow(self.tr("Votre saisie :"), self.mine_label)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(self.tr("Garder leur valeur"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.overwrite_button = buttons.addButton(self.tr("Remplacer par ma saisie"),
                                                  QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = buttons.addButton(self.tr("Revenir au dossier"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.overwrite_button.clicked.connect(lambda: self._choose(OVERWRITE))
        self.cancel_button.clicked.connect(lambda: self._choose(KEEP_EDITING))
        self.reload_button.setToolTip(
            self.tr("Abandonne votre saisie et affiche le courriel enregistré par l'autre poste."))
        self.overwrite_button.setToolTip(self.tr("Enregistre votre saisie à la place de celle de l'autre poste."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(values)
        layout.addWidget(buttons)
        self.setMinimumWidth(660)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != KEEP_EDITING else self.reject()


class CodePermanentDialog(QDialog):
    """Correct one student's code permanent: the §5 rules shown live, saved on its own.

    Kept apart from the guardians' pending edits (no undo stack): it is one field, saved in its
    own transaction when the secretary clicks "Enregistrer". Red text means the save will be
    refused (hard rule); amber text is a doubt to check (soft rule, or a 10-character code).
    """

    STYLE = ("QLabel#code_error { color: #b3261e; }"
             "QLabel#code_warning { color: #7a5600; background: #fff6dd; border: 1px solid #e7c266;"
             " border-radius: 4px; padding: 6px; }"
             "QLineEdit#code_permanent_editor[state=\"error\"] { border: 2px solid #c0392b; background: #fff5f5; }"
             "QLineEdit#code_permanent_editor[state=\"warning\"] { border: 2px solid #d9a321; background: #fffaf0; }")

    saved = Signal(object)  # CodePermanentUpdate: emitted before the dialog closes, and before runner.changed

    def __init__(self, context: ViewContext, file: StudentFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code_permanent_dialog")
        self.setWindowTitle(self.tr("Corriger le code permanent"))
        self.setStyleSheet(self.STYLE)
        self._context = context
        self._file = file
        self._version = file.version
        self.result_update: CodePermanentUpdate | None = None
        intro = QLabel(self.tr("<b>{name}</b> · né(e) le {birth} · fiche {fiche}<br>Code au dossier : {code}").format(
            name=file.full_name, birth=format_date(file.birth_date), fiche=file.fiche,
            code=file.code_permanent or self.tr("(aucun)")))
        intro.setWordWrap(True)
        self.editor = QLineEdit(file.code_permanent or "")
        self.editor.setObjectName("code_permanent_editor")
        self.editor.setPlaceholderText(self.tr("4 lettres et 8 chiffres, p. ex. TREM12530912"))
        self.editor.setMaxLength(20)
        hint = QLabel(self.tr("Laissez vide si le ministère n'a pas encore attribué de code."))
        hint.setObjectName("hint")
        self.error_label = QLabel()
        self.error_label.setObjectName("code_error")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("code_warning")
        for label in (self.error_label, self.warning_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("primary")
        self.cancel_button = buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.editor.textChanged.connect(self._show_verdict)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.editor)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self._show_verdict(self.editor.text())

    def _show_verdict(self, text: str) -> None:
        file = self._file
        verdict = check_code_permanent_edit(text, file.last_name, file.first_name, file.birth_date)
        self._show(verdict.error, verdict.warnings)
        self.save_button.setEnabled(verdict.acceptable)

    def _show(self, error: str, warnings: tuple[str, ...] = ()) -> None:
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.warning_label.setText("\n\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        self.editor.setProperty("state", "error" if error else "warning" if warnings else "")
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)
        self.adjustSize()

    def save(self) -> None:
        """Save in the background; then close, or say why not and stay open with what was typed."""
        self.save_button.setEnabled(False)
        student_id, version, typed = self._file.student_id, self._version, self.editor.text()
        students = self._context.vitrail.students
        self._context.runner.write(
            self, lambda _progress: students.correct_code_permanent(student_id, version, typed),
            self._saved, self._failed, on_error=self._refused)

    def _saved(self, update: CodePermanentUpdate) -> None:
        self.result_update = update
        self.saved.emit(update)
        self.accept()

    def _refused(self, error: VitrailError) -> None:
        if isinstance(error, StudentEditConflict):
            # Saving again now overwrites knowingly: the secretary has seen both values.
            self._version = error.current_version
            self._show(str(error) + " " + self.tr(
                "Cliquez de nouveau sur « Enregistrer » pour remplacer par votre saisie, ou sur « Annuler »."))
            self.save_button.setEnabled(True)
            return
        self._show(str(error))

    def _failed(self, message: str) -> None:
        """The database could not be reached (or a bug): nothing was saved, trying again may work."""
        self._show(message)
        self.save_button.setEnabled(True)
