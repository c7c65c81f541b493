"""NIPs: one per (student, guardian), stored only as a slow salted hash; each person's last findings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

ACTIVE_NIP_INDEX = "uq_nip_active_pair"


class Nip(Base):
    """A NIP issued to one guardian for one student. A reissue revokes the previous row.

    ``nip_hash`` is an argon2id PHC string (salt and parameters included); the clear NIP is
    never stored anywhere. The database allows one unrevoked NIP per (student, guardian)
    (``ACTIVE_NIP_INDEX``): two workstations issuing at once cannot leave two valid NIPs.
    """

    __tablename__ = "nip"
    __table_args__ = (
        Index(ACTIVE_NIP_INDEX, "student_id", "guardian_id", unique=True,
              sqlite_where=text("revoked_at IS NULL"), postgresql_where=text("revoked_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"), index=True)
    guardian_id: Mapped[int] = mapped_column(ForeignKey("guardian.id", ondelete="CASCADE"), index=True)
    nip_hash: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    issued_by: Mapped[str] = mapped_column(String(100))
    expires_on: Mapped[date] = mapped_column(Date)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(100))


class FindingsSnapshot(Base):
    """The findings as one person last computed them, so the Constats page lists them at once
    the next time (a board-wide computation takes seconds) while it computes them again.

    One row per login: what a person sees depends on their schools (and, on PostgreSQL, on the
    server's row security), so nobody reads another person's findings — on PostgreSQL a
    policy allows only the row of ``session_user``. ``findings``: the list as compressed JSON
    (``desktop.services.accounts.findings_snapshot.pack_findings``). Derived data, rewritten whole at each
    computation; not audited (nothing personal is changed by it).
    """

    __tablename__ = "findings_snapshot"

    login: Mapped[str] = mapped_column(String(100), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    findings: Mapped[bytes] = mapped_column(LargeBinary)
    # What the list was computed from (``findings_snapshot.board_stamp``, as JSON): equal to the
    # board's stamp now, the list is current and the page computes nothing. None: not known.
    board_stamp: Mapped[str | None] = mapped_column(Text)
