"""Who may do what (``access.md``): roles per school, refusals in French naming the school and who
grants the right, exit code 3 on the command line, grants audited, the demo never over a real board.

On SQLite several people are played with ``open_database(…, login=…)``; on PostgreSQL the server's
login always wins (tested here), and the database-enforced rules are tested with real logins by
the database tests.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from desktop.models import AuditEntry, School, SchoolBoard, Student
from desktop.models.access import DatabaseInfo
from desktop.services.access import Right, Role
from desktop.services.accounts.diagnostic import AssociationAttempt
from desktop.services.clock import FixedClock
from desktop.services.demo import generate_demo
from desktop.services.errors import AccessDenied, DatabaseNotEmpty, InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.identity import os_login
from desktop.services.settings import PendingChange, SettingScope
from desktop.services.storage import open_database
from desktop.services.visibility.viewers import ViewerSpec

from conftest import NOW, TEST_ACTOR, TODAY
from support.cli import main

ADMIN = "admin.css"
SCHOOL_A = "1001"
SCHOOL_B = "1002"


def as_person(url: str, login: str | None) -> Vitrail:
    return Vitrail(open_database(url, actor=TEST_ACTOR, clock=FixedClock(NOW), login=login))


@pytest.fixture
def board(demo_template, tmp_path):
    """A demo board (SQLite) whose board_admins are its creator (this OS account) and ADMIN; its URL."""
    path = tmp_path / "board.db"
    shutil.copy(demo_template, path)
    url = f"sqlite:///{path}"
    creator = as_person(url, None)
    creator.access.grant(ADMIN, Role.BOARD_ADMIN)
    creator.close()
    yield url


@pytest.fixture
def people(board):
    """Vitrail as ADMIN, and as a secretary and a principal of school A, and as IT."""
    admin = as_person(board, ADMIN)
    admin.access.grant("sec.a", Role.SECRETARIAT, [SCHOOL_A])
    admin.access.grant("dir.a", Role.DIRECTION, [SCHOOL_A])
    admin.access.grant("tech", Role.IT)
    opened = {"admin": admin, **{login: as_person(board, login) for login in ("sec.a", "dir.a", "tech")}}
    yield opened
    for vitrail in opened.values():
        vitrail.close()


def _school_ids(vitrail: Vitrail) -> dict[str, int]:
    with vitrail.database.sessions() as session:
        return dict(session.execute(select(School.code, School.id)).all())


def _a_student(vitrail: Vitrail, school_code: str) -> Student:
    with vitrail.database.sessions() as session:
        return session.scalars(select(Student).join(School, School.id == Student.school_id)
                               .where(School.code == school_code).order_by(Student.id)).first()


def test_a_secretary_finds_only_her_schools_students(people):
    secretary, admin = people["sec.a"], people["admin"]
    school_a = _school_ids(admin)[SCHOOL_A]
    with admin.database.sessions() as session:
        in_a = session.scalar(select(func.count()).select_from(Student).where(Student.school_id == school_a))
    listed = secretary.students.listing()
    assert {row.school for row in listed} == {SCHOOL_A}
    assert len(listed) == in_a == secretary.students.count() == len(secretary.students.index())
    assert len(admin.students.listing()) > in_a
    assert {finding.school_code for finding in secretary.accounts.findings()} <= {SCHOOL_A}
    first_screen = secretary.students.first_students()
    assert first_screen.rows and {first_screen.school_code(row) for row in first_screen.rows} == {SCHOOL_A}, \
        "the first screen shown while the index loads holds only her school's students too"


def test_a_secretary_cannot_preview_a_student_of_another_school(people, tmp_path):
    secretary = people["sec.a"]
    student_b = _a_student(people["admin"], SCHOOL_B)
    with pytest.raises(AccessDenied) as refused:
        secretary.visibility.view(student_b.id, ViewerSpec.as_student(), TODAY)
    message = str(refused.value)
    assert "l'école des Pionniers (1002)" in message
    assert "adressez-vous à admin.css, root (Administration du centre de services)" in message.replace(
        os_login(), "root")
    with pytest.raises(AccessDenied):
        secretary.printing.dossier(student_b.id, ViewerSpec.as_student(), TODAY, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()
    student_a = _a_student(people["admin"], SCHOOL_A)
    assert secretary.visibility.view(student_a.id, ViewerSpec.as_student(), TODAY) is not None
    with pytest.raises(AccessDenied, match="Direction ou Administration du centre de services"):
        secretary.visibility.view(student_a.id, ViewerSpec.abstract("direction"), TODAY)


def test_a_secretary_cannot_diagnose_a_child_of_another_school(people):
    """The school checked is the one read with the diagnosis (no further read): her school's child is
    diagnosed, the other school's child refused, naming that school."""
    secretary = people["sec.a"]
    for code, refused in ((SCHOOL_A, False), (SCHOOL_B, True)):
        student = _a_student(people["admin"], code)
        with people["admin"].database.sessions() as session:
            board_code = session.scalar(select(SchoolBoard.code))
        attempt = AssociationAttempt(board_code, student.last_name, student.first_name, student.birth_date,
                                     fiche=student.fiche)
        if refused:
            with pytest.raises(AccessDenied, match=r"l'école des Pionniers \(1002\)"):
                secretary.accounts.diagnose(attempt, TODAY)
            secretary.warm_up(student.id)  # the launch's warm-up skips what she may not open, silently
        else:
            assert secretary.accounts.diagnose(attempt, TODAY).student_id == student.id


