"""The "Comptes parents" page: counts, filters, opening the guardian, live update, NIPs, CSV export."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models import Nip
from desktop.services.accounts.nips import NipRequest
from desktop.services.facade import Changes, Vitrail
from desktop.services.students import EmailEdit
from desktop.views.accounts_findings_model import FindingRole, FindingsFilterProxy, FindingsTableModel
from desktop.views.accounts_page import AccountsPage
from desktop.views.context import build_context
from desktop.views.operations import OperationRunner, SynchronousRunner

from support.gui_thread import statements_on_this_thread


def shots_dir(tmp_path: Path) -> Path:
    """Where renders go: $VITRAIL_SHOTS to keep and look at them, else the test's tmp dir."""
    folder = Path(os.environ.get("VITRAIL_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def context(demo_db):
    navigations: list = []
    ctx = build_context(Vitrail(demo_db), SynchronousRunner())
    ctx.navigate = lambda page, **target: navigations.append((page, target))
    ctx.navigations = navigations
    return ctx


@pytest.fixture
def page(qtbot, context):
    widget = AccountsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1360, 800)
    with qtbot.waitSignal(widget.findings_loaded, timeout=20000):
        widget.show()                       # findings are computed on first display
    return widget


def _row_of(page, code):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(FindingRole).code == code:
            return row
    raise AssertionError(f"no {code} row shown")


def test_models_pass_the_model_tester(qtmodeltester, demo_db):
    findings = Vitrail(demo_db).accounts.findings()
    model = FindingsTableModel()
    model.set_findings(findings)
    qtmodeltester.check(model)
    proxy = FindingsFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(school=None, code="email_missing", severity=None)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_nothing_is_computed_before_the_page_is_shown(qtbot, context):
    widget = AccountsPage(context)
    qtbot.addWidget(widget)
    context.runner.announce(Changes(guardians=frozenset({1})))
    assert widget.model.rowCount() == 0 and not widget._computing
    assert widget.school_filter.count() == 1  # not even the schools


def test_page_lists_counts_and_filters(page, tmp_path):
    total = page.model.rowCount()
    assert total > 0
    assert "constat" in page.status.text()
    missing = sum(1 for f in page.model.findings() if f.code == "email_missing")
    assert f"<b>{missing}</b>" in page.count_labels["email_missing"].text()

    page.code_filter.setCurrentIndex(page.code_filter.findData("email_missing"))
    assert page.proxy.rowCount() == missing
    assert {page.proxy.index(r, 0).data(FindingRole).code for r in range(page.proxy.rowCount())} == {"email_missing"}

    school = page.model.findings()[0].school_code
    page.code_filter.setCurrentIndex(0)
    page.school_filter.setCurrentIndex(page.school_filter.findData(school))
    shown = {page.proxy.index(r, 0).data(FindingRole).school_code for r in range(page.proxy.rowCount())}
    assert shown == {school}
    page.school_filter.setCurrentIndex(0)
    page.severity_filter.setCurrentIndex(page.severity_filter.findData("info"))
    assert all(page.proxy.index(r, 0).data(FindingRole).severity == "info" for r in range(page.proxy.rowCount()))
    page.severity_filter.setCurrentIndex(0)
    assert page.proxy.rowCount() == total

    page.show()
    page.grab().save(str(shots_dir(tmp_path) / "accounts_page.png"))


def test_double_click_opens_the_guardian_at_the_email(page, context, qtbot):
    row = _row_of(page, "email_shared_by_guardians")
    finding = page.proxy.index(row, 0).data(FindingRole)
    page.show()
    qtbot.waitExposed(page)
    page.table.scrollTo(page.proxy.index(row, 1))
    rect = page.table.visualRect(page.proxy.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert context.navigations[-1] == ("students", {"student_id": finding.student_id,
                                                    "guardian_id": finding.guardian_id, "field": "email"})


def test_a_fix_saved_on_another_page_clears_the_finding(page, context, qtbot):
    row = _row_of(page, "email_missing")
    finding = page.proxy.index(row, 0).data(FindingRole)
    students = context.vitrail.students
    version = next(g.version for g in students.file(finding.student_id).guardians
                   if g.guardian_id == finding.guardian_id)
    edit = EmailEdit(finding.guardian_id, version, f"nouveau.{finding.guardian_id}@videotron.ca")
    with qtbot.waitSignal(page.findings_loaded, timeout=20000):  # through runner.changed, like the Élèves page
        context.runner.write(page, lambda _progress: students.save_emails([edit]))
    remaining = {(f.code, f.guardian_id) for f in page.model.findings()}
    assert ("email_missing", finding.guardian_id) not in remaining


def test_the_page_reads_nothing_on_the_gui_thread(qtbot, demo_db, tmp_path):
    """With the real runner: findings, schools, NIP status, issue and revoke all run off the GUI thread."""
    context = build_context(Vitrail(demo_db), OperationRunner())
    with statements_on_this_thread(demo_db) as on_gui_thread:
        widget = AccountsPage(context)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.findings_loaded, timeout=20000):
            widget.show()
        qtbot.waitUntil(lambda: widget.school_filter.count() > 1)
        assert widget.model.rowCount() > 0
        row = _row_of(widget, "email_shared_by_guardians")
        finding = widget.proxy.index(row, 0).data(FindingRole)
        with qtbot.waitSignal(widget.nip_status_shown, timeout=10000):
            widget.table.selectRow(row)
        assert "aucun NIP émis" in widget.nip_label.text()
        with qtbot.waitSignals([widget.nips_issued, widget.nip_status_shown], timeout=20000):
            widget.issue_nips([NipRequest(finding.student_id, finding.guardian_id)], 30, tmp_path / "lettres.pdf")
        widget.reveal_dialog.close()
        assert "émis le" in widget.nip_label.text()
        with qtbot.waitSignal(widget.nip_status_shown, timeout=10000):
            widget.revoke(finding)
        assert "révoqué le" in widget.nip_label.text()
    assert on_gui_thread == []


def test_csv_export_writes_the_rows_shown(page, tmp_path):
    page.code_filter.setCurrentIndex(page.code_filter.findData("email_domain_typo"))
    path = tmp_path / "constats.csv"
    count = page.export_csv(path)
    assert count == page.proxy.rowCount() > 0
    with path.open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source, delimiter=";"))
    assert rows[0][0] == "Code" and len(rows) == count + 1
    assert {row[0] for row in rows[1:]} == {"email_domain_typo"}
    if sys.platform != "win32":  # guardians' emails: private to the user (issue 13, item 9)
        assert path.stat().st_mode & 0o777 == 0o600


