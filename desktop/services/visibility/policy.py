"""The visibility policy as data: shipped defaults, then board overrides, then school overrides.

The defaults live in ``resources/policy/visibility.json`` (visibility.md §2–5), the staff home
spaces in ``staff_spaces.json`` (§6) and the job classes in ``job_classes.json`` (§1), read once
into a typed ``PolicyDocument`` (``document.py``, whose names are re-exported here). Nothing in
this package decides visibility with ``if role == ...``: the engine reads cells of a ``Policy``.

Settings contract (shared with ``desktop/services/settings``, which writes the rows)
---------------------------------------------------------------------------------------
A ``Setting`` row (scope ``"board"`` or ``"school"``, ``scope_id``, ``key``, ``value`` as JSON)
overrides one *key*. ``REGISTRY`` lists every key the engine reads, as ``SettingKey`` entries
(type, allowed values, default, allowed scopes, French label and explanation, *assumed* flag);
``validate_setting(key, scope, value)`` checks a value before it is saved. Keys:

school scope
  ``parent_tiles.<tile>`` bool (default true: enabled within what the board allows);
  ``group_averages`` bool (default false, assumed); ``group_averages.primary`` /
  ``group_averages.secondary`` bool or null (null: follow ``group_averages``);
  ``registration_window`` ``{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`` or null (default null);
  ``show_subjects_and_teachers`` bool (default true, assumed);
  ``soi.<role>.<category>`` (also board scope; the school row wins).
board scope
  ``allowed_parent_tiles.<tile>`` bool (default true);
  ``soi.<role>.<category>`` one of all | own_only | shared_only | none;
  ``staff_tiles.<role>.<tile>`` and ``staff_fields.<role>.<tile>.<field>`` one of yes | taught | no;
  ``staff_spaces.<space>.staff_ids`` list of staff ids named in a module's settings (§6).

``load_policy(session, school_id)`` returns the effective ``Policy``. It reads the school's and
its board's rows on every call (one indexed query) and rebuilds the policy only when those rows
changed, so a saved setting shows in the very next preview.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import BindParameter, Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from desktop.models import SCOPES, School, SchoolBoard, Setting, SettingScope
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.visibility.document import (
    PORTAL_ROLES,
    ROLES,
    SOI_ACCESS,
    SOI_CATEGORIES,
    STAFF_ACCESS,
    STAFF_ROLES,
    PolicyDocument,
    PortalTile,
    RegistrationWindow,
    Role,
    SoiAccess,
    StaffAccess,
    TileCondition,
    policy_document,
    role_needs_subject,
)

__all__ = [
    "DEFAULT_SOURCE",
    "PORTAL_ROLES",
    "REGISTRY",
    "ROLES",
    "SOI_ACCESS",
    "SOI_CATEGORIES",
    "STAFF_ACCESS",
    "STAFF_ROLES",
    "Cell",
    "CellSource",
    "Policy",
    "PolicyDocument",
    "PortalTile",
    "RegistrationWindow",
    "Role",
    "SettingKey",
    "SettingKind",
    "SoiAccess",
    "StaffAccess",
    "TileCondition",
    "default_cells",
    "load_policy",
    "policy_document",
    "policy_from_rows",
    "role_needs_subject",
    "validate_setting",
]


class CellSource(StrEnum):
    """Where a decided value comes from: the shipped policy, or a board's or a school's setting."""

    DEFAULT = "défaut"
    BOARD = "board"
    SCHOOL = "school"


DEFAULT_SOURCE = CellSource.DEFAULT
_BOARD = (SettingScope.BOARD,)
_SCHOOL = (SettingScope.SCHOOL,)
_BOARD_OR_SCHOOL = (SettingScope.BOARD, SettingScope.SCHOOL)


@dataclass(frozen=True)
class Cell:
    """One decided value of the policy and where it comes from."""

    key: str
    value: Any
    assumed: bool = False
    source: CellSource = CellSource.DEFAULT


class SettingKind(StrEnum):
    """The type of a key's value: a switch, a switch or null, one of ``choices``, a date range or
    null, a list of staff ids."""

    BOOL = "bool"
    OPTIONAL_BOOL = "optional_bool"
    CHOICE = "choice"
    DATE_RANGE = "date_range"
    STAFF_IDS = "staff_ids"


@dataclass(frozen=True)
class SettingKey:
    """A key that boards or schools may override: what the settings screens validate and show."""

    key: str
    kind: SettingKind
    default: Any
    scopes: tuple[SettingScope, ...]
    label: str
    explanation: str
    choices: tuple[str, ...] = ()
    assumed: bool = False


@dataclass(frozen=True)
class Policy:
    """The effective policy of one school: every cell, and how to name the setting that changes it."""

    school_id: int
    school_code: str
    board_id: int
    board_code: str
    cells: Mapping[str, Cell]
    document: PolicyDocument
    fingerprint: tuple[object, ...] = field(default=(), compare=False)

    def cell(self, key: str) -> Cell:
        return self.cells[key]

    def value(self, key: str) -> Any:
        return self.cells[key].value

    def setting_ref(self, key: str) -> str:
        """``school:ECO01:key`` or ``board:CSS01:key``: the narrowest scope where the key can be changed."""
        scopes = REGISTRY[key].scopes if key in REGISTRY else _BOARD
        if SettingScope.SCHOOL in scopes:
            return f"school:{self.school_code}:{key}"
        return f"board:{self.board_code}:{key}"

    def registration_window(self) -> RegistrationWindow | None:
        """The school's online registration period; None when it has none (the tile stays hidden)."""
        return RegistrationWindow.from_setting(self.value("registration_window"))

    def group_averages_shown(self, level: str) -> Cell:
        """The cell that decides group averages for ``level``: the per-level key if set, else the school's."""
        per_level = self.cells[f"group_averages.{level}"]
        return per_level if per_level.value is not None else self.cells["group_averages"]


