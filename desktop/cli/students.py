"""``vitrail students`` and ``vitrail staff``: the same lists the GUI shows, for people and scripts.

``--json`` is the contract for scripts (codes, not names, for board/school/group; stable keys);
without it a readable table is printed for a person at a terminal.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from desktop.cli.context import Context, iso_date, print_json
from desktop.services.students import StaffSummary, StudentSummary


def register(subparsers: argparse._SubParsersAction) -> None:
    students = subparsers.add_parser("students", help="liste les élèves (recherche comme dans l'application)")
    students.add_argument("--search", metavar="TEXTE", default=None,
                          help="mots à chercher dans le nom, la fiche ou le code permanent")
    students.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    students.set_defaults(run=run_students)

    staff = subparsers.add_parser("staff", help="liste le personnel et ses affectations")
    staff.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    staff.add_argument("--date", metavar="AAAA-MM-JJ", type=iso_date, default=None,
                       help="affectations de l'année scolaire de cette date (défaut : aujourd'hui)")
    staff.set_defaults(run=run_staff)


def run_students(args: argparse.Namespace, context: Context) -> int:
    found = context.vitrail().students.listing(args.search)
    if args.json:
        print_json([_student_json(student) for student in found])
        return 0
    rows = [(s.last_name, s.first_name, s.fiche, s.code_permanent or "(incomplet)", s.birth_date.isoformat(),
             s.school, s.group or "", _respondents(s)) for s in found]
    _print_table(("Nom", "Prénom", "Fiche", "Code permanent", "Naissance", "École", "Groupe", "Répondants"), rows)
    print(f"{len(found)} élève{'s' if len(found) != 1 else ''}.")
    return 0


def run_staff(args: argparse.Namespace, context: Context) -> int:
    staff = context.vitrail().directory.staff(args.date)
    if args.json:
        print_json([_staff_json(member) for member in staff])
        return 0
    rows = [(str(m.id), m.name, m.job_class, m.school or "(centre de services)",
             ", ".join(f"{a.course_group} ({a.subject})" for a in m.assignments)) for m in staff]
    _print_table(("N°", "Nom", "Corps d'emploi", "École", "Affectations"), rows)
    print(f"{len(staff)} membre{'s' if len(staff) != 1 else ''} du personnel.")
    return 0


def _student_json(student: StudentSummary) -> dict:
    return {
        "fiche": student.fiche,
        "code_permanent": student.code_permanent,
        "last_name": student.last_name,
        "first_name": student.first_name,
        "birth_date": student.birth_date.isoformat(),
        "board": student.board,
        "school": student.school,
        "group": student.group,
        "guardians": [{"id": g.id, "name": g.name, "email": g.email, "respondent_rank": g.respondent_rank}
                      for g in student.guardians],
    }


def _staff_json(member: StaffSummary) -> dict:
    return {
        "id": member.id,
        "name": member.name,
        "job_class": member.job_class,
        "school": member.school,
        "assignments": [{"course_group": a.course_group, "subject": a.subject} for a in member.assignments],
    }


def _respondents(student: StudentSummary) -> str:
    return " ; ".join(f"{g.name} <{g.email or 'sans courriel'}>" for g in student.guardians
                      if g.respondent_rank is not None)


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell; the last column is left free to run long."""
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(  # noqa: E731
        cell.ljust(widths[i]) if i < len(cells) - 1 else cell for i, cell in enumerate(cells))
    print(line(headers))
    print("  ".join("─" * w for w in widths))
    for row in rows:
        print(line(row))
