"""Catch a page reading the database on the GUI thread: the window would freeze meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from desktop.services.storage import Database


@contextmanager
def statements_on_this_thread(database: Database) -> Iterator[list[str]]:
    """The SQL statements run on the calling (GUI) thread while the block runs; a page's should be none."""
    here = threading.get_ident()
    seen: list[str] = []

    def before_execute(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        if threading.get_ident() == here:
            seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", before_execute)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", before_execute)