def test_issuing_nips_from_the_selection_writes_letters_and_shows_them_once(page, demo_db, qtbot, tmp_path):
    row = _row_of(page, "email_shared_by_guardians")
    finding = page.proxy.index(row, 0).data(FindingRole)
    letter = tmp_path / "lettres.pdf"
    announced = []
    page.context.runner.changed.connect(announced.append)
    with qtbot.waitSignal(page.nips_issued, timeout=20000) as blocker:
        page.issue_nips([NipRequest(finding.student_id, finding.guardian_id)], 30, letter)
    assert announced == [Changes(nips=frozenset({finding.student_id}))]
    issued = blocker.args[0]
    assert len(issued) == 1 and len(issued[0].nip) == 14
    assert letter.read_bytes().startswith(b"%PDF")
    shown = page.reveal_dialog.text.toPlainText()                      # shown once, here
    assert issued[0].nip in shown and finding.guardian_name in shown
    page.reveal_dialog.close()
    with demo_db.sessions() as session:
        assert session.scalar(select(Nip).where(Nip.guardian_id == finding.guardian_id)) is not None
    page.table.selectRow(row)
    assert "émis le" in page.nip_label.text() and issued[0].nip not in page.nip_label.text()
    assert page.revoke_button.isEnabled()


def test_revoking_shows_the_new_status(page, qtbot, tmp_path):
    row = _row_of(page, "email_shared_by_guardians")
    finding = page.proxy.index(row, 0).data(FindingRole)
    page.issue_nips([NipRequest(finding.student_id, finding.guardian_id)], 30, tmp_path / "lettres.pdf")
    page.reveal_dialog.close()
    page.table.selectRow(row)
    page.revoke(finding)
    assert "révoqué le" in page.nip_label.text()   # refreshed through runner.changed
    assert not page.revoke_button.isEnabled()


