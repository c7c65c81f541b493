"""End to end: the printed dossier of sampled demo students, for every viewer, carries exactly what
the engine lets that viewer see — every visible value, and none of the values only others see."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from sqlalchemy import select

from desktop.models import Guardian, HomeroomGroup, Student, StudentGuardian
from desktop.services.reports.base import invariant_output
from desktop.services.reports.dossier import CODE_LABELS, PrintStamp, field_texts, render_dossier
from desktop.services.visibility.engine import PreviewSession
from desktop.services.visibility.policy import ROLES
from desktop.services.visibility.view import DossierView
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TODAY

SAMPLED_STUDENTS = 5
STAMP = PrintStamp("secretariat.test", TODAY)


def _compact(text: str) -> str:
    """Whitespace removed: line wraps and non-breaking spaces differ between preview and PDF."""
    return re.sub(r"\s+", "", text)


def _pdf_text(view: DossierView) -> str:
    buffer = io.BytesIO()
    with invariant_output():
        render_dossier(view, buffer, STAMP)
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    return _compact("".join(page.extract_text() for page in reader.pages))


def _visible_texts(view: DossierView) -> list[str]:
    texts = []
    for tile in view.tiles:
        if not tile.visible:
            continue
        for field in tile.fields:
            if field.visible:
                texts.extend(field_texts(field))
    return [text for text in texts if text != "—"]


def _vocabulary(view: DossierView) -> list[str]:
    """Words any dossier may print that are not data: labels, codes' names, who and where."""
    words = [view.viewer.label, view.viewer.derivation, view.school_name, view.student_name,
             view.access.reason.message, *view.contact_us.values()]
    words += [label for codes in CODE_LABELS.values() for label in codes.values()]
    for tile in view.tiles:
        words.append(tile.label)
        words.extend(field.label for field in tile.fields)
    return words


def _viewers(session, student: Student) -> list[ViewerSpec]:
    specs = []
    for role in ROLES:
        if role == "parent":
            continue
        subject = None
        if role == "teacher_specialist":
            subject = "MAT"
        specs.append(ViewerSpec.abstract(role, subject))
    guardian_id = session.scalar(
        select(Guardian.id).join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
        .where(StudentGuardian.student_id == student.id, Guardian.email.is_not(None)).order_by(Guardian.id))
    if guardian_id is not None:
        specs.append(ViewerSpec.guardian(guardian_id))
    responsible = session.scalar(select(HomeroomGroup.responsible_id).where(HomeroomGroup.id == student.group_id))
    if responsible is not None:
        specs.append(ViewerSpec.staff(responsible))
    specs.append(ViewerSpec.as_student())
    return specs


def _sampled_students(session) -> list[Student]:
    students = session.scalars(select(Student).where(Student.group_id.is_not(None)).order_by(Student.id)).all()
    step = max(1, len(students) // SAMPLED_STUDENTS)
    return list(students[::step][:SAMPLED_STUDENTS])


@pytest.fixture
def sampled(demo_db):
    with demo_db.sessions() as session:
        cases = []
        for student in _sampled_students(session):
            loaded = PreviewSession(session, student.id, TODAY)
            direction = loaded.view(ViewerSpec.abstract("direction"))
            cases.append((student.fiche, direction, [loaded.view(spec) for spec in _viewers(session, student)]))
        return cases


def test_pdf_holds_every_visible_value_and_no_hidden_one(sampled):
    checked_hidden = {}
    for fiche, direction, views in sampled:
        everything = set(_visible_texts(direction))
        for view in views:
            text = _pdf_text(view)
            visible = _visible_texts(view)
            for value in visible:
                assert _compact(value) in text, f"{fiche} / {view.viewer.label}: « {value} » missing"
            shown = [_compact(value) for value in visible + _vocabulary(view)]
            hidden = {value for value in everything - set(visible)
                      if len(_compact(value)) >= 8 and not any(_compact(value) in other for other in shown)}
            for value in hidden:
                assert _compact(value) not in text, f"{fiche} / {view.viewer.label}: hidden « {value} » printed"
            checked_hidden[view.viewer.role] = checked_hidden.get(view.viewer.role, 0) + len(hidden)
    # The comparison is meaningful: viewers with less than the direction had hidden values checked.
    for role in ("parent", "student", "support_non_teaching", "teacher_not_teaching"):
        assert checked_hidden.get(role, 0) > 0, (role, checked_hidden)


def test_soi_observations_hidden_by_own_only_are_not_printed(sampled):
    """support_non_teaching sees to_watch/to_modify/serious observations only when they wrote them."""
    found = 0
    for _fiche, direction, views in sampled:
        soi = next(tile for tile in direction.tiles if tile.id == "soi")
        observations = next(field for field in soi.fields if field.id == "observations").value or []
        restricted = [row["text"] for row in observations if row["category"] != "positive"]
        view = next(v for v in views if v.viewer.role == "support_non_teaching" and v.viewer.kind == "role")
        text = _pdf_text(view)
        for body in restricted:
            found += 1
            assert _compact(body) not in text
    assert found > 0, "the sample holds no restricted observation: choose other students"
