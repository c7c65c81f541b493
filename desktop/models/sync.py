"""Runs of an import from the board's student information system (OneRoster CSV or REST)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ImportRun(Base):
    """One applied import: who ran it, from what, when, and how many rows each kind changed.

    Every audit entry the run wrote carries its id (``AuditEntry.import_run_id``), so "what did
    last night's import change?" is one query. A run that was cancelled or refused leaves no row.
    ``summary`` is JSON: {kind: {added, changed, deactivated, linked}}.
    """

    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    os_user: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(200))
    source_kind: Mapped[str] = mapped_column(String(40))  # "oneroster-csv", later "oneroster-rest"
    source: Mapped[str] = mapped_column(Text)  # the file, folder or server URL (never a secret)
    format_version: Mapped[str] = mapped_column(String(10))  # "1.1", "1.2"
    fingerprint: Mapped[str] = mapped_column(String(64))  # SHA-256 of what was read
    rows_written: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    # The database as the run left it (``sync.apply.database_state``): the same export imported again
    # onto a database still in that state has nothing to change, which is known without planning.
    state_after: Mapped[str] = mapped_column(String(400), default="", server_default="")
