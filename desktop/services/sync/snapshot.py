"""What Vitrail already holds, loaded once per plan as plain tuples (no ORM objects).

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


@dataclass
class Rows:
    """One table's rows by id: ``values[id]`` in ``spec.fields`` order, plus the bookkeeping columns."""

    spec: TableSpec
    values: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    stored_sid: dict[int, str | None] = field(default_factory=dict)
    version: dict[int, int] = field(default_factory=dict)
    baseline_json: dict[int, str] = field(default_factory=dict)  # parsed on demand: see ``baseline``
    by_sid: dict[str, int] = field(default_factory=dict)  # effective sourcedId → id

    def __post_init__(self) -> None:
        self.position = {name: index for index, name in enumerate(self.spec.fields)}

    def get(self, row_id: int, column: str) -> Any:
        return self.values[row_id][self.position[column]]

    def baseline(self, row_id: int) -> dict[str, Any] | None:
        """What the SIS said of this row at the last import (None: never imported)."""
        raw = self.baseline_json.get(row_id)
        return json.loads(raw) if raw else None

    def effective_sid(self, row_id: int) -> str:
        return self.stored_sid.get(row_id) or local_sourced_id(LOCAL_KIND[self.spec.kind], row_id)


@dataclass
class Snapshot:
    rows: dict[Kind, Rows]
    years: frozenset[int]

    def __getitem__(self, kind: Kind) -> Rows:
        return self.rows[kind]

    @classmethod
    def load(cls, connection: Connection, years: Iterable[int]) -> Snapshot:
        wanted = frozenset(years)
        rows = {kind: _load(connection, spec, wanted) for kind, spec in SPECS.items()}
        return cls(rows, wanted)


def _load(connection: Connection, spec: TableSpec, years: frozenset[int]) -> Rows:
    table = spec.model.__table__
    columns = [table.c.id, *(table.c[name] for name in spec.fields)]
    extra = []
    if spec.sourced:
        extra.append(table.c.sourced_id)
    if spec.versioned:
        extra.append(table.c.version)
    if spec.baseline:
        extra.append(table.c.sis_values)
    statement = select(*columns, *extra)
    statement = _limit_to_years(statement, spec.kind, years)
    rows = Rows(spec)
    width = len(spec.fields)
    for record in connection.execute(statement.order_by(table.c.id)):
        row_id = record[0]
        rows.values[row_id] = tuple(record[1:width + 1])
        position = width + 1
        if spec.sourced:
            rows.stored_sid[row_id] = record[position]
            rows.by_sid[record[position] or local_sourced_id(LOCAL_KIND[spec.kind], row_id)] = row_id
            position += 1
        if spec.versioned:
            rows.version[row_id] = record[position]
            position += 1
        if spec.baseline and record[position]:
            rows.baseline_json[row_id] = record[position]
    return rows


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
