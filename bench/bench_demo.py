"""Demo board generation speed (issue 15: ``vitrail demo`` ≤ 20 s on SQLite, ≤ 60 s on PostgreSQL).

    python3 bench/bench_demo.py [--students N] [--seed S] [--keep PATH] [--db URL | --pg] [--delay-ms N]

Generates the board into a new temporary SQLite file — or, with ``--db postgresql://…`` (``--pg``:
the bench server), into a new database created on that PostgreSQL server and dropped afterwards,
behind ``--delay-ms`` of round trip — and prints the wall-clock and CPU seconds of each step, the
rows written per table and the file size. CPU seconds are printed because
the machine may be shared: on a busy machine wall time grows while CPU time does not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from boards import add_network_arguments, scratch_database, through_network

from desktop.services.audit import Actor
from desktop.services.demo import generate_demo
from desktop.services.storage import open_database

TODAY = date(2026, 11, 23)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="copy the generated database there")
    add_network_arguments(parser, with_db=True)
    args = parser.parse_args()
    if args.db and args.db.startswith("postgresql"):
        with scratch_database(args.db) as empty, through_network(empty, args.delay_ms) as url:
            return _generate(args, url, None)
    folder = Path(tempfile.mkdtemp(prefix="vitrail-bench-demo-"))
    try:
        return _generate(args, f"sqlite:///{folder / 'demo.db'}", folder / "demo.db")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _generate(args: argparse.Namespace, url: str, path: Path | None) -> int:
    database = open_database(url, create=True, actor=Actor("bench", "bench"))
    marks = [(time.perf_counter(), time.process_time())]

    def progress(done: int, total: int, label: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        print(f"  {wall - marks[-1][0]:6.2f} s  (CPU {cpu - marks[-1][1]:6.2f} s)  → {done}/{total} {label}",
              file=sys.stderr)
        marks.append((wall, cpu))

    try:
        summary = generate_demo(database, students=args.students, seed=args.seed, today=TODAY, progress=progress)
    finally:
        database.close()
    wall = time.perf_counter() - marks[0][0]
    cpu = time.process_time() - marks[0][1]
    for table, count in summary.rows.items():
        print(f"{table:<22} {count:>10,}".replace(",", " "))
    print(f"{'total':<22} {summary.total_rows:>10,}".replace(",", " "))
    size = f"size_mb={path.stat().st_size / 1e6:.0f} " if path else ""
    backend, target = ("sqlite", 20) if path else ("postgresql", 60)
    print(f"backend={backend} delay_ms={args.delay_ms:g} students={args.students} seconds={wall:.1f} "
          f"cpu_seconds={cpu:.1f} {size}load_average={os.getloadavg()[0]:.1f} target_seconds={target}")
    if args.keep and path:
        shutil.copy(path, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
