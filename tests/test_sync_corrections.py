"""What stays local across imports: corrections made in Vitrail, conflicts, students and links that leave.

sync.md: an email corrected in Vitrail that the SIS still holds in its old form keeps Vitrail's value
and is listed "à reporter dans le SIS"; if the SIS changed it too, the secretary chooses, seeing both.
A student absent from a bulk file, or ``tobedeleted``, is deactivated, never deleted.
"""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import select, text

from desktop.models import Guardian, Student, StudentGuardian
from desktop.services.errors import InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.students import EmailEdit
from desktop.services.sync import Action, Kind, Resolution
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TODAY
from support.cli import main
from support.oneroster import Export, table_counts


@pytest.fixture
def source(demo_db, tmp_path) -> Export:
    return Export.of(demo_db, tmp_path / "sis")


@pytest.fixture
def board(empty_db, source) -> Vitrail:
    """A board imported from the SIS's export, as a school would start."""
    vitrail = Vitrail(empty_db)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(source.folder))
    return vitrail


def _guardian(vitrail: Vitrail, sourced_id: str) -> Guardian:
    with vitrail.database.sessions() as session:
        return session.scalars(select(Guardian).where(Guardian.sourced_id == sourced_id)).one()


def _a_guardian_with_email(source: Export) -> dict[str, str]:
    return next(r for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-guardian-")
                and r["email"] and " " not in r["email"] and "," not in r["email"])


def _sis_email(source: Export, sourced_id: str, email: str) -> None:
    source.edit("users.csv", lambda rows: [dict(r, email=email) if r["sourcedId"] == sourced_id else r for r in rows])


def _correct_email(vitrail: Vitrail, sourced_id: str, email: str) -> None:
    guardian = _guardian(vitrail, sourced_id)
    vitrail.students.save_emails([EmailEdit(guardian.id, guardian.version, email)])


def test_an_email_corrected_in_vitrail_survives_an_import_and_is_to_carry_back(board, source, tmp_path, capsys):
    parent = _a_guardian_with_email(source)
    _correct_email(board, parent["sourcedId"], "nouvelle.adresse@videotron.ca")

    plan = board.sync.plan_oneroster_csv(source.folder)
    assert not plan.has_changes and plan.conflicts == ()
    [correction] = plan.corrections
    assert (correction.kind, correction.field) == (Kind.GUARDIAN, "email")
    assert (correction.vitrail, correction.sis) == ("nouvelle.adresse@videotron.ca", parent["email"])
    board.sync.apply(plan)
    assert _guardian(board, parent["sourcedId"]).email == "nouvelle.adresse@videotron.ca"

    assert [(c.sourced_id, c.field, c.vitrail, c.sis) for c in board.sync.corrections()] == [
        (parent["sourcedId"], "email", "nouvelle.adresse@videotron.ca", parent["email"])]
    out = tmp_path / "corrections.csv"
    assert main(["--db", board.database.url, "export", "corrections", "-o", str(out)]) == 0
    assert "1 correction(s) à reporter dans le SIS" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["type"] == "parent" and row["sourcedId"] == parent["sourcedId"]
    assert row["champ OneRoster"] == "users.email"
    assert (row["valeur dans le SIS"], row["valeur corrigée dans Vitrail"]) == (parent["email"],
                                                                               "nouvelle.adresse@videotron.ca")


def test_once_the_sis_has_the_correction_it_leaves_the_list(board, source):
    parent = _a_guardian_with_email(source)
    _correct_email(board, parent["sourcedId"], "nouvelle.adresse@videotron.ca")
    _sis_email(source, parent["sourcedId"], "nouvelle.adresse@videotron.ca")
    plan = board.sync.plan_oneroster_csv(source.folder)
    assert [c.action for c in plan.changes] == [Action.LINK] and plan.corrections == ()
    board.sync.apply(plan)
    assert board.sync.corrections() == []
    assert not board.sync.plan_oneroster_csv(source.folder).has_changes


