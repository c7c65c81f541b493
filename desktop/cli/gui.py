"""Opening the GUI: ``vitrail`` (configured database), ``vitrail --demo``, ``vitrail gui --screenshot``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.context import Context
from desktop.services.config import user_data_dir

DEMO_STUDENTS = 2000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="ouvre l'application (ou en fait une capture d'écran)")
    parser.add_argument("--screenshot", metavar="FICHIER", type=Path,
                        help="enregistre la fenêtre principale en PNG et quitte")
    parser.add_argument("--page", metavar="NOM", default=None, help="page à afficher (ex. students)")
    parser.add_argument("--demo", action="store_true", help="sur la base de démonstration")
    parser.set_defaults(run=open_gui)


def demo_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'demo.db'}"


def _open_database(args: argparse.Namespace, context: Context):  # noqa: ANN202
    if getattr(args, "demo", False) and not context.cli_database_url:
        from desktop.services.demo import generate_demo
        from desktop.services.storage import open_database

        database = open_database(demo_database_url(), create=True)
        if database.is_empty():
            print("Création de la base de démonstration (une seule fois)…", file=sys.stderr)
            generate_demo(database, students=DEMO_STUDENTS, seed=1)
        context._database = database
        return database
    return context.database()


def open_gui(args: argparse.Namespace, context: Context) -> int:
    database = _open_database(args, context)
    from desktop.app import create_application
    from desktop.views.main_window import build_main_window

    app = create_application()
    window = build_main_window(database)
    if getattr(args, "page", None):
        if args.page not in window.pages:
            print(f"vitrail : page inconnue « {args.page} » ; pages : {', '.join(window.pages)}.", file=sys.stderr)
            return 2
        window.show_page(args.page)
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        window.show()
        app.processEvents()
        if not window.grab().save(str(screenshot)):
            print(f"vitrail : impossible d'écrire « {screenshot} ».", file=sys.stderr)
            return 2
        print(str(screenshot))
        return 0
    window.show()
    return app.exec()
