"""Vitrail's core, as the window and the command line see it: one object per open database.

``Vitrail(database)`` groups the use cases by area (``students``, ``accounts``, ``visibility``,
``settings``, ``printing``, ``directory``, ``sync``, ``access``). Each public method is one unit of work: it opens and
closes its own session or transaction, so a caller never holds one open while a person looks at
the screen, and it returns frozen dataclasses, never live ORM objects. A write returns a
``Written`` result carrying ``Changes`` (which students, guardians, NIPs or settings it touched),
after Anki's ``OpChanges``: the window refreshes what that description names, nothing more.

This is the one place a use case is named, so it is where access rights are checked
(``access``, ``access.md``): each method asks the person's ``Person`` for its right in the school
of the student, guardian or setting concerned, and raises ``AccessDenied`` (a French sentence
naming the school and who grants the right); lists are filtered to the person's schools instead.
The façade's methods are safe to call from a worker thread: each opens its own session.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import SQLAlchemyError

from desktop.models import AuditAction, SchoolBoard, Student, Subject
from desktop.models.base import MAX_ID as MAX_ID  # the largest id a number typed on the command line may be
from desktop.services.access import Grant, Person, Right, Role, access_rules, require, require_for_guardian
from desktop.services.access import store as access_store
from desktop.services.audit import ChainReport, record_reads, verify_chain
from desktop.services.audit_log import (
    AuditFilter,
    AuditPage,
    read_entries,
    recorded_actions,
    recorded_people,
    write_entries_csv,
)
from desktop.services.bulk import without_cyclic_gc
from desktop.services.clock import Clock
from desktop.services.db_roles import RolesSetUp, init_roles
from desktop.services.errors import AccessDenied, DatabaseBusy, InvalidInput
from desktop.services.settings import PortalSettings
from desktop.services.storage import Database
from desktop.services.students import (
    CodePermanentUpdate,
    EmailEdit,
    IndexRow,
    SavedEmail,
    StaffSummary,
    StudentFile,
    StudentIndex,
    StudentSummary,
    find_student_by_fiche,
    list_staff,
    list_students,
    load_index_row,
    load_student_file,
    load_student_index,
    save_guardian_emails,
    update_code_permanent,
)
from desktop.services.students.first_page import load_first_students

if TYPE_CHECKING:
    # Imported where they are used, not here: printing (reportlab), the demo (faker), the SIS sync
    # (httpx, keyring) and NIPs (argon2) cost about a second of a launch that needs none of them;
    # the visibility engine (with email-validator and rapidfuzz) 60 to 90 ms of a launch that opens
    # on the student list, not on a preview.
    from desktop.services.accounts.diagnostic import AssociationAttempt, Diagnosis, StudentDirectory
    from desktop.services.accounts.findings import BoardFindings, Finding, FindingsUpdate
    from desktop.services.accounts.findings_snapshot import BoardStamp, StoredFindings
    from desktop.services.accounts.nips import IssuedNip, NipRequest, NipStatus, NipWarning
    from desktop.services.demo import DemoSummary
    from desktop.services.demo.generate import Progress as DemoProgress
    from desktop.services.reports.batch import (
        BatchProgress,
        BatchResult,
        BatchViewerChoice,
        GroupChoice,
        PreparedDossier,
        PrintedDossier,
        SchoolChoice,
        Selection,
        StudentRef,
    )
    from desktop.services.sync import ApplyProgress, Correction, ImportPlan, ImportResult, Problem, Resolution
    from desktop.services.sync.export import ExportSummary
    from desktop.services.sync.rest import RestSettings, Sleep
    from desktop.services.sync.roster import Roster
    from desktop.services.sync.runs import ImportRunSummary, RunChange
    from desktop.services.visibility.record import StudentRecord
    from desktop.services.visibility.view import DossierView
    from desktop.services.visibility.viewers import ViewerChoice, ViewerSpec

T = TypeVar("T")
log = logging.getLogger("vitrail")
PERSON_TTL_S = 60.0  # how long a person's grants are trusted before they are read again


def viewer_right(spec: ViewerSpec) -> Right:
    """Seeing a student as their family sees them is a secretariat duty; as staff, direction's."""
    from desktop.services.visibility.view import ViewerKind

    if spec.kind in (ViewerKind.GUARDIAN, ViewerKind.STUDENT):
        return Right.PREVIEW_FAMILY
    return Right.PREVIEW_ANY


@dataclass(frozen=True)
class Changes:
    """What a write touched, so each page refreshes only what it shows (after Anki's ``OpChanges``).

    ``nips`` holds the ids of students whose guardians' NIPs changed. ``board`` means everything
    may have changed (a demo board generated, an import): every page reloads.
    """

    students: frozenset[int] = frozenset()
    guardians: frozenset[int] = frozenset()
    nips: frozenset[int] = frozenset()
    settings: bool = False
    board: bool = False
    access: bool = False  # grants changed: pages re-read what the person may do

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.students | other.students, self.guardians | other.guardians,
                       self.nips | other.nips, self.settings or other.settings, self.board or other.board,
                       self.access or other.access)

    def __bool__(self) -> bool:
        return bool(self.students or self.guardians or self.nips or self.settings or self.board or self.access)


@dataclass(frozen=True)
class Written(Generic[T]):
    """The result of a write and what it changed."""

    value: T
    changes: Changes


@dataclass(frozen=True)
class BoardChoice:
    code: str
    name: str


