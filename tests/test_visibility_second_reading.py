"""Issue 14: the four leaks, whose students a staff member sees, and the wrong or missing items of the
second reading of the seeds (visibility.md §7). Each test failed on the code before the issue."""

from __future__ import annotations

import io
import json
import re

import pypdf
import pytest

from desktop.models import Guardian, Setting
from desktop.services.errors import InvalidInput
from desktop.services.reports import batch
from desktop.services.reports.base import invariant_output
from desktop.services.reports.dossier import PrintStamp, render_dossier, render_withheld
from desktop.services.visibility.engine import PreviewSession
from desktop.services.visibility.serialize import dossier_json, dossier_text
from desktop.services.visibility.viewers import ViewerSpec

from support.dossier import field as _field
from support.dossier import tile as _tile
from test_visibility_world import TODAY, build_world

STAMP = PrintStamp("secretariat.test", TODAY)
TEACHERS = ("Marie Roy", "Luc Caron", "Anne Fortin", "marie.roy@css01.example", "luc.caron@css01.example")


@pytest.fixture
def world_db(any_db):
    return any_db, build_world(any_db)


def _set(database, scope: str, scope_id: int, key: str, value) -> None:
    with database.sessions() as session, session.begin():
        session.add(Setting(scope=scope, scope_id=scope_id, key=key, value=json.dumps(value)))


def _view(world_db, spec, student=None):
    database, world = world_db
    with database.sessions() as session:
        return PreviewSession(session, student or world.student, TODAY).view(spec)


def _pdf_text(view, render=render_dossier) -> str:
    buffer = io.BytesIO()
    with invariant_output():
        render(view, buffer, STAMP)
    reader = pypdf.PdfReader(io.BytesIO(buffer.getvalue()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _mother(world_db):
    return ViewerSpec.guardian(world_db[1].guardians["mother"])


def _looked_at(view) -> str:
    """What a parent looks at: dossier, agenda, results, homework (messages are signed by their author)."""
    tiles = [t for t in dossier_json(view)["tiles"] if t["id"] in ("dossier", "agenda", "results", "homework")]
    return json.dumps([[f.get("value") for f in t["fields"]] for t in tiles], ensure_ascii=False)


# ------------------------------------------------------------------ leak 1 (§7.4)

def test_leak_1_subjects_and_teachers_hidden_no_teacher_in_agenda_preview_or_pdf(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "show_subjects_and_teachers", False)
    view = _view(world_db, _mother(world_db))
    schedule = _field(view, "agenda", "cyclic_schedule")
    assert schedule.visible and schedule.value and all("teacher" not in row for row in schedule.value)
    assert schedule.reason.setting == "school:ECO-S:show_subjects_and_teachers"
    looked_at = _looked_at(view)
    pdf = _pdf_text(view)
    for name in TEACHERS:
        assert name not in looked_at
        assert name not in pdf
    assert not _field(view, "dossier", "group_responsible").visible


def test_teachers_shown_each_with_email_only_if_published_every_teacher_not_only_homeroom(world_db):
    database, world = world_db
    with database.sessions() as session, session.begin():
        from desktop.models import Staff
        session.get(Staff, world.staff["specialist"]).publishes_email = True
    view = _view(world_db, _mother(world_db))
    rows = {row["course_group"]: row for row in _field(view, "agenda", "cyclic_schedule").value}
    assert rows["MAT-501"]["teacher"] == "Luc Caron" and rows["MAT-501"]["teacher_emails"] == [
        "luc.caron@css01.example"]
    assert rows["ANG-501"]["teacher_emails"] == []
    subjects = {r["subject_code"]: r for r in _field(view, "dossier", "subjects_and_teachers").value}
    assert subjects["MAT"]["teacher_emails"] == ["luc.caron@css01.example"]
    assert subjects["ANG"]["teacher_emails"] == []
    email = _field(view, "dossier", "group_responsible_email")
    assert email.visible and "publie son courriel" in email.reason.message


# ------------------------------------------------------------------ leak 2 (§7.2)

def test_leak_2_specialist_absence_indicator_counts_taught_subjects_only(world_db):
    world = world_db[1]
    for spec in (ViewerSpec.abstract("teacher_specialist", "MAT"), ViewerSpec.staff(world.staff["specialist"])):
        indicator = _field(_view(world_db, spec), "schedule", "absence_indicator")
        assert {row["subject_code"] for row in indicator.value} == {"MAT"}
        assert indicator.reason.assumed


def test_specialist_detentions_are_all_shown_and_the_reason_does_not_claim_a_filter(world_db):
    detentions = _field(_view(world_db, ViewerSpec.abstract("teacher_specialist", "MAT")), "attendance",
                        "detentions")
    assert detentions.visible and len(detentions.value) == 1
    assert "matières enseignées" not in detentions.reason.message
    watch = _field(_view(world_db, ViewerSpec.abstract("teacher_specialist", "MAT")), "evaluation", "active_watch")
    assert "matières enseignées" not in watch.reason.message


# ------------------------------------------------------------------ leak 3 and 4 (§7.6)

def test_leak_3_parent_dossier_never_carries_withheld_items_the_direction_report_is_separate(world_db):
    database, world = world_db
    view = _view(world_db, _mother(world_db))
    pdf = _pdf_text(view)
    assert "retenus" not in pdf and "élément retenu" not in pdf and "masqu" not in pdf
    report = _pdf_text(view, render_withheld)
    assert "Pour la direction" in report and "Grave" in report
    prepared = batch.prepare_dossier(database, world.student, _mother(world_db), TODAY, withheld_page=True)
    dossier_text_ = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(prepared.data)).pages)
    assert "retenus" not in dossier_text_ and prepared.withheld is not None


