"""Portal settings chosen by direction: validation, current values, versioned saves, rollback, impact.

Every save is one transaction that writes the ``Setting`` rows (or ``Staff.publishes_email``)
and one ``SettingsVersion`` holding before/after of each key, so that history, the difference
between two dates and rollback are computed from versions alone. Before/after are kept as the
stored JSON text (``None`` = no row, the inherited default): a rollback then restores exactly
the earlier rows, not merely an equivalent value.

Which keys exist, their types, defaults and validation come from the visibility policy's
``REGISTRY`` (one source for the engine and this module); what lives here is how to explain a
key to direction: its section, who it reaches, and the plain-French phrases of a change.
Impact and the before/after preview run the real engine on a transaction that is rolled back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Required, TypedDict

from sqlalchemy import Select, distinct, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.models import (
    SCOPES,
    AuditAction,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    School,
    SchoolBoard,
    Setting,
    SettingScope,
    SettingsVersion,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.audit import record_event
from desktop.services.errors import EditConflict, InvalidInput, NotFound
from desktop.services.storage import Database
from desktop.services.visibility.engine import preview_many
from desktop.services.visibility.policy import (
    REGISTRY,
    STAFF_ROLES,
    PolicyDocument,
    Role,
    SettingKey,
    SettingKind,
    SoiAccess,
    StaffAccess,
    TileCondition,
    policy_document,
    role_needs_subject,
    validate_setting,
)
from desktop.services.visibility.view import DossierView, FieldView
from desktop.services.visibility.viewers import ViewerSpec

# --- the keys -------------------------------------------------------------------------------

SOI_ACCESS_LABELS: dict[str, str] = {
    SoiAccess.ALL: "toutes", SoiAccess.OWN_ONLY: "les siennes seulement",
    SoiAccess.SHARED_ONLY: "partagées avec les parents", SoiAccess.NONE: "aucune"}
STAFF_ACCESS_LABELS: dict[str, str] = {
    StaffAccess.YES: "oui", StaffAccess.TAUGHT: "matières enseignées seulement", StaffAccess.NO: "non"}
_ACCESS_LABELS: dict[str, str] = {**SOI_ACCESS_LABELS, **STAFF_ACCESS_LABELS}
LEVEL_NAMES = {"primary": "primaire", "secondary": "secondaire"}


class KeyKind(StrEnum):
    """How a key is edited: a switch, a registration window, one of a list, or staff numbers."""

    BOOL = "bool"
    WINDOW = "window"
    CHOICE = "choice"
    STAFF_IDS = "staff_ids"


class ValueSource(StrEnum):
    """Where a key's current value comes from, as shown to direction."""

    DEFAULT = "défaut"
    BOARD = "centre de services"
    SCHOOL = "école"
    STAFF_FILE = "fiche du personnel"


_KINDS = {SettingKind.BOOL: KeyKind.BOOL, SettingKind.OPTIONAL_BOOL: KeyKind.BOOL, SettingKind.CHOICE: KeyKind.CHOICE,
          SettingKind.DATE_RANGE: KeyKind.WINDOW, SettingKind.STAFF_IDS: KeyKind.STAFF_IDS}


@dataclass(frozen=True)
class KeySpec:
    """One settings key at one scope: the policy registry's facts plus how to explain a change.

    ``default`` None on a per-level key means "as for the whole school". ``effect`` says in plain French
    what the switch changes for whom; ``viewers`` are the role ids whose view it changes.
    """

    key: str
    scope: SettingScope
    kind: KeyKind
    default: object
    label: str
    effect: str
    section: str
    viewers: tuple[Role, ...]
    pattern: str
    choices: tuple[str, ...] = ()
    on_phrase: str = ""
    off_phrase: str = ""
    level: str | None = None
    inherits_from_board: bool = False
    tile_condition: TileCondition | None = None  # a parent tile shown only in that situation
    assumed: bool = False

    @property
    def only_transport_entitled(self) -> bool:
        """The key's tile shows only to the parents of students entitled to school transport."""
        return self.tile_condition == TileCondition.TRANSPORT_ENTITLED

    @property
    def reaches_guardians(self) -> bool:
        return Role.PARENT in self.viewers

    def viewer_labels(self) -> list[str]:
        return [policy_document().role_label(role) for role in self.viewers]

    def allowed_sentence(self) -> str:
        extra = ", default (retour au réglage hérité)" if self.scope != SettingScope.STAFF else ""
        if self.kind == KeyKind.BOOL:
            return "valeurs permises : on, off" + extra
        if self.kind == KeyKind.WINDOW:
            return "valeurs permises : AAAA-MM-JJ..AAAA-MM-JJ (début..fin), none" + extra
        if self.kind == KeyKind.STAFF_IDS:
            return "valeurs permises : numéros du personnel séparés par des virgules, none" + extra
        return "valeurs permises : " + ", ".join(self.choices) + extra

    def parse(self, text: str) -> object:
        """Command-line text to a value; InvalidInput naming the allowed values."""
        lowered = text.strip().lower()
        value: object = _INVALID
        if self.kind == KeyKind.BOOL and lowered in ("on", "off"):
            value = lowered == "on"
        elif self.kind == KeyKind.CHOICE and lowered in self.choices:
            value = lowered
        elif self.kind == KeyKind.WINDOW:
            value = None if lowered == "none" else _parse_window(lowered)
        elif self.kind == KeyKind.STAFF_IDS:
            parts = [p.strip() for p in lowered.split(",")] if lowered != "none" else []
            value = [int(p) for p in parts] if all(p.isdigit() for p in parts) else _INVALID
        if value is _INVALID:
            raise InvalidInput(f"Valeur invalide « {text} » pour « {self.key} » ; {self.allowed_sentence()}.")
        self.validate(value)
        return value

    def validate(self, value: object) -> None:
        try:
            validate_setting(self.key, self.scope, value) if self.scope != SettingScope.STAFF else None
        except InvalidInput as exc:
            raise InvalidInput(f"{exc} Clé « {self.key} » ; {self.allowed_sentence()}.") from None
        if self.scope == SettingScope.STAFF and not isinstance(value, bool):
            raise InvalidInput(f"Valeur invalide pour « {self.key} » ; valeurs permises : on, off.")

    def display(self, value: object) -> str:
        """The value in French, as shown in tables, history and the visibility document."""
        if self.kind == KeyKind.BOOL:
            return "comme toute l'école" if value is None else ("oui" if value else "non")
        if self.kind == KeyKind.WINDOW:
            return f"du {value['start']} au {value['end']}" if isinstance(value, dict) else "aucune, tuile masquée"
        if self.kind == KeyKind.STAFF_IDS:
            return ", ".join(str(v) for v in value) if isinstance(value, list) and value else "personne"
        if isinstance(value, str):
            return _ACCESS_LABELS.get(value, value)
        return str(value)

    def phrase(self, value: object, *, reset: bool = False) -> str:
        """The change as an action, e.g. "Masquer les moyennes de groupe"."""
        if reset:
            return f"Revenir au réglage hérité pour « {self.label} » ({self.display(value)})"
        if self.kind == KeyKind.BOOL and self.on_phrase:
            if value is None:
                return f"Aligner « {self.label} » sur toute l'école"
            return self.on_phrase if value else self.off_phrase
        if self.kind == KeyKind.WINDOW:
            return (f"Ouvrir l'inscription en ligne {self.display(value)}" if value
                    else "Fermer la période d'inscription en ligne")
        return f"{self.label} : « {self.display(value)} »"


