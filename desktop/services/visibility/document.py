"""The shipped visibility policy, read once from ``resources/policy`` into typed, frozen data.

Three files: ``visibility.json`` (visibility.md §2–5: the matrices, the portal tiles, the school
and board defaults), ``job_classes.json`` (§1: the role each job class gives) and
``staff_spaces.json`` (§6: the staff home-page spaces). They are parsed here and nowhere else:
a misspelled role or access value fails when the file is read, not when a file is previewed.

A cell written ``{"value": ..., "assumed": true}`` is a default the specification does not state
and Vitrail reconstructed; it is kept as ``Default(value, assumed=True)`` so that every reason
built from it can say so.

Rules that are not data but are stated once here: a specialist teacher is seen through the
subjects they teach (``role_needs_subject``), and some parent tiles show only in a situation of
the student (``PortalTile.condition``: the registration window, the right to school transport).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from desktop.paths import resource

T = TypeVar("T")


class Role(StrEnum):
    """The roles of visibility.md §1: who looks at a file, as the policy's rows name them."""

    DIRECTION = "direction"
    TEACHER_HOMEROOM = "teacher_homeroom"
    TEACHER_SPECIALIST = "teacher_specialist"
    TEACHER_NOT_TEACHING = "teacher_not_teaching"
    SUPPORT_PSYCHOSOCIAL = "support_psychosocial"
    SUPPORT_PEDAGOGICAL = "support_pedagogical"
    SUPPORT_NON_TEACHING = "support_non_teaching"
    PARENT = "parent"
    STUDENT = "student"


STAFF_ROLES = (Role.DIRECTION, Role.TEACHER_HOMEROOM, Role.TEACHER_SPECIALIST, Role.TEACHER_NOT_TEACHING,
               Role.SUPPORT_PSYCHOSOCIAL, Role.SUPPORT_PEDAGOGICAL, Role.SUPPORT_NON_TEACHING)
PORTAL_ROLES = (Role.PARENT, Role.STUDENT)
ROLES = STAFF_ROLES + PORTAL_ROLES
SOI_CATEGORIES = ("positive", "to_watch", "to_modify", "serious", "interventions")


def role_needs_subject(role: str) -> bool:
    """True for the specialist teacher: what they see depends on the subjects they teach the
    student, so previewing or printing the role in the abstract needs a subject."""
    return role == Role.TEACHER_SPECIALIST


class StaffAccess(StrEnum):
    """A staff matrix cell: granted, granted for the subjects taught only, or not granted."""

    YES = "yes"
    TAUGHT = "taught"
    NO = "no"


class SoiAccess(StrEnum):
    """A SOI matrix cell: every observation, one's own only, those shared with parents, none."""

    ALL = "all"
    OWN_ONLY = "own_only"
    SHARED_ONLY = "shared_only"
    NONE = "none"


STAFF_ACCESS = tuple(StaffAccess)
SOI_ACCESS = tuple(SoiAccess)


class TileCondition(StrEnum):
    """A parent tile allowed by the board and enabled by the school still shows only…"""

    REGISTRATION_WINDOW = "registration_window"  # …during the school's online registration window
    TRANSPORT_ENTITLED = "transport_entitled"  # …to the parents of a student entitled to school transport

    @property
    def sentence(self) -> str:
        """The condition in plain French, as the settings screens explain a tile."""
        return _CONDITION_SENTENCES[self]


_CONDITION_SENTENCES = {
    TileCondition.REGISTRATION_WINDOW: "Elle n'apparaît que pendant la période d'inscription.",
    TileCondition.TRANSPORT_ENTITLED: "Elle n'apparaît que pour les élèves qui ont droit au transport.",
}
# The parent tiles that depend on the student's situation (visibility.md §4).
_TILE_CONDITIONS = {"registration": TileCondition.REGISTRATION_WINDOW, "transport": TileCondition.TRANSPORT_ENTITLED}


@dataclass(frozen=True)
class Default(Generic[T]):
    """A shipped default value, and whether Vitrail assumed it where the specification is silent."""

    value: T
    assumed: bool = False


@dataclass(frozen=True)
class RegistrationWindow:
    """The school's online registration period, both dates included."""

    start: date
    end: date

    def is_open(self, on: date) -> bool:
        return self.start <= on <= self.end

    @classmethod
    def from_setting(cls, value: Mapping[str, str] | None) -> RegistrationWindow | None:
        """The window of a ``registration_window`` value ({"start", "end"} ISO dates, or null)."""
        if value is None:
            return None
        return cls(date.fromisoformat(value["start"]), date.fromisoformat(value["end"]))


