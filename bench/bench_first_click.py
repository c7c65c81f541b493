"""A workstation's first click of the day: its first student file and first preview (issue 15).

    python3 bench/bench_first_click.py [BOARD.db] [--db URL | --pg] [--delay-ms N] [--workstations N]

Each repetition is a new workstation: its own engine (nothing compiled, new server connection),
the person's grants and the first screen of students read as at launch; then, with the launch's
warm-up (``Vitrail.warm_up`` on the list's first student, as the Élèves page runs it in the
background once the list is in) or without it, the file and the preview of another student are
opened and timed. Targets: the file and the preview ≤ 30 ms at 5 ms round trip, first click
included.
"""

from __future__ import annotations

import argparse
import sys

from boards import NOW, Timings, add_board_arguments, machine_line, open_board

from desktop.services.facade import Vitrail
from desktop.services.storage import open_database

TARGET_MS = 30


def first_clicks(url: str, actor: object, workstations: int, *, warm: bool) -> tuple[Timings, Timings]:
    """The first file and first preview of ``workstations`` new workstations."""
    state = "après" if warm else "sans"
    files = Timings(f"Premier dossier d'un poste ({state} la mise en route)", TARGET_MS)
    previews = Timings(f"Premier aperçu d'un poste ({state} la mise en route)", TARGET_MS)
    for number in range(workstations):
        vitrail = Vitrail(open_database(url, actor=actor))  # type: ignore[arg-type]
        try:
            vitrail.access.me()
            first_screen = vitrail.students.first_students()
            first, other = first_screen.rows[0][0], first_screen.rows[1 + number % 20][0]
            if warm:
                vitrail.warm_up(first)
            with files.measure():
                vitrail.students.file(other)
            with previews.measure():
                vitrail.visibility.student(other, NOW.date())
        finally:
            vitrail.close()
    return files, previews


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_board_arguments(parser)
    parser.add_argument("--workstations", type=int, default=9)
    args = parser.parse_args()
    with open_board(args) as database:
        url, actor = database.url, database.actor
        print(f"Base : {database.display_name()}")
        for warm in (False, True):
            for timings in first_clicks(url, actor, args.workstations, warm=warm):
                print(timings.line())
    print(machine_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
