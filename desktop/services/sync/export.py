"""``export oneroster``: the board as OneRoster 1.2 CSV (manifest.csv and the files it names).

What the standard has a column for goes there (codes permanents as ``{codePermanent:…}`` userIds,
job classes as ``{corpsEmploi:…}``, grades as CEDS codes, répondants as agents); what it has not —
a school's level and contact details, a guardian's work phone and address, the répondant rank and
relationship of each link, the homeroom group a course-group is taught to, the schedule with its
hours and rooms — goes in ``metadata.vitrail.*`` extension columns, which any OneRoster reader
ignores and Vitrail's import reads back. Only the current school year's groups are written, and
only active students and guardian links: a bulk export, whose absences mean "gone".

Records that never came from a SIS get ``local_sourced_id`` keys, so importing the export back into
the same database finds the same records.
"""

from __future__ import annotations

import csv
import json
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from desktop.models import (
    Contact,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    ScheduleEntry,
    School,
    SchoolBoard,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.calendar import school_year_end, school_year_of, school_year_start
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.storage import Database
from desktop.services.sync import oneroster as fmt
from desktop.services.sync.oneroster import Meta, grade_code, local_sourced_id

VERSION = "1.2"
ORG_META = ("metadata." + Meta.LEVEL, "metadata." + Meta.ADDRESS, "metadata." + Meta.PHONE, "metadata." + Meta.FAX,
            "metadata." + Meta.EMAIL, "metadata." + Meta.DIRECTION)
CLASS_META = ("metadata." + Meta.GROUP, "metadata." + Meta.SCHEDULE)
USER_META = ("metadata." + Meta.AGENTS, "metadata." + Meta.WORK_PHONE, "metadata." + Meta.OTHER_PHONE,
             "metadata." + Meta.ADDRESS, "metadata." + Meta.EMERGENCY)
HOMEROOM_COURSE_CODE = "GR"  # the course every homeroom class belongs to (OneRoster wants one)


@dataclass
class ExportSummary:
    """What was written, by OneRoster file (rows, header excluded)."""

    target: Path
    rows: dict[str, int] = field(default_factory=dict)
    school_year: int = 0

    def lines(self) -> list[str]:
        files = ", ".join(f"{name} : {count}" for name, count in self.rows.items())
        return [f"Export OneRoster {VERSION} écrit dans « {self.target} » (année scolaire "
                f"{self.school_year}-{self.school_year + 1}).", f"Lignes par fichier — {files}."]


def export_oneroster(database: Database, target: Path, *, board_code: str | None = None,
                     on: date | None = None) -> ExportSummary:
    """Write the board(s) to ``target``: a folder, or a .zip when the name ends with .zip.

    Rows are streamed to the files as they are read (a 100,000-student board is two million CSV
    rows); a zip is written from a temporary folder beside it, then the folder is removed.
    """
    year = school_year_of(on or database.clock.today())
    as_zip = target.suffix.lower() == ".zip"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with (tempfile.TemporaryDirectory(dir=target.parent) if as_zip else nullcontext(str(target))) as name:
            folder = Path(name)
            folder.mkdir(parents=True, exist_ok=True)
            with database.engine.connect() as connection:
                board = _Board(connection, board_code, year, folder)
                try:
                    board.write()
                finally:
                    board.close()
            rows = {name: sink.count for name, sink in board.sinks.items()}
            _write_manifest(folder / fmt.MANIFEST, rows)
            if as_zip:
                with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for name in (fmt.MANIFEST, *rows):
                        archive.write(folder / name, name)
    except OSError as exc:
        raise InvalidInput(f"Impossible d'écrire l'export dans « {target} » : {exc.strerror or exc}.") from None
    return ExportSummary(target, rows, year)


class _Sink:
    """One CSV file being written: rows go straight to disk, counted."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by _Board.close
        self.writer = csv.writer(self.handle, lineterminator="\r\n")
        self.writer.writerow(header)
        self.count = 0

    def append(self, row: Sequence[object]) -> None:
        self.writer.writerow(row)
        self.count += 1


def _write_manifest(path: Path, files: dict[str, int]) -> None:
    sink = _Sink(path, ("propertyName", "value"))
    for row in (("manifest.version", "1.0"), ("oneroster.version", VERSION),
                *((f"file.{name[:-4]}", "bulk" if name in files else "absent")
                  for name in (*fmt.DATA_FILES, *fmt.OTHER_FILES)),
                ("source.systemName", "Vitrail"), ("source.systemCode", "vitrail")):
        sink.append(row)
    sink.handle.close()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _split_name(name: str) -> tuple[str, str]:
    """A contact's one-field name as (given, family): "Marie-Josée Trépanier" → ("Marie-Josée", "Trépanier")."""
    given, _, family = name.strip().partition(" ")
    return given, family


def _sid(stored: str | None, kind: str, row_id: int) -> str:
    return stored or local_sourced_id(kind, row_id)


class _Board:
    """One export run: reads what it needs with a few queries, builds each file's rows."""

    def __init__(self, connection: Connection, board_code: str | None, year: int, folder: Path) -> None:
        self.connection = connection
        self.year = year
        self.folder = folder
        self.sinks: dict[str, _Sink] = {}
        boards = connection.execute(select(SchoolBoard.id, SchoolBoard.code, SchoolBoard.name,
                                           SchoolBoard.sourced_id).order_by(SchoolBoard.id)).all()
        if board_code is not None:
            boards = [b for b in boards if b.code == board_code]
            if not boards:
                raise NotFound(f"Aucun centre de services n'a le code « {board_code} ».")
        if not boards:
            raise InvalidInput("La base de données ne contient aucun centre de services : rien à exporter.")
        self.boards = boards
        self.board_ids = [b.id for b in boards]
        self.board_sid = {b.id: _sid(b.sourced_id, "board", b.id) for b in boards}
        self.year_sid = f"vitrail-year-{year}"

    def run(self, statement: Any) -> Iterator[Any]:
        return iter(self.connection.execute(statement))

    def sink(self, name: str, header: Sequence[str]) -> _Sink:
        self.sinks[name] = _Sink(self.folder / name, header)
        return self.sinks[name]

    def close(self) -> None:
        for sink in self.sinks.values():
            sink.handle.close()

    def write(self) -> None:
        self._orgs()
        self._sessions()
        self._courses_and_classes()
        self._users()
        self._enrollments()

    # -- orgs and sessions ------------------------------------------------------------------------
    def _orgs(self) -> None:
        rows = self.sink(fmt.ORGS, [*fmt.COLUMNS[fmt.ORGS][VERSION], *ORG_META])
        for board in self.boards:
            rows.append([self.board_sid[board.id], "active", "", board.name, "district", board.code, "",
                         *[""] * len(ORG_META)])
        self.school_sid: dict[int, str] = {}
        self.school_level: dict[int, str] = {}
        for school in self.run(select(School.id, School.board_id, School.code, School.name, School.level,
                                      School.address, School.phone, School.fax, School.email, School.direction_names,
                                      School.sourced_id)
                               .where(School.board_id.in_(self.board_ids)).order_by(School.code)):
            sid = _sid(school.sourced_id, "school", school.id)
            self.school_sid[school.id] = sid
            self.school_level[school.id] = school.level
            rows.append([sid, "active", "", school.name, "school", school.code, self.board_sid[school.board_id],
                         school.level, school.address, school.phone, school.fax, school.email,
                         school.direction_names])

    def _sessions(self) -> None:
        year = self.year
        label = f"{year}-{year + 1}"
        start, end = school_year_start(year), school_year_end(year)
        bounds = [start, date(year, 11, 20), date(year + 1, 3, 15), end]
        rows = self.sink(fmt.SESSIONS, fmt.COLUMNS[fmt.SESSIONS][VERSION])
        rows.append([self.year_sid, "active", "", f"Année scolaire {label}", "schoolYear", start.isoformat(),
                     end.isoformat(), "", str(year + 1)])
        for term in (1, 2, 3):
            last = bounds[term] if term == 3 else date.fromordinal(bounds[term].toordinal() - 1)
            rows.append([f"vitrail-term-{year}-{term}", "active", "", f"Étape {term} {label}", "gradingPeriod",
                         bounds[term - 1].isoformat(), last.isoformat(), self.year_sid, str(year + 1)])

    # -- courses and classes ----------------------------------------------------------------------
    def _courses_and_classes(self) -> None:
        courses = self.sink(fmt.COURSES, fmt.COLUMNS[fmt.COURSES][VERSION])
        homeroom_course = {}
        for board in self.boards:
            sid = f"vitrail-course-homeroom-{board.id}"
            homeroom_course[board.id] = sid
            courses.append([sid, "active", "", self.year_sid, "Groupe-repère", HOMEROOM_COURSE_CODE, "",
                            self.board_sid[board.id], "", ""])
        subject_course: dict[int, str] = {}
        subject_info: dict[int, tuple[str, str]] = {}
        for subject_id, board_id, code, name in self.run(
                select(Subject.id, Subject.board_id, Subject.code, Subject.name)
                .where(Subject.board_id.in_(self.board_ids)).order_by(Subject.board_id, Subject.code)):
            sid = f"vitrail-course-{subject_id}"
            subject_course[subject_id] = sid
            subject_info[subject_id] = (code, name)
            courses.append([sid, "active", "", self.year_sid, name, code, "", self.board_sid[board_id], name, code])

        classes = self.sink(fmt.CLASSES, [*fmt.COLUMNS[fmt.CLASSES][VERSION], *CLASS_META])
        self.group_sid: dict[int, str] = {}
        self.group_school: dict[int, int] = {}
        groups = self.run(select(HomeroomGroup.id, HomeroomGroup.school_id, HomeroomGroup.code, HomeroomGroup.grade,
                                 HomeroomGroup.responsible_id, HomeroomGroup.sourced_id, School.board_id)
                          .join(School, HomeroomGroup.school_id == School.id)
                          .where(School.board_id.in_(self.board_ids), HomeroomGroup.school_year == self.year)
                          .order_by(School.code, HomeroomGroup.code))
        self.responsibles: list[tuple[int, int]] = []
        for group_id, school_id, code, grade, responsible_id, stored, board_id in groups:
            sid = _sid(stored, "group", group_id)
            self.group_sid[group_id] = sid
            self.group_school[group_id] = school_id
            if responsible_id is not None:
                self.responsibles.append((group_id, responsible_id))
            classes.append([sid, "active", "", f"Groupe {code}", grade_code(self.school_level[school_id], grade),
                            homeroom_course[board_id], code, "homeroom", "", self.school_sid[school_id],
                            self.year_sid, "", "", "", "", ""])
        schedules: dict[int, list[tuple[int, int, str, str, str]]] = defaultdict(list)
        for cg_id, day, period, start, end, room in self.run(
                select(ScheduleEntry.course_group_id, ScheduleEntry.cycle_day, ScheduleEntry.period,
                       ScheduleEntry.start_time, ScheduleEntry.end_time, ScheduleEntry.room)
                .join(CourseGroup, ScheduleEntry.course_group_id == CourseGroup.id)
                .where(CourseGroup.group_id.in_(list(self.group_sid)))
                .order_by(ScheduleEntry.course_group_id, ScheduleEntry.cycle_day, ScheduleEntry.period,
                          ScheduleEntry.id)):
            schedules[cg_id].append((day, period, start, end, room or ""))
        self.course_group_sid: dict[int, str] = {}
        self.course_group_group: dict[int, int] = {}
        for cg_id, group_id, subject_id, code, stored, grade in self.run(
                select(CourseGroup.id, CourseGroup.group_id, CourseGroup.subject_id, CourseGroup.code,
                       CourseGroup.sourced_id, HomeroomGroup.grade)
                .join(HomeroomGroup, CourseGroup.group_id == HomeroomGroup.id)
                .where(CourseGroup.group_id.in_(list(self.group_sid))).order_by(CourseGroup.id)):
            sid = _sid(stored, "course-group", cg_id)
            self.course_group_sid[cg_id] = sid
            self.course_group_group[cg_id] = group_id
            school_id = self.group_school[group_id]
            subject_code, subject_name = subject_info[subject_id]
            entries = schedules.get(cg_id, [])
            rooms = sorted({room for *_, room in entries if room})
            classes.append([
                sid, "active", "", f"{subject_name} — {code}", grade_code(self.school_level[school_id], grade),
                subject_course[subject_id], code, "scheduled", rooms[0] if len(rooms) == 1 else "",
                self.school_sid[school_id], self.year_sid, subject_name, subject_code,
                ",".join(f"J{day}P{period}" for day, period, *_ in entries),
                self.group_sid[group_id], ";".join("|".join(str(part) for part in entry) for entry in entries)])

    # -- users, roles, demographics ---------------------------------------------------------------
    def _users(self) -> None:
        self.users = self.sink(fmt.USERS, [*fmt.COLUMNS[fmt.USERS][VERSION], *USER_META])
        self.roles = self.sink(fmt.ROLES, fmt.COLUMNS[fmt.ROLES][VERSION])
        self.demographics = self.sink(fmt.DEMOGRAPHICS, fmt.COLUMNS[fmt.DEMOGRAPHICS][VERSION])
        self.students = self.connection.execute(
            select(Student.id, Student.board_id, Student.fiche, Student.code_permanent, Student.last_name,
                   Student.first_name, Student.birth_date, Student.sex, Student.school_id, Student.group_id,
                   Student.grade, Student.sourced_id)
            .where(Student.board_id.in_(self.board_ids), Student.active.is_(True)).order_by(Student.id)).all()
        self.student_sid = {s.id: _sid(s.sourced_id, "student", s.id) for s in self.students}
        links, guardian_students = self._links()
        contacts = self._contacts()
        guardian_sid = self._guardians(links, guardian_students)
        self._students(links, contacts, guardian_sid)
        self._relatives(contacts)
        self._staff()

    def _user(self, sid: str, username: str, ids: str, given: str, family: str, identifier: str, email: str,
              sms: str, phone: str, agents: Sequence[str], grades: str, org: str, role: str,
              meta: Sequence[str] = ("", "", "", "", "")) -> None:
        self.users.append([sid, "active", "", "true", username, ids, given, family, "", identifier, email, sms, phone,
                           ",".join(agents), grades, "", "", "", "", "", "", org, "", *meta])
        self.roles.append([f"{sid}-role", "active", "", sid, "primary", role, "", "", org, ""])

    def _links(self) -> tuple[dict[int, list[tuple[int, int | None, str, bool]]], dict[int, list[int]]]:
        """Active guardian links of the exported students (répondants first), and each guardian's students."""
        links: dict[int, list[tuple[int, int | None, str, bool]]] = defaultdict(list)
        guardian_students: dict[int, list[int]] = defaultdict(list)
        for student_id, guardian_id, rank, label, lives_with in self.run(
                select(StudentGuardian.student_id, StudentGuardian.guardian_id, StudentGuardian.respondent_rank,
                       StudentGuardian.relationship_label, StudentGuardian.lives_with)
                .where(StudentGuardian.active.is_(True))
                .order_by(StudentGuardian.student_id, StudentGuardian.respondent_rank.is_(None),
                          StudentGuardian.respondent_rank, StudentGuardian.guardian_id)):
            if student_id in self.student_sid:
                links[student_id].append((guardian_id, rank, label or "", bool(lives_with)))
                guardian_students[guardian_id].append(student_id)
        return links, guardian_students

    def _contacts(self) -> dict[int, list[tuple[str, str, str, str, bool]]]:
        contacts: dict[int, list[tuple[str, str, str, str, bool]]] = defaultdict(list)
        for contact_id, student_id, name, phone, label, emergency, stored in self.run(
                select(Contact.id, Contact.student_id, Contact.name, Contact.phone, Contact.relationship_label,
                       Contact.is_emergency, Contact.sourced_id).order_by(Contact.id)):
            if student_id in self.student_sid:
                contacts[student_id].append((_sid(stored, "contact", contact_id), name, phone or "", label or "",
                                             bool(emergency)))
        return contacts

    def _guardians(self, links: dict[int, list[tuple[int, int | None, str, bool]]],
                   guardian_students: dict[int, list[int]]) -> dict[int, str]:
        guardian_sid: dict[int, str] = {}
        for g in self.run(select(Guardian.id, Guardian.last_name, Guardian.first_name, Guardian.email,
                                 Guardian.home_phone, Guardian.cell_phone, Guardian.work_phone, Guardian.other_phone,
                                 Guardian.address, Guardian.sourced_id, Guardian.board_id)
                          .where(Guardian.board_id.in_(self.board_ids)).order_by(Guardian.id)):
            if g.id not in guardian_students:
                continue
            sid = guardian_sid[g.id] = _sid(g.sourced_id, "guardian", g.id)
            labels = {label for student_id in guardian_students[g.id]
                      for gid, _rank, label, _lives in links[student_id] if gid == g.id}
            role = "guardian" if labels and all(label.startswith("Tut") for label in labels) else "parent"
            self._user(sid, g.email or sid, "", g.first_name, g.last_name, "", g.email or "", g.cell_phone or "",
                       g.home_phone or "", [self.student_sid[s] for s in guardian_students[g.id]], "",
                       self.board_sid[g.board_id], role,
                       ("", g.work_phone or "", g.other_phone or "", g.address or "", ""))
        return guardian_sid

    def _students(self, links: dict[int, list[tuple[int, int | None, str, bool]]],
                  contacts: dict[int, list[tuple[str, str, str, str, bool]]], guardian_sid: dict[int, str]) -> None:
        blank_demographics = [""] * (len(fmt.COLUMNS[fmt.DEMOGRAPHICS][VERSION]) - 5)
        for s in self.students:
            sid = self.student_sid[s.id]
            agents: list[dict[str, Any]] = [
                {"id": guardian_sid[guardian_id], "rank": rank, "relationship": label, "livesWith": lives_with}
                for guardian_id, rank, label, lives_with in links.get(s.id, [])]
            agents += [{"id": contact_sid, "rank": None, "relationship": label, "livesWith": False}
                       for contact_sid, _name, _phone, label, _emergency in contacts.get(s.id, [])]
            code = f"{{{fmt.CODE_PERMANENT_ID_TYPE}:{s.code_permanent}}}" if s.code_permanent else ""
            agents_meta = json.dumps(agents, ensure_ascii=False, separators=(",", ":")) if agents else ""
            school = self.school_sid[s.school_id]
            self._user(sid, s.fiche, code, s.first_name, s.last_name, s.fiche, "", "", "", [a["id"] for a in agents],
                       grade_code(self.school_level[s.school_id], s.grade), school, "student",
                       (agents_meta, "", "", "", ""))
            self.demographics.append([sid, "active", "", s.birth_date.isoformat(),
                                      {"F": "female", "M": "male"}.get(s.sex, "unspecified"), *blank_demographics])

    def _relatives(self, contacts: dict[int, list[tuple[str, str, str, str, bool]]]) -> None:
        """Each contact as a OneRoster ``relative`` of its student (one user per contact row)."""
        school_of = {s.id: s.school_id for s in self.students}
        for student_id, items in contacts.items():
            org = self.school_sid[school_of[student_id]]
            for contact_sid, name, phone, _label, emergency in items:
                given, family = _split_name(name)
                self._user(contact_sid, contact_sid, "", given, family, "", "", "", phone,
                           [self.student_sid[student_id]], "", org, "relative", ("", "", "", "", _bool(emergency)))

    def _staff(self) -> None:
        self.staff_sid: dict[int, str] = {}
        for m in self.run(select(Staff.id, Staff.board_id, Staff.school_id, Staff.last_name, Staff.first_name,
                                 Staff.email, Staff.job_class, Staff.username, Staff.sourced_id)
                          .where(Staff.board_id.in_(self.board_ids)).order_by(Staff.id)):
            sid = self.staff_sid[m.id] = _sid(m.sourced_id, "staff", m.id)
            org = self.school_sid[m.school_id] if m.school_id is not None else self.board_sid[m.board_id]
            self._user(sid, m.username or sid, f"{{{fmt.JOB_CLASS_ID_TYPE}:{m.job_class}}}", m.first_name,
                       m.last_name, "", m.email or "", "", "", [], "", org,
                       fmt.JOB_CLASS_ROLES.get(m.job_class, "siteAdministrator"))

    # -- enrollments ------------------------------------------------------------------------------
    def _enrollments(self) -> None:
        rows = self.sink(fmt.ENROLLMENTS, fmt.COLUMNS[fmt.ENROLLMENTS][VERSION])

        def enroll(class_sid: str, school_id: int, user_sid: str, role: str, primary: bool) -> None:
            rows.append([f"{class_sid}:{user_sid}:{role}", "active", "", class_sid, self.school_sid[school_id],
                         user_sid, role, _bool(primary), "", ""])

        for group_id, staff_id in self.responsibles:
            if staff_id in self.staff_sid:
                enroll(self.group_sid[group_id], self.group_school[group_id], self.staff_sid[staff_id], "teacher",
                       True)
        for staff_id, cg_id in self.run(select(TeachingAssignment.staff_id, TeachingAssignment.course_group_id)
                                        .order_by(TeachingAssignment.id)):
            if cg_id in self.course_group_sid and staff_id in self.staff_sid:
                group_id = self.course_group_group[cg_id]
                enroll(self.course_group_sid[cg_id], self.group_school[group_id], self.staff_sid[staff_id],
                       "teacher", False)
        course_groups_of: dict[int, list[int]] = defaultdict(list)
        for cg_id, group_id in self.course_group_group.items():
            course_groups_of[group_id].append(cg_id)
        for s in self.students:
            if s.group_id not in self.group_sid:
                continue
            student_sid = self.student_sid[s.id]
            enroll(self.group_sid[s.group_id], s.school_id, student_sid, "student", False)
            for cg_id in course_groups_of[s.group_id]:
                enroll(self.course_group_sid[cg_id], s.school_id, student_sid, "student", False)
