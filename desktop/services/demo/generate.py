"""``generate_demo``: fill an empty database with a deterministic, realistic school board.

Same (students, seed, today) → same rows. Each part of the board draws from its own random
stream named after it, so adding a table never reshuffles the names of the students.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.exc import OperationalError

from desktop.models import (
    AccessGrant,
    AccountStatement,
    Attendance,
    AuditAction,
    AuditEntry,
    Competency,
    Contact,
    CourseGroup,
    DatabaseInfo,
    Detention,
    FinalResult,
    FollowUpEvent,
    GroupAverage,
    Guardian,
    HomeroomGroup,
    Homework,
    Intervention,
    Message,
    Observation,
    ReportCard,
    Result,
    ScheduleEntry,
    School,
    SchoolBoard,
    SharedResource,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    SupportPlan,
    TeachingAssignment,
)
from desktop.services.access.store import BOARD_KIND, DEMO_KIND, KIND
from desktop.services.bulk import without_cyclic_gc
from desktop.services.calendar import school_year_of
from desktop.services.demo import content, records
from desktop.services.demo.board import (
    BoardPlan,
    Organisation,
    SchoolPlan,
    build_schedule,
    homework_rows,
    schedule_rows,
)
from desktop.services.demo.people import (
    ChildPlan,
    CodeBook,
    Family,
    FamilyBuilder,
    GuardianPlan,
    PlantedProblems,
    Weights,
    assign_emails,
    fiche_numbers,
    phone,
)
from desktop.services.demo.writer import (
    BulkWriter,
    DemoRow,
    IdSequence,
    delete_all_rows,
    first_table_with_rows,
    indexes_built_after_load,
    reset_id_sequences,
)
from desktop.services.errors import DatabaseBusy, DatabaseNotEmpty, InvalidInput
from desktop.services.storage import Database
from desktop.services.text import student_search_key

MAX_STUDENTS = 200_000
# Never emptied by the demo, even when it replaces a demo board: no command deletes the audit log
# or the settings versions (access.md §5), and who holds which role is not the demo's to decide.
KEPT_TABLES = frozenset({"audit_entry", "settings_version", "access_grant", "database_info"})
# The second, small board: its share of the students and of its fiches reused from the first.
SECOND_BOARD_SHARE = 0.06
SECOND_BOARD_MIN_STUDENTS = 50
REUSED_FICHE_RATE = 0.3
PRIMARY_STUDENTS_PER_SCHOOL = 330
SECONDARY_STUDENTS_PER_SCHOOL = 950
# Even a small demo shows several schools of each level on the main board (board number → count).
MIN_PRIMARY_SCHOOLS = {1: 3, 2: 1}
MIN_SECONDARY_SCHOOLS = {1: 2, 2: 1}
OTHER_SECONDARY_RATE = 0.06
# Students new to the board this year (no earlier groups or report cards); every student
# without a code permanent is one of them (recent arrivals wait for the ministry's code).
NEWCOMER_RATE = 0.04  # families who chose a secondary school outside their catchment
EMERGENCY_CONTACTS = Weights(((1, 55), (2, 40), (0, 5)))
OTHER_CONTACT_RATE = 0.15  # a sitter or neighbour allowed to pick the child up, not for emergencies

# SQLite's page cache during the load, in KiB (see _bulk_load_settings).
LOAD_CACHE_KIB = 4_000

Progress = Callable[[int, int, str], None]


@dataclass
class DemoSummary:
    """Counts of what was written (and of the data problems planted on purpose)."""

    boards: int = 0
    schools: int = 0
    groups: int = 0
    course_groups: int = 0
    staff: int = 0
    students: int = 0
    guardians: int = 0
    results: int = 0
    attendance: int = 0
    observations: int = 0
    support_plans: int = 0
    guardians_without_email: int = 0
    couples_sharing_email: int = 0
    guardians_split_across_siblings: int = 0
    unrelated_families_sharing_email: int = 0
    typo_domain_emails: int = 0
    malformed_emails: int = 0
    incomplete_codes: int = 0
    absent_codes: int = 0
    mismatched_codes: int = 0
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        """The summary in French, one line per topic (for the CLI and logs)."""
        return [
            f"{self.boards} centres de services, {self.schools} écoles, {self.groups} groupes "
            f"({self.course_groups} groupes-matières), {self.staff} membres du personnel.",
            f"{self.students} élèves, {self.guardians} parents ou tuteurs, {self.results} résultats, "
            f"{self.attendance} absences et retards, {self.observations} observations SOI, "
            f"{self.support_plans} plans DAP ; {self.total_rows} lignes en tout.",
            "Problèmes de données plantés (comme dans un vrai secrétariat) : "
            f"{self.guardians_without_email} parents sans courriel, {self.couples_sharing_email} couples "
            f"partageant un courriel, {self.guardians_split_across_siblings} parents avec deux courriels "
            f"selon l'enfant, {self.unrelated_families_sharing_email} courriels communs à deux familles, "
            f"{self.typo_domain_emails} domaines mal tapés, {self.malformed_emails} courriels avec espaces "
            f"ou deux adresses, {self.incomplete_codes} codes permanents incomplets, {self.absent_codes} "
            f"absents, {self.mismatched_codes} non conformes au nom ou à la date de naissance.",
        ]


def generate_demo(database: Database, *, students: int = 2000, seed: int = 1, today: date | None = None,
                  replace: bool = False, progress: Progress | None = None) -> DemoSummary:
    """Fill ``database`` with a demo board of ``students`` students, in one transaction.

    Refuses (``DatabaseNotEmpty``) a database that already holds data, unless it was created as a
    demo (``database_info.kind``) and ``replace`` is asked: then the demo board's rows are deleted
    first, in the same transaction, so a failure leaves it intact. A real board is never replaced,
    whoever asks and whatever the option (``access.md`` §5). Replacing keeps the audit log, the
    settings versions and the grants (``KEPT_TABLES``): no command deletes them; the new board's
    generation is appended to the log.
    """
    if not 1 <= students <= MAX_STUDENTS:
        raise InvalidInput(f"Le nombre d'élèves doit être entre 1 et {MAX_STUDENTS:,}".replace(",", " ")
                           + f" (reçu : {students}).")
    today = today or database.clock.today()
    report = progress or (lambda done, total, label: None)
    with (
        without_cyclic_gc(),
        database.engine.connect() as connection,
        _bulk_load_settings(connection),
        connection.begin(),
    ):
        occupied = first_table_with_rows(connection, KEPT_TABLES)
        kind = _database_kind(connection)
        if kind == BOARD_KIND or (occupied and kind != DEMO_KIND):
            raise DatabaseNotEmpty(
                f"La base de données « {database.display_name()} » contient un vrai centre de services : la "
                "démonstration ne remplace jamais un vrai centre de services, quelle que soit la personne qui le "
                "demande. Rien n'a été écrit. Créez la démonstration dans une autre base, par exemple "
                "« vitrail --db sqlite:///demo.db demo »."
            )
        if occupied and not replace:
            raise DatabaseNotEmpty(
                f"La base de données « {database.display_name()} » contient déjà des données "
                f"(table « {occupied} ») : rien n'a été écrit. Utilisez --replace pour la remplacer "
                "par la démonstration, ou choisissez une autre base."
            )
        if occupied:
            report(0, len(STEPS), "Suppression des données existantes")
            # Roles held in a demo school go with it (the school's row goes); board-wide roles stay.
            connection.execute(delete(AccessGrant).where(AccessGrant.school_id.is_not(None)))
            delete_all_rows(connection, keep=KEPT_TABLES)
        writer = BulkWriter(connection)
        with indexes_built_after_load(connection):
            summary = DemoBuild(students, seed, today).write(writer, report)
            report(len(STEPS) - 1, len(STEPS), STEPS[-1])
        reset_id_sequences(connection)
        if kind is None:
            connection.execute(insert(DatabaseInfo).values(key=KIND, value=DEMO_KIND))
        _record_generation(connection, database, students, seed, today, replaced=bool(occupied))
    report(len(STEPS), len(STEPS), "Terminé")
    return summary


def _record_generation(connection: Connection, database: Database, students: int, seed: int, today: date,
                       *, replaced: bool) -> None:
    """One audit event for the whole load: the rows themselves are bulk-inserted, not audited."""
    connection.execute(insert(AuditEntry).values(
        at=database.clock.now(), os_user=database.actor.os_user, workstation=database.actor.workstation,
        action=AuditAction.DEMO_GENERATED, entity="school_board", entity_id=None, field=None, before=None,
        after=json.dumps({"students": students, "seed": seed, "today": today.isoformat(), "replaced": replaced}),
    ))


def _database_kind(connection: Connection) -> str | None:
    """"demo", "board", or None for a database no board was ever written into."""
    kind: str | None = connection.execute(select(DatabaseInfo.value).where(DatabaseInfo.key == KIND)).scalar()
    return kind


@contextmanager
def _bulk_load_settings(connection: Connection) -> Iterator[None]:
    """SQLite: load with a rollback journal, no foreign-key checks and a small page cache.

    - In WAL mode a 300 MB load is written twice (to the WAL at commit, then checkpointed into
      the file); with a rollback journal it is written once, and a failure still rolls back.
      Leaving WAL needs the file to ourselves: if another connection has it open, the load
      stays in WAL (slower, same result).
    - The generator assigns every id itself and the tests run ``PRAGMA foreign_key_check`` on
      its output, so the per-row checks (three index look-ups per result row) would only cost time.
    - A small page cache (``LOAD_CACHE_KIB``): rows are appended, so a page is written once full
      and not read again until the indexes are built, and SQLite sorts each index's entries in
      runs the size of the cache. Runs that fit the processor's cache sort twice as fast as one
      run of 1.5 million entries; with a 400 MB cache, the indexes and the commit (which then
      wrote the 320 MB held in the cache) took 4.3 s at 100,000 students, 2 s with this one.
    Pragmas must be set outside a transaction, hence on this connection before it begins.
    Afterwards the file is put back in WAL and this DBAPI connection is discarded, so the next
    one is opened with storage.py's usual pragmas (foreign keys on, normal cache).
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        left_wal = connection.exec_driver_sql("PRAGMA journal_mode=DELETE").scalar() == "delete"
    except (OperationalError, DatabaseBusy):  # "database is locked": another connection has the file open
        connection.rollback()
        left_wal = False
    connection.exec_driver_sql("PRAGMA busy_timeout=5000")
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
    connection.commit()
    try:
        yield
    finally:
        if connection.in_transaction():
            connection.rollback()
        if left_wal:
            try:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL").scalar()
                connection.commit()
            except (OperationalError, DatabaseBusy):  # someone opened the file meanwhile: opening it sets WAL again
                connection.rollback()
        connection.invalidate()