_INVALID = object()


def _parse_window(text: str) -> object:
    start, sep, end = text.partition("..")
    try:
        return {"start": date.fromisoformat(start).isoformat(), "end": date.fromisoformat(end).isoformat()} \
            if sep else _INVALID
    except ValueError:
        return _INVALID


@dataclass(frozen=True)
class MatrixLayout:
    """A section shown as a grid (e.g. SOI: roles × categories): row and column ids with labels."""

    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    key_format: str  # "soi.{row}.{column}"

    def key(self, row: str, column: str) -> str:
        return self.key_format.format(row=row, column=column)


@lru_cache(maxsize=1)
def _matrix_layouts() -> dict[str, MatrixLayout]:
    document = policy_document()
    roles = tuple((role, label) for role, label in document.role_labels.items())
    staff_roles = tuple((role, document.role_label(role)) for role in STAFF_ROLES)
    tiles = tuple((tile, document.staff_tile_label(tile)) for tile in document.staff_tiles)
    fields = tuple((f"{tile}.{field_id}", f"{document.staff_tile_label(tile)} › {document.field_label(field_id)}")
                   for tile, field_ids in document.staff_tiles.items() for field_id in field_ids)
    return {
        "Matrice SOI": MatrixLayout(roles, tuple(document.soi_categories.items()), "soi.{row}.{column}"),
        "Matrice du personnel : tuiles": MatrixLayout(staff_roles, tiles, "staff_tiles.{row}.{column}"),
        "Matrice du personnel : champs": MatrixLayout(fields, staff_roles, "staff_fields.{column}.{row}"),
    }


class SettingKeys:
    """The catalogue of keys per scope, in display order, with the placeholders of each family."""

    def __init__(self, specs: Iterable[KeySpec], placeholders: dict[str, Sequence[str]]) -> None:
        self._specs = {(spec.scope, spec.key): spec for spec in specs}
        self.placeholders = placeholders

    def matrix(self, section: str) -> MatrixLayout | None:
        """The grid a section is best edited in, or None for a plain list."""
        return _matrix_layouts().get(section)

    def get(self, scope: SettingScope, key: str) -> KeySpec | None:
        return self._specs.get((scope, key))

    def all(self, scope: SettingScope) -> list[KeySpec]:
        return [spec for (s, _), spec in self._specs.items() if s == scope]

    def patterns(self, scope: SettingScope) -> list[str]:
        return list(dict.fromkeys(spec.pattern for spec in self.all(scope)))

    def sections(self, scope: SettingScope) -> list[str]:
        return list(dict.fromkeys(spec.section for spec in self.all(scope)))


class _Presentation(TypedDict, total=False):
    """How a registry key is explained: the presentation fields of ``KeySpec``."""

    section: Required[str]
    viewers: Required[tuple[Role, ...]]
    pattern: Required[str]
    effect: Required[str]
    on_phrase: str
    off_phrase: str
    level: str | None
    inherits_from_board: bool
    tile_condition: TileCondition | None


