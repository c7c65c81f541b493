"""Opening the GUI: ``vitrail`` (configured database), ``vitrail --demo``, ``vitrail gui --screenshot``.

``--demo`` creates the demo board on first use. That takes a few seconds, so it runs in the
background behind a progress dialog (with a cancel button: the demo is written in one
transaction, so cancelling leaves the file empty and the next ``--demo`` starts over).
A database that cannot be opened is explained in a message box as well as on stderr: someone
who started Vitrail from a shortcut never sees a terminal. When the shared database's server
wants a password it did not get (or refuses the stored one), the window asks for it and keeps
it in the keyring (``desktop.views.password_dialog``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.cli.context import Context
from desktop.services.config import DEFAULT_SOURCE, user_data_dir
from desktop.services.errors import VitrailError

DEMO_STUDENTS = 2000
DEMO_SEED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="ouvre l'application (ou en fait une capture d'écran)")
    parser.add_argument("--screenshot", metavar="FICHIER", type=Path,
                        help="enregistre la fenêtre principale en PNG et quitte")
    parser.add_argument("--page", metavar="NOM", default=None, help="page à afficher (ex. students)")
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,  # keeps « vitrail --demo gui »
                        help="sur la base de démonstration")
    parser.set_defaults(run=open_gui)


def demo_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'demo.db'}"


def _no_display() -> bool:
    """True on a Linux/BSD session with neither X11 nor Wayland (a server, an SSH shell, CI)."""
    return (sys.platform.startswith(("linux", "freebsd")) and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def open_gui(args: argparse.Namespace, context: Context) -> int:
    screenshot = getattr(args, "screenshot", None)
    if _no_display():
        if not screenshot:
            print("vitrail : aucun écran n'est disponible (ni X11 ni Wayland) : l'application ne peut pas "
                  "s'ouvrir ici. Les commandes (vitrail --help) fonctionnent sans écran ; "
                  "« vitrail gui --screenshot FICHIER » produit une capture.", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from desktop.app import create_application

    app = create_application()
    try:
        database = _open_for_window(args, context, interactive=screenshot is None)
    except VitrailError as error:
        if screenshot is None:
            _show_error(str(error))
        raise
    if database is None:
        print("vitrail : création de la base de démonstration annulée.", file=sys.stderr)
        return 1

    from desktop.app import open_main_window

    window = open_main_window(database, portal_url=context.config.get("server_url"))
    if getattr(args, "page", None):
        if args.page not in window.pages:
            print(f"vitrail : page inconnue « {args.page} » ; pages : {', '.join(window.pages)}.", file=sys.stderr)
            return 2
        window.show_page(args.page)
    if screenshot:
        window.show()
        _settle(app)
        if not window.grab().save(str(screenshot)):
            print(f"vitrail : impossible d'écrire « {screenshot} ».", file=sys.stderr)
            return 2
        print(str(screenshot))
        return 0
    window.show()
    return app.exec()


def _settle(app) -> None:  # noqa: ANN001
    """Let the shown page finish its background loading, so the capture shows real data."""
    from PySide6.QtCore import QThreadPool

    for _ in range(5):
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(60_000)
        app.processEvents()


def _open_for_window(args: argparse.Namespace, context: Context, *, interactive: bool):  # noqa: ANN202
    """As ``_open_database``; someone at the screen may type a missing or refused password."""
    if not interactive:
        return _open_database(args, context, interactive=False)
    from desktop.views.password_dialog import open_asking_for_password

    return open_asking_for_password(lambda: _open_database(args, context, interactive=True),
                                    lambda: context.database_url)


def _open_database(args: argparse.Namespace, context: Context, *, interactive: bool):  # noqa: ANN202
    """The configured database, or the demo one (created first if need be); None if cancelled."""
    if not getattr(args, "demo", False) or context.cli_database_url:
        # The window creates Vitrail's own per-user file: on a fresh workstation it opens on the
        # welcome page (shared database, import from the SIS, or the demo), never on a blank list.
        return context.database(create=context.config.values["database_url"].source == DEFAULT_SOURCE)
    from desktop.services.storage import open_database

    database = open_database(demo_database_url(), create=True, clock=context.clock)
    context.use_database(database)
    if database.is_empty():
        print("Création de la base de démonstration (une seule fois)…", file=sys.stderr)
        if not _create_demo(database, interactive=interactive):
            return None
    return database


def _create_demo(database, *, interactive: bool) -> bool:  # noqa: ANN001
    """Generate the demo board in the background behind a progress dialog; False if cancelled."""
    from desktop.services.facade import Vitrail
    from desktop.views.first_launch import create_demo_board

    return create_demo_board(Vitrail(database), students=DEMO_STUDENTS, seed=DEMO_SEED, interactive=interactive)


def _show_error(message: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, QCoreApplication.translate("OpenDatabase", "Vitrail — base de données"), message)
