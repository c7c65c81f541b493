"""``vitrail --smoke-test``: does this installed copy actually work, here, now?

Run by CI from the frozen bundle and from the installed .deb, and by IT after deploying. It
exercises what packaging breaks: shipped resources (policy, fonts, icons), the Alembic
migrations read from disk, the keyring backends found through entry points, the Qt plugins —
by building a small demo board in a temporary folder and opening every page of the main window
offscreen. It prints one line per check and exits 0 only if every check passed.

It also checks what this workstation needs, not only the package:

- **the configured database** (``--db``, the environment, the config files) answers and holds a
  Vitrail schema it can use — read only: nothing is created, migrated or written. Vitrail's own
  per-user file not created yet is fine (the first launch creates it); a file or server named by
  IT that does not answer, or a schema from a newer Vitrail, fails the test;
- **the display plugin** Qt will use for the window: where there is a display (X11 or Wayland, or
  any Windows or macOS session) a child process opens it for real — a missing plugin or system
  library aborts Qt there, not here; without a display, the xcb plugin and the libraries it
  needs (``libxcb-cursor`` is opened at run time) are loaded, which needs no screen — a failure
  there fails a frozen copy (the .deb declares those libraries) and is only reported from the
  sources.

A keyring that is merely *unavailable* on this machine (``fail.Keyring`` on a headless box) is
reported, not failed: that is the workstation's state, not the package's. The package fails
when its platform's keyring backend is missing from the bundle, or when the plain-text
``keyrings.alt`` backend is shipped.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import platform
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop import __version__
from desktop.paths import resources_dir

if TYPE_CHECKING:
    from desktop.cli.context import Context
    from desktop.services.storage import Database

SMOKE_STUDENTS = 40
DISPLAY_PROBE_OPTION = "--smoke-display"  # hidden: the child that opens the real display plugin
DISPLAY_PROBE_SECONDS = 60
# Loaded (dlopen) by Qt's xcb plugin at run time, so not among its NEEDED libraries: checked by name.
XCB_RUNTIME_LIBRARIES = {"libxcb-cursor.so.0": "libxcb-cursor0"}
PLATFORM_KEYRING_MODULE = {"win32": "keyring.backends.Windows", "darwin": "keyring.backends.macOS"}


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


class SmokeTest:
    """Runs the checks in order; later checks use what earlier ones opened (the demo database)."""

    def __init__(self, out: TextIO, workdir: Path, students: int = SMOKE_STUDENTS,
                 context: Context | None = None) -> None:
        self.out = out
        self.workdir = workdir
        self.students = students
        self.context = context
        self.database: Database | None = None
        self.results: list[CheckResult] = []

    def run(self) -> bool:
        checks: tuple[tuple[str, Callable[[], str]], ...] = (
            ("version", self.check_version),
            ("Qt", self.check_qt),
            ("trousseau", self.check_keyring),
            ("polices", self.check_fonts),
            ("ressources", self.check_resources),
            ("base de démonstration", self.check_demo_database),
            ("base configurée", self.check_configured_database),
            ("affichage", self.check_display),
            ("fenêtre principale", self.check_main_window),
        )
        try:
            for name, check in checks:
                self._run_one(name, check)
        finally:
            if self.database is not None:
                self.database.close()
        passed = all(result.passed for result in self.results)
        self.out.write("Test de fumée réussi.\n" if passed else "Test de fumée ÉCHOUÉ.\n")
        return passed

    def _run_one(self, name: str, check: Callable[[], str]) -> None:
        """Any exception is a failed check: the point is to report what packaging broke."""
        try:
            result = CheckResult(name, True, check())
        except Exception as exc:  # noqa: BLE001 — a smoke test reports every failure
            traceback.print_exc(file=sys.stderr)
            result = CheckResult(name, False, f"{type(exc).__name__} : {exc}")
        self.results.append(result)
        self.out.write(f"[{'ok' if result.passed else 'ÉCHEC'}] {name} : {result.detail}\n")
        self.out.flush()

    def check_version(self) -> str:
        state = "application gelée" if getattr(sys, "frozen", False) else "depuis les sources"
        return (f"Vitrail {__version__} — Python {platform.python_version()}, {sys.platform}, {state} "
                f"({Path(sys.executable).resolve().parent})")

    def check_qt(self) -> str:
        import PySide6
        from PySide6.QtCore import qVersion

        return f"Qt {qVersion()}, PySide6 {PySide6.__version__}"

    def check_keyring(self) -> str:
        from desktop.services.credentials import keyring_available, keyring_backend_name

        if _module_present("keyrings.alt"):
            raise RuntimeError("keyrings.alt est présent : ce trousseau en clair ne doit pas être livré")
        module = PLATFORM_KEYRING_MODULE.get(sys.platform, "keyring.backends.SecretService")
        importlib.import_module(module)
        backend = keyring_backend_name()
        if not keyring_available():
            return (f"{backend} — aucun trousseau utilisable sur ce poste (normal sans session de bureau) ; "
                    f"{module} livré")
        return f"{backend} ; {module} livré"

    def check_fonts(self) -> str:
        from reportlab.pdfbase.ttfonts import TTFont

        fonts = sorted(resources_dir().joinpath("fonts").glob("*.ttf"))
        if not fonts:
            raise FileNotFoundError(f"aucune police dans {resources_dir() / 'fonts'}")
        for font in fonts:
            TTFont(font.stem, str(font))
        return ", ".join(font.name for font in fonts)

    def check_resources(self) -> str:
        policies = sorted(resources_dir().joinpath("policy").glob("*.json"))
        if not policies:
            raise FileNotFoundError(f"aucun fichier de politique dans {resources_dir() / 'policy'}")
        for policy in policies:
            json.loads(policy.read_text(encoding="utf-8"))
        icon = resources_dir() / "icons" / "vitrail.png"
        if not icon.is_file():
            raise FileNotFoundError(f"icône absente : {icon}")
        return f"{len(policies)} fichiers de politique, icône, dans {resources_dir()}"

    def check_demo_database(self) -> str:
        from desktop.services.facade import Vitrail
        from desktop.services.storage import head_revision, open_database

        self.database = open_database(f"sqlite:///{self.workdir / 'demo.db'}", create=True)
        vitrail = Vitrail(self.database)
        vitrail.generate_demo(students=self.students, seed=1)
        count = vitrail.students.count()
        if not count:
            raise RuntimeError("la base de démonstration ne contient aucun élève")
        return f"{count} élèves, schéma {head_revision()} (migrations Alembic appliquées)"

    def check_configured_database(self) -> str:
        """The database this workstation is configured for answers, with a schema Vitrail can use."""
        from desktop.cli.context import Context
        from desktop.migrations import SCHEMA_HEAD
        from desktop.services.credentials import url_with_password
        from desktop.services.storage import inspect_schema, known_revisions, shown_url

        context = self.context or Context()
        url = context.database_url
        item = context.config.values["database_url"]
        shown = shown_url(url)
        if item.source == "défaut":
            file = Path(url.removeprefix("sqlite:///"))
            if not file.exists():
                folder = next(parent for parent in file.parents if parent.exists())
                if not os.access(folder, os.W_OK):
                    raise PermissionError(f"la base personnelle {file} ne pourra pas être créée : "
                                          f"dossier {folder} non accessible en écriture")
                return f"base personnelle {file} pas encore créée (elle le sera au premier lancement)"
        state = inspect_schema(url_with_password(url))
        where = f"{shown} (provenance : {item.source})"
        if state.up_to_date:
            return f"{where} répond, schéma {state.revision}"
        if state.revision is None and not state.has_tables:
            return f"{where} répond ; base vide : Vitrail y créera ses tables à la première ouverture"
        if state.revision is None:
            raise RuntimeError(f"{where} contient des tables mais aucun schéma Vitrail : ce n'est pas une base Vitrail")
        if state.revision not in known_revisions():
            raise RuntimeError(f"{where} a le schéma {state.revision}, d'une version plus récente de Vitrail : "
                               "installez la version à jour")
        return f"{where} répond, schéma {state.revision} (mis à jour vers {SCHEMA_HEAD} à la première ouverture)"

    def check_display(self) -> str:
        """The display plugin the window will use loads (really, where there is a display)."""
        if display_available():
            return probe_display_in_child()
        if not sys.platform.startswith("linux"):
            return "aucun écran : la fenêtre est vérifiée hors écran ci-dessous"
        try:
            loaded = load_xcb_plugin()
        except OSError as exc:
            if getattr(sys, "frozen", False):  # the package promised these libraries (the .deb's Depends)
                raise
            return f"aucun écran, et {exc} : la fenêtre ne pourrait pas s'ouvrir sur ce poste (sources : signalé)"
        return f"aucun écran (ni X11 ni Wayland) : {loaded} ; la fenêtre est vérifiée hors écran ci-dessous"

    def check_main_window(self) -> str:
        if self.database is None:
            raise RuntimeError("pas de base ouverte (voir l'échec précédent)")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop.app import create_application
        from desktop.services.facade import Vitrail
        from desktop.views.main_window import build_main_window

        app = create_application()
        window = build_main_window(Vitrail(self.database))
        try:
            window.show()
            for name in window.pages:
                window.show_page(name)
                app.processEvents()
            image = window.grab()
            if image.isNull() or image.width() < 200:
                raise RuntimeError("la fenêtre n'a pas pu être dessinée")
            return (f"{len(window.pages)} pages ouvertes ({', '.join(window.pages)}), "
                    f"plateforme Qt « {app.platformName()} »")
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()


def display_available() -> bool:
    """True where a window can be shown: any Windows or macOS session, X11 or Wayland elsewhere."""
    if not sys.platform.startswith(("linux", "freebsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, DISPLAY_PROBE_OPTION]
    return [sys.executable, "-m", "desktop.cli", DISPLAY_PROBE_OPTION]


def probe_display_in_child() -> str:
    """Open the real display plugin in a child process (Qt aborts a process whose plugin fails)."""
    import subprocess

    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") not in ("offscreen", "minimal"):
        env["QT_QPA_PLATFORM"] = os.environ["QT_QPA_PLATFORM"]  # a platform chosen on purpose is the one to try
    try:
        done = subprocess.run(_probe_command(), capture_output=True, text=True, env=env,
                              timeout=DISPLAY_PROBE_SECONDS, errors="replace")
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"l'ouverture de l'affichage ne répond pas après {DISPLAY_PROBE_SECONDS} s") from None
    if done.returncode != 0:
        detail = " ".join(line.strip() for line in done.stderr.splitlines()[-4:] if line.strip())
        raise RuntimeError("le greffon d'affichage de Qt ne se charge pas (bibliothèque système manquante ? "
                           f"voir « QT_DEBUG_PLUGINS=1 vitrail ») : {detail or f'code {done.returncode}'}")
    return f"greffon d'affichage « {done.stdout.strip()} » chargé sur l'écran de ce poste"


def run_display_probe() -> int:
    """The child of ``probe_display_in_child``: open the display, print the platform's name."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([sys.argv[0]])
    print(app.platformName())
    return 0


