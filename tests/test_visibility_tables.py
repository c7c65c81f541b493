"""Every cell of visibility.md's tables, checked through the engine: a changed cell fails here.

The expected tables below are transcribed from the spec, independently of resources/policy, so
editing the policy file without editing the spec (and this copy) is caught.
"""

from __future__ import annotations

import pytest

from desktop.models import Setting
from desktop.services.visibility.policy import REGISTRY
from desktop.services.visibility.viewers import ViewerSpec

from support.dossier import field as _field
from support.dossier import tile as _tile
from support.dossier import view_of
from test_visibility_world import TODAY, build_world

STAFF_ROLES = ("direction", "teacher_homeroom", "teacher_specialist", "teacher_not_teaching",
               "support_psychosocial", "support_pedagogical", "support_non_teaching")
TILES = ("profile", "evaluation", "soi", "schedule", "attendance", "dap", "events")
Y, T, N, NA, YA = "yes", "taught", "no", "no (assumed)", "yes (assumed)"

# §2 role × tile.
TILE_MATRIX = {
    "direction":            (Y, Y, Y, Y, Y, Y, Y),
    "teacher_homeroom":     (Y, Y, Y, Y, Y, YA, NA),
    "teacher_specialist":   (Y, T, Y, Y, T, YA, NA),
    "teacher_not_teaching": (Y, N, Y, Y, NA, NA, N),
    "support_psychosocial": (Y, Y, Y, Y, Y, YA, NA),
    "support_pedagogical":  (Y, Y, Y, Y, NA, YA, NA),
    "support_non_teaching": (Y, N, Y, Y, NA, NA, NA),
}

# §2 profile: direction | homeroom, specialist | psychosocial, pedagogical | not_teaching, non_teaching
PROFILE = {
    "contact_name": (Y, Y, Y, Y), "contact_respondent_flag": (Y, Y, Y, Y), "contact_home_phone": (Y, N, N, N),
    "contact_cell_phone": (Y, Y, Y, N), "contact_email": (Y, Y, Y, N), "contact_address": (Y, N, N, N),
    "contact_other_phones": (Y, N, N, N), "contact_work_phone": (Y, N, N, N), "emergency_contact": (Y, N, N, N),
    "birth_date": (Y, Y, Y, Y), "code_permanent": (Y, Y, Y, Y), "fiche": (Y, Y, Y, Y), "group": (Y, Y, Y, Y),
    "group_responsible": (Y, Y, Y, Y), "intervention_plan_flag": (Y, Y, Y, NA), "transport": (Y, Y, Y, Y),
}
PROFILE_COLUMN = {"direction": 0, "teacher_homeroom": 1, "teacher_specialist": 1, "support_psychosocial": 2,
                  "support_pedagogical": 2, "teacher_not_teaching": 3, "support_non_teaching": 3}

# §2 evaluation: direction, homeroom | specialist | psychosocial, pedagogical (other roles: tile hidden)
EVALUATION = {
    "results_by_competency": (Y, T, Y), "final_result": (Y, T, Y), "group_average": (Y, T, Y),
    "report_card_current": (Y, Y, Y), "report_card_previous": (Y, N, NA), "active_watch": (Y, Y, YA),
}
EVALUATION_COLUMN = {"direction": 0, "teacher_homeroom": 0, "teacher_specialist": 1, "support_psychosocial": 2,
                     "support_pedagogical": 2}
SCHEDULE_SOME = ("course_group", "subject", "hours", "room", "teacher", "period")
SCHEDULE_ALL = (*SCHEDULE_SOME, "absence_indicator", "assessments_and_homework")
SOME_SCHEDULE_ROLES = ("teacher_not_teaching", "support_non_teaching")
ATTENDANCE_FIELDS = ("type", "reason", "course_group", "period", "term", "detentions")
CAN_ENTER = {"teacher_homeroom": Y, "teacher_specialist": T}

