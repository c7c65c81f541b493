"""Two workstations issuing a NIP for the same guardian at the same moment (issue 13, item 2).

The database allows one active NIP per (student, guardian): whoever commits first wins, the
other is told so in French and issues nothing. Run on SQLite and, when configured, PostgreSQL,
with real threads on separate connections.

On SQLite a NIP is issued statement by statement: the race window is between reading the pair's
links and NIPs (``_load_pairs``) and writing, held open by a barrier there. On PostgreSQL it is
one statement: the window is between that statement and its COMMIT, held open until the other
workstation's statement waits on the first's rows (seen in ``pg_blocking_pids``).
"""

from __future__ import annotations

import threading
import time

import pytest
from alembic import command
from sqlalchemy import create_engine, event, func, select, text

from desktop.models import AuditEntry, Nip
from desktop.services.accounts import nips
from desktop.services.accounts.nips import NipIssuedElsewhere, issue_nip
from desktop.services.audit import Actor
from desktop.services.storage import _alembic_config, open_database

from conftest import _backends
from student_rows import seed_small_board

BARRIER_SECONDS = 20


def _active(database, student_id, guardian_id):
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(Nip).where(
            Nip.student_id == student_id, Nip.guardian_id == guardian_id, Nip.revoked_at.is_(None)))


def _workstations(databases, student_id, guardian_id, outcomes):
    """One thread per workstation, each issuing the pair's NIP once and filing what it got in ``outcomes``."""

    def issue(index, database):
        try:
            outcomes[index] = issue_nip(database, student_id, guardian_id)
        except Exception as error:  # noqa: BLE001 - the test looks at what each one got
            outcomes[index] = error

    return [threading.Thread(target=issue, args=(i, db)) for i, db in enumerate(databases)]


def _race(databases, student_id, guardian_id):
    """Each workstation issues once, both after having read the pair's NIPs: the window of the race."""
    barrier = threading.Barrier(len(databases), timeout=BARRIER_SECONDS)
    outcomes = {}

    threads = _workstations(databases, student_id, guardian_id, outcomes)
    original = nips._load_pairs

    def read_then_wait(*args, **kwargs):
        pairs = original(*args, **kwargs)
        if threading.current_thread() in threads:
            barrier.wait()
        return pairs

    nips._load_pairs = read_then_wait
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        nips._load_pairs = original
    return [outcomes[i] for i in range(len(databases))]


def _race_on_server(databases, student_id, guardian_id):
    """The first workstation writes and holds its transaction open; the second one's statement starts
    and waits on it (its snapshot predates the first's commit: the real race); then the first commits."""
    first, second = databases
    wrote, release = threading.Event(), threading.Event()
    holder = {}
    outcomes = {}

    def hold(connection):
        if threading.current_thread() is threads[0]:
            holder["pid"] = connection.connection.dbapi_connection.info.backend_pid
            wrote.set()
            release.wait(BARRIER_SECONDS)

    threads = _workstations(databases, student_id, guardian_id, outcomes)
    event.listen(first.engine, "commit", hold)
    try:
        threads[0].start()
        assert wrote.wait(BARRIER_SECONDS), "the first workstation never wrote"
        threads[1].start()
        deadline = time.monotonic() + BARRIER_SECONDS
        # In autocommit: pg_stat_activity is read once per transaction.
        with second.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
            waiting = text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")
            while not watcher.scalar(waiting, {"pid": holder["pid"]}):
                assert time.monotonic() < deadline, "the second workstation never waited on the first"
                assert threads[1].is_alive(), f"the second workstation did not wait: {outcomes}"
    finally:
        release.set()
        for thread in threads:
            thread.join(60)
        event.remove(first.engine, "commit", hold)
    return [outcomes[i] for i in range(len(databases))]


