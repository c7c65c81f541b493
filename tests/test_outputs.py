"""Files written for a person (issue 13, items 4, 9 and 13): refused in French, private, never replaced silently.

Every command that writes a file is tried with a folder where a file is expected, a folder that
does not exist, a file that already exists (refused without ``--force``) and a system error on
the way (its reason in French, not the system's English). What is written is ``0600``; the
default SQLite file is ``0600`` in a ``0700`` folder.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli.context import Context
from desktop.models import AuditEntry, Guardian, HomeroomGroup, Nip, School, Student, StudentGuardian
from desktop.services.config import user_data_dir
from desktop.services.outputs import FRENCH_STRERROR, describe_os_error

from conftest import TODAY
from support.cli import main

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes (Windows: the profile's ACL)")
ENGLISH = ("Permission denied", "No such file", "Is a directory", "No space left", "Read-only file system")


@pytest.fixture
def board(demo_db):
    """(database, student fiche, a guardian of that student, school code, group code)."""
    with demo_db.sessions() as session:
        student, guardian_id = session.execute(
            select(Student, Guardian.id).join(StudentGuardian, StudentGuardian.student_id == Student.id)
            .join(Guardian, StudentGuardian.guardian_id == Guardian.id)
            .where(Student.group_id.is_not(None)).order_by(Student.id)).first()
        group = session.get(HomeroomGroup, student.group_id)
        school = session.get(School, group.school_id)
        return demo_db, student.fiche, guardian_id, school.code, group.code


@pytest.fixture
def out(tmp_path):
    """An empty folder for the outputs (the demo database is in ``tmp_path``)."""
    folder = tmp_path / "sorties"
    folder.mkdir()
    return folder


def _commands(board, target: str) -> dict[str, list[str]]:
    """Each command that writes a file, writing ``target``."""
    _, fiche, guardian, school, group = board
    date = ["--date", TODAY.isoformat()]
    return {
        "print dossier": ["print", "dossier", "--student", fiche, "--role", "direction", *date, "-o", target],
        "print batch -o": ["print", "batch", "--group", group, "--school", school, "--role", "direction", *date,
                           "-o", target],
        "settings document": ["settings", "document", "--school", school, "-o", target],
        "nip issue --letter": ["nip", "issue", "--student", fiche, "--guardian", str(guardian), "--letter", target],
    }


COMMANDS = ("print dossier", "print batch -o", "settings document", "nip issue --letter")


def _run(board, capsys, argv: list[str]) -> tuple[int, str]:
    code = main(["--db", board[0].url, *argv])
    return code, capsys.readouterr().err


def _state(database) -> tuple[int, int]:
    with database.sessions() as session:
        return (session.scalar(select(func.count()).select_from(AuditEntry)),
                session.scalar(select(func.count()).select_from(Nip)))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_given_as_the_file_is_refused(board, out, capsys, command):
    before = _state(board[0])
    code, err = _run(board, capsys, _commands(board, str(out))[command])
    assert code == 2, err
    assert "est un dossier" in err and "Traceback" not in err
    assert list(out.iterdir()) == [] or command == "nip issue --letter"
    assert _state(board[0]) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_refused(board, out, capsys, command):
    before = _state(board[0])
    code, err = _run(board, capsys, _commands(board, str(out / "absent" / "x.pdf"))[command])
    assert code == 2, err
    assert "n'existe pas" in err
    assert _state(board[0]) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_replaced_only_with_force(board, out, capsys, command):
    target = out / "existant.pdf"
    target.write_bytes(b"garder")
    before = _state(board[0])
    code, err = _run(board, capsys, _commands(board, str(target))[command])
    assert code == 2, err
    assert "existe déjà" in err and "--force" in err
    assert target.read_bytes() == b"garder"
    assert _state(board[0]) == before
    code, err = _run(board, capsys, [*_commands(board, str(target))[command], "--force"])
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("command", COMMANDS)
def test_settings_document_and_others_require_pdf(board, out, capsys, command):
    code, err = _run(board, capsys, _commands(board, str(out / "sans-extension"))[command])
    assert code == 2
    assert "doit se terminer par .pdf" in err
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("error", [errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EISDIR, errno.ENOENT])
def test_a_system_error_is_told_in_french(board, out, capsys, monkeypatch, command, error):
    def refuse(*_args, **_kwargs):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    before = _state(board[0])
    code, err = _run(board, capsys, _commands(board, str(out / "x.pdf"))[command])
    assert code == 2, err
    assert FRENCH_STRERROR[error] in err
    assert not any(english in err for english in ENGLISH)
    assert list(out.iterdir()) == []
    assert _state(board[0]) == before


def test_every_common_errno_has_a_french_reason():
    for error in (errno.EACCES, errno.ENOENT, errno.EISDIR, errno.ENOSPC, errno.EROFS):
        assert describe_os_error(OSError(error, os.strerror(error))) == FRENCH_STRERROR[error]
    assert "Unknown" not in describe_os_error(OSError(errno.ECHILD, os.strerror(errno.ECHILD)))


def test_batch_per_student_refuses_existing_files_without_force(board, out, capsys):
    _, _, _, school, group = board
    argv = ["print", "batch", "--group", group, "--school", school, "--role", "direction",
            "--date", TODAY.isoformat(), "--dir", str(out)]
    assert _run(board, capsys, argv)[0] == 0
    first = sorted(out.iterdir())
    first[0].write_bytes(b"garder")
    code, err = _run(board, capsys, argv)
    assert code == 2
    assert "existent déjà" in err and "--force" in err
    assert first[0].read_bytes() == b"garder"
    assert _run(board, capsys, [*argv, "--force"])[0] == 0
    assert first[0].read_bytes().startswith(b"%PDF")


def test_batch_dir_that_is_a_file_is_refused(board, out, capsys):
    _, _, _, school, group = board
    file = out / "fichier.pdf"
    file.write_bytes(b"x")
    code, err = _run(board, capsys, ["print", "batch", "--group", group, "--school", school, "--role", "direction",
                                     "--dir", str(file)])
    assert code == 2 and "n'est pas un dossier" in err


@posix_only
def test_every_file_written_is_private(board, out, capsys):
    os.umask(0o022)
    for command, argv in _commands(board, str(out / "sortie.pdf")).items():
        assert _run(board, capsys, [*argv, "--force"])[0] == 0, command
        assert stat.S_IMODE(os.stat(out / "sortie.pdf").st_mode) == 0o600, command
    _, _, _, school, group = board
    out = out / "lot"
    out.mkdir()
    assert _run(board, capsys, ["print", "batch", "--group", group, "--school", school, "--role", "direction",
                                "--date", TODAY.isoformat(), "--dir", str(out)])[0] == 0
    modes = {stat.S_IMODE(path.stat().st_mode) for path in out.iterdir()}
    assert modes == {0o600}


@posix_only
def test_the_default_sqlite_file_is_private_in_a_private_folder(capsys):
    os.umask(0o022)
    assert main(["demo", "--students", "20"]) == 0  # the default database, created by the command that fills it
    assert main(["students", "--json"]) == 0
    folder = user_data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "vitrail.db").stat().st_mode) == 0o600
    for companion in folder.glob("vitrail.db-*"):
        assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion


@posix_only
def test_a_default_file_made_public_by_an_older_version_is_made_private():
    folder = user_data_dir()
    folder.mkdir(parents=True)
    context = Context()
    context.database(create=True).close()
    context.close()
    os.chmod(folder, 0o755)
    os.chmod(folder / "vitrail.db", 0o644)
    context = Context()
    context.database()
    context.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "vitrail.db").stat().st_mode) == 0o600


def test_a_named_database_file_keeps_its_mode(tmp_path):
    """A file someone chose (``--db``) may be shared on purpose: its mode is theirs."""
    path = tmp_path / "partagee.db"
    assert main(["--db", f"sqlite:///{path}", "demo", "--students", "20"]) == 0
    os.chmod(path, 0o640)
    assert main(["--db", f"sqlite:///{path}", "students", "--json"]) == 0
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o640