def load_xcb_plugin() -> str:
    """Load Qt's xcb plugin and what it opens at run time: needs the system libraries, not a screen."""
    import ctypes

    from PySide6.QtCore import QLibraryInfo

    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        raise FileNotFoundError(f"greffon d'affichage absent : {plugin}")
    for library, package in XCB_RUNTIME_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            raise OSError(f"bibliothèque système {library} absente (paquet {package})") from None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:  # "libxcb-icccm.so.4: cannot open shared object file: …": name the library, in French
        missing = re.match(r"\s*([^\s:]+\.so[.\d]*)\s*:", str(exc))
        raise OSError("le greffon xcb ne se charge pas : " + (f"bibliothèque système {missing[1]} absente"
                                                              if missing else "bibliothèque système manquante")
                      ) from None
    return f"greffon xcb et ses bibliothèques chargés ({plugin.name})"


def _module_present(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package is absent
        return False


def run_smoke_test(out: TextIO | None = None, students: int = SMOKE_STUDENTS, context: Context | None = None) -> int:
    """Exit code 0 only if every check passed. ``context`` names the configured database (``--db``)."""
    # ignore_cleanup_errors: a page still loading in the background may hold a file of the demo board
    with tempfile.TemporaryDirectory(prefix="vitrail-smoke-", ignore_cleanup_errors=True) as workdir:
        passed = SmokeTest(out or sys.stdout, Path(workdir), students, context).run()
    return 0 if passed else 1
