"""Connecting to the shared database: each cause has its own French message and fix (issue 13, item 11).

Real failures from real servers: a private PostgreSQL started by the tests with password
authentication and TLS (``support.pg_cluster``: the shared test server trusts everyone, so it can
never refuse a password), and the shared server with logins and schemas the tests create and drop.
"""

from __future__ import annotations

import gettext
import uuid
from pathlib import Path

import keyring
import psycopg
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from desktop.services.credentials import open_with_keyring, store_database_password
from desktop.services.database_errors import ConnectionProblem, DatabaseProblem, classify_connection_error
from desktop.services.logs import log_file
from desktop.services.storage import open_database

from conftest import PG_URL, MemoryKeyring
from support.cli import main
from support.pg_cluster import PASSWORD, REFUSED, TLS_ONLY, TLS_PASSWORD

WRONG = "Mauvais-mot-99"


@pytest.fixture
def cluster(password_server):
    return password_server


def _problem(url: str) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        open_with_keyring(url)
    message = str(caught.value)
    for secret in (PASSWORD, TLS_PASSWORD, WRONG):
        assert secret not in message
    return caught.value


def test_no_password_anywhere_says_to_store_one(cluster):
    problem = _problem(cluster.url("secretariat", "vitrail"))
    assert problem.problem is ConnectionProblem.NO_PASSWORD and problem.password_may_help
    assert "aucun n'est enregistré" in str(problem) and "vitrail config set-password" in str(problem)
    assert "« secretariat »" in str(problem)


def test_a_wrong_password_in_the_keyring_is_named_as_such(cluster):
    url = cluster.url("secretariat", "vitrail")
    store_database_password(url, WRONG)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.WRONG_PASSWORD and problem.password_may_help
    assert "refuse le mot de passe du compte « secretariat » enregistré dans le trousseau" in str(problem)


def test_the_right_password_from_the_keyring_opens_and_creates_the_schema(cluster):
    url = cluster.url("secretariat", "vitrail")
    store_database_password(url, PASSWORD)
    database = open_with_keyring(url)
    try:
        assert "nip" in inspect(database.engine).get_table_names()
        assert PASSWORD not in database.display_name()
    finally:
        database.close()


def test_a_locked_keyring_is_told_apart_from_a_missing_password(cluster):
    class LockedKeyring(MemoryKeyring):
        def get_password(self, service, username):
            raise KeyringLocked("verrouillé")

    keyring.set_keyring(LockedKeyring())
    problem = _problem(cluster.url("secretariat", "vitrail"))
    assert problem.problem is ConnectionProblem.KEYRING_LOCKED
    assert "trousseau de mots de passe de ce poste est verrouillé" in str(problem)


def test_no_keyring_at_all_says_so(cluster):
    keyring.set_keyring(fail.Keyring())
    problem = _problem(cluster.url("secretariat", "vitrail"))
    assert problem.problem is ConnectionProblem.KEYRING_UNAVAILABLE
    assert "aucun trousseau" in str(problem) and "fail.Keyring" in str(problem) and ".pgpass" in str(problem)


