"""Parent-account speed: all findings over a 100,000-student board (≤ 2 s) and a diagnostic answer (≤ 50 ms).

Usage: python3 bench/bench_accounts.py [BOARD.db] [--db URL | --pg] [--delay-ms N]
BOARD.db is a SQLite file, as every bench takes (default /tmp/vitrail-bench-100k.db: a
100,000-student demo board generated there once, about a minute, and reused by later runs);
``--db URL`` runs on any database instead (PostgreSQL: postgresql://…); ``--pg --delay-ms 5``
the PostgreSQL board behind a 5 ms round trip (see boards.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from boards import add_network_arguments, count_round_trips, machine_line, round_trips_line, through_network
from sqlalchemy import func, select

from desktop.models import SchoolBoard, Student
from desktop.services.accounts.diagnostic import AssociationAttempt, StudentDirectory, diagnose
from desktop.services.accounts.findings import compute_findings
from desktop.services.accounts.nips import issue_nip
from desktop.services.storage import open_database

DEFAULT_PATH = Path("/tmp/vitrail-bench-100k.db")
TODAY = date(2026, 11, 23)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH,
                        help=f"fichier SQLite (défaut : {DEFAULT_PATH}, construit s'il est absent)")
    parser.add_argument("--db", metavar="URL", help="une autre base (sqlite:///… ou postgresql://…)")
    add_network_arguments(parser)
    return parser.parse_args(argv[1:])


def open_board(argv: list[str], url: str | None = None):  # noqa: ANN201
    args = _arguments(argv)
    if url or args.db:
        return open_database(url or args.db)
    path = args.path.resolve()
    database = open_database(f"sqlite:///{path}", create=path == DEFAULT_PATH.resolve())
    if database.is_empty():
        from desktop.services.demo import generate_demo

        print(f"Génération d'un conseil de 100 000 élèves dans {path}…", flush=True)
        started = time.perf_counter()
        generate_demo(database, students=100_000, seed=1)
        print(f"  fait en {time.perf_counter() - started:.0f} s")
    return database


def bench_findings(database) -> None:  # noqa: ANN001
    timings, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        with database.engine.connect() as connection:
            findings = compute_findings(connection)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    # CPU time is printed too: on a shared, loaded machine the wall time says more about the neighbours.
    print(f"Constats : {len(findings)} sur tout le conseil, meilleur {min(timings):.2f} s, "
          f"médiane {statistics.median(timings):.2f} s, temps processeur {min(cpu):.2f} s (cible ≤ 2 s)")


def bench_findings_after_fix(database, count: int = 30) -> None:  # noqa: ANN001
    """The Constats page as a secretary uses it, through the façade: the board's findings computed
    whole (and kept); the page opened again on the kept list, current since nothing changed (≤ 1 s,
    nothing computed); after each email fixed, its list brought up to date (≤ 100 ms), then kept
    in the background; the page opened again after the fixes: still current."""
    from desktop.services.facade import Vitrail

    vitrail = Vitrail(database)
    started, started_cpu = time.perf_counter(), time.process_time()
    findings = vitrail.accounts.findings(keep=False)  # as the page asks: shown first, kept after
    shown, shown_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    began = time.perf_counter()
    vitrail.accounts.keep_findings()
    print(f"Constats calculés pour tout le conseil ({len(findings)} constats), dans un nouveau processus : "
          f"listés en {shown:.2f} s, processeur {shown_cpu:.2f} s ; "
          f"puis gardés, en arrière-plan, en {time.perf_counter() - began:.2f} s")
    _reopen(database, len(findings), "rien n'a changé")
    fixed = [finding for finding in findings if finding.guardian_id is not None][:count]
    run = time.time_ns()
    timings, cpu, kept = [], [], []
    for number, finding in enumerate(fixed):
        assert finding.guardian_id is not None
        _save_email(vitrail, finding, f"corrige.{run}.{number}@exemple.ca")
        began, began_cpu = time.perf_counter(), time.process_time()
        vitrail.accounts.recheck_findings([finding.guardian_id])
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        began = time.perf_counter()
        vitrail.accounts.keep_findings()
        kept.append((time.perf_counter() - began) * 1000)
    if timings:
        print(f"Constats mis à jour après une correction ({len(timings)}) : "
              f"médiane {statistics.median(timings):.1f} ms, pire {max(timings):.1f} ms ; "
              f"processeur médiane {statistics.median(cpu):.1f} ms (cible ≤ 100 ms) ; "
              f"puis gardés, en arrière-plan, en {statistics.median(kept):.0f} ms (médiane)")
        _reopen(database, None, f"après {len(timings)} corrections faites ici")
    _fixed_elsewhere(vitrail, database, fixed[count // 2:] or fixed, run)
    began = time.perf_counter()
    Vitrail(database).accounts.prepare_rechecks()
    print(f"Première correction sur une page ouverte à jour : conseil chargé pendant la saisie en "
          f"{time.perf_counter() - began:.2f} s (en arrière-plan)")


def _save_email(vitrail, finding, address: str) -> None:  # noqa: ANN001
    """The finding's guardian given ``address``, as the student's file saves it (the version read there)."""
    from desktop.services.students import EmailEdit

    line = next(g for g in vitrail.students.file(finding.student_id).guardians if g.guardian_id == finding.guardian_id)
    vitrail.students.save_emails([EmailEdit(line.guardian_id, line.version, address)])


def _fixed_elsewhere(vitrail, database, findings, run: int) -> None:  # noqa: ANN001
    """Colleagues fix emails on their workstations (another ``Vitrail``, its own connections); the
    page here, holding the board, is opened again: the fixes are taken in from the audit log (≤ 100
    ms), and the list is what a workstation computing the whole board finds."""
    from desktop.services.facade import Vitrail

    elsewhere = Vitrail(database)
    timings = []
    for number, finding in enumerate(findings[:10]):
        _save_email(elsewhere, finding, f"ailleurs.{run}.{number}@exemple.ca")
        assert not vitrail.accounts.stored_findings().current, "another workstation's fix dates the kept list"
        began = time.perf_counter()
        caught_up = vitrail.accounts.findings(keep=False)
        timings.append((time.perf_counter() - began) * 1000)
    whole = Vitrail(database).accounts.findings(keep=False)
    assert caught_up == whole, "the list caught up is the list computed whole"
    print(f"Page Constats rouverte après une correction faite sur un autre poste ({len(timings)}) : "
          f"rattrapée par le journal d'audit en {statistics.median(timings):.1f} ms (médiane), pire "
          f"{max(timings):.1f} ms (cible ≤ 100 ms) ; identique au calcul du conseil entier")
    lines = iter(findings[10:14])  # the warm-up and three measured

    def fixed_then_reopened(app) -> None:  # noqa: ANN001
        finding = next(lines)
        _save_email(elsewhere, finding, f"aller-retour.{run}.{finding.guardian_id}@exemple.ca")
        app.accounts.findings(keep=False)

    if len(findings) >= 14 and database.url.startswith("postgresql"):  # the first computes the board whole
        print(round_trips_line("Page Constats rattrapée", count_round_trips(database.url, [fixed_then_reopened] * 3)))


def _reopen(database, expected: int | None, when: str) -> None:  # noqa: ANN001
    """The page opened again: the kept list read back with the board's stamp (median of five)."""
    from desktop.services.facade import Vitrail

    reopened = []
    for _ in range(5):
        began, began_cpu = time.perf_counter(), time.process_time()
        stored = Vitrail(database).accounts.stored_findings()
        reopened.append((time.perf_counter() - began, time.process_time() - began_cpu))
        assert stored is not None and stored.current, "the kept list is current: nobody else wrote"
        assert expected is None or len(stored.findings) == expected
    wall, cpu_s = sorted(reopened)[len(reopened) // 2]
    print(f"Page Constats ouverte ({when}) : constats gardés, à jour, listés en {wall * 1000:.0f} ms "
          f"(médiane de 5, processeur {cpu_s * 1000:.0f} ms ; cible ≤ 1 s), rien à recalculer")


def attempts(database, count: int) -> list[AssociationAttempt]:  # noqa: ANN001
    """Realistic attempts: exact, accent dropped, date swapped, nickname, wrong fiche, code permanent."""
    rng = random.Random(5)
    with database.sessions() as session:
        total = session.scalar(select(func.count()).select_from(Student))
        boards = dict(session.execute(select(SchoolBoard.id, SchoolBoard.code)).all())
        rows = session.execute(select(Student.board_id, Student.last_name, Student.first_name, Student.birth_date,
                                      Student.fiche, Student.code_permanent)
                               .where(Student.id.in_(rng.sample(range(1, total + 1), count)))).all()
    made = []
    for index, (board_id, last, first, birth, fiche, code) in enumerate(rows):
        exact = AssociationAttempt(boards[board_id], last, first, birth, fiche=fiche, email="parent@exemple.ca")
        variant = index % 6
        if variant == 1:
            exact = replace(exact, last_name=last.replace("é", "e").replace("è", "e").upper())
        elif variant == 2 and birth.day <= 12:
            exact = replace(exact, birth_date=date(birth.year, birth.day, birth.month))
        elif variant == 3:
            exact = replace(exact, first_name=first[:3])
        elif variant == 4:
            exact = replace(exact, fiche="9" + fiche)
        elif variant == 5 and code:
            exact = replace(exact, fiche=None, code_permanent=code)
        made.append(exact)
    return made


def bench_diagnostic(database) -> None:  # noqa: ANN001
    started = time.perf_counter()
    with database.engine.connect() as connection:
        directory = StudentDirectory.load(connection)
    print(f"Répertoire des élèves chargé en {time.perf_counter() - started:.2f} s (une fois par page ou commande)")
    sample = attempts(database, 300)
    timings = []
    with database.sessions() as session:
        for attempt in sample:
            begun = time.perf_counter()
            diagnose(directory, session, attempt, TODAY)
            timings.append((time.perf_counter() - begun) * 1000)
    timings.sort()
    print(f"Diagnostic : {len(timings)} réponses, médiane {statistics.median(timings):.1f} ms, "
          f"95e centile {timings[int(len(timings) * 0.95)]:.1f} ms, pire {timings[-1]:.1f} ms (cible ≤ 50 ms)")


def bench_diagnostic_with_nip(database) -> None:  # noqa: ANN001
    """With a NIP and the account's email, as the Diagnostic page asks it (``Accounts.diagnose``): the
    child's school and guardians, the wrong-NIP window, the NIPs and one argon2 check per NIP tried,
    the check audited and committed, the access check. Measured on a scratch NIP, revoked after."""
    from desktop.models import Nip
    from desktop.services.accounts.nips import revoke_nip
    from desktop.services.facade import Vitrail

    with database.sessions() as session:  # a child never given a NIP: a wrong NIP is compared with each one
        student = session.scalars(select(Student).where(~Student.id.in_(select(Nip.student_id)))
                                  .order_by(Student.id).limit(1)).one()
        board = session.get(SchoolBoard, student.board_id).code
        guardian = student.guardian_links[0].guardian
        guardian_id, email = guardian.id, guardian.email
    issued = issue_nip(database, student.id, guardian_id)
    attempt = AssociationAttempt(board, student.last_name, student.first_name, student.birth_date, nip=issued.nip,
                                 email=email)
    wrong = replace(attempt, nip="ABCD-EFGH-JKMN")
    accounts = Vitrail(database).accounts
    accounts.diagnose(replace(attempt, nip=None))  # the directory, loaded once per page
    for label, case in (("NIP valide", attempt), ("NIP erroné", wrong)):
        timings = []
        for _ in range(4):  # under the wrong-NIP limit (5 in 15 minutes), past which checks are refused
            begun = time.perf_counter()
            accounts.diagnose(case, TODAY)
            timings.append((time.perf_counter() - begun) * 1000)
        print(f"Diagnostic avec {label} (et le courriel du compte ; vérification journalisée) : "
              f"médiane {statistics.median(timings):.1f} ms (cible ≤ 50 ms)")
    revoke_nip(database, student.id, guardian_id)


def main(argv: list[str]) -> int:
    args = _arguments(argv)
    with through_network(args.db or "", args.delay_ms) as url:
        return _main(argv, url or None)


def _main(argv: list[str], url: str | None) -> int:
    database = open_board(argv, url)
    try:
        with database.sessions() as session:
            students = session.scalar(select(func.count()).select_from(Student))
            print(f"Base : {database.display_name()} — {students} élèves")
        bench_findings_after_fix(database)  # first: its computation is the process's first, as at a launch
        bench_findings(database)
        if url:
            opening = [lambda vitrail: vitrail.accounts.stored_findings()] * 3
            print(round_trips_line("Page Constats ouverte sur la liste gardée", count_round_trips(url, opening)))
        bench_diagnostic(database)
        bench_diagnostic_with_nip(database)
        print(machine_line())
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
