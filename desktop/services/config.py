"""Effective configuration: what IT sets once for every workstation, and what a user may adjust.

Layers, later wins:

1. built-in defaults (a per-user SQLite file, no portal server);
2. the machine-wide file ``vitrail.ini`` in the platform's site config directory
   (``/etc/xdg/vitrail/`` on Linux, ``C:\\ProgramData\\Vitrail\\vitrail\\`` on Windows);
3. the Windows policy key ``HKLM\\Software\\Policies\\Vitrail`` (written by the MSI or by Group
   Policy). It is *mandatory*: a key it sets is locked, the user's file cannot change it;
4. the user's own file (``user_config_dir``), for the keys the policy leaves open;
5. ``VITRAIL_DB_URL`` / ``VITRAIL_SERVER_URL`` and then ``--db``.

Why the environment and ``--db`` still win over a mandatory policy: they are explicit choices
made for one run by whoever types the command (an IT script, the demo, tests), never a setting
that lingers. The policy protects the workstation's *standing* configuration; who may read a
board's database is decided by the database server's accounts, not by this file. ``vitrail
config show`` always says which layer won, so an override is never silent.

Each value remembers where it came from. Passwords are never read from here: a database URL
that carries one is refused wherever it comes from (it goes in the user's keyring, see
``desktop.services.credentials``).
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from desktop.services.errors import InvalidInput, VitrailError

APP_NAME = "vitrail"
APP_AUTHOR = "Vitrail"
SECTION = "vitrail"
KEYS = ("database_url", "server_url", "oneroster_url", "oneroster_token_url", "oneroster_client_id",
        "oneroster_ca_bundle")
# The board's OneRoster REST server (``vitrail sync oneroster``): its address (default: ``server_url``),
# the OAuth 2 token address, the client id, and the board's own CA certificates if it has some. The
# client secret is never here: ``vitrail config set-secret oneroster`` puts it in the keyring.
ONEROSTER_KEYS = KEYS[2:]
POLICY_KEY = r"Software\Policies\Vitrail"
POLICY_SOURCE = "HKLM\\" + POLICY_KEY
DEFAULT_SOURCE = "défaut"

# Reads the policy values (name -> text); injected so the layering is testable off Windows.
PolicyReader = Callable[[], Mapping[str, str]]


class PasswordInConfiguration(VitrailError):
    """A database URL carrying a password was found in a configuration layer."""


@dataclass(frozen=True)
class ConfigValue:
    value: str | None
    source: str  # "défaut", a file path, the policy key, "VITRAIL_DB_URL", "--db"…
    locked: bool = False  # set by the mandatory policy: the user's file cannot change it


@dataclass
class Config:
    values: dict[str, ConfigValue] = field(default_factory=dict)

    def get(self, key: str) -> str | None:
        item = self.values.get(key)
        return item.value if item else None


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def machine_config_file() -> Path:
    return Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)) / "vitrail.ini"


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "vitrail.ini"


def default_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'vitrail.db'}"


def windows_policy() -> dict[str, str]:
    """Values under ``HKLM\\Software\\Policies\\Vitrail``; empty off Windows or when the key is absent."""
    if sys.platform != "win32":
        return {}
    import winreg  # Windows only

    values: dict[str, str] = {}
    try:
        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY, 0, winreg.KEY_READ)
    except OSError:
        return values
    with key:
        index = 0
        while True:
            try:
                name, data, kind = winreg.EnumValue(key, index)
            except OSError:
                break
            if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(data, str):
                values[name] = data
            index += 1
    return values


def _known_keys(values: Mapping[str, str]) -> dict[str, str]:
    """Known keys with a non-blank value; registry names are case-insensitive, so are ours."""
    found = {}
    for name, value in values.items():
        key = name.strip().lower()
        if key in KEYS and value and value.strip():
            found[key] = value.strip()
    return found


def _read_ini(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return {}
    if not parser.has_section(SECTION):
        return {}
    return _known_keys(dict(parser.items(SECTION)))


# libpq connection keywords whose value is a secret: the account's password, the client key's.
SECRET_QUERY_KEYS = frozenset({"password", "sslpassword"})
_KEYWORD_SECRET = re.compile(r"(?P<key>\b(?:ssl)?password\s*=\s*)(?:'[^']*'|[^\s&;]*)", re.IGNORECASE)


def url_carries_password(value: str) -> bool:
    """True when a database URL holds a password: ``user:secret@host`` or ``?password=secret``.

    Text that is not a URL (libpq's ``host=… password=…`` form, a typo) counts when it has a
    ``password=`` keyword: it must not be saved or echoed either.
    """
    try:
        url = make_url(value)
    except ArgumentError:
        return bool(_KEYWORD_SECRET.search(value))
    return bool(url.password) or any(key.lower() in SECRET_QUERY_KEYS for key in url.query)


def hide_password(value: str) -> str:
    """``value`` as it may be shown or logged: any password in it (user part or query string) masked."""
    try:
        url = make_url(value)
    except ArgumentError:
        return _KEYWORD_SECRET.sub(r"\g<key>***", value)
    query = {key: ("***" if key.lower() in SECRET_QUERY_KEYS else item) for key, item in url.query.items()}
    return url.set(query=query).render_as_string(hide_password=True)


def refuse_password(value: str, source: str, *, repair: str = "") -> None:
    """Refuse a database URL that carries a password: secrets belong in the user's keyring.

    ``repair`` tells how to remove it from ``source``. The message never repeats the URL.
    """
    if url_carries_password(value):
        repair = repair or "Retirez le mot de passe de l'adresse."
        raise PasswordInConfiguration(
            f"L'adresse de base de données fournie par {source} contient un mot de passe : elle est refusée et "
            f"n'a pas été utilisée. {repair} Enregistrez plutôt le mot "
            "de passe dans le trousseau de l'utilisateur avec « vitrail config set-password »."
        )


def _repair_hint(source: str, user_file: Path) -> str:
    """How the person removes the password from where it came: only IT can fix the machine's layers."""
    hints = {
        str(user_file): ("Retirez-la de ce fichier avec « vitrail config unset database_url » (puis, au besoin, "
                         "« vitrail config set database_url » avec une adresse sans mot de passe)."),
        "VITRAIL_DB_URL": "Retirez le mot de passe de la variable d'environnement VITRAIL_DB_URL.",
        "--db": "Retapez l'option --db sans mot de passe.",
    }
    return hints.get(source, f"Seul le soutien informatique peut corriger {source} : avisez-le.")


def load_config(
    *,
    cli_database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
    policy_reader: PolicyReader = windows_policy,
    machine_file: Path | None = None,
    user_file: Path | None = None,
    refuse_passwords: bool = True,
) -> Config:
    """Merge every layer, later wins, remembering the source of each value (see module docstring).

    A database URL carrying a password is refused (``PasswordInConfiguration``) unless
    ``refuse_passwords`` is False — only for ``config set``/``unset``, which repair the user's file
    and never show or use the value.
    """
    env = os.environ if environ is None else environ
    config = Config({"database_url": ConfigValue(default_database_url(), DEFAULT_SOURCE),
                     "server_url": ConfigValue(None, DEFAULT_SOURCE)}
                    | {key: ConfigValue(None, DEFAULT_SOURCE) for key in ONEROSTER_KEYS})
    machine = machine_file or machine_config_file()
    for key, value in _read_ini(machine).items():
        config.values[key] = ConfigValue(value, str(machine))
    policy = _known_keys(policy_reader())
    for key, value in policy.items():
        config.values[key] = ConfigValue(value, POLICY_SOURCE, locked=True)
    user = user_file or user_config_file()
    for key, value in _read_ini(user).items():
        if key not in policy:
            config.values[key] = ConfigValue(value, str(user))
    for key, variable in (("database_url", "VITRAIL_DB_URL"), ("server_url", "VITRAIL_SERVER_URL")):
        if env.get(variable, "").strip():
            config.values[key] = ConfigValue(env[variable].strip(), variable, key in policy)
    if cli_database_url:
        config.values["database_url"] = ConfigValue(cli_database_url, "--db", "database_url" in policy)
    if refuse_passwords:
        chosen = config.values["database_url"]
        refuse_password(chosen.value or "", chosen.source, repair=_repair_hint(chosen.source, user))
    return config


def save_user_setting(key: str, value: str | None, *, config: Config, user_file: Path | None = None) -> Path:
    """Write (or, with ``None``, remove) one key of the user's file, unless the policy locks it."""
    if key not in KEYS:
        raise InvalidInput(f"Clé de configuration inconnue : « {key} ». Clés possibles : {', '.join(KEYS)}.")
    current = config.values.get(key)
    if current is not None and current.locked:
        raise InvalidInput(
            f"« {key} » est fixé par la politique de l'organisation ({POLICY_SOURCE}) : "
            "seul le service informatique peut le changer. Rien n'a été modifié."
        )
    if value is not None and key == "database_url":
        refuse_password(value, "la commande", repair="Retapez-la sans mot de passe. Rien n'a été enregistré.")
    path = user_file or user_config_file()
    parser = configparser.ConfigParser(interpolation=None)
    if path.is_file():
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Le fichier « {path} » est illisible ; corrigez-le ou supprimez-le.") from exc
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    if value is None:
        parser.remove_option(SECTION, key)
    else:
        parser.set(SECTION, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        parser.write(handle)
    return path
