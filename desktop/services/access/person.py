"""A person as Vitrail knows them: a login and the roles it holds, and what that allows.

Pure data, no database: ``store.load_person`` builds it, the façade asks it before each use
case, the GUI asks it to grey what would be refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from desktop.services.access.rules import Right, Role, access_rules


def the_school(name: str) -> str:
    """ "l'école Félix-Leclerc" from "École Félix-Leclerc", "l'école 1001" from a bare code."""
    if name[:5].lower() in ("école", "ecole"):
        return "l'é" + name[1:]
    return f"l'école {name}"


@dataclass(frozen=True)
class Grant:
    """One role held by one login, in one school or board-wide (``school_id`` None)."""

    login: str
    role: Role
    school_id: int | None = None
    school_code: str | None = None
    school_name: str | None = None
    granted_at: datetime | None = None
    granted_by: str | None = None

    @property
    def role_name(self) -> str:
        return access_rules().roles[self.role].name

    @property
    def scope_name(self) -> str:
        """French: "l'école Saint-Jean (123)" or "tout le centre de services"."""
        if self.school_id is None:
            return "tout le centre de services"
        return the_school(self.school_name or self.school_code or str(self.school_id))


@dataclass(frozen=True)
class Person:
    """A login and its grants. ``may`` decides; ``refusal`` says why not, in French.

    ``granters``: the logins that can hand roles on (named in refusals); ``school_names``: the
    names used when a refusal names a school.
    """

    login: str
    grants: tuple[Grant, ...] = ()
    granters: tuple[str, ...] = ()
    school_names: Mapping[int, str] = field(default_factory=dict)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.grants)

    def _carrying(self, right: Right) -> list[Grant]:
        rules = access_rules()
        carrying = [g for g in self.grants if right in rules.roles[g.role].rights]
        if not rules.rights[right].per_school:
            carrying = [g for g in carrying if g.school_id is None]
        return carrying

    def may(self, right: Right, school_id: int | None = None) -> bool:
        """Whether this person holds ``right`` — in ``school_id`` when given; with None, for a
        per-school right, in at least one school (what the GUI needs to show a page at all)."""
        carrying = self._carrying(right)
        if school_id is None:
            return bool(carrying)
        return any(g.school_id is None or g.school_id == school_id for g in carrying)

    def schools_for(self, right: Right) -> frozenset[int] | None:
        """The schools where this person holds ``right``: None means every school (a board-wide
        grant); an empty set means none. Lists are filtered with it, not refused."""
        carrying = self._carrying(right)
        if any(g.school_id is None for g in carrying):
            return None
        return frozenset(g.school_id for g in carrying if g.school_id is not None)

    def refusal(self, right: Right, school_id: int | None = None) -> str | None:
        """None when allowed; else the French sentence naming the right, the roles that carry it,
        the school concerned and who grants it."""
        if self.may(right, school_id):
            return None
        rules = access_rules()
        roles = [rules.roles[role].name for role in rules.roles_with(right)]
        needed = roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + " ou " + roles[-1]
        where = ""
        if rules.rights[right].per_school and school_id is not None:
            where = " à " + the_school(self.school_names.get(school_id, str(school_id)))
        return f"{rules.rights[right].name}{where} demande le rôle {needed} ; adressez-vous à {self._who_grants()}."

    def _who_grants(self) -> str:
        role_name = access_rules().roles[access_rules().granted_by].name
        others = [login for login in self.granters if login != self.login]
        if not others:
            return f"une personne ayant le rôle {role_name}"
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        return f"{shown} ({role_name})"