@dataclass(frozen=True)
class ConnectionInfo:
    """Where the window works and as whom, for its status bar (the URL never shows a password).

    ``login`` is the identity every right is checked against and the audit log records (the
    server's login on PostgreSQL, the OS account on SQLite); ``os_user`` is the workstation's
    account, information only (``access.md`` §2).
    """

    display_name: str
    backend: str
    os_user: str
    workstation: str
    login: str


@dataclass(frozen=True)
class StudentPreview:
    """A student loaded for the Aperçu page: who they are and whom they can be seen by."""

    record: StudentRecord
    choices: tuple[ViewerChoice, ...]


class Directory:
    """Look-ups shared by every area: boards, schools, groups, staff, a student by fiche."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def boards(self) -> list[BoardChoice]:
        with self._database.sessions() as session:
            rows = session.execute(select(SchoolBoard.code, SchoolBoard.name).order_by(SchoolBoard.name))
            return [BoardChoice(code, name) for code, name in rows]

    def schools(self) -> list[SchoolChoice]:
        from desktop.services.reports import batch

        with self._database.sessions() as session:
            return batch.list_schools(session)

    def school_exists(self, code: str) -> bool:
        return any(school.code == code for school in self.schools())

    def subject_exists(self, code: str) -> bool:
        """True when a subject has this code (a specialist teacher's view needs one)."""
        with self._database.sessions() as session:
            return session.scalar(select(Subject.id).where(Subject.code == code).limit(1)) is not None

    def groups(self, school_code: str, on: date) -> list[GroupChoice]:
        from desktop.services.reports import batch

        with self._database.sessions() as session:
            return batch.list_groups(session, school_code, on)

    def staff(self, on: date | None = None) -> list[StaffSummary]:
        self._access.require(Right.FIND_STUDENTS)  # staff are personal data too: not for ``it``
        return list_staff(self._database, on)

    def student_by_fiche(self, fiche: str, board_code: str | None = None) -> StudentRef:
        """The student with this fiche (NotFound, or InvalidInput when several boards have it)."""
        from desktop.services.reports import batch

        with self._database.sessions() as session:
            ref = batch.find_student(session, fiche, board_code)
        self._access.require_student(Right.FIND_STUDENTS, ref.id)
        return ref

    def student(self, student_id: int) -> StudentRef:
        from desktop.services.reports import batch

        self._access.require_student(Right.FIND_STUDENTS, student_id)
        with self._database.sessions() as session:
            return batch.load_student_ref(session, student_id)

    def student_id_by_fiche(self, fiche: str, board_code: str | None = None) -> int:
        with self._database.sessions() as session:
            student_id = find_student_by_fiche(session, fiche, board_code).id
        self._access.require_student(Right.FIND_STUDENTS, student_id)
        return student_id


class Students:
    """The Élèves area: the board's index, a student's file, and the secretary's corrections."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def index(self) -> StudentIndex:
        """The students of the person's schools (every school for a board-wide role)."""
        return load_student_index(self._database, self._access.scope(Right.FIND_STUDENTS))

    def first_students(self) -> StudentIndex:
        """The first screen of the list in name order, shown while ``index`` is on its way."""
        return load_first_students(self._database, schools=self._access.scope(Right.FIND_STUDENTS))

    def count(self) -> int:
        """How many students the person may find, every board together."""
        schools = self._access.scope(Right.FIND_STUDENTS)
        query = select(func.count()).select_from(Student)
        if schools is not None:
            query = query.where(Student.school_id.in_(schools))
        with self._database.sessions() as session:
            return session.scalar(query) or 0

    def index_row(self, student_id: int) -> IndexRow | None:
        self._access.require_student(Right.FIND_STUDENTS, student_id)
        return load_index_row(self._database, student_id)

    def file(self, student_id: int) -> StudentFile:
        """The student's file; the right is checked on the loaded file's school before it is
        returned (one round trip: no statement of its own for the school)."""
        person = self._access.require(Right.FIND_STUDENTS)
        loaded = load_student_file(self._database, student_id)
        require(person, Right.FIND_STUDENTS, loaded.school_id)
        return loaded

    def listing(self, search: str | None = None) -> list[StudentSummary]:
        """Students with their guardians, for ``vitrail students``: an export of students, audited."""
        students = list_students(self._database, search, schools=self._access.scope(Right.FIND_STUDENTS))
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.EXPORTED, "student",
                         [(None, "listing", f"{len(students)} élève{'s' if len(students) > 1 else ''}"
                           + (f" « {search} »" if search else ""))])
        return students

    def save_emails(self, edits: Sequence[EmailEdit]) -> Written[list[SavedEmail]]:
        """Save guardians' emails (EditConflict if another workstation changed one meanwhile)."""
        person = self._access.require(Right.EDIT_GUARDIANS)
        saved = save_guardian_emails(self._database, edits,
                                     check=lambda schools: require_for_guardian(person, Right.EDIT_GUARDIANS, schools))
        return Written(saved, Changes(guardians=frozenset(s.guardian_id for s in saved)))

    def correct_code_permanent(self, student_id: int, loaded_version: int,
                               raw: str | None) -> Written[CodePermanentUpdate]:
        self._access.require_student(Right.EDIT_GUARDIANS, student_id)
        update = update_code_permanent(self._database, student_id, loaded_version, raw)
        return Written(update, Changes(students=frozenset({student_id})))


