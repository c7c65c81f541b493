"""Vitrail's core, as the window and the command line see it: one object per open database.

``Vitrail(database)`` groups the use cases by area (``students``, ``accounts``, ``visibility``,
``settings``, ``printing``, ``directory``, ``sync``). Each public method is one unit of work: it opens and
closes its own session or transaction, so a caller never holds one open while a person looks at
the screen, and it returns frozen dataclasses, never live ORM objects. A write returns a
``Written`` result carrying ``Changes`` (which students, guardians, NIPs or settings it touched),
after Anki's ``OpChanges``: the window refreshes what that description names, nothing more.

This is the one place a use case is named, so it is where access rights will be checked.
The façade's methods are safe to call from a worker thread: each opens its own session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Generic, TextIO, TypeVar

from sqlalchemy import func, select

from desktop.models import SchoolBoard, Student, Subject
from desktop.models.base import MAX_ID as MAX_ID  # the largest id a number typed on the command line may be
from desktop.services.accounts.diagnostic import AssociationAttempt, Diagnosis, StudentDirectory, diagnose
from desktop.services.accounts.findings import Finding, compute_findings, write_findings_csv
from desktop.services.accounts.nips import (
    DEFAULT_VALIDITY_DAYS,
    IssuedNip,
    NipRequest,
    NipStatus,
    NipWarning,
    issue_nips,
    nip_status,
    nip_warnings,
    revoke_nip,
)
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
from desktop.services.demo import DemoSummary, generate_demo
from desktop.services.demo.generate import Progress as DemoProgress
from desktop.services.reports import batch
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
from desktop.services.sync import (
    ApplyProgress,
    Correction,
    ImportPlan,
    ImportResult,
    Problem,
    Resolution,
    apply_plan,
    plan_roster,
)
from desktop.services.sync.apply import plan_unchanged
from desktop.services.sync.corrections import pending_corrections, write_corrections_csv
from desktop.services.sync.csvread import fingerprint_oneroster_csv, read_oneroster_csv
from desktop.services.sync.export import ExportSummary, export_oneroster
from desktop.services.sync.roster import Roster
from desktop.services.sync.runs import ImportRunSummary, RunChange, list_runs, run_changes
from desktop.services.visibility.engine import PreviewSession
from desktop.services.visibility.record import StudentRecord
from desktop.services.visibility.view import DossierView
from desktop.services.visibility.viewers import ViewerChoice, ViewerSpec, viewer_choices

T = TypeVar("T")


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

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.students | other.students, self.guardians | other.guardians,
                       self.nips | other.nips, self.settings or other.settings, self.board or other.board)

    def __bool__(self) -> bool:
        return bool(self.students or self.guardians or self.nips or self.settings or self.board)


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
    """Where the window works and as whom, for its status bar (the URL never shows a password)."""

    display_name: str
    backend: str
    os_user: str
    workstation: str


@dataclass(frozen=True)
class StudentPreview:
    """A student loaded for the Aperçu page: who they are and whom they can be seen by."""

    record: StudentRecord
    choices: tuple[ViewerChoice, ...]


class Directory:
    """Look-ups shared by every area: boards, schools, groups, staff, a student by fiche."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def boards(self) -> list[BoardChoice]:
        with self._database.sessions() as session:
            rows = session.execute(select(SchoolBoard.code, SchoolBoard.name).order_by(SchoolBoard.name))
            return [BoardChoice(code, name) for code, name in rows]

    def schools(self) -> list[SchoolChoice]:
        with self._database.sessions() as session:
            return batch.list_schools(session)

    def school_exists(self, code: str) -> bool:
        return any(school.code == code for school in self.schools())

    def subject_exists(self, code: str) -> bool:
        """True when a subject has this code (a specialist teacher's view needs one)."""
        with self._database.sessions() as session:
            return session.scalar(select(Subject.id).where(Subject.code == code).limit(1)) is not None

    def groups(self, school_code: str, on: date) -> list[GroupChoice]:
        with self._database.sessions() as session:
            return batch.list_groups(session, school_code, on)

    def staff(self, on: date | None = None) -> list[StaffSummary]:
        return list_staff(self._database, on)

    def student_by_fiche(self, fiche: str, board_code: str | None = None) -> StudentRef:
        """The student with this fiche (NotFound, or InvalidInput when several boards have it)."""
        with self._database.sessions() as session:
            return batch.find_student(session, fiche, board_code)

    def student(self, student_id: int) -> StudentRef:
        with self._database.sessions() as session:
            return batch.load_student_ref(session, student_id)

    def student_id_by_fiche(self, fiche: str, board_code: str | None = None) -> int:
        with self._database.sessions() as session:
            return find_student_by_fiche(session, fiche, board_code).id


