"""Finding a student, reading their file, correcting a guardian's email; listing staff.

The search runs over every student of the board as the secretary types, so it must not touch
the database per keystroke nor build an ORM object per student: ``load_student_index`` reads
one Core SELECT into plain tuples once, and ``StudentIndex.search`` filters positions in memory
(narrowing the previous result when the new text only extends the old one).

Matching rule (decided here): the query is folded like ``Student.search_key`` (accents, case,
hyphens and apostrophes ignored) and split into words; a student matches when every query word
is the beginning of some word of "last first fiche code-permanent". So "trem ma" finds Marie
Tremblay, "cote" finds Côté, "1234" finds fiche 1234567 and "TREM1" a code permanent — but "ay"
does not find every Tremblay of the board.

Saving emails uses the version each guardian had when the GUI loaded it: a guardian changed by
another workstation since is refused with ``GuardianEditConflict`` (both values), never
overwritten silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from sqlalchemy import ColumnElement, Connection, and_, desc, func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.models import (
    AuditAction,
    AuditEntry,
    CourseGroup,
    Guardian,
    HomeroomGroup,
    School,
    SchoolBoard,
    Staff,
    Student,
    StudentGuardian,
    Subject,
    TeachingAssignment,
)
from desktop.services.accounts.code_permanent import (
    INCOMPLETE,
    INVALID,
    check_code_fits,
    check_code_permanent,
    normalize_code_permanent,
)
from desktop.services.calendar import school_year_of
from desktop.services.emails import check_email
from desktop.services.errors import EditConflict, InvalidInput, NotFound
from desktop.services.storage import Database
from desktop.services.text import fold, student_search_key

# ---------------------------------------------------------------------------------------------
# The search index
# ---------------------------------------------------------------------------------------------

# One student of the index, as the driver returns it (the birth date is ISO text on SQLite):
# id, fiche, code permanent, last name, first name, birth date, school id, group id, search key.
IndexRow = tuple[int, str, str | None, str, str, date | str, int, int | None, str | None]

# Positions inside an index row.
ID: Final = 0
FICHE: Final = 1
CODE_PERMANENT: Final = 2
LAST_NAME: Final = 3
FIRST_NAME: Final = 4
BIRTH_DATE: Final = 5
SCHOOL_ID: Final = 6
GROUP_ID: Final = 7
SEARCH_KEY: Final = 8


@dataclass(frozen=True)
class SearchResult:
    """Positions (into ``StudentIndex.rows``) of the students matching ``words``, in index order."""

    words: tuple[str, ...]
    positions: list[int]

    def __len__(self) -> int:
        return len(self.positions)


class StudentIndex:
    """Every student of the database as compact tuples, sorted by name, searchable in memory.

    ``rows[i]`` is (id, fiche, code_permanent, last, first, birth_date, school id, group id,
    search key) exactly as the driver returned it; schools and groups are looked up in two small
    dictionaries instead of repeating their names 100,000 times. ``keys[i]`` is " " + the search
    key, so that a word-start test is a substring test on " " + word.
    """

    def __init__(self, rows: list[IndexRow], keys: list[str], schools: dict[int, tuple[str, str]],
                 groups: dict[int, str]) -> None:
        self.rows = rows
        self.keys = keys
        self._schools = schools
        self._groups = groups
        self._position_of_id: dict[int, int] | None = None  # built on first use: not needed to type

    def __len__(self) -> int:
        return len(self.rows)

    def position_of(self, student_id: int) -> int | None:
        if self._position_of_id is None:
            self._position_of_id = {row[ID]: position for position, row in enumerate(self.rows)}
        return self._position_of_id.get(student_id)

    def replace_row(self, row: IndexRow) -> int | None:
        """Put a student's fresh row (``load_index_row``) in place; returns its position.

        The position is kept: only the code permanent is edited in the GUI, which does not move a
        student in the name order.
        """
        position = self.position_of(row[ID])
        if position is not None:
            self.rows[position] = row
            self.keys[position] = " " + (row[SEARCH_KEY] or _search_key_of(row))
        return position

    def school_code(self, row: IndexRow) -> str:
        return self._schools[row[SCHOOL_ID]][0]

    def school_name(self, row: IndexRow) -> str:
        return self._schools[row[SCHOOL_ID]][1]

    def group_code(self, row: IndexRow) -> str | None:
        group_id = row[GROUP_ID]
        return self._groups.get(group_id) if group_id is not None else None

    def everything(self) -> SearchResult:
        return SearchResult((), list(range(len(self.rows))))

    def search(self, query: str, previous: SearchResult | None = None,
               order: Sequence[int] | None = None) -> SearchResult:
        """Students matching every word of ``query``.

        ``previous`` (the result for the text typed before) is narrowed instead of scanning the
        whole board when each of its words is the start of a new word — the usual keystroke.
        ``order`` is the full position order to return results in (a sort chosen by the user);
        narrowing keeps the order of ``previous``.
        """
        words = tuple(fold(query).split())
        if not words:
            return SearchResult((), list(order) if order is not None else list(range(len(self.rows))))
        if previous is not None and _extends(words, previous.words):
            candidates: Iterable[int] = previous.positions
            needles = [" " + word for word in words if word not in previous.words]
        else:
            candidates = order if order is not None else range(len(self.rows))
            needles = [" " + word for word in words]
        keys = self.keys
        positions = list(candidates)
        # Longest word first: it is usually the most selective.
        for needle in sorted(needles, key=len, reverse=True):
            positions = [p for p in positions if needle in keys[p]]
        return SearchResult(words, positions)


def _extends(new: tuple[str, ...], old: tuple[str, ...]) -> bool:
    """True when every match of ``new`` is a match of ``old`` (each old word prefixes a new one)."""
    return bool(old) and all(any(word.startswith(prior) for word in new) for prior in old)


def load_student_index(database: Database) -> StudentIndex:
    """One SELECT over students (plus the small school and group tables) → the index, sorted by name.

    The Core statement is run on the driver's cursor: for 100,000 rows SQLAlchemy's per-row
    ``Row`` processing (and SQLite date parsing) would cost more than the query itself. Birth
    dates therefore stay as the driver returns them (ISO text on SQLite, ``date`` on PostgreSQL);
    ``as_date`` reads either.
    """
    statement = select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                       Student.birth_date, Student.school_id, Student.group_id, Student.search_key)
    sql = str(statement.compile(dialect=database.engine.dialect, compile_kwargs={"literal_binds": True}))
    with database.engine.connect() as connection:
        dbapi_connection = connection.connection.dbapi_connection
        assert dbapi_connection is not None, "a connection just opened has its driver connection"
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql)
            fetched: Sequence[IndexRow] = cursor.fetchall()
        finally:
            cursor.close()
        schools = {
            sid: (code, name) for sid, code, name in connection.execute(select(School.id, School.code, School.name))
        }
        groups = {gid: code for gid, code in connection.execute(select(HomeroomGroup.id, HomeroomGroup.code))}
    sort_keys = [(row[LAST_NAME] + "\x01" + row[FIRST_NAME]).translate(_SORT_LETTERS) for row in fetched]
    order = sorted(range(len(fetched)), key=sort_keys.__getitem__)
    rows = [fetched[i] for i in order]
    keys = [" " + (row[SEARCH_KEY] or _search_key_of(row)) for row in rows]
    return StudentIndex(rows, keys, schools, groups)


def _search_key_of(row: IndexRow) -> str:
    return student_search_key(row[LAST_NAME], row[FIRST_NAME], row[FICHE], row[CODE_PERMANENT])


def as_date(value: date | str) -> date:
    """A birth date from the index (``date`` or ISO text, depending on the driver)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


