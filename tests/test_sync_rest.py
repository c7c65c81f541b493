"""``vitrail sync oneroster``: the board read from a real OneRoster 1.2 REST server on loopback.

The server (``support.oneroster_server``) serves the demo board's own OneRoster export as JSON
pages, behind an OAuth 2 token endpoint. A sync into an empty database gives the same board as the
CSV import; syncing again changes nothing; a delta run touches only what changed. A server that is
busy is waited for (``Retry-After``, capped), one that is too slow, failing or answering garbage
stops the run with a French message naming the URL, and nothing is written.
"""

from __future__ import annotations

import io
import json
import shutil
import ssl
import subprocess
import sys

import pytest

from desktop.services.errors import InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.sync import Action, Kind
from desktop.services.sync.rest import OneRosterUnavailable, RestSettings, SyncCancelled, check_url, rostering_url

from support.cli import main
from support.oneroster import Export, table_counts
from support.oneroster_server import BASE, CLIENT_ID, CLIENT_SECRET, TOKEN, TOKEN_PATH, Fault, serving
from test_sync_roundtrip import QUERIES, _rows

PAGE = 100  # small pages: the demo board's 380-odd users take four


@pytest.fixture
def export(demo_db, tmp_path) -> Export:
    return Export.of(demo_db, tmp_path / "export")


@pytest.fixture
def server(export):
    with serving(export.folder) as running:
        yield running


def settings_for(server, **options) -> RestSettings:
    values = {"page_size": PAGE, "timeout": 5.0} | options
    return RestSettings(rostering_url(server.url), server.url + TOKEN_PATH, CLIENT_ID,
                        options.pop("client_secret", CLIENT_SECRET), **{k: v for k, v in values.items()
                                                                         if k != "client_secret"})


