"""Who looks at the file: a role in the abstract, a real staff member, a guardian, or the student.

For a real staff member the role is *derived* relative to the student, in the spec's order
(visibility.md §1): direction by job class, homeroom teacher of the student's group, specialist
for the subjects they teach the student (course-groups of the student's homeroom group with a
``TeachingAssignment``), teacher not teaching the student, then support roles by job class. The
derivation text is part of the answer, because "why does Mme Roy see the results?" is the
question the secretariat gets.

A guardian sees the student only when their portal account can be associated with the student,
which needs their own, valid email on the student's file (accounts.md). Otherwise access is
refused and the reason names the guardian record that would fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from desktop.models import CourseGroup, Guardian, HomeroomGroup, Staff, TeachingAssignment
from desktop.services.emails import email_risk
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.visibility.policy import PORTAL_ROLES, ROLES, Policy, PolicyDocument, Role, role_needs_subject
from desktop.services.visibility.record import StudentRecord
from desktop.services.visibility.view import Access, Reason, Viewer, ViewerKind

VIEWER_KINDS = tuple(ViewerKind)


@dataclass(frozen=True)
class ViewerSpec:
    """What the user asked for: ``kind`` plus the role (and subject), staff id or guardian id."""

    kind: ViewerKind
    role: str | None = None  # as asked: checked against the policy's roles when resolved
    subject_code: str | None = None
    staff_id: int | None = None
    guardian_id: int | None = None

    @classmethod
    def abstract(cls, role: str, subject_code: str | None = None) -> ViewerSpec:
        return cls(ViewerKind.ROLE, role=role, subject_code=subject_code)

    @classmethod
    def staff(cls, staff_id: int) -> ViewerSpec:
        return cls(ViewerKind.STAFF, staff_id=staff_id)

    @classmethod
    def guardian(cls, guardian_id: int) -> ViewerSpec:
        return cls(ViewerKind.GUARDIAN, guardian_id=guardian_id)

    @classmethod
    def as_student(cls) -> ViewerSpec:
        return cls(ViewerKind.STUDENT)


@dataclass(frozen=True)
class StaffMember:
    """The few columns of a staff member the derivation needs (plain data, reusable across students)."""

    id: int
    name: str
    job_class: str
    board_id: int
    school_id: int | None
    # Schools where they work in the loaded school year: attachment, homeroom groups, teaching (§7.1).
    school_ids: frozenset[int] = frozenset()


def load_staff_member(session: Session, staff_id: int, school_year: int | None = None) -> StaffMember:
    members = load_staff_members(session, [staff_id], school_year)
    if staff_id not in members:
        raise NotFound(f"Membre du personnel introuvable (n° {staff_id}).")
    return members[staff_id]


def load_staff_members(session: Session, staff_ids: Iterable[int],
                       school_year: int | None = None) -> dict[int, StaffMember]:
    """The staff members ``staff_ids`` that exist, with the schools where they work in ``school_year``
    (none looked up when None), in one statement: nine viewers side by side cost one round trip."""
    ids = sorted(set(staff_ids))
    if not ids:
        return {}
    year = -1 if school_year is None else school_year  # no group has year -1: attachment school only
    worked = union_all(
        select(HomeroomGroup.responsible_id.label("staff_id"), HomeroomGroup.school_id.label("school_id"))
        .where(HomeroomGroup.responsible_id.in_(ids), HomeroomGroup.school_year == year),
        select(TeachingAssignment.staff_id, CourseGroup.school_id)
        .join(CourseGroup, TeachingAssignment.course_group_id == CourseGroup.id)
        .join(HomeroomGroup, CourseGroup.group_id == HomeroomGroup.id)
        .where(TeachingAssignment.staff_id.in_(ids), HomeroomGroup.school_year == year)).subquery()
    rows = session.execute(
        select(Staff.id, Staff.first_name, Staff.last_name, Staff.job_class, Staff.board_id, Staff.school_id,
               worked.c.school_id)
        .outerjoin(worked, worked.c.staff_id == Staff.id).where(Staff.id.in_(ids))).all()
    schools: dict[int, set[int]] = {}
    members: dict[int, StaffMember] = {}
    for staff_id, first, last, job_class, board_id, school_id, worked_at in rows:
        found = schools.setdefault(staff_id, {school_id} if school_id is not None else set())
        if worked_at is not None:
            found.add(worked_at)
        members[staff_id] = StaffMember(staff_id, f"{first} {last}", job_class, board_id, school_id)
    return {staff_id: StaffMember(m.id, m.name, m.job_class, m.board_id, m.school_id, frozenset(schools[staff_id]))
            for staff_id, m in members.items()}


def _granted(code: str, message: str) -> Access:
    return Access(True, Reason(code, message))


def role_viewer(record: StudentRecord, spec: ViewerSpec, doc: PolicyDocument) -> tuple[Viewer, Access]:
    if spec.role not in ROLES:
        raise InvalidInput(f"Rôle inconnu : « {spec.role or ''} ». Rôles : {', '.join(ROLES)}.")
    role = Role(spec.role)
    subjects: tuple[str, ...] = ()
    label = doc.role_label(role)
    if role_needs_subject(role):
        if not spec.subject_code:
            raise InvalidInput("Précisez la matière enseignée par l'enseignant spécialiste (ex. --subject MAT).")
        taken = sorted({info.subject_code for info in record.course_groups})
        if spec.subject_code not in taken:
            raise InvalidInput(f"{record.name} ne suit pas la matière « {spec.subject_code} » : un enseignant "
                               f"spécialiste ne peut lui enseigner que {', '.join(taken) or 'aucune matière'}.")
        subjects = (spec.subject_code,)
        label = f"{label} ({spec.subject_code})"
    derivation = f"Rôle choisi : {label} (aperçu sans personne réelle)."
    viewer = Viewer(ViewerKind.ROLE, role, label, subject_codes=subjects, derivation=derivation)
    return viewer, _granted("role_preview", "Aperçu du rôle, sans personne réelle.")


def derive_staff_role(
    record: StudentRecord, member: StaffMember, doc: PolicyDocument
) -> tuple[Role, tuple[str, ...], str]:
    """(role, taught subject codes, derivation text) of ``member`` relative to the student of ``record``."""
    job = doc.job_classes.get(member.job_class)
    job_role = doc.job_role(member.job_class)
    job_text = (f"corps d'emploi {member.job_class} ({job.label})" if job
                else f"corps d'emploi {member.job_class} inconnu, traité comme personnel non enseignant")
    if job_role == Role.DIRECTION:
        return Role.DIRECTION, (), f"Direction : {job_text}."
    if record.responsible is not None and record.responsible.id == member.id:
        return Role.TEACHER_HOMEROOM, (), f"Enseignant titulaire du groupe {record.group_code}."
    taught = [info for info in record.course_groups if any(t.id == member.id for t in info.teachers)]
    if taught:
        subjects = tuple(sorted({info.subject_code for info in taught}))
        groups = ", ".join(f"{info.code} ({info.subject_code})" for info in taught)
        return Role.TEACHER_SPECIALIST, subjects, f"Enseignant spécialiste : enseigne {groups} à l'élève."
    if job_role is None:
        return Role.TEACHER_NOT_TEACHING, (), f"Enseignant ({job_text}) qui n'enseigne pas à l'élève."
    return job_role, (), f"{doc.role_label(job_role)} : {job_text}."


def staff_viewer(record: StudentRecord, member: StaffMember, doc: PolicyDocument) -> tuple[Viewer, Access]:
    role, subjects, derivation = derive_staff_role(record, member, doc)
    label = f"{member.name} — {doc.role_label(role)}"
    if subjects:
        label += f" ({', '.join(subjects)})"
    viewer = Viewer(ViewerKind.STAFF, role, label, staff_id=member.id, subject_codes=subjects, derivation=derivation,
                    job_class=member.job_class)
    if member.board_id != record.board_id:
        return viewer, Access(False, Reason(
            "staff_other_board", f"{member.name} travaille pour un autre centre de services : "
            "le dossier de cet élève ne lui est pas accessible.", record=f"staff:{member.id}:board_id"))
    job = doc.job_classes.get(member.job_class)
    if job is not None and job.board_director:
        return viewer, _granted("staff_board_director", f"Direction du centre de services : voit les élèves de "
                                f"toutes ses écoles. {derivation}")
    if record.school_id not in member.school_ids:
        return viewer, Access(False, Reason(
            "staff_other_school", f"{member.name} ne travaille pas à l'école « {record.school_name} » cette année "
            "scolaire "
            "(ni école de rattachement, ni groupe, ni enseignement) : le dossier de cet élève ne lui est pas "
            "accessible.", record=f"staff:{member.id}:school_id"))
    return viewer, _granted("staff_member", f"Membre du personnel de l'école « {record.school_name} ». {derivation}")


def _normalized(email: str | None) -> str:
    return (email or "").strip().casefold()


def guardian_viewer(session: Session, record: StudentRecord, guardian_id: int) -> tuple[Viewer, Access]:
    info = next((g for g in record.guardians if g.id == guardian_id), None)
    if info is None:
        row = session.execute(select(Guardian.first_name, Guardian.last_name).where(Guardian.id == guardian_id)).first()
        if row is None:
            raise NotFound(f"Répondant introuvable (n° {guardian_id}).")
        name = f"{row[0]} {row[1]}"
        viewer = Viewer(ViewerKind.GUARDIAN, Role.PARENT, f"{name} — Parent", guardian_id=guardian_id,
                        derivation=f"{name} n'est pas un parent de {record.name}.")
        return viewer, Access(False, Reason(
            "guardian_not_of_student", f"{name} n'est pas lié(e) au dossier de {record.name} : "
            "son compte du portail ne peut pas être associé à cet élève.",
            record=f"student:{record.student_id}:guardians"))
    relation = f" ({info.relationship})" if info.relationship else ""
    viewer = Viewer(ViewerKind.GUARDIAN, Role.PARENT, f"{info.name}{relation} — Parent", guardian_id=info.id,
                    derivation=f"Parent{relation} de {record.name} au dossier.")
    return viewer, guardian_access(record, info.id)


def guardian_access(record: StudentRecord, guardian_id: int) -> Access:
    """Can this guardian's portal account be associated with the student? If not, why (accounts.md)."""
    info = next(g for g in record.guardians if g.id == guardian_id)
    ref = f"guardian:{info.id}:email"
    email = _normalized(info.email)
    if not email:
        return Access(False, Reason(
            "guardian_no_email", f"Aucun courriel au dossier pour {info.name} : sans courriel, le parent ne peut "
            "pas créer son compte ni associer cet élève. Ajoutez son courriel.", record=ref))
    other = next((g for g in record.guardians if g.id != info.id and _normalized(g.email) == email), None)
    if other is not None:
        return Access(False, Reason(
            "guardian_email_shared", f"{info.name} et {other.name} ont le même courriel au dossier : le portail "
            "ne peut pas distinguer les deux parents. Remplacez ou retirez l'un des deux courriels.", record=ref))
    risk = email_risk(info.email or "")
    if risk is not None:
        return Access(True, Reason(
            "guardian_access_at_risk", f"Accès à risque : {risk} Le code de vérification du portail n'arrivera "
            f"probablement jamais à {info.name} ; voici ce que le parent verrait une fois le courriel corrigé. "
            "Corrigez le courriel au dossier du répondant.", record=ref), at_risk=True)
    return Access(True, Reason(
        "guardian_associated", f"{info.name} a son propre courriel au dossier : son compte du portail peut être "
        "associé à cet élève.", record=ref))


