"""OneRoster CSV import speed (issue 12, "Speed": import into an empty SQLite ≤ 60 s, into PostgreSQL
≤ 120 s, re-import of the unchanged export ≤ 20 s with zero rows written, peak memory < 1 GB).

    python3 bench/bench_import.py [--students N] [--board PATH] [--db URL | --pg] [--delay-ms N]

Builds the demo board (or uses the SQLite file ``--board``) and exports it with ``vitrail export
oneroster``, each in its own process; then imports the export into a new empty database (a
temporary SQLite file; with ``--db postgresql://…`` or ``--pg``, a new database created on that
server, behind ``--delay-ms`` of round trip, and dropped afterwards), and imports it again. Prints wall-clock
and CPU seconds of each step (read and plan, apply), the rows written, and the peak memory of
the importing process. CPU seconds are printed because the
machine may be shared: on a busy machine wall time grows while CPU time does not.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from boards import add_network_arguments, scratch_database, through_network

from desktop.services.audit import Actor
from desktop.services.bulk import without_cyclic_gc
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.sync.csvread import read_oneroster_csv

CLOCK = FixedClock(datetime(2026, 11, 23, 9, 30))
ACTOR = Actor("bench", "bench")


class Timer:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        result = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vitrail(*args: str) -> None:
    """A ``vitrail`` command in its own process: the peak memory printed is the import's alone."""
    subprocess.run([sys.executable, "-m", "desktop.cli", *args], check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--board", type=Path, help="an existing demo board (SQLite file) to export")
    add_network_arguments(parser, with_db=True)
    args = parser.parse_args()
    if args.db and args.db.startswith("postgresql"):
        with scratch_database(args.db) as empty, through_network(empty, args.delay_ms) as url:
            args.db = url
            return _bench(args)
    return _bench(args)


def _bench(args: argparse.Namespace) -> int:

    folder = Path(tempfile.mkdtemp(prefix="vitrail-bench-import-"))
    try:
        timer = Timer()
        board = args.board
        if board is None:
            board = folder / "demo.db"
            vitrail("--db", f"sqlite:///{board}", "demo", "--students", str(args.students))
            print(f"demo board: {timer.lap()[0]:.1f} s", file=sys.stderr)
        vitrail("--db", f"sqlite:///{board}", "export", "oneroster", str(folder / "export"))
        wall, _ = timer.lap()
        size = sum(f.stat().st_size for f in (folder / "export").iterdir()) / 1e6
        print(f"export (its own process): {wall:.1f} s, {size:.0f} MB of CSV")

        url = args.db or f"sqlite:///{folder / 'imported.db'}"
        target = Vitrail(open_database(url, create=True, actor=ACTOR, clock=CLOCK))
        if not target.database.is_empty():
            print(f"{url} is not empty", file=sys.stderr)
            return 2
        timer.lap()
        for attempt in ("first import", "re-import"):
            plan = target.sync.plan_oneroster_csv(folder / "export")
            plan_wall, plan_cpu = timer.lap()
            if plan.errors:
                print("\n".join(p.text() for p in plan.errors[:20]), file=sys.stderr)
                return 1
            result = target.sync.apply(plan).value
            apply_wall, apply_cpu = timer.lap()
            del plan
            print(f"{attempt}: read and plan {plan_wall:.1f} s (CPU {plan_cpu:.1f} s) + apply {apply_wall:.1f} s "
                  f"(CPU {apply_cpu:.1f} s) = {plan_wall + apply_wall:.1f} s; rows written {result.rows_written}; "
                  f"peak memory so far {peak_mb():.0f} MB")
        # The re-import above is recognised by its fingerprint; this one reads and plans in full, as
        # an export with one change anywhere would be.
        with without_cyclic_gc():
            roster, problems = read_oneroster_csv(folder / "export")
            full = target.sync.plan_roster(roster, problems, source_kind="oneroster-csv")
        wall, cpu = timer.lap()
        print(f"re-import planned in full: {wall:.1f} s (CPU {cpu:.1f} s), {len(full.changes)} changes; "
              f"peak memory {peak_mb():.0f} MB")
        target.close()
        print(f"backend={url.split(':')[0]} load_average={os.getloadavg()[0]:.1f} "
              "targets: import ≤ 60 s (SQLite) / ≤ 120 s (PostgreSQL), re-import ≤ 20 s with 0 rows, < 1 GB")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
