"""Audit log: every change to personal data or settings goes in the same transaction as the change.

Changes made through ORM sessions are recorded automatically (``install_audit``); domain events
that are not a column change (a NIP issued, a dossier printed) are recorded with ``record_event``.
``record_events`` writes several at once, in one statement. Bulk loads (the demo generator)
bypass the ORM and are not audited row by row.

The database, not the client, writes each entry's ``login`` and chains it to the previous entry
(migration ``0004_audit_chain``): a trigger sets ``entry_hash`` = SHA-256 of ``canonical_entry``
over ``CHAIN_FIELDS``, the previous entry's hash included. On PostgreSQL the trigger computes it
in SQL; on SQLite it calls ``sqlite_audit_hash`` below, registered on every connection, so one
verifier (``verify_chain``) checks both backends.
"""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, event, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.models import (
    AuditAction,
    AuditEntry,
    Base,
    Contact,
    Guardian,
    School,
    Setting,
    Staff,
    Student,
    StudentGuardian,
)
from desktop.services.clock import Clock
from desktop.services.identity import os_login

# Entities holding personal data or settings. Nip is not here on purpose: its hash must not be
# copied into the log; the NIP service writes "nip_issued"/"nip_revoked" events instead.
AUDITED: tuple[type[Base], ...] = (Student, Guardian, StudentGuardian, Contact, Staff, School, Setting)
NOT_AUDITED_COLUMNS = {"version", "search_key", "sis_values"}


@dataclass(frozen=True)
class Actor:
    """Who is making changes, as information: the OS user at a workstation.

    The audit's "who" is ``login``, written by the database itself; ``os_user`` comes from the
    system's user database (``identity.os_login``), never from ``LOGNAME``/``USER``.
    """

    os_user: str
    workstation: str

    @classmethod
    def current(cls) -> Actor:
        return cls(os_login(), socket.gethostname())


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _entity_name(obj: Base) -> str:
    name: str = type(obj).__tablename__
    return name


def _changes(obj: Base, action: AuditAction) -> list[tuple[str, object, object]]:
    state = inspect(obj)
    rows: list[tuple[str, object, object]] = []
    for attr in state.mapper.column_attrs:
        if attr.key in NOT_AUDITED_COLUMNS or attr.key == "id":
            continue
        hist = state.attrs[attr.key].history
        if action == AuditAction.INSERT:
            value = getattr(obj, attr.key)
            if value not in (None, ""):
                rows.append((attr.key, None, value))
        elif action == AuditAction.DELETE:
            value = hist.unchanged[0] if hist.unchanged else (hist.deleted[0] if hist.deleted else None)
            if value not in (None, ""):
                rows.append((attr.key, value, None))
        elif hist.has_changes():
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            if before != after:
                rows.append((attr.key, before, after))
    return rows


def install_audit(factory: sessionmaker[Session], actor: Actor, clock: Clock) -> None:
    """Record every insert, update and delete of audited entities made through ``factory``'s sessions.

    Who and when travel in each session's ``info``, so ``record_event`` needs only the session.
    """
    factory.kw.setdefault("info", {}).update({"actor": actor, "clock": clock})

    @event.listens_for(factory, "after_flush")
    def _after_flush(session: Session, _ctx: object) -> None:
        now = clock.now()
        rows: list[dict[str, object]] = []
        for action, objects in ((AuditAction.INSERT, session.new), (AuditAction.UPDATE, session.dirty),
                                (AuditAction.DELETE, session.deleted)):
            for obj in objects:
                if not isinstance(obj, AUDITED):
                    continue
                identity = inspect(obj).identity
                entity_id = identity[0] if identity else getattr(obj, "id", None)
                for field, before, after in _changes(obj, action):
                    rows.append({
                        "at": now, "os_user": actor.os_user, "workstation": actor.workstation,
                        "action": action, "entity": _entity_name(obj), "entity_id": entity_id,
                        "field": field, "before": _text(before), "after": _text(after),
                    })
        if rows:
            session.connection().execute(insert(AuditEntry), rows)


def record_event(session: Session, action: AuditAction, entity: str, entity_id: int | None,
                 *, field: str | None = None, before: object = None, after: object = None) -> None:
    """Add a domain event (not a column change) to the audit log, in the caller's transaction.

    The actor and the time come from the session (see ``install_audit``).
    """
    actor: Actor = session.info["actor"]
    clock: Clock = session.info["clock"]
    session.add(AuditEntry(at=clock.now(), os_user=actor.os_user, workstation=actor.workstation,
                           action=action, entity=entity, entity_id=entity_id, field=field,
                           before=_text(before), after=_text(after)))


@dataclass(frozen=True)
class AuditEvent:
    """A domain event waiting to be written by ``record_events``."""

    action: AuditAction
    entity: str
    entity_id: int | None
    field: str | None = None
    before: object = None
    after: object = None


def record_events(session: Session, events: Sequence[AuditEvent]) -> None:
    """Add several domain events to the audit log in the caller's transaction, in one statement
    (an executemany: one round trip to the server, where ``record_event`` per event costs one each).

    They are written now, in the order given (their ids follow it), all at the same moment.
    """
    if not events:
        return
    actor: Actor = session.info["actor"]
    clock: Clock = session.info["clock"]
    now = clock.now()
    session.connection().execute(insert(AuditEntry), [
        {"at": now, "os_user": actor.os_user, "workstation": actor.workstation, "action": event.action,
         "entity": event.entity, "entity_id": event.entity_id, "field": event.field, "before": _text(event.before),
         "after": _text(event.after)}
        for event in events])


