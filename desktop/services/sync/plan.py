"""The plan of an import: what would be added, changed, deactivated, per kind, before anything is written.

``build_plan`` compares what the source wants (``mapping``) with what Vitrail holds (``snapshot``)
and returns the ``ImportPlan`` a person reads — counts, examples, conflicts, corrections to carry
back to the SIS, every problem — carrying the ``Operations`` that applying it runs. Applying
refuses if the database changed since the plan was made (``apply.database_state``): what is
applied is exactly what was shown.

Local corrections (sync.md): for the fields in ``TableSpec.baseline`` Vitrail keeps what the SIS
said at the last import. A field Vitrail changed since, that the SIS still holds in its old form,
keeps Vitrail's value and is a ``Correction`` ("à reporter dans le SIS"); a field both changed
differently is a ``Conflict`` that the person resolves (``Resolution``) before applying.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from desktop.services.sync.mapping import Mapped
from desktop.services.sync.problems import Problem, ProblemLog, Severity
from desktop.services.sync.records import FIELD_LABELS, SPECS, WRITE_ORDER, Kind, Target, plain
from desktop.services.sync.roster import Roster
from desktop.services.sync.snapshot import Snapshot


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    DEACTIVATE = "deactivate"
    DELETE = "delete"
    LINK = "link"  # matched, nothing visible changes: only the SIS's key or values are recorded


ACTION_LABELS = {Action.ADD: "ajouts", Action.CHANGE: "modifications", Action.DEACTIVATE: "désactivations",
                 Action.DELETE: "retraits", Action.LINK: "rattachements au SIS"}


class Resolution(StrEnum):
    KEEP_LOCAL = "local"  # keep Vitrail's value (it stays to be carried back to the SIS)
    TAKE_SIS = "sis"  # take the SIS's value


REF_KINDS = {"board_id": Kind.BOARD, "school_id": Kind.SCHOOL, "group_id": Kind.GROUP, "responsible_id": Kind.STAFF,
             "subject_id": Kind.SUBJECT, "staff_id": Kind.STAFF, "course_group_id": Kind.COURSE_GROUP,
             "student_id": Kind.STUDENT, "guardian_id": Kind.GUARDIAN}


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any

    def as_json(self) -> dict[str, Any]:
        return {"field": self.field, "label": FIELD_LABELS.get(self.field, self.field), "before": self.before,
                "after": self.after}


@dataclass(frozen=True, slots=True)
class Change:
    kind: Kind
    action: Action
    key: str
    id: int | None
    label: str
    fields: tuple[FieldChange, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "action": str(self.action), "key": self.key, "id": self.id,
                "label": self.label, "fields": [f.as_json() for f in self.fields]}

    def text(self) -> str:
        sign = {Action.ADD: "+", Action.CHANGE: "~", Action.DEACTIVATE: "−", Action.DELETE: "×",
                Action.LINK: "="}[self.action]
        details = "; ".join(f"{FIELD_LABELS.get(f.field, f.field)} : « {_show(f.before)} » → « {_show(f.after)} »"
                            for f in self.fields)
        return f"{sign} {self.label}" + (f" — {details}" if details else "")


@dataclass(frozen=True)
class Conflict:
    """Vitrail and the SIS both changed a field since the last import, differently."""

    kind: Kind
    id: int
    sourced_id: str
    label: str
    field: str
    vitrail: Any
    sis: Any
    sis_before: Any  # what the SIS said at the last import

    @property
    def code(self) -> str:
        """How the person names this conflict to resolve it: ``guardian:379:email``."""
        return f"{self.kind}:{self.id}:{self.field}"

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "kind": str(self.kind), "id": self.id, "sourced_id": self.sourced_id,
                "label": self.label, "field": self.field, "vitrail": self.vitrail, "sis": self.sis,
                "sis_before": self.sis_before}

    def text(self) -> str:
        return (f"{self.code} — {self.label}, {FIELD_LABELS.get(self.field, self.field)} : Vitrail « "
                f"{_show(self.vitrail)} », SIS « {_show(self.sis)} » (le SIS disait « {_show(self.sis_before)} »)")


@dataclass(frozen=True)
class Correction:
    """A value corrected in Vitrail that the SIS still holds in its old form: to carry back to the SIS."""

    kind: Kind
    id: int
    sourced_id: str
    label: str
    field: str
    vitrail: Any
    sis: Any

    def as_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "id": self.id, "sourced_id": self.sourced_id, "label": self.label,
                "field": self.field, "vitrail": self.vitrail, "sis": self.sis}

    def text(self) -> str:
        return (f"{self.label}, {FIELD_LABELS.get(self.field, self.field)} : « {_show(self.vitrail)} » dans Vitrail, "
                f"« {_show(self.sis)} » dans le SIS")


_COUNTED = {Action.ADD: "added", Action.CHANGE: "changed", Action.DEACTIVATE: "deactivated",
            Action.DELETE: "deleted", Action.LINK: "linked"}


@dataclass
class KindCounts:
    added: int = 0
    changed: int = 0
    deactivated: int = 0
    deleted: int = 0
    linked: int = 0
    unchanged: int = 0

    def count(self, action: Action) -> None:
        name = _COUNTED[action]
        setattr(self, name, getattr(self, name) + 1)

    @property
    def written(self) -> int:
        return self.added + self.changed + self.deactivated + self.deleted + self.linked

    def as_json(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "deactivated": self.deactivated,
                "deleted": self.deleted, "linked": self.linked, "unchanged": self.unchanged}


@dataclass
class ImportPlan:
    """What an import would do: plain data the GUI shows as tables, and what applying it writes.

    Additions are not kept as ``Change`` objects (a first import adds most of a board: 700,000 of
    them on a large one); ``changes`` and ``changes_of`` make them from the records to insert, when
    asked. ``state`` is the database as planned against; ``operations`` what applying writes.
    """

    source: str
    source_kind: str
    version: str
    fingerprint: str
    problems: tuple[Problem, ...]
    other_changes: tuple[Change, ...]  # every change but the additions
    conflicts: tuple[Conflict, ...]
    corrections: tuple[Correction, ...]
    counts: dict[Kind, KindCounts]
    staff_to_review: tuple[str, ...]
    notes: tuple[str, ...]
    state: str = ""
    operations: Operations | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.WARNING]

    @property
    def can_apply(self) -> bool:
        return self.operations is not None and not self.errors

    @property
    def has_changes(self) -> bool:
        return any(counts.written for counts in self.counts.values()) or bool(self.conflicts)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change, kind by kind in the order they are written (made on each call: keep the result)."""
        return tuple(change for kind in WRITE_ORDER for change in self.changes_of(kind))

    def changes_of(self, kind: Kind, action: Action | None = None) -> list[Change]:
        found: list[Change] = []
        if action in (None, Action.ADD) and self.operations is not None:
            found += [Change(kind, Action.ADD, target.key, None, target.label)
                      for target in self.operations.inserts.get(kind, [])]
        found += [c for c in self.other_changes if c.kind == kind and (action is None or c.action == action)]
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "source_kind": self.source_kind, "version": self.version,
            "fingerprint": self.fingerprint, "can_apply": self.can_apply,
            "counts": {str(kind): counts.as_json() for kind, counts in self.counts.items()},
            "changes": [c.as_json() for c in self.changes],
            "conflicts": [c.as_json() for c in self.conflicts],
            "corrections": [c.as_json() for c in self.corrections],
            "staff_to_review": list(self.staff_to_review),
            "notes": list(self.notes),
            "problems": [p.as_json() for p in self.problems],
        }


