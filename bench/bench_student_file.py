"""Opening a student's file (issue 15: ≤ 30 ms on the 100,000-student board at a 5 ms round trip).

    python3 bench/bench_student_file.py [BOARD.db] [--db URL | --pg] [--delay-ms N] [--samples N]

Opens the files of random students through the façade (``Vitrail.students.file``), as the Élèves
page does when a row is chosen: identity, school, guardians with their last email change, and
emergency contacts, in one unit of work. Without a database, builds (once) the SQLite board
/tmp/vitrail-bench-100k.db; ``--pg --delay-ms 5`` measures the PostgreSQL board behind 5 ms.
"""

from __future__ import annotations

import argparse
import random
import sys

from boards import Timings, add_board_arguments, count_round_trips, machine_line, open_board, round_trips_line
from sqlalchemy import select

from desktop.models import Student
from desktop.services.facade import Vitrail

TARGET_MS = 30


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_board_arguments(parser)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with open_board(args) as database:
        vitrail = Vitrail(database)
        with database.sessions() as session:
            ids = session.scalars(select(Student.id)).all()
        print(f"{len(ids)} élèves ; base {database.display_name()}")
        sample = random.Random(11).sample(ids, min(args.samples, len(ids)))
        for student_id in sample[:5]:  # a running application has its connections open already
            vitrail.students.file(student_id)
        timings = Timings("Dossier d'un élève", TARGET_MS)
        for student_id in sample:
            with timings.measure():
                vitrail.students.file(student_id)
    trips = count_round_trips(args.db or "", [lambda v, s=s: v.students.file(s) for s in sample[:20]])
    print(timings.line())
    if trips is not None:
        print(round_trips_line("Dossier d'un élève", trips))
    print(machine_line())
    return 0 if timings.median() <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
