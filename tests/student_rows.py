"""A handful of students and guardians written row by row, for tests that need exact names.

The demo board is realistic but random; these rows are the cases the student search and the
email editor must get right: accents, compound and hyphenated surnames, a guardian shared by two
siblings, a guardian without email, an email with a typo domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.models import Contact, Guardian, HomeroomGroup, School, SchoolBoard, Student, StudentGuardian
from desktop.services.storage import Database
from desktop.services.text import student_search_key


@dataclass
class SmallBoard:
    students: dict[str, int]   # first name → student id
    guardians: dict[str, int]  # first name → guardian id


STUDENTS = (
    # first, last, fiche, code permanent, birth, school, group
    ("Élodie", "Côté", "1000001", "COTE12560901", date(2012, 6, 9), "ECO-A", "601"),
    ("Maxime", "Côté", "1000002", "COTM14030501", date(2014, 3, 5), "ECO-A", "401"),
    ("Noah", "St-Pierre Gagnon", "1000003", "STPN13110201", date(2013, 11, 2), "ECO-A", "501"),
    ("Zoé", "O'Neil", "1000004", None, date(2011, 1, 20), "SEC-B", "101"),
    ("Léa", "Tremblay", "2000005", "TREL10072201", date(2010, 7, 22), "SEC-B", "201"),
    ("Marie-Ève", "Tremblay-Bélanger", "2000006", "TREM09040801", date(2009, 4, 8), "SEC-B", "301"),
)


def seed_small_board(database: Database) -> SmallBoard:
    """Two schools, six students; the two Côté children share their guardians."""
    with database.sessions() as session, session.begin():
        board = SchoolBoard(code="CSS-TEST", name="Centre de services scolaire de test")
        schools = {
            "ECO-A": School(board=board, code="ECO-A", name="École des Érables", level="primary"),
            "SEC-B": School(board=board, code="SEC-B", name="École secondaire du Boisé", level="secondary"),
        }
        session.add_all([board, *schools.values()])
        session.flush()
        groups: dict[str, HomeroomGroup] = {}
        students: dict[str, Student] = {}
        for first, last, fiche, code, birth, school_code, group_code in STUDENTS:
            group = groups.get(group_code) or HomeroomGroup(
                school=schools[school_code], school_year=2026, code=group_code, grade=int(group_code[0]))
            groups[group_code] = group
            student = Student(
                board=board, fiche=fiche, code_permanent=code, last_name=last, first_name=first,
                birth_date=birth, sex="F" if first in ("Élodie", "Zoé", "Léa", "Marie-Ève") else "M",
                school=schools[school_code], group=group, grade=group.grade, transport_entitled=True,
                transport_details="Autobus 12, arrêt rue des Pins",
                search_key=student_search_key(last, first, fiche, code))
            students[first] = student
            session.add(student)
        guardians = {
            "Julie": Guardian(board_id=board.id, first_name="Julie", last_name="Côté", email="julie.cote@videotron.ca",
                              cell_phone="514 555-0101", home_phone="514 555-0100"),
            "François": Guardian(board_id=board.id, first_name="François", last_name="Côté", email=None,
                                 work_phone="514 555-0199"),
            "Nadia": Guardian(board_id=board.id, first_name="Nadia", last_name="Gagnon", email="nadia.gagnon@gmial.com",
                              cell_phone="450 555-0142"),
            "Sophie": Guardian(board_id=board.id, first_name="Sophie", last_name="Tremblay",
                               email="sophie.t@hotmail.com", cell_phone="418 555-0177"),
        }
        session.add_all(guardians.values())
        links = (
            ("Élodie", "Julie", 1, "Mère"), ("Élodie", "François", 2, "Père"),
            ("Maxime", "Julie", 1, "Mère"), ("Maxime", "François", 2, "Père"),
            ("Noah", "Nadia", 1, "Mère"), ("Léa", "Sophie", 1, "Mère"),
        )
        for child, parent, rank, label in links:
            session.add(StudentGuardian(student=students[child], guardian=guardians[parent],
                                        respondent_rank=rank, relationship_label=label, lives_with=True))
        session.add(Contact(student=students["Élodie"], name="Louise Côté", phone="514 555-0123",
                            relationship_label="Grand-mère", is_emergency=True))
        session.flush()
        return SmallBoard({k: v.id for k, v in students.items()}, {k: v.id for k, v in guardians.items()})
