"""What every bench shares: which database it measures, and the network in front of it (issue 15).

Each bench takes a SQLite file as its positional argument, or ``--db URL`` for any other database,
and ``--delay-ms N``: the round trip, in milliseconds, added in front of a PostgreSQL server by
``delay_proxy.py`` (N/2 each way), so that a figure can be given at 0 and at 5 ms. ``--pg`` is
short for ``--db postgresql://127.0.0.1/vitrail_bench``, the 100,000-student board the README's
figures come from (``python3 bench/boards.py`` builds it once, about two minutes).

The PostgreSQL board also has the board's roles set up (``vitrail db init-roles``) and three
people's logins (``PERSONS``): a bench run with ``--db postgresql://bench_secretaire@127.0.0.1/
vitrail_bench`` reads the board through the row-level security, as a school's secretary does.
Without a login in the URL a bench runs as the server's superuser, which the policies let through.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from delay_proxy import DelayProxy
from sqlalchemy.engine import make_url

PG_BOARD = "postgresql://127.0.0.1/vitrail_bench"
SQLITE_BOARD = Path("/tmp/vitrail-bench-100k.db")
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 30)  # the benches run on a pinned clock, like the tests
# The people whose logins the benches may run as (login → Vitrail role): the board's administrator
# sees the whole board; the principal and the secretary, the board's largest school.
PERSONS = {"bench_dg": "board_admin", "bench_direction": "direction", "bench_secretaire": "secretariat"}


def add_network_arguments(parser: argparse.ArgumentParser, *, with_db: bool = False) -> None:
    """``--delay-ms`` and ``--pg`` (and ``--db URL`` when the script has none yet)."""
    if with_db:
        parser.add_argument("--db", metavar="URL", help="une autre base (sqlite:///… ou postgresql://…)")
    parser.add_argument("--pg", action="store_const", const=PG_BOARD, dest="db",
                        help=f"la base PostgreSQL de 100 000 élèves ({PG_BOARD})")
    parser.add_argument("--delay-ms", type=float, default=0.0, metavar="N",
                        help="aller-retour ajouté devant PostgreSQL, en ms (5 : le réseau d'un centre de services)")


@contextmanager
def through_network(url: str, delay_ms: float) -> Iterator[str]:
    """``url`` itself (empty: none given), or the same database behind the delay proxy (in its own process)."""
    if not delay_ms or not url.startswith("postgresql"):
        yield url
        return
    parsed = make_url(url)
    with DelayProxy(parsed.host or "127.0.0.1", parsed.port or 5432, delay_ms / 2, process=True) as proxy:
        proxied = proxy.url(url)
        print(f"Réseau simulé : {delay_ms:g} ms d'aller-retour ajoutés ; SELECT 1 mesuré à "
              f"{measured_round_trip(proxied):.1f} ms (médiane)", file=sys.stderr)
        yield proxied


class Timings:
    """Wall-clock and CPU seconds of each repetition of one interaction.

    The CPU time is printed beside the wall time: on a shared, loaded machine the wall time grows
    with the neighbours' work, the CPU time does not (and a 5 ms network costs wall time only).
    """

    def __init__(self, label: str, target_ms: float | None = None) -> None:
        self.label, self.target_ms = label, target_ms
        self.wall: list[float] = []
        self.cpu: list[float] = []

    @contextmanager
    def measure(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall.append((time.perf_counter() - wall) * 1000)
        self.cpu.append((time.process_time() - cpu) * 1000)

    def median(self) -> float:
        return statistics.median(self.wall)

    def line(self) -> str:
        ordered = sorted(self.wall)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        target = f" — cible ≤ {self.target_ms:g} ms" if self.target_ms is not None else ""
        verdict = "" if self.target_ms is None else (" OK" if self.median() <= self.target_ms else " TROP LENT")
        return (f"{self.label} ({len(ordered)}) : médiane {self.median():.1f} ms, p95 {p95:.1f} ms, "
                f"max {ordered[-1]:.1f} ms ; processeur médiane {statistics.median(self.cpu):.1f} ms{target}{verdict}")


def machine_line() -> str:
    """The machine's load when the figures were taken: to read them with."""
    import os

    return f"charge moyenne de la machine : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs"


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of ``url``, dropped afterwards."""
    import os

    import psycopg

    parsed = make_url(url)
    name = f"vitrail_scratch_{os.getpid()}"
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_round_trips(url: str, interactions: Sequence[Callable[[Any], object]]) -> float | None:
    """Mean round trips to the server of each interaction (given the façade), counted at a proxy.

    Independent of the machine's load, unlike a time: at a 5 ms round trip each one costs 5 ms
    of waiting. None when ``url`` is not PostgreSQL (SQLite has no network).
    """
    if not url.startswith("postgresql"):
        return None
    from desktop.services.audit import Actor
    from desktop.services.clock import FixedClock
    from desktop.services.facade import Vitrail
    from desktop.services.storage import open_database

    parsed = make_url(url)
    with DelayProxy(parsed.host or "127.0.0.1", parsed.port or 5432, delay_ms=0) as proxy:
        vitrail = Vitrail(open_database(proxy.url(url), actor=Actor("bench", "POSTE-BANC"), clock=FixedClock(NOW)))
        try:
            interactions[0](vitrail)  # the pool's connection is opened here, as in a running application
            before = proxy.turns.total
            for interaction in interactions:
                interaction(vitrail)
            return (proxy.turns.total - before) / len(interactions)
        finally:
            vitrail.close()


def round_trips_line(label: str, trips: float | None) -> str:
    if trips is None:
        return ""
    return f"{label} : {trips:.1f} allers-retours au serveur par geste (soit {trips * 5:.0f} ms d'attente à 5 ms)"


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://…``) as psycopg and libpq take it, password kept."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def measured_round_trip(url: str, count: int = 30) -> float:
    """Median milliseconds of ``SELECT 1`` on ``url``: what the simulated network really costs."""
    import psycopg

    conninfo = libpq_url(url)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        timings = []
        for _ in range(count):
            started = time.perf_counter()
            connection.execute("SELECT 1").fetchone()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def ensure_board(url: str, students: int = 100_000, seed: int = 1) -> None:
    """Builds the demo board at ``url`` unless it holds one (a SQLite file is created)."""
    from desktop.services import storage
    from desktop.services.audit import Actor
    from desktop.services.demo import generate_demo

    # COPY of the results table runs past the 30 s statement limit on a loaded 2-core machine.
    storage.STATEMENT_TIMEOUT_MS = 0
    database = storage.open_database(url, create=True, actor=Actor("bench", "bench"))
    try:
        if database.is_empty():
            print(f"Construction d'un conseil de {students} élèves dans {database.display_name()}…", file=sys.stderr)
            started = time.perf_counter()
            generate_demo(database, students=students, seed=seed, today=TODAY)
            print(f"  fait en {time.perf_counter() - started:.0f} s", file=sys.stderr)
            _analyze(database)
    finally:
        database.close()


def add_board_arguments(parser: argparse.ArgumentParser) -> None:
    """The positional SQLite file, ``--db URL`` / ``--pg`` and ``--delay-ms``: how every bench names its board."""
    parser.add_argument("path", nargs="?", type=Path, default=SQLITE_BOARD,
                        help=f"fichier SQLite (défaut : {SQLITE_BOARD}, construit s'il est absent)")
    add_network_arguments(parser, with_db=True)


@contextmanager
def open_board(args: argparse.Namespace) -> Iterator[Any]:
    """The bench's database, behind the simulated network when asked; closed afterwards."""
    from desktop.services.audit import Actor
    from desktop.services.clock import FixedClock
    from desktop.services.storage import open_database

    url = args.db
    if not url:
        path = args.path.resolve()
        url = f"sqlite:///{path}"
        ensure_board(url)
    with through_network(url, args.delay_ms) as reached:
        database = open_database(reached, actor=Actor("bench", "POSTE-BANC"), clock=FixedClock(NOW))
        try:
            yield database
        finally:
            database.close()


