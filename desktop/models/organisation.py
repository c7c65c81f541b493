"""The board, its schools, staff and homeroom groups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned

LEVELS = ("primary", "secondary")


class SchoolBoard(Base):
    """Centre de services scolaire: owns schools, fiche numbers and portal defaults."""

    __tablename__ = "school_board"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster org (district) key

    schools: Mapped[list[School]] = relationship(back_populates="board", order_by="School.code")


class School(Versioned, Base):
    """École: chooses its own parent tiles and group-average display (settings live elsewhere)."""

    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(10))  # one of LEVELS
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    fax: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    direction_names: Mapped[str] = mapped_column(Text, default="")
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster org (school) key

    board: Mapped[SchoolBoard] = relationship(back_populates="schools")
    groups: Mapped[list[HomeroomGroup]] = relationship(back_populates="school", order_by="HomeroomGroup.code")


class Staff(Versioned, Base):
    """A staff member; the role they get on a student is derived from job class and assignments."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), default="")
    job_class: Mapped[str] = mapped_column(String(10))  # corps d'emploi, e.g. "4215"
    publishes_email: Mapped[bool] = mapped_column(Boolean, default=False)
    username: Mapped[str] = mapped_column(String(100), default="")
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster user key

    school: Mapped[School | None] = relationship()
    assignments: Mapped[list[TeachingAssignment]] = relationship(back_populates="staff")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class HomeroomGroup(Base):
    """Groupe-repère, with its responsible (homeroom) teacher, for one school year."""

    __tablename__ = "homeroom_group"
    __table_args__ = (UniqueConstraint("school_id", "school_year", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)  # 2026 means 2026-2027
    code: Mapped[str] = mapped_column(String(20))
    grade: Mapped[int] = mapped_column(Integer)  # 1-6 primary, 1-5 secondary
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster homeroom class key

    school: Mapped[School] = relationship(back_populates="groups")
    responsible: Mapped[Staff | None] = relationship()


class Subject(Base):
    """Matière, e.g. MAT (mathématique)."""

    __tablename__ = "subject"
    __table_args__ = (UniqueConstraint("board_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))

    competencies: Mapped[list[Competency]] = relationship(back_populates="subject", order_by="Competency.code")


class Competency(Base):
    """Compétence assessed within a subject."""

    __tablename__ = "competency"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))

    subject: Mapped[Subject] = relationship(back_populates="competencies")


class CourseGroup(Base):
    """Matière-groupe: a subject taught to one homeroom group (the students of that group take it)."""

    __tablename__ = "course_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("homeroom_group.id"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster scheduled class key

    group: Mapped[HomeroomGroup] = relationship()
    subject: Mapped[Subject] = relationship()
    assignments: Mapped[list[TeachingAssignment]] = relationship(back_populates="course_group")


class TeachingAssignment(Base):
    """A teacher teaches a course-group."""

    __tablename__ = "teaching_assignment"
    __table_args__ = (UniqueConstraint("staff_id", "course_group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"), index=True)

    staff: Mapped[Staff] = relationship(back_populates="assignments")
    course_group: Mapped[CourseGroup] = relationship(back_populates="assignments")


class ScheduleEntry(Base):
    """Horaire: one period of a course-group in the cycle (day 1..9)."""

    __tablename__ = "schedule_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"), index=True)
    cycle_day: Mapped[int] = mapped_column(Integer)
    period: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[str] = mapped_column(String(5))  # "08:15"
    end_time: Mapped[str] = mapped_column(String(5))
    room: Mapped[str] = mapped_column(String(20), default="")

    course_group: Mapped[CourseGroup] = relationship()


class Homework(Base):
    """Devoirs, leçons et évaluations à venir d'un cours-groupe (agenda, homework tiles)."""

    __tablename__ = "homework"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # "homework" | "lesson" | "assessment"
    title: Mapped[str] = mapped_column(String(300))

    course_group: Mapped[CourseGroup] = relationship()