# §3 SOI matrix: positive, to_watch, to_modify, serious, interventions
OWN, SHARED, ALL, NONE = "own_only", "shared_only", "all", "none"
SOI_MATRIX = {
    "direction":            (ALL, ALL, ALL, ALL, ALL),
    "support_psychosocial": (ALL, ALL, ALL, ALL, ALL),
    "support_pedagogical":  (ALL, ALL, ALL, OWN, ALL),
    "teacher_homeroom":     (ALL, ALL, ALL, ALL, ALL),
    "teacher_specialist":   (ALL, ALL, ALL, OWN, ALL),
    "teacher_not_teaching": (ALL, ALL, ALL, OWN, ALL),
    "support_non_teaching": (ALL, OWN, OWN, OWN, OWN),
    "parent":               (SHARED + " (assumed)", SHARED + " (assumed)", SHARED + " (assumed)",
                             SHARED + " (assumed)", NONE + " (assumed)"),
    "student":              (SHARED + " (assumed)", NONE + " (assumed)", NONE + " (assumed)", NONE + " (assumed)",
                             NONE + " (assumed)"),
}
CATEGORIES = ("positive", "to_watch", "to_modify", "serious")
AUTHORS = ("other_teacher", "specialist", "not_teaching", "secretary", "remedial")


@pytest.fixture(scope="module")
def world_db(tmp_path_factory):
    """One world for the whole module: these tests only read."""
    from desktop.services.storage import open_database

    from conftest import TEST_ACTOR

    path = tmp_path_factory.mktemp("tables") / "world.db"
    database = open_database(f"sqlite:///{path}", create=True, actor=TEST_ACTOR)
    world = build_world(database)
    yield database, world
    database.close()


def _spec(role: str) -> ViewerSpec:
    return ViewerSpec.abstract(role, "MAT" if role == "teacher_specialist" else None)


def _view(world_db, spec, student=None):
    database, world = world_db
    return view_of(database, student or world.student, spec, TODAY)


def _check(item, expected: str) -> None:
    visible = expected.split()[0] in (Y, T)
    assert item.visible is visible, item.reason.message
    assert item.reason.assumed is expected.endswith("(assumed)"), item.reason
    if expected == T:
        assert item.reason.code == "taught_subjects_only"


@pytest.mark.parametrize(("role", "tile"), [(r, t) for r in STAFF_ROLES for t in TILES])
def test_role_tile_matrix(world_db, role, tile):
    expected = TILE_MATRIX[role][TILES.index(tile)]
    item = _tile(_view(world_db, _spec(role)), tile)
    _check(item, expected)
    if not item.visible:
        assert item.reason.code == "role_policy_not_granted"
        assert item.reason.setting == f"board:CSS01:staff_tiles.{role}.{tile}"
        assert all(not f.visible and f.value is None for f in item.fields)


@pytest.mark.parametrize(("role", "field_id"), [(r, f) for r in STAFF_ROLES for f in PROFILE])
def test_profile_field_matrix(world_db, role, field_id):
    _check(_field(_view(world_db, _spec(role)), "profile", field_id), PROFILE[field_id][PROFILE_COLUMN[role]])


@pytest.mark.parametrize(("role", "field_id"), [(r, f) for r in STAFF_ROLES for f in EVALUATION])
def test_evaluation_field_matrix(world_db, role, field_id):
    view = _view(world_db, _spec(role))
    field = _field(view, "evaluation", field_id)
    if role not in EVALUATION_COLUMN:
        assert not field.visible and field.reason == _tile(view, "evaluation").reason
        return
    expected = EVALUATION[field_id][EVALUATION_COLUMN[role]]
    if role == "teacher_specialist" and expected == Y:
        assert field.visible  # inside a "taught" tile: rows still limited to taught subjects
        return
    _check(field, expected)


@pytest.mark.parametrize("field_id", ["results_by_competency", "final_result", "group_average"])
def test_specialist_sees_taught_subject_rows_only_and_the_rest_is_counted(world_db, field_id):
    field = _field(_view(world_db, _spec("teacher_specialist")), "evaluation", field_id)
    assert {row["subject_code"] for row in field.value} == {"MAT"}
    assert [(h.reason.code, h.count) for h in field.hidden_items] == [("subject_not_taught", 2)]
    homeroom = _field(_view(world_db, _spec("teacher_homeroom")), "evaluation", field_id)
    assert {row["subject_code"] for row in homeroom.value} == {"MAT", "FRA", "ANG"}


