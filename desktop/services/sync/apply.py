"""Planning and applying an import: one transaction, with progress and cancel, audited with the run's id.

``plan_roster`` reads the database and returns the plan, which carries what applying it writes;
nothing is written. ``apply_plan`` opens one transaction, takes the write lock, refuses if the
database is no longer the one planned against (``database_state``: a plan is applied exactly as
shown, or not at all), records the run, then writes in batches — inserts with the demo's
``BulkWriter`` (COPY on PostgreSQL), updates with executemany (on PostgreSQL, from 200 rows,
COPY into a temporary table and one UPDATE … FROM it) — and one audit entry per inserted,
deactivated or deleted row and per changed field, each carrying ``import_run_id``. Cancelling
(``should_stop``) or any failure rolls everything back.

Rows the GUI edits too (students, guardians, staff, schools) keep its optimistic locking: their
UPDATE checks the version the plan read and bumps it, so a workstation that saved meanwhile makes
the import stop, not lose its change.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from desktop.models import AuditAction, AuditEntry, ImportRun
from desktop.services.audit import Actor
from desktop.services.bulk import without_cyclic_gc
from desktop.services.demo.writer import BulkWriter
from desktop.services.errors import InvalidInput
from desktop.services.storage import Database
from desktop.services.sync.mapping import Mapped, Resolver, source_years
from desktop.services.sync.plan import ImportPlan, KindCounts, Operations, Resolution, build_plan
from desktop.services.sync.problems import Problem, ProblemLog
from desktop.services.sync.records import SPECS, WRITE_ORDER, Kind, Target, plain
from desktop.services.sync.roster import Roster
from desktop.services.sync.snapshot import Snapshot
from desktop.services.text import student_search_key

BATCH = 5_000
SEARCH_KEY_FIELDS = ("last_name", "first_name", "fiche", "code_permanent")  # what a student's search key is made of
# From how many rows an UPDATE goes through COPY and a temporary table on PostgreSQL (below, the
# executemany's pipeline costs less than creating the table).
COPY_UPDATE_ROWS = 200


@dataclass(frozen=True)
class ApplyProgress:
    done: int
    total: int
    label: str


@dataclass(frozen=True)
class ImportResult:
    """What applying did. ``run_id`` is None when nothing was written (nothing to do, or cancelled)."""

    run_id: int | None
    cancelled: bool
    rows_written: int
    counts: dict[Kind, KindCounts]
    students: frozenset[int] = frozenset()
    guardians: frozenset[int] = frozenset()

    def as_json(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "cancelled": self.cancelled, "rows_written": self.rows_written,
                "counts": {str(kind): counts.as_json() for kind, counts in self.counts.items()}}


class _Cancelled(Exception):
    pass


def plan_roster(database: Database, roster: Roster, read_problems: Iterable[Problem], *,
                source_kind: str) -> ImportPlan:
    """The plan of importing ``roster`` into ``database``, read in one consistent snapshot."""
    read = tuple(read_problems)
    with without_cyclic_gc(), database.engine.connect() as connection, connection.begin():
        plan = _build(connection, roster, read, source_kind)
        plan.state = database_state(connection)
    return plan


def plan_unchanged(database: Database, fingerprint: str, source: str, source_kind: str,
                   version: str = "") -> ImportPlan | None:
    """The empty plan of an export already applied, when nothing changed in Vitrail since; else None.

    Importing the same files onto the database as that import left it changes nothing (imports are
    idempotent), so there is nothing to read or plan: a 100,000-student re-import takes the time of
    hashing its files. Any change since — a correction, a NIP, another import — plans in full.
    """
    with database.engine.connect() as connection, connection.begin():
        state = database_state(connection)
        run = connection.execute(select(ImportRun.id, ImportRun.started_at, ImportRun.format_version)
                                 .where(ImportRun.fingerprint == fingerprint, ImportRun.state_after == state)
                                 .order_by(ImportRun.id.desc()).limit(1)).first()
    if run is None:
        return None
    note = (f"Cet export est celui de l'importation n° {run.id} du {run.started_at:%Y-%m-%d à %H:%M}, et rien n'a "
            "changé dans Vitrail depuis : il n'y a rien à relire ni à changer.")
    return ImportPlan(source=source, source_kind=source_kind, version=version or run.format_version,
                      fingerprint=fingerprint, problems=(), other_changes=(), conflicts=(), corrections=(),
                      counts={kind: KindCounts() for kind in WRITE_ORDER}, staff_to_review=(), notes=(note,),
                      state=state, operations=Operations())


STATE_TABLES = ("school_board", "school", "subject", "staff", "homeroom_group", "course_group", "teaching_assignment",
                "schedule_entry", "student", "guardian", "student_guardian", "contact")


def database_state(connection: Connection) -> str:
    """What must not change between a plan and its apply: the rows an import reads, and the audit log.

    Every change made in Vitrail is audited (an email, a code permanent, a NIP, a settings save, a
    demo board, an import), so the last audit entry plus the row counts say whether the database
    is still the one the plan was made from; versions in the UPDATEs are the second line.
    """
    counts = ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in STATE_TABLES)
    row = connection.execute(text(f"SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_entry), {counts}")).one()
    return ":".join(str(value) for value in row)


def _build(connection: Connection, roster: Roster, read: tuple[Problem, ...], source_kind: str) -> ImportPlan:
    snapshot = Snapshot.load(connection, source_years(roster))
    problems = ProblemLog()
    unreadable = roster.unreadable or roster.version not in ("1.1", "1.2")
    mapped = Mapped.nothing(roster) if unreadable else Resolver(roster, snapshot, problems).resolve()
    return build_plan(roster, read, snapshot, mapped, problems, source_kind=source_kind)


def apply_plan(database: Database, plan: ImportPlan, *, resolutions: Mapping[str, Resolution] | None = None,
               default: Resolution | None = None, progress: Callable[[ApplyProgress], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> ImportResult:
    """Write ``plan`` in one transaction (InvalidInput if it has errors or unresolved conflicts)."""
    if not plan.can_apply or plan.operations is None:
        raise InvalidInput(f"L'importation contient {len(plan.errors)} erreur(s) : rien n'a été écrit. "
                           "Corrigez l'export (chaque erreur nomme le fichier, la ligne et le champ) et recommencez.")
    choices = {c.code: (resolutions or {}).get(c.code, default) for c in plan.conflicts}
    unresolved = [code for code, choice in choices.items() if choice is None]
    if unresolved:
        raise InvalidInput(
            f"{len(unresolved)} conflit(s) entre Vitrail et le SIS à trancher avant d'appliquer "
            f"({', '.join(unresolved[:5])}{'…' if len(unresolved) > 5 else ''}) : gardez la valeur de Vitrail ou "
            "prenez celle du SIS (--keep-local, --take-sis, ou --resolve CODE=local|sis). Rien n'a été écrit.")
    empty = {kind: KindCounts(unchanged=counts.unchanged) for kind, counts in plan.counts.items()}
    if not plan.has_changes:
        return ImportResult(None, False, 0, empty)
    try:
        return _apply(database, plan, {code: choice for code, choice in choices.items() if choice is not None},
                      progress, should_stop)
    except _Cancelled:
        return ImportResult(None, True, 0, empty)
    except IntegrityError as exc:
        raise InvalidInput("L'importation a été refusée par la base de données (deux élèves auraient le même "
                           "code permanent ou le même numéro de fiche ?) : rien n'a été écrit. "
                           f"Détail : {exc.orig}") from None
    except OperationalError as exc:
        raise InvalidInput("La base de données est occupée par un autre poste ou a changé pendant l'importation : "
                           f"rien n'a été écrit. Réessayez. Détail : {exc.orig}") from None


def _apply(database: Database, plan: ImportPlan, choices: Mapping[str, Resolution],
           progress: Callable[[ApplyProgress], None] | None, should_stop: Callable[[], bool] | None) -> ImportResult:
    assert plan.operations is not None
    actor, clock = database.actor, database.clock
    started = clock.now()
    with without_cyclic_gc(), database.engine.connect() as connection, connection.begin():
        _lock(connection)
        if database_state(connection) != plan.state:
            raise InvalidInput("La base de données a changé depuis l'aperçu de l'importation (un autre poste y a "
                               "écrit) : rien n'a été écrit. Refaites l'aperçu, puis appliquez.")
        run_id = connection.execute(insert(ImportRun).values(
            started_at=started, finished_at=started, os_user=actor.os_user, workstation=actor.workstation,
            source_kind=plan.source_kind, source=plan.source, format_version=plan.version,
            fingerprint=plan.fingerprint, rows_written=0, summary="{}").returning(ImportRun.id)).scalar_one()
        ops = plan.operations.resolved(choices)
        writer = _Writer(connection, run_id, actor, started, progress, should_stop)
        writer.write(ops)
        connection.execute(update(ImportRun).where(ImportRun.id == run_id).values(
            finished_at=clock.now(), rows_written=writer.rows,
            summary=json.dumps({str(k): c.as_json() for k, c in plan.counts.items()}, sort_keys=True)))
        writer.audit_event(AuditAction.IMPORT_APPLIED, "import_run", run_id,
                           json.dumps({"source": plan.source, "rows": writer.rows}, ensure_ascii=False))
        writer.flush_audit()
        connection.execute(update(ImportRun).where(ImportRun.id == run_id).values(
            state_after=database_state(connection)))
    return ImportResult(run_id, False, writer.rows, plan.counts, frozenset(writer.touched[Kind.STUDENT]),
                        frozenset(writer.touched[Kind.GUARDIAN]))


def _lock(connection: Connection) -> None:
    """Take the database's write lock before checking it is unchanged (one import at a time).

    SQLite: a write statement opens the write transaction even when it changes no row.
    PostgreSQL: the run table is locked, so two workstations' imports run one after the other.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("LOCK TABLE import_run IN EXCLUSIVE MODE"))
    else:
        connection.execute(text("UPDATE import_run SET id = id WHERE 0 = 1"))


