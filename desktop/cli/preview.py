"""``vitrail preview``: a student's file as a role, a staff member, a guardian or the student sees it.

    vitrail preview --student FICHE (--role ROLE [--subject CODE] | --staff ID | --guardian ID | --as-student)
                    [--date AAAA-MM-JJ] [--board CODE] [--json]

The JSON shape is documented in ``desktop.services.visibility.serialize``. Nothing hidden from the
viewer is in it. Unknown fiche, role or subject: a French message and exit code 2.
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.context import Context, identifier, iso_date, print_json
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.facade import Vitrail
from desktop.services.visibility.policy import ROLES, role_needs_subject
from desktop.services.visibility.serialize import dossier_json, dossier_text
from desktop.services.visibility.viewers import ViewerSpec


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preview",
        help="montre le dossier d'un élève tel qu'un rôle, un membre du personnel, un parent ou l'élève le voit",
        description="Aperçu du dossier d'un élève vu par un rôle, un membre du personnel, un répondant ou l'élève, "
                    "avec la règle qui montre ou masque chaque élément.")
    parser.add_argument("--student", metavar="FICHE", required=True, help="numéro de fiche de l'élève")
    add_viewer_options(parser)
    parser.add_argument("--date", metavar="AAAA-MM-JJ", type=iso_date, help="date de l'aperçu (défaut : aujourd'hui)")
    parser.add_argument("--board", metavar="CODE", help="centre de services (si la fiche existe dans plusieurs)")
    parser.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    parser.add_argument("--hide-masked", action="store_true", help="texte : n'affiche pas les éléments masqués")
    parser.add_argument("--retenus", action="store_true",
                        help="pour la direction : ajoute le nombre d'éléments retenus, par raison")
    parser.set_defaults(run=run_preview)


def add_viewer_options(parser: argparse.ArgumentParser) -> None:
    """The viewer options shared by ``vitrail preview`` and ``vitrail print``."""
    viewer = parser.add_mutually_exclusive_group(required=True)
    viewer.add_argument("--role", metavar="RÔLE", help=f"rôle : {', '.join(ROLES)}")
    viewer.add_argument("--staff", metavar="NO", type=identifier, help="numéro du membre du personnel (rôle déduit)")
    viewer.add_argument("--guardian", metavar="NO", type=identifier,
                        help="numéro du répondant (vue du portail parents)")
    viewer.add_argument("--as-student", action="store_true", help="vue de l'élève lui-même")
    parser.add_argument("--subject", metavar="CODE", help="matière enseignée (avec --role teacher_specialist)")


def viewer_spec(vitrail: Vitrail, args: argparse.Namespace) -> ViewerSpec:
    """The viewer asked for on the command line, checked (role, subject) before any preview."""
    if args.subject and not role_needs_subject(args.role):
        raise InvalidInput("--subject ne s'emploie qu'avec --role teacher_specialist.")
    if args.role is not None:
        if args.role not in ROLES:
            raise InvalidInput(f"Rôle inconnu « {args.role} ». Rôles : {', '.join(ROLES)}.")
        if not role_needs_subject(args.role):
            return ViewerSpec.abstract(args.role)
        if not args.subject:
            raise InvalidInput("Précisez la matière de l'enseignant spécialiste avec --subject (ex. MAT).")
        subject = args.subject.upper()
        if not vitrail.directory.subject_exists(subject):
            raise NotFound(f"Matière inconnue « {args.subject} ».")
        return ViewerSpec.abstract(args.role, subject)
    if args.staff is not None:
        return ViewerSpec.staff(args.staff)
    if args.guardian is not None:
        return ViewerSpec.guardian(args.guardian)
    return ViewerSpec.as_student()


def run_preview(args: argparse.Namespace, context: Context) -> int:
    on = args.date or context.clock.today()
    vitrail = context.vitrail()
    student_id = vitrail.directory.student_id_by_fiche(args.student, args.board)
    view = vitrail.visibility.view(student_id, viewer_spec(vitrail, args), on)
    if args.json:
        print_json(dossier_json(view, withheld=args.retenus))
    else:
        sys.stdout.write(dossier_text(view, show_hidden=not args.hide_masked, withheld=args.retenus))
    return 0
