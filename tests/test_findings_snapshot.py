"""The Constats page opens on the last findings at once (issue 15, item 3): each person's last
list is kept in the database, dated, and read by nobody else. Kept with the board stamp of what it
was computed from, it is listed as current, and nothing is computed, until the board changes
elsewhere (another workstation's fix, an import); a fix made here keeps it current."""

from __future__ import annotations

import logging
import shutil
import sqlite3

import pytest
from sqlalchemy import select, update

from desktop.models import FindingsSnapshot, Guardian, Student, StudentGuardian
from desktop.services.access import Role
from desktop.services.accounts.findings_snapshot import pack_findings, unpack_findings
from desktop.services.clock import FixedClock
from desktop.services.demo import generate_demo
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit
from desktop.views.accounts_page import AccountsPage
from desktop.views.context import build_context
from desktop.views.operations import SynchronousRunner

from conftest import NOW, TEST_ACTOR, TODAY
from support.held_runner import HeldRunner
from support.oneroster import Export

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
    [keep] = runner.held[1:]  # shown first, kept after: the person does not wait for the packing
    assert keep.quiet
    assert not vitrail.accounts.stored_findings().current
    runner.release(1)
    kept = vitrail.accounts.stored_findings()
    assert kept.current and missing not in kept.findings  # the next opening lists it and computes nothing


# -- kept current, not recomputed (the board stamp) ------------------------------------------------


@pytest.fixture
def small_board(any_db):
    generate_demo(any_db, students=60, seed=7, today=TODAY)
    return any_db


def _guardians_with_links(database, count: int) -> list[int]:
    with database.sessions() as session:
        return list(session.scalars(select(StudentGuardian.guardian_id).distinct()
                                    .order_by(StudentGuardian.guardian_id).limit(count)))


def _save_email(vitrail: Vitrail, guardian_id: int, email: str) -> None:
    with vitrail.database.sessions() as session:
        version = session.get_one(Guardian, guardian_id).version
    vitrail.students.save_emails([EmailEdit(guardian_id, version, email)])


def test_a_list_nobody_changed_since_is_current(small_board):
    Vitrail(small_board).accounts.findings()
    assert Vitrail(small_board).accounts.stored_findings().current  # the next opening computes nothing


def test_a_fix_made_elsewhere_makes_the_kept_list_out_of_date(small_board):
    Vitrail(small_board).accounts.findings()
    elsewhere = Vitrail(small_board)  # another workstation, which never opened the page
    _save_email(elsewhere, _guardians_with_links(small_board, 1)[0], "corrige.ailleurs@exemple.ca")
    stored = Vitrail(small_board).accounts.stored_findings()
    assert stored is not None and not stored.current  # listed at once, dated, and computed again


def test_a_fix_made_here_keeps_the_list_current_and_right(small_board):
    """Fixed here and re-checked: the list kept for the next opening is current, and it is what a
    board-wide computation finds."""
    here = Vitrail(small_board)
    here.accounts.findings()
    guardian_id = _guardians_with_links(small_board, 1)[0]
    _save_email(here, guardian_id, "quelquun@gmial.com")  # a typo: a new finding
    update = here.accounts.recheck_findings([guardian_id])
    assert any(f.code == "email_domain_typo" and f.guardian_id == guardian_id for f in update.findings)
    here.accounts.keep_findings()
    tomorrow = Vitrail(small_board).accounts
    stored = tomorrow.stored_findings()
    assert stored.current
    assert stored.findings == tomorrow.findings()


def test_a_fix_made_elsewhere_meanwhile_is_not_taken_for_current(small_board):
    """Two workstations fix two guardians: the one keeping its list cannot vouch for the other's fix."""
    first, second = _guardians_with_links(small_board, 2)
    here, elsewhere = Vitrail(small_board), Vitrail(small_board)
    here.accounts.findings()
    _save_email(elsewhere, second, "autre.poste@exemple.ca")
    _save_email(here, first, "ce.poste@exemple.ca")
    here.accounts.recheck_findings([first])
    here.accounts.keep_findings()
    assert not Vitrail(small_board).accounts.stored_findings().current