def _analyze(database: Any) -> None:
    """Table statistics for the planner, as autovacuum would gather them on a board in service.

    Right after the demo's bulk COPY, PostgreSQL has none: it then plans a preview with full
    scans of 100,000-row tables (120 ms instead of 8 ms for one query, measured here).
    """
    if database.backend == "postgresql":
        with database.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description="Builds the benches' 100,000-student boards (once).")
    parser.add_argument("--db", default=PG_BOARD, metavar="URL", help=f"défaut : {PG_BOARD}")
    parser.add_argument("--students", type=int, default=100_000)
    args = parser.parse_args()
    parsed = make_url(args.db)
    if parsed.drivername.startswith("postgresql"):
        _create_pg_database(args.db)
    ensure_board(args.db, args.students)
    if parsed.drivername.startswith("postgresql"):
        ensure_persons(args.db)
    return 0


def ensure_persons(url: str) -> None:
    """The board's roles (``vitrail db init-roles``) and ``PERSONS``' logins and grants, once
    (the principal and the secretary in the board's largest school)."""
    largest = largest_schools(url, 1)[0]  # never empty (largest_schools stops on a board without students)
    ensure_logins(url, {login: (role, None if role == "board_admin" else largest) for login, role in PERSONS.items()})


def largest_schools(url: str, count: int) -> list[str]:
    """The codes of the board's ``count`` schools with the most students, largest first (at least one:
    a board without students stops the bench with a French line)."""
    from sqlalchemy import func, select

    from desktop.models import School, Student
    from desktop.services.storage import open_database

    database = open_database(url)
    try:
        with database.sessions() as session:
            codes = list(session.execute(select(School.code).join(Student, Student.school_id == School.id)
                                         .group_by(School.code).order_by(func.count().desc(), School.code)
                                         .limit(count)).scalars())
    finally:
        database.close()
    if not codes:
        raise SystemExit(f"Aucune école avec des élèves dans {make_url(url).render_as_string()} : "
                         "construisez d'abord le conseil (bench/boards.py).")
    return codes


