"""Each person's last findings, kept in the database so the Constats page lists them at once.

A board-wide computation takes seconds on a large board (``findings.BoardFindings``); the page
shows the last computed list, dated, the moment it opens, and replaces it when the new
computation ends. One row per login (``FindingsSnapshot``): a person's findings are those of
their schools, computed with what they may read, and nobody else reads them.

The list is stored as zlib-compressed JSON, one array per finding in ``Finding``'s field order:
about 40 bytes a finding (750 kB for a 100,000-student board's 20,000), one statement to read back.

Kept current, not recomputed (issue 15, item 3). Beside the list, the row keeps the *board stamp*
of what the list was computed from (``board_stamp``): per table the findings read, its rows, the
sum of their versions and its highest id, and the import runs. Every edit bumps a row's version
(optimistic locking), an import writes a run, so any change made since, on any workstation,
changes the stamp: when the stamp read at opening is the kept one, the kept list *is* the list
and nothing is computed. A fix made here keeps the list current too: after a re-check the stamp
is read again and compared with the loaded one moved by exactly the versions the re-check read
(``expected_stamp``); equal, nobody else wrote, and the list is kept with the new stamp; else it
is kept with none, and the next opening computes the board again. A stamp is read before the
rows it vouches for, so a write landing in between makes the next comparison fail, never pass.

A fix made on another workstation is taken in the same way by a workstation that holds the board
(``fixes_since``): the audit log names the guardians and students fixed since the held board was
read, they are re-checked, and the stamp must then be the loaded one moved by exactly what was
re-read. Anything else the findings read changed (an import, a name, a link), or a change the log
does not show, and the stamps differ: the board is computed whole again.
"""

from __future__ import annotations

import json
import logging
import zlib
from dataclasses import dataclass, fields
from datetime import datetime
from operator import attrgetter
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, case, func, literal, select, union_all, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.models import (
    AuditAction,
    AuditEntry,
    FindingsSnapshot,
    Guardian,
    ImportRun,
    School,
    Student,
    StudentGuardian,
)
from desktop.services.accounts.findings import READ_BEYOND_THE_ROW, Finding, Severity
from desktop.services.errors import DatabaseBusy

log = logging.getLogger("vitrail")

_FIELDS = tuple(field.name for field in fields(Finding))
_field_values = attrgetter(*_FIELDS)
_SEVERITIES = {severity.value: severity for severity in Severity}


# (table, rows, sum of versions or of active links, highest id) for each table the findings read.
BoardStamp = tuple[tuple[str, int, int, int], ...]


def board_stamp(connection: Connection) -> BoardStamp:
    """What the findings are made of, summed up in one statement (a few milliseconds on the server
    for 100,000 students, where computing the findings takes seconds). Links have no version: the
    SIS import alone adds, ends or re-ranks them, and each import writes a run. On PostgreSQL the
    sums cover the rows the login may read, as its findings do."""
    parts = [select(literal(name), func.count(), func.coalesce(func.sum(moved), 0), func.coalesce(func.max(key), 0))
             for name, moved, key in (
                 ("school", School.version, School.id),
                 ("student", Student.version, Student.id),
                 ("guardian", Guardian.version, Guardian.id),
                 ("student_guardian", case((StudentGuardian.active.is_(True), 1), else_=0), StudentGuardian.id),
                 ("import_run", literal(0), ImportRun.id))]
    rows = connection.execute(union_all(*parts)).all()
    return tuple(sorted((str(name), int(count), int(total), int(top)) for name, count, total, top in rows))


def expected_stamp(loaded: BoardStamp, versions_moved: dict[str, int]) -> BoardStamp:
    """The stamp the board would have now if only the re-checked rows changed since ``loaded``."""
    return tuple((name, count, total + versions_moved.get(name, 0), top) for name, count, total, top in loaded)


# The tables the findings read whose audited changes a held board may take in by re-reading rows
# (guardians and students, but for ``READ_BEYOND_THE_ROW``); a change to the others (a school, a
# link), a row added or removed, or an import's change needs the whole board again.
_REREAD = {Guardian.__tablename__: "guardians", Student.__tablename__: "students"}
_READ_BY_FINDINGS = (School.__tablename__, Student.__tablename__, Guardian.__tablename__,
                     StudentGuardian.__tablename__)
_CHANGES = (AuditAction.INSERT.value, AuditAction.UPDATE.value, AuditAction.DELETE.value)


@dataclass(frozen=True)
class FixesSince:
    """The rows fixed since an audit mark, and the new mark (the last of their audit entries)."""

    mark: int
    guardians: frozenset[int]
    students: frozenset[int]