class Waits(list):
    """The waits the client asked for, recorded instead of slept (a test never sleeps)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def _sync(database, server, waits=None, **options):
    delta = options.pop("delta", False)
    return Vitrail(database).sync.plan_oneroster_rest(settings_for(server, **options), delta=delta,
                                                      sleep=waits if waits is not None else Waits())


# --- the same board as the CSV import -------------------------------------------------------------

def test_a_rest_sync_into_an_empty_database_gives_the_same_board_as_the_csv_import(demo_db, any_db, server):
    plan = _sync(any_db, server)
    assert plan.problems == () and plan.conflicts == ()
    assert plan.source_kind == "oneroster-rest" and plan.source.startswith(server.url + BASE)
    result = Vitrail(any_db).sync.apply(plan).value
    assert result.run_id is not None and plan.counts[Kind.STUDENT].added == 240
    for name, query in QUERIES.items():
        assert _rows(any_db, query) == _rows(demo_db, query), name

    token_requests = [r for r in server.requests if r[0] == "POST"]
    assert len(token_requests) == 1 and token_requests[0][2]["grant_type"] == ["client_credentials"]
    assert "roster-core.readonly" in token_requests[0][2]["scope"][0]
    assert all(auth == f"Bearer {TOKEN}" for method, _, _, auth in server.requests if method == "GET")
    users = len(server.collections["users"])
    assert [q["offset"] for q in server.data_requests("users")] == [[str(o)] for o in range(0, users, PAGE)]


def test_syncing_again_changes_nothing(any_db, server):
    vitrail = Vitrail(any_db)
    vitrail.sync.apply(_sync(any_db, server))
    counts = table_counts(any_db)
    again = _sync(any_db, server)
    assert not again.has_changes and again.problems == ()
    assert vitrail.sync.apply(again).value.run_id is None
    assert table_counts(any_db) == counts


def test_a_delta_run_touches_only_what_changed(any_db, server):
    vitrail = Vitrail(any_db)
    vitrail.sync.apply(_sync(any_db, server))
    assert vitrail.sync.last_rest_sync(rostering_url(server.url)).isoformat() == "2026-11-23T14:30:00+00:00"
    guardian = next(u for u in server.collections["users"] if u["sourcedId"].startswith("vitrail-guardian-"))
    server.touch("users", guardian["sourcedId"], "2026-11-24T08:00:00Z", email="nouvelle.adresse@exemple.ca")
    gone = next(u for u in server.collections["users"] if u["sourcedId"].startswith("vitrail-student-"))
    server.collections["users"].remove(gone)  # absent from a delta: not "left"
    homerooms = {c["sourcedId"]: c for c in server.collections["classes"] if c["classType"] == "homeroom"}
    moved, new_group = next((e, other) for e in server.collections["enrollments"]
                            if e["role"] == "student" and e["class"]["sourcedId"] in homerooms
                            and e["user"]["sourcedId"] != gone["sourcedId"]
                            for other in homerooms.values()
                            if other["school"] == homerooms[e["class"]["sourcedId"]]["school"]
                            and other is not homerooms[e["class"]["sourcedId"]])
    server.touch("enrollments", moved["sourcedId"], "2026-11-24T08:00:00Z",
                 **{"class": {"sourcedId": new_group["sourcedId"], "type": "class"}})

    plan = vitrail.sync.plan_oneroster_rest(settings_for(server), sleep=Waits())  # delta: there was a sync
    assert plan.errors == []
    assert server.data_requests("users")[-1]["filter"] == ["dateLastModified>'2026-11-23T14:25:00Z'"]
    assert "filter" not in server.data_requests("orgs")[-1]
    changed = sorted((c.kind, c.action, c.key, tuple((f.field, f.after) for f in c.fields))
                     for c in plan.changes if c.action != Action.LINK)
    assert changed == sorted([
        (Kind.GUARDIAN, Action.CHANGE, guardian["sourcedId"], (("email", "nouvelle.adresse@exemple.ca"),)),
        (Kind.STUDENT, Action.CHANGE, moved["user"]["sourcedId"],
         (("group_id", f"groupe {new_group['classCode']} (2026-2027)"),)),
    ])
    assert plan.notes[0].startswith("Synchronisation partielle")
    vitrail.sync.apply(plan)
    assert _rows(any_db, f"SELECT active FROM student WHERE sourced_id = '{gone['sourcedId']}'") == [("1",)]


def test_a_parent_added_in_a_delta_is_linked_to_the_child_it_names(empty_db, server):
    vitrail = Vitrail(empty_db)
    vitrail.sync.apply(_sync(empty_db, server))
    child = next(u for u in server.collections["users"] if u["sourcedId"].startswith("vitrail-student-"))
    server.collections["users"].append({
        "sourcedId": "sis-parent-9001", "status": "active", "dateLastModified": "2026-11-24T08:00:00Z",
        "givenName": "Line", "familyName": "Nouvelle", "email": "line.nouvelle@exemple.ca", "username": "",
        "identifier": "", "sms": "", "phone": "",
        "roles": [{"roleType": "primary", "role": "parent", "org": child["primaryOrg"]}],
        "agents": [{"sourcedId": child["sourcedId"], "type": "user"}]})
    plan = vitrail.sync.plan_oneroster_rest(settings_for(server), delta=True, sleep=Waits())
    assert plan.errors == []
    added = sorted((c.kind, c.label) for c in plan.changes if c.action == Action.ADD)
    assert added == [(Kind.GUARDIAN, "Nouvelle, Line"),
                     (Kind.LINK, f"{child['familyName']}, {child['givenName']} (fiche {child['identifier']}) : "
                                 "Nouvelle, Line")]
    assert {c.action for c in plan.changes} == {Action.ADD}
    assert [path for method, path, _, _ in server.requests if path.endswith(child["sourcedId"])] == \
        [f"{BASE}/users/{child['sourcedId']}"]


def test_a_delta_needs_a_first_full_sync(empty_db, server):
    with pytest.raises(InvalidInput, match="synchronisation complète"):
        _sync(empty_db, server, delta=True)


# --- paging -------------------------------------------------------------------------------------

def test_without_paging_headers_a_short_page_is_the_last(empty_db, export):
    with serving(export.folder, link_header=False, total_header=False) as server:
        plan = _sync(empty_db, server)
    users = len(server.collections["users"])
    assert len(server.data_requests("users")) == users // PAGE + 1
    assert plan.problems == () and plan.counts[Kind.STUDENT].added == 240


def test_a_server_that_gives_fewer_than_asked_is_read_to_its_total(empty_db, server):
    server.max_limit = 30
    plan = _sync(empty_db, server)
    assert plan.problems == () and plan.counts[Kind.STUDENT].added == 240
    assert len(server.data_requests("users")) > len(server.collections["users"]) // PAGE + 1


# --- a busy, slow, failing or confused server -----------------------------------------------------

def test_429_and_500_are_retried_after_the_wait_the_server_asks_for(empty_db, server):
    server.fail("users", 100, Fault(429, {"Retry-After": "7"}), Fault(500))
    server.fail("orgs", 0, Fault(503, {"Retry-After": "3600"}))
    waits = Waits()
    plan = _sync(empty_db, server, waits)
    assert waits == [60.0, 7.0, 2.0]  # Retry-After capped at a minute; no Retry-After: a growing wait
    assert plan.problems == () and plan.counts[Kind.STUDENT].added == 240


def test_a_server_that_keeps_failing_stops_the_run_and_nothing_is_written(empty_db, server):
    before = table_counts(empty_db)
    server.fail("enrollments", 0, *[Fault(500)] * 5)
    waits = Waits()
    with pytest.raises(OneRosterUnavailable) as failure:
        _sync(empty_db, server, waits)
    message = str(failure.value)
    assert "HTTP 500" in message and f"{server.url}{BASE}/enrollments?limit=100&offset=0" in message
    assert "après 5 essais" in message and "Rien n'a été importé" in message
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert table_counts(empty_db) == before


def test_a_page_that_does_not_come_stops_the_run_at_the_timeout(empty_db, server):
    before = table_counts(empty_db)
    server.fail("users", 200, Fault(hang=True))
    with pytest.raises(OneRosterUnavailable) as failure:
        _sync(empty_db, server, timeout=0.3)
    assert "n'a pas répondu en 0.3 s" in str(failure.value)
    assert f"{BASE}/users?limit=100&offset=200" in str(failure.value)
    assert table_counts(empty_db) == before


@pytest.mark.parametrize(("body", "what"), [
    (b'{"enrollments": [{"sourcedId": ', "pas du JSON lisible"),
    (b'{"items": []}', "la liste « enrollments »"),
    (b'{"enrollments": ["a", "b"]}', "autre chose que des objets"),
])
def test_a_garbled_page_stops_the_run_with_its_url_and_status(empty_db, server, body, what):
    before = table_counts(empty_db)
    server.fail("enrollments", 100, Fault(200, body=body))
    with pytest.raises(OneRosterUnavailable) as failure:
        _sync(empty_db, server)
    message = str(failure.value)
    assert f"{BASE}/enrollments?limit=100&offset=100 (HTTP 200)" in message and what in message
    assert table_counts(empty_db) == before


def test_wrong_client_credentials_say_what_to_check(empty_db, server):
    with pytest.raises(OneRosterUnavailable, match="set-secret oneroster") as failure:
        _sync(empty_db, server, client_secret="mauvais")
    assert "HTTP 401" in str(failure.value) and "mauvais" not in str(failure.value)


def test_a_record_that_cannot_be_read_is_a_problem_naming_endpoint_page_and_field(empty_db, server):
    student = next(u for u in server.collections["users"] if u["sourcedId"].startswith("vitrail-student-"))
    position = server.collections["users"].index(student)
    student["roles"][0]["role"] = "studnet"
    demographic = server.collections["demographics"][3]
    demographic["birthDate"] = "03/04/2012"
    plan = _sync(empty_db, server)
    assert not plan.can_apply
    texts = [p.text() for p in plan.errors]
    assert (f"[erreur] {BASE}/users (page {position // PAGE + 1}), ligne {position % PAGE + 1}, champ « roles.role » "
            f": valeur « studnet » inconnue") in texts[0] and "Vouliez-vous dire « student » ?" in texts[0]
    assert any(f"{BASE}/demographics (page 1), ligne 4, champ « birthDate »" in t and "ambiguë" in t for t in texts)


def test_cancelling_stops_between_pages(empty_db, server):
    seen = []
    with pytest.raises(SyncCancelled):
        Vitrail(empty_db).sync.plan_oneroster_rest(settings_for(server), progress=seen.append,
                                                  should_stop=lambda: len(seen) >= 2)
    assert [p.label for p in seen] == ["Lecture des organisations (page 1)", "Lecture des sessions (page 1)"]


def test_tokens_and_data_never_travel_in_clear_to_another_computer():
    with pytest.raises(InvalidInput, match="https://"):
        check_url("http://sis.css-exemple.qc.ca/ims/oneroster/rostering/v1p2", "L'adresse du serveur OneRoster")
    assert check_url("http://127.0.0.1:8080/x", "x") == "http://127.0.0.1:8080/x"
    assert rostering_url("https://sis.example/") == "https://sis.example" + BASE
    assert rostering_url("https://sis.example" + BASE) == "https://sis.example" + BASE


# --- TLS ---------------------------------------------------------------------------------------

def _board_ca(folder) -> tuple[str, ssl.SSLContext]:
    """A certificate authority of the board's own and a server certificate for 127.0.0.1 signed by it."""
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=CA du centre de services (test)")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj",
            "/CN=127.0.0.1")
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
            "server.pem", "-days", "2", "-extfile", "ext.cnf")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "server.pem", folder / "server.key")
    return str(folder / "ca.pem"), context


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl absent : pas de certificats de test")
def test_tls_is_verified_against_the_boards_own_ca_bundle(empty_db, export, tmp_path):
    ca_bundle, context = _board_ca(tmp_path)
    with serving(export.folder, tls=context) as server:
        with pytest.raises(OneRosterUnavailable, match="oneroster_ca_bundle") as failure:
            _sync(empty_db, server)
        assert "certificat TLS" in str(failure.value)
        plan = _sync(empty_db, server, ca_bundle=ca_bundle)
    assert plan.problems == () and plan.counts[Kind.STUDENT].added == 240
    with pytest.raises(InvalidInput, match="introuvable"):
        _sync(empty_db, server, ca_bundle=str(tmp_path / "absent.pem"))


