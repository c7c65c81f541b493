"""Reading a OneRoster 1.2 REST server into a ``Roster``: the same roster the CSV reader builds.

sync.md §3. The client asks for an OAuth 2 token (client credentials: the id in the configuration,
the secret in the keyring), then reads the rostering endpoints page by page (``limit``/``offset``,
5,000 records a page). It stops on an empty page, on a short page unless ``X-Total-Count`` says
more are left, and when ``Link`` names no next page; a ``Link`` next page on another server is
refused (the token would go with it).

Faults are told apart, because they call for different people:

- the server is slow, busy or failing: 429 and 5xx are retried with a growing wait, honouring
  ``Retry-After`` (capped); a timeout or an unreachable server stops the run (``OneRosterUnavailable``);
- the server answers something that is not OneRoster (not JSON, not the expected shape): the run
  stops, naming the URL and the HTTP status (``OneRosterUnavailable``) — a half-read board would look
  like a board whose students left;
- a record whose values cannot be read (a date, an enumeration value, a missing reference) is a
  ``Problem`` naming the endpoint, the page, the record's place on it and the field, as for CSV.

Nothing here writes to the database; the plan and its apply are the CSV import's. A delta run
(``since``) asks each person and class endpoint for ``dateLastModified>'…'`` only and marks those
files "delta" in the roster, so nothing absent from it is deactivated; organisations and sessions
are always read whole (a handful of records, and every class refers to them).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
import ssl
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from sys import intern
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from desktop.services.config import Config
from desktop.services.credentials import KeyringState, look_up_oneroster_secret
from desktop.services.errors import InvalidInput, VitrailError
from desktop.services.sync import oneroster as fmt
from desktop.services.sync.apply import ApplyProgress
from desktop.services.sync.oneroster import ClassType, Meta, Role
from desktop.services.sync.problems import ProblemLog, quoted_list
from desktop.services.sync.roster import (
    NO_META,
    AcademicSession,
    Class,
    Course,
    Demographics,
    Enrollment,
    MetaCells,
    Org,
    Roster,
    User,
    UserRole,
)

ROSTERING_PATH = "/ims/oneroster/rostering/v1p2"
SCOPES = ("https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly",
          "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly")
SOURCE_KIND = "oneroster-rest"
DEFAULT_PAGE_SIZE = 5_000
WATERMARK_MARK = "#lecture="  # how a run's source remembers when its reading started (see ``source_of``)
WATERMARK_MARGIN = timedelta(minutes=5)  # a delta asks again for what changed just before the last read
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

# endpoint → (the JSON key of its collection, the CSV file whose place it takes in the roster)
ENDPOINTS: dict[str, tuple[str, str]] = {
    "orgs": ("orgs", fmt.ORGS),
    "academicSessions": ("academicSessions", fmt.SESSIONS),
    "courses": ("courses", fmt.COURSES),
    "classes": ("classes", fmt.CLASSES),
    "users": ("users", fmt.USERS),
    "demographics": ("demographics", fmt.DEMOGRAPHICS),
    "enrollments": ("enrollments", fmt.ENROLLMENTS),
}
# Read whole even in a delta run: a few thousand records, and every enrollment and person refers to them.
ALWAYS_WHOLE = ("orgs", "academicSessions", "courses", "classes")
LABELS = {"orgs": "organisations", "academicSessions": "sessions", "courses": "cours", "classes": "classes",
          "users": "personnes", "demographics": "données démographiques", "enrollments": "inscriptions"}


class OneRosterUnavailable(VitrailError):
    """The OneRoster server cannot be read (unreachable, too slow, refusing, or answering garbage): nothing read."""


class SyncCancelled(VitrailError):
    """The person stopped the reading: nothing was planned, nothing written."""


@dataclass(frozen=True)
class RestSettings:
    """Where and how to reach the board's OneRoster server. ``client_secret`` is a secret: never shown or saved."""

    base_url: str  # the rostering service, ending with /ims/oneroster/rostering/v1p2
    token_url: str
    client_id: str
    client_secret: str = field(repr=False)
    ca_bundle: str | None = None  # the board's own CA certificates (PEM); None: the usual ones
    page_size: int = DEFAULT_PAGE_SIZE
    timeout: float = 60.0  # seconds without an answer before the run stops
    attempts: int = 5  # tries of one request on 429 / 5xx
    max_wait: float = 60.0  # longest wait between two tries, whatever Retry-After says


def rostering_url(configured: str) -> str:
    """The rostering service's URL from the configured server address (``https://sis.css.qc.ca``)."""
    url = configured.strip().rstrip("/")
    return url if url.endswith(ROSTERING_PATH) else url + ROSTERING_PATH


