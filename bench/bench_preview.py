"""Speed of the role preview on a 100,000-student board (issue 3: one preview ≤ 20 ms, nine ≤ 150 ms).

    python3 bench/bench_preview.py [BOARD.db] [--db URL] [--students N] [--samples N]

Without a database, builds (once) a demo board of N students (default 100,000) in
/tmp/vitrail-bench-<N>.db with ``desktop.services.demo.generate_demo``. Measures, over random
students: one preview from scratch (load the student + policy + engine + JSON), and nine viewers
side by side (the student loaded once, then seven staff roles, a guardian and the student).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.models import Student
from desktop.services.audit import Actor
from desktop.services.storage import open_database
from desktop.services.visibility.engine import PreviewSession, preview
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


def _nine(loaded: PreviewSession) -> list[ViewerSpec]:
    record = loaded.record
    subject = record.course_groups[0].subject_code if record.course_groups else "MAT"
    specs = [ViewerSpec.abstract(role, subject if role == "teacher_specialist" else None) for role in STAFF_ROLES]
    specs.append(ViewerSpec.guardian(record.guardians[0].id) if record.guardians else ViewerSpec.abstract("parent"))
    specs.append(ViewerSpec.as_student())
    return specs


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"médiane {statistics.median(values) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {values[-1] * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="fichier SQLite (défaut : base de démonstration construite)")
    parser.add_argument("--db", metavar="URL", help="une autre base (sqlite:///… ou postgresql://…)")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    database = _database(args.path, args.db, args.students)
    rng = random.Random(3)
    with database.sessions() as session:
        ids = session.scalars(select(Student.id)).all()
        print(f"{len(ids)} élèves ; base {database.display_name()}")
        sample = rng.sample(ids, min(args.samples, len(ids)))
        for student_id in sample[:5]:  # warm the caches (policy, SQLite pages) as a running app would be
            preview(session, student_id, ViewerSpec.abstract("direction"), TODAY)
        one, nine = [], []
        for student_id in sample:
            started = time.perf_counter()
            view = preview(session, student_id, ViewerSpec.abstract("teacher_homeroom"), TODAY)
            json.dumps(dossier_json(view), ensure_ascii=False)
            one.append(time.perf_counter() - started)
            started = time.perf_counter()
            loaded = PreviewSession(session, student_id, TODAY)
            for spec in _nine(loaded):
                json.dumps(dossier_json(loaded.view(spec)), ensure_ascii=False)
            nine.append(time.perf_counter() - started)
            session.rollback()
    database.close()
    print(f"Un aperçu (chargement + moteur + JSON), {len(one)} élèves : {_ms(one)} (cible ≤ 20 ms)")
    print(f"Neuf observateurs côte à côte, {len(nine)} élèves : {_ms(nine)} (cible ≤ 150 ms)")
    ok = statistics.median(one) <= 0.020 and statistics.median(nine) <= 0.150
    print("OK" if ok else "TROP LENT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
