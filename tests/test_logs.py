"""The log file: unexpected errors land there with their traceback, never a NIP, password or email."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import sys
import threading

import pytest

from desktop import __version__
from desktop.services import logs
from desktop.services.accounts.nips import generate_nip
from desktop.services.audit import Actor

from support.cli import main


def _damage(database_url: str) -> None:
    """Remove the guardians' table behind Vitrail's back, as a hand-run SQL script could."""
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DROP TABLE guardian")
    connection.commit()
    connection.close()


def test_log_file_is_in_the_users_log_folder_closed_to_other_users(isolated_user_dirs):
    assert logs.log_file() == isolated_user_dirs / "state" / "vitrail" / "log" / "vitrail.log"
    assert logs.start_logging() == logs.log_file()
    if os.name == "posix":
        assert stat.S_IMODE(logs.log_dir().stat().st_mode) & 0o077 == 0


def test_each_run_starts_with_a_line_naming_version_platform_user_and_workstation(capsys):
    assert main(["config", "show"]) == 0
    first = logs.log_file().read_text(encoding="utf-8").splitlines()[0]
    actor = Actor.current()
    assert f"Vitrail {__version__} démarré — Python" in first
    assert f"{actor.os_user} sur le poste {actor.workstation}" in first


def test_an_unexpected_error_goes_to_the_log_and_the_person_gets_one_french_line(demo_db, capsys):
    _damage(demo_db.url)

    assert main(["--db", demo_db.url, "students"]) == 1

    out, err = capsys.readouterr()
    path = logs.log_file()
    assert out == ""
    assert err == f"vitrail : erreur inattendue ; les détails sont dans le journal {path}.\n"
    text = path.read_text(encoding="utf-8")
    assert "CRITICAL" in text and "Erreur inattendue (vitrail students)" in text
    assert "Traceback (most recent call last):" in text
    assert "no such table: guardian" in text


def test_a_refusal_is_logged_as_a_warning_without_traceback(capsys):
    assert main(["print", "batch", "--role", "teacher", "--dir", "x"]) == 2
    assert capsys.readouterr().err == "vitrail : Indiquez --group CODE ou --school CODE.\n"
    text = logs.log_file().read_text(encoding="utf-8")
    assert "WARNING" in text and "vitrail print batch refusé : Indiquez --group CODE ou --school CODE." in text
    assert "Traceback" not in text


def test_config_show_names_the_log_file(capsys):
    assert main(["config", "show"]) == 0
    assert f"journal : {logs.log_file()}\n" in capsys.readouterr().out
    assert main(["config", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["journal"] == str(logs.log_file())


def test_no_nip_password_or_email_reaches_the_log():
    nip = generate_nip()
    typed = nip.replace("-", "").lower()
    path = logs.start_logging()
    try:
        raise ValueError(f"connexion refusée pour postgresql://jdoe:s3cr3t-Pw@db.css3l.local/vitrail (NIP {typed})")
    except ValueError:
        logs.logger.exception("NIP %s remis à %s ; dsn host=db password=hunter2 user=jdoe", nip,
                              "marie.tremblay+css@videotron.ca")

    text = path.read_text(encoding="utf-8")
    for secret in (nip, nip.replace("-", ""), typed, "s3cr3t-Pw", "hunter2", "marie.tremblay", "videotron.ca"):
        assert secret not in text
    assert "NIP [NIP] remis à [courriel] ; dsn host=db password=[mot de passe] user=jdoe" in text
    assert "postgresql://jdoe:[mot de passe]@db.css3l.local/vitrail (NIP [NIP])" in text
    assert "Traceback (most recent call last):" in text


@pytest.mark.parametrize("text", [
    "K7QM-3XHP-9TWA", "K7QM 3XHP 9TWA", "K7QM3XHP9TWA", "k7qm-3xhp-9twa", "k7qm3xhp9twa"])
def test_a_nip_is_masked_however_it_was_written(text):
    record = logging.LogRecord("vitrail", logging.INFO, __file__, 1, "typed %s.", (text,), None)
    assert logs.RedactingFilter().filter(record)
    assert record.getMessage() == "typed [NIP]."


def test_ordinary_text_and_tracebacks_are_left_alone():
    kept = ('File "/usr/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 1464, in execute\n'
            "ABCD EFGH have seen them; fiche 6372820, code permanent TREM12345678, "
            "postgresql://db.css3l.local/vitrail")
    assert logs.redact(kept) == kept


def test_a_thread_that_raises_leaves_its_traceback_in_the_log(capsys):
    path = logs.start_logging()
    logs.install_excepthooks()
    shown: list[str] = []
    logs.set_error_presenter(shown.append)

    def work() -> None:
        raise LookupError("groupe 1001-514 introuvable")

    thread = threading.Thread(target=work, name="impression-lot")
    thread.start()
    thread.join()

    text = path.read_text(encoding="utf-8")
    assert "Erreur inattendue (fil « impression-lot »)" in text
    assert "Traceback (most recent call last):" in text and "LookupError: groupe 1001-514 introuvable" in text
    assert shown == [f"Vitrail a rencontré une erreur inattendue ; les détails sont dans le journal {path}."]
    assert capsys.readouterr().err == f"vitrail : erreur inattendue ; les détails sont dans le journal {path}.\n"


def test_an_uncaught_exception_in_the_main_thread_is_logged_and_presented():
    path = logs.start_logging()
    logs.install_excepthooks()
    shown: list[str] = []
    logs.set_error_presenter(shown.append)
    try:
        {}["tuile"]
    except KeyError:
        sys.excepthook(*sys.exc_info())

    assert "KeyError: 'tuile'" in path.read_text(encoding="utf-8")
    assert len(shown) == 1 and str(path) in shown[0]
