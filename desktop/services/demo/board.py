"""The organisation of the demo: boards, schools, staff of every job class, groups, subjects,
course-groups with their teachers, the 9-day cycle schedule and upcoming homework.

Everything here is small (a few thousand rows at 100,000 students) and kept in memory as plain
dataclasses; ``generate`` writes it as tuples.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop.models import LEVELS
from desktop.services.demo import content
from desktop.services.demo.people import ChildPlan, Town, phone, street_address
from desktop.services.demo.writer import DemoRow, IdSequence
from desktop.services.text import fold

JOB_CLASSES_FILE = Path(__file__).resolve().parents[3] / "resources" / "policy" / "job_classes.json"

GROUP_SIZE = {"primary": 22, "secondary": 28}
# Job class → (levels of school that have it, people per school, one more every N students).
# The daycare technician (service de garde) exists in primary schools only.
SCHOOL_STAFFING = {
    "0201": (LEVELS, 1, 0), "0202": (LEVELS, 1, 700), "2201": (LEVELS, 1, 0), "2202": (LEVELS, 1, 600),
    "2203": (LEVELS, 1, 0), "4284": (LEVELS, 1, 300), "2210": (LEVELS, 1, 250), "2211": (LEVELS, 1, 0),
    "2212": (LEVELS, 1, 0), "4215": (LEVELS, 1, 900), "5113": (LEVELS, 1, 500), "5315": (LEVELS, 1, 250),
    "4287": (("primary",), 1, 200),
}
BOARD_STAFFING = {"1000": 1, "1001": 2}
DIRECTION_TITLES = {("0201", "F"): "directrice", ("0201", "M"): "directeur",
                    ("0202", "F"): "directrice adjointe", ("0202", "M"): "directeur adjoint"}
# Share of staff who chose "publish my email to parents" (visibility.md §5), by role.
PUBLISHES_EMAIL_RATE = {"teacher": 0.35, "direction": 0.6, "other": 0.15}


def load_job_classes() -> list[dict[str, Any]]:
    with open(JOB_CLASSES_FILE, encoding="utf-8") as handle:
        job_classes: list[dict[str, Any]] = json.load(handle)["job_classes"]
    return job_classes


@dataclass(slots=True)
class BoardPlan:
    id: int
    code: str
    name: str
    domain: str
    towns: tuple[Town, ...]
    students: int


@dataclass(slots=True)
class StaffPlan:
    id: int
    board_id: int
    school_id: int | None
    last_name: str
    first_name: str
    email: str
    job_class: str
    publishes_email: bool
    username: str
    sex: str = "F"


@dataclass(slots=True)
class CourseGroupPlan:
    id: int
    subject: str
    teacher: StaffPlan
    competency_ids: tuple[int, ...]
    code: str


@dataclass(slots=True)
class GroupPlan:
    id: int
    school: SchoolPlan
    year: int
    grade: int
    code: str
    students: list[ChildPlan] = field(default_factory=list)
    responsible: StaffPlan | None = None
    course_groups: list[CourseGroupPlan] = field(default_factory=list)
    slots: list[CourseGroupPlan] = field(default_factory=list)  # schedule: cycle day × period


@dataclass(slots=True)
class SchoolPlan:
    id: int
    board: BoardPlan
    code: str
    name: str
    level: str
    town: Town
    address: str
    phone: str
    fax: str
    email: str
    direction_names: str = ""
    staff: dict[str, list[StaffPlan]] = field(default_factory=dict)
    groups: dict[int, list[GroupPlan]] = field(default_factory=dict)  # school year → groups

    def staff_of(self, *job_classes: str) -> list[StaffPlan]:
        return [member for job in job_classes for member in self.staff.get(job, [])]


class Organisation:
    """Builds schools, staff, subjects, groups and course-groups; remembers them for the records."""

    def __init__(self, rng: random.Random, school_year: int) -> None:
        self.rng = rng
        self.school_year = school_year
        self.ids = {name: IdSequence() for name in (
            "school", "staff", "subject", "competency", "group", "course_group", "assignment")}
        self.schools: list[SchoolPlan] = []
        self.staff: list[StaffPlan] = []
        self.subjects: dict[tuple[int, str], int] = {}
        self.competencies: dict[tuple[int, str], tuple[tuple[int, str, str], ...]] = {}
        self.groups: list[GroupPlan] = []
        self.job_classes = load_job_classes()
        self._homeroom: dict[int, list[StaffPlan]] = {}
        self._specialists: dict[tuple[int, str], list[StaffPlan]] = {}
        self._emails: set[str] = set()
        self._usernames: set[str] = set()

    # --- schools -------------------------------------------------------------------------------
    def add_schools(self, board: BoardPlan, level: str, board_number: int, count: int) -> list[SchoolPlan]:
        names = content.SCHOOL_NAMES_PRIMARY if level == "primary" else content.SCHOOL_NAMES_SECONDARY
        prefix = "École " if level == "primary" else "École secondaire "
        schools = []
        taken = {school.name for school in self.schools}
        for index in range(count):
            town = board.towns[index % len(board.towns)]
            base = names[(index + board_number * 7) % len(names)]
            name = f"{prefix}{base}" + (f" de {town[0]}" if index >= len(names) else "")
            if name in taken:  # large boards: several schools of one name in one town, as pavilions
                name = f"{name}, pavillon {index // len(names) + 1}"
            taken.add(name)
            code = f"{board_number}{(500 if level == 'secondary' else 0) + index + 1:03d}"
            slug = re.sub(r"^(des|du|de la|de l|de|aux|la|le) ", "", fold(base)).replace(" ", "")
            email = f"{slug}@{board.domain}" if index < len(names) else f"{slug}.{code}@{board.domain}"
            school = SchoolPlan(
                id=self.ids["school"].next(), board=board, code=code, name=name, level=level, town=town,
                address=street_address(self.rng, town), phone=phone(self.rng, town[2]),
                fax=phone(self.rng, town[2]), email=email,
            )
            schools.append(school)
        self.schools.extend(schools)
        return schools

    # --- subjects --------------------------------------------------------------------------------
    def add_subjects(self, board: BoardPlan) -> None:
        for code, (_name, competencies) in content.SUBJECTS.items():
            self.subjects[(board.id, code)] = self.ids["subject"].next()
            self.competencies[(board.id, code)] = tuple(
                (self.ids["competency"].next(), comp_code, comp_name) for comp_code, comp_name in competencies)

    # --- groups ------------------------------------------------------------------------------------
    def add_groups(self, school: SchoolPlan, year: int, grade: int, students: list[ChildPlan]) -> list[GroupPlan]:
        """Split the students of one grade of a school into homeroom groups of the usual size."""
        size = GROUP_SIZE[school.level] - (2 if school.level == "primary" and grade <= 2 else 0)
        count = max(1, math.ceil(len(students) / size))
        groups = [GroupPlan(self.ids["group"].next(), school, year, grade, f"{grade}{index + 1:02d}")
                  for index in range(count)]
        ordered = list(students)
        self.rng.shuffle(ordered)
        for index, child in enumerate(ordered):
            groups[index % count].students.append(child)
        school.groups.setdefault(year, []).extend(groups)
        self.groups.extend(groups)
        return groups

    # --- staff --------------------------------------------------------------------------------------
    def add_board_directors(self, board: BoardPlan) -> None:
        """The board's directors (job classes flagged ``board_director``), attached to no school."""
        for job in self.job_classes:
            if job.get("board_director"):
                for _ in range(BOARD_STAFFING.get(job["code"], 1)):
                    self._staff(board, None, job["code"])

    def add_school_staff(self, school: SchoolPlan) -> None:
        """Every school job class of ``job_classes.json``, sized from the school's current students.

        Teachers are sized from the groups instead (one homeroom teacher per primary group,
        specialists by periods to teach); a job class not in SCHOOL_STAFFING gets one person.
        """
        board = school.board
        current = school.groups.get(self.school_year, [])
        students = sum(len(group.students) for group in current)
        for job in self.job_classes:
            code = job["code"]
            if job.get("board_director") or job["role"] == "teacher":
                continue
            levels, base, every = SCHOOL_STAFFING.get(code, (LEVELS, 1, 0))
            if school.level in levels:
                count = base + (students // every if every else 0)
                school.staff[code] = [self._staff(board, school, code) for _ in range(count)]
        school.staff["3101"] = self._teachers(school, current)
        school.direction_names = "; ".join(
            f"{member.first_name} {member.last_name}, {DIRECTION_TITLES[(member.job_class, member.sex)]}"
            for member in school.staff_of("0201", "0202"))

    def _teachers(self, school: SchoolPlan, groups: list[GroupPlan]) -> list[StaffPlan]:
        board = school.board
        teachers = []
        if school.level == "primary":
            homeroom = [self._staff(board, school, "3101") for _ in groups] or [self._staff(board, school, "3101")]
            self._homeroom[school.id] = homeroom
            teachers.extend(homeroom)
            for subject in ("ANG", "EPS", "MUS"):
                pool = [self._staff(board, school, "3101") for _ in range(max(1, math.ceil(len(groups) / 14)))]
                self._specialists[(school.id, subject)] = pool
                teachers.extend(pool)
        else:
            load: dict[str, int] = {}
            for group in groups:
                for subject in content.subjects_for("secondary", group.grade):
                    load[subject] = load.get(subject, 0) + content.PERIOD_WEIGHTS[subject]
            for subject in content.SUBJECTS:
                if subject in ("GHC", "MUS"):
                    continue
                pool = [self._staff(board, school, "3101")
                        for _ in range(max(1, math.ceil(load.get(subject, 0) / 26)))]
                self._specialists[(school.id, subject)] = pool
                teachers.extend(pool)
        return teachers

    def _staff(self, board: BoardPlan, school: SchoolPlan | None, job_class: str) -> StaffPlan:
        rng = self.rng
        sex = rng.choice("FM")
        first = rng.choice(content.ADULT_FEMALE_NAMES if sex == "F" else content.ADULT_MALE_NAMES)
        last = rng.choice(content.QUEBEC_SURNAMES)
        local = f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}"
        email = f"{local}@{board.domain}"
        number = 2
        while email in self._emails:
            email = f"{local}{number}@{board.domain}"
            number += 1
        self._emails.add(email)
        username = (fold(last).replace(" ", "")[:7] + fold(first)[:1])
        candidate, number = username, 2
        while candidate in self._usernames:
            candidate = f"{username}{number}"
            number += 1
        self._usernames.add(candidate)
        role = {"3101": "teacher", "0201": "direction", "0202": "direction"}.get(job_class, "other")
        member = StaffPlan(self.ids["staff"].next(), board.id, school.id if school else None, last, first,
                           email, job_class, rng.random() < PUBLISHES_EMAIL_RATE[role], candidate, sex)
        self.staff.append(member)
        return member

    # --- course-groups and teachers -----------------------------------------------------------------
    def add_course_groups(self, school: SchoolPlan, year: int) -> list[tuple[int, int]]:
        """Course-groups of every group of the school that year, each with its teacher.

        Primary: the homeroom teacher teaches the core subjects, specialists teach English,
        physical education and music. Secondary: one specialist per subject, groups spread
        round-robin; the responsible of a group is one of its teachers.
        Returns the teaching assignments (staff id, course-group id).
        """
        assignments = []
        board_id = school.board.id
        counters: dict[str, int] = {}
        for index, group in enumerate(school.groups.get(year, [])):
            subjects = content.subjects_for(school.level, group.grade)
            if school.level == "primary":
                pool = self._homeroom[school.id]
                homeroom = pool[index % len(pool)]
                group.responsible = homeroom
            for subject in subjects:
                if school.level == "primary" and subject in content.HOMEROOM_SUBJECTS:
                    teacher = homeroom
                else:
                    pool = self._specialists[(school.id, subject)]
                    counters[subject] = counters.get(subject, -1) + 1
                    teacher = pool[counters[subject] % len(pool)]
                competencies = tuple(comp[0] for comp in self.competencies[(board_id, subject)])
                course_group = CourseGroupPlan(self.ids["course_group"].next(), subject, teacher, competencies,
                                               f"{subject}-{group.code}")
                group.course_groups.append(course_group)
                assignments.append((teacher.id, course_group.id))
            if school.level == "secondary":
                group.responsible = group.course_groups[index % len(group.course_groups)].teacher
        return assignments


