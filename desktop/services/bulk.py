"""Helpers for work over very many rows (the demo board, a SIS import)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of live objects are built.

    Each automatic collection walks every live object: on a 100,000-student board that made
    generating or planning two to three times slower. The work done inside makes no cycles that
    need collecting before the end; the collector is restored as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