def _presentation(entry: SettingKey, scope: SettingScope, document: PolicyDocument) -> _Presentation:
    """Section, viewers and plain-French effect of a registry key (by key family)."""
    parts = entry.key.split(".")
    family = parts[0]
    if family in ("parent_tiles", "allowed_parent_tiles"):
        portal_tile = document.portal_tiles[parts[1]]
        name = portal_tile.label
        condition = f" {portal_tile.condition.sentence}" if portal_tile.condition else ""
        effect = (f"Autorise la tuile « {name} » dans le portail parents de toutes les écoles du centre de "
                  "services ; chaque école choisit ensuite de l'activer. Retirée ici, aucun parent ne la voit."
                  if family == "allowed_parent_tiles" else
                  f"Les parents des élèves de l'école voient la tuile « {name} » dans le portail, si le centre "
                  f"de services la permet.{condition}")
        verb_on, verb_off = (("Permettre", "Retirer") if family == "allowed_parent_tiles" else ("Afficher", "Masquer"))
        return _Presentation(section="Tuiles des parents", viewers=(Role.PARENT,),
                             pattern=f"{family}.<tuile>", on_phrase=f"{verb_on} la tuile « {name} » aux parents",
                             off_phrase=f"{verb_off} la tuile « {name} » aux parents", effect=effect,
                             tile_condition=portal_tile.condition)
    if family == "group_averages":
        level = parts[1] if len(parts) > 1 else None
        where = f" au {LEVEL_NAMES[level]}" if level else ""
        effect = ("Les parents et les élèves voient la moyenne du groupe à côté de chaque résultat"
                  + (f", pour les élèves du {LEVEL_NAMES[level]} seulement (remplace le choix de toute "
                     "l'école ; vide : suit l'école)." if level else ", dans toute l'école."))
        return _Presentation(section="Moyennes de groupe", viewers=(Role.PARENT, Role.STUDENT), pattern=entry.key,
                             level=level,
                             on_phrase=f"Afficher les moyennes de groupe{where}",
                             off_phrase=f"Masquer les moyennes de groupe{where}", effect=effect)
    if family == "registration_window":
        return _Presentation(section="Inscription en ligne", viewers=(Role.PARENT,), pattern=entry.key,
                             effect="Pendant cette période (dates incluses), les parents voient la tuile "
                                    "« Inscription » pour réinscrire leur enfant ; en dehors, la tuile est masquée.")
    if family == "show_subjects_and_teachers":
        return _Presentation(section="Dossier des parents", viewers=(Role.PARENT,), pattern=entry.key,
                             on_phrase="Afficher les matières et les enseignants dans le dossier des parents",
                             off_phrase="Masquer les matières et les enseignants dans le dossier des parents",
                             effect="La tuile « Dossier » du portail parents énumère les matières de l'élève "
                                    "avec le nom de leurs enseignants.")
    if family == "soi":
        role, category = parts[1], parts[2]
        who = {Role.PARENT: "les parents", Role.STUDENT: "l'élève"}.get(
            Role(role), f"le rôle « {document.role_label(role)} »")
        what = document.soi_categories[category]
        where = ("dans toutes les écoles du centre de services (une école peut le remplacer)"
                 if scope == SettingScope.BOARD else "dans cette école (remplace le choix du centre de services)")
        kind = "les interventions" if category == "interventions" else f"les observations « {what} »"
        return _Presentation(section="Matrice SOI", viewers=(Role(role),), pattern="soi.<rôle>.<catégorie>",
                             inherits_from_board=scope == SettingScope.SCHOOL,
                             effect=f"Ce que {who} voi{'en' if role == Role.PARENT else ''}t parmi {kind} du SOI, "
                                    f"{where}.")
    if family == "staff_tiles":
        role, tile = parts[1], parts[2]
        return _Presentation(section="Matrice du personnel : tuiles", viewers=(Role(role),),
                             pattern="staff_tiles.<rôle>.<tuile du personnel>",
                             effect=f"Le rôle « {document.role_label(role)} » voit la tuile "
                                    f"« {document.staff_tile_label(tile)} » du dossier de l'élève "
                                    "(taught : pour les matières qu'il enseigne seulement).")
    if family == "staff_fields":
        role, tile, field_id = parts[1], parts[2], parts[3]
        return _Presentation(section="Matrice du personnel : champs", viewers=(Role(role),),
                             pattern="staff_fields.<rôle>.<tuile du personnel>.<champ>",
                             effect=f"Le rôle « {document.role_label(role)} » voit le champ "
                                    f"« {document.field_label(field_id)} » "
                                    f"de la tuile « {document.staff_tile_label(tile)} » (taught : lignes des matières "
                                    "qu'il enseigne seulement).")
    return _Presentation(section="Espaces du personnel", viewers=(), pattern="staff_spaces.<espace>.staff_ids",
                         effect=entry.explanation
                         + " L'espace apparaît sur la page d'accueil du portail de ces personnes.")


@lru_cache(maxsize=1)
def load_setting_keys() -> SettingKeys:
    """The key catalogue, built from the visibility policy's registry (single source of keys)."""
    document = policy_document()
    specs = []
    for scope in SCOPES:
        for entry in REGISTRY.values():
            if scope not in entry.scopes:
                continue
            specs.append(KeySpec(key=entry.key, scope=scope, kind=_KINDS[entry.kind], default=entry.default,
                                 label=entry.label, choices=entry.choices, assumed=entry.assumed,
                                 **_presentation(entry, scope, document)))
    specs.append(KeySpec(
        "publishes_email", SettingScope.STAFF, KeyKind.BOOL, False, "Publie son courriel aux parents",
        "Les parents des élèves à qui cette personne enseigne, ou dont elle est titulaire, voient un lien "
        "vers son courriel dans le dossier de l'élève.", "Personnel", (Role.PARENT,), "publishes_email",
        on_phrase="Publier le courriel aux parents", off_phrase="Ne plus publier le courriel aux parents"))
    placeholders: dict[str, Sequence[str]] = {
        "<tuile>": list(document.portal_tiles), "<rôle>": list(document.role_labels),
        "<catégorie>": list(document.soi_categories),
        "<espace>": [key.split(".")[1] for key in REGISTRY if key.startswith("staff_spaces.")],
        "<tuile du personnel>": list(document.staff_tile_labels),
    }
    return SettingKeys(sorted(specs, key=lambda s: _SECTION_ORDER.index(s.section)), placeholders)


_SECTION_ORDER = ["Tuiles des parents", "Moyennes de groupe", "Inscription en ligne", "Dossier des parents",
                  "Matrice SOI", "Matrice du personnel : tuiles", "Matrice du personnel : champs",
                  "Espaces du personnel", "Personnel"]


__all__ = [
    "UNCHECKED", "BeforeAfter", "ChangeImpact", "CurrentValue", "KeyChange", "KeyDiff", "KeySpec", "MatrixLayout",
    "PendingChange", "PortalSettings", "SettingKeys", "SettingsTarget", "SettingsVersionInfo", "ViewDifference",
    "load_setting_keys",
]

UNCHECKED = -1  # expected_version meaning "whatever is stored now" (CLI, rollback)
SAMPLE_POOL = 500  # students reached considered when picking the sample student

SCOPE_LABELS = {SettingScope.BOARD: "centre de services", SettingScope.SCHOOL: "école",
                SettingScope.STAFF: "membre du personnel"}


