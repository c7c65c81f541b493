"""The role → rights table of ``resources/access.json``, read once into typed, frozen data.

Which roles exist, which rights each carries, which rights hold per school and which only
board-wide, and who hands roles on: data with a reason per entry, not code (``access.md`` §1).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from desktop.paths import resource


class Role(StrEnum):
    """A Vitrail role (``access.md`` §1), held per school or board-wide."""

    SECRETARIAT = "secretariat"
    DIRECTION = "direction"
    BOARD_ADMIN = "board_admin"
    IT = "it"


class Right(StrEnum):
    """One duty of ``access.md`` §1; ``resources/access.json`` says which roles carry it."""

    FIND_STUDENTS = "find_students"
    EDIT_GUARDIANS = "edit_guardians"
    MANAGE_NIPS = "manage_nips"
    DIAGNOSE = "diagnose"
    FINDINGS = "findings"
    PREVIEW_FAMILY = "preview_family"
    PREVIEW_ANY = "preview_any"
    SCHOOL_SETTINGS = "school_settings"
    BOARD_SETTINGS = "board_settings"
    VISIBILITY_DOCUMENT = "visibility_document"
    AUDIT_SCHOOL = "audit_school"
    AUDIT_ALL = "audit_all"
    MANAGE_ACCESS = "manage_access"
    IMPORT_SYNC = "import_sync"
    CONFIGURE = "configure"
    DEMO = "demo"


@dataclass(frozen=True)
class RightRule:
    right: Right
    name: str  # French, as a refusal names it: "Modifier les réglages du centre de services"
    per_school: bool  # False: only a board-wide grant carries it
    reason: str


@dataclass(frozen=True)
class RoleRule:
    role: Role
    name: str  # French: "Administration du centre de services"
    per_school: bool  # False: granted board-wide only
    who: str
    rights: frozenset[Right]
    reason: str


@dataclass(frozen=True)
class AccessRules:
    rights: dict[Right, RightRule]
    roles: dict[Role, RoleRule]
    granted_by: Role  # the role that hands roles on

    def roles_with(self, right: Right) -> list[Role]:
        """The roles carrying ``right``, in the order of the file (narrowest duty first)."""
        return [role for role, rule in self.roles.items() if right in rule.rights]


@cache
def access_rules() -> AccessRules:
    """The shipped table, read on first use."""
    data = json.loads(resource("access.json").read_text(encoding="utf-8"))
    rights = {Right(key): RightRule(Right(key), entry["name"], entry["scope"] == "school", entry["reason"])
              for key, entry in data["rights"].items()}
    roles = {Role(key): RoleRule(Role(key), entry["name"], entry["scope"] == "school", entry["who"],
                                 frozenset(Right(r) for r in entry["rights"]), entry["reason"])
             for key, entry in data["roles"].items()}
    missing = set(Right) - set(rights)
    if missing or set(Role) - set(roles):
        raise ValueError(f"resources/access.json is incomplete: {sorted(missing)}")
    return AccessRules(rights, roles, Role(data["granted_by"]["role"]))