def test_a_principal_previews_as_staff_in_her_school_only(people):
    principal = people["dir.a"]
    student_a, student_b = _a_student(people["admin"], SCHOOL_A), _a_student(people["admin"], SCHOOL_B)
    assert principal.visibility.view(student_a.id, ViewerSpec.abstract("direction"), TODAY) is not None
    with pytest.raises(AccessDenied, match="l'école des Pionniers"):
        principal.visibility.view(student_b.id, ViewerSpec.abstract("direction"), TODAY)


def test_settings_follow_the_school_and_the_board(people):
    ids = _school_ids(people["admin"])
    board_id = people["admin"].settings.boards()[0].id
    school_a = PendingChange.set(SettingScope.SCHOOL, ids[SCHOOL_A], "group_averages", True)
    school_b = PendingChange.set(SettingScope.SCHOOL, ids[SCHOOL_B], "group_averages", True)
    board_change = PendingChange.set(SettingScope.BOARD, board_id, "allowed_parent_tiles.messages", False)
    with pytest.raises(AccessDenied) as refused:
        people["sec.a"].settings.save([board_change], "essai")
    assert str(refused.value).startswith("Modifier les réglages du centre de services demande le rôle "
                                         "Administration du centre de services ; adressez-vous à admin.css")
    with pytest.raises(AccessDenied, match="Modifier les réglages du portail de l'école"):
        people["sec.a"].settings.save([school_a], "essai")
    assert people["dir.a"].settings.save([school_a], "Conseil d'établissement") is not None
    with pytest.raises(AccessDenied, match="l'école des Pionniers"):
        people["dir.a"].settings.save([school_b], "essai")
    with pytest.raises(AccessDenied):
        people["dir.a"].settings.save([board_change], "essai")
    assert people["admin"].settings.save([board_change, school_b], "Centre de services") is not None


def test_it_configures_but_never_sees_personal_data(people):
    tech = people["tech"]
    assert tech.access.me().may(Right.CONFIGURE)
    with pytest.raises(AccessDenied, match="Rechercher des élèves"):
        tech.students.listing()
    with pytest.raises(AccessDenied):
        tech.students.index()
    with pytest.raises(AccessDenied):
        tech.accounts.findings()
    with pytest.raises(AccessDenied):
        tech.directory.staff()


def test_a_batch_prints_only_the_persons_schools(people, tmp_path):
    from desktop.services.reports.batch import Selection

    secretary = people["sec.a"]
    with people["admin"].database.sessions() as session:
        ids = list(session.scalars(select(Student.id).order_by(Student.id)))
    (tmp_path / "out").mkdir()
    result = secretary.printing.batch(Selection(student_ids=tuple(ids)), ViewerSpec.as_student(), TODAY,
                                      directory=tmp_path / "out")
    assert 0 < result.students == secretary.students.count() < len(ids)
    with pytest.raises(AccessDenied, match="l'école des Pionniers"):
        secretary.printing.batch(Selection(school_code=SCHOOL_B), ViewerSpec.as_student(), TODAY,
                                 directory=tmp_path / "out")


