"""Lists for people and scripts (``vitrail students``, ``vitrail staff``) and finding a student
by fiche."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Connection, func, select, true
from sqlalchemy.orm import Session

from desktop.models import (
    CourseGroup,
    Guardian,
    HomeroomGroup,
    School,
    SchoolBoard,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.calendar import school_year_of
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.storage import Database
from desktop.services.students.index import (
    BIRTH_DATE,
    CODE_PERMANENT,
    FICHE,
    FIRST_NAME,
    ID,
    LAST_NAME,
    as_date,
    load_student_index,
)
from desktop.services.text import fold


@dataclass(frozen=True)
class GuardianSummary:
    id: int
    name: str
    email: str | None
    respondent_rank: int | None


@dataclass(frozen=True)
class StudentSummary:
    id: int
    fiche: str
    code_permanent: str | None
    last_name: str
    first_name: str
    birth_date: date
    board: str
    school: str
    group: str | None
    guardians: tuple[GuardianSummary, ...]


def list_students(database: Database, search: str | None = None,
                  schools: Collection[int] | None = None) -> list[StudentSummary]:
    """Students (all, or those the search finds, by the GUI's own rule), sorted by name, with guardians.

    ``schools``: only the students of these schools (None: every school).
    """
    index = load_student_index(database, schools)
    positions = index.search(search or "").positions
    boards: dict[int, str] = {}
    guardians: dict[int, list[GuardianSummary]] = {}
    with database.engine.connect() as connection:
        if search or schools is not None:
            wanted = [index.rows[p][ID] for p in positions]
            for chunk in _chunks(wanted, 900):
                _read_boards_and_guardians(connection, Student.id.in_(chunk), boards, guardians)
        else:
            _read_boards_and_guardians(connection, true(), boards, guardians)
    result = []
    for position in positions:
        row = index.rows[position]
        result.append(StudentSummary(
            id=row[ID], fiche=row[FICHE], code_permanent=row[CODE_PERMANENT], last_name=row[LAST_NAME],
            first_name=row[FIRST_NAME], birth_date=as_date(row[BIRTH_DATE]), board=boards[row[ID]],
            school=index.school_code(row), group=index.group_code(row), guardians=tuple(guardians.get(row[ID], ()))))
    return result


def _read_boards_and_guardians(connection: Connection, student_filter: ColumnElement[bool],
                               boards: dict[int, str], guardians: dict[int, list[GuardianSummary]]) -> None:
    for student_id, board_code in connection.execute(
        select(Student.id, SchoolBoard.code).join(SchoolBoard, SchoolBoard.id == Student.board_id)
        .where(student_filter)
    ):
        boards[student_id] = board_code
    for student_id, guardian_id, first, last, email, rank in connection.execute(
        select(StudentGuardian.student_id, Guardian.id, Guardian.first_name, Guardian.last_name,
               Guardian.email, StudentGuardian.respondent_rank)
        .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
        .join(Student, Student.id == StudentGuardian.student_id)
        .where(student_filter, StudentGuardian.active.is_(True))
        .order_by(StudentGuardian.student_id, func.coalesce(StudentGuardian.respondent_rank, 9), Guardian.id)
    ):
        guardians.setdefault(student_id, []).append(GuardianSummary(guardian_id, f"{first} {last}", email, rank))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True)
class AssignmentSummary:
    course_group: str
    subject: str


@dataclass(frozen=True)
class StaffSummary:
    id: int
    name: str
    job_class: str
    school: str | None
    assignments: tuple[AssignmentSummary, ...]


def list_staff(database: Database, today: date | None = None) -> list[StaffSummary]:
    """Every staff member with their teaching assignments of the current school year, sorted by name.

    Past years' course-groups keep their assignments (history), but a secretary asking "who
    teaches what" means this year.
    """
    year = school_year_of(today or database.clock.today())
    with database.engine.connect() as connection:
        people = connection.execute(
            select(Staff.id, Staff.first_name, Staff.last_name, Staff.job_class, School.code)
            .outerjoin(School, School.id == Staff.school_id)
        ).all()
        assignments: dict[int, list[AssignmentSummary]] = {}
        for staff_id, group_code, subject_code in connection.execute(
            select(TeachingAssignment.staff_id, CourseGroup.code, Subject.code)
            .join(CourseGroup, CourseGroup.id == TeachingAssignment.course_group_id)
            .join(Subject, Subject.id == CourseGroup.subject_id)
            .join(HomeroomGroup, HomeroomGroup.id == CourseGroup.group_id)
            .where(HomeroomGroup.school_year == year)
            .order_by(CourseGroup.code)
        ):
            assignments.setdefault(staff_id, []).append(AssignmentSummary(group_code, subject_code))
    people = sorted(people, key=lambda p: (fold(p[2]), fold(p[1]), p[0]))
    return [StaffSummary(sid, f"{first} {last}", job_class, school, tuple(assignments.get(sid, ())))
            for sid, first, last, job_class, school in people]


def find_student_by_fiche(session: Session, fiche: str, board_code: str | None = None) -> Student:
    """The student with this fiche. A fiche is unique only within a board, so a number found in
    two boards is refused until the caller names the board (as the portal's form does)."""
    query = (select(Student, SchoolBoard.code).join(SchoolBoard, SchoolBoard.id == Student.board_id)
             .where(Student.fiche == fiche.strip()))
    if board_code:
        query = query.where(SchoolBoard.code == board_code)
    rows = session.execute(query).all()
    if not rows:
        where = f" au centre de services « {board_code} »" if board_code else ""
        raise NotFound(f"Aucun élève avec la fiche « {fiche} »{where}.")
    if len(rows) > 1:
        raise InvalidInput(f"La fiche « {fiche} » existe dans plusieurs centres de services "
                           f"({', '.join(row[1] for row in rows)}) : précisez --board.")
    student: Student = rows[0][0]
    return student
