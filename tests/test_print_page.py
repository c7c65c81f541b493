"""The « Impression » page and the « Imprimer… » dialog, driven as a secretary would."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from desktop.models import AuditEntry, HomeroomGroup, School, Student
from desktop.services.facade import Vitrail
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import ViewContext, build_context
from desktop.views.main_window import build_main_window
from desktop.views.operations import OperationRunner, SynchronousRunner
from desktop.views.print_dialog import open_print_dialog
from desktop.views.print_page import PrintPage

from conftest import TODAY
from support.gui_thread import statements_on_this_thread

SCREENSHOTS = os.environ.get("VITRAIL_SCREENSHOTS")  # a folder: save what the tests show, to look at


@pytest.fixture
def context(demo_db) -> ViewContext:
    return build_context(Vitrail(demo_db), SynchronousRunner())


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "impression"
    folder.mkdir()
    return folder


def _largest(demo_db, column):
    with demo_db.sessions() as session:
        return session.execute(select(column, func.count()).group_by(column)
                               .order_by(func.count().desc(), column)).first()[0]


def _page(qtbot, context) -> PrintPage:
    page = PrintPage(context)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    return page


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _printed(demo_db) -> int:
    with demo_db.sessions() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "printed"))


def test_printing_a_group_one_file_per_student(qtbot, context, demo_db, out):
    group_id = _largest(demo_db, Student.group_id)
    with demo_db.sessions() as session:
        group = session.get(HomeroomGroup, group_id)
        school_code = session.get(School, group.school_id).code
        count = session.scalar(select(func.count()).select_from(Student).where(Student.group_id == group_id))
    page = _page(qtbot, context)
    _choose(page.school, school_code)
    _choose(page.group, group.code)
    page.viewer.setCurrentIndex(page.viewer.findText("Parent"))
    page.per_student.setChecked(True)
    page.output.setText(str(out))
    with qtbot.waitSignal(page.finished, timeout=60000) as finished:
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert finished.args[0] is not None and finished.args[0].students == count
    assert len(list(out.iterdir())) == count
    assert f"{count} dossier(s)" in page.status.text()
    assert page.progress.value() == count and page.start_button.isEnabled()
    assert _printed(demo_db) == count
    if SCREENSHOTS:
        page.grab().save(os.path.join(SCREENSHOTS, "print_page.png"))
    first = sorted(out.iterdir())[0]
    first.write_bytes(b"garder")
    with qtbot.waitSignal(page.finished, timeout=60000) as again:  # the same folder again: refused, said
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert again.args[0] is None and "existent déjà" in page.status.text()
    assert first.read_bytes() == b"garder" and _printed(demo_db) == count


def _largest_school(demo_db) -> str:
    school_id = _largest(demo_db, Student.school_id)
    with demo_db.sessions() as session:
        return session.get(School, school_id).code


def _ready_for_a_school_pdf(qtbot, page: PrintPage, school_code: str, target) -> None:
    """Wait for the lists (read in the background), then ask for the whole school in one PDF."""
    qtbot.waitUntil(lambda: page.school.findData(school_code) >= 0, timeout=10000)
    with qtbot.waitSignal(page.lists_loaded, timeout=10000):
        _choose(page.school, school_code)
    page.by_school.setChecked(True)
    page.viewer.setCurrentIndex(page.viewer.findText("Direction"))
    page.one_pdf.setChecked(True)
    page.output.setText(str(target))


def test_cancelled_halfway_leaves_no_file_behind(qtbot, demo_db, out):
    school = _largest_school(demo_db)
    with statements_on_this_thread(demo_db) as on_gui_thread:
        page = _page(qtbot, build_context(Vitrail(demo_db), OperationRunner()))
        _ready_for_a_school_pdf(qtbot, page, school, out / "ecole.pdf")

        def cancel_at_third(done: int) -> None:
            if done >= 3 and page.cancel_button.isEnabled():
                qtbot.mouseClick(page.cancel_button, Qt.LeftButton)

        page.progress.valueChanged.connect(cancel_at_third)
        with qtbot.waitSignal(page.finished, timeout=60000) as finished:
            qtbot.mouseClick(page.start_button, Qt.LeftButton)
            assert page.cancel_button.isEnabled() and not page.start_button.isEnabled()
    assert on_gui_thread == []
    assert finished.args[0] is None
    assert page.status.text() == "Impression annulée : aucun fichier n'a été conservé."
    assert list(out.iterdir()) == []
    assert _printed(demo_db) == 0
    assert page.start_button.isEnabled() and not page.cancel_button.isEnabled()


def test_a_long_batch_shows_its_progress_in_the_window(qtbot, demo_db, out, tmp_path):
    """The screenshot of a batch under way: the bar part-filled, the time left, « Annuler »; then cancelled."""
    window = build_main_window(Vitrail(demo_db), OperationRunner())
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("print")
    _ready_for_a_school_pdf(qtbot, page, _largest_school(demo_db), out / "ecole.pdf")
    with qtbot.waitSignal(page.finished, timeout=60000) as finished:
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: 3 <= page.progress.value() < page.progress.maximum() // 2, timeout=30000)
        qtbot.waitUntil(lambda: "restantes" in page.status.text())
        picture = window.grab()
        qtbot.mouseClick(page.cancel_button, Qt.LeftButton)
    assert not picture.isNull()
    picture.save(str(Path(SCREENSHOTS or tmp_path) / "screenshot-impression-progression.png"))
    assert finished.args[0] is None and list(out.iterdir()) == []


def test_dialog_previews_then_saves_and_audits(qtbot, demo_db, out):
    with demo_db.sessions() as session:
        student = session.scalars(select(Student).where(Student.group_id.is_not(None)).order_by(Student.id)).first()
    context = build_context(Vitrail(demo_db), OperationRunner())
    with statements_on_this_thread(demo_db) as on_gui_thread:
        dialog = open_print_dialog(context, student.id, ViewerSpec.abstract("parent"))  # the id only
        qtbot.addWidget(dialog)
        assert dialog.prepared is None and not dialog.print_button.isEnabled()  # opened at once, rendering meanwhile
        with qtbot.waitSignal(dialog.rendered, timeout=30000):
            pass
    assert on_gui_thread == []
    assert student.last_name in dialog.windowTitle()
    assert dialog.pages.page_count == dialog.prepared.pages >= 1
    first_page = dialog.pages.findChild(QLabel, "pdf_page_1")
    qtbot.waitUntil(first_page.isVisible)
    assert first_page.pixmap().width() > 700
    assert "préparé pour Parent" in dialog.summary.text()
    assert dialog.print_button.isEnabled()
    assert _printed(demo_db) == 0  # a preview is not a printout
    if SCREENSHOTS:
        dialog.grab().save(os.path.join(SCREENSHOTS, "print_dialog.png"))
    with qtbot.waitSignal(dialog.printed, timeout=5000) as printed:
        dialog.save(str(out / "dossier.pdf"))
    assert printed.args == ["dossier.pdf"]
    assert f"fiche {student.fiche}" in pypdf.PdfReader(out / "dossier.pdf").pages[0].extract_text()
    assert _printed(demo_db) == 1

    with qtbot.waitSignal(dialog.rendered, timeout=30000):
        dialog.withheld.setChecked(True)
    last_page = pypdf.PdfReader(io.BytesIO(dialog.prepared.data)).pages[-1]
    assert "éléments retenus" not in last_page.extract_text()  # §7.6: never a page of the dossier
    report = pypdf.PdfReader(io.BytesIO(dialog.prepared.withheld)).pages[0]
    assert "éléments retenus" in report.extract_text()


def test_a_printout_is_audited_and_a_failed_save_is_said(qtbot, context, demo_db, out):
    student = context.vitrail.directory.student(1)
    dialog = open_print_dialog(context, student, ViewerSpec.abstract("direction"))
    qtbot.addWidget(dialog)
    assert dialog.prepared is not None  # the synchronous runner rendered it already
    with qtbot.waitSignal(dialog.printed) as printed:
        dialog.record_printed("imprimante Secrétariat")
    assert printed.args == ["imprimante Secrétariat"] and _printed(demo_db) == 1
    with qtbot.waitSignal(dialog.failed) as failed:
        dialog.save(str(out / "absent" / "dossier.pdf"))
    assert "n'existe pas" in failed.args[0] and _printed(demo_db) == 1


def test_printing_sends_every_page_to_the_printer(qtbot, context, demo_db, out):
    """The path behind the system print dialog, with Qt's PDF printer standing in for paper."""
    from PySide6.QtPrintSupport import QPrinter

    from desktop.services.reports.batch import prepare_dossier
    from desktop.views.print_dialog import print_pdf

    with demo_db.sessions() as session:
        student_id = session.scalars(select(Student.id).where(Student.group_id.is_not(None))
                                     .order_by(Student.id)).first()
    prepared = prepare_dossier(demo_db, student_id, ViewerSpec.abstract("direction"), TODAY)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(out / "imprimante.pdf"))
    print_pdf(prepared.data, printer)
    assert len(pypdf.PdfReader(out / "imprimante.pdf").pages) == prepared.pages


def test_a_selection_handed_over_by_another_page_is_printed(qtbot, context, demo_db, out):
    with demo_db.sessions() as session:
        ids = tuple(session.scalars(select(Student.id).order_by(Student.id).limit(3)))
    page = _page(qtbot, context)
    assert not page.by_selection.isEnabled()
    page.show_target(student_ids=ids)
    assert page.by_selection.isChecked() and "3 élève(s)" in page.selection_label.text()
    page.per_student.setChecked(True)
    page.output.setText(str(out))
    with qtbot.waitSignal(page.finished, timeout=60000) as finished:
        qtbot.mouseClick(page.start_button, Qt.LeftButton)
    assert finished.args[0].students == 3 and len(list(out.iterdir())) == 3