@pytest.mark.parametrize("reissue", [False, True], ids=["first-issue", "reissue"])
def test_two_workstations_issuing_at_once_leave_exactly_one_valid_nip(any_db, empty_db_url, reissue):
    board = seed_small_board(any_db)
    student_id, guardian_id = board.students["Élodie"], board.guardians["Julie"]
    if reissue:
        issue_nip(any_db, student_id, guardian_id)
    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"), clock=any_db.clock)
    try:
        race = _race_on_server if any_db.backend == "postgresql" else _race
        outcomes = race([any_db, other], student_id, guardian_id)
    finally:
        other.close()
    issued = [o for o in outcomes if isinstance(o, nips.IssuedNip)]
    refused = [o for o in outcomes if isinstance(o, NipIssuedElsewhere)]
    assert (len(issued), len(refused)) == (1, 1), outcomes
    assert _active(any_db, student_id, guardian_id) == 1
    message = str(refused[0])
    assert "Un autre poste vient d'émettre un NIP" in message and "Aucun NIP n'a été émis ici" in message
    # The winner's NIP is the valid one; the loser left no audit trace of a NIP it did not issue.
    with any_db.sessions() as session:
        issued_events = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "nip_issued"))
    assert issued_events == (2 if reissue else 1)
    with any_db.sessions() as session:
        assert nips.verify_nip(session, student_id, issued[0].nip, any_db.clock.today()).state is nips.VALID


def test_unsynchronised_races_never_leave_two_valid_nips(any_db, empty_db_url):
    """Threads simply started together, many times: whatever the timing, one active NIP."""
    board = seed_small_board(any_db)
    student_id, guardian_id = board.students["Noah"], board.guardians["Nadia"]
    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"), clock=any_db.clock)
    try:
        for _ in range(6):
            start = threading.Barrier(2, timeout=BARRIER_SECONDS)
            errors = []

            def issue(database, start=start, errors=errors):
                start.wait()
                try:
                    issue_nip(database, student_id, guardian_id)
                except NipIssuedElsewhere as error:
                    errors.append(error)

            threads = [threading.Thread(target=issue, args=(db,)) for db in (any_db, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert _active(any_db, student_id, guardian_id) == 1
    finally:
        other.close()


@pytest.mark.parametrize("empty_db_url", _backends(), indirect=True)
def test_the_migration_revokes_duplicates_keeping_the_newest(empty_db_url):
    """A database that already holds two active NIPs for a pair (made before the index) is repaired."""
    url = empty_db_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        if url.startswith("postgresql"):
            # The rows below point at no student: only the index matters here, not the foreign keys
            # (SQLite does not check them on a connection without PRAGMA foreign_keys).
            connection.execute(text("ALTER TABLE nip DROP CONSTRAINT fk_nip_student_id_student"))
            connection.execute(text("ALTER TABLE nip DROP CONSTRAINT fk_nip_guardian_id_guardian"))
        for nip_id, issued_at in ((1, "2026-11-01 09:00:00"), (2, "2026-11-20 09:00:00"), (3, "2026-11-10 09:00:00")):
            connection.execute(text(
                "INSERT INTO nip (id, student_id, guardian_id, nip_hash, issued_at, issued_by, expires_on) "
                "VALUES (:id, 7, 9, 'h', :at, 'jdoe', '2026-12-31')"), {"id": nip_id, "at": issued_at})
        connection.execute(text(
            "INSERT INTO nip (id, student_id, guardian_id, nip_hash, issued_at, issued_by, expires_on) "
            "VALUES (4, 7, 10, 'h', '2026-11-02 09:00:00', 'jdoe', '2026-12-31')"))
    engine.dispose()
    database = open_database(empty_db_url)
    try:
        with database.sessions() as session:
            rows = {row.id: row for row in session.scalars(select(Nip))}
            audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "nip_revoked")
                                    .order_by(AuditEntry.entity_id)).all()
        assert [nip_id for nip_id, row in sorted(rows.items()) if row.revoked_at is None] == [2, 4]
        assert str(rows[1].revoked_at) == str(rows[3].revoked_at) == "2026-11-20 09:00:00"
        assert [entry.entity_id for entry in audit] == [1, 3]
    finally:
        database.close()
