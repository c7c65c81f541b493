"""Reading the audit log where people work: the Journal page, a student's Historique, ``vitrail audit``.

The log is written by ``desktop.services.audit`` (one row per field changed, or per event). This
module only reads it: filtered (a student with their guardians, links, contacts and NIPs; a
guardian; a setting; a person; an action; a date range), newest first, a page at a time with the
total for paging, and exported as CSV. Labels are French and come from
``resources/audit/labels.json``.

Scope (``access.md`` §4): ``direction`` reads the entries of their schools, ``board_admin`` all of
them. The caller passes the schools (``schools=None``: the whole log); the filter by school is
part of the query, so paging and counts are right. An entry belongs to a school through what it
names: a student (their school), a guardian (their students' schools), a link, contact or NIP
(its student's school), a staff member, a school setting, the school itself. Board-wide entries
(board settings, settings versions, imports, the demo) belong to no school: only the whole log
shows them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any, TextIO

from sqlalchemy import ColumnElement, Connection, Row, Select, and_, false, func, or_, select

from desktop.models import (
    AccessGrant,
    AuditEntry,
    Contact,
    Guardian,
    Nip,
    School,
    Setting,
    SettingScope,
    Staff,
    Student,
    StudentGuardian,
)
from desktop.paths import resource
from desktop.services.calendar import check_supported
from desktop.services.errors import InvalidInput
from desktop.services.formatting import UnreadableDate, parse_date
from desktop.services.storage import Database

DEFAULT_PAGE = 200
CSV_BATCH = 1000
CSV_COLUMNS = ("Date", "Personne", "Poste", "Utilisateur du poste", "Action", "Élément", "Champ", "Avant",
               "Après", "N° d'entrée", "Importation")


@dataclass(frozen=True)
class AuditLabels:
    """French names of actions, entities and fields (``resources/audit/labels.json``)."""

    actions: Mapping[str, str]
    entities: Mapping[str, str]
    fields: Mapping[str, str]

    def action(self, code: str) -> str:
        return self.actions.get(code, code)

    def entity(self, code: str) -> str:
        return self.entities.get(code, code)

    def field(self, code: str | None) -> str:
        return "" if code is None else self.fields.get(code, code)


@cache
def audit_labels() -> AuditLabels:
    data = json.loads(resource("audit", "labels.json").read_text(encoding="utf-8"))
    return AuditLabels(data["actions"], data["entities"], data["fields"])


@dataclass(frozen=True)
class AuditFilter:
    """What to read. Every criterion given must hold; ``until`` is included (the whole day).

    ``student_id``: the student's own entries and those of their guardians, their links, their
    contacts and their NIPs. ``guardian_id``: the guardian's own, their links and their NIPs.
    ``setting_key``: a setting key (``group_averages``) or a family (``parent_tiles``).
    ``person``: the login, or the OS user for entries written before logins were recorded.
    """

    student_id: int | None = None
    guardian_id: int | None = None
    setting_key: str | None = None
    person: str | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One entry of the log as a person reads it (labels in French)."""

    id: int
    at: datetime
    person: str
    os_user: str
    workstation: str
    action: str
    action_label: str
    entity: str
    entity_id: int | None
    element: str
    field: str | None
    field_label: str
    before: str | None
    after: str | None
    import_run_id: int | None

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "at": self.at.isoformat(), "person": self.person, "os_user": self.os_user,
                "workstation": self.workstation, "action": self.action, "action_label": self.action_label,
                "entity": self.entity, "entity_id": self.entity_id, "element": self.element, "field": self.field,
                "field_label": self.field_label, "before": self.before, "after": self.after,
                "import_run_id": self.import_run_id}

    def csv_row(self) -> tuple[object, ...]:
        return (self.at.strftime("%Y-%m-%d %H:%M:%S"), self.person, self.workstation, self.os_user,
                self.action_label, self.element, self.field_label, self.before or "", self.after or "", self.id,
                self.import_run_id or "")


@dataclass(frozen=True)
class AuditPage:
    """A page of entries, newest first, and how many the filter matches in all."""

    entries: tuple[AuditRow, ...]
    total: int
    offset: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.entries) < self.total


# --- the query -----------------------------------------------------------------------------------

