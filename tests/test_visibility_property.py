"""Property: over random demo students and every kind of viewer, nothing hidden reaches the JSON.

For each preview, every field's *would-be* value (the same builder run without any restriction)
is computed from the loaded record; every distinctive string in it that the viewer does not see
in a visible value must be absent from the serialized JSON. SOI texts the viewer may not see
are checked the same way.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.models import Staff, Student
from desktop.services.visibility.engine import (
    PORTAL_BUILDERS,
    STAFF_BUILDERS,
    PreviewSession,
    Scope,
)
from desktop.services.visibility.policy import STAFF_ROLES
from desktop.services.visibility.serialize import dossier_json
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TODAY

MIN_ATOM = 8


def _leaves(value: object) -> set[str]:
    if isinstance(value, str):
        return {value} if len(value) >= MIN_ATOM else set()
    if isinstance(value, dict):
        return set().union(*(_leaves(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_leaves(v) for v in value)) if value else set()
    return set()


def _would_be_values(loaded: PreviewSession, view) -> list[object]:
    """Every field's value with no restriction at all, for the tiles of this kind of viewer."""
    record = loaded.record
    scope = Scope(record, view.viewer, loaded.policy, taught_only=False)
    values: list[object] = [[dict(r) for r in record.observations], [dict(r) for r in record.interventions]]
    if view.viewer.role in STAFF_ROLES:
        values += [build(scope).value for (tile, _), build in STAFF_BUILDERS.items()]
    else:
        values += [build(scope).value for build, _rule in PORTAL_BUILDERS.values()]
    return values


def _skeleton(data: dict) -> str:
    """The documented non-value parts of the JSON: labels, reasons, viewer, student and contact text."""
    documented = ("student", "date", "viewer", "access", "home_spaces", "contact_us")
    kept = {key: data[key] for key in documented}
    kept["tiles"] = [{"id": t["id"], "label": t["label"], "reason": t["reason"],
                      "fields": [{"id": f["id"], "label": f["label"], "reason": f["reason"],
                                  } for f in t["fields"]]}
                     for t in data["tiles"]]
    return json.dumps(kept, ensure_ascii=False)


def assert_nothing_hidden_leaks(loaded: PreviewSession, spec: ViewerSpec) -> None:
    view = loaded.view(spec)
    data = dossier_json(view)
    text = json.dumps(data, ensure_ascii=False)
    visible = set().union(*(_leaves(f["value"]) for t in data["tiles"] for f in t["fields"] if "value" in f)) \
        if data["tiles"] else set()
    skeleton = _skeleton(data)
    for tile in data["tiles"]:
        for field in tile["fields"]:
            assert field["visible"] or "value" not in field
    hidden = set().union(*(_leaves(v) for v in _would_be_values(loaded, view))) - visible
    # An atom inside a longer visible string ("Communiquer oralement" in "… en anglais") is no leak.
    shown = skeleton + "\n".join(visible)
    leaked = sorted(atom for atom in hidden if atom not in shown and atom in text)
    assert leaked == [], (spec, leaked[:5])
    if not view.access.granted:
        assert data["tiles"] == []


@pytest.fixture
def demo_students(demo_db):
    with demo_db.sessions() as session:
        ids = session.scalars(select(Student.id).order_by(Student.id)).all()
    return demo_db, ids


def _viewers(loaded: PreviewSession, session, pick) -> list[ViewerSpec]:
    record = loaded.record
    specs = [ViewerSpec.abstract(role) for role in STAFF_ROLES if role != "teacher_specialist"]
    for info in record.course_groups:
        specs.append(ViewerSpec.abstract("teacher_specialist", info.subject_code))
        specs += [ViewerSpec.staff(t.id) for t in info.teachers]
    if record.responsible is not None:
        specs.append(ViewerSpec.staff(record.responsible.id))
    staff_ids = session.scalars(select(Staff.id).where(Staff.school_id == record.school_id)).all()
    specs += [ViewerSpec.staff(pick(staff_ids)) for _ in range(3)] if staff_ids else []
    specs += [ViewerSpec.guardian(g.id) for g in record.guardians]
    specs += [ViewerSpec.abstract("parent"), ViewerSpec.as_student()]
    return specs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_hidden_value_in_the_preview_json(demo_students, data):
    database, ids = demo_students
    student_id = data.draw(st.sampled_from(ids), label="student")
    with database.sessions() as session:
        loaded = PreviewSession(session, student_id, TODAY)
        for spec in _viewers(loaded, session, lambda items: data.draw(st.sampled_from(items), label="staff")):
            assert_nothing_hidden_leaks(loaded, spec)


def test_the_check_itself_catches_a_leak(demo_students):
    """Guard against a vacuous property: a direction view holds values a non-teaching role may not see."""
    database, ids = demo_students
    with database.sessions() as session:
        loaded = next(p for p in (PreviewSession(session, i, TODAY) for i in ids)
                      if p.record.guardians and any(g.address for g in p.record.guardians))
        direction = json.dumps(dossier_json(loaded.view(ViewerSpec.abstract("direction"))), ensure_ascii=False)
        non_teaching = loaded.view(ViewerSpec.abstract("support_non_teaching"))
        hidden = set().union(*(_leaves(v) for v in _would_be_values(loaded, non_teaching)))
        visible = set().union(*(_leaves(f.value) for t in non_teaching.tiles for f in t.fields if f.visible))
        assert any(atom in direction for atom in hidden - visible)
