"""What every page receives through its constructor (no global singletons).

``vitrail`` is the core's façade: the only way a page reaches data. ``runner`` runs that work
off the GUI thread and tells every page, through ``runner.changed``, what a write touched — e.g.
the parent-accounts findings update as soon as a guardian's email is fixed on the students page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Signal

from desktop.services.facade import Changes, Vitrail
from desktop.services.storage import Database
from desktop.services.students import StudentIndex
from desktop.views.operations import OperationRunner


class DataEvents(QObject):
    """Deprecated: the four hand-emitted signals, replaced by ``OperationRunner.changed``."""

    guardian_saved = Signal(int)      # guardian id
    student_saved = Signal(int)       # student id
    settings_saved = Signal()         # any portal setting or policy override
    nips_changed = Signal(int)        # student id


@dataclass
class ViewContext:
    vitrail: Vitrail
    runner: OperationRunner
    navigate: Callable[..., None] = lambda page, **target: None
    # The board's student index, loaded once and shared by every page that lists students
    # (Élèves, Aperçu): at 100,000 students a second copy costs 0.4 s and tens of megabytes.
    student_index: StudentIndex | None = None
    # Deprecated, kept only while pages move to ``vitrail`` and ``runner.changed``.
    events: DataEvents | None = None

    @property
    def database(self) -> Database:
        """Deprecated: pages reach data through ``vitrail``."""
        return self.vitrail.database

    def today(self) -> date:
        """Today, from the application's one clock."""
        return self.vitrail.today()


def build_context(database: Database, runner: OperationRunner | None = None) -> ViewContext:
    """The context of a main window over ``database`` (tests pass a ``SynchronousRunner``)."""
    context = ViewContext(vitrail=Vitrail(database), runner=runner or OperationRunner(), events=DataEvents())
    _forward_to_deprecated_events(context.runner, context.events)
    return context


def _forward_to_deprecated_events(runner: OperationRunner, events: DataEvents) -> None:
    """Until every page listens to ``runner.changed``: the pages still on ``DataEvents`` hear the
    writes made through the runner, and a setting saved the old way reaches the pages on the runner.

    One way each, so nothing echoes back: students and guardians from the runner to the events,
    settings from the events to the runner. Goes away with ``DataEvents``.
    """

    def forward(changes: Changes) -> None:
        for guardian_id in sorted(changes.guardians):
            events.guardian_saved.emit(guardian_id)
        for student_id in sorted(changes.students):
            events.student_saved.emit(student_id)

    runner.changed.connect(forward)
    events.settings_saved.connect(lambda: runner.announce(Changes(settings=True)))