def _entity_is(entity: str, ids: Collection[int] | Select[Any]) -> ColumnElement[bool]:
    if isinstance(ids, Select):
        return and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(ids))
    if not ids:
        return false()
    return and_(AuditEntry.entity == entity, AuditEntry.entity_id.in_(sorted(ids)))


def _ids(connection: Connection, statement: Select[Any]) -> set[int]:
    return {row[0] for row in connection.execute(statement)}


def _student_condition(connection: Connection, student_id: int) -> ColumnElement[bool]:
    """The student's entries, and their guardians', links', contacts' and NIPs' (few ids: a literal list)."""
    links = connection.execute(select(StudentGuardian.id, StudentGuardian.guardian_id)
                               .where(StudentGuardian.student_id == student_id)).all()
    return or_(
        _entity_is("student", {student_id}),
        _entity_is("guardian", {guardian for _link, guardian in links}),
        _entity_is("student_guardian", {link for link, _guardian in links}),
        _entity_is("contact", _ids(connection, select(Contact.id).where(Contact.student_id == student_id))),
        _entity_is("nip", _ids(connection, select(Nip.id).where(Nip.student_id == student_id))),
    )


def _guardian_condition(connection: Connection, guardian_id: int) -> ColumnElement[bool]:
    return or_(
        _entity_is("guardian", {guardian_id}),
        _entity_is("student_guardian",
                   _ids(connection, select(StudentGuardian.id).where(StudentGuardian.guardian_id == guardian_id))),
        _entity_is("nip", _ids(connection, select(Nip.id).where(Nip.guardian_id == guardian_id))),
    )


def _setting_condition(key: str) -> ColumnElement[bool]:
    """Rows of that setting (still there, or since removed: their ``key`` field is in the log) and
    the settings versions that changed it."""
    family = f"{key}.%"
    removed = select(AuditEntry.entity_id).where(
        AuditEntry.entity == "setting", AuditEntry.field == "key",
        or_(AuditEntry.after == key, AuditEntry.before == key,
            AuditEntry.after.like(family), AuditEntry.before.like(family)))
    return or_(
        _entity_is("setting", select(Setting.id).where(or_(Setting.key == key, Setting.key.like(family)))),
        _entity_is("setting", removed),
        and_(AuditEntry.entity == "settings_version", AuditEntry.field.like(f"%{key}%")),
    )


def _school_condition(schools: Collection[int]) -> ColumnElement[bool]:
    """Entries that belong to one of ``schools`` (see the module's docstring)."""
    if not schools:
        return false()
    wanted = sorted(schools)
    students = select(Student.id).where(Student.school_id.in_(wanted))
    return or_(
        _entity_is("student", students),
        _entity_is("guardian", select(StudentGuardian.guardian_id).where(StudentGuardian.student_id.in_(students))),
        _entity_is("student_guardian", select(StudentGuardian.id).where(StudentGuardian.student_id.in_(students))),
        _entity_is("contact", select(Contact.id).where(Contact.student_id.in_(students))),
        _entity_is("nip", select(Nip.id).where(Nip.student_id.in_(students))),
        _entity_is("staff", select(Staff.id).where(Staff.school_id.in_(wanted))),
        _entity_is("setting", select(Setting.id).where(Setting.scope == SettingScope.SCHOOL,
                                                          Setting.scope_id.in_(wanted))),
        _entity_is("school", wanted),
    )


def _conditions(connection: Connection, wanted: AuditFilter,
                schools: Collection[int] | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.student_id is not None:
        conditions.append(_student_condition(connection, wanted.student_id))
    if wanted.guardian_id is not None:
        conditions.append(_guardian_condition(connection, wanted.guardian_id))
    if wanted.setting_key:
        conditions.append(_setting_condition(wanted.setting_key.strip()))
    if wanted.person:
        person = wanted.person.strip()
        conditions.append(or_(AuditEntry.login == person,
                              and_(AuditEntry.login.is_(None), AuditEntry.os_user == person)))
    if wanted.action:
        conditions.append(AuditEntry.action == wanted.action)
    if wanted.since is not None:
        conditions.append(AuditEntry.at >= datetime.combine(wanted.since, time.min))
    if wanted.until is not None:
        conditions.append(AuditEntry.at < datetime.combine(wanted.until + timedelta(days=1), time.min))
    if schools is not None:
        conditions.append(_school_condition(schools))
    return conditions


_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.login, AuditEntry.os_user, AuditEntry.workstation,
            AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.field, AuditEntry.before,
            AuditEntry.after, AuditEntry.import_run_id)


