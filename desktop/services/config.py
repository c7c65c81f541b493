"""Effective configuration: built-in defaults < machine-wide file < user file < environment < command line.

Each value remembers where it came from so ``vitrail config show`` can tell IT. Passwords are
never read from here: a database URL with a password is refused (the password goes in keyring).
The installer issue adds the Windows policy registry layer (mandatory, between machine and user).
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "vitrail"
APP_AUTHOR = "Vitrail"
SECTION = "vitrail"
KEYS = ("database_url", "server_url")


@dataclass(frozen=True)
class ConfigValue:
    value: str | None
    source: str  # "défaut", a file path, "VITRAIL_DB_URL", "--db"…


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


def _read_ini(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error:
        return {}
    if not parser.has_section(SECTION):
        return {}
    return {k: v for k, v in parser.items(SECTION) if k in KEYS and v.strip()}


def load_config(*, cli_database_url: str | None = None, environ: dict[str, str] | None = None) -> Config:
    """Merge every layer, later wins, remembering the source of each value."""
    env = os.environ if environ is None else environ
    config = Config({"database_url": ConfigValue(default_database_url(), "défaut"),
                     "server_url": ConfigValue(None, "défaut")})
    for path in (machine_config_file(), user_config_file()):
        for key, value in _read_ini(path).items():
            config.values[key] = ConfigValue(value.strip(), str(path))
    if env.get("VITRAIL_DB_URL"):
        config.values["database_url"] = ConfigValue(env["VITRAIL_DB_URL"], "VITRAIL_DB_URL")
    if env.get("VITRAIL_SERVER_URL"):
        config.values["server_url"] = ConfigValue(env["VITRAIL_SERVER_URL"], "VITRAIL_SERVER_URL")
    if cli_database_url:
        config.values["database_url"] = ConfigValue(cli_database_url, "--db")
    return config