class Accounts:
    """The parent-accounts area: findings, NIPs and the association diagnostic."""

    def __init__(self, database: Database, portal_url: str | None = None) -> None:
        """``portal_url``: the configured ``server_url``, printed on NIP letters (None: not configured)."""
        self._database = database
        self._access = Access(database)
        self._portal_url = portal_url
        self._directory: StudentDirectory | None = None
        self._directory_lock = threading.Lock()
        # The board's findings held for re-checks after a fix, and the board stamp read as they were
        # loaded (``keep_findings`` compares the stamp now with it). Loaded by a computation, or by
        # the first fix when the page opened on a current kept list.
        self._board_findings: BoardFindings | None = None
        self._loaded_stamp: BoardStamp | None = None
        # The last audit entry the held board has taken in (``_caught_up``); None: not known.
        self._audit_mark: int | None = None
        self._findings_lock = threading.Lock()

    def findings(self, school_code: str | None = None, *, keep: bool = True) -> list[Finding]:
        """The findings of the person's schools (of ``school_code`` only, when given), as they are now:
        the held board brought up to date when only fixes were made since (here or on another
        workstation: milliseconds), else computed whole for the board (after an import, a name
        changed, or in a process that holds no board yet: a second or more on a large board); held
        for ``recheck_findings`` and kept as this person's list (``stored_findings``).

        ``keep=False``: not kept here; the caller keeps them with ``keep_findings`` once it has shown
        them (the Constats page, in the background: packing and writing the list took 0.3 to 0.4 s
        that the person waited for before seeing it)."""
        schools = self._access.scope(Right.FINDINGS)
        with self._findings_lock:
            board = self._caught_up() or self._load_board()
        found = self._in_scope(board.findings(), schools)
        if keep:
            self.keep_findings()
        return found if school_code is None else [f for f in found if f.school_code == school_code]

    def stored_findings(self) -> StoredFindings | None:
        """The findings as this person last kept them (None: never), limited to the schools they may
        see now, and whether they are current (the board's stamp is the one kept with them): the
        Constats page lists them at once and computes again only when they are not."""
        from desktop.services.accounts.findings_snapshot import StoredFindings, board_stamp, read_snapshot

        schools = self._access.scope(Right.FINDINGS)
        with self._database.read_session() as session:
            stored = read_snapshot(session, self._database.login, board_stamp(session.connection()))
        if stored is None:
            return None
        return StoredFindings(stored.computed_at, self._in_scope(stored.findings, schools), stored.current)

    def prepare_rechecks(self) -> None:
        """Load the board's findings if they are not held yet (a finding opened for a fix, on a page
        that opened on a current kept list): the fix's re-check then takes milliseconds."""
        with self._findings_lock:
            if self._board_findings is None:
                self._load_board()

    def recheck_findings(self, guardian_ids: Iterable[int] = (), student_ids: Iterable[int] = ()) -> FindingsUpdate:
        """After a fix (guardians' emails saved, students' codes permanents corrected): the findings of
        everything it may have changed, re-checked against the held board (loaded first if it is not),
        limited to the person's schools like ``findings``."""
        from desktop.services.accounts.findings import FindingsUpdate

        schools = self._access.scope(Right.FINDINGS)
        with self._findings_lock:
            board = self._board_findings or self._load_board()
            with self._database.engine.connect() as connection:
                guardians = board.recheck(connection, guardian_ids)
                students = board.recheck_students(connection, student_ids)
        return FindingsUpdate(guardians.guardians, self._in_scope(guardians.findings + students.findings, schools),
                              students.students)

    def keep_findings(self) -> None:
        """Keep the held findings as this person's list (after a re-check, in the background: the fix's
        update is shown first). They are kept as current for the board's stamp when it is the loaded
        one moved by exactly the versions the re-checks read (nobody else wrote since): the next
        opening then computes nothing; else as not known, and the next opening computes again."""
        from desktop.services.accounts.findings_snapshot import keep_snapshot

        schools = self._access.scope(Right.FINDINGS)
        with self._findings_lock:
            board = self._board_findings
            if board is None:
                return
            with self._database.read_session() as session:
                stamp = self._vouched_stamp(session.connection(), board)
            found = board.findings()
        keep_snapshot(self._database.sessions, self._database.login, self._database.clock.now(),
                      self._in_scope(found, schools), stamp)

    def _vouched_stamp(self, connection: Connection, board: BoardFindings) -> BoardStamp | None:
        """The board's stamp now when it vouches for the held board — the loaded one moved by exactly
        the versions the board re-read since (nobody else wrote) —, else None. Called with the lock held."""
        from desktop.services.accounts.findings_snapshot import board_stamp, expected_stamp

        now = board_stamp(connection)
        loaded = self._loaded_stamp
        return now if loaded is not None and now == expected_stamp(loaded, board.versions_moved) else None

    def _load_board(self) -> BoardFindings:
        """Compute the whole board's findings and hold them; the audit mark and the stamp are read
        first (a write landing during the load is then re-read by the next catch-up, or makes the
        next comparison fail, never pass). Called with the lock held."""
        from desktop.services.accounts.findings import BoardFindings
        from desktop.services.accounts.findings_snapshot import board_stamp

        began = time.perf_counter()
        mark = self._read_audit_mark()
        with self._database.engine.connect() as connection:
            stamp = board_stamp(connection)
            board = BoardFindings.load(connection)
        self._board_findings, self._loaded_stamp, self._audit_mark = board, stamp, mark
        log.info("Constats calculés pour tout le conseil en %.2f s", time.perf_counter() - began)
        return board

    def _read_audit_mark(self) -> int | None:
        """The audit log's last entry, on a connection of its own: a login that may not read the log
        (none of Vitrail's roles, but a database set up by hand) only loses the catch-up."""
        from desktop.services.accounts.findings_snapshot import audit_mark

        try:
            with self._database.engine.connect() as connection:
                return audit_mark(connection)
        except (SQLAlchemyError, DatabaseBusy) as error:
            log.warning("Journal d'audit illisible : les constats seront recalculés en entier (%s)", error)
            return None

    def _caught_up(self) -> BoardFindings | None:
        """The held board with the fixes audited since it was read re-checked (``fixes_since``), when
        the board's stamp then vouches that nothing else changed; else None (nothing held, an import,
        a name changed, a change the log does not show), and the board is computed whole. A fix
        landing during the catch-up is taken in by a second pass. Called with the lock held."""
        from desktop.services.accounts.findings_snapshot import fixes_since

        board, mark = self._board_findings, self._audit_mark
        if board is None or mark is None:
            return None
        began = time.perf_counter()
        guardians: set[int] = set()
        students: set[int] = set()
        try:  # statements on their own (no BEGIN, no ROLLBACK): the stamp read last vouches for them all
            with self._database.read_session() as session:
                connection = session.connection()
                for _attempt in range(2):
                    fixes = fixes_since(connection, mark)
                    if fixes is None:
                        return None
                    board.recheck(connection, fixes.guardians)
                    board.recheck_students(connection, fixes.students)
                    mark = self._audit_mark = fixes.mark
                    guardians |= fixes.guardians
                    students |= fixes.students
                    if self._vouched_stamp(connection, board) is not None:
                        log.info("Constats rattrapés en %.0f ms : %d répondant(s) et %d élève(s) modifiés depuis",
                                 (time.perf_counter() - began) * 1000, len(guardians), len(students))
                        return board
        except (SQLAlchemyError, DatabaseBusy) as error:
            log.warning("Constats non rattrapés, recalculés en entier : %s", error)
        return None

    def _in_scope(self, findings: list[Finding], schools: frozenset[int] | None) -> list[Finding]:
        if schools is None:
            return findings
        codes = self._access.school_codes(schools)
        return [finding for finding in findings if finding.school_code in codes]

    def export_findings(self, findings: Iterable[Finding], out: TextIO) -> int:
        """Write the findings as CSV; the export is audited (a sensitive read: guardians' emails)."""
        from desktop.services.accounts.findings import write_findings_csv

        self._access.require(Right.FINDINGS)
        written = write_findings_csv(findings, out)
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.EXPORTED, "finding", [(None, "csv", f"{written} lignes")])
        return written

    def nip_status(self, student_id: int, guardian_id: int) -> NipStatus | None:
        from desktop.services.accounts.nips import nip_status

        self._access.require_student(Right.FIND_STUDENTS, student_id)
        with self._database.read_session() as session:
            return nip_status(session, student_id, guardian_id)

    def nip_warnings(self, requests: Iterable[NipRequest]) -> list[NipWarning]:
        """Before issuing: guardians who cannot use a NIP yet (no email, or one with a finding)."""
        from desktop.services.accounts.nips import nip_warnings

        requests = list(requests)
        for request in requests:
            self._access.require_student(Right.MANAGE_NIPS, request.student_id)
        with self._database.sessions() as session:
            return nip_warnings(session, requests)

    def issue_nips(self, requests: Iterable[NipRequest], *, validity_days: int | None = None,
                   letter: Path | None = None, overwrite_letter: bool = True) -> Written[list[IssuedNip]]:
        """Issue NIPs (and their letter, with them or not at all); validity from today's real date.

        Each ``IssuedNip`` carries its guardian's ``warnings``; the letter gives the portal's address.
        """
        from desktop.services.accounts.nips import DEFAULT_VALIDITY_DAYS, issue_nips

        person = self._access.require(Right.MANAGE_NIPS)
        if validity_days is None:
            validity_days = DEFAULT_VALIDITY_DAYS
        issued = issue_nips(self._database, requests, validity_days=validity_days, letter=letter,
                            portal_url=self._portal_url, overwrite_letter=overwrite_letter,
                            check=lambda school_id: require(person, Right.MANAGE_NIPS, school_id))
        return Written(issued, Changes(nips=frozenset(nip.student_id for nip in issued)))

    def revoke_nip(self, student_id: int, guardian_id: int) -> Written[int]:
        from desktop.services.accounts.nips import revoke_nip

        self._access.require_student(Right.MANAGE_NIPS, student_id)
        revoked = revoke_nip(self._database, student_id, guardian_id)
        return Written(revoked, Changes(nips=frozenset({student_id})))

    def diagnose(self, attempt: AssociationAttempt, on: date | None = None) -> Diagnosis:
        """What the portal decides for this association attempt (the student directory is loaded once).

        The diagnosis of a student of another school is refused, naming that school.
        """
        from desktop.services.accounts.diagnostic import StudentDirectory, diagnose

        self._access.require(Right.DIAGNOSE)
        with self._directory_lock:
            if self._directory is None:
                with self._database.engine.connect() as connection:
                    self._directory = StudentDirectory.load(connection)
            directory = self._directory
        # A read session (over a board's network, no BEGIN … COMMIT): each read is one statement that
        # needs no other to agree with it, and the audit of a NIP check (or of its refusal) is one
        # INSERT, atomic on its own.
        with self._database.read_session() as session:
            diagnosis = diagnose(directory, session, attempt, on or self._database.clock.today())
            session.commit()
        if diagnosis.school_id is not None:  # a student was found: their school, read with the diagnosis
            self._access.require(Right.DIAGNOSE, diagnosis.school_id)
        return diagnosis

    def forget_directory(self) -> None:
        """Drop the cached student directory (after students changed)."""
        with self._directory_lock:
            self._directory = None