# Phone-book order in one C call per student: upper case and accented Latin letters → plain
# lower case. Surname and given name are joined by \x01, below every letter, so "Tremblay, Léa"
# sorts before "Tremblay-Bélanger" (ties keep database order).
_SORT_LETTERS = str.maketrans(
    {**{chr(code): chr(code + 32) for code in range(ord("A"), ord("Z") + 1)},
     **{chr(code): fold(chr(code)) for code in range(0xC0, 0x250) if fold(chr(code)).isalpha()}})


# ---------------------------------------------------------------------------------------------
# The student's file
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailChange:
    """The last time a guardian's email was changed (from the audit log)."""

    at: datetime
    os_user: str
    workstation: str
    before: str | None


@dataclass(frozen=True)
class GuardianLine:
    """One guardian as the student's file shows it; ``version`` is what a save must still find."""

    guardian_id: int
    version: int
    last_name: str
    first_name: str
    respondent_rank: int | None
    relationship: str
    lives_with: bool
    email: str | None
    home_phone: str
    cell_phone: str
    work_phone: str
    other_phone: str
    other_children: tuple[str, ...]
    last_email_change: EmailChange | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class ContactLine:
    name: str
    relationship: str
    phone: str
    is_emergency: bool


@dataclass(frozen=True)
class StudentFile:
    student_id: int
    fiche: str
    code_permanent: str | None
    last_name: str
    first_name: str
    birth_date: date
    sex: str
    board_code: str
    school_code: str
    school_name: str
    school_level: str
    group_code: str | None
    grade: int
    transport_entitled: bool
    transport_details: str
    guardians: tuple[GuardianLine, ...]
    contacts: tuple[ContactLine, ...]
    version: int = 0  # the student's row version when loaded: what a code permanent save must still find

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def guardian(self, guardian_id: int) -> GuardianLine | None:
        return next((g for g in self.guardians if g.guardian_id == guardian_id), None)


