"""Parent accounts on the command line: ``vitrail check``, ``vitrail nip``, ``vitrail diagnose``.

Same services as the "Comptes parents" and "Diagnostic de connexion" pages. ``nip issue`` prints
the NIP once (it is stored only as a hash): print the letter with ``--letter``, or note it then.
``diagnose`` never takes a NIP on its command line (see ``read_nip``).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop.cli.context import Context, add_force_option, bounded, identifier, iso_date, print_json
from desktop.services.accounts.diagnostic import SCREEN_NOTICE, AssociationAttempt
from desktop.services.accounts.findings import FINDING_KINDS, SEVERITY_LABELS
from desktop.services.accounts.nips import DEFAULT_VALIDITY_DAYS, MAX_VALIDITY_DAYS, NipRequest
from desktop.services.errors import InvalidInput, NotFound

ASK_NIP = "(demander)"  # --nip without a value: ask for it


def register(subparsers: argparse._SubParsersAction) -> None:
    check = subparsers.add_parser("check", help="constats sur les courriels des parents et les codes permanents")
    check.add_argument("--school", metavar="CODE", help="seulement les constats de cette école")
    check.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    check.set_defaults(run=run_check)

    nip = subparsers.add_parser("nip", help="émettre ou révoquer le NIP d'un répondant")
    actions = nip.add_subparsers(dest="nip_command", metavar="ACTION", required=True, parser_class=type(nip))
    issue = actions.add_parser("issue", help="émet (ou remplace) le NIP d'un répondant pour un élève")
    _pair_arguments(issue)
    issue.add_argument("--expires-days", metavar="N", type=bounded(1, MAX_VALIDITY_DAYS), default=DEFAULT_VALIDITY_DAYS,
                       help=f"jours de validité (défaut : {DEFAULT_VALIDITY_DAYS})")
    issue.add_argument("--letter", metavar="FICHIER.pdf", help="écrit la lettre au répondant (PDF)")
    add_force_option(issue)
    issue.add_argument("--json", action="store_true", help="sortie JSON : {nip, expires_on}")
    issue.set_defaults(run=run_nip_issue)
    revoke = actions.add_parser("revoke", help="révoque le NIP d'un répondant pour un élève")
    _pair_arguments(revoke)
    revoke.set_defaults(run=run_nip_revoke)

    diag = subparsers.add_parser("diagnose", help="diagnostic d'une association au portail qui échoue")
    diag.add_argument("--board", metavar="CODE", required=True, help="centre de services choisi par le parent")
    diag.add_argument("--last-name", metavar="NOM", required=True)
    diag.add_argument("--first-name", metavar="PRÉNOM", required=True)
    diag.add_argument("--birth-date", metavar="AAAA-MM-JJ", required=True, type=iso_date)
    identifier = diag.add_mutually_exclusive_group()
    identifier.add_argument("--fiche", metavar="N")
    identifier.add_argument("--code-permanent", metavar="CODE")
    diag.add_argument("--nip", metavar="-", nargs="?", const=ASK_NIP,
                      help="NIP tapé par le parent : --nip seul le demande, --nip - le lit sur l'entrée standard "
                           "(jamais sur la ligne de commande : « ps » la montre à tous les utilisateurs du poste)")
    diag.add_argument("--email", metavar="COURRIEL", help="courriel du compte du parent")
    diag.add_argument("--date", metavar="AAAA-MM-JJ", type=iso_date, help="date du jour (défaut : aujourd'hui)")
    diag.add_argument("--json", action="store_true", help="sortie JSON pour les scripts")
    diag.set_defaults(run=run_diagnose)


def _pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--student", metavar="FICHE", required=True, help="numéro de fiche de l'élève")
    parser.add_argument("--guardian", metavar="ID", type=identifier, required=True, help="numéro du répondant")
    parser.add_argument("--board", metavar="CODE", help="centre de services (si la fiche existe dans deux)")


def run_check(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail()
    if args.school and not vitrail.directory.school_exists(args.school):
        raise NotFound(f"Aucune école n'a le code « {args.school} ».")
    findings = vitrail.accounts.findings(school_code=args.school)
    if args.json:
        print_json([f.as_json() for f in findings])
        return 0
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    for finding in findings:
        who = f" · {finding.guardian_name} (répondant {finding.guardian_id})" if finding.guardian_id else ""
        print(f"[{SEVERITY_LABELS[finding.severity]}] {finding.school_code} · fiche {finding.student_fiche} "
              f"{finding.student_name}{who}\n    {finding.message}")
    print(f"{len(findings)} constat(s)." + "".join(f"\n  {FINDING_KINDS[c].title} : {n}" for c, n in counts.items()))
    return 0


def run_nip_issue(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail()
    student_id = vitrail.directory.student_id_by_fiche(args.student, args.board)
    issued = vitrail.accounts.issue_nips([NipRequest(student_id, args.guardian)], validity_days=args.expires_days,
                                         letter=Path(args.letter) if args.letter else None,
                                         overwrite_letter=args.force).value[0]
    for warning in issued.warnings:
        print(f"Attention : {warning.message}", file=sys.stderr)
    if args.json:
        print_json({"nip": issued.nip, "expires_on": issued.expires_on.isoformat(),
                    "warnings": [{"code": str(w.code), "message": w.message} for w in issued.warnings]})
        return 0
    print(f"NIP : {issued.nip}")
    print(f"Expire le {issued.expires_on:%d/%m/%Y}. Ce NIP ne sera plus jamais affiché : "
          + (f"la lettre est dans « {args.letter} »." if args.letter else "notez-le ou imprimez la lettre (--letter)."))
    return 0


def run_nip_revoke(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail()
    student_id = vitrail.directory.student_id_by_fiche(args.student, args.board)
    vitrail.accounts.revoke_nip(student_id, args.guardian)
    print("NIP révoqué : il ne fonctionne plus.")
    return 0


def read_nip(option: str | None) -> str | None:
    """The NIP the parent typed: asked for (``--nip``) or read on standard input (``--nip -``).

    Never taken from the command line: every user of the machine sees a process's arguments
    (``ps``, the Task Manager), and with them the NIP, the child's name and birth date.
    """
    if option is None:
        return None
    if option not in (ASK_NIP, "-"):
        raise InvalidInput("Le NIP ne se tape pas sur la ligne de commande : les autres utilisateurs du poste le "
                           "verraient (avec « ps »), avec le nom et la date de naissance de l'enfant. Tapez --nip "
                           "seul (Vitrail le demande sans l'afficher) ou --nip - (lu sur l'entrée standard).")
    if option == ASK_NIP and sys.stdin.isatty():
        nip = getpass.getpass("NIP tapé par le parent (non affiché) : ")
    else:
        nip = sys.stdin.readline().rstrip("\r\n")
    if not nip.strip():
        raise InvalidInput("Aucun NIP n'a été lu : tapez-le à l'invite, ou donnez-le sur l'entrée standard "
                           "avec --nip -.")
    return nip.strip()


def run_diagnose(args: argparse.Namespace, context: Context) -> int:
    if not (args.fiche or args.code_permanent or args.nip):
        print("vitrail diagnose : tapez --fiche, --code-permanent ou --nip (ce que le parent a saisi).",
              file=sys.stderr)
        return 2
    nip = read_nip(args.nip)
    attempt = AssociationAttempt(args.board, args.last_name, args.first_name, args.birth_date, args.fiche,
                                 args.code_permanent, nip, args.email)
    diagnosis = context.vitrail().accounts.diagnose(attempt, args.date)
    if args.json:
        print_json(diagnosis.as_json())
        return 0
    verdict = "Association acceptée" if diagnosis.outcome == "match" else "Association refusée"
    print(verdict + (f" (fiche {diagnosis.student_fiche})" if diagnosis.student_fiche else "") + ".")
    for finding in diagnosis.findings:
        print(f"- [{finding.field or 'élève'}] {finding.message}")
    print(f"À dire au parent : {diagnosis.advice()}")
    print(SCREEN_NOTICE)
    return 0
