"""PostgreSQL enforces Vitrail's roles (access.md §3): tried with plain SQL, as an adversary would.

Runs on the real PostgreSQL of VITRAIL_TEST_PG_URL (skipped, with the reason printed, without it).
The module creates its own database and LOGIN roles with unique names; the group roles
(``vitrail_owner``, ``vitrail_secretariat``…) are cluster-wide, so teardown drops what it
created and leaves a group role in place only while another database still uses it.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import psycopg
import pytest
from psycopg import errors, sql
from sqlalchemy import text

from desktop.cli import main
from desktop.migrations import SCHEMA_HEAD
from desktop.paths import resource
from desktop.services import db_roles
from desktop.services.accounts.nips import NipRequest
from desktop.services.audit import Actor
from desktop.services.clock import FixedClock
from desktop.services.demo import generate_demo
from desktop.services.errors import AccessDenied, DatabaseUnavailable, NotFound
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit

from conftest import NOW, PG_URL, TODAY

if not PG_URL:
    print("VITRAIL_TEST_PG_URL non défini : tests des rôles PostgreSQL (test_db_roles) non exécutés.")

ACTOR = Actor("poste", "POSTE-TEST-02")


def _root(statement: str | sql.Composed, dbname: str | None = None) -> None:
    info = psycopg.conninfo.make_conninfo(PG_URL, **({"dbname": dbname} if dbname else {}))
    with psycopg.connect(info, autocommit=True) as connection:
        connection.execute(statement)


class Cluster:
    """The test's database and logins: ``admin`` (CREATEROLE, owns the database) and the staff."""

    def __init__(self) -> None:
        suffix = uuid.uuid4().hex[:8]
        self.dbname = f"vitrail_roles_{suffix}"
        self.admin = f"it_admin_{suffix}"
        self.secretary = f"secretaire.{suffix}"
        self.principal_b = f"direction.b.{suffix}"
        self.board_admin = f"dg.{suffix}"
        self.technician = f"technicien.{suffix}"
        self.logins = [self.admin, self.secretary, self.principal_b, self.board_admin, self.technician]

    def url(self, login: str) -> str:
        base = PG_URL.rsplit("/", 1)[0].split("://", 1)[1]
        host = base.split("@")[-1]
        return f"postgresql://{login.replace('.', '%2E')}@{host}/{self.dbname}"

    def conninfo(self, login: str) -> str:
        return psycopg.conninfo.make_conninfo(PG_URL, user=login, dbname=self.dbname)

    def open(self, login: str) -> Vitrail:
        return Vitrail(open_database(self.url(login), actor=ACTOR, clock=FixedClock(NOW)))


@pytest.fixture(scope="module")
def cluster():
    if not PG_URL:
        pytest.skip("VITRAIL_TEST_PG_URL non défini")
    setup = Cluster()
    _root(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(setup.admin)))
    _root(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(setup.dbname), sql.Identifier(setup.admin)))
    try:
        admin = open_database(setup.url(setup.admin), actor=ACTOR, clock=FixedClock(NOW))
        generate_demo(admin, students=60, seed=3, today=TODAY)
        admin.close()
        yield setup
    finally:
        _root(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(setup.dbname)))
        for login in setup.logins:
            _drop_role(login)
        for group in (*db_roles.GROUP_ROLES.values(), db_roles.OWNER_ROLE):
            _drop_role(group)  # kept if another database of the cluster still uses it