def check_url(url: str, what: str) -> str:
    """Refuse what is not an https URL (plain http only on this computer: a token must not travel in clear)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url
    raise InvalidInput(f"{what} « {url} » : une adresse https:// est attendue (le jeton et les données des élèves "
                       "ne doivent pas circuler en clair). Rien n'a été lu.")


# --- the HTTP conversation ----------------------------------------------------------------------

Sleep = Callable[[float], None]


class _Conversation:
    """One run's HTTP client: the token, retries with backoff, and every fault as a French sentence."""

    def __init__(self, settings: RestSettings, sleep: Sleep) -> None:
        self.settings = settings
        self.sleep = sleep
        self.token: str | None = None
        self.server_date: datetime | None = None  # the server's clock at its first answer (the delta watermark)
        self.client = httpx.Client(timeout=httpx.Timeout(settings.timeout), verify=_tls(settings.ca_bundle),
                                   follow_redirects=False, headers={"Accept": "application/json"})

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, params: Mapping[str, str | int] | None, *, absent_ok: bool = False) -> httpx.Response:
        """GET with the bearer token; a 401 fetches a new token once (it may have expired).

        ``absent_ok``: a 404 is returned, not raised (a record asked for by its sourcedId may be gone).
        """
        if self.token is None:
            self.token = self._fetch_token()
        response = self._send("GET", url, params=params, headers={"Authorization": f"Bearer {self.token}"})
        if response.status_code == 401:
            self.token = self._fetch_token()
            response = self._send("GET", url, params=params, headers={"Authorization": f"Bearer {self.token}"})
        if response.status_code >= 400 and not (absent_ok and response.status_code == 404):
            raise OneRosterUnavailable(_refusal(response))
        return response

    def _fetch_token(self) -> str:
        settings = self.settings
        response = self._send("POST", settings.token_url, data={"grant_type": "client_credentials",
                                                                 "scope": " ".join(SCOPES)},
                              auth=(settings.client_id, settings.client_secret))
        if response.status_code in (400, 401, 403):
            raise OneRosterUnavailable(
                f"Le serveur d'authentification {settings.token_url} refuse l'identifiant client « "
                f"{settings.client_id} » ou son secret (HTTP {response.status_code}). Vérifiez "
                "« oneroster_client_id » (vitrail config show) et enregistrez de nouveau le secret avec "
                "« vitrail config set-secret oneroster ». Rien n'a été importé.")
        if response.status_code >= 400:
            raise OneRosterUnavailable(_refusal(response))
        try:
            body = response.json()
            token = body["access_token"]
        except (ValueError, TypeError, KeyError):
            token = None
        if not isinstance(token, str) or not token:
            raise OneRosterUnavailable(_garbage(response, "jeton d'accès (access_token) absent de la réponse"))
        return token

    def _send(self, method: str, url: str, **options: Any) -> httpx.Response:
        """One request, tried again on 429 and 5xx after the wait the server asks for (or a growing one)."""
        settings = self.settings
        for attempt in range(1, settings.attempts + 1):
            try:
                response = self.client.request(method, url, **options)
            except httpx.TimeoutException:
                raise OneRosterUnavailable(
                    f"Le serveur OneRoster n'a pas répondu en {settings.timeout:g} s ({_shown(url, options)}) : "
                    "la lecture est arrêtée, rien n'a été importé. Réessayez plus tard.") from None
            except httpx.TransportError as exc:
                raise OneRosterUnavailable(_unreachable(url, options, exc)) from None
            if self.server_date is None:
                self.server_date = _http_date(response.headers.get("Date"))
            if response.status_code != 429 and response.status_code < 500:
                return response
            if attempt == settings.attempts:
                break
            self.sleep(min(settings.max_wait, _retry_after(response) or 2.0 ** (attempt - 1)))
        raise OneRosterUnavailable(
            f"Le serveur OneRoster répond HTTP {response.status_code} ({_reason(response)}) à "
            f"{response.request.url} après {settings.attempts} essais : il est surchargé ou en panne. "
            "Rien n'a été importé ; réessayez plus tard.")


def _tls(ca_bundle: str | None) -> ssl.SSLContext | bool:
    if not ca_bundle:
        return True
    if not Path(ca_bundle).is_file():
        raise InvalidInput(f"Le fichier de certificats « {ca_bundle} » (oneroster_ca_bundle) est introuvable. "
                           "Rien n'a été lu.")
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (ssl.SSLError, OSError) as exc:
        raise InvalidInput(f"Le fichier de certificats « {ca_bundle} » (oneroster_ca_bundle) est illisible "
                           f"({exc}). Un fichier PEM est attendu. Rien n'a été lu.") from None