# --- schedule and homework ----------------------------------------------------------------------

def build_schedule(rng: random.Random, group: GroupPlan) -> None:
    """Fill ``group.slots``: which course-group meets at each (cycle day, period) of the 9-day cycle."""
    periods = content.PRIMARY_PERIODS if group.school.level == "primary" else content.SECONDARY_PERIODS
    slots = 9 * len(periods)
    weights = [content.PERIOD_WEIGHTS[cg.subject] for cg in group.course_groups]
    total = sum(weights)
    exact = [w * slots / total for w in weights]
    counts = [int(x) for x in exact]
    for index in sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)[:slots - sum(counts)]:
        counts[index] += 1
    sequence = [cg for cg, count in zip(group.course_groups, counts, strict=True) for _ in range(count)]
    rng.shuffle(sequence)
    group.slots = sequence


def schedule_rows(group: GroupPlan, ids: IdSequence) -> Iterator[DemoRow]:
    periods = content.PRIMARY_PERIODS if group.school.level == "primary" else content.SECONDARY_PERIODS
    homeroom_room = f"{'A' if group.school.level == 'secondary' else ''}{group.grade}{group.code[-2:]}"
    for slot, course_group in enumerate(group.slots):
        day, period = divmod(slot, len(periods))
        start, end = periods[period]
        room = ("Gymnase" if course_group.subject == "EPS" else "Local de musique" if course_group.subject == "MUS"
                else f"Local {homeroom_room}" if group.school.level == "primary"
                else f"{'ABC'[course_group.teacher.id % 3]}-{100 + course_group.teacher.id % 250}")
        yield (ids.next(), course_group.id, day + 1, period + 1, start, end, room)


def homework_rows(rng: random.Random, group: GroupPlan, today: date, ids: IdSequence) -> Iterator[DemoRow]:
    for course_group in group.course_groups:
        for _ in range(rng.randrange(1, 4)):
            kind = rng.choice(("homework", "homework", "lesson", "assessment"))
            due = today + timedelta(days=rng.randrange(1, 15))
            while due.weekday() >= 5:
                due += timedelta(days=1)
            n = rng.randrange(1, 12)
            title = rng.choice(content.HOMEWORK[kind]).format(p=10 + n * 3, q=12 + n * 3, n=n)
            yield (ids.next(), course_group.id, due, kind, title)
