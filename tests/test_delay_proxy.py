"""The benches' delay proxy really delays (issue 15, item 5): a PostgreSQL round trip through it
takes at least the configured round trip, and the answers pass through unchanged.

This checks the proxy's correctness, not Vitrail's speed: the elapsed time of a query through it
is compared with the delay it was told to add, which it can never beat.
"""

from __future__ import annotations

import os
import time

import pytest

from support.bench_proxy import delay_proxy

PG_URL = os.environ.get("VITRAIL_TEST_PG_URL")
needs_pg = pytest.mark.skipif(not PG_URL, reason="VITRAIL_TEST_PG_URL non défini : le mandataire relaie PostgreSQL")


def _round_trips(url: str, count: int) -> list[float]:
    import psycopg

    with psycopg.connect(url) as connection:
        timings = []
        for number in range(count):
            started = time.perf_counter()
            assert connection.execute("SELECT %s::int + 1", (number,)).fetchone() == (number + 1,)
            timings.append(time.perf_counter() - started)
    return timings


@needs_pg
@pytest.mark.parametrize("process", [False, True], ids=["thread", "process"])
def test_a_query_through_the_proxy_takes_at_least_the_round_trip(process):
    with delay_proxy.DelayProxy("127.0.0.1", _port(), delay_ms=2.5, process=process) as proxy:
        timings = _round_trips(proxy.url(PG_URL), 20)
    assert min(timings) >= 0.005, f"a round trip faster than the 5 ms the proxy adds: {min(timings) * 1000:.2f} ms"


@needs_pg
def test_the_proxy_counts_round_trips_not_bytes():
    import psycopg

    with delay_proxy.DelayProxy("127.0.0.1", _port(), delay_ms=0) as proxy, \
            psycopg.connect(proxy.url(PG_URL), autocommit=True) as connection:
        before = proxy.turns.total
        for _ in range(5):
            connection.execute("SELECT repeat('x', 200000)").fetchone()  # answers of several chunks
        assert proxy.turns.total - before == 5


@needs_pg
def test_without_delay_the_proxy_only_forwards():
    with delay_proxy.DelayProxy("127.0.0.1", _port(), delay_ms=0) as proxy:
        timings = _round_trips(proxy.url(PG_URL), 5)
    assert len(timings) == 5


def test_the_url_points_at_the_proxy_and_keeps_the_rest():
    proxy = delay_proxy.DelayProxy("127.0.0.1", 5432, delay_ms=1)
    proxy.port = 40001
    assert proxy.url("postgresql://alice:secret@db.example:5432/vitrail?sslmode=disable") == \
        "postgresql://alice:secret@127.0.0.1:40001/vitrail?sslmode=disable"


def _port() -> int:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).port or 5432