@dataclass(frozen=True)
class SettingsTarget:
    """What a change applies to: a board, a school or a staff member, with names for people."""

    scope: SettingScope
    id: int
    code: str
    name: str

    @property
    def label(self) -> str:
        if self.scope == SettingScope.BOARD:
            return f"au {self.name}" if self.name.lower().startswith("centre") else f"au centre de services {self.name}"
        if self.scope == SettingScope.SCHOOL:
            return f"à l'{self.name}" if self.name[:1].lower() in "aeiouéè" else f"à {self.name}"
        return f"pour {self.name}"

    @property
    def reference(self) -> str:
        """Stable name used in reasons and JSON, e.g. ``school:ECO01``."""
        return f"{self.scope}:{self.code}"


@dataclass(frozen=True)
class CurrentValue:
    """A key as it stands for one target: effective value, where it comes from, its row version."""

    spec: KeySpec
    value: object
    source: ValueSource
    overridden: bool  # a row exists at this very target
    version: int | None  # row version for optimistic locking; None when there is no row
    note: str = ""  # what else decides, e.g. the board does not allow this tile

    @property
    def display(self) -> str:
        return self.spec.display(self.value)


@dataclass(frozen=True)
class PendingChange:
    """One key to change. ``value_json`` None means "remove the override" (back to inherited).

    ``expected_version`` is the row version the user saw (None: they saw no row); a different
    stored version means another workstation saved in between, and the save is refused.
    """

    scope: SettingScope
    scope_id: int
    key: str
    value_json: str | None
    expected_version: int | None = UNCHECKED

    @classmethod
    def set(cls, scope: SettingScope, scope_id: int, key: str, value: object,
            expected_version: int | None = UNCHECKED) -> PendingChange:
        return cls(scope, scope_id, key, _encode(value), expected_version)

    @classmethod
    def reset(cls, scope: SettingScope, scope_id: int, key: str,
              expected_version: int | None = UNCHECKED) -> PendingChange:
        return cls(scope, scope_id, key, None, expected_version)

    @property
    def value(self) -> object:
        return None if self.value_json is None else json.loads(self.value_json)


@dataclass(frozen=True)
class KeyChange:
    """Before/after of one key inside a version (JSON text; None = no override row)."""

    scope: SettingScope
    scope_id: int
    target: str  # "school:ECO01"
    key: str
    before: str | None
    after: str | None
    before_display: str
    after_display: str
    label: str = ""  # the key's French label


@dataclass(frozen=True)
class SettingsVersionInfo:
    id: int
    created_at: datetime
    os_user: str
    workstation: str
    comment: str
    changes: tuple[KeyChange, ...]


@dataclass(frozen=True)
class KeyDiff:
    """A key whose value differs between two dates."""

    target: str
    key: str
    label: str
    at_start: str
    at_end: str


@dataclass(frozen=True)
class ChangeImpact:
    """Who a pending change reaches, in a sentence direction can read before saving."""

    change: PendingChange
    sentence: str
    students: int
    guardians: int
    viewers: tuple[str, ...]  # role ids whose view changes
    student_ids: tuple[int, ...] = field(default=(), repr=False, compare=False)  # the first SAMPLE_POOL only


@dataclass(frozen=True)
class ViewDifference:
    """One tile or field that a viewer sees differently: "Résultats › Moyenne du groupe", masqué → visible."""

    element: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.element} : {self.before} → {self.after}"


