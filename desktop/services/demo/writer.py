"""Bulk writing of the demo rows: plain tuples, in batches, one transaction.

The ORM (one object per row, audit listener, identity map) would take minutes for 100,000
students; here ids are assigned in Python so rows link to each other without round-trips, and
each batch goes to the driver through SQLAlchemy's connection: on SQLite as multi-row
``INSERT … VALUES`` statements, on PostgreSQL as a COPY. Bulk loads are not audited row by row
(see ``desktop.services.audit``).
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, select, text

from desktop.models import Base

BATCH_ROWS = 20_000
# Rows per SQLite INSERT statement (fewer if the driver's SQLite allows fewer bound values).
ROWS_PER_STATEMENT = 200

# One row to insert, its values in the order of the columns named with it.
DemoRow = tuple[object, ...]


class IdSequence:
    """Ids for one table, handed out in Python so rows can reference each other before insert.

    ``next`` is the bound ``__next__`` of an ``itertools.count``: called millions of times, a
    Python-level method would cost seconds.
    """

    def __init__(self) -> None:
        self._count = itertools.count(1)
        self.next = self._count.__next__

    def take(self, count: int) -> Iterator[int]:
        """The next ``count`` ids, drawn as they are iterated: rows zipped from columns get theirs
        without a Python call per row."""
        return islice(self._count, count)


class BulkWriter:
    """Inserts tuples into a table through the connection's driver, batch after batch."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.counts: dict[str, int] = {}
        self._placeholder = "?" if self.dialect.paramstyle == "qmark" else "%s"

    def write(self, entity: type[Base], columns: Sequence[str], rows: Iterable[DemoRow]) -> int:
        """Insert ``rows`` (tuples in ``columns`` order) into the table of ``entity``; returns how many."""
        table = entity.__table__
        assert isinstance(table, Table), "every entity is mapped to one table"
        if self.dialect.name == "postgresql":
            written = self._copy(table, columns, rows)
        else:
            written = self._insert(table, columns, rows)
        self.counts[table.name] = self.counts.get(table.name, 0) + written
        return written

    def _insert(self, table: Table, columns: Sequence[str], rows: Iterable[DemoRow]) -> int:
        """SQLite: each batch as INSERT statements of ``ROWS_PER_STATEMENT`` rows, through executemany.

        Each execution of a statement is reset, stepped and seeks its place in the table and its
        unique indexes again: with one statement per row, that was half the time of the writes.
        """
        width = len(columns)
        per_statement = max(1, min(ROWS_PER_STATEMENT, self._bound_values_limit() // width))
        statement = self._insert_sql(table, columns, per_statement)
        dates = self._date_texts(table, columns)
        iterator = iter(rows)
        written = 0
        while batch := list(islice(iterator, BATCH_ROWS)):
            whole = len(batch) - len(batch) % per_statement
            if whole:
                self.connection.exec_driver_sql(statement, [
                    _flat_values(table, batch[start:start + per_statement], width, dates)
                    for start in range(0, whole, per_statement)])
            if whole < len(batch):
                rest = batch[whole:]
                self.connection.exec_driver_sql(self._insert_sql(table, columns, len(rest)),
                                                _flat_values(table, rest, width, dates))
            written += len(batch)
        return written

    def _insert_sql(self, table: Table, columns: Sequence[str], rows: int) -> str:
        """``INSERT OR FAIL``: a row breaking a constraint fails the statement and leaves the rows
        before it, as one statement per row did. A plain INSERT would have SQLite keep a statement
        journal to undo them, a copy of each page the statement touches: on a table with unique
        indexes (student) slower than one statement per row."""
        one_row = f"({', '.join([self._placeholder] * len(columns))})"
        return f"INSERT OR FAIL INTO {table.name} ({', '.join(columns)}) VALUES {', '.join([one_row] * rows)}"

    def _bound_values_limit(self) -> int:
        """How many values one SQLite statement may bind (32,766 by default, 999 before SQLite 3.32)."""
        raw = self.connection.connection.driver_connection
        assert raw is not None, "a connection in use has its driver connection"
        limit: int = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return limit

    def _copy(self, table: Table, columns: Sequence[str], rows: Iterable[DemoRow]) -> int:
        """PostgreSQL: COPY … FROM STDIN through psycopg, in the connection's transaction.

        executemany costs a round-trip per row batch and parses each row; COPY streams them.
        """
        written = 0
        raw = self.connection.connection.driver_connection
        assert raw is not None, "a connection in use has its driver connection"
        with raw.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written

    def _date_texts(self, table: Table, columns: Sequence[str]) -> dict[int, DateTexts]:
        """SQLite stores dates as text in SQLAlchemy's format: the converter of each date column, by position."""
        dates: dict[int, DateTexts] = {}
        for index, name in enumerate(columns):
            column_type = table.c[name].type
            if isinstance(column_type, (Date, DateTime)):
                process = column_type.dialect_impl(self.dialect).bind_processor(self.dialect)
                if process is not None:
                    dates[index] = DateTexts(process)
        return dates


def _flat_values(table: Table, rows: list[DemoRow], width: int, dates: dict[int, DateTexts]) -> tuple[object, ...]:
    """The values of ``rows`` one after the other, as one multi-row INSERT binds them, dates as text.

    A row of the wrong length would shift every value after it: the count is checked (executemany
    refused such a row by itself). Dates are replaced a column at a time (every ``width``-th value).
    """
    values = tuple(chain.from_iterable(rows))
    if len(values) != len(rows) * width:
        raise ValueError(f"{table.name}: a row does not have its {width} values")
    if not dates:
        return values
    converted = list(values)
    for index, texts in dates.items():
        converted[index::width] = map(texts.__getitem__, values[index::width])
    return tuple(converted)


class DateTexts(dict[object, object]):
    """The stored text of each date seen, computed once: few distinct dates (school days) over
    millions of rows, looked up column by column without a Python call per value."""

    def __init__(self, process: Callable[[Any], Any]) -> None:
        super().__init__()
        self.process = process

    def __missing__(self, value: object) -> object:
        text = self[value] = self.process(value)
        return text


# How long the statements of a bulk load may run on PostgreSQL (the usual limit is storage's 30 s):
# one COPY of a million rows, or the check of a foreign key over them, on a busy server.
BULK_STATEMENT_TIMEOUT_MS = 600_000


@contextmanager
def indexes_built_after_load(connection: Connection) -> Iterator[None]:
    """Drop the secondary indexes (and on PostgreSQL the foreign keys), load, then rebuild them
    (and on PostgreSQL gather the planner's statistics).

    Building an index once over the loaded data is cheaper than updating it row by row; on
    PostgreSQL each row's foreign keys are otherwise checked one by one by a trigger (a look-up
    per key per row, most of a COPY's time), where adding the constraint back checks the whole
    table at once. The definitions come from the database itself (``sqlite_master``,
    ``pg_indexes``, ``pg_constraint``), so what is rebuilt is exactly the migration's. Indexes
    backing UNIQUE constraints and unique indexes stay. Runs inside the caller's transaction: a
    failure restores everything.
    """
    if connection.dialect.name == "sqlite":
        indexes = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name").all()
        for name, _sql in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        for _name, sql in indexes:
            connection.exec_driver_sql(sql)
        return
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {BULK_STATEMENT_TIMEOUT_MS}")
    keys = connection.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY conname").all()
    indexes = connection.exec_driver_sql(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND left(i.indexdef, 13) <> 'CREATE UNIQUE' ORDER BY i.indexname").all()
    for table, name, _definition in keys:
        connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        connection.exec_driver_sql(definition)
    for table, name, definition in keys:
        connection.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    # Statistics now, not when autovacuum gets round to it: without them the planner reads whole
    # tables for a single student's preview (122 ms instead of 7.6 ms per query at 100,000 students).
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    connection.exec_driver_sql(f"ANALYZE {tables}")


def first_table_with_rows(connection: Connection, ignored: Collection[str] = ()) -> str | None:
    """The first table holding a row, leaving out ``ignored`` (tables a new database already fills)."""
    for table in Base.metadata.sorted_tables:
        if table.name in ignored:
            continue
        if connection.execute(select(1).select_from(table).limit(1)).first() is not None:
            return table.name
    return None


def delete_all_rows(connection: Connection, keep: Collection[str] = ()) -> None:
    """Empty every Vitrail table but ``keep``, children first (the caller's transaction makes it all-or-nothing)."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in keep:
            connection.execute(table.delete())


def reset_id_sequences(connection: Connection) -> None:
    """PostgreSQL: move each id sequence past the ids written here, so later inserts don't collide."""
    if connection.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        ))
