"""Printing that keeps text as text: the PDF itself to CUPS, Letter at 100 %, « Ouvrir le PDF »."""

from __future__ import annotations

import os
import pwd
import subprocess
from pathlib import Path

import pypdf
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select

from desktop.models import Student
from desktop.services.facade import Vitrail
from desktop.services.reports.batch import prepare_dossier
from desktop.services.reports.printing import (
    PrintFailed,
    PrintOptions,
    cups_available,
    cups_queues,
    lp_command,
    print_pdf_with_cups,
)
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import build_context
from desktop.views.operations import SynchronousRunner
from desktop.views.print_dialog import letter_printer, open_print_dialog, print_pdf

from conftest import TODAY

DIRECTION = ViewerSpec.abstract("direction")
LETTER = (612.0, 792.0)
QUEUE = os.environ.get("VITRAIL_TEST_PDF_QUEUE", "PDF")  # cups-pdf's queue (created by .ci/run)


def _cups_pdf_queue() -> str:
    """The cups-pdf queue, or skip saying exactly what is missing."""
    if not cups_available():
        pytest.skip("CUPS is not running here (no lp/lpstat, or `lpstat -r` says the scheduler is not running): "
                    "install cups and printer-driver-cups-pdf and start cupsd (.ci/run does)")
    if QUEUE not in cups_queues():
        pytest.skip(f"CUPS runs but has no « {QUEUE} » queue: lpadmin -p {QUEUE} -v cups-pdf:/ -E "
                    "-m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd (.ci/run does)")
    return QUEUE


@pytest.fixture
def eight_pages(demo_db):
    """The first demo student whose dossier, as the principal sees it, is 8 pages long."""
    with demo_db.sessions() as session:
        ids = session.scalars(select(Student.id).order_by(Student.id)).all()
    for student_id in ids:
        prepared = prepare_dossier(demo_db, student_id, DIRECTION, TODAY)
        if prepared.pages == 8:
            return student_id, prepared
    pytest.fail("the demo board has no 8-page dossier any more")


def _letter_pages(path: Path) -> list:
    pages = pypdf.PdfReader(path).pages
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(LETTER, abs=1)
    return pages


def test_lp_is_asked_for_letter_at_100_percent_unless_chosen_otherwise(tmp_path):
    command = lp_command(tmp_path / "d.pdf", "Secretariat", PrintOptions(), "Dossier 1234567")
    assert command[:3] == ["lp", "-d", "Secretariat"]
    assert "media=Letter" in command and "fit-to-page=false" in command and "print-scaling=none" in command
    chosen = lp_command(tmp_path / "d.pdf", "Q", PrintOptions(paper="Legal", fit_to_page=True, copies=2), "t")
    assert "media=Legal" in chosen and "print-scaling=fit" in chosen and chosen[chosen.index("-n") + 1] == "2"
    assert command[-1] == str(tmp_path / "d.pdf") and command[-2] == "--"


def test_the_fallback_draws_at_the_printer_resolution_on_letter(qapp, eight_pages, tmp_path):
    _, prepared = eight_pages
    printer = letter_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "repli.pdf"))
    print_pdf(prepared.data, printer)
    assert len(_letter_pages(tmp_path / "repli.pdf")) == 8


def test_print_to_file_writes_the_pdf_itself_and_offers_to_open_it(qtbot, demo_db, eight_pages, tmp_path,
                                                                  monkeypatch):
    student_id, prepared = eight_pages
    context = build_context(Vitrail(demo_db), SynchronousRunner())
    dialog = open_print_dialog(context, student_id, DIRECTION)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    assert not dialog.open_pdf_button.isVisible() and not dialog.fit_to_page.isChecked()
    printer = letter_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "fichier.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=10000):
        dialog.send_to_printer(printer)
    pages = _letter_pages(tmp_path / "fichier.pdf")
    assert "fiche" in pages[0].extract_text()                          # text, not pictures of text
    assert (tmp_path / "fichier.pdf").stat().st_size < 2 * len(dialog.prepared.data)
    assert dialog.open_pdf_button.isVisible()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.open_pdf_button.click()
    assert opened == [str(tmp_path / "fichier.pdf")]
    shots = os.environ.get("VITRAIL_SHOTS")
    if shots:
        dialog.grab().save(os.path.join(shots, "print_dialog_open_pdf.png"))


def test_an_unknown_queue_is_refused_in_french():
    if not cups_available():
        pytest.skip("CUPS is not running here")
    with pytest.raises(PrintFailed) as refused:
        print_pdf_with_cups(b"%PDF-1.4\n%%EOF\n", "file_d_attente_qui_n_existe_pas")
    assert "a refusé le document" in str(refused.value)


def _cups_pdf_output(job_id: str) -> Path | None:
    """The file cups-pdf wrote for ``job_id`` (in ~/PDF of the user who printed)."""
    number = job_id.rsplit("-", 1)[-1]
    folder = Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"
    found = sorted(folder.glob(f"*job_{number}.pdf")) if folder.is_dir() else []
    return found[0] if found else None


def _job_done(job_id: str) -> bool:
    done = subprocess.run(["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C"}).stdout
    return any(line.split()[:1] == [job_id] for line in done.splitlines())


def test_an_eight_page_dossier_printed_to_cups_stays_text_on_letter(qtbot, demo_db, eight_pages):
    """The issue's measure: the spool (cups-pdf's output) under twice the PDF, text selectable, Letter."""
    queue = _cups_pdf_queue()
    student_id, prepared = eight_pages
    context = build_context(Vitrail(demo_db), SynchronousRunner())
    dialog = open_print_dialog(context, student_id, DIRECTION)
    qtbot.addWidget(dialog)
    printer = letter_printer()
    printer.setPrinterName(queue)
    if printer.printerName() != queue:
        pytest.skip(f"Qt's print support does not see the CUPS queue « {queue} » (no CUPS print plugin)")
    with qtbot.waitSignal(dialog.printed, timeout=30000) as printed:
        dialog.send_to_printer(printer)
    assert printed.args == [f"imprimante {queue}"]
    job = dialog.last_job
    assert job is not None and job.queue == queue and job.job_id
    assert dialog.prepared.pages == prepared.pages == 8
    qtbot.waitUntil(lambda: _job_done(job.job_id) and _cups_pdf_output(job.job_id) is not None, timeout=60000)
    output = _cups_pdf_output(job.job_id)
    size = output.stat().st_size
    print(f"PDF {len(prepared.data)} bytes → CUPS output {size} bytes ({size / len(prepared.data):.2f}×)")
    assert size < 2 * len(prepared.data)
    pages = _letter_pages(output)
    assert len(pages) == 8
    assert all(page.extract_text().strip() for page in pages)
    assert "fiche" in " ".join(pages[0].extract_text().split())
