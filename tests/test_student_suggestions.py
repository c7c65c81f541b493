"""A student search that forgives spelling: « Vouliez-vous dire : Bolduc ? » on the demo board."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtTest import QTest
from sqlalchemy import select

from desktop.models import Student
from desktop.services.facade import Vitrail
from desktop.services.students import load_student_index
from desktop.services.students.index import FEW_RESULTS
from desktop.services.text import student_search_key
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner


@pytest.fixture
def demo_with_a_bolduc(demo_db):
    """The demo board's names come from Faker, which has no Bolduc: one student is renamed so."""
    with demo_db.sessions() as session:
        student = session.scalars(select(Student).order_by(Student.id).limit(1)).one()
        student.last_name = "Bolduc"
        student.search_key = student_search_key(student.last_name, student.first_name, student.fiche,
                                                student.code_permanent)
        session.commit()
    return demo_db


@pytest.mark.parametrize(("typed", "meant"), [
    ("Bolduk", "Bolduc"), ("Beatrise", "Béatrice"), ("Rodrigues", "Rodriguez"), ("bolduk", "Bolduc"),
])
def test_misspelled_names_get_the_closest_real_name(demo_with_a_bolduc, typed, meant):
    index = load_student_index(demo_with_a_bolduc)
    assert len(index.search(typed)) < FEW_RESULTS
    suggestions = index.suggest(typed)
    assert suggestions and suggestions[0].label == meant
    assert len(index.search(suggestions[0].query)) == suggestions[0].count > 0


def test_suggestions_are_the_same_every_time_and_fast(demo_with_a_bolduc):
    index = load_student_index(demo_with_a_bolduc)
    first = index.suggest("Beatrise")
    started = time.perf_counter()
    for _ in range(20):
        assert index.suggest("Beatrise") == first
    assert (time.perf_counter() - started) / 20 < 0.05


def test_nothing_close_suggests_nothing_and_a_fiche_is_never_respelled(demo_with_a_bolduc):
    index = load_student_index(demo_with_a_bolduc)
    assert index.suggest("xqzwv") == []
    assert index.suggest("") == []
    assert all(s.query.split()[-1] == "999" for s in index.suggest("Bolduk 999"))


def test_the_students_page_offers_the_suggestion_and_a_click_uses_it(qtbot, demo_with_a_bolduc, tmp_path):
    window = build_main_window(Vitrail(demo_with_a_bolduc), SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.pages["students"]
    QTest.keyClicks(page.search, "Bolduk")
    assert page.model.rowCount() == 0
    assert page.suggestions.isVisible()
    assert "Vouliez-vous dire\u00a0:" in page.suggestions.text() and "Bolduc" in page.suggestions.text()
    window.grab().save(os.environ.get("VITRAIL_SHOTS", str(tmp_path)) + "/students_suggestion.png")
    page.suggestions.linkActivated.emit("0")
    assert page.search.text() == "Bolduc"
    assert page.model.rowCount() >= 1
    assert not page.suggestions.isVisible()
