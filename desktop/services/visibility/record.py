"""Everything the engine may show of one student, loaded once as plain data.

The preview of nine viewers side by side must cost little more than one: ``load_student_record``
runs one statement of indexed subqueries (by student id, by the student's course-groups: one
round trip to the server, see ``nested_rows``) and returns frozen, plain data that
``engine.view_as`` filters per viewer without touching the database. Rows are dicts of JSON-able
values; evaluation, attendance and schedule rows carry ``subject_code`` so that "taught subjects
only" can filter them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any

from sqlalchemy import BindParameter, Select, and_, bindparam, or_, select, union
from sqlalchemy.orm import Session, aliased

from desktop.models import (
    AccountStatement,
    Attendance,
    Competency,
    Contact,
    CourseGroup,
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
    Setting,
    SettingScope,
    SharedResource,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    SupportPlan,
    TeachingAssignment,
)
from desktop.services.calendar import school_year_of
from desktop.services.errors import NotFound
from desktop.services.nested_rows import as_datetime, as_float, load_nested, nested_rows, nested_statement
from desktop.services.visibility.policy import Policy, policy_from_rows

# SOI rows older than this many school years are never loaded: no role's window reaches them.
MAX_HISTORY_YEARS = 3
MESSAGES_SHOWN = 20
RESOURCES_SHOWN = 30
HOMEWORK_HORIZON_DAYS = 42

# One row of a list in a record (a result, an absence, a message): JSON-able values by name.
RecordRow = dict[str, Any]


@dataclass(frozen=True)
class GuardianInfo:
    id: int
    name: str
    email: str | None
    home_phone: str
    cell_phone: str
    work_phone: str
    other_phone: str
    address: str
    respondent_rank: int | None
    relationship: str


@dataclass(frozen=True)
class TeacherInfo:
    id: int
    name: str
    email: str
    publishes_email: bool


@dataclass(frozen=True)
class CourseGroupInfo:
    id: int
    code: str
    subject_code: str
    subject: str
    teachers: tuple[TeacherInfo, ...]


@dataclass(frozen=True)
class StudentRecord:
    """One student's file on one date, as plain data (no ORM object escapes)."""

    student_id: int
    fiche: str
    name: str
    birth_date: str
    code_permanent: str | None
    grade: int
    level: str
    school_id: int
    school_code: str
    school_name: str
    board_id: int
    board_code: str
    group_id: int | None
    group_code: str | None
    responsible: TeacherInfo | None
    transport_entitled: bool
    transport_details: str
    active_watch: bool
    on: date
    school_year: int
    contact_us: dict[str, str]
    guardians: tuple[GuardianInfo, ...]
    emergency_contacts: tuple[RecordRow, ...]
    course_groups: tuple[CourseGroupInfo, ...]
    schedule: tuple[RecordRow, ...]
    homework: tuple[RecordRow, ...]
    results: tuple[RecordRow, ...]
    final_results: tuple[RecordRow, ...]
    group_averages: tuple[RecordRow, ...]
    report_cards: tuple[RecordRow, ...]
    attendance: tuple[RecordRow, ...]
    detentions: tuple[RecordRow, ...]
    observations: tuple[RecordRow, ...]
    interventions: tuple[RecordRow, ...]
    support_plans: tuple[RecordRow, ...]
    follow_up_events: tuple[RecordRow, ...]
    statements: tuple[RecordRow, ...]
    messages: tuple[RecordRow, ...]
    resources: tuple[RecordRow, ...]

    def course_group(self, course_group_id: int | None) -> CourseGroupInfo | None:
        for info in self.course_groups:
            if info.id == course_group_id:
                return info
        return None


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


