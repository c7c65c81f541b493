"""Printing services: one dossier, a batch into one PDF or one file per student, audit, cancel."""

from __future__ import annotations

import pypdf
import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry, HomeroomGroup, School, Student
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.reports.base import NBSP
from desktop.services.reports.batch import (
    Selection,
    StudentRef,
    file_name,
    format_duration,
    print_batch,
    print_dossier,
    select_students,
)
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TEST_ACTOR, TODAY

PARENT_ROLE = ViewerSpec.abstract("parent")
DIRECTION = ViewerSpec.abstract("direction")


def _a_group(database) -> tuple[str, str, list[Student]]:
    """(school code, group code, its students) of the largest current homeroom group."""
    with database.sessions() as session:
        group_id, count = session.execute(
            select(Student.group_id, func.count()).join(HomeroomGroup, Student.group_id == HomeroomGroup.id)
            .where(HomeroomGroup.school_year == 2026).group_by(Student.group_id)
            .order_by(func.count().desc(), Student.group_id)).first()
        group = session.get(HomeroomGroup, group_id)
        school = session.get(School, group.school_id)
        students = session.scalars(select(Student).where(Student.group_id == group_id)).all()
        assert count >= 4
        return school.code, group.code, list(students)


def _printed_events(database) -> list[AuditEntry]:
    with database.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "printed").order_by(AuditEntry.id)))


@pytest.fixture
def out(tmp_path):
    """An empty output folder (the demo database lives in tmp_path itself)."""
    folder = tmp_path / "impression"
    folder.mkdir()
    return folder


def _plain(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def test_printing_one_dossier_writes_the_pdf_and_records_who_printed_whose_file_for_whom(demo_db, out):
    _, _, students = _a_group(demo_db)
    student = students[0]
    target = out / "dossier.pdf"
    printed = print_dossier(demo_db, student.id, DIRECTION, TODAY, target, printed_on=TODAY)
    reader = pypdf.PdfReader(target)
    assert printed.pages == len(reader.pages) >= 1
    first = _plain(reader.pages[0].extract_text())
    assert f"fiche {student.fiche}" in first
    assert f"préparé pour Direction par {TEST_ACTOR.os_user} le 23 novembre 2026 — page 1 de {printed.pages}" in first
    events = _printed_events(demo_db)
    assert len(events) == 1
    event = events[0]
    assert (event.entity, event.entity_id, event.os_user, event.workstation) == (
        "student", student.id, TEST_ACTOR.os_user, TEST_ACTOR.workstation)
    assert event.after == "Direction — dossier.pdf"
    assert [p.name for p in out.iterdir()] == ["dossier.pdf"]


def test_batch_one_file_per_student_named_by_fiche_and_name(demo_db, out):
    school, group, students = _a_group(demo_db)
    seen = []
    result = print_batch(demo_db, Selection(group_code=group, school_code=school), PARENT_ROLE, TODAY,
                         directory=out, printed_on=TODAY, progress=seen.append)
    expected = sorted(file_name(StudentRef(s.id, s.fiche, s.last_name, s.first_name)) for s in students)
    assert sorted(p.name for p in out.iterdir()) == expected
    assert all(name.startswith(tuple(s.fiche + "_" for s in students)) for name in expected)
    assert result.students == len(students) and not result.cancelled
    assert [p.done for p in seen] == list(range(len(students) + 1))
    assert seen[-1].total == len(students) and seen[1].remaining is not None
    assert seen[1].text().startswith(f"1 sur {len(students)} — ") and "restantes" in seen[1].text()
    one = next(s for s in students)
    reader = pypdf.PdfReader(out / file_name(StudentRef(one.id, one.fiche, one.last_name, one.first_name)))
    assert f"{one.first_name} {one.last_name}" in reader.pages[0].extract_text()
    assert {e.entity_id for e in _printed_events(demo_db)} == {s.id for s in students}


def test_batch_into_one_pdf_restarts_page_numbers_for_each_student(demo_db, out):
    school, group, students = _a_group(demo_db)
    target = out / "groupe.pdf"
    result = print_batch(demo_db, Selection(group_code=group, school_code=school), PARENT_ROLE, TODAY, pdf=target)
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == result.pages
    firsts = [page for page in reader.pages if "page 1 de" in page.extract_text()]
    assert len(firsts) == len(students)
    assert [p.name for p in out.iterdir()] == ["groupe.pdf"]


@pytest.mark.parametrize("one_file", [True, False], ids=["one-pdf", "per-student"])
def test_batch_cancelled_halfway_leaves_no_file_and_records_nothing(demo_db, out, one_file):
    school, group, students = _a_group(demo_db)
    halfway = len(students) // 2
    seen = []

    def should_stop() -> bool:
        return len(seen) > halfway

    output = dict(pdf=out / "groupe.pdf") if one_file else dict(directory=out)
    result = print_batch(demo_db, Selection(group_code=group, school_code=school), PARENT_ROLE, TODAY,
                         progress=seen.append, should_stop=should_stop, **output)
    assert result.cancelled and result.files == ()
    assert seen[-1].done == halfway
    assert list(out.iterdir()) == []
    assert _printed_events(demo_db) == []


def test_a_failure_raised_from_progress_also_cleans_up(demo_db, out):
    """The GUI cancels by raising from the progress callback (Progress.check)."""
    school, group, _ = _a_group(demo_db)

    class Stop(Exception):
        pass

    def progress(update) -> None:
        if update.done == 2:
            raise Stop()

    with pytest.raises(Stop):
        print_batch(demo_db, Selection(group_code=group, school_code=school), PARENT_ROLE, TODAY,
                    directory=out, progress=progress)
    assert list(out.iterdir()) == []


def test_selection_errors_are_french_and_write_nothing(demo_db, out):
    with pytest.raises(NotFound, match="Aucun groupe « ZZZ »"):
        print_batch(demo_db, Selection(group_code="ZZZ"), PARENT_ROLE, TODAY, directory=out)
    with pytest.raises(NotFound, match="Aucune école"):
        print_batch(demo_db, Selection(school_code="0000"), PARENT_ROLE, TODAY, directory=out)
    with pytest.raises(InvalidInput, match="n'existe pas"):
        print_batch(demo_db, Selection(school_code="0000"), PARENT_ROLE, TODAY, directory=out / "absent")
    with pytest.raises(InvalidInput, match="soit un fichier PDF unique, soit un dossier"):
        print_batch(demo_db, Selection(school_code="0000"), PARENT_ROLE, TODAY)
    assert list(out.iterdir()) == []


def test_school_selection_takes_every_student_of_the_school(demo_db):
    with demo_db.sessions() as session:
        school = session.scalars(select(School).order_by(School.code)).first()
        expected = session.scalar(select(func.count()).select_from(Student).where(Student.school_id == school.id))
        assert len(select_students(session, Selection(school_code=school.code), TODAY)) == expected


def test_file_names_and_durations_read_well():
    assert file_name(StudentRef(1, "0012345", "Côté-Gagnon", "Zoé")) == "0012345_Cote-Gagnon_Zoe.pdf"
    assert file_name(StudentRef(1, "0012345", "O'Neil", "Chloë Œuvre")) == "0012345_O-Neil_Chloe-Oeuvre.pdf"
    assert format_duration(42) == f"42{NBSP}s"
    assert format_duration(80).replace(NBSP, " ") == "1 min 20 s"
    assert format_duration(7500).replace(NBSP, " ") == "2 h 05 min"
    assert format_duration(0.2) == f"0,2{NBSP}s"