def _shown(url: str, options: Mapping[str, Any]) -> str:
    params = options.get("params")
    return str(httpx.URL(url, params=params)) if params else url


def _unreachable(url: str, options: Mapping[str, Any], exc: Exception) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return (f"Le certificat TLS du serveur OneRoster ({_shown(url, options)}) n'est pas reconnu : si le centre de "
                "services a sa propre autorité de certification, donnez son fichier avec « vitrail config set "
                "oneroster_ca_bundle CHEMIN ». Rien n'a été importé.")
    return (f"Le serveur OneRoster est injoignable ({_shown(url, options)}) : {text or exc.__class__.__name__}. "
            "Vérifiez l'adresse (vitrail config show) et le réseau. Rien n'a été importé.")


def _reason(response: httpx.Response) -> str:
    return response.reason_phrase or "sans explication"


def _refusal(response: httpx.Response) -> str:
    return (f"Le serveur OneRoster refuse la demande {response.request.url} (HTTP {response.status_code}, "
            f"{_reason(response)}). Rien n'a été importé.")


def _garbage(response: httpx.Response, what: str) -> str:
    return (f"Le serveur OneRoster a répondu à {response.request.url} (HTTP {response.status_code}) par autre chose "
            f"que ce que OneRoster 1.2 prévoit : {what}. La lecture est arrêtée et rien n'a été importé ; "
            "signalez-le au responsable du système de gestion des élèves.")


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks to wait: ``Retry-After`` as a number or as an HTTP date."""
    raw = response.headers.get("Retry-After", "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    moment = _http_date(raw)
    served = _http_date(response.headers.get("Date"))
    if moment is None or served is None:
        return None
    return max(0.0, (moment - served).total_seconds())


def _http_date(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_LINK = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")


def _next_link(header: str) -> str | None:
    for match in _LINK.finditer(header):
        if re.search(r"""rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?""", match.group(2)):
            return match.group(1)
    return None


# --- reading ------------------------------------------------------------------------------------

class _Page:
    """One page of an endpoint; ``name`` is how a problem names where it is (a record asked for by itself: no page)."""

    __slots__ = ("endpoint", "items", "name", "number")

    def __init__(self, endpoint: str, number: int, items: list[Any]) -> None:
        self.endpoint = endpoint
        self.number = number
        self.items = items
        self.name = f"{ROSTERING_PATH}/{endpoint}" + (f" (page {number})" if number else "")


class _Reader:
    """One run: pages read in order, each record checked and turned into the roster's records."""

    def __init__(self, settings: RestSettings, since: str | None, progress: Callable[[ApplyProgress], None] | None,
                 should_stop: Callable[[], bool] | None, sleep: Sleep) -> None:
        self.settings = settings
        self.since = since
        self.progress = progress
        self.should_stop = should_stop
        self.http = _Conversation(settings, sleep)
        self.digest = hashlib.sha256()
        self.problems = ProblemLog()
        self.meta_keys: dict[str, set[str]] = {}
        self.named_users: set[str] = set()  # a delta's enrollments of people not in it

    def pages(self, endpoint: str) -> Iterator[_Page]:
        key, _ = ENDPOINTS[endpoint]
        url = f"{self.settings.base_url}/{endpoint}"
        size = self.settings.page_size
        first: dict[str, str | int] = {"limit": size, "offset": 0}
        if self.since is not None and endpoint not in ALWAYS_WHOLE:
            first["filter"] = f"dateLastModified>'{self.since}'"
        params: dict[str, str | int] | None = first
        offset, number = 0, 1
        previous_first: Any = None
        while True:
            if self.should_stop is not None and self.should_stop():
                raise SyncCancelled("Synchronisation annulée : rien n'a été importé.")
            response = self.http.get(url, params)
            items = _collection(response, key)
            if items and number > 1 and items[0] == previous_first:
                raise OneRosterUnavailable(_garbage(response, "la même page revient à chaque demande (le "
                                                              "paramètre offset n'est pas suivi)"))
            previous_first = items[0] if items else None
            self.digest.update(f"{endpoint}\0{number}\0".encode())
            self.digest.update(response.content)
            yield _Page(endpoint, number, items)
            offset += len(items)
            total = _total(response)
            if self.progress is not None:
                self.progress(ApplyProgress(offset, max(total or 0, offset),
                                            f"Lecture des {LABELS[endpoint]} (page {number})"))
            link = response.headers.get("Link")
            following = _next_link(link) if link else None
            if not items or (total is not None and offset >= total):
                return
            if following is not None:
                url, params = self._same_server(following, response), None
            elif link is not None or (len(items) < size and total is None):
                return
            else:
                url, params = f"{self.settings.base_url}/{endpoint}", {**first, "offset": offset}
            number += 1

    def record(self, endpoint: str, key: str, sourced_id: str) -> _Page | None:
        """One record asked for by its sourcedId (``GET …/users/{id}`` answers ``{"user": {…}}``); None if gone."""
        if self.should_stop is not None and self.should_stop():
            raise SyncCancelled("Synchronisation annulée : rien n'a été importé.")
        response = self.http.get(f"{self.settings.base_url}/{endpoint}/{quote(sourced_id, safe='')}", None,
                                 absent_ok=True)
        if response.status_code == 404:
            return None
        try:
            item = response.json().get(key)
        except (ValueError, UnicodeDecodeError, AttributeError):
            item = None
        if not isinstance(item, dict):
            raise OneRosterUnavailable(_garbage(response, f"un objet JSON avec l'objet « {key} » était attendu"))
        self.digest.update(f"{endpoint}/{sourced_id}\0".encode())
        self.digest.update(response.content)
        return _Page(f"{endpoint}/{sourced_id}", 0, [item])

    def _same_server(self, link: str, response: httpx.Response) -> str:
        target = response.request.url.join(link)
        if (target.scheme, target.host, target.port) != (response.request.url.scheme, response.request.url.host,
                                                         response.request.url.port):
            raise OneRosterUnavailable(_garbage(response, f"la page suivante (en-tête Link) est sur un autre "
                                                          f"serveur, « {target} », où le jeton ne sera pas envoyé"))
        return str(target)

    def fields(self, page: _Page) -> Iterator[_Fields]:
        """Each record of the page in turn; then the ``metadata`` keys the page used are remembered."""
        cells = _Fields(page, self.problems)
        for index, item in enumerate(page.items, start=1):
            yield cells.at(index, item)
        if cells.key_maps:
            _, file = ENDPOINTS[page.endpoint.split("/", 1)[0]]
            known = self.meta_keys.setdefault(file, set())
            for keys in cells.key_maps:
                known.update(fmt.METADATA_PREFIX + str(key) for key in keys)


