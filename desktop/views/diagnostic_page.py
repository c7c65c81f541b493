"""Diagnostic de connexion: the secretary types what the parent typed and sees what the portal decides.

Each diagnosis runs in the background through the façade (``vitrail.accounts.diagnose``): the
student directory (every student, indexed) is loaded there once, and forgotten when a write
touched students (``runner.changed``); a NIP costs one slow hash check per NIP of the child.
The page shows, field by field, a verdict with an icon, and the sentence to tell the parent.
Nothing from the file is shown that the parent did not type.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.services.accounts.diagnostic import FIELDS, MATCH, AssociationAttempt, Diagnosis
from desktop.services.facade import BoardChoice, Changes
from desktop.services.formatting import UnreadableDate, parse_date
from desktop.views.context import ViewContext


class DiagnosticPage(QWidget):
    """The association form on the left, the portal's verdict field by field on the right."""

    diagnosed = Signal(object)   # Diagnosis
    failed = Signal(str)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.field_labels = {
            "board": self.tr("Centre de services"), "last_name": self.tr("Nom de famille"),
            "first_name": self.tr("Prénom"), "birth_date": self.tr("Date de naissance"),
            "fiche": self.tr("Numéro de fiche"), "code_permanent": self.tr("Code permanent"),
            "nip": self.tr("NIP"), "email": self.tr("Courriel du compte"), "": self.tr("Élève"),
        }
        self._build()
        self.failed.connect(self._show_failure)
        context.runner.changed.connect(self._data_changed)
        self._load_boards()

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Diagnostic de connexion"))
        title.setObjectName("page_title")
        notice = QLabel(self.tr("Pour l'écran du secrétariat : les explications ne citent que ce que le parent a "
                                "tapé. Ne lisez jamais au parent les données du dossier."))
        notice.setWordWrap(True)
        notice_frame = QFrame()
        notice_frame.setObjectName("banner")
        notice_frame.setProperty("kind", "info")
        QVBoxLayout(notice_frame).addWidget(notice)

        self.board = QComboBox()
        self.board.setObjectName("input_board")
        self.board.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.board.setMinimumContentsLength(16)
        self.board.setAccessibleName(self.field_labels["board"])
        self.last_name = QLineEdit()
        self.first_name = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("ex. 27 juin 2012 ou 27/06/2012"))
        self.fiche = QLineEdit()
        self.code_permanent = QLineEdit()
        self.nip = QLineEdit()
        self.email = QLineEdit()
        for name, widget in (("last_name", self.last_name), ("first_name", self.first_name),
                             ("birth_date", self.birth_date), ("fiche", self.fiche),
                             ("code_permanent", self.code_permanent), ("nip", self.nip), ("email", self.email)):
            widget.setObjectName(f"input_{name}")
            widget.returnPressed.connect(self.run)
        form = QFormLayout()
        form.addRow(self.field_labels["board"], self.board)
        form.addRow(self.field_labels["last_name"], self.last_name)
        form.addRow(self.field_labels["first_name"], self.first_name)
        form.addRow(self.field_labels["birth_date"], self.birth_date)
        form.addRow(self.field_labels["fiche"], self.fiche)
        form.addRow(self.tr("ou code permanent"), self.code_permanent)
        form.addRow(self.tr("ou NIP"), self.nip)
        form.addRow(self.field_labels["email"], self.email)
        self.run_button = QPushButton(self.tr("Diagnostiquer"))
        self.run_button.setObjectName("primary")
        self.run_button.clicked.connect(self.run)
        clear = QPushButton(self.tr("Effacer"))
        clear.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(clear)
        buttons.addWidget(self.run_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addStretch(1)

        self.verdict = QLabel()
        self.verdict.setObjectName("section_title")
        self.verdict.setWordWrap(True)
        self.fields_grid = QGridLayout()
        self.fields_grid.setColumnStretch(2, 1)
        self.fields_grid.setVerticalSpacing(8)
        self.advice_caption = QLabel(self.tr("À dire au parent"))
        self.advice_caption.setObjectName("section_title")
        self.advice = QLabel()
        self.advice.setObjectName("advice")
        self.advice.setAccessibleName(self.tr("À dire au parent"))
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice_frame = QFrame()
        self.advice_frame.setObjectName("banner")
        self.advice_frame.setProperty("kind", "info")
        advice_layout = QVBoxLayout(self.advice_frame)
        advice_layout.addWidget(self.advice_caption)
        advice_layout.addWidget(self.advice)
        self.open_file_button = QPushButton(self.tr("Ouvrir le dossier de l'élève"))
        self.open_file_button.setObjectName("open_student_file")
        self.open_file_button.setToolTip(self.tr("Ouvre la fiche de l'élève sur le répondant concerné, "
                                                 "par exemple pour corriger son courriel"))
        self.open_file_button.clicked.connect(self._open_student_file)
        advice_layout.addWidget(self.open_file_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._shown: Diagnosis | None = None
        self.advice_frame.hide()
        right = QVBoxLayout()
        right.addWidget(self.verdict)
        right.addLayout(self.fields_grid)
        right.addWidget(self.advice_frame)
        right.addStretch(1)

        columns = QHBoxLayout()
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setFixedWidth(440)
        columns.addWidget(left_widget)
        columns.addSpacing(24)
        results = QWidget()
        results.setLayout(right)
        scroller = QScrollArea()  # long explanations scroll instead of widening the window
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(results)
        scroller.setAccessibleName(self.tr("Résultat du diagnostic"))
        scroller.viewport().setAutoFillBackground(False)
        results.setAutoFillBackground(False)
        columns.addWidget(scroller, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(title)
        layout.addWidget(notice_frame)
        layout.addSpacing(8)
        layout.addLayout(columns, 1)

    # -- loading --------------------------------------------------------------------------

    def _load_boards(self) -> None:
        directory = self.context.vitrail.directory
        self.context.runner.query(self, lambda _progress: directory.boards(), self._boards_loaded, self.failed.emit)

    def _boards_loaded(self, boards: list[BoardChoice]) -> None:
        chosen = self.board.currentData()
        self.board.clear()
        for board in boards:
            self.board.addItem(f"{board.code} — {board.name}", board.code)
        self.board.setCurrentIndex(max(0, self.board.findData(chosen)))

    def _data_changed(self, changes: Changes) -> None:
        """Students changed: the next diagnosis reads them again (the directory is a cache)."""
        if changes.students or changes.board:
            self.context.vitrail.accounts.forget_directory()
        if changes.board:
            self._load_boards()

    # -- running --------------------------------------------------------------------------

    def attempt(self) -> AssociationAttempt | None:
        """The form as an attempt; None (with a message) when the birth date cannot be read."""
        typed_date = self.birth_date.text().strip()
        birth: date | None = None
        if typed_date:
            try:
                birth = parse_date(typed_date, self.context.today())
            except UnreadableDate as unreadable:
                self._show_failure(self.tr("Date de naissance : {why}").format(why=unreadable))
                return None
        return AssociationAttempt(
            board_code=self.board.currentData() or "", last_name=self.last_name.text(),
            first_name=self.first_name.text(), birth_date=birth, fiche=self.fiche.text() or None,
            code_permanent=self.code_permanent.text() or None, nip=self.nip.text() or None,
            email=self.email.text() or None)

    def run(self) -> None:
        attempt = self.attempt()
        if attempt is None:
            return
        accounts = self.context.vitrail.accounts
        today = self.context.today()
        self.run_button.setEnabled(False)
        self._clear_results()
        self.verdict.setText(self.tr("Recherche en cours…"))
        self.context.runner.query(self, lambda _progress: accounts.diagnose(attempt, today),
                                  lambda diagnosis: self._show(attempt, diagnosis), self._not_diagnosed)

    def _not_diagnosed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.failed.emit(message)

    def clear(self) -> None:
        for widget in (self.last_name, self.first_name, self.birth_date, self.fiche, self.code_permanent,
                       self.nip, self.email):
            widget.clear()
        self._clear_results()
        self.verdict.clear()

    # -- showing --------------------------------------------------------------------------

    def _clear_results(self) -> None:
        while (item := self.fields_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.advice_frame.hide()

    def _show(self, attempt: AssociationAttempt, diagnosis: Diagnosis) -> None:
        self.run_button.setEnabled(True)
        self._clear_results()
        matched = diagnosis.outcome == MATCH
        self.verdict.setText(self.tr("Le portail associerait l'enfant.") if matched
                             else self.tr("Le portail refuserait l'association."))
        row = 0
        general = diagnosis.for_field("")
        for finding in general:
            row = self._add_row(row, "", not matched, finding.message)
        typed = self._typed_fields(attempt)
        for field_name in FIELDS:
            findings = diagnosis.for_field(field_name)
            if not findings and field_name not in typed:
                continue
            if not findings:
                row = self._add_row(row, field_name, False, self.tr("Conforme au dossier.") if diagnosis.student_id
                                    else self.tr("Non vérifié (aucun élève trouvé)."), neutral=not diagnosis.student_id)
            for finding in findings:
                row = self._add_row(row, field_name, True, finding.message)
        self.advice.setText(diagnosis.advice())
        self.advice_frame.setProperty("kind", "success" if matched else "warning")
        self.advice_frame.style().unpolish(self.advice_frame)
        self.advice_frame.style().polish(self.advice_frame)
        self._shown = diagnosis
        self.open_file_button.setVisible(diagnosis.student_id is not None)
        self.advice_frame.show()
        self.diagnosed.emit(diagnosis)

    def _open_student_file(self) -> None:
        """The student's file, on the guardian's row (and their email) when the attempt points to one."""
        diagnosis = self._shown
        if diagnosis is None or diagnosis.student_id is None:
            return
        target: dict[str, object] = {"student_id": diagnosis.student_id}
        if diagnosis.guardian_id is not None:
            target.update(guardian_id=diagnosis.guardian_id, field="email")
        self.context.navigate("students", **target)

    @staticmethod
    def _typed_fields(attempt: AssociationAttempt) -> set[str]:
        values = {"board": attempt.board_code, "last_name": attempt.last_name, "first_name": attempt.first_name,
                  "birth_date": attempt.birth_date, "fiche": attempt.fiche, "code_permanent": attempt.code_permanent,
                  "nip": attempt.nip, "email": attempt.email}
        return {name for name, value in values.items() if value}

    def _add_row(self, row: int, field_name: str, problem: bool, message: str, neutral: bool = False) -> int:
        style = self.style()
        icon = (QStyle.StandardPixmap.SP_MessageBoxInformation if neutral else
                QStyle.StandardPixmap.SP_MessageBoxCritical if problem else QStyle.StandardPixmap.SP_DialogApplyButton)
        picture = QLabel()
        picture.setPixmap(style.standardIcon(icon).pixmap(18, 18))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        caption = QLabel(self.field_labels[field_name])
        caption.setObjectName("field_caption")
        caption.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(message)
        text.setWordWrap(True)
        text.setObjectName(f"verdict_{field_name or 'student'}")
        self.fields_grid.addWidget(picture, row, 0)
        self.fields_grid.addWidget(caption, row, 1)
        self.fields_grid.addWidget(text, row, 2)
        return row + 1

    def _show_failure(self, message: str) -> None:
        self._clear_results()
        self.verdict.setText(message)
