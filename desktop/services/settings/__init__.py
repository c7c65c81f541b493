"""Portal settings chosen by direction: the keys, their stored values and versions, and the impact
of a change before it is saved.

``keys`` says which keys exist and how each is explained; ``store`` reads and writes them as
versions (history, differences, rollback); ``impact`` counts who a pending change reaches and
previews a sample file before and after, with the real engine on a rolled-back transaction.
``PortalSettings`` is the one object the GUI and ``vitrail settings`` use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import SettingScope, Staff
from desktop.services.access import Right, require
from desktop.services.access.store import load_person
from desktop.services.settings.keys import (
    LEVEL_NAMES,
    SOI_ACCESS_LABELS,
    STAFF_ACCESS_LABELS,
    KeyKind,
    KeySpec,
    MatrixLayout,
    SettingKeys,
    load_setting_keys,
)
from desktop.services.settings.store import (
    SCOPE_LABELS,
    UNCHECKED,
    CurrentValue,
    KeyChange,
    KeyDiff,
    PendingChange,
    RollbackPlan,
    RollbackStep,
    SettingsStore,
    SettingsTarget,
    SettingsVersionInfo,
    ValueSource,
)

if TYPE_CHECKING:
    from desktop.services.settings.impact import BeforeAfter, ChangeImpact

# ``impact`` runs the visibility engine (and, through it, email-validator and rapidfuzz): 60 to 90 ms
# of imports that a launch does not need, since the window opens on its students. It is imported
# where it is used: by the methods below, and by the settings page for its types.

__all__ = [
    "LEVEL_NAMES", "SCOPE_LABELS", "SOI_ACCESS_LABELS", "STAFF_ACCESS_LABELS", "UNCHECKED",
    "CurrentValue", "KeyChange", "KeyDiff", "KeyKind", "KeySpec", "MatrixLayout",
    "PendingChange", "PortalSettings",
    "RollbackPlan", "RollbackStep", "SettingKeys", "SettingScope", "SettingsStore", "SettingsTarget",
    "SettingsVersionInfo",
    "ValueSource", "load_setting_keys",
]


class PortalSettings(SettingsStore):
    """Use cases of the settings area, shared by the GUI and ``vitrail settings``: the store, plus
    what a pending change would do.

    Every write goes through ``save`` (a rollback too), which checks the person's rights first:
    board settings need ``board_admin``, a school's (and its staff's) need direction of that
    school (``access.md`` §1). Reading settings needs no right: they hold no personal data.
    """

    def save(self, changes: Sequence[PendingChange], comment: str) -> SettingsVersionInfo | None:
        self.require_may_change(changes)
        return super().save(changes, comment)

    def require_may_change(self, changes: Iterable[PendingChange]) -> None:
        """AccessDenied, naming the right and the school, unless the person may save every change."""
        with self.database.sessions() as session:
            person = load_person(session, self.database.login)
            for change in changes:
                right, school_id = setting_right(session, change.scope, change.scope_id)
                require(person, right, school_id)

    def impact(self, changes: Iterable[PendingChange]) -> list[ChangeImpact]:
        """Students and répondants reached by each change that differs from what is stored."""
        from desktop.services.settings.impact import change_impacts

        changes = list(changes)
        self.require_may_change(changes)
        return change_impacts(self, changes)

    def sample_student(self, impacts: Sequence[ChangeImpact]) -> int | None:
        """A reached student whose file shows the changes (see ``impact.sample_student``)."""
        from desktop.services.settings.impact import sample_student

        return sample_student(self.database, impacts)

    def before_after(self, changes: Sequence[PendingChange], student_id: int, on: date) -> list[BeforeAfter]:
        """The student as each touched viewer sees it now and once ``changes`` are saved (nothing saved)."""
        from desktop.services.settings.impact import before_after

        self.require_may_change(changes)
        return before_after(self, changes, student_id, on)


def setting_right(session: Session, scope: SettingScope, scope_id: int) -> tuple[Right, int | None]:
    """The right a change of this target needs, and the school it is checked in.

    A staff member's choice (publishing their email) belongs to their school; one with no school
    to the board.
    """
    if scope == SettingScope.SCHOOL:
        return Right.SCHOOL_SETTINGS, scope_id
    if scope == SettingScope.STAFF:
        school_id = session.scalar(select(Staff.school_id).where(Staff.id == scope_id))
        if school_id is not None:
            return Right.SCHOOL_SETTINGS, school_id
    return Right.BOARD_SETTINGS, None
