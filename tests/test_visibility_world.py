"""A small hand-made board where every visibility rule has something to decide, and role derivation tests.

The demo board is random; the tables of visibility.md need known rows: one observation of each
SOI category by known authors, shared and not, inside and outside the history windows; results
in a taught and a non-taught subject; report cards from this board and another; guardians with
an email, without, shared and invalid. Other visibility test files import ``build_world``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest

from desktop.models import (
    AccountStatement,
    Attendance,
    Competency,
    Contact,
    CourseGroup,
    Detention,
    FinalResult,
    FollowUpEvent,
    GroupAverage,
    Guardian,
    HomeroomGroup,
    Homework,
    Intervention,
    Message,
    Observation,
    ReportCard,
    Result,
    ScheduleEntry,
    School,
    SchoolBoard,
    SharedResource,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    SupportPlan,
    TeachingAssignment,
)
from desktop.services.visibility.engine import preview
from desktop.services.visibility.viewers import ViewerSpec

TODAY = date(2026, 11, 23)
YEAR = 2026


@dataclass
class World:
    """Ids of the rows the tests talk about."""

    board: int
    other_board: int
    secondary: int
    primary: int
    student: int  # secondary 5, group 501, transport entitled
    primary_student: int  # primary 3, group 301, not entitled
    staff: dict[str, int]
    guardians: dict[str, int]
    texts: dict[str, str]  # observation/intervention texts by label


def _staff(session, board, school, first, last, job, email="", publishes=False) -> Staff:
    staff = Staff(board_id=board.id, school_id=school.id if school else None, first_name=first, last_name=last,
                  job_class=job, email=email, publishes_email=publishes)
    session.add(staff)
    session.flush()
    return staff


def build_world(database) -> World:  # noqa: PLR0915 (one readable story of a board)
    with database.sessions() as session, session.begin():
        board = SchoolBoard(code="CSS01", name="Centre de services des Navigateurs")
        other = SchoolBoard(code="CSS99", name="Centre de services des Ailleurs")
        session.add_all([board, other])
        session.flush()
        sec = School(board_id=board.id, code="ECO-S", name="École secondaire du Fleuve", level="secondary",
                     address="100 rue du Fleuve, Lévis", phone="418 555-1000", fax="418 555-1001",
                     email="fleuve@css01.example", direction_names="Hélène Gagnon")
        pri = School(board_id=board.id, code="ECO-P", name="École des Bouleaux", level="primary",
                     address="5 rue des Bouleaux", phone="418 555-2000", email="bouleaux@css01.example")
        far = School(board_id=other.id, code="ECO-X", name="École d'ailleurs", level="secondary")
        session.add_all([sec, pri, far])
        session.flush()
        staff = {
            "director": _staff(session, board, sec, "Hélène", "Gagnon", "0201"),
            "board_director": _staff(session, board, None, "Paul", "Bédard", "1000"),
            "homeroom": _staff(session, board, sec, "Marie", "Roy", "3101", "marie.roy@css01.example", True),
            "specialist": _staff(session, board, sec, "Luc", "Caron", "3101", "luc.caron@css01.example"),
            "other_teacher": _staff(session, board, sec, "Anne", "Fortin", "3101"),
            "not_teaching": _staff(session, board, sec, "Jean", "Pelletier", "3101"),
            "psychologist": _staff(session, board, sec, "Sophie", "Lévesque", "2201"),
            "remedial": _staff(session, board, sec, "Nadia", "Morin", "2210"),
            "secretary": _staff(session, board, sec, "Julie", "Côté", "5113"),
            "tos": _staff(session, board, sec, "Marc", "Ouellet", "4215"),
            "primary_homeroom": _staff(session, board, pri, "Claire", "Dubé", "3101", "claire.dube@css01.example"),
            "stranger": _staff(session, other, far, "Yves", "Autre", "3101"),
        }
        g501 = HomeroomGroup(school_id=sec.id, school_year=YEAR, code="501", grade=5,
                             responsible_id=staff["homeroom"].id)
        g301 = HomeroomGroup(school_id=pri.id, school_year=YEAR, code="301", grade=3,
                             responsible_id=staff["primary_homeroom"].id)
        session.add_all([g501, g301])
        session.flush()
        subjects = {}
        for code, name in (("MAT", "Mathématique"), ("FRA", "Français"), ("ANG", "Anglais")):
            subject = Subject(board_id=board.id, code=code, name=name)
            session.add(subject)
            session.flush()
            competency = Competency(subject_id=subject.id, code=f"{code}1", name=f"Compétence 1 en {name}")
            session.add(competency)
            session.flush()
            subjects[code] = (subject, competency)
        teachers = {"MAT": staff["specialist"], "FRA": staff["homeroom"], "ANG": staff["other_teacher"]}
        groups = {}
        for code, (subject, _) in subjects.items():
            cg = CourseGroup(school_id=sec.id, group_id=g501.id, subject_id=subject.id, code=f"{code}-501")
            session.add(cg)
            session.flush()
            session.add(TeachingAssignment(staff_id=teachers[code].id, course_group_id=cg.id))
            session.add(ScheduleEntry(course_group_id=cg.id, cycle_day=1, period=len(groups) + 1,
                                      start_time="08:15", end_time="09:30", room=f"A-{100 + len(groups)}"))
            session.add(Homework(course_group_id=cg.id, due_on=date(2026, 11, 25), kind="assessment",
                                 title=f"Évaluation de {subject.name}"))
            groups[code] = cg
        cg301 = CourseGroup(school_id=pri.id, group_id=g301.id, subject_id=subjects["FRA"][0].id, code="FRA-301")
        session.add(cg301)
        session.flush()
        session.add(TeachingAssignment(staff_id=staff["primary_homeroom"].id, course_group_id=cg301.id))

        student = Student(board_id=board.id, fiche="1000001", code_permanent="TREM12345678", last_name="Tremblay",
                          first_name="Léa", birth_date=date(2009, 4, 2), sex="F", school_id=sec.id, group_id=g501.id,
                          grade=5, transport_entitled=True, transport_details="Circuit 42, arrêt rue Dollard",
                          active_watch=True)
        small = Student(board_id=board.id, fiche="1000002", code_permanent=None, last_name="Gagné",
                        first_name="Noah", birth_date=date(2018, 6, 1), sex="M", school_id=pri.id, group_id=g301.id,
                        grade=3, transport_entitled=False)
        session.add_all([student, small])
        session.flush()
        guardians = {
            "mother": Guardian(board_id=board.id, first_name="Isabelle", last_name="Tremblay",
                               email="isabelle.tremblay@courriel.example", home_phone="418 555-0101",
                               cell_phone="418 555-0102", work_phone="418 555-0103", other_phone="418 555-0104",
                               address="12 rue des Érables, Lévis"),
            "father": Guardian(board_id=board.id, first_name="Pierre", last_name="Tremblay", email=None,
                               cell_phone="418 555-0202"),
            "shared_a": Guardian(board_id=board.id, first_name="Karine", last_name="Gagné",
                                 email="famille.gagne@courriel.example"),
            "shared_b": Guardian(board_id=board.id, first_name="Éric", last_name="Gagné",
                                 email="Famille.Gagne@courriel.example "),
            "invalid": Guardian(board_id=board.id, first_name="Rose", last_name="Gagné", email="rose@@gmial"),
        }
        session.add_all(guardians.values())
        session.flush()
        session.add_all([
            StudentGuardian(student_id=student.id, guardian_id=guardians["mother"].id, respondent_rank=1,
                            relationship_label="Mère"),
            StudentGuardian(student_id=student.id, guardian_id=guardians["father"].id, respondent_rank=2,
                            relationship_label="Père"),
            StudentGuardian(student_id=small.id, guardian_id=guardians["shared_a"].id, respondent_rank=1,
                            relationship_label="Mère"),
            StudentGuardian(student_id=small.id, guardian_id=guardians["shared_b"].id, respondent_rank=2,
                            relationship_label="Père"),
            StudentGuardian(student_id=small.id, guardian_id=guardians["invalid"].id, respondent_rank=None,
                            relationship_label="Tutrice"),
            Contact(student_id=student.id, name="Gisèle Tremblay", phone="418 555-0909",
                    relationship_label="Grand-mère", is_emergency=True),
        ])
        for code, (_subject, competency) in subjects.items():
            cg = groups[code]
            session.add(Result(student_id=student.id, course_group_id=cg.id, competency_id=competency.id,
                               school_year=YEAR, term=1, value={"MAT": 81.0, "FRA": 74.0, "ANG": 92.0}[code]))
            session.add(FinalResult(student_id=student.id, course_group_id=cg.id, school_year=YEAR,
                                    value={"MAT": 80.5, "FRA": 73.5, "ANG": 91.5}[code]))
            session.add(GroupAverage(course_group_id=cg.id, competency_id=competency.id, term=1,
                                     value={"MAT": 70.25, "FRA": 71.25, "ANG": 72.25}[code]))
        session.add_all([
            ReportCard(student_id=student.id, school_year=YEAR, term=1, school_id=sec.id, board_id=board.id,
                       file_name="bulletin-2026-1.pdf"),
            ReportCard(student_id=student.id, school_year=YEAR - 1, term=3, school_id=sec.id, board_id=board.id,
                       file_name="bulletin-2025-3.pdf"),
            ReportCard(student_id=student.id, school_year=YEAR - 2, term=3, school_id=far.id, board_id=other.id,
                       file_name="bulletin-ailleurs-2024-3.pdf"),
            Attendance(student_id=student.id, school_year=YEAR, occurred_on=date(2026, 11, 10), kind="absence",
                       reason="Maladie", period=2, course_group_id=groups["MAT"].id, term=1),
            Attendance(student_id=student.id, school_year=YEAR, occurred_on=date(2026, 11, 12), kind="lateness",
                       reason="Autobus en retard", period=1, course_group_id=groups["ANG"].id, term=1),
            Attendance(student_id=student.id, school_year=YEAR, occurred_on=date(2026, 11, 3), kind="absence",
                       reason="Rendez-vous médical", period=1, course_group_id=None, term=1),
            Detention(student_id=student.id, school_year=YEAR, scheduled_on=date(2026, 11, 27),
                      reason="Retards répétés", staff_id=staff["director"].id),
            SupportPlan(student_id=student.id, school_year=YEAR, kind="intervention", started_on=date(2026, 10, 1),
                        summary="Soutien en organisation du travail", document_name="pi-tremblay-2026.pdf"),
            SupportPlan(student_id=student.id, school_year=YEAR, kind="preventive", started_on=date(2026, 9, 15),
                        summary="Plan préventif lecture"),
            FollowUpEvent(student_id=student.id, school_year=YEAR, occurred_on=date(2026, 11, 13),
                          protocol="Protocole absences", description="Troisième absence non motivée"),
            AccountStatement(student_id=student.id, school_year=YEAR, kind="school", generated_on=date(2026, 10, 1),
                             balance=125.50),
            AccountStatement(student_id=student.id, school_year=YEAR - 1, kind="tax_slip",
                             generated_on=date(2026, 2, 20), balance=0),
            Message(school_id=sec.id, group_id=g501.id, author_id=staff["homeroom"].id,
                    published_at=datetime(2026, 11, 20, 15, 0), title="Sortie au musée", body="Autorisation à signer."),
            SharedResource(board_id=board.id, school_id=None, course_group_id=groups["MAT"].id,
                           title="Exercices de révision", url="https://ressources.example/mat"),
        ])
        texts = {}

        def observe(label, category, author, year, shared, when) -> None:
            text = f"Observation {label} de {author}"
            texts[label] = text
            session.add(Observation(student_id=student.id, school_year=year, category=category,
                                    author_id=staff[author].id, observed_on=when, text=text,
                                    shared_with_parents=shared))

        for category in ("positive", "to_watch", "to_modify", "serious"):
            observe(f"{category}-shared", category, "other_teacher", YEAR, True, date(2026, 11, 2))
            observe(f"{category}-private", category, "other_teacher", YEAR, False, date(2026, 11, 3))
            for author in ("specialist", "not_teaching", "secretary", "remedial"):
                observe(f"{category}-by-{author}", category, author, YEAR, False, date(2026, 11, 4))
        observe("positive-two-years-ago", "positive", "other_teacher", YEAR - 2, True, date(2024, 12, 1))
        observe("positive-last-year", "positive", "other_teacher", YEAR - 1, True, date(2025, 12, 1))
        for author in ("other_teacher", "secretary"):
            text = f"Intervention de {author}"
            texts[f"intervention-by-{author}"] = text
            session.add(Intervention(student_id=student.id, school_year=YEAR, author_id=staff[author].id,
                                     done_on=date(2026, 11, 5), text=text))
        texts["intervention-last-year"] = "Intervention de l'an dernier"
        session.add(Intervention(student_id=student.id, school_year=YEAR - 1, author_id=staff["psychologist"].id,
                                 done_on=date(2026, 3, 5), text="Intervention de l'an dernier"))
        session.flush()
        return World(board=board.id, other_board=other.id, secondary=sec.id, primary=pri.id, student=student.id,
                     primary_student=small.id, staff={k: v.id for k, v in staff.items()},
                     guardians={k: v.id for k, v in guardians.items()}, texts=texts)


@pytest.fixture
def world_db(any_db):
    return any_db, build_world(any_db)


def _view(database, world, spec, student=None):
    with database.sessions() as session:
        return preview(session, student or world.student, spec, TODAY)


@pytest.mark.parametrize(("who", "role", "subjects", "derivation"), [
    ("director", "direction", (), "Direction : corps d'emploi 0201 (Directeur d'école)."),
    ("board_director", "direction", (), "Direction : corps d'emploi 1000 (Directeur général du centre de services)."),
    ("homeroom", "teacher_homeroom", (), "Enseignant titulaire du groupe 501."),
    ("specialist", "teacher_specialist", ("MAT",), "Enseignant spécialiste : enseigne MAT-501 (MAT) à l'élève."),
    ("not_teaching", "teacher_not_teaching", (),
     "Enseignant (corps d'emploi 3101 (Enseignant)) qui n'enseigne pas à l'élève."),
    ("psychologist", "support_psychosocial", (),
     "Intervenant en soutien psychosocial (Intervenant 1) : corps d'emploi 2201 (Psychologue)."),
    ("remedial", "support_pedagogical", (),
     "Intervenant en soutien pédagogique (Intervenant 2) : corps d'emploi 2210 (Orthopédagogue)."),
    ("secretary", "support_non_teaching", (),
     "Intervenant personnel non enseignant (Intervenant 3) : corps d'emploi 5113 (Secrétaire d'école)."),
    ("tos", "support_non_teaching", (),
     "Intervenant personnel non enseignant (Intervenant 3) : corps d'emploi 4215 (Technicien en organisation "
     "scolaire (TOS))."),
])
def test_role_of_a_real_staff_member_is_derived_in_the_spec_order(world_db, who, role, subjects, derivation):
    database, world = world_db
    view = _view(database, world, ViewerSpec.staff(world.staff[who]))
    assert (view.viewer.kind, view.viewer.role, view.viewer.subject_codes) == ("staff", role, subjects)
    assert view.viewer.derivation == derivation
    assert view.access.granted


def test_the_homeroom_teacher_of_one_group_is_a_teacher_not_teaching_for_another_student(world_db):
    database, world = world_db
    view = _view(database, world, ViewerSpec.staff(world.staff["homeroom"]), student=world.primary_student)
    assert view.viewer.role == "teacher_not_teaching"


def test_staff_of_another_board_gets_no_access(world_db):
    database, world = world_db
    view = _view(database, world, ViewerSpec.staff(world.staff["stranger"]))
    assert not view.access.granted and view.access.reason.code == "staff_other_board"
    assert view.tiles == ()


@pytest.mark.parametrize(("who", "expected"), [
    ("director", {"Biblius (bibliothèque numérique)", "Ma classe", "Communications massives",
                  "Espace Données (dStudio, dVision)"}),
    ("tos", {"Biblius (bibliothèque numérique)", "Ma classe"}),
    ("specialist", {"Biblius (bibliothèque numérique)", "Ma classe"}),
    ("board_director", {"Espace Données (dStudio, dVision)", "Communications massives"}),
])
def test_home_spaces_follow_the_job_class(world_db, who, expected):
    database, world = world_db
    spaces = set(_view(database, world, ViewerSpec.staff(world.staff[who])).home_spaces)
    assert expected <= spaces
    group_access = "Accès aux groupes (planification et évaluation en lecture ; saisie des résultats du bulletin)"
    assert (group_access in spaces) == (who in ("director", "tos", "board_director"))
    assert ("Communications massives" in spaces) == (who in ("director", "board_director"))
