"""``vitrail db …``: IT's set-up of the board's shared PostgreSQL database.

- ``vitrail --db postgresql://admin@serveur/vitrail db init-roles``: once, with a PostgreSQL
  administrator login; creates the tables if the database is empty, then the owner and group
  roles, privileges, row-level security and the append-only audit log (``db_roles``). Idempotent.
- ``vitrail --db … db upgrade``: brings an older schema up to date, as the owner (a workstation
  login is refused and told to ask IT).
"""

from __future__ import annotations

import argparse

from desktop.cli.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="base partagée : rôles PostgreSQL et mise à jour (service informatique)",
                                   description="Mise en place et mise à jour de la base partagée PostgreSQL.")
    commands = parser.add_subparsers(dest="db_command", metavar="SOUS-COMMANDE", required=True,
                                     parser_class=type(parser))
    init = commands.add_parser(
        "init-roles", help="crée le propriétaire, les rôles de groupe, les droits et la sécurité par école",
        description="À lancer une fois, avec un compte administrateur PostgreSQL. Peut être relancé sans risque. "
                    "Le compte qui la lance devient le premier administrateur du centre de services.")
    init.set_defaults(run=run_init_roles)
    upgrade = commands.add_parser("upgrade", help="met à jour le schéma de la base (compte administrateur)",
                                  description="Met à jour le schéma en tant que propriétaire « vitrail_owner ».")
    upgrade.set_defaults(run=run_upgrade)


def run_init_roles(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail(create=False)
    done = vitrail.init_database_roles()
    print(f"Rôles en place sur « {vitrail.database.display_name()} » : propriétaire « {done.owner} », "
          "rôles vitrail_secretariat, vitrail_direction, vitrail_board_admin, vitrail_it.")
    if done.granted_now:
        print(f"« {done.first_board_admin} » est le premier administrateur du centre de services.")
    else:
        print(f"« {done.first_board_admin} » était déjà administrateur du centre de services.")
    return 0


def run_upgrade(args: argparse.Namespace, context: Context) -> int:
    vitrail = context.vitrail(create=False)  # opening migrates, as the owner, or refuses in French
    print(f"Schéma de « {vitrail.database.display_name()} » à jour (révision {vitrail.schema_revision()}).")
    return 0
