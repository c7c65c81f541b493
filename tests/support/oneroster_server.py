"""A real OneRoster 1.2 REST server on loopback, serving an exported board, for the REST sync tests.

``OneRosterServer(export)`` turns the CSV files of ``export oneroster`` into the JSON records of
the REST binding (lists as arrays, references as ``{"sourcedId", "type"}`` objects, roles inside
each user, ``metadata.*`` columns in a ``metadata`` object) and serves them with Python's own
``http.server`` in a thread: an OAuth 2 token endpoint checking the client credentials, paging with
``limit``/``offset``, ``X-Total-Count`` and ``Link``, and ``filter=dateLastModified>'…'``.

Faults are queued per endpoint and offset (``fail``) and used once each: a status with headers
(429 with ``Retry-After``, 500), garbage for a body, or a page that never comes (the handler waits
until the server stops, so the client's timeout is what ends the request). ``requests`` records
every request (method, path, query, Authorization header) for the tests to look at.
"""

from __future__ import annotations

import base64
import csv
import json
import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

BASE = "/ims/oneroster/rostering/v1p2"
TOKEN_PATH = "/oauth/token"
CLIENT_ID = "vitrail-poste"
CLIENT_SECRET = "s3cret-client-Ω"
TOKEN = "jeton-d-acces-123"
SERVED_AT = "Mon, 23 Nov 2026 14:30:00 GMT"  # the server's clock (pinned: tests never read today's date)
OLD = "2026-11-01T00:00:00Z"  # dateLastModified of every exported record

_LISTS = {"grades", "subjects", "subjectCodes", "periods"}
_REFS = {"parentSourcedId": ("parent", "org"), "schoolYearSourcedId": ("schoolYear", "academicSession"),
         "orgSourcedId": ("org", "org"), "courseSourcedId": ("course", "course"),
         "schoolSourcedId": ("school", "org"), "classSourcedId": ("class", "class"),
         "userSourcedId": ("user", "user"), "primaryOrgSourcedId": ("primaryOrg", "org")}
_REF_LISTS = {"termSourcedIds": ("terms", "academicSession"), "agentSourcedIds": ("agents", "user")}
_USER_ID = re.compile(r"\{([^:{}]+):([^{}]*)\}")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _ref(sourced_id: str, kind: str) -> dict[str, str]:
    return {"href": f"{BASE}/{kind}s/{sourced_id}", "sourcedId": sourced_id, "type": kind}


