"""Student search index, student file, email corrections (one transaction, audited, conflict-safe)."""

from datetime import date

import pytest
from sqlalchemy import select

from desktop.models import AuditEntry, Guardian
from desktop.services.audit import Actor
from desktop.services.errors import EditConflict, InvalidInput
from desktop.services.storage import open_database
from desktop.services.students import (
    FIRST_NAME,
    EmailEdit,
    GuardianEditConflict,
    list_staff,
    list_students,
    load_student_file,
    load_student_index,
    save_guardian_emails,
)

from conftest import TEST_ACTOR
from student_rows import seed_small_board


@pytest.fixture
def board_db(empty_db):
    return empty_db, seed_small_board(empty_db)


def _names(index, result):
    return [index.rows[p][FIRST_NAME] for p in result.positions]


def test_index_is_sorted_by_name_and_holds_every_student(board_db):
    database, _ = board_db
    index = load_student_index(database)
    assert _names(index, index.everything()) == ["Élodie", "Maxime", "Zoé", "Noah", "Léa", "Marie-Ève"]


@pytest.mark.parametrize("query, expected", [
    ("cote", ["Élodie", "Maxime"]),
    ("CÔTÉ élo", ["Élodie"]),
    ("elo cote", ["Élodie"]),
    ("st-pierre", ["Noah"]),
    ("st pierre gag", ["Noah"]),
    ("oneil", []),
    ("o neil", ["Zoé"]),
    ("o'neil", ["Zoé"]),
    ("marie eve", ["Marie-Ève"]),
    ("tremblay", ["Léa", "Marie-Ève"]),
    ("belanger", ["Marie-Ève"]),
    ("2000005", ["Léa"]),
    ("100000", ["Élodie", "Maxime", "Zoé", "Noah"]),
    ("trel1007", ["Léa"]),
    ("TREM09040801", ["Marie-Ève"]),
    ("blay", []),
    ("", ["Élodie", "Maxime", "Zoé", "Noah", "Léa", "Marie-Ève"]),
])
def test_search_matches_word_starts_of_name_fiche_and_code_ignoring_accents_and_case(board_db, query, expected):
    database, _ = board_db
    index = load_student_index(database)
    assert _names(index, index.search(query)) == expected


def test_narrowing_from_the_previous_result_gives_the_same_answer_as_a_full_scan(board_db):
    database, _ = board_db
    index = load_student_index(database)
    previous = None
    for typed in ["t", "tr", "tre", "trem", "trem ", "trem m", "trem ma"]:
        result = index.search(typed, previous)
        assert result.positions == index.search(typed).positions
        previous = result
    assert _names(index, previous) == ["Marie-Ève"]
    # Deleting characters must widen again, not stay narrowed.
    assert _names(index, index.search("trem", previous)) == ["Léa", "Marie-Ève"]


def test_student_file_has_identity_guardians_and_emergency_contacts(board_db):
    database, board = board_db
    file = load_student_file(database, board.students["Élodie"])
    assert (file.full_name, file.fiche, file.code_permanent, file.birth_date) == (
        "Élodie Côté", "1000001", "COTE12560901", date(2012, 6, 9))
    assert (file.school_name, file.group_code, file.grade, file.transport_entitled) == (
        "École des Érables", "601", 6, True)
    assert [(g.full_name, g.respondent_rank, g.relationship, g.email) for g in file.guardians] == [
        ("Julie Côté", 1, "Mère", "julie.cote@videotron.ca"), ("François Côté", 2, "Père", None)]
    assert file.guardians[0].other_children == ("Maxime Côté",)
    assert [(c.name, c.is_emergency) for c in file.contacts] == [("Louise Côté", True)]


