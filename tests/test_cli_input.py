"""No input ends in a traceback (issue 13, item 4): each refused with a French message and exit code 2.

Ids too large for their column, digits that are not 0 to 9 (Python's ``int`` reads "٣" and
fails on "²"), arguments that are not UTF-8, dates near 9999, a database file that is read-only
or half damaged when written to. The data stays as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Guardian, Student, StudentGuardian
from desktop.services import storage
from desktop.services.errors import InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.visibility.viewers import ViewerSpec

from support.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's own refusals
        code = exit_.code
    err = capsys.readouterr().err
    assert "Traceback" not in err and "erreur inattendue" not in err, err
    return code, err


@pytest.fixture
def pair(demo_db):
    with demo_db.sessions() as session:
        fiche, guardian = session.execute(select(Student.fiche, Guardian.id)
                                          .join(StudentGuardian, StudentGuardian.student_id == Student.id)
                                          .join(Guardian, StudentGuardian.guardian_id == Guardian.id)
                                          .order_by(Student.id)).first()
    return demo_db.url, fiche, guardian


def _counts(url: str) -> tuple[int, ...]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        return tuple(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                     for table in ("nip", "setting", "settings_version", "audit_entry"))


NUMBER_OPTIONS = [
    ("nip", "issue", "--student", "{fiche}", "--guardian", "{n}"),
    ("nip", "revoke", "--student", "{fiche}", "--guardian", "{n}"),
    ("preview", "--student", "{fiche}", "--guardian", "{n}"),
    ("preview", "--student", "{fiche}", "--staff", "{n}"),
    ("print", "dossier", "--student", "{fiche}", "--staff", "{n}", "-o", "x.pdf"),
    ("settings", "show", "--staff", "{n}"),
    ("settings", "history", "--staff", "{n}"),
    ("settings", "set", "--staff", "{n}", "publishes_email=on", "--comment", "essai"),
    ("settings", "rollback", "{n}", "--comment", "essai"),
    ("nip", "issue", "--student", "{fiche}", "--guardian", "1", "--expires-days", "{n}"),
    ("demo", "--students", "{n}"),
    ("demo", "--seed", "{n}"),
]


@pytest.mark.parametrize("number", ["99999999999999999999", "2147483648", "²", "٣", "１", "-1", "1e3"])
@pytest.mark.parametrize("args", NUMBER_OPTIONS, ids=lambda args: " ".join(a for a in args if "{" not in a))
def test_numbers_outside_0_to_9_or_the_column_are_refused(pair, capsys, monkeypatch, tmp_path, args, number):
    monkeypatch.chdir(tmp_path)
    url, fiche, _ = pair
    before = _counts(url)
    code, err = run(capsys, "--db", url, *(arg.format(fiche=fiche, n=number) for arg in args))
    assert code == 2, err
    assert any(word in err for word in ("nombre", "invalide", "introuvable", "entre 1 et"))
    assert _counts(url) == before


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "1,²"])
def test_staff_ids_setting_refuses_odd_digits(pair, capsys, value):
    url = pair[0]
    before = _counts(url)
    code, err = run(capsys, "--db", url, "settings", "set", "--board", "CSS3L",
                    f"staff_spaces.parent_diagnostic.staff_ids={value}", "--comment", "essai")
    assert code == 2 and "Valeur invalide" in err
    assert _counts(url) == before


@pytest.mark.parametrize("args", [
    ("students", "--search", "\udcff\udcfe"),
    ("nip", "issue", "--student", "\udce9", "--guardian", "1"),
    ("check", "--school", "\udcc3"),
    ("print", "dossier", "--student", "1", "--role", "direction", "-o", "\udcff.pdf"),
    ("config", "set", "database_url", "sqlite:////tmp/\udcff.db"),
])
def test_arguments_that_are_not_utf8_are_refused(pair, capsys, args):
    url = pair[0]
    before = _counts(url)
    code, err = run(capsys, "--db", url, *args)
    assert code == 2
    assert "pas du texte UTF-8" in err
    assert _counts(url) == before


@pytest.mark.skipif(sys.platform == "win32", reason="bytes in argv: POSIX")
def test_non_utf8_bytes_from_a_real_command_line(pair, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", pair[0], "students", "--search", b"C\xf4t\xe9"],
                          capture_output=True, env=env, cwd=tmp_path, timeout=120)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "pas du texte UTF-8" in err and "\\xf4" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [
    ("preview", "--student", "{fiche}", "--role", "direction", "--date", "9999-12-31"),
    ("preview", "--student", "{fiche}", "--role", "direction", "--date", "0001-01-01"),
    ("print", "dossier", "--student", "{fiche}", "--role", "direction", "--date", "9999-12-31", "-o", "x.pdf"),
    ("print", "batch", "--school", "1001", "--role", "direction", "--date", "9998-07-01", "-o", "x.pdf"),
    ("staff", "--date", "9999-12-31"),
    ("diagnose", "--board", "CSS3L", "--last-name", "X", "--first-name", "Y", "--birth-date", "9999-12-31",
     "--fiche", "1"),
    ("diagnose", "--board", "CSS3L", "--last-name", "X", "--first-name", "Y", "--birth-date", "2015-01-01",
     "--fiche", "1", "--date", "9999-12-31"),
    ("settings", "diff", "--from", "9999-12-31"),
    ("settings", "diff", "--from", "2026-01-01", "--to", "9999-12-31T23:59"),
    ("preview", "--student", "{fiche}", "--role", "direction", "--date", "２０２６-11-23"),
])
def test_dates_near_9999_are_refused(pair, capsys, monkeypatch, tmp_path, args):
    monkeypatch.chdir(tmp_path / "..")
    url, fiche, _ = pair
    code, err = run(capsys, "--db", url, *(arg.format(fiche=fiche) for arg in args))
    assert code == 2, err
    assert "date" in err.lower()
    assert not (tmp_path / ".." / "x.pdf").exists()


def test_the_engine_refuses_a_date_it_cannot_compute(demo_db):
    with pytest.raises(InvalidInput, match="hors des limites"):
        Vitrail(demo_db).visibility.view(1, ViewerSpec.abstract("direction"), date(9999, 12, 31))


@pytest.fixture
def read_only_sqlite(monkeypatch):
    """Every SQLite connection refuses writes, as a file on a read-only share does (root ignores chmod)."""
    pragmas = storage._sqlite_pragmas

    def read_only(connection, record):
        pragmas(connection, record)
        connection.cursor().execute("PRAGMA query_only=ON")

    monkeypatch.setattr(storage, "_sqlite_pragmas", read_only)


WRITES = [
    ("settings", "set", "--board", "CSS3L", "allowed_parent_tiles.agenda=off", "--comment", "essai"),
    ("nip", "issue", "--student", "{fiche}", "--guardian", "{guardian}"),
    ("demo", "--replace", "--students", "20"),
]


@pytest.mark.parametrize("args", WRITES, ids=lambda args: " ".join(args[:2]))
def test_a_read_only_database_on_write(pair, capsys, read_only_sqlite, args):
    url, fiche, guardian = pair
    before = _counts(url)
    code, err = run(capsys, "--db", url, *(arg.format(fiche=fiche, guardian=guardian) for arg in args))
    assert code == 2, err
    assert "lecture seule" in err and "readonly" not in err
    assert _counts(url) == before


def _damage(path: Path, *tables: str) -> None:
    """Overwrite the root pages of ``tables`` with garbage: the file opens, writes there fail."""
    with sqlite3.connect(path) as connection:
        page = connection.execute("PRAGMA page_size").fetchone()[0]
        roots = dict(connection.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as file:
        for table in tables:
            file.seek((roots[table] - 1) * page)
            file.write(b"\xde\xad\xbe\xef" * (page // 4))


@pytest.mark.parametrize("args", WRITES, ids=lambda args: " ".join(args[:2]))
def test_a_half_damaged_database_on_write(demo_template, tmp_path, capsys, args):
    path = tmp_path / "abimee.db"
    shutil.copy(demo_template, path)
    with sqlite3.connect(path) as connection:
        fiche, guardian = connection.execute(
            "SELECT s.fiche, g.guardian_id FROM student s JOIN student_guardian g ON g.student_id = s.id "
            "ORDER BY s.id LIMIT 1").fetchone()
    _damage(path, "audit_entry", "settings_version", "setting", "nip")
    code, err = run(capsys, "--db", f"sqlite:///{path}", *(arg.format(fiche=fiche, guardian=guardian)
                                                           for arg in args))
    assert code == 2, err
    assert "endommagé" in err and "malformed" not in err


def test_a_database_that_cannot_be_opened_is_told_in_french_only(tmp_path, capsys):
    """SQLite's English ("unable to open database file") never ends a French sentence."""
    code, err = run(capsys, "--db", f"sqlite:///{tmp_path}", "students")
    assert code == 2
    assert "ne peut pas être ouvert" in err and "unable" not in err


def test_a_database_locked_by_another_program_is_told_in_french(pair, capsys):
    """Another program holds the file's write lock past SQLite's 5 s wait: refused, nothing changed."""
    url = pair[0]
    before = _counts(url)
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        code, err = run(capsys, "--db", url, "settings", "set", "--board", "CSS3L", "allowed_parent_tiles.agenda=off",
                        "--comment", "essai")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2, err
    assert "Un autre poste" in err and "Rien n'a été modifié" in err and "locked" not in err
    assert _counts(url) == before