def record_of(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row as the REST binding's JSON record."""
    record: dict[str, Any] = {}
    metadata: dict[str, str] = {}
    for column, value in row.items():
        if column.startswith("metadata."):
            metadata[column.removeprefix("metadata.")] = value
        else:
            record.update(_json_field(column, value))
    record["dateLastModified"] = row.get("dateLastModified") or OLD
    if metadata:
        record["metadata"] = metadata
    return record


_KEPT_EMPTY = ("email", "sms", "phone", "identifier", "username", "givenName", "familyName")


def _json_field(column: str, value: str) -> dict[str, Any]:
    """One CSV cell as the JSON field(s) it is (none for an empty optional cell)."""
    if column in _REFS:
        name, kind = _REFS[column]
        return {name: _ref(value, kind)} if value else {}
    if column in _REF_LISTS:
        name, kind = _REF_LISTS[column]
        return {name: [_ref(v, kind) for v in _split(value)]}
    if column in _LISTS:
        return {column: _split(value)}
    if column == "userIds":
        return {column: [{"type": t, "identifier": i} for t, i in _USER_ID.findall(value)]}
    if column == "primary":
        return {column: value == "true"}
    return {column: value} if value or column in _KEPT_EMPTY else {}


def collections_of(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The export's records by endpoint, users with their roles."""
    def rows(name: str) -> list[dict[str, str]]:
        with open(folder / name, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    roles: dict[str, list[dict[str, Any]]] = {}
    for row in rows("roles.csv"):
        roles.setdefault(row["userSourcedId"], []).append(
            {"roleType": row["roleType"], "role": row["role"], "org": _ref(row["orgSourcedId"], "org")})
    found = {endpoint: [record_of(row) for row in rows(f"{endpoint}.csv")] for endpoint in (
        "orgs", "academicSessions", "courses", "classes", "users", "demographics", "enrollments")}
    for user in found["users"]:
        user["roles"] = roles.get(user["sourcedId"], [])
    return found


@dataclass
class Fault:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    hang: bool = False  # never answer (until the server stops)


class OneRosterServer:
    def __init__(self, folder: Path, *, link_header: bool = True, total_header: bool = True,
                 tls: ssl.SSLContext | None = None) -> None:
        self.collections = collections_of(folder)
        self.link_header = link_header
        self.total_header = total_header
        self.max_limit: int | None = None  # a server that gives fewer than asked
        self.faults: dict[tuple[str, int], list[Fault]] = {}
        self.requests: list[tuple[str, str, dict[str, list[str]], str]] = []
        self.released = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def start(self) -> OneRosterServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def fail(self, endpoint: str, offset: int, *faults: Fault) -> None:
        self.faults.setdefault((endpoint, offset), []).extend(faults)

    def touch(self, endpoint: str, sourced_id: str, moment: str, **changes: Any) -> dict[str, Any]:
        """Change a record as the SIS would: new values and a new dateLastModified."""
        record = next(r for r in self.collections[endpoint] if r["sourcedId"] == sourced_id)
        record.update(changes, dateLastModified=moment)
        return record

    def data_requests(self, endpoint: str) -> list[dict[str, list[str]]]:
        return [query for method, path, query, _ in self.requests if method == "GET" and path == f"{BASE}/{endpoint}"]


def _handler(server: OneRosterServer) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"oneroster": server})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    oneroster: OneRosterServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return SERVED_AT

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        auth = self.headers.get("Authorization", "")
        self.oneroster.requests.append(("POST", self.path, form, auth))
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if self.path != TOKEN_PATH or auth != expected or form.get("grant_type") != ["client_credentials"]:
            self._send(401, {"error": "invalid_client"})
            return
        self._send(200, {"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600})

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        self.oneroster.requests.append(("GET", parts.path, query, self.headers.get("Authorization", "")))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, {"imsx_codeMajor": "failure", "imsx_description": "jeton absent ou invalide"})
            return
        endpoint, _, sourced_id = parts.path.removeprefix(BASE + "/").partition("/")
        if endpoint not in self.oneroster.collections:
            self._send(404, {"imsx_codeMajor": "failure"})
        elif sourced_id:
            found = [r for r in self.oneroster.collections[endpoint] if r["sourcedId"] == unquote(sourced_id)]
            self._send(200 if found else 404, {endpoint[:-1]: found[0]} if found else {})
        elif not self._fault(endpoint, int(query.get("offset", ["0"])[0])):
            self._page(parts.path, endpoint, query)

    def _fault(self, endpoint: str, offset: int) -> bool:
        """Answer with the next fault queued for this page, if any (True: answered, or never will be)."""
        faults = self.oneroster.faults.get((endpoint, offset))
        if not faults:
            return False
        fault = faults.pop(0)
        if fault.hang:
            self.oneroster.released.wait()
        else:
            self._send(fault.status, fault.body if fault.body is not None else {}, fault.headers)
        return True

    def _page(self, path: str, endpoint: str, query: dict[str, list[str]]) -> None:
        server = self.oneroster
        offset = int(query.get("offset", ["0"])[0])
        limit = int(query.get("limit", ["100"])[0])
        if server.max_limit:
            limit = min(limit, server.max_limit)
        selected = _filtered(server.collections[endpoint], query.get("filter", [""])[0])
        headers = {}
        if server.total_header:
            headers["X-Total-Count"] = str(len(selected))
        if server.link_header:
            links = [f'<{path}?limit={limit}&offset=0>; rel="first"']
            if offset + limit < len(selected):
                links.append(f'<{path}?limit={limit}&offset={offset + limit}'
                             + "".join(f"&filter={quote(f)}" for f in query.get("filter", [])) + '>; rel="next"')
            headers["Link"] = ", ".join(links)
        self._send(200, {endpoint: selected[offset:offset + limit]}, headers)

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _filtered(records: list[dict[str, Any]], expression: str) -> list[dict[str, Any]]:
    if not expression:
        return records
    match = re.fullmatch(r"dateLastModified>'([^']+)'", expression)
    assert match, f"filtre inattendu : {expression}"
    return [r for r in records if r["dateLastModified"] > match.group(1)]


@contextmanager
def serving(folder: Path, **options: Any) -> Iterator[OneRosterServer]:
    server = OneRosterServer(folder, **options).start()
    try:
        yield server
    finally:
        server.stop()
