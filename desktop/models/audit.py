"""The audit log: every change to personal data or to a setting, field by field."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditAction(StrEnum):
    """What an audit entry records: a column change made through the ORM, or a domain event."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    NIP_ISSUED = "nip_issued"
    NIP_REVOKED = "nip_revoked"
    SETTINGS_SAVED = "settings_saved"
    DEMO_GENERATED = "demo_generated"
    PRINTED = "printed"
    IMPORT_APPLIED = "import_applied"
    ACCESS_GRANTED = "access_granted"
    ACCESS_REVOKED = "access_revoked"


class AuditEntry(Base):
    """Who (OS user), from which workstation, when, what entity and field, before and after.

    ``action`` is one of ``AuditAction``: stored as its text.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    os_user: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(100))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    # The import run (``import_run.id``) that made this change; None for changes made in Vitrail
    # itself. No foreign key: adding one would make SQLite rebuild this table.
    import_run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The person as the database knows them: on PostgreSQL the server writes its own session
    # login here, whatever the client sends; on SQLite the OS user of the process. ``os_user``
    # and ``workstation`` stay as information only (anyone can set LOGNAME).
    login: Mapped[str | None] = mapped_column(String(100), index=True)
    # Tamper evidence: SHA-256 of this entry's content and of the previous entry's hash
    # (``previous_hash``), so rewriting or removing an entry breaks the chain after it.
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str | None] = mapped_column(String(64))
