"""``vitrail --smoke-test``: passes on a complete installation, fails loudly on a broken one.

CI runs it from the frozen bundle and the installed .deb (installer/ci.sh); here it runs from
the sources, and on a simulated bundle (``sys._MEIPASS``) whose resources are incomplete.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from sqlalchemy import text

from desktop.cli import smoke
from desktop.cli.smoke import run_smoke_test
from desktop.migrations import SCHEMA_HEAD
from desktop.paths import resources_dir
from desktop.services.config import user_data_dir

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


# --- what the workstation needs (issue 13, item 12) -------------------------------------------


def _smoke(capsys, *argv: str) -> tuple[int, str]:
    code = main([*argv, "--smoke-test"])
    return code, capsys.readouterr().out


def test_an_unreachable_configured_database_fails_the_smoke_test(qapp, capsys, tmp_path):
    code, report = _smoke(capsys, "--db", f"sqlite:///{tmp_path / 'absente.db'}")
    assert code != 0
    assert "[ÉCHEC] base configurée : DatabaseUnavailable : La base de données" in report
    assert not (tmp_path / "absente.db").exists()
    code, report = _smoke(capsys, "--db", "postgresql://vitrail@127.0.0.1:1/vitrail")
    assert code != 0 and "[ÉCHEC] base configurée" in report and "Impossible de joindre" in report


def test_the_configured_database_is_checked_read_only(qapp, capsys, demo_db):
    before = Path(demo_db.engine.url.database).read_bytes()
    code, report = _smoke(capsys, "--db", demo_db.url)
    assert code == 0, report
    assert f"[ok] base configurée : {demo_db.url} (provenance : --db) répond, schéma {SCHEMA_HEAD}" in report
    assert Path(demo_db.engine.url.database).read_bytes() == before


def test_a_database_from_a_newer_vitrail_fails_the_smoke_test(qapp, capsys, demo_db):
    with demo_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_futur'"))
    code, report = _smoke(capsys, "--db", demo_db.url)
    assert code != 0 and "schéma 9999_futur, d'une version plus récente" in report


def test_the_default_file_not_yet_created_is_fine_and_stays_uncreated(qapp, capsys):
    code, report = _smoke(capsys)
    assert code == 0, report
    assert "[ok] base configurée : base personnelle" in report and "pas encore créée" in report
    assert not (user_data_dir() / "vitrail.db").exists()


def test_a_display_whose_plugin_cannot_open_fails_the_smoke_test(qapp, capsys, monkeypatch):
    """Where there is a display the real plugin is opened, in a child (Qt aborts on failure)."""
    monkeypatch.setenv("DISPLAY", ":97")  # no X server there
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    code, report = _smoke(capsys)
    assert code != 0
    assert "[ÉCHEC] affichage : RuntimeError : le greffon d'affichage de Qt ne se charge pas" in report
    assert "[ok] fenêtre principale" in report  # the offscreen checks still ran


def test_without_a_display_a_frozen_copy_fails_when_xcb_cannot_load(qapp, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(smoke, "XCB_RUNTIME_LIBRARIES", {"libvitrail-absente.so.9": "vitrail-absente9"})
    out = io.StringIO()
    assert run_smoke_test(out, students=20) == 1
    assert ("[ÉCHEC] affichage : OSError : bibliothèque système libvitrail-absente.so.9 absente "
            "(paquet vitrail-absente9)") in out.getvalue()
