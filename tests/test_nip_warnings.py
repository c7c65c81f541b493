"""NIP issue warns when the guardian cannot use it yet, and the letter says where and with which email
(accounts.md §3)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.models import Guardian, Student, StudentGuardian
from desktop.services.accounts.nips import NipRequest, NipWarningCode
from desktop.services.facade import Vitrail
from desktop.services.reports.nip_letter import PORTAL_UNKNOWN
from desktop.views.accounts_page import AccountsPage
from desktop.views.context import build_context
from desktop.views.operations import SynchronousRunner

PORTAL = "https://portail.cssdemo.example/parents"


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def _pair_with_email(database, email):
    """The first (student, guardian) pair of the demo, the guardian's email set to ``email``."""
    with database.sessions.begin() as session:
        student_id, guardian_id = session.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id).order_by(StudentGuardian.id)).first()
        session.get_one(Guardian, guardian_id).email = email
    return NipRequest(student_id, guardian_id)


@pytest.mark.parametrize(("email", "code"), [
    (None, NipWarningCode.NO_EMAIL), ("", NipWarningCode.NO_EMAIL),
    ("parent@gmial.com", NipWarningCode.EMAIL_FINDING), ("josée@gmail.com", NipWarningCode.EMAIL_FINDING),
    ("parent@gmail.com", None),
])
def test_issue_warns_before_and_after_when_the_guardian_cannot_use_it(demo_db, email, code):
    pair = _pair_with_email(demo_db, email)
    vitrail = Vitrail(demo_db, portal_url=PORTAL)
    before = vitrail.accounts.nip_warnings([pair])
    issued = vitrail.accounts.issue_nips([pair]).value[0]
    assert [w.code for w in before] == ([code] if code else [])
    assert issued.warnings == tuple(before)
    if code is NipWarningCode.EMAIL_FINDING:
        assert email in before[0].message


def test_the_letter_gives_the_portal_address_and_the_email_on_file(demo_db, tmp_path):
    pair = _pair_with_email(demo_db, "parent.tremblay@videotron.ca")
    letter = tmp_path / "lettre.pdf"
    Vitrail(demo_db, portal_url=PORTAL).accounts.issue_nips([pair], letter=letter)
    text = _text(letter)
    assert PORTAL in text
    assert "parent.tremblay@videotron.ca" in text and "Courriel que l'école a à votre dossier" in text
    if shutil.which("pdftoppm"):  # a picture for people to look at (VITRAIL_SHOTS); asserts nothing
        folder = Path(os.environ.get("VITRAIL_SHOTS") or tmp_path)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(letter),
                        str(folder / "nip_letter_portal")], check=True)


def test_without_a_configured_portal_or_email_the_letter_says_what_to_do(demo_db, tmp_path):
    pair = _pair_with_email(demo_db, None)
    letter = tmp_path / "lettre.pdf"
    Vitrail(demo_db).accounts.issue_nips([pair], letter=letter)
    text = _text(letter)
    assert " ".join(PORTAL_UNKNOWN.split()) in text
    assert "aucun courriel à votre dossier" in text


def test_cli_prints_the_warning_on_stderr(demo_db, capsys, tmp_path, monkeypatch):
    pair = _pair_with_email(demo_db, None)
    monkeypatch.setenv("VITRAIL_SERVER_URL", PORTAL)
    with demo_db.sessions() as session:
        fiche = session.get_one(Student, pair.student_id).fiche
    letter = tmp_path / "lettre.pdf"
    assert main(["--db", demo_db.url, "nip", "issue", "--student", fiche, "--guardian", str(pair.guardian_id),
                 "--letter", str(letter), "--json"]) == 0
    captured = capsys.readouterr()
    assert "Attention :" in captured.err and "aucun courriel" in captured.err
    assert json.loads(captured.out)["warnings"][0]["code"] == "no_email"
    assert PORTAL in _text(letter)


def test_the_accounts_page_shows_the_warning_with_the_nip(qtbot, demo_db, tmp_path):
    pair = _pair_with_email(demo_db, "parent@gmial.com")
    page = AccountsPage(build_context(Vitrail(demo_db, portal_url=PORTAL), SynchronousRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.findings_loaded, timeout=20000):
        page.show()
    with qtbot.waitSignal(page.nips_issued, timeout=20000):
        page.issue_nips([pair], 30, tmp_path / "lettre.pdf")
    shown = page.reveal_dialog.text.toPlainText()
    assert "Attention" in shown and "parent@gmial.com" in shown
    page.reveal_dialog.grab().save(str(Path(os.environ.get("VITRAIL_SHOTS") or tmp_path) / "nip_reveal_warning.png"))
    page.reveal_dialog.close()
