"""The audit log no one can forge (access.md §4): the database writes who and chains each entry.

On SQLite and, with VITRAIL_TEST_PG_URL, on PostgreSQL: the same canonical form, one verifier.
Also the sensitive reads (previews, exports, NIP checks) and the pause after five wrong NIPs.
"""

from __future__ import annotations

import io
import json
import threading
from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from desktop.cli import main
from desktop.models import AuditAction, AuditEntry
from desktop.services.accounts.diagnostic import AssociationAttempt
from desktop.services.accounts.nips import issue_nip
from desktop.services.audit import CHAIN_FIELDS, Actor, canonical_entry, entry_hash, verify_chain
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.identity import os_login
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit
from desktop.services.visibility.viewers import ViewerSpec
from tests.test_accounts_findings import Board

from conftest import NOW, TEST_ACTOR

BIRTH = date(2015, 9, 3)
MOTHER_EMAIL = "julie.cote@videotron.ca"


def _entries(database) -> list[AuditEntry]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@pytest.fixture
def family(any_db):
    board = Board(any_db)
    child = board.student(last="Côté", first="Alexandrine", birth=BIRTH, fiche="0012345")
    mother = board.guardian(last="Côté", first="Julie", email=MOTHER_EMAIL)
    board.link(child, mother, 1)
    return board, child, mother


def test_canonical_form_is_unambiguous():
    values = (1, datetime(2026, 11, 23, 9, 30), "marie", "m", "POSTE", "update", "guardian", 7, "email",
              "a;b", None, None, None)
    assert len(values) == len(CHAIN_FIELDS)
    assert canonical_entry(values).startswith("1:1;26:2026-11-23 09:30:00.000000;5:marie;")
    shifted = (*values[:9], "a", ";b", *values[11:])  # the same characters, cut elsewhere
    assert entry_hash(values) != entry_hash(shifted)
    assert canonical_entry(values) == canonical_entry((*values[:1], "2026-11-23 09:30:00", *values[2:]))


