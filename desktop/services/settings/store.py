"""Settings as stored: targets, current values, versioned saves, history, differences, rollback.

Every save is one transaction that writes the ``Setting`` rows (or ``Staff.publishes_email``)
and one ``SettingsVersion`` holding before/after of each key, so that history, the difference
between two dates and rollback are computed from versions alone. Before/after are kept as the
stored JSON text (``None`` = no row, the inherited default): a rollback then restores exactly
the earlier rows, not merely an equivalent value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.models import (
    AuditAction,
    School,
    SchoolBoard,
    Setting,
    SettingScope,
    SettingsVersion,
    Staff,
)
from desktop.models.base import MAX_ID
from desktop.services.audit import record_event
from desktop.services.errors import EditConflict, InvalidInput, NotFound
from desktop.services.settings.keys import KeyKind, KeySpec, SettingKeys, load_setting_keys
from desktop.services.storage import Database

UNCHECKED = -1  # expected_version meaning "whatever is stored now" (CLI, rollback)
HISTORY_BATCH = 100  # versions read from the database at a time by ``history``

SCOPE_LABELS = {SettingScope.BOARD: "centre de services", SettingScope.SCHOOL: "école",
                SettingScope.STAFF: "membre du personnel"}


class ValueSource(StrEnum):
    """Where a key's current value comes from, as shown to direction."""

    DEFAULT = "défaut"
    BOARD = "centre de services"
    SCHOOL = "école"
    STAFF_FILE = "fiche du personnel"


@dataclass(frozen=True)
class SettingsTarget:
    """What a change applies to: a board, a school or a staff member, with names for people."""

    scope: SettingScope
    id: int
    code: str
    name: str

    @property
    def label(self) -> str:
        if self.scope == SettingScope.BOARD:
            return f"au {self.name}" if self.name.lower().startswith("centre") else f"au centre de services {self.name}"
        if self.scope == SettingScope.SCHOOL:
            return f"à l'{self.name}" if self.name[:1].lower() in "aeiouéè" else f"à {self.name}"
        return f"pour {self.name}"

    @property
    def reference(self) -> str:
        """Stable name used in reasons and JSON, e.g. ``school:ECO01``."""
        return f"{self.scope}:{self.code}"


@dataclass(frozen=True)
class CurrentValue:
    """A key as it stands for one target: effective value, where it comes from, its row version."""

    spec: KeySpec
    value: object
    source: ValueSource
    overridden: bool  # a row exists at this very target
    version: int | None  # row version for optimistic locking; None when there is no row
    note: str = ""  # what else decides, e.g. the board does not allow this tile

    @property
    def display(self) -> str:
        return self.spec.display(self.value)


@dataclass(frozen=True)
class PendingChange:
    """One key to change. ``value_json`` None means "remove the override" (back to inherited).

    ``expected_version`` is the row version the user saw (None: they saw no row); a different
    stored version means another workstation saved in between, and the save is refused.
    """

    scope: SettingScope
    scope_id: int
    key: str
    value_json: str | None
    expected_version: int | None = UNCHECKED

    @classmethod
    def set(cls, scope: SettingScope, scope_id: int, key: str, value: object,
            expected_version: int | None = UNCHECKED) -> PendingChange:
        return cls(scope, scope_id, key, _encode(value), expected_version)

    @classmethod
    def reset(cls, scope: SettingScope, scope_id: int, key: str,
              expected_version: int | None = UNCHECKED) -> PendingChange:
        return cls(scope, scope_id, key, None, expected_version)

    @property
    def value(self) -> object:
        return None if self.value_json is None else json.loads(self.value_json)


@dataclass(frozen=True)
class KeyChange:
    """Before/after of one key inside a version (JSON text; None = no override row)."""

    scope: SettingScope
    scope_id: int
    target: str  # "school:ECO01"
    key: str
    before: str | None
    after: str | None
    before_display: str
    after_display: str
    label: str = ""  # the key's French label


@dataclass(frozen=True)
class SettingsVersionInfo:
    id: int
    created_at: datetime
    os_user: str
    workstation: str
    comment: str
    changes: tuple[KeyChange, ...]


@dataclass(frozen=True)
class KeyDiff:
    """A key whose value differs between two dates."""

    target: str
    key: str
    label: str
    at_start: str
    at_end: str


