"""How many round trips each everyday interaction makes to the database (issue 15, item 1).

Over a board's network every round trip costs about 5 ms, more than the indexed query itself:
an interaction must make few of them, whatever the size of the file. A change that adds one
fails here.

Two counts. On both backends, the statements a cursor executes, seen by the engine's
``before_cursor_execute`` event (observed, not mocked); an ``executemany`` counts once (psycopg
pipelines it), transaction control is left out. On PostgreSQL, also the round trips themselves,
counted where the bytes pass: the benches' proxy (``bench/delay_proxy.py``) relays a second
workstation's connection, so BEGIN, COMMIT and any connection check count too. The person's
grants are read beforehand: the access check reads them once a minute, not per click.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from desktop.models import CourseGroup, Guardian, Staff, Student, StudentGuardian, TeachingAssignment
from desktop.services.accounts.diagnostic import MATCH, AssociationAttempt
from desktop.services.accounts.nips import NipRequest
from desktop.services.demo import generate_demo
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TEST_ACTOR, TODAY, _backends
from support.bench_proxy import DelayProxy
from support.statements import statements_sent

# The budget of each interaction: statements (both backends), then PostgreSQL round trips, all in.
FILE = (1, 1)  # the student with guardians, contacts, last email changes, other children: one
#                statement; the access check reads the school it returns
PREVIEW = (2, 2)  # the record with the school's settings (one statement), the staff offered as viewers
VIEWS = (3, 3)  # the record with the settings, every staff member among the viewers at once, and the
#                 audit of the views (a sensitive read, access.md §4) in one INSERT; no transaction
#                 around reads: the audit INSERT is atomic on its own
SAVE = (3, 3)  # SQLite: the guardians with their schools (the access check), their UPDATE, the audit
#                rows. PostgreSQL: one statement (lock, UPDATE, audit row, schools) inside BEGIN … COMMIT
NIP_FIRST = (3, 3)  # SQLite: the links with their schools and the letter's data, the NIP rows, their
#                     audit events. PostgreSQL: one statement (links, NIPs revoked and issued, audit
#                     rows, schools for the access check) inside BEGIN … COMMIT
NIP_REISSUE = (4, 3)  # SQLite: the same, plus the UPDATE revoking the NIP replaced (before the new one
#                       may exist). PostgreSQL: the same one statement
DIAGNOSIS = (4, 4)


@pytest.fixture
def board(any_db):
    generate_demo(any_db, students=40, seed=7, today=TODAY)
    return Vitrail(any_db)


@contextmanager
def statements(app: Vitrail) -> Iterator[list[str]]:
    """The statements sent to the database inside the block (transaction control left out)."""
    app.access.me()  # the person's grants, read once a minute (``PERSON_TTL_S``), not at each click
    with statements_sent(app.database.engine, lambda statement, _context:
                         statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK")) as sent:
        yield sent


@contextmanager
def round_trips(app: Vitrail) -> Iterator[tuple[Vitrail, Callable[[], int]] | None]:
    """On PostgreSQL: another workstation on the same database through the proxy, and a function
    giving the round trips it made since the last call. None on SQLite (no network)."""
    if app.database.backend != "postgresql":
        yield None
        return
    parsed = make_url(app.database.url)
    with DelayProxy(parsed.host or "127.0.0.1", parsed.port or 5432, delay_ms=0) as proxy:
        other = Vitrail(open_database(proxy.url(app.database.url), actor=TEST_ACTOR, clock=app.database.clock))
        other.access.me()
        seen = [proxy.turns.total]

        def since_last() -> int:
            made, seen[0] = proxy.turns.total - seen[0], proxy.turns.total
            return made

        try:
            yield other, since_last
        finally:
            other.close()


def check_trips(app: Vitrail, budget: int, interaction: Callable[[Vitrail], object]) -> None:
    """``interaction`` makes at most ``budget`` round trips (PostgreSQL), its second time: the first
    opens the workstation's connection, as at launch."""
    with round_trips(app) as proxied:
        if proxied is None:
            return
        other, since_last = proxied
        interaction(other)
        since_last()
        interaction(other)
        made = since_last()
        assert made <= budget, f"{made} round trips to the server, {budget} at most"


