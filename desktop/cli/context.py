"""What every command needs: the configuration and, lazily, the façade over the open database.

Commands reach the core only through ``context.vitrail()`` (``desktop.services.facade``): no
command opens a session or imports the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.services.calendar import check_supported
from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.config import DEFAULT_SOURCE, Config, default_database_url, load_config
from desktop.services.credentials import open_with_keyring
from desktop.services.errors import DatabaseUnavailable, InvalidInput
from desktop.services.facade import MAX_ID, Vitrail
from desktop.services.formatting import UnreadableDate, parse_date
from desktop.services.storage import Database, make_sqlite_private

NO_DATABASE_YET = (
    "Aucune base de données sur ce poste (« {path} » n'existe pas) : rien n'a été créé. Pour commencer : "
    "« vitrail --demo » ouvre un centre de services de démonstration, « vitrail import oneroster EXPORT.zip » "
    "importe celui du SIS, « vitrail config set database_url postgresql://serveur/base » relie le poste à la "
    "base partagée du centre de services."
)


def _default_database_file() -> Path:
    """Where Vitrail's own per-user SQLite file lives (``default_database_url`` names it)."""
    return Path(default_database_url().removeprefix("sqlite:///"))


@dataclass
class Context:
    cli_database_url: str | None = None
    clock: Clock = SYSTEM_CLOCK
    _config: Config | None = field(default=None, init=False)
    _database: Database | None = field(default=None, init=False)
    _vitrail: Vitrail | None = field(default=None, init=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(cli_database_url=self.cli_database_url)
        return self._config

    @property
    def database_url(self) -> str:
        return self.config.get("database_url")  # type: ignore[return-value]

    def database(self, *, create: bool = False) -> Database:
        """Open the configured database; a server's password comes from the user's keyring at this moment only.

        Only the commands that fill a database (``demo``, ``import``) and the window pass ``create``:
        a read such as ``vitrail students`` on a workstation with no database yet says so and
        leaves nothing behind (an empty file would then pass for "a board with no student").
        """
        if self._database is None:
            source = self.config.values["database_url"].source
            if source == DEFAULT_SOURCE:  # Vitrail's own per-user file: private, even if an older version made it 0644
                if not create and not _default_database_file().exists():
                    raise DatabaseUnavailable(NO_DATABASE_YET.format(path=_default_database_file()))
                make_sqlite_private(self.database_url)
            self._database = open_with_keyring(self.database_url, create=create, clock=self.clock)
        return self._database

    def vitrail(self, *, create: bool = False) -> Vitrail:
        """The use cases over the configured database (opened on first use, as ``database``)."""
        if self._vitrail is None:
            self._vitrail = Vitrail(self.database(create=create), portal_url=self.config.get("server_url"))
        return self._vitrail

    def use_database(self, database: Database) -> None:
        """Work on ``database`` (e.g. the demo one) instead of the configured one; closed with the context."""
        self.close()
        self._database = database

    def close(self) -> None:
        self._vitrail = None
        if self._database is not None:
            self._database.close()
            self._database = None


def print_json(data: object) -> None:
    """JSON for scripts: UTF-8, accents kept, stable key order."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace an existing output file (refused without it, never silently)."""
    parser.add_argument("--force", action="store_true", help="remplace le fichier s'il existe déjà")


def iso_date(text: str) -> date:
    """argparse type for dates as people write them (2012-06-27, 27/06/2012, 27 juin 2012), from 1900
    to 2199, with a French message on bad input."""
    try:
        return check_supported(parse_date(text))
    except UnreadableDate as unreadable:
        raise argparse.ArgumentTypeError(str(unreadable)) from None
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def whole_number(text: str, *, minimum: int, maximum: int) -> int:
    """``text`` as a number written with the digits 0 to 9, between ``minimum`` and ``maximum``.

    Python's ``int`` reads Arabic-Indic digits ("٣" → 3) and refuses superscripts ("²") with an
    English error; a number too large for the database's columns fails deep inside the driver.
    Both are stopped here, with a French message.
    """
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"nombre invalide « {text} » : chiffres de 0 à 9 seulement")
    if len(digits) > 18 or not minimum <= int(digits) <= maximum:
        raise argparse.ArgumentTypeError(f"nombre hors des limites « {text} » : de {minimum} à {maximum}")
    return int(digits)


def identifier(text: str) -> int:
    """argparse type for a record's number (répondant, membre du personnel): 1 to ``MAX_ID``."""
    return whole_number(text, minimum=1, maximum=MAX_ID)


def bounded(minimum: int, maximum: int) -> Callable[[str], int]:
    """argparse type for a count or a number of days between ``minimum`` and ``maximum``."""
    def parse(text: str) -> int:
        return whole_number(text, minimum=minimum, maximum=maximum)
    parse.__name__ = "nombre"  # argparse names the type in its messages
    return parse