# -- the hash chain --------------------------------------------------------------------------------

# The fields of an entry that its hash covers, in this order (the PostgreSQL trigger of migration
# 0004_audit_chain lists the same).
CHAIN_FIELDS = ("id", "at", "login", "os_user", "workstation", "action", "entity", "entity_id", "field",
                "before", "after", "import_run_id", "previous_hash")


def _chain_text(value: object) -> str | None:
    """A field as the chain writes it: dates as ``YYYY-MM-DD HH:MM:SS.ffffff``, numbers in decimal."""
    if value is None:
        return None
    if isinstance(value, str):
        try:  # SQLite hands the stored date text over; normalise it as PostgreSQL's to_char does
            return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M:%S.%f") if _looks_like_date(value) else value
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(value)


def _looks_like_date(value: str) -> bool:
    return len(value) >= 19 and value[4] == "-" and value[7] == "-" and value[10] in " T" and value[13] == ":"


def canonical_entry(values: Sequence[object]) -> str:
    """The text an entry's hash is computed over: ``values`` in ``CHAIN_FIELDS`` order.

    Each field is ``~`` when NULL, else ``<length>:<text>``, joined by ``;``: the length prefix
    makes the form unambiguous whatever the text holds, with no escaping to get right twice.
    Only ``at`` (the second field) is read as a date.
    """
    parts = []
    for position, value in enumerate(values):
        text = _chain_text(value) if position == 1 else (None if value is None else str(value))
        parts.append("~" if text is None else f"{len(text)}:{text}")
    return ";".join(parts)


def entry_hash(values: Sequence[object]) -> str:
    """SHA-256 (hex) of ``canonical_entry(values)``."""
    return hashlib.sha256(canonical_entry(values).encode("utf-8")).hexdigest()


def sqlite_audit_hash(*values: object) -> str:
    """``vitrail_audit_hash(…)`` for SQLite's chain trigger (registered by ``storage``)."""
    return entry_hash(values)


@dataclass(frozen=True)
class BrokenLink:
    """The first audit entry that does not fit the chain, and why (a French sentence)."""

    entry_id: int
    at: datetime | None
    who: str
    reason: str

    def describe(self) -> str:
        when = self.at.strftime("%Y-%m-%d %H:%M:%S") if self.at else "date inconnue"
        return f"Entrée n° {self.entry_id} du {when}, par {self.who} : {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    """What ``verify_chain`` found: how many entries it checked, and the first broken one."""

    checked: int
    unchained: int  # entries written before the chain existed (no hash), not checked
    broken: BrokenLink | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify_chain(connection: Connection) -> ChainReport:
    """Recompute every hash in id order and name the first entry that does not fit.

    The chain starts at the first entry that has a hash (older entries predate it). After that,
    each entry must have a hash, carry the previous entry's hash, and hash to what it stores: an
    entry edited, removed or slipped in afterwards breaks one of the three. Read as a stream.
    """
    columns = [getattr(AuditEntry, name) for name in CHAIN_FIELDS] + [AuditEntry.entry_hash]
    rows = connection.execution_options(yield_per=5_000).execute(select(*columns).order_by(AuditEntry.id))
    previous: str | None = None
    started = False
    checked = unchained = 0
    for row in rows:
        values = tuple(row[:len(CHAIN_FIELDS)])
        stored = row[len(CHAIN_FIELDS)]
        if not started and stored is None:
            unchained += 1
            continue
        started = True
        reason = _misfit(values, stored, previous)
        if reason is not None:
            rows.close()
            who = values[2] or values[3] or "inconnu"
            return ChainReport(checked, unchained, BrokenLink(values[0], values[1], str(who), reason))
        checked += 1
        previous = stored
    return ChainReport(checked, unchained, None)


def _misfit(values: tuple[object, ...], stored: str | None, previous: str | None) -> str | None:
    if stored is None:
        return "elle n'a pas d'empreinte : elle a été ajoutée hors de Vitrail, sans passer par la base."
    if values[-1] != previous:  # the first chained entry follows no hash
        return ("elle ne suit pas l'entrée qui la précède dans le journal : une entrée antérieure a été "
                "retirée, modifiée ou insérée après coup.")
    if entry_hash(values) != stored:
        return "son contenu ne correspond plus à son empreinte : elle a été modifiée après coup."
    return None


# -- sensitive reads -------------------------------------------------------------------------------

def record_reads(session: Session, action: AuditAction, entity: str,
                 reads: Sequence[tuple[int | None, str | None, object]]) -> None:
    """Audit sensitive reads (access.md §4), one entry per ``(entity_id, field, after)``.

    In the caller's transaction, which commits them, in one statement (``record_events``).
    """
    record_events(session, [AuditEvent(action, entity, entity_id, field, after=after)
                            for entity_id, field, after in reads])


# Audit actions that record a read, not a change: they do not make a database "changed since"
# (an import plan stays valid when someone previewed a student in between).
READ_ACTIONS = (AuditAction.PREVIEWED, AuditAction.EXPORTED, AuditAction.NIP_CHECKED,
                AuditAction.NIP_CHECK_REFUSED, AuditAction.PRINTED)