def _drop_role(name: str) -> None:
    try:
        _root(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:  # another database still holds objects or rights of this group role
        print(f"rôle {name} conservé : {exc}")


@pytest.fixture(scope="module")
def roles(cluster):
    """init-roles run by IT's admin login, then a secretary of school A, a principal of school B and a
    board administrator granted by the first board administrator (not a superuser)."""
    assert main(["--db", cluster.url(cluster.admin), "db", "init-roles"], clock=FixedClock(NOW)) == 0
    with psycopg.connect(cluster.conninfo(cluster.admin)) as connection:
        schools = connection.execute("SELECT id, code FROM school ORDER BY code").fetchall()
        assert len(schools) >= 2, "the demo board has several schools"
    school_a, school_b = schools[0][0], schools[1][0]
    admin = cluster.open(cluster.admin)
    with admin.database.engine.begin() as connection:
        for login, role, school in ((cluster.secretary, "secretariat", school_a),
                                    (cluster.principal_b, "direction", school_b),
                                    (cluster.board_admin, "board_admin", None),
                                    (cluster.technician, "it", None)):
            connection.execute(text("INSERT INTO access_grant (login, role, school_id, granted_at, granted_by) "
                                    "VALUES (:l, :r, :s, :at, session_user)"),
                               {"l": login, "r": role, "s": school, "at": NOW})
            db_roles.apply_grant_to_database(connection, login, role, create_login=True)
    admin.close()
    return {"a": school_a, "b": school_b}


def _one(login_info: str, query: str, *params: object) -> object:
    with psycopg.connect(login_info) as connection:
        return connection.execute(query, params).fetchone()[0]


def test_init_roles_is_idempotent_and_makes_the_first_board_admin(cluster, roles, capsys):
    assert main(["--db", cluster.url(cluster.admin), "db", "init-roles"], clock=FixedClock(NOW)) == 0
    assert "était déjà administrateur" in capsys.readouterr().out
    with psycopg.connect(cluster.conninfo(cluster.admin)) as connection:
        assert connection.execute("SELECT count(*) FROM access_grant WHERE login = session_user "
                                  "AND role = 'board_admin'").fetchone()[0] == 1
        owners = {row[0] for row in connection.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {"vitrail_owner"}
    admin = cluster.open(cluster.admin)
    try:
        with admin.database.engine.connect() as connection:
            assert db_roles.group_roles_of(connection, cluster.admin) == ["board_admin"]
    finally:
        admin.close()


def test_a_secretary_counts_only_the_students_of_her_school_with_plain_sql(cluster, roles):
    everyone = _one(cluster.conninfo(cluster.admin), "SELECT count(*) FROM student")
    in_a = _one(cluster.conninfo(cluster.admin), "SELECT count(*) FROM student WHERE school_id = %s", roles["a"])
    assert 0 < in_a < everyone
    secretary = cluster.conninfo(cluster.secretary)
    assert _one(secretary, "SELECT count(*) FROM student") == in_a
    assert _one(secretary, "SELECT count(*) FROM student WHERE school_id <> %s", roles["a"]) == 0
    # …and their guardians, links, results and NIPs only
    assert _one(secretary, "SELECT count(*) FROM result r JOIN student s ON s.id = r.student_id "
                           "WHERE s.school_id <> %s", roles["a"]) == 0
    assert _one(secretary, "SELECT count(*) FROM result") == _one(
        cluster.conninfo(cluster.admin),
        "SELECT count(*) FROM result r JOIN student s ON s.id = r.student_id WHERE s.school_id = %s", roles["a"])
    guardians_a = _one(cluster.conninfo(cluster.admin),
                       "SELECT count(DISTINCT sg.guardian_id) FROM student_guardian sg JOIN student s "
                       "ON s.id = sg.student_id WHERE s.school_id = %s", roles["a"])
    assert _one(secretary, "SELECT count(*) FROM guardian") == guardians_a
    # the principal of school B sees none of school A; the board administrator sees the board
    assert _one(cluster.conninfo(cluster.principal_b), "SELECT count(*) FROM student WHERE school_id = %s",
                roles["a"]) == 0
    assert _one(cluster.conninfo(cluster.board_admin), "SELECT count(*) FROM student") == everyone


def _rows_read(conninfo: str, query: str, *params: object) -> dict[str, int]:
    """Rows the server read (returned or filtered out) per table to answer ``query``, from its plan.

    Sequential scans are discouraged first: on this 60-student board the server would scan the
    tiny tables whatever the policies say, where on a board of 100,000 students it reads by key.
    """
    with psycopg.connect(conninfo) as connection:
        connection.execute("SET enable_seqscan = off")
        plan = connection.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query, params).fetchone()[0][0]["Plan"]
    read: dict[str, int] = {}

    def walk(node: dict) -> None:
        if "Relation Name" in node:
            rows = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
            read[node["Relation Name"]] = read.get(node["Relation Name"], 0) + rows
        for child in node.get("Plans", ()):
            walk(child)

    walk(plan)
    return read


def test_a_board_administrators_reads_of_one_student_read_no_other_student(cluster, roles):
    """A student's file or preview as a board administrator reads that student's rows, as without row
    security: with ``student_id IN (SELECT id FROM student)`` policies the server read every student
    of the board first, for each table of the file (190 ms a file on a board of 100,000, 2 ms now).

    For a school-scoped login the server chooses by the tables' sizes between finding the student by
    key and reading the school's students once; on this 60-student board it reads them, on a board
    of 100,000 it finds them by key (``bench/``, README: « Through row-level security »)."""
    admin = cluster.conninfo(cluster.admin)
    student_id, guardian_id = _one(admin, "SELECT array[sg.student_id, sg.guardian_id] FROM student_guardian sg "
                                          "WHERE EXISTS (SELECT 1 FROM contact c WHERE c.student_id = sg.student_id) "
                                          "ORDER BY sg.id LIMIT 1")
    board_admin = cluster.conninfo(cluster.board_admin)
    for table, query, argument in (
            ("student_guardian", "SELECT guardian_id FROM student_guardian WHERE student_id = %s", student_id),
            ("contact", "SELECT name FROM contact WHERE student_id = %s", student_id),
            ("guardian", "SELECT email FROM guardian WHERE id = %s", guardian_id)):
        read = {name: rows for name, rows in _rows_read(board_admin, query, argument).items() if rows}
        assert read.keys() == {table} and read[table] <= 3, (query, read)  # its rows, nothing else of the board


@pytest.mark.parametrize("table", ["student", "guardian", "result", "nip", "audit_entry", "staff"])
def test_it_reads_no_personal_data(cluster, roles, table):
    with psycopg.connect(cluster.conninfo(cluster.technician)) as connection, \
            pytest.raises(errors.InsufficientPrivilege):
        connection.execute(f"SELECT count(*) FROM {table}")


def test_it_still_reads_the_schema_version(cluster, roles):
    assert _one(cluster.conninfo(cluster.technician), "SELECT version_num FROM alembic_version") == SCHEMA_HEAD


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entry SET after = 'rien' WHERE id = (SELECT max(id) FROM audit_entry)",
    "DELETE FROM audit_entry",
    "TRUNCATE audit_entry",
    "UPDATE settings_version SET comment = 'rien'",
    "INSERT INTO setting (scope, scope_id, key, value, version) VALUES ('board', 1, 'group_averages', 'true', 1)",
    "UPDATE guardian SET last_name = 'X'",
    "CREATE TABLE pirate (id int)",
])
def test_a_secretary_cannot_rewrite_the_log_or_change_settings_with_sql(cluster, roles, statement):
    with psycopg.connect(cluster.conninfo(cluster.secretary)) as connection, \
            pytest.raises(errors.InsufficientPrivilege):
        connection.execute(statement)