class Students:
    """The Élèves area: the board's index, a student's file, and the secretary's corrections."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def index(self) -> StudentIndex:
        return load_student_index(self._database)

    def count(self) -> int:
        """How many students the database holds, every board together."""
        with self._database.sessions() as session:
            return session.scalar(select(func.count()).select_from(Student)) or 0

    def index_row(self, student_id: int) -> IndexRow | None:
        return load_index_row(self._database, student_id)

    def file(self, student_id: int) -> StudentFile:
        return load_student_file(self._database, student_id)

    def listing(self, search: str | None = None) -> list[StudentSummary]:
        return list_students(self._database, search)

    def save_emails(self, edits: Sequence[EmailEdit]) -> Written[list[SavedEmail]]:
        """Save guardians' emails (EditConflict if another workstation changed one meanwhile)."""
        saved = save_guardian_emails(self._database, edits)
        return Written(saved, Changes(guardians=frozenset(s.guardian_id for s in saved)))

    def correct_code_permanent(self, student_id: int, loaded_version: int,
                               raw: str | None) -> Written[CodePermanentUpdate]:
        update = update_code_permanent(self._database, student_id, loaded_version, raw)
        return Written(update, Changes(students=frozenset({student_id})))


class Accounts:
    """The parent-accounts area: findings, NIPs and the association diagnostic."""

    def __init__(self, database: Database, portal_url: str | None = None) -> None:
        """``portal_url``: the configured ``server_url``, printed on NIP letters (None: not configured)."""
        self._database = database
        self._portal_url = portal_url
        self._directory: StudentDirectory | None = None
        self._directory_lock = threading.Lock()

    def findings(self, school_code: str | None = None) -> list[Finding]:
        with self._database.engine.connect() as connection:
            return compute_findings(connection, school_code=school_code)

    def export_findings(self, findings: Iterable[Finding], out: TextIO) -> int:
        return write_findings_csv(findings, out)

    def nip_status(self, student_id: int, guardian_id: int) -> NipStatus | None:
        with self._database.sessions() as session:
            return nip_status(session, student_id, guardian_id)

    def nip_warnings(self, requests: Iterable[NipRequest]) -> list[NipWarning]:
        """Before issuing: guardians who cannot use a NIP yet (no email, or one with a finding)."""
        with self._database.sessions() as session:
            return nip_warnings(session, requests)

    def issue_nips(self, requests: Iterable[NipRequest], *, validity_days: int = DEFAULT_VALIDITY_DAYS,
                   letter: Path | None = None, overwrite_letter: bool = True) -> Written[list[IssuedNip]]:
        """Issue NIPs (and their letter, with them or not at all); validity from today's real date.

        Each ``IssuedNip`` carries its guardian's ``warnings``; the letter gives the portal's address.
        """
        issued = issue_nips(self._database, requests, validity_days=validity_days, letter=letter,
                            portal_url=self._portal_url, overwrite_letter=overwrite_letter)
        return Written(issued, Changes(nips=frozenset(nip.student_id for nip in issued)))

    def revoke_nip(self, student_id: int, guardian_id: int) -> Written[int]:
        revoked = revoke_nip(self._database, student_id, guardian_id)
        return Written(revoked, Changes(nips=frozenset({student_id})))

    def diagnose(self, attempt: AssociationAttempt, on: date | None = None) -> Diagnosis:
        """What the portal decides for this association attempt (the student directory is loaded once)."""
        with self._directory_lock:
            if self._directory is None:
                with self._database.engine.connect() as connection:
                    self._directory = StudentDirectory.load(connection)
            directory = self._directory
        with self._database.sessions() as session:
            return diagnose(directory, session, attempt, on or self._database.clock.today())

    def forget_directory(self) -> None:
        """Drop the cached student directory (after students changed)."""
        with self._directory_lock:
            self._directory = None


