"""Asking for the shared database's password when Vitrail starts, and keeping it in the keyring.

A secretary who starts Vitrail from a shortcut never sees a console, so ``vitrail config
set-password`` is out of reach. When the server asks for a password it did not get, or refuses
the one stored, ``open_asking_for_password`` shows ``PasswordDialog`` with the reason, stores
what is typed in the user's keyring (never in a file) and connects again; a password refused
again brings the dialog back with the server's new answer. Cancelling leaves the original French
message to the caller. Any other cause (server down, TLS, rights…) is not a password matter: it
goes straight to the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services.credentials import keyring_backend_name, keyring_entry, store_database_password
from desktop.services.database_errors import DatabaseProblem

T = TypeVar("T")


class PasswordDialog(QDialog):
    """The reason the server gave, the account and server, and one password field."""

    def __init__(self, account: str, server: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("database_password_dialog")
        self.setWindowTitle(self.tr("Vitrail — mot de passe de la base de données"))
        self.reason_label = QLabel(reason)
        self.reason_label.setObjectName("password_reason")
        self.reason_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Compte :"), QLabel(account))
        form.addRow(self.tr("Serveur :"), QLabel(server))
        form.addRow(self.tr("Mot de passe :"), self.password_edit)
        note = QLabel(self.tr("Le mot de passe sera conservé dans le trousseau de votre session ({backend}), "
                              "jamais dans un fichier. Vous ne le saisirez qu'une fois.")
                      .format(backend=keyring_backend_name()))
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("Se connecter"))
        self.connect_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password_edit.textChanged.connect(lambda text: self.connect_button.setEnabled(bool(text)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self.reason_label)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.password_edit.setFocus()

    def password(self) -> str:
        return self.password_edit.text()


def ask_for_database_password(database_url: str, problem: DatabaseProblem, parent: QWidget | None = None) -> bool:
    """Show the dialog; store the typed password in the keyring. False when cancelled.

    Raises ``KeyringUnavailable`` (a French message) when the keyring cannot keep it.
    """
    entry = keyring_entry(database_url)
    if entry is None:
        return False
    dialog = PasswordDialog(entry.username, entry.server, str(problem), parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password():
            return False
        store_database_password(database_url, dialog.password())
        return True
    finally:
        dialog.password_edit.clear()
        dialog.deleteLater()


def open_asking_for_password(open_database: Callable[[], T], database_url: Callable[[], str],
                             parent: QWidget | None = None) -> T:
    """``open_database()``, asking for the password (and retrying) while a password is what is missing.

    ``database_url`` is read only then: opening the demo database needs no configuration.
    """
    while True:
        try:
            return open_database()
        except DatabaseProblem as problem:
            if not problem.password_may_help or not ask_for_database_password(database_url(), problem, parent):
                raise