@pytest.mark.parametrize(("role", "field_id"), [(r, f) for r in STAFF_ROLES for f in SCHEDULE_ALL])
def test_schedule_fields(world_db, role, field_id):
    expected = NA if role in SOME_SCHEDULE_ROLES and field_id not in SCHEDULE_SOME else Y
    if role == "teacher_specialist" and field_id == "absence_indicator":
        expected = T + " (assumed)"  # §2 and §7.2: the indicator never reveals what attendance hides
    if role == "support_pedagogical" and field_id == "absence_indicator":
        expected = YA  # shown without counts: attendance is "no (assumed)" for this role (§7.2)
        indicator = _field(_view(world_db, _spec(role)), "schedule", field_id)
        assert indicator.reason.code == "absence_indicator_without_attendance"
        assert all("absences" not in row for row in indicator.value)
    _check(_field(_view(world_db, _spec(role)), "schedule", field_id), expected)


@pytest.mark.parametrize(("role", "field_id"),
                         [(r, f) for r in STAFF_ROLES for f in (*ATTENDANCE_FIELDS, "can_enter_attendance")])
def test_attendance_fields_and_entry_capability(world_db, role, field_id):
    view = _view(world_db, _spec(role))
    field = _field(view, "attendance", field_id)
    tile_cell = TILE_MATRIX[role][TILES.index("attendance")]
    if tile_cell.startswith(N):
        assert not field.visible and field.reason == _tile(view, "attendance").reason
        return
    if field_id == "can_enter_attendance":
        expected = CAN_ENTER.get(role, N)
        assert field.visible is (expected != N)
        if expected == T:
            assert field.value == {"all_subjects": False, "subject_codes": ["MAT"]}
        elif expected == Y:
            assert field.value["all_subjects"] is True
        return
    assert field.visible
    if tile_cell == T and field_id != "detentions":
        subjects = {row["subject_code"] for row in field.value}
        assert subjects == {"MAT", None}  # the full-day absence concerns every course
        assert field.hidden_items[0].reason.code == "subject_not_taught"


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_dap_and_events_tiles_hold_their_fields(world_db, role):
    view = _view(world_db, _spec(role))
    for tile_id, fields in (("dap", ("preventive_plan", "intervention_plan")), ("events", ("follow_up_events",))):
        tile = _tile(view, tile_id)
        assert [f.id for f in tile.fields] == list(fields)
        assert all(f.visible == tile.visible for f in tile.fields)
    events = _field(view, "events", "follow_up_events")
    if role == "direction":
        assert [e["description"] for e in events.value] == ["Troisième absence non motivée"]


def _soi_view(world_db, role, staff=None):
    database, world = world_db
    if role == "parent":
        spec = ViewerSpec.guardian(world.guardians["mother"])
    elif role == "student":
        spec = ViewerSpec.as_student()
    else:
        spec = ViewerSpec.staff(world.staff[staff]) if staff else _spec(role)
    return _view(world_db, spec), world


def _soi_tile(view):
    return _tile(view, "soi")


@pytest.mark.parametrize(("role", "category"), [(r, c) for r in SOI_MATRIX for c in CATEGORIES])
def test_soi_matrix_observations(world_db, role, category):
    view, world = _soi_view(world_db, role)
    field = next(f for f in _soi_tile(view).fields if f.id == "observations")
    expected = SOI_MATRIX[role][CATEGORIES.index(category)]
    current = {world.texts[f"{category}-shared"], world.texts[f"{category}-private"]} | {
        world.texts[f"{category}-by-{a}"] for a in AUTHORS[1:]}
    assert field.visible
    shown = {item["text"] for item in field.value if item["category"] == category} & current
    hidden = {h.reason.code: h for h in field.hidden_items}
    access = expected.split()[0]
    if access == ALL:
        assert shown == current
    elif access == SHARED:
        assert shown == {world.texts[f"{category}-shared"]}
        assert hidden["soi_not_shared_with_parents"].count >= len(current) - 1
    elif access == OWN:
        assert shown == set()
        assert any(h.reason.code == "soi_own_only_abstract" and category_label(category) in h.reason.message
                   for h in field.hidden_items)
    else:
        assert shown == set()
        assert any(h.reason.code == "soi_category_hidden" and h.reason.assumed for h in field.hidden_items)


def category_label(category: str) -> str:
    return {"positive": "Positive", "to_watch": "À surveiller", "to_modify": "À modifier", "serious": "Grave"}[category]


