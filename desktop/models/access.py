"""Who may do what inside Vitrail (``access.md``): roles held per school or board-wide.

A person is a login: the PostgreSQL login as the server sees it on a shared database, the OS
user on a one-workstation SQLite database. The rights each role carries are data, in
``resources/access.json``; this table only says who holds which role where.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AccessGrant(Base):
    """One role held by one login, in one school (``school_id``) or board-wide (None).

    Never edited in place: granting adds a row, withdrawing deletes it, and both are audited.
    """

    __tablename__ = "access_grant"
    __table_args__ = (Index("uq_access_grant", "login", "role", "school_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), index=True)
    role: Mapped[str] = mapped_column(String(20))  # one of the roles of resources/access.json
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id"), index=True)
    granted_at: Mapped[datetime] = mapped_column(DateTime)
    granted_by: Mapped[str] = mapped_column(String(100))


class DatabaseInfo(Base):
    """Facts about the database itself, one row per key.

    ``kind``: "demo" when the database was created to hold the demo board, "board" otherwise —
    the demo is written only into an empty database or a demo one, never over a real board.
    ``created_by``: the login that created the schema, the database's first ``board_admin``.
    """

    __tablename__ = "database_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = ["AccessGrant", "DatabaseInfo"]
