"""PostgreSQL enforces Vitrail's roles itself (``access.md`` §3), so ``psql`` cannot get around them.

``init_roles`` (``vitrail db init-roles``, run once by IT with an administrator login, idempotent)
sets up, in the database's current schema:

- ``vitrail_owner`` (NOLOGIN) owns every table, sequence and function; it alone runs migrations
  (``storage._become_schema_owner``). Nobody logs in as it.
- one NOLOGIN group role per Vitrail role (``GROUP_ROLES``); a person's login is a member of the
  group roles of the roles it holds (``apply_grant_to_database``), and each group role gets only
  the table rights its duties need (``resources/db_privileges.json``, with the reason of each);
- row-level security: students and everything keyed by a student (guardians through their links,
  results, attendance, SOI, DAP, NIPs…) are visible only in the schools where the login holds a
  role in ``access_grant`` (all schools for a board-wide grant), through the SECURITY DEFINER
  function ``vitrail_school_ids()``; settings are written only in the scope one may change;
- the audit log and the settings versions are append-only for everyone: no UPDATE, DELETE or
  TRUNCATE is granted, not even to the owner, and a trigger refuses them as a second lock.

The login that runs it becomes the board's first ``board_admin``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, text

from desktop.models import AccessGrant, AuditAction, AuditEntry, Base
from desktop.paths import resource
from desktop.services.errors import InvalidInput, VitrailError

OWNER_ROLE = "vitrail_owner"
GROUP_ROLES = {
    "secretariat": "vitrail_secretariat",
    "direction": "vitrail_direction",
    "board_admin": "vitrail_board_admin",
    "it": "vitrail_it",
}
BOARD_ADMIN_GROUP = GROUP_ROLES["board_admin"]
APPEND_ONLY = ("audit_entry", "settings_version")
# Tables whose rows belong to one student: visible only where the student is.
STUDENT_KEYED = ("student_guardian", "contact", "nip", "result", "final_result", "report_card", "attendance",
                 "detention", "observation", "intervention", "support_plan", "follow_up_event", "account_statement")
RLS_TABLES = ("student", "guardian", *STUDENT_KEYED, "setting", "access_grant")

class DatabaseRolesError(VitrailError):
    """The roles could not be set up or granted (not an administrator, no such login…)."""


def _quote(name: str) -> str:
    """A role or table name as a quoted SQL identifier (logins may hold dots: marie.tremblay)."""
    if not name or "\0" in name or len(name) > 63:
        raise InvalidInput(f"Nom de compte PostgreSQL invalide : « {name} ».")
    return '"' + name.replace('"', '""') + '"'


def vitrail_tables() -> list[str]:
    return [table.name for table in Base.metadata.sorted_tables]


@dataclass(frozen=True)
class Privileges:
    """The table rights of one group role: ``tables`` maps a table to its privileges (SQL words)."""

    tables: dict[str, tuple[str, ...]]
    sequences: tuple[str, ...]


def privileges() -> dict[str, Privileges]:
    """Each Vitrail role's table rights, read from ``resources/db_privileges.json`` (with their reasons)."""
    data = json.loads(resource("db_privileges.json").read_text(encoding="utf-8"))
    every = [*vitrail_tables(), "alembic_version"]
    result: dict[str, Privileges] = {}
    for role, spec in data["roles"].items():
        if "inherits" in spec:
            tables = {name: list(words) for name, words in result[spec["inherits"]].tables.items()}
        else:
            tables = {name: ["SELECT"] for name in (every if spec["select"] == "*" else spec["select"])}
        for table, words in spec["grant"].items():
            targets = [name for name in every if name != "alembic_version"] if table == "*" else [table]
            for name in targets:
                added = ["INSERT"] if table == "*" and name in APPEND_ONLY else words
                tables.setdefault(name, []).extend(word for word in added if word not in tables.get(name, []))
        result[role] = Privileges({name: tuple(words) for name, words in tables.items()}, tuple(spec["sequences"]))
    return result


# -- set-up ----------------------------------------------------------------------------------------

def _role_exists(connection: Connection, name: str) -> bool:
    return bool(connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}).first())


def create_group_roles(connection: Connection) -> None:
    """The owner and the four group roles, NOLOGIN (created once; IF NOT EXISTS by hand)."""
    for name in (OWNER_ROLE, *GROUP_ROLES.values()):
        if not _role_exists(connection, name):
            connection.execute(text(f"CREATE ROLE {_quote(name)} NOLOGIN"))
    # A board administrator hands the other roles on (access.md §3): ADMIN OPTION on each group.
    for group in GROUP_ROLES.values():
        if group != BOARD_ADMIN_GROUP:
            connection.execute(text(f"GRANT {_quote(group)} TO {BOARD_ADMIN_GROUP} WITH ADMIN OPTION"))


