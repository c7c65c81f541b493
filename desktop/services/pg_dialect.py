"""SQLAlchemy's psycopg dialect, asking a new PostgreSQL server one question instead of six.

On its first connection SQLAlchemy learns four facts about the server: its version, the default
schema, the default isolation level and whether strings take backslash escapes — one statement
each, inside a BEGIN … ROLLBACK: six round trips before a workstation's first screen (30 ms over
a board's network). The server already sent two of them when the connection started (its
``server_version`` and ``standard_conforming_strings`` parameters, which psycopg keeps); the other
two are asked together, in one statement outside any transaction.

Only the three hooks below differ from ``PGDialect_psycopg``; everything else is SQLAlchemy's.
The two private ones are the hooks dialects derived from SQLAlchemy's PostgreSQL one override
(Redshift's, CockroachDB's); ``tests/test_round_trips.py`` counts the round trips of an opening,
so a SQLAlchemy that stopped calling them would fail there, not silently ask again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

DRIVERNAME = "postgresql+vitrail_psycopg"


class StartupFactsDialect(PGDialect_psycopg):
    """``PGDialect_psycopg`` reading the server's version and string escaping from the connection's
    startup, and its default schema and isolation level in one statement."""

    supports_statement_cache = True  # the compiled statements are PGDialect_psycopg's own
    _startup_isolation: str | None = None

    @staticmethod
    def _driver_connection(connection: Any) -> Any:
        return connection.connection.dbapi_connection

    def _get_server_version_info(self, connection: Any) -> tuple[int, ...]:
        """From ``server_version`` as libpq reports it: 150019 is 15.19, 90624 is 9.6.24."""
        number: int = self._driver_connection(connection).info.server_version
        if not number:  # not reported (a pooler in between): ask, as SQLAlchemy does
            asked: tuple[int, ...] = super()._get_server_version_info(connection)  # type: ignore[no-untyped-call]
            return asked
        if number >= 100_000:
            return number // 10_000, number % 10_000
        return number // 10_000, number // 100 % 100, number % 100

    def _set_backslash_escapes(self, connection: Any) -> None:
        status = self._driver_connection(connection).info.parameter_status("standard_conforming_strings")
        self._backslash_escapes = status == b"off"

    def _get_default_schema_name(self, connection: Any) -> str:
        """The schema and, for ``get_default_isolation_level`` just after, the isolation level:
        one statement in autocommit (no BEGIN … ROLLBACK around it)."""
        driver_connection = self._driver_connection(connection)
        autocommit = driver_connection.autocommit
        driver_connection.autocommit = True
        try:
            schema, isolation = driver_connection.execute(
                "SELECT current_schema(), current_setting('transaction_isolation')").fetchone()
        finally:
            driver_connection.autocommit = autocommit
        self._startup_isolation = isolation.upper()
        return str(schema)

    def get_default_isolation_level(self, dbapi_conn: Any) -> Any:
        if self._startup_isolation is not None:
            return self._startup_isolation
        return super().get_default_isolation_level(dbapi_conn)  # type: ignore[no-untyped-call]  # SQLAlchemy's, untyped


registry.register(DRIVERNAME.replace("+", "."), __name__, StartupFactsDialect.__name__)
