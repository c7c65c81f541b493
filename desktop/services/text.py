"""Accent- and case-insensitive text, as the student search and the demo need it.

A secretary types "cote" for "Côté", "st-pierre" or "st pierre" for "St-Pierre", "o'neil" or
"o neil" for "O'Neil". Both the stored ``Student.search_key`` and the typed query go through
``fold`` so they meet on the same form:

- lower case, accents and other diacritics removed (é→e, ç→c), ligatures spelled out (œ→oe);
- hyphens, apostrophes (straight or typographic) and every other character that is neither a
  letter nor a digit become a space, and runs of spaces collapse to one. Decided so: a hyphen
  typed or not, a compound surname written with a space or a hyphen, all match the same way.
  "@" and "." are kept so an email can be folded too.

``fold`` is pure and fast enough to run for 100,000 students at load time (the demo does).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_SEPARATORS = re.compile(r"[^0-9a-z@.]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free form of ``text``; hyphens and apostrophes become spaces."""
    if not text:
        return ""
    if text.isascii():  # no accent, no ligature (most names, every code permanent): nothing to decompose
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SEPARATORS.sub(" ", plain).strip()


def letters_only(text: str) -> str:
    """Upper-case ASCII letters of ``text`` (accents stripped): the alphabet of a code permanent."""
    return "".join(ch for ch in fold(text) if "a" <= ch <= "z").upper()


def student_search_key(last_name: str, first_name: str, fiche: str, code_permanent: str | None) -> str:
    """The string the student search matches against: "last first fiche code", folded.

    The code permanent is folded too (lower case), so the query must be folded the same way.
    """
    parts = [fold(last_name), fold(first_name), fiche or "", fold(code_permanent or "")]
    return " ".join(part for part in parts if part)
