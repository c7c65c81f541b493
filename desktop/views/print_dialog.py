"""« Imprimer… »: a student's dossier as one viewer sees it — previewed, then printed or saved.

The PDF is rendered and rasterised in the background, through the façade on the operation
runner (``vitrail.printing.prepare``), and shown page by page; saving and the audit of a
printout go through the runner too, so the dialog never waits on the database. QtPdf is not
part of PySide6-Essentials, so pages are rasterised with PDFium (pypdfium2, a 4 MB wheel) instead
of pulling in PySide6-Addons. Printing draws the same rasterised pages at the printer's
resolution through the system's print dialog. Only printing or saving is audited — a preview
is not a printout.

Printing keeps text as text: where CUPS runs (Linux, macOS) the PDF itself goes to the queue the
person chose in the system dialog (``reports.printing``: ``lp`` with Letter and 100 % said
explicitly), so the spool is the PDF, not 300-dpi images. Elsewhere (Windows, or a printer CUPS
does not know) the pages are drawn through QPrinter at the printer's own resolution, at their
real size (100 %), unless « Ajuster à la page » is ticked. "Print to file" writes the PDF itself
and offers « Ouvrir le PDF ».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter, QPixmap
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
from desktop.services.formatting import de
from desktop.services.reports.batch import PreparedDossier, StudentRef, file_name
from desktop.services.reports.printing import (
    PrintJob,
    PrintOptions,
    cups_available,
    cups_queues,
    print_pdf_with_cups,
)
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import ViewContext
from desktop.views.operations import Progress

PREVIEW_DPI = 96
MAX_PRINT_DPI = 600  # a Letter page at 1,200 dpi would be a 130 MB image: 600 is finer than toner


def page_image(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """One PDF page as a QImage (a deep copy: PDFium's buffer is freed with the bitmap)."""
    bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()


class PdfPages(QScrollArea):
    """A scrollable column of the pages of a PDF, as a reader sees them on paper."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_pages")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("#pdf_pages { background: #6b7280; }")
        self._holder = QWidget()
        self._holder.setStyleSheet("background: #6b7280;")
        self._layout = QVBoxLayout(self._holder)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._holder)
        self.page_count = 0

    def show_pages(self, images: list[QImage]) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
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


def print_pdf(data: bytes, printer: QPrinter, *, fit_to_page: bool = False) -> None:
    """Draw every page on ``printer`` (the fallback where the PDF cannot be sent as is).

    Pages are rendered at the printer's resolution (at most ``MAX_PRINT_DPI``) and placed at their
    real size from the paper's corner (100 %); with ``fit_to_page`` each is scaled into the
    printable area instead, aspect kept.
    """
    document = pdfium.PdfDocument(data)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise VitrailError("L'imprimante n'a pas pu être ouverte.")
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        device_dpi = printer.resolution()
        layout = printer.pageLayout()
        paper = layout.fullRectPixels(device_dpi)
        printable = layout.paintRectPixels(device_dpi)
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = page_image(document, index, dpi)
            if fit_to_page:
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
                continue
            width_pt, height_pt = document[index].get_size()
            # The painter's origin is the printable area's corner: step back to the paper's.
            painter.drawImage(QRectF(paper.x() - printable.x(), paper.y() - printable.y(),
                                     width_pt / 72 * device_dpi, height_pt / 72 * device_dpi), image)
    finally:
        painter.end()
        document.close()


def options_of(printer: QPrinter, *, fit_to_page: bool) -> PrintOptions:
    """What the person chose in the system dialog, as ``lp`` options (paper, copies, two-sided)."""
    paper = printer.pageLayout().pageSize().key() or "Letter"
    return PrintOptions(paper=paper, fit_to_page=fit_to_page, copies=max(1, printer.copyCount()),
                        duplex=printer.duplex() != QPrinter.DuplexMode.DuplexNone)


def letter_printer() -> QPrinter:
    """A printer set for a Quebec school: Letter, portrait, the page's own margins (100 %)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


@dataclass(frozen=True)
class RenderedDossier:
    """What the background rendering hands back: the student, the PDF and its pages as images."""

    student: StudentRef
    prepared: PreparedDossier
    images: list[QImage]


class PrintDialog(QDialog):
    """Preview, print or save one student's dossier for one viewer.

    ``student`` is a ``StudentRef``, or only the student's id: the dialog then opens at once and
    reads who the student is in the background, with the dossier.
    """

    printed = Signal(str)  # what it was sent to: a file name or a printer name
    rendered = Signal()
    failed = Signal(str)

    def __init__(self, context: ViewContext, student: StudentRef | int, viewer: ViewerSpec, on: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.student = student if isinstance(student, StudentRef) else None
        self.student_id = student.id if isinstance(student, StudentRef) else student
        self.viewer = viewer
        self.on = on or context.today()
        self.prepared: PreparedDossier | None = None
        self._render_request = 0  # the latest rendering asked for; older ones are dropped
        self._set_title()
        self.resize(900, 660)  # fits a 1,366 × 768 school laptop; the pages scroll

        self.summary = QLabel(self.tr("Préparation du dossier…"))
        self.summary.setObjectName("print_summary")
        self.summary.setWordWrap(True)
        self.withheld = QCheckBox(self.tr(
            "Produire aussi, dans un fichier à part, le rapport « Éléments retenus » pour la direction"))
        self.withheld.toggled.connect(lambda _checked: self.render_preview())
        self.fit_to_page = QCheckBox(self.tr("Ajuster à la page"))
        self.fit_to_page.setToolTip(self.tr("Sans cette case, le dossier s'imprime à 100 %, sur du papier Lettre "
                                            "sauf si vous en choisissez un autre."))
        self.open_pdf_button = QPushButton(self.tr("Ouvrir le PDF"))
        self.open_pdf_button.setObjectName("open_pdf")
        self.open_pdf_button.hide()
        self.open_pdf_button.clicked.connect(self.open_saved_pdf)
        self.saved_path: Path | None = None
        self.last_job: PrintJob | None = None  # the CUPS job of the last printout
        self.pages = PdfPages()
        self.print_button = QPushButton(self.tr("Imprimer…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Enregistrer en PDF…"))
        close = QPushButton(self.tr("Fermer"))
        self.print_button.clicked.connect(self.print_to_printer)
        self.save_button.clicked.connect(lambda: self.save())
        close.clicked.connect(self.reject)
        self.failed.connect(self._show_failure)

        buttons = QHBoxLayout()
        buttons.addWidget(self.withheld, 1)
        buttons.addWidget(self.fit_to_page)
        buttons.addWidget(self.open_pdf_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._set_ready(False)
        self.render_preview()

    def _set_title(self) -> None:
        if self.student is None:
            self.setWindowTitle(self.tr("Imprimer le dossier"))
        else:
            self.setWindowTitle(self.tr("Imprimer le dossier {of_name}").format(of_name=de(self.student.name)))

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.withheld.setEnabled(ready)

    def render_preview(self) -> None:
        """Render the PDF in the background; the dialog stays responsive.

        Not named ``render``: that is QWidget's own method (paint into a device), used by Qt.
        """
        self._set_ready(False)
        self._render_request += 1
        request = self._render_request
        vitrail, known, student_id = self.context.vitrail, self.student, self.student_id
        viewer, on, withheld = self.viewer, self.on, self.withheld.isChecked()

        def work(_progress: Progress) -> RenderedDossier:
            student = known or vitrail.directory.student(student_id)
            prepared = vitrail.printing.prepare(student.id, viewer, on, withheld_page=withheld)
            return RenderedDossier(student, prepared, page_images(prepared.data, PREVIEW_DPI))

        self.context.runner.query(self, work, lambda rendered: self._show(request, rendered), self._not_rendered)

    def _show(self, request: int, rendered: RenderedDossier) -> None:
        if request != self._render_request:
            return  # the withheld page was toggled meanwhile: a newer rendering is on its way
        self.student, self.prepared = rendered.student, rendered.prepared
        self._set_title()
        self.pages.show_pages(rendered.images)
        self.summary.setText(self.tr("Dossier {of_name} (fiche {fiche}) préparé pour {viewer} — {pages} page(s).")
                             .format(of_name=de(self.student.name), fiche=self.student.fiche,
                                     viewer=self.prepared.view.viewer.label, pages=self.prepared.pages))
        self._set_ready(True)
        self.rendered.emit()

    def _not_rendered(self, message: str) -> None:
        self.summary.setText(message)
        self.failed.emit(message)

    def _show_failure(self, message: str) -> None:
        if self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Impression impossible"), message,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def print_to_printer(self) -> None:
        """The system's print dialog (Letter by default), then ``send_to_printer``."""
        if self.prepared is None or self.student is None:
            return
        printer = letter_printer()
        printer.setDocName(self.tr("Dossier {fiche}").format(fiche=self.student.fiche))
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.send_to_printer(printer)

    def send_to_printer(self, printer: QPrinter) -> None:
        """Print to a file (the PDF itself), to a CUPS queue (the PDF itself), or draw the pages (fallback).

        Audited once the print system has the job.
        """
        if self.prepared is None or self.student is None:
            return
        if printer.outputFileName():
            self.save(printer.outputFileName())
            return
        queue, data = printer.printerName(), self.prepared.data
        options = options_of(printer, fit_to_page=self.fit_to_page.isChecked())
        title = printer.docName() or file_name(self.student)
        if queue and cups_available() and queue in cups_queues():
            self.context.runner.query(self, lambda _progress: print_pdf_with_cups(data, queue, options, title),
                                      self._queued, self.failed.emit)
            return
        try:
            print_pdf(data, printer, fit_to_page=options.fit_to_page)
        except VitrailError as exc:
            self.failed.emit(str(exc))
            return
        self.record_printed(self.tr("imprimante {name}").format(name=queue))

    def _queued(self, job: PrintJob) -> None:
        self.last_job = job
        self.record_printed(self.tr("imprimante {name}").format(name=job.queue))

    def open_saved_pdf(self) -> None:
        """« Ouvrir le PDF »: the file just written, in the system's PDF reader."""
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path)))

    def _saved(self, path: Path) -> None:
        self.saved_path = path
        self.open_pdf_button.show()
        self.printed.emit(path.name)

    def record_printed(self, output: str) -> None:
        """Audit the printout sent to ``output``; ``printed`` once it is recorded."""
        if self.prepared is None:
            return
        printing, prepared = self.context.vitrail.printing, self.prepared
        self.context.runner.query(self, lambda _progress: printing.record_printed(prepared, output),
                                  lambda _none: self.printed.emit(output), self.failed.emit)

    def save(self, target: str | None = None) -> None:
        """Save the PDF in the background (asks where unless ``target`` is given); audited like a printout.

        ``printed`` gives the file's name once it is written.
        """
        if self.prepared is None or self.student is None:
            return
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, self.tr("Enregistrer le dossier"), file_name(self.student),
                                                    self.tr("Documents PDF (*.pdf)"))
            if not target:
                return
        printing, prepared, path = self.context.vitrail.printing, self.prepared, Path(target)
        self.context.runner.query(self, lambda _progress: printing.save(prepared, path),
                                  self._saved, self.failed.emit)


def open_print_dialog(context: ViewContext, student: StudentRef | int, viewer: ViewerSpec, on: date | None = None,
                      parent: QWidget | None = None) -> PrintDialog:
    """What an « Imprimer… » button calls (student file, Aperçu page): the dialog, shown modeless.

    ``student`` may be just the id: the dialog opens at once and reads the student in the background.
    """
    dialog = PrintDialog(context, student, viewer, on, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
