"""The search index: every student of the database as compact tuples, searchable as one types.

The search runs over every student of the board as the secretary types, so it must not touch
the database per keystroke nor build an ORM object per student: ``load_student_index`` reads
one Core SELECT into plain tuples once, and ``StudentIndex.search`` filters positions in memory
(narrowing the previous result when the new text only extends the old one).

Matching rule (decided here): the query is folded like ``Student.search_key`` (accents, case,
hyphens and apostrophes ignored) and split into words; a student matches when every query word
is the beginning of some word of "last first fiche code-permanent". So "trem ma" finds Marie
Tremblay, "cote" finds Côté, "1234" finds fiche 1234567 and "TREM1" a code permanent — but "ay"
does not find every Tremblay of the board.

Names heard on the phone are misspelled all day ("Bolduk", "Beatrise", "Rodrigues"): when the
prefix search finds little, ``StudentIndex.suggest`` proposes the closest spellings of the board's
names (rapidfuzz's edit-distance scores, not a hand-written matcher), each checked to find someone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Final

from sqlalchemy import select

from desktop.models import (
    HomeroomGroup,
    School,
    Student,
)
from desktop.services.storage import Database
from desktop.services.text import fold, student_search_key

# One student of the index, as the driver returns it (the birth date is ISO text on SQLite):
# id, fiche, code permanent, last name, first name, birth date, school id, group id, search key.
IndexRow = tuple[int, str, str | None, str, str, date | str, int, int | None, str | None]

# Positions inside an index row.
ID: Final = 0
FICHE: Final = 1
CODE_PERMANENT: Final = 2
LAST_NAME: Final = 3
FIRST_NAME: Final = 4
BIRTH_DATE: Final = 5
SCHOOL_ID: Final = 6
GROUP_ID: Final = 7
SEARCH_KEY: Final = 8


@dataclass(frozen=True)
class SearchResult:
    """Positions (into ``StudentIndex.rows``) of the students matching ``words``, in index order."""

    words: tuple[str, ...]
    positions: list[int]

    def __len__(self) -> int:
        return len(self.positions)


# The prefix search "finds little" below this many students: suggestions are then offered.
FEW_RESULTS: Final = 3
# rapidfuzz ratio (0–100) a name word must reach to be suggested for a typed word: "bolduk"/"bolduc"
# scores 83, "beatrise"/"beatrice" 88, "rodrigues"/"rodriguez" 89; "roy"/"ray" (67) is left out.
SUGGESTION_CUTOFF: Final = 75.0
_NAME_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class SpellingSuggestion:
    """A corrected query that finds students: ``query`` to search, ``label`` to show, ``count`` found."""

    query: str
    label: str
    count: int
    score: float


class StudentIndex:
    """Every student of the database as compact tuples, sorted by name, searchable in memory.

    ``rows[i]`` is (id, fiche, code_permanent, last, first, birth_date, school id, group id,
    search key) exactly as the driver returned it; schools and groups are looked up in two small
    dictionaries instead of repeating their names 100,000 times. ``keys[i]`` is " " + the search
    key, so that a word-start test is a substring test on " " + word.
    """

    def __init__(self, rows: list[IndexRow], keys: list[str], schools: dict[int, tuple[str, str]],
                 groups: dict[int, str]) -> None:
        self.rows = rows
        self.keys = keys
        self._schools = schools
        self._groups = groups
        self._position_of_id: dict[int, int] | None = None  # built on first use: not needed to type
        self._name_words: dict[str, str] | None = None  # folded name word → as written; built on first use

    def __len__(self) -> int:
        return len(self.rows)

    def position_of(self, student_id: int) -> int | None:
        if self._position_of_id is None:
            self._position_of_id = {row[ID]: position for position, row in enumerate(self.rows)}
        return self._position_of_id.get(student_id)

    def replace_row(self, row: IndexRow) -> int | None:
        """Put a student's fresh row (``load_index_row``) in place; returns its position.

        The position is kept: only the code permanent is edited in the GUI, which does not move a
        student in the name order.
        """
        position = self.position_of(row[ID])
        if position is not None:
            self.rows[position] = row
            self.keys[position] = " " + (row[SEARCH_KEY] or _search_key_of(row))
        return position

    def school_code(self, row: IndexRow) -> str:
        return self._schools[row[SCHOOL_ID]][0]

    def school_name(self, row: IndexRow) -> str:
        return self._schools[row[SCHOOL_ID]][1]

    def group_code(self, row: IndexRow) -> str | None:
        group_id = row[GROUP_ID]
        return self._groups.get(group_id) if group_id is not None else None

    def everything(self) -> SearchResult:
        return SearchResult((), list(range(len(self.rows))))

    def search(self, query: str, previous: SearchResult | None = None,
               order: Sequence[int] | None = None) -> SearchResult:
        """Students matching every word of ``query``.

        ``previous`` (the result for the text typed before) is narrowed instead of scanning the
        whole board when each of its words is the start of a new word — the usual keystroke.
        ``order`` is the full position order to return results in (a sort chosen by the user);
        narrowing keeps the order of ``previous``.
        """
        words = tuple(fold(query).split())
        if not words:
            return SearchResult((), list(order) if order is not None else list(range(len(self.rows))))
        if previous is not None and _extends(words, previous.words):
            candidates: Iterable[int] = previous.positions
            needles = [" " + word for word in words if word not in previous.words]
        else:
            candidates = order if order is not None else range(len(self.rows))
            needles = [" " + word for word in words]
        keys = self.keys
        positions = list(candidates)
        # Longest word first: it is usually the most selective.
        for needle in sorted(needles, key=len, reverse=True):
            positions = [p for p in positions if needle in keys[p]]
        return SearchResult(words, positions)


    def name_words(self) -> dict[str, str]:
        """Every word of the board's surnames and given names, folded → as first written ("cote" → "Côté")."""
        if self._name_words is None:
            # A board has a few thousand distinct names for 100,000 students: split those (surnames,
            # then given names, in the order first met) rather than every student's, which made the
            # first misspelled keystroke pause for a third of a second.
            names = {**dict.fromkeys(map(itemgetter(LAST_NAME), self.rows)),
                     **dict.fromkeys(map(itemgetter(FIRST_NAME), self.rows))}
            words: dict[str, str] = {}
            for name in names:
                for written in _NAME_WORD.findall(name):
                    words.setdefault(fold(written), written)
            self._name_words = words
        return self._name_words

    def suggest(self, query: str, limit: int = 3) -> list[SpellingSuggestion]:
        """Closest spellings of ``query`` that find students, best first (empty when nothing is close).

        Each word of the query that starts no name word is replaced by the nearest name words
        (ties broken alphabetically, so the same typing always gets the same suggestions); fiche
        numbers and words that already match are kept. Only corrections that find someone are
        offered.
        """
        from rapidfuzz import fuzz, process  # here, not at launch: only a search that finds no one needs it

        words = fold(query).split()
        vocabulary = self.name_words()
        if not words or not vocabulary:
            return []
        choices = sorted(vocabulary)
        alternatives: list[list[tuple[str, float]]] = []
        for word in words:
            if word.isdigit() or self._starts_a_name(word):
                alternatives.append([(word, 100.0)])
                continue
            found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, limit=limit * 2)
            ranked = sorted(((choice, score) for choice, score, _ in found), key=lambda pair: (-pair[1], pair[0]))
            if not ranked:
                return []
            alternatives.append(ranked[:limit])
        suggestions: list[SpellingSuggestion] = []
        seen: set[str] = set()
        for candidate in _combinations(alternatives, limit * 3):
            folded_query = " ".join(word for word, _ in candidate)
            if folded_query in seen or folded_query == " ".join(words):
                continue
            seen.add(folded_query)
            count = len(self.search(folded_query))
            if count:
                label = " ".join(vocabulary.get(word, word) for word, _ in candidate)
                score = min(score for _, score in candidate)
                suggestions.append(SpellingSuggestion(folded_query, label, count, round(score, 1)))
        suggestions.sort(key=lambda s: (-s.score, -s.count, s.label))
        return suggestions[:limit]

    def _starts_a_name(self, word: str) -> bool:
        return any(name.startswith(word) for name in self.name_words())


