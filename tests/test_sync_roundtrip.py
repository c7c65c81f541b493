"""Export the demo board as OneRoster 1.2 CSV, import it into an empty database: the same board comes back.

Same students, guardians (emails included, even the malformed ones the demo plants), links and
répondant ranks, contacts, staff, groups, course-groups, teachers and schedules — and the same
previews, on SQLite and PostgreSQL. Applying the same export again writes nothing.
"""

from __future__ import annotations

import zipfile

from sqlalchemy import text

from desktop.services.calendar import school_year_of
from desktop.services.facade import Vitrail
from desktop.services.sync import Action, Kind
from desktop.services.sync.csvread import read_oneroster_csv
from desktop.services.visibility.serialize import dossier_json
from desktop.services.visibility.viewers import ViewerSpec

from conftest import TODAY
from support.oneroster import Export, as_oneroster_11, table_counts

YEAR = school_year_of(TODAY)

# What OneRoster does not carry stays in the database it was entered in (sync.md §1: results,
# attendance, SOI, DAP, events, finances, messages, resources, transport; a staff member's choice to
# publish their email). The preview fields built from those are left out of the comparison.
LOCAL_ONLY_TILES = {"evaluation", "results", "soi", "attendance", "absences", "agenda", "homework", "dap", "events",
                    "finances", "messages", "resources", "transport"}
LOCAL_ONLY_FIELDS = {("profile", "transport"), ("profile", "intervention_plan_flag"), ("dossier", "transport"),
                     ("dossier", "documents"), ("dossier", "group_responsible_email"),
                     ("schedule", "absence_indicator"), ("schedule", "assessments_and_homework")}
# Database ids, and the teachers' published emails (a staff member's own setting, local to Vitrail).
ID_KEYS = {"id", "guardian_id", "staff_id", "author_staff_id", "record", "teacher_emails"}

QUERIES = {
    "schools": "SELECT code, name, level, address, phone, fax, email, direction_names FROM school",
    "staff": "SELECT b.code, sc.code, m.last_name, m.first_name, m.email, m.job_class, m.username FROM staff m "
             "JOIN school_board b ON b.id = m.board_id LEFT JOIN school sc ON sc.id = m.school_id",
    "students": "SELECT b.code, s.fiche, s.code_permanent, s.last_name, s.first_name, s.birth_date, s.sex, "
                "sc.code, g.code, s.grade, s.search_key FROM student s JOIN school_board b ON b.id = s.board_id "
                "JOIN school sc ON sc.id = s.school_id LEFT JOIN homeroom_group g ON g.id = s.group_id",
    "guardians": "SELECT b.code, s.fiche, l.respondent_rank, l.relationship_label, l.lives_with, l.active, "
                 "p.last_name, p.first_name, p.email, p.home_phone, p.cell_phone, p.work_phone, p.other_phone, "
                 "p.address FROM student_guardian l JOIN student s ON s.id = l.student_id "
                 "JOIN guardian p ON p.id = l.guardian_id JOIN school_board b ON b.id = s.board_id",
    "guardians_per_board": "SELECT b.code, COUNT(*) FROM guardian p JOIN school_board b ON b.id = p.board_id "
                           "GROUP BY b.code",
    "contacts": "SELECT b.code, s.fiche, c.name, c.phone, c.relationship_label, c.is_emergency FROM contact c "
                "JOIN student s ON s.id = c.student_id JOIN school_board b ON b.id = s.board_id",
    "groups": f"SELECT sc.code, g.school_year, g.code, g.grade, m.username FROM homeroom_group g "
              f"JOIN school sc ON sc.id = g.school_id LEFT JOIN staff m ON m.id = g.responsible_id "
              f"WHERE g.school_year = {YEAR}",
    "course_groups": f"SELECT sc.code, g.code, su.code, cg.code FROM course_group cg "
                     f"JOIN school sc ON sc.id = cg.school_id JOIN homeroom_group g ON g.id = cg.group_id "
                     f"JOIN subject su ON su.id = cg.subject_id WHERE g.school_year = {YEAR}",
    "teachers": f"SELECT sc.code, cg.code, m.username FROM teaching_assignment a "
                f"JOIN course_group cg ON cg.id = a.course_group_id JOIN homeroom_group g ON g.id = cg.group_id "
                f"JOIN school sc ON sc.id = g.school_id JOIN staff m ON m.id = a.staff_id "
                f"WHERE g.school_year = {YEAR}",
    "schedules": f"SELECT sc.code, cg.code, e.cycle_day, e.period, e.start_time, e.end_time, e.room "
                 f"FROM schedule_entry e JOIN course_group cg ON cg.id = e.course_group_id "
                 f"JOIN homeroom_group g ON g.id = cg.group_id JOIN school sc ON sc.id = g.school_id "
                 f"WHERE g.school_year = {YEAR}",
}


