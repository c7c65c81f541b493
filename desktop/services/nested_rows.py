"""Several lists in one statement: each list becomes one JSON column of a single SELECT.

Over a board's network every statement costs a round trip (about 5 ms), more than the indexed
query itself. A student's record is a dozen short lists (results, absences, messages…): sent as
a dozen SELECTs it costs a dozen round trips. ``nested_rows(select, order_by…)`` turns one list
into a scalar subquery holding its rows as a JSON array of arrays, in ``order_by``'s order, so
``load_nested`` fetches every list of a screen in one ``nested_statement``, on SQLite (``json_group_array``)
and on PostgreSQL (``json_agg``) alike.

Values come back as JSON, the same on both backends once read through the ``as_*`` helpers:
dates as ISO text (``YYYY-MM-DD``), timestamps as ISO text (``as_datetime``), booleans as
true/false or 1/0 (``bool``), numbers as int or float (``as_float`` where the column is a float:
PostgreSQL writes 78.0 as 78).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Select, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql._typing import _ColumnExpressionOrStrLabelArgument
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseList
from sqlalchemy.sql.functions import FunctionElement

ROW_NUMBER = "nested_row_number"


class _JsonRows(FunctionElement[Any]):
    """``json_agg(json_build_array(cols…) ORDER BY n)`` on PostgreSQL, ``json_group_array(json_array(cols…))``
    on SQLite (whose aggregate follows the ordered subquery it reads: SQLite 3.40 has no ORDER BY
    inside an aggregate). Always a JSON array, ``[]`` for no row."""

    type = JSON()
    name = "json_rows"
    inherit_cache = True


@compiles(_JsonRows, "postgresql")
def _json_rows_postgresql(element: _JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    *columns, order = list(element.clauses)
    values = compiler.process(ClauseList(*columns), **kw)
    return f"coalesce(json_agg(json_build_array({values}) ORDER BY {compiler.process(order, **kw)}), '[]'::json)"


@compiles(_JsonRows)
def _json_rows_sqlite(element: _JsonRows, compiler: SQLCompiler, **kw: Any) -> str:
    *columns, _order = list(element.clauses)
    return f"json_group_array(json_array({compiler.process(ClauseList(*columns), **kw)}))"


def nested_rows(statement: Select[Any], *order_by: _ColumnExpressionOrStrLabelArgument[Any],
                limit: int | None = None) -> Any:
    """``statement``'s rows (ordered by ``order_by``, at most ``limit``) as one JSON-array column.

    ``statement`` must not be correlated to an enclosing query: it stands alone, with bound
    parameters shared by every list of the enclosing statement.
    """
    number = func.row_number().over(order_by=order_by or None).label(ROW_NUMBER)
    inner = statement.add_columns(number).order_by(*order_by)
    if limit is not None:
        inner = inner.limit(limit)
    rows = inner.subquery()
    columns = [column for column in rows.c if column.name != ROW_NUMBER]
    return select(_JsonRows(*columns, rows.c[ROW_NUMBER])).select_from(rows).scalar_subquery()


def nested_statement(lists: Sequence[Any]) -> Select[Any]:
    """The one statement selecting the ``nested_rows`` columns ``lists``.

    Build it once and keep it (a module-wide constant): SQLAlchemy computes a statement's cache key
    on each new statement object, which for a dozen nested lists costs far more than running it.
    """
    return select(*lists)


def load_nested(session: Session, statement: Select[Any], params: dict[str, Any]) -> list[list[list[Any]]]:
    """Run a ``nested_statement``: each list's rows, in order."""
    row = session.connection().execute(statement, params).one()
    return [list(value or ()) for value in row]


def as_datetime(value: str | None) -> datetime | None:
    """A timestamp read from JSON (``2026-11-23T08:15:00`` or SQLite's ``2026-11-23 08:15:00.000000``)."""
    return None if value is None else datetime.fromisoformat(value)


def as_float(value: float | None) -> float | None:
    return None if value is None else float(value)