def student_viewer(record: StudentRecord) -> tuple[Viewer, Access]:
    viewer = Viewer(ViewerKind.STUDENT, Role.STUDENT, f"{record.name} — Élève", derivation="L'élève lui-même.")
    return viewer, _granted("student_self", "L'élève voit son propre dossier dans le portail.")


def resolve_viewer(session: Session, record: StudentRecord, spec: ViewerSpec, policy: Policy,
                   staff_cache: dict[int, StaffMember] | None = None) -> tuple[Viewer, Access]:
    """Turn what the user asked for into a ``Viewer`` (with derivation) and the access decision."""
    doc = policy.document
    if spec.kind == ViewerKind.ROLE:
        return role_viewer(record, spec, doc)
    if spec.kind == ViewerKind.STAFF:
        if spec.staff_id is None:
            raise InvalidInput("Précisez le membre du personnel.")
        cache = staff_cache if staff_cache is not None else {}
        member = cache.get(spec.staff_id) or load_staff_member(session, spec.staff_id, record.school_year)
        cache[spec.staff_id] = member
        return staff_viewer(record, member, doc)
    if spec.kind == ViewerKind.GUARDIAN:
        if spec.guardian_id is None:
            raise InvalidInput("Précisez le répondant.")
        return guardian_viewer(session, record, spec.guardian_id)
    if spec.kind == ViewerKind.STUDENT:
        return student_viewer(record)
    raise InvalidInput(f"Type d'observateur inconnu : « {spec.kind} ».")


