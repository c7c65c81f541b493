"""What Vitrail already holds, read for one plan as plain tuples (no ORM objects).

Two steps keep a large board's plan within memory. ``Snapshot.load`` reads every small table whole
and, of the four large ones (students, guardians, their links, contacts), only what matching needs:
ids, sourcedIds and natural keys. The plan then reads a large table whole (``fill``) just before
comparing it, and lets it go (``release``) once compared, while the source's own records have been
released already. A row asked for while its table is not loaded is read on its own.

Groups, course-groups, their teachers and schedules are loaded only for the school years the
source speaks of: three years of a 100,000-student board are a million rows, and the import never
touches a year it was not given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from desktop.models import CourseGroup, HomeroomGroup, ScheduleEntry, TeachingAssignment
from desktop.services.sync.oneroster import local_sourced_id
from desktop.services.sync.records import SPECS, Kind, TableSpec

# The kind name in a derived sourcedId (``local_sourced_id``), as the export writes it.
LOCAL_KIND = {Kind.BOARD: "board", Kind.SCHOOL: "school", Kind.STAFF: "staff", Kind.GROUP: "group",
              Kind.COURSE_GROUP: "course-group", Kind.STUDENT: "student", Kind.GUARDIAN: "guardian",
              Kind.CONTACT: "contact"}
# The large tables, and the columns matching needs of them before they are read whole.
KEY_COLUMNS: dict[Kind, tuple[str, ...]] = {Kind.STUDENT: ("board_id", "fiche"), Kind.GUARDIAN: (),
                                            Kind.LINK: ("student_id", "guardian_id"), Kind.CONTACT: ("student_id",)}


@dataclass
class Rows:
    """One table's rows by id: ``values[id]`` in ``spec.fields`` order, plus the bookkeeping columns.

    For a large table, ``keys[id]`` holds the ``KEY_COLUMNS`` (and stays when ``values`` is filled).
    """

    spec: TableSpec
    connection: Connection
    years: frozenset[int]
    values: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    keys: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    stored_sid: dict[int, str | None] = field(default_factory=dict)
    version: dict[int, int] = field(default_factory=dict)
    baseline_json: dict[int, str] = field(default_factory=dict)  # parsed on demand: see ``baseline``
    by_sid: dict[str, int] = field(default_factory=dict)  # effective sourcedId → id
    loaded: bool = False

    def __post_init__(self) -> None:
        self.position = {name: index for index, name in enumerate(self.spec.fields)}
        self.key_position = {name: index for index, name in enumerate(KEY_COLUMNS.get(self.spec.kind, ()))}

    @property
    def ids(self) -> Iterable[int]:
        return self.values if self.loaded else self.keys

    def __contains__(self, row_id: int) -> bool:
        return row_id in (self.values if self.loaded else self.keys)

    def get(self, row_id: int, column: str) -> Any:
        if self.loaded:
            return self.values[row_id][self.position[column]]
        if column in self.key_position:
            return self.keys[row_id][self.key_position[column]]
        table = self.spec.model.__table__
        return self.connection.execute(select(table.c[column]).where(table.c.id == row_id)).scalar_one()

    def baseline(self, row_id: int) -> dict[str, Any] | None:
        """What the SIS said of this row at the last import (None: never imported)."""
        raw = self.baseline_json.get(row_id)
        return json.loads(raw) if raw else None

    def effective_sid(self, row_id: int) -> str:
        return self.stored_sid.get(row_id) or local_sourced_id(LOCAL_KIND[self.spec.kind], row_id)

    def fill(self) -> None:
        """Read the whole table (values, versions, SIS values), for comparing it."""
        if self.loaded:
            return
        spec = self.spec
        table = spec.model.__table__
        extra = [table.c.version] if spec.versioned else []
        extra += [table.c.sis_values] if spec.baseline else []
        statement = _limit_to_years(select(table.c.id, *(table.c[name] for name in spec.fields), *extra),
                                    spec.kind, self.years)
        width = len(spec.fields)
        for record in self.connection.execute(statement.order_by(table.c.id)):
            row_id = record[0]
            self.values[row_id] = tuple(record[1:width + 1])
            position = width + 1
            if spec.versioned:
                self.version[row_id] = record[position]
                position += 1
            if spec.baseline and record[position]:
                self.baseline_json[row_id] = record[position]
        self.loaded = True

    def release(self) -> None:
        """Let go of the whole rows (a large table, once compared); what matching needs stays."""
        if self.spec.kind in KEY_COLUMNS:
            self.values = {}
            self.baseline_json = {}
            self.loaded = False


@dataclass
class Snapshot:
    rows: dict[Kind, Rows]
    years: frozenset[int]

    def __getitem__(self, kind: Kind) -> Rows:
        return self.rows[kind]

    @classmethod
    def load(cls, connection: Connection, years: Iterable[int]) -> Snapshot:
        wanted = frozenset(years)
        rows = {}
        for kind, spec in SPECS.items():
            rows[kind] = Rows(spec, connection, wanted)
            if kind in KEY_COLUMNS:
                _load_keys(rows[kind])
            else:
                _load_sids(rows[kind])
                rows[kind].fill()
        return cls(rows, wanted)


def _load_keys(rows: Rows) -> None:
    spec = rows.spec
    table = spec.model.__table__
    columns = [table.c.id, *(table.c[name] for name in KEY_COLUMNS[spec.kind])]
    if spec.sourced:
        columns.append(table.c.sourced_id)
    width = len(KEY_COLUMNS[spec.kind])
    for record in rows.connection.execute(select(*columns).order_by(table.c.id)):
        row_id = record[0]
        rows.keys[row_id] = tuple(record[1:width + 1])
        if spec.sourced:
            _sid(rows, row_id, record[width + 1])


def _load_sids(rows: Rows) -> None:
    spec = rows.spec
    if not spec.sourced:
        return
    table = spec.model.__table__
    statement = _limit_to_years(select(table.c.id, table.c.sourced_id), spec.kind, rows.years)
    for row_id, stored in rows.connection.execute(statement):
        _sid(rows, row_id, stored)


def _sid(rows: Rows, row_id: int, stored: str | None) -> None:
    if stored:
        rows.stored_sid[row_id] = stored
    rows.by_sid[stored or local_sourced_id(LOCAL_KIND[rows.spec.kind], row_id)] = row_id


def _limit_to_years(statement: Any, kind: Kind, years: frozenset[int]) -> Any:
    in_years = HomeroomGroup.school_year.in_(sorted(years))
    if kind == Kind.GROUP:
        return statement.where(in_years)
    if kind == Kind.COURSE_GROUP:
        return statement.join(HomeroomGroup, CourseGroup.group_id == HomeroomGroup.id).where(in_years)
    if kind == Kind.ASSIGNMENT:
        return (statement.join(CourseGroup, TeachingAssignment.course_group_id == CourseGroup.id)
                .join(HomeroomGroup, CourseGroup.group_id == HomeroomGroup.id).where(in_years))
    if kind == Kind.SCHEDULE:
        return (statement.join(CourseGroup, ScheduleEntry.course_group_id == CourseGroup.id)
                .join(HomeroomGroup, CourseGroup.group_id == HomeroomGroup.id).where(in_years))
    return statement
