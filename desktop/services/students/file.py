"""A student's file as the secretariat opens it: identity, guardians (with the last change of
their email and their other children), contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import aliased

from desktop.models import (
    AuditAction,
    AuditEntry,
    Contact,
    Guardian,
    HomeroomGroup,
    School,
    SchoolBoard,
    Student,
    StudentGuardian,
)
from desktop.services.errors import NotFound
from desktop.services.nested_rows import load_nested, nested_rows, nested_statement
from desktop.services.storage import Database


@dataclass(frozen=True)
class EmailChange:
    """The last time a guardian's email was changed (from the audit log)."""

    at: datetime
    os_user: str
    workstation: str
    before: str | None


@dataclass(frozen=True)
class GuardianLine:
    """One guardian as the student's file shows it; ``version`` is what a save must still find."""

    guardian_id: int
    version: int
    last_name: str
    first_name: str
    respondent_rank: int | None
    relationship: str
    lives_with: bool
    email: str | None
    home_phone: str
    cell_phone: str
    work_phone: str
    other_phone: str
    other_children: tuple[str, ...]
    last_email_change: EmailChange | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ContactLine:
    name: str
    relationship: str
    phone: str
    is_emergency: bool


@dataclass(frozen=True)
class StudentFile:
    student_id: int
    fiche: str
    code_permanent: str | None
    last_name: str
    first_name: str
    birth_date: date
    sex: str
    board_code: str
    school_code: str
    school_name: str
    school_level: str
    group_code: str | None
    grade: int
    transport_entitled: bool
    transport_details: str
    guardians: tuple[GuardianLine, ...]
    contacts: tuple[ContactLine, ...]
    version: int = 0  # the student's row version when loaded: what a code permanent save must still find
    school_id: int = 0  # what the access check reads (``Vitrail.students.file``)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def guardian(self, guardian_id: int) -> GuardianLine | None:
        return next((g for g in self.guardians if g.guardian_id == guardian_id), None)


@lru_cache(maxsize=1)
def _file_statement() -> Select[Any]:
    """The file's lists as ``nested_rows`` columns of one statement (one round trip), built once:
    the student with their board, school and group; their active guardians; their contacts; the
    last email changes of those guardians; those guardians' other children."""
    student_id: BindParameter[int] = bindparam("student_id")
    guardian_ids = (select(StudentGuardian.guardian_id)
                    .where(StudentGuardian.student_id == student_id, StudentGuardian.active.is_(True)).correlate(None))
    others = aliased(StudentGuardian)
    core = nested_rows(
        select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
               Student.birth_date, Student.sex, SchoolBoard.code, School.code, School.name, School.level,
               HomeroomGroup.code, Student.grade, Student.transport_entitled, Student.transport_details,
               Student.version, Student.school_id)
        .join(SchoolBoard, Student.board_id == SchoolBoard.id)
        .join(School, Student.school_id == School.id)
        .outerjoin(HomeroomGroup, Student.group_id == HomeroomGroup.id)
        .where(Student.id == student_id))
    # A link the SIS ended (import) stays in the database, not on the file.
    guardians = nested_rows(
        select(Guardian.id, Guardian.version, Guardian.last_name, Guardian.first_name, StudentGuardian.respondent_rank,
               StudentGuardian.relationship_label, StudentGuardian.lives_with, Guardian.email, Guardian.home_phone,
               Guardian.cell_phone, Guardian.work_phone, Guardian.other_phone)
        .join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
        .where(StudentGuardian.student_id == student_id, StudentGuardian.active.is_(True)),
        func.coalesce(StudentGuardian.respondent_rank, 9), StudentGuardian.id)
    contacts = nested_rows(
        select(Contact.name, Contact.relationship_label, Contact.phone, Contact.is_emergency)
        .where(Contact.student_id == student_id),
        Contact.is_emergency.desc(), Contact.id)
    changes = nested_rows(
        select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.os_user, AuditEntry.workstation, AuditEntry.before)
        .where(AuditEntry.entity == Guardian.__tablename__, AuditEntry.entity_id.in_(guardian_ids),
               AuditEntry.field == "email", AuditEntry.action == AuditAction.UPDATE),
        AuditEntry.at.desc(), AuditEntry.id.desc())
    # For each guardian, the other children linked to them: a new email reaches all of them.
    siblings = nested_rows(
        select(others.guardian_id, Student.first_name, Student.last_name)
        .join(Student, Student.id == others.student_id)
        .where(others.guardian_id.in_(guardian_ids), Student.id != student_id),
        Student.first_name)
    return nested_statement([core, guardians, contacts, changes, siblings])


def load_student_file(database: Database, student_id: int) -> StudentFile:
    """Everything the student's file panel shows, as plain dataclasses (no live ORM objects), in one statement."""
    with database.read_session() as session:
        cores, guardian_rows, contact_rows, change_rows, sibling_rows = load_nested(
            session, _file_statement(), {"student_id": student_id})
    if not cores:
        raise NotFound(f"L'élève n° {student_id} n'existe pas (ou plus) dans cette base.")
    (_, fiche, code_permanent, last_name, first_name, birth_date, sex, board_code, school_code, school_name,
     school_level, group_code, grade, transport_entitled, transport_details, version, school_id) = cores[0]
    changes: dict[int, EmailChange] = {}
    for guardian_id, at, os_user, workstation, before in change_rows:
        if guardian_id is not None:
            changes.setdefault(guardian_id, EmailChange(datetime.fromisoformat(at), os_user, workstation, before))
    others: dict[int, list[str]] = {}
    for guardian_id, first, last in sibling_rows:
        others.setdefault(guardian_id, []).append(f"{first} {last}")
    return StudentFile(
        student_id=student_id, fiche=fiche, code_permanent=code_permanent, last_name=last_name,
        first_name=first_name, birth_date=date.fromisoformat(birth_date), sex=sex, board_code=board_code,
        school_code=school_code, school_name=school_name, school_level=school_level, group_code=group_code,
        grade=grade, transport_entitled=bool(transport_entitled), transport_details=transport_details or "",
        guardians=tuple(_guardian_line(row, changes.get(row[0]), tuple(others.get(row[0], ())))
                        for row in guardian_rows),
        contacts=tuple(ContactLine(name, relationship or "", phone or "", bool(emergency))
                       for name, relationship, phone, emergency in contact_rows),
        version=version, school_id=school_id,
    )


def _guardian_line(row: list[Any], change: EmailChange | None, others: tuple[str, ...]) -> GuardianLine:
    (guardian_id, version, last_name, first_name, rank, relationship, lives_with, email, home_phone, cell_phone,
     work_phone, other_phone) = row
    return GuardianLine(
        guardian_id=guardian_id, version=version, last_name=last_name, first_name=first_name,
        respondent_rank=rank, relationship=relationship or "", lives_with=bool(lives_with), email=email,
        home_phone=home_phone or "", cell_phone=cell_phone or "", work_phone=work_phone or "",
        other_phone=other_phone or "", other_children=others, last_email_change=change)
