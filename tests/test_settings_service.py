"""Portal settings service: validation, one-transaction saves, versions, diff, rollback, conflicts, impact."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desktop.models import (
    AuditEntry,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    School,
    SchoolBoard,
    Setting,
    SettingsVersion,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.errors import EditConflict, InvalidInput, NotFound
from desktop.services.settings import PendingChange, PortalSettings
from desktop.services.storage import open_database
from tests.conftest import TEST_ACTOR, TODAY


def build_small_board(database) -> dict[str, int]:
    """Two schools (primary ECO01: 3 students, secondary SEC01: 2), four répondants, two teachers."""
    with database.sessions.begin() as session:
        board = SchoolBoard(code="CSS01", name="Centre de services scolaire des Deux-Rives")
        session.add(board)
        session.flush()
        primary = School(board_id=board.id, code="ECO01", name="École des Érables", level="primary")
        secondary = School(board_id=board.id, code="SEC01", name="École secondaire du Lac", level="secondary")
        session.add_all([primary, secondary])
        session.flush()
        teacher = Staff(board_id=board.id, school_id=primary.id, last_name="Gagnon", first_name="Julie",
                        email="julie.gagnon@css.example", job_class="3101")
        other = Staff(board_id=board.id, school_id=secondary.id, last_name="Roy", first_name="Marc",
                      email="marc.roy@css.example", job_class="3101")
        session.add_all([teacher, other])
        session.flush()
        group = HomeroomGroup(school_id=primary.id, school_year=2026, code="301", grade=3, responsible_id=teacher.id)
        sec_group = HomeroomGroup(school_id=secondary.id, school_year=2026, code="401", grade=4)
        session.add_all([group, sec_group])
        session.flush()
        math = Subject(board_id=board.id, code="MAT", name="Mathématique")
        session.add(math)
        session.flush()
        course = CourseGroup(school_id=secondary.id, group_id=sec_group.id, subject_id=math.id, code="MAT-401")
        session.add(course)
        session.flush()
        session.add(TeachingAssignment(staff_id=other.id, course_group_id=course.id))
        students = []
        for index, (school, grp, grade) in enumerate(
                [(primary, group, 3), (primary, group, 3), (primary, None, 3), (secondary, sec_group, 4),
                 (secondary, sec_group, 4)]):
            student = Student(board_id=board.id, fiche=f"{1000 + index}", last_name=f"Élève{index}",
                              first_name="Test", birth_date=date(2017, 1, 1 + index), sex="F",
                              school_id=school.id, group_id=grp.id if grp else None, grade=grade,
                              transport_entitled=index == 0)
            session.add(student)
            students.append(student)
        session.flush()
        guardians = [Guardian(board_id=board.id, last_name=f"Parent{i}", first_name="Un",
                              email=f"parent{i}@example.com") for i in range(4)]
        session.add_all(guardians)
        session.flush()
        # Siblings 0 and 1 share guardians 0 and 1; student 2 has guardian 2; student 3 has guardian 3
        # (and guardian 0 as a non-répondant contact); student 4 has none.
        links = [(0, 0, 1), (0, 1, 2), (1, 0, 1), (1, 1, 2), (2, 2, 1), (3, 3, 1), (3, 0, None)]
        session.add_all([StudentGuardian(student_id=students[s].id, guardian_id=guardians[g].id,
                                         respondent_rank=rank) for s, g, rank in links])
        return {"board": board.id, "primary": primary.id, "secondary": secondary.id, "teacher": teacher.id,
                "other_teacher": other.id, "students": [s.id for s in students]}


class HourlySettings(PortalSettings):
    """Each save an hour after the one before (the database's pinned clock is moved), so versions
    have distinct, known times: the first at 9:00."""

    def save(self, changes, comment):
        self.database.clock.advance(hours=1)
        return super().save(changes, comment)


@pytest.fixture
def board(any_db):
    return build_small_board(any_db)


@pytest.fixture
def settings(any_db, board):
    any_db.clock.at = datetime(2026, 11, 23, 8, 0)
    return HourlySettings(any_db)


def _value(settings: PortalSettings, scope: str, code: str | int, key: str) -> object:
    return settings.current_value(settings.target(scope, code), key).value


def _counts(database) -> tuple[int, int, int]:
    with database.sessions() as session:
        return (session.scalar(select(func.count()).select_from(Setting)),
                session.scalar(select(func.count()).select_from(SettingsVersion)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def test_defaults_come_from_the_shipped_policy(settings):
    assert _value(settings, "school", "ECO01", "group_averages") is False
    assert _value(settings, "school", "ECO01", "parent_tiles.results") is True
    assert _value(settings, "school", "ECO01", "registration_window") is None
    assert _value(settings, "school", "ECO01", "soi.teacher_specialist.serious") == "own_only"
    school = settings.current(settings.target("school", "ECO01"))
    assert {v.source for v in school} == {"défaut"}
    assert _value(settings, "staff", settings.staff_members()[0].id, "publishes_email") is False


def test_save_writes_rows_a_version_and_the_audit_log_in_one_go(settings, any_db, board):
    school = settings.target("school", "ECO01")
    changes = [settings.parse_assignment(school, "group_averages=on"),
               settings.parse_assignment(school, "registration_window=2027-02-01..2027-02-20"),
               settings.parse_assignment(school, "parent_tiles.finances=off")]
    version = settings.save(changes, "Comité de parents du 20 novembre")
    assert version is not None and version.comment == "Comité de parents du 20 novembre"
    assert version.os_user == TEST_ACTOR.os_user and version.workstation == TEST_ACTOR.workstation
    assert {(c.key, c.before, c.after) for c in version.changes} == {
        ("group_averages", None, "true"),
        ("registration_window", None, json.dumps({"end": "2027-02-20", "start": "2027-02-01"})),
        ("parent_tiles.finances", None, "false")}
    assert _value(settings, "school", "ECO01", "group_averages") is True
    assert _value(settings, "school", "ECO01", "registration_window") == {"start": "2027-02-01", "end": "2027-02-20"}
    with any_db.sessions() as session:
        audited = session.scalars(
            select(AuditEntry).where(AuditEntry.entity.in_(("setting", "settings_version")))
        ).all()
    assert any(e.action == "settings_saved" and e.after == "Comité de parents du 20 novembre" for e in audited)
    assert any(e.entity == "setting" and e.field == "value" and e.after == "true" for e in audited)


def test_saving_the_current_value_is_not_a_version(settings):
    school = settings.target("school", "ECO01")
    assert settings.save([settings.parse_assignment(school, "parent_tiles.results=on")], "") is None
    assert settings.history() == []


@pytest.mark.parametrize("assignment, fragment", [
    ("parent_tiles.cantine=off", "parent_tiles.<tuile>"),
    ("group_averages=peut-être", "on, off"),
    ("registration_window=2027-03-01..2027-02-01", "AAAA-MM-JJ..AAAA-MM-JJ"),
    ("registration_window=demain", "none"),
    ("soi.parent.serious=everything", "all, own_only, shared_only, none"),
    ("allowed_parent_tiles.results=off", "Clé inconnue"),
    ("group_averages", "CLÉ=VALEUR"),
])
def test_invalid_input_is_refused_with_the_valid_keys_or_values(settings, any_db, assignment, fragment):
    school = settings.target("school", "ECO01")
    before = _counts(any_db)
    with pytest.raises(InvalidInput) as refused:
        settings.save([settings.parse_assignment(school, "group_averages=on"),
                       settings.parse_assignment(school, assignment)], "")
    assert fragment in str(refused.value)
    assert _counts(any_db) == before


def test_unknown_school_names_the_existing_codes(settings):
    with pytest.raises(NotFound, match="ECO01, SEC01"):
        settings.target("school", "XYZ")


def test_school_soi_inherits_the_board_until_overridden(settings):
    board = settings.target("board", "CSS01")
    school = settings.target("school", "ECO01")
    settings.save([settings.parse_assignment(board, "soi.teacher_specialist.serious=none")], "CSS")
    inherited = settings.current_value(school, "soi.teacher_specialist.serious")
    assert (inherited.value, inherited.source, inherited.overridden) == ("none", "centre de services", False)
    settings.save([settings.parse_assignment(school, "soi.teacher_specialist.serious=all")], "École")
    own = settings.current_value(school, "soi.teacher_specialist.serious")
    assert (own.value, own.source, own.overridden) == ("all", "école", True)
    settings.save([settings.parse_assignment(school, "soi.teacher_specialist.serious=default")], "retour")
    assert settings.current_value(school, "soi.teacher_specialist.serious").value == "none"


def test_staff_publishes_email_is_versioned_and_audited(settings, any_db, board):
    staff = settings.target("staff", board["teacher"])
    version = settings.save([settings.parse_assignment(staff, "publishes_email=on")], "Demande de Julie")
    assert [(c.target, c.before, c.after) for c in version.changes] == [(f"staff:{board['teacher']}", "false", "true")]
    with any_db.sessions() as session:
        assert session.get(Staff, board["teacher"]).publishes_email is True
        assert session.scalar(select(AuditEntry).where(AuditEntry.entity == "staff",
                                                       AuditEntry.field == "publishes_email",
                                                       AuditEntry.action == "update")).after == "True"


def test_rollback_restores_exactly_the_earlier_rows(settings, board):
    school = settings.target("school", "ECO01")
    staff = settings.target("staff", board["teacher"])
    first = settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")
    settings.save([settings.parse_assignment(school, "group_averages=off"),
                   settings.parse_assignment(school, "parent_tiles.results=off"),
                   settings.parse_assignment(staff, "publishes_email=on")], "v2")
    rolled = settings.rollback(first.id)
    assert rolled.comment == f"Retour à la version {first.id}"
    assert _value(settings, "school", "ECO01", "group_averages") is True
    results = settings.current_value(school, "parent_tiles.results")
    assert (results.value, results.overridden) == (True, False)  # row removed, not merely set to true
    assert _value(settings, "staff", board["teacher"], "publishes_email") is False
    settings.rollback(0, "Tout annuler")
    assert all(not v.overridden for v in settings.current(school))
    assert [v.comment for v in settings.history()][:2] == ["Tout annuler", f"Retour à la version {first.id}"]


def test_rollback_to_the_latest_version_is_refused(settings):
    school = settings.target("school", "ECO01")
    version = settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")
    with pytest.raises(InvalidInput, match="déjà"):
        settings.rollback(version.id)
    with pytest.raises(NotFound):
        settings.rollback(99)


def test_diff_between_two_dates(settings):
    school = settings.target("school", "ECO01")
    settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")  # 09:00
    settings.save([settings.parse_assignment(school, "parent_tiles.agenda=off")], "v2")  # 10:00
    settings.save([settings.parse_assignment(school, "group_averages=off")], "v3")  # 11:00
    diff = settings.diff(datetime(2026, 11, 23, 8, 30), datetime(2026, 11, 23, 11, 30))
    assert [(d.key, d.at_start, d.at_end) for d in diff] == [("parent_tiles.agenda", "oui (par défaut)", "non")]
    diff = settings.diff(datetime(2026, 11, 23, 9, 30), datetime(2026, 11, 23, 11, 30))
    assert {(d.key, d.at_start, d.at_end) for d in diff} == {("group_averages", "oui", "non"),
                                                              ("parent_tiles.agenda", "oui (par défaut)", "non")}


def test_history_of_a_school_leaves_out_the_other_school(settings):
    settings.save([settings.parse_assignment(settings.target("school", "SEC01"), "group_averages=on")], "Lac")
    settings.save([settings.parse_assignment(settings.target("school", "ECO01"), "group_averages=on")], "Érables")
    settings.save([settings.parse_assignment(settings.target("board", "CSS01"), "allowed_parent_tiles.finances=off")],
                  "CSS")
    assert [v.comment for v in settings.history(settings.target("school", "ECO01"))] == ["CSS", "Érables"]


def test_history_reads_one_page_at_a_time(settings):
    eco, sec = settings.target("school", "ECO01"), settings.target("school", "SEC01")
    for number in range(7):
        target = eco if number % 2 == 0 else sec
        settings.save([settings.parse_assignment(target, f"group_averages={'on' if number % 4 < 2 else 'off'}")],
                      f"v{number + 1}")
    everything = settings.history()
    assert [v.comment for v in everything] == ["v7", "v6", "v5", "v4", "v3", "v2", "v1"]
    first = settings.history(limit=3)
    assert first == everything[:3]
    assert settings.history(limit=3, before_id=first[-1].id) == everything[3:6]
    assert settings.history(before_id=everything[5].id) == everything[6:]
    assert [v.comment for v in settings.history(eco, limit=2)] == ["v7", "v5"]
    assert [v.comment for v in settings.history(eco, limit=2, before_id=everything[2].id)] == ["v3", "v1"]
    assert settings.history(eco, before_id=everything[-1].id) == []


def test_impact_counts_students_and_respondents(settings, board):
    school = settings.target("school", "ECO01")
    impacts = settings.impact([settings.parse_assignment(school, "group_averages=on"),
                               settings.parse_assignment(school, "parent_tiles.results=on"),  # no change
                               settings.parse_assignment(school, "group_averages.secondary=off"),
                               settings.parse_assignment(school, "parent_tiles.transport=off")])
    assert [i.sentence for i in impacts] == [
        "Afficher les moyennes de groupe à l'École des Érables : 3 élèves, 3 répondants",
        "Masquer les moyennes de groupe au secondaire à l'École des Érables : 0 élève, 0 répondant",
        "Masquer la tuile « Transport » aux parents à l'École des Érables : 1 élève, 2 répondants"]
    staff = settings.impact([settings.parse_assignment(settings.target("staff", board["other_teacher"]),
                                                       "publishes_email=on")])
    assert staff[0].sentence == "Publier le courriel aux parents pour Marc Roy : 2 élèves, 1 répondant"
    soi = settings.impact([settings.parse_assignment(settings.target("board", "CSS01"),
                                                     "soi.teacher_specialist.serious=all")])
    assert soi[0].students == 5 and "Enseignant spécialiste" in soi[0].sentence


def test_two_workstations_changing_the_same_key_get_a_conflict(settings, any_db, board):
    other_db = open_database(any_db.url, actor=TEST_ACTOR)
    try:
        here = settings
        there = PortalSettings(other_db)
        school = here.target("school", "ECO01")
        seen_here = here.current_value(school, "group_averages")
        seen_there = there.current_value(school, "group_averages")
        there.save([PendingChange.set("school", school.id, "group_averages", True, seen_there.version)], "poste 2")
        with pytest.raises(EditConflict, match="autre poste"):
            here.save([PendingChange.set("school", school.id, "parent_tiles.agenda", False),
                       PendingChange.set("school", school.id, "group_averages", False, seen_here.version)], "poste 1")
        assert _value(here, "school", "ECO01", "group_averages") is True
        assert _value(here, "school", "ECO01", "parent_tiles.agenda") is True  # nothing of the set was written
        fresh = here.current_value(school, "group_averages")
        here.save([PendingChange.set("school", school.id, "group_averages", False, fresh.version)], "poste 1")
        staff_seen = here.current_value(here.target("staff", board["teacher"]), "publishes_email")
        there.save([PendingChange.set("staff", board["teacher"], "publishes_email", True, staff_seen.version)],
                   "poste 2")
        with pytest.raises(EditConflict):
            here.save([PendingChange.set("staff", board["teacher"], "publishes_email", False, staff_seen.version)],
                      "poste 1")
    finally:
        other_db.close()


def _preview(database, student_id: int, spec) -> dict:
    from desktop.services.visibility.engine import preview
    from desktop.services.visibility.serialize import dossier_json

    with database.sessions() as session:
        return dossier_json(preview(session, student_id, spec, TODAY))


def test_a_saved_change_shows_at_once_in_the_preview_and_rollback_restores_it(settings, any_db, board):
    from desktop.services.visibility.viewers import ViewerSpec

    student = board["students"][0]
    with any_db.sessions() as session:
        guardian = session.scalar(select(StudentGuardian.guardian_id).where(StudentGuardian.student_id == student,
                                                                            StudentGuardian.respondent_rank == 1))
    parent = ViewerSpec.guardian(guardian)
    original = _preview(any_db, student, parent)
    school = settings.target("school", "ECO01")
    version = settings.save([settings.parse_assignment(school, "parent_tiles.results=off"),
                             settings.parse_assignment(school, "show_subjects_and_teachers=off")], "essai")
    changed = _preview(any_db, student, parent)
    tiles = {t["id"]: t for t in changed["tiles"]}
    assert tiles["results"]["visible"] is False
    assert tiles["results"]["reason"]["code"] == "tile_disabled_by_school"
    subjects = next(f for f in tiles["dossier"]["fields"] if f["id"] == "subjects_and_teachers")
    assert subjects["visible"] is False
    settings.rollback(version.id - 1 if version.id > 1 else 0)
    assert _preview(any_db, student, parent) == original


def test_before_after_preview_shows_the_pending_change_without_saving_it(settings, any_db, board):
    school = settings.target("school", "ECO01")
    pending = [settings.parse_assignment(school, "group_averages=on")]
    comparisons = settings.before_after(pending, board["students"][0], TODAY)
    assert [c.before.viewer.role for c in comparisons] == ["parent", "student"]
    assert comparisons[0].before.viewer.kind == "guardian"  # a real répondant, not an abstract parent
    assert "Résultats › Moyenne du groupe : masqué → visible" in [str(d) for d in comparisons[0].differences]
    assert _value(settings, "school", "ECO01", "group_averages") is False
    assert settings.history() == []


def test_a_scoped_rollback_undoes_only_the_school_of_the_version(settings, board):
    """« Revenir à cette version » on ECO01's version never undoes SEC01's later change."""
    primary = settings.target("school", "ECO01")
    secondary = settings.target("school", "SEC01")
    teacher = settings.target("staff", board["teacher"])
    first = settings.save([settings.parse_assignment(primary, "group_averages=on")], "v1 ECO01")
    settings.save([settings.parse_assignment(primary, "group_averages=off"),
                   settings.parse_assignment(teacher, "publishes_email=on")], "v2 ECO01 et son personnel")
    other = settings.save([settings.parse_assignment(secondary, "group_averages=on")], "v3 SEC01")
    plan = settings.rollback_plan(first.id)
    assert plan.targets == ("school:ECO01",)
    assert {(step.change.target, step.change.key) for step in plan.steps} == {
        ("school:ECO01", "group_averages"), (f"staff:{board['teacher']}", "publishes_email")}
    averages = next(step.change for step in plan.steps if step.change.key == "group_averages")
    assert (averages.before_display, averages.after_display) == ("oui", "non")  # back to / now
    assert plan.kept_versions == (other.id,) and len(plan.undone_versions) == 1
    assert _value(settings, "school", "ECO01", "group_averages") is False  # a plan writes nothing
    rolled = settings.rollback_scoped(plan, "Erreur")
    assert rolled.comment == "Erreur"
    assert _value(settings, "school", "ECO01", "group_averages") is True
    assert _value(settings, "staff", board["teacher"], "publishes_email") is False
    assert _value(settings, "school", "SEC01", "group_averages") is True  # the other school's change stays


def test_a_scoped_rollback_refuses_an_out_of_date_plan_and_an_empty_one(settings, board):
    primary = settings.target("school", "ECO01")
    first = settings.save([settings.parse_assignment(primary, "group_averages=on")], "v1")
    settings.save([settings.parse_assignment(primary, "group_averages=off")], "v2")
    plan = settings.rollback_plan(first.id)
    settings.save([settings.parse_assignment(primary, "parent_tiles.results=off")], "v3, meanwhile")
    with pytest.raises(InvalidInput, match="changé depuis"):
        settings.rollback_scoped(plan)
    settings.rollback_scoped(settings.rollback_plan(first.id))
    latest = settings.history()[0]
    assert settings.rollback_plan(latest.id).steps == ()
    with pytest.raises(InvalidInput, match="Rien à annuler"):
        settings.rollback_scoped(settings.rollback_plan(latest.id))


def test_a_board_version_rolls_back_the_board_only(settings, board):
    css = settings.target("board", "CSS01")
    primary = settings.target("school", "ECO01")
    key = "allowed_parent_tiles.finances"
    first = settings.save([settings.parse_assignment(css, f"{key}=off")], "v1 CSS")
    settings.save([settings.parse_assignment(css, f"{key}=on"),
                   settings.parse_assignment(primary, "group_averages=on")], "v2 les deux")
    plan = settings.rollback_plan(first.id)
    assert [step.change.target for step in plan.steps] == ["board:CSS01"]