def test_a_letter_that_cannot_be_written_issues_nothing(page, demo_db, tmp_path):
    row = _row_of(page, "email_shared_by_guardians")
    finding = page.proxy.index(row, 0).data(FindingRole)
    failures = []
    page.failed.connect(failures.append)
    page.issue_nips([NipRequest(finding.student_id, finding.guardian_id)], 30, tmp_path / "absent" / "lettres.pdf")
    assert failures and page.reveal_dialog is None
    with demo_db.sessions() as session:
        assert session.scalar(select(Nip).where(Nip.guardian_id == finding.guardian_id)) is None


def test_the_letter_dialog_asks_before_replacing_a_typed_existing_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.accounts_page import IssueNipDialog

    existing = tmp_path / "lettres.pdf"
    existing.write_bytes(b"%PDF anciennes lettres")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args) or QMessageBox.StandardButton.No)
    dialog = IssueNipDialog(2)
    qtbot.addWidget(dialog)
    dialog.letter.setText(str(existing))
    dialog._accept()
    assert asked and "existe déjà" in asked[0][2]
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.letter.setText(str(tmp_path / "nouvelles.pdf"))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted and len(asked) == 1


def test_the_issue_dialog_warns_before_issuing_to_a_guardian_without_a_usable_email(page, qtbot, monkeypatch):
    """accounts.md §3: the warning comes before the NIP, read through the runner, not after."""
    from PySide6.QtWidgets import QDialog

    from desktop.views.accounts_page import IssueNipDialog

    shown: list[IssueNipDialog] = []

    def cancel(dialog: IssueNipDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected  # nothing issued: the secretary fixes the email first

    monkeypatch.setattr(IssueNipDialog, "exec", cancel)
    issued: list = []
    page.nips_issued.connect(issued.append)
    missing = page.proxy.index(_row_of(page, "email_missing"), 0).data(FindingRole)
    page.table.selectRow(_row_of(page, "email_missing"))
    page.ask_issue_nips()
    assert len(shown) == 1 and issued == []
    dialog = shown[0]
    assert not dialog.warnings_text.isHidden()
    assert "1 répondant(s) ne pourront pas encore utiliser leur NIP" in dialog.warnings_label.text()
    assert missing.guardian_name in dialog.warnings_text.toPlainText()
    assert "aucun courriel" in dialog.warnings_text.toPlainText()

    shown.clear()
    fine = page.context.vitrail.accounts.nip_warnings  # a guardian whose email is fine: no warning
    pair = next(p for p in (NipRequest(f.student_id, f.guardian_id) for f in page.model.findings()
                            if f.guardian_id is not None) if not fine([p]))
    page.ask_issue_nips([pair])
    assert len(shown) == 1 and shown[0].warnings_text.isHidden() and shown[0].warnings_label.isHidden()


def test_nip_warnings_are_read_off_the_gui_thread(qtbot, demo_db, monkeypatch):
    """With the real runner, the warnings are read in the background before the dialog opens."""
    from PySide6.QtWidgets import QDialog

    from desktop.views.accounts_page import IssueNipDialog

    opened: list[IssueNipDialog] = []
    monkeypatch.setattr(IssueNipDialog, "exec", lambda dialog: opened.append(dialog) or QDialog.DialogCode.Rejected)
    context = build_context(Vitrail(demo_db), OperationRunner())
    with statements_on_this_thread(demo_db) as on_gui_thread:
        widget = AccountsPage(context)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.findings_loaded, timeout=20000):
            widget.show()
        widget.table.selectRow(_row_of(widget, "email_missing"))
        widget.ask_issue_nips()
        qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert on_gui_thread == []
    assert "aucun courriel" in opened[0].warnings_text.toPlainText()
