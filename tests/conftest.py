"""Shared fixtures: offscreen Qt, fresh databases (SQLite always, PostgreSQL when configured),
a small demo board built once and copied per test, and an in-memory keyring.

Set VITRAIL_TEST_PG_URL (e.g. postgresql://127.0.0.1/test) to run the ``any_db`` tests on
PostgreSQL too: each test then gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

import shutil
import sys
import threading
import uuid
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, text

from desktop.services import logs
from desktop.services.audit import Actor
from desktop.services.clock import FixedClock
from desktop.services.storage import Database, open_database

from support.cli import NOW as CLI_NOW

# Every test sees the same "today": a Monday of term 2 of the 2026-2027 school year. Every
# database a test opens runs on a clock pinned there, so the suite passes on any real date.
NOW = CLI_NOW
TODAY = NOW.date()
TEST_ACTOR = Actor("secretariat.test", "POSTE-TEST-01")
PG_URL = os.environ.get("VITRAIL_TEST_PG_URL")
DEMO_STUDENTS = 240
DEMO_SEED = 7


class MemoryKeyring(KeyringBackend):
    """A non-system keyring: tests never touch the user's real secrets."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's config, data or log (XDG_STATE_HOME holds the log)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(home / "etc-xdg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("VITRAIL_DB_URL", raising=False)
    monkeypatch.delenv("VITRAIL_SERVER_URL", raising=False)
    return home


@pytest.fixture(autouse=True)
def isolated_logging(monkeypatch):
    """``vitrail`` installs its log file and exception hooks; each test ends with pytest's own back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    logs.set_error_presenter(None)
    logs.stop_logging()


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


def _pg_admin(statement: str) -> None:
    engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def _backends() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    if PG_URL:
        params.append(pytest.param("postgresql", id="postgresql"))
    else:
        print("VITRAIL_TEST_PG_URL non défini : tests PostgreSQL non exécutés (SQLite seulement).")
    return params


@pytest.fixture
def empty_db_url(request, tmp_path):
    """URL of a new, empty database on the backend of the test's parameter (default SQLite)."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'vitrail.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE SCHEMA {schema}")
    try:
        yield _pg_schema_url(schema)
    finally:
        _pg_admin(f"DROP SCHEMA {schema} CASCADE")


def pytest_generate_tests(metafunc):
    """Tests that ask for ``any_db`` run on SQLite and, when configured, on PostgreSQL."""
    if "any_db" in metafunc.fixturenames:
        metafunc.parametrize("empty_db_url", _backends(), indirect=True)


@pytest.fixture
def any_db(empty_db_url) -> Database:
    """A new, migrated, empty database on each configured backend."""
    database = open_database(empty_db_url, create=True, actor=TEST_ACTOR, clock=FixedClock(NOW))
    yield database
    database.close()


@pytest.fixture
def empty_db(tmp_path) -> Database:
    """A new, migrated, empty SQLite database."""
    database = open_database(
        f"sqlite:///{tmp_path / 'vitrail.db'}", create=True, actor=TEST_ACTOR, clock=FixedClock(NOW)
    )
    yield database
    database.close()


@pytest.fixture(scope="session")
def password_server():
    """A private PostgreSQL with password authentication and TLS (``support.pg_cluster``), started
    on first use and removed at the end of the run; skipped where it cannot run."""
    from support.pg_cluster import start_cluster

    cluster = start_cluster()
    if cluster is None:
        pytest.skip("serveur PostgreSQL privé impossible à démarrer ici (initdb, openssl ou runuser absent)")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A small demo board generated once per test run (Anki's template-database trick)."""
    from desktop.services.demo import generate_demo

    path = tmp_path_factory.mktemp("template") / "demo.db"
    database = open_database(f"sqlite:///{path}", create=True, actor=TEST_ACTOR, clock=FixedClock(NOW))
    generate_demo(database, students=DEMO_STUDENTS, seed=DEMO_SEED, today=TODAY)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Database:
    """A private copy of the demo board (SQLite): tests may write to it freely."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    database = open_database(f"sqlite:///{path}", actor=TEST_ACTOR, clock=FixedClock(NOW))
    yield database
    database.close()
