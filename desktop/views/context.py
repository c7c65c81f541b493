"""What every page receives through its constructor (no global singletons).

``vitrail`` is the core's façade: the only way a page reaches data. ``runner`` runs that work
off the GUI thread and tells every page, through ``runner.changed``, what a write touched — e.g.
the parent-accounts findings update as soon as a guardian's email is fixed on the students page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop.services.facade import Vitrail
from desktop.services.students import StudentIndex
from desktop.views.operations import OperationRunner


@dataclass
class ViewContext:
    vitrail: Vitrail
    runner: OperationRunner
    navigate: Callable[..., object] = lambda page, **target: None
    # The board's student index, loaded once and shared by every page that lists students
    # (Élèves, Aperçu): at 100,000 students a second copy costs 0.4 s and tens of megabytes.
    student_index: StudentIndex | None = None
    # The students selected on the Élèves page: « La sélection » of the Impression page.
    selected_students: tuple[int, ...] = ()
    # Reopen the window over another database (the welcome page, once connected to the board's
    # shared one); None where no one can (tests, screenshots): the page then says to restart.
    switch_database: Callable[[Vitrail], object] | None = None

    def today(self) -> date:
        """Today, from the application's one clock."""
        return self.vitrail.today()


def build_context(vitrail: Vitrail, runner: OperationRunner | None = None) -> ViewContext:
    """The context of a main window over the façade (tests pass a ``SynchronousRunner``)."""
    return ViewContext(vitrail=vitrail, runner=runner or OperationRunner())
