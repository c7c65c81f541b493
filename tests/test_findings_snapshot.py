"""The Constats page opens on the last findings at once (issue 15, item 3): each person's last
computed list is kept in the database, dated, listed the moment the page opens while the new
computation runs, and read by nobody else."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import update

from desktop.models import FindingsSnapshot
from desktop.services.access import Role
from desktop.services.accounts.findings_snapshot import pack_findings, unpack_findings
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit
from desktop.views.accounts_page import AccountsPage
from desktop.views.context import build_context

from conftest import NOW, TEST_ACTOR
from support.held_runner import HeldRunner

SCHOOL_A = "1001"


def test_the_last_findings_are_listed_again_at_the_next_opening(demo_db):
    accounts = Vitrail(demo_db).accounts
    assert accounts.stored_findings() is None  # never computed: nothing to list before the computation
    computed = accounts.findings()
    assert computed, "the demo board has findings"
    reopened = Vitrail(demo_db).accounts.stored_findings()  # the page opened again, another day
    assert reopened is not None
    assert reopened.findings == computed  # every field, severities included, in the same order
    assert reopened.computed_at == NOW


def test_packing_keeps_accents_and_empty_guardians(demo_db):
    computed = Vitrail(demo_db).accounts.findings()
    without_guardian = [f for f in computed if f.guardian_id is None]
    assert without_guardian and any("é" in f.message for f in computed)
    assert unpack_findings(pack_findings(computed)) == computed


def test_a_damaged_kept_list_is_ignored_then_written_anew(demo_db, caplog):
    with demo_db.sessions.begin() as session:
        session.add(FindingsSnapshot(login=demo_db.login, computed_at=NOW, findings=b"pas une liste"))
    accounts = Vitrail(demo_db).accounts
    assert accounts.stored_findings() is None  # the page waits for the computation instead
    assert "Constats conservés illisibles" in caplog.text
    computed = accounts.findings()
    assert accounts.stored_findings().findings == computed


def test_a_busy_database_costs_only_the_kept_list(demo_db, caplog):
    """Another workstation holds the file's write lock while the findings are computed: they come
    all the same; only the kept list is not written (logged), and nothing else changed."""
    other = sqlite3.connect(demo_db.url.removeprefix("sqlite:///"))
    other.execute("BEGIN IMMEDIATE")
    try:
        computed = Vitrail(demo_db).accounts.findings()
    finally:
        other.rollback()
        other.close()
    assert computed
    assert "Constats non conservés pour la prochaine ouverture" in caplog.text
    assert Vitrail(demo_db).accounts.stored_findings() is None


def _as(url: str, login: str) -> Vitrail:
    return Vitrail(open_database(url, actor=TEST_ACTOR, clock=FixedClock(NOW), login=login))


@pytest.fixture
def board_url(demo_template, tmp_path):
    """A demo board (SQLite) administered by ``admin.css``, with a secretary of school A."""
    path = tmp_path / "board.db"
    shutil.copy(demo_template, path)
    url = f"sqlite:///{path}"
    creator = Vitrail(open_database(url, actor=TEST_ACTOR, clock=FixedClock(NOW)))
    creator.access.grant("admin.css", Role.BOARD_ADMIN)
    creator.access.grant("sec.a", Role.SECRETARIAT, [SCHOOL_A])
    creator.close()
    return url


def test_each_person_reads_only_their_own_list_of_their_own_schools(board_url):
    admin, secretary = _as(board_url, "admin.css"), _as(board_url, "sec.a")
    try:
        board_wide = admin.accounts.findings()
        assert {f.school_code for f in board_wide} - {SCHOOL_A}, "findings in other schools"
        assert secretary.accounts.stored_findings() is None  # the administrator's list is not hers
        hers = secretary.accounts.findings()
        assert {f.school_code for f in hers} == {SCHOOL_A}
        assert secretary.accounts.stored_findings().findings == hers
        assert admin.accounts.stored_findings().findings == board_wide
    finally:
        admin.close()
        secretary.close()


def test_a_list_kept_wider_than_the_persons_schools_now_is_cut_to_them(board_url):
    """Her grant narrowed since (or a row written by hand): she still sees her schools' findings only."""
    admin, secretary = _as(board_url, "admin.css"), _as(board_url, "sec.a")
    try:
        board_wide = admin.accounts.findings()
        with secretary.database.sessions.begin() as session:
            session.add(FindingsSnapshot(login="sec.a", computed_at=NOW, findings=pack_findings(board_wide)))
        stored = secretary.accounts.stored_findings()
        assert stored is not None and stored.findings
        assert {f.school_code for f in stored.findings} == {SCHOOL_A}
    finally:
        admin.close()
        secretary.close()


def test_the_page_lists_the_kept_findings_dated_then_the_new_ones(qtbot, demo_db):
    computed = Vitrail(demo_db).accounts.findings()  # this morning's computation, kept
    missing = next(f for f in computed if f.code == "email_missing")
    with demo_db.sessions.begin() as session:
        session.execute(update(FindingsSnapshot).values(computed_at=NOW.replace(hour=8, minute=14)))
    vitrail = Vitrail(demo_db)  # fixed since, on another workstation
    line = next(g for g in vitrail.students.file(missing.student_id).guardians if g.guardian_id == missing.guardian_id)
    vitrail.students.save_emails([EmailEdit(line.guardian_id, line.version, "parent.corrige@exemple.ca")])

    runner = HeldRunner()
    page = AccountsPage(build_context(vitrail, runner))
    qtbot.addWidget(page)
    page.show()
    assert len(runner.held) == 2  # the schools of the filter, the kept findings
    with qtbot.waitSignal(page.findings_loaded):
        runner.release(1)  # the kept list, at once
    assert "au 23 novembre 2026 à 8\u00a0h\u00a014 ; mise à jour…" in page.status.text()
    assert missing in page.model.findings()  # as it was this morning

    assert len(runner.held) == 2  # the schools, the new computation
    with qtbot.waitSignal(page.findings_loaded):
        runner.release(1)
    assert "mise à jour" not in page.status.text()
    assert page.status.text().endswith("constat(s)")
    assert missing not in page.model.findings()  # the fix made elsewhere is no longer listed
    assert not runner.held[1:]
