"""The first screen of the student list, before the whole index has arrived (issue 15, item 2).

Over a board's network the full index (100,000 rows) takes about a second to arrive; the first
screen of students — the start of the alphabet, as the full list will show it — takes one
small query. The Élèves page shows it at once and swaps in the full index when it is there.

The database orders by ``search_key`` ("last first fiche code", folded), which follows the
index's phone-book order closely; the page is then sorted exactly as the index sorts, so the
few hundred rows look the same once the full list replaces them.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from sqlalchemy import select

from desktop.models import HomeroomGroup, School, Student
from desktop.services.storage import Database
from desktop.services.students.index import (
    _SORT_LETTERS,
    FIRST_NAME,
    LAST_NAME,
    SEARCH_KEY,
    IndexRow,
    SpellingSuggestion,
    StudentIndex,
    _search_key_of,
)

# Enough rows for a maximised window on a tall screen, and for the first keystrokes to find someone.
FIRST_PAGE_ROWS: Final = 200


class FirstStudents(StudentIndex):
    """The start of the list only: it searches its own rows, and suggests no spelling until the
    whole board's names are there (a suggestion from a few hundred names would mislead)."""

    def suggest(self, query: str, limit: int = 3) -> list[SpellingSuggestion]:
        return []


def load_first_students(database: Database, count: int = FIRST_PAGE_ROWS,
                        schools: Collection[int] | None = None) -> FirstStudents:
    """The first ``count`` active students in name order, as a (partial) ``StudentIndex``.

    ``schools``: where the person may find students (None: every school), as for the whole index.

    One query (one round trip): each row brings its school's code and name and its group's code.
    """
    statement = (select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                        Student.birth_date, Student.school_id, Student.group_id, Student.search_key,
                        School.code, School.name, HomeroomGroup.code)
                 .join(School, School.id == Student.school_id)
                 .outerjoin(HomeroomGroup, HomeroomGroup.id == Student.group_id)
                 .where(Student.active.is_(True)).order_by(Student.search_key, Student.id).limit(count))
    if schools is not None:
        statement = statement.where(Student.school_id.in_(sorted(schools)))
    with database.engine.connect() as connection:
        fetched = connection.execute(statement).all()
    rows: list[IndexRow] = [tuple(row[:9]) for row in fetched]
    schools = {row[6]: (row[9], row[10]) for row in fetched}
    groups = {row[7]: row[11] for row in fetched if row[7] is not None}
    rows.sort(key=lambda row: (row[LAST_NAME] + "\x01" + row[FIRST_NAME]).translate(_SORT_LETTERS))
    keys = [" " + (row[SEARCH_KEY] or _search_key_of(row)) for row in rows]
    return FirstStudents(rows, keys, schools, groups)