def test_only_a_board_admin_grants_and_every_grant_is_audited(people):
    admin, secretary = people["admin"], people["sec.a"]
    with pytest.raises(AccessDenied, match="Attribuer et retirer les rôles"):
        secretary.access.grant("sec.a", Role.BOARD_ADMIN)
    with pytest.raises(AccessDenied):
        secretary.access.grants()
    written = admin.access.grant("sec.b", "secretariat", [SCHOOL_B])
    assert [(g.login, g.role, g.school_code) for g in written.value] == [("sec.b", Role.SECRETARIAT, SCHOOL_B)]
    assert written.changes.access
    assert admin.access.grant("sec.b", "secretariat", [SCHOOL_B]).value == []  # already held: nothing twice
    assert admin.access.revoke("sec.b", "secretariat", [SCHOOL_B]).value[0].school_code == SCHOOL_B
    with admin.database.sessions() as session:
        logged = session.execute(select(AuditEntry.action, AuditEntry.after, AuditEntry.before)
                                 .where(AuditEntry.entity == "access_grant").order_by(AuditEntry.id)).all()
    assert ("access_granted", json.dumps({"login": "sec.b", "role": "secretariat", "school": SCHOOL_B},
                                         ensure_ascii=False, sort_keys=True), None) in logged
    assert logged[-1][0] == "access_revoked"
    with pytest.raises(InvalidInput, match="vaut pour tout le centre de services"):
        admin.access.grant("x", Role.IT, [SCHOOL_A])


def test_the_last_board_admin_cannot_be_removed(any_db):
    vitrail = Vitrail(any_db)
    me = vitrail.access.me()
    assert me.roles == {Role.BOARD_ADMIN} and me.login == any_db.login
    with pytest.raises(InvalidInput, match="dernière personne ayant le rôle Administration"):
        vitrail.access.revoke(any_db.login, Role.BOARD_ADMIN)
    vitrail.access.grant("relève", Role.BOARD_ADMIN)
    vitrail.access.revoke("relève", Role.BOARD_ADMIN)
    assert [g.login for g in vitrail.access.grants()] == [any_db.login]
    with any_db.sessions() as session:
        assert session.get(DatabaseInfo, "created_by").value == any_db.login


def test_a_workstation_opens_while_another_sets_up_a_new_database(any_db):
    """Fifty offices open Vitrail at 8 a.m.: a database that has its administrator opens while
    another workstation holds what setting up a new database takes — on PostgreSQL the
    first-administrator lock (opening used to queue on it, and workstations gave up with "un
    autre poste modifie les mêmes données"), on SQLite the file's write lock."""
    with _another_workstation_setting_up(any_db):
        other = open_database(any_db.url, actor=TEST_ACTOR, clock=FixedClock(NOW))
        try:
            assert [g.login for g in Vitrail(other).access.grants()] == [any_db.login]
        finally:
            other.close()


