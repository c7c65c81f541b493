"""``vitrail [--db URL] demo [--students N] [--seed S] [--replace]``: fill a database with the demo board."""

from __future__ import annotations

import argparse
import sys
import time

from desktop.cli.context import Context, bounded
from desktop.services.demo.generate import MAX_STUDENTS

MAX_SEED = 2**31 - 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="remplit une base vide avec un centre de services de démonstration",
        description="Crée un centre de services de démonstration réaliste et reproductible "
                    "(mêmes élèves pour le même nombre et la même graine).")
    parser.add_argument("--students", type=_student_count, default=2000, metavar="N",
                        help=f"nombre d'élèves (défaut : 2000 ; au plus {MAX_STUDENTS:,})".replace(",", " "))
    parser.add_argument("--seed", type=bounded(0, MAX_SEED), default=1, metavar="S",
                        help="graine du hasard (défaut : 1)")
    parser.add_argument("--replace", action="store_true",
                        help="remplace une démonstration (jamais un vrai centre de services)")
    parser.set_defaults(run=run_demo)


def _student_count(text: str) -> int:
    """Checked here, before any database file is created for a command that will be refused."""
    if not (text.strip().isascii() and text.strip().isdigit()):  # int() would read "٣" as 3
        raise argparse.ArgumentTypeError(f"nombre entier attendu : « {text} »")
    value = int(text)
    if not 1 <= value <= MAX_STUDENTS:
        raise argparse.ArgumentTypeError(f"entre 1 et {MAX_STUDENTS:,} élèves : « {text} »".replace(",", " "))
    return value


def run_demo(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail(create=True)
    started = time.perf_counter()
    progress = _ProgressLine()
    summary = vitrail.generate_demo(students=args.students, seed=args.seed, replace=args.replace,
                                    progress=progress).value
    progress.finish()
    print(f"Base de démonstration créée dans « {vitrail.database.display_name()} » "
          f"en {time.perf_counter() - started:.1f} s (graine {args.seed}).")
    for line in summary.lines():
        print(line)
    return 0


class _ProgressLine:
    """One line on stderr, rewritten in place when stderr is a terminal, one line per step otherwise."""

    def __init__(self) -> None:
        self.interactive = sys.stderr.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        text = f"Démonstration : {label}… ({done}/{total})"
        if self.interactive:
            sys.stderr.write(f"\r{text:<70}")
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.interactive:
            sys.stderr.write("\n")