def _registry_entries(doc: PolicyDocument) -> list[SettingKey]:
    return [*_staff_entries(doc), *_soi_entries(doc), *_history_entries(doc), *_parent_tile_entries(doc),
            *_school_entries(doc), *_space_entries(doc)]


# The SOI history a role may be given, in school years (the records never load more).
MAX_SOI_HISTORY_YEARS = 3


def _history_entries(doc: PolicyDocument) -> list[SettingKey]:
    """The SOI history window of every role but direction (whose 3 years the seed states): a board
    setting, since the seed states no window for them (visibility.md §3)."""
    return [SettingKey(f"soi_history_years.{role}", SettingKind.CHOICE, str(years), _BOARD,
                       f"Historique SOI visible pour le rôle {doc.role_label(role)}",
                       f"Nombre d'années scolaires, l'année en cours comprise (1 à {MAX_SOI_HISTORY_YEARS}).",
                       tuple(str(n) for n in range(1, MAX_SOI_HISTORY_YEARS + 1)), assumed=True)
            for role, years in doc.soi_history_years.items() if role != Role.DIRECTION]


def _staff_entries(doc: PolicyDocument) -> list[SettingKey]:
    entries: list[SettingKey] = []
    for role, tiles in doc.staff_tile_access.items():
        for tile, cell in tiles.items():
            entries.append(SettingKey(
                f"staff_tiles.{role}.{tile}", SettingKind.CHOICE, cell.value, _BOARD,
                f"Tuile « {doc.staff_tile_label(tile)} » pour le rôle {doc.role_label(role)}",
                "yes : accordée ; taught : matières enseignées seulement ; no : masquée.",
                STAFF_ACCESS, cell.assumed))
    for role, field_tiles in doc.staff_field_access.items():
        for tile, fields in field_tiles.items():
            for field_id, cell in fields.items():
                entries.append(SettingKey(
                    f"staff_fields.{role}.{tile}.{field_id}", SettingKind.CHOICE, cell.value, _BOARD,
                    f"Champ « {doc.field_label(field_id)} » ({doc.staff_tile_label(tile)}) pour le rôle "
                    f"{doc.role_label(role)}",
                    "yes : affiché ; taught : lignes des matières enseignées seulement ; no : masqué.",
                    STAFF_ACCESS, cell.assumed))
    return entries


def _soi_entries(doc: PolicyDocument) -> list[SettingKey]:
    return [SettingKey(f"soi.{role}.{category}", SettingKind.CHOICE, cell.value, _BOARD_OR_SCHOOL,
                       f"SOI « {doc.soi_categories[category]} » pour le rôle {doc.role_label(role)}",
                       "all : tout ; own_only : seulement ses propres observations ou interventions ; "
                       "shared_only : seulement celles partagées avec les parents ; none : rien. "
                       "L'école peut remplacer le choix du centre de services.", SOI_ACCESS, cell.assumed)
            for role, categories in doc.soi.items() for category, cell in categories.items()]


