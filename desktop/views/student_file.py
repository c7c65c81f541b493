"""A student's file: identity, guardians (emails corrected in place), emergency contacts.

Edits stay pending (undo/redo with Ctrl+Z / Ctrl+Shift+Z) until "Enregistrer" saves them all in
one transaction. A guardian saved meanwhile on another workstation is never overwritten
silently: ``EditConflictDialog`` shows both values and the secretary reloads theirs or
overwrites knowingly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.emails import EmailCheck, check_email
from desktop.services.errors import VitrailError
from desktop.services.storage import Database
from desktop.services.students import (
    CodePermanentUpdate,
    GuardianEditConflict,
    StudentEditConflict,
    StudentFile,
    check_code_permanent_edit,
    load_student_file,
    save_guardian_emails,
    update_code_permanent,
)
from desktop.views.context import DataEvents
from desktop.views.guardians_table_model import GuardiansTableModel

RELOAD, OVERWRITE, KEEP_EDITING = "reload", "overwrite", "keep_editing"


class MessageBanner(QFrame):
    """A coloured strip under the guardians table: what the check found, and what to do about it."""

    KINDS = ("info", "success", "warning", "error")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.setObjectName("banner_action")
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("banner_close")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(self.tr("Fermer ce message"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.hide()

    @property
    def kind(self) -> str:
        return self.property("kind") or ""

    def show_message(self, kind: str, text: str, action_text: str | None = None,
                     action: Callable[[], None] | None = None) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        self._action = action
        self.action_button.setVisible(action is not None)
        self.action_button.setText(action_text or "")
        self.show()

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()


class EmailDelegate(QStyledItemDelegate):
    """A line editor for the email column that reopens with the typed text when it is refused."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._retry: dict[int, str] = {}

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: ANN001
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.tr("prenom.nom@exemple.com"))
        editor.setObjectName("email_editor")
        editor.textChanged.connect(lambda text: self._show_state(editor, text))
        return editor

    @staticmethod
    def _show_state(editor: QLineEdit, text: str) -> None:
        """Colour the editor as the secretary types (red: will be refused; amber: to double-check)."""
        check = check_email(text)
        worst = "error" if not check.acceptable else "warning" if check.suggestion else ""
        editor.setProperty("state", worst)
        editor.setToolTip("\n".join(p.message for p in check.problems if p.code != "blank"))
        editor.style().unpolish(editor)
        editor.style().polish(editor)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = self._retry.pop(index.row(), None)
        editor.setText(text if text is not None else index.data(Qt.EditRole) or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: ANN001
        model.setData(index, editor.text(), Qt.EditRole)

    def reopen(self, row: int, typed: str) -> None:
        """Open the editor again on ``row`` with what the secretary typed, so nothing is lost."""
        self._retry[row] = typed
        index = self._view.model().index(row, GuardiansTableModel.EMAIL)
        QTimer.singleShot(0, lambda: self._view.edit(QPersistentModelIndex(index)))


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
                when=conflict.changed_by.at.strftime("%Y-%m-%d à %H:%M"))
        intro = QLabel(self.tr("<b>Le dossier de {name} a été modifié{who} depuis que vous l'avez ouvert.</b><br>"
                               "Rien n'a été enregistré. Choisissez la valeur à garder.").format(
            name=conflict.guardian_name, who=who))
        intro.setWordWrap(True)
        values = QFormLayout()
        self.theirs_label = QLabel(conflict.theirs or self.tr("(aucun courriel)"))
        self.mine_label = QLabel(conflict.mine or self.tr("(aucun courriel)"))
        for label in (self.theirs_label, self.mine_label):
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setObjectName("conflict_value")
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        values.addRow(self.tr("Enregistré par l'autre poste :"), self.theirs_label)
        values.addRow(self.tr("Votre saisie :"), self.mine_label)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(self.tr("Garder leur valeur"), QDialogButtonBox.AcceptRole)
        self.overwrite_button = buttons.addButton(self.tr("Remplacer par ma saisie"), QDialogButtonBox.DestructiveRole)
        self.cancel_button = buttons.addButton(self.tr("Revenir au dossier"), QDialogButtonBox.RejectRole)
        self.reload_button.clicked.connect(lambda: self._choose(RELOAD))
        self.overwrite_button.clicked.connect(lambda: self._choose(OVERWRITE))
        self.cancel_button.clicked.connect(lambda: self._choose(KEEP_EDITING))
        self.reload_button.setToolTip(self.tr("Abandonne votre saisie et affiche le courriel enregistré par l'autre poste."))
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

    def __init__(self, database: Database, file: StudentFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code_permanent_dialog")
        self.setWindowTitle(self.tr("Corriger le code permanent"))
        self.setStyleSheet(self.STYLE)
        self._database = database
        self._file = file
        self._version = file.version
        self.result_update: CodePermanentUpdate | None = None
        intro = QLabel(self.tr("<b>{name}</b> · né(e) le {birth} · fiche {fiche}<br>Code au dossier : {code}").format(
            name=file.full_name, birth=file.birth_date.isoformat(), fiche=file.fiche,
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
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.hide()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Enregistrer"), QDialogButtonBox.AcceptRole)
        self.save_button.setObjectName("primary")
        self.cancel_button = buttons.addButton(self.tr("Annuler"), QDialogButtonBox.RejectRole)
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
        """Save, or say why not and stay open with what was typed."""
        try:
            self.result_update = update_code_permanent(self._database, self._file.student_id, self._version, self.editor.text())
        except StudentEditConflict as conflict:
            # Saving again now overwrites knowingly: the secretary has seen both values.
            self._version = conflict.current_version
            self._show(str(conflict) + " " + self.tr(
                "Cliquez de nouveau sur « Enregistrer » pour remplacer par votre saisie, ou sur « Annuler »."))
            self.save_button.setEnabled(True)
            return
        except VitrailError as error:
            self._show(str(error))
            self.save_button.setEnabled(False)
            return
        self.accept()


class StudentFileView(QWidget):
    """The file of one student; ``saved`` fires after emails were stored."""

    saved = Signal(list)  # guardian ids

    def __init__(self, database: Database, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("student_file")
        self._database = database
        self._events = events
        self.file: StudentFile | None = None
        self._announcing = False
        self.undo_stack = QUndoStack(self)
        self.guardians = GuardiansTableModel(self.undo_stack, self)
        self._build()
        self._connect()
        self.show_empty()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_label = QLabel()
        self.name_label.setObjectName("file_title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("file_subtitle")
        self.subtitle.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.identity = QGridLayout()
        self.identity.setHorizontalSpacing(28)
        self.identity.setVerticalSpacing(2)
        self._identity_values: dict[str, QLabel] = {}
        for position, (key, title) in enumerate((
            ("school", self.tr("École")), ("group", self.tr("Groupe")), ("grade", self.tr("Niveau")),
            ("birth_date", self.tr("Naissance")), ("code_permanent", self.tr("Code permanent")),
            ("transport", self.tr("Transport")),
        )):
            caption = QLabel(title)
            caption.setObjectName("field_caption")
            value = QLabel()
            value.setObjectName("field_value")
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            value.setWordWrap(True)
            self._identity_values[key] = value
            self.identity.addWidget(caption, 0, position)
            if key == "code_permanent":
                self.identity.addLayout(self._code_permanent_cell(value), 1, position, Qt.AlignTop)
            else:
                self.identity.addWidget(value, 1, position, Qt.AlignTop)
            self.identity.setColumnStretch(position, 3 if key in ("school", "transport") else 2)

        guardians_title = QLabel(self.tr("Répondants et parents"))
        guardians_title.setObjectName("section_title")
        hint = QLabel(self.tr("Le courriel est le seul accès du parent au portail. Double-cliquez sur un courriel "
                              "pour le corriger."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.guardians_view = QTableView()
        self.guardians_view.setObjectName("guardians")
        self.guardians_view.setModel(self.guardians)
        self.guardians_view.setItemDelegateForColumn(GuardiansTableModel.EMAIL, self._email_delegate())
        self.guardians_view.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.guardians_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.guardians_view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                            | QAbstractItemView.AnyKeyPressed)
        self.guardians_view.verticalHeader().hide()
        self.guardians_view.setAlternatingRowColors(True)
        self.guardians_view.setWordWrap(False)
        header = self.guardians_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(GuardiansTableModel.EMAIL, QHeaderView.Stretch)
        self.guardians_view.setMinimumHeight(90)

        self.banner = MessageBanner()
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending_label")
        self.pending_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Annuler"))
        self.redo_button = QPushButton(self.tr("Rétablir"))
        self.discard_button = QPushButton(self.tr("Abandonner les modifications"))
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        actions = QHBoxLayout()
        actions.addWidget(self.pending_label, 1)
        for button in (self.undo_button, self.redo_button, self.discard_button, self.save_button):
            actions.addWidget(button)

        contacts_title = QLabel(self.tr("Contacts en cas d'urgence et autres contacts"))
        contacts_title.setObjectName("section_title")
        self.contacts_label = QLabel()
        self.contacts_label.setObjectName("contacts")
        self.contacts_label.setTextFormat(Qt.RichText)
        self.contacts_label.setWordWrap(True)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(self.name_label)
        heading.addSpacing(12)
        heading.addWidget(self.subtitle, 1, Qt.AlignBottom)
        body.addLayout(heading)
        body.addLayout(self.identity)
        body.addSpacing(6)
        body.addWidget(guardians_title)
        body.addWidget(hint)
        body.addWidget(self.guardians_view, 1)
        body.addWidget(self.banner)
        body.addLayout(actions)
        body.addSpacing(4)
        body.addWidget(contacts_title)
        body.addWidget(self.contacts_label)

        self.empty_label = QLabel(self.tr("Choisissez un élève dans la liste pour ouvrir son dossier."))
        self.empty_label.setObjectName("empty_file")
        self.empty_label.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(self.body)
        layout.addWidget(self.empty_label)

    def _code_permanent_cell(self, value: QLabel) -> QHBoxLayout:
        """The code permanent with its "Corriger…" button beside it (no extra row in the block)."""
        cell = QHBoxLayout()
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(6)
        cell.addWidget(value)
        cell.addWidget(self._code_permanent_button(), 0, Qt.AlignTop)
        cell.addStretch(1)
        return cell

    def _code_permanent_button(self) -> QPushButton:
        self.code_permanent_button = QPushButton(self.tr("Corriger…"))
        self.code_permanent_button.setObjectName("code_permanent_button")
        self.code_permanent_button.setFlat(True)
        self.code_permanent_button.setCursor(Qt.PointingHandCursor)
        self.code_permanent_button.setToolTip(self.tr("Corriger le code permanent de cet élève"))
        self.code_permanent_button.clicked.connect(self.edit_code_permanent)
        return self.code_permanent_button

    def _email_delegate(self) -> EmailDelegate:
        self.email_delegate = EmailDelegate(self.guardians_view)
        return self.email_delegate

    def _connect(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Annuler"))
        self.undo_action.setShortcuts([QKeySequence(Qt.CTRL | Qt.Key_Z)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Rétablir"))
        self.redo_action.setShortcuts([QKeySequence(Qt.CTRL | Qt.SHIFT | Qt.Key_Z), QKeySequence(Qt.CTRL | Qt.Key_Y)])
        self.save_action = QAction(self.tr("Enregistrer"), self)
        self.save_action.setShortcut(QKeySequence.Save)
        for action in (self.undo_action, self.redo_action, self.save_action):
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.save_action.triggered.connect(self.save)
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.discard_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.guardians.pending_changed.connect(self._show_pending)
        self.guardians.email_refused.connect(self._on_refused)
        self.guardians.email_accepted.connect(self._on_accepted)
        self._events.guardian_saved.connect(self._on_guardian_saved_elsewhere)

    # -- showing a file ------------------------------------------------------------------

    def show_empty(self) -> None:
        self.file = None
        self.body.hide()
        self.empty_label.show()
        self.guardians.set_guardians(())

    def show_student(self, student_id: int) -> None:
        """Load and show a student's file (drops pending edits: ask ``confirm_leave`` first)."""
        self._show_file(load_student_file(self._database, student_id))

    def _show_file(self, file: StudentFile) -> None:
        self.file = file
        self.name_label.setText(f"{file.last_name}, {file.first_name}")
        self.subtitle.setText(self.tr("Fiche {fiche} · centre de services {board}").format(
            fiche=file.fiche, board=file.board_code))
        values = self._identity_values
        values["school"].setText(file.school_name)
        values["group"].setText(file.group_code or self.tr("(aucun)"))
        values["grade"].setText(self._grade_text(file))
        values["birth_date"].setText(file.birth_date.isoformat())
        values["code_permanent"].setText(file.code_permanent or self.tr("incomplet (pas encore attribué)"))
        values["transport"].setText(self._transport_text(file))
        self.contacts_label.setText(self._contacts_html(file))
        self.guardians.set_guardians(file.guardians)
        self.banner.hide()
        self._point_out_stored_problem()
        self.empty_label.hide()
        self.body.show()

    def _grade_text(self, file: StudentFile) -> str:
        if file.school_level == "secondary":
            return self.tr("Secondaire {grade}").format(grade=file.grade)
        ordinal = self.tr("1re") if file.grade == 1 else self.tr("{grade}e").format(grade=file.grade)
        return self.tr("{ordinal} année du primaire").format(ordinal=ordinal)

    def _transport_text(self, file: StudentFile) -> str:
        if not file.transport_entitled:
            return self.tr("Non admissible")
        return self.tr("Admissible — {details}").format(details=file.transport_details) if file.transport_details \
            else self.tr("Admissible")

    def _contacts_html(self, file: StudentFile) -> str:
        if not file.contacts:
            return self.tr("<i>Aucun contact inscrit.</i>")
        lines = []
        for contact in file.contacts:
            mark = self.tr("<b>Urgence</b> · ") if contact.is_emergency else ""
            relation = f" ({contact.relationship})" if contact.relationship else ""
            lines.append(f"{mark}{contact.name}{relation} — {contact.phone}")
        return "<br>".join(lines)

    def _point_out_stored_problem(self) -> None:
        """An email on file that will not work is worth a word as soon as the file opens."""
        for row in range(self.guardians.rowCount()):
            stored = self.guardians.email(row)
            check = check_email(stored)
            name = self.guardians.guardian(row).full_name
            if not check.acceptable:
                messages = " ".join(p.message for p in check.problems if p.blocking)
                self.banner.show_message("error", self.tr(
                    "Courriel au dossier de {name} à corriger : {messages}").format(name=name, messages=messages))
                return
            if check.suggestion:
                self._offer_suggestion(row, check)
                return
            if check.problem("stray_spaces"):
                self.banner.show_message(
                    "warning", self.tr("Le courriel au dossier de {name} contient des espaces en trop.").format(name=name),
                    self.tr("Retirer les espaces"), lambda row=row, stored=stored: self.guardians.request_email(row, stored))
                return

    # -- editing -------------------------------------------------------------------------

    def edit_email(self, guardian_id: int) -> bool:
        """Put the cursor in a guardian's email cell and open the editor (for ``show_target``)."""
        row = self.guardians.row_of(guardian_id)
        if row is None:
            return False
        index = self.guardians.index(row, GuardiansTableModel.EMAIL)
        self.guardians_view.setCurrentIndex(index)
        self.guardians_view.scrollTo(index)
        self.guardians_view.setFocus()
        self.guardians_view.edit(index)
        return True

    def _on_refused(self, row: int, typed: str, check: EmailCheck) -> None:
        messages = " ".join(p.message for p in check.problems if p.blocking)
        self.banner.show_message("error", self.tr("{name} : {messages}").format(
            name=self.guardians.guardian(row).full_name, messages=messages))
        self.email_delegate.reopen(row, typed)

    def _on_accepted(self, row: int, check: EmailCheck) -> None:
        if check.suggestion:
            spaces = check.problem("stray_spaces")
            self._offer_suggestion(row, check, also=spaces.message if spaces else "")
        elif check.problem("stray_spaces"):
            self.banner.show_message("info", check.problem("stray_spaces").message)
        elif check.problem("blank") and self.guardians.is_pending(row):
            self.banner.show_message("warning", self.tr("{name} : {message}").format(
                name=self.guardians.guardian(row).full_name, message=check.problem("blank").message))
        else:
            self.banner.hide()

    def _offer_suggestion(self, row: int, check: EmailCheck, also: str = "") -> None:
        name = self.guardians.guardian(row).full_name
        suggestion = check.suggestion
        message = self.tr("{name} : {message}").format(name=name, message=check.problem("domain_typo").message)
        self.banner.show_message("warning", f"{message} {also}".strip(), self.tr("Utiliser cette adresse"),
                                 lambda: self.guardians.request_email(row, suggestion))

    def _show_pending(self, count: int) -> None:
        if count == 1:
            self.pending_label.setText(self.tr(
                "1 courriel modifié, pas encore enregistré. Le parent devra se réinscrire au portail avec sa "
                "nouvelle adresse."))
        elif count:
            self.pending_label.setText(self.tr(
                "{count} courriels modifiés, pas encore enregistrés. Les parents devront se réinscrire au portail "
                "avec leur nouvelle adresse.").format(count=count))
        else:
            self.pending_label.setText("")
        self.save_button.setEnabled(count > 0)
        self.discard_button.setEnabled(count > 0)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())

    def has_pending_edits(self) -> bool:
        return bool(self.guardians.pending_edits())

    def discard(self) -> None:
        if self.file is not None:
            self.guardians.set_guardians(self.file.guardians)
            self.banner.hide()

    def confirm_leave(self) -> bool:
        """Before showing another student: save, discard or stay. True when it is fine to leave."""
        if not self.has_pending_edits():
            return True
        answer = QMessageBox.question(
            self, self.tr("Modifications non enregistrées"),
            self.tr("Le dossier de {name} a des courriels modifiés qui ne sont pas enregistrés.").format(
                name=self.file.full_name if self.file else ""),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        if answer == QMessageBox.Discard:
            self.discard()
            return True
        return False

    # -- the code permanent ------------------------------------------------------------------

    def code_permanent_dialog(self) -> CodePermanentDialog:
        """The correction dialog for the student shown (built here so tests and screenshots can drive it)."""
        return CodePermanentDialog(self._database, self.file, self)

    def edit_code_permanent(self) -> None:
        if self.file is None:
            return
        dialog = self.code_permanent_dialog()
        if dialog.exec() == QDialog.Accepted:
            self.code_permanent_saved(dialog.result_update)

    def code_permanent_saved(self, update: CodePermanentUpdate | None) -> None:
        """Show the stored code without touching pending email edits, and tell the other pages."""
        if update is None or self.file is None:
            return
        self.file = replace(self.file, code_permanent=update.after, version=update.version)
        self._identity_values["code_permanent"].setText(update.after or self.tr("incomplet (pas encore attribué)"))
        if update.warnings:
            self.banner.show_message("warning", self.tr("Code permanent enregistré. {warnings}").format(
                warnings=" ".join(update.warnings)))
        else:
            self.banner.show_message("success", self.tr("Code permanent enregistré."))
        self._events.student_saved.emit(update.student_id)

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save every pending edit in one transaction; settle conflicts with the secretary first."""
        if self.file is None:
            return True
        while edits := self.guardians.pending_edits():
            try:
                saved = save_guardian_emails(self._database, edits)
            except GuardianEditConflict as conflict:
                if not self._settle(conflict):
                    return False
                continue
            except VitrailError as error:
                self.banner.show_message("error", str(error))
                return False
            self._after_save([s.guardian_id for s in saved])
            return True
        return True

    def _settle(self, conflict: GuardianEditConflict) -> bool:
        row = self.guardians.row_of(conflict.guardian_id)
        dialog = EditConflictDialog(conflict, self)
        dialog.exec()
        if row is None or dialog.choice == KEEP_EDITING:
            self.banner.show_message("warning", str(conflict))
            return False
        if dialog.choice == OVERWRITE:
            self.guardians.take_their_version(row, conflict.current_version)
            return True
        fresh = load_student_file(self._database, self.file.student_id).guardian(conflict.guardian_id)
        if fresh is not None:
            self.guardians.replace_guardian(row, fresh)
        return True

    def _after_save(self, guardian_ids: list[int]) -> None:
        count = len(guardian_ids)
        self._show_file(load_student_file(self._database, self.file.student_id))
        if count == 1:
            self.banner.show_message("success", self.tr(
                "Courriel enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse."))
        elif count:
            self.banner.show_message("success", self.tr(
                "{count} courriels enregistrés. Les parents concernés devront se réinscrire au portail avec "
                "leur nouvelle adresse.").format(count=count))
        self._announcing = True
        try:
            for guardian_id in guardian_ids:
                self._events.guardian_saved.emit(guardian_id)
        finally:
            self._announcing = False
        self.saved.emit(guardian_ids)

    def _on_guardian_saved_elsewhere(self, guardian_id: int) -> None:
        """Another page saved one of our guardians: show the new value unless edits are pending here."""
        if self._announcing or self.file is None or self.file.guardian(guardian_id) is None:
            return
        if not self.has_pending_edits():
            self._show_file(load_student_file(self._database, self.file.student_id))