@contextmanager
def _another_workstation_setting_up(database):
    """What a workstation setting up a new database holds while it does."""
    if database.backend == "postgresql":
        from desktop.services.storage import FIRST_ADMIN_LOCK

        with database.engine.connect() as setting_up:
            setting_up.exec_driver_sql(f"SELECT pg_advisory_lock({FIRST_ADMIN_LOCK})")
            try:
                yield
            finally:
                setting_up.exec_driver_sql(f"SELECT pg_advisory_unlock({FIRST_ADMIN_LOCK})")
        return
    writer = sqlite3.connect(make_url(database.url).database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        yield
        writer.execute("ROLLBACK")
    finally:
        writer.close()


def test_the_server_login_wins_on_postgresql(any_db):
    database = open_database(any_db.url, actor=TEST_ACTOR, clock=FixedClock(NOW), login="directrice")
    try:
        if database.backend == "postgresql":
            with database.engine.connect() as connection:
                assert database.login == connection.exec_driver_sql("SELECT session_user").scalar() != "directrice"
        else:
            assert database.login == "directrice"
    finally:
        database.close()


def test_logname_does_not_change_who_you_are(any_db, monkeypatch):
    for variable in ("LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(variable, "directrice.generale")
    database = open_database(any_db.url, actor=TEST_ACTOR, clock=FixedClock(NOW))
    try:
        assert database.login == any_db.login != "directrice.generale"
        assert Vitrail(database).access.me().roles == {Role.BOARD_ADMIN}  # the creator, not the name claimed
        if database.backend == "sqlite":
            assert database.login == os_login()
    finally:
        database.close()


def _cli_setup(board: str) -> Vitrail:
    """The person running the tests (this OS account) is made secretary of school A only."""
    admin = as_person(board, ADMIN)
    admin.access.revoke(os_login(), Role.BOARD_ADMIN)
    admin.access.grant(os_login(), Role.SECRETARIAT, [SCHOOL_A])
    return admin


def test_cli_refusal_is_exit_code_3_with_the_sentence(board, capsys, monkeypatch):
    admin = _cli_setup(board)
    student_b = _a_student(admin, SCHOOL_B)
    admin.close()
    monkeypatch.setenv("LOGNAME", ADMIN)  # claiming to be the administrator changes nothing
    monkeypatch.setenv("USER", ADMIN)
    code = main(["--db", board, "preview", "--student", student_b.fiche, "--as-student", "--json"])
    err = capsys.readouterr().err
    assert code == 3
    assert "l'école des Pionniers (1002)" in err and "adressez-vous à admin.css" in err
    assert main(["--db", board, "settings", "set", "--board", "CSS3L", "allowed_parent_tiles.messages=off",
                 "--comment", "essai"]) == 3
    assert "Modifier les réglages du centre de services demande le rôle" in capsys.readouterr().err
    assert main(["--db", board, "access", "grant", os_login(), "--role", "board_admin"]) == 3
    assert main(["--db", board, "students", "--json"]) == 0
    assert {row["school"] for row in json.loads(capsys.readouterr().out)} == {SCHOOL_A}


def test_cli_access_grant_list_revoke(board, capsys):
    assert main(["--db", board, "access", "grant", "dir.b", "--role", "direction", "--school", SCHOOL_B]) == 0
    assert "Rôle attribué : dir.b — Direction — l'école des Pionniers" in capsys.readouterr().out
    assert main(["--db", board, "access", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"login": "dir.b", "role": "direction", "school": SCHOOL_B} in [
        {k: row[k] for k in ("login", "role", "school")} for row in listed]
    assert main(["--db", board, "access", "revoke", "dir.b", "--role", "direction", "--school", SCHOOL_B]) == 0
    assert "Rôle retiré" in capsys.readouterr().out
    assert main(["--db", board, "access", "grant", "x", "--role", "direction", "--school", "9999"]) == 2
    assert "Aucune école n'a le code « 9999 »" in capsys.readouterr().err


def _counts(database) -> tuple[int, int]:
    with database.sessions() as session:
        return (session.scalar(select(func.count()).select_from(Student)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def test_demo_replace_never_touches_a_real_board(any_db, capsys):
    generate_demo(any_db, students=30, seed=2, today=TODAY)
    with any_db.sessions.begin() as session:  # as an import (or anything but the demo) marks it
        session.get(DatabaseInfo, "kind").value = "board"
    before = _counts(any_db)
    with pytest.raises(DatabaseNotEmpty, match="ne remplace jamais un vrai centre de services"):
        Vitrail(any_db).generate_demo(students=20, seed=3, replace=True)
    assert _counts(any_db) == before
    assert main(["--db", any_db.url, "demo", "--students", "20", "--replace"]) == 2
    assert "vrai centre de services" in capsys.readouterr().err
    assert _counts(any_db) == before


def test_demo_replace_keeps_the_audit_log(any_db):
    generate_demo(any_db, students=30, seed=2, today=TODAY)
    with any_db.sessions() as session:
        assert session.get(DatabaseInfo, "kind").value == "demo"
    logged = _counts(any_db)[1]
    generate_demo(any_db, students=20, seed=3, today=TODAY, replace=True)
    students, entries = _counts(any_db)
    assert students == 20 and entries == logged + 1


def test_the_demo_needs_a_board_admin(board):
    admin = as_person(board, ADMIN)
    admin.access.grant("dir.a", Role.DIRECTION, [SCHOOL_A])
    principal = as_person(board, "dir.a")
    try:
        with pytest.raises(AccessDenied, match="Créer ou remplacer la base de démonstration"):
            principal.generate_demo(students=10, seed=1, replace=True)
    finally:
        principal.close()
        admin.close()
