"""The kinds of Vitrail records an import writes, and one record as the SIS wants it (``Target``).

A ``Target`` holds the column values the source provided — a column the source did not have is
simply absent, so Vitrail's value stays — and, for references to other imported records, the
other ``Target`` itself: a new school's id is only known when the import is applied, and its
students point at it before that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.models import (
    Base,
    Contact,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    ScheduleEntry,
    School,
    SchoolBoard,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)


class Kind(StrEnum):
    BOARD = "board"
    SCHOOL = "school"
    SUBJECT = "subject"
    STAFF = "staff"
    GROUP = "group"
    COURSE_GROUP = "course_group"
    ASSIGNMENT = "assignment"
    SCHEDULE = "schedule"
    STUDENT = "student"
    GUARDIAN = "guardian"
    LINK = "guardian_link"
    CONTACT = "contact"


@dataclass(frozen=True)
class TableSpec:
    """How one kind is stored: its table, the columns an import writes, and how it is keyed."""

    kind: Kind
    model: type[Base]
    label: str  # French, plural: a heading of the plan
    fields: tuple[str, ...]
    sourced: bool = False  # has a ``sourced_id`` column
    versioned: bool = False  # has a ``version`` column (optimistic locking with the GUI)
    baseline: tuple[str, ...] = ()  # columns whose SIS value is kept, to recognise local corrections
    field_labels: dict[str, str] = field(default_factory=dict)

    @property
    def table(self) -> str:
        name: str = self.model.__tablename__
        return name

    def field_label(self, column: str) -> str:
        return self.field_labels.get(column, FIELD_LABELS.get(column, column))


FIELD_LABELS = {
    "code": "code", "name": "nom", "board_id": "centre de services", "school_id": "école", "level": "ordre",
    "address": "adresse", "phone": "téléphone", "fax": "télécopieur", "email": "courriel",
    "direction_names": "direction", "last_name": "nom", "first_name": "prénom", "job_class": "corps d'emploi",
    "username": "nom d'utilisateur", "school_year": "année scolaire", "grade": "niveau",
    "responsible_id": "titulaire", "group_id": "groupe", "subject_id": "matière", "staff_id": "enseignant",
    "course_group_id": "groupe-matière", "fiche": "fiche", "code_permanent": "code permanent",
    "birth_date": "date de naissance", "sex": "sexe", "active": "actif", "home_phone": "téléphone (maison)",
    "cell_phone": "cellulaire", "work_phone": "téléphone (travail)", "other_phone": "autre téléphone",
    "student_id": "élève", "guardian_id": "parent", "respondent_rank": "rang de répondant",
    "relationship_label": "lien", "lives_with": "habite avec l'élève", "is_emergency": "contact d'urgence",
    "sourced_id": "identifiant SIS", "entries": "périodes",
}

SPECS: dict[Kind, TableSpec] = {spec.kind: spec for spec in (
    TableSpec(Kind.BOARD, SchoolBoard, "Centres de services", ("code", "name"), sourced=True),
    TableSpec(Kind.SCHOOL, School, "Écoles", ("board_id", "code", "name", "level", "address", "phone", "fax", "email",
                                              "direction_names"), sourced=True, versioned=True),
    TableSpec(Kind.SUBJECT, Subject, "Matières", ("board_id", "code", "name")),
    TableSpec(Kind.STAFF, Staff, "Personnel", ("board_id", "school_id", "last_name", "first_name", "email",
                                               "job_class", "username"), sourced=True, versioned=True),
    TableSpec(Kind.GROUP, HomeroomGroup, "Groupes-repères", ("school_id", "school_year", "code", "grade",
                                                             "responsible_id"), sourced=True),
    TableSpec(Kind.COURSE_GROUP, CourseGroup, "Groupes-matières", ("school_id", "group_id", "subject_id", "code"),
              sourced=True),
    TableSpec(Kind.ASSIGNMENT, TeachingAssignment, "Affectations d'enseignement", ("staff_id", "course_group_id")),
    TableSpec(Kind.SCHEDULE, ScheduleEntry, "Horaires (périodes)", ("course_group_id", "cycle_day", "period",
                                                                    "start_time", "end_time", "room")),
    TableSpec(Kind.STUDENT, Student, "Élèves", ("board_id", "fiche", "code_permanent", "last_name", "first_name",
                                                "birth_date", "sex", "school_id", "group_id", "grade", "active"),
              sourced=True, versioned=True,
              baseline=("code_permanent", "last_name", "first_name", "birth_date", "sex", "grade")),
    TableSpec(Kind.GUARDIAN, Guardian, "Parents et tuteurs", ("board_id", "last_name", "first_name", "email",
                                                              "home_phone", "cell_phone", "work_phone",
                                                              "other_phone", "address"),
              sourced=True, versioned=True,
              baseline=("last_name", "first_name", "email", "home_phone", "cell_phone", "work_phone", "other_phone",
                        "address")),
    TableSpec(Kind.LINK, StudentGuardian, "Liens élève–parent", ("student_id", "guardian_id", "respondent_rank",
                                                                 "relationship_label", "lives_with", "active")),
    TableSpec(Kind.CONTACT, Contact, "Contacts", ("student_id", "name", "phone", "relationship_label",
                                                  "is_emergency"), sourced=True),
)}

# The order records are written in: what is referred to comes first.
WRITE_ORDER = (Kind.BOARD, Kind.SCHOOL, Kind.SUBJECT, Kind.STAFF, Kind.GROUP, Kind.COURSE_GROUP, Kind.ASSIGNMENT,
               Kind.SCHEDULE, Kind.STUDENT, Kind.GUARDIAN, Kind.LINK, Kind.CONTACT)


_UNSET: Any = object()  # a column the source did not give


class FieldValues:
    """A target's column values, by name, in the order of ``TableSpec.fields`` (a dict's interface).

    A list with a marker for "not given" instead of a dict: a dict of eleven entries is 650 bytes,
    this is 200, and a 100,000-student import holds 700,000 of them.
    """

    __slots__ = ("_data", "_fields", "_index")

    def __init__(self, kind: Kind, values: Mapping[str, Any]) -> None:
        self._fields = SPECS[kind].fields
        self._index = _INDEXES[kind]
        self._data = [_UNSET] * len(self._fields)
        for name, value in values.items():
            self._data[self._index[name]] = value

    def __getitem__(self, name: str) -> Any:
        value = self._data[self._index[name]]
        if value is _UNSET:
            raise KeyError(name)
        return value

    def __setitem__(self, name: str, value: Any) -> None:
        self._data[self._index[name]] = value

    def __delitem__(self, name: str) -> None:
        self._data[self._index[name]] = _UNSET

    def __contains__(self, name: object) -> bool:
        position = self._index.get(name) if isinstance(name, str) else None
        return position is not None and self._data[position] is not _UNSET

    def get(self, name: str, default: Any = None) -> Any:
        position = self._index.get(name)
        value = _UNSET if position is None else self._data[position]
        return default if value is _UNSET else value

    def items(self) -> list[tuple[str, Any]]:
        return [(name, value) for name, value in zip(self._fields, self._data, strict=True) if value is not _UNSET]

    def __len__(self) -> int:
        return sum(1 for value in self._data if value is not _UNSET)


_INDEXES = {kind: {name: index for index, name in enumerate(spec.fields)} for kind, spec in SPECS.items()}


class Target:
    """One record as the source wants it. ``id`` is the Vitrail row it matched (None: a new row).

    ``values`` maps a column to its value, or to the ``Target`` it refers to (resolved to an id when
    applied). ``sourced_id`` is stored when it differs from what Vitrail already knows the row by.
    ``level`` is a student's order of teaching (primary, secondary), read from their grade code.
    People and their links are labelled from their values when asked (``label=None``): half a
    million stored labels would be tens of megabytes that a re-import never shows.
    """

    __slots__ = ("_label", "file", "id", "key", "kind", "level", "line", "sourced_id", "values")

    def __init__(self, kind: Kind, key: str, label: str | None, file: str, line: int, *,
                 values: Mapping[str, Any] | None = None) -> None:
        self.kind = kind
        self.key = key
        self._label = label
        self.file = file
        self.line = line
        self.id: int | None = None
        self.values = FieldValues(kind, values or {})
        self.sourced_id: str | None = None
        self.level: str | None = None

    @property
    def label(self) -> str:
        if self._label is not None:
            return self._label
        values = self.values
        if self.kind == Kind.STUDENT:
            return f"{values.get('last_name')}, {values.get('first_name')} (fiche {values.get('fiche')})"
        if self.kind == Kind.LINK:
            return f"{_label_of(values.get('student_id'))} : {_label_of(values.get('guardian_id'))}"
        if self.kind == Kind.CONTACT:
            return f"{_label_of(values.get('student_id'))} : {values.get('name')}"
        return f"{values.get('last_name')}, {values.get('first_name')}"


def _label_of(value: Any) -> str:
    return value.label if isinstance(value, Target) else f"n° {value}"


def plain(value: Any) -> Any:
    """A column value as JSON and the audit log store it (dates as ISO text, references as ids)."""
    if isinstance(value, Target):
        return value.id
    if isinstance(value, date):
        return value.isoformat()
    return value