# -- fixes made elsewhere, taken in by a workstation that holds the board ---------------------------


def _a_coded_student(database) -> tuple[int, int]:
    with database.sessions() as session:
        student = session.scalars(select(Student).where(Student.code_permanent.is_not(None))
                                  .order_by(Student.id)).first()
        return student.id, student.version


def _reopened(vitrail: Vitrail, caplog) -> tuple[list, str]:
    """The findings as the page asks for them when it opens again, and how they were had (the log)."""
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="vitrail"):
        found = vitrail.accounts.findings()
    return found, caplog.text


def test_fixes_made_elsewhere_are_taken_in_without_computing_the_board(small_board, caplog):
    """The page has been open here since morning; a colleague fixes an email (into a typo) and a code
    permanent on her workstation. Opened again here, the list has both, as a computation of the
    whole board finds them, though only the two rows were read again."""
    here, elsewhere = Vitrail(small_board), Vitrail(small_board)
    here.accounts.findings()
    guardian_id = _guardians_with_links(small_board, 1)[0]
    student_id, version = _a_coded_student(small_board)
    _save_email(elsewhere, guardian_id, "quelquun@gmial.com")
    elsewhere.students.correct_code_permanent(student_id, version, "ZZZZ01010199")
    found, how = _reopened(here, caplog)
    assert "Constats rattrapés" in how and "1 répondant(s) et 1 élève(s)" in how
    assert "calculés pour tout le conseil" not in how
    assert any(f.code == "email_domain_typo" and f.guardian_id == guardian_id for f in found)
    assert any(f.code == "code_permanent_mismatch" and f.student_id == student_id for f in found)
    assert found == Vitrail(small_board).accounts.findings()  # a workstation computing the whole board
    assert Vitrail(small_board).accounts.stored_findings().current  # kept current for the next opening


def test_refreshing_the_page_lists_a_colleagues_fix_at_once(qtbot, demo_db, caplog):
    """« Actualiser » on a page open since morning: the colleague's fix is listed, taken in from the
    audit log rather than by computing the whole board again."""
    vitrail, runner = Vitrail(demo_db), SynchronousRunner()
    page = AccountsPage(build_context(vitrail, runner))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.findings_loaded):
        page.show()
    guardian_id = _guardians_with_links(demo_db, 1)[0]
    _save_email(Vitrail(demo_db), guardian_id, "collegue@gmial.com")
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="vitrail"), qtbot.waitSignal(page.findings_loaded):
        page.refresh()
    assert any(f.code == "email_domain_typo" and f.guardian_id == guardian_id for f in page.model.findings())
    assert "Constats rattrapés" in caplog.text
    assert page.model.findings() == Vitrail(demo_db).accounts.findings()


def test_a_guardian_renamed_elsewhere_computes_the_board_again(small_board, caplog):
    """Persons are joined by name and address: a rename cannot be taken in by reading one row again."""
    here = Vitrail(small_board)
    here.accounts.findings()
    guardian_id = _guardians_with_links(small_board, 1)[0]
    with Vitrail(small_board).database.sessions.begin() as session:  # audited, as any edit in Vitrail
        session.get_one(Guardian, guardian_id).last_name = "Nouveau-Nom"
    found, how = _reopened(here, caplog)
    assert "calculés pour tout le conseil" in how and "rattrapés" not in how
    assert found == Vitrail(small_board).accounts.findings()


def test_a_change_the_audit_log_does_not_show_is_not_missed(small_board, caplog):
    """A script's UPDATE outside Vitrail writes no audit entry, but the row's version moves: the
    board's stamp is not the one the catch-up expects, so the board is computed again, not listed stale."""
    here = Vitrail(small_board)
    here.accounts.findings()
    guardian_id = _guardians_with_links(small_board, 1)[0]
    with small_board.engine.begin() as connection:
        connection.execute(update(Guardian).where(Guardian.id == guardian_id)
                           .values(email="script@gmial.com", version=Guardian.version + 1))
    found, how = _reopened(here, caplog)
    assert "calculés pour tout le conseil" in how
    assert any(f.code == "email_domain_typo" and f.guardian_id == guardian_id for f in found)


