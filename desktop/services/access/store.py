"""Grants as stored in ``access_grant``, and the facts of ``database_info``.

Granting adds a row and revoking deletes it, each with an audit event in the same transaction.
The last board-wide ``board_admin`` is never removed: a database nobody can administer could
only be repaired with an administrator's SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.orm import Session

from desktop.models import AuditAction, AuditEntry, ImportRun, School, SchoolBoard, Student, StudentGuardian
from desktop.models.access import AccessGrant, DatabaseInfo
from desktop.services.access.person import Grant, Person
from desktop.services.access.rules import Role, access_rules
from desktop.services.audit import record_event
from desktop.services.errors import InvalidInput, NotFound

# database_info keys
KIND = "kind"  # "demo" or "board"
CREATED_BY = "created_by"
DEMO_KIND = "demo"
BOARD_KIND = "board"


def after_grant(connection: Connection, grant: Grant) -> None:
    """Hook run in the grant's transaction, after its row is written.

    On SQLite there is nothing more to do: the application is the only gate. On a PostgreSQL
    database whose roles IT set up (``vitrail db init-roles``), the login becomes a member of the
    role's group in the same transaction — the row-level security reads its schools from
    ``access_grant`` — so both exist together or not at all. A login that does not exist on the
    server is refused in French (IT creates logins); the grant is then not written either.
    """
    if connection.dialect.name != "postgresql" or not _roles_set_up(connection, grant.role):
        return
    from desktop.services.db_roles import apply_grant_to_database

    apply_grant_to_database(connection, grant.login, grant.role)


def after_revoke(connection: Connection, grant: Grant) -> None:
    """Counterpart of ``after_grant``: on PostgreSQL, the membership is withdrawn once the login
    holds that role in no school (the grant's row is already gone)."""
    if connection.dialect.name != "postgresql" or not _roles_set_up(connection, grant.role):
        return
    from desktop.services.db_roles import apply_revoke_to_database

    apply_revoke_to_database(connection, grant.login, grant.role)


def _roles_set_up(connection: Connection, role: str) -> bool:
    """Whether ``vitrail db init-roles`` ran on *this database* (its tables belong to the owner role)
    and ``role`` has a group role. Group roles are the server's, shared by its databases: a training
    database beside a board's set-up one has them too, and its grants must not ask for logins."""
    from desktop.services.db_roles import GROUP_ROLES, OWNER_ROLE, tables_owner

    group = GROUP_ROLES.get(role)
    return group is not None and tables_owner(connection) == OWNER_ROLE and connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group}).first() is not None


def _school_names(session: Session) -> dict[int, tuple[str, str]]:
    return {sid: (code, name) for sid, code, name in session.execute(select(School.id, School.code, School.name))}


def list_grants(session: Session, login: str | None = None) -> list[Grant]:
    """Every grant (or one login's), by login, role and school."""
    query = (select(AccessGrant, School.code, School.name).outerjoin(School, School.id == AccessGrant.school_id)
             .order_by(AccessGrant.login, AccessGrant.role, School.code))
    if login is not None:
        query = query.where(AccessGrant.login == login)
    return [Grant(row.login, Role(row.role), row.school_id, code, name, row.granted_at, row.granted_by)
            for row, code, name in session.execute(query)]


def load_person(session: Session, login: str) -> Person:
    """``login`` with its grants, the board administrators (named in refusals) and school names."""
    rules = access_rules()
    granters = tuple(session.scalars(
        select(AccessGrant.login).where(AccessGrant.role == rules.granted_by.value, AccessGrant.school_id.is_(None))
        .distinct().order_by(AccessGrant.login)))
    names = {sid: f"{name} ({code})" for sid, (code, name) in _school_names(session).items()}
    return Person(login, tuple(list_grants(session, login)), granters, names)


def resolve_schools(session: Session, codes: Sequence[str]) -> list[tuple[int, str, str]]:
    """(id, code, name) of each school code (NotFound naming the unknown one)."""
    by_code = {code: (sid, code, name) for sid, (code, name) in _school_names(session).items()}
    found = []
    for code in codes:
        if code not in by_code:
            raise NotFound(f"Aucune école n'a le code « {code} ».")
        found.append(by_code[code])
    return found


def check_scope(role: Role, codes: Sequence[str]) -> None:
    """A board role (board_admin, it) has no school; a school role may be per school or board-wide."""
    rule = access_rules().roles[role]
    if codes and not rule.per_school:
        raise InvalidInput(f"Le rôle {rule.name} vaut pour tout le centre de services : n'indiquez pas d'école.")