def audit_mark(connection: Connection) -> int:
    """The last audit entry now: changes audited later are the ones ``fixes_since`` will return."""
    return int(connection.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def fixes_since(connection: Connection, mark: int) -> FixesSince | None:
    """The guardians and students changed since ``mark`` (on any workstation) in a way a re-read of
    their row takes in, or None when another change to what the findings read was audited since
    (an import's, a name, a link: see ``READ_BEYOND_THE_ROW``).

    An entry written by a transaction that committed after a later one is missed here; it is the
    stamp's comparison that catches it (the row's version moved, and nothing re-read it)."""
    reread: dict[str, set[int]] = {"guardians": set(), "students": set()}
    last = mark
    for entry_id, action, entity, entity_id, field, import_run in connection.execute(
            select(AuditEntry.id, AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.field,
                   AuditEntry.import_run_id)
            .where(AuditEntry.id > mark, AuditEntry.action.in_(_CHANGES), AuditEntry.entity.in_(_READ_BY_FINDINGS))):
        kind = _REREAD.get(entity)
        if (kind is None or action != AuditAction.UPDATE.value or field in READ_BEYOND_THE_ROW[entity]
                or import_run is not None or entity_id is None):
            return None
        reread[kind].add(int(entity_id))
        last = max(last, int(entry_id))
    return FixesSince(last, frozenset(reread["guardians"]), frozenset(reread["students"]))


def _encoded(stamp: BoardStamp | None) -> str | None:
    return None if stamp is None else json.dumps(stamp)


@dataclass(frozen=True)
class StoredFindings:
    """The findings as last computed, and when; ``current``: nothing they are made of changed since."""

    computed_at: datetime
    findings: list[Finding]
    current: bool = False


def pack_findings(findings: list[Finding]) -> bytes:
    """The list as compressed JSON. ``attrgetter`` rather than ``astuple`` (which copies each field
    deeply: ten times slower), zlib level 3 rather than 6 (a third of the time, 15 % larger): kept
    after every fix, in the background, so its cost is paid often."""
    return zlib.compress(json.dumps([_field_values(f) for f in findings], ensure_ascii=False).encode("utf-8"), 3)


def unpack_findings(packed: bytes) -> list[Finding]:
    """The list ``pack_findings`` stored; severities back as ``Severity``."""
    rows = json.loads(zlib.decompress(packed).decode("utf-8"))
    found = []
    for row in rows:
        if len(row) != len(_FIELDS):
            raise ValueError(f"{len(row)} champs au lieu de {len(_FIELDS)}")
        found.append(Finding(row[0], _SEVERITIES[row[1]], *row[2:]))
    return found


def read_snapshot(session: Session, login: str, stamp: BoardStamp) -> StoredFindings | None:
    """``login``'s kept findings, current when kept with ``stamp`` (the board's now); None when there
    are none, or when they cannot be read back (a row damaged, or written by a version whose
    findings had other fields): the page then waits for the computation, which writes them anew.
    Logged, never raised."""
    row = session.get(FindingsSnapshot, login)
    if row is None:
        return None
    try:
        return StoredFindings(row.computed_at, unpack_findings(row.findings),
                              row.board_stamp is not None and row.board_stamp == _encoded(stamp))
    except (zlib.error, ValueError, TypeError, KeyError) as error:  # JSON's errors are ValueErrors
        log.warning("Constats conservés illisibles (%s), ignorés : %s", login, error)
        return None


def keep_snapshot(sessions: sessionmaker[Session], login: str, at: datetime, findings: list[Finding],
                  stamp: BoardStamp | None) -> None:
    """Replace ``login``'s snapshot; ``stamp``: the board they are current for (None: not known, the
    next opening computes again). A failure (the database busy, a right missing) costs only the
    quick listing at the next opening: it is logged, never raised over the findings just computed."""
    values = {"computed_at": at, "findings": pack_findings(findings), "board_stamp": _encoded(stamp)}
    try:
        with sessions.begin() as session:  # UPDATE, else INSERT: no DELETE right is needed
            replaced = session.execute(update(FindingsSnapshot).where(FindingsSnapshot.login == login).values(values))
            if not cast(CursorResult[Any], replaced).rowcount:
                session.add(FindingsSnapshot(login=login, **values))
    except (SQLAlchemyError, DatabaseBusy) as error:
        log.warning("Constats non conservés pour la prochaine ouverture (%s) : %s", login, error)