@dataclass(frozen=True)
class _Statements:
    """The record's lists, each a ``nested_rows`` column of one statement (one round trip).

    Every list depends only on the bound student id and dates: the student's group, school, board
    and course-groups are subqueries, not values fetched first. Building the statement costs more
    than running it, so it is built once, module-wide.
    """

    core: Any
    course_groups: Any
    guardians: Any
    schedule: Any
    homework: Any
    results: Any
    final_results: Any
    group_averages: Any
    report_cards: Any
    attendance: Any
    detentions: Any
    observations: Any
    interventions: Any
    support_plans: Any
    follow_up_events: Any
    statements: Any
    messages: Any
    resources: Any
    emergency: Any
    settings: Any  # the school's and its board's settings rows: the policy, without a statement of its own

    @cached_property
    def statement(self) -> Select[Any]:
        return nested_statement([getattr(self, f.name) for f in fields(self)])


@lru_cache(maxsize=1)
def _statements() -> _Statements:
    student_id: BindParameter[int] = bindparam("student_id")
    year: BindParameter[int] = bindparam("year")
    responsible, author, message_author = aliased(Staff), aliased(Staff), aliased(Staff)

    def of_student(column: Any) -> Any:
        return select(column).where(Student.id == student_id).correlate(None).scalar_subquery()

    group_id, school_id, board_id = of_student(Student.group_id), of_student(Student.school_id), \
        of_student(Student.board_id)
    cg_ids = select(CourseGroup.id).where(CourseGroup.group_id == group_id).correlate(None)
    result_cgs = union(select(Result.course_group_id).where(Result.student_id == student_id,
                                                            Result.school_year == year), cg_ids)
    return _Statements(
        core=nested_rows(
            select(Student.id, Student.fiche, Student.first_name, Student.last_name, Student.birth_date,
                   Student.code_permanent, Student.grade, Student.school_id, Student.board_id, Student.group_id,
                   Student.transport_entitled, Student.transport_details, Student.active_watch,
                   School.code, School.name, School.level, School.address, School.phone, School.fax, School.email,
                   School.direction_names, SchoolBoard.code, HomeroomGroup.code,
                   responsible.id, responsible.first_name, responsible.last_name, responsible.email,
                   responsible.publishes_email)
            .join(School, Student.school_id == School.id)
            .join(SchoolBoard, Student.board_id == SchoolBoard.id)
            .outerjoin(HomeroomGroup, Student.group_id == HomeroomGroup.id)
            .outerjoin(responsible, HomeroomGroup.responsible_id == responsible.id)
            .where(Student.id == student_id)),
        course_groups=nested_rows(
            select(CourseGroup.id, CourseGroup.code, Subject.code, Subject.name,
                   Staff.id, Staff.first_name, Staff.last_name, Staff.email, Staff.publishes_email)
            .join(Subject, CourseGroup.subject_id == Subject.id)
            .outerjoin(TeachingAssignment, TeachingAssignment.course_group_id == CourseGroup.id)
            .outerjoin(Staff, TeachingAssignment.staff_id == Staff.id)
            .where(CourseGroup.group_id == group_id),
            Subject.code, CourseGroup.code, Staff.id),
        guardians=nested_rows(
            select(Guardian.id, Guardian.first_name, Guardian.last_name, Guardian.email, Guardian.home_phone,
                   Guardian.cell_phone, Guardian.work_phone, Guardian.other_phone, Guardian.address,
                   StudentGuardian.respondent_rank, StudentGuardian.relationship_label)
            .join(StudentGuardian, StudentGuardian.guardian_id == Guardian.id)
            .where(StudentGuardian.student_id == student_id, StudentGuardian.active.is_(True)),
            StudentGuardian.respondent_rank.is_(None), StudentGuardian.respondent_rank, Guardian.id),
        schedule=nested_rows(
            select(ScheduleEntry.course_group_id, ScheduleEntry.cycle_day, ScheduleEntry.period,
                   ScheduleEntry.start_time, ScheduleEntry.end_time, ScheduleEntry.room)
            .where(ScheduleEntry.course_group_id.in_(cg_ids)),
            ScheduleEntry.cycle_day, ScheduleEntry.period),
        homework=nested_rows(
            select(Homework.course_group_id, Homework.due_on, Homework.kind, Homework.title)
            .where(Homework.course_group_id.in_(cg_ids), Homework.due_on >= bindparam("week_start"),
                   Homework.due_on <= bindparam("horizon")),
            Homework.due_on, Homework.id),
        results=nested_rows(
            select(Subject.code, Subject.name, CourseGroup.code, Competency.name, Result.term, Result.value,
                   Result.course_group_id)
            .join(CourseGroup, Result.course_group_id == CourseGroup.id)
            .join(Subject, CourseGroup.subject_id == Subject.id)
            .join(Competency, Result.competency_id == Competency.id)
            .where(Result.student_id == student_id, Result.school_year == year),
            Subject.code, Competency.code, Result.term),
        final_results=nested_rows(
            select(Subject.code, Subject.name, CourseGroup.code, FinalResult.value)
            .join(CourseGroup, FinalResult.course_group_id == CourseGroup.id)
            .join(Subject, CourseGroup.subject_id == Subject.id)
            .where(FinalResult.student_id == student_id, FinalResult.school_year == year),
            Subject.code),
        group_averages=nested_rows(
            select(Subject.code, CourseGroup.code, Competency.name, GroupAverage.term, GroupAverage.value)
            .join(CourseGroup, GroupAverage.course_group_id == CourseGroup.id)
            .join(Subject, CourseGroup.subject_id == Subject.id)
            .outerjoin(Competency, GroupAverage.competency_id == Competency.id)
            .where(GroupAverage.course_group_id.in_(result_cgs)),
            Subject.code, GroupAverage.term, GroupAverage.id),
        report_cards=nested_rows(
            select(ReportCard.school_year, ReportCard.term, ReportCard.file_name, School.name, ReportCard.board_id)
            .join(School, ReportCard.school_id == School.id)
            .where(ReportCard.student_id == student_id),
            ReportCard.school_year.desc(), ReportCard.term.desc()),
        attendance=nested_rows(
            select(Attendance.occurred_on, Attendance.kind, Attendance.reason, Attendance.period,
                   Attendance.term, CourseGroup.code, Subject.code)
            .outerjoin(CourseGroup, Attendance.course_group_id == CourseGroup.id)
            .outerjoin(Subject, CourseGroup.subject_id == Subject.id)
            .where(Attendance.student_id == student_id, Attendance.school_year == year),
            Attendance.occurred_on.desc(), Attendance.period.desc()),
        detentions=nested_rows(
            select(Detention.scheduled_on, Detention.reason)
            .where(Detention.student_id == student_id, Detention.school_year == year),
            Detention.scheduled_on),
        observations=nested_rows(
            select(Observation.category, Observation.author_id, author.first_name, author.last_name,
                   Observation.observed_on, Observation.shared_with_parents, Observation.text,
                   Observation.school_year)
            .join(author, Observation.author_id == author.id)
            .where(Observation.student_id == student_id, Observation.school_year >= bindparam("first_year"),
                   Observation.school_year <= year),
            Observation.observed_on.desc(), Observation.id.desc()),
        interventions=nested_rows(
            select(Intervention.author_id, author.first_name, author.last_name, Intervention.done_on,
                   Intervention.text, Intervention.school_year)
            .join(author, Intervention.author_id == author.id)
            .where(Intervention.student_id == student_id, Intervention.school_year >= bindparam("first_year"),
                   Intervention.school_year <= year),
            Intervention.done_on.desc(), Intervention.id.desc()),
        support_plans=nested_rows(
            select(SupportPlan.kind, SupportPlan.school_year, SupportPlan.started_on, SupportPlan.summary,
                   SupportPlan.document_name)
            .where(SupportPlan.student_id == student_id),
            SupportPlan.started_on.desc()),
        follow_up_events=nested_rows(
            select(FollowUpEvent.occurred_on, FollowUpEvent.protocol, FollowUpEvent.description)
            .where(FollowUpEvent.student_id == student_id, FollowUpEvent.school_year == year),
            FollowUpEvent.occurred_on.desc()),
        statements=nested_rows(
            select(AccountStatement.kind, AccountStatement.school_year, AccountStatement.generated_on,
                   AccountStatement.balance)
            .where(AccountStatement.student_id == student_id),
            AccountStatement.school_year.desc(), AccountStatement.generated_on.desc()),
        # group_id NULL matches no row: a student without a group sees the school-wide messages only.
        messages=nested_rows(
            select(Message.published_at, Message.title, Message.body, message_author.first_name,
                   message_author.last_name)
            .outerjoin(message_author, Message.author_id == message_author.id)
            .where(Message.school_id == school_id, or_(Message.group_id.is_(None), Message.group_id == group_id)),
            Message.published_at.desc(), limit=MESSAGES_SHOWN),
        resources=nested_rows(
            select(SharedResource.title, SharedResource.url, SharedResource.school_id,
                   SharedResource.course_group_id)
            .where(SharedResource.board_id == board_id, or_(
                and_(SharedResource.school_id.is_(None), SharedResource.course_group_id.is_(None)),
                and_(SharedResource.school_id == school_id, SharedResource.course_group_id.is_(None)),
                SharedResource.course_group_id.in_(cg_ids))),
            SharedResource.id.desc(), limit=RESOURCES_SHOWN),
        emergency=nested_rows(
            select(Contact.name, Contact.phone, Contact.relationship_label)
            .where(Contact.student_id == student_id, Contact.is_emergency.is_(True)),
            Contact.id),
        settings=nested_rows(
            select(Setting.scope, Setting.key, Setting.value, Setting.version)
            .where(or_(and_(Setting.scope == SettingScope.BOARD, Setting.scope_id == board_id),
                       and_(Setting.scope == SettingScope.SCHOOL, Setting.scope_id == school_id))),
            Setting.id),
    )