def _rows(database, query: str) -> list[tuple]:
    with database.engine.connect() as connection:
        return sorted(tuple(str(int(v) if isinstance(v, bool) else v) for v in row)
                      for row in connection.execute(text(query)))


def _comparable(view: dict) -> dict:
    """A dossier's JSON without database ids and without the fields built from local-only records."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ID_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    view = dict(view)
    view.pop("hidden_items", None)  # only in direction's --retenus output
    view["tiles"] = [{**tile, "fields": [field for field in tile["fields"]
                                         if (tile["id"], field["id"]) not in LOCAL_ONLY_FIELDS]}
                     for tile in view["tiles"] if tile["id"] not in LOCAL_ONLY_TILES]
    return strip(view)


def _viewers(database, fiche: str) -> tuple[int, list[ViewerSpec]]:
    """A student of the main board and who looks at them: a répondant, the homeroom teacher, roles."""
    with database.engine.connect() as connection:
        student_id, responsible = connection.execute(text(
            "SELECT s.id, g.responsible_id FROM student s JOIN school_board b ON b.id = s.board_id "
            "LEFT JOIN homeroom_group g ON g.id = s.group_id WHERE b.code = 'CSS3L' AND s.fiche = :fiche"),
            {"fiche": fiche}).one()
        guardians = connection.execute(text(
            "SELECT guardian_id FROM student_guardian WHERE student_id = :id ORDER BY respondent_rank IS NULL, "
            "respondent_rank"), {"id": student_id}).scalars().all()
    specs = [ViewerSpec.guardian(g) for g in guardians] + [ViewerSpec.as_student(), ViewerSpec.abstract("direction"),
                                                           ViewerSpec.abstract("teacher_specialist", "MAT")]
    if responsible is not None:
        specs.append(ViewerSpec.staff(responsible))
    return student_id, specs


def test_export_then_import_into_an_empty_database_gives_the_same_board(demo_db, any_db, tmp_path):
    export = Export.of(demo_db, tmp_path / "export")
    target = Vitrail(any_db)
    plan = target.sync.plan_oneroster_csv(export.folder)
    assert plan.problems == ()
    assert plan.can_apply and plan.conflicts == () and plan.corrections == ()
    result = target.sync.apply(plan).value
    assert result.run_id is not None and not result.cancelled
    for name, query in QUERIES.items():
        assert _rows(any_db, query) == _rows(demo_db, query), name

    with demo_db.engine.connect() as connection:
        fiches = connection.execute(text(
            "SELECT s.fiche FROM student s JOIN school_board b ON b.id = s.board_id WHERE b.code = 'CSS3L' "
            "ORDER BY s.id LIMIT 6")).scalars().all()
    source = Vitrail(demo_db)
    for fiche in fiches:
        source_id, source_specs = _viewers(demo_db, fiche)
        target_id, target_specs = _viewers(any_db, fiche)
        before = [_comparable(dossier_json(v)) for v in source.visibility.views(source_id, source_specs, TODAY)]
        after = [_comparable(dossier_json(v)) for v in target.visibility.views(target_id, target_specs, TODAY)]
        assert after == before, f"{fiche} {_first_difference(after, before)}"


def test_importing_the_same_export_again_writes_nothing(demo_db, any_db, tmp_path):
    export = Export.of(demo_db, tmp_path / "export")
    target = Vitrail(any_db)
    target.sync.apply(target.sync.plan_oneroster_csv(export.folder))
    counts = table_counts(any_db)
    again = target.sync.plan_oneroster_csv(export.folder)
    assert again.changes == () and not again.has_changes
    assert all(c.written == 0 for c in again.counts.values())
    result = target.sync.apply(again)
    assert result.value.run_id is None and result.value.rows_written == 0 and not result.changes
    assert table_counts(any_db) == counts


def test_a_zip_export_reads_like_the_folder(demo_db, empty_db, tmp_path):
    Vitrail(demo_db).sync.export_oneroster(tmp_path / "board.zip")
    with zipfile.ZipFile(tmp_path / "board.zip") as archive:
        assert "manifest.csv" in archive.namelist()
    plan = Vitrail(empty_db).sync.plan_oneroster_csv(tmp_path / "board.zip")
    assert plan.problems == () and plan.counts[Kind.STUDENT].added == 240


def test_importing_its_own_export_into_the_demo_board_only_links_records_to_the_sis(demo_db, tmp_path):
    """The demo's records have no sourcedId: the export's derived ones find them, nothing visible changes."""
    export = Export.of(demo_db, tmp_path / "export")
    vitrail = Vitrail(demo_db)
    counts = table_counts(demo_db)
    plan = vitrail.sync.plan_oneroster_csv(export.folder)
    assert plan.problems == ()
    assert {c.action for c in plan.changes} == {Action.LINK}
    assert {c.kind for c in plan.changes} == {Kind.STUDENT, Kind.GUARDIAN}
    vitrail.sync.apply(plan)
    after = table_counts(demo_db)
    assert after["import_run"] == counts["import_run"] + 1
    assert {k: v for k, v in after.items() if k not in ("import_run", "audit_entry")} == \
        {k: v for k, v in counts.items() if k not in ("import_run", "audit_entry")}
    assert not vitrail.sync.plan_oneroster_csv(export.folder).has_changes


def test_every_write_of_a_run_is_audited_with_its_id(demo_db, empty_db, tmp_path):
    export = Export.of(demo_db, tmp_path / "export")
    vitrail = Vitrail(empty_db)
    result = vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(export.folder)).value
    total, changes = vitrail.sync.run_changes(result.run_id, limit=5)
    assert total == result.rows_written + 1  # + the run's own "import_applied" event
    assert changes[0].action == "insert" and changes[0].entity == "school_board"
    runs = vitrail.sync.runs()
    assert [run.id for run in runs] == [result.run_id]
    assert runs[0].os_user == "secretariat.test" and runs[0].counts["student"]["added"] == 240


def test_a_oneroster_11_export_gives_the_same_board(demo_db, empty_db, tmp_path):
    """OneRoster 1.1 puts each person's role and orgs in users.csv, and has no roles.csv."""
    export = Export.of(demo_db, tmp_path / "export")
    as_oneroster_11(export)
    target = Vitrail(empty_db)
    plan = target.sync.plan_oneroster_csv(export.folder)
    assert plan.version == "1.1" and plan.problems == ()
    target.sync.apply(plan)
    for name in ("students", "guardians", "contacts", "groups", "teachers"):
        assert _rows(empty_db, QUERIES[name]) == _rows(demo_db, QUERIES[name]), name


