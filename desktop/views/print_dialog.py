"""« Imprimer… »: a student's dossier as one viewer sees it — previewed, then printed or saved.

The PDF is rendered and rasterised in the background (``prepare_dossier``) and shown page by page. QtPdf is not
part of PySide6-Essentials, so pages are rasterised with PDFium (pypdfium2, a 4 MB wheel) instead
of pulling in PySide6-Addons. Printing draws the same rasterised pages at the printer's
resolution through the system's print dialog. Only printing or saving is audited — a preview
is not a printout.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import VitrailError
from desktop.services.reports.batch import (
    PreparedDossier,
    StudentRef,
    file_name,
    load_student_ref,
    prepare_dossier,
    record_printed,
    save_dossier,
)
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import ViewContext
from desktop.views.tasks import BackgroundTask

PREVIEW_DPI = 96
PRINT_DPI = 300


def page_image(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """One PDF page as a QImage (a deep copy: PDFium's buffer is freed with the bitmap)."""
    bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format_RGB888)
    return image.copy()


class PdfPages(QScrollArea):
    """A scrollable column of the pages of a PDF, as a reader sees them on paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_pages")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignHCenter)
        self.setStyleSheet("#pdf_pages { background: #6b7280; }")
        self._holder = QWidget()
        self._holder.setStyleSheet("background: #6b7280;")
        self._layout = QVBoxLayout(self._holder)
        self._layout.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._holder)
        self.page_count = 0

    def show_pages(self, images: list[QImage]) -> None:
        while self._layout.count():
            self._layout.takeAt(0).widget().deleteLater()
        self.page_count = len(images)
        for index, image in enumerate(images):
            page = QLabel()
            page.setObjectName(f"pdf_page_{index + 1}")
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("border: 1px solid #374151;")
            self._layout.addWidget(page)


def page_images(data: bytes, dpi: float) -> list[QImage]:
    """Every page of a PDF as an image (QImage, unlike QPixmap, may be made off the GUI thread)."""
    document = pdfium.PdfDocument(data)
    try:
        return [page_image(document, index, dpi) for index in range(len(document))]
    finally:
        document.close()


def print_pdf(data: bytes, printer: QPrinter) -> None:
    """Send every page to ``printer``, each scaled to the printable area, aspect kept."""
    document = pdfium.PdfDocument(data)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise VitrailError("L'imprimante n'a pas pu être ouverte.")
    try:
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = page_image(document, index, PRINT_DPI)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
        document.close()


class PrintDialog(QDialog):
    """Preview, print or save one student's dossier for one viewer."""

    printed = Signal(str)  # what it was sent to: a file name or a printer name
    rendered = Signal()

    def __init__(self, context: ViewContext, student: StudentRef, viewer: ViewerSpec, on: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.student = student
        self.viewer = viewer
        self.on = on or context.today()
        self.prepared: PreparedDossier | None = None
        self._task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Imprimer le dossier de {name}").format(name=student.name))
        self.resize(900, 940)

        self.summary = QLabel(self.tr("Préparation du dossier…"))
        self.summary.setObjectName("print_summary")
        self.summary.setWordWrap(True)
        self.withheld = QCheckBox(self.tr("Ajouter une dernière page pour la direction : éléments retenus et pourquoi"))
        self.withheld.toggled.connect(lambda _checked: self.render())
        self.pages = PdfPages()
        self.print_button = QPushButton(self.tr("Imprimer…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Enregistrer en PDF…"))
        close = QPushButton(self.tr("Fermer"))
        self.print_button.clicked.connect(self.print_to_printer)
        self.save_button.clicked.connect(lambda: self.save())
        close.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.withheld, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._set_ready(False)
        self.render()

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.withheld.setEnabled(ready)

    def render(self) -> None:
        """Render the PDF in the background; the dialog stays responsive."""
        self._set_ready(False)
        database, student, viewer, on = self.context.database, self.student, self.viewer, self.on
        withheld, today = self.withheld.isChecked(), self.context.today()
        def work(_control: object) -> tuple[PreparedDossier, list[QImage]]:
            prepared = prepare_dossier(database, student.id, viewer, on, withheld_page=withheld, printed_on=today)
            return prepared, page_images(prepared.data, PREVIEW_DPI)

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._show)
        task.failed.connect(self._failed)
        self._task = task
        task.start()

    def _show(self, outcome: tuple[PreparedDossier, list[QImage]]) -> None:
        prepared, images = outcome
        self.prepared = prepared
        self.pages.show_pages(images)
        self.summary.setText(self.tr("Dossier de {name} (fiche {fiche}) préparé pour {viewer} — {pages} page(s).").format(
            name=self.student.name, fiche=self.student.fiche, viewer=prepared.view.viewer.label, pages=prepared.pages))
        self._set_ready(True)
        self.rendered.emit()

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        QMessageBox.warning(self, self.tr("Impression impossible"), message)

    def print_to_printer(self) -> None:
        if self.prepared is None:
            return
        printer = QPrinter(QPrinter.HighResolution)
        printer.setDocName(self.tr("Dossier {fiche}").format(fiche=self.student.fiche))
        if QPrintDialog(printer, self).exec() != QDialog.Accepted:
            return
        try:
            print_pdf(self.prepared.data, printer)
            output = self.tr("imprimante {name}").format(name=printer.printerName() or printer.outputFileName())
            record_printed(self.context.database, self.prepared.view, output)
        except VitrailError as exc:
            QMessageBox.warning(self, self.tr("Impression impossible"), str(exc))
            return
        self.printed.emit(output)

    def save(self, target: str | None = None) -> Path | None:
        """Save the PDF (asks where unless ``target`` is given); audited like a printout."""
        if self.prepared is None:
            return None
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer le dossier"), file_name(self.student),
                                                    self.tr("Documents PDF (*.pdf)"))
            if not target:
                return None
        try:
            path = save_dossier(self.context.database, self.prepared, Path(target))
        except VitrailError as exc:
            QMessageBox.warning(self, self.tr("Enregistrement impossible"), str(exc))
            return None
        self.printed.emit(path.name)
        return path


def open_print_dialog(context: ViewContext, student_id: int, viewer: ViewerSpec, on: date | None = None,
                      parent: QWidget | None = None) -> PrintDialog:
    """What an « Imprimer… » button calls (student file, Aperçu page): the dialog, shown modeless."""
    with context.database.sessions() as session:
        student = load_student_ref(session, student_id)
    dialog = PrintDialog(context, student, viewer, on, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog
