"""The "Diagnostic de connexion" page: the form, field-by-field verdicts, the sentence for the parent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop.models import SchoolBoard, Student
from desktop.services.facade import Changes, Vitrail
from desktop.services.formatting import format_date
from desktop.views.context import build_context
from desktop.views.diagnostic_page import DiagnosticPage
from desktop.views.operations import OperationRunner, SynchronousRunner

from support.gui_thread import statements_on_this_thread


def shots_dir(tmp_path: Path) -> Path:
    """Where renders go: $VITRAIL_SHOTS to keep and look at them, else the test's tmp dir."""
    folder = Path(os.environ.get("VITRAIL_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(qtbot, demo_db):
    widget = DiagnosticPage(build_context(Vitrail(demo_db), SynchronousRunner()))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


@pytest.fixture
def student(demo_db):
    with demo_db.sessions() as session:
        row = session.get(Student, 1)
        return row, session.get(SchoolBoard, row.board_id).code


def _fill(page, board, last, first, birth, fiche="", email=""):
    page.board.setCurrentIndex(page.board.findData(board))
    page.last_name.setText(last)
    page.first_name.setText(first)
    page.birth_date.setText(birth)
    page.fiche.setText(fiche)
    page.email.setText(email)


def _texts(page):
    return [label.text() for label in page.findChildren(QLabel) if label.objectName().startswith("verdict_")]


def test_a_parent_with_accents_missing_and_date_swapped_gets_field_verdicts(page, student, qtbot, tmp_path):
    row, board = student
    birth = row.birth_date
    swapped = f"{birth.year}-{birth.day:02d}-{birth.month:02d}" if birth.day <= 12 and birth.day != birth.month \
        else birth.isoformat()
    _fill(page, board, row.last_name.upper(), row.first_name, swapped, fiche=row.fiche, email="inconnu@exemple.ca")
    with qtbot.waitSignal(page.diagnosed, timeout=10000) as blocker:
        page.run_button.click()
    diagnosis = blocker.args[0]
    assert diagnosis.outcome == "no_match"
    codes = {f.code for f in diagnosis.findings}
    assert "name_case" in codes and "email_not_on_file" in codes
    texts = _texts(page)
    assert any("majuscules" in text for text in texts)
    assert any("Conforme au dossier" in text for text in texts)        # the fiche and the first name
    assert "refuserait" in page.verdict.text()
    assert page.advice.text() and row.last_name not in page.advice.text()
    page.show()
    qtbot.waitExposed(page)
    page.grab().save(str(shots_dir(tmp_path) / "diagnostic_page.png"))


def test_exact_answers_match(page, student, qtbot, demo_db):
    row, board = student
    from sqlalchemy import select

    from desktop.models import Guardian, StudentGuardian
    with demo_db.sessions() as session:
        email = session.scalar(select(Guardian.email).join(StudentGuardian).where(
            StudentGuardian.student_id == row.id, Guardian.email.is_not(None)))
    _fill(page, board, row.last_name, row.first_name, row.birth_date.isoformat(), fiche=row.fiche,
          email=email.strip() if email else "")
    with qtbot.waitSignal(page.diagnosed, timeout=10000) as blocker:
        page.run_button.click()
    assert blocker.args[0].outcome == "match"
    assert "associerait" in page.verdict.text()


def test_an_unreadable_birth_date_is_refused_in_french(page, student):
    row, board = student
    _fill(page, board, row.last_name, row.first_name, "le mardi de Pâques", fiche=row.fiche)
    page.run_button.click()
    assert "AAAA-MM-JJ" in page.verdict.text()
    assert "27 juin 2012" in page.verdict.text()


@pytest.mark.parametrize("spoken", ["long", "slashes"])
def test_a_birth_date_typed_as_people_say_it_is_read(page, student, qtbot, spoken):
    row, board = student
    birth = row.birth_date
    typed = format_date(birth) if spoken == "long" else birth.strftime("%d/%m/%Y")
    _fill(page, board, row.last_name, row.first_name, typed, fiche=row.fiche)
    with qtbot.waitSignal(page.diagnosed, timeout=10000) as blocker:
        page.run_button.click()
    assert blocker.args[0].outcome == "match", typed


def test_a_student_changed_elsewhere_is_seen_by_the_next_diagnosis(page, student, qtbot, demo_db):
    row, board = student
    _fill(page, board, row.last_name, row.first_name, row.birth_date.isoformat(), fiche=row.fiche)
    with qtbot.waitSignal(page.diagnosed, timeout=10000):
        page.run_button.click()                     # the student directory is now loaded (and cached)
    with demo_db.sessions.begin() as session:
        session.get(Student, row.id).last_name = "Nouveaunom"
    page.context.runner.announce(Changes(students=frozenset({row.id})))
    page.last_name.setText("Nouveaunom")
    with qtbot.waitSignal(page.diagnosed, timeout=10000) as blocker:
        page.run_button.click()
    assert not any(f.field == "last_name" for f in blocker.args[0].findings)


def test_the_page_reads_nothing_on_the_gui_thread(qtbot, student, demo_db):
    row, board = student
    with statements_on_this_thread(demo_db) as on_gui_thread:
        widget = DiagnosticPage(build_context(Vitrail(demo_db), OperationRunner()))
        qtbot.addWidget(widget)
        qtbot.waitUntil(lambda: widget.board.findData(board) >= 0, timeout=10000)
        _fill(widget, board, row.last_name, row.first_name, row.birth_date.isoformat(), fiche=row.fiche)
        with qtbot.waitSignal(widget.diagnosed, timeout=10000) as blocker:
            widget.run_button.click()
            assert not widget.run_button.isEnabled()
    assert blocker.args[0].student_id == row.id and widget.run_button.isEnabled()
    assert on_gui_thread == []


def test_every_result_opens_the_students_file_on_the_guardian(page, student, demo_db, qtbot):
    from sqlalchemy import select

    from desktop.models import Guardian, StudentGuardian

    row, board = student
    with demo_db.sessions() as session:
        guardian_id, email = session.execute(
            select(Guardian.id, Guardian.email).join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
            .where(StudentGuardian.student_id == row.id, Guardian.email.is_not(None))
            .order_by(Guardian.id)).first()
    calls = []
    page.context.navigate = lambda name, **target: calls.append((name, target))
    _fill(page, board, row.last_name, row.first_name, row.birth_date.isoformat(), fiche=row.fiche, email=email)
    with qtbot.waitSignal(page.diagnosed, timeout=10000):
        page.run_button.click()
    assert page.open_file_button.isVisibleTo(page)
    page.open_file_button.click()
    assert calls == [("students", {"student_id": row.id, "guardian_id": guardian_id, "field": "email"})]