class Visibility:
    """What a viewer sees of a student, and why."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def student(self, student_id: int, on: date) -> StudentPreview:
        """The student and the viewers offered; the right is checked on the school of the loaded
        record (one statement fewer than asking for the school first), before anything is returned."""
        from desktop.services.visibility.engine import PreviewSession
        from desktop.services.visibility.viewers import viewer_choices

        person = self._access.require(Right.PREVIEW_FAMILY)
        with self._database.read_session() as session:
            loaded = PreviewSession(session, student_id, on)
            require(person, Right.PREVIEW_FAMILY, loaded.record.school_id)
            choices = viewer_choices(session, loaded.record, loaded.policy.document)
            return StudentPreview(loaded.record, tuple(choices))

    def views(self, student_id: int, specs: Sequence[ViewerSpec], on: date) -> list[DossierView]:
        """Several viewers of one student, side by side: the student is loaded once.

        The right is checked on the loaded record's school before any view is computed; each view
        is audited (``previewed``, a sensitive read), in one INSERT with the others.
        """
        from desktop.services.visibility.engine import PreviewSession

        person = self._access.me()
        # A read session: the record is one statement; the audit INSERT, after the views were
        # computed and before they are returned, is atomic on its own (no view unaudited).
        with self._database.read_session() as session:
            loaded = PreviewSession(session, student_id, on)
            for spec in specs:
                require(person, viewer_right(spec), loaded.record.school_id)
            views = loaded.views(specs)
            record_reads(session, AuditAction.PREVIEWED, "student",
                         [(student_id, "viewer", view.viewer.label) for view in views])
            session.commit()
        return views

    def view(self, student_id: int, spec: ViewerSpec, on: date) -> DossierView:
        return self.views(student_id, [spec], on)[0]


class Printing:
    """Dossiers as one viewer sees them, the school's visibility document, printed or saved."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def viewer_choices(self, school_code: str | None) -> list[BatchViewerChoice]:
        from desktop.services.reports import batch

        with self._database.sessions() as session:
            return batch.batch_viewer_choices(session, school_code)

    def prepare(self, student_id: int, viewer: ViewerSpec, on: date, *,
                withheld_page: bool = False) -> PreparedDossier:
        """A dossier laid out for the screen before printing: a preview as that viewer, audited."""
        from desktop.services.reports import batch

        self._access.require_student(viewer_right(viewer), student_id)
        prepared = batch.prepare_dossier(self._database, student_id, viewer, on, withheld_page=withheld_page)
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.PREVIEWED, "student",
                         [(student_id, "viewer", prepared.view.viewer.label)])
        return prepared

    def record_printed(self, prepared: PreparedDossier, output: str) -> None:
        """Audit a dossier sent to a printer: ``output`` names the printer."""
        from desktop.services.reports import batch

        batch.record_printed(self._database, prepared.view, output)

    def save(self, prepared: PreparedDossier, target: Path) -> Path:
        from desktop.services.reports import batch

        return batch.save_dossier(self._database, prepared, target)

    def dossier(self, student_id: int, viewer: ViewerSpec, on: date, target: Path, *,
                withheld_page: bool = False, overwrite: bool = True) -> PrintedDossier:
        """Print one dossier to ``target``; an existing file is replaced only with ``overwrite``."""
        from desktop.services.reports import batch

        self._access.require_student(viewer_right(viewer), student_id)
        return batch.print_dossier(self._database, student_id, viewer, on, target, withheld_page=withheld_page,
                                   overwrite=overwrite)

    def batch(self, selection: Selection, viewer: ViewerSpec, on: date, *, pdf: Path | None = None,
              directory: Path | None = None, withheld_page: bool = False,
              progress: Callable[[BatchProgress], None] | None = None,
              should_stop: Callable[[], bool] | None = None, overwrite: bool = True) -> BatchResult:
        """Print a group, a school or a selection; only the students of the person's schools are printed."""
        from desktop.services.reports import batch

        selection = self._within_scope(selection, viewer_right(viewer), on)
        return batch.print_batch(self._database, selection, viewer, on, pdf=pdf, directory=directory,
                                 withheld_page=withheld_page, progress=progress, should_stop=should_stop,
                                 overwrite=overwrite)

    def _within_scope(self, selection: Selection, right: Right, on: date) -> Selection:
        """``selection`` limited to the schools where the person holds ``right`` (refused when none is left)."""
        from desktop.services.reports import batch

        schools = self._access.scope(right)
        if schools is None:
            return selection
        with self._database.sessions() as session:
            students = batch.select_students(session, selection, on)
            located = {ref.id: access_store.student_school(session, ref.id) for ref in students}
        kept = tuple(ref.id for ref in students if located[ref.id] in schools)
        if len(kept) == len(students):
            return selection
        if not kept:
            self._access.require(right, next(iter(located.values())))
        return batch.Selection(student_ids=kept)

    def visibility_document(self, school_id: int, target: Path, on: date | None = None, *,
                            overwrite: bool = True) -> Path:
        self._access.require(Right.VISIBILITY_DOCUMENT, school_id)
        from desktop.services.reports.visibility_document import write_visibility_document

        return write_visibility_document(self._database, school_id, target, on=on or self._database.clock.today(),
                                         overwrite=overwrite)


