"""How long adding a viewer freezes the Aperçu page (issue 16: never over 100 ms).

    QT_QPA_PLATFORM=offscreen python3 bench/bench_preview_page.py [--students N] [--samples N]

Builds (once) a demo board in /tmp/vitrail-bench-page-<N>.db, opens the main window at 1,366 x 768
on Aperçu, and for several students times, on the GUI thread, ``set_viewers`` with one more viewer
(2, 3, then 4 side by side) up to the window painted again — the views are computed beforehand
(in the application that work runs on the worker thread), so what is timed is what freezes the
window. The longest single turn of the event loop is what the secretary feels: the window answers
between two turns.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from desktop.services.audit import Actor
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner

TODAY = date(2026, 11, 23)
ACTOR = Actor("bench", "bench")


def _database(students: int):  # noqa: ANN202
    path = Path(f"/tmp/vitrail-bench-page-{students}.db")
    database = open_database(f"sqlite:///{path}", create=True, actor=ACTOR)
    if database.is_empty():
        from desktop.services.demo import generate_demo

        generate_demo(database, students=students, seed=7, today=TODAY)
    return database


def _timed(work) -> float:  # noqa: ANN001
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=240)
    parser.add_argument("--samples", type=int, default=8)
    arguments = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    database = _database(arguments.students)
    window = build_main_window(Vitrail(database), SynchronousRunner())
    window.resize(QSize(1366, 768))
    window.show()
    page = window.show_page("preview")
    for _ in range(5):
        app.processEvents()
    totals: dict[int, list[float]] = {2: [], 3: [], 4: []}
    longest: dict[int, list[float]] = {2: [], 3: [], 4: []}
    for row in range(arguments.samples):
        page.open_student(page.students_model.student_id(row * 7 % page.students_model.rowCount()))
        app.processEvents()
        specs = [page.choices.spec(r) for r in range(page.choices.rowCount())]
        specs = [spec for spec in specs if spec is not None][:4]
        page.set_viewers(specs)  # computes and caches the four views (the worker's part)
        page.set_viewers(specs[:1])
        for _ in range(3):
            app.processEvents()
        for count in (2, 3, 4):
            turns = [_timed(lambda count=count, specs=specs: page.set_viewers(specs[:count]))]  # the click's own turn
            turns.extend(_timed(app.processEvents) for _ in range(4))  # then layout, measuring, paint
            totals[count].append(sum(turns))
            longest[count].append(max(turns))
    for count in (2, 3, 4):
        print(f"{count} lecteurs : plus long tour de boucle médiane {statistics.median(longest[count]):.0f} ms, "
              f"max {max(longest[count]):.0f} ms ; total médiane {statistics.median(totals[count]):.0f} ms, "
              f"max {max(totals[count]):.0f} ms")
    window.close()
    database.close()


if __name__ == "__main__":
    main()