@dataclass(frozen=True)
class BeforeAfter:
    """A sample student seen by one viewer with the stored settings and with the pending ones."""

    before: DossierView
    after: DossierView
    differences: tuple[ViewDifference, ...]

    @property
    def viewer_label(self) -> str:
        return self.before.viewer.label


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class PortalSettings:
    """Use cases of the settings area, shared by the GUI and ``vitrail settings``."""

    def __init__(self, database: Database, keys: SettingKeys | None = None) -> None:
        self.database = database
        self.keys = keys or load_setting_keys()

    # --- targets -------------------------------------------------------------------------

    def boards(self) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            return [SettingsTarget(SettingScope.BOARD, b.id, b.code, b.name)
                    for b in session.scalars(select(SchoolBoard).order_by(SchoolBoard.code))]

    def schools(self) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            return [SettingsTarget(SettingScope.SCHOOL, s.id, s.code, s.name)
                    for s in session.scalars(select(School).order_by(School.code))]

    def staff_members(self, school_id: int | None = None) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            query = select(Staff).order_by(Staff.last_name, Staff.first_name)
            if school_id is not None:
                query = query.where(Staff.school_id == school_id)
            return [_staff_target(s) for s in session.scalars(query)]

    def target(self, scope: SettingScope, reference: str | int) -> SettingsTarget:
        """Find a board or school by code, a staff member by id; NotFound with a French message."""
        with self.database.sessions() as session:
            return _find_target(session, scope, reference)

    def target_by_id(self, scope: SettingScope, scope_id: int) -> SettingsTarget:
        with self.database.sessions() as session:
            return _target_by_id(session, scope, scope_id)

    # --- reading ---------------------------------------------------------------------------

    def current(self, target: SettingsTarget) -> list[CurrentValue]:
        """Every key of the target's scope with its effective value and origin."""
        with self.database.sessions() as session:
            return _current_values(session, self.keys, target)

    def current_value(self, target: SettingsTarget, key: str) -> CurrentValue:
        for value in self.current(target):
            if value.spec.key == key:
                return value
        raise self._unknown_key(target.scope, key)

    # --- parsing (CLI text → change) ---------------------------------------------------

    def parse_assignment(self, target: SettingsTarget, assignment: str) -> PendingChange:
        """``KEY=VALUE`` from the command line; refused with the list of valid keys or values."""
        key, sep, text = assignment.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key:
            raise InvalidInput(f"« {assignment} » n'est pas de la forme CLÉ=VALEUR. "
                               + self.valid_keys_sentence(target.scope))
        spec = self.spec(target.scope, key)
        if text.lower() in ("default", "défaut", "defaut"):
            return PendingChange.reset(target.scope, target.id, key)
        return PendingChange.set(target.scope, target.id, key, spec.parse(text))

    def spec(self, scope: SettingScope, key: str) -> KeySpec:
        spec = self.keys.get(scope, key)
        if spec is None:
            raise self._unknown_key(scope, key)
        return spec

    def valid_keys_sentence(self, scope: SettingScope) -> str:
        """The key families of a scope and the values of their placeholders, for refusals."""
        patterns = self.keys.patterns(scope)
        sentence = f"Clés valides pour « {SCOPE_LABELS[scope]} » : " + ", ".join(patterns) + "."
        for name, values in self.keys.placeholders.items():
            if any(name in pattern for pattern in patterns):
                sentence += f" {name} : " + ", ".join(values) + "."
        if any("<champ>" in pattern for pattern in patterns):
            sentence += " <champ> : voir « vitrail settings show --board CODE »."
        return sentence

    def _unknown_key(self, scope: SettingScope, key: str) -> InvalidInput:
        return InvalidInput(f"Clé inconnue « {key} » pour {SCOPE_LABELS[scope]}. " + self.valid_keys_sentence(scope))

    # --- saving -----------------------------------------------------------------------

    def save(self, changes: Sequence[PendingChange], comment: str) -> SettingsVersionInfo | None:
        """Write all changes and their version in one transaction; None when nothing differs.

        Raises EditConflict (nothing written) when a row changed since ``expected_version``.
        """
        for change in changes:
            self._validate(change)
        try:
            with self.database.sessions.begin() as session:
                entries = [entry for change in changes
                           if (entry := _apply(session, change, self._inherited_json(session, change))) is not None]
                if not entries:
                    return None
                version = SettingsVersion(created_at=self.database.clock.now(), os_user=self.database.actor.os_user,
                                          workstation=self.database.actor.workstation,
                                          comment=comment.strip(), changes=json.dumps(entries, ensure_ascii=False))
                session.add(version)
                session.flush()
                record_event(session, AuditAction.SETTINGS_SAVED, "settings_version", version.id,
                             field=", ".join(sorted({e["key"] for e in entries})), after=comment.strip() or None)
                return _version_info(session, self.keys, version)
        except (StaleDataError, IntegrityError) as exc:
            raise EditConflict("Un autre poste a enregistré ces réglages pendant votre modification. "
                               "Rien n'a été enregistré ; rechargez les réglages et refaites votre changement.",
                               field="", theirs=None, mine=None) from exc

    def _inherited_json(self, session: Session, change: PendingChange) -> str | None:
        if change.scope == SettingScope.STAFF:
            return None
        spec = self.spec(change.scope, change.key)
        return _encode(_inherited_value(session, self.keys, spec, _target_by_id(session, change.scope,
                                                                                 change.scope_id))[0])

    def _effective_json(self, session: Session, change: PendingChange) -> str | None:
        stored = _stored_json(session, change)
        return stored if stored is not None else self._inherited_json(session, change)

    def _validate(self, change: PendingChange) -> None:
        spec = self.spec(change.scope, change.key)
        if change.value_json is not None:
            spec.validate(change.value)
        elif change.scope == SettingScope.STAFF:
            raise InvalidInput(f"« {change.key} » d'un membre du personnel se règle à on ou off.")

    # --- history ------------------------------------------------------------------------

    def history(self, target: SettingsTarget | None = None) -> list[SettingsVersionInfo]:
        """Versions newest first; for a school: those touching it, its board or its staff."""
        with self.database.sessions() as session:
            versions = session.scalars(select(SettingsVersion).order_by(SettingsVersion.id.desc())).all()
            infos = [_version_info(session, self.keys, v) for v in versions]
            if target is None:
                return infos
            relevant = _relevant_targets(session, target)
        return [info for info in infos if any((c.scope, c.scope_id) in relevant for c in info.changes)]

    def version(self, version_id: int) -> SettingsVersionInfo:
        with self.database.sessions() as session:
            version = session.get(SettingsVersion, version_id)
            if version is None:
                raise NotFound(f"La version {version_id} des réglages n'existe pas.")
            return _version_info(session, self.keys, version)

    def latest_version_id(self) -> int:
        with self.database.sessions() as session:
            return session.scalar(select(func.max(SettingsVersion.id))) or 0

    def diff(self, start: datetime, end: datetime, target: SettingsTarget | None = None) -> list[KeyDiff]:
        """Keys whose value at ``start`` differs from their value at ``end`` (from versions alone)."""
        if end < start:
            start, end = end, start
        between = [v for v in reversed(self.history(target)) if start < v.created_at <= end]
        first: dict[tuple[str, str], KeyChange] = {}
        last: dict[tuple[str, str], KeyChange] = {}
        for info in between:
            for change in info.changes:
                slot = (change.target, change.key)
                first.setdefault(slot, change)
                last[slot] = change
        diffs = []
        for slot, opening in first.items():
            closing = last[slot]
            if _meaning(self.keys, opening.scope, opening.key, opening.before) != \
                    _meaning(self.keys, closing.scope, closing.key, closing.after):
                spec = self.keys.get(opening.scope, opening.key)
                diffs.append(KeyDiff(opening.target, opening.key, spec.label if spec else opening.key,
                                     opening.before_display, closing.after_display))
        return sorted(diffs, key=lambda d: (d.target, d.key))

    def rollback(self, version_id: int, comment: str = "") -> SettingsVersionInfo:
        """Bring every key back to how it stood right after ``version_id`` (0: before any version).

        The rollback is itself a new version, so it can be rolled back too.
        """
        latest = self.latest_version_id()
        if version_id != 0:
            self.version(version_id)  # NotFound if it does not exist
        if version_id >= latest:
            raise InvalidInput(f"Les réglages sont déjà à la version {version_id} : rien à annuler.")
        later = [v for v in reversed(self.history()) if v.id > version_id]
        restore: dict[tuple[str, int, str], KeyChange] = {}
        for info in later:
            for change in info.changes:
                restore.setdefault((change.scope, change.scope_id, change.key), change)
        changes = [PendingChange(c.scope, c.scope_id, c.key, c.before) for c in restore.values()]
        label = "l'état d'origine" if version_id == 0 else f"la version {version_id}"
        saved = self.save(changes, comment.strip() or f"Retour à {label}")
        if saved is None:
            raise InvalidInput(f"Les réglages sont déjà identiques à {label} : rien à annuler.")
        return saved

    # --- impact -------------------------------------------------------------------------

    def impact(self, changes: Iterable[PendingChange]) -> list[ChangeImpact]:
        """Students and répondants reached by each change that differs from what is stored."""
        impacts = []
        with self.database.sessions() as session:
            for change in changes:
                spec = self.spec(change.scope, change.key)
                new_json = self._inherited_json(session, change) if change.value_json is None else change.value_json
                if self._effective_json(session, change) == new_json:
                    continue
                target = _target_by_id(session, change.scope, change.scope_id)
                reached = _students_reached(session, spec, target) if spec.viewers else None
                students, guardians, sample = _count_reached(session, reached, spec.reaches_guardians)
                new_value = (_inherited_value(session, self.keys, spec, target)[0]
                             if change.value_json is None else change.value)
                phrase = spec.phrase(new_value, reset=change.value_json is None)
                counts = f"{students} élève{'s' if students > 1 else ''}"
                if not spec.viewers:
                    counts = "page d'accueil des membres du personnel nommés, aucun dossier d'élève"
                elif spec.reaches_guardians:
                    counts += f", {guardians} répondant{'s' if guardians > 1 else ''}"
                else:
                    counts += " (vue du personnel : " + ", ".join(spec.viewer_labels()) + ")"
                impacts.append(ChangeImpact(change, f"{phrase} {target.label} : {counts}", students,
                                            guardians, spec.viewers, tuple(sample)))
        return impacts

    def sample_student(self, impacts: Sequence[ChangeImpact]) -> int | None:
        """A student reached by the changes whose file shows them: a répondant with an email (for the
        parent side) and at least one course-group (for teachers), falling back to any reached student.

        The student is taken from the narrowest change (a school's rather than its board's), so that
        when a school and its board change together, the sample shows both.
        """
        reaching = sorted((impact for impact in impacts if impact.student_ids), key=lambda i: i.students)
        if not reaching:
            return None
        narrowest = set(reaching[0].student_ids)
        ids = sorted(narrowest.intersection(*(i.student_ids for i in reaching[1:])) or narrowest)
        with self.database.sessions() as session:
            with_parent = (select(StudentGuardian.student_id)
                           .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
                           .where(StudentGuardian.student_id.in_(ids), Guardian.email.is_not(None),
                                  Guardian.email != "", StudentGuardian.respondent_rank.is_not(None)))
            with_courses = (select(Student.id).join(CourseGroup, CourseGroup.group_id == Student.group_id)
                            .where(Student.id.in_(ids)))
            for query in (with_parent.where(StudentGuardian.student_id.in_(with_courses)), with_parent):
                found = session.scalar(query.order_by(StudentGuardian.student_id).limit(1))
                if found is not None:
                    return found
        return ids[0]

    def before_after(self, changes: Sequence[PendingChange], student_id: int, on: date) -> list[BeforeAfter]:
        """The student as each touched viewer sees it now and as they would once ``changes`` are saved.

        The pending changes are written inside a transaction that is always rolled back, so the
        real engine decides both sides and nothing is saved.
        """
        roles = list(dict.fromkeys(role for change in changes for role in self.spec(change.scope, change.key).viewers))
        if not roles:
            return []
        with self.database.sessions() as session:
            specs = [spec for role in roles if (spec := _viewer_spec(session, role, student_id)) is not None]
            if not specs:
                return []
            try:
                before = preview_many(session, student_id, specs, on)
                self.apply_uncommitted(session, changes)
                after = preview_many(session, student_id, specs, on)
            finally:
                session.rollback()
        return [BeforeAfter(b, a, tuple(_differences(b, a))) for b, a in zip(before, after, strict=True)]

    def apply_uncommitted(self, session: Session, changes: Iterable[PendingChange]) -> None:
        """Write ``changes`` in the caller's session without a version, for a what-if preview.

        The caller must roll the session back; this is how the before/after preview runs the
        real engine on the pending settings without saving them.
        """
        for change in changes:
            self._validate(change)
            _apply(session, PendingChange(change.scope, change.scope_id, change.key, change.value_json))
        session.flush()


