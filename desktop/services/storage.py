"""Opening the database: SQLite by default, PostgreSQL for a board's shared database.

``open_database`` is the one door: it resolves the URL, checks the file or server, refuses a
database migrated by a newer Vitrail, brings an older one up to date with Alembic, and returns
a ``Database`` whose sessions are audited. Every failure is a ``VitrailError`` with a French
message; nothing here prints a traceback to a user.

It never turns someone else's database into Vitrail's: tables are created only in an empty
database (no table or view at all in the target schema) or in one that records a Vitrail schema
revision; a PostgreSQL URL must name its database (``postgresql://`` alone would let libpq pick
one). No wait is unbounded: SQLite waits ``BUSY_TIMEOUT_MS`` for a lock, PostgreSQL
``LOCK_TIMEOUT_MS`` for a lock and ``STATEMENT_TIMEOUT_MS`` for a statement, then the
operation gives up with ``DatabaseBusy`` (``database_errors``), nothing written.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.migrations import SCHEMA_HEAD
from desktop.models import Student
from desktop.services.audit import Actor, install_audit, sqlite_audit_hash
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.config import hide_password
from desktop.services.database_errors import busy_error, classify_connection_error, database_problem
from desktop.services.errors import DatabaseTooNew, DatabaseUnavailable
from desktop.services.failures import describe_database_fault
from desktop.services.identity import os_login
from desktop.services.outputs import PRIVATE_FILE, describe_os_error, make_private, private_folder

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from sqlalchemy.engine.interfaces import DBAPIConnection, ExceptionContext
    from sqlalchemy.pool import ConnectionPoolEntry

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
BUSY_TIMEOUT_MS = 5_000
LOCK_TIMEOUT_MS = 5_000
STATEMENT_TIMEOUT_MS = 30_000
POOL_SIZE = 1  # the connection kept open between operations, per workstation, on PostgreSQL
POOL_OVERFLOW = 4  # more, opened for the moment several operations (or a nested read) run at once
POOL_TIMEOUT_S = 15  # an operation waits this long for a connection, then says the server is busy
FIRST_ADMIN_LOCK = 7341001  # PostgreSQL advisory lock: one workstation at a time sets up a new database's admin
# A connection idle this long is checked before use (a firewall or a server restart may have
# closed it); one used more recently is trusted: a check on every use costs a round trip per click.
PING_AFTER_IDLE_S = 30.0


@dataclass
class Database:
    """An open, migrated database and the audited session factory for it."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    actor: Actor
    clock: Clock = SYSTEM_CLOCK
    # Who is using it (``access.md`` §2): the server's session_user on PostgreSQL, the OS
    # account on SQLite. Every right is checked against this login (``services.access``).
    login: str = ""
    # What use cases keep between calls on this database (the person's grants, ``services.access``).
    # Never compared or printed; each façade area reads it through its own helper.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # Sessions for units of work that only read (and may append audit entries): on PostgreSQL
    # each statement runs on its own, without BEGIN and ROLLBACK, two round trips fewer over a
    # board's network. None: the same as ``sessions`` (SQLite, where a transaction costs nothing).
    reads: sessionmaker[Session] | None = field(default=None, compare=False, repr=False)

    def read_session(self) -> Session:
        """A session for a read-only unit of work (``reads``); never for a write of data.

        Each statement sees the database as of its own start: a unit of work that needs several
        statements to agree loads in one statement (``nested_rows``) what must be consistent.
        """
        return (self.reads or self.sessions)()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def is_empty(self) -> bool:
        with self.sessions() as session:
            return session.scalar(select(func.count()).select_from(Student)) == 0

    def display_name(self) -> str:
        """The URL as shown to users: never with a password."""
        return hide_password(self.url)

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


def _login_and_revision(connection: Connection) -> tuple[str, str | None]:
    """PostgreSQL: the ``session_user`` and the stored revision, in two statements (one when the
    database is empty), where a transaction, SQLAlchemy's table check and the revision took seven."""
    login, versioned = connection.execute(text(
        "SELECT session_user, to_regclass('alembic_version') IS NOT NULL")).one()
    if not versioned:
        return login, None
    revision: str | None = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return login, revision