class Sync:
    """The Importation area: the board's data in from its SIS (OneRoster), the corrections back out.

    Reading and planning write nothing and may take seconds on a large board: call them from a
    worker. ``apply`` is one transaction with ``progress`` and ``should_stop`` (cancel rolls back).
    ``plan_oneroster_rest`` reads the board's OneRoster REST server into the same ``Roster`` and
    plans it with ``plan_roster``: the plan, its apply, the audit and the history are the same as
    for a CSV export.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def plan_oneroster_csv(self, path: Path) -> ImportPlan:
        """Read and check a OneRoster CSV export (zip or folder) and plan its import (InvalidInput if unreadable).

        The export last applied, onto a database unchanged since, is known by its fingerprint and
        not read again (``plan_unchanged``).
        """
        from desktop.services.sync import plan_roster
        from desktop.services.sync.apply import plan_unchanged
        from desktop.services.sync.csvread import fingerprint_oneroster_csv, read_oneroster_csv

        self._access.require(Right.IMPORT_SYNC)
        unchanged = plan_unchanged(self._database, fingerprint_oneroster_csv(path), str(path), "oneroster-csv")
        if unchanged is not None:
            return unchanged
        with without_cyclic_gc():
            roster, problems = read_oneroster_csv(path)
            return plan_roster(self._database, roster, problems, source_kind="oneroster-csv")

    def plan_oneroster_rest(self, settings: RestSettings, *, delta: bool | None = None,
                            progress: Callable[[ApplyProgress], None] | None = None,
                            should_stop: Callable[[], bool] | None = None,
                            sleep: Sleep = time.sleep) -> ImportPlan:
        """Read the board's OneRoster REST server and plan its import, as ``plan_oneroster_csv`` does.

        ``delta``: True reads only what changed since the last sync applied from this server
        (InvalidInput if there was none), False reads everything, None chooses delta when there is a
        last sync. ``progress`` is called after each page, ``should_stop`` before each request
        (``SyncCancelled`` then). ``OneRosterUnavailable`` when the server cannot be read: nothing
        is planned. Build ``settings`` with ``oneroster_settings(config)``.
        """
        from desktop.services.sync import plan_roster
        from desktop.services.sync.apply import plan_unchanged
        from desktop.services.sync.rest import SOURCE_KIND, read_oneroster_rest, source_of

        since = self.last_rest_sync(settings.base_url)
        if delta and since is None:
            raise InvalidInput("Aucune synchronisation depuis ce serveur OneRoster n'a encore été appliquée : "
                               "lancez d'abord une synchronisation complète (--full). Rien n'a été lu.")
        if delta is False:
            since = None
        now = self._database.clock.now().astimezone()
        with without_cyclic_gc():
            read = read_oneroster_rest(settings, since=since, now=now, progress=progress, should_stop=should_stop,
                                       sleep=sleep)
            source = source_of(settings.base_url, read.started)
            read.roster.source = source
            plan = (plan_unchanged(self._database, read.roster.fingerprint, source, SOURCE_KIND, "1.2")
                    or plan_roster(self._database, read.roster, read.problems, source_kind=SOURCE_KIND))
        if since is not None:
            plan.notes = (f"Synchronisation partielle : seuls les enregistrements modifiés depuis le "
                          f"{since.astimezone():%Y-%m-%d à %H:%M} (moins 5 minutes) ont été lus ; rien n'est "
                          "désactivé pour avoir été absent.", *plan.notes)
        return plan

    def last_rest_sync(self, base_url: str) -> datetime | None:
        """When the reading of the last sync applied from ``base_url`` started (where a delta run begins)."""
        from desktop.services.sync.rest import SOURCE_KIND, WATERMARK_MARK, watermark_of
        from desktop.services.sync.runs import last_source

        source = last_source(self._database, SOURCE_KIND, base_url + WATERMARK_MARK)
        return watermark_of(source, base_url) if source else None

    def plan_roster(self, roster: Roster, problems: Sequence[Problem], *, source_kind: str) -> ImportPlan:
        from desktop.services.sync import plan_roster

        self._access.require(Right.IMPORT_SYNC)
        return plan_roster(self._database, roster, problems, source_kind=source_kind)

    def apply(self, plan: ImportPlan, *, resolutions: Mapping[str, Resolution] | None = None,
              default: Resolution | None = None, progress: Callable[[ApplyProgress], None] | None = None,
              should_stop: Callable[[], bool] | None = None) -> Written[ImportResult]:
        """Apply ``plan`` (InvalidInput if it has errors, unresolved conflicts, or the database changed since)."""
        from desktop.services.sync import apply_plan

        self._access.require(Right.IMPORT_SYNC)
        result = apply_plan(self._database, plan, resolutions=resolutions, default=default, progress=progress,
                            should_stop=should_stop)
        if result.rows_written > 0:
            with self._database.sessions.begin() as session:
                access_store.mark_board(session)
        return Written(result, Changes(students=result.students, guardians=result.guardians,
                                       board=result.rows_written > 0))

    def corrections(self) -> list[Correction]:
        """Values corrected in Vitrail that the SIS still holds in their old form ("à reporter dans le SIS")."""
        from desktop.services.sync.corrections import pending_corrections

        self._access.require(Right.IMPORT_SYNC)
        return pending_corrections(self._database)

    def export_corrections(self, out: TextIO) -> int:
        from desktop.services.sync.corrections import write_corrections_csv

        written = write_corrections_csv(self.corrections(), out)
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.EXPORTED, "correction", [(None, "csv", f"{written} lignes")])
        return written

    def export_oneroster(self, target: Path, *, board_code: str | None = None) -> ExportSummary:
        """The board(s) as OneRoster 1.2 CSV in a folder, or a .zip when ``target`` ends with .zip (audited)."""
        from desktop.services.sync.export import export_oneroster

        self._access.require(Right.IMPORT_SYNC)
        summary = export_oneroster(self._database, target, board_code=board_code)
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.EXPORTED, "school_board", [(None, "oneroster", target.name)])
        return summary

    def runs(self, limit: int = 50) -> list[ImportRunSummary]:
        from desktop.services.sync.runs import list_runs

        self._access.require(Right.IMPORT_SYNC)
        return list_runs(self._database, limit)

    def run_changes(self, run_id: int, *, limit: int = 1000, offset: int = 0) -> tuple[int, list[RunChange]]:
        from desktop.services.sync.runs import run_changes

        self._access.require(Right.IMPORT_SYNC)
        return run_changes(self._database, run_id, limit=limit, offset=offset)


class Access:
    """Who may do what (``access.md``): the person using Vitrail, and the roles ``board_admin`` hands on.

    ``me()`` is read afresh on each call: a role granted or withdrawn on another workstation
    counts from the next use case on, not from the next restart.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def me(self) -> Person:
        """The person, their grants read at most every ``PERSON_TTL_S`` seconds (three statements
        each time: over a board's network they would double the cost of every click). A grant
        changed on this workstation counts at once; one changed elsewhere within that time — and
        on PostgreSQL the server's own rules apply at once whatever this cache holds."""
        cached = self._database.memo.get("person")
        now = time.monotonic()
        if isinstance(cached, tuple) and now - cached[1] < PERSON_TTL_S:
            person: Person = cached[0]
            return person
        with self._database.read_session() as session:
            person = access_store.load_person(session, self._database.login)
        self._database.memo["person"] = (person, now)
        return person

    def forget_me(self) -> None:
        """Read the person's grants again at the next check (after a grant or a revocation here)."""
        self._database.memo.pop("person", None)

    def require(self, right: Right, school_id: int | None = None) -> Person:
        """The person, after checking ``right`` (in ``school_id``); AccessDenied with the French sentence."""
        person = self.me()
        require(person, right, school_id)
        return person

    def require_student(self, right: Right, student_id: int) -> Person:
        """Check ``right`` in the school of ``student_id`` (a refusal names that school)."""
        with self._database.read_session() as session:
            school_id = access_store.student_school(session, student_id)
        return self.require(right, school_id)

    def require_guardian(self, right: Right, guardian_id: int) -> Person:
        """Check ``right`` in one of the schools of the guardian's students."""
        person = self.me()
        with self._database.read_session() as session:
            schools = access_store.guardian_schools(session, guardian_id)
        require_for_guardian(person, right, schools)
        return person

    def scope(self, right: Right) -> frozenset[int] | None:
        """The schools whose students a list may show for ``right`` (None: all). Lists are filtered,
        not refused — unless the person holds the right nowhere (``it`` listing students)."""
        person = self.require(right)
        return person.schools_for(right)

    def school_codes(self, schools: frozenset[int]) -> frozenset[str]:
        """The codes of ``schools``: one statement, without BEGIN/ROLLBACK (a school-scoped person's
        Constats page asks at each opening; over a board's network three round trips were 15 ms)."""
        with self._database.read_session() as session:
            codes = access_store.school_codes(session)
        return frozenset(codes[school_id] for school_id in schools if school_id in codes)

    def grants(self) -> list[Grant]:
        """Every grant of the database (needs the right to manage access: it names who may see what)."""
        self.require(Right.MANAGE_ACCESS)
        with self._database.sessions() as session:
            return access_store.list_grants(session)

    def grant(self, login: str, role: Role | str, school_codes: Sequence[str] = ()) -> Written[list[Grant]]:
        """Give ``login`` the ``role`` in each school (board-wide when none); audited. Returns what was added."""
        return self._change(login, role, school_codes, adding=True)

    def revoke(self, login: str, role: Role | str, school_codes: Sequence[str] = ()) -> Written[list[Grant]]:
        """Withdraw ``role`` from ``login`` in each school (board-wide when none); audited.

        Refuses to remove the last board-wide board_admin. Returns what was removed.
        """
        return self._change(login, role, school_codes, adding=False)

    def _change(self, login: str, role: Role | str, school_codes: Sequence[str], *,
                adding: bool) -> Written[list[Grant]]:
        self.require(Right.MANAGE_ACCESS)
        login = login.strip()
        if not login or len(login) > 100:
            raise InvalidInput("Indiquez le compte (login) de la personne, en 100 caractères au plus.")
        chosen = _role(role)
        access_store.check_scope(chosen, school_codes)
        changed: list[Grant] = []
        with self._database.sessions.begin() as session:
            schools: list[tuple[int, str, str] | None] = list(access_store.resolve_schools(session, school_codes))
            for school in schools or [None]:
                if adding:
                    done = access_store.add_grant(session, login, chosen, school, by=self._database.login)
                else:
                    done = access_store.remove_grant(session, login, chosen, school)
                if done is not None:
                    changed.append(done)
        self.forget_me()
        return Written(changed, Changes(access=bool(changed)))


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        names = ", ".join(f"{r.value} ({rule.name})" for r, rule in access_rules().roles.items())
        raise InvalidInput(f"Rôle inconnu : « {role} ». Rôles : {names}.") from None


