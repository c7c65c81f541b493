"""The first click of the day (issue 15): after launch, one student's file and preview are opened
once in the background and dropped, so the person's first file and first preview do not also
pay for compiling their statements (30 and 90 ms more than every later one, on a click).

"Compiled" is read from SQLAlchemy's execution context (``cache_hit``), observed through the
engine's ``before_cursor_execute`` event on a fresh engine, as a new workstation process has.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import AbstractContextManager

from sqlalchemy.engine.interfaces import CacheStats

from desktop.services.facade import Changes, Vitrail
from desktop.services.storage import open_database
from desktop.views.context import build_context
from desktop.views.students_page import StudentsPage

from conftest import TEST_ACTOR, TODAY
from student_rows import seed_small_board
from support.held_runner import HeldRunner
from support.statements import statements_sent


def compiled(vitrail: Vitrail) -> AbstractContextManager[list[str]]:
    """The statements compiled inside the block (not found in the engine's compiled cache)."""
    return statements_sent(vitrail.database.engine, lambda _statement, context:
                           context is not None and context.cache_hit == CacheStats.CACHE_MISS)


def _workstation(url: str) -> Vitrail:
    """A new workstation process: its own engine, nothing compiled yet; the person's grants read."""
    vitrail = Vitrail(open_database(url, actor=TEST_ACTOR))
    vitrail.access.me()
    return vitrail


def _first_click(vitrail: Vitrail, student_id: int) -> list[str]:
    with compiled(vitrail) as seen:
        vitrail.students.file(student_id)
        vitrail.visibility.student(student_id, TODAY)
    return seen


def test_after_the_warm_up_the_first_file_and_preview_compile_nothing(any_db):
    board = seed_small_board(any_db)
    first, other = board.students["Élodie"], board.students["Zoé"]
    cold = _workstation(any_db.url)
    warmed = _workstation(any_db.url)
    try:
        assert _first_click(cold, other), "without the warm-up, the first click compiles its statements"
        warmed.warm_up(first)
        assert _first_click(warmed, other) == []
    finally:
        cold.close()
        warmed.close()


def test_the_window_warms_up_once_quietly_after_the_whole_list_arrived(qtbot, empty_db):
    seed_small_board(empty_db)
    runner = HeldRunner()
    vitrail = _workstation(empty_db.url)
    page = StudentsPage(build_context(vitrail, runner))
    qtbot.addWidget(page)
    runner.release(0)  # the first screen
    with qtbot.waitSignal(page.index_loaded):
        runner.release(0)  # the whole list
    [warm_up] = runner.held
    assert warm_up.quiet, "work nobody asked for shows no busy cursor"
    runner.release(0)
    assert _first_click(vitrail, page.model.student_id(3)) == []
    runner.announce(Changes(board=True))  # a new board: its list is loaded again, not warmed again
    runner.release(0)
    with qtbot.waitSignal(page.index_loaded):
        runner.release(0)
    assert runner.held == []
    vitrail.close()


_FIRST_FILE_SHOWN = """
import sys
from desktop.services.emails import check_email
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database

url, student_id, warm = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "warm"
vitrail = Vitrail(open_database(url))
vitrail.access.me()
if warm:
    vitrail.warm_up(student_id)
before = set(sys.modules)
for guardian in vitrail.students.file(student_id).guardians:  # as the file's guardian rows show them
    check_email(guardian.email)
print(" ".join(sorted(name.split(".")[0] for name in set(sys.modules) - before)))
"""


def test_after_the_warm_up_the_first_file_shown_loads_no_library(empty_db):
    """The file's guardian rows check each email as they are drawn: without the warm-up the first
    file shown imports the email libraries on the window's thread (50 ms)."""
    board = seed_small_board(empty_db)
    student = board.students["Élodie"]

    def first_file(mode: str) -> set[str]:
        done = subprocess.run([sys.executable, "-c", _FIRST_FILE_SHOWN, empty_db.url, str(student), mode],
                              capture_output=True, text=True, timeout=120, check=True)
        return set(done.stdout.split())

    assert "email_validator" in first_file("cold")
    assert first_file("warm") == set()
