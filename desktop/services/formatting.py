"""Quebec French for numbers, percentages, durations, dates and times — on screen and on paper.

One module so the screen and the PDF never disagree ("79.2" on screen while the PDF says
"79,2 %"). No Qt: the views, the CLI and reportlab all call these.

Spaces are meant: U+00A0 (non-breaking) groups thousands and stands before ``%`` and ``$``, and
inside times ("14 h 05"), so that a label or a PDF line never breaks "79,2 / %" or "14 h / 05"
across two lines. The reports print the same characters (``reports.base`` re-exports these).

``parse_date`` reads a date as people say or write it ("27 juin 2012", "27/06/2012",
"2012-06-27", "1er janvier 2012", "27 juin 12"); it is the one place the birth-date fields, the
diagnostic page and the CLI read typed dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from desktop.services.text import fold

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


# --------------------------------------------------------------------------- numbers

def format_number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """ "1 234,5": U+00A0 groups thousands, comma before decimals.

    ``decimals=None`` shows what the value needs, up to 2 (85.0 → "85", 85.25 → "85,25").
    """
    text = (f"{float(value):,.2f}".rstrip("0").rstrip(".") if decimals is None
            else f"{float(value):,.{decimals}f}")
    if text in ("-0", ""):
        text = "0"
    if text.startswith("-") and text.strip("-0.,") == "":
        text = text[1:]
    return text.replace(",", NBSP).replace(".", ",")


def format_percent(value: float | int | Decimal, decimals: int | None = None) -> str:
    """ "79,2 %" (a non-breaking space before the sign, as in the PDF)."""
    return f"{format_number(value, decimals)}{NBSP}%"


def format_money(value: float | int | Decimal) -> str:
    """ "1 234,50 $" (Quebec French: the dollar sign after the amount)."""
    return f"{format_number(value, 2)}{NBSP}$"


def format_duration(seconds: float) -> str:
    """ "0,2 s", "4,5 s", "45 s", "1 min 20 s", "2 h 05 min" (OQLF symbols, non-breaking).

    Under ten seconds one decimal is kept: an operation that took 0.2 s is not "0 s".
    """
    seconds = max(0.0, float(seconds))
    if seconds < 9.95:
        return f"{format_number(seconds, 1)}{NBSP}s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole}{NBSP}s"
    minutes, rest = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}{NBSP}min{NBSP}{rest:02d}{NBSP}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}{NBSP}h{NBSP}{minutes:02d}{NBSP}min"


# --------------------------------------------------------------------------- dates and times

def format_day_month(value: date) -> str:
    """ "27 juin", "1er janvier" (the ordinal for the first of the month only)."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]}"


def format_date(value: date) -> str:
    """Quebec French long date: "27 juin 2012", "1er décembre 2026"."""
    return f"{format_day_month(value)} {value.year}"


def format_time(value: time | datetime) -> str:
    """ "14 h 05", "8 h" (OQLF 24-hour notation), with non-breaking spaces so it never splits."""
    if value.minute == 0:
        return f"{value.hour}{NBSP}h"
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def format_datetime(value: datetime) -> str:
    """ "23 novembre 2026 à 14 h 05"."""
    return f"{format_date(value.date())} à {value.hour}{NBSP}h{NBSP}{value.minute:02d}"


# --------------------------------------------------------------------------- elision

_ELIDING = re.compile(r"^[aeiouyhàâäéèêëîïôöûüÿæœ]", re.IGNORECASE)
# "Y" before a vowel is a consonant sound (Yannick, Yolande): no elision. Before a consonant
# (Yves, Yvonne) it is a vowel sound.
_Y_CONSONANT = re.compile(r"^y[aeiouàâäéèêëîïôöûü]", re.IGNORECASE)


def elides(word: str) -> bool:
    """True when "de"/"le"/"que" before ``word`` lose their vowel (Anthony, Émile, Hugo, Yves)."""
    word = word.strip()
    if not word or not _ELIDING.match(word):
        return False
    return not _Y_CONSONANT.match(word)


def de(word: str) -> str:
    """ "d'Anthony", "d'Émile", "de Marie": the preposition "de" joined to ``word``."""
    return f"d'{word.strip()}" if elides(word) else f"de {word.strip()}"


# --------------------------------------------------------------------------- reading dates

class UnreadableDate(ValueError):
    """A typed date that cannot be read; ``str()`` is a French message for the secretary."""


_MONTH_WORDS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _plain = fold(_name)
    _MONTH_WORDS[_plain] = _number
    for _length in range(3, len(_plain)):
        _MONTH_WORDS.setdefault(_plain[:_length], _number)
# Prefixes of three letters or more; "jui" could be juin or juillet, so it is refused.
del _MONTH_WORDS["jui"]
_MONTH_WORDS.update({"juil": 7, "jul": 7, "jun": 6, "fev": 2, "feb": 2, "dec": 12, "aou": 8, "avr": 4})

_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_SPOKEN = re.compile(r"^(\d{1,2})(?:er|e)?\s+([a-z]+)\.?\s+(\d{2}|\d{4})$")

EXAMPLES = "27 juin 2012, 27/06/2012 ou 2012-06-27 (AAAA-MM-JJ)"


def parse_date(text: str, today: date | None = None) -> date:
    """A date as typed: "27 juin 2012", "1er janvier 2012", "27/06/2012", "2012-06-27", "27 juin 12".

    Numeric dates with the year last are read day first (Quebec usage: 05/06/2012 is June 5).
    A two-digit year is the latest year ending so that is not after ``today`` (birth dates:
    "12" → 2012, "98" → 1998; without ``today``, refused rather than guessed). Raises ``UnreadableDate``
    with a French message otherwise.
    """
    raw = text
    if any(character.isdigit() and not character.isascii() for character in raw):
        # "２０２６" or "٢٠٢٦" would be read as digits by int(): only 0 to 9 are what people type.
        raise UnreadableDate(f"Date illisible « {raw.strip()} » : chiffres de 0 à 9 seulement (ex. {EXAMPLES}).")
    text = fold(text.replace("1er", "1").replace("1ᵉʳ", "1"))
    cleaned = re.sub(r"^le\s+", "", re.sub(r"\s+", " ", raw.strip()))
    numeric = _NUMERIC.match(cleaned)
    try:
        if numeric:
            first, second, third = numeric.groups()
            if len(first) == 4:
                return date(int(first), int(second), int(third))
            return date(_full_year(third, today), int(second), int(first))
        spoken = _SPOKEN.match(re.sub(r"^le ", "", text))
        if spoken:
            day, month_word, year = spoken.groups()
            month = _MONTH_WORDS.get(month_word)
            if month is None:
                raise UnreadableDate(f"Mois inconnu « {month_word} » dans « {raw.strip()} » (ex. {EXAMPLES}).")
            return date(_full_year(year, today), month, int(day))
    except UnreadableDate:
        raise
    except ValueError:
        raise UnreadableDate(f"« {raw.strip()} » n'est pas une date qui existe.") from None
    raise UnreadableDate(f"Date illisible « {raw.strip()} » : tapez-la par exemple {EXAMPLES}.")


def _full_year(text: str, today: date | None) -> int:
    year = int(text)
    if len(text) == 4:
        return year
    if len(text) != 2:
        raise UnreadableDate(f"Année illisible « {text} ».")
    if today is None:  # no clock to tell which century is meant: ask rather than guess
        raise UnreadableDate(f"Année à deux chiffres « {text} » : écrivez l'année en entier (par exemple 20{text}).")
    reference = today.year
    century = reference - reference % 100
    return century + year if century + year <= reference else century - 100 + year
