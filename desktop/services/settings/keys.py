"""Which settings keys exist and how each is explained to direction.

The keys, their types, defaults and validation come from the visibility policy's ``REGISTRY``
(one source for the engine and the settings); what is added here is how to present a key: its
section, who it reaches, the plain-French phrases of a change, and the grids (SOI, staff
matrices) a section is best edited in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Required, TypedDict

from desktop.models import SCOPES, SettingScope
from desktop.models.base import MAX_ID
from desktop.services.errors import InvalidInput
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
    validate_setting,
)

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
            # Digits 0 to 9 only: int() reads "٣" as 3 and fails on "²"; and no id beyond the column's range.
            value = ([int(p) for p in parts] if all(p.isascii() and p.isdigit() and len(p) <= 10
                                                    and int(p) <= MAX_ID for p in parts) else _INVALID)
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
    if family == "soi_history_years":
        role = parts[1]
        return _Presentation(section="Historique SOI", viewers=(Role(role),), pattern="soi_history_years.<rôle>",
                             effect=f"Le rôle « {document.role_label(role)} » voit les observations et interventions "
                                    "du SOI de ce nombre d'années scolaires, l'année en cours comprise, dans toutes "
                                    "les écoles du centre de services.")
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
                  "Matrice SOI", "Historique SOI", "Matrice du personnel : tuiles", "Matrice du personnel : champs",
                  "Espaces du personnel", "Personnel"]
