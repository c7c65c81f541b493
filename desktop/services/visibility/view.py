"""What the visibility engine answers: a student's file as one viewer sees it, with reasons.

These plain, frozen dataclasses are the contract between the engine and everything that shows
or prints a file (Aperçu page, ``vitrail preview --json``, PDF dossiers). A hidden field never
carries its value: ``FieldView.value`` is None whenever ``visible`` is False, so no consumer can
leak it by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from desktop.services.visibility.policy import Role


class ViewerKind(StrEnum):
    """Who is asked for: a role in the abstract, a real staff member, a guardian, or the student."""

    ROLE = "role"
    STAFF = "staff"
    GUARDIAN = "guardian"
    STUDENT = "student"


@dataclass(frozen=True)
class Reason:
    """Why an item is visible or hidden.

    ``code`` is stable (e.g. ``role_policy_granted``, ``subject_not_taught``, ``tile_disabled_by_school``);
    ``message`` is the French sentence for people; ``setting``/``record`` name what would change it
    (a settings key such as ``school:ECO01:parent_tiles.results``, or ``guardian:123:email``).
    ``assumed`` is True when the deciding policy cell is marked *assumed* in the spec.
    """

    code: str
    message: str
    setting: str | None = None
    record: str | None = None
    assumed: bool = False


@dataclass(frozen=True)
class Viewer:
    """Who looks, and with which role of the policy (derived for a real staff member)."""

    kind: ViewerKind
    role: Role
    label: str
    staff_id: int | None = None
    guardian_id: int | None = None
    subject_codes: tuple[str, ...] = ()
    derivation: str = ""
    job_class: str | None = None  # a real staff member's corps d'emploi (some grants follow it)


@dataclass(frozen=True)
class HiddenCount:
    reason: Reason
    count: int


@dataclass(frozen=True)
class FieldView:
    id: str
    label: str
    visible: bool
    reason: Reason
    value: Any = None  # None when hidden; rows (list of dicts) for list fields
    hidden_items: tuple[HiddenCount, ...] = ()


@dataclass(frozen=True)
class TileView:
    id: str
    label: str
    visible: bool
    reason: Reason
    fields: tuple[FieldView, ...] = ()


@dataclass(frozen=True)
class Access:
    """Whether the viewer gets the file at all; ``at_risk``: granted, but the guardian's email on file is
    flawed, so the portal's verification code will probably never reach them (§7.5)."""

    granted: bool
    reason: Reason
    at_risk: bool = False


@dataclass(frozen=True)
class DossierView:
    """Student S seen by viewer V on date D."""

    student_id: int
    student_fiche: str
    student_name: str
    school_name: str
    viewer: Viewer
    on: date
    access: Access
    tiles: tuple[TileView, ...] = ()
    home_spaces: tuple[str, ...] = ()  # staff home-page spaces of a real staff member
    contact_us: dict[str, str] = field(default_factory=dict)  # "Nous joindre" for portal viewers