@dataclass(frozen=True)
class PortalTile:
    """A tile of the parents' (and students') portal: its fields, in display order."""

    id: str
    label: str
    fields: tuple[str, ...]
    secondary_only_fields: frozenset[str] = frozenset()
    condition: TileCondition | None = None


@dataclass(frozen=True)
class PortalSoiTile:
    """Where the portal shows the SOI items its matrix rows grant (a placement Vitrail assumed)."""

    label: str
    assumed: bool


@dataclass(frozen=True)
class MinistryResultsGrades:
    """Ministry exam results exist for these grades of this level only."""

    level: str
    grades: frozenset[int]

    def cover(self, level: str, grade: int) -> bool:
        return level == self.level and grade in self.grades


@dataclass(frozen=True)
class SchoolDefaults:
    parent_tiles: Mapping[str, bool]
    group_averages: Default[bool]
    registration_window: Mapping[str, str] | None
    show_subjects_and_teachers: Default[bool]


@dataclass(frozen=True)
class JobClass:
    """A job class (corps d'emploi) and the role it gives; ``role`` None: a teacher, whose role
    depends on the student (homeroom, specialist, or not teaching them)."""

    code: str
    label: str
    role: Role | None
    board_director: bool = False
    school_director: bool = False
    assumed: bool = False


# The job classes' word for a teacher, whose role is derived from teaching assignments.
_TEACHER = "teacher"


@dataclass(frozen=True)
class StaffSpace:
    """A space of the staff portal's home page and who gets it (visibility.md §6)."""

    id: str
    label: str
    all_staff: bool = False
    roles: frozenset[Role] = frozenset()
    job_classes: frozenset[str] = frozenset()
    board_directors: bool = False
    school_directors: bool = False
    named_in_settings: bool = False


@dataclass(frozen=True)
class PolicyDocument:
    """The shipped files, parsed once: labels, matrices, portal tiles, defaults, job classes, spaces."""

    role_labels: Mapping[Role, str]
    staff_tile_labels: Mapping[str, str]
    field_labels: Mapping[str, str]
    staff_tile_access: Mapping[Role, Mapping[str, Default[StaffAccess]]]
    staff_field_access: Mapping[Role, Mapping[str, Mapping[str, Default[StaffAccess]]]]
    soi_categories: Mapping[str, str]
    soi: Mapping[Role, Mapping[str, Default[SoiAccess]]]
    soi_history_years: Mapping[Role, int]
    portal_tiles: Mapping[str, PortalTile]
    portal_soi_tile: PortalSoiTile
    student_tiles: Mapping[str, Default[bool]]
    student_hidden_fields: frozenset[str]
    ministry_results_grades: MinistryResultsGrades
    school_defaults: SchoolDefaults
    allowed_parent_tiles: Mapping[str, bool]
    job_classes: Mapping[str, JobClass]
    spaces: tuple[StaffSpace, ...]
    # job class → {"tile" or "tile.field": access} granted on top of the role (the 4215 TOS's events).
    job_class_grants: Mapping[str, Mapping[str, Default[StaffAccess]]] = field(default_factory=dict)

    def role_label(self, role: str) -> str:
        return self.role_labels[Role(role)]

    def field_label(self, field_id: str) -> str:
        return self.field_labels.get(field_id, field_id)

    def staff_tile_label(self, tile: str) -> str:
        return self.staff_tile_labels[tile]

    @property
    def staff_tiles(self) -> dict[str, list[str]]:
        """Staff tile id → its field ids, in display order (from the direction row, which lists all)."""
        return {tile: list(fields) for tile, fields in self.staff_field_access[Role.DIRECTION].items()}

    def job_role(self, job_class: str) -> Role | None:
        """The role ``job_class`` gives; None for a teacher. An unknown class is non-teaching staff."""
        job = self.job_classes.get(job_class)
        return job.role if job is not None else Role.SUPPORT_NON_TEACHING


# --------------------------------------------------------------------------- parsing


def _default(raw: Any, convert: Callable[[Any], T]) -> Default[T]:
    if isinstance(raw, dict) and set(raw) <= {"value", "assumed"} and "value" in raw:
        return Default(convert(raw["value"]), bool(raw.get("assumed")))
    return Default(convert(raw))


def _yes_no(text: str) -> bool:
    return {"yes": True, "no": False}[text]


def _by_role(raw: Mapping[str, T]) -> Mapping[Role, T]:
    return MappingProxyType({Role(role): value for role, value in raw.items()})