def _course_groups(rows: Iterable[list[Any]]) -> tuple[CourseGroupInfo, ...]:
    groups: dict[int, CourseGroupInfo] = {}
    for cg_id, code, subject_code, subject, staff_id, first, last, email, publishes in rows:
        info = groups.get(cg_id) or CourseGroupInfo(cg_id, code, subject_code, subject, ())
        if staff_id is not None:
            teacher = TeacherInfo(staff_id, _name(first, last), email or "", bool(publishes))
            info = CourseGroupInfo(cg_id, code, subject_code, subject, (*info.teachers, teacher))
        groups[cg_id] = info
    return tuple(groups.values())


def load_student_record(session: Session, student_id: int, on: date) -> StudentRecord:
    """Load student ``student_id`` as of ``on``: current school year, plus SOI history and report cards.

    One statement (``nested_rows``): one round trip to the server whatever the number of lists.
    """
    return load_student_record_and_policy(session, student_id, on)[0]


def load_student_record_and_policy(session: Session, student_id: int, on: date) -> tuple[StudentRecord, Policy]:
    """The record and its school's effective policy, from the same statement (a preview needs both)."""
    q = _statements()
    year = school_year_of(on)
    params = {"student_id": student_id, "year": year, "first_year": year - MAX_HISTORY_YEARS + 1,
              "week_start": on - timedelta(days=on.weekday()), "horizon": on + timedelta(days=HOMEWORK_HORIZON_DAYS)}
    (cores, cg_rows, guardian_rows, schedule_rows, homework_rows, result_rows, final_rows, average_rows, card_rows,
     attendance_rows, detention_rows, observation_rows, intervention_rows, plan_rows, event_rows, statement_rows,
     message_rows, resource_rows, emergency_rows, setting_rows) = load_nested(session, q.statement, params)
    if not cores:
        raise NotFound(f"Élève introuvable (n° {student_id}).")
    core = cores[0]
    group_id = core[9]
    course_groups = _course_groups(cg_rows)
    cg_by_id = {info.id: info for info in course_groups}
    responsible = None if core[23] is None else TeacherInfo(core[23], _name(core[24], core[25]), core[26] or "",
                                                            bool(core[27]))
    schedule = tuple(
        {"course_group": cg_by_id[r[0]].code, "subject_code": cg_by_id[r[0]].subject_code,
         "subject": cg_by_id[r[0]].subject, "cycle_day": r[1], "period": r[2], "start": r[3], "end": r[4],
         "room": r[5] or ""} for r in schedule_rows)
    homework = tuple(
        {"due_on": r[1], "kind": r[2], "title": r[3], "course_group": cg_by_id[r[0]].code,
         "subject_code": cg_by_id[r[0]].subject_code} for r in homework_rows)
    results = tuple({"subject_code": r[0], "subject": r[1], "course_group": r[2], "competency": r[3], "term": r[4],
                     "value": as_float(r[5])} for r in result_rows)
    final_results = tuple({"subject_code": r[0], "subject": r[1], "course_group": r[2], "value": as_float(r[3])}
                          for r in final_rows)
    group_averages = tuple(
        {"subject_code": r[0], "course_group": r[1], "competency": r[2], "term": r[3], "value": as_float(r[4])}
        for r in average_rows)
    report_cards = tuple({"school_year": r[0], "term": r[1], "file_name": r[2], "school": r[3], "board_id": r[4]}
                         for r in card_rows)
    attendance = tuple({"date": r[0], "kind": r[1], "reason": r[2] or "", "period": r[3], "term": r[4],
                        "course_group": r[5], "subject_code": r[6]} for r in attendance_rows)
    detentions = tuple({"date": r[0], "reason": r[1] or ""} for r in detention_rows)
    observations = tuple(
        {"category": r[0], "author_staff_id": r[1], "author": _name(r[2], r[3]), "date": r[4],
         "shared_with_parents": bool(r[5]), "text": r[6], "school_year": r[7]} for r in observation_rows)
    interventions = tuple(
        {"category": "intervention", "author_staff_id": r[0], "author": _name(r[1], r[2]), "date": r[3],
         "shared_with_parents": False, "text": r[4], "school_year": r[5]} for r in intervention_rows)
    support_plans = tuple(
        {"kind": r[0], "school_year": r[1], "started_on": r[2], "summary": r[3], "document_name": r[4] or ""}
        for r in plan_rows)
    follow_up_events = tuple({"date": r[0], "protocol": r[1], "description": r[2]} for r in event_rows)
    statements = tuple({"kind": r[0], "school_year": r[1], "generated_on": r[2], "balance": float(r[3])}
                       for r in statement_rows)
    messages = tuple({"published_at": _minutes(r[0]), "title": r[1], "body": r[2], "author": _name(r[3], r[4])}
                     for r in message_rows)
    resources = tuple(
        {"title": r[0], "url": r[1], "from": ("enseignant" if r[3] is not None else "école" if r[2] is not None
                                              else "centre de services")} for r in resource_rows)
    emergency = tuple({"name": r[0], "phone": r[1] or "", "relationship": r[2] or ""} for r in emergency_rows)
    guardians = tuple(GuardianInfo(r[0], _name(r[1], r[2]), r[3], r[4] or "", r[5] or "", r[6] or "", r[7] or "",
                                   r[8] or "", r[9], r[10] or "") for r in guardian_rows)
    policy = policy_from_rows(core[7], core[13], core[8], core[21], [tuple(r) for r in setting_rows])
    return StudentRecord(
        student_id=core[0], fiche=core[1], name=_name(core[2], core[3]), birth_date=core[4],
        code_permanent=core[5], grade=core[6], level=core[15], school_id=core[7], school_code=core[13],
        school_name=core[14], board_id=core[8], board_code=core[21], group_id=group_id, group_code=core[22],
        responsible=responsible, transport_entitled=bool(core[10]), transport_details=core[11] or "",
        active_watch=bool(core[12]), on=on, school_year=year,
        contact_us={"school": core[14], "address": core[16] or "", "phone": core[17] or "", "fax": core[18] or "",
                    "email": core[19] or "", "direction": core[20] or ""},
        guardians=guardians, emergency_contacts=emergency, course_groups=course_groups,
        schedule=schedule, homework=homework, results=results, final_results=final_results,
        group_averages=group_averages, report_cards=report_cards, attendance=attendance, detentions=detentions,
        observations=observations, interventions=interventions, support_plans=support_plans,
        follow_up_events=follow_up_events, statements=statements, messages=messages, resources=resources), policy


def _minutes(published_at: str) -> str:
    moment = as_datetime(published_at)
    assert moment is not None, "a message always has its publication time"
    return moment.isoformat(timespec="minutes")