def _taught_student(app: Vitrail) -> tuple[int, int, list[int]]:
    """A student with a guardian and taught course-groups, that guardian, and up to six staff of the board."""
    with app.database.sessions() as session:
        student_id, guardian_id = session.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id)
            .join(Student, Student.id == StudentGuardian.student_id)
            .join(CourseGroup, CourseGroup.group_id == Student.group_id)
            .join(TeachingAssignment, TeachingAssignment.course_group_id == CourseGroup.id)
            .where(StudentGuardian.active.is_(True)).order_by(Student.id).limit(1)).one()
        staff = list(session.scalars(select(Staff.id).order_by(Staff.id).limit(6)))
    return student_id, guardian_id, staff


def test_a_students_file_opens_in_one_round_trip(board):
    student_id, guardian_id, _ = _taught_student(board)
    with statements(board) as sent:
        opened = board.students.file(student_id)
    assert len(sent) <= FILE[0], sent
    assert opened.guardian(guardian_id) is not None
    check_trips(board, FILE[1], lambda app: app.students.file(student_id))


def test_the_preview_page_loads_a_student_in_two_round_trips(board):
    student_id, _, _ = _taught_student(board)
    with statements(board) as sent:
        loaded = board.visibility.student(student_id, TODAY)
    assert len(sent) <= PREVIEW[0], sent
    assert any(choice.group == "Personnel" for choice in loaded.choices)
    check_trips(board, PREVIEW[1], lambda app: app.visibility.student(student_id, TODAY))


def test_one_viewer_and_nine_side_by_side_cost_the_same(board):
    student_id, guardian_id, staff = _taught_student(board)
    with statements(board) as one:
        board.visibility.views(student_id, [ViewerSpec.guardian(guardian_id)], TODAY)
    nine = [*(ViewerSpec.staff(staff_id) for staff_id in staff), ViewerSpec.guardian(guardian_id),
            ViewerSpec.as_student(), ViewerSpec.abstract("direction")]
    with statements(board) as sent:
        views = board.visibility.views(student_id, nine, TODAY)
    assert len(one) <= VIEWS[0], one
    assert len(sent) <= VIEWS[0], sent
    assert len(views) == 9
    check_trips(board, VIEWS[1], lambda app: app.visibility.views(student_id, nine, TODAY))


def test_saving_a_guardians_email_is_three_round_trips(board):
    student_id, guardian_id, _ = _taught_student(board)
    line = board.students.file(student_id).guardian(guardian_id)
    assert line is not None
    with statements(board) as sent:
        board.students.save_emails([EmailEdit(guardian_id, line.version, "nouveau.courriel@exemple.ca")])
    assert len(sent) <= SAVE[0], sent
    assert board.students.file(student_id).guardian(guardian_id).email == "nouveau.courriel@exemple.ca"
    saves = iter(range(2))
    versions = {"version": line.version + 1}

    def save(app: Vitrail) -> None:
        [saved] = app.students.save_emails([EmailEdit(guardian_id, versions["version"],
                                                      f"encore.{next(saves)}@exemple.ca")]).value
        versions["version"] = saved.version

    check_trips(board, SAVE[1], save)


def test_issuing_a_nip_with_its_letter_is_three_round_trips(board, tmp_path):
    student_id, guardian_id, _ = _taught_student(board)
    request = NipRequest(student_id, guardian_id)
    with statements(board) as first:
        board.accounts.issue_nips([request], letter=tmp_path / "lettre.pdf")
    with statements(board) as again:
        board.accounts.issue_nips([request], letter=tmp_path / "lettre-2.pdf")
    assert len(first) <= NIP_FIRST[0], first
    assert len(again) <= NIP_REISSUE[0], again
    check_trips(board, NIP_REISSUE[1], lambda app: app.accounts.issue_nips([request]))
    assert (tmp_path / "lettre-2.pdf").stat().st_size > 0
    status = board.accounts.nip_status(student_id, guardian_id)
    assert status is not None and status.revoked_at is None


