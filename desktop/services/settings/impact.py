"""What a pending change does before it is saved: who it reaches, and a sample file before/after.

Impact counts the students and répondants in the database; the before/after preview runs the
real visibility engine on the pending settings inside a transaction that is always rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, distinct, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import (
    CourseGroup,
    Guardian,
    HomeroomGroup,
    School,
    SettingScope,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.settings.keys import KeySpec
from desktop.services.settings.store import (
    PendingChange,
    SettingsStore,
    SettingsTarget,
    find_target_by_id,
    inherited_value,
)
from desktop.services.storage import Database
from desktop.services.visibility.engine import preview_many
from desktop.services.visibility.policy import Role, role_needs_subject
from desktop.services.visibility.view import DossierView, FieldView
from desktop.services.visibility.viewers import ViewerSpec

SAMPLE_POOL = 500  # students reached considered when picking the sample student


@dataclass(frozen=True)
class ChangeImpact:
    """Who a pending change reaches, in a sentence direction can read before saving."""

    change: PendingChange
    sentence: str
    students: int
    guardians: int
    viewers: tuple[str, ...]  # role ids whose view changes
    student_ids: tuple[int, ...] = field(default=(), repr=False, compare=False)  # the first SAMPLE_POOL only


@dataclass(frozen=True)
class ViewDifference:
    """One tile or field that a viewer sees differently: "Résultats › Moyenne du groupe", masqué → visible."""

    element: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.element} : {self.before} → {self.after}"


@dataclass(frozen=True)
class BeforeAfter:
    """A sample student seen by one viewer with the stored settings and with the pending ones."""

    before: DossierView
    after: DossierView
    differences: tuple[ViewDifference, ...]

    @property
    def viewer_label(self) -> str:
        return self.before.viewer.label


# --- the use cases --------------------------------------------------------------------------


def change_impacts(settings: SettingsStore, changes: Iterable[PendingChange]) -> list[ChangeImpact]:
    """Students and répondants reached by each change that differs from what is stored."""
    impacts = []
    with settings.database.sessions() as session:
        for change in changes:
            spec = settings.spec(change.scope, change.key)
            new_json = settings.inherited_json(session, change) if change.value_json is None else change.value_json
            if settings.effective_json(session, change) == new_json:
                continue
            target = find_target_by_id(session, change.scope, change.scope_id)
            reached = _students_reached(session, spec, target) if spec.viewers else None
            students, guardians, sample = _count_reached(session, reached, spec.reaches_guardians)
            new_value = (inherited_value(session, settings.keys, spec, target)[0]
                         if change.value_json is None else change.value)
            phrase = spec.phrase(new_value, reset=change.value_json is None)
            counts = f"{students} élève{'s' if students > 1 else ''}"
            if not spec.viewers:
                counts = "page d'accueil des membres du personnel nommés, aucun dossier d'élève"
            elif spec.reaches_guardians:
                counts += f", {guardians} répondant{'s' if guardians > 1 else ''}"
            else:
                counts += " (vue du personnel : " + ", ".join(spec.viewer_labels()) + ")"
            impacts.append(ChangeImpact(change, f"{phrase} {target.label} : {counts}", students,
                                        guardians, spec.viewers, tuple(sample)))
    return impacts


def sample_student(database: Database, impacts: Sequence[ChangeImpact]) -> int | None:
    """A student reached by the changes whose file shows them: a répondant with an email (for the
    parent side) and at least one course-group (for teachers), falling back to any reached student.

    The student is taken from the narrowest change (a school's rather than its board's), so that
    when a school and its board change together, the sample shows both.
    """
    reaching = sorted((impact for impact in impacts if impact.student_ids), key=lambda i: i.students)
    if not reaching:
        return None
    narrowest = set(reaching[0].student_ids)
    ids = sorted(narrowest.intersection(*(i.student_ids for i in reaching[1:])) or narrowest)
    with database.sessions() as session:
        with_parent = (select(StudentGuardian.student_id)
                       .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
                       .where(StudentGuardian.student_id.in_(ids), Guardian.email.is_not(None),
                              Guardian.email != "", StudentGuardian.respondent_rank.is_not(None)))
        with_courses = (select(Student.id).join(CourseGroup, CourseGroup.group_id == Student.group_id)
                        .where(Student.id.in_(ids)))
        for query in (with_parent.where(StudentGuardian.student_id.in_(with_courses)), with_parent):
            found = session.scalar(query.order_by(StudentGuardian.student_id).limit(1))
            if found is not None:
                return found
    return ids[0]


def before_after(settings: SettingsStore, changes: Sequence[PendingChange], student_id: int,
                 on: date) -> list[BeforeAfter]:
    """The student as each touched viewer sees it now and as they would once ``changes`` are saved.

    The pending changes are written inside a transaction that is always rolled back, so the
    real engine decides both sides and nothing is saved.
    """
    roles = list(dict.fromkeys(role for change in changes for role in settings.spec(change.scope, change.key).viewers))
    if not roles:
        return []
    with settings.database.sessions() as session:
        specs = [spec for role in roles if (spec := _viewer_spec(session, role, student_id)) is not None]
        if not specs:
            return []
        try:
            before = preview_many(session, student_id, specs, on)
            settings.apply_uncommitted(session, changes)
            after = preview_many(session, student_id, specs, on)
        finally:
            session.rollback()
    return [BeforeAfter(b, a, tuple(_differences(b, a))) for b, a in zip(before, after, strict=True)]


def _viewer_spec(session: Session, role: Role, student_id: int) -> ViewerSpec | None:
    """A real répondant with an email for the parent side (what a parent really sees), else the role.

    A specialist teacher is previewed teaching the student's first subject; None when the
    viewer cannot exist for this student.
    """
    if role == Role.STUDENT:
        return ViewerSpec.as_student()
    if role == Role.PARENT:
        guardian_id = session.scalar(
            select(StudentGuardian.guardian_id).join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(StudentGuardian.student_id == student_id, StudentGuardian.respondent_rank.is_not(None),
                   Guardian.email.is_not(None), Guardian.email != "")
            .order_by(StudentGuardian.respondent_rank))
        if guardian_id is not None:
            return ViewerSpec.guardian(guardian_id)
    if role_needs_subject(role):
        subject = session.scalar(
            select(Subject.code).join(CourseGroup, CourseGroup.subject_id == Subject.id)
            .join(Student, Student.group_id == CourseGroup.group_id)
            .where(Student.id == student_id).order_by(Subject.code).limit(1))
        if subject is None:
            return None  # the student takes no subject: there is no specialist to preview
        return ViewerSpec.abstract(role, subject)
    return ViewerSpec.abstract(role)


def _hidden_total(field_view: FieldView) -> int:
    return sum(h.count for h in field_view.hidden_items)


def _differences(before: DossierView, after: DossierView) -> list[ViewDifference]:
    """Tiles and fields whose visibility (or count of hidden items) differs."""
    shown = {True: "visible", False: "masqué"}
    shown_tile = {True: "visible", False: "masquée"}
    lines = []
    if before.access.granted != after.access.granted:
        lines.append(ViewDifference("Accès au dossier", shown[before.access.granted], shown[after.access.granted]))
    after_tiles = {t.id: t for t in after.tiles}
    for tile in before.tiles:
        other = after_tiles.get(tile.id)
        if other is None:
            continue
        if tile.visible != other.visible:
            lines.append(ViewDifference(f"Tuile « {tile.label} »", shown_tile[tile.visible], shown_tile[other.visible]))
            continue
        other_fields = {f.id: f for f in other.fields}
        for field_view in tile.fields:
            changed = other_fields.get(field_view.id)
            element = f"{tile.label} › {field_view.label}"
            if changed is None:
                continue
            if field_view.visible != changed.visible:
                lines.append(ViewDifference(element, shown[field_view.visible], shown[changed.visible]))
            elif _hidden_total(field_view) != _hidden_total(changed):
                lines.append(ViewDifference(element, f"{_hidden_total(field_view)} élément(s) masqué(s)",
                                            f"{_hidden_total(changed)} élément(s) masqué(s)"))
    return lines


# --- helpers: who a key reaches -------------------------------------------------------------


def _students_reached(session: Session, spec: KeySpec, target: SettingsTarget) -> Select[tuple[int]] | None:
    """The ids of the students whose file the key changes (a query, counted in the database); None: nobody."""
    query = select(Student.id)
    if target.scope == SettingScope.BOARD:
        query = query.where(Student.board_id == target.id)
    elif target.scope == SettingScope.SCHOOL:
        school = session.get_one(School, target.id)
        if spec.level and spec.level != school.level:
            return None
        query = query.where(Student.school_id == target.id)
    else:
        taught_groups = (select(CourseGroup.group_id).join(TeachingAssignment)
                         .where(TeachingAssignment.staff_id == target.id))
        led_groups = select(HomeroomGroup.id).where(HomeroomGroup.responsible_id == target.id)
        query = query.where(or_(Student.group_id.in_(taught_groups), Student.group_id.in_(led_groups)))
    if spec.only_transport_entitled:
        query = query.where(Student.transport_entitled.is_(True))
    return query


def _count_reached(session: Session, students: Select[tuple[int]] | None,
                   with_guardians: bool) -> tuple[int, int, list[int]]:
    """(students, distinct répondants, first ids for the sample student) without loading every id."""
    if students is None:
        return 0, 0, []
    count = session.scalar(select(func.count()).select_from(students.subquery())) or 0
    guardians = 0
    if with_guardians and count:
        guardians = session.scalar(
            select(func.count(distinct(StudentGuardian.guardian_id)))
            .where(StudentGuardian.student_id.in_(students), StudentGuardian.respondent_rank.is_not(None))) or 0
    sample = list(session.scalars(students.order_by(Student.id).limit(SAMPLE_POOL)))
    return count, guardians, sample