@pytest.mark.parametrize("login", ["board_admin", "admin"])
def test_not_even_a_board_administrator_or_the_owner_member_rewrites_the_log(cluster, roles, login):
    name = cluster.board_admin if login == "board_admin" else cluster.admin
    for statement in ("UPDATE audit_entry SET after = 'rien'", "DELETE FROM settings_version",
                      "TRUNCATE audit_entry"):
        with psycopg.connect(cluster.conninfo(name)) as connection, pytest.raises(errors.InsufficientPrivilege):
            if login == "admin":
                connection.execute("SET ROLE vitrail_owner")
            connection.execute(statement)


def test_a_principal_sets_her_own_school_only(cluster, roles):
    insert = "INSERT INTO setting (scope, scope_id, key, value, version) VALUES (%s, %s, 'group_averages', 'true', 1)"
    with psycopg.connect(cluster.conninfo(cluster.principal_b)) as connection:
        connection.execute(insert, ("school", roles["b"]))
        connection.execute("DELETE FROM setting WHERE scope = 'school' AND scope_id = %s", (roles["b"],))
    for scope, scope_id in (("school", roles["a"]), ("board", 1)):
        with psycopg.connect(cluster.conninfo(cluster.principal_b)) as connection, \
                pytest.raises(errors.InsufficientPrivilege):
            connection.execute(insert, (scope, scope_id))