@pytest.mark.parametrize("role", list(SOI_MATRIX))
def test_soi_matrix_interventions(world_db, role):
    view, world = _soi_view(world_db, role)
    field = next(f for f in _soi_tile(view).fields if f.id == "interventions")
    expected = SOI_MATRIX[role][4]
    current = {world.texts["intervention-by-other_teacher"], world.texts["intervention-by-secretary"]}
    if expected.startswith(NONE):
        assert not field.visible and field.value is None
        assert field.reason.code == "soi_category_hidden" and field.reason.assumed
        return
    shown = {item["text"] for item in field.value} & current
    assert shown == (current if expected == ALL else set())


@pytest.mark.parametrize(("staff", "category", "own_visible"), [
    ("specialist", "serious", True), ("not_teaching", "serious", True), ("remedial", "serious", True),
    ("secretary", "to_watch", True), ("secretary", "to_modify", True), ("secretary", "serious", True),
])
def test_own_only_shows_the_real_viewers_own_observations(world_db, staff, category, own_visible):
    view, world = _soi_view(world_db, None, staff=staff)
    field = next(f for f in _soi_tile(view).fields if f.id == "observations")
    texts = {item["text"] for item in field.value if item["category"] == category}
    assert texts == {world.texts[f"{category}-by-{staff}"]}
    assert any(h.reason.code == "soi_own_only" for h in field.hidden_items)


def test_non_teaching_staff_sees_own_interventions_only(world_db):
    view, world = _soi_view(world_db, None, staff="secretary")
    field = next(f for f in _soi_tile(view).fields if f.id == "interventions")
    assert [item["text"] for item in field.value] == [world.texts["intervention-by-secretary"]]


@pytest.mark.parametrize(("role", "sees_history"), [(r, r == "direction") for r in STAFF_ROLES])
def test_history_window_direction_three_years_others_current_year(world_db, role, sees_history):
    view, world = _soi_view(world_db, role)
    observations = next(f for f in _soi_tile(view).fields if f.id == "observations")
    interventions = next(f for f in _soi_tile(view).fields if f.id == "interventions")
    old = {world.texts["positive-last-year"], world.texts["positive-two-years-ago"]}
    texts = {item["text"] for item in observations.value}
    assert (old <= texts) is sees_history
    assert (old & texts == set()) is not sees_history
    window = [h for h in observations.hidden_items if h.reason.code == "outside_history_window"]
    assert (window == []) is sees_history
    last_year = world.texts["intervention-last-year"] in {item["text"] for item in interventions.value or []}
    assert last_year is (sees_history and role in ("direction",))


# §4 parent tiles: availability conditions, in order.
PARENT_TILES = ("agenda", "absences", "homework", "results", "finances", "dossier", "messages", "resources",
                "registration", "transport")
STUDENT_TILES = ("agenda", "homework", "results", "messages", "resources")


def _mother(world_db):
    return _view(world_db, ViewerSpec.guardian(world_db[1].guardians["mother"]))


@pytest.mark.parametrize("tile", PARENT_TILES)
def test_parent_tiles_by_default(world_db, tile):
    item = _tile(_mother(world_db), tile)
    assert item.visible is (tile != "registration")  # no registration window by default
    if tile == "registration":
        assert item.reason.code == "registration_window_closed"
        assert item.reason.setting == "school:ECO-S:registration_window"


@pytest.mark.parametrize("tile", PARENT_TILES)
def test_student_portal_tiles(world_db, tile):
    item = _tile(_view(world_db, ViewerSpec.as_student()), tile)
    assert item.visible is (tile in STUDENT_TILES)
    assert item.reason.assumed  # the whole student view is marked assumed in the spec


def test_transport_tile_only_when_entitled(world_db):
    database, world = world_db
    view = _view(world_db, ViewerSpec.guardian(world.guardians["shared_a"]), student=world.primary_student)
    assert not view.access.granted  # shared email: no dossier at all
    abstract = _view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student)
    tile = _tile(abstract, "transport")
    assert not tile.visible and tile.reason.code == "no_transport_entitlement"
    assert tile.reason.record == f"student:{world.primary_student}:transport_entitled"


