"""What every page receives through its constructor (no global singletons).

``vitrail`` is the core's façade: the only way a page reaches data. ``runner`` runs that work
off the GUI thread and tells every page, through ``runner.changed``, what a write touched — e.g.
the parent-accounts findings update as soon as a guardian's email is fixed on the students page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from desktop.services.access import Person, Right
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

    # The person using the window and their grants (``access.md``), read on first use and again
    # after a grant changes (``forget_person``): what the pages grey, with the reason as tooltip.
    _person: Person | None = field(default=None, init=False, repr=False)

    def today(self) -> date:
        """Today, from the application's one clock."""
        return self.vitrail.today()

    def person(self) -> Person:
        """Who uses the window, with their grants (one short read, cached until ``forget_person``)."""
        if self._person is None:
            self._person = self.vitrail.access.me()
        return self._person

    def forget_person(self) -> None:
        self._person = None

    def refusal(self, *rights: Right, school_id: int | None = None) -> str | None:
        """None when the person holds one of ``rights`` (in ``school_id``); else why not, in French
        (the first right's sentence: the one the action is named after)."""
        person = self.person()
        if any(person.may(right, school_id) for right in rights):
            return None
        return person.refusal(rights[0], school_id)


def build_context(vitrail: Vitrail, runner: OperationRunner | None = None) -> ViewContext:
    """The context of a main window over the façade (tests pass a ``SynchronousRunner``)."""
    return ViewContext(vitrail=vitrail, runner=runner or OperationRunner())