def test_saving_emails_is_one_audited_transaction(board_db):
    database, board = board_db
    file = load_student_file(database, board.students["Élodie"])
    julie, francois = file.guardians
    saved = save_guardian_emails(database, [
        EmailEdit(julie.guardian_id, julie.version, "  julie.cote@gmail.com "),
        EmailEdit(francois.guardian_id, francois.version, "francois.cote@videotron.ca"),
    ])
    assert [(s.before, s.after) for s in saved] == [
        ("julie.cote@videotron.ca", "julie.cote@gmail.com"), (None, "francois.cote@videotron.ca")]
    reloaded = load_student_file(database, board.students["Maxime"])  # the sibling sees it too
    assert [g.email for g in reloaded.guardians] == ["julie.cote@gmail.com", "francois.cote@videotron.ca"]
    assert reloaded.guardians[0].last_email_change.before == "julie.cote@videotron.ca"
    with database.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(
            AuditEntry.entity == "guardian", AuditEntry.action == "update").order_by(AuditEntry.entity_id)).all()
    assert [(e.entity_id, e.field, e.before, e.after, e.os_user, e.workstation) for e in entries] == [
        (julie.guardian_id, "email", "julie.cote@videotron.ca", "julie.cote@gmail.com", *TEST_ACTOR.__dict__.values()),
        (francois.guardian_id, "email", None, "francois.cote@videotron.ca", *TEST_ACTOR.__dict__.values()),
    ]


def test_an_invalid_email_refuses_the_whole_save(board_db):
    database, board = board_db
    julie, francois = load_student_file(database, board.students["Élodie"]).guardians
    with pytest.raises(InvalidInput, match="plusieurs"):
        save_guardian_emails(database, [
            EmailEdit(julie.guardian_id, julie.version, "julie@gmail.com"),
            EmailEdit(francois.guardian_id, francois.version, "a@gmail.com; b@gmail.com"),
        ])
    assert [g.email for g in load_student_file(database, board.students["Élodie"]).guardians] == [
        "julie.cote@videotron.ca", None]


def test_clearing_an_email_stores_none(board_db):
    database, board = board_db
    julie = load_student_file(database, board.students["Élodie"]).guardians[0]
    save_guardian_emails(database, [EmailEdit(julie.guardian_id, julie.version, "   ")])
    assert load_student_file(database, board.students["Élodie"]).guardians[0].email is None


def test_a_guardian_changed_on_another_workstation_is_never_overwritten(any_db, empty_db_url):
    """Two workstations (two Database objects) on the same SQLite file or PostgreSQL schema."""
    board = seed_small_board(any_db)
    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"))
    try:
        mine = load_student_file(any_db, board.students["Noah"]).guardians[0]
        theirs = load_student_file(other, board.students["Noah"]).guardians[0]
        save_guardian_emails(other, [EmailEdit(theirs.guardian_id, theirs.version, "nadia.gagnon@gmail.com")])

        with pytest.raises(EditConflict) as caught:
            save_guardian_emails(any_db, [EmailEdit(mine.guardian_id, mine.version, "n.gagnon@outlook.com")])
        conflict = caught.value
        assert isinstance(conflict, GuardianEditConflict)
        assert (conflict.theirs, conflict.mine) == ("nadia.gagnon@gmail.com", "n.gagnon@outlook.com")
        assert "« nadia.gagnon@gmail.com »" in str(conflict) and "« n.gagnon@outlook.com »" in str(conflict)
        assert "POSTE-02" in str(conflict)
        assert load_student_file(any_db, board.students["Noah"]).guardians[0].email == "nadia.gagnon@gmail.com"

        # Overwriting knowingly: save again with the version the conflict reported.
        save_guardian_emails(any_db, [EmailEdit(mine.guardian_id, conflict.current_version, "n.gagnon@outlook.com")])
        assert load_student_file(other, board.students["Noah"]).guardians[0].email == "n.gagnon@outlook.com"
    finally:
        other.close()


def test_list_students_for_scripts_has_codes_and_guardians(board_db):
    database, board = board_db
    found = list_students(database, search="cote max")
    assert len(found) == 1
    student = found[0]
    assert (student.fiche, student.board, student.school, student.group) == ("1000002", "CSS-TEST", "ECO-A", "401")
    assert [(g.name, g.email, g.respondent_rank) for g in student.guardians] == [
        ("Julie Côté", "julie.cote@videotron.ca", 1), ("François Côté", None, 2)]
    assert len(list_students(database)) == 6


def test_list_staff_is_empty_on_a_board_without_staff(board_db):
    database, _ = board_db
    assert list_staff(database) == []


def test_guardian_versions_move_on_each_save(board_db):
    database, board = board_db
    julie = load_student_file(database, board.students["Élodie"]).guardians[0]
    saved = save_guardian_emails(database, [EmailEdit(julie.guardian_id, julie.version, "j@gmail.com")])
    with database.sessions() as session:
        assert session.get(Guardian, julie.guardian_id).version == saved[0].version == julie.version + 1


