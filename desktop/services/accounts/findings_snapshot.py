"""Each person's last findings, kept in the database so the Constats page lists them at once.

A board-wide computation takes seconds on a large board (``findings.BoardFindings``); the page
shows the last computed list, dated, the moment it opens, and replaces it when the new
computation ends. One row per login (``FindingsSnapshot``): a person's findings are those of
their schools, computed with what they may read, and nobody else reads them.

The list is stored as zlib-compressed JSON, one array per finding in ``Finding``'s field order:
about 40 bytes a finding (750 kB for a 100,000-student board's 20,000), one statement to read back.
"""

from __future__ import annotations

import json
import logging
import zlib
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.models import FindingsSnapshot
from desktop.services.accounts.findings import Finding, Severity
from desktop.services.errors import DatabaseBusy

log = logging.getLogger("vitrail")

_FIELDS = tuple(field.name for field in fields(Finding))


@dataclass(frozen=True)
class StoredFindings:
    """The findings as last computed, and when."""

    computed_at: datetime
    findings: list[Finding]


def pack_findings(findings: list[Finding]) -> bytes:
    return zlib.compress(json.dumps([astuple(f) for f in findings], ensure_ascii=False).encode("utf-8"), 6)


def unpack_findings(packed: bytes) -> list[Finding]:
    """The list ``pack_findings`` stored; severities back as ``Severity``."""
    rows = json.loads(zlib.decompress(packed).decode("utf-8"))
    found = []
    for row in rows:
        finding = dict(zip(_FIELDS, row, strict=True))
        finding["severity"] = Severity(finding["severity"])
        found.append(Finding(**finding))
    return found


def read_snapshot(session: Session, login: str) -> StoredFindings | None:
    """``login``'s kept findings; None when there are none, or when they cannot be read back (a
    row damaged, or written by a version whose findings had other fields): the page then waits
    for the computation, which writes them anew. Logged, never raised."""
    row = session.get(FindingsSnapshot, login)
    if row is None:
        return None
    try:
        return StoredFindings(row.computed_at, unpack_findings(row.findings))
    except (zlib.error, ValueError, TypeError) as error:  # JSON's errors are ValueErrors
        log.warning("Constats conservés illisibles (%s), ignorés : %s", login, error)
        return None


def keep_snapshot(sessions: sessionmaker[Session], login: str, at: datetime, findings: list[Finding]) -> None:
    """Replace ``login``'s snapshot. A failure (the database busy, a right missing) costs only the
    quick listing at the next opening: it is logged, never raised over the findings just computed."""
    packed = pack_findings(findings)
    try:
        with sessions.begin() as session:  # UPDATE, else INSERT: no DELETE right is needed
            replaced = session.execute(update(FindingsSnapshot).where(FindingsSnapshot.login == login)
                                       .values(computed_at=at, findings=packed))
            if not cast(CursorResult[Any], replaced).rowcount:
                session.add(FindingsSnapshot(login=login, computed_at=at, findings=packed))
    except (SQLAlchemyError, DatabaseBusy) as error:
        log.warning("Constats non conservés pour la prochaine ouverture (%s) : %s", login, error)

