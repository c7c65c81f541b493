"""The Quebec school calendar as the rules need it: school years start July 1st, three terms.

A school year is named by the calendar year it starts in (2026 = 2026-2027). Terms follow the
usual ministry report-card dates: term 1 until mid-November, term 2 until mid-March, term 3 after.
"""

from __future__ import annotations

from datetime import date


def school_year_of(day: date) -> int:
    return day.year if day.month >= 7 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def term_of(day: date) -> int:
    year = school_year_of(day)
    if day < date(year, 11, 20):
        return 1
    if day < date(year + 1, 3, 15):
        return 2
    return 3


def school_year_start(year: int) -> date:
    return date(year, 8, 28)


def school_year_end(year: int) -> date:
    return date(year + 1, 6, 22)