def _parent_tile_entries(doc: PolicyDocument) -> list[SettingKey]:
    entries: list[SettingKey] = []
    for tile in doc.portal_tiles.values():
        entries.append(SettingKey(
            f"allowed_parent_tiles.{tile.id}", SettingKind.BOOL, doc.allowed_parent_tiles[tile.id], _BOARD,
            f"Tuile parent « {tile.label} » permise par le centre de services",
            "Une tuile non permise par le centre de services est masquée dans toutes ses écoles."))
        entries.append(SettingKey(
            f"parent_tiles.{tile.id}", SettingKind.BOOL, doc.school_defaults.parent_tiles[tile.id], _SCHOOL,
            f"Tuile parent « {tile.label} » activée par l'école",
            "L'école choisit ses tuiles parmi celles que le centre de services permet."))
    return entries


def _school_entries(doc: PolicyDocument) -> list[SettingKey]:
    school = doc.school_defaults
    entries = [SettingKey("group_averages", SettingKind.BOOL, school.group_averages.value, _SCHOOL,
                          "Afficher la moyenne du groupe aux parents et aux élèves",
                          "Vaut pour tous les ordres d'enseignement de l'école, sauf réglage par ordre.",
                          assumed=school.group_averages.assumed)]
    for level, label in (("primary", "au primaire"), ("secondary", "au secondaire")):
        entries.append(SettingKey(f"group_averages.{level}", SettingKind.OPTIONAL_BOOL, None, _SCHOOL,
                                  f"Afficher la moyenne du groupe {label}",
                                  "Vide : suit le réglage de l'école (group_averages)."))
    entries.append(SettingKey("registration_window", SettingKind.DATE_RANGE, school.registration_window, _SCHOOL,
                              "Période d'inscription en ligne",
                              "La tuile Inscription n'est visible qu'entre ces deux dates (incluses) ; "
                              "vide : tuile masquée."))
    entries.append(SettingKey("show_subjects_and_teachers", SettingKind.BOOL, school.show_subjects_and_teachers.value,
                              _SCHOOL, "Afficher les matières et les enseignants dans le dossier parent",
                              "Masque la liste des matières et de leurs enseignants de la tuile Dossier.",
                              assumed=school.show_subjects_and_teachers.assumed))
    return entries


def _space_entries(doc: PolicyDocument) -> list[SettingKey]:
    return [SettingKey(f"staff_spaces.{space.id}.staff_ids", SettingKind.STAFF_IDS, [], _BOARD,
                       f"Membres nommés : {space.label}",
                       "Numéros des membres du personnel qui voient cet espace.")
            for space in doc.spaces if space.named_in_settings]


@lru_cache(maxsize=1)
def _registry() -> Mapping[str, SettingKey]:
    return MappingProxyType({entry.key: entry for entry in _registry_entries(policy_document())})


class _Registry(Mapping[str, SettingKey]):
    """Lazy read-only view of every overridable key (loaded from the shipped files on first use)."""

    def __getitem__(self, key: str) -> SettingKey:
        return _registry()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_registry())

    def __len__(self) -> int:
        return len(_registry())


REGISTRY: Mapping[str, SettingKey] = _Registry()


def _date_range(entry: SettingKey, value: Any) -> bool:
    if value is None:
        return True
    if not (isinstance(value, dict) and set(value) == {"start", "end"}):
        return False
    try:
        start, end = date.fromisoformat(value["start"]), date.fromisoformat(value["end"])
    except (TypeError, ValueError):
        raise InvalidInput("Les dates de la période d'inscription doivent être au format AAAA-MM-JJ.") from None
    if start > end:
        raise InvalidInput("La période d'inscription se termine avant de commencer.")
    return True


# kind → does ``value`` fit an entry of that kind (raising InvalidInput for a precise French message).
_ACCEPTS: dict[SettingKind, Callable[[SettingKey, Any], bool]] = {
    SettingKind.BOOL: lambda entry, value: isinstance(value, bool),
    SettingKind.OPTIONAL_BOOL: lambda entry, value: value is None or isinstance(value, bool),
    SettingKind.CHOICE: lambda entry, value: value in entry.choices,
    SettingKind.STAFF_IDS: lambda entry, value: isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value),
    SettingKind.DATE_RANGE: _date_range,
}
# What a refused value should have looked like, in French.
_EXPECTED = {SettingKind.BOOL: "oui ou non", SettingKind.OPTIONAL_BOOL: "oui, non ou vide",
             SettingKind.STAFF_IDS: "une liste de numéros du personnel",
             SettingKind.DATE_RANGE: "{\"start\": \"AAAA-MM-JJ\", \"end\": \"AAAA-MM-JJ\"} ou vide"}


