"""Student search speed on a 100,000-student board (issue 2, "Speed"; issue 15: launch ≤ 1.0 s at 5 ms).

    python3 bench/bench_search.py [DB_PATH] [--students N] [--db URL | --pg] [--delay-ms N]

Builds the demo board at DB_PATH (default /tmp/vitrail-bench-100k.db) unless it already holds
one (or measures ``--db URL``; ``--pg --delay-ms 5``: the PostgreSQL board behind a 5 ms round
trip), then measures, each in a fresh process so nothing is warm that would not be at launch:

- launch → first usable list: from the moment the process is started (interpreter start and
  imports included) until the main window has painted the first screen of students, which can
  be opened at once (issue 15: ≤ 1.0 s); then until the whole board's index is in the list and
  searchable (issue 2: budget 1.5 s);
  The same is measured with the students page alone, to tell its share from the other pages';
- keystrokes: a realistic name typed one key at a time into the search field, each key
  delivered as a real key event and followed by the repaint; the median is the figure that
  matters (budget 16 ms, one frame), the worst one is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from boards import add_network_arguments, through_network
from PySide6.QtCore import QEvent, QObject

DEFAULT_PATH = Path("/tmp/vitrail-bench-100k.db")
NAMES_TO_TYPE = 6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--students", type=int, default=100_000)
    add_network_arguments(parser, with_db=True)
    parser.add_argument("--child", choices=("launch", "launch-students-only", "keys"), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child in ("launch", "launch-students-only"):
        return _child_launch(args.db, args.started, students_only=args.child == "launch-students-only")
    if args.child == "keys":
        return _child_keys(args.db)

    if not args.db:
        _ensure_demo(args.path, args.students)
    _compile_as_installed()
    with through_network(args.db or f"sqlite:///{args.path.resolve()}", args.delay_ms) as url:
        launches = [_run_child("launch", url) for _ in range(3)]
        alone = min((_run_child("launch-students-only", url) for _ in range(3)), key=lambda r: r["total"])
        keys = _run_child("keys", url)
    best = min(launches, key=lambda r: r["first"])
    firsts = ", ".join(f"{r['first']:.2f}" for r in launches)
    all_totals = ", ".join(f"{r['total']:.2f}" for r in launches)
    where = args.db or args.path
    delay = f", {args.delay_ms:g} ms d'aller-retour ajoutés" if args.delay_ms else ""
    print(f"Base : {where} ({best['students']} élèves{delay})")
    print(f"Lancement → premier écran d'élèves utilisable : {best['first']:.2f} s (meilleur de 3 ; "
          f"{firsts} s) — cible 1,0 s")
    print(f"Lancement → liste entière (index de tout le conseil) : {best['total']:.2f} s (meilleur de 3 ; "
          f"{all_totals} s) — budget 1,5 s")
    print(f"  temps processeur du lancement jusqu'à la liste entière : {best['cpu']:.2f} s")
    print(f"  dont démarrage Python + imports {best['imports']:.2f} s, ouverture de la base {best['open']:.2f} s, "
          f"index des élèves ~{best['index']:.2f} s, reste de la fenêtre + premier affichage ~{best['window']:.2f} s")
    print(f"  mémoire du poste, toutes les pages chargées : {best['memory_mb']:.0f} Mo au plus (cible ≤ 400 Mo)")
    print(f"  page Élèves seule (sans les autres pages) : premier écran {alone['first']:.2f} s, "
          f"liste entière {alone['total']:.2f} s, temps processeur {alone['cpu']:.2f} s")
    print(f"Frappe dans la recherche : médiane {keys['median_ms']:.1f} ms, pire {keys['max_ms']:.1f} ms "
          f"sur {keys['keys']} touches ({', '.join(keys['names'])}) — budget 16 ms (médiane)")
    print(f"  temps processeur par touche : médiane {keys['cpu_median_ms']:.1f} ms")
    print(f"charge moyenne de la machine : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")
    return 0


def _ensure_demo(path: Path, students: int) -> None:
    from desktop.services.demo import generate_demo
    from desktop.services.storage import open_database

    database = open_database(f"sqlite:///{path}", create=True)
    try:
        if database.is_empty():
            print(f"Création de la base de démonstration ({students} élèves) dans {path}…", file=sys.stderr)
            started = time.perf_counter()
            generate_demo(database, students=students, seed=1)
            print(f"  faite en {time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        database.close()


def _compile_as_installed() -> None:
    """Vitrail's own modules compiled to bytecode, as an installed workstation has them.

    The bundle and the .deb ship compiled modules; a checkout run with PYTHONDONTWRITEBYTECODE
    (set on this machine) would recompile every module at each launch, about 0.3 s of it.
    """
    import compileall

    import desktop

    compileall.compile_dir(Path(desktop.__file__).parent, quiet=1)


def _run_child(kind: str, url: str) -> dict:
    started = time.time()
    output = subprocess.run(
        [sys.executable, __file__, "--db", url, "--child", kind, "--started", repr(started)],
        check=True, capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _child_launch(url: str, started: float, *, students_only: bool = False) -> int:
    from PySide6.QtCore import QEventLoop, QThreadPool
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_application
    from desktop.services.facade import Vitrail
    from desktop.services.storage import open_database
    from desktop.services.students import load_student_index
    from desktop.views import main_window
    from desktop.views.main_window import build_main_window

    if students_only:
        main_window.PAGES = tuple(page for page in main_window.PAGES if page[0] == "students")
    imported = time.time()
    database = open_database(url)
    opened = time.time()
    app = create_application()
    window = build_main_window(Vitrail(database))  # the students page asks for its first page and index here
    window.show()
    page = window.pages["students"]
    waiting = QEventLoop()
    page.first_page_shown.connect(waiting.quit)
    page.index_loaded.connect(waiting.quit)
    if page.model.rowCount() == 0:
        waiting.exec()
    page.list_view.viewport().repaint()
    QApplication.processEvents()
    first = time.time()
    first_rows = page.model.rowCount()
    if not page.index_ready:
        waiting.exec()
    page.list_view.viewport().repaint()
    QApplication.processEvents()
    usable = time.time()
    cpu = time.process_time()  # CPU since the process started: what the figure would be on an idle machine
    students = page.model.rowCount()
    assert students > 0 and first_rows > 0
    QThreadPool.globalInstance().waitForDone(120_000)  # every page loaded: the workstation's memory, board open
    QApplication.processEvents()
    memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    again = time.time()
    load_student_index(database)  # the index alone, for the breakdown (measured after, warm)
    index_time = time.time() - again
    print(json.dumps({
        "first": first - started, "first_rows": first_rows,
        "total": usable - started, "cpu": cpu, "imports": imported - started, "open": opened - imported,
        "index": index_time, "window": usable - opened - index_time, "students": students, "memory_mb": memory_mb,
    }))
    QThreadPool.globalInstance().waitForDone(120_000)
    app.quit()
    return 0


def _child_keys(url: str) -> int:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_application
    from desktop.services.facade import Vitrail
    from desktop.services.storage import open_database
    from desktop.views.main_window import build_main_window

    database = open_database(url)
    app = create_application()
    window = build_main_window(Vitrail(database))
    window.show()
    QApplication.processEvents()
    # Other pages compute in the background at launch; a secretary types after they are done.
    QThreadPool.globalInstance().waitForDone(120_000)
    QApplication.processEvents()
    page = window.pages["students"]
    names = _realistic_names(page)
    paints = PaintCounter()
    page.list_view.viewport().installEventFilter(paints)
    timings, cpu_timings = [], []
    for name in names:
        page.search.clear()
        QApplication.processEvents()
        page.search.setFocus()
        for char in name:
            began = time.perf_counter()
            began_cpu = time.process_time()
            _type_key(page.search, char)
            QApplication.processEvents()  # delivers the repaint the model reset asked for
            timings.append((time.perf_counter() - began) * 1000)
            cpu_timings.append((time.process_time() - began_cpu) * 1000)
        assert page.model.rowCount() >= 1, name
    assert paints.count > 0, "the list was never repainted: the figures would mean nothing"
    print(json.dumps({"median_ms": statistics.median(timings), "max_ms": max(timings), "keys": len(timings),
                      "cpu_median_ms": statistics.median(cpu_timings),
                      "names": names}))
    QThreadPool.globalInstance().waitForDone(120_000)
    app.quit()
    return 0


class PaintCounter(QObject):
    """Counts paint events of the list, to be sure the measured keys include their repaint."""

    count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


def _type_key(widget, char: str) -> None:  # noqa: ANN001
    """A real key press + release carrying the character (accents included, as a keyboard sends them)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key_Space if char == " " else Qt.Key_unknown
    for kind in (QEvent.KeyPress, QEvent.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.NoModifier, char))


def _realistic_names(page) -> list[str]:  # noqa: ANN001
    """Names of students spread over the board, typed as a secretary would: "lastname firstname"."""
    rows = page.model._index.rows
    step = max(len(rows) // NAMES_TO_TYPE, 1)
    names = []
    for position in range(step // 2, len(rows), step):
        _, _, _, last, first, *_ = rows[position]
        names.append(f"{last} {first}".lower())
    return names[:NAMES_TO_TYPE]


if __name__ == "__main__":
    sys.exit(main())
