"""A student's file as the secretariat opens it: identity, guardians (with the last change of
their email and their other children), contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import desc, select
from sqlalchemy.orm import Session

from desktop.models import (
    AuditAction,
    AuditEntry,
    Guardian,
    Student,
    StudentGuardian,
)
from desktop.services.errors import NotFound
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

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def guardian(self, guardian_id: int) -> GuardianLine | None:
        return next((g for g in self.guardians if g.guardian_id == guardian_id), None)


def load_student_file(database: Database, student_id: int) -> StudentFile:
    """Everything the student's file panel shows, as plain dataclasses (no live ORM objects)."""
    with database.sessions() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise NotFound(f"L'élève n° {student_id} n'existe pas (ou plus) dans cette base.")
        # A link the SIS ended (import) stays in the database, not on the file.
        links = sorted((link for link in student.guardian_links if link.active),
                       key=lambda link: (link.respondent_rank or 9, link.id))
        guardian_ids = [link.guardian_id for link in links]
        changes = _last_email_changes(session, guardian_ids)
        siblings = _other_children(session, guardian_ids, student_id)
        return StudentFile(
            student_id=student.id, fiche=student.fiche, code_permanent=student.code_permanent,
            last_name=student.last_name, first_name=student.first_name, birth_date=student.birth_date,
            sex=student.sex, board_code=student.board.code, school_code=student.school.code,
            school_name=student.school.name, school_level=student.school.level,
            group_code=student.group.code if student.group else None,
            grade=student.grade, transport_entitled=student.transport_entitled,
            transport_details=student.transport_details or "",
            guardians=tuple(_guardian_line(link, changes.get(link.guardian_id), siblings.get(link.guardian_id, ()))
                            for link in links),
            contacts=tuple(ContactLine(c.name, c.relationship_label, c.phone, c.is_emergency)
                           for c in sorted(student.contacts, key=lambda c: (not c.is_emergency, c.id))),
            version=student.version,
        )


def _guardian_line(link: StudentGuardian, change: EmailChange | None, others: tuple[str, ...]) -> GuardianLine:
    g = link.guardian
    return GuardianLine(
        guardian_id=g.id, version=g.version, last_name=g.last_name, first_name=g.first_name,
        respondent_rank=link.respondent_rank, relationship=link.relationship_label or "",
        lives_with=link.lives_with, email=g.email, home_phone=g.home_phone or "",
        cell_phone=g.cell_phone or "", work_phone=g.work_phone or "", other_phone=g.other_phone or "",
        other_children=others, last_email_change=change)


def _last_email_changes(session: Session, guardian_ids: list[int]) -> dict[int, EmailChange]:
    if not guardian_ids:
        return {}
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == Guardian.__tablename__, AuditEntry.entity_id.in_(guardian_ids),
               AuditEntry.field == "email", AuditEntry.action == AuditAction.UPDATE)
        .order_by(desc(AuditEntry.at), desc(AuditEntry.id))
    )
    changes: dict[int, EmailChange] = {}
    for entry in entries:
        if entry.entity_id is None:
            continue
        changes.setdefault(entry.entity_id, EmailChange(entry.at, entry.os_user, entry.workstation, entry.before))
    return changes


def _other_children(session: Session, guardian_ids: list[int], student_id: int) -> dict[int, tuple[str, ...]]:
    """For each guardian, the other children linked to them: a new email reaches all of them."""
    if not guardian_ids:
        return {}
    rows = session.execute(
        select(StudentGuardian.guardian_id, Student.first_name, Student.last_name)
        .join(Student, Student.id == StudentGuardian.student_id)
        .where(StudentGuardian.guardian_id.in_(guardian_ids), Student.id != student_id)
        .order_by(Student.first_name)
    )
    others: dict[int, list[str]] = {}
    for guardian_id, first, last in rows:
        others.setdefault(guardian_id, []).append(f"{first} {last}")
    return {key: tuple(value) for key, value in others.items()}
