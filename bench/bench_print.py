"""Dossier printing speed: 1,000 one- to three-page dossiers ≤ 60 s, and at least half the throughput
of reportlab drawing the same text with no layout of ours.

Usage: python3 bench/bench_print.py [BOARD.db] [--db URL | --pg] [--delay-ms N] [--students N]

BOARD.db is a SQLite file, as every bench takes; ``--db URL`` runs on any database instead
(``--pg --delay-ms 5``: the PostgreSQL board behind a 5 ms round trip, see boards.py).
Without either, a demo board is generated into a temporary folder. The viewer is the student
("as the student sees it"), whose dossiers are one to three pages on the demo board. Measured in
one run:

1. end to end: ``print_batch`` of N students into one PDF, then into one file per student
   (engine + layout + writing, as the GUI and ``vitrail print batch`` run it);
2. rendering only, on the same N engine answers: our renderer (``render_dossier``) against a
   baseline that draws exactly the strings our dossier prints, one ``canvas.drawString`` per
   string, same embedded font, one PDF per dossier — reportlab with no layout of ours. The two
   are timed alternately, dossier by dossier, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from boards import add_network_arguments, through_network
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select

from desktop.models import Student
from desktop.services.reports.base import FONT, register_fonts
from desktop.services.reports.batch import Selection, print_batch
from desktop.services.reports.dossier import PrintStamp, field_texts, letterhead, render_dossier
from desktop.services.storage import open_database
from desktop.services.visibility.engine import preview
from desktop.services.visibility.view import DossierView
from desktop.services.visibility.viewers import ViewerSpec

TODAY = date(2026, 11, 23)
VIEWER = ViewerSpec.as_student()
STAMP = PrintStamp("bench", TODAY)
TARGET_SECONDS = 60.0
TARGET_RATIO = 0.5


def _args(argv: list[str]) -> tuple[str | None, int, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="fichier SQLite (défaut : base construite)")
    parser.add_argument("--db", metavar="URL", help="une autre base (sqlite:///… ou postgresql://…)")
    add_network_arguments(parser)
    parser.add_argument("--students", type=int, default=1000)
    args = parser.parse_args(argv[1:])
    url = args.db or (f"sqlite:///{args.path.resolve()}" if args.path else None)
    return url, args.students, args.delay_ms


def open_board(url: str | None, students: int, folder: Path):  # noqa: ANN201
    if url:
        return open_database(url)
    from desktop.services.demo import generate_demo

    database = open_database(f"sqlite:///{folder / 'bench.db'}", create=True)
    print(f"Génération d'une base de démonstration de {students} élèves…", flush=True)
    generate_demo(database, students=students, seed=3, today=TODAY)
    return database


def dossier_strings(view: DossierView) -> list[str]:
    """Every string the dossier prints, in order: the baseline draws exactly these."""
    head = letterhead(view, STAMP)
    strings = [head.title, *head.lines, view.student_name, f"Dossier tel que le voit : {view.viewer.label}.",
               view.viewer.derivation, f"Situation au {TODAY}."]
    for tile in view.tiles:
        if not tile.visible:
            continue
        strings.append(tile.label)
        for field in tile.fields:
            if field.visible:
                strings.append(field.label)
                strings.extend(field_texts(field))
    strings.extend(f"{k} {v}" for k, v in view.contact_us.items())
    return strings


def baseline_pdf(strings: list[str], footer: str) -> bytes:
    """The same text, drawn line after line with drawString: no layout at all."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, pageCompression=1)
    y, page = 740.0, 1
    canvas.setFont(FONT, 8)
    for text in strings:
        if y < 60:
            canvas.drawString(50, 30, f"{footer} — page {page}")
            canvas.showPage()
            canvas.setFont(FONT, 8)
            y, page = 740.0, page + 1
        canvas.drawString(50, y, text)
        y -= 11
    canvas.drawString(50, 30, f"{footer} — page {page}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    url, count, delay_ms = _args(argv)
    with through_network(url or "", delay_ms) as reached:
        return _main(reached or None, count)


def _main(url: str | None, count: int) -> int:
    register_fonts()
    with tempfile.TemporaryDirectory(prefix="vitrail-bench-print-") as temporary:
        folder = Path(temporary)
        database = open_board(url, count, folder)
        with database.sessions() as session:
            ids = tuple(session.scalars(select(Student.id).where(Student.group_id.is_not(None))
                                        .order_by(Student.id).limit(count)))
        count = len(ids)
        selection = Selection(student_ids=ids)

        started = time.perf_counter()
        one = print_batch(database, selection, VIEWER, TODAY, pdf=folder / "tous.pdf", printed_on=TODAY)
        one_pdf_seconds = time.perf_counter() - started
        rss_after_one = peak_rss_mb()
        (folder / "eleves").mkdir()
        started = time.perf_counter()
        each = print_batch(database, selection, VIEWER, TODAY, directory=folder / "eleves", printed_on=TODAY)
        per_student_seconds = time.perf_counter() - started

        with database.sessions() as session:
            views = [preview(session, student_id, VIEWER, TODAY) for student_id in ids]
        texts = [(dossier_strings(view), letterhead(view, STAMP).footer) for view in views]
        # Interleaved, dossier by dossier, so that the load of a shared machine hits both alike.
        pages, ours, baseline = [], 0.0, 0.0
        for view, (strings, footer) in zip(views, texts, strict=True):
            started = time.perf_counter()
            pages.append(render_dossier(view, io.BytesIO(), STAMP))
            middle = time.perf_counter()
            baseline_pdf(strings, footer)
            baseline += time.perf_counter() - middle
            ours += middle - started
        database.close()

    ratio = (count / ours) / (count / baseline)
    print(f"Dossiers : {count} (vu par l'élève), pages par dossier : {min(pages)} à {max(pages)}, "
          f"{sum(pages)} pages en tout")
    print(f"Bout en bout, un seul PDF        : {one_pdf_seconds:6.1f} s ({one.pages} pages) "
          f"— objectif ≤ {TARGET_SECONDS:.0f} s : {'OK' if one_pdf_seconds <= TARGET_SECONDS else 'ÉCHEC'}")
    print(f"Bout en bout, un PDF par élève   : {per_student_seconds:6.1f} s ({len(each.files)} fichiers) "
          f"— objectif ≤ {TARGET_SECONDS:.0f} s : {'OK' if per_student_seconds <= TARGET_SECONDS else 'ÉCHEC'}")
    print(f"Mise en page seule (notre rendu) : {ours:6.1f} s, {count / ours:6.1f} dossiers/s")
    print(f"Référence drawString sans mise en page : {baseline:6.1f} s, {count / baseline:6.1f} dossiers/s")
    print(f"Rapport de débit : {ratio:.2f} — objectif ≥ {TARGET_RATIO} : {'OK' if ratio >= TARGET_RATIO else 'ÉCHEC'}")
    print(f"Mémoire maximale du processus : {rss_after_one:.0f} Mo après le PDF unique, "
          f"{peak_rss_mb():.0f} Mo à la fin")
    ok = one_pdf_seconds <= TARGET_SECONDS and per_student_seconds <= TARGET_SECONDS and ratio >= TARGET_RATIO
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
