"""Property (issue 14): what a viewer may not see leaves no trace — no value, no count, no existence.

For every viewer kind (the nine roles, real staff, a guardian, the student) and every setting that
hides something, an item is added to the student's file (an observation, an intervention, an
absence, a result, a detention, an event, a report card of another board, a course-group with its
teacher). When the engine does not show it to the viewer, the JSON they get, the on-screen text
(the Aperçu's tiles) and the printed dossier's text must be exactly what they were without it:
so neither its value, nor how many there are, nor whether there is one can be read there.

The engine is pure (``view_as``), so each example re-filters a loaded record: bounded for CI.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from types import MappingProxyType

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QLabel

from desktop.services.reports.base import invariant_output
from desktop.services.reports.dossier import PrintStamp, render_dossier
from desktop.services.visibility.engine import PreviewSession, view_as
from desktop.services.visibility.policy import Cell, CellSource, Policy
from desktop.services.visibility.record import CourseGroupInfo, StudentRecord, TeacherInfo
from desktop.services.visibility.serialize import dossier_json, dossier_text
from desktop.services.visibility.view import DossierView
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.preview_widgets import TileFrame

from test_visibility_world import TODAY, YEAR, build_world

MARK = "Zéphyrin-caché-"
STAMP = PrintStamp("secretariat.test", TODAY)
DETENTION_DAY = "2026-12-03"  # no other row has it: a detention shown by its date alone is seen

# Settings that hide something (each with the value that hides it), and the shipped defaults.
HIDING_SETTINGS: list[tuple[str, object] | None] = [
    None,
    ("show_subjects_and_teachers", False),
    ("group_averages", True),
    ("parent_tiles.results", False),
    ("allowed_parent_tiles.agenda", False),
    ("parent_tiles.dossier", False),
    ("parent_tiles.absences", False),
    ("soi.parent.serious", "none"),
    ("soi.parent.positive", "none"),
    ("soi.student.positive", "none"),
    ("soi.teacher_homeroom.serious", "own_only"),
    ("soi.support_psychosocial.to_watch", "none"),
    ("soi_history_years.teacher_homeroom", "1"),
    ("soi_history_years.support_psychosocial", "2"),
    ("staff_tiles.support_psychosocial.attendance", "no"),
    ("staff_fields.support_pedagogical.attendance.type", "no"),
    ("staff_tiles.direction.events", "no"),
    ("staff_fields.direction.evaluation.report_card_previous", "no"),
    ("staff_fields.teacher_homeroom.evaluation.results_by_competency", "taught"),
]


def _viewers(world) -> list[ViewerSpec]:
    roles = ["direction", "teacher_homeroom", "teacher_not_teaching", "support_psychosocial", "support_pedagogical",
             "support_non_teaching"]
    specs = [ViewerSpec.abstract(role) for role in roles]
    specs += [ViewerSpec.abstract("teacher_specialist", "MAT"), ViewerSpec.abstract("teacher_specialist", "ANG")]
    specs += [ViewerSpec.staff(world.staff[who]) for who in ("director", "board_director", "homeroom", "specialist",
                                                              "psychologist", "remedial", "secretary", "tos")]
    specs += [ViewerSpec.guardian(world.guardians["mother"]), ViewerSpec.as_student()]
    return specs


def _with(policy: Policy, setting: tuple[str, object] | None) -> Policy:
    if setting is None:
        return policy
    key, value = setting
    return dataclasses.replace(policy, cells=MappingProxyType({**policy.cells, key: Cell(key, value, False,
                                                                                          CellSource.BOARD)}))


@st.composite
def _items(draw, world) -> tuple[str, dict]:
    """One item to add to the file: (record attribute, row), its distinctive text carrying MARK."""
    mark = MARK + str(draw(st.integers(0, 9999)))
    kind = draw(st.sampled_from(["observation", "intervention", "absence", "result", "detention", "event",
                                 "report_card", "course_group"]))
    author = world.staff[draw(st.sampled_from(["other_teacher", "specialist", "secretary", "psychologist"]))]
    year = YEAR - draw(st.integers(0, 2))
    subject = draw(st.sampled_from(["MAT", "FRA", "ANG", None]))
    if kind == "observation":
        return "observations", {"category": draw(st.sampled_from(["positive", "to_watch", "to_modify", "serious"])),
                                "author_staff_id": author, "author": "Auteur " + mark, "date": "2026-11-06",
                                "shared_with_parents": draw(st.booleans()), "text": mark, "school_year": year}
    if kind == "intervention":
        return "interventions", {"category": "intervention", "author_staff_id": author, "author": "Auteur " + mark,
                                 "date": "2026-11-06", "shared_with_parents": False, "text": mark, "school_year": year}
    if kind == "absence":
        return "attendance", {"date": "2026-11-06", "kind": "absence", "reason": mark, "period": 3, "term": 1,
                              "course_group": f"{subject}-501" if subject else None, "subject_code": subject}
    if kind == "result":
        code = subject or "ANG"
        return "results", {"subject_code": code, "subject": code, "course_group": f"{code}-501", "competency": mark,
                           "term": 2, "value": 66.5}
    if kind == "detention":
        return "detentions", {"date": DETENTION_DAY, "reason": mark}
    if kind == "event":
        return "follow_up_events", {"date": "2026-11-06", "protocol": "Protocole", "description": mark}
    if kind == "report_card":
        return "report_cards", {"school_year": YEAR - 2, "term": 2, "file_name": mark, "school": "École d'ailleurs",
                                "board_id": world.other_board}
    return "course_groups", {"teacher": mark}


def _added(record: StudentRecord, attribute: str, row: dict) -> StudentRecord:
    if attribute == "course_groups":  # another teacher of an existing subject: a name only
        first = record.course_groups[0]
        extra = TeacherInfo(99_999, row["teacher"], f"{row['teacher']}@css01.example".lower(), False)
        changed = CourseGroupInfo(first.id, first.code, first.subject_code, first.subject, (*first.teachers, extra))
        return dataclasses.replace(record, course_groups=(changed, *record.course_groups[1:]))
    return dataclasses.replace(record, **{attribute: (*getattr(record, attribute), row)})


def _screen(view: DossierView) -> str:
    """Every text of the Aperçu's tiles for this view, hidden fields and their reasons included."""
    texts = []
    for tile in view.tiles:
        frame = TileFrame(tile, show_hidden=True)
        texts += [label.text() for label in frame.findChildren(QLabel)]
        frame.deleteLater()
    return "\n".join(texts)


