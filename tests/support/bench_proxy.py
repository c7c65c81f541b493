"""The benches' delay proxy (``bench/delay_proxy.py``), importable from the tests.

The tests use it as the benches do: to relay PostgreSQL and count the round trips an interaction
really makes (BEGIN, COMMIT and connection checks included), or to check the proxy itself.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "delay_proxy", Path(__file__).resolve().parents[2] / "bench" / "delay_proxy.py")
assert _spec is not None and _spec.loader is not None
delay_proxy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(delay_proxy)
DelayProxy = delay_proxy.DelayProxy
