"""``vitrail access grant|revoke|list``: who holds which Vitrail role where (``access.md`` §1).

Only a ``board_admin`` may run them (exit code 3 otherwise). On PostgreSQL a grant is also what
makes the login a member of the role's group (see ``services.access.store.after_grant``).
"""

from __future__ import annotations

import argparse

from desktop.cli.context import Context, print_json
from desktop.services.access import Grant, Role, access_rules

ROLE_HELP = ", ".join(f"{role.value} ({rule.name})" for role, rule in access_rules().roles.items())


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("access", help="qui a quel rôle, dans quelle école (administration)",
                                   description="Attribuer, retirer et lister les rôles Vitrail. "
                                               "Réservé au rôle Administration du centre de services.")
    commands = parser.add_subparsers(dest="access_command", metavar="ACTION", required=True)
    for name, helptext, run in (("grant", "attribue un rôle", run_grant), ("revoke", "retire un rôle", run_revoke)):
        sub = commands.add_parser(name, help=helptext, description=f"{helptext.capitalize()} à un compte.")
        sub.add_argument("login", metavar="LOGIN", help="le compte de la personne (login PostgreSQL ou du poste)")
        sub.add_argument("--role", required=True, choices=[role.value for role in Role], metavar="ROLE",
                         help=f"un de : {ROLE_HELP}")
        sub.add_argument("--school", action="append", default=[], metavar="CODE",
                         help="code d'école (répétable) ; sans --school : tout le centre de services")
        sub.set_defaults(run=run)
    listing = commands.add_parser("list", help="liste les rôles attribués")
    listing.add_argument("--json", action="store_true", help="sortie JSON")
    listing.set_defaults(run=run_list)


def _line(grant: Grant) -> str:
    return f"{grant.login} — {grant.role_name} — {grant.scope_name}"


def run_grant(args: argparse.Namespace, context: Context) -> int:
    written = context.vitrail().access.grant(args.login, args.role, args.school)
    for grant in written.value:
        print(f"Rôle attribué : {_line(grant)}.")
    if not written.value:
        print(f"{args.login} avait déjà ce rôle ; rien n'a changé.")
    return 0


def run_revoke(args: argparse.Namespace, context: Context) -> int:
    written = context.vitrail().access.revoke(args.login, args.role, args.school)
    for grant in written.value:
        print(f"Rôle retiré : {_line(grant)}.")
    if not written.value:
        print(f"{args.login} n'avait pas ce rôle ; rien n'a changé.")
    return 0


def run_list(args: argparse.Namespace, context: Context) -> int:
    grants = context.vitrail().access.grants()
    if args.json:
        print_json([{"login": g.login, "role": g.role.value, "role_name": g.role_name, "school": g.school_code,
                     "school_name": g.school_name, "granted_at": g.granted_at, "granted_by": g.granted_by}
                    for g in grants])
        return 0
    for grant in grants:
        print(_line(grant))
    return 0