def ensure_logins(url: str, grants: dict[str, tuple[str, str | None]]) -> None:
    """The board's roles (``vitrail db init-roles``), then each login of ``grants`` (login → Vitrail
    role, school code or None for the whole board) created and granted, as IT does it.

    Run as the server's superuser, as IT would; every step is idempotent, so an older bench board
    gets them at the next run. The logins have no password (the bench server trusts loopback),
    like the superuser's own.
    """
    import psycopg

    from desktop.cli import main as vitrail

    conninfo = libpq_url(url)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        missing = [login for login in grants
                   if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()]
        for login in missing:
            try:
                connection.execute(f'CREATE ROLE "{login}" LOGIN')
            except psycopg.errors.InsufficientPrivilege:
                raise SystemExit(f"Le compte de {make_url(url).render_as_string()} ne peut pas créer le compte "
                                 f"« {login} » : lancez le banc avec le superutilisateur du serveur, comme le "
                                 "service informatique.") from None
    if vitrail(["--db", url, "db", "init-roles"]) != 0:
        raise SystemExit("init-roles a échoué : voir le message ci-dessus")
    for login, (role, school) in grants.items():
        schools = [] if school is None else ["--school", school]
        if vitrail(["--db", url, "access", "grant", login, "--role", role, *schools]) != 0:
            raise SystemExit(f"l'attribution du rôle {role} à {login} a échoué : voir le message ci-dessus")


def _create_pg_database(url: str) -> None:
    """``CREATE DATABASE`` the board's database when the server does not have it yet."""
    import psycopg

    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{parsed.database}"')


if __name__ == "__main__":
    sys.exit(main())
