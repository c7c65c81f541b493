"""Search on the server (pg_trgm) against the in-memory index, per keystroke (issue 15, item 2).

    python3 bench/bench_server_search.py [--db URL] [--delay-ms N] [--keep-index]

On the PostgreSQL board: types realistic names one key at a time and times, for each keystroke,
(a) the in-memory ``StudentIndex.search`` the Élèves page runs (narrowing the previous result),
and (b) the same search run by the server: the first 200 matches in name order and their count,
with a trigram GIN index on `' ' || search_key` (``search_key`` is already folded like the query,
so ``unaccent`` is not needed). Both match the same way (each word starts a word of the key); the
script checks that both find the same number of students.

The trigram index is created for the measure (``CREATE EXTENSION pg_trgm`` needs the right to
create an extension in the database: pg_trgm is a trusted extension, so the database's owner
may) and dropped afterwards unless ``--keep-index``. It is not part of Vitrail's schema.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import psycopg
from boards import PG_BOARD, Timings, libpq_url, machine_line, through_network

from desktop.services.storage import open_database
from desktop.services.students import load_student_index
from desktop.services.text import fold

NAMES = 8
TRIGRAM_INDEX = "bench_student_search_trgm"
QUERY = """
SELECT id, fiche, code_permanent, last_name, first_name, birth_date, school_id, group_id, search_key,
       count(*) OVER () AS found
FROM student
WHERE active AND {conditions}
ORDER BY search_key, id
LIMIT 200
"""



def _prepare(url: str) -> None:
    with psycopg.connect(libpq_url(url), autocommit=True) as connection:
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        started = time.perf_counter()
        connection.execute(f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON student "
                           "USING gin ((' ' || search_key) gin_trgm_ops)")
        connection.execute("ANALYZE student")
        print(f"Index trigramme prêt en {time.perf_counter() - started:.1f} s")


def _server_search(connection: psycopg.Connection, typed: str) -> int:
    words = fold(typed).split()
    if not words:
        return -1
    conditions = " AND ".join(["(' ' || search_key) LIKE %s"] * len(words))
    patterns = ["% " + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for word in words]
    rows = connection.execute(QUERY.format(conditions=conditions), patterns).fetchall()
    return rows[0][-1] if rows else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=PG_BOARD, metavar="URL", help=f"défaut : {PG_BOARD}")
    parser.add_argument("--delay-ms", type=float, default=0.0, metavar="N")
    parser.add_argument("--keep-index", action="store_true")
    args = parser.parse_args()
    _prepare(args.db)
    try:
        with through_network(args.db, args.delay_ms) as url:
            database = open_database(url)
            started = time.perf_counter()
            index = load_student_index(database)
            loaded = (time.perf_counter() - started) * 1000
            database.close()
            rng = random.Random(7)
            names = [f"{row[3]} {row[4]}".lower() for row in rng.sample(index.rows, NAMES)]
            memory = Timings("Frappe, index en mémoire")
            server = Timings("Frappe, recherche sur le serveur (pg_trgm)", 16)
            mismatches = 0
            with psycopg.connect(libpq_url(url), autocommit=True) as connection:
                _server_search(connection, "tremblay")  # the connection is open and warm, as in the app
                for name in names:
                    previous = None
                    for end in range(1, len(name) + 1):
                        typed = name[:end]
                        with memory.measure():
                            previous = index.search(typed, previous=previous)
                        with server.measure():
                            found = _server_search(connection, typed)
                        if found >= 0 and found != len(previous):
                            mismatches += 1
    finally:
        if not args.keep_index:
            with psycopg.connect(libpq_url(args.db), autocommit=True) as connection:
                connection.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    print(f"Index en mémoire chargé en {loaded:.0f} ms ({len(index)} élèves) ; noms tapés : {', '.join(names)}")
    print(memory.line())
    print(server.line())
    print(f"Frappes où les deux ne trouvent pas le même nombre d'élèves : {mismatches}")
    print(machine_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