def _collection(response: httpx.Response, key: str) -> list[Any]:
    try:
        body = response.json()
    except (ValueError, UnicodeDecodeError):
        raise OneRosterUnavailable(_garbage(response, "la réponse n'est pas du JSON lisible")) from None
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list):
        raise OneRosterUnavailable(_garbage(response, f"un objet JSON avec la liste « {key} » était attendu"))
    if any(not isinstance(item, dict) for item in items):
        raise OneRosterUnavailable(_garbage(response, f"la liste « {key} » contient autre chose que des objets"))
    return items


def _total(response: httpx.Response) -> int | None:
    raw = response.headers.get("X-Total-Count", "").strip()
    return int(raw) if raw.isdigit() else None


class _Fields:
    """Typed access to one JSON record's fields, each problem reported with its endpoint, page, place and field."""

    def __init__(self, page: _Page, problems: ProblemLog) -> None:
        self.page = page
        self.name = page.name
        self.problems = problems
        self.line = 0
        self.data: dict[str, Any] = {}
        self.valid = True
        self.key_maps: dict[tuple[Any, ...], dict[str, int]] = {}

    def at(self, line: int, data: dict[str, Any]) -> _Fields:
        self.line, self.data, self.valid = line, data, True
        return self

    def error(self, code: str, name: str | None, message: str) -> None:
        self.valid = False
        self.problems.error(code, self.name, self.line, name, message)

    def text(self, name: str) -> str:
        value = self.data.get(name)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.error("type", name, f"texte attendu, reçu {_json_kind(value)}.")
        return ""

    def key(self, name: str) -> str:
        value = self.text(name).strip()
        if not value and self.valid:
            self.error("value_missing", name, "valeur obligatoire absente.")
        return value

    def enum(self, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        raw = self.text(name)
        if raw in allowed:
            return allowed[allowed.index(raw)]
        if not raw.strip():
            if default is not None:
                return default
            self.error("value_missing", name, f"valeur obligatoire absente ; valeurs permises : "
                                              f"{quoted_list(allowed)}.")
            return ""
        try:
            return fmt.enum_value(raw, allowed)
        except fmt.ValueProblem as exc:
            self.error("enum_unknown", name, str(exc))
            return ""

    def status(self) -> str:
        raw = self.text("status")
        return "active" if raw in ("", "active") else self.enum("status", fmt.STATUSES, default="active")

    def boolean(self, name: str, default: bool) -> bool:
        value = self.data.get(name)
        if isinstance(value, bool):
            return value
        raw = self.text(name)
        if not raw.strip():
            return default
        try:
            return fmt.boolean(raw)
        except fmt.ValueProblem as exc:
            self.error("boolean", name, str(exc))
            return default

    def date(self, name: str, *, required: bool = False) -> date | None:
        raw = self.text(name)
        if not raw.strip():
            if required:
                self.error("value_missing", name, "date obligatoire absente (AAAA-MM-JJ).")
            return None
        try:
            return fmt.parse_date(raw).value
        except fmt.ValueProblem as exc:
            self.error("date", name, str(exc))
            return None

    def ref(self, name: str, *, required: bool = False) -> str | None:
        """A GUIDRef (``{"sourcedId": …}``), its sourcedId; a bare string is read too."""
        value = self.data.get(name)
        if isinstance(value, dict):
            value = value.get("sourcedId")
        if value is None or value == "":
            if required:
                self.error("value_missing", name, "référence obligatoire absente ({\"sourcedId\": …} attendu).")
            return None
        if not isinstance(value, str):
            self.error("type", name, f"référence {{\"sourcedId\": …}} attendue, reçu {_json_kind(value)}.")
            return None
        return intern(value.strip()) or None

    def refs(self, name: str) -> tuple[str, ...]:
        if self.data.get(name) in _EMPTY:
            return ()
        values = self._list(name)
        found: list[str] = []
        for value in values:
            sid = value.get("sourcedId") if isinstance(value, dict) else value
            if not isinstance(sid, str) or not sid.strip():
                self.error("type", name, "liste de références {\"sourcedId\": …} attendue.")
                return ()
            found.append(intern(sid.strip()))
        return tuple(found)

    def strings(self, name: str) -> tuple[str, ...]:
        if self.data.get(name) in _EMPTY:
            return ()
        values = self._list(name)
        if any(not isinstance(value, str) for value in values):
            self.error("type", name, "liste de textes attendue.")
            return ()
        return tuple(value.strip() for value in values if value.strip())

    def _list(self, name: str) -> list[Any]:
        value = self.data.get(name)
        if value is None:
            return []
        if isinstance(value, str):  # a lenient server's "a,b"
            return list(fmt.id_list(value))
        if not isinstance(value, list):
            self.error("type", name, f"liste attendue, reçu {_json_kind(value)}.")
            return []
        return value

    def meta(self) -> MetaCells:
        value = self.data.get("metadata")
        if value is None:
            return NO_META
        if not isinstance(value, dict):
            self.error("type", "metadata", f"objet attendu, reçu {_json_kind(value)}.")
            return NO_META
        if not value:
            return NO_META
        keys = tuple(value)
        shared = self.key_maps.get(keys)  # one key map per layout, not one per record
        if shared is None:
            shared = self.key_maps[keys] = {str(key): index for index, key in enumerate(keys)}
        return MetaCells(shared, tuple(item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)
                                       for item in value.values()))

    def user_ids(self) -> dict[str, str]:
        if not self.data.get("userIds"):
            return _NO_IDS
        found: dict[str, str] = {}
        for entry in self._list("userIds"):
            kind = entry.get("type") if isinstance(entry, dict) else None
            identifier = entry.get("identifier") if isinstance(entry, dict) else None
            if not isinstance(kind, str) or not isinstance(identifier, str):
                self.error("user_ids", "userIds", "liste d'objets {\"type\": …, \"identifier\": …} attendue, par "
                                                  "exemple {\"type\": \"codePermanent\", \"identifier\": "
                                                  "\"TREM12345678\"}.")
                return {}
            found[intern(kind.strip().lower())] = identifier.strip()
        return found


