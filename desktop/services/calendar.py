"""The Quebec school calendar as the rules need it: school years start July 1st, three terms.

A school year is named by the calendar year it starts in (2026 = 2026-2027). Terms follow the
usual ministry report-card dates: term 1 until mid-November, term 2 until mid-March, term 3 after.
"""

from __future__ import annotations

from datetime import date

from desktop.services.errors import InvalidInput

# The dates Vitrail works with: a birth date, a school day, an expiry. Beyond them date arithmetic
# (a week's Monday, a homework horizon) would overflow Python's year 9999 long before it means anything.
FIRST_SUPPORTED = date(1900, 1, 1)
LAST_SUPPORTED = date(2199, 12, 31)


def check_supported(day: date) -> date:
    """``day`` itself, or InvalidInput when outside the years Vitrail works with (1900 to 2199)."""
    if not FIRST_SUPPORTED <= day <= LAST_SUPPORTED:
        raise InvalidInput(f"Date hors des limites « {day.isoformat()} » : Vitrail accepte les dates du "
                           f"{FIRST_SUPPORTED.year} au {LAST_SUPPORTED.year}.")
    return day


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
