"""``vitrail audit …``: the audit log from the command line.

``register`` creates the ``audit`` command (``AUDIT_PARSER``) and its sub-commands
(``AUDIT_SUBCOMMANDS``). Another module of ``COMMAND_MODULES`` listed after this one adds a
sibling of ``verify`` with ``AUDIT_SUBCOMMANDS.add_parser(...)``, or gives ``vitrail audit``
itself options and a ``run`` (``AUDIT_PARSER.add_argument(...)``,
``AUDIT_PARSER.set_defaults(run=...)``): a sub-command's own ``run`` still wins when one is named.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from desktop.cli.context import Context, print_json

AUDIT_PARSER: argparse.ArgumentParser | None = None
AUDIT_SUBCOMMANDS: argparse._SubParsersAction | None = None


def register(subparsers: argparse._SubParsersAction) -> None:
    global AUDIT_PARSER, AUDIT_SUBCOMMANDS
    parser = subparsers.add_parser("audit", help="journal d'audit : vérifier la chaîne",
                                   description="Le journal d'audit de la base de données.")
    commands = parser.add_subparsers(dest="audit_command", metavar="SOUS-COMMANDE", parser_class=type(parser))
    parser.set_defaults(run=_name_a_subcommand(parser))
    AUDIT_PARSER, AUDIT_SUBCOMMANDS = parser, commands
    verify = commands.add_parser(
        "verify", help="vérifie que le journal n'a pas été modifié (chaîne d'empreintes)",
        description="Recalcule l'empreinte de chaque entrée du journal et nomme la première qui ne "
                    "correspond pas. Code de sortie 1 si le journal a été altéré.")
    verify.add_argument("--json", action="store_true", help="résultat en JSON")
    verify.set_defaults(run=run_verify)


def _name_a_subcommand(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace, Context], int]:
    def run(_args: argparse.Namespace, _context: Context) -> int:
        parser.print_usage(sys.stderr)
        print("vitrail audit : indiquez une sous-commande (par exemple « verify »).", file=sys.stderr)
        return 2
    return run


def run_verify(args: argparse.Namespace, context: Context) -> int:
    report = context.vitrail().verify_audit_chain()
    broken = report.broken
    if args.json:
        print_json({"intact": report.intact, "checked": report.checked, "unchained": report.unchained,
                    "broken": None if broken is None else {
                        "id": broken.entry_id, "at": broken.at.isoformat() if broken.at else None,
                        "who": broken.who, "message": broken.describe()}})
    elif broken is None:
        print(f"Journal d'audit intact : {report.checked} entrées vérifiées"
              + (f" ({report.unchained} entrées antérieures à la chaîne, sans empreinte)." if report.unchained
                 else "."))
    else:
        print(f"Journal d'audit altéré. {broken.describe()}")
        print(f"{report.checked} entrées vérifiées avant elle.")
    return 0 if broken is None else 1