def test_leak_4_printing_for_a_viewer_without_access_is_refused_and_writes_nothing(world_db, tmp_path):
    database, world = world_db
    father = ViewerSpec.guardian(world.guardians["father"])  # no email: no access
    out = tmp_path / "sortie"
    out.mkdir()
    target = out / "dossier.pdf"
    with pytest.raises(InvalidInput, match="Impression refusée"):
        batch.print_dossier(database, world.student, father, TODAY, target)
    with pytest.raises(InvalidInput, match="Impression refusée"):
        batch.print_batch(database, batch.Selection(student_ids=(world.student,)), father, TODAY, pdf=target)
    assert list(out.iterdir()) == []


# ------------------------------------------------------------------ §7.1 whose students

@pytest.mark.parametrize(("who", "granted"), [
    ("director", True), ("board_director", True), ("psychologist", True), ("secretary", True),
    ("primary_homeroom", False),  # works at the primary school of the same board
])
def test_staff_see_students_of_the_schools_where_they_work(world_db, who, granted):
    database, world = world_db
    view = _view(world_db, ViewerSpec.staff(world.staff[who]))
    assert view.access.granted is granted
    if not granted:
        assert view.access.reason.code == "staff_other_school"
        assert "École secondaire du Fleuve" in view.access.reason.message
        assert view.tiles == ()
        with pytest.raises(InvalidInput, match="Impression refusée"):
            batch.prepare_dossier(database, world.student, ViewerSpec.staff(world.staff[who]), TODAY)


def test_a_principal_of_another_school_of_the_board_gets_no_file(world_db):
    database, world = world_db
    other_principal = _view(world_db, ViewerSpec.staff(world.staff["director"]), student=world.primary_student)
    assert not other_principal.access.granted and "École des Bouleaux" in other_principal.access.reason.message
    assert "Bouleaux" in dossier_text(other_principal)


# ------------------------------------------------------------------ §7.2 and §7.3

def test_specialist_preview_with_a_subject_the_student_does_not_take_is_refused(world_db):
    with pytest.raises(InvalidInput, match="ne suit pas la matière « HIS »") as error:
        _view(world_db, ViewerSpec.abstract("teacher_specialist", "HIS"))
    assert "ANG, FRA, MAT" in str(error.value)


