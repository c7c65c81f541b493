"""``vitrail --smoke-test``: passes on a complete installation, fails loudly on a broken one.

CI runs it from the frozen bundle and the installed .deb (installer/ci.sh); here it runs from
the sources, and on a simulated bundle (``sys._MEIPASS``) whose resources are incomplete.
"""

from __future__ import annotations

import io
import shutil
import sys

from desktop.cli.smoke import run_smoke_test
from desktop.paths import resources_dir

from support.cli import main


def test_smoke_test_passes_and_reports_what_it_checked(qapp, capsys):
    assert main(["--smoke-test"]) == 0
    report = capsys.readouterr().out
    assert "Test de fumée réussi." in report
    assert "[ÉCHEC]" not in report
    assert "Vitrail 0.1.0" in report
    assert "Qt 6." in report
    assert "trousseau : conftest.MemoryKeyring" in report  # the backend in use is named
    assert "DejaVuSans.ttf" in report
    assert "migrations Alembic appliquées" in report
    assert "pages ouvertes (students" in report


def test_a_bundle_without_its_fonts_fails_the_smoke_test(qapp, tmp_path, monkeypatch):
    bundle = tmp_path / "bundle"
    shutil.copytree(resources_dir(), bundle / "resources", ignore=shutil.ignore_patterns("fonts"))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    out = io.StringIO()
    assert run_smoke_test(out, students=20) == 1
    report = out.getvalue()
    assert "[ÉCHEC] polices : FileNotFoundError : aucune police dans" in report
    assert "[ok] ressources" in report  # the other checks still ran and said so
    assert report.rstrip().endswith("Test de fumée ÉCHOUÉ.")


def test_a_keyring_that_is_merely_unavailable_is_reported_not_failed(qapp):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # a headless box: no D-Bus, no desktop session
    out = io.StringIO()
    assert run_smoke_test(out, students=20) == 0
    assert "[ok] trousseau : fail.Keyring — aucun trousseau utilisable sur ce poste" in out.getvalue()
