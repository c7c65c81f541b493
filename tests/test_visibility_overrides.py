"""Board and school overrides (Setting rows) change the engine's answer at once, with the right reason;
guardian access is refused with the reason that names the record to fix."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.models import Setting
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.visibility.engine import PreviewSession
from desktop.services.visibility.policy import validate_setting
from desktop.services.visibility.viewers import ViewerSpec

from support.dossier import field as _field
from support.dossier import tile as _tile
from support.dossier import view_of
from test_visibility_world import TODAY, build_world


@pytest.fixture
def world_db(any_db):
    return any_db, build_world(any_db)


def _set(database, scope: str, scope_id: int, key: str, value) -> None:
    with database.sessions() as session, session.begin():
        row = session.scalars(select(Setting).where(Setting.scope == scope, Setting.scope_id == scope_id,
                                                    Setting.key == key)).first()
        if row is None:
            session.add(Setting(scope=scope, scope_id=scope_id, key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)


def _view(world_db, spec, student=None):
    database, world = world_db
    return view_of(database, student or world.student, spec, TODAY)


def _mother(world_db):
    return ViewerSpec.guardian(world_db[1].guardians["mother"])


def test_board_disallows_a_parent_tile_and_the_school_cannot_enable_it(world_db):
    database, world = world_db
    _set(database, "board", world.board, "allowed_parent_tiles.finances", False)
    _set(database, "school", world.secondary, "parent_tiles.finances", True)
    tile = _tile(_view(world_db, _mother(world_db)), "finances")
    assert not tile.visible and tile.reason.code == "tile_not_allowed_by_board"
    assert tile.reason.setting == "board:CSS01:allowed_parent_tiles.finances"
    assert all(f.value is None for f in tile.fields)


def test_school_disables_a_tile_for_its_parents_only(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "parent_tiles.messages", False)
    tile = _tile(_view(world_db, _mother(world_db)), "messages")
    assert not tile.visible and tile.reason.code == "tile_disabled_by_school"
    assert tile.reason.setting == "school:ECO-S:parent_tiles.messages"
    other_school = _tile(_view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student), "messages")
    assert other_school.visible


@pytest.mark.parametrize(("window", "visible"), [
    ({"start": "2026-11-01", "end": "2026-11-30"}, True),
    ({"start": "2026-11-23", "end": "2026-11-23"}, True),
    ({"start": "2027-02-01", "end": "2027-02-28"}, False),
    (None, False),
])
def test_registration_only_inside_the_schools_window(world_db, window, visible):
    database, world = world_db
    _set(database, "school", world.secondary, "registration_window", window)
    tile = _tile(_view(world_db, _mother(world_db)), "registration")
    assert tile.visible is visible
    if visible:
        assert tile.fields[0].value == window
    else:
        assert tile.reason.code == "registration_window_closed"
        if window:
            assert "2027-02-01" in tile.reason.message


def test_group_averages_school_wide_then_per_level(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "group_averages", True)
    field = _field(_view(world_db, _mother(world_db)), "results", "group_average")
    assert field.visible and {r["value"] for r in field.value} == {70.25, 71.25, 72.25}
    assert _field(_view(world_db, ViewerSpec.as_student()), "results", "group_average").visible
    _set(database, "school", world.secondary, "group_averages.secondary", False)
    field = _field(_view(world_db, _mother(world_db)), "results", "group_average")
    assert not field.visible and field.reason.code == "group_average_not_displayed"
    assert field.reason.setting == "school:ECO-S:group_averages.secondary" and not field.reason.assumed
    assert "secondaire" in field.reason.message


def test_primary_level_setting_applies_to_primary_students(world_db):
    database, world = world_db
    _set(database, "school", world.primary, "group_averages.primary", True)
    view = _view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student)
    assert _field(view, "results", "group_average").visible


def test_subjects_and_teachers_can_be_hidden_by_the_school(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "show_subjects_and_teachers", False)
    field = _field(_view(world_db, _mother(world_db)), "dossier", "subjects_and_teachers")
    assert not field.visible and field.reason.code == "subjects_and_teachers_not_displayed"
    assert field.reason.setting == "school:ECO-S:show_subjects_and_teachers"


def test_soi_board_override_then_school_override_wins(world_db):
    database, world = world_db
    spec = ViewerSpec.abstract("teacher_specialist", "MAT")

    def serious_texts():
        field = _field(_view(world_db, spec), "soi", "observations")
        return {i["text"] for i in field.value if i["category"] == "serious"}

    assert serious_texts() == set()
    _set(database, "board", world.board, "soi.teacher_specialist.serious", "all")
    assert len(serious_texts()) == 6
    _set(database, "school", world.secondary, "soi.teacher_specialist.serious", "none")
    assert serious_texts() == set()
    field = _field(_view(world_db, spec), "soi", "observations")
    reason = next(h.reason for h in field.hidden_items if h.reason.code == "soi_category_hidden")
    assert reason.setting == "school:ECO-S:soi.teacher_specialist.serious"


def test_staff_role_matrix_override_by_the_board(world_db):
    database, world = world_db
    spec = ViewerSpec.abstract("support_non_teaching")
    assert not _tile(_view(world_db, spec), "evaluation").visible
    _set(database, "board", world.board, "staff_tiles.support_non_teaching.evaluation", "yes")
    _set(database, "board", world.board, "staff_fields.support_non_teaching.evaluation.final_result", "yes")
    view = _view(world_db, spec)
    assert _tile(view, "evaluation").visible
    field = _field(view, "evaluation", "final_result")
    assert field.visible and "centre de services" in field.reason.message and not field.reason.assumed
    assert not _field(view, "evaluation", "results_by_competency").visible


def test_a_preview_session_sees_a_saved_change_at_once(world_db):
    database, world = world_db
    with database.sessions() as session:
        loaded = PreviewSession(session, world.student, TODAY)
        assert _tile(loaded.view(_mother(world_db)), "absences").visible
        _set(database, "school", world.secondary, "parent_tiles.absences", False)
        session.rollback()  # end the read transaction, as the page does on settings_saved
        loaded.refresh_policy()
        assert not _tile(loaded.view(_mother(world_db)), "absences").visible


def test_a_stored_value_of_the_wrong_type_is_ignored(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "parent_tiles.homework", "peut-être")
    assert _tile(_view(world_db, _mother(world_db)), "homework").visible


def test_named_members_see_a_space_named_in_settings(world_db):
    database, world = world_db
    _set(database, "board", world.board, "staff_spaces.bullying.staff_ids", [world.staff["secretary"]])
    spaces = _view(world_db, ViewerSpec.staff(world.staff["secretary"])).home_spaces
    assert "Gestion de l'intimidation" in spaces


@pytest.mark.parametrize(("key", "scope", "value", "message"), [
    ("parent_tiles.results", "board", True, "se règle au niveau : école"),
    ("soi.parent.positive", "school", "parfois", "attendu : all | own_only | shared_only | none"),
    ("registration_window", "school", {"start": "2027-03-01", "end": "2027-02-01"}, "se termine avant"),
    ("registration_window", "school", {"start": "1er mars", "end": "2027-02-01"}, "AAAA-MM-JJ"),
    ("nimporte.quoi", "school", True, "Réglage inconnu"),
])
def test_invalid_settings_are_refused_in_french(key, scope, value, message):
    with pytest.raises(InvalidInput, match=message):
        validate_setting(key, scope, value)


# Guardians: the portal view, or why there is none.
@pytest.mark.parametrize(("who", "student", "code"), [
    ("mother", "student", "guardian_associated"),
    ("father", "student", "guardian_no_email"),
    ("shared_a", "primary_student", "guardian_email_shared"),
    ("shared_b", "primary_student", "guardian_email_shared"),
    ("invalid", "primary_student", "guardian_access_at_risk"),
    ("mother", "primary_student", "guardian_not_of_student"),
])
def test_guardian_access(world_db, who, student, code):
    database, world = world_db
    view = _view(world_db, ViewerSpec.guardian(world.guardians[who]), student=getattr(world, student))
    assert view.access.reason.code == code
    assert view.access.granted is (code in ("guardian_associated", "guardian_access_at_risk"))
    assert view.access.at_risk is (code == "guardian_access_at_risk")
    assert view.viewer.role == "parent" and view.viewer.guardian_id == world.guardians[who]
    if not view.access.granted:
        assert view.tiles == ()
    if code in ("guardian_no_email", "guardian_email_shared", "guardian_access_at_risk"):
        assert view.access.reason.record == f"guardian:{world.guardians[who]}:email"


def test_unknown_student_staff_or_guardian_is_a_french_error(world_db):
    database, world = world_db
    with pytest.raises(NotFound, match="Élève introuvable"):
        _view(world_db, ViewerSpec.as_student(), student=99999)
    with pytest.raises(NotFound, match="Membre du personnel introuvable"):
        _view(world_db, ViewerSpec.staff(99999))
    with pytest.raises(NotFound, match="Répondant introuvable"):
        _view(world_db, ViewerSpec.guardian(99999))
    with pytest.raises(InvalidInput, match="Rôle inconnu"):
        _view(world_db, ViewerSpec.abstract("concierge"))