def test_a_page_opened_on_a_current_list_computes_nothing(qtbot, demo_db):
    computed = Vitrail(demo_db).accounts.findings()
    runner = HeldRunner()
    page = AccountsPage(build_context(Vitrail(demo_db), runner))
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.findings_loaded):
        runner.release(1)  # the kept list
    assert page.model.findings() == computed
    assert page.status.text() == f"{len(computed)} constat(s)"  # not « … au … ; mise à jour… »
    assert len(runner.held) == 1  # the schools of the filter only: no computation was asked for


def test_a_code_permanent_corrected_is_rechecked_alone(small_board):
    """A student's code corrected: only that student's own findings are re-checked, and they are what
    a board-wide computation finds; every other finding stays as it was."""
    vitrail = Vitrail(small_board)
    before = vitrail.accounts.findings()
    with small_board.sessions() as session:
        student = session.scalars(select(Student).where(Student.code_permanent.is_not(None))
                                  .order_by(Student.id)).first()
        student_id, version = student.id, student.version
    vitrail.students.correct_code_permanent(student_id, version, "ZZZZ01010199")  # fits neither name nor birth
    update = vitrail.accounts.recheck_findings(student_ids=[student_id])
    assert update.students == {student_id} and not update.guardians
    assert any(f.code == "code_permanent_mismatch" for f in update.findings)
    now = Vitrail(small_board).accounts.findings()
    assert set(update.findings) == {f for f in now if f.student_id == student_id and f.guardian_id is None}
    assert {f for f in before if not update.replaces(f)} == {f for f in now if not update.replaces(f)}
    vitrail.accounts.keep_findings()
    assert Vitrail(small_board).accounts.stored_findings().current


def test_an_import_makes_the_kept_list_out_of_date(demo_db, empty_db, tmp_path):
    """The SIS brings a changed email at night: the next morning's opening computes the board again."""
    source = Export.of(demo_db, tmp_path / "sis")
    board = Vitrail(empty_db)
    board.sync.apply(board.sync.plan_oneroster_csv(source.folder))
    board.accounts.findings()
    assert Vitrail(empty_db).accounts.stored_findings().current
    guardian = next(r for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-guardian-"))
    source.edit("users.csv", lambda rows: [dict(r, email="nouvelle.adresse@exemple.ca")
                                           if r["sourcedId"] == guardian["sourcedId"] else r for r in rows])
    board.sync.apply(board.sync.plan_oneroster_csv(source.folder))
    assert not Vitrail(empty_db).accounts.stored_findings().current


def test_a_fix_from_a_page_opened_on_a_current_list(qtbot, demo_db):
    """The secretary opens Constats (current: nothing computed), opens a finding, fixes the email:
    the row leaves the list, and the list is kept current for her next opening."""
    computed = Vitrail(demo_db).accounts.findings()
    vitrail, runner = Vitrail(demo_db), SynchronousRunner()
    page = AccountsPage(build_context(vitrail, runner))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.findings_loaded):
        page.show()
    assert page.model.findings() == computed
    missing = next(f for f in computed if f.code == "email_missing")
    page.open_finding(missing)
    line = next(g for g in vitrail.students.file(missing.student_id).guardians if g.guardian_id == missing.guardian_id)
    with qtbot.waitSignal(page.findings_loaded):
        runner.write(page, lambda _progress: vitrail.students.save_emails(
            [EmailEdit(line.guardian_id, line.version, "parent.trouve@exemple.ca")]))
    assert missing not in page.model.findings()
    stored = Vitrail(demo_db).accounts.stored_findings()
    assert stored.current and stored.findings == page.model.findings()