STEPS = ("Familles et élèves", "Écoles et personnel", "Groupes et horaires", "Élèves et parents",
         "Résultats", "Bulletins", "Assiduité", "SOI", "DAP et suivis", "Finances et messages",
         "Index et enregistrement")


def _unlink_plan(organisation: Organisation, families: list[Family]) -> None:
    """Drop the plan's links back up (a family to its children, a group to its students, a school
    to its groups) once everything is written.

    They make cycles, which only the cyclic collector frees: about a million objects at 100,000
    students, a 0.7 s collection once ``without_cyclic_gc`` ends. Without them, reference
    counting frees the plan as the build returns.
    """
    for family in families:
        family.children.clear()
    for group in organisation.groups:
        group.students.clear()
    for school in organisation.schools:
        school.groups.clear()


class DemoBuild:
    """One generation run: plans the board in memory, then streams the records to the writer."""

    def __init__(self, students: int, seed: int, today: date) -> None:
        self.students = students
        self.seed = seed
        self.today = today
        self.year = school_year_of(today)
        self.problems = PlantedProblems()
        self.assignments: list[tuple[int, int]] = []  # (staff id, course-group id)

    def rng(self, name: str) -> random.Random:
        return random.Random(f"vitrail-demo:{self.seed}:{name}")

    def write(self, writer: BulkWriter, report: Progress) -> DemoSummary:
        total = len(STEPS)
        report(0, total, STEPS[0])
        boards = self._boards()
        guardian_ids = IdSequence()
        families_by_board = self._families(boards, guardian_ids)
        organisation = Organisation(self.rng("organisation"), self.year)
        children = self._plan_schools(organisation, boards, families_by_board)
        report(1, total, STEPS[1])
        self._write_organisation(writer, organisation, boards)
        report(2, total, STEPS[2])
        self._write_groups(writer, organisation)
        report(3, total, STEPS[3])
        families = [family for board_families in families_by_board for family in board_families]
        self._write_people(writer, families, children)
        self._write_records(writer, organisation, children, report, total)
        summary = self._summary(writer, boards, organisation, children)
        _unlink_plan(organisation, families)
        return summary

    # --- planning ---------------------------------------------------------------------------------
    def _boards(self) -> list[BoardPlan]:
        second = round(self.students * SECOND_BOARD_SHARE) if self.students >= SECOND_BOARD_MIN_STUDENTS else 0
        boards = [BoardPlan(1, "CSS3L", "Centre de services scolaire des Trois-Lacs", "csstroislacs.gouv.qc.ca",
                            content.TOWNS, self.students - second)]
        if second:
            boards.append(BoardPlan(2, "CSSRH", "Centre de services scolaire de la Rivière-aux-Hérons",
                                    "cssrh.gouv.qc.ca", content.BOARD2_TOWNS, second))
        return boards

    def _families(self, boards: list[BoardPlan], guardian_ids: IdSequence) -> list[list[Family]]:
        builder = FamilyBuilder(self.rng("families"), self.year, guardian_ids)
        families = [builder.build(index, board.towns, board.students) for index, board in enumerate(boards)]
        everyone = [family for board_families in families for family in board_families]
        assign_emails(self.rng("emails"), everyone, self.problems, guardian_ids)
        return families

    def _plan_schools(self, organisation: Organisation, boards: list[BoardPlan],
                      families_by_board: list[list[Family]]) -> list[ChildPlan]:
        """Schools sized from the children, catchments, fiches, codes, then groups of 3 years."""
        rng = self.rng("schools")
        codes = CodeBook(self.rng("codes"), self.problems)
        abilities = self.rng("abilities")
        student_ids = IdSequence()
        all_children: list[ChildPlan] = []
        first_board_fiches: list[str] = []
        for number, (board, families) in enumerate(zip(boards, families_by_board, strict=True), start=1):
            organisation.add_subjects(board)
            children = [child for family in families for child in family.children]
            primary_count = sum(1 for child in children if child.level == "primary")
            secondary_count = len(children) - primary_count
            primary = organisation.add_schools(board, "primary", number, max(
                MIN_PRIMARY_SCHOOLS[number], round(primary_count / PRIMARY_STUDENTS_PER_SCHOOL)))
            secondary = organisation.add_schools(board, "secondary", number, max(
                MIN_SECONDARY_SCHOOLS[number], round(secondary_count / SECONDARY_STUDENTS_PER_SCHOOL)))
            for family in families:
                slot = rng.randrange(len(primary))
                catchment = secondary[slot * len(secondary) // len(primary)]
                if rng.random() < OTHER_SECONDARY_RATE:
                    catchment = rng.choice(secondary)
                for child in family.children:
                    child.primary_school, child.secondary_school = primary[slot], catchment
            fiches = fiche_numbers(rng, len(children), first_board_fiches, REUSED_FICHE_RATE if number > 1 else 0.0)
            if number == 1:
                first_board_fiches = fiches
            for child, fiche in zip(children, fiches, strict=True):
                child.id = student_ids.next()
                child.board_id = board.id
                child.fiche = fiche
                child.ability = max(40.0, min(97.0, abilities.gauss(76, 9)))
            all_children.extend(children)
        codes.assign_all(all_children)
        newcomers = self.rng("newcomers")
        for child in all_children:
            child.newcomer = child.code_permanent is None or newcomers.random() < NEWCOMER_RATE
        self._plan_groups(organisation, all_children)
        self._plan_staff_and_teaching(organisation, boards)
        return all_children

    def _plan_groups(self, organisation: Organisation, children: list[ChildPlan]) -> None:
        """Homeroom groups of the current and two previous school years, from the children's grades.

        A child in grade g today was in grade g-1 last year, in their primary or secondary
        catchment school; newcomers to the board have no earlier groups.
        """
        buckets: dict[tuple[int, int, int], list[tuple[SchoolPlan, ChildPlan]]] = {}
        for child in children:
            for back in ((0,) if child.newcomer else (0, 1, 2)):
                grade_overall = child.grade_overall - back
                if grade_overall < 1:
                    break
                school = child.primary_school if grade_overall <= 6 else child.secondary_school
                grade = grade_overall if grade_overall <= 6 else grade_overall - 6
                buckets.setdefault((school.id, self.year - back, grade), []).append((school, child))
        for (_school_id, year, grade), members in sorted(buckets.items(), key=lambda item: item[0]):
            groups = organisation.add_groups(members[0][0], year, grade, [child for _, child in members])
            for group in groups:
                for child in group.students:
                    if year == self.year:
                        child.group = group
                    else:
                        child.history.append(group)
        for child in children:
            child.history.sort(key=lambda group: group.year, reverse=True)

    def _plan_staff_and_teaching(self, organisation: Organisation, boards: list[BoardPlan]) -> None:
        """Staff sized from this year's groups, then who teaches which course-group, every year."""
        for school in organisation.schools:
            organisation.add_school_staff(school)
        for board in boards:
            organisation.add_board_directors(board)
        for school in organisation.schools:
            for year in sorted(school.groups):
                self.assignments.extend(organisation.add_course_groups(school, year))
        schedule_rng = self.rng("schedule")
        for group in organisation.groups:
            if group.year == self.year:
                build_schedule(schedule_rng, group)

    # --- writing ----------------------------------------------------------------------------------
    def _write_organisation(self, writer: BulkWriter, organisation: Organisation, boards: list[BoardPlan]) -> None:
        writer.write(SchoolBoard, ("id", "code", "name"), [(b.id, b.code, b.name) for b in boards])
        writer.write(School, ("id", "version", "board_id", "code", "name", "level", "address", "phone",
                              "fax", "email", "direction_names"),
                     [(s.id, 1, s.board.id, s.code, s.name, s.level, s.address, s.phone, s.fax, s.email,
                       s.direction_names) for s in organisation.schools])
        writer.write(Staff, ("id", "version", "board_id", "school_id", "last_name", "first_name", "email",
                             "job_class", "publishes_email", "username"),
                     [(m.id, 1, m.board_id, m.school_id, m.last_name, m.first_name, m.email, m.job_class,
                       m.publishes_email, m.username) for m in organisation.staff])
        subject_rows, competency_rows = [], []
        for (board_id, code), subject_id in organisation.subjects.items():
            subject_rows.append((subject_id, board_id, code, content.SUBJECTS[code][0]))
            for competency_id, comp_code, comp_name in organisation.competencies[(board_id, code)]:
                competency_rows.append((competency_id, subject_id, comp_code, comp_name))
        writer.write(Subject, ("id", "board_id", "code", "name"), subject_rows)
        writer.write(Competency, ("id", "subject_id", "code", "name"), competency_rows)

    def _write_groups(self, writer: BulkWriter, organisation: Organisation) -> None:
        groups = organisation.groups
        writer.write(HomeroomGroup, ("id", "school_id", "school_year", "code", "grade", "responsible_id"),
                     [(g.id, g.school.id, g.year, g.code, g.grade, g.responsible.id if g.responsible else None)
                      for g in groups])
        writer.write(CourseGroup, ("id", "school_id", "group_id", "subject_id", "code"),
                     [(cg.id, g.school.id, g.id, organisation.subjects[(g.school.board.id, cg.subject)], cg.code)
                      for g in groups for cg in g.course_groups])
        assignment_ids = IdSequence()
        writer.write(TeachingAssignment, ("id", "staff_id", "course_group_id"),
                     [(assignment_ids.next(), staff_id, cg_id) for staff_id, cg_id in self.assignments])
        current = [g for g in groups if g.year == self.year]
        schedule_ids = IdSequence()
        writer.write(ScheduleEntry, ("id", "course_group_id", "cycle_day", "period", "start_time",
                                     "end_time", "room"),
                     (row for g in current for row in schedule_rows(g, schedule_ids)))
        homework_rng, homework_ids = self.rng("homework"), IdSequence()
        writer.write(Homework, ("id", "course_group_id", "due_on", "kind", "title"),
                     (row for g in current for row in homework_rows(homework_rng, g, self.today, homework_ids)))

    def _write_people(self, writer: BulkWriter, families: list[Family], children: list[ChildPlan]) -> None:
        rng = self.rng("people")
        watch = self.rng("watch")
        writer.write(Student, (
            "id", "version", "board_id", "fiche", "code_permanent", "last_name", "first_name", "birth_date", "sex",
            "school_id", "group_id", "grade", "transport_entitled", "transport_details", "active_watch",
            "search_key"), (self._student_row(rng, watch, child) for child in children))
        guardians: dict[int, GuardianPlan] = {}
        links: list[DemoRow] = []
        link_ids = IdSequence()
        for child in children:
            for link in child.links:
                guardians.setdefault(link.guardian.id, link.guardian)
                links.append((link_ids.next(), child.id, link.guardian.id, link.rank, link.relationship,
                              link.lives_with))
        board_of: dict[int, int] = {}
        for child in children:
            for link in child.links:
                board_of.setdefault(link.guardian.id, child.board_id)
        writer.write(Guardian, ("id", "version", "board_id", "last_name", "first_name", "email",
                                "home_phone", "cell_phone", "work_phone", "other_phone", "address"),
                     [(g.id, 1, board_of[g.id], g.last_name, g.first_name, g.email, g.home_phone, g.cell_phone,
                       g.work_phone, g.other_phone, g.address) for g in sorted(guardians.values(), key=lambda g: g.id)])
        writer.write(StudentGuardian, ("id", "student_id", "guardian_id", "respondent_rank",
                                       "relationship_label", "lives_with"), links)
        contact_ids = IdSequence()
        writer.write(Contact, ("id", "student_id", "name", "phone", "relationship_label", "is_emergency"),
                     (row for family in families for row in self._contact_rows(rng, family, contact_ids)))

    def _student_row(self, rng: random.Random, watch: random.Random, child: ChildPlan) -> DemoRow:
        group = child.group
        family = child.family
        entitled = family.transport_entitled
        details = ""
        if entitled:
            school = group.school
            pickup = (7 * 60 + 35 if school.level == "primary" else 7 * 60) + (family.route * 7) % 35
            details = (f"Circuit {school.code[-2:]}-{family.route:02d}, arrêt {family.bus_stop} ; "
                       f"montée vers {pickup // 60} h {pickup % 60:02d}, retour vers "
                       f"{15 if school.level == 'primary' else 14} h {(family.route * 11) % 50 + 5:02d}")
        active_watch = watch.random() < records.ACTIVE_WATCH_RATE * (3 if child.ability < 65 else 1)
        return (child.id, 1, child.board_id, child.fiche, child.code_permanent, child.last_name, child.first_name,
                child.birth_date, child.sex, group.school.id, group.id, group.grade, entitled, details,
                active_watch, student_search_key(child.last_name, child.first_name, child.fiche, child.code_permanent))

    def _contact_rows(self, rng: random.Random, family: Family, ids: IdSequence) -> Iterator[DemoRow]:
        """Emergency contacts shared by the siblings (grandparents carry a parent's surname)."""
        contacts: list[tuple[str, str, str, bool]] = []
        for _ in range(EMERGENCY_CONTACTS.draw(rng)):
            contacts.append(self._contact(rng, family, rng.choice(content.EMERGENCY_RELATIONS), True))
        if rng.random() < OTHER_CONTACT_RATE:
            contacts.append(self._contact(rng, family, rng.choice(content.OTHER_CONTACT_RELATIONS), False))
        for child in family.children:
            for name, number, relation, emergency in contacts:
                yield (ids.next(), child.id, name, number, relation, emergency)

    def _contact(self, rng: random.Random, family: Family, relation: str,
                 emergency: bool) -> tuple[str, str, str, bool]:
        female = relation.split()[0] in ("Grand-mère", "Tante", "Voisine", "Amie", "Gardienne")
        first = rng.choice(content.ADULT_FEMALE_NAMES if female else content.ADULT_MALE_NAMES)
        last = (rng.choice(family.links).guardian.last_name if relation.startswith("Grand")
                else rng.choice(content.QUEBEC_SURNAMES))
        return (f"{first} {last}", phone(rng, family.town[2]), relation, emergency)

    def _write_records(self, writer: BulkWriter, organisation: Organisation, children: list[ChildPlan],
                       report: Progress, total: int) -> None:
        calendar = records.Calendar(self.year, self.today)
        terms = records.completed_terms(self.today)
        current = [g for g in organisation.groups if g.year == self.year]
        history = [g for g in organisation.groups if g.year != self.year]
        report(4, total, STEPS[4])
        averages: list[DemoRow] = []
        writer.write(Result, ("id", "student_id", "course_group_id", "competency_id", "school_year",
                              "term", "value"),
                     records.result_rows(self.rng("results"), current, terms, IdSequence(), averages))
        writer.write(GroupAverage, ("id", "course_group_id", "competency_id", "term", "value"), averages)
        writer.write(FinalResult, ("id", "student_id", "course_group_id", "school_year", "value"),
                     records.final_result_rows(self.rng("final"), history, IdSequence()))
        report(5, total, STEPS[5])
        writer.write(ReportCard, ("id", "student_id", "school_year", "term", "school_id", "board_id",
                                  "file_name"),
                     records.report_card_rows(children, self.year, terms, IdSequence()))
        report(6, total, STEPS[6])
        tally = records.AttendanceTally()
        writer.write(Attendance, ("id", "student_id", "school_year", "occurred_on", "kind", "reason",
                                  "period", "course_group_id", "term"),
                     records.attendance_rows(self.rng("attendance"), children, calendar, IdSequence(), tally))
        writer.write(Detention, ("id", "student_id", "school_year", "scheduled_on", "reason", "staff_id"),
                     records.detention_rows(self.rng("detention"), children, calendar, IdSequence()))
        report(7, total, STEPS[7])
        interventions: list[DemoRow] = []
        writer.write(Observation, ("id", "student_id", "school_year", "category", "author_id",
                                   "observed_on", "text", "shared_with_parents"),
                     records.observation_rows(self.rng("soi"), children, calendar, IdSequence(), interventions,
                                              IdSequence()))
        writer.write(Intervention, ("id", "student_id", "school_year", "author_id", "done_on", "text"),
                     interventions)
        report(8, total, STEPS[8])
        writer.write(SupportPlan, ("id", "student_id", "school_year", "kind", "started_on", "summary",
                                   "document_name"),
                     records.support_plan_rows(self.rng("dap"), children, calendar, IdSequence()))
        writer.write(FollowUpEvent, ("id", "student_id", "school_year", "occurred_on", "protocol",
                                     "description"),
                     records.follow_up_rows(self.rng("events"), children, calendar, tally, IdSequence()))
        report(9, total, STEPS[9])
        writer.write(AccountStatement, ("id", "student_id", "school_year", "kind", "generated_on",
                                        "balance"),
                     records.account_statement_rows(self.rng("finances"), children, calendar, IdSequence()))
        writer.write(Message, ("id", "school_id", "group_id", "author_id", "published_at", "title", "body"),
                     records.message_rows(self.rng("messages"), organisation, calendar, IdSequence()))
        writer.write(SharedResource, ("id", "board_id", "school_id", "course_group_id", "title", "url"),
                     records.shared_resource_rows(self.rng("resources"), organisation, self.year, IdSequence()))

    def _summary(self, writer: BulkWriter, boards: list[BoardPlan], organisation: Organisation,
                 children: list[ChildPlan]) -> DemoSummary:
        counts = dict(writer.counts)
        problems = self.problems
        return DemoSummary(
            boards=len(boards), schools=len(organisation.schools), groups=counts.get("homeroom_group", 0),
            course_groups=counts.get("course_group", 0), staff=counts.get("staff", 0), students=len(children),
            guardians=counts.get("guardian", 0), results=counts.get("result", 0),
            attendance=counts.get("attendance", 0), observations=counts.get("observation", 0),
            support_plans=counts.get("support_plan", 0),
            guardians_without_email=len(problems.guardians_without_email),
            couples_sharing_email=len(problems.couples_sharing_email),
            guardians_split_across_siblings=len(problems.guardians_split_across_siblings),
            unrelated_families_sharing_email=len(problems.unrelated_families_sharing_email),
            typo_domain_emails=len(problems.typo_domains),
            malformed_emails=len(problems.stray_spaces) + len(problems.two_addresses),
            incomplete_codes=len(problems.incomplete_codes), absent_codes=len(problems.absent_codes),
            mismatched_codes=len(problems.mismatched_codes), rows=counts,
        )
