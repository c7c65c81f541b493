"""The first click of the day (issue 15): after launch, one student's file and preview are opened
once in the background and dropped, so the person's first file and first preview do not also
pay for compiling their statements (30 and 90 ms more than every later one, on a click).

"Compiled" is read from SQLAlchemy's execution context (``cache_hit``), observed through the
engine's ``before_cursor_execute`` event on a fresh engine, as a new workstation process has.
"""

from __future__ import annotations

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
