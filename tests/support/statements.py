"""The statements an engine sends, observed through its ``before_cursor_execute`` event (not mocked)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

# Whether to keep a statement: its SQL and its execution context (None for a raw driver statement).
Keep = Callable[[str, Any], bool]


@contextmanager
def statements_sent(engine: Engine, keep: Keep = lambda _statement, _context: True) -> Iterator[list[str]]:
    """The SQL of the statements ``engine`` sends inside the block that ``keep`` accepts, in order."""
    seen: list[str] = []

    def before_execute(_conn, _cursor, statement, _parameters, context, _executemany) -> None:
        if keep(statement, context):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before_execute)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before_execute)