def add_grant(session: Session, login: str, role: Role, school: tuple[int, str, str] | None, by: str) -> Grant | None:
    """Write the grant (audited); None when the login already holds it."""
    school_id = school[0] if school else None
    exists = session.scalar(select(AccessGrant.id).where(
        AccessGrant.login == login, AccessGrant.role == role.value,
        AccessGrant.school_id.is_(None) if school_id is None else AccessGrant.school_id == school_id))
    if exists is not None:
        return None
    clock = session.info["clock"]
    row = AccessGrant(login=login, role=role.value, school_id=school_id, granted_at=clock.now(), granted_by=by)
    session.add(row)
    session.flush()
    record_event(session, AuditAction.ACCESS_GRANTED, "access_grant", row.id, field=role.value,
                 after={"login": login, "role": role.value, "school": school[1] if school else None})
    grant = Grant(login, role, school_id, school[1] if school else None, school[2] if school else None,
                  row.granted_at, by)
    after_grant(session.connection(), grant)
    return grant


def remove_grant(session: Session, login: str, role: Role, school: tuple[int, str, str] | None) -> Grant | None:
    """Delete the grant (audited); None when the login did not hold it. Refuses the last board_admin."""
    school_id = school[0] if school else None
    match = (AccessGrant.login == login, AccessGrant.role == role.value,
             AccessGrant.school_id.is_(None) if school_id is None else AccessGrant.school_id == school_id)
    rows = list(session.scalars(select(AccessGrant).where(*match)))
    if not rows:
        return None
    if role == Role.BOARD_ADMIN and school_id is None:
        others = session.scalar(select(func.count(func.distinct(AccessGrant.login))).where(
            AccessGrant.role == Role.BOARD_ADMIN.value, AccessGrant.school_id.is_(None), AccessGrant.login != login))
        if not others:
            raise InvalidInput(
                f"{login} est la dernière personne ayant le rôle {access_rules().roles[role].name} : "
                "attribuez d'abord ce rôle à quelqu'un d'autre, sinon plus personne ne pourrait gérer les accès.")
    session.execute(delete(AccessGrant).where(*match))
    record_event(session, AuditAction.ACCESS_REVOKED, "access_grant", rows[0].id, field=role.value,
                 before={"login": login, "role": role.value, "school": school[1] if school else None})
    grant = Grant(login, role, school_id, school[1] if school else None, school[2] if school else None,
                  rows[0].granted_at, rows[0].granted_by)
    after_revoke(session.connection(), grant)
    return grant


def database_fact(session: Session, key: str) -> str | None:
    row = session.get(DatabaseInfo, key)
    return row.value if row is not None else None


def set_database_fact(session: Session, key: str, value: str) -> None:
    row = session.get(DatabaseInfo, key)
    if row is None:
        session.add(DatabaseInfo(key=key, value=value))
    else:
        row.value = value


def administered(session: Session) -> bool:
    """True when someone holds a grant: the database has its board_admin (or had one)."""
    return session.scalar(select(AccessGrant.id).limit(1)) is not None


def ensure_first_admin(session: Session, login: str) -> Grant | None:
    """The first login to open a database with no grant at all becomes its ``board_admin``.

    Runs when the schema is created and when an older database (before grants existed) is
    opened: someone must be able to hand roles on, and the one who created or first upgraded
    the database is who would have done it anyway (``access.md`` §2). ``created_by`` records it.
    An older database holding data is marked "demo" when the demo generator filled it and no
    import ever ran, "board" otherwise, so ``demo --replace`` never takes a real board for a demo.
    """
    if administered(session):
        return None
    grant = add_grant(session, login, Role.BOARD_ADMIN, None, by=login)
    if database_fact(session, CREATED_BY) is None:
        set_database_fact(session, CREATED_BY, login)
    if database_fact(session, KIND) is None:
        kind = _inferred_kind(session)
        if kind is not None:
            set_database_fact(session, KIND, kind)
    return grant


def _inferred_kind(session: Session) -> str | None:
    if session.scalar(select(SchoolBoard.id).limit(1)) is None:
        return None  # empty: the first board written decides
    demo = session.scalar(select(AuditEntry.id).where(AuditEntry.action == AuditAction.DEMO_GENERATED.value).limit(1))
    imported = session.scalar(select(ImportRun.id).limit(1))
    return DEMO_KIND if demo is not None and imported is None else BOARD_KIND


def student_school(session: Session, student_id: int) -> int | None:
    """The school of ``student_id`` (None when there is no such student: the use case says NotFound)."""
    return session.scalar(select(Student.school_id).where(Student.id == student_id))


def guardian_schools(session: Session, guardian_id: int) -> set[int]:
    """The schools of a guardian's students: a guardian is reached through a child in a school."""
    return set(session.scalars(select(Student.school_id).join(StudentGuardian, StudentGuardian.student_id == Student.id)
                               .where(StudentGuardian.guardian_id == guardian_id).distinct()))


def school_codes(session: Session) -> dict[int, str]:
    return {sid: code for sid, (code, _name) in _school_names(session).items()}


def mark_board(session: Session) -> None:
    """Record that the database holds a real board: an import wrote into it.

    Even a demo database becomes a board then: what an import brings may be real families.
    """
    if database_fact(session, KIND) != BOARD_KIND:
        set_database_fact(session, KIND, BOARD_KIND)
