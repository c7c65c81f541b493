"""OneRoster REST sync speed (issue 12, "Speed": a REST sync of the 100,000-student board from a
loopback server, pages of 5,000, ≤ 120 s; peak memory < 1 GB).

    python3 bench/bench_sync_rest.py [PATH] [--students N] [--db URL] [--page-size N]

Builds the demo board (or uses the SQLite file PATH), exports it with ``vitrail export
oneroster``, and starts a OneRoster 1.2 REST server on loopback in its own process: it turns the
export into JSON pages once, on disk (the records of the tests' server, ``tests/support/
oneroster_server.py``), then serves them behind an OAuth 2 token endpoint. The sync then reads every
page into a new empty database (a temporary SQLite file, or ``--db``, which must be empty), plans
and applies, and syncs again (nothing to write). Prints wall-clock and CPU seconds of each step and
the peak memory of the syncing process (the server's is its own).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from desktop.services.audit import Actor
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.sync.rest import ENDPOINTS, ROSTERING_PATH, RestSettings, rostering_url

CLOCK = FixedClock(datetime(2026, 11, 23, 9, 30))
ACTOR = Actor("bench", "bench")
CLIENT, SECRET, TOKEN = "bench", "bench-secret", "bench-token"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vitrail(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "desktop.cli", *args], check=True, stdout=subprocess.DEVNULL)


# --- the server process ---------------------------------------------------------------------------

def render_pages(export: Path, pages: Path, size: int) -> dict[str, int]:
    """Each endpoint's records as JSON page files (``users-0.json``…), built once; → records per endpoint."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import csv

    from support.oneroster_server import _ref, record_of

    roles: dict[str, list[dict[str, object]]] = {}
    with open(export / "roles.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            roles.setdefault(row["userSourcedId"], []).append(
                {"roleType": row["roleType"], "role": row["role"], "org": _ref(row["orgSourcedId"], "org")})
    counts = {}
    for endpoint in ENDPOINTS:
        count, batch = 0, []
        with open(export / f"{endpoint}.csv", encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                record = record_of(row)
                if endpoint == "users":
                    record["roles"] = roles.pop(row["sourcedId"], [])
                batch.append(record)
                count += 1
                if len(batch) == size:
                    (pages / f"{endpoint}-{count - size}.json").write_text(json.dumps({endpoint: batch}))
                    batch = []
        (pages / f"{endpoint}-{count - len(batch)}.json").write_text(json.dumps({endpoint: batch}))
        counts[endpoint] = count
    return counts


def serve(export: Path, pages: Path, size: int) -> None:
    counts = render_pages(export, pages, size)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            expected = "Basic " + base64.b64encode(f"{CLIENT}:{SECRET}".encode()).decode()
            ok = self.headers.get("Authorization") == expected
            self._send(200 if ok else 401, json.dumps({"access_token": TOKEN, "token_type": "bearer"}).encode())

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            endpoint = parts.path.removeprefix(ROSTERING_PATH + "/")
            offset = int(parse_qs(parts.query).get("offset", ["0"])[0])
            page = pages / f"{endpoint}-{offset}.json"
            body = page.read_bytes() if page.is_file() else json.dumps({endpoint: []}).encode()
            self._send(200, body, {"X-Total-Count": str(counts.get(endpoint, 0))})

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


# --- the bench ------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="an existing demo board (SQLite file) to export")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--db", metavar="URL", help="the empty database to sync into (default: a new SQLite file)")
    parser.add_argument("--page-size", type=int, default=5_000)
    parser.add_argument("--serve", nargs=2, metavar=("EXPORT", "PAGES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(Path(args.serve[0]), Path(args.serve[1]), args.page_size)
        return 0

    folder = Path(tempfile.mkdtemp(prefix="vitrail-bench-rest-"))
    server = None
    try:
        started = time.perf_counter()
        board = args.path
        if board is None:
            board = folder / "demo.db"
            vitrail("--db", f"sqlite:///{board}", "demo", "--students", str(args.students))
        vitrail("--db", f"sqlite:///{board}", "export", "oneroster", str(folder / "export"))
        (folder / "pages").mkdir()
        server = subprocess.Popen([sys.executable, __file__, "--serve", str(folder / "export"), str(folder / "pages"),
                                   "--page-size", str(args.page_size)], stdout=subprocess.PIPE, text=True)
        assert server.stdout is not None
        port = int(server.stdout.readline())
        print(f"board, export and server pages ready: {time.perf_counter() - started:.1f} s", file=sys.stderr)

        url = args.db or f"sqlite:///{folder / 'synced.db'}"
        target = Vitrail(open_database(url, create=True, actor=ACTOR, clock=CLOCK))
        if not target.database.is_empty():
            print(f"{url} is not empty", file=sys.stderr)
            return 2
        base = f"http://127.0.0.1:{port}"
        settings = RestSettings(rostering_url(base), base + "/oauth/token", CLIENT, SECRET, page_size=args.page_size)
        for attempt in ("first sync", "sync again"):
            wall, cpu = time.perf_counter(), time.process_time()
            plan = target.sync.plan_oneroster_rest(settings, delta=False)
            read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - cpu
            if plan.errors:
                print("\n".join(p.text() for p in plan.errors[:20]), file=sys.stderr)
                return 1
            result = target.sync.apply(plan).value
            total_wall, total_cpu = time.perf_counter() - wall, time.process_time() - cpu
            del plan
            print(f"{attempt}: read and plan {read_wall:.1f} s (CPU {read_cpu:.1f} s), total {total_wall:.1f} s "
                  f"(CPU {total_cpu:.1f} s); rows written {result.rows_written}; peak memory {peak_mb():.0f} MB")
        target.close()
        print(f"backend={url.split(':')[0]} page_size={args.page_size} load_average={os.getloadavg()[0]:.1f} "
              "target: first sync ≤ 120 s, < 1 GB")
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
