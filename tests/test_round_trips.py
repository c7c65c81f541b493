"""How many statements each everyday interaction sends to the database (issue 15, item 1).

Over a board's network every statement is a round trip (about 5 ms), which costs more than the
indexed query itself: an interaction must send few of them, whatever the size of the file. A
change that adds one fails here, on SQLite and on PostgreSQL.

What counts: every statement a cursor executes, seen by the engine's ``before_cursor_execute``
event (observed, not mocked); an ``executemany`` counts once (psycopg sends it as one multi-row
statement). What does not: the transaction's own BEGIN / COMMIT / ROLLBACK, which the drivers
send themselves, and the pool's pre-ping on PostgreSQL (one per connection checkout). The
person's grants are read beforehand: the access check reads them once a minute, not per click.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from desktop.models import CourseGroup, Staff, Student, StudentGuardian, TeachingAssignment
from desktop.services.accounts.nips import NipRequest
from desktop.services.demo import generate_demo
from desktop.services.facade import Vitrail
from desktop.services.students import EmailEdit
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TODAY

# The budget of each interaction; the reason when it is above one.
FILE = 2  # the student's school (the access check), then the student, guardians, contacts, last email
#            changes, other children: one statement
PREVIEW = 3  # the record (one statement), the school's settings, the staff offered as viewers
VIEWS = 3  # the record, the settings, every staff member among the viewers at once
SAVE = 4  # the guardians' schools (the access check), the guardians as loaded (version check), their
#            UPDATE, the audit rows (one executemany)
NIP_FIRST = 4  # the student's school (the access check), the links with the letter's data, the NIP rows,
#                their audit events
NIP_REISSUE = 5  # the same, plus the UPDATE revoking the NIP replaced (before the new one may exist)


@pytest.fixture
def board(any_db):
    generate_demo(any_db, students=40, seed=7, today=TODAY)
    return Vitrail(any_db)


@contextmanager
def statements(app: Vitrail) -> Iterator[list[str]]:
    """The statements sent to the database inside the block (transaction control left out)."""
    sent: list[str] = []
    app.access.me()  # the person's grants, read once a minute (``PERSON_TTL_S``), not at each click

    def seen(_conn, _cursor, statement, _params, _context, _executemany) -> None:
        if statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            sent.append(statement)

    event.listen(app.database.engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(app.database.engine, "before_cursor_execute", seen)


def _taught_student(app: Vitrail) -> tuple[int, int, list[int]]:
    """A student with a guardian and taught course-groups, that guardian, and up to six staff of the board."""
    with app.database.sessions() as session:
        student_id, guardian_id = session.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id)
            .join(Student, Student.id == StudentGuardian.student_id)
            .join(CourseGroup, CourseGroup.group_id == Student.group_id)
            .join(TeachingAssignment, TeachingAssignment.course_group_id == CourseGroup.id)
            .where(StudentGuardian.active.is_(True)).order_by(Student.id).limit(1)).one()
        staff = list(session.scalars(select(Staff.id).order_by(Staff.id).limit(6)))
    return student_id, guardian_id, staff


def test_a_students_file_opens_in_two_statements(board):
    student_id, guardian_id, _ = _taught_student(board)
    with statements(board) as sent:
        opened = board.students.file(student_id)
    assert len(sent) <= FILE, sent
    assert opened.guardian(guardian_id) is not None


def test_the_preview_page_loads_a_student_in_three_statements(board):
    student_id, _, _ = _taught_student(board)
    with statements(board) as sent:
        loaded = board.visibility.student(student_id, TODAY)
    assert len(sent) <= PREVIEW, sent
    assert any(choice.group == "Personnel" for choice in loaded.choices)


def test_one_viewer_and_nine_side_by_side_cost_the_same(board):
    student_id, guardian_id, staff = _taught_student(board)
    with statements(board) as one:
        board.visibility.views(student_id, [ViewerSpec.guardian(guardian_id)], TODAY)
    nine = [*(ViewerSpec.staff(staff_id) for staff_id in staff), ViewerSpec.guardian(guardian_id),
            ViewerSpec.as_student(), ViewerSpec.abstract("direction")]
    with statements(board) as sent:
        views = board.visibility.views(student_id, nine, TODAY)
    assert len(one) <= VIEWS, one
    assert len(sent) <= VIEWS, sent
    assert len(views) == 9


def test_saving_a_guardians_email_is_four_statements(board):
    student_id, guardian_id, _ = _taught_student(board)
    line = board.students.file(student_id).guardian(guardian_id)
    assert line is not None
    with statements(board) as sent:
        board.students.save_emails([EmailEdit(guardian_id, line.version, "nouveau.courriel@exemple.ca")])
    assert len(sent) <= SAVE, sent
    assert board.students.file(student_id).guardian(guardian_id).email == "nouveau.courriel@exemple.ca"


def test_issuing_a_nip_with_its_letter_is_four_statements_five_to_replace_one(board, tmp_path):
    student_id, guardian_id, _ = _taught_student(board)
    request = NipRequest(student_id, guardian_id)
    with statements(board) as first:
        board.accounts.issue_nips([request], letter=tmp_path / "lettre.pdf")
    with statements(board) as again:
        board.accounts.issue_nips([request], letter=tmp_path / "lettre-2.pdf")
    assert len(first) <= NIP_FIRST, first
    assert len(again) <= NIP_REISSUE, again
    assert (tmp_path / "lettre-2.pdf").stat().st_size > 0
    status = board.accounts.nip_status(student_id, guardian_id)
    assert status is not None and status.revoked_at is None
