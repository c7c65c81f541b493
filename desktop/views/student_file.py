"""A student's file: identity, guardians (emails corrected in place), emergency contacts.

Edits stay pending (undo/redo with Ctrl+Z / Ctrl+Shift+Z) until "Enregistrer" saves them all in
one transaction. A guardian saved meanwhile on another workstation is never overwritten
silently: ``EditConflictDialog`` shows both values and the secretary reloads theirs or
overwrites knowingly.

Every load and save runs through the window's runner, so the file answers to ``then``
callbacks rather than return values: ``show_student(id, then=…)``, ``save(done=…)``,
``leave(then, stay)``. A file answers to ``runner.changed``: when its student or one of its
guardians was changed elsewhere, it reloads (unless edits are pending here: the save will then
meet the conflict and ask).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.access import Right
from desktop.services.audit_log import AuditFilter
from desktop.services.emails import EmailCheck, check_email
from desktop.services.errors import VitrailError
from desktop.services.facade import Changes, Written
from desktop.services.formatting import de, format_date
from desktop.services.students import CodePermanentUpdate, GuardianEditConflict, SavedEmail, StudentFile
from desktop.views.access_greying import allow
from desktop.views.context import ViewContext
from desktop.views.guardians_table_model import GuardiansTableModel
from desktop.views.journal_page import AuditList
from desktop.views.student_file_dialogs import KEEP_EDITING, OVERWRITE, CodePermanentDialog, EditConflictDialog
from desktop.views.student_file_widgets import EmailDelegate, MessageBanner

Done = Callable[[bool], object]


def _ignore(_ok: bool) -> None:
    pass


class StudentFileView(QWidget):
    """The file of one student; ``loaded`` fires when a file is shown, ``saved`` after emails were stored."""

    loaded = Signal(int)  # student id
    saved = Signal(list)  # guardian ids

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("student_file")
        self.context = context
        self.file: StudentFile | None = None
        self._requested: int | None = None  # the student asked for last: older answers are dropped
        self._saving = False
        self._own_changes: Changes | None = None  # what our own last write will announce
        self.undo_stack = QUndoStack(self)
        self.guardians = GuardiansTableModel(self.undo_stack, self)
        self._build()
        self._connect()
        self.show_empty()
        self.apply_access()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.name_label = QLabel()
        self.name_label.setObjectName("file_title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("file_subtitle")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._identity_values[key] = value
            self.identity.addWidget(caption, 0, position)
            if key == "code_permanent":
                self.identity.addLayout(self._code_permanent_cell(value), 1, position, Qt.AlignmentFlag.AlignTop)
            else:
                self.identity.addWidget(value, 1, position, Qt.AlignmentFlag.AlignTop)
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
        self.guardians_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.guardians_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.guardians_view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                            | QAbstractItemView.EditTrigger.EditKeyPressed
                                            | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self._edit_triggers = self.guardians_view.editTriggers()
        self.guardians_view.verticalHeader().hide()
        self.guardians_view.setAlternatingRowColors(True)
        self.guardians_view.setWordWrap(False)
        header = self.guardians_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GuardiansTableModel.EMAIL, QHeaderView.ResizeMode.Stretch)
        self.guardians_view.setMinimumHeight(112)  # the header and three guardians, banner or not
        self.guardians_view.setAccessibleName(self.tr("Répondants et parents de l'élève"))
        self.guardians_view.setAccessibleDescription(self.tr(
            "Flèches pour choisir une cellule ; F2 ou une lettre tapée corrige le courriel"))

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
        self.contacts_label.setTextFormat(Qt.TextFormat.RichText)
        self.contacts_label.setWordWrap(True)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
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
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        # At 768 pixels of screen a banner or a long transport line would squeeze the file and clip
        # its text: the file scrolls instead, each label at the height its wrapped text needs.
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("file_scroll")
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the table and buttons inside
        self.body_scroll.setWidget(self.body)
        self.body_scroll.viewport().setAutoFillBackground(False)
        self.body.setAutoFillBackground(False)
        self.body_scroll.viewport().installEventFilter(self)
        # The file and its Historique (that student's and their guardians' audit entries), under
        # the student's name so both tabs say whose they are.
        self.history = AuditList(self.context, self.tr("Rien n'a encore été modifié dans ce dossier."))
        self.history.setObjectName("student_history")
        self.history.failed.connect(self.history.count_label.setText)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("file_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Dossier de l'élève et son historique"))
        self.tabs.addTab(self.body_scroll, self.tr("Dossier"))
        self.tabs.addTab(self.history, self.tr("Historique"))
        self.tabs.setTabToolTip(1, self.tr("Les modifications de cet élève et de ses répondants, les plus "
                                           "récentes d'abord"))
        self.tabs.currentChanged.connect(lambda _index: self._load_history())
        self._history_of: int | None = None  # the student whose history is loaded
        self.heading = QWidget()
        heading = QHBoxLayout(self.heading)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.name_label)
        heading.addSpacing(12)
        heading.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        layout.addWidget(self.empty_label)

    def _code_permanent_cell(self, value: QLabel) -> QHBoxLayout:
        """The code permanent with its "Corriger…" button beside it (no extra row in the block)."""
        cell = QHBoxLayout()
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(6)
        cell.addWidget(value)
        cell.addWidget(self._code_permanent_button(), 0, Qt.AlignmentFlag.AlignTop)
        cell.addStretch(1)
        return cell

    def _code_permanent_button(self) -> QPushButton:
        self.code_permanent_button = QPushButton(self.tr("Corriger…"))
        self.code_permanent_button.setObjectName("code_permanent_button")
        self.code_permanent_button.setFlat(True)
        self.code_permanent_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.code_permanent_button.setToolTip(self.tr("Corriger le code permanent de cet élève"))
        self.code_permanent_button.clicked.connect(self.edit_code_permanent)
        return self.code_permanent_button

    def _email_delegate(self) -> EmailDelegate:
        self.email_delegate = EmailDelegate(self.guardians_view)
        return self.email_delegate

    def _connect(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Annuler"))
        self.undo_action.setShortcuts([QKeySequence(QKeyCombination(Qt.Modifier.CTRL, Qt.Key.Key_Z))])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Rétablir"))
        self.redo_action.setShortcuts([
            QKeySequence(QKeyCombination(Qt.Modifier.CTRL | Qt.Modifier.SHIFT, Qt.Key.Key_Z)),
            QKeySequence(QKeyCombination(Qt.Modifier.CTRL, Qt.Key.Key_Y))])
        self.save_action = QAction(self.tr("Enregistrer"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        for action in (self.undo_action, self.redo_action, self.save_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.save_action.triggered.connect(lambda: self.save())
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.discard_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(lambda: self.save())
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.guardians.pending_changed.connect(self._show_pending)
        self.guardians.email_refused.connect(self._on_refused)
        self.guardians.email_accepted.connect(self._on_accepted)
        self.context.runner.changed.connect(self._on_changed)
        self.context.access_known.known.connect(self.apply_access)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_body_height()
        return super().eventFilter(watched, event)

    def _fit_guardians_height(self) -> None:
        """The guardians' table as tall as its rows, no taller: the banner and the buttons stay close."""
        view = self.guardians_view
        rows = sum(view.rowHeight(row) for row in range(self.guardians.rowCount()))
        needed = view.horizontalHeader().sizeHint().height() + rows + 2 * view.frameWidth() + 4
        view.setMaximumHeight(max(view.minimumHeight(), needed))

    def _fit_body_height(self) -> None:
        """Wrapped labels need more height at a narrower width, which a scroll area does not ask:
        give the body the height its layout needs at this width, so nothing is clipped."""
        layout = self.body.layout()
        width = self.body_scroll.viewport().width()
        if layout is not None and layout.hasHeightForWidth() and width > 0:
            self.body.setMinimumHeight(layout.totalHeightForWidth(width))

    # -- showing a file ------------------------------------------------------------------

    def show_empty(self, message: str | None = None) -> None:
        self.file = None
        self.heading.hide()
        self.tabs.hide()
        self._history_of = None
        self.empty_label.setText(message or self.tr("Choisissez un élève dans la liste pour ouvrir son dossier."))
        self.empty_label.show()
        self.guardians.set_guardians(())

    def show_student(self, student_id: int, then: Callable[[], object] | None = None) -> None:
        """Load and show a student's file, then call ``then`` (drops pending edits: ``leave`` first)."""
        self._requested = student_id
        if self.file is None:
            self.empty_label.setText(self.tr("Ouverture du dossier…"))
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: students.file(student_id),
                                  lambda file: self._file_loaded(file, then),
                                  lambda message: self._file_refused(student_id, message))

    def _file_loaded(self, file: StudentFile, then: Callable[[], object] | None = None) -> None:
        if file.student_id != self._requested:
            return
        self._show_file(file)
        self.loaded.emit(file.student_id)
        if then is not None:
            then()

    def _file_refused(self, student_id: int, message: str) -> None:
        if student_id == self._requested:
            self.show_empty(message)

    def _show_file(self, file: StudentFile) -> None:
        self.file = file
        self.name_label.setText(f"{file.last_name}, {file.first_name}")
        self.subtitle.setText(self.tr("Fiche {fiche} · centre de services {board}").format(
            fiche=file.fiche, board=file.board_code))
        values = self._identity_values
        values["school"].setText(file.school_name)
        values["group"].setText(file.group_code or self.tr("(aucun)"))
        values["grade"].setText(self._grade_text(file))
        values["birth_date"].setText(format_date(file.birth_date))
        values["code_permanent"].setText(file.code_permanent or self.tr("incomplet (pas encore attribué)"))
        values["transport"].setText(self._transport_text(file))
        self.contacts_label.setText(self._contacts_html(file))
        self.guardians.set_guardians(file.guardians)
        self._fit_guardians_height()
        self.banner.hide()
        self._point_out_stored_problem()
        self.empty_label.hide()
        self.heading.show()
        self.tabs.show()
        self._fit_body_height()
        if self._history_of != file.student_id:
            self._history_of = None
            self.history.model.set_entries(())
        self._load_history()

    def apply_access(self) -> None:
        """Grey the corrections the person may not make, and the Historique they may not read, saying why."""
        refusal = self.context.refusal(Right.EDIT_GUARDIANS)
        self.guardians_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if refusal
                                            else self._edit_triggers)
        allow(self.code_permanent_button, refusal)
        self.tabs.setTabEnabled(1, self.context.refusal(Right.AUDIT_SCHOOL, Right.AUDIT_ALL) is None)
        self.tabs.setTabToolTip(1, self.context.refusal(Right.AUDIT_SCHOOL, Right.AUDIT_ALL)
                                or self.tr("Les modifications de cet élève et de ses répondants, les plus récentes "
                                           "d'abord"))

    def _load_history(self) -> None:
        """Read the Historique when its tab is shown (not for every file opened from the list)."""
        file = self.file
        if file is None or self.tabs.currentWidget() is not self.history or self._history_of == file.student_id:
            return
        self._history_of = file.student_id
        wanted = AuditFilter(student_id=file.student_id)
        self.history.load(lambda: wanted)

    def _on_changed(self, changes: Changes) -> None:
        """Something was saved: reload if it was this file, elsewhere, and nothing is pending here."""
        own, self._own_changes = self._own_changes, None
        file = self.file
        if file is None:
            return
        if changes.board or file.student_id in changes.students | changes.nips or any(
                file.guardian(guardian_id) is not None for guardian_id in changes.guardians):
            self._history_of = None  # our own saves too: the Historique shows them at once
            self._load_history()
        if changes == own:
            return
        touched = changes.board or file.student_id in changes.students or any(
            file.guardian(guardian_id) is not None for guardian_id in changes.guardians)
        if touched and not self.has_pending_edits() and not self._saving:
            self.show_student(file.student_id)

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
                    "Courriel au dossier {of_name} à corriger : {messages}").format(
                        of_name=de(name), messages=messages))
                return
            if check.suggestion:
                self._offer_suggestion(row, check)
                return
            if stored is not None and check.problem("stray_spaces"):
                self.banner.show_message(
                    "warning",
                    self.tr("Le courriel au dossier {of_name} contient des espaces en trop.").format(of_name=de(name)),
                    self.tr("Retirer les espaces"), partial(self.guardians.request_email, row, stored))
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
        elif (spaces := check.problem("stray_spaces")) is not None:
            self.banner.show_message("info", spaces.message)
        elif (blank := check.problem("blank")) is not None and self.guardians.is_pending(row):
            self.banner.show_message("warning", self.tr("{name} : {message}").format(
                name=self.guardians.guardian(row).full_name, message=blank.message))
        else:
            self.banner.hide()

    def _offer_suggestion(self, row: int, check: EmailCheck, also: str = "") -> None:
        name = self.guardians.guardian(row).full_name
        suggestion, typo = check.suggestion, check.problem("domain_typo")
        assert suggestion is not None and typo is not None, "a suggestion comes with its domain_typo problem"
        message = self.tr("{name} : {message}").format(name=name, message=typo.message)
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
        if self._saving:
            self.pending_label.setText(self.tr("Enregistrement…"))
        self.save_button.setEnabled(count > 0 and not self._saving)
        self.discard_button.setEnabled(count > 0 and not self._saving)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())

    def has_pending_edits(self) -> bool:
        return bool(self.guardians.pending_edits())

    def discard(self) -> None:
        if self.file is not None:
            self.guardians.set_guardians(self.file.guardians)
            self.banner.hide()

    def leave(self, then: Callable[[], object], stay: Callable[[], object] | None = None) -> None:
        """Before showing another student: save, discard or stay; ``then`` once it is fine to leave."""
        if not self.has_pending_edits():
            then()
            return
        answer = QMessageBox.question(
            self, self.tr("Modifications non enregistrées"),
            self.tr("Le dossier {of_name} a des courriels modifiés qui ne sont pas enregistrés.").format(
                of_name=de(self.file.full_name) if self.file else ""),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save(lambda saved: then() if saved else stay() if stay is not None else None)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard()
            then()
        elif stay is not None:
            stay()

    # -- the code permanent ------------------------------------------------------------------

    def code_permanent_dialog(self) -> CodePermanentDialog:
        """The correction dialog for the student shown (built here so tests and screenshots can drive it)."""
        assert self.file is not None, "the dialog corrects the student shown"
        dialog = CodePermanentDialog(self.context, self.file, self)
        dialog.saved.connect(self.code_permanent_saved)
        return dialog

    def edit_code_permanent(self) -> None:
        if self.file is not None:
            self.code_permanent_dialog().exec()

    def code_permanent_saved(self, update: CodePermanentUpdate) -> None:
        """Show the stored code without touching pending email edits (the runner tells the other pages)."""
        if self.file is None or update.student_id != self.file.student_id:
            return
        self._own_changes = Changes(students=frozenset({update.student_id}))
        self.file = replace(self.file, code_permanent=update.after, version=update.version)
        self._identity_values["code_permanent"].setText(update.after or self.tr("incomplet (pas encore attribué)"))
        if update.warnings:
            self.banner.show_message("warning", self.tr("Code permanent enregistré. {warnings}").format(
                warnings=" ".join(update.warnings)))
        else:
            self.banner.show_message("success", self.tr("Code permanent enregistré."))

    # -- saving --------------------------------------------------------------------------

    def save(self, done: Done = _ignore) -> None:
        """Save every pending edit in one transaction, in the background; settle conflicts with the
        secretary first. ``done(True)`` once nothing is left pending, ``done(False)`` otherwise."""
        edits = self.guardians.pending_edits()
        if self.file is None or not edits:
            done(True)
            return
        if self._saving:
            done(False)
            return
        self._set_saving(True)
        students, student_id = self.context.vitrail.students, self.file.student_id

        def work(_progress) -> Written[tuple[list[SavedEmail], StudentFile]]:  # noqa: ANN001
            written = students.save_emails(edits)
            return Written((written.value, students.file(student_id)), written.changes)

        self.context.runner.write(self, work, lambda result: self._after_save(*result, done),
                                  lambda message: self._not_saved(message, done),
                                  on_error=lambda error: self._refused(error, done))

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self._show_pending(len(self.guardians.pending_edits()))

    def _refused(self, error: VitrailError, done: Done) -> None:
        self._set_saving(False)
        if isinstance(error, GuardianEditConflict):
            self._settle(error, done)
        else:
            self._not_saved(str(error), done)

    def _not_saved(self, message: str, done: Done) -> None:
        self._set_saving(False)
        self.banner.show_message("error", message)
        done(False)

    def _settle(self, conflict: GuardianEditConflict, done: Done) -> None:
        """The secretary chooses: keep editing, overwrite knowingly, or take the other workstation's value."""
        row = self.guardians.row_of(conflict.guardian_id)
        dialog = EditConflictDialog(conflict, self)
        dialog.exec()
        if row is None or dialog.choice == KEEP_EDITING:
            self.banner.show_message("warning", str(conflict))
            done(False)
            return
        if dialog.choice == OVERWRITE:
            self.guardians.take_their_version(row, conflict.current_version)
            self.save(done)
            return
        assert self.file is not None, "a save was under way, so a student is shown"
        student_id, students = self.file.student_id, self.context.vitrail.students

        def reloaded(file: StudentFile) -> None:
            fresh = file.guardian(conflict.guardian_id)
            current = self.guardians.row_of(conflict.guardian_id)
            if fresh is not None and current is not None:
                self.guardians.replace_guardian(current, fresh)
            self.save(done)

        self.context.runner.query(self, lambda _progress: students.file(student_id), reloaded,
                                  lambda message: self._not_saved(message, done))

    def _after_save(self, saved: list[SavedEmail], file: StudentFile, done: Done) -> None:
        guardian_ids = [s.guardian_id for s in saved]
        self._own_changes = Changes(guardians=frozenset(guardian_ids))
        self._set_saving(False)
        if file.student_id == self._requested:
            self._show_file(file)
        count = len(guardian_ids)
        if count == 1:
            self.banner.show_message("success", self.tr(
                "Courriel enregistré. Le parent devra se réinscrire au portail avec sa nouvelle adresse."))
        elif count:
            self.banner.show_message("success", self.tr(
                "{count} courriels enregistrés. Les parents concernés devront se réinscrire au portail avec "
                "leur nouvelle adresse.").format(count=count))
        self.saved.emit(guardian_ids)
        done(True)