def _frozen(raw: Mapping[str, T]) -> Mapping[str, T]:
    return MappingProxyType(dict(raw))


def _portal_tile(tile_id: str, raw: Mapping[str, Any]) -> PortalTile:
    return PortalTile(tile_id, raw["label"], tuple(raw["fields"]), frozenset(raw.get("secondary_only_fields", ())),
                      _TILE_CONDITIONS.get(tile_id))


def _job_class(raw: Mapping[str, Any]) -> JobClass:
    role = None if raw["role"] == _TEACHER else Role(raw["role"])
    return JobClass(raw["code"], raw["label"], role, bool(raw.get("board_director")),
                    bool(raw.get("school_director")), bool(raw.get("assumed")))


def _space(raw: Mapping[str, Any]) -> StaffSpace:
    rule = raw["granted_to"]
    return StaffSpace(raw["id"], raw["label"], all_staff=bool(rule.get("all_staff")),
                      roles=frozenset(Role(role) for role in rule.get("roles", ())),
                      job_classes=frozenset(rule.get("job_classes", ())),
                      board_directors=bool(rule.get("board_directors")),
                      school_directors=bool(rule.get("school_directors")),
                      named_in_settings=bool(rule.get("named_in_settings")))


def parse_policy_document(raw: Mapping[str, Any], job_classes: Mapping[str, Any],
                          spaces: Mapping[str, Any]) -> PolicyDocument:
    """The three files' JSON as a ``PolicyDocument``; KeyError or ValueError on a malformed file."""

    def staff_access(cell: Any) -> Default[StaffAccess]:
        return _default(cell, StaffAccess)

    school = raw["school_defaults"]
    ministry = raw["ministry_results_grades"]
    return PolicyDocument(
        role_labels=_by_role(raw["roles"]),
        staff_tile_labels=_frozen(raw["staff_tile_labels"]),
        field_labels=_frozen(raw["field_labels"]),
        staff_tile_access=_by_role({role: _frozen({tile: staff_access(cell) for tile, cell in tiles.items()})
                                    for role, tiles in raw["staff_tiles"].items()}),
        staff_field_access=_by_role({
            role: _frozen({tile: _frozen({field_id: staff_access(cell) for field_id, cell in fields.items()})
                           for tile, fields in tiles.items()})
            for role, tiles in raw["staff_fields"].items()}),
        soi_categories=_frozen(raw["soi_categories"]),
        soi=_by_role({role: _frozen({category: _default(cell, SoiAccess) for category, cell in categories.items()})
                      for role, categories in raw["soi"].items()}),
        soi_history_years=_by_role({role: int(years) for role, years in raw["soi_history_years"].items()}),
        portal_tiles=_frozen({tile: _portal_tile(tile, spec) for tile, spec in raw["portal_tiles"].items()}),
        portal_soi_tile=PortalSoiTile(raw["portal_soi_tile"]["label"], bool(raw["portal_soi_tile"]["assumed"])),
        student_tiles=_frozen({tile: _default(cell, _yes_no) for tile, cell in raw["student_tiles"].items()}),
        student_hidden_fields=frozenset(raw["student_hidden_fields"]["fields"]),
        ministry_results_grades=MinistryResultsGrades(ministry["level"], frozenset(ministry["grades"])),
        school_defaults=SchoolDefaults(
            parent_tiles=_frozen({tile: bool(on) for tile, on in school["parent_tiles"].items()}),
            group_averages=_default(school["group_averages"], bool),
            registration_window=school["registration_window"],
            show_subjects_and_teachers=_default(school["show_subjects_and_teachers"], bool)),
        allowed_parent_tiles=_frozen({tile: bool(on) for tile, on
                                      in raw["board_defaults"]["allowed_parent_tiles"].items()}),
        job_classes=_frozen({job["code"]: _job_class(job) for job in job_classes["job_classes"]}),
        spaces=tuple(_space(space) for space in spaces["spaces"]),
        job_class_grants=_frozen({job: _frozen({key: staff_access(cell) for key, cell in grants.items()})
                                  for job, grants in raw.get("job_class_grants", {}).items() if job != "_about"}),
    )


@lru_cache(maxsize=1)
def policy_document() -> PolicyDocument:
    """The shipped policy, read from ``resources/policy`` on first use."""

    def read(name: str) -> Any:
        return json.loads(resource("policy", name).read_text(encoding="utf-8"))

    return parse_policy_document(read("visibility.json"), read("job_classes.json"), read("staff_spaces.json"))