def test_a_server_requiring_tls_says_so(cluster):
    url = cluster.url(TLS_ONLY, "postgres", "sslmode=disable")
    store_database_password(url, TLS_PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.TLS_REQUIRED
    assert "exige une connexion chiffrée (TLS)" in str(problem) and "sslmode=disable" in str(problem)


def test_a_certificate_that_cannot_be_checked_is_a_tls_failure(cluster):
    url = cluster.url("secretariat", "vitrail", f"sslmode=verify-full&sslrootcert={cluster.folder / 'absent.crt'}")
    store_database_password(url, PASSWORD)
    assert _problem(url).problem is ConnectionProblem.TLS_FAILED


def test_a_workstation_refused_by_the_servers_rules_is_told_to_call_it(cluster):
    url = cluster.url(REFUSED, "vitrail")
    store_database_password(url, PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.HOST_NOT_ALLOWED
    assert "pg_hba.conf" in str(problem) and "soutien informatique" in str(problem)


def test_an_account_that_may_not_log_in_is_named(cluster):
    url = cluster.url("sans_login", "vitrail")
    store_database_password(url, PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.UNKNOWN_ACCOUNT and "« sans_login »" in str(problem)


def test_a_database_that_does_not_exist_is_named(cluster):
    url = cluster.url("secretariat", "absente")
    store_database_password(url, PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.NO_DATABASE
    assert "La base « absente » n'existe pas" in str(problem)


def test_no_right_to_connect_is_missing_rights(cluster):
    url = cluster.url("lecteur", "fermee")
    store_database_password(url, PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.NO_RIGHTS and "droits" in str(problem)


def test_a_login_without_create_is_told_it_lacks_rights_not_that_the_file_is_damaged(cluster):
    """PostgreSQL 15 gives only the owner CREATE on ``public``: ``lecteur`` cannot make the tables."""
    cluster.run("CREATE DATABASE vide OWNER secretariat")
    url = cluster.url("lecteur", "vide")
    store_database_password(url, PASSWORD)
    problem = _problem(url)
    assert problem.problem is ConnectionProblem.NO_RIGHTS
    assert "n'a pas les droits nécessaires" in str(problem) and "endommagé" not in str(problem)
    assert "Rien n'a été modifié" in str(problem)


def test_a_server_that_is_down_is_told_apart(cluster):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    problem = _problem(f"postgresql://secretariat@127.0.0.1:{port}/vitrail?connect_timeout=3")
    assert problem.problem is ConnectionProblem.SERVER_UNREACHABLE
    assert f"127.0.0.1:{port}" in str(problem) and "ne répond pas" in str(problem)
    problem = _problem("postgresql://secretariat@serveur-absent.invalid/vitrail?connect_timeout=3")
    assert problem.problem is ConnectionProblem.SERVER_UNREACHABLE


def test_the_command_line_gives_the_cause_with_exit_code_2_and_no_traceback(cluster, capsys):
    assert main(["--db", cluster.url("secretariat", "vitrail"), "nip", "revoke", "--student", "1",
                 "--guardian", "1"]) == 2
    error = capsys.readouterr().err
    assert "vitrail config set-password" in error and "Traceback" not in error
    store_database_password(cluster.url("secretariat", "vitrail"), WRONG)
    assert main(["--db", cluster.url("secretariat", "vitrail"), "nip", "revoke", "--student", "1",
                 "--guardian", "1"]) == 2
    error = capsys.readouterr().err
    assert "refuse le mot de passe" in error and WRONG not in error
    assert WRONG not in log_file().read_text(encoding="utf-8")


# -- the shared test server (trust authentication): logins and schemas made for the test ----------

pg_only = pytest.mark.skipif(not PG_URL, reason="VITRAIL_TEST_PG_URL non défini")


def _admin(statement: str) -> None:
    engine = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pg_only
def test_on_the_shared_server_a_login_without_create_on_the_schema_lacks_rights():
    name = f"t_{uuid.uuid4().hex[:10]}"
    _admin(f"CREATE ROLE {name} LOGIN")
    _admin(f"CREATE SCHEMA {name}")
    _admin(f"GRANT USAGE ON SCHEMA {name} TO {name}")
    try:
        url = make_url(PG_URL).set(username=name, query={"options": f"-csearch_path={name}"})
        with pytest.raises(DatabaseProblem) as caught:
            open_database(url.render_as_string(hide_password=False))
        assert caught.value.problem is ConnectionProblem.NO_RIGHTS
        assert f"Le compte « {name} » n'a pas les droits nécessaires" in str(caught.value)
        assert "endommagé" not in str(caught.value)
    finally:
        _admin(f"DROP SCHEMA {name} CASCADE")
        _admin(f"DROP ROLE {name}")


@pg_only
def test_on_the_shared_server_an_unknown_login_and_database_are_named():
    url = make_url(PG_URL)
    with pytest.raises(DatabaseProblem) as caught:
        open_database(url.set(username=f"inconnu_{uuid.uuid4().hex[:8]}").render_as_string(hide_password=False))
    assert caught.value.problem is ConnectionProblem.UNKNOWN_ACCOUNT
    with pytest.raises(DatabaseProblem) as caught:
        open_database(url.set(database=f"absente_{uuid.uuid4().hex[:8]}").render_as_string(hide_password=False))
    assert caught.value.problem is ConnectionProblem.NO_DATABASE


@pg_only
def test_on_the_shared_server_tls_demanded_by_the_url_but_not_offered_fails_clearly():
    url = make_url(PG_URL).update_query_dict({"sslmode": "require"})
    with pytest.raises(DatabaseProblem) as caught:
        open_database(url.render_as_string(hide_password=False))
    assert caught.value.problem is ConnectionProblem.TLS_FAILED


# -- a server that answers in French -----------------------------------------------------------------

CATALOGS = Path("/usr/share/locale/fr/LC_MESSAGES")
FRENCH = [
    ("postgres-15.mo", 'password authentication failed for user "%s"', ("secretariat",),
     ConnectionProblem.WRONG_PASSWORD),
    ("postgres-15.mo", 'database "%s" does not exist', ("absente",), ConnectionProblem.NO_DATABASE),
    ("postgres-15.mo", 'role "%s" does not exist', ("inconnu",), ConnectionProblem.UNKNOWN_ACCOUNT),
    ("postgres-15.mo", 'role "%s" is not permitted to log in', ("sans_login",), ConnectionProblem.UNKNOWN_ACCOUNT),
    ("postgres-15.mo", 'permission denied for database "%s"', ("vitrail",), ConnectionProblem.NO_RIGHTS),
    ("postgres-15.mo", "permission denied for schema %s", ("public",), ConnectionProblem.NO_RIGHTS),
    ("postgres-15.mo", 'no pg_hba.conf entry for host "%s", user "%s", database "%s", %s',
     ("10.0.0.7", "secretariat", "vitrail", "no encryption"), ConnectionProblem.TLS_REQUIRED),
    ("postgres-15.mo", 'pg_hba.conf rejects connection for host "%s", user "%s", database "%s", %s',
     ("10.0.0.7", "secretariat", "vitrail", "SSL encryption"), ConnectionProblem.HOST_NOT_ALLOWED),
    ("postgres-15.mo", "sorry, too many clients already", (), ConnectionProblem.SERVER_BUSY),
    ("postgres-15.mo", "the database system is starting up", (), ConnectionProblem.SERVER_BUSY),
    ("postgres-15.mo", "the database system is shutting down", (), ConnectionProblem.SERVER_BUSY),
    ("libpq5-15.mo", "server does not support SSL, but SSL was required\n", (), ConnectionProblem.TLS_FAILED),
    ("libpq5-15.mo", 'could not translate host name "%s" to address: %s\n', ("db.css.local", "inconnu"),
     ConnectionProblem.SERVER_UNREACHABLE),
    ("libpq5-15.mo", "timeout expired\n", (), ConnectionProblem.SERVER_UNREACHABLE),
]


@pytest.mark.parametrize(("catalog", "english", "values", "expected"), FRENCH,
                         ids=[english[:40] for _, english, _, _ in FRENCH])
def test_a_server_answering_in_french_is_understood(catalog, english, values, expected):
    """The server's own French wording, from PostgreSQL's translation catalogs, as libpq reports it."""
    path = CATALOGS / catalog
    if not path.exists():
        pytest.skip(f"catalogue de traduction absent : {path}")
    with path.open("rb") as handle:
        french = gettext.GNUTranslations(handle).gettext(english)
    if values and "no encryption" in values:
        with (CATALOGS / "postgres-15.mo").open("rb") as handle:
            values = (*values[:3], gettext.GNUTranslations(handle).gettext("no encryption"))
    assert french != english, "message non traduit dans ce catalogue"
    reason = french % values if values else french
    text_ = f"la connexion au serveur sur « db.css.local » (10.0.0.7), port 5432 a échoué : FATAL:  {reason}"
    assert classify_connection_error(psycopg.OperationalError(text_)) is expected
