"""Students, their guardians (répondants) and other contacts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned
from .organisation import HomeroomGroup, School, SchoolBoard


class Student(Versioned, Base):
    """Élève. ``fiche`` is unique within a board (two boards may reuse a number).

    ``search_key`` is the lower-case, accent-free "last first fiche code" string that the
    student search matches against, kept in sync by the services that write students.
    """

    __tablename__ = "student"
    # ix_student_list_order: the list's order, so its first screen is the index's first rows.
    __table_args__ = (UniqueConstraint("board_id", "fiche"), Index("ix_student_list_order", "search_key", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    fiche: Mapped[str] = mapped_column(String(7))
    # Unique among present values (NULL while not yet assigned); both backends allow many NULLs.
    code_permanent: Mapped[str | None] = mapped_column(String(12), unique=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))  # "F" | "M"
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("homeroom_group.id"), index=True)
    grade: Mapped[int] = mapped_column(Integer)
    transport_entitled: Mapped[bool] = mapped_column(Boolean, default=False)
    transport_details: Mapped[str] = mapped_column(Text, default="")
    active_watch: Mapped[bool] = mapped_column(Boolean, default=False)
    search_key: Mapped[str] = mapped_column(String(400), default="")
    # OneRoster: the SIS's key for this student, and whether the SIS still lists them (a student
    # who left is deactivated, never deleted: NIPs, findings and the audit log refer to them).
    sourced_id: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    # The values the SIS gave at the last import (JSON): a field that differs from it was corrected here.
    sis_values: Mapped[str | None] = mapped_column(Text)

    board: Mapped[SchoolBoard] = relationship()
    school: Mapped[School] = relationship()
    group: Mapped[HomeroomGroup | None] = relationship()
    guardian_links: Mapped[list[StudentGuardian]] = relationship(
        back_populates="student", order_by="StudentGuardian.respondent_rank"
    )
    contacts: Mapped[list[Contact]] = relationship(back_populates="student")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Guardian(Versioned, Base):
    """Répondant or other parent. The email is the guardian's only way into the parent portal."""

    __tablename__ = "guardian"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("school_board.id"), index=True)
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    home_phone: Mapped[str] = mapped_column(String(40), default="")
    cell_phone: Mapped[str] = mapped_column(String(40), default="")
    work_phone: Mapped[str] = mapped_column(String(40), default="")
    other_phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster key (see Student)
    sis_values: Mapped[str | None] = mapped_column(Text)  # the SIS's values at the last import (JSON)

    student_links: Mapped[list[StudentGuardian]] = relationship(back_populates="guardian")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class StudentGuardian(Base):
    """Link guardian ↔ student: répondant rank 1 or 2 (None: not a répondant), relationship, lives with."""

    __tablename__ = "student_guardian"
    __table_args__ = (
        UniqueConstraint("student_id", "guardian_id"),
        Index("ix_student_guardian_guardian", "guardian_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("guardian.id", ondelete="CASCADE"))
    respondent_rank: Mapped[int | None] = mapped_column(Integer)
    relationship_label: Mapped[str] = mapped_column(String(40), default="")  # "Mère", "Père", "Tuteur"…
    lives_with: Mapped[bool] = mapped_column(Boolean, default=True)
    # False once the SIS no longer links them (OneRoster ``tobedeleted`` or absent from a bulk file).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    student: Mapped[Student] = relationship(back_populates="guardian_links")
    guardian: Mapped[Guardian] = relationship(back_populates="student_links")

    @property
    def is_respondent(self) -> bool:
        return self.respondent_rank is not None


class Contact(Base):
    """Other contact or emergency contact of a student (not a guardian)."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    relationship_label: Mapped[str] = mapped_column(String(40), default="")
    is_emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    sourced_id: Mapped[str | None] = mapped_column(String(255))  # OneRoster ``relative`` user it came from

    student: Mapped[Student] = relationship(back_populates="contacts")