class AuditLog:
    """The audit log as people read it: the Journal page, a student's Historique, ``vitrail audit``.

    ``direction`` reads the entries of their schools, ``board_admin`` the whole log
    (``access.md`` §4): ``schools()`` gives the schools the person may read (None: all), and the
    filter by school is part of the query so counts and pages are right.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._access = Access(database)

    def schools(self) -> frozenset[int] | None:
        """The schools whose entries the person may read (None: the whole log); AccessDenied if none."""
        person = self._access.me()
        if person.may(Right.AUDIT_ALL):
            return None
        require(person, Right.AUDIT_SCHOOL)
        return person.schools_for(Right.AUDIT_SCHOOL)

    def _checked_schools(self, wanted: AuditFilter) -> frozenset[int] | None:
        """``schools()``, after refusing, with the school named, the history of a student or guardian
        outside them (rather than showing the few entries a shared guardian brings in)."""
        schools = self.schools()
        if schools is not None and wanted.student_id is not None:
            self._access.require_student(Right.AUDIT_SCHOOL, wanted.student_id)
        if schools is not None and wanted.guardian_id is not None:
            self._access.require_guardian(Right.AUDIT_SCHOOL, wanted.guardian_id)
        return schools

    def entries(self, wanted: AuditFilter, limit: int = 200, offset: int = 0) -> AuditPage:
        """A page of entries, newest first, with the total the filter matches."""
        return read_entries(self._database, wanted, limit=limit, offset=offset, schools=self._checked_schools(wanted))

    def export_csv(self, wanted: AuditFilter, out: TextIO) -> int:
        """Every entry the filter matches as CSV (BOM, semicolons); returns how many. The export is
        itself audited: the log names people and what they looked at (a sensitive read)."""
        written = write_entries_csv(self._database, wanted, out, schools=self._checked_schools(wanted))
        with self._database.sessions.begin() as session:
            record_reads(session, AuditAction.EXPORTED, "audit_entry", [(None, "csv", f"{written} lignes")])
        return written

    def actions(self) -> list[tuple[str, str]]:
        """(code, French label) of the actions one may filter on."""
        self.schools()
        return recorded_actions(self._database)

    def people(self) -> list[str]:
        """The logins (or OS users) the log names."""
        self.schools()
        return recorded_people(self._database)


@dataclass
class Vitrail:
    """The use cases of Vitrail over one open database, for the GUI, the CLI and scripts alike."""

    database: Database
    portal_url: str | None = None  # the configuration's server_url: where parents find the portal
    directory: Directory = field(init=False)
    students: Students = field(init=False)
    accounts: Accounts = field(init=False)
    visibility: Visibility = field(init=False)
    printing: Printing = field(init=False)
    settings: PortalSettings = field(init=False)
    sync: Sync = field(init=False)
    access: Access = field(init=False)
    audit: AuditLog = field(init=False)

    def __post_init__(self) -> None:
        self.access = Access(self.database)
        self.directory = Directory(self.database)
        self.students = Students(self.database)
        self.accounts = Accounts(self.database, self.portal_url)
        self.visibility = Visibility(self.database)
        self.printing = Printing(self.database)
        self.settings = PortalSettings(self.database)
        self.sync = Sync(self.database)
        self.audit = AuditLog(self.database)

    @property
    def clock(self) -> Clock:
        return self.database.clock

    def today(self) -> date:
        return self.database.clock.today()

    def now(self) -> datetime:
        return self.database.clock.now()

    def generate_demo(self, *, students: int, seed: int, replace: bool = False,
                      progress: DemoProgress | None = None) -> Written[DemoSummary]:
        """Fill the database with the demo board (DatabaseNotEmpty unless empty, or a demo one and ``replace``).

        Needs the board_admin role; a database holding a real board is refused whoever asks.
        """
        from desktop.services.demo import generate_demo

        self.access.require(Right.DEMO)
        summary = generate_demo(self.database, students=students, seed=seed, replace=replace, progress=progress)
        return Written(summary, Changes(board=True))

    def warm_up(self, student_id: int) -> None:
        """Open one student's file and preview once and drop them: run in the background after launch.

        SQLAlchemy compiles each statement's shape once per process, and a new server connection
        reads the catalogue of each table at its first use: the person's first file and first
        preview of the day cost 30 and 90 ms more than every later one (130 ms at 5 ms round trip),
        on a click. Nothing is shown, kept or audited (nobody saw anything); what the person may not
        open is skipped. One email is checked too: the first check (the guardians of the first file
        shown, the first save) imports email-validator and rapidfuzz and compiles their patterns,
        50 ms on the window's thread.
        """
        from desktop.services.emails import check_email

        for open_once in (lambda: self.students.file(student_id),
                          lambda: self.visibility.student(student_id, self.today())):
            try:
                open_once()
            except AccessDenied:  # not this person's to open: nothing to warm
                continue
        check_email("prenom.nom@gmial.com")  # a near-miss domain: the typo check's path too

    def connection_info(self) -> ConnectionInfo:
        database = self.database
        return ConnectionInfo(database.display_name(), database.backend, database.actor.os_user,
                              database.actor.workstation, database.login)

    def close(self) -> None:
        self.database.close()

    # -- the database itself (IT) and the audit chain -----------------------------------------------
    def verify_audit_chain(self) -> ChainReport:
        """Recompute the audit log's hash chain; the report names the first entry that does not fit."""
        with self.database.engine.connect() as connection:
            return verify_chain(connection)

    def init_database_roles(self) -> RolesSetUp:
        """PostgreSQL: owner, group roles, privileges, row security, append-only log (``db_roles``)."""
        with self.database.engine.begin() as connection:
            return init_roles(connection, self.database.clock.now())

    def schema_revision(self) -> str | None:
        """The schema revision the open database records (it was brought up to date on opening)."""
        from desktop.services.storage import inspect_schema

        return inspect_schema(self.database.url).revision