@dataclass
class _Writer:
    connection: Connection
    run_id: int
    actor: Actor
    at: datetime
    progress: Callable[[ApplyProgress], None] | None
    should_stop: Callable[[], bool] | None
    rows: int = 0
    touched: dict[Kind, set[int]] = field(default_factory=lambda: {kind: set() for kind in Kind})
    _audit: list[tuple[Any, ...]] = field(default_factory=list)
    _done: int = 0
    _total: int = 1

    def __post_init__(self) -> None:
        self.bulk = BulkWriter(self.connection)

    # -- progress and cancel ----------------------------------------------------------------------
    def step(self, count: int, label: str) -> None:
        self._done += count
        if self.should_stop is not None and self.should_stop():
            raise _Cancelled
        if self.progress is not None:
            self.progress(ApplyProgress(min(self._done, self._total), self._total, label))

    def write(self, ops: Operations) -> None:
        self._total = max(1, sum(len(v) for v in ops.inserts.values()) + sum(len(v) for v in ops.updates.values())
                          + sum(len(v) for v in ops.deactivate.values()) + sum(len(v) for v in ops.delete.values())
                          + len(ops.schedule_inserts) + sum(len(v) for v in ops.baselines.values()))
        self.step(0, "Préparation")
        self._allocate(ops)
        for kind in WRITE_ORDER:
            if kind == Kind.SCHEDULE:
                self._delete(Kind.SCHEDULE, ops.delete.get(Kind.SCHEDULE, []))
                self._schedule(ops.schedule_inserts)
                continue
            self._insert(kind, ops.inserts.get(kind, []), ops)
            self._update(kind, ops)
            self._deactivate(kind, ops.deactivate.get(kind, []), ops)
            self._delete(kind, ops.delete.get(kind, []))

    # -- ids ----------------------------------------------------------------------------------------
    def _allocate(self, ops: Operations) -> None:
        """Ids for new rows, taken before writing so rows can refer to each other in one pass."""
        for kind in WRITE_ORDER:
            targets = ops.inserts.get(kind, [])
            if kind == Kind.SCHEDULE or not targets:
                continue
            for target, new_id in zip(targets, self._new_ids(SPECS[kind].table, len(targets)), strict=True):
                target.id = new_id

    def _new_ids(self, table: str, count: int) -> Iterator[int]:
        if self.connection.dialect.name == "postgresql":
            rows = self.connection.execute(text(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, :n)"), {"n": count})
            return (row[0] for row in rows)
        start = (self.connection.execute(text(f"SELECT MAX(id) FROM {table}")).scalar() or 0) + 1
        return iter(range(start, start + count))

    # -- writes -------------------------------------------------------------------------------------
    def _insert(self, kind: Kind, targets: list[Target], ops: Operations) -> None:
        if not targets:
            return
        spec = SPECS[kind]
        table = spec.model.__table__
        assert isinstance(table, Table)
        columns = [column.name for column in table.columns]
        template = [_scalar_default(column.default) for column in table.columns]
        position = {name: index for index, name in enumerate(columns)}
        if spec.versioned:
            template[position["version"]] = 1
        row_of = _InsertRow(kind, position, template)
        audit_prefix = (self.at, self.actor.os_user, self.actor.workstation, str(AuditAction.INSERT), spec.table)
        touched = self.touched[kind]
        for batch in _batches(targets):
            self.bulk.write(spec.model, columns, [row_of(target) for target in batch])
            for target in batch:
                self._audit.append((*audit_prefix, target.id, None, None, target.sourced_id or target.label,
                                    self.run_id))
                touched.add(target.id)
            if len(self._audit) >= 20_000:
                self.flush_audit()
            self.rows += len(batch)
            self.step(len(batch), f"{spec.label} : ajouts")

    def _update(self, kind: Kind, ops: Operations) -> None:
        spec = SPECS[kind]
        table = spec.model.__table__
        assert isinstance(table, Table)
        updates = ops.updates.get(kind, {})
        ids = set(ops.baselines.get(kind, {})) | set(ops.sourced_ids.get(kind, {})) | {
            target.id for target, _ in updates.values() if target.id is not None}
        if not ids:
            return
        by_id = {target.id: columns for target, columns in updates.values()}
        names_now = self._student_names([row_id for row_id, columns in by_id.items() if row_id is not None
                                         and columns.keys() & SEARCH_KEY_FIELDS]) if kind == Kind.STUDENT else {}
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row_id in sorted(ids):
            columns = by_id.get(row_id, {})
            params: dict[str, Any] = {"_id": row_id}
            for name, (before, after) in columns.items():
                params[name] = _resolved(after)
                self.audit(AuditAction.UPDATE, spec.table, row_id, name, plain(before), plain(after))
            if row_id in ops.sourced_ids.get(kind, {}):
                params["sourced_id"] = ops.sourced_ids[kind][row_id]
                self.audit(AuditAction.UPDATE, spec.table, row_id, "sourced_id", None, params["sourced_id"])
            if row_id in ops.baselines.get(kind, {}):
                params["sis_values"] = ops.baselines[kind][row_id]
            if kind == Kind.STUDENT and columns.keys() & SEARCH_KEY_FIELDS:
                merged = {**names_now[row_id], **{k: v for k, v in params.items() if k in SEARCH_KEY_FIELDS}}
                params["search_key"] = student_search_key(merged["last_name"], merged["first_name"], merged["fiche"],
                                                          merged["code_permanent"])
            if spec.versioned and columns:
                params["_version"] = ops.versions[kind][row_id]
            groups.setdefault(tuple(sorted(params)), []).append(params)
            if columns:
                self.touched[kind].add(row_id)
        for names, rows in groups.items():
            self._execute_update(table, names, rows)
            self.rows += len(rows)
            self.step(len(rows), f"{spec.label} : modifications")

    def _execute_update(self, table: Table, names: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
        if self.connection.dialect.name == "postgresql" and len(rows) >= COPY_UPDATE_ROWS:
            self._copy_update(table, names, rows)
            return
        values: dict[str, Any] = {name: bindparam(name, type_=table.c[name].type) for name in names
                                  if not name.startswith("_")}
        statement = update(table).where(table.c.id == bindparam("_id"))
        if "_version" in names:
            statement = statement.where(table.c.version == bindparam("_version"))
            values["version"] = table.c.version + 1
        for batch in _batches(rows):
            result = self.connection.execute(statement.values(values), batch)
            if "_version" in names and self.connection.dialect.supports_sane_multi_rowcount and \
                    result.rowcount != len(batch):
                raise _moved_meanwhile()

    def _copy_update(self, table: Table, names: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
        """PostgreSQL: the new values COPY'd into a temporary table, then one UPDATE … FROM it.

        The same rows, values and version check as the executemany path (every row must still
        have the version the plan read, or nothing is written), in three statements instead of
        one UPDATE per row. The temporary table is dropped at commit or rollback.
        """
        dialect = self.connection.dialect
        staged = f"vitrail_staged_{table.name}"
        columns = [(name, "integer" if name in ("_id", "_version") else table.c[name].type.compile(dialect))
                   for name in names]
        self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS {staged}")
        self.connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {staged} ({', '.join(f'{name} {kind}' for name, kind in columns)}) "
            "ON COMMIT DROP")
        raw = self.connection.connection.driver_connection
        assert raw is not None, "a connection in use has its driver connection"
        with raw.cursor() as cursor, cursor.copy(f"COPY {staged} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
        assignments = [f"{name} = s.{name}" for name in names if not name.startswith("_")]
        condition = "t.id = s._id"
        if "_version" in names:
            assignments.append("version = t.version + 1")
            condition += " AND t.version = s._version"
        updated = self.connection.exec_driver_sql(
            f"UPDATE {table.name} AS t SET {', '.join(assignments)} FROM {staged} AS s WHERE {condition}").rowcount
        self.connection.exec_driver_sql(f"DROP TABLE {staged}")
        if "_version" in names and updated != len(rows):
            raise _moved_meanwhile()

    def _student_names(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The stored fields of the search key of these students, a batch per statement (not one per student)."""
        table = SPECS[Kind.STUDENT].model.__table__
        found: dict[int, dict[str, Any]] = {}
        for batch in _batches(sorted(ids)):
            for row in self.connection.execute(select(table.c.id, *(table.c[name] for name in SEARCH_KEY_FIELDS))
                                               .where(table.c.id.in_(batch))):
                found[row[0]] = dict(zip(SEARCH_KEY_FIELDS, row[1:], strict=True))
        return found

    def _deactivate(self, kind: Kind, ids: list[int], ops: Operations) -> None:
        if not ids:
            return
        spec = SPECS[kind]
        table = spec.model.__table__
        assert isinstance(table, Table)
        rows = []
        for row_id in ids:
            params: dict[str, Any] = {"_id": row_id, "active": False}
            if spec.versioned:
                params["_version"] = ops.versions[kind][row_id]
            rows.append(params)
            self.audit(AuditAction.UPDATE, spec.table, row_id, "active", "True", "False")
            self.touched[kind].add(row_id)
        self._execute_update(table, tuple(sorted(rows[0])), rows)
        self.rows += len(rows)
        self.step(len(rows), f"{spec.label} : désactivations")

    def _delete(self, kind: Kind, ids: list[int]) -> None:
        if not ids:
            return
        spec = SPECS[kind]
        table = spec.model.__table__
        assert isinstance(table, Table)
        statement = table.delete().where(table.c.id == bindparam("_id"))
        for batch in _batches(ids):
            self.connection.execute(statement, [{"_id": row_id} for row_id in batch])
            for row_id in batch:
                self.audit(AuditAction.DELETE, spec.table, row_id, None, None, None)
            self.rows += len(batch)
            self.step(len(batch), f"{spec.label} : retraits")

    def _schedule(self, entries: list[tuple[Target, tuple[int, int, str, str, str]]]) -> None:
        if not entries:
            return
        spec = SPECS[Kind.SCHEDULE]
        ids = self._new_ids(spec.table, len(entries))
        rows = [(next(ids), target.id, *entry) for target, entry in entries]
        self.bulk.write(spec.model, ("id", *spec.fields), rows)
        for row in rows:
            self.audit(AuditAction.INSERT, spec.table, row[0], None, None, f"J{row[2]}P{row[3]}")
        self.rows += len(rows)
        self.step(len(rows), f"{spec.label} : ajouts")

    # -- audit --------------------------------------------------------------------------------------
    def audit(self, action: AuditAction, entity: str, entity_id: int | None, column: str | None, before: Any,
              after: Any) -> None:
        self._audit.append((self.at, self.actor.os_user, self.actor.workstation, str(action), entity, entity_id,
                            column, None if before is None else str(before), None if after is None else str(after),
                            self.run_id))
        if len(self._audit) >= 20_000:
            self.flush_audit()

    def audit_event(self, action: AuditAction, entity: str, entity_id: int, after: str) -> None:
        self.audit(action, entity, entity_id, None, None, after)

    def flush_audit(self) -> None:
        if self._audit:
            self.bulk.write(AuditEntry, ("at", "os_user", "workstation", "action", "entity", "entity_id", "field",
                                         "before", "after", "import_run_id"), self._audit)
            self._audit = []


class _InsertRow:
    """Builds the tuple of one new row: the table's defaults, then what the target gives."""

    def __init__(self, kind: Kind, position: dict[str, int], template: list[Any]) -> None:
        spec = SPECS[kind]
        self.position = position
        self.template = template
        self.baseline = spec.baseline
        self.sourced = position["sourced_id"] if spec.sourced else -1
        self.sis_values = position["sis_values"] if spec.baseline else -1
        self.id = position["id"]
        self.search_key = position["search_key"] if kind == Kind.STUDENT else -1

    def __call__(self, target: Target) -> tuple[Any, ...]:
        values = self.template.copy()
        position = self.position
        for name, value in target.values.items():
            values[position[name]] = value.id if isinstance(value, Target) else value
        values[self.id] = target.id
        if self.sourced >= 0:
            values[self.sourced] = target.sourced_id
        if self.sis_values >= 0:
            values[self.sis_values] = json.dumps({c: plain(target.values[c]) for c in self.baseline
                                                  if c in target.values}, ensure_ascii=False, sort_keys=True)
        if self.search_key >= 0:
            values[self.search_key] = student_search_key(
                values[position["last_name"]], values[position["first_name"]], values[position["fiche"]],
                values[position["code_permanent"]])
        return tuple(values)


def _moved_meanwhile() -> InvalidInput:
    return InvalidInput("Un poste a modifié un élève ou un parent pendant l'importation : rien n'a été "
                        "écrit. Refaites l'aperçu, puis appliquez.")


def _scalar_default(default: Any) -> Any:
    """A column's Python-side default when it is a plain value (``default=""``), else None."""
    return default.arg if default is not None and getattr(default, "is_scalar", False) else None


def _resolved(value: Any) -> Any:
    if isinstance(value, Target):
        assert value.id is not None, "a referenced record is written before what refers to it"
        return value.id
    return value


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch
