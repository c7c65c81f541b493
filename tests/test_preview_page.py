"""The Aperçu page: pick a student and viewers, see the file as they see it, and why; screenshots."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.models import Setting
from desktop.services.facade import Changes, Vitrail
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import build_context
from desktop.views.operations import SynchronousRunner
from desktop.views.preview_page import PreviewPage
from desktop.views.preview_viewers_model import ViewerChoicesModel, ViewerSpecRole
from desktop.views.preview_widgets import TileFrame, WhyLine

from test_visibility_world import build_world

SHOTS = Path(os.environ.get("VITRAIL_SCREENSHOTS", "/tmp/vitrail-shots"))


@pytest.fixture
def world_db(empty_db):
    return empty_db, build_world(empty_db)


@pytest.fixture
def page(qtbot, world_db):
    database, world = world_db
    navigations = []

    def navigate(name, **target):
        if name not in ("students",):
            raise KeyError(name)
        navigations.append((name, target))

    context = replace(build_context(Vitrail(database), SynchronousRunner()), navigate=navigate)
    widget = PreviewPage(context)
    qtbot.addWidget(widget)
    widget.resize(1500, 1000)
    widget.navigations = navigations
    if not widget.index_ready:
        with qtbot.waitSignal(widget.index_loaded, timeout=10000):
            pass
    return widget


def _tiles(page) -> list[TileFrame]:
    return page.content.findChildren(TileFrame)


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.show()
    assert page.grab().save(str(path))
    return path


def _visible_text(page) -> str:
    return "\n".join(label.text() for label in page.content.findChildren(QLabel) if not label.isHidden()
                     and label.objectName() != "why_text")


def test_parent_view_looks_like_the_portal(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    titles = [frame.tile.label for frame in _tiles(page)]
    assert titles[:3] == ["Agenda", "Absences", "Devoirs et leçons"]
    assert "Nous joindre" in page.contact.text() and page.contact.isVisibleTo(page)
    text = _visible_text(page)
    assert "bulletin-2025-3.pdf" in text
    assert "bulletin-ailleurs-2024-3.pdf" not in text  # another board's report card never shows
    _shot(page, "apercu-parent")


def test_specialist_teacher_sees_taught_subject_only(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.staff(world.staff["specialist"]))
    derivation = page.content.findChild(QLabel, "viewer_derivation").text()
    assert "Enseignant spécialiste : enseigne MAT-501 (MAT)" in derivation
    evaluation = next(f for f in _tiles(page) if f.tile.id == "evaluation")
    results = evaluation.findChild(QLabel, "value_results_by_competency").text()
    assert "Mathématique" in results and "Anglais" not in results
    _shot(page, "apercu-specialiste")


def test_non_teaching_staff_and_why_explains_the_rule(page, world_db, qtbot):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.staff(world.staff["secretary"]))
    evaluation = next(f for f in _tiles(page) if f.tile.id == "evaluation")
    why = evaluation.findChild(WhyLine)
    assert not why.explanation.isVisibleTo(page)
    why.button.click()
    assert why.explanation.isVisibleTo(page)
    assert ("Le rôle Intervenant personnel non enseignant (Intervenant 3) n'a pas accès à la tuile "
            "« Évaluation »") in why.explanation.text()
    assert "Ouvrir le réglage" in why.explanation.text()
    why.explanation.linkActivated.emit(why.explanation.text().split('href="')[1].split('"')[0])
    assert "Réglages" in page.status.text()  # no settings page in this window: a French message, no crash
    _shot(page, "apercu-intervenant-3")


def test_hidden_items_can_be_hidden_entirely(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.abstract("support_non_teaching"))
    assert any(not f.tile.visible for f in _tiles(page))
    page.show_hidden.setChecked(False)
    assert all(f.tile.visible for f in _tiles(page))
    assert page.content.findChildren(WhyLine) == []


def test_guardian_without_access_says_why_and_opens_the_email(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["father"]))
    assert _tiles(page) == []
    assert "Aucun courriel au dossier pour Pierre Tremblay" in page.content.findChild(QLabel, "access_reason").text()
    page.content.findChild(QPushButton, "fix_email").click()
    assert page.navigations == [("students", {"student_id": world.student, "guardian_id": world.guardians["father"],
                                              "field": "email"})]
    _shot(page, "apercu-parent-sans-acces")


def test_compare_viewers_side_by_side_with_differences_highlighted(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student)
    page.set_viewers([ViewerSpec.abstract("teacher_homeroom"), ViewerSpec.abstract("teacher_specialist", "MAT"),
                      ViewerSpec.staff(world.staff["secretary"])])
    headers = page.content.findChildren(QLabel, "viewer_label")
    assert len(headers) == 3
    evaluation = [f for f in _tiles(page) if f.tile.id == "evaluation"]
    assert len(evaluation) == 3 and all("#e0a030" in f.styleSheet() for f in evaluation)  # visibility differs
    homeroom_results = evaluation[0].findChild(QLabel, "value_results_by_competency")
    assert "#fff3c4" in homeroom_results.styleSheet()  # the values differ from the specialist's
    profile = [f for f in _tiles(page) if f.tile.id == "profile"]
    fiche_labels = [f.findChild(QLabel, "value_fiche") for f in profile]
    assert all("#fff3c4" not in label.styleSheet() for label in fiche_labels)  # same for all: not highlighted
    _shot(page, "apercu-comparaison")


def test_switching_viewer_reuses_the_loaded_student(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student)
    student, first = page.student, page.specs[0]
    row = page.choices.row_of(ViewerSpec.as_student())
    page.viewer_box.setCurrentIndex(row)
    page.viewer_box.activated.emit(row)
    assert page.student is student
    assert page.views[0].viewer.kind == "student"

    def no_more_loading(*_args):
        raise AssertionError("a viewer already seen is shown again without loading anything")

    page.context.vitrail.visibility.views = no_more_loading
    page.viewer_box.activated.emit(page.choices.row_of(first))
    assert page.views[0].viewer.kind == first.kind


def test_a_saved_setting_shows_at_once(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    assert next(f for f in _tiles(page) if f.tile.id == "finances").tile.visible
    with database.sessions() as session, session.begin():
        session.add(Setting(scope="school", scope_id=world.secondary, key="parent_tiles.finances",
                            value=json.dumps(False)))
    page.context.runner.announce(Changes(settings=True))
    finances = next(f for f in _tiles(page) if f.tile.id == "finances")
    assert not finances.tile.visible and finances.tile.reason.code == "tile_disabled_by_school"


def test_searching_and_picking_a_student(page, world_db, qtbot):
    database, world = world_db
    page.search.setText("gagne")
    assert page.students_model.rowCount() == 1
    page.student_list.setCurrentIndex(page.students_model.index(0, 0))
    assert page.student.record.fiche == "1000002"
    assert "Noah Gagné" in page.heading.text()


def test_viewer_choices_model(qtmodeltester, world_db, page):
    database, world = world_db
    page.show_target(student_id=world.student)
    model: ViewerChoicesModel = page.choices
    qtmodeltester.check(model)
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    # The guardians and the student at the top, before the roles and the (long) staff list.
    assert labels[0] == "Parents" and labels.index("Élève") < labels.index("Rôles") < labels.index("Personnel")
    assert "   Enseignant spécialiste (MAT)" in labels
    specs = [model.index(r, 0).data(ViewerSpecRole) for r in range(model.rowCount())]
    assert ViewerSpec.guardian(world.guardians["mother"]) in specs
    assert ViewerSpec.staff(world.staff["specialist"]) in specs
    assert ViewerSpec.staff(world.staff["stranger"]) not in specs  # another board's staff is not offered


def test_a_setting_link_opens_the_settings_page_on_the_school_and_key(page, world_db):
    database, world = world_db
    calls = []
    page.context.navigate = lambda name, **target: calls.append((name, target))
    with database.sessions() as session, session.begin():
        session.add(Setting(scope="school", scope_id=world.secondary, key="parent_tiles.finances",
                            value=json.dumps(False)))
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    finances = next(f for f in _tiles(page) if f.tile.id == "finances")
    why = finances.findChild(WhyLine)
    why.explanation.linkActivated.emit("setting:" + why.reason.setting)
    assert calls == [("settings", {"scope": "school", "reference": "ECO-S", "key": "parent_tiles.finances"})]


def test_in_the_main_window(qtbot, world_db):
    from desktop.views.main_window import build_main_window

    database, world = world_db
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    page = window.show_page("preview", student_id=world.student,
                            viewer=ViewerSpec.staff(world.staff["specialist"]))
    assert window.stack.currentWidget() is page
    assert page.views[0].viewer.role == "teacher_specialist"
    window.show()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "apercu-fenetre.png"))


def test_a_guardian_saved_elsewhere_reloads_the_student_shown(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    before = page.student
    page.context.runner.announce(Changes(guardians=frozenset({world.guardians["mother"]})))
    assert page.student is not before
    page.context.runner.announce(Changes(guardians=frozenset({10_000})))  # nobody this student knows
    assert page.student is not None


def test_a_setting_saved_on_another_page_reloads_the_preview(qtbot, world_db):
    from desktop.views.main_window import build_main_window

    database, world = world_db
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    page = window.show_page("preview", student_id=world.student)
    before = page.student
    window.context.runner.announce(Changes(settings=True))
    assert page.student is not before


def test_with_the_real_runner_the_page_fills_in_when_the_loads_arrive(qtbot, world_db):
    database, world = world_db
    page = PreviewPage(build_context(Vitrail(database)))
    qtbot.addWidget(page)
    if not page.index_ready:
        with qtbot.waitSignal(page.index_loaded, timeout=10000):
            pass
    with qtbot.waitSignal(page.shown, timeout=10000):
        page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    assert [frame.tile.label for frame in _tiles(page)][:1] == ["Agenda"]
    with qtbot.waitSignal(page.shown, timeout=10000):
        page.set_viewers([ViewerSpec.guardian(world.guardians["mother"]), ViewerSpec.as_student()])
    assert len(page.content.findChildren(QLabel, "viewer_label")) == 2
    qtbot.waitUntil(lambda: not page.context.runner.busy)


def test_differences_only_keeps_what_differs_between_the_viewers(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student)
    assert not page.differences_only.isEnabled()  # one viewer: nothing to compare
    page.set_viewers([ViewerSpec.abstract("teacher_homeroom"), ViewerSpec.abstract("teacher_specialist", "MAT")])
    assert page.differences_only.isEnabled()
    every_tile = {f.tile.id for f in _tiles(page)}
    page.differences_only.setChecked(True)
    shown = _tiles(page)
    assert {f.tile.id for f in shown} < every_tile
    assert "profile" not in {f.tile.id for f in shown}  # both see the same profile
    for frame in shown:
        if "#e0a030" in frame.styleSheet():
            continue  # one of them does not see the tile: shown whole, with its border
        values = [label for label in frame.findChildren(QLabel) if label.objectName().startswith("value_")]
        assert values and all("#fff3c4" in label.styleSheet() for label in values)
    _shot(page, "apercu-differences-seulement")
    page.differences_only.setChecked(False)
    assert {f.tile.id for f in _tiles(page)} == every_tile


def test_a_tile_one_viewer_does_not_see_is_not_highlighted_field_by_field(page, world_db):
    """The tile's border says "not seen by everyone"; highlights mark only values that differ."""
    database, world = world_db
    page.show_target(student_id=world.student)
    page.set_viewers([ViewerSpec.abstract("direction"), ViewerSpec.guardian(world.guardians["mother"])])
    for frame in _tiles(page):
        if "#e0a030" not in frame.styleSheet():
            continue
        values = [label for label in frame.findChildren(QLabel) if label.objectName().startswith("value_")]
        assert all("#fff3c4" not in label.styleSheet() for label in values), frame.tile.id


def test_differing_fields_compare_only_the_viewers_who_see_the_tile(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student)
    page.set_viewers([ViewerSpec.abstract("teacher_homeroom"), ViewerSpec.abstract("teacher_specialist", "MAT")])
    first, second = ({t.id: t for t in view.tiles} for view in page.views)
    for tile_id in first.keys() & second.keys():
        hidden = replace(second[tile_id], visible=False)
        assert PreviewPage.differing_fields([first[tile_id], hidden]) == set()
        assert PreviewPage.differing_fields([first[tile_id], first[tile_id]]) == set()


@pytest.mark.parametrize(("viewer", "tile_id", "key"), [
    ("mother", "finances", "parent_tiles.finances"),  # a list section
    ("support_non_teaching", "evaluation", "staff_tiles.support_non_teaching.evaluation"),  # a matrix cell
])
def test_open_the_setting_lands_on_that_setting_selected(qtbot, world_db, viewer, tile_id, key):
    from desktop.views.main_window import build_main_window

    database, world = world_db
    if viewer == "mother":
        with database.sessions() as session, session.begin():
            session.add(Setting(scope="school", scope_id=world.secondary, key=key, value=json.dumps(False)))
        spec = ViewerSpec.guardian(world.guardians["mother"])
    else:
        spec = ViewerSpec.abstract(viewer)
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    page = window.show_page("preview", student_id=world.student, viewer=spec)
    tile = next(f for f in _tiles(page) if f.tile.id == tile_id)
    why = tile.findChild(WhyLine)
    why.explanation.linkActivated.emit("setting:" + why.reason.setting)
    settings = window.stack.currentWidget()
    assert settings is window.pages["settings"]
    row = settings._selected_source_row()
    assert row is not None and settings.model.current_value(row).spec.key == key


def test_an_item_shown_because_of_a_setting_says_which(page, world_db):
    database, world = world_db
    with database.sessions() as session, session.begin():
        session.add(Setting(scope="school", scope_id=world.secondary, key="group_averages", value=json.dumps(True)))
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["mother"]))
    results = next(f for f in _tiles(page) if f.tile.id == "results")
    shown = results.findChild(WhyLine, "shown_group_average")
    assert shown is not None and shown.reason.setting == "school:ECO-S:group_averages"
    assert "Ouvrir le réglage" in shown.explanation.text()


def test_printing_for_a_viewer_without_access_is_refused_on_the_page(page, world_db):
    database, world = world_db
    page.show_target(student_id=world.student, viewer=ViewerSpec.guardian(world.guardians["father"]))
    page.print_button.click()
    assert "Impression refusée" in page.status.text() and "Aucun courriel" in page.status.text()


def test_adding_a_viewer_keeps_the_tiles_on_screen_and_restyles_only_what_changed(page, world_db):
    """Issue 16: adding a viewer builds only the new column; the others' frames are kept, their
    highlights follow the new comparison, and going back to one viewer leaves no highlight."""
    database, world = world_db
    page.show_target(student_id=world.student)
    homeroom, specialist = ViewerSpec.abstract("teacher_homeroom"), ViewerSpec.abstract("teacher_specialist", "MAT")
    page.set_viewers([homeroom])
    alone = set(map(id, _tiles(page)))
    assert all("#fff3c4" not in label.styleSheet() for label in page.content.findChildren(QLabel))
    page.set_viewers([homeroom, specialist])
    compared = _tiles(page)
    assert alone <= set(map(id, compared)), "the first viewer's frames are kept, not rebuilt"
    assert any("#fff3c4" in label.styleSheet() for label in page.content.findChildren(QLabel))
    fresh = PreviewPage(page.context)  # the same comparison rendered from scratch highlights the same labels
    fresh.show_target(student_id=world.student)
    fresh.set_viewers([homeroom, specialist])

    def highlighted(widget) -> list[tuple[str, str]]:
        return sorted((label.parent().objectName(), label.objectName() + label.text())
                      for label in widget.content.findChildren(QLabel) if "#fff3c4" in label.styleSheet())

    assert highlighted(page) == highlighted(fresh)
    assert sorted(f.styleSheet() for f in _tiles(page)) == sorted(f.styleSheet() for f in _tiles(fresh))
    fresh.deleteLater()
    page.set_viewers([homeroom])
    assert set(map(id, _tiles(page))) == alone
    assert all("#fff3c4" not in label.styleSheet() for label in page.content.findChildren(QLabel))
    assert all("#e0a030" not in frame.styleSheet() for frame in _tiles(page))


def test_tab_goes_from_the_student_list_to_vu_par(page):
    """Keyboard users: Tab from the student list lands on « Vu par », the choice that comes next."""
    from PySide6.QtCore import Qt

    reached = page.student_list.nextInFocusChain()
    while not (reached.focusPolicy() & Qt.FocusPolicy.TabFocus and reached.isEnabled()):
        reached = reached.nextInFocusChain()
    assert reached is page.viewer_box
