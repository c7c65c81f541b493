"""Audit log: every change to personal data or settings goes in the same transaction as the change.

Changes made through ORM sessions are recorded automatically (``install_audit``); domain events
that are not a column change (a NIP issued, a dossier printed) are recorded with ``record_event``.
``record_events`` writes several at once, in one statement. Bulk loads (the demo generator)
bypass the ORM and are not audited row by row.
"""

from __future__ import annotations

import getpass
import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import event, insert, inspect
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

# Entities holding personal data or settings. Nip is not here on purpose: its hash must not be
# copied into the log; the NIP service writes "nip_issued"/"nip_revoked" events instead.
AUDITED: tuple[type[Base], ...] = (Student, Guardian, StudentGuardian, Contact, Staff, School, Setting)
NOT_AUDITED_COLUMNS = {"version", "search_key", "sis_values"}


@dataclass(frozen=True)
class Actor:
    """Who is making changes: the OS user at a workstation."""

    os_user: str
    workstation: str

    @classmethod
    def current(cls) -> Actor:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no login name (some services, containers)
            user = "inconnu"
        return cls(user, socket.gethostname())


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