def load_student_file(database: Database, student_id: int) -> StudentFile:
    """Everything the student's file panel shows, as plain dataclasses (no live ORM objects)."""
    with database.sessions() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise NotFound(f"L'élève n° {student_id} n'existe pas (ou plus) dans cette base.")
        links = sorted(student.guardian_links, key=lambda link: (link.respondent_rank or 9, link.id))
        guardian_ids = [link.guardian_id for link in links]
        changes = _last_email_changes(session, guardian_ids)
        siblings = _other_children(session, guardian_ids, student_id)
        return StudentFile(
            student_id=student.id, fiche=student.fiche, code_permanent=student.code_permanent,
            last_name=student.last_name, first_name=student.first_name, birth_date=student.birth_date,
            sex=student.sex, board_code=student.board.code, school_code=student.school.code,
            school_name=student.school.name, school_level=student.school.level,
            group_code=student.group.code if student.group else None,
            grade=student.grade, transport_entitled=student.transport_entitled,
            transport_details=student.transport_details or "",
            guardians=tuple(_guardian_line(link, changes.get(link.guardian_id), siblings.get(link.guardian_id, ()))
                            for link in links),
            contacts=tuple(ContactLine(c.name, c.relationship_label, c.phone, c.is_emergency)
                           for c in sorted(student.contacts, key=lambda c: (not c.is_emergency, c.id))),
            version=student.version,
        )


def _guardian_line(link: StudentGuardian, change: EmailChange | None, others: tuple[str, ...]) -> GuardianLine:
    g = link.guardian
    return GuardianLine(
        guardian_id=g.id, version=g.version, last_name=g.last_name, first_name=g.first_name,
        respondent_rank=link.respondent_rank, relationship=link.relationship_label or "",
        lives_with=link.lives_with, email=g.email, home_phone=g.home_phone or "",
        cell_phone=g.cell_phone or "", work_phone=g.work_phone or "", other_phone=g.other_phone or "",
        other_children=others, last_email_change=change)