@dataclass(frozen=True)
class RollbackStep:
    """One key a scoped rollback would set back: what it is now, what it would be again."""

    change: KeyChange  # ``after`` is the value now, ``before`` the value it goes back to

    @property
    def pending(self) -> PendingChange:
        return PendingChange(self.change.scope, self.change.scope_id, self.change.key, self.change.before)


@dataclass(frozen=True)
class RollbackPlan:
    """What « Revenir à cette version » would undo, limited to the targets the version belongs to.

    ``targets`` are the school (with its staff) or the board the version changed; later versions'
    changes to other schools are ``kept``: going back on one school never undoes another's work.
    """

    version_id: int
    targets: tuple[str, ...]  # references, "school:ECO01"
    steps: tuple[RollbackStep, ...]
    undone_versions: tuple[int, ...]  # later versions whose changes in these targets are undone
    kept_versions: tuple[int, ...]  # later versions left as they are (other targets only)


def _encode(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class SettingsStore:
    """The settings as stored: targets, current values, saves, history; see ``PortalSettings``."""

    def __init__(self, database: Database, keys: SettingKeys | None = None) -> None:
        self.database = database
        self.keys = keys or load_setting_keys()

    # --- targets -------------------------------------------------------------------------

    def boards(self) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            return [SettingsTarget(SettingScope.BOARD, b.id, b.code, b.name)
                    for b in session.scalars(select(SchoolBoard).order_by(SchoolBoard.code))]

    def schools(self) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            return [SettingsTarget(SettingScope.SCHOOL, s.id, s.code, s.name)
                    for s in session.scalars(select(School).order_by(School.code))]

    def staff_members(self, school_id: int | None = None) -> list[SettingsTarget]:
        with self.database.sessions() as session:
            query = select(Staff).order_by(Staff.last_name, Staff.first_name)
            if school_id is not None:
                query = query.where(Staff.school_id == school_id)
            return [_staff_target(s) for s in session.scalars(query)]

    def target(self, scope: SettingScope, reference: str | int) -> SettingsTarget:
        """Find a board or school by code, a staff member by id; NotFound with a French message."""
        with self.database.sessions() as session:
            return _find_target(session, scope, reference)

    def target_by_id(self, scope: SettingScope, scope_id: int) -> SettingsTarget:
        with self.database.sessions() as session:
            return find_target_by_id(session, scope, scope_id)

    # --- reading ---------------------------------------------------------------------------

    def current(self, target: SettingsTarget) -> list[CurrentValue]:
        """Every key of the target's scope with its effective value and origin."""
        with self.database.sessions() as session:
            return _current_values(session, self.keys, target)

    def current_value(self, target: SettingsTarget, key: str) -> CurrentValue:
        for value in self.current(target):
            if value.spec.key == key:
                return value
        raise self._unknown_key(target.scope, key)

    # --- parsing (CLI text → change) ---------------------------------------------------

    def parse_assignment(self, target: SettingsTarget, assignment: str) -> PendingChange:
        """``KEY=VALUE`` from the command line; refused with the list of valid keys or values."""
        key, sep, text = assignment.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not key:
            raise InvalidInput(f"« {assignment} » n'est pas de la forme CLÉ=VALEUR. "
                               + self.valid_keys_sentence(target.scope))
        spec = self.spec(target.scope, key)
        if text.lower() in ("default", "défaut", "defaut"):
            return PendingChange.reset(target.scope, target.id, key)
        return PendingChange.set(target.scope, target.id, key, spec.parse(text))

    def spec(self, scope: SettingScope, key: str) -> KeySpec:
        spec = self.keys.get(scope, key)
        if spec is None:
            raise self._unknown_key(scope, key)
        return spec

    def valid_keys_sentence(self, scope: SettingScope) -> str:
        """The key families of a scope and the values of their placeholders, for refusals."""
        patterns = self.keys.patterns(scope)
        sentence = f"Clés valides pour « {SCOPE_LABELS[scope]} » : " + ", ".join(patterns) + "."
        for name, values in self.keys.placeholders.items():
            if any(name in pattern for pattern in patterns):
                sentence += f" {name} : " + ", ".join(values) + "."
        if any("<champ>" in pattern for pattern in patterns):
            sentence += " <champ> : voir « vitrail settings show --board CODE »."
        return sentence

    def _unknown_key(self, scope: SettingScope, key: str) -> InvalidInput:
        return InvalidInput(f"Clé inconnue « {key} » pour {SCOPE_LABELS[scope]}. " + self.valid_keys_sentence(scope))

    # --- saving -----------------------------------------------------------------------

    def save(self, changes: Sequence[PendingChange], comment: str) -> SettingsVersionInfo | None:
        """Write all changes and their version in one transaction; None when nothing differs.

        Raises EditConflict (nothing written) when a row changed since ``expected_version``.
        """
        for change in changes:
            self._validate(change)
        try:
            with self.database.sessions.begin() as session:
                for change in changes:
                    self._check_staff_exist(session, change)
                entries = [entry for change in changes
                           if (entry := _apply(session, change, self.inherited_json(session, change))) is not None]
                if not entries:
                    return None
                if not comment.strip():  # as the settings page: the history says why
                    raise InvalidInput("Indiquez la raison du changement (--comment) : elle est gardée dans "
                                       "l'historique. Rien n'a été enregistré.")
                version = SettingsVersion(created_at=self.database.clock.now(), os_user=self.database.actor.os_user,
                                          workstation=self.database.actor.workstation,
                                          comment=comment.strip(), changes=json.dumps(entries, ensure_ascii=False))
                session.add(version)
                session.flush()
                record_event(session, AuditAction.SETTINGS_SAVED, "settings_version", version.id,
                             field=", ".join(sorted({e["key"] for e in entries})), after=comment.strip() or None)
                return _version_info(session, self.keys, version)
        except (StaleDataError, IntegrityError) as exc:
            raise EditConflict("Un autre poste a enregistré ces réglages pendant votre modification. "
                               "Rien n'a été enregistré ; rechargez les réglages et refaites votre changement.",
                               field="", theirs=None, mine=None) from exc

    def inherited_json(self, session: Session, change: PendingChange) -> str | None:
        """The JSON value the change's key has at its target without a row there (None for staff)."""
        if change.scope == SettingScope.STAFF:
            return None
        spec = self.spec(change.scope, change.key)
        return _encode(inherited_value(session, self.keys, spec, find_target_by_id(session, change.scope,
                                                                                 change.scope_id))[0])

    def effective_json(self, session: Session, change: PendingChange) -> str | None:
        """The JSON value in force now for the change's key at its target: its row, else inherited."""
        stored = _stored_json(session, change)
        return stored if stored is not None else self.inherited_json(session, change)

    def _check_staff_exist(self, session: Session, change: PendingChange) -> None:
        """A list of staff names people of the board: an unknown number is refused, not kept silently."""
        if change.value_json is None or self.spec(change.scope, change.key).kind != KeyKind.STAFF_IDS:
            return
        value = change.value
        if not isinstance(value, list) or not value:
            return
        wanted = {int(staff_id) for staff_id in value}
        found = set(session.scalars(select(Staff.id).where(Staff.id.in_(wanted), Staff.board_id == change.scope_id)))
        missing = sorted(wanted - found)
        if missing:
            raise NotFound(f"Membre(s) du personnel introuvable(s) dans ce centre de services : "
                           f"{', '.join(str(number) for number in missing)} (« {change.key} »). "
                           "Rien n'a été enregistré ; voir « vitrail staff » pour les numéros.")

    def _validate(self, change: PendingChange) -> None:
        spec = self.spec(change.scope, change.key)
        if change.value_json is not None:
            spec.validate(change.value)
        elif change.scope == SettingScope.STAFF:
            raise InvalidInput(f"« {change.key} » d'un membre du personnel se règle à on ou off.")

    # --- history ------------------------------------------------------------------------

    def history(self, target: SettingsTarget | None = None, *, limit: int | None = None,
                before_id: int | None = None) -> list[SettingsVersionInfo]:
        """Versions newest first; for a school: those touching it, its board or its staff.

        ``limit`` and ``before_id`` read one page at a time (the window shows the last 50, then
        older ones on request): at most ``limit`` versions, all older than ``before_id``. Versions
        are read in batches, so a page of a long history costs a page, not the whole history.
        """
        query = select(SettingsVersion).order_by(SettingsVersion.id.desc())
        if before_id is not None:
            query = query.where(SettingsVersion.id < before_id)
        infos: list[SettingsVersionInfo] = []
        names: dict[tuple[str, int], str] = {}
        with self.database.sessions() as session:
            relevant = _relevant_targets(session, target) if target is not None else None
            for version in session.scalars(query.execution_options(yield_per=HISTORY_BATCH)):
                info = _version_info(session, self.keys, version, names)
                if relevant is None or any((c.scope, c.scope_id) in relevant for c in info.changes):
                    infos.append(info)
                    if limit is not None and len(infos) >= limit:
                        break
        return infos

    def version(self, version_id: int) -> SettingsVersionInfo:
        with self.database.sessions() as session:
            version = session.get(SettingsVersion, version_id)
            if version is None:
                raise NotFound(f"La version {version_id} des réglages n'existe pas.")
            return _version_info(session, self.keys, version)

    def latest_version_id(self) -> int:
        with self.database.sessions() as session:
            return session.scalar(select(func.max(SettingsVersion.id))) or 0

    def diff(self, start: datetime, end: datetime, target: SettingsTarget | None = None) -> list[KeyDiff]:
        """Keys whose value at ``start`` differs from their value at ``end`` (from versions alone)."""
        if end < start:
            start, end = end, start
        between = [v for v in reversed(self.history(target)) if start < v.created_at <= end]
        first: dict[tuple[str, str], KeyChange] = {}
        last: dict[tuple[str, str], KeyChange] = {}
        for info in between:
            for change in info.changes:
                slot = (change.target, change.key)
                first.setdefault(slot, change)
                last[slot] = change
        diffs = []
        for slot, opening in first.items():
            closing = last[slot]
            if _meaning(self.keys, opening.scope, opening.key, opening.before) != \
                    _meaning(self.keys, closing.scope, closing.key, closing.after):
                spec = self.keys.get(opening.scope, opening.key)
                diffs.append(KeyDiff(opening.target, opening.key, spec.label if spec else opening.key,
                                     opening.before_display, closing.after_display))
        return sorted(diffs, key=lambda d: (d.target, d.key))

    def rollback(self, version_id: int, comment: str = "") -> SettingsVersionInfo:
        """Bring every key back to how it stood right after ``version_id`` (0: before any version).

        The rollback is itself a new version, so it can be rolled back too.
        """
        latest = self.latest_version_id()
        if version_id != 0:
            self.version(version_id)  # NotFound if it does not exist
        if version_id >= latest:
            raise InvalidInput(f"Les réglages sont déjà à la version {version_id} : rien à annuler.")
        later = [v for v in reversed(self.history()) if v.id > version_id]
        restore: dict[tuple[str, int, str], KeyChange] = {}
        for info in later:
            for change in info.changes:
                restore.setdefault((change.scope, change.scope_id, change.key), change)
        changes = [PendingChange(c.scope, c.scope_id, c.key, c.before) for c in restore.values()]
        label = "l'état d'origine" if version_id == 0 else f"la version {version_id}"
        saved = self.save(changes, comment.strip() or f"Retour à {label}")
        if saved is None:
            raise InvalidInput(f"Les réglages sont déjà identiques à {label} : rien à annuler.")
        return saved

    def rollback_plan(self, version_id: int) -> RollbackPlan:
        """The keys of the version's own targets changed since ``version_id``, and the value each
        goes back to. A school's (or a staff member's) version covers the school and its staff; a
        board's, the board.

        Nothing is written: the secretary sees this before/after and confirms (``rollback_scoped``).
        """
        chosen = self.version(version_id)  # NotFound if it does not exist
        with self.database.sessions() as session:
            scope: set[tuple[SettingScope, int]] = set()
            schools: set[int] = set()
            for change in chosen.changes:
                scope.add((change.scope, change.scope_id))
                if change.scope == SettingScope.SCHOOL:
                    schools.add(change.scope_id)
                elif change.scope == SettingScope.STAFF and (staff := session.get(Staff, change.scope_id)) \
                        and staff.school_id is not None:
                    schools.add(staff.school_id)  # a staff member's choice belongs to their school
            scope |= {(SettingScope.SCHOOL, school_id) for school_id in schools}
            scope |= {(SettingScope.STAFF, sid) for sid in
                      session.scalars(select(Staff.id).where(Staff.school_id.in_(schools)))}
        later = [v for v in reversed(self.history()) if v.id > version_id]
        first: dict[tuple[SettingScope, int, str], KeyChange] = {}
        last: dict[tuple[SettingScope, int, str], KeyChange] = {}
        undone: list[int] = []
        kept: list[int] = []
        for info in later:
            inside = [c for c in info.changes if (c.scope, c.scope_id) in scope]
            (undone if inside else kept).append(info.id)
            for change in inside:
                slot = (change.scope, change.scope_id, change.key)
                first.setdefault(slot, change)
                last[slot] = change
        steps = []
        for slot, opening in first.items():
            now = last[slot]
            if _meaning(self.keys, opening.scope, opening.key, opening.before) == \
                    _meaning(self.keys, now.scope, now.key, now.after):
                continue  # changed and changed back since: nothing to undo
            steps.append(RollbackStep(KeyChange(opening.scope, opening.scope_id, opening.target, opening.key,
                                                opening.before, now.after, opening.before_display,
                                                now.after_display, opening.label)))
        targets = tuple(sorted({c.target for c in chosen.changes}))
        return RollbackPlan(version_id, targets, tuple(steps), tuple(undone), tuple(kept))

    def rollback_scoped(self, plan: RollbackPlan, comment: str = "") -> SettingsVersionInfo:
        """Apply a plan the secretary confirmed, as a new version (itself undoable).

        Refused (nothing written) if the plan is out of date: a key it would set back changed again
        since it was computed, on this or another workstation.
        """
        fresh = self.rollback_plan(plan.version_id)
        if fresh.steps != plan.steps:
            raise InvalidInput("Les réglages ont changé depuis l'aperçu du retour : revoyez-le avant de confirmer.")
        if not plan.steps:
            raise InvalidInput(f"Rien à annuler : {', '.join(plan.targets)} est déjà comme après "
                               f"la version {plan.version_id}.")
        saved = self.save([step.pending for step in plan.steps],
                          comment.strip() or f"Retour à la version {plan.version_id} ({', '.join(plan.targets)})")
        if saved is None:
            raise InvalidInput(f"Les réglages sont déjà identiques à la version {plan.version_id} : rien à annuler.")
        return saved

    def apply_uncommitted(self, session: Session, changes: Iterable[PendingChange]) -> None:
        """Write ``changes`` in the caller's session without a version, for a what-if preview.

        The caller must roll the session back; this is how the before/after preview runs the
        real engine on the pending settings without saving them.
        """
        for change in changes:
            self._validate(change)
            _apply(session, PendingChange(change.scope, change.scope_id, change.key, change.value_json))
        session.flush()


# --- helpers: targets ---------------------------------------------------------------------


def _staff_target(staff: Staff) -> SettingsTarget:
    return SettingsTarget(SettingScope.STAFF, staff.id, str(staff.id), staff.full_name)


def _find_target(session: Session, scope: SettingScope, reference: str | int) -> SettingsTarget:
    if scope == SettingScope.BOARD:
        board = session.scalar(select(SchoolBoard).where(SchoolBoard.code == str(reference)))
        if board is None:
            codes = ", ".join(session.scalars(select(SchoolBoard.code).order_by(SchoolBoard.code)))
            raise NotFound(f"Centre de services « {reference} » introuvable. Codes existants : {codes or 'aucun'}.")
        return SettingsTarget(SettingScope.BOARD, board.id, board.code, board.name)
    if scope == SettingScope.SCHOOL:
        school = session.scalar(select(School).where(School.code == str(reference)))
        if school is None:
            codes = ", ".join(session.scalars(select(School.code).order_by(School.code)))
            raise NotFound(f"École « {reference} » introuvable. Codes existants : {codes or 'aucun'}.")
        return SettingsTarget(SettingScope.SCHOOL, school.id, school.code, school.name)
    text = str(reference).strip()
    # Digits 0 to 9 only (int() reads "٣" and fails on "²"), and small enough for the column.
    staff = (session.get(Staff, int(text)) if text.isascii() and text.isdigit() and int(text) <= MAX_ID
             else None)
    if staff is None:
        raise NotFound(f"Membre du personnel « {reference} » introuvable (attendu : son numéro).")
    return _staff_target(staff)


def find_target_by_id(session: Session, scope: SettingScope, scope_id: int) -> SettingsTarget:
    """The board, school or staff member ``scope_id``, in the caller's session; NotFound if gone."""
    if scope == SettingScope.BOARD:
        board = session.get(SchoolBoard, scope_id)
        if board is not None:
            return SettingsTarget(SettingScope.BOARD, board.id, board.code, board.name)
    elif scope == SettingScope.SCHOOL:
        school = session.get(School, scope_id)
        if school is not None:
            return SettingsTarget(SettingScope.SCHOOL, school.id, school.code, school.name)
    else:
        staff = session.get(Staff, scope_id)
        if staff is not None:
            return _staff_target(staff)
    raise NotFound(f"{SCOPE_LABELS.get(scope, scope).capitalize()} n° {scope_id} introuvable.")


def _relevant_targets(session: Session, target: SettingsTarget) -> set[tuple[SettingScope, int]]:
    relevant = {(target.scope, target.id)}
    if target.scope == SettingScope.SCHOOL:
        school = session.get_one(School, target.id)
        relevant.add((SettingScope.BOARD, school.board_id))
        staff_ids = session.scalars(select(Staff.id).where(Staff.school_id == school.id))
        relevant |= {(SettingScope.STAFF, sid) for sid in staff_ids}
    return relevant


# --- helpers: values ----------------------------------------------------------------------


def _row(session: Session, scope: SettingScope, scope_id: int, key: str) -> Setting | None:
    return session.scalar(select(Setting).where(Setting.scope == scope, Setting.scope_id == scope_id,
                                                Setting.key == key))


def _stored_json(session: Session, change: PendingChange) -> str | None:
    if change.scope == SettingScope.STAFF:
        staff = session.get(Staff, change.scope_id)
        return None if staff is None else _encode(bool(staff.publishes_email))
    row = _row(session, change.scope, change.scope_id, change.key)
    return None if row is None else row.value


def inherited_value(session: Session, keys: SettingKeys, spec: KeySpec,
                     target: SettingsTarget) -> tuple[object, ValueSource]:
    """Value a school key takes without its own row: the board's (SOI) or the default."""
    if target.scope == SettingScope.SCHOOL and spec.inherits_from_board:
        school = session.get_one(School, target.id)
        row = _row(session, SettingScope.BOARD, school.board_id, spec.key)
        if row is not None:
            return json.loads(row.value), ValueSource.BOARD
    return spec.default, ValueSource.DEFAULT


def _current_values(session: Session, keys: SettingKeys, target: SettingsTarget) -> list[CurrentValue]:
    if target.scope == SettingScope.STAFF:
        staff = session.get_one(Staff, target.id)
        spec = keys.get(SettingScope.STAFF, "publishes_email")
        assert spec is not None, "the staff key is always in the catalogue"
        note = "" if staff.email else "aucun courriel au dossier de cette personne : rien à publier"
        return [CurrentValue(spec, bool(staff.publishes_email), ValueSource.STAFF_FILE, True, staff.version, note)]
    rows = _rows_of(session, target.scope, target.id)
    board_rows = (_rows_of(session, SettingScope.BOARD, session.get_one(School, target.id).board_id)
                  if target.scope == SettingScope.SCHOOL else {})
    values = []
    for spec in keys.all(target.scope):
        row = rows.get(spec.key)
        note = _board_note(spec, board_rows)
        if row is not None:
            values.append(CurrentValue(spec, json.loads(row.value), _OWN_SOURCE[target.scope], True, row.version,
                                       note))
        elif spec.inherits_from_board and spec.key in board_rows:
            values.append(CurrentValue(spec, json.loads(board_rows[spec.key].value), ValueSource.BOARD, False,
                                       None, note))
        else:
            values.append(CurrentValue(spec, spec.default, ValueSource.DEFAULT, False, None, note))
    return values


# A row of the target's own scope: what it is called in "source".
_OWN_SOURCE = {SettingScope.BOARD: ValueSource.BOARD, SettingScope.SCHOOL: ValueSource.SCHOOL}


def _rows_of(session: Session, scope: SettingScope, scope_id: int) -> dict[str, Setting]:
    return {row.key: row for row in session.scalars(
        select(Setting).where(Setting.scope == scope, Setting.scope_id == scope_id))}


def _board_note(spec: KeySpec, board_rows: dict[str, Setting]) -> str:
    """A school tile the board does not allow stays hidden whatever the school chooses: say so."""
    if not spec.key.startswith("parent_tiles."):
        return ""
    row = board_rows.get("allowed_" + spec.key)
    if row is not None and json.loads(row.value) is False:
        return "non permise par le centre de services : masquée aux parents quel que soit ce choix"
    return ""


def _conflict(change: PendingChange, theirs: object) -> EditConflict:
    return EditConflict(
        f"Le réglage « {change.key} » a été modifié sur un autre poste depuis que vous l'avez ouvert "
        f"(valeur enregistrée : {theirs}). Rien n'a été enregistré ; rechargez et refaites votre changement.",
        field=change.key, theirs=theirs, mine=change.value)


class _VersionEntry(TypedDict):
    """One key of a ``SettingsVersion.changes`` list: stored JSON before and after (None: no row)."""

    scope: SettingScope
    scope_id: int
    key: str
    before: str | None
    after: str | None


def _apply(session: Session, change: PendingChange, inherited_json: str | None = None) -> _VersionEntry | None:
    """Write one change in ``session``; the before/after entry of the version, or None if no-op.

    ``inherited_json`` is the value the key has without a row: setting exactly that on a key
    without a row changes nothing anyone sees, so it is not a change.
    """
    if change.scope == SettingScope.STAFF:
        staff = session.get(Staff, change.scope_id)
        if staff is None:
            raise NotFound(f"Membre du personnel n° {change.scope_id} introuvable.")
        if change.expected_version not in (UNCHECKED, staff.version):
            raise _conflict(change, staff.publishes_email)
        published = _encode(bool(staff.publishes_email))
        if published == change.value_json:
            return None
        staff.publishes_email = bool(change.value)
        session.flush()
        return {"scope": SettingScope.STAFF, "scope_id": staff.id, "key": change.key, "before": published,
                "after": change.value_json}
    row = _row(session, change.scope, change.scope_id, change.key)
    stored_version = None if row is None else row.version
    if change.expected_version != UNCHECKED and change.expected_version != stored_version:
        raise _conflict(change, None if row is None else json.loads(row.value))
    before = None if row is None else row.value
    if before == change.value_json or (row is None and change.value_json == inherited_json):
        return None
    if change.value_json is None:
        session.delete(row)
    elif row is None:
        session.add(Setting(scope=change.scope, scope_id=change.scope_id, key=change.key, value=change.value_json))
    else:
        row.value = change.value_json
    session.flush()
    return {"scope": change.scope, "scope_id": change.scope_id, "key": change.key, "before": before,
            "after": change.value_json}


def _display(keys: SettingKeys, scope: SettingScope, key: str, text: str | None) -> str:
    spec = keys.get(scope, key)
    if text is None:
        return f"{spec.display(spec.default)} (par défaut)" if spec else "(par défaut)"
    value = json.loads(text)
    return spec.display(value) if spec else str(value)


def _meaning(keys: SettingKeys, scope: SettingScope, key: str, text: str | None) -> object:
    """What a stored before/after means: the value, or the default when there was no row."""
    spec = keys.get(scope, key)
    if text is None:
        return spec.default if spec else None
    return json.loads(text)


def _version_info(session: Session, keys: SettingKeys, version: SettingsVersion,
                  names: dict[tuple[str, int], str] | None = None) -> SettingsVersionInfo:
    """A stored version as plain data; ``names`` caches target references across versions."""
    changes = []
    names = {} if names is None else names
    for entry in json.loads(version.changes):
        slot = (entry["scope"], entry["scope_id"])
        if slot not in names:
            try:
                names[slot] = find_target_by_id(session, *slot).reference
            except NotFound:
                names[slot] = f"{slot[0]}:#{slot[1]}"
        changes.append(KeyChange(entry["scope"], entry["scope_id"], names[slot], entry["key"],
                                 entry["before"], entry["after"],
                                 _display(keys, entry["scope"], entry["key"], entry["before"]),
                                 _display(keys, entry["scope"], entry["key"], entry["after"]),
                                 spec.label if (spec := keys.get(entry["scope"], entry["key"])) else entry["key"]))
    return SettingsVersionInfo(version.id, version.created_at, version.os_user, version.workstation,
                               version.comment, tuple(changes))
