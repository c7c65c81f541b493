"""What the school records about a student during the year: results, attendance, SOI, DAP…

Every row carries ``school_year`` (2026 = 2026-2027) where the visibility rules use history
windows (direction: 3 years of SOI; everyone else: the current year).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .organisation import Competency, CourseGroup, School, Staff


class Result(Base):
    """Résultat d'un élève pour une matière-groupe, une compétence et une étape (en %)."""

    __tablename__ = "result"
    __table_args__ = (Index("ix_result_student_year", "student_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"))
    competency_id: Mapped[int] = mapped_column(ForeignKey("competency.id"))
    school_year: Mapped[int] = mapped_column(Integer)
    term: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)

    course_group: Mapped[CourseGroup] = relationship()
    competency: Mapped[Competency] = relationship()


class FinalResult(Base):
    """Résultat final (sommaire) d'une matière pour l'année."""

    __tablename__ = "final_result"
    __table_args__ = (Index("ix_final_result_student_year", "student_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"))
    school_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)

    course_group: Mapped[CourseGroup] = relationship()


class GroupAverage(Base):
    """Moyenne du groupe for a course-group, competency (None = whole subject) and term."""

    __tablename__ = "group_average"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_group_id: Mapped[int] = mapped_column(ForeignKey("course_group.id"), index=True)
    competency_id: Mapped[int | None] = mapped_column(ForeignKey("competency.id"))
    term: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)


class ReportCard(Base):
    """Bulletin (PDF) of a year and term, issued by a school of a board."""

    __tablename__ = "report_card"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    term: Mapped[int] = mapped_column(Integer)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"))
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"))
    file_name: Mapped[str] = mapped_column(String(300))

    school: Mapped[School] = relationship()


class Attendance(Base):
    """Assiduité: an absence or lateness, with reason (motif), period, course-group and term."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # "absence" | "lateness"
    reason: Mapped[str] = mapped_column(String(100), default="")
    period: Mapped[int] = mapped_column(Integer)
    course_group_id: Mapped[int | None] = mapped_column(ForeignKey("course_group.id"))
    term: Mapped[int] = mapped_column(Integer)

    course_group: Mapped[CourseGroup | None] = relationship()


class Detention(Base):
    """Retenue."""

    __tablename__ = "detention"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    scheduled_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class Observation(Base):
    """SOI observation: category positive | to_watch | to_modify | serious."""

    __tablename__ = "observation"
    __table_args__ = (Index("ix_observation_student_year", "student_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    school_year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    observed_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    shared_with_parents: Mapped[bool] = mapped_column(Boolean, default=False)

    author: Mapped[Staff] = relationship()


class Intervention(Base):
    """SOI intervention, with its author."""

    __tablename__ = "intervention"
    __table_args__ = (Index("ix_intervention_student_year", "student_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    school_year: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    done_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)

    author: Mapped[Staff] = relationship()


class SupportPlan(Base):
    """DAP: plan préventif (``preventive``) or plan d'intervention (``intervention``)."""

    __tablename__ = "support_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    started_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    document_name: Mapped[str] = mapped_column(String(300), default="")


class FollowUpEvent(Base):
    """Évènement de suivi raised by a protocol during the year."""

    __tablename__ = "follow_up_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    occurred_on: Mapped[date] = mapped_column(Date)
    protocol: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)


class AccountStatement(Base):
    """État de compte (school or daycare) or tax slip, as of its last PDF generation."""

    __tablename__ = "account_statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    school_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # "school" | "daycare" | "tax_slip"
    generated_on: Mapped[date] = mapped_column(Date)
    balance: Mapped[float] = mapped_column(Numeric(10, 2))


class Message(Base):
    """Publication by a teacher or staff member to parents and students of a school or group."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("homeroom_group.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)


class SharedResource(Base):
    """Ressource partagée by a teacher (course-group), the school or the board."""

    __tablename__ = "shared_resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"))
    course_group_id: Mapped[int | None] = mapped_column(ForeignKey("course_group.id"))
    title: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(500))