class Visibility:
    """What a viewer sees of a student, and why."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def student(self, student_id: int, on: date) -> StudentPreview:
        with self._database.sessions() as session:
            loaded = PreviewSession(session, student_id, on)
            choices = viewer_choices(session, loaded.record, loaded.policy.document)
            return StudentPreview(loaded.record, tuple(choices))

    def views(self, student_id: int, specs: Sequence[ViewerSpec], on: date) -> list[DossierView]:
        """Several viewers of one student, side by side: the student is loaded once."""
        with self._database.sessions() as session:
            loaded = PreviewSession(session, student_id, on)
            return [loaded.view(spec) for spec in specs]

    def view(self, student_id: int, spec: ViewerSpec, on: date) -> DossierView:
        return self.views(student_id, [spec], on)[0]


class Printing:
    """Dossiers as one viewer sees them, the school's visibility document, printed or saved."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def viewer_choices(self, school_code: str | None) -> list[BatchViewerChoice]:
        with self._database.sessions() as session:
            return batch.batch_viewer_choices(session, school_code)

    def prepare(self, student_id: int, viewer: ViewerSpec, on: date, *,
                withheld_page: bool = False) -> PreparedDossier:
        return batch.prepare_dossier(self._database, student_id, viewer, on, withheld_page=withheld_page)

    def record_printed(self, prepared: PreparedDossier, output: str) -> None:
        """Audit a dossier sent to a printer: ``output`` names the printer."""
        batch.record_printed(self._database, prepared.view, output)

    def save(self, prepared: PreparedDossier, target: Path) -> Path:
        return batch.save_dossier(self._database, prepared, target)

    def dossier(self, student_id: int, viewer: ViewerSpec, on: date, target: Path, *,
                withheld_page: bool = False, overwrite: bool = True) -> PrintedDossier:
        """Print one dossier to ``target``; an existing file is replaced only with ``overwrite``."""
        return batch.print_dossier(self._database, student_id, viewer, on, target, withheld_page=withheld_page,
                                   overwrite=overwrite)

    def batch(self, selection: Selection, viewer: ViewerSpec, on: date, *, pdf: Path | None = None,
              directory: Path | None = None, withheld_page: bool = False,
              progress: Callable[[BatchProgress], None] | None = None,
              should_stop: Callable[[], bool] | None = None, overwrite: bool = True) -> BatchResult:
        return batch.print_batch(self._database, selection, viewer, on, pdf=pdf, directory=directory,
                                 withheld_page=withheld_page, progress=progress, should_stop=should_stop,
                                 overwrite=overwrite)

    def visibility_document(self, school_id: int, target: Path, on: date | None = None, *,
                            overwrite: bool = True) -> Path:
        from desktop.services.reports.visibility_document import write_visibility_document

        return write_visibility_document(self._database, school_id, target, on=on or self._database.clock.today(),
                                         overwrite=overwrite)