def test_every_entry_is_chained_by_the_database_and_verifies(family):
    board, child, mother = family
    vitrail = Vitrail(board.database)
    vitrail.students.save_emails([EmailEdit(mother, 1, "julie.cote@gmail.com")])
    with board.database.engine.begin() as connection:  # a bulk path: one executemany, no ORM
        connection.execute(AuditEntry.__table__.insert(), [
            {"at": NOW, "os_user": "x", "workstation": "y", "action": "import_applied", "entity": "student",
             "entity_id": child, "field": f"f{n}", "before": None, "after": "é;\n\"x\""} for n in range(3)])
    entries = _entries(board.database)
    assert len(entries) > 5 and all(e.entry_hash for e in entries)
    assert [e.previous_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    expected = (board.database.engine.connect().execute(text("SELECT session_user")).scalar()
                if board.database.backend == "postgresql" else os_login())
    assert {e.login for e in entries} == {expected}
    with board.database.engine.connect() as connection:
        report = verify_chain(connection)
    assert report.intact and report.checked == len(entries)


def test_logname_changes_nothing_on_sqlite(tmp_path, monkeypatch):
    for variable in ("LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(variable, "directrice.generale")
    database = open_database(f"sqlite:///{tmp_path / 'v.db'}", create=True, clock=FixedClock(NOW))
    try:
        assert database.actor.os_user == os_login() != "directrice.generale"
        Board(database)
        assert {e.login for e in _entries(database)} == {os_login()}
    finally:
        database.close()


def _forge(database, statement: str) -> None:
    """What someone with the file or a superuser could do: switch the locks off, rewrite, switch them on."""
    with database.engine.begin() as connection:
        if database.backend == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_entry_chain")
            connection.exec_driver_sql(statement)
        else:
            connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
            connection.exec_driver_sql(statement)
            connection.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER USER")


@pytest.mark.parametrize("forgery, reason", [
    ("UPDATE audit_entry SET after = 'falsifié' WHERE id = {target}", "modifiée après coup"),
    ("DELETE FROM audit_entry WHERE id = {target}", "retirée"),
])
def test_a_rewritten_or_removed_entry_is_named_by_audit_verify(family, capsys, forgery, reason):
    board, *_ = family
    entries = _entries(board.database)
    target = entries[2]
    _forge(board.database, forgery.format(target=target.id))
    with board.database.engine.connect() as connection:
        broken = verify_chain(connection).broken
    assert broken is not None
    named = target if "UPDATE" in forgery else entries[3]
    assert broken.entry_id == named.id and reason in broken.reason
    assert broken.who == named.login
    assert main(["--db", board.database.url, "audit", "verify"], clock=FixedClock(NOW)) == 1
    out = capsys.readouterr().out
    assert f"Entrée n° {named.id} du {named.at:%Y-%m-%d}" in out and "altéré" in out


def test_audit_verify_json_says_intact_and_how_many(family, capsys):
    board, *_ = family
    assert main(["--db", board.database.url, "audit", "verify", "--json"], clock=FixedClock(NOW)) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["intact"] is True and result["broken"] is None and result["checked"] == len(_entries(board.database))


def test_an_entry_slipped_in_with_a_made_up_hash_is_found(family):
    board, *_ = family
    _forge(board.database, "INSERT INTO audit_entry (at, os_user, workstation, action, entity, login, "
                           "previous_hash, entry_hash) VALUES ('2026-11-23 10:00:00', 'x', 'y', 'update', "
                           f"'guardian', 'directrice.generale', NULL, '{'0' * 64}')")
    with board.database.engine.connect() as connection:
        broken = verify_chain(connection).broken
    assert broken is not None and broken.who == "directrice.generale"


def test_the_bulk_writer_of_imports_chains_too(family):
    """Imports write their audit rows with BulkWriter: executemany on SQLite, COPY on PostgreSQL."""
    from desktop.services.demo.writer import BulkWriter

    board, child, _ = family
    columns = ("at", "os_user", "workstation", "action", "entity", "entity_id", "field", "before", "after")
    with board.database.engine.begin() as connection:
        BulkWriter(connection).write(AuditEntry, columns, [
            (NOW, "x", "y", "import_applied", "student", child, f"f{n}", None, "après") for n in range(50)])
    with board.database.engine.connect() as connection:
        report = verify_chain(connection)
    assert report.intact and report.checked == len(_entries(board.database))


def test_two_workstations_writing_at_once_chain_one_after_the_other(any_db):
    """PostgreSQL: the second writer waits for the first's advisory lock, then chains after its entry."""
    if any_db.backend != "postgresql":
        pytest.skip("SQLite : un seul écrivain à la fois par construction")
    row = {"at": NOW, "os_user": "x", "workstation": "y", "action": "update", "entity": "guardian", "field": "email"}
    first = any_db.engine.connect()
    transaction = first.begin()
    first.execute(AuditEntry.__table__.insert(), [row])
    failures: list[BaseException] = []

    def second() -> None:
        try:
            with any_db.engine.begin() as connection:
                connection.execute(AuditEntry.__table__.insert(), [{**row, "field": "second"}])
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            failures.append(exc)

    writer = threading.Thread(target=second)
    writer.start()
    with any_db.engine.connect() as watcher:  # wait until the second writer is blocked on the lock
        # The server waits (up to 5 s), not this process: a timed wait in Python never ends under
        # faketime (the deadline is computed on the faked clock, awaited on the real one).
        watcher.execute(text("DO $$ BEGIN FOR attempt IN 1..500 LOOP EXIT WHEN EXISTS (SELECT FROM pg_locks "
                             "WHERE locktype = 'advisory' AND NOT granted); PERFORM pg_sleep(0.01); END LOOP; END $$"))
    transaction.commit()
    first.close()
    writer.join(30)
    assert not failures
    entries = _entries(any_db)
    assert [e.field for e in entries if e.action != "access_granted"] == ["email", "second"]
    with any_db.engine.connect() as connection:
        assert verify_chain(connection).intact


def test_entries_from_before_the_chain_are_counted_not_checked(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'v.db'}", create=True, actor=TEST_ACTOR, clock=FixedClock(NOW))
    try:
        with database.engine.begin() as connection:
            connection.exec_driver_sql("DROP TRIGGER audit_entry_chain")
            # id 0: written before the chain began (the first administrator's grant, entry 1, is chained)
            connection.exec_driver_sql("INSERT INTO audit_entry (id, at, os_user, workstation, action, entity) "
                                       "VALUES (0, '2026-01-01 00:00:00', 'ancien', 'p', 'update', 'guardian')")
        database.close()
        database = open_database(f"sqlite:///{tmp_path / 'v.db'}", actor=TEST_ACTOR, clock=FixedClock(NOW))
        with database.engine.begin() as connection:  # the migration's trigger is back on upgrade
            connection.exec_driver_sql("DELETE FROM alembic_version")
            connection.exec_driver_sql("INSERT INTO alembic_version VALUES ('0003_access')")
        database.close()
        database = open_database(f"sqlite:///{tmp_path / 'v.db'}", actor=TEST_ACTOR, clock=FixedClock(NOW))
        Board(database)
        with database.engine.connect() as connection:
            report = verify_chain(connection)
        assert report.intact and report.unchained == 1 and report.checked > 0
    finally:
        database.close()


# -- sensitive reads ---------------------------------------------------------------------------------

def test_previews_and_exports_are_audited(family):
    board, child, mother = family
    vitrail = Vitrail(board.database)
    vitrail.visibility.views(child, [ViewerSpec.guardian(mother), ViewerSpec.as_student()], NOW.date())
    out = io.StringIO()
    vitrail.accounts.export_findings(vitrail.accounts.findings(), out)
    vitrail.students.listing("Côté")
    reads = [(e.action, e.entity, e.entity_id, e.after) for e in _entries(board.database)
             if e.action in (AuditAction.PREVIEWED, AuditAction.EXPORTED)]
    assert [r[:3] for r in reads] == [("previewed", "student", child), ("previewed", "student", child),
                                      ("exported", "finding", None), ("exported", "student", None)]
    assert reads[-1][3] == "1 élève « Côté »"
    with board.database.engine.connect() as connection:
        assert verify_chain(connection).intact  # two entries in one INSERT, each chained


def test_five_wrong_nips_pause_the_checks_of_that_pair_for_fifteen_minutes(family):
    board, child, mother = family
    clock = board.database.clock
    assert isinstance(clock, FixedClock)
    nip = issue_nip(board.database, child, mother).nip
    vitrail = Vitrail(board.database)
    attempt = AssociationAttempt("CSS1", "Côté", "Alexandrine", BIRTH, fiche="0012345", email=MOTHER_EMAIL)
    wrong = "ABCDEFGHJKMN" if nip != "ABCDEFGHJKMN" else "ABCDEFGHJKMP"
    for _ in range(5):
        codes = {f.code for f in vitrail.accounts.diagnose(_with(attempt, wrong)).findings}
        assert "nip_wrong" in codes
        clock.advance(minutes=1)
    refused = vitrail.accounts.diagnose(_with(attempt, nip))  # even the right NIP: the pair is paused
    assert [f.code for f in refused.findings] == ["nip_checks_refused"]
    assert "suspendue jusqu'à" in refused.findings[0].message
    clock.advance(minutes=14)  # 15 minutes after the fifth wrong NIP (at minute 4)
    assert "nip_checks_refused" not in {f.code for f in vitrail.accounts.diagnose(_with(attempt, nip)).findings}
    checks = [(e.action, e.after) for e in _entries(board.database)
              if e.action in (AuditAction.NIP_CHECKED, AuditAction.NIP_CHECK_REFUSED)]
    assert [a for a, _ in checks] == ["nip_checked"] * 5 + ["nip_check_refused", "nip_checked"]
    assert checks[-1][1] == "valid"
    assert not any(nip in (e.before or "") + (e.after or "") + (e.field or "") for e in _entries(board.database))


def _with(attempt: AssociationAttempt, nip: str) -> AssociationAttempt:
    from dataclasses import replace

    return replace(attempt, nip=nip)


def test_actor_is_information_only():
    assert Actor.current().os_user == os_login()