def home_spaces(member: StaffMember, policy: Policy) -> tuple[str, ...]:
    """Labels of the staff portal home spaces ``member`` gets by job class (visibility.md §6)."""
    doc = policy.document
    job = doc.job_classes.get(member.job_class)
    role_by_job = doc.job_role(member.job_class)
    spaces = []
    for space in doc.spaces:
        named = policy.cells.get(f"staff_spaces.{space.id}.staff_ids")
        if (space.all_staff
                or member.job_class in space.job_classes
                or role_by_job in space.roles
                or (space.board_directors and job is not None and job.board_director)
                or (space.school_directors and job is not None and job.school_director)
                or (space.named_in_settings and named is not None and member.id in (named.value or ()))):
            spaces.append(space.label)
    return tuple(spaces)


@dataclass(frozen=True)
class ViewerChoice:
    """One entry of the "Vu par" list of the Aperçu page: a group heading, a label, and what to preview."""

    group: str  # "Rôles", "Personnel", "Parents", "Élève"
    label: str
    spec: ViewerSpec


def viewer_choices(session: Session, record: StudentRecord, doc: PolicyDocument) -> list[ViewerChoice]:
    """Every viewer worth offering for this student: each role (specialist once per subject the
    student takes), the staff of the student's school and the board's staff without a school,
    each guardian of the student, and the student."""
    choices = []
    subjects = sorted({info.subject_code for info in record.course_groups})
    for role in ROLES:
        if role_needs_subject(role):
            choices += [ViewerChoice("Rôles", f"{doc.role_label(role)} ({code})", ViewerSpec.abstract(role, code))
                        for code in subjects]
        elif role not in PORTAL_ROLES:
            choices.append(ViewerChoice("Rôles", doc.role_label(role), ViewerSpec.abstract(role)))
    rows = session.execute(
        select(Staff.id, Staff.first_name, Staff.last_name, Staff.job_class)
        .where(Staff.board_id == record.board_id,
               (Staff.school_id == record.school_id) | Staff.school_id.is_(None))
        .order_by(Staff.last_name, Staff.first_name, Staff.id)).all()
    for staff_id, first, last, job_class in rows:
        member = StaffMember(staff_id, f"{first} {last}", job_class, record.board_id, None)
        role, _, _ = derive_staff_role(record, member, doc)
        label = f"{first} {last} — {doc.role_label(role)}"
        choices.append(ViewerChoice("Personnel", label, ViewerSpec.staff(staff_id)))
    for guardian in record.guardians:
        relation = f" ({guardian.relationship})" if guardian.relationship else ""
        choices.append(ViewerChoice("Parents", f"{guardian.name}{relation}", ViewerSpec.guardian(guardian.id)))
    choices.append(ViewerChoice("Élève", record.name, ViewerSpec.as_student()))
    return choices