def test_index_and_lists_read_the_same_on_every_backend(any_db):
    seed_small_board(any_db)
    index = load_student_index(any_db)
    assert _names(index, index.search("tremblay")) == ["Léa", "Marie-Ève"]
    row = index.rows[index.search("zoe").positions[0]]
    assert (index.school_code(row), index.school_name(row), index.group_code(row)) == (
        "SEC-B", "École secondaire du Boisé", "101")
    assert list_students(any_db, search="zoe")[0].birth_date == date(2011, 1, 20)


def test_a_write_racing_between_our_read_and_our_update_is_still_a_conflict(any_db, empty_db_url):
    """Another workstation commits after the file was loaded here but just before our save reaches
    the row: on SQLite between the save's version check and its UPDATE (the ORM's flush), on
    PostgreSQL just before the save's one statement is sent."""
    from sqlalchemy import event

    board = seed_small_board(any_db)
    mine = load_student_file(any_db, board.students["Léa"]).guardians[0]
    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"))

    raced = []

    def other_workstation_saves_first(*_args) -> None:
        if raced or (any_db.backend == "postgresql" and not str(_args[2]).startswith("WITH locked")):
            return
        raced.append(True)
        theirs = load_student_file(other, board.students["Léa"]).guardians[0]
        save_guardian_emails(other, [EmailEdit(theirs.guardian_id, theirs.version, "sophie@videotron.ca")])

    target, name = (any_db.engine, "before_cursor_execute") if any_db.backend == "postgresql" \
        else (any_db.sessions, "before_flush")
    event.listen(target, name, other_workstation_saves_first)
    try:
        with pytest.raises(GuardianEditConflict) as caught:
            save_guardian_emails(any_db, [EmailEdit(mine.guardian_id, mine.version, "sophie.tremblay@gmail.com")])
        assert raced, "the other workstation's save ran in the race window"
        assert (caught.value.theirs, caught.value.mine) == ("sophie@videotron.ca", "sophie.tremblay@gmail.com")
        assert load_student_file(any_db, board.students["Léa"]).guardians[0].email == "sophie@videotron.ca"
    finally:
        event.remove(target, name, other_workstation_saves_first)
        other.close()


def test_a_save_waiting_for_another_workstations_save_then_sees_it_as_a_conflict(any_db, empty_db_url):
    """PostgreSQL: while another workstation's save of the same guardian is not committed yet,
    ours waits on the row; once theirs commits, ours is refused as a conflict, never applied over it."""
    import threading

    from sqlalchemy import text

    if any_db.backend != "postgresql":
        pytest.skip("SQLite : un seul poste écrit à la fois (verrou du fichier entier), aucune attente sur une ligne")
    pg_db = any_db
    board = seed_small_board(pg_db)
    mine = load_student_file(pg_db, board.students["Léa"]).guardians[0]
    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"))
    outcome: list[Exception | None] = []

    def my_save() -> None:
        try:
            save_guardian_emails(pg_db, [EmailEdit(mine.guardian_id, mine.version, "sophie.tremblay@gmail.com")])
            outcome.append(None)
        except Exception as error:  # noqa: BLE001 — any fault is handed to the test's thread
            outcome.append(error)

    try:
        with other.sessions.begin() as theirs:
            guardian = theirs.get_one(Guardian, mine.guardian_id)
            guardian.email = "sophie@videotron.ca"
            theirs.flush()  # their UPDATE holds the row until they commit
            saving = threading.Thread(target=my_save)
            saving.start()
            with other.engine.connect() as watcher:  # ours is waiting on their row lock
                waiting = ("SELECT count(*) FROM pg_stat_activity "
                           "WHERE wait_event_type = 'Lock' AND datname = current_database()")
                for _ in range(500):
                    if watcher.execute(text(waiting)).scalar_one():
                        break
                    watcher.execute(text("SELECT pg_sleep(0.01)"))
                else:
                    pytest.fail("our save never waited for the other workstation's uncommitted save")
        saving.join(30)
        assert isinstance(outcome[0], GuardianEditConflict), outcome
        assert (outcome[0].theirs, outcome[0].mine) == ("sophie@videotron.ca", "sophie.tremblay@gmail.com")
        assert load_student_file(pg_db, board.students["Léa"]).guardians[0].email == "sophie@videotron.ca"
    finally:
        other.close()
