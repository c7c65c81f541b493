"""The demo board: deterministic, refuses to overwrite, realistic, with the planted data problems."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import (
    Attendance,
    AuditEntry,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    Intervention,
    Observation,
    ReportCard,
    Result,
    ScheduleEntry,
    School,
    SchoolBoard,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    SupportPlan,
    TeachingAssignment,
)
from desktop.services.demo import generate_demo
from desktop.services.errors import DatabaseNotEmpty
from desktop.services.storage import open_database
from desktop.services.text import fold, student_search_key
from tests.conftest import TEST_ACTOR, TODAY

from support.cli import main

JOB_CLASSES = json.loads((Path(__file__).resolve().parents[1] / "resources" / "policy" / "job_classes.json")
                         .read_text(encoding="utf-8"))["job_classes"]
TYPO_DOMAINS = {"gmial.com", "gmail.con", "gmal.com", "gmail.co", "hotmial.com", "hotmail.cm", "hotmai.com",
                "hotmail.co", "outlok.com", "outlook.cm", "videotron.com", "videotron.qc", "videotrom.ca",
                "yahooo.ca", "yaho.ca", "iclould.com", "icloud.cm", "bell.nte", "belll.net"}


def _students(database) -> list[tuple]:
    with database.sessions() as session:
        return session.execute(select(Student.board_id, Student.fiche, Student.last_name, Student.first_name,
                                      Student.birth_date, Student.code_permanent).order_by(Student.id)).all()


def _guardian_emails(database) -> list[str | None]:
    with database.sessions() as session:
        return list(session.scalars(select(Guardian.email).order_by(Guardian.id)))


# --- determinism and refusal --------------------------------------------------------------------

def test_same_seed_gives_the_same_board_and_another_seed_another(tmp_path):
    boards = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        database = open_database(f"sqlite:///{tmp_path / name}.db", create=True, actor=TEST_ACTOR)
        generate_demo(database, students=120, seed=seed, today=TODAY)
        boards.append((_students(database), _guardian_emails(database)))
        database.close()
    assert boards[0] == boards[1]
    assert boards[0][0] != boards[2][0]
    assert len(boards[0][0]) == 120


def test_refuses_a_database_with_data_unless_replace(any_db):
    generate_demo(any_db, students=60, seed=3, today=TODAY)
    before = _students(any_db)
    with pytest.raises(DatabaseNotEmpty) as refused:
        generate_demo(any_db, students=80, seed=4, today=TODAY)
    assert "contient déjà des données" in str(refused.value) and "--replace" in str(refused.value)
    assert _students(any_db) == before

    summary = generate_demo(any_db, students=80, seed=4, today=TODAY, replace=True)
    assert summary.students == 80
    after = _students(any_db)
    assert len(after) == 80 and after != before
    with any_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SchoolBoard)) == summary.boards


def test_the_database_stays_usable_after_the_bulk_load(any_db):
    """PostgreSQL id sequences are moved past the demo ids: the next enrolment gets a fresh id."""
    generate_demo(any_db, students=60, seed=5, today=TODAY)
    with any_db.sessions() as session, session.begin():
        existing = session.scalars(select(Student).limit(1)).one()
        newcomer = Student(board_id=existing.board_id, fiche="9999999", last_name="Nouvel", first_name="Élève",
                           birth_date=date(2017, 5, 4), sex="F", school_id=existing.school_id, grade=3)
        session.add(newcomer)
        session.flush()
        assert newcomer.id > 60
    if any_db.backend == "postgresql":  # the planner has statistics at once: a preview reads an index, not a table
        with any_db.engine.connect() as connection:
            analysed = connection.exec_driver_sql(
                "SELECT count(DISTINCT tablename) FROM pg_stats WHERE schemaname = current_schema() "
                "AND tablename IN ('student', 'student_guardian', 'result')").scalar()
        assert analysed == 3


def test_progress_is_reported_up_to_the_total(empty_db):
    calls = []
    generate_demo(empty_db, students=30, seed=1, today=TODAY,
                  progress=lambda done, total, label: calls.append((done, total, label)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    assert all(label for _, _, label in calls)


# --- realistic content ----------------------------------------------------------------------------

def test_students_have_quebec_names_fiches_and_birth_dates_matching_their_grade(demo_db):
    with demo_db.sessions() as session:
        rows = session.execute(select(Student, School.level).join(School, Student.school_id == School.id)).all()
        fiches_by_board = defaultdict(set)
        for student, level in rows:
            assert re.fullmatch(r"[0-9]{1,7}", student.fiche)
            fiches_by_board[student.board_id].add(student.fiche)
            overall = student.grade + (6 if level == "secondary" else 0)
            birthday_after_sept_30 = (student.birth_date.month, student.birth_date.day) > (9, 30)
            age_on_sept_30 = 2026 - student.birth_date.year - birthday_after_sept_30
            assert age_on_sept_30 - overall in (5, 6), (student.full_name, student.birth_date, level, student.grade)
            assert student.search_key == student_search_key(student.last_name, student.first_name, student.fiche,
                                                             student.code_permanent)
        names = [(student.last_name, student.first_name) for student, _ in rows]
    assert sum(len(fiches) for fiches in fiches_by_board.values()) == len(rows)  # unique within each board
    assert len(fiches_by_board) == 2 and set.intersection(*fiches_by_board.values()), "second board reuses fiches"
    assert any(re.search(r"[éèêëàâçîïôûüÉÈ]", last + first) for last, first in names)
    assert any("-" in first for _, first in names), "hyphenated given names"
    assert any(re.fullmatch(r"\S+[- ]\S+", last) for last, _ in names), "compound surnames"


def test_codes_permanents_follow_the_published_layout(demo_db):
    """accounts.md §5: letters of the surname and given name, day, month (+50 girls), year."""
    with demo_db.sessions() as session:
        students = session.scalars(select(Student)).all()
    complete = [s for s in students if s.code_permanent and len(s.code_permanent) == 12]
    incomplete = [s for s in students if s.code_permanent and len(s.code_permanent) == 10]
    absent = [s for s in students if not s.code_permanent]
    assert all(re.fullmatch(r"[A-Z]{4}[0-9]{8}", s.code_permanent) for s in complete)
    assert all(re.fullmatch(r"[A-Z]{4}[0-9]{6}", s.code_permanent) for s in incomplete)
    assert 0.01 <= len(incomplete) / len(students) <= 0.04 and absent
    not_fitting = [s for s in complete + incomplete if not _fits(s)]
    assert 1 <= len(not_fitting) <= max(3, len(students) * 0.01), [s.code_permanent for s in not_fitting]


def _fits(student: Student) -> bool:
    surname = re.sub(r"[^A-Z]", "", fold(re.split(r"[- ]", student.last_name)[0]).upper())
    if len(surname) < 3 or "'" in student.last_name:
        return True  # not documented: never warn
    code = student.code_permanent
    birth = student.birth_date
    return (code[:3] == surname[:3] and code[3] == fold(student.first_name)[0].upper()
            and int(code[4:6]) in (birth.day, birth.day + 62)
            and int(code[6:8]) in (birth.month, birth.month + 50, birth.month + 25)
            and int(code[8:10]) == birth.year % 100
            and (int(code[6:8]) > 12) == (student.sex == "F"))


def test_siblings_share_guardians_and_some_attend_two_schools(demo_db):
    with demo_db.sessions() as session:
        links = session.execute(select(StudentGuardian.guardian_id, Student.school_id, StudentGuardian.respondent_rank,
                                       StudentGuardian.relationship_label, StudentGuardian.lives_with)
                                .join(Student, Student.id == StudentGuardian.student_id)).all()
    schools_of = defaultdict(set)
    children_of = defaultdict(int)
    for guardian_id, school_id, *_ in links:
        schools_of[guardian_id].add(school_id)
        children_of[guardian_id] += 1
    assert any(count >= 2 for count in children_of.values())
    assert any(len(schools) >= 2 for schools in schools_of.values())
    assert {rank for _, _, rank, _, _ in links} >= {1, 2}
    assert {label for *_, label, _ in links} >= {"Mère", "Père"}
    assert {lives for *_, lives in links} == {True, False}


def test_staff_of_every_job_class_and_every_role_in_each_school(demo_db):
    roles = {job["code"]: job["role"] for job in JOB_CLASSES}
    with demo_db.sessions() as session:
        staff = session.execute(select(Staff.job_class, Staff.school_id, Staff.email, Staff.publishes_email)).all()
        schools = session.scalars(select(School)).all()
    assert {job_class for job_class, *_ in staff} == set(roles)
    board_level = {job_class for job_class, school_id, *_ in staff if school_id is None}
    assert board_level >= {"1000", "1001"}
    for school in schools:
        here = {roles[job_class] for job_class, school_id, *_ in staff if school_id == school.id}
        assert here == set(roles.values()), school.name
        assert school.address and school.phone and school.fax and "@" in school.email and school.direction_names
    assert any(publishes for *_, publishes in staff) and not all(publishes for *_, publishes in staff)


def test_groups_have_a_responsible_teacher_who_teaches_them(demo_db):
    with demo_db.sessions() as session:
        groups = session.scalars(select(HomeroomGroup).where(HomeroomGroup.school_year == 2026)).all()
        taught = defaultdict(set)
        for staff_id, group_id, subject in session.execute(
                select(TeachingAssignment.staff_id, CourseGroup.group_id, Subject.code)
                .join(CourseGroup, CourseGroup.id == TeachingAssignment.course_group_id)
                .join(Subject, Subject.id == CourseGroup.subject_id)):
            taught[group_id].add((staff_id, subject))
        levels = {school.id: school.level for school in session.scalars(select(School))}
        years = set(session.scalars(select(HomeroomGroup.school_year).distinct()))
        periods = session.execute(select(ScheduleEntry.cycle_day).distinct()).scalars().all()
    assert years == {2024, 2025, 2026}
    assert sorted(periods) == list(range(1, 10))
    for group in groups:
        assert group.responsible_id in {staff_id for staff_id, _ in taught[group.id]}
        if levels[group.school_id] == "primary":
            assert (group.responsible_id, "FRA") in taught[group.id]
            specialists = {staff_id for staff_id, subject in taught[group.id] if subject in ("ANG", "EPS")}
            assert specialists and group.responsible_id not in specialists


def test_records_cover_results_attendance_soi_and_dap(demo_db):
    with demo_db.sessions() as session:
        result_terms = set(session.execute(select(Result.school_year, Result.term).distinct()).all())
        report_years = set(session.scalars(select(ReportCard.school_year).distinct()))
        categories = set(
            session.execute(select(Observation.category, Observation.shared_with_parents).distinct()).all()
        )
        observation_years = set(session.scalars(select(Observation.school_year).distinct()))
        authors = set(session.scalars(select(Staff.job_class).join(Observation, Observation.author_id == Staff.id)))
        plans = set(session.scalars(select(SupportPlan.kind).distinct()))
        kinds = set(session.scalars(select(Attendance.kind).distinct()))
        reasons = set(session.scalars(select(Attendance.reason).distinct()))
        interventions = session.scalar(select(func.count()).select_from(Intervention))
        students = session.scalar(select(func.count()).select_from(Student))
        planned = session.scalar(select(func.count(SupportPlan.student_id.distinct())))
        watched = session.scalar(select(func.count()).where(Student.active_watch))
    assert result_terms == {(2026, 1)}  # today is in term 2: term 1 is done
    assert report_years == {2024, 2025, 2026}
    assert {c for c, _ in categories} == {"positive", "to_watch", "to_modify", "serious"}
    assert {shared for _, shared in categories} == {True, False}
    assert observation_years == {2024, 2025, 2026}
    assert "3101" in authors and len(authors) >= 4
    assert plans == {"preventive", "intervention"} and 0.07 <= planned / students <= 0.2
    assert kinds == {"absence", "lateness"} and "Maladie" in reasons
    assert interventions > 0 and 0 < watched < students * 0.15


# --- planted data problems ------------------------------------------------------------------------

def _guardian_world(database):
    with database.sessions() as session:
        guardians = {g.id: g for g in session.scalars(select(Guardian))}
        links = session.execute(select(StudentGuardian.student_id, StudentGuardian.guardian_id,
                                       StudentGuardian.respondent_rank)).all()
    children = defaultdict(set)
    respondents = defaultdict(list)
    for student_id, guardian_id, rank in links:
        children[guardian_id].add(student_id)
        if rank in (1, 2):
            respondents[student_id].append(guardian_id)
    return guardians, children, respondents


def test_planted_email_problems_have_the_documented_shape_and_rates(demo_db):
    guardians, children, respondents = _guardian_world(demo_db)
    emails = [g.email for g in guardians.values()]
    without = sum(1 for email in emails if email is None)
    assert 0.03 <= without / len(emails) <= 0.10

    couples = {frozenset(ids) for ids in respondents.values()
               if len(ids) == 2 and guardians[ids[0]].email and guardians[ids[0]].email == guardians[ids[1]].email}
    assert couples, "two guardians of one child sharing one email"

    family_of = {}  # guardian → the set of guardians linked to the same children
    for ids in respondents.values():
        for guardian_id in ids:
            family_of.setdefault(guardian_id, set()).update(ids)
    same_person = defaultdict(list)
    for guardian in guardians.values():
        same_person[(guardian.first_name, guardian.last_name, guardian.cell_phone, guardian.address)].append(guardian)
    split = [entries for entries in same_person.values()
             if len(entries) == 2 and entries[0].email != entries[1].email
             and children[entries[0].id].isdisjoint(children[entries[1].id])]
    assert split, "one guardian entered twice with different emails for two siblings"
    with demo_db.sessions() as session:
        surname = dict(session.execute(select(Student.id, Student.last_name)).all())
    # The two records' children are siblings: same family name or another guardian in common.
    for first, second in split:
        other_first = {g for child in children[first.id] for g in respondents[child]} - {first.id}
        other_second = {g for child in children[second.id] for g in respondents[child]} - {second.id}
        assert (other_first & other_second
                or {surname[c] for c in children[first.id]} & {surname[c] for c in children[second.id]})

    by_email = defaultdict(list)
    for guardian in guardians.values():
        if guardian.email:
            by_email[guardian.email].append(guardian.id)
    unrelated = [ids for ids in by_email.values()
                 if len(ids) == 2 and children[ids[0]].isdisjoint(children[ids[1]])
                 and not family_of.get(ids[0], set()) & family_of.get(ids[1], set())
                 and (guardians[ids[0]].first_name, guardians[ids[0]].last_name)
                 != (guardians[ids[1]].first_name, guardians[ids[1]].last_name)]
    assert 2 <= len(unrelated) <= 5, "a handful of emails used by two unrelated families"

    present = [email for email in emails if email]
    typos = [email for email in present if email.strip().rsplit("@", 1)[-1] in TYPO_DOMAINS]
    assert 1 <= len(typos) <= max(4, len(present) * 0.03)
    assert any(email != email.strip() or " @" in email for email in present), "stray spaces"
    assert any(email.count("@") == 2 for email in present), "two addresses in one field"
    domains = {email.strip().rsplit("@", 1)[-1] for email in present if email.count("@") == 1}
    assert {"gmail.com", "hotmail.com", "videotron.ca"} <= domains


def test_the_summary_counts_what_was_written_and_planted(empty_db):
    summary = generate_demo(empty_db, students=150, seed=9, today=TODAY)
    guardians, _, _ = _guardian_world(empty_db)
    with empty_db.sessions() as session:
        assert summary.students == session.scalar(select(func.count()).select_from(Student)) == 150
        assert summary.staff == session.scalar(select(func.count()).select_from(Staff))
        assert summary.schools == session.scalar(select(func.count()).select_from(School))
        incomplete = session.scalar(select(func.count()).where(func.length(Student.code_permanent) == 10))
    assert summary.guardians == len(guardians)
    assert summary.guardians_without_email == sum(1 for g in guardians.values() if g.email is None)
    assert summary.incomplete_codes == incomplete
    assert summary.total_rows == sum(summary.rows.values()) > 150 * 20
    assert any("élèves" in line for line in summary.lines())


# --- text folding ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "folded"), [
    ("Côté Bouchard", "cote bouchard"), ("Tremblay-Gagnon", "tremblay gagnon"), ("L'Heureux", "l heureux"),
    ("D’Amours", "d amours"), ("ŒUVRE Æ", "oeuvre ae"), ("  Marie-Ève  ", "marie eve"), ("", ""),
    ("TREJ12345678", "trej12345678"),
])
def test_fold_is_accent_case_and_hyphen_insensitive(text, folded):
    assert fold(text) == folded


def test_search_key_holds_names_fiche_and_code():
    key = student_search_key("St-Pierre", "Zoé", "0045123", "STPZ12561801")
    assert key == "st pierre zoe 0045123 stpz12561801"
    assert student_search_key("Roy", "Léo", "12", None) == "roy leo 12"


# --- command line ------------------------------------------------------------------------------------

def test_cli_demo_fills_then_refuses_then_replaces(any_db, capsys):
    url = any_db.url
    assert main(["--db", url, "demo", "--students", "40", "--seed", "2"]) == 0
    captured = capsys.readouterr()
    assert "40 élèves" in captured.out and "Démonstration" in captured.err
    assert main(["--db", url, "demo", "--students", "40"]) == 2
    captured = capsys.readouterr()
    assert "contient déjà des données" in captured.err and "Traceback" not in captured.err
    assert main(["--db", url, "demo", "--students", "45", "--replace"]) == 0
    with any_db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Student)) == 45


def test_cli_demo_creates_a_missing_sqlite_file(tmp_path, capsys):
    path = tmp_path / "sub" / "nouvelle.db"
    assert main(["--db", f"sqlite:///{path}", "demo", "--students", "25"]) == 0
    assert path.exists() and "25 élèves" in capsys.readouterr().out


@pytest.mark.parametrize(("count", "message"), [("zéro", "nombre entier attendu"), ("0", "entre 1 et"),
                                               ("300000", "entre 1 et 200 000")])
def test_cli_demo_refuses_a_bad_student_count_before_creating_anything(tmp_path, capsys, count, message):
    with pytest.raises(SystemExit) as exited:
        main(["--db", f"sqlite:///{tmp_path / 'x.db'}", "demo", "--students", count])
    assert exited.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_every_reference_points_to_an_existing_row_and_settings_are_restored(demo_db, empty_db):
    """The bulk load skips SQLite's per-row foreign-key checks and WAL: prove the rows need no
    checks and that the database is left as storage.py opens it (foreign keys on, WAL)."""
    with demo_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    generate_demo(empty_db, students=30, seed=2, today=TODAY)
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_same_board_in_another_process_whatever_the_hash_seed(tmp_path):
    """Determinism may not hang on set order or str hashing: a fresh interpreter gets the same rows."""
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from desktop.services.storage import open_database\n"
        "from desktop.services.demo import generate_demo\n"
        "generate_demo(open_database(sys.argv[1], create=True), students=70, seed=4, today=date(2026, 11, 23))\n"
    )
    url = f"sqlite:///{tmp_path / 'other.db'}"
    subprocess.run([sys.executable, "-c", script, url], check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    here = open_database(f"sqlite:///{tmp_path / 'here.db'}", create=True, actor=TEST_ACTOR)
    generate_demo(here, students=70, seed=4, today=TODAY)
    other = open_database(url, actor=TEST_ACTOR)
    assert (_students(here), _guardian_emails(here)) == (_students(other), _guardian_emails(other))
    here.close()
    other.close()


def test_planted_rates_hold_on_a_larger_board(empty_db):
    """At 3,000 students the counts follow the documented rates, not just the minimums."""
    from desktop.services.demo import people

    summary = generate_demo(empty_db, students=3000, seed=21, today=TODAY)
    guardians, children, respondents = _guardian_world(empty_db)
    assert summary.guardians_without_email == pytest.approx(people.NO_EMAIL_RATE * len(guardians), rel=0.25)
    couples = sum(1 for ids in respondents.values() if len(ids) == 2)
    assert 0.01 * couples / 2 < summary.couples_sharing_email < 0.06 * couples
    assert summary.typo_domain_emails == pytest.approx(people.TYPO_DOMAIN_RATE * len(guardians), rel=0.3)
    assert summary.incomplete_codes == pytest.approx(people.INCOMPLETE_CODE_RATE * 3000, rel=0.1)
    assert 2 <= summary.unrelated_families_sharing_email <= 6
    assert 0 < summary.guardians_split_across_siblings < 0.04 * len(guardians)


def test_cli_demo_without_db_fills_the_users_default_database(capsys):
    from desktop.services.config import user_data_dir

    assert main(["demo", "--students", "20"]) == 0
    assert "20 élèves" in capsys.readouterr().out
    created = [path for path in user_data_dir().rglob("*.db")]
    assert len(created) == 1
    database = open_database(f"sqlite:///{created[0]}", actor=TEST_ACTOR)
    assert len(_students(database)) == 20
    database.close()


def test_a_second_open_connection_only_makes_the_load_slower(empty_db):
    """Another workstation window holding the file keeps it in WAL: the demo is written anyway."""
    with empty_db.engine.connect() as other:
        other.exec_driver_sql("SELECT COUNT(*) FROM student").all()
        generate_demo(empty_db, students=25, seed=3, today=TODAY)
        assert other.exec_driver_sql("SELECT COUNT(*) FROM student").scalar() == 25
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_the_load_is_one_audit_event_naming_who_and_what(any_db):
    generate_demo(any_db, students=20, seed=8, today=TODAY)
    with any_db.sessions() as session:  # the first board_admin's grant, made at creation, is logged before
        events = session.scalars(select(AuditEntry).where(AuditEntry.action != "access_granted")).all()
    assert [(e.action, e.os_user, e.workstation) for e in events] == [
        ("demo_generated", TEST_ACTOR.os_user, TEST_ACTOR.workstation)]
    assert json.loads(events[0].after) == {"students": 20, "seed": 8, "today": "2026-11-23", "replaced": False}