def read_entries(database: Database, wanted: AuditFilter, *, limit: int = DEFAULT_PAGE, offset: int = 0,
                 schools: Collection[int] | None = None) -> AuditPage:
    """One page of the entries ``wanted`` matches, newest first, with their total."""
    with database.engine.connect() as connection:
        conditions = _conditions(connection, wanted, schools)
        total = connection.execute(select(func.count()).select_from(AuditEntry).where(*conditions)).scalar_one()
        rows = connection.execute(select(*_COLUMNS).where(*conditions)
                                  .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                  .limit(max(limit, 0)).offset(max(offset, 0))).all()
        return AuditPage(tuple(_audit_rows(connection, rows)), total, offset)


def write_entries_csv(database: Database, wanted: AuditFilter, out: TextIO, *,
                      schools: Collection[int] | None = None) -> int:
    """Every entry ``wanted`` matches, newest first, as CSV on ``out``; returns the number of entries.

    Written ``CSV_BATCH`` entries at a time (the log of a board runs to millions of rows). The file
    begins with a UTF-8 byte-order mark and uses semicolons, which is what a French-Canadian Excel
    opens correctly by double-click; ``out`` is opened with ``encoding="utf-8"`` and ``newline=""``.
    """
    writer = csv.writer(out, delimiter=";")
    out.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    count = 0
    with database.engine.connect() as connection:
        conditions = _conditions(connection, wanted, schools)
        after: ColumnElement[bool] | None = None
        while True:  # keyset paging: each batch starts below the last entry written
            statement = select(*_COLUMNS).where(*conditions)
            if after is not None:
                statement = statement.where(after)
            batch = connection.execute(statement.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                       .limit(CSV_BATCH)).all()
            for entry in _audit_rows(connection, batch):
                writer.writerow(entry.csv_row())
                count += 1
            if len(batch) < CSV_BATCH:
                break
            last = batch[-1]
            after = or_(AuditEntry.at < last.at, and_(AuditEntry.at == last.at, AuditEntry.id < last.id))
    return count


# --- labels --------------------------------------------------------------------------------------

def _audit_rows(connection: Connection, rows: Sequence[Row[Any]]) -> list[AuditRow]:
    labels = audit_labels()
    elements = _element_names(connection, rows, labels)
    return [AuditRow(
        id=row.id, at=row.at, person=row.login or row.os_user, os_user=row.os_user, workstation=row.workstation,
        action=row.action, action_label=labels.action(row.action), entity=row.entity, entity_id=row.entity_id,
        element=elements.get((row.entity, row.entity_id)) or _plain_element(labels, row.entity, row.entity_id),
        field=row.field, field_label=labels.field(row.field), before=row.before, after=row.after,
        import_run_id=row.import_run_id) for row in rows]


def _plain_element(labels: AuditLabels, entity: str, entity_id: int | None) -> str:
    name = labels.entity(entity)
    return name if entity_id is None else f"{name} n° {entity_id}"


def _element_names(connection: Connection, rows: Iterable[Row[Any]],
                   labels: AuditLabels) -> dict[tuple[str, int | None], str]:
    """Names a person recognises for the records a page of entries names (fiche and name, key…).

    A record removed since keeps its plain label (« Contact n° 12 »).
    """
    wanted: dict[str, set[int]] = {}
    for row in rows:
        if row.entity_id is not None:
            wanted.setdefault(row.entity, set()).add(row.entity_id)
    names: dict[tuple[str, int | None], str] = {}
    for entity, ids in wanted.items():
        describe = _DESCRIBERS.get(entity)
        if describe is not None:
            for entity_id, text in describe(connection, sorted(ids)):
                names[(entity, entity_id)] = f"{labels.entity(entity)} {text}"
    return names


def _students(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(Student.id, Student.fiche, Student.last_name, Student.first_name)
                                  .where(Student.id.in_(ids))):
        yield row.id, f"{row.fiche} ({row.last_name}, {row.first_name})"


