"""How long adding a viewer freezes the Aperçu page (issue 16: never over 100 ms).

    QT_QPA_PLATFORM=offscreen python3 bench/bench_preview_page.py [--students N] [--samples N]

Builds (once) a demo board in /tmp/vitrail-bench-page-<N>.db, opens the main window at 1,366 x 768
on Aperçu, and for several students times, on the GUI thread, ``set_viewers`` with one more viewer
(2, 3, then 4 side by side) up to the window painted again — the views are computed beforehand
(in the application that work runs on the worker thread), so what is timed is what freezes the
window. The longest single event-loop turn is reported too: chunked building keeps each turn short.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractEventDispatcher, QSize
from PySide6.QtWidgets import QApplication

from desktop.services.audit import Actor
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


class _Turns:
    """The longest gap between two event-loop wake-ups: how long the window could not answer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        dispatcher = QAbstractEventDispatcher.instance()
        assert dispatcher is not None
        dispatcher.awake.connect(self._awake)

    def reset(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()

    def _awake(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=240)
    parser.add_argument("--samples", type=int, default=8)
    arguments = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    database = _database(arguments.students)
    window = build_main_window(database, SynchronousRunner())
    window.resize(QSize(1366, 768))
    window.show()
    page = window.show_page("preview")
    for _ in range(5):
        app.processEvents()
    turns = _Turns()
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
            turns.reset()
            started = time.perf_counter()
            page.set_viewers(specs[:count])
            while page.rendering() if hasattr(page, "rendering") else False:
                app.processEvents()
            app.processEvents()  # layout and paint
            totals[count].append((time.perf_counter() - started) * 1000)
            longest[count].append(turns.longest * 1000)
    for count in (2, 3, 4):
        print(f"{count} lecteurs : total médiane {statistics.median(totals[count]):.0f} ms, max "
              f"{max(totals[count]):.0f} ms ; plus long tour de boucle médiane "
              f"{statistics.median(longest[count]):.0f} ms, max {max(longest[count]):.0f} ms")
    window.close()
    database.close()


if __name__ == "__main__":
    main()