def _pdf(view: DossierView) -> str:
    if not view.access.granted:
        return ""
    buffer = io.BytesIO()
    with invariant_output():
        render_dossier(view, buffer, STAMP)
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(buffer.getvalue())).pages))


def _first_difference(after: DossierView, before: DossierView) -> object:
    pairs = zip(dossier_json(after)["tiles"], dossier_json(before)["tiles"], strict=True)
    for tile_after, tile_before in pairs:
        for field_after, field_before in zip(tile_after["fields"], tile_before["fields"], strict=True):
            if field_after != field_before:
                return tile_after["id"], field_after, field_before
    return None


def _visible_values(view: DossierView) -> str:
    return json.dumps([f.value for t in view.tiles if t.visible for f in t.fields if f.visible], ensure_ascii=False,
                      default=str)


@pytest.fixture
def loaded(qapp, empty_db):
    world = build_world(empty_db)
    with empty_db.sessions() as session:
        preview = PreviewSession(session, world.student, TODAY)
        views = {spec: preview.view(spec) for spec in _viewers(world)}
    return world, preview.record, preview.policy, views


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_hidden_item_leaves_no_trace_in_json_screen_or_pdf(loaded, data):
    world, record, policy, views = loaded
    spec = data.draw(st.sampled_from(list(views)), label="viewer")
    setting = data.draw(st.sampled_from(HIDING_SETTINGS), label="setting")
    attribute, row = data.draw(_items(world), label="item")
    viewed = views[spec]
    effective = _with(policy, setting)
    before = view_as(record, viewed.viewer, viewed.access, effective, viewed.home_spaces)
    after = view_as(_added(record, attribute, row), viewed.viewer, viewed.access, effective, viewed.home_spaces)
    shown = _visible_values(after)
    if MARK in shown or (attribute == "detentions" and DETENTION_DAY in shown):
        return  # the viewer sees it: what they see is the tables' business (test_visibility_tables)
    context = (spec, setting, attribute, row)
    assert dossier_json(after) == dossier_json(before), (context, _first_difference(after, before))
    assert dossier_text(after) == dossier_text(before), context
    assert _screen(after) == _screen(before)
    pdf = _pdf(after)
    assert MARK not in pdf
    assert pdf == _pdf(before)


def test_the_property_is_not_vacuous_hidden_items_exist_and_visible_ones_show(loaded):
    """A private serious observation is hidden from the parent and shown to direction; the check above
    would see a count of it in the withheld JSON, the direction's report."""
    world, record, policy, views = loaded
    row = {"category": "serious", "author_staff_id": world.staff["other_teacher"], "author": "X", "date": "2026-11-06",
           "shared_with_parents": False, "text": MARK + "1", "school_year": YEAR}
    added = _added(record, "observations", row)
    parent = views[ViewerSpec.guardian(world.guardians["mother"])]
    hidden = view_as(added, parent.viewer, parent.access, policy)
    assert MARK not in _visible_values(hidden)
    before = view_as(record, parent.viewer, parent.access, policy)
    assert dossier_json(hidden, withheld=True) != dossier_json(before, withheld=True)
    direction = views[ViewerSpec.abstract("direction")]
    assert MARK in _visible_values(view_as(added, direction.viewer, direction.access, policy))
