"""The window asks for the shared database's password and keeps it in the keyring (issue 13, item 11).

Against the private PostgreSQL of ``support.pg_cluster`` (password authentication): the modal
dialog is driven as a person would, by typing and clicking.
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.services.credentials import KeyringUnavailable, keyring_entry, open_with_keyring
from desktop.services.database_errors import ConnectionProblem, DatabaseProblem
from desktop.views.password_dialog import PasswordDialog, open_asking_for_password

from support.pg_cluster import PASSWORD

WRONG = "Mauvais-mot-99"


def _answer(qtbot, answers, seen):
    """Answer the next modal password dialogs in turn: a password to type, or None to cancel.

    Looks for the dialog every 20 ms, for 5 s at most: a test that fails earlier leaves no timer
    behind to answer another test's dialog.
    """
    tries = [250]

    def respond():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PasswordDialog):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, respond)
            return
        seen.append(dialog.reason_label.text())
        answer = answers.pop(0)
        if answer is None:
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.LeftButton)
        else:
            qtbot.keyClicks(dialog.password_edit, answer)
            qtbot.mouseClick(dialog.connect_button, Qt.LeftButton)
        if answers:
            QTimer.singleShot(20, respond)

    QTimer.singleShot(0, respond)


def test_the_dialog_hides_the_password_and_needs_one(qtbot):
    dialog = PasswordDialog("secretariat", "db.css.local", "Le serveur demande le mot de passe.")
    qtbot.addWidget(dialog)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert not dialog.connect_button.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "S3cret")
    assert dialog.connect_button.isEnabled() and dialog.password() == "S3cret"
    assert dialog.connect_button.text() == "Se connecter"


def test_a_missing_password_is_asked_stored_in_the_keyring_and_used(qtbot, password_server, memory_keyring):
    url = password_server.url("secretariat", "vitrail")
    seen = []
    _answer(qtbot, [WRONG, PASSWORD], seen)
    database = open_asking_for_password(lambda: open_with_keyring(url), lambda: url)
    try:
        assert database.backend == "postgresql"
    finally:
        database.close()
    # First the server's reason for asking, then its refusal of the wrong password.
    assert "aucun n'est enregistré" in seen[0] and "refuse le mot de passe" in seen[1]
    assert all(WRONG not in reason and PASSWORD not in reason for reason in seen)
    entry = keyring_entry(url)
    assert memory_keyring.secrets[(entry.service, entry.username)] == PASSWORD


def test_cancelling_gives_back_the_french_message(qtbot, password_server):
    url = password_server.url("secretariat", "vitrail")
    _answer(qtbot, [None], [])
    with pytest.raises(DatabaseProblem) as caught:
        open_asking_for_password(lambda: open_with_keyring(url), lambda: url)
    assert caught.value.problem is ConnectionProblem.NO_PASSWORD


def test_causes_a_password_cannot_fix_are_not_asked_about(qtbot, password_server):
    keyring.set_keyring(fail.Keyring())
    url = password_server.url("secretariat", "vitrail")
    with pytest.raises(DatabaseProblem) as caught:
        open_asking_for_password(lambda: open_with_keyring(url), lambda: url)
    assert caught.value.problem is ConnectionProblem.KEYRING_UNAVAILABLE
    assert QApplication.activeModalWidget() is None


def test_a_wrong_password_from_pgpass_with_no_keyring_says_the_keyring_cannot_keep_it(qtbot, password_server,
                                                                                       monkeypatch, tmp_path):
    """libpq's own password file holds a wrong password; the keyring cannot store a new one: say so."""
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{password_server.port}:vitrail:secretariat:{WRONG}\n", encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    keyring.set_keyring(fail.Keyring())
    url = password_server.url("secretariat", "vitrail")
    _answer(qtbot, [PASSWORD], [])
    with pytest.raises(KeyringUnavailable, match="Aucun trousseau"):
        open_asking_for_password(lambda: open_with_keyring(url), lambda: url)


def test_opening_the_window_asks_for_the_password(qtbot, password_server):
    """``vitrail`` (desktop/cli/gui.py) goes through the dialog before building the main window."""
    import argparse

    from desktop.cli.context import Context
    from desktop.cli.gui import _open_for_window

    context = Context(cli_database_url=password_server.url("secretariat", "vitrail"))
    _answer(qtbot, [PASSWORD], [])
    try:
        database = _open_for_window(argparse.Namespace(demo=False), context, interactive=True)
        assert database.backend == "postgresql"
    finally:
        context.close()