def _last_email_changes(session: Session, guardian_ids: list[int]) -> dict[int, EmailChange]:
    if not guardian_ids:
        return {}
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == Guardian.__tablename__, AuditEntry.entity_id.in_(guardian_ids),
               AuditEntry.field == "email", AuditEntry.action == AuditAction.UPDATE)
        .order_by(desc(AuditEntry.at), desc(AuditEntry.id))
    )
    changes: dict[int, EmailChange] = {}
    for entry in entries:
        if entry.entity_id is None:
            continue
        changes.setdefault(entry.entity_id, EmailChange(entry.at, entry.os_user, entry.workstation, entry.before))
    return changes


def _other_children(session: Session, guardian_ids: list[int], student_id: int) -> dict[int, tuple[str, ...]]:
    """For each guardian, the other children linked to them: a new email reaches all of them."""
    if not guardian_ids:
        return {}
    rows = session.execute(
        select(StudentGuardian.guardian_id, Student.first_name, Student.last_name)
        .join(Student, Student.id == StudentGuardian.student_id)
        .where(StudentGuardian.guardian_id.in_(guardian_ids), Student.id != student_id)
        .order_by(Student.first_name)
    )
    others: dict[int, list[str]] = {}
    for guardian_id, first, last in rows:
        others.setdefault(guardian_id, []).append(f"{first} {last}")
    return {key: tuple(value) for key, value in others.items()}


# ---------------------------------------------------------------------------------------------
# Correcting guardians' emails
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


def save_guardian_emails(database: Database, edits: Sequence[EmailEdit]) -> list[SavedEmail]:
    """Store every edit in one transaction (audited by the session), or none of them.

    Each address is checked again here (the CLI and scripts do not go through the GUI's checks):
    an address with a blocking problem raises ``InvalidInput``; a guardian whose version moved
    raises ``GuardianEditConflict``. Either way nothing is written.
    """
    values = {edit.guardian_id: _storable(edit.new_email) for edit in edits}
    saved: list[SavedEmail] = []
    try:
        with database.sessions() as session, session.begin():
            for edit in edits:
                guardian = session.get(Guardian, edit.guardian_id)
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


def load_index_row(database: Database, student_id: int) -> IndexRow | None:
    """One student's index row, fresh from the database (for refreshing the list after a save)."""
    with database.engine.connect() as connection:
        row = connection.execute(
            select(Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                   Student.birth_date, Student.school_id, Student.group_id, Student.search_key)
            .where(Student.id == student_id)).first()
    if row is None:
        return None
    plain: IndexRow = tuple(row)
    return plain


# ---------------------------------------------------------------------------------------------
# Lists for people and scripts (vitrail students / vitrail staff)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianSummary:
    id: int
    name: str
    email: str | None
    respondent_rank: int | None


@dataclass(frozen=True)
class StudentSummary:
    id: int
    fiche: str
    code_permanent: str | None
    last_name: str
    first_name: str
    birth_date: date
    board: str
    school: str
    group: str | None
    guardians: tuple[GuardianSummary, ...]


def list_students(database: Database, search: str | None = None) -> list[StudentSummary]:
    """Students (all, or those the search finds, by the GUI's own rule), sorted by name, with guardians."""
    index = load_student_index(database)
    positions = index.search(search or "").positions
    boards: dict[int, str] = {}
    guardians: dict[int, list[GuardianSummary]] = {}
    with database.engine.connect() as connection:
        if search:
            wanted = [index.rows[p][ID] for p in positions]
            for chunk in _chunks(wanted, 900):
                _read_boards_and_guardians(connection, Student.id.in_(chunk), boards, guardians)
        else:
            _read_boards_and_guardians(connection, true(), boards, guardians)
    result = []
    for position in positions:
        row = index.rows[position]
        result.append(StudentSummary(
            id=row[ID], fiche=row[FICHE], code_permanent=row[CODE_PERMANENT], last_name=row[LAST_NAME],
            first_name=row[FIRST_NAME], birth_date=as_date(row[BIRTH_DATE]), board=boards[row[ID]],
            school=index.school_code(row), group=index.group_code(row), guardians=tuple(guardians.get(row[ID], ()))))
    return result


