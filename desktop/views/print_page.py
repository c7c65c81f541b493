"""The « Impression » page: print the dossiers of a group, a school or a selection for one viewer.

Everything goes through the façade on the operation runner: the lists of schools, groups and
viewers are read in the background, and so is the batch (``vitrail.printing.batch``). The batch
reports to the page's own progress bar, with the time left, through the runner's ``Progress``;
« Annuler » cancels that progress, and the batch stops after the dossier being rendered and
leaves no file behind. The window stays usable throughout: no modal dialog, no busy cursor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent, QStandardItemModel
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

from desktop.services.facade import viewer_right
from desktop.services.formatting import format_duration
from desktop.services.reports.batch import (
    BatchProgress,
    BatchResult,
    BatchViewerChoice,
    GroupChoice,
    SchoolChoice,
    Selection,
)
from desktop.views.context import ViewContext
from desktop.views.operations import Operation, Progress


class PrintPage(QWidget):
    """Batch printing of dossiers."""

    finished = Signal(object)  # once the form is usable again: BatchResult, or None (cancelled, failed)
    lists_loaded = Signal()    # the chosen school's groups and viewers are in their lists

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operation: Operation[BatchResult] | None = None  # the batch being printed
        self._printing = False
        self._lists_request = 0  # the latest school whose groups and viewers were asked for
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
        self.withheld = QCheckBox(self.tr(
            "Produire aussi, dans un fichier à part, le rapport « Éléments retenus » pour la direction"))
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
        self._confirmed_output: str | None = None
        self.output.setObjectName("output")
        self.output.setPlaceholderText(self.tr("Fichier PDF ou dossier de destination"))
        self.output.returnPressed.connect(self.start)  # Entrée in the destination prints, as « Imprimer »
        self.browse_button = QPushButton(self.tr("Parcourir…"))
        self.browse_button.clicked.connect(self._browse)
        kinds = QHBoxLayout()
        kinds.addWidget(self.one_pdf)
        kinds.addWidget(self.per_student)
        kinds.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(self.browse_button)
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
        self.progress.setTextVisible(False)  # "0 / 100" before any batch would mean nothing
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
        directory = self.context.vitrail.directory
        self.context.runner.query(self, lambda _progress: directory.schools(), self._schools_loaded,
                                  self._show_failure)

    def _schools_loaded(self, schools: list[SchoolChoice]) -> None:
        self.school.clear()  # the first school becomes current: its groups and viewers are loaded next
        for school in schools:
            self.school.addItem(f"{school.code} — {school.name}", school.code)

    def _school_changed(self) -> None:
        """Read the school's groups and viewers in the background; only the latest school's are shown."""
        self._lists_request += 1
        request, code = self._lists_request, self.school.currentData()
        directory, printing, today = self.context.vitrail.directory, self.context.vitrail.printing, self.context.today()

        def work(_progress: Progress) -> tuple[list[GroupChoice], list[BatchViewerChoice]]:
            return (directory.groups(code, today) if code else []), printing.viewer_choices(code)

        self.context.runner.query(self, work, lambda lists: self._lists_loaded(request, *lists), self._show_failure)

    def _lists_loaded(self, request: int, groups: list[GroupChoice], viewers: list[BatchViewerChoice]) -> None:
        if request != self._lists_request:
            return  # another school was chosen meanwhile
        self.group.clear()
        for group in groups:
            self.group.addItem(self.tr("{code} ({count} élèves)").format(code=group.code, count=group.students),
                               group.code)
        previous = self.viewer.currentText()
        self.viewer.clear()
        model = self.viewer.model()
        allowed: list[int] = []
        for position, choice in enumerate(viewers):
            self.viewer.addItem(choice.label, choice.spec)
            refusal = self.context.refusal(viewer_right(choice.spec))
            if refusal and isinstance(model, QStandardItemModel) and (item := model.item(position)) is not None:
                item.setEnabled(False)  # greyed, the reason on hover
                item.setToolTip(refusal)
            else:
                allowed.append(position)
        wanted = self.viewer.findText(previous) if previous else -1
        self.viewer.setCurrentIndex(wanted if wanted in allowed else (allowed[0] if allowed else -1))
        self.lists_loaded.emit()

    def _browse(self) -> None:
        if self.one_pdf.isChecked():
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer les dossiers"), "dossiers.pdf",
                                                  self.tr("Documents PDF (*.pdf)"))
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Dossier de destination"))
        if path:
            self.output.setText(path)
            # The save dialog asked before choosing an existing PDF: replacing it is then wanted.
            self._confirmed_output = path if self.one_pdf.isChecked() else None

    def showEvent(self, event: QShowEvent) -> None:
        """« La sélection » is the Élèves page's selection, whenever the page is shown."""
        super().showEvent(event)
        if not self._printing and tuple(self.context.selected_students) != self.selected_ids:
            self._take_selection(tuple(self.context.selected_students), choose=False)

    def show_target(self, student_ids: tuple[int, ...] = (), **_target: object) -> None:
        """Open on a selection of students (from the students page), chosen."""
        self._take_selection(tuple(student_ids), choose=True)

    def _take_selection(self, student_ids: tuple[int, ...], *, choose: bool) -> None:
        self.selected_ids = student_ids
        self.by_selection.setEnabled(bool(student_ids))
        if choose and student_ids:
            self.by_selection.setChecked(True)
        elif not student_ids and self.by_selection.isChecked():
            self.by_group.setChecked(True)
        self.selection_label.setText(
            self.tr("{count} élève(s) sélectionné(s) dans la page Élèves.").format(count=len(student_ids))
            if student_ids else self.tr("Aucune sélection : choisissez des élèves dans la page Élèves."))

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
        if self.viewer.currentData() is None:
            self.status.setText(self.tr("Choisissez d'abord le lecteur."))
            return
        if self.by_group.isChecked() and self.group.currentData() is None:
            self.status.setText(self.tr("Choisissez d'abord le groupe."))
            return
        target = Path(text)
        pdf, directory = (target, None) if self.one_pdf.isChecked() else (None, target)
        # Never replaced silently: only a PDF the save dialog asked about (issue 13).
        overwrite = self.one_pdf.isChecked() and text == self._confirmed_output
        selection, viewer = self.selection(), self.viewer.currentData()
        printing, on, withheld = self.context.vitrail.printing, self.context.today(), self.withheld.isChecked()

        def work(progress: Progress) -> BatchResult:
            def report(update: BatchProgress) -> None:
                progress.report(update.done, update.total, update.text())

            # « Annuler » cancels ``progress``: the batch stops before the next dossier and removes
            # what it wrote (the result then says cancelled).
            return printing.batch(selection, viewer, on, pdf=pdf, directory=directory, withheld_page=withheld,
                                  progress=report, should_stop=lambda: progress.cancelled, overwrite=overwrite)

        self._running(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Préparation…"))
        operation = self.context.runner.query(self, work, self._succeeded, self._failed,
                                              on_cancelled=self._cancelled, on_progress=self._progressed)
        self.operation = operation if self._printing else None  # a synchronous runner has finished already

    def cancel(self) -> None:
        if self.operation is not None:
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Annulation…"))
            self.operation.cancel()

    def _running(self, running: bool) -> None:
        self._printing = running
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for widget in (self.school, self.viewer, self.output, self.browse_button, self.withheld, self.by_group,
                       self.by_school, self.one_pdf, self.per_student):
            widget.setEnabled(not running)
        self.group.setEnabled(not running and self.by_group.isChecked())
        self.by_selection.setEnabled(not running and bool(self.selected_ids))

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setTextVisible(True)
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        if self.operation is None or not self.operation.progress.cancelled:
            self.status.setText(label)

    def _succeeded(self, result: BatchResult) -> None:
        if result.cancelled:
            self._cancelled()
            return
        where = result.files[0] if len(result.files) == 1 else self.output.text()
        self.progress.setMaximum(max(result.students, 1))
        self.progress.setValue(result.students)
        self.status.setText(self.tr("{students} dossier(s), {pages} page(s) imprimés en {duration} → {where}")
                            .format(students=result.students, pages=result.pages,
                                    duration=format_duration(result.seconds), where=where))
        self._done(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self._done(None)

    def _cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Impression annulée : aucun fichier n'a été conservé."))
        self._done(None)

    def _done(self, outcome: BatchResult | None) -> None:
        self._running(False)
        self.operation = None
        self.finished.emit(outcome)

    def _show_failure(self, message: str) -> None:
        self.status.setText(message)
