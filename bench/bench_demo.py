"""Demo board generation speed (issue 2, "Speed": ``vitrail demo`` ≤ 60 s for 100,000 students).

    python3 bench/bench_demo.py [--students N] [--seed S] [--keep PATH]

Generates the board into a new temporary SQLite file and prints the wall-clock and CPU seconds
of each step, the rows written per table and the file size. CPU seconds are printed because
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

from desktop.services.audit import Actor
from desktop.services.demo import generate_demo
from desktop.services.storage import open_database

TODAY = date(2026, 11, 23)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="copy the generated database there")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="vitrail-bench-demo-"))
    path = folder / "demo.db"
    database = open_database(f"sqlite:///{path}", create=True, actor=Actor("bench", "bench"))
    marks = [(time.perf_counter(), time.process_time())]

    def progress(done: int, total: int, label: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        print(f"  {wall - marks[-1][0]:6.2f} s  (CPU {cpu - marks[-1][1]:6.2f} s)  → {done}/{total} {label}",
              file=sys.stderr)
        marks.append((wall, cpu))

    try:
        summary = generate_demo(database, students=args.students, seed=args.seed, today=TODAY, progress=progress)
        wall = time.perf_counter() - marks[0][0]
        cpu = time.process_time() - marks[0][1]
        database.close()
        for table, count in summary.rows.items():
            print(f"{table:<22} {count:>10,}".replace(",", " "))
        print(f"{'total':<22} {summary.total_rows:>10,}".replace(",", " "))
        print(f"students={args.students} seconds={wall:.1f} cpu_seconds={cpu:.1f} "
              f"size_mb={path.stat().st_size / 1e6:.0f} load_average={os.getloadavg()[0]:.1f} target_seconds=60")
        if args.keep:
            shutil.copy(path, args.keep)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