def test_a_delta_file_touches_only_what_it_names(demo_db, empty_db, tmp_path):
    export = Export.of(demo_db, tmp_path / "export")
    target = Vitrail(empty_db)
    target.sync.apply(target.sync.plan_oneroster_csv(export.folder))
    student = next(r for r in export.rows("users.csv") if r["sourcedId"].startswith("vitrail-student-"))
    export.edit("users.csv", lambda rows: [dict(r, familyName="Nouveau-Nom") for r in rows
                                           if r["sourcedId"] == student["sourcedId"]])
    export.edit("roles.csv", lambda rows: [r for r in rows if r["userSourcedId"] == student["sourcedId"]])
    export.edit("manifest.csv", lambda rows: [
        dict(r, value="delta") if r["propertyName"] == "file.users"
        else dict(r, value="absent") if r["value"] == "bulk" and r["propertyName"] not in (
            "file.orgs", "file.roles", "file.academicSessions") else r for r in rows])
    export.edit("manifest.csv", lambda rows: [dict(r, value="delta") if r["propertyName"] == "file.roles" else r
                                              for r in rows])
    plan = target.sync.plan_oneroster_csv(export.folder)
    assert plan.errors == []
    changed = [c for c in plan.changes if c.action != Action.LINK]
    assert [(c.kind, c.action, c.key) for c in changed] == [(Kind.STUDENT, Action.CHANGE, student["sourcedId"])]
    assert [(f.field, f.after) for f in changed[0].fields] == [("last_name", "Nouveau-Nom")]


def test_a_roster_built_by_another_source_plans_and_applies_the_same_way(demo_db, empty_db, tmp_path):
    """What a REST client will do: build the Roster itself, then the same plan, apply, audit and history."""
    export = Export.of(demo_db, tmp_path / "export")
    roster, problems = read_oneroster_csv(export.folder)
    vitrail = Vitrail(empty_db)
    plan = vitrail.sync.plan_roster(roster, list(problems), source_kind="oneroster-rest")
    result = vitrail.sync.apply(plan).value
    [run] = vitrail.sync.runs()
    assert (run.id, run.source_kind, run.counts["student"]["added"]) == (result.run_id, "oneroster-rest", 240)


def _first_difference(a, b, path="") -> str:
    """Where two JSON values first differ (for the assertion message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return _first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list) and isinstance(b, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _first_difference(x, y, f"{path}[{index}]")
        return f"{path}: {len(a)} ≠ {len(b)} éléments"
    return f"{path}: {a!r} ≠ {b!r}"
