"""The « Impression » page: print the dossiers of a group, a school or a selection for one viewer.

The batch runs in the background (``print_batch`` on a ``BackgroundTask``): a progress bar with
the time left, and « Annuler », which stops after the dossier being rendered and leaves no file
behind. The window stays responsive throughout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.reports.batch import (
    BatchProgress,
    BatchResult,
    Selection,
    batch_viewer_choices,
    list_groups,
    list_schools,
    print_batch,
)
from desktop.views.context import ViewContext
from desktop.views.tasks import BackgroundTask, TaskControl


class PrintPage(QWidget):
    """Batch printing of dossiers."""

    finished = Signal(object)  # once the form is usable again: BatchResult, or None (cancelled, failed)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("PrintPage", "Impression")

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
        self._outcome: BatchResult | None = None
        self.selected_ids: tuple[int, ...] = ()

        heading = QLabel(self.tr("Impression de dossiers"))
        heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        intro = QLabel(self.tr("Chaque dossier est imprimé tel que le lecteur choisi le voit : rien de ce qui lui "
                               "est masqué n'est imprimé, et chaque page le dit."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self._selection_box())
        layout.addWidget(self._viewer_box())
        layout.addWidget(self._output_box())
        layout.addLayout(self._run_row())
        layout.addStretch(1)
        self._load_schools()

    # ------------------------------------------------------------------ form

    def _selection_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Élèves"))
        self.by_group = QRadioButton(self.tr("Un groupe"))
        self.by_school = QRadioButton(self.tr("Toute l'école"))
        self.by_selection = QRadioButton(self.tr("La sélection"))
        self.by_group.setChecked(True)
        self.selection_kind = QButtonGroup(self)
        for button in (self.by_group, self.by_school, self.by_selection):
            self.selection_kind.addButton(button)
        self.by_selection.setEnabled(False)
        self.school = QComboBox()
        self.school.setObjectName("school")
        self.school.currentIndexChanged.connect(self._school_changed)
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.by_group.toggled.connect(self.group.setEnabled)
        self.selection_label = QLabel(self.tr("Aucune sélection : choisissez des élèves dans la page Élèves."))
        self.selection_label.setStyleSheet("color: #555;")
        kinds = QHBoxLayout()
        for button in (self.by_group, self.by_school, self.by_selection):
            kinds.addWidget(button)
        kinds.addStretch(1)
        form = QFormLayout(box)
        form.addRow(kinds)
        form.addRow(self.tr("École"), self.school)
        form.addRow(self.tr("Groupe"), self.group)
        form.addRow(self.selection_label)
        return box

    def _viewer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Imprimé pour"))
        self.viewer = QComboBox()
        self.viewer.setObjectName("viewer")
        self.withheld = QCheckBox(self.tr("Ajouter une dernière page pour la direction : éléments retenus et pourquoi"))
        form = QFormLayout(box)
        form.addRow(self.tr("Lecteur"), self.viewer)
        form.addRow(self.withheld)
        return box

    def _output_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Résultat"))
        self.one_pdf = QRadioButton(self.tr("Un seul PDF"))
        self.per_student = QRadioButton(self.tr("Un PDF par élève (n° de fiche et nom)"))
        self.one_pdf.setChecked(True)
        self.output = QLineEdit()
        self.output.setObjectName("output")
        self.output.setPlaceholderText(self.tr("Fichier PDF ou dossier de destination"))
        browse = QPushButton(self.tr("Parcourir…"))
        browse.clicked.connect(self._browse)
        kinds = QHBoxLayout()
        kinds.addWidget(self.one_pdf)
        kinds.addWidget(self.per_student)
        kinds.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(browse)
        form = QFormLayout(box)
        form.addRow(kinds)
        form.addRow(self.tr("Destination"), where)
        return box

    def _run_row(self) -> QVBoxLayout:
        self.start_button = QPushButton(self.tr("Imprimer"))
        self.start_button.setObjectName("start")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v / %m")
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        column = QVBoxLayout()
        column.addLayout(buttons)
        column.addWidget(self.status)
        return column

    def _load_schools(self) -> None:
        with self.context.database.sessions() as session:
            schools = list_schools(session)
        for school in schools:
            self.school.addItem(f"{school.code} — {school.name}", school.code)

    def _school_changed(self) -> None:
        code = self.school.currentData()
        with self.context.database.sessions() as session:
            groups = list_groups(session, code, self.context.today()) if code else []
            viewers = batch_viewer_choices(session, code)
        self.group.clear()
        for group in groups:
            self.group.addItem(self.tr("{code} ({count} élèves)").format(code=group.code, count=group.students),
                               group.code)
        previous = self.viewer.currentText()
        self.viewer.clear()
        for choice in viewers:
            self.viewer.addItem(choice.label, choice.spec)
        if previous:
            self.viewer.setCurrentIndex(max(0, self.viewer.findText(previous)))

    def _browse(self) -> None:
        if self.one_pdf.isChecked():
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer les dossiers"), "dossiers.pdf",
                                                  self.tr("Documents PDF (*.pdf)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Dossier de destination"))
        if path:
            self.output.setText(path)

    def show_target(self, student_ids: tuple[int, ...] = (), **_target: object) -> None:
        """Open on a selection of students (from the students page)."""
        self.selected_ids = tuple(student_ids)
        self.by_selection.setEnabled(bool(self.selected_ids))
        self.by_selection.setChecked(bool(self.selected_ids))
        self.selection_label.setText(self.tr("{count} élève(s) sélectionné(s).").format(count=len(self.selected_ids)))

    def selection(self) -> Selection:
        if self.by_selection.isChecked():
            return Selection(student_ids=self.selected_ids)
        school = self.school.currentData()
        if self.by_school.isChecked():
            return Selection(school_code=school)
        return Selection(group_code=self.group.currentData(), school_code=school)

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        text = self.output.text().strip()
        if not text:
            self.status.setText(self.tr("Choisissez d'abord la destination."))
            return
        target = Path(text)
        pdf, directory = (target, None) if self.one_pdf.isChecked() else (None, target)
        selection, viewer = self.selection(), self.viewer.currentData()
        database, on, withheld = self.context.database, self.context.today(), self.withheld.isChecked()

        def work(control: TaskControl) -> BatchResult:
            def progress(update: BatchProgress) -> None:
                control.progress(update.done, update.total, update.text())
                control.check()  # « Annuler »: raises, and print_batch removes what it wrote
            return print_batch(database, selection, viewer, on, pdf=pdf, directory=directory,
                               withheld_page=withheld, printed_on=on, progress=progress)

        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.was_cancelled.connect(self._cancelled)
        self.task.finished.connect(self._done)
        self._running(True)
        self.status.setText(self.tr("Préparation…"))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Annulation…"))
            self.task.cancel()

    def _running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for widget in (self.school, self.group, self.viewer, self.output, self.withheld):
            widget.setEnabled(not running and (widget is not self.group or self.by_group.isChecked()))

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(label)

    def _succeeded(self, result: BatchResult) -> None:
        where = result.files[0] if len(result.files) == 1 else self.output.text()
        self.status.setText(self.tr("{students} dossier(s), {pages} page(s) imprimés en {seconds:.1f} s → {where}")
                            .format(students=result.students, pages=result.pages, seconds=result.seconds, where=where))
        self._outcome = result

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Impression annulée : aucun fichier n'a été conservé."))

    def _done(self) -> None:
        self._running(False)
        self.task = None
        outcome, self._outcome = self._outcome, None
        self.finished.emit(outcome)
