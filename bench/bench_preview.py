"""Speed of the role preview on a 100,000-student board (issue 15: one preview ≤ 30 ms, nine ≤ 60 ms at 5 ms).

    python3 bench/bench_preview.py [BOARD.db] [--db URL | --pg] [--delay-ms N] [--students N] [--samples N]

Without a database, builds (once) a demo board of N students (default 100,000) in
/tmp/vitrail-bench-<N>.db with ``desktop.services.demo.generate_demo``. Measures, over random
students: one preview from scratch (load the student + policy + engine + JSON), and nine viewers
side by side (the student loaded once, then seven staff roles, a guardian and the student).
Both go through the façade (``Vitrail.visibility``), as the Aperçu page asks for them: each call
is its own unit of work, connection checkout included. ``--pg --delay-ms 5`` measures the
PostgreSQL board behind a 5 ms round trip (see ``boards.py``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

from boards import Timings, add_network_arguments, count_round_trips, machine_line, round_trips_line, through_network
from sqlalchemy import select

from desktop.models import Student
from desktop.services.audit import Actor
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.visibility.policy import STAFF_ROLES
from desktop.services.visibility.serialize import dossier_json
from desktop.services.visibility.viewers import ViewerSpec

TODAY = date(2026, 11, 23)
ACTOR = Actor("bench", "bench")


def _database(path: Path | None, url: str | None, students: int):  # noqa: ANN202
    if url or path:
        return open_database(url or f"sqlite:///{Path(path).resolve()}", actor=ACTOR)
    path = Path(f"/tmp/vitrail-bench-{students}.db")
    database = open_database(f"sqlite:///{path}", create=True, actor=ACTOR)
    if database.is_empty():
        from desktop.services.demo import generate_demo

        print(f"Construction d'un centre de services de {students} élèves dans {path}…", file=sys.stderr)
        started = time.perf_counter()
        generate_demo(database, students=students, seed=1, today=TODAY)
        print(f"  fait en {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return database


def _nine(vitrail: Vitrail, student_id: int) -> list[ViewerSpec]:
    record = vitrail.visibility.student(student_id, TODAY).record
    subject = record.course_groups[0].subject_code if record.course_groups else "MAT"
    specs = [ViewerSpec.abstract(role, subject if role == "teacher_specialist" else None) for role in STAFF_ROLES]
    specs.append(ViewerSpec.guardian(record.guardians[0].id) if record.guardians else ViewerSpec.abstract("parent"))
    specs.append(ViewerSpec.as_student())
    return specs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="fichier SQLite (défaut : base de démonstration construite)")
    parser.add_argument("--db", metavar="URL", help="une autre base (sqlite:///… ou postgresql://…)")
    add_network_arguments(parser)
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with through_network(args.db or "", args.delay_ms) as url:
        database = _database(args.path, url or None, args.students)
        try:
            vitrail = Vitrail(database)
            one, nine, sample = _measure(vitrail, args.samples)
            nines = [(student_id, _nine(vitrail, student_id)) for student_id in sample[:10]]
        finally:
            database.close()
    homeroom = ViewerSpec.abstract("teacher_homeroom")
    one_trips = count_round_trips(args.db or "", [lambda v, s=s: v.visibility.view(s, homeroom, TODAY)
                                                  for s in sample[:20]])
    nine_trips = count_round_trips(args.db or "", [lambda v, s=s, specs=specs: v.visibility.views(s, specs, TODAY)
                                                   for s, specs in nines])
    print(one.line())
    print(nine.line())
    if one_trips is not None:
        print(round_trips_line("Un aperçu", one_trips))
        print(round_trips_line("Neuf observateurs", nine_trips))
    print(machine_line())
    return 0 if one.median() <= 30 and nine.median() <= 60 else 1


def _measure(vitrail: Vitrail, samples: int) -> tuple[Timings, Timings, list[int]]:
    rng = random.Random(3)
    with vitrail.database.sessions() as session:
        ids = session.scalars(select(Student.id)).all()
    print(f"{len(ids)} élèves ; base {vitrail.database.display_name()}")
    sample = rng.sample(ids, min(samples, len(ids)))
    for student_id in sample[:5]:  # warm the caches (policy, pages) as a running app would be
        vitrail.visibility.view(student_id, ViewerSpec.abstract("direction"), TODAY)
    one = Timings("Un aperçu (chargement + moteur + JSON)", 30)
    nine = Timings("Neuf observateurs côte à côte", 60)
    homeroom = ViewerSpec.abstract("teacher_homeroom")
    for student_id in sample:
        with one.measure():
            view = vitrail.visibility.view(student_id, homeroom, TODAY)
            json.dumps(dossier_json(view), ensure_ascii=False)
        specs = _nine(vitrail, student_id)  # the Aperçu page knows the viewers before it asks for nine
        with nine.measure():
            for view in vitrail.visibility.views(student_id, specs, TODAY):
                json.dumps(dossier_json(view), ensure_ascii=False)
    return one, nine, sample


if __name__ == "__main__":
    sys.exit(main())
