"""What every command needs: the configuration and, lazily, the façade over the open database.

Commands reach the core only through ``context.vitrail()`` (``desktop.services.facade``): no
command opens a session or imports the models.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date

from desktop.services.clock import SYSTEM_CLOCK, Clock
from desktop.services.config import Config, load_config
from desktop.services.credentials import open_with_keyring
from desktop.services.facade import Vitrail
from desktop.services.formatting import UnreadableDate, parse_date
from desktop.services.storage import Database


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

    def database(self, *, create: bool | None = None) -> Database:
        """Open the configured database. The default per-user SQLite file is created on first use;
        a server's password comes from the user's keyring at this moment only."""
        if self._database is None:
            source = self.config.values["database_url"].source
            self._database = open_with_keyring(self.database_url,
                                               create=source == "défaut" if create is None else create,
                                               clock=self.clock)
        return self._database

    def vitrail(self, *, create: bool | None = None) -> Vitrail:
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


def iso_date(text: str) -> date:
    """argparse type for dates (2012-06-27, 27/06/2012, 27 juin 2012), with a French message on bad input."""
    try:
        return parse_date(text)
    except UnreadableDate as unreadable:
        raise argparse.ArgumentTypeError(str(unreadable)) from None
