"""What every page receives through its constructor (no global singletons).

``DataEvents`` tells every page when a record was saved elsewhere in the window, so that e.g.
the parent-accounts findings update as soon as a guardian's email is fixed on the students page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from desktop.services.storage import Database
from desktop.services.students import StudentIndex


class DataEvents(QObject):
    guardian_saved = Signal(int)      # guardian id
    student_saved = Signal(int)       # student id
    settings_saved = Signal()         # any portal setting or policy override
    nips_changed = Signal(int)        # student id


@dataclass
class ViewContext:
    database: Database
    events: DataEvents
    navigate: Callable[..., None] = lambda page, **target: None
    # The board's student index, loaded once and shared by every page that lists students
    # (Élèves, Aperçu): at 100,000 students a second copy costs 0.4 s and tens of megabytes.
    student_index: StudentIndex | None = None

    def today(self) -> date:
        """Today, from the database's clock: the one clock of the application."""
        return self.database.clock.today()