def _combinations(alternatives: list[list[tuple[str, float]]], limit: int) -> list[list[tuple[str, float]]]:
    """The first ``limit`` combinations of one alternative per word, best-scored words first."""
    combos: list[list[tuple[str, float]]] = [[]]
    for options in alternatives:
        combos = [[*combo, option] for combo in combos for option in options][:limit]
    return combos


def _extends(new: tuple[str, ...], old: tuple[str, ...]) -> bool:
    """True when every match of ``new`` is a match of ``old`` (each old word prefixes a new one)."""
    return bool(old) and all(any(word.startswith(prior) for word in new) for prior in old)


def load_student_index(database: Database, schools: Collection[int] | None = None) -> StudentIndex:
    """One SELECT over students (plus the small school and group tables) → the index, sorted by name.

    The Core statement is run on the driver's cursor: for 100,000 rows SQLAlchemy's per-row
    ``Row`` processing (and SQLite date parsing) would cost more than the query itself. Birth
    dates therefore stay as the driver returns them (ISO text on SQLite, ``date`` on PostgreSQL);
    ``as_date`` reads either.
    """
    # Students the SIS says have left (deactivated by an import) are kept, but not listed.
    statement = select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                       Student.birth_date, Student.school_id, Student.group_id,
                       Student.search_key).where(Student.active.is_(True))
    if schools is not None:  # the schools where the person may find students (None: every school)
        statement = statement.where(Student.school_id.in_(sorted(schools)))
    sql = str(statement.compile(dialect=database.engine.dialect, compile_kwargs={"literal_binds": True}))
    with database.engine.connect() as connection:
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None, "a connection just opened has its driver connection"
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql)
            fetched: Sequence[IndexRow] = cursor.fetchall()
        finally:
            cursor.close()
        schools = {
            sid: (code, name) for sid, code, name in connection.execute(select(School.id, School.code, School.name))
        }
        groups = {gid: code for gid, code in connection.execute(select(HomeroomGroup.id, HomeroomGroup.code))}
    sort_keys = [(row[LAST_NAME] + "\x01" + row[FIRST_NAME]).translate(_SORT_LETTERS) for row in fetched]
    order = sorted(range(len(fetched)), key=sort_keys.__getitem__)
    rows = [fetched[i] for i in order]
    keys = [" " + (row[SEARCH_KEY] or _search_key_of(row)) for row in rows]
    return StudentIndex(rows, keys, schools, groups)


def _search_key_of(row: IndexRow) -> str:
    return student_search_key(row[LAST_NAME], row[FIRST_NAME], row[FICHE], row[CODE_PERMANENT])


def as_date(value: date | str) -> date:
    """A birth date from the index (``date`` or ISO text, depending on the driver)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


# Phone-book order in one C call per student: upper case and accented Latin letters → plain
# lower case. Surname and given name are joined by \x01, below every letter, so "Tremblay, Léa"
# sorts before "Tremblay-Bélanger" (ties keep database order).
_SORT_LETTERS = str.maketrans(
    {**{chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)},
     **{chr(code): fold(chr(code)) for code in range(0xC0, 0x250) if fold(chr(code)).isalpha()}})


def load_index_row(database: Database, student_id: int) -> IndexRow | None:
    """One student's index row, fresh from the database (for refreshing the list after a save)."""
    with database.engine.connect() as connection:
        row = connection.execute(
            select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                   Student.birth_date, Student.school_id, Student.group_id, Student.search_key)
            .where(Student.id == student_id)).first()
    if row is None:
        return None
    plain: IndexRow = tuple(row)
    return plain
