"""No wait without end: a lock held by another workstation ends in French, not in a hang (issue 13, item 7).

PostgreSQL gives up after ``lock_timeout`` (5 s) on a lock and ``statement_timeout`` (30 s) on a
statement; SQLite after ``busy_timeout`` (5 s). Either way the person reads a French sentence,
the command exits with code 2, and nothing was written.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, func, select, text

from desktop.models import Nip
from desktop.services.accounts.nips import VALID, issue_nip, verify_nip
from desktop.services.errors import DatabaseBusy
from desktop.services.storage import LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS

from student_rows import seed_small_board
from support.cli import main


def _hold_a_lock(url: str, backend: str):
    """Another workstation in the middle of a write: SQLite's write lock, or PostgreSQL row locks on the NIPs."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    connection = engine.connect()
    if backend == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.execute(text("SELECT id FROM nip FOR UPDATE"))
    return engine, connection


def test_nip_issue_behind_a_lock_gives_up_in_french_with_exit_code_2(any_db, empty_db_url, capsys):
    board = seed_small_board(any_db)
    julie = board.guardians["Julie"]
    current = issue_nip(any_db, board.students["Élodie"], julie)
    engine, connection = _hold_a_lock(empty_db_url, any_db.backend)
    try:
        started = time.monotonic()
        code = main(["--db", empty_db_url, "nip", "issue", "--student", "1000001", "--guardian", str(julie)])
        waited = time.monotonic() - started
    finally:
        connection.rollback()
        connection.close()
        engine.dispose()
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert "modifie les mêmes données en ce moment" in captured.err
    assert f"attendu {LOCK_TIMEOUT_MS // 1000} secondes" in captured.err and "Rien n'a été modifié" in captured.err
    assert "Traceback" not in captured.err and "locked" not in captured.err and "lock" not in captured.out
    assert LOCK_TIMEOUT_MS / 1000 - 0.5 <= waited < LOCK_TIMEOUT_MS / 1000 + 10
    # The guardian's NIP is still the one issued before: nothing was written.
    with any_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Nip)) == 1
        assert verify_nip(session, board.students["Élodie"], current.nip, any_db.clock.today()).state is VALID


def test_postgresql_sessions_carry_timeouts_and_no_jit(any_db):
    if any_db.backend != "postgresql":
        pytest.skip("PostgreSQL seulement")
    with any_db.engine.connect() as connection:
        assert connection.scalar(text("SHOW lock_timeout")) == f"{LOCK_TIMEOUT_MS // 1000}s"
        assert connection.scalar(text("SHOW statement_timeout")) == f"{STATEMENT_TIMEOUT_MS // 1000}s"
        # No JIT compilation: 200 ms spent compiling a read of the board's guardians that takes 20.
        assert connection.scalar(text("SHOW jit")) == "off"
        # The URL's own options (the tests' search_path) are kept.
        assert connection.scalar(text("SHOW search_path")).startswith("t_")


def test_a_statement_that_runs_out_of_time_is_a_french_message(any_db):
    if any_db.backend != "postgresql":
        pytest.skip("PostgreSQL seulement")
    with pytest.raises(DatabaseBusy, match=r"n'a pas répondu en \d+ secondes.*rien n'a été modifié"), \
            any_db.engine.begin() as connection:
        connection.execute(text("SET LOCAL statement_timeout = 100"))  # this transaction only
        connection.execute(text("SELECT pg_sleep(3)"))