def test_a_secretary_cannot_change_a_board_setting_through_vitrail(cluster, roles):
    vitrail = cluster.open(cluster.secretary)
    try:
        board = vitrail.directory.boards()[0]
        target = vitrail.settings.target("board", board.code)
        change = vitrail.settings.parse_assignment(target, "allowed_parent_tiles.finances=off")
        with pytest.raises(AccessDenied, match="demande le rôle Administration du centre de services"):
            vitrail.settings.save([change], "essai")
    finally:
        vitrail.close()
    assert _one(cluster.conninfo(cluster.admin), "SELECT count(*) FROM setting WHERE scope = 'board'") == 0


def test_a_secretary_issues_a_nip_in_her_school_and_nothing_outside_it(cluster, roles):
    """The NIP's one statement (links, revocation, NIP, audit) under her login and its row security:
    her school's guardian gets a NIP, audited under her name; another school's student does not
    exist for her (the server hides the row), and nothing is written."""
    admin = cluster.conninfo(cluster.admin)
    pairs = {school: _one(admin, "SELECT array[sg.student_id, sg.guardian_id] FROM student_guardian sg "
                                 "JOIN student s ON s.id = sg.student_id WHERE s.school_id = %s "
                                 "ORDER BY sg.id LIMIT 1", roles[school]) for school in ("a", "b")}
    nips_before = _one(admin, "SELECT count(*) FROM nip")
    vitrail = cluster.open(cluster.secretary)
    try:
        issued = vitrail.accounts.issue_nips([NipRequest(*pairs["a"])]).value
        with pytest.raises(NotFound, match="Aucun élève n'a l'identifiant"):  # row security: not hers to see
            vitrail.accounts.issue_nips([NipRequest(*pairs["b"])])
    finally:
        vitrail.close()
    assert [(nip.student_id, nip.guardian_id) for nip in issued] == [tuple(pairs["a"])]
    assert _one(admin, "SELECT count(*) FROM nip") == nips_before + 1
    assert _one(admin, "SELECT login FROM audit_entry WHERE action = 'nip_issued' ORDER BY id DESC LIMIT 1") \
        == cluster.secretary


def test_a_persons_kept_findings_are_hers_alone(cluster, roles):
    """The secretary's findings (her school's, computed under her login) are kept for her next
    opening; the principal of another school neither lists them nor reads the row with SQL."""
    secretary = cluster.open(cluster.secretary)
    try:
        hers = secretary.accounts.findings()
        assert secretary.accounts.stored_findings().findings == hers
    finally:
        secretary.close()
    principal = cluster.open(cluster.principal_b)
    try:
        assert principal.accounts.stored_findings() is None
    finally:
        principal.close()
    assert _one(cluster.conninfo(cluster.principal_b), "SELECT count(*) FROM findings_snapshot") == 0
    with psycopg.connect(cluster.conninfo(cluster.principal_b)) as connection:
        assert connection.execute("UPDATE findings_snapshot SET findings = ''").rowcount == 0  # hers is not seen
        with pytest.raises(errors.InsufficientPrivilege):  # nor written in her name
            connection.execute("INSERT INTO findings_snapshot VALUES (%s, now(), '')", (cluster.secretary,))


def _a_guardian_of_only(admin: str, school_id: int) -> int:
    return _one(admin, "SELECT sg.guardian_id FROM student_guardian sg JOIN student s ON s.id = sg.student_id "
                       "GROUP BY sg.guardian_id HAVING bool_and(s.school_id = %s) ORDER BY 1 LIMIT 1", school_id)


def test_a_fix_in_another_school_leaves_her_kept_list_current(cluster, roles):
    """Row security bounds the board stamp as it bounds her findings: a fix in school B, which she
    cannot see, changes nothing of hers, and her list stays current; a fix in her school, made on
    another workstation, makes it out of date."""
    admin = cluster.conninfo(cluster.admin)
    in_a, in_b = (_a_guardian_of_only(admin, roles[school]) for school in ("a", "b"))
    secretary = cluster.open(cluster.secretary)
    try:
        secretary.accounts.findings()
        assert secretary.accounts.stored_findings().current
    finally:
        secretary.close()
    for login, guardian_id, still_current in ((cluster.principal_b, in_b, True), (cluster.secretary, in_a, False)):
        elsewhere = cluster.open(login)
        try:
            version = _one(admin, "SELECT version FROM guardian WHERE id = %s", guardian_id)
            elsewhere.students.save_emails([EmailEdit(guardian_id, version, "corrige.ailleurs@exemple.ca")])
        finally:
            elsewhere.close()
        secretary = cluster.open(cluster.secretary)
        try:
            assert secretary.accounts.stored_findings().current is still_current
        finally:
            secretary.close()