@dataclass
class Operations:
    """What applying the plan writes, row by row; conflicts wait for their ``Resolution`` (``resolved``)."""

    inserts: dict[Kind, list[Target]] = field(default_factory=lambda: defaultdict(list))
    # kind → key → (target, {column: (before, after)}): ``after`` may be a Target (resolved when written)
    updates: dict[Kind, dict[str, tuple[Target, dict[str, tuple[Any, Any]]]]] = field(
        default_factory=lambda: defaultdict(dict))
    baselines: dict[Kind, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    sourced_ids: dict[Kind, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    versions: dict[Kind, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    deactivate: dict[Kind, list[int]] = field(default_factory=lambda: defaultdict(list))
    delete: dict[Kind, list[int]] = field(default_factory=lambda: defaultdict(list))
    schedule_inserts: list[tuple[Target, tuple[int, int, str, str, str]]] = field(default_factory=list)
    conflicts: list[tuple[Conflict, Target, Any]] = field(default_factory=list)

    def resolved(self, choices: Mapping[str, Resolution]) -> Operations:
        """These operations plus the SIS's value for each conflict resolved that way (self is unchanged)."""
        updates: dict[Kind, dict[str, tuple[Target, dict[str, tuple[Any, Any]]]]] = defaultdict(dict)
        updates.update({kind: dict(rows) for kind, rows in self.updates.items()})
        for conflict, target, value in self.conflicts:
            if choices.get(conflict.code) == Resolution.TAKE_SIS:
                _, columns = updates[target.kind].get(target.key, (target, {}))
                updates[target.kind][target.key] = (target, {**columns, conflict.field: (conflict.vitrail, value)})
        return replace(self, updates=updates)


def build_plan(roster: Roster, read_problems: tuple[Problem, ...], snapshot: Snapshot, mapped: Mapped,
               mapping_problems: ProblemLog, *, source_kind: str) -> ImportPlan:
    problems = ProblemLog()
    problems.items.extend(read_problems)
    problems.items.extend(mapping_problems)
    builder = _Builder(snapshot, mapped, problems, roster)
    builder.run()
    plan = ImportPlan(
        source=roster.source, source_kind=source_kind, version=roster.version, fingerprint=roster.fingerprint,
        problems=tuple(problems), other_changes=tuple(builder.changes),
        conflicts=tuple(c for c, _, _ in builder.ops.conflicts), corrections=tuple(builder.corrections),
        counts=builder.counts, staff_to_review=tuple(target.label for target in mapped.staff_to_review),
        notes=tuple(mapped.notes), operations=builder.ops)
    return plan


def _show(value: Any) -> str:
    if value is None:
        return "(vide)"
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


class _Builder:
    def __init__(self, snapshot: Snapshot, mapped: Mapped, problems: ProblemLog, roster: Roster) -> None:
        self.snapshot = snapshot
        self.mapped = mapped
        self.problems = problems
        self.roster = roster
        self.ops = Operations()
        self.changes: list[Change] = []
        self.corrections: list[Correction] = []
        self.counts: dict[Kind, KindCounts] = {kind: KindCounts() for kind in WRITE_ORDER}

    def record(self, change: Change) -> None:
        self.changes.append(change)
        self.counts[change.kind].count(change.action)

    def run(self) -> None:
        """Kind by kind, in the order of writing; a large table is read whole only while compared."""
        for kind in WRITE_ORDER:
            if kind == Kind.SCHEDULE:
                self._schedules()
                continue
            self.snapshot[kind].fill()
            for target in self.mapped.targets[kind].values():
                if kind == Kind.CONTACT and target.key.rsplit(">", 1)[-1] in self.mapped.deleted_contacts:
                    self._delete_contact(target)
                elif target.id is None:
                    self._insert(target)
                else:
                    self._compare(target)
            if kind == Kind.STUDENT:
                self._absent_students()
                self._unique_codes()
            if kind == Kind.CONTACT:
                self._absent_links_and_contacts()
            if kind not in (Kind.LINK,):
                self.snapshot[kind].release()
        self.snapshot[Kind.LINK].release()
        self._absent_assignments()

    # -- one target ---------------------------------------------------------------------------------
    def _insert(self, target: Target) -> None:
        self.ops.inserts[target.kind].append(target)
        self.counts[target.kind].added += 1

    def _compare(self, target: Target) -> None:
        assert target.id is not None
        kind, row_id = target.kind, target.id
        spec = SPECS[kind]
        rows = self.snapshot[kind]
        current = rows.values[row_id]
        stored = rows.baseline(row_id) if spec.baseline else None
        baseline = dict(stored or {})
        columns: dict[str, tuple[Any, Any]] = {}
        for column, wanted in target.values.items():
            before = current[rows.position[column]]
            if column in spec.baseline:
                self._three_way(target, column, before, wanted, stored, columns)
                baseline[column] = plain(wanted)
            elif _differs(before, wanted):
                columns[column] = (before, wanted)
        if columns:
            self.ops.updates[kind][target.key] = (target, columns)
        if spec.versioned:
            self.ops.versions[kind][row_id] = rows.version[row_id]
        new_baseline = json.dumps(baseline, ensure_ascii=False, sort_keys=True) if spec.baseline else None
        if spec.baseline and baseline != (stored or {}):
            self.ops.baselines[kind][row_id] = new_baseline or ""
        if target.sourced_id is not None:
            self.ops.sourced_ids[kind][row_id] = target.sourced_id
        self._report(target, columns)

    def _report(self, target: Target, columns: dict[str, tuple[Any, Any]]) -> None:
        assert target.id is not None
        kind, row_id = target.kind, target.id
        if columns or target.sourced_id is not None:
            fields = tuple(FieldChange(column, self._describe(column, before), self._describe(column, after))
                           for column, (before, after) in columns.items())
            if target.sourced_id is not None:
                fields += (FieldChange("sourced_id", self.snapshot[kind].stored_sid.get(row_id), target.sourced_id),)
            action = Action.CHANGE if columns else Action.LINK
            self.record(Change(kind, action, target.key, row_id, target.label, fields))
        elif row_id in self.ops.baselines[kind]:
            self.record(Change(kind, Action.LINK, target.key, row_id, target.label))
        else:
            self.counts[kind].unchanged += 1

    def _three_way(self, target: Target, column: str, local: Any, wanted: Any, stored: dict[str, Any] | None,
                   columns: dict[str, tuple[Any, Any]]) -> None:
        """Vitrail's value, the SIS's value now and at the last import: who changed what since."""
        local_plain, wanted_plain = plain(local), plain(wanted)
        if local_plain == wanted_plain:
            return
        base = stored.get(column, local_plain) if stored else local_plain
        assert target.id is not None
        sourced_id = target.sourced_id or self.snapshot[target.kind].effective_sid(target.id)
        if local_plain == base:
            columns[column] = (local, wanted)
        elif wanted_plain == base:
            self.corrections.append(Correction(target.kind, target.id, sourced_id, target.label, column,
                                               local_plain, wanted_plain))
        else:
            conflict = Conflict(target.kind, target.id, sourced_id, target.label, column, local_plain, wanted_plain,
                                base)
            self.ops.conflicts.append((conflict, target, wanted))

    def _describe(self, column: str, value: Any) -> Any:
        """A value as a person reads it: a reference by its label or code, a date as ISO text."""
        if isinstance(value, Target):
            return value.label
        ref_kind = REF_KINDS.get(column)
        if ref_kind is not None and isinstance(value, int):
            rows = self.snapshot[ref_kind]
            if value in rows:
                for name in ("code", "last_name", "name"):
                    if name in rows.position:
                        return rows.get(value, name)
            return f"n° {value}"
        return plain(value)

    # -- absences (bulk files) ----------------------------------------------------------------------
    def _claimed(self, kind: Kind) -> set[int]:
        return {t.id for t in self.mapped.targets[kind].values() if t.id is not None}

    def _absent_students(self) -> None:
        if self.roster.mode("users.csv") != "bulk" or not self.mapped.boards_in_scope:
            return
        rows = self.snapshot[Kind.STUDENT]
        claimed = self._claimed(Kind.STUDENT)
        board, active = rows.position["board_id"], rows.position["active"]
        for row_id, values in rows.values.items():
            if row_id not in claimed and values[active] and values[board] in self.mapped.boards_in_scope:
                self._deactivate(Kind.STUDENT, row_id, self._student_label(row_id))

    def _absent_links_and_contacts(self) -> None:
        if self.roster.mode("users.csv") != "bulk":
            return
        present = {t.id for t in self.mapped.targets[Kind.STUDENT].values()
                   if t.id is not None and t.values.get("active", True)}
        claimed = self._claimed(Kind.LINK)
        links = self.snapshot[Kind.LINK]
        for row_id, (student_id, guardian_id, _rank, _label, _lives, active) in links.values.items():
            if student_id in present and active and row_id not in claimed:
                guardian = self.snapshot[Kind.GUARDIAN]
                name = (f"{guardian.get(guardian_id, 'first_name')} {guardian.get(guardian_id, 'last_name')}"
                        if guardian_id in guardian else f"n° {guardian_id}")
                self._deactivate(Kind.LINK, row_id, f"{self._student_label(student_id)} — {name}")
        claimed = self._claimed(Kind.CONTACT)
        contacts = self.snapshot[Kind.CONTACT]
        for row_id, values in contacts.values.items():
            if values[0] in present and contacts.stored_sid.get(row_id) and row_id not in claimed:
                self._delete(Kind.CONTACT, row_id, f"{self._student_label(values[0])} — {values[1]}")

    def _absent_assignments(self) -> None:
        if self.roster.mode("enrollments.csv") != "bulk":
            return
        in_scope = self._claimed(Kind.COURSE_GROUP)
        claimed = self._claimed(Kind.ASSIGNMENT)
        staff = self.snapshot[Kind.STAFF]
        for row_id, (staff_id, cg_id) in self.snapshot[Kind.ASSIGNMENT].values.items():
            if cg_id in in_scope and row_id not in claimed:
                name = staff.get(staff_id, "last_name") if staff_id in staff else f"n° {staff_id}"
                code = self.snapshot[Kind.COURSE_GROUP].get(cg_id, "code")
                self._delete(Kind.ASSIGNMENT, row_id, f"{name} — {code}")

    def _deactivate(self, kind: Kind, row_id: int, label: str) -> None:
        self.ops.deactivate[kind].append(row_id)
        if SPECS[kind].versioned:
            self.ops.versions[kind][row_id] = self.snapshot[kind].version[row_id]
        key = self.snapshot[kind].effective_sid(row_id) if SPECS[kind].sourced else str(row_id)
        self.record(Change(kind, Action.DEACTIVATE, key, row_id, label, (FieldChange("active", True, False),)))

    def _delete(self, kind: Kind, row_id: int, label: str) -> None:
        self.ops.delete[kind].append(row_id)
        self.record(Change(kind, Action.DELETE, str(row_id), row_id, label))

    def _delete_contact(self, target: Target) -> None:
        if target.id is not None:
            self._delete(Kind.CONTACT, target.id, target.label)

    def _student_label(self, row_id: int) -> str:
        rows = self.snapshot[Kind.STUDENT]
        return f"{rows.get(row_id, 'last_name')}, {rows.get(row_id, 'first_name')} (fiche {rows.get(row_id, 'fiche')})"

    # -- schedules ----------------------------------------------------------------------------------
    def _schedules(self) -> None:
        existing: dict[int, list[tuple[int, tuple[int, int, str, str, str]]]] = defaultdict(list)
        for row_id, (cg_id, day, period, start, end, room) in self.snapshot[Kind.SCHEDULE].values.items():
            existing[cg_id].append((row_id, (day, period, start, end, room or "")))
        for target, entries in self.mapped.schedules.values():
            current = existing.get(target.id, []) if target.id is not None else []
            if _entries(entry for _, entry in current) == _entries(entries):
                self.counts[Kind.SCHEDULE].unchanged += 1
                continue
            self.ops.delete[Kind.SCHEDULE].extend(row_id for row_id, _ in current)
            self.ops.schedule_inserts.extend((target, entry) for entry in entries)
            before = _schedule_text(entry for _, entry in current)
            action = Action.CHANGE if current else Action.ADD
            fields = (FieldChange("entries", before, _schedule_text(entries)),) if current else ()
            self.record(Change(Kind.SCHEDULE, action, target.key, target.id, target.label, fields))

    # -- uniqueness across the whole board ----------------------------------------------------------
    def _unique_codes(self) -> None:
        """Codes permanents and (board, fiche) stay unique once applied, or the plan says which clash."""
        rows = self.snapshot[Kind.STUDENT]
        codes: dict[str, str] = {}
        fiches: dict[tuple[Any, str], str] = {}
        claimed = self._claimed(Kind.STUDENT)
        for row_id in rows.ids:
            if row_id not in claimed:
                label = self._student_label(row_id)
                code = rows.get(row_id, "code_permanent")
                if code:
                    codes[code] = label
                fiches[(("row", rows.get(row_id, "board_id")), rows.get(row_id, "fiche"))] = label
        for target in self.mapped.targets[Kind.STUDENT].values():
            code = self._final(target, "code_permanent")
            if code:
                self._claim(codes, code, target, "userIds", "code permanent")
            board = target.values.get("board_id")
            board_key = ("import", id(board)) if isinstance(board, Target) and board.id is None else (
                "row", board.id if isinstance(board, Target) else board)
            self._claim(fiches, (board_key, self._final(target, "fiche")), target, "identifier", "numéro de fiche")

    def _claim(self, owners: dict[Any, str], key: Any, target: Target, column: str, what: str) -> None:
        other = owners.get(key)
        if other is not None:
            self.problems.error("duplicate_value", target.file, target.line, column,
                                f"{what} de {target.label} déjà attribué à {other}.")
        else:
            owners[key] = target.label

    def _final(self, target: Target, column: str) -> Any:
        """The value ``column`` will have once applied (local corrections kept)."""
        if target.id is None:
            return target.values.get(column)
        update = self.ops.updates[target.kind].get(target.key)
        if update is not None and column in update[1]:
            return update[1][column][1]
        return self.snapshot[target.kind].get(target.id, column)


def _differs(before: Any, wanted: Any) -> bool:
    if isinstance(wanted, Target):
        return wanted.id is None or wanted.id != before
    return bool(before != wanted)


def _entries(entries: Iterable[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    return sorted(entries)


def _schedule_text(entries: Iterable[tuple[int, int, str, str, str]]) -> str:
    return ", ".join(f"J{day}P{period}" for day, period, *_ in sorted(entries)) or "(aucune)"