def _stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, without importing Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    revision: str | None = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return revision


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: object) -> None:
    """Per-connection settings. WAL, which is stored in the file, is set by ``_check_and_migrate``
    once the file is known to be Vitrail's: another application's file is never rewritten."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_audit_functions(login: str) -> Callable[[DBAPIConnection, object], None]:
    """The two functions the audit log's chain trigger calls (migration ``0004_audit_chain``).

    ``vitrail_login()`` is SQLite's ``session_user``: the OS account running Vitrail (or the login
    given to ``open_database``), never the environment's ``LOGNAME``.
    """
    def register(dbapi_connection: DBAPIConnection, _record: object) -> None:
        create = dbapi_connection.create_function
        create("vitrail_login", 0, lambda: login)
        create("vitrail_audit_hash", 13, sqlite_audit_hash, deterministic=True)

    return register


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


def _postgresql_session_settings(dbapi_connection: DBAPIConnection, _record: object) -> None:
    """Session settings, not URL ``options``: the URL may carry its own (a ``search_path``), and a
    connection pooler may refuse startup options.

    One round trip, outside any transaction (a BEGIN, two SETs and a COMMIT were four: 20 ms per
    new connection over a board's network, and the first screen waits for one).

    JIT compilation off: Vitrail's statements are short, and the row-level security's sub-plans
    raise a whole-table read's estimated cost past ``jit_above_cost``, where compiling it took
    200 ms for a read that takes 20 (the board's guardians read as a person's login).
    """
    dbapi_connection.autocommit = True
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"SELECT set_config('lock_timeout', '{LOCK_TIMEOUT_MS}', false), "
                       f"set_config('statement_timeout', '{STATEMENT_TIMEOUT_MS}', false), "
                       "set_config('jit', 'off', false)")
        cursor.close()
    finally:
        dbapi_connection.autocommit = False


def _note_idle_since(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: object) -> None:
    """Check a connection left idle over ``PING_AFTER_IDLE_S`` before lending it (SQLAlchemy's
    pessimistic disconnect handling, but not on every use: ``pool_pre_ping`` would cost a round
    trip per interaction). A dead one is replaced by the pool (``DisconnectionError``).

    One that dies in between fails the operation with the French "server unreachable" message
    and is discarded; the next operation gets a new connection.
    """
    idle_since = record.info.get("idle_since")
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
        return
    try:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(";")
        finally:
            cursor.close()
    except Exception as exc:  # psycopg's OperationalError, whatever the cause: the connection is unusable
        raise DisconnectionError(str(exc)) from exc


def _explain_busy(context: ExceptionContext) -> BaseException | None:
    """Turn a lock wait or a statement that ran out of time into a French ``DatabaseBusy``.

    A lost connection is left alone: the pool must see it to discard the connection.
    """
    if context.is_disconnect or context.is_pre_ping:
        return None
    return busy_error(context.original_exception, lock_seconds=LOCK_TIMEOUT_MS // 1000,
                      statement_seconds=STATEMENT_TIMEOUT_MS // 1000)


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(
            f"Adresse de base de données invalide : « {hide_password(url)} ». "
            "Exemples : postgresql://compte@serveur/vitrail, sqlite:///chemin/vitrail.db.") from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgresql") and not (parsed.database or parsed.query.get("dbname")):
        raise DatabaseUnavailable(
            f"L'adresse « {hide_password(url)} » ne nomme pas de base de données : Vitrail n'utilise pas celle que "
            "le serveur choisirait par défaut. Indiquez-la à la fin de l'adresse, par exemple "
            "postgresql://compte@serveur/vitrail."
        )
    return parsed


def _make_engine(url: str, *, create: bool, login: str | None = None) -> Engine:
    parsed = _parse(url)
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
        event.listen(engine, "connect", _sqlite_audit_functions(login or os_login()))
    elif parsed.drivername.startswith("postgresql"):
        # A workstation holds at most POOL_SIZE + POOL_OVERFLOW connections (the window runs a few
        # operations at once), one of them kept between operations: fifty idle offices hold fifty.
        # No hstore (Vitrail has none): looking its type up cost three round trips at every launch.
        # SQLAlchemy's first questions to the server in one round trip instead of six (pg_dialect).
        from desktop.services import pg_dialect

        if parsed.drivername == "postgresql+psycopg":
            parsed = parsed.set(drivername=pg_dialect.DRIVERNAME)
        engine = create_engine(parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW, use_native_hstore=False,
                               pool_timeout=POOL_TIMEOUT_S)
        event.listen(engine, "connect", _postgresql_session_settings)
        event.listen(engine, "checkin", _note_idle_since)
        event.listen(engine, "checkout", _ping_if_idle)
    else:
        raise DatabaseUnavailable(
            f"Type de base de données non pris en charge : « {parsed.drivername} ». "
            "Vitrail utilise SQLite (poste seul) ou PostgreSQL (base partagée du centre de services)."
        )
    event.listen(engine, "handle_error", _explain_busy, retval=True)
    return engine


def _check_and_migrate(engine: Engine, url: str) -> str | None:
    """Bring the schema to ``SCHEMA_HEAD``; on PostgreSQL, return the server's ``session_user``.

    On PostgreSQL a schema already at the head (every launch but the first after an upgrade) is
    seen in two statements outside any transaction (``_login_and_revision``): a workstation
    opens over the board's network in a few round trips. Only a schema to create or migrate takes
    the transaction, which reads the revision again under it.
    """
    postgresql = engine.dialect.name == "postgresql"
    person = None
    try:
        if postgresql:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                person, current = _login_and_revision(connection)
            if current == SCHEMA_HEAD:
                return person
        _migrate_to_head(engine, postgresql=postgresql)
    except OperationalError as exc:
        if postgresql:
            raise database_problem(classify_connection_error(exc), make_url(url), error=exc) from exc
        raise DatabaseUnavailable(_describe_sqlite_error(url, exc)) from exc
    except DatabaseError as exc:
        if postgresql:
            # e.g. no right to create the tables (42501): say so, never "damaged file".
            raise database_problem(classify_connection_error(exc), make_url(url), error=exc) from exc
        raise DatabaseUnavailable(
            f"Le fichier « {make_url(url).database} » n'est pas une base de données Vitrail lisible "
            "(fichier endommagé ou d'un autre type). Il n'a pas été modifié ; restaurez une copie de sauvegarde."
        ) from exc
    return person


def _migrate_to_head(engine: Engine, *, postgresql: bool) -> None:
    """The revision read and the migrations run in one transaction (two workstations upgrading at
    once: the second finds the schema at the head); SQLite's WAL mode set once the file is Vitrail's."""
    with engine.begin() as connection:
        current = _stored_revision(connection)
        if current != SCHEMA_HEAD:
            if postgresql:
                _become_schema_owner(connection, current)
            _migrate(connection, current)
            if postgresql:
                _after_owner_migration(connection)
    if not postgresql:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def _become_schema_owner(connection: Connection, current: str | None) -> None:
    """PostgreSQL: migrations run as the role that owns the schema's tables, or not at all.

    Once IT has run ``vitrail db init-roles``, the tables belong to ``vitrail_owner``; a
    workstation login is not a member of it, so an older schema is refused with a French message
    (IT upgrades it with ``vitrail db upgrade``) and nothing is changed. A member of the owner
    (IT's administrator login) takes the owner's role for this transaction, so every table the
    migration creates belongs to the owner too.
    """
    if current is None or current not in known_revisions():
        return  # an empty database (whoever may create tables sets it up), or one _migrate refuses
    owner, member = connection.execute(text(
        "SELECT r.rolname, pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
        "JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = to_regclass('alembic_version')")).one()
    if not member:
        raise DatabaseUnavailable(
            f"Le schéma de cette base de données est d'une version antérieure (révision {current}) et votre "
            f"compte « {connection.execute(text('SELECT session_user')).scalar_one()} » ne peut pas le mettre "
            "à jour : seul le service informatique le peut, avec « vitrail db upgrade » (compte "
            f"administrateur, membre de « {owner} »). Rien n'a été modifié."
        )
    if owner != connection.execute(text("SELECT current_user")).scalar_one():
        connection.execute(text(f'SET LOCAL ROLE "{owner}"'))


def _after_owner_migration(connection: Connection) -> None:
    """After a migration as ``vitrail_owner``: new tables get their privileges and row security too."""
    from desktop.services.db_roles import OWNER_ROLE, secure_tables, tables_owner

    if tables_owner(connection) == OWNER_ROLE:
        secure_tables(connection)
    connection.execute(text("RESET ROLE"))


def _foreign_objects(connection: Connection) -> list[str]:
    """Tables and views in the target schema (the default one) other than Alembic's own."""
    inspector = inspect(connection)
    names = set(inspector.get_table_names()) | set(inspector.get_view_names())
    return sorted(names - {"alembic_version"})


def _migrate(connection: Connection, current: str | None) -> None:
    """Bring an older (or new, empty) database to the head; refuse a newer or foreign one."""
    from alembic import command
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(_alembic_config(None)).walk_revisions()}
    if current is not None and current not in known:
        if not inspect(connection).has_table("student"):
            raise DatabaseUnavailable(
                f"Cette base de données porte une version de schéma inconnue de Vitrail ({current}) et n'a pas "
                "ses tables : elle appartient à une autre application. Vitrail n'y a rien modifié ; indiquez "
                "une base vide ou une base Vitrail."
            )
        raise DatabaseTooNew(
            "Cette base de données a été mise à jour par une version plus récente de Vitrail "
            f"(révision {current}). Elle n'a pas été modifiée. Installez la version à jour de Vitrail."
        )
    if current is None:
        foreign = _foreign_objects(connection)
        if foreign:
            shown = ", ".join(foreign[:5]) + (f" et {len(foreign) - 5} autres" if len(foreign) > 5 else "")
            raise DatabaseUnavailable(
                f"Cette base de données contient déjà des tables ({shown}) mais aucune version de schéma "
                "Vitrail : elle n'a pas été créée par Vitrail et n'a pas été modifiée. Vitrail ne crée ses "
                "tables que dans une base vide : indiquez une base vide ou une base Vitrail."
            )
    command.upgrade(_alembic_config(connection), "head")


def _describe_sqlite_error(url: str, exc: OperationalError) -> str:
    parsed = make_url(url)
    # SQLite's own sentence is English: say what it means instead (failures.SQLITE_FAULTS).
    return (f"Impossible d'ouvrir la base de données « {parsed.database} ». "
            + (describe_database_fault(exc) or "Le fichier n'a pas pu être lu ; il n'a pas été modifié."))


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
        if engine.dialect.name == "postgresql":
            raise database_problem(classify_connection_error(exc), make_url(url), error=exc) from exc
        raise DatabaseUnavailable(_describe_sqlite_error(url, exc)) from exc
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
                  clock: Clock = SYSTEM_CLOCK, login: str | None = None) -> Database:
    """Open (and migrate) the database at ``url``; ``create`` allows a new SQLite file.

    ``clock`` is the one source of "now" for everything done through this database.

    ``login`` lets a Python caller (tests, above all) act as another person on SQLite. It is no
    way around the rights: no command or window passes it, and on one workstation code running
    in the process can open the file and do anything anyway — the rights there guard against
    mistakes, the file's 0600 against other accounts. On PostgreSQL it is ignored: the server's
    ``session_user`` is who you are, whatever the client claims. The first login to open a
    database that has no grant yet becomes its ``board_admin`` (``access.store.ensure_first_admin``).
    """
    engine = _make_engine(url, create=create, login=login)
    try:
        server_login = _check_and_migrate(engine, url)
        person = server_login or login or os_login()
    except Exception:
        engine.dispose()
        raise
    actor = actor or Actor.current()
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory, actor, clock)
    reads = None
    if engine.dialect.name == "postgresql":
        reads = sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False)
        install_audit(reads, actor, clock)
    _first_admin(factory, reads or factory, person)
    return Database(url=url, engine=engine, sessions=factory, actor=actor, clock=clock, login=person, reads=reads)


def _first_admin(factory: sessionmaker[Session], reads: sessionmaker[Session], login: str) -> None:
    """Make ``login`` the board_admin of a database nobody administers yet (new, or just upgraded).

    A database in service has its administrator: that is read without a lock, so fifty
    workstations opened at 8 a.m. do not queue behind one another (they did, and some gave up
    after the lock timeout). Only a database with no grant takes the lock and looks again.
    """
    from desktop.services.access.store import administered, ensure_first_admin

    with reads() as session:
        if administered(session):
            return
    with factory.begin() as session:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            # Two workstations opening a fresh database at once: one of them becomes board_admin.
            session.execute(text(f"SELECT pg_advisory_xact_lock({FIRST_ADMIN_LOCK})"))
        ensure_first_admin(session, login)
