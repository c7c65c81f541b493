"""Correcting a file: guardians' emails and a student's code permanent (accounts.md §5).

Saving uses the version each row had when the GUI loaded it: a guardian or student changed by
another workstation since is refused with ``GuardianEditConflict`` / ``StudentEditConflict``
(both values), never overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from typing import cast as typed

from sqlalchemy import (
    BindParameter,
    DateTime,
    Select,
    String,
    Table,
    and_,
    bindparam,
    cast,
    desc,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.models import (
    AuditAction,
    AuditEntry,
    Guardian,
    Student,
    StudentGuardian,
)
from desktop.services.accounts.code_permanent import (
    INCOMPLETE,
    INVALID,
    check_code_fits,
    check_code_permanent,
    normalize_code_permanent,
)
from desktop.services.emails import check_email
from desktop.services.errors import EditConflict, InvalidInput, NotFound
from desktop.services.storage import Database
from desktop.services.students.file import EmailChange
from desktop.services.text import student_search_key

# ---------------------------------------------------------------------------------------------
# Guardians' emails
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailEdit:
    """A pending email correction: the guardian, the version loaded, the value to store."""

    guardian_id: int
    loaded_version: int
    new_email: str | None


class GuardianEditConflict(EditConflict):
    """Another workstation saved this guardian after it was loaded here.

    ``current_version`` lets the secretary overwrite knowingly (save again with it);
    ``changed_by`` tells who did it, when the audit log knows.
    """

    # The two email addresses (EditConflict keeps any field's values as plain objects).
    theirs: str | None
    mine: str | None

    def __init__(self, *, guardian_id: int, guardian_name: str, theirs: str | None, mine: str | None,
                 current_version: int, changed_by: EmailChange | None) -> None:
        where = (f" (par {changed_by.os_user} sur {changed_by.workstation}, le "
                 f"{changed_by.at:%Y-%m-%d à %H:%M})") if changed_by else ""
        super().__init__(
            f"Le dossier de {guardian_name} a été modifié sur un autre poste{where} depuis que vous l'avez ouvert. "
            f"Courriel enregistré par l'autre poste : « {theirs or '(aucun)'} » ; votre saisie : "
            f"« {mine or '(aucun)'} ». Rien n'a été enregistré.",
            field="email", theirs=theirs, mine=mine)
        self.guardian_id = guardian_id
        self.guardian_name = guardian_name
        self.current_version = current_version
        self.changed_by = changed_by


@dataclass(frozen=True)
class SavedEmail:
    guardian_id: int
    before: str | None
    after: str | None
    version: int


def save_guardian_emails(database: Database, edits: Sequence[EmailEdit],
                         check: Callable[[set[int]], None] | None = None) -> list[SavedEmail]:
    """Store every edit in one transaction (audited by the session), or none of them.

    Each address is checked again here (the CLI and scripts do not go through the GUI's checks):
    an address with a blocking problem raises ``InvalidInput``; a guardian whose version moved
    raises ``GuardianEditConflict``. Either way nothing is written.

    ``check`` receives each guardian's schools (those of their students), read with the guardians
    themselves, and raises to refuse (the access check): before anything is written, without a
    statement of its own. Round trips: the guardians, their UPDATE, the audit rows, and the
    transaction's BEGIN and COMMIT.
    """
    values = {edit.guardian_id: _storable(edit.new_email) for edit in edits}
    if database.backend == "postgresql":
        return _save_in_one_statement_each(database, edits, values, check)
    saved: list[SavedEmail] = []
    try:
        with database.sessions() as session, session.begin():
            guardians = _guardians_with_schools(session, [edit.guardian_id for edit in edits])
            if check is not None:
                for edit in edits:
                    check(guardians.get(edit.guardian_id, (None, set()))[1])
            for edit in edits:
                guardian = guardians.get(edit.guardian_id, (None, set()))[0]
                if guardian is None:
                    raise NotFound(f"Le répondant n° {edit.guardian_id} n'existe plus ; rien n'a été enregistré.")
                if guardian.version != edit.loaded_version:
                    raise _conflict(session, guardian, values[edit.guardian_id])
                if guardian.email != values[edit.guardian_id]:
                    saved.append(SavedEmail(guardian.id, guardian.email, values[edit.guardian_id], -1))
                    guardian.email = values[edit.guardian_id]
            session.flush()
            versions = {s.guardian_id: session.get_one(Guardian, s.guardian_id).version for s in saved}
    except StaleDataError:
        # The row moved between our read and our UPDATE (the version check in the UPDATE caught it).
        raise _late_conflict(database, edits, values) from None
    return [SavedEmail(s.guardian_id, s.before, s.after, versions[s.guardian_id]) for s in saved]


def _save_in_one_statement_each(database: Database, edits: Sequence[EmailEdit], values: dict[int, str | None],
                                check: Callable[[set[int]], None] | None) -> list[SavedEmail]:
    """PostgreSQL: each edit is one statement (``_email_save_statement``) in one transaction, so a
    save costs three round trips over the board's network (BEGIN, the statement, COMMIT) where the
    ORM's read, UPDATE and audit INSERT cost five. The same outcome as the ORM path: the version
    checked on the locked row, the audit row written with the change, nothing written on refusal.
    """
    now = database.clock.now()
    saved: list[SavedEmail] = []
    with database.sessions.begin() as session:
        for edit in edits:
            new = values[edit.guardian_id]
            row = session.execute(_email_save_statement(), {
                "guardian_id": edit.guardian_id, "loaded": edit.loaded_version, "new": new, "at": now,
                "os_user": database.actor.os_user, "workstation": database.actor.workstation}).one_or_none()
            schools = {int(school) for school in (row.schools or "").split(",") if school} if row else set()
            if check is not None:
                check(schools)  # raising here rolls the whole transaction back: nothing written
            if row is None:
                raise NotFound(f"Le répondant n° {edit.guardian_id} n'existe plus ; rien n'a été enregistré.")
            if row.version != edit.loaded_version:
                raise _conflict(session, session.get_one(Guardian, edit.guardian_id), new)
            if row.new_version is not None:
                saved.append(SavedEmail(edit.guardian_id, row.email, new, row.new_version))
    return saved


@lru_cache(maxsize=1)
def _email_save_statement() -> Select[Any]:
    """One guardian's email save as one PostgreSQL statement, built once.

    ``locked``: the guardian's row, locked (a save from another workstation waits, then sees the
    version it wrote). ``changed``: the UPDATE, only if the version is the one loaded and the
    address differs. ``logged``: its audit row, as the ORM's audit would write it. Returned: the
    version and address found, the new version (NULL when nothing was changed) and the schools of
    the guardian's students (the access check). No row: no such guardian.
    """
    guardian = typed(Table, Guardian.__table__)
    new: BindParameter[str] = bindparam("new", type_=String())
    locked = (select(guardian.c.id, guardian.c.email, guardian.c.version)
              .where(guardian.c.id == bindparam("guardian_id")).with_for_update().cte("locked"))
    changed = (update(guardian)
               .where(guardian.c.id == locked.c.id, locked.c.version == bindparam("loaded"),
                      locked.c.email.is_distinct_from(new))
               .values(email=new, version=guardian.c.version + 1)
               .returning(guardian.c.id, locked.c.email.label("before"), guardian.c.version).cte("changed"))
    logged = insert(AuditEntry).from_select(
        ["at", "os_user", "workstation", "action", "entity", "entity_id", "field", "before", "after"],
        select(bindparam("at", type_=DateTime), bindparam("os_user", type_=String),
               bindparam("workstation", type_=String), literal(AuditAction.UPDATE.value),
               literal(Guardian.__tablename__), changed.c.id, literal("email"), changed.c.before, new)).cte("logged")
    schools = (select(func.aggregate_strings(cast(Student.school_id, String), ","))
               .join(StudentGuardian, StudentGuardian.student_id == Student.id)
               .where(StudentGuardian.guardian_id == locked.c.id).scalar_subquery())
    return (select(locked.c.version, locked.c.email, changed.c.version.label("new_version"), schools.label("schools"))
            .select_from(locked.outerjoin(changed, changed.c.id == locked.c.id)).add_cte(logged))


def _guardians_with_schools(session: Session, ids: Sequence[int]) -> dict[int, tuple[Guardian, set[int]]]:
    """The guardians (now in the session) and the schools of their students, in one statement."""
    schools = (select(func.aggregate_strings(cast(Student.school_id, String), ","))
               .join(StudentGuardian, StudentGuardian.student_id == Student.id)
               .where(StudentGuardian.guardian_id == Guardian.id).scalar_subquery())
    return {guardian.id: (guardian, {int(school) for school in (listed or "").split(",") if school})
            for guardian, listed in session.execute(select(Guardian, schools).where(Guardian.id.in_(ids))).all()}


def _storable(raw: str | None) -> str | None:
    check = check_email(raw)
    if not check.acceptable:
        raise InvalidInput(" ".join(p.message for p in check.problems if p.blocking) + " Rien n'a été enregistré.")
    return check.normalized


def _conflict(session: Session, guardian: Guardian, mine: str | None) -> GuardianEditConflict:
    change = _last_change_of_guardian(session, guardian.id)
    return GuardianEditConflict(guardian_id=guardian.id, guardian_name=guardian.full_name, theirs=guardian.email,
                                mine=mine, current_version=guardian.version, changed_by=change)


def _late_conflict(database: Database, edits: Sequence[EmailEdit],
                   values: dict[int, str | None]) -> GuardianEditConflict:
    """The row moved between our read and our UPDATE: find which one, with fresh values."""
    with database.sessions() as session:
        for edit in edits:
            guardian = session.get(Guardian, edit.guardian_id)
            if guardian is not None and guardian.version != edit.loaded_version:
                return _conflict(session, guardian, values[edit.guardian_id])
    edit = edits[0]
    with database.sessions() as session:
        return _conflict(session, session.get_one(Guardian, edit.guardian_id), values[edit.guardian_id])


def _last_change_of_guardian(session: Session, guardian_id: int) -> EmailChange | None:
    entry = session.scalars(
        select(AuditEntry)
        .where(and_(AuditEntry.entity == Guardian.__tablename__, AuditEntry.entity_id == guardian_id,
                    AuditEntry.action == AuditAction.UPDATE))
        .order_by(desc(AuditEntry.at), desc(AuditEntry.id)).limit(1)
    ).first()
    return EmailChange(entry.at, entry.os_user, entry.workstation, entry.before) if entry else None


# ---------------------------------------------------------------------------------------------
# Correcting a student's code permanent (accounts.md §5)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodePermanentVerdict:
    """What the editor shows while the secretary types, and what the save enforces.

    ``error`` is the hard rule's refusal ("" when the shape is acceptable); ``warnings`` hold the
    soft rule's doubts and the incomplete-code notice (10 characters: the parent must use the
    fiche or a NIP). ``normalized`` is the value to store, None when absent (or refused).
    """

    normalized: str | None
    error: str
    warnings: tuple[str, ...]
    incomplete: bool

    @property
    def acceptable(self) -> bool:
        return not self.error


def check_code_permanent_edit(raw: str | None, last_name: str, first_name: str,
                              birth_date: date | None) -> CodePermanentVerdict:
    """The §5 rules for one typed code permanent, without the fiche.

    ``check_student_identity`` also judges the fiche; a stored fiche that breaks its rule must
    not block the correction of the code, so the code part is applied on its own here.
    """
    check = check_code_permanent(raw)
    if check.status == INVALID:
        return CodePermanentVerdict(None, check.message, (), False)
    warnings = [check.message] if check.status == INCOMPLETE else []
    if check.normalized and birth_date is not None:
        fit = check_code_fits(check.normalized, last_name, first_name, birth_date)
        if not fit.fits:
            warnings.append(fit.message())
    return CodePermanentVerdict(check.normalized, "", tuple(warnings), check.status == INCOMPLETE)


@dataclass(frozen=True)
class CodePermanentUpdate:
    """A saved correction: both values, the new row version, and the warnings the secretary accepted."""

    student_id: int
    before: str | None
    after: str | None
    version: int
    warnings: tuple[str, ...]


class StudentEditConflict(EditConflict):
    """Another workstation saved this student after it was loaded here; ``current_version``
    lets the secretary overwrite knowingly by saving again with it."""

    def __init__(self, *, student_id: int, student_name: str, theirs: str | None, mine: str | None,
                 current_version: int) -> None:
        super().__init__(
            f"Le dossier de {student_name} a été modifié sur un autre poste depuis que vous l'avez ouvert. "
            f"Code permanent enregistré par l'autre poste : « {theirs or '(aucun)'} » ; votre saisie : "
            f"« {mine or '(aucun)'} ». Rien n'a été enregistré.",
            field="code_permanent", theirs=theirs, mine=mine)
        self.student_id = student_id
        self.current_version = current_version


def update_code_permanent(database: Database, student_id: int, loaded_version: int,
                          raw: str | None) -> CodePermanentUpdate:
    """Store a corrected code permanent in one audited transaction, or nothing.

    Refused (``InvalidInput``) on the hard rule or when another student already holds the code;
    the soft rule only returns warnings. A student saved elsewhere since ``loaded_version`` raises
    ``StudentEditConflict``. The search key follows, so the new code is found at once.
    """
    try:
        with database.sessions() as session, session.begin():
            student = session.get(Student, student_id)
            if student is None:
                raise NotFound(f"L'élève n° {student_id} n'existe pas (ou plus) dans cette base.")
            verdict = check_code_permanent_edit(raw, student.last_name, student.first_name, student.birth_date)
            if not verdict.acceptable:
                raise InvalidInput(verdict.error + " Rien n'a été enregistré.")
            if student.version != loaded_version:
                raise _student_conflict(student, verdict.normalized)
            _refuse_duplicate(session, student_id, verdict.normalized)
            before = student.code_permanent
            if before != verdict.normalized:
                student.code_permanent = verdict.normalized
                student.search_key = student_search_key(student.last_name, student.first_name, student.fiche,
                                                        verdict.normalized)
                session.flush()
            version = student.version
    except StaleDataError:
        with database.sessions() as session:
            student = session.get_one(Student, student_id)
            raise _student_conflict(student, normalize_code_permanent(raw) or None) from None
    except IntegrityError:
        # Another workstation stored the same code between our check and our UPDATE.
        raise InvalidInput(_duplicate_message(normalize_code_permanent(raw), None)) from None
    return CodePermanentUpdate(student_id, before, verdict.normalized, version, verdict.warnings)


def _refuse_duplicate(session: Session, student_id: int, code: str | None) -> None:
    if code is None:
        return
    holder = session.scalars(select(Student.fiche).where(Student.code_permanent == code, Student.id != student_id)
                             .limit(1)).first()
    if holder is not None:
        raise InvalidInput(_duplicate_message(code, holder))


def _duplicate_message(code: str, fiche: str | None) -> str:
    """Names the other student by fiche only: the secretary can open it, nothing else is disclosed."""
    where = f" (fiche {fiche})" if fiche else ""
    return (f"Le code permanent « {code} » est déjà inscrit au dossier d'un autre élève{where}. "
            "Un code permanent est propre à un seul élève : vérifiez les deux dossiers. Rien n'a été enregistré.")


def _student_conflict(student: Student, mine: str | None) -> StudentEditConflict:
    return StudentEditConflict(student_id=student.id, student_name=student.full_name, theirs=student.code_permanent,
                               mine=mine, current_version=student.version)
