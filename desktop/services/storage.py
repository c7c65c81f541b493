"""Opening the database: SQLite by default, PostgreSQL for a board's shared database.

``open_database`` is the one door: it resolves the URL, checks the file or server, refuses a
database migrated by a newer Vitrail, brings an older one up to date with Alembic, and returns
a ``Database`` whose sessions are audited. Every failure is a ``VitrailError`` with a French
message; nothing here prints a traceback to a user.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.migrations import SCHEMA_HEAD
from desktop.models import Student
from desktop.services.audit import Actor, install_audit
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.errors import DatabaseTooNew, DatabaseUnavailable
from desktop.services.failures import describe_database_fault
from desktop.services.outputs import PRIVATE_FILE, describe_os_error, make_private, private_folder

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from sqlalchemy.engine.interfaces import DBAPIConnection

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


@dataclass
class Database:
    """An open, migrated database and the audited session factory for it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    actor: Actor
    clock: Clock = SYSTEM_CLOCK

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def is_empty(self) -> bool:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(Student)) == 0

    def display_name(self) -> str:
        """The URL as shown to users: never with a password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config(connection: Connection | None) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """Alembic's head, read from the migration scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None, "the migration scripts have a head"
    return head


def _stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, without importing Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision: str | None = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _create_private_file(file: Path) -> None:
    """Create an empty SQLite file readable by its owner only, in a folder created ``0700``.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's permissions, so the
    personal data in them stays private too.
    """
    try:
        private_folder(file.parent)
        os.close(os.open(file, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
        make_private(file)
    except OSError as exc:
        raise DatabaseUnavailable(f"Impossible de créer la base de données « {file} » : "
                                  f"{describe_os_error(exc)}.") from exc


def make_sqlite_private(url: str) -> None:
    """Make an existing SQLite file (and its ``-wal``/``-shm``) ``0600`` and its folder ``0700``.

    For Vitrail's own default file, which older versions created ``0644`` in a ``0755`` folder;
    never for a file someone named (it may be shared on purpose). Errors are ignored.
    """
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    file = Path(database)
    for path in (file.parent, file, file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm")):
        if path.exists():
            with contextlib.suppress(OSError):
                make_private(path)


def _make_engine(url: str, *, create: bool) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"Adresse de base de données invalide : « {url} ».") from exc
    if parsed.drivername.startswith("postgresql") and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("sqlite"):
        path = parsed.database
        if path and path != ":memory:":
            file = Path(path)
            if not file.exists():
                if not create:
                    raise DatabaseUnavailable(
                        f"La base de données « {file} » est introuvable. Vérifiez le chemin, "
                        "ou créez une base de démonstration avec « vitrail demo »."
                    )
                _create_private_file(file)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername.startswith("postgresql"):
        return create_engine(parsed, pool_pre_ping=True)
    raise DatabaseUnavailable(
        f"Type de base de données non pris en charge : « {parsed.drivername} ». "
        "Vitrail utilise SQLite (poste seul) ou PostgreSQL (base partagée du centre de services)."
    )


def _check_and_migrate(engine: Engine, url: str) -> None:
    try:
        with engine.begin() as connection:
            current = _stored_revision(connection)
            if current == SCHEMA_HEAD:
                return
            _migrate(connection, current)
    except OperationalError as exc:
        raise DatabaseUnavailable(_describe_operational_error(url, exc)) from exc
    except DatabaseError as exc:
        raise DatabaseUnavailable(
            f"Le fichier « {make_url(url).database} » n'est pas une base de données Vitrail lisible "
            "(fichier endommagé ou d'un autre type). Il n'a pas été modifié ; restaurez une copie de sauvegarde."
        ) from exc


def _migrate(connection: Connection, current: str | None) -> None:
    """Bring an older (or new, empty) database to the head; refuse a newer or foreign one."""
    from alembic import command
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            "Cette base de données a été mise à jour par une version plus récente de Vitrail "
            f"(révision {current}). Elle n'a pas été modifiée. Installez la version à jour de Vitrail."
        )
    if current is None and inspect(connection).has_table("student"):
        raise DatabaseUnavailable(
            "Cette base de données contient des tables mais aucune version de schéma Vitrail : "
            "elle n'a pas été créée par Vitrail et n'a pas été modifiée."
        )
    command.upgrade(_alembic_config(connection), "head")


def _describe_operational_error(url: str, exc: OperationalError) -> str:
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        # SQLite's own sentence is English: say what it means instead (failures.SQLITE_FAULTS).
        return (f"Impossible d'ouvrir la base de données « {parsed.database} ». "
                + (describe_database_fault(exc) or "Le fichier n'a pas pu être lu ; il n'a pas été modifié."))
    return (f"Impossible de joindre la base de données partagée « {parsed.render_as_string(hide_password=True)} ». "
            "Vérifiez le réseau, l'adresse du serveur et vos accès, puis réessayez.")


def shown_url(url: str) -> str:
    """``url`` as shown to people: never with a password (as is when it cannot be parsed)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@dataclass(frozen=True)
class SchemaState:
    """What a database holds, read without changing it (``vitrail --smoke-test``)."""

    revision: str | None  # the Alembic revision recorded, None when there is none
    has_tables: bool  # any table at all (a database that is not empty and not Vitrail's has some)

    @property
    def up_to_date(self) -> bool:
        return self.revision == SCHEMA_HEAD


def inspect_schema(url: str) -> SchemaState:
    """Connect to ``url`` and read its schema revision: no file created, no migration, no write.

    DatabaseUnavailable (French message) when the file is missing or the server does not answer.
    """
    engine = _make_engine(url, create=False)
    try:
        with engine.connect() as connection:
            return SchemaState(_stored_revision(connection), bool(inspect(connection).get_table_names()))
    except OperationalError as exc:
        raise DatabaseUnavailable(_describe_operational_error(url, exc)) from exc
    except DatabaseError as exc:
        raise DatabaseUnavailable(f"« {make_url(url).render_as_string(hide_password=True)} » n'est pas une base de "
                                  "données lisible (fichier endommagé ou d'un autre type).") from exc
    finally:
        engine.dispose()


def known_revisions() -> set[str]:
    """Every revision of the migration scripts (slow: imports Alembic)."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}


def open_database(url: str, *, create: bool = False, actor: Actor | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> Database:
    """Open (and migrate) the database at ``url``; ``create`` allows a new SQLite file.

    ``clock`` is the one source of "now" for everything done through this database.
    """
    engine = _make_engine(url, create=create)
    try:
        _check_and_migrate(engine, url)
    except Exception:
        engine.dispose()
        raise
    actor = actor or Actor.current()
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory, actor, clock)
    return Database(url=url, engine=engine, sessions=factory, actor=actor, clock=clock)
