"""The student list at launch (issue 15, item 2): the first screen of students is usable at once,
the whole board's index follows and replaces it without losing what the secretary opened."""

from __future__ import annotations

from desktop.services.facade import Changes, Vitrail
from desktop.services.students import load_student_index
from desktop.services.students.first_page import load_first_students
from desktop.views.context import build_context
from desktop.views.students_page import StudentsPage

from student_rows import seed_small_board
from support.held_runner import HeldRunner


def _names(index) -> list[tuple[str, str]]:
    return [(row[3], row[4]) for row in index.rows]


def test_the_first_page_is_the_start_of_the_full_list_in_the_same_order(any_db):
    seed_small_board(any_db)
    full = load_student_index(any_db)
    first = load_first_students(any_db, count=4)
    assert _names(first) == _names(full)[:4]
    row = first.rows[0]
    assert first.school_name(row) == full.school_name(full.rows[0])
    assert first.group_code(row) == full.group_code(full.rows[0])


def test_the_first_page_searches_its_rows_and_suggests_nothing_yet(any_db):
    seed_small_board(any_db)
    first = load_first_students(any_db)
    assert len(first.search("cote")) == 2  # the two Côté children
    assert first.suggest("Cotte") == []


def test_the_first_students_are_listed_and_openable_before_the_whole_index(qtbot, empty_db):
    seed_small_board(empty_db)
    runner = HeldRunner()
    page = StudentsPage(build_context(Vitrail(empty_db), runner))
    qtbot.addWidget(page)
    page.show()
    assert len(runner.held) == 1  # the first page alone: fetching the whole index would hold it up

    with qtbot.waitSignal(page.first_page_shown):
        runner.release(0)
    assert len(runner.held) == 1  # now the whole index
    assert page.model.rowCount() == 6
    assert page.count_label.text() == "Chargement des élèves…"
    assert not page.index_ready
    first_id = page.model.student_id(0)
    page.list_view.setCurrentIndex(page.model.index(0, 0))  # the secretary opens the first student
    assert page.file_view.isVisibleTo(page)
    runner.release(len(runner.held) - 1)  # the file's own load, asked for last

    with qtbot.waitSignal(page.index_loaded):
        runner.release(0)
    assert page.index_ready
    assert page.count_label.text() == "6 élèves"
    assert page.selected_student_ids() == (first_id,)  # still selected in the full list


def test_the_index_shared_by_the_apercu_page_is_not_loaded_again(qtbot, empty_db):
    """The Aperçu page loaded the board's index while the first page was on its way: the Élèves
    page lists that copy and asks for no second one."""
    seed_small_board(empty_db)
    runner = HeldRunner()
    context = build_context(Vitrail(empty_db), runner)
    page = StudentsPage(context)
    qtbot.addWidget(page)
    shared = load_student_index(empty_db)
    context.student_index = shared
    runner.announce(Changes(board=True))  # as the Aperçu page's load ends
    with qtbot.assertNotEmitted(page.first_page_shown):
        runner.release(0)
    assert [operation.quiet for operation in runner.held] == [True]  # the launch's warm-up alone: no second index
    assert page.model.student_index is shared
    assert page.count_label.text() == "6 élèves"