def _viewer_spec(session: Session, role: Role, student_id: int) -> ViewerSpec | None:
    """A real répondant with an email for the parent side (what a parent really sees), else the role.

    A specialist teacher is previewed teaching the student's first subject; None when the
    viewer cannot exist for this student.
    """
    if role == Role.STUDENT:
        return ViewerSpec.as_student()
    if role == Role.PARENT:
        guardian_id = session.scalar(
            select(StudentGuardian.guardian_id).join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id == student_id, StudentGuardian.respondent_rank.is_not(None),
                   Guardian.email.is_not(None), Guardian.email != "")
            .order_by(StudentGuardian.respondent_rank))
        if guardian_id is not None:
            return ViewerSpec.guardian(guardian_id)
    if role_needs_subject(role):
        subject = session.scalar(
            select(Subject.code).join(CourseGroup, CourseGroup.subject_id == Subject.id)
            .join(Student, Student.group_id == CourseGroup.group_id)
            .where(Student.id == student_id).order_by(Subject.code).limit(1))
        if subject is None:
            return None  # the student takes no subject: there is no specialist to preview
        return ViewerSpec.abstract(role, subject)
    return ViewerSpec.abstract(role)


def _hidden_total(field_view: FieldView) -> int:
    return sum(h.count for h in field_view.hidden_items)


def _differences(before: DossierView, after: DossierView) -> list[ViewDifference]:
    """Tiles and fields whose visibility (or count of hidden items) differs."""
    shown = {True: "visible", False: "masqué"}
    shown_tile = {True: "visible", False: "masquée"}
    lines = []
    if before.access.granted != after.access.granted:
        lines.append(ViewDifference("Accès au dossier", shown[before.access.granted], shown[after.access.granted]))
    after_tiles = {t.id: t for t in after.tiles}
    for tile in before.tiles:
        other = after_tiles.get(tile.id)
        if other is None:
            continue
        if tile.visible != other.visible:
            lines.append(ViewDifference(f"Tuile « {tile.label} »", shown_tile[tile.visible], shown_tile[other.visible]))
            continue
        other_fields = {f.id: f for f in other.fields}
        for field_view in tile.fields:
            changed = other_fields.get(field_view.id)
            element = f"{tile.label} › {field_view.label}"
            if changed is None:
                continue
            if field_view.visible != changed.visible:
                lines.append(ViewDifference(element, shown[field_view.visible], shown[changed.visible]))
            elif _hidden_total(field_view) != _hidden_total(changed):
                lines.append(ViewDifference(element, f"{_hidden_total(field_view)} élément(s) masqué(s)",
                                            f"{_hidden_total(changed)} élément(s) masqué(s)"))
    return lines