def test_an_email_changed_on_both_sides_is_a_conflict_showing_both_values(board, source, capsys):
    parent = _a_guardian_with_email(source)
    _correct_email(board, parent["sourcedId"], "vitrail@videotron.ca")
    _sis_email(source, parent["sourcedId"], "sis@videotron.ca")
    plan = board.sync.plan_oneroster_csv(source.folder)
    [conflict] = plan.conflicts
    assert (conflict.vitrail, conflict.sis, conflict.sis_before) == ("vitrail@videotron.ca", "sis@videotron.ca",
                                                                     parent["email"])
    guardian_id = _guardian(board, parent["sourcedId"]).id
    assert conflict.code == f"guardian:{guardian_id}:email"
    with pytest.raises(InvalidInput, match="conflit"):
        board.sync.apply(plan)

    counts = table_counts(board.database)
    code = main(["--db", board.database.url, "import", "oneroster", str(source.folder), "--yes"])
    captured = capsys.readouterr()
    assert code == 2 and "Conflits à trancher (1)" in captured.out
    assert "Vitrail « vitrail@videotron.ca », SIS « sis@videotron.ca »" in captured.out
    assert "--keep-local" in captured.err and table_counts(board.database) == counts

    assert main(["--db", board.database.url, "import", "oneroster", str(source.folder), "--yes",
                 "--resolve", f"{conflict.code}=local"]) == 0
    assert _guardian(board, parent["sourcedId"]).email == "vitrail@videotron.ca"
    [pending] = board.sync.corrections()
    assert (pending.vitrail, pending.sis) == ("vitrail@videotron.ca", "sis@videotron.ca")


def test_taking_the_sis_value_settles_the_conflict(board, source):
    parent = _a_guardian_with_email(source)
    _correct_email(board, parent["sourcedId"], "vitrail@videotron.ca")
    _sis_email(source, parent["sourcedId"], "sis@videotron.ca")
    plan = board.sync.plan_oneroster_csv(source.folder)
    written = board.sync.apply(plan, default=Resolution.TAKE_SIS)
    assert _guardian(board, parent["sourcedId"]).email == "sis@videotron.ca"
    assert written.changes.guardians == {_guardian(board, parent["sourcedId"]).id}
    assert board.sync.corrections() == []
    assert not board.sync.plan_oneroster_csv(source.folder).has_changes


def test_a_code_permanent_completed_in_vitrail_is_a_correction_too(board, source):
    with board.database.sessions() as session:
        student = session.scalars(select(Student).where(Student.code_permanent.is_(None))).first() or \
            session.scalars(select(Student)).first()
        student_id, version, fiche = student.id, student.version, student.fiche
    update = board.students.correct_code_permanent(student_id, version, "ZZZZ01010199")
    assert update.value is not None
    [correction] = board.sync.corrections()
    assert (correction.kind, correction.field, correction.vitrail) == (Kind.STUDENT, "code_permanent", "ZZZZ01010199")
    assert correction.label.endswith(f"(fiche {fiche})")
    assert not board.sync.plan_oneroster_csv(source.folder).has_changes


# --- leaving ---------------------------------------------------------------------------------------

def _without_student(source: Export, sourced_id: str) -> None:
    source.edit("users.csv", lambda rows: [r for r in rows if r["sourcedId"] != sourced_id])
    source.edit("roles.csv", lambda rows: [r for r in rows if r["userSourcedId"] != sourced_id])
    source.edit("demographics.csv", lambda rows: [r for r in rows if r["sourcedId"] != sourced_id])
    source.edit("enrollments.csv", lambda rows: [r for r in rows if r["userSourcedId"] != sourced_id])
    source.edit("users.csv", lambda rows: [dict(r, agentSourcedIds=",".join(
        a for a in r["agentSourcedIds"].split(",") if a != sourced_id)) for r in rows])


def _student(vitrail: Vitrail, sourced_id: str) -> Student:
    with vitrail.database.sessions() as session:
        return session.scalars(select(Student).where(Student.sourced_id == sourced_id)).one()


def test_a_student_absent_from_a_bulk_file_is_deactivated_never_deleted(board, source, tmp_path):
    original = source.copy(tmp_path / "before")
    sourced_id = "vitrail-student-3"
    _without_student(source, sourced_id)
    plan = board.sync.plan_oneroster_csv(source.folder)
    [change] = plan.changes_of(Kind.STUDENT)
    assert change.action == Action.DEACTIVATE and change.key == sourced_id
    counts = table_counts(board.database)
    board.sync.apply(plan)
    assert table_counts(board.database)["student"] == counts["student"]
    gone = _student(board, sourced_id)
    assert gone.active is False
    assert gone.fiche not in {s.fiche for s in board.students.listing()}
    assert all(f.student_fiche != gone.fiche for f in board.accounts.findings())

    back = board.sync.plan_oneroster_csv(original.folder)
    [change] = back.changes_of(Kind.STUDENT)
    assert change.action == Action.CHANGE and [(f.field, f.before, f.after) for f in change.fields] == [
        ("active", False, True)]
    board.sync.apply(back)
    assert _student(board, sourced_id).active is True


