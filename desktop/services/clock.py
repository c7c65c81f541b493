"""The one source of "now" and "today" for the whole application.

Every service asks the clock it was given — never ``datetime.now()`` or ``date.today()`` — so that
a NIP's issue time, the school year that is current, the audit's timestamps and the date printed
on a dossier all agree, and tests can pin the moment (a NIP test once passed only on the day it
was written). The façade and the audit listener get the clock through the open ``Database``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What services need to know about time."""

    def now(self) -> datetime:
        """The local date and time (naive, as stored in the database)."""
        ...

    def today(self) -> date:
        """The local date."""
        ...


class SystemClock:
    """The workstation's clock: what the application uses outside tests."""

    def now(self) -> datetime:
        return datetime.now()

    def today(self) -> date:
        return date.today()


@dataclass
class FixedClock:
    """A clock that stays where it is put (tests, reproducible scripts); ``advance`` moves it."""

    at: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0))

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()

    def advance(self, **delta: float) -> None:
        """Move the clock forward, e.g. ``advance(days=31)``."""
        self.at += timedelta(**delta)


SYSTEM_CLOCK = SystemClock()