# --- helpers: targets ---------------------------------------------------------------------


def _staff_target(staff: Staff) -> SettingsTarget:
    return SettingsTarget(SettingScope.STAFF, staff.id, str(staff.id), staff.full_name)


def _find_target(session: Session, scope: SettingScope, reference: str | int) -> SettingsTarget:
    if scope == SettingScope.BOARD:
        board = session.scalar(select(SchoolBoard).where(SchoolBoard.code == str(reference)))
        if board is None:
            codes = ", ".join(session.scalars(select(SchoolBoard.code).order_by(SchoolBoard.code)))
            raise NotFound(f"Centre de services « {reference} » introuvable. Codes existants : {codes or 'aucun'}.")
        return SettingsTarget(SettingScope.BOARD, board.id, board.code, board.name)
    if scope == SettingScope.SCHOOL:
        school = session.scalar(select(School).where(School.code == str(reference)))
        if school is None:
            codes = ", ".join(session.scalars(select(School.code).order_by(School.code)))
            raise NotFound(f"École « {reference} » introuvable. Codes existants : {codes or 'aucun'}.")
        return SettingsTarget(SettingScope.SCHOOL, school.id, school.code, school.name)
    try:
        staff = session.get(Staff, int(reference))
    except (TypeError, ValueError):
        staff = None
    if staff is None:
        raise NotFound(f"Membre du personnel « {reference} » introuvable (attendu : son numéro).")
    return _staff_target(staff)


def _target_by_id(session: Session, scope: SettingScope, scope_id: int) -> SettingsTarget:
    if scope == SettingScope.BOARD:
        board = session.get(SchoolBoard, scope_id)
        if board is not None:
            return SettingsTarget(SettingScope.BOARD, board.id, board.code, board.name)
    elif scope == SettingScope.SCHOOL:
        school = session.get(School, scope_id)
        if school is not None:
            return SettingsTarget(SettingScope.SCHOOL, school.id, school.code, school.name)
    else:
        staff = session.get(Staff, scope_id)
        if staff is not None:
            return _staff_target(staff)
    raise NotFound(f"{SCOPE_LABELS.get(scope, scope).capitalize()} n° {scope_id} introuvable.")


def _relevant_targets(session: Session, target: SettingsTarget) -> set[tuple[SettingScope, int]]:
    relevant = {(target.scope, target.id)}
    if target.scope == SettingScope.SCHOOL:
        school = session.get_one(School, target.id)
        relevant.add((SettingScope.BOARD, school.board_id))
        staff_ids = session.scalars(select(Staff.id).where(Staff.school_id == school.id))
        relevant |= {(SettingScope.STAFF, sid) for sid in staff_ids}
    return relevant


# --- helpers: values ----------------------------------------------------------------------


def _row(session: Session, scope: SettingScope, scope_id: int, key: str) -> Setting | None:
    return session.scalar(select(Setting).where(Setting.scope == scope, Setting.scope_id == scope_id,
                                                Setting.key == key))


def _stored_json(session: Session, change: PendingChange) -> str | None:
    if change.scope == SettingScope.STAFF:
        staff = session.get(Staff, change.scope_id)
        return None if staff is None else _encode(bool(staff.publishes_email))
    row = _row(session, change.scope, change.scope_id, change.key)
    return None if row is None else row.value


def _inherited_value(session: Session, keys: SettingKeys, spec: KeySpec,
                     target: SettingsTarget) -> tuple[object, ValueSource]:
    """Value a school key takes without its own row: the board's (SOI) or the default."""
    if target.scope == SettingScope.SCHOOL and spec.inherits_from_board:
        school = session.get_one(School, target.id)
        row = _row(session, SettingScope.BOARD, school.board_id, spec.key)
        if row is not None:
            return json.loads(row.value), ValueSource.BOARD
    return spec.default, ValueSource.DEFAULT


def _current_values(session: Session, keys: SettingKeys, target: SettingsTarget) -> list[CurrentValue]:
    if target.scope == SettingScope.STAFF:
        staff = session.get_one(Staff, target.id)
        spec = keys.get(SettingScope.STAFF, "publishes_email")
        assert spec is not None, "the staff key is always in the catalogue"
        note = "" if staff.email else "aucun courriel au dossier de cette personne : rien à publier"
        return [CurrentValue(spec, bool(staff.publishes_email), ValueSource.STAFF_FILE, True, staff.version, note)]
    rows = _rows_of(session, target.scope, target.id)
    board_rows = (_rows_of(session, SettingScope.BOARD, session.get_one(School, target.id).board_id)
                  if target.scope == SettingScope.SCHOOL else {})
    values = []
    for spec in keys.all(target.scope):
        row = rows.get(spec.key)
        note = _board_note(spec, board_rows)
        if row is not None:
            values.append(CurrentValue(spec, json.loads(row.value), _OWN_SOURCE[target.scope], True, row.version,
                                       note))
        elif spec.inherits_from_board and spec.key in board_rows:
            values.append(CurrentValue(spec, json.loads(board_rows[spec.key].value), ValueSource.BOARD, False,
                                       None, note))
        else:
            values.append(CurrentValue(spec, spec.default, ValueSource.DEFAULT, False, None, note))
    return values


# A row of the target's own scope: what it is called in "source".
_OWN_SOURCE = {SettingScope.BOARD: ValueSource.BOARD, SettingScope.SCHOOL: ValueSource.SCHOOL}


def _rows_of(session: Session, scope: SettingScope, scope_id: int) -> dict[str, Setting]:
    return {row.key: row for row in session.scalars(
        select(Setting).where(Setting.scope == scope, Setting.scope_id == scope_id))}