def test_a_student_marked_tobedeleted_is_deactivated(board, source):
    source.edit("users.csv", lambda rows: [dict(r, status="tobedeleted") if r["sourcedId"] == "vitrail-student-5"
                                           else r for r in rows])
    board.sync.apply(board.sync.plan_oneroster_csv(source.folder))
    assert _student(board, "vitrail-student-5").active is False


def test_a_guardian_no_longer_linked_by_the_sis_loses_the_link_not_the_record(board, source):
    student = next(r for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-student-")
                   and len(r["agentSourcedIds"].split(",")) >= 2 and "guardian" in r["agentSourcedIds"])
    leaving = next(a for a in student["agentSourcedIds"].split(",") if "guardian" in a)

    def drop(rows):
        for r in rows:
            if r["sourcedId"] == student["sourcedId"]:
                r["agentSourcedIds"] = ",".join(a for a in r["agentSourcedIds"].split(",") if a != leaving)
                r["metadata.vitrail.agents"] = json.dumps(
                    [a for a in json.loads(r["metadata.vitrail.agents"]) if a["id"] != leaving])
            elif r["sourcedId"] == leaving:
                r["agentSourcedIds"] = ",".join(a for a in r["agentSourcedIds"].split(",")
                                                if a != student["sourcedId"])
    source.edit("users.csv", drop)
    plan = board.sync.plan_oneroster_csv(source.folder)
    [change] = plan.changes
    assert (change.kind, change.action) == (Kind.LINK, Action.DEACTIVATE)
    board.sync.apply(plan)
    with board.database.sessions() as session:
        link = session.execute(select(StudentGuardian).join(Guardian).join(Student).where(
            Guardian.sourced_id == leaving, Student.sourced_id == student["sourcedId"])).scalar_one()
        assert link.active is False
        student_id, guardian_id = link.student_id, link.guardian_id
    view = board.visibility.view(student_id, ViewerSpec.guardian(guardian_id), TODAY)
    assert view.access.granted is False
    assert guardian_id not in {g.guardian_id for g in board.students.file(student_id).guardians}


# --- the run itself ----------------------------------------------------------------------------------

def test_cancelling_leaves_the_database_as_it_was(empty_db, source):
    vitrail = Vitrail(empty_db)
    plan = vitrail.sync.plan_oneroster_csv(source.folder)
    seen = []
    counts = table_counts(empty_db)
    result = vitrail.sync.apply(plan, progress=seen.append, should_stop=lambda: len(seen) >= 3).value
    assert result.cancelled and result.run_id is None and len(seen) == 3
    assert seen[-1].total > seen[-1].done > 0 and seen[-1].label
    assert table_counts(empty_db) == counts


def test_a_plan_is_refused_when_the_database_changed_since_it_was_shown(empty_db, source):
    vitrail = Vitrail(empty_db)
    shown = vitrail.sync.plan_oneroster_csv(source.folder)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(source.folder))  # another workstation, meanwhile
    counts = table_counts(empty_db)
    with pytest.raises(InvalidInput, match="a changé depuis l'aperçu"):
        vitrail.sync.apply(shown)
    assert table_counts(empty_db) == counts


def test_staff_without_a_job_class_get_the_default_of_their_role_and_are_listed(empty_db, source):
    source.edit("users.csv", lambda rows: [dict(r, userIds="") if r["sourcedId"] == "vitrail-staff-3" else r
                                           for r in rows])
    plan = Vitrail(empty_db).sync.plan_oneroster_csv(source.folder)
    assert len(plan.staff_to_review) == 1
    Vitrail(empty_db).sync.apply(plan)
    with empty_db.engine.connect() as connection:
        role = next(r["role"] for r in source.rows("roles.csv") if r["userSourcedId"] == "vitrail-staff-3")
        job = connection.execute(text("SELECT job_class FROM staff WHERE sourced_id = 'vitrail-staff-3'")).scalar()
    assert (role, job) == ("counselor", "2202")
