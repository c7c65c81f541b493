"""``vitrail --smoke-test``: does this installed copy actually work, here, now?

Run by CI from the frozen bundle and from the installed .deb, and by IT after deploying. It
exercises what packaging breaks: shipped resources (policy, fonts, icons), the Alembic
migrations read from disk, the keyring backends found through entry points, the Qt plugins —
by building a small demo board in a temporary folder and opening every page of the main window
offscreen. It prints one line per check and exits 0 only if every check passed.

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
    from desktop.services.storage import Database

SMOKE_STUDENTS = 40
PLATFORM_KEYRING_MODULE = {"win32": "keyring.backends.Windows", "darwin": "keyring.backends.macOS"}


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


class SmokeTest:
    """Runs the checks in order; later checks use what earlier ones opened (the demo database)."""

    def __init__(self, out: TextIO, workdir: Path, students: int = SMOKE_STUDENTS) -> None:
        self.out = out
        self.workdir = workdir
        self.students = students
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

    def check_main_window(self) -> str:
        if self.database is None:
            raise RuntimeError("pas de base ouverte (voir l'échec précédent)")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop.app import create_application
        from desktop.views.main_window import build_main_window

        app = create_application()
        window = build_main_window(self.database)
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


def _module_present(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package is absent
        return False


def run_smoke_test(out: TextIO | None = None, students: int = SMOKE_STUDENTS) -> int:
    """Exit code 0 only if every check passed."""
    with tempfile.TemporaryDirectory(prefix="vitrail-smoke-") as workdir:
        passed = SmokeTest(out or sys.stdout, Path(workdir), students).run()
    return 0 if passed else 1
