"""Past import runs, newest first, and what each one changed (for the Importation page's history)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from desktop.models import AuditEntry, ImportRun
from desktop.services.storage import Database


@dataclass(frozen=True)
class ImportRunSummary:
    id: int
    started_at: datetime
    finished_at: datetime
    os_user: str
    workstation: str
    source_kind: str
    source: str
    version: str
    rows_written: int
    counts: dict[str, dict[str, int]]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "started_at": self.started_at.isoformat(), "finished_at": self.finished_at.isoformat(),
                "os_user": self.os_user, "workstation": self.workstation, "source_kind": self.source_kind,
                "source": self.source, "version": self.version, "rows_written": self.rows_written,
                "counts": self.counts}


@dataclass(frozen=True)
class RunChange:
    """One audit entry of a run: a row inserted, deleted, or one field changed."""

    action: str
    entity: str
    entity_id: int | None
    field: str | None
    before: str | None
    after: str | None


def list_runs(database: Database, limit: int = 50) -> list[ImportRunSummary]:
    with database.engine.connect() as connection:
        rows = connection.execute(select(ImportRun).order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
                                  .limit(limit)).all()
    return [ImportRunSummary(r.id, r.started_at, r.finished_at, r.os_user, r.workstation, r.source_kind, r.source,
                             r.format_version, r.rows_written, json.loads(r.summary or "{}")) for r in rows]


def run_changes(database: Database, run_id: int, *, limit: int = 1000, offset: int = 0) -> tuple[int, list[RunChange]]:
    """(how many audit entries the run wrote, one page of them in the order written)."""
    with database.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(AuditEntry)
                                   .where(AuditEntry.import_run_id == run_id)).scalar_one()
        rows = connection.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.field, AuditEntry.before,
                   AuditEntry.after).where(AuditEntry.import_run_id == run_id).order_by(AuditEntry.id)
            .limit(limit).offset(offset)).all()
    return total, [RunChange(*row) for row in rows]


def last_source(database: Database, source_kind: str, prefix: str) -> str | None:
    """The recorded source of the newest run of ``source_kind`` whose source starts with ``prefix``."""
    with database.engine.connect() as connection:
        return connection.execute(select(ImportRun.source).where(
            ImportRun.source_kind == source_kind, ImportRun.source.startswith(prefix, autoescape=True))
            .order_by(ImportRun.id.desc()).limit(1)).scalar()
