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

from desktop.models import SettingScope
from desktop.services.settings.impact import (
    SAMPLE_POOL,
    BeforeAfter,
    ChangeImpact,
    ViewDifference,
    before_after,
    change_impacts,
    sample_student,
)
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

__all__ = [
    "LEVEL_NAMES", "SAMPLE_POOL", "SCOPE_LABELS", "SOI_ACCESS_LABELS", "STAFF_ACCESS_LABELS", "UNCHECKED",
    "BeforeAfter", "ChangeImpact", "CurrentValue", "KeyChange", "KeyDiff", "KeyKind", "KeySpec", "MatrixLayout",
    "PendingChange", "PortalSettings",
    "RollbackPlan", "RollbackStep", "SettingKeys", "SettingScope", "SettingsStore", "SettingsTarget",
    "SettingsVersionInfo",
    "ValueSource", "ViewDifference", "load_setting_keys",
]


class PortalSettings(SettingsStore):
    """Use cases of the settings area, shared by the GUI and ``vitrail settings``: the store, plus
    what a pending change would do."""

    def impact(self, changes: Iterable[PendingChange]) -> list[ChangeImpact]:
        """Students and répondants reached by each change that differs from what is stored."""
        return change_impacts(self, changes)

    def sample_student(self, impacts: Sequence[ChangeImpact]) -> int | None:
        """A reached student whose file shows the changes (see ``impact.sample_student``)."""
        return sample_student(self.database, impacts)

    def before_after(self, changes: Sequence[PendingChange], student_id: int, on: date) -> list[BeforeAfter]:
        """The student as each touched viewer sees it now and once ``changes`` are saved (nothing saved)."""
        return before_after(self, changes, student_id, on)
