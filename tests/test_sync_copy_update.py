"""Large import updates (issue 15, item 4): on PostgreSQL, from ``COPY_UPDATE_ROWS`` rows an UPDATE
goes through COPY and a temporary table; the result, the audit and the version check are those of
the executemany path, which SQLite keeps.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from desktop.models import AuditEntry, Guardian, Student
from desktop.services.demo import generate_demo
from desktop.services.errors import InvalidInput
from desktop.services.facade import Vitrail
from desktop.services.students import EmailEdit
from desktop.services.sync import Action, Kind
from desktop.services.sync.apply import COPY_UPDATE_ROWS

from conftest import TODAY
from support.oneroster import Export


def _board(database, tmp_path) -> tuple[Vitrail, Export]:
    generate_demo(database, students=COPY_UPDATE_ROWS + 40, seed=7, today=TODAY)
    return Vitrail(database), Export.of(database, tmp_path / "export")


def _new_guardian_emails(export: Export) -> None:
    """Every guardian of the export gets a new address at the SIS."""
    export.edit("users.csv", lambda rows: [
        dict(r, email=f"sis.{r['sourcedId'].rsplit('-', 1)[-1]}@exemple.ca")
        if r["sourcedId"].startswith("vitrail-guardian-") else r for r in rows])


def test_linking_a_whole_board_to_its_sis_updates_every_row(any_db, tmp_path):
    vitrail, export = _board(any_db, tmp_path)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder))
    with any_db.sessions() as session:
        unlinked = session.scalar(select(func.count()).select_from(Student).where(Student.sis_values.is_(None)))
        total = session.scalar(select(func.count()).select_from(Student))
    assert unlinked == 0 and total >= COPY_UPDATE_ROWS  # each student carries what the SIS said
    assert not vitrail.sync.plan_oneroster_csv(export.folder).has_changes


def test_many_changed_emails_are_written_audited_and_versioned(any_db, tmp_path):
    vitrail, export = _board(any_db, tmp_path)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder))
    _new_guardian_emails(export)
    plan = vitrail.sync.plan_oneroster_csv(export.folder)
    changed = [c for c in plan.changes if c.kind == Kind.GUARDIAN and c.action == Action.CHANGE]
    assert len(changed) >= COPY_UPDATE_ROWS
    with any_db.sessions() as session:
        before = dict(session.execute(select(Guardian.id, Guardian.version)).all())
    sent: list[str] = []
    listener = lambda _c, _cur, statement, *_rest: sent.append(statement)  # noqa: E731
    event.listen(any_db.engine, "before_cursor_execute", listener)
    try:
        result = vitrail.sync.apply(plan).value
    finally:
        event.remove(any_db.engine, "before_cursor_execute", listener)
    staged = [s for s in sent if s.startswith("UPDATE guardian AS t") and "FROM vitrail_staged_guardian" in s]
    assert len(staged) == (1 if any_db.backend == "postgresql" else 0)  # COPY on PostgreSQL, executemany on SQLite
    with any_db.sessions() as session:
        after = {g.id: g for g in session.scalars(select(Guardian))}
        audited = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.import_run_id == result.run_id, AuditEntry.entity == "guardian", AuditEntry.field == "email"))
    emailed = [g for g in after.values() if (g.email or "").startswith("sis.")]
    assert len(emailed) == len(changed) == audited
    assert all(g.version == before[g.id] + 1 for g in emailed)


def test_a_guardian_saved_meanwhile_stops_a_large_import(any_db, tmp_path):
    vitrail, export = _board(any_db, tmp_path)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder))
    _new_guardian_emails(export)
    plan = vitrail.sync.plan_oneroster_csv(export.folder)
    guardian_id = next(c for c in plan.changes if c.kind == Kind.GUARDIAN and c.action == Action.CHANGE).id
    assert guardian_id is not None
    with any_db.sessions() as session:
        version = session.get_one(Guardian, guardian_id).version
    vitrail.students.save_emails([EmailEdit(guardian_id, version, "sauve.ailleurs@exemple.ca")])
    with pytest.raises(InvalidInput):  # the plan was read before the save: refused whole
        vitrail.sync.apply(plan)
    with any_db.sessions() as session:
        assert session.get_one(Guardian, guardian_id).email == "sauve.ailleurs@exemple.ca"
        assert session.scalar(select(func.count()).select_from(Guardian).where(Guardian.email.like("sis.%"))) == 0


def test_renamed_students_are_found_under_their_new_name(any_db, tmp_path):
    vitrail, export = _board(any_db, tmp_path)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder))
    export.edit("users.csv", lambda rows: [
        dict(r, familyName=f"Renommé-{r['sourcedId'].rsplit('-', 1)[-1]}")
        if r["sourcedId"].startswith("vitrail-student-") else r for r in rows])
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder))
    with any_db.sessions() as session:
        students = list(session.scalars(select(Student)))
    assert len(students) >= COPY_UPDATE_ROWS
    assert all(s.last_name.startswith("Renommé-") and s.search_key.startswith("renomme ") for s in students)
    assert all(s.fiche in s.search_key for s in students)  # the key keeps the stored fields the SIS did not change
