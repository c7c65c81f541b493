"""What every page receives through its constructor (no global singletons).

``vitrail`` is the core's façade: the only way a page reaches data. ``runner`` runs that work
off the GUI thread and tells every page, through ``runner.changed``, what a write touched — e.g.
the parent-accounts findings update as soon as a guardian's email is fixed on the students page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

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
    # Reopen the window over another database (the welcome page, once connected to the board's
    # shared one); None where no one can (tests, screenshots): the page then says to restart.
    switch_database: Callable[[Vitrail], object] | None = None

    # The person using the window and their grants (``access.md``), read in the background when the
    # window is built and again after a grant changes; ``access_known.known`` fires each time.
    # Until the first read arrives nothing is greyed: the façade refuses anyway, with the reason.
    access_known: AccessKnown = field(default_factory=lambda: AccessKnown(), init=False, repr=False)
    _person: Person | None = field(default=None, init=False, repr=False)
    _warmed_up: bool = field(default=False, init=False, repr=False)

    def warm_up(self, parent: QObject, student_id: int) -> None:
        """Once per window, in the background and quietly: open one student's file and preview and
        drop them, so the person's first click of the day is as quick as the next (``Vitrail.warm_up``)."""
        if self._warmed_up:
            return
        self._warmed_up = True
        vitrail = self.vitrail
        self.runner.query(parent, lambda _progress: vitrail.warm_up(student_id), quiet=True)

    def today(self) -> date:
        """Today, from the application's one clock."""
        return self.vitrail.today()

    def person(self) -> Person | None:
        """Who uses the window, with their grants (None until first read)."""
        return self._person

    def load_person(self, *, fresh: bool = False) -> None:
        """Read the person's grants on the runner (``fresh``: not from the façade's short-lived cache,
        e.g. after a grant changed); ``access_known.known`` fires when they are in."""
        access = self.vitrail.access

        def work(_progress: object) -> Person:
            if fresh:
                access.forget_me()
            return access.me()

        self.runner.query(self.access_known, work, self._person_loaded, lambda _message: None)

    def _person_loaded(self, person: Person) -> None:
        self._person = person
        self.access_known.known.emit()

    def refusal(self, *rights: Right, school_id: int | None = None) -> str | None:
        """None when the person holds one of ``rights`` (in ``school_id``); else why not, in French
        (the first right's sentence: the one the action is named after)."""
        person = self._person
        if person is None or any(person.may(right, school_id) for right in rights):
            return None
        return person.refusal(rights[0], school_id)


class AccessKnown(QObject):
    """Tells the pages that the person's grants were (re)read: they grey what is refused."""

    known = Signal()


def build_context(vitrail: Vitrail, runner: OperationRunner | None = None) -> ViewContext:
    """The context of a main window over the façade (tests pass a ``SynchronousRunner``)."""
    context = ViewContext(vitrail=vitrail, runner=runner or OperationRunner())
    context.load_person()
    return context