def _read_boards_and_guardians(connection: Connection, student_filter: ColumnElement[bool],
                               boards: dict[int, str], guardians: dict[int, list[GuardianSummary]]) -> None:
    for student_id, board_code in connection.execute(
        select(Student.id, SchoolBoard.code).join(SchoolBoard, SchoolBoard.id == Student.board_id)
        .where(student_filter)
    ):
        boards[student_id] = board_code
    for student_id, guardian_id, first, last, email, rank in connection.execute(
        select(StudentGuardian.student_id, Guardian.id, Guardian.first_name, Guardian.last_name,
               Guardian.email, StudentGuardian.respondent_rank)
        .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
        .join(Student, Student.id == StudentGuardian.student_id)
        .where(student_filter)
        .order_by(StudentGuardian.student_id, func.coalesce(StudentGuardian.respondent_rank, 9), Guardian.id)
    ):
        guardians.setdefault(student_id, []).append(GuardianSummary(guardian_id, f"{first} {last}", email, rank))


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True)
class AssignmentSummary:
    course_group: str
    subject: str


@dataclass(frozen=True)
class StaffSummary:
    id: int
    name: str
    job_class: str
    school: str | None
    assignments: tuple[AssignmentSummary, ...]


def list_staff(database: Database, today: date | None = None) -> list[StaffSummary]:
    """Every staff member with their teaching assignments of the current school year, sorted by name.

    Past years' course-groups keep their assignments (history), but a secretary asking "who
    teaches what" means this year.
    """
    year = school_year_of(today or database.clock.today())
    with database.engine.connect() as connection:
        people = connection.execute(
            select(Staff.id, Staff.first_name, Staff.last_name, Staff.job_class, School.code)
            .outerjoin(School, School.id == Staff.school_id)
        ).all()
        assignments: dict[int, list[AssignmentSummary]] = {}
        for staff_id, group_code, subject_code in connection.execute(
            select(TeachingAssignment.staff_id, CourseGroup.code, Subject.code)
            .join(CourseGroup, CourseGroup.id == TeachingAssignment.course_group_id)
            .join(Subject, Subject.id == CourseGroup.subject_id)
            .join(HomeroomGroup, HomeroomGroup.id == CourseGroup.group_id)
            .where(HomeroomGroup.school_year == year)
            .order_by(CourseGroup.code)
        ):
            assignments.setdefault(staff_id, []).append(AssignmentSummary(group_code, subject_code))
    people = sorted(people, key=lambda p: (fold(p[2]), fold(p[1]), p[0]))
    return [StaffSummary(sid, f"{first} {last}", job_class, school, tuple(assignments.get(sid, ())))
            for sid, first, last, job_class, school in people]


def find_student_by_fiche(session: Session, fiche: str, board_code: str | None = None) -> Student:
    """The student with this fiche. A fiche is unique only within a board, so a number found in
    two boards is refused until the caller names the board (as the portal's form does)."""
    query = (select(Student, SchoolBoard.code).join(SchoolBoard, SchoolBoard.id == Student.board_id)
             .where(Student.fiche == fiche.strip()))
    if board_code:
        query = query.where(SchoolBoard.code == board_code)
    rows = session.execute(query).all()
    if not rows:
        where = f" au centre de services « {board_code} »" if board_code else ""
        raise NotFound(f"Aucun élève avec la fiche « {fiche} »{where}.")
    if len(rows) > 1:
        raise InvalidInput(f"La fiche « {fiche} » existe dans plusieurs centres de services "
                           f"({', '.join(row[1] for row in rows)}) : précisez --board.")
    student: Student = rows[0][0]
    return student