@pytest.mark.parametrize(("field_id", "secondary_visible", "primary_visible"), [
    ("upcoming_homework", True, True), ("weekly_calendar", True, False), ("cyclic_schedule", True, False),
    ("detention_dates", True, False),
])
def test_agenda_calendar_schedule_and_detentions_are_secondary_only(world_db, field_id, secondary_visible,
                                                                    primary_visible):
    database, world = world_db
    secondary = _field(_mother(world_db), "agenda", field_id)
    primary = _field(_view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student), "agenda", field_id)
    assert (secondary.visible, primary.visible) == (secondary_visible, primary_visible)
    if not primary_visible:
        assert primary.reason.code == "secondary_only"


def test_ministry_results_secondary_4_and_5_only(world_db):
    database, world = world_db
    assert _field(_mother(world_db), "results", "ministry_results").visible  # secondary 5
    primary = _field(_view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student), "results",
                     "ministry_results")
    assert not primary.visible and primary.reason.code == "ministry_results_secondary_4_5"


def test_previous_report_cards_only_from_the_same_board(world_db):
    field = _field(_mother(world_db), "results", "report_card_previous")
    assert [r["file_name"] for r in field.value] == ["bulletin-2025-3.pdf"]
    assert [(h.reason.code, h.count) for h in field.hidden_items] == [("report_card_other_board", 1)]


def test_teacher_email_only_if_published(world_db):
    database, world = world_db
    published = _field(_mother(world_db), "dossier", "group_responsible_email")
    assert published.visible and published.value == "marie.roy@css01.example"
    unpublished = _field(_view(world_db, ViewerSpec.abstract("parent"), student=world.primary_student), "dossier",
                         "group_responsible_email")
    assert not unpublished.visible and unpublished.reason.code == "teacher_email_not_published"
    assert unpublished.reason.record == f"staff:{world.staff['primary_homeroom']}:publishes_email"


# §5 defaults.
@pytest.mark.parametrize(("key", "default", "scopes", "assumed"), [
    *[(f"allowed_parent_tiles.{t}", True, ("board",), False) for t in PARENT_TILES],
    *[(f"parent_tiles.{t}", True, ("school",), False) for t in PARENT_TILES],
    ("registration_window", None, ("school",), False),
    ("group_averages", False, ("school",), True),
    ("group_averages.primary", None, ("school",), False),
    ("group_averages.secondary", None, ("school",), False),
    ("show_subjects_and_teachers", True, ("school",), True),
    *[(f"soi.{r}.{c}", SOI_MATRIX[r][i].split()[0], ("board", "school"), SOI_MATRIX[r][i].endswith("(assumed)"))
      for r in SOI_MATRIX for i, c in enumerate((*CATEGORIES, "interventions"))],
    *[(f"staff_tiles.{r}.{t}", TILE_MATRIX[r][i].split()[0], ("board",), TILE_MATRIX[r][i].endswith("(assumed)"))
      for r in STAFF_ROLES for i, t in enumerate(TILES)],
])
def test_settings_defaults(key, default, scopes, assumed):
    entry = REGISTRY[key]
    assert (entry.default, entry.scopes, entry.assumed) == (default, scopes, assumed)


def test_defaults_hide_group_averages_and_show_subjects_to_parents(world_db):
    view = _mother(world_db)
    average = _field(view, "results", "group_average")
    assert not average.visible and average.reason.code == "group_average_not_displayed" and average.reason.assumed
    subjects = _field(view, "dossier", "subjects_and_teachers")
    assert subjects.visible and {r["subject_code"] for r in subjects.value} == {"MAT", "FRA", "ANG"}


def test_publish_email_defaults_to_off():
    from desktop.models import Staff

    assert Staff.__table__.c.publishes_email.default.arg is False


def test_parent_view_has_contact_us(world_db):
    view = _mother(world_db)
    assert view.contact_us["phone"] == "418 555-1000" and view.contact_us["direction"] == "Hélène Gagnon"
    assert _view(world_db, ViewerSpec.abstract("direction")).contact_us == {}


def test_every_registry_key_of_a_role_tile_exists_for_every_role():
    assert {k for k in REGISTRY if k.startswith("staff_tiles.")} == {
        f"staff_tiles.{r}.{t}" for r in STAFF_ROLES for t in TILES}
    assert isinstance(Setting.__tablename__, str)