def _guardians(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(Guardian.id, Guardian.last_name, Guardian.first_name)
                                  .where(Guardian.id.in_(ids))):
        yield row.id, f"{row.id} ({row.last_name}, {row.first_name})"


def _links(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(StudentGuardian.id, Student.fiche, StudentGuardian.guardian_id)
                                  .join(Student, Student.id == StudentGuardian.student_id)
                                  .where(StudentGuardian.id.in_(ids))):
        yield row.id, f"(élève {row.fiche}, répondant {row.guardian_id})"


def _contacts(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(Contact.id, Contact.name, Student.fiche)
                                  .join(Student, Student.id == Contact.student_id).where(Contact.id.in_(ids))):
        yield row.id, f"{row.name} (élève {row.fiche})"


def _nips(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(Nip.id, Student.fiche, Nip.guardian_id)
                                  .join(Student, Student.id == Nip.student_id).where(Nip.id.in_(ids))):
        yield row.id, f"(élève {row.fiche}, répondant {row.guardian_id})"


def _settings(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    schools = dict(connection.execute(select(School.id, School.code)).tuples().all())
    for row in connection.execute(select(Setting.id, Setting.key, Setting.scope, Setting.scope_id)
                                  .where(Setting.id.in_(ids))):
        where = "centre de services"
        if row.scope == SettingScope.SCHOOL:
            where = f"école {schools.get(row.scope_id, row.scope_id)}"
        yield row.id, f"{row.key} ({where})"


def _staff(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(Staff.id, Staff.last_name, Staff.first_name).where(Staff.id.in_(ids))):
        yield row.id, f"{row.id} ({row.last_name}, {row.first_name})"


def _schools(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for row in connection.execute(select(School.id, School.code, School.name).where(School.id.in_(ids))):
        yield row.id, f"{row.code} ({row.name})"


def _grants(connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    schools = dict(connection.execute(select(School.id, School.code)).tuples().all())
    for row in connection.execute(select(AccessGrant.id, AccessGrant.login, AccessGrant.role, AccessGrant.school_id)
                                  .where(AccessGrant.id.in_(ids))):
        where = f"école {schools.get(row.school_id, row.school_id)}" if row.school_id else "centre de services"
        yield row.id, f"{row.role} de {row.login} ({where})"


def _versions(_connection: Connection, ids: list[int]) -> Iterable[tuple[int, str]]:
    for version in ids:
        yield version, f"n° {version}"


_DESCRIBERS = {
    "student": _students, "guardian": _guardians, "student_guardian": _links, "contact": _contacts,
    "nip": _nips, "setting": _settings, "staff": _staff, "school": _schools, "settings_version": _versions,
    "access_grant": _grants,
}


def recorded_actions(database: Database) -> list[tuple[str, str]]:
    """The actions the log holds and the known ones, as (code, French label), by label: the filter's choices."""
    labels = audit_labels()
    with database.engine.connect() as connection:
        present = set(connection.execute(select(AuditEntry.action).distinct()).scalars())
    codes = present | set(labels.actions)
    return sorted(((code, labels.action(code)) for code in codes), key=lambda pair: pair[1].casefold())


def recorded_people(database: Database) -> list[str]:
    """Everyone the log names (login, else OS user): the person filter's suggestions."""
    with database.engine.connect() as connection:
        people = connection.execute(select(func.coalesce(AuditEntry.login, AuditEntry.os_user)).distinct())
        return sorted({person for person in people.scalars() if person}, key=str.casefold)


def read_period(since: str | None, until: str | None, today: date) -> tuple[date | None, date | None]:
    """The dates of a period as people type them (``parse_date``: 2026-11-23, 23/11/2026, 23 novembre 2026).

    An empty bound is open. Raises ``InvalidInput`` in French for an unreadable date or a period
    that ends before it starts.
    """
    bounds: list[date | None] = []
    for label, text in (("de début", since), ("de fin", until)):
        if text is None or not text.strip():
            bounds.append(None)
            continue
        try:
            bounds.append(check_supported(parse_date(text, today)))
        except UnreadableDate as unreadable:
            raise InvalidInput(f"Date {label} : {unreadable}") from None
    start, end = bounds
    if start is not None and end is not None and end < start:
        raise InvalidInput(f"La période finit le {end.isoformat()}, avant son début le {start.isoformat()} : "
                           "inversez les deux dates.")
    return start, end