# --- the command line ---------------------------------------------------------------------------

def test_the_command_reads_the_configured_server_with_the_secret_from_the_keyring(empty_db, server, monkeypatch,
                                                                                  capsys):
    db = ["--db", str(empty_db.url)]
    assert main(["config", "set", "server_url", server.url]) == 0
    assert main(["config", "set", "oneroster_token_url", server.url + TOKEN_PATH]) == 0
    assert main(["config", "set", "oneroster_client_id", CLIENT_ID]) == 0
    assert main([*db, "sync", "oneroster", "--yes"]) == 2
    assert "vitrail config set-secret oneroster" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(CLIENT_SECRET + "\n"))
    assert main(["config", "set-secret", "oneroster", "--stdin"]) == 0
    shown = capsys.readouterr().out
    assert "Secret enregistré dans le trousseau" in shown and CLIENT_SECRET not in shown
    assert main(["config", "show", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["secret_oneroster"] == "dans le trousseau"

    assert main([*db, "sync", "oneroster", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Importation OneRoster 1.2 (REST) depuis « {server.url}{BASE}#lecture=2026-11-23T14:30:00Z »" in out
    assert "Élèves : 240 ajout(s)" in out
    assert main([*db, "sync", "oneroster", "--yes", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["result"]
    assert result["run_id"] is not None and result["counts"]["student"]["added"] == 240
    assert main([*db, "sync", "oneroster", "--yes"]) == 0  # a delta now: nothing changed since
    captured = capsys.readouterr()
    assert "Synchronisation partielle" in captured.out and "Rien à changer" in captured.out
    assert main([*db, "sync", "oneroster", "--full", "--yes"]) == 0
    assert "Rien à changer" in capsys.readouterr().out


def test_a_server_that_cannot_be_reached_is_a_french_message_not_a_traceback(empty_db, monkeypatch, capsys):
    assert main(["config", "set", "oneroster_url", "http://127.0.0.1:9"]) == 0
    assert main(["config", "set", "oneroster_token_url", "http://127.0.0.1:9/oauth/token"]) == 0
    assert main(["config", "set", "oneroster_client_id", CLIENT_ID]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n"))
    assert main(["config", "set-secret", "oneroster", "--stdin"]) == 0
    capsys.readouterr()
    assert main(["--db", str(empty_db.url), "sync", "oneroster", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "injoignable" in err and "Traceback" not in err
