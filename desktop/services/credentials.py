"""The shared database's password, kept in the user's keyring — never in a file, a registry value or
an installer property.

The configured URL names the server and the account (``postgresql://secretariat@db.css.local/vitrail``);
the password is looked up in the keyring under that server and account and inserted only at the
moment of connecting. On a machine without a usable keyring (a headless Linux box gets keyring's
``fail.Keyring``) storing a password is refused with a French message; connecting then goes on
without one, which still works for servers using trust, GSSAPI or libpq's own ``.pgpass``.
"""

from __future__ import annotations

from dataclasses import dataclass

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop.services.errors import InvalidInput, VitrailError

SERVICE_PREFIX = "Vitrail base de données"

NO_KEYRING_MESSAGE = (
    "Aucun trousseau de mots de passe n'est disponible sur ce poste (système : {backend}). "
    "Ouvrez une session de bureau (Gestionnaire d'identification Windows, GNOME Keyring ou KWallet) "
    "puis réessayez ; le mot de passe n'a pas été enregistré."
)


class KeyringUnavailable(VitrailError):
    """No usable keyring on this workstation (e.g. ``fail.Keyring`` on a headless Linux box)."""


@dataclass(frozen=True)
class KeyringEntry:
    """Where one account's password lives in the keyring: one entry per server and user."""

    service: str
    username: str


def keyring_backend_name() -> str:
    """The keyring backend in use, short (``SecretService.Keyring``, ``Windows.WinVaultKeyring``…)."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}".removeprefix("keyring.backends.")
    children = getattr(backend, "backends", None)
    if children:
        name += " (" + ", ".join(keyring_name(child) for child in children) + ")"
    return name


def keyring_name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}".removeprefix("keyring.backends.")


def keyring_available() -> bool:
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def keyring_entry(database_url: str) -> KeyringEntry | None:
    """The entry for a server URL, or ``None`` when it names no server and user (SQLite, peer auth)."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        return None
    if not url.host or not url.username:
        return None
    port = f":{url.port}" if url.port else ""
    return KeyringEntry(f"{SERVICE_PREFIX} {url.host}{port}", url.username)


def _required_entry(database_url: str) -> KeyringEntry:
    entry = keyring_entry(database_url)
    if entry is None:
        raise InvalidInput(
            "Cette adresse de base de données ne nomme pas de serveur et d'utilisateur "
            "(ex. postgresql://secretariat@serveur/vitrail) : aucun mot de passe à enregistrer."
        )
    return entry


def store_database_password(database_url: str, password: str) -> KeyringEntry:
    """Save the password of the URL's server account in the user's keyring."""
    entry = _required_entry(database_url)
    if not password:
        raise InvalidInput("Le mot de passe est vide : rien n'a été enregistré.")
    try:
        keyring.set_password(entry.service, entry.username, password)
    except KeyringError as exc:
        raise KeyringUnavailable(NO_KEYRING_MESSAGE.format(backend=keyring_backend_name())) from exc
    return entry


def forget_database_password(database_url: str) -> bool:
    """Remove the stored password; ``False`` when there was none."""
    entry = _required_entry(database_url)
    try:
        if keyring.get_password(entry.service, entry.username) is None:
            return False
        keyring.delete_password(entry.service, entry.username)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise KeyringUnavailable(NO_KEYRING_MESSAGE.format(backend=keyring_backend_name())) from exc
    return True


def stored_password(database_url: str) -> str | None:
    """The stored password, or ``None`` (none stored, no server in the URL, or no usable keyring)."""
    entry = keyring_entry(database_url)
    if entry is None:
        return None
    try:
        return keyring.get_password(entry.service, entry.username)
    except KeyringError:
        return None


def url_with_password(database_url: str) -> str:
    """The URL to connect with: the keyring's password inserted, if one is stored.

    The result carries a secret: hand it to the engine, never print or save it.
    """
    password = stored_password(database_url)
    if not password:
        return database_url
    url: URL = make_url(database_url)
    if url.password:
        return database_url
    return url.set(password=password).render_as_string(hide_password=False)
