"""Catch a page reading the database on the GUI thread: the window would freeze meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.services.storage import Database

from support.statements import statements_sent


@contextmanager
def statements_on_this_thread(database: Database) -> Iterator[list[str]]:
    """The SQL statements run on the calling (GUI) thread while the block runs; a page's should be none."""
    here = threading.get_ident()
    with statements_sent(database.engine, lambda _statement, _context: threading.get_ident() == here) as seen:
        yield seen