def validate_setting(key: str, scope: SettingScope, value: Any) -> Any:
    """Return ``value`` if ``key`` may hold it at ``scope``; raise ``InvalidInput`` (French) if not."""
    entry = REGISTRY.get(key)
    if entry is None:
        raise InvalidInput(f"Réglage inconnu : « {key} ».")
    if scope not in entry.scopes:
        levels = " ou ".join("centre de services" if s == SettingScope.BOARD else "école" for s in entry.scopes)
        raise InvalidInput(f"Le réglage « {entry.label} » se règle au niveau : {levels}.")
    if _ACCEPTS[entry.kind](entry, value):
        return value
    expected = " | ".join(entry.choices) if entry.kind == SettingKind.CHOICE else _EXPECTED[entry.kind]
    raise InvalidInput(f"Valeur refusée pour « {entry.label} » : {json.dumps(value, ensure_ascii=False)} "
                       f"(attendu : {expected}).")


@lru_cache(maxsize=1)
def default_cells() -> Mapping[str, Cell]:
    """Every key of the policy with its shipped default (registry keys plus fixed structure)."""
    cells = {entry.key: Cell(entry.key, entry.default, entry.assumed) for entry in REGISTRY.values()}
    doc = policy_document()
    for role, years in doc.soi_history_years.items():
        cells.setdefault(f"soi_history_years.{role}", Cell(f"soi_history_years.{role}", str(years)))
    for tile, shown in doc.student_tiles.items():
        cells[f"student_tiles.{tile}"] = Cell(f"student_tiles.{tile}", shown.value, shown.assumed)
    return MappingProxyType(cells)


def _apply_rows(rows: list[tuple[str, str, str]]) -> dict[str, Cell]:
    """Defaults, then board rows, then school rows; rows for unknown keys or bad values are ignored."""
    cells = dict(default_cells())
    for scope in SCOPES:
        for row_scope, key, text in rows:
            if row_scope != scope or key not in REGISTRY:
                continue
            try:
                value = validate_setting(key, scope, json.loads(text))
            except (InvalidInput, ValueError):
                continue
            cells[key] = Cell(key, value, False, CellSource(scope))
    return cells


_cache: dict[int, Policy] = {}
_cache_lock = threading.Lock()


@lru_cache(maxsize=1)
def _policy_statement() -> Select[tuple[int, str, int, str, str, str, str, int]]:
    """The school, its board and their settings rows in one statement (one round trip): a school
    without any row gives one line whose setting columns are NULL (an outer join: typed as if not).
    Built once (building it costs more than running it)."""
    school_id: BindParameter[int] = bindparam("school_id")
    return (select(School.id, School.code, SchoolBoard.id, SchoolBoard.code,
                   Setting.scope, Setting.key, Setting.value, Setting.version)
            .join(SchoolBoard, School.board_id == SchoolBoard.id)
            .outerjoin(Setting, or_(
                and_(Setting.scope == SettingScope.BOARD, Setting.scope_id == SchoolBoard.id),
                and_(Setting.scope == SettingScope.SCHOOL, Setting.scope_id == School.id)))
            .where(School.id == school_id))


def load_policy(session: Session, school_id: int) -> Policy:
    """The effective policy of ``school_id`` (defaults + its board's rows + its rows), cached per rows."""
    lines = session.connection().execute(_policy_statement(), {"school_id": school_id}).all()
    if not lines:
        raise NotFound(f"École introuvable (n° {school_id}).")
    _, school_code, board_id, board_code = lines[0][:4]
    return policy_from_rows(school_id, school_code, board_id, board_code,
                            [tuple(line[4:]) for line in lines if line[4] is not None])


def policy_from_rows(school_id: int, school_code: str, board_id: int, board_code: str,
                     rows: Sequence[Sequence[Any]]) -> Policy:
    """The effective policy from the school's and its board's ``(scope, key, value, version)``
    rows, however they were read (``load_policy``, or inside a student's record: one statement
    fewer for a preview). The same rows give the same, cached ``Policy``."""
    fingerprint = (school_code, board_code, tuple(sorted((r[0], r[1], r[2], r[3]) for r in rows)))
    cached = _cache.get(school_id)
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    policy = Policy(school_id=school_id, school_code=school_code, board_id=board_id, board_code=board_code,
                    cells=MappingProxyType(_apply_rows([(r[0], r[1], r[2]) for r in rows])),
                    document=policy_document(), fingerprint=fingerprint)
    with _cache_lock:
        _cache[school_id] = policy
    return policy