def test_logname_changes_nothing_in_who_the_audit_names(cluster, roles, monkeypatch):
    for variable in ("LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(variable, "directrice.generale")
    vitrail = cluster.open(cluster.secretary)
    try:
        student = vitrail.students.listing()[0]
        guardian = vitrail.students.file(student.id).guardians[0]
        vitrail.students.save_emails([EmailEdit(guardian.guardian_id, guardian.version, "nouveau.courriel@exemple.ca")])
    finally:
        vitrail.close()
    with psycopg.connect(cluster.conninfo(cluster.admin)) as connection:
        login, os_user = connection.execute("SELECT login, os_user FROM audit_entry WHERE entity = 'guardian' "
                                            "AND field = 'email' ORDER BY id DESC LIMIT 1").fetchone()
    assert login == cluster.secretary
    assert os_user != "directrice.generale"


def test_a_client_cannot_choose_the_login_or_the_hash(cluster, roles):
    with psycopg.connect(cluster.conninfo(cluster.secretary)) as connection:
        row = connection.execute(
            "INSERT INTO audit_entry (at, os_user, workstation, action, entity, login, entry_hash) "
            "VALUES (%s, 'x', 'y', 'printed', 'student', 'directrice.generale', 'abc') "
            "RETURNING login, entry_hash", (datetime(2026, 11, 23, 10, 0),)).fetchone()
    assert row[0] == cluster.secretary and row[1] != "abc"


def test_a_forged_audit_entry_is_named_by_audit_verify(cluster, roles, capsys):
    url = cluster.url(cluster.admin)
    assert main(["--db", url, "audit", "verify"], clock=FixedClock(NOW)) == 0
    assert "intact" in capsys.readouterr().out
    # A superuser can still switch the locks off: the chain shows what was done.
    target = _one(cluster.conninfo(cluster.admin), "SELECT id FROM audit_entry ORDER BY id DESC OFFSET 1 LIMIT 1")
    _root("ALTER TABLE audit_entry DISABLE TRIGGER USER", cluster.dbname)
    try:
        _root(f"UPDATE audit_entry SET after = 'falsifié' WHERE id = {int(target)}", cluster.dbname)
    finally:
        _root("ALTER TABLE audit_entry ENABLE TRIGGER USER", cluster.dbname)
    assert main(["--db", url, "audit", "verify"], clock=FixedClock(NOW)) == 1
    out = capsys.readouterr().out
    assert "altéré" in out and f"Entrée n° {target} " in out and "modifiée après coup" in out


def test_an_older_schema_opened_by_a_workstation_login_is_left_to_it(cluster, roles, capsys):
    _root("UPDATE alembic_version SET version_num = '0003_access'", cluster.dbname)
    with pytest.raises(DatabaseUnavailable) as refused:
        open_database(cluster.url(cluster.secretary), actor=ACTOR, clock=FixedClock(NOW))
    assert "vitrail db upgrade" in str(refused.value) and "Rien n'a été modifié" in str(refused.value)
    assert _one(cluster.conninfo(cluster.admin), "SELECT version_num FROM alembic_version") == "0003_access"
    # IT upgrades it, as the owner: what it creates belongs to the owner, the locks are back.
    assert main(["--db", cluster.url(cluster.admin), "db", "upgrade"], clock=FixedClock(NOW)) == 0
    assert "à jour" in capsys.readouterr().out
    with psycopg.connect(cluster.conninfo(cluster.admin)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
        owner = connection.execute("SELECT pg_get_userbyid(proowner) FROM pg_proc "
                                   "WHERE proname = 'vitrail_audit_chain'").fetchone()[0]
    assert owner == "vitrail_owner"
    with psycopg.connect(cluster.conninfo(cluster.secretary)) as connection, \
            pytest.raises(errors.InsufficientPrivilege):
        connection.execute("DELETE FROM audit_entry")


def _groups(cluster: Cluster, login: str) -> set[str]:
    """The Vitrail group roles ``login`` is a member of, as the server says."""
    with psycopg.connect(cluster.conninfo(cluster.admin)) as connection:
        rows = connection.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s AND g.rolname LIKE 'vitrail%%'", (login,))
        return {row[0] for row in rows}


def test_access_grant_and_revoke_by_a_board_administrator_change_the_membership_too(cluster, roles, capsys):
    """« vitrail access grant » as the board administrator (not IT): the grant row and the server's
    role membership are written together; revoking the last grant of that role withdraws it."""
    db = ["--db", cluster.url(cluster.board_admin)]
    school_b = _one(cluster.conninfo(cluster.admin), "SELECT code FROM school WHERE id = %s", roles["b"])
    assert main([*db, "access", "grant", cluster.principal_b, "--role", "secretariat", "--school", school_b],
                clock=FixedClock(NOW)) == 0
    assert _groups(cluster, cluster.principal_b) == {"vitrail_direction", "vitrail_secretariat"}
    assert main([*db, "access", "revoke", cluster.principal_b, "--role", "secretariat", "--school", school_b],
                clock=FixedClock(NOW)) == 0
    assert _groups(cluster, cluster.principal_b) == {"vitrail_direction"}
    capsys.readouterr()

    assert main([*db, "access", "grant", "personne.inconnue", "--role", "secretariat", "--school", school_b],
                clock=FixedClock(NOW)) == 2
    assert "n'existe pas sur le serveur" in capsys.readouterr().err
    assert _one(cluster.conninfo(cluster.admin), "SELECT count(*) FROM access_grant WHERE login = %s",
                "personne.inconnue") == 0, "no grant row without the login's membership"


def test_the_rights_of_each_role_come_from_the_resource_with_their_reasons():
    data = json.loads(resource("db_privileges.json").read_text(encoding="utf-8"))
    assert tuple(data["append_only"]["tables"]) == db_roles.APPEND_ONLY
    assert set(data["roles"]) == set(db_roles.GROUP_ROLES) and all(r["reason"] for r in data["roles"].values())
    rights = db_roles.privileges()
    assert "student" not in rights["it"].tables and "guardian" not in rights["it"].tables
    assert rights["secretariat"].tables["setting"] == ("SELECT",)
    assert rights["secretariat"].tables["guardian"] == ("SELECT", "UPDATE (email, version)")
    assert set(rights["direction"].tables["setting"]) == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    for role in rights.values():
        for table in db_roles.APPEND_ONLY:
            assert set(role.tables.get(table, ())) <= {"SELECT", "INSERT"}


def test_init_roles_on_sqlite_says_it_is_for_postgresql(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'v.db'}"
    open_database(url, create=True).close()
    assert main(["--db", url, "db", "init-roles"], clock=FixedClock(NOW)) == 2
    assert "PostgreSQL" in capsys.readouterr().err



def test_a_database_without_init_roles_beside_a_set_up_one_grants_as_on_sqlite(cluster, roles):
    """Group roles are the server's: a training database beside the board's keeps Vitrail's own
    grants (no PostgreSQL login needed), as before IT set anything up there."""
    training = f"{cluster.dbname}_formation"
    _root(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(training), sql.Identifier(cluster.admin)))
    try:
        url = cluster.url(cluster.admin).rsplit("/", 1)[0] + f"/{training}"
        database = open_database(url, actor=ACTOR, clock=FixedClock(NOW))
        try:
            generate_demo(database, students=10, seed=5, today=TODAY)
            granted = Vitrail(database).access.grant("stagiaire.sans.compte", "secretariat",
                                                     [_first_school_code(database)]).value
        finally:
            database.close()
        assert [grant.login for grant in granted] == ["stagiaire.sans.compte"]
    finally:
        _root(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(training)))


def _first_school_code(database) -> str:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT code FROM school ORDER BY code LIMIT 1")).scalar_one()