_EMPTY: tuple[Any, ...] = (None, [], "")  # an absent or empty list: most people have no grades, no agents
_NO_IDS: dict[str, str] = {}  # shared, never written to: most people have no userIds


def _json_kind(value: Any) -> str:
    kinds = {bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte", list: "une liste",
             dict: "un objet"}
    return kinds.get(type(value), "une valeur inconnue")


def _register(records: dict[str, Any], key: str, record: Any, cells: _Fields, what: str) -> None:
    previous = records.get(key)
    if previous is not None:
        cells.error("duplicate_key", "sourcedId", f"{what} « {key} » déjà reçu ({previous.file}, ligne "
                                                  f"{previous.line}) : chaque sourcedId doit être unique.")
        return
    records[key] = record


# --- one reader per endpoint ---------------------------------------------------------------------

def _read_orgs(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("orgs"):
        for c in reader.fields(page):
            org = Org(c.key("sourcedId"), c.status(), c.text("name").strip(), c.enum("type", fmt.ORG_TYPES),
                      c.text("identifier").strip(), c.ref("parent"), c.meta(), page.name, c.line)
            if org.type in ("district", "school") and not org.identifier:
                c.error("value_missing", "identifier", "identifiant absent : c'est le code du centre de services ou "
                                                       "le numéro de l'école attribué par le ministère.")
            if c.valid:
                _register(roster.orgs, org.sourced_id, org, c, "organisation")


def _read_sessions(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("academicSessions"):
        for c in reader.fields(page):
            session = AcademicSession(c.key("sourcedId"), c.status(), c.text("title").strip(),
                                      c.enum("type", fmt.SESSION_TYPES), c.date("startDate", required=True),
                                      c.date("endDate", required=True), c.ref("parent"),
                                      c.text("schoolYear").strip(), page.name, c.line)
            if session.start and session.end and session.end < session.start:
                c.error("dates_reversed", "endDate", f"fin ({session.end}) avant le début ({session.start}).")
            if c.valid:
                _register(roster.sessions, session.sourced_id, session, c, "session")


def _read_courses(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("courses"):
        for c in reader.fields(page):
            course = Course(c.key("sourcedId"), c.status(), c.text("title").strip(), c.text("courseCode").strip(),
                            c.ref("org"), c.strings("subjectCodes"), page.name, c.line)
            if c.valid:
                _register(roster.courses, course.sourced_id, course, c, "cours")


def _read_classes(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("classes"):
        for c in reader.fields(page):
            klass = Class(c.key("sourcedId"), c.status(), c.text("title").strip(), c.text("classCode").strip(),
                          c.enum("classType", fmt.CLASS_TYPES), c.ref("course"), c.ref("school", required=True) or "",
                          c.refs("terms"), c.strings("subjectCodes"), c.strings("subjects"), c.strings("periods"),
                          c.text("location").strip(), tuple(fmt.grade(g) for g in c.strings("grades")),
                          c.meta(), page.name, c.line)
            if c.valid:
                _register(roster.classes, klass.sourced_id, klass, c, "classe")


def _read_users(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("users"):
        for c in reader.fields(page):
            _read_user(reader, roster, page, c)


_AGENT_ROLES = frozenset((*fmt.GUARDIAN_ROLES, *fmt.CONTACT_ROLES))


def _read_named_users(reader: _Reader, roster: Roster, ids: set[str]) -> None:
    """In a delta run, the people it names that did not change themselves, asked for one by one.

    A delta's enrollment or demographics record names its person; a changed parent names their
    children (``agents``), whose links are made from the student's side. Each is read whole.
    """
    ids = set(ids)
    for user in roster.users.values():
        if any(role.role in _AGENT_ROLES for role in user.roles):
            ids.update(user.agents)
    for sourced_id in sorted(ids - roster.users.keys()):
        page = reader.record("users", "user", sourced_id)
        if page is None:
            continue  # gone from the SIS: a reference to it is reported where it is made
        for c in reader.fields(page):
            _read_user(reader, roster, page, c)


_KNOWN_ROLES = {role: role for role in fmt.USER_ROLES["1.2"]}
_GRADES = {code: code for code in fmt.GRADE_CODES}


def _read_user(reader: _Reader, roster: Roster, page: _Page, c: _Fields) -> None:
    sourced_id = intern(c.key("sourcedId"))
    primary = c.ref("primaryOrg")
    user = User(sourced_id, c.status(), [], c.text("username").strip(), c.user_ids(), c.text("givenName"),
                c.text("familyName"), c.text("identifier").strip(), c.text("email"), c.text("sms").strip(),
                c.text("phone").strip(), c.refs("agents"),
                tuple(_GRADES.get(g) or g for g in map(fmt.grade, c.strings("grades"))),
                (primary,) if primary else (), c.meta(), page.name, c.line)
    if not user.given_name.strip() and not user.family_name.strip():
        c.error("value_missing", "familyName", "nom et prénom absents.")
    user.roles = _roles(c, _KNOWN_ROLES)
    if c.valid:
        _register(roster.users, user.sourced_id, user, c, "personne")


def _roles(c: _Fields, known: dict[str, str]) -> list[UserRole]:
    """OneRoster 1.2 puts a user's roles in the user record: ``[{"roleType", "role", "org"}]``."""
    roles: list[UserRole] = []
    for entry in c._list("roles"):
        if not isinstance(entry, dict):
            c.error("type", "roles", "liste d'objets {\"role\": …, \"roleType\": …, \"org\": …} attendue.")
            return []
        role, role_type, org = entry.get("role"), entry.get("roleType") or "primary", entry.get("org")
        org_id = org.get("sourcedId") if isinstance(org, dict) else org
        try:
            name = known.get(role) or fmt.enum_value(role, fmt.USER_ROLES["1.2"]) if isinstance(role, str) else ""
        except fmt.ValueProblem as exc:
            c.error("enum_unknown", "roles.role", str(exc))
            return []
        if not name:
            c.error("type", "roles.role", f"texte attendu, reçu {_json_kind(role)}.")
            return []
        if role_type not in fmt.ROLE_TYPES:
            c.error("enum_unknown", "roles.roleType", f"valeur « {role_type} » inconnue ; valeurs permises : "
                                                      f"{quoted_list(fmt.ROLE_TYPES)}.")
            return []
        if not isinstance(org_id, str) or not org_id.strip():
            c.error("value_missing", "roles.org", "organisation du rôle absente ({\"sourcedId\": …} attendu).")
            return []
        roles.append(UserRole(name, intern(org_id.strip()), role_type == "primary"))
    return roles


def _read_demographics(reader: _Reader, roster: Roster) -> None:
    for page in reader.pages("demographics"):
        for c in reader.fields(page):
            sex = c.enum("sex", fmt.SEXES, default="") or None
            record = Demographics(c.key("sourcedId"), c.status(), c.date("birthDate"), sex, page.name, c.line)
            if c.valid:
                _register(roster.demographics, record.sourced_id, record, c, "fiche démographique")
                if reader.since is not None and record.sourced_id not in roster.users:
                    reader.named_users.add(record.sourced_id)  # a birth date changed, the person did not


def _read_enrollments(reader: _Reader, roster: Roster) -> None:
    """Enrollments: the largest endpoint (a student is in each of their classes), the usual record read first."""
    enrollments = _Enrollments(reader, roster)
    for page in reader.pages("enrollments"):
        for c in reader.fields(page):
            if not enrollments.usual(page, c):
                enrollments.checked(page, c)
    if reader.since is not None:
        _read_named_users(reader, roster, reader.named_users)


class _Enrollments:
    """As the CSV reader: a student's enrollment in a scheduled class whose homeroom group Vitrail's
    extension names is not kept (it only leads to that group, which Vitrail already has)."""

    def __init__(self, reader: _Reader, roster: Roster) -> None:
        self.reader = reader
        self.roster = roster
        self.named_group = {sid for sid, klass in roster.classes.items()
                            if klass.class_type == ClassType.SCHEDULED and klass.meta.get(Meta.GROUP)}
        self.roles = {role: role for role in fmt.ENROLLMENT_ROLES}

    def usual(self, page: _Page, c: _Fields) -> bool:
        """Read a well-formed active enrollment without the checks that explain what is wrong; False if not one."""
        data = c.data
        klass, person, primary = data.get("class"), data.get("user"), data.get("primary", False)
        role = self.roles.get(str(data.get("role")))
        if type(klass) is not dict or type(person) is not dict or role is None or type(primary) is not bool or \
                data.get("status", "active") != "active":
            return False
        class_id, user_id = klass.get("sourcedId"), person.get("sourcedId")
        if type(class_id) is not str or not class_id or type(user_id) is not str or not user_id:
            return False
        self._keep(Enrollment("active", intern(class_id), intern(user_id), role, primary, page.name, c.line))
        return True

    def checked(self, page: _Page, c: _Fields) -> None:
        class_id, user_id = c.ref("class", required=True) or "", c.ref("user", required=True) or ""
        enrollment = Enrollment(c.status(), class_id, user_id, c.enum("role", fmt.ENROLLMENT_ROLES),
                                c.boolean("primary", False), page.name, c.line)
        if c.valid:
            self._keep(enrollment)

    def _keep(self, enrollment: Enrollment) -> None:
        users = self.roster.users
        if enrollment.role == Role.STUDENT and enrollment.class_id in self.named_group and \
                enrollment.status == "active" and enrollment.user in users:
            return
        self.roster.enrollments.append(enrollment)
        if self.reader.since is not None and enrollment.user not in users:
            self.reader.named_users.add(enrollment.user)


_READERS: tuple[tuple[str, Callable[[_Reader, Roster], None]], ...] = (
    ("orgs", _read_orgs), ("academicSessions", _read_sessions), ("courses", _read_courses),
    ("classes", _read_classes), ("users", _read_users), ("demographics", _read_demographics),
    ("enrollments", _read_enrollments),
)


@dataclass(frozen=True)
class RestRead:
    """What one reading gave: the roster, its problems, and when the server says the reading started."""

    roster: Roster
    problems: ProblemLog
    started: datetime  # UTC: the next delta run asks for what changed after this (minus a margin)


def read_oneroster_rest(settings: RestSettings, *, since: datetime | None = None, now: datetime,
                        progress: Callable[[ApplyProgress], None] | None = None,
                        should_stop: Callable[[], bool] | None = None, sleep: Sleep = time.sleep) -> RestRead:
    """Read every rostering endpoint (or, with ``since``, what changed after it) into a ``Roster``.

    ``now`` (UTC) is the reading's start when the server sends no ``Date`` header. Raises
    ``OneRosterUnavailable`` when the server cannot be read and ``SyncCancelled`` when
    ``should_stop`` says so; problems in the records themselves are in the result.
    """
    check_url(settings.base_url, "L'adresse du serveur OneRoster")
    check_url(settings.token_url, "L'adresse du jeton OAuth (oneroster_token_url)")
    filter_since = _filter_time(since) if since is not None else None
    reader = _Reader(settings, filter_since, progress, should_stop, sleep)
    mode = "delta" if since is not None else "bulk"
    modes = {file: ("bulk" if endpoint in ALWAYS_WHOLE else mode) for endpoint, (_, file) in ENDPOINTS.items()}
    modes[fmt.ROLES] = modes[fmt.USERS]
    roster = Roster(version="1.2", source=settings.base_url, fingerprint="", modes=modes)
    try:
        for _, read in _READERS:
            read(reader, roster)
    finally:
        reader.http.close()
    roster.provide_all()
    for file, keys in reader.meta_keys.items():
        roster.provided[file] = roster.provided[file] | frozenset(keys)
    roster.fingerprint = reader.digest.hexdigest()
    started = reader.http.server_date or now
    return RestRead(roster, reader.problems, started.astimezone(UTC))


def _filter_time(moment: datetime) -> str:
    return (moment.astimezone(UTC) - WATERMARK_MARGIN).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- where a run remembers its watermark -------------------------------------------------------

def source_of(base_url: str, started: datetime) -> str:
    """The run's source as ``import_run.source`` keeps it: the server, and when its reading started.

    The moment rides in the URL's fragment (``…/v1p2#lecture=2026-11-23T09:30:00Z``), which no HTTP
    request carries: the history shows the server, and the next delta run knows where to start.
    """
    return f"{base_url}{WATERMARK_MARK}{started.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}"


def watermark_of(source: str, base_url: str) -> datetime | None:
    """When the reading of a run from ``base_url`` started, from its recorded source; None if another source."""
    head, mark, moment = source.partition(WATERMARK_MARK)
    if not mark or head != base_url:
        return None
    try:
        return datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


# --- settings from the workstation's configuration ----------------------------------------------

def oneroster_settings(config: Config, **overrides: Any) -> RestSettings:
    """The REST settings from the configuration, the client secret from the keyring (InvalidInput if missing).

    The server is ``oneroster_url``, else ``server_url`` (the installer's ``SERVERURL``).
    ``overrides`` sets the other fields (``page_size``, ``timeout``…) for scripts and tests.
    """
    server = config.get("oneroster_url") or config.get("server_url")
    if not server:
        raise InvalidInput("Aucun serveur OneRoster n'est configuré : donnez son adresse avec « vitrail config set "
                           "oneroster_url https://… » (sinon l'adresse du serveur, server_url, sert). Rien n'a été lu.")
    token_url, client_id = config.get("oneroster_token_url"), config.get("oneroster_client_id")
    for key, value in (("oneroster_token_url", token_url), ("oneroster_client_id", client_id)):
        if not value:
            raise InvalidInput(f"« {key} » n'est pas configuré : « vitrail config set {key} … », puis enregistrez "
                               "le secret avec « vitrail config set-secret oneroster ». Rien n'a été lu.")
    assert token_url is not None and client_id is not None
    base_url = check_url(rostering_url(server), "L'adresse du serveur OneRoster")
    check_url(token_url, "L'adresse du jeton OAuth (oneroster_token_url)")
    lookup = look_up_oneroster_secret(token_url, client_id)
    if lookup.password is None:
        why = {KeyringState.LOCKED: "le trousseau est verrouillé : ouvrez votre session de bureau",
               KeyringState.UNAVAILABLE: "aucun trousseau n'est disponible sur ce poste"}.get(
                   lookup.state, "aucun secret n'est enregistré pour cet identifiant client")
        raise InvalidInput(f"Secret OneRoster introuvable ({why}) : enregistrez-le avec « vitrail config set-secret "
                           "oneroster ». Rien n'a été lu.")
    return RestSettings(base_url, token_url, client_id, lookup.password,
                        ca_bundle=config.get("oneroster_ca_bundle") or None, **overrides)
