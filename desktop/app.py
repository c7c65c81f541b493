"""Builds the QApplication (translations, style) and the main window."""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.paths import resource

if TYPE_CHECKING:
    from desktop.services.facade import Vitrail
    from desktop.services.storage import Database
    from desktop.views.main_window import MainWindow

FRENCH_CANADA = QLocale(QLocale.Language.French, QLocale.Country.Canada)

# The translators installed in each application, referenced here so that they stay alive.
_translators: weakref.WeakKeyDictionary[QApplication, list[QTranslator]] = weakref.WeakKeyDictionary()


def create_application(argv: list[str] | None = None) -> QApplication:
    """One QApplication, French (Canada) by default, with Qt's own strings translated too.

    The Fusion style is forced: the main window's style sheet is drawn on it, so Vitrail looks
    the same on every workstation of a board (and in the screenshots the documentation shows).
    """
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resource("icons", "vitrail.png"))))
    app.setApplicationName("Vitrail")
    app.setOrganizationName("Vitrail")
    app.setApplicationVersion(__version__)
    QLocale.setDefault(FRENCH_CANADA)
    _install_translators(app)
    return app


def open_main_window(database: Database, portal_url: str | None = None) -> MainWindow:
    """The window a person works in: the main window, whose unexpected errors show one message box
    (tests and screenshots build theirs with ``build_main_window``, without the box)."""
    from desktop.services.facade import Vitrail

    return _window_over(Vitrail(database, portal_url=portal_url))


# Windows reopened over another database (``switch_database``), kept alive while they are open.
_reopened: list[MainWindow] = []


def _window_over(vitrail: Vitrail) -> MainWindow:
    from desktop.views.error_dialog import install_error_dialog
    from desktop.views.main_window import build_main_window

    window = build_main_window(vitrail)
    install_error_dialog(window)
    window.context.switch_database = lambda other: _switch_database(window, other)
    return window


def _switch_database(old: MainWindow, vitrail: Vitrail) -> MainWindow:
    """The welcome page connected to the board's shared database: the window reopens over it."""
    window = _window_over(vitrail)
    _reopened.append(window)
    window.show()
    old.close()
    old.context.vitrail.close()  # the database left behind: its connections are given back
    return window


def _install_translators(app: QApplication) -> None:
    """Source strings are Quebec French; a .qm in resources/translations serves other locales."""
    if _translators.get(app):
        return
    translators = []
    qt_translator = QTranslator(app)
    if qt_translator.load(FRENCH_CANADA, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    system = QLocale.system()
    if system.language() != QLocale.Language.French:
        own = QTranslator(app)
        if own.load(system, "vitrail", "_", str(resource("translations"))):
            app.installTranslator(own)
            translators.append(own)
    _translators[app] = translators
