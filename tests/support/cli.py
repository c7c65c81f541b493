"""The ``vitrail`` command as tests run it: in-process, on the tests' pinned clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from desktop.cli import main as _vitrail_main
from desktop.services.clock import FixedClock

# Same moment as conftest's NOW (a Monday of term 2 of 2026-2027).
NOW = datetime.combine(datetime(2026, 11, 23).date(), time(9, 30))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``vitrail`` command as a user would, but with "today" pinned to the tests' date."""
    return _vitrail_main(argv, clock=FixedClock(NOW))