OPEN = 7  # the connection (SSL asked, startup), SQLAlchemy's questions to a new server (schema and
#           isolation in one; version and string escapes come with the startup: pg_dialect), its two
#           timeouts (one), the login with the schema's revision (two), whether the database has its
#           administrator (one). It was 12 with SQLAlchemy's six questions in BEGIN … ROLLBACK, and 23
#           before that: BEGIN … COMMIT around the timeouts, the revision and the login; hstore looked up


# PostgreSQL only: a SQLite file has no network between the workstation and its database.
ON_POSTGRESQL = [p for p in _backends() if p.id == "postgresql"] or [pytest.param(
    "postgresql", marks=pytest.mark.skip(reason="VITRAIL_TEST_PG_URL non défini : aucun PostgreSQL dont compter les "
                                                "allers-retours (SQLite n'a pas de réseau) ; .ci/run le définit"))]


@pytest.mark.parametrize("empty_db_url", ON_POSTGRESQL, indirect=True)
def test_a_workstation_opens_the_boards_database_in_seven_round_trips(empty_db_url):
    """Launch over a board's network: every round trip of the opening is before the first screen."""
    open_database(empty_db_url, actor=TEST_ACTOR).close()  # the schema made, as IT does before the first launch
    parsed = make_url(empty_db_url)
    with DelayProxy(parsed.host or "127.0.0.1", parsed.port or 5432, delay_ms=0) as proxy:
        opened = open_database(proxy.url(empty_db_url), actor=TEST_ACTOR)
        try:
            made = proxy.turns.total
            assert opened.login  # the server's session_user, read in those round trips
        finally:
            opened.close()
    assert made <= OPEN, f"{made} round trips to open the database, {OPEN} at most"


def test_a_diagnosis_with_a_nip_reads_the_childs_guardians_once(board):
    """The phone call: the parent's NIP and account email checked against the file. Each rule used
    to read the child's guardians again (five reads of the same rows, 57 ms at 5 ms round trip)."""
    student_id, guardian_id, _ = _taught_student(board)
    [issued] = board.accounts.issue_nips([NipRequest(student_id, guardian_id)]).value
    with board.database.sessions() as session:
        student = session.get(Student, student_id)
        guardian = session.get(Guardian, guardian_id)
        attempt = AssociationAttempt(student.school.board.code, student.last_name, student.first_name,
                                     student.birth_date, nip=issued.nip, email=guardian.email)
    board.accounts.diagnose(attempt, TODAY)  # the directory, loaded once per page
    with statements(board) as sent:
        diagnosis = board.accounts.diagnose(attempt, TODAY)
    print(len(sent), sent)
    assert diagnosis.outcome == MATCH and diagnosis.guardian_id == guardian_id
    assert len(sent) <= DIAGNOSIS[0], sent
    check_trips(board, DIAGNOSIS[1], lambda app: app.accounts.diagnose(attempt, TODAY))


@pytest.mark.parametrize("empty_db_url", ON_POSTGRESQL, indirect=True)
def test_the_servers_facts_read_at_startup_are_those_sqlalchemy_asks_for(empty_db_url):
    """The opening's one question (pg_dialect) leaves SQLAlchemy knowing what its six told it: the
    server's version, the schema, the isolation level, whether strings take backslash escapes."""
    opened = open_database(empty_db_url, actor=TEST_ACTOR)
    asked = create_engine(make_url(empty_db_url).set(drivername="postgresql+psycopg"))
    try:
        with asked.connect():
            pass
        facts = ("server_version_info", "default_schema_name", "default_isolation_level", "_backslash_escapes")
        assert [getattr(opened.engine.dialect, fact) for fact in facts] == \
            [getattr(asked.dialect, fact) for fact in facts]
        assert opened.engine.dialect.server_version_info >= (13,)
    finally:
        asked.dispose()
        opened.close()