def tables_owner(connection: Connection) -> str | None:
    """The role that owns ``alembic_version`` (the schema's owner), None before the first migration."""
    owner: str | None = connection.execute(text(
        "SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        "WHERE c.oid = to_regclass('alembic_version')")).scalar()
    return owner


SEQUENCE = "S"  # pg_class.relkind of a sequence


def give_schema_to_owner(connection: Connection) -> None:
    """Every table, sequence and Vitrail function of the current schema now belongs to ``vitrail_owner``."""
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    has = connection.execute(text(f"SELECT has_schema_privilege('{OWNER_ROLE}', current_schema(), "
                                  "'CREATE WITH GRANT OPTION')")).scalar_one()
    if not has:  # granting it again would come back through the owner's own grant and fail
        connection.execute(text(f"GRANT USAGE, CREATE ON SCHEMA {_quote(schema)} TO {OWNER_ROLE} WITH GRANT OPTION"))
    objects = connection.execute(text(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'S')")).all()
    for name, relkind in objects:
        if relkind == SEQUENCE:
            continue  # a serial's sequence follows its table
        connection.execute(text(f"ALTER TABLE {_quote(name)} OWNER TO {OWNER_ROLE}"))
    for name, relkind in objects:
        if relkind == SEQUENCE:
            owned = connection.execute(text(
                "SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid WHERE s.relname = :name "
                "AND s.relnamespace = current_schema()::regnamespace AND d.deptype IN ('a', 'i')"),
                {"name": name}).first()
            if not owned:
                connection.execute(text(f"ALTER SEQUENCE {_quote(name)} OWNER TO {OWNER_ROLE}"))
    for signature in connection.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace "
            "AND p.proname LIKE 'vitrail%'")).scalars():
        connection.execute(text(f"ALTER FUNCTION {signature} OWNER TO {OWNER_ROLE}"))


_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION vitrail_board_wide() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT EXISTS (SELECT 1 FROM access_grant WHERE login = session_user AND school_id IS NULL
                       AND role <> 'it')
    $$""",
    """CREATE OR REPLACE FUNCTION vitrail_school_ids() RETURNS integer[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT CASE WHEN vitrail_board_wide() THEN (SELECT coalesce(array_agg(id), '{}') FROM school)
                    ELSE (SELECT coalesce(array_agg(DISTINCT school_id), '{}') FROM access_grant
                          WHERE login = session_user AND school_id IS NOT NULL AND role <> 'it') END
    $$""",
    """CREATE OR REPLACE FUNCTION vitrail_may_set(setting_scope text, setting_scope_id integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT EXISTS (SELECT 1 FROM access_grant WHERE login = session_user AND role = 'board_admin')
            OR (setting_scope = 'school' AND EXISTS (
                SELECT 1 FROM access_grant WHERE login = session_user AND role = 'direction'
                AND (school_id IS NULL OR school_id = setting_scope_id)))
    $$""",
    """CREATE OR REPLACE FUNCTION vitrail_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'Le journal d''audit et les versions des réglages ne se modifient pas et ne '
                        's''effacent pas : on y ajoute seulement (table %).', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END
    $$""",
)
_GUARDED_FUNCTIONS = ("vitrail_board_wide()", "vitrail_school_ids()", "vitrail_may_set(text, integer)")


def _policies() -> dict[str, tuple[str, ...]]:
    """The row-level security policies, by table (each a ``CREATE POLICY`` body after the name).

    Written so a person's one-student reads cost what they cost without them (measured on a
    100,000-student board at 0 ms: a student's file took 232 ms for a board administrator and 31 ms
    for a school's secretary with ``IN (SELECT …)`` policies, 6 ms with these; README, « Through
    row-level security »):

    - on the tables keyed by a student or a guardian, a board-wide login is let through first, by
      a sub-select the server computes once per statement (an InitPlan): the other arm is then
      never run;
    - a row belongs to a visible student or guardian by a correlated ``EXISTS``, which the
      planner runs either as an index lookup per row (a student's file, a preview) or hashed
      once (a whole table read), whichever the statement needs. ``student_id IN (SELECT id FROM
      student)`` was always hashed: every read of one student's contacts or results read every
      student the person may see first.
    """
    board_wide = "(SELECT vitrail_board_wide())"  # sub-selects: computed once per statement, not per row
    schools = "(SELECT vitrail_school_ids())"
    policies: dict[str, tuple[str, ...]] = {
        # No board-wide arm here: with it the server could no longer read a school's students by
        # the index on school_id (a secretary's reads of her school's links and guardians, 25 ms more).
        "student": (f"vitrail_school ON student USING (school_id = ANY ({schools}::integer[]))",),
        "guardian": (f"vitrail_school ON guardian USING ({board_wide} OR EXISTS "
                     "(SELECT 1 FROM student_guardian WHERE student_guardian.guardian_id = guardian.id))",),
        "setting": ("vitrail_read ON setting FOR SELECT USING (true)",
                    "vitrail_insert ON setting FOR INSERT WITH CHECK (vitrail_may_set(scope, scope_id))",
                    "vitrail_update ON setting FOR UPDATE USING (vitrail_may_set(scope, scope_id)) "
                    "WITH CHECK (vitrail_may_set(scope, scope_id))",
                    "vitrail_delete ON setting FOR DELETE USING (vitrail_may_set(scope, scope_id))"),
        "access_grant": ("vitrail_own ON access_grant USING (login = session_user OR "
                         "pg_has_role(session_user, 'vitrail_board_admin', 'MEMBER'))",),
        # What a person's findings name depends on what they may see: their own row, nobody else's.
        "findings_snapshot": ("vitrail_own ON findings_snapshot USING (login = session_user) "
                              "WITH CHECK (login = session_user)",),
    }
    for table in STUDENT_KEYED:
        policies[table] = (f"vitrail_school ON {table} USING ({board_wide} OR EXISTS "
                           f"(SELECT 1 FROM student WHERE student.id = {table}.student_id))",)
    return policies


def secure_tables(connection: Connection) -> None:
    """Privileges, row-level security and append-only locks on every Vitrail table (idempotent).

    Run as the owner (or a member of it): by ``init_roles``, and again after each migration so a
    new table is covered. Starts from nothing granted: what a role may do is exactly ``privileges()``.
    """
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    for function in _FUNCTIONS:
        connection.execute(text(function))
    groups = ", ".join(GROUP_ROLES.values())
    connection.execute(text(f"GRANT USAGE ON SCHEMA {_quote(schema)} TO {groups}"))
    for name in _GUARDED_FUNCTIONS:
        connection.execute(text(f"REVOKE ALL ON FUNCTION {name} FROM PUBLIC"))
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {name} TO {groups}"))
    tables = [*vitrail_tables(), "alembic_version"]
    sequences = connection.execute(text(
        "SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' AND c.relnamespace = current_schema()::regnamespace"
    )).scalars().all()
    for table in tables:
        connection.execute(text(f"REVOKE ALL ON {_quote(table)} FROM PUBLIC, {groups}"))
    for sequence in sequences:
        connection.execute(text(f"REVOKE ALL ON SEQUENCE {_quote(sequence)} FROM PUBLIC, {groups}"))
    for role, granted in privileges().items():
        group = GROUP_ROLES[role]
        for table, words in granted.tables.items():
            connection.execute(text(f"GRANT {', '.join(words)} ON {_quote(table)} TO {group}"))
        for sequence in sequences if granted.sequences else ():
            connection.execute(text(f"GRANT {', '.join(granted.sequences)} ON SEQUENCE {_quote(sequence)} TO {group}"))
    _row_security(connection)
    _append_only(connection)


def _row_security(connection: Connection) -> None:
    for table, policies in _policies().items():
        connection.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        existing = connection.execute(text(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = :table"),
            {"table": table}).scalars().all()
        for name in existing:
            connection.execute(text(f"DROP POLICY {_quote(name)} ON {table}"))
        for policy in policies:
            connection.execute(text(f"CREATE POLICY {policy}"))


def _append_only(connection: Connection) -> None:
    """No UPDATE, DELETE or TRUNCATE on the log and the settings versions, for anyone, owner included."""
    for table in APPEND_ONLY:
        connection.execute(text(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {OWNER_ROLE}, PUBLIC"))
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"))
        connection.execute(text(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                                "FOR EACH ROW EXECUTE FUNCTION vitrail_append_only()"))
        connection.execute(text(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}"))
        connection.execute(text(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                                "FOR EACH STATEMENT EXECUTE FUNCTION vitrail_append_only()"))


@dataclass(frozen=True)
class RolesSetUp:
    """What ``init_roles`` did: the schema's owner and the first board administrator."""

    owner: str
    first_board_admin: str
    granted_now: bool  # False when that login already held board_admin (a second run)


def init_roles(connection: Connection, now: datetime) -> RolesSetUp:
    """Set up the roles, privileges and row security on a migrated schema (idempotent, one transaction).

    The caller is a PostgreSQL administrator (superuser, or CREATEROLE and owner of the database);
    the login running it becomes the first ``board_admin``.
    """
    if connection.dialect.name != "postgresql":
        raise DatabaseRolesError("« vitrail db init-roles » ne concerne que la base partagée PostgreSQL : "
                                 "une base SQLite appartient au compte du poste qui l'utilise.")
    login = connection.execute(text("SELECT session_user")).scalar_one()
    allowed = connection.execute(text(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")).scalar_one()
    if not allowed:
        raise DatabaseRolesError(
            f"Le compte « {login} » ne peut pas créer de rôles sur ce serveur : « vitrail db init-roles » se lance "
            "avec un compte administrateur PostgreSQL (SUPERUSER, ou CREATEROLE et propriétaire de la base).")
    create_group_roles(connection)
    connection.execute(text(f"GRANT {OWNER_ROLE} TO {_quote(login)}"))
    give_schema_to_owner(connection)
    connection.execute(text(f"SET LOCAL ROLE {OWNER_ROLE}"))
    secure_tables(connection)
    connection.execute(text("RESET ROLE"))
    granted = _first_board_admin(connection, login, now)
    return RolesSetUp(OWNER_ROLE, login, granted)


def _first_board_admin(connection: Connection, login: str, now: datetime) -> bool:
    held = connection.execute(text(
        "SELECT 1 FROM access_grant WHERE login = :login AND role = 'board_admin' AND school_id IS NULL"),
        {"login": login}).first()
    connection.execute(text(f"GRANT {GROUP_ROLES['board_admin']} TO {_quote(login)} WITH ADMIN OPTION"))
    if held:
        return False
    connection.execute(insert(AccessGrant).values(login=login, role="board_admin", school_id=None, granted_at=now,
                                             granted_by=login))
    connection.execute(insert(AuditEntry).values(
        at=now, os_user=login, workstation="vitrail db init-roles", action=str(AuditAction.ACCESS_GRANTED),
        entity="access_grant", entity_id=None, field="board_admin", before=None, after=login))
    return True


# -- a person's roles ------------------------------------------------------------------------------

def apply_grant_to_database(connection: Connection, login: str, role: str, *, create_login: bool = False,
                            password: str | None = None) -> None:
    """PostgreSQL: make ``login`` a member of ``role``'s group role (creating the LOGIN role if asked).

    Called by ``vitrail access grant`` in the same transaction as the ``access_grant`` row, so the
    membership and the school scope exist together. Nothing to do on SQLite (one OS account).
    The caller must be a board administrator (ADMIN OPTION on the group roles); creating a login
    needs CREATEROLE, which only IT's administrator login has.
    """
    if connection.dialect.name != "postgresql":
        return
    group = _group_of(role)
    if not _role_exists(connection, login):
        if not create_login:
            raise DatabaseRolesError(
                f"Le compte PostgreSQL « {login} » n'existe pas sur le serveur : demandez au service "
                "informatique de le créer (CREATE ROLE … LOGIN), puis attribuez-lui le rôle. Rien n'a été modifié.")
        _create_login(connection, login, password)
    # A board administrator hands board_admin on in turn: ADMIN OPTION on that group only.
    admin = " WITH ADMIN OPTION" if group == BOARD_ADMIN_GROUP else ""
    connection.execute(text(f"GRANT {_quote(group)} TO {_quote(login)}{admin}"))


def _create_login(connection: Connection, login: str, password: str | None) -> None:
    may = connection.execute(text(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")).scalar_one()
    if not may:
        raise DatabaseRolesError(
            f"Votre compte ne peut pas créer le compte PostgreSQL « {login} » : demandez au service "
            "informatique de le créer (CREATE ROLE … LOGIN), puis attribuez-lui le rôle.")
    statement = f"CREATE ROLE {_quote(login)} LOGIN"
    if password:
        quoted = "'" + password.replace("'", "''") + "'"
        statement += f" PASSWORD {quoted}"
    connection.exec_driver_sql(statement.replace("%", "%%"))


def apply_revoke_to_database(connection: Connection, login: str, role: str) -> None:
    """PostgreSQL: withdraw ``role``'s group membership once ``login`` holds that role in no school.

    Call it after deleting the ``access_grant`` row(s), in the same transaction.
    """
    if connection.dialect.name != "postgresql":
        return
    group = _group_of(role)
    still = connection.execute(text("SELECT 1 FROM access_grant WHERE login = :login AND role = :role"),
                               {"login": login, "role": role}).first()
    if still is None and _role_exists(connection, login):
        connection.execute(text(f"REVOKE {_quote(group)} FROM {_quote(login)}"))


def _group_of(role: str) -> str:
    try:
        return GROUP_ROLES[role]
    except KeyError:
        raise InvalidInput(f"Rôle Vitrail inconnu : « {role} » (rôles : {', '.join(GROUP_ROLES)}).") from None


def group_roles_of(connection: Connection, login: str) -> list[str]:
    """The Vitrail roles whose group ``login`` is a member of (for ``access list`` and the tests)."""
    names: Iterable[str] = connection.execute(text(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :login"), {"login": login}).scalars()
    groups = set(names)
    return [role for role, group in GROUP_ROLES.items() if group in groups]