def test_the_tos_sees_the_events_of_their_school_as_their_home_space_says(world_db):
    world = world_db[1]
    tos = _view(world_db, ViewerSpec.staff(world.staff["tos"]))
    events = _tile(tos, "events")
    assert events.visible and events.reason.assumed
    assert any("Évènements de suivi" in space for space in tos.home_spaces)
    assert _field(tos, "events", "follow_up_events").value
    secretary = _view(world_db, ViewerSpec.staff(world.staff["secretary"]))
    assert not _tile(secretary, "events").visible


# ------------------------------------------------------------------ §7.5 access at risk

@pytest.mark.parametrize("email", [" isabelle.tremblay@courriel.example", "isabelle@hotmial.com", "rose@@gmial"])
def test_a_flawed_email_is_access_at_risk_the_preview_shows_what_they_would_see(world_db, email):
    database, world = world_db
    with database.sessions() as session, session.begin():
        session.get(Guardian, world.guardians["mother"]).email = email
    view = _view(world_db, _mother(world_db))
    assert view.access.granted and view.access.at_risk
    assert view.access.reason.code == "guardian_access_at_risk"
    assert "Accès à risque" in view.access.reason.message and view.tiles


# ------------------------------------------------------------------ §7.7 reasons

def test_soi_history_window_of_other_roles_is_a_board_setting(world_db):
    database, world = world_db
    _set(database, "board", world.board, "soi_history_years.teacher_homeroom", "2")
    observations = _field(_view(world_db, ViewerSpec.abstract("teacher_homeroom")), "soi", "observations")
    texts = {row["text"] for row in observations.value}
    assert world.texts["positive-last-year"] in texts and world.texts["positive-two-years-ago"] not in texts
    window = next(h.reason for h in observations.hidden_items if h.reason.code == "outside_history_window")
    assert window.setting == "board:CSS01:soi_history_years.teacher_homeroom"


def test_reasons_name_the_setting_when_a_setting_decides(world_db):
    database, world = world_db
    _set(database, "school", world.secondary, "group_averages", True)
    averages = _field(_view(world_db, _mother(world_db)), "results", "group_average")
    assert averages.visible and averages.reason.setting == "school:ECO-S:group_averages"
    assert "moyenne du groupe" in averages.reason.message
    hidden = _tile(_view(world_db, ViewerSpec.abstract("teacher_not_teaching")), "evaluation")
    assert "jamais" not in hidden.reason.message and "modifiable par le centre de services" in hidden.reason.message


def test_no_code_word_in_any_reason_of_the_nine_viewers(world_db):
    world = world_db[1]
    specs = [ViewerSpec.abstract(role) for role in ("direction", "teacher_homeroom", "teacher_not_teaching",
                                                     "support_psychosocial", "support_pedagogical",
                                                     "support_non_teaching")]
    specs += [ViewerSpec.abstract("teacher_specialist", "MAT"), _mother(world_db), ViewerSpec.as_student()]
    specs += [ViewerSpec.staff(world.staff[who]) for who in ("tos", "primary_homeroom")]
    codes = re.compile(r"\b(own_only|shared_only|none|assumed|taught|yes|no|all|true|false|setting|default|"
                       r"role|the|of|and)\b|[a-z]+_[a-z]+", re.IGNORECASE)
    for spec in specs:
        view = _view(world_db, spec)
        reasons = [view.access.reason] + [r for t in view.tiles for r in (
            t.reason, *(f.reason for f in t.fields), *(h.reason for f in t.fields for h in f.hidden_items))]
        text = "\n".join(r.message for r in reasons)  # the data of the world has code words, not reasons
        assert not codes.search(text), (spec, codes.search(text))
        assert "jamais accès" not in text


def test_parents_see_the_tax_slips_of_the_current_school_year_only(world_db):
    slips = _field(_view(world_db, _mother(world_db)), "finances", "tax_slips")
    assert slips.visible and slips.value == []  # the world's slip is of 2025-2026
    assert [h.reason.code for h in slips.hidden_items] == ["tax_slip_other_year"]