class Sync:
    """The Importation area: the board's data in from its SIS (OneRoster), the corrections back out.

    Reading and planning write nothing and may take seconds on a large board: call them from a
    worker. ``apply`` is one transaction with ``progress`` and ``should_stop`` (cancel rolls back).
    A REST client builds a ``Roster`` itself and calls ``plan_roster``: the plan, its apply, the
    audit and the history are the same as for a CSV export.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def plan_oneroster_csv(self, path: Path) -> ImportPlan:
        """Read and check a OneRoster CSV export (zip or folder) and plan its import (InvalidInput if unreadable).

        The export last applied, onto a database unchanged since, is known by its fingerprint and
        not read again (``plan_unchanged``).
        """
        unchanged = plan_unchanged(self._database, fingerprint_oneroster_csv(path), str(path), "oneroster-csv")
        if unchanged is not None:
            return unchanged
        with without_cyclic_gc():
            roster, problems = read_oneroster_csv(path)
            return plan_roster(self._database, roster, problems, source_kind="oneroster-csv")

    def plan_roster(self, roster: Roster, problems: Sequence[Problem], *, source_kind: str) -> ImportPlan:
        return plan_roster(self._database, roster, problems, source_kind=source_kind)

    def apply(self, plan: ImportPlan, *, resolutions: Mapping[str, Resolution] | None = None,
              default: Resolution | None = None, progress: Callable[[ApplyProgress], None] | None = None,
              should_stop: Callable[[], bool] | None = None) -> Written[ImportResult]:
        """Apply ``plan`` (InvalidInput if it has errors, unresolved conflicts, or the database changed since)."""
        result = apply_plan(self._database, plan, resolutions=resolutions, default=default, progress=progress,
                            should_stop=should_stop)
        return Written(result, Changes(students=result.students, guardians=result.guardians,
                                       board=result.rows_written > 0))

    def corrections(self) -> list[Correction]:
        """Values corrected in Vitrail that the SIS still holds in their old form ("à reporter dans le SIS")."""
        return pending_corrections(self._database)

    def export_corrections(self, out: TextIO) -> int:
        return write_corrections_csv(self.corrections(), out)

    def export_oneroster(self, target: Path, *, board_code: str | None = None) -> ExportSummary:
        """The board(s) as OneRoster 1.2 CSV in a folder, or a .zip when ``target`` ends with .zip."""
        return export_oneroster(self._database, target, board_code=board_code)

    def runs(self, limit: int = 50) -> list[ImportRunSummary]:
        return list_runs(self._database, limit)

    def run_changes(self, run_id: int, *, limit: int = 1000, offset: int = 0) -> tuple[int, list[RunChange]]:
        return run_changes(self._database, run_id, limit=limit, offset=offset)


class AuditLog:
    """The audit log as people read it: the Journal page, a student's Historique, ``vitrail audit``.

    ``direction`` reads the entries of their schools, ``board_admin`` the whole log
    (``access.md`` §4): ``_schools()`` gives the schools the person may read (None: all), and the
    filter by school is part of the query so counts and pages are right.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def _schools(self) -> frozenset[int] | None:
        return None

    def entries(self, wanted: AuditFilter, limit: int = 200, offset: int = 0) -> AuditPage:
        """A page of entries, newest first, with the total the filter matches."""
        return read_entries(self._database, wanted, limit=limit, offset=offset, schools=self._schools())

    def export_csv(self, wanted: AuditFilter, out: TextIO) -> int:
        """Every entry the filter matches as CSV (BOM, semicolons); returns how many."""
        return write_entries_csv(self._database, wanted, out, schools=self._schools())

    def actions(self) -> list[tuple[str, str]]:
        """(code, French label) of the actions one may filter on."""
        return recorded_actions(self._database)

    def people(self) -> list[str]:
        """The logins (or OS users) the log names."""
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
    audit: AuditLog = field(init=False)

    def __post_init__(self) -> None:
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
        """Fill the database with the demo board (DatabaseNotEmpty unless empty or ``replace``)."""
        summary = generate_demo(self.database, students=students, seed=seed, replace=replace, progress=progress)
        return Written(summary, Changes(board=True))

    def connection_info(self) -> ConnectionInfo:
        database = self.database
        return ConnectionInfo(database.display_name(), database.backend, database.actor.os_user,
                              database.actor.workstation)

    def close(self) -> None:
        self.database.close()