def _board_note(spec: KeySpec, board_rows: dict[str, Setting]) -> str:
    """A school tile the board does not allow stays hidden whatever the school chooses: say so."""
    if not spec.key.startswith("parent_tiles."):
        return ""
    row = board_rows.get("allowed_" + spec.key)
    if row is not None and json.loads(row.value) is False:
        return "non permise par le centre de services : masquée aux parents quel que soit ce choix"
    return ""


def _conflict(change: PendingChange, theirs: object) -> EditConflict:
    return EditConflict(
        f"Le réglage « {change.key} » a été modifié sur un autre poste depuis que vous l'avez ouvert "
        f"(valeur enregistrée : {theirs}). Rien n'a été enregistré ; rechargez et refaites votre changement.",
        field=change.key, theirs=theirs, mine=change.value)


class _VersionEntry(TypedDict):
    """One key of a ``SettingsVersion.changes`` list: stored JSON before and after (None: no row)."""

    scope: SettingScope
    scope_id: int
    key: str
    before: str | None
    after: str | None


def _apply(session: Session, change: PendingChange, inherited_json: str | None = None) -> _VersionEntry | None:
    """Write one change in ``session``; the before/after entry of the version, or None if no-op.

    ``inherited_json`` is the value the key has without a row: setting exactly that on a key
    without a row changes nothing anyone sees, so it is not a change.
    """
    if change.scope == SettingScope.STAFF:
        staff = session.get(Staff, change.scope_id)
        if staff is None:
            raise NotFound(f"Membre du personnel n° {change.scope_id} introuvable.")
        if change.expected_version not in (UNCHECKED, staff.version):
            raise _conflict(change, staff.publishes_email)
        published = _encode(bool(staff.publishes_email))
        if published == change.value_json:
            return None
        staff.publishes_email = bool(change.value)
        session.flush()
        return {"scope": SettingScope.STAFF, "scope_id": staff.id, "key": change.key, "before": published,
                "after": change.value_json}
    row = _row(session, change.scope, change.scope_id, change.key)
    stored_version = None if row is None else row.version
    if change.expected_version != UNCHECKED and change.expected_version != stored_version:
        raise _conflict(change, None if row is None else json.loads(row.value))
    before = None if row is None else row.value
    if before == change.value_json or (row is None and change.value_json == inherited_json):
        return None
    if change.value_json is None:
        session.delete(row)
    elif row is None:
        session.add(Setting(scope=change.scope, scope_id=change.scope_id, key=change.key, value=change.value_json))
    else:
        row.value = change.value_json
    session.flush()
    return {"scope": change.scope, "scope_id": change.scope_id, "key": change.key, "before": before,
            "after": change.value_json}


def _display(keys: SettingKeys, scope: SettingScope, key: str, text: str | None) -> str:
    spec = keys.get(scope, key)
    if text is None:
        return f"{spec.display(spec.default)} (par défaut)" if spec else "(par défaut)"
    value = json.loads(text)
    return spec.display(value) if spec else str(value)


def _meaning(keys: SettingKeys, scope: SettingScope, key: str, text: str | None) -> object:
    """What a stored before/after means: the value, or the default when there was no row."""
    spec = keys.get(scope, key)
    if text is None:
        return spec.default if spec else None
    return json.loads(text)


def _version_info(session: Session, keys: SettingKeys, version: SettingsVersion) -> SettingsVersionInfo:
    changes = []
    names: dict[tuple[str, int], str] = {}
    for entry in json.loads(version.changes):
        slot = (entry["scope"], entry["scope_id"])
        if slot not in names:
            try:
                names[slot] = _target_by_id(session, *slot).reference
            except NotFound:
                names[slot] = f"{slot[0]}:#{slot[1]}"
        changes.append(KeyChange(entry["scope"], entry["scope_id"], names[slot], entry["key"],
                                 entry["before"], entry["after"],
                                 _display(keys, entry["scope"], entry["key"], entry["before"]),
                                 _display(keys, entry["scope"], entry["key"], entry["after"]),
                                 spec.label if (spec := keys.get(entry["scope"], entry["key"])) else entry["key"]))
    return SettingsVersionInfo(version.id, version.created_at, version.os_user, version.workstation,
                               version.comment, tuple(changes))


# --- helpers: impact ----------------------------------------------------------------------


def _students_reached(session: Session, spec: KeySpec, target: SettingsTarget) -> Select[tuple[int]] | None:
    """The ids of the students whose file the key changes (a query, counted in the database); None: nobody."""
    query = select(Student.id)
    if target.scope == SettingScope.BOARD:
        query = query.where(Student.board_id == target.id)
    elif target.scope == SettingScope.SCHOOL:
        school = session.get_one(School, target.id)
        if spec.level and spec.level != school.level:
            return None
        query = query.where(Student.school_id == target.id)
    else:
        taught_groups = (select(CourseGroup.group_id).join(TeachingAssignment)
                         .where(TeachingAssignment.staff_id == target.id))
        led_groups = select(HomeroomGroup.id).where(HomeroomGroup.responsible_id == target.id)
        query = query.where(or_(Student.group_id.in_(taught_groups), Student.group_id.in_(led_groups)))
    if spec.only_transport_entitled:
        query = query.where(Student.transport_entitled.is_(True))
    return query


def _count_reached(session: Session, students: Select[tuple[int]] | None,
                   with_guardians: bool) -> tuple[int, int, list[int]]:
    """(students, distinct répondants, first ids for the sample student) without loading every id."""
    if students is None:
        return 0, 0, []
    count = session.scalar(select(func.count()).select_from(students.subquery())) or 0
    guardians = 0
    if with_guardians and count:
        guardians = session.scalar(
            select(func.count(distinct(StudentGuardian.guardian_id)))
            .where(StudentGuardian.student_id.in_(students), StudentGuardian.respondent_rank.is_not(None))) or 0
    sample = list(session.scalars(students.order_by(Student.id).limit(SAMPLE_POOL)))
    return count, guardians, sample
