"""The Journal page and a student's Historique: what the office reads of the audit log, and how."""

from __future__ import annotations

import csv
import io
import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from desktop.services.audit_log import AuditFilter
from desktop.services.facade import Vitrail
from desktop.views import journal_page
from desktop.views.context import build_context
from desktop.views.journal_page import JournalPage
from desktop.views.journal_table_model import EntryRole, JournalTableModel
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner

from support.audit_day import PRINCIPAL, SECRETARY, work_a_day

SHOTS = Path(os.environ.get("VITRAIL_SCREENSHOTS", "/tmp/vitrail-shots"))


@pytest.fixture
def day(demo_db):
    return work_a_day(demo_db)


@pytest.fixture
def context(demo_db, day):
    return build_context(Vitrail(demo_db), SynchronousRunner())


@pytest.fixture
def page(qtbot, context):
    widget = JournalPage(context)
    qtbot.addWidget(widget)
    widget.resize(1140, 700)
    with qtbot.waitSignal(widget.entries.loaded, timeout=20000):
        widget.show()  # the log is read on first display
    return widget


def _cells(page, row: int) -> list[str]:
    model = page.entries.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_model_passes_the_model_tester(qtmodeltester, demo_db, day):
    entries = Vitrail(demo_db).audit.entries(AuditFilter(), limit=30).entries
    model = JournalTableModel()
    model.set_entries(entries[:10])
    qtmodeltester.check(model)
    model.add_entries(entries[10:])
    qtmodeltester.check(model)
    assert model.rowCount() == len(entries) and model.index(12, 0).data(EntryRole) == entries[12]


def test_newest_first_with_who_where_and_what(page, day):
    assert page.entries.model.rowCount() == page.entries.total > 10
    newest = _cells(page, 0)
    assert newest[1:4] == [PRINCIPAL.os_user, PRINCIPAL.workstation, "Réglages enregistrés"]
    emails = [_cells(page, row) for row in range(page.entries.model.rowCount())
              if _cells(page, row)[5] == "Courriel"]
    assert emails and all(cells[1] == SECRETARY.os_user and cells[3] == "Modification" for cells in emails)
    assert all(cells[7].endswith("@videotron.ca") for cells in emails)
    dates = [_cells(page, row)[0] for row in range(page.entries.model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_student_filter_shows_their_guardians_history(page, day):
    page.student_filter.setText(day.fiche)
    page.search()
    shown = [page.entries.model.index(row, 0).data(EntryRole) for row in range(page.entries.model.rowCount())]
    assert {entry.action for entry in shown} == {"update", "nip_issued"}
    assert all(day.fiche in entry.element or f"Répondant {day.guardian_id} " in entry.element for entry in shown)
    assert page.export_button.isEnabled()


def test_person_action_and_period_filters(page, day):
    page.person_filter.setEditText(PRINCIPAL.os_user)
    page.search()
    assert {_cells(page, row)[1] for row in range(page.entries.model.rowCount())} == {PRINCIPAL.os_user}
    page.clear_fields()
    page.action_filter.setCurrentIndex(page.action_filter.findData("nip_issued"))
    page.since_filter.setText("23 novembre 2026")
    page.until_filter.setText("23/11/2026")
    page.search()
    assert page.entries.total == 3 and {_cells(page, row)[3] for row in range(3)} == {"NIP émis"}
    page.since_filter.setText("24 novembre 2026")
    page.until_filter.clear()
    page.search()
    assert page.entries.model.rowCount() == 0
    assert page.entries.empty_message.isVisible()
    assert page.entries.empty_message.text() == "Aucune entrée du journal ne correspond à ces filtres."


@pytest.mark.parametrize("field, text, message", [
    ("since_filter", "31 février 2026", "Date de début"),
    ("student_filter", "0000001", "0000001"),
    ("guardian_filter", "Gagnon", "tapez son numéro"),
])
def test_bad_filters_say_why_in_french(page, field, text, message):
    getattr(page, field).setText(text)
    page.search()
    assert page.message.isVisibleTo(page) and message in page.message.text()
    assert page.entries.model.rowCount() == 0 and not page.export_button.isEnabled()


def test_older_entries_come_a_page_at_a_time(page, monkeypatch):
    monkeypatch.setattr(journal_page, "PAGE_SIZE", 5)
    page.search()
    total = page.entries.total
    assert page.entries.model.rowCount() == 5 and page.entries.older_button.isEnabled()
    assert page.entries.count_label.text() == f"5 entrées affichées sur {total}, les plus récentes"
    first_ids = [page.entries.model.index(row, 0).data(EntryRole).id for row in range(5)]
    while page.entries.older_button.isEnabled():
        page.entries.older_button.click()
    ids = [page.entries.model.index(row, 0).data(EntryRole).id for row in range(page.entries.model.rowCount())]
    assert ids[:5] == first_ids and len(ids) == len(set(ids)) == total


def test_a_write_elsewhere_shows_at_the_top(page, context, demo_db, day):
    before = page.entries.total
    file = context.vitrail.students.file(day.student_id)
    line = next(g for g in file.guardians if g.guardian_id == day.guardian_id)
    from desktop.services.students import EmailEdit

    demo_db.clock.at = datetime(2026, 11, 24, 8, 0)
    context.runner.write(page, lambda _p: context.vitrail.students.save_emails(
        [EmailEdit(line.guardian_id, line.version, "nouvelle.adresse@gmail.com")]))
    assert page.entries.total == before + 1
    assert _cells(page, 0)[7] == "nouvelle.adresse@gmail.com"


def test_export_writes_every_matching_entry_for_excel(page, tmp_path, monkeypatch):
    monkeypatch.setattr(journal_page, "PAGE_SIZE", 5)
    page.search()
    target = tmp_path / "journal.csv"
    page.export_csv(target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfDate;Personne;Poste;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == page.entries.total > 5, "all entries, not only the 5 loaded"
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert page.status.text() == f"{page.entries.total} entrée(s) exportée(s) dans « journal.csv »"


def test_export_to_a_folder_says_why(page, tmp_path):
    page.export_csv(tmp_path)
    assert page.message.isVisibleTo(page) and "est un dossier" in page.message.text()


def test_student_file_history_tab(qtbot, context, day):
    from desktop.views.student_file import StudentFileView

    view = StudentFileView(context)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.show_student(day.student_id)
    view.tabs.setCurrentWidget(view.history)
    shown = [view.history.model.index(row, 0).data(EntryRole) for row in range(view.history.model.rowCount())]
    assert shown and {entry.action for entry in shown} == {"update", "nip_issued"}
    assert [entry.at for entry in shown] == sorted((entry.at for entry in shown), reverse=True)
    assert view.tabs.tabText(view.tabs.indexOf(view.history)) == "Historique"


def test_journal_at_1366_by_768(qtbot, context, day):
    window = build_main_window(context.vitrail, context.runner)
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("journal")
    for _ in range(3):
        QApplication.processEvents()
    assert window.width() <= 1366 and window.height() <= 768
    assert page.entries.model.rowCount() > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "journal.png"))
