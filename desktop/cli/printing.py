"""``vitrail print``: PDF dossiers as a given viewer sees them, one student or a whole group or school.

This module is not named ``print.py``: importing ``desktop.cli.print`` would bind the name ``print``
in the ``desktop.cli`` package to the module, breaking every ``print(...)`` call there.

    vitrail print dossier --student FICHE (--role ROLE [--subject CODE] | --staff ID | --guardian ID
                          | --as-student) [--date AAAA-MM-JJ] [--retenus] -o FICHIER.pdf [--force]
    vitrail print batch (--group CODE [--school CODE] | --school CODE) <lecteur> (-o FICHIER.pdf | --dir DOSSIER)
                        [--force]

The viewer options are those of ``vitrail preview``. A batch shows a progress bar with the time
left on stderr; Ctrl+C or SIGTERM stops it and leaves no file behind (see ``desktop.cli`` for the
signal, ``desktop.services.outputs`` for what a killed run leaves and the next one removes). An
existing file is never replaced without ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from desktop.cli.context import Context, add_force_option, iso_date
from desktop.cli.preview import add_viewer_options, viewer_spec
from desktop.services.errors import InvalidInput
from desktop.services.reports.batch import BatchProgress, Selection

BAR_WIDTH = 28


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("print", help="imprime des dossiers d'élèves en PDF, tels qu'un lecteur les voit")
    commands = parser.add_subparsers(dest="print_command", metavar="COMMANDE", required=True,
                                     parser_class=type(parser))

    one = commands.add_parser("dossier", help="le dossier d'un élève")
    one.add_argument("--student", metavar="FICHE", required=True, help="numéro de fiche de l'élève")
    one.add_argument("--board", metavar="CODE", help="centre de services (si la fiche existe dans plusieurs)")
    add_viewer_options(one)
    _add_common_options(one)
    one.add_argument("-o", "--output", metavar="FICHIER.pdf", type=Path, required=True, help="fichier PDF à écrire")
    add_force_option(one)
    one.set_defaults(run=run_dossier)

    batch = commands.add_parser("batch", help="les dossiers d'un groupe ou d'une école")
    batch.add_argument("--group", metavar="CODE", help="groupe-repère (année scolaire de la date)")
    batch.add_argument("--school", metavar="CODE", help="école (toute l'école, ou l'école du groupe)")
    add_viewer_options(batch)
    _add_common_options(batch)
    output = batch.add_mutually_exclusive_group(required=True)
    output.add_argument("-o", "--output", metavar="FICHIER.pdf", type=Path, help="un seul PDF pour tous les élèves")
    output.add_argument("--dir", metavar="DOSSIER", type=Path, help="un PDF par élève (fiche_Nom_Prénom.pdf)")
    add_force_option(batch)
    batch.set_defaults(run=run_batch)


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", metavar="AAAA-MM-JJ", type=iso_date, default=None,
                        help="dossier à cette date (défaut : aujourd'hui)")
    parser.add_argument("--retenus", action="store_true",
                        help="écrit aussi, à part (FICHIER-elements-retenus.pdf), le rapport pour la direction : "
                             "éléments retenus et pourquoi")


def run_dossier(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail()
    student = vitrail.directory.student_by_fiche(args.student, args.board)
    spec = viewer_spec(vitrail, args)
    printed = vitrail.printing.dossier(student.id, spec, args.date or vitrail.today(), args.output,
                                       withheld_page=args.retenus, overwrite=args.force)
    print(f"{printed.path} — {printed.pages} page(s), dossier de {student.name} préparé pour "
          f"{printed.view.viewer.label}.")
    return 0


class ProgressBar:
    """A one-line bar on a terminal (redrawn in place); one line per tenth elsewhere (logs)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.interactive = stream.isatty()
        self._last_tenth = -1

    def __call__(self, progress: BatchProgress) -> None:
        if progress.total == 0:
            return
        share = progress.done / progress.total
        if self.interactive:
            filled = round(share * BAR_WIDTH)
            self.stream.write(f"\r[{'█' * filled}{'·' * (BAR_WIDTH - filled)}] {progress.text()}"[:160].ljust(100))
            self.stream.flush()
            return
        tenth = int(share * 10)
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"{round(share * 100)} % — {progress.text()}\n")

    def close(self) -> None:
        if self.interactive:
            self.stream.write("\n")


def run_batch(args: argparse.Namespace, context: Context) -> int:
    if not args.group and not args.school:
        raise InvalidInput("Indiquez --group CODE ou --school CODE.")
    selection = Selection(group_code=args.group, school_code=args.school)
    vitrail = context.vitrail()
    spec = viewer_spec(vitrail, args)
    bar = ProgressBar(sys.stderr)
    try:
        result = vitrail.printing.batch(selection, spec, args.date or vitrail.today(),
                                        pdf=args.output, directory=args.dir, withheld_page=args.retenus,
                                        progress=bar, overwrite=args.force)
    finally:
        bar.close()
    where = result.files[0] if args.output else args.dir
    print(f"{result.students} dossier(s), {result.pages} page(s) en {result.seconds:.1f} s → {where}")
    return 0
