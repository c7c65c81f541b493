"""The shared database's password, kept in the user's keyring — never in a file, a registry value or
an installer property.

The configured URL names the server and the account (``postgresql://secretariat@db.css.local/vitrail``);
the password is looked up in the keyring under that server and account and inserted only at the
moment of connecting. On a machine without a usable keyring (a headless Linux box gets keyring's
``fail.Keyring``) storing a password is refused with a French message; connecting then goes on
without one, which still works for servers using trust, GSSAPI or libpq's own ``.pgpass``.

``open_with_keyring`` is how the CLI and the window open the configured database: when the
server wants a password, its message says whether none is stored, the keyring is locked or
there is no keyring at all, or the stored one was refused (``database_errors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desktop.services.audit import Actor
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.database_errors import ConnectionProblem, DatabaseProblem, database_problem
from desktop.services.errors import InvalidInput, VitrailError
from desktop.services.storage import Database, open_database

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
    server: str = ""  # host[:port], as shown to the person


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
    return KeyringEntry(f"{SERVICE_PREFIX} {url.host}{port}", url.username, f"{url.host}{port}")


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


class KeyringState(StrEnum):
    """What the keyring said when asked for a password."""

    NOT_ASKED = "not_asked"  # the URL names no server and account (SQLite, peer authentication)
    FOUND = "found"
    ABSENT = "absent"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class PasswordLookup:
    """The keyring's answer for one URL. ``password`` is a secret: never print or save it."""

    state: KeyringState
    password: str | None = None


def look_up_password(database_url: str) -> PasswordLookup:
    """Ask the keyring for the URL's password, telling a locked or missing keyring from no entry."""
    entry = keyring_entry(database_url)
    if entry is None:
        return PasswordLookup(KeyringState.NOT_ASKED)
    if not keyring_available():
        return PasswordLookup(KeyringState.UNAVAILABLE)
    try:
        password = keyring.get_password(entry.service, entry.username)
    except KeyringLocked:
        return PasswordLookup(KeyringState.LOCKED)
    except KeyringError:
        return PasswordLookup(KeyringState.UNAVAILABLE)
    if not password:
        return PasswordLookup(KeyringState.ABSENT)
    return PasswordLookup(KeyringState.FOUND, password)


def open_with_keyring(database_url: str, *, create: bool = False, actor: Actor | None = None,
                      clock: Clock = SYSTEM_CLOCK) -> Database:
    """Open the configured database, the keyring's password inserted at this moment only.

    A server asking for a password it did not get is explained by the keyring's state: nothing
    stored (``NO_PASSWORD``), keyring locked, or no keyring on this workstation.
    """
    lookup = look_up_password(database_url)
    url = database_url
    if lookup.password and not make_url(database_url).password:
        url = make_url(database_url).set(password=lookup.password).render_as_string(hide_password=False)
    try:
        return open_database(url, create=create, actor=actor, clock=clock)
    except DatabaseProblem as failure:
        shown = make_url(database_url)
        if failure.problem is ConnectionProblem.NO_PASSWORD:
            if lookup.state is KeyringState.LOCKED:
                raise database_problem(ConnectionProblem.KEYRING_LOCKED, shown) from failure
            if lookup.state is KeyringState.UNAVAILABLE:
                raise database_problem(ConnectionProblem.KEYRING_UNAVAILABLE, shown,
                                       keyring_backend=keyring_backend_name()) from failure
        if failure.problem is ConnectionProblem.WRONG_PASSWORD and lookup.state is KeyringState.FOUND:
            raise database_problem(ConnectionProblem.WRONG_PASSWORD, shown, from_keyring=True) from failure
        raise


# --- the OneRoster client secret --------------------------------------------------------------

ONEROSTER_SERVICE_PREFIX = "Vitrail OneRoster"


def oneroster_entry(token_url: str, client_id: str) -> KeyringEntry:
    """Where the OneRoster client secret lives: one entry per token server and client id."""
    from urllib.parse import urlsplit

    parts = urlsplit(token_url.strip())
    server = parts.netloc or token_url.strip()
    if not server or not client_id.strip():
        raise InvalidInput("Configurez d'abord l'adresse du jeton et l'identifiant client OneRoster "
                           "(vitrail config set oneroster_token_url URL ; vitrail config set oneroster_client_id ID) : "
                           "le secret leur est associé dans le trousseau.")
    return KeyringEntry(f"{ONEROSTER_SERVICE_PREFIX} {server}", client_id.strip(), server)


def store_oneroster_secret(token_url: str, client_id: str, secret: str) -> KeyringEntry:
    """Save the OneRoster client secret in the user's keyring (never in a file or on a command line)."""
    entry = oneroster_entry(token_url, client_id)
    if not secret:
        raise InvalidInput("Le secret est vide : rien n'a été enregistré.")
    try:
        keyring.set_password(entry.service, entry.username, secret)
    except KeyringError as exc:
        raise KeyringUnavailable(NO_KEYRING_MESSAGE.format(backend=keyring_backend_name())) from exc
    return entry


def look_up_oneroster_secret(token_url: str, client_id: str) -> PasswordLookup:
    """The keyring's answer for the OneRoster client secret (``password`` is the secret: never show it)."""
    entry = oneroster_entry(token_url, client_id)
    if not keyring_available():
        return PasswordLookup(KeyringState.UNAVAILABLE)
    try:
        secret = keyring.get_password(entry.service, entry.username)
    except KeyringLocked:
        return PasswordLookup(KeyringState.LOCKED)
    except KeyringError:
        return PasswordLookup(KeyringState.UNAVAILABLE)
    return PasswordLookup(KeyringState.FOUND, secret) if secret else PasswordLookup(KeyringState.ABSENT)
