"""Printing dossiers: one student, or a group, a school or a selection for one viewer.

``print_dossier`` and ``print_batch`` are what the GUI and ``vitrail print`` call. Both ask the
visibility engine for each student's file as the chosen viewer sees it, render it, and record
one "printed" event per student in the audit log (who printed whose file, for which viewer) —
only once the files are in place, so a cancelled batch records nothing.

Memory stays flat whatever the number of students: students are previewed, rendered and
written one at a time; a combined PDF keeps only the compressed pages (``PdfCollection``).

A cancelled or failed batch leaves nothing behind: a combined PDF is written to a temporary
file renamed at the end; files per student are written to a hidden staging folder beside
their destination and moved into place only when every one of them is done. Cancel either by
``should_stop`` returning True (the service then returns ``cancelled=True``) or by raising from
the ``progress`` callback (the GUI's ``Progress.check``, the CLI's SIGTERM handler): cleanup runs
in every case. A process killed outright cannot clean up: its staging entries are named after it
(``desktop.services.outputs``), and the next run writing to that folder removes them. Files are
private (0600); an existing file is replaced only with ``overwrite``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desktop.models import AuditAction, HomeroomGroup, School, Staff, Student, Subject
from desktop.services.audit import record_event
from desktop.services.calendar import school_year_of
from desktop.services.errors import InvalidInput, NotFound
from desktop.services.formatting import format_duration
from desktop.services.outputs import (
    OutputExists,
    check_output_file,
    check_output_folder,
    make_private,
    staged_file,
    staging_folder,
    write_refused,
)
from desktop.services.reports.base import PdfCollection
from desktop.services.reports.dossier import (
    PrintStamp,
    add_dossier,
    add_withheld,
    printable,
    render_dossier,
    render_withheld,
)
from desktop.services.storage import Database
from desktop.services.students import find_student_by_fiche
from desktop.services.visibility.engine import preview
from desktop.services.visibility.policy import ROLES, policy_document, role_needs_subject
from desktop.services.visibility.view import DossierView
from desktop.services.visibility.viewers import ViewerSpec

PRINTED = AuditAction.PRINTED


@dataclass(frozen=True)
class StudentRef:
    id: int
    fiche: str
    last_name: str
    first_name: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Selection:
    """Which students: a homeroom group (by code, optionally within a school), a school, or ids."""

    group_code: str | None = None
    school_code: str | None = None
    student_ids: tuple[int, ...] = ()

    def describe(self) -> str:
        if self.student_ids:
            return f"{len(self.student_ids)} élève(s) choisi(s)"
        if self.group_code:
            return f"groupe {self.group_code}" + (f" de l'école {self.school_code}" if self.school_code else "")
        return f"école {self.school_code}"


@dataclass(frozen=True)
class BatchProgress:
    done: int
    total: int
    current: str
    elapsed: float
    remaining: float | None  # seconds; None until one dossier is done

    def text(self) -> str:
        """ "12 sur 240 — Zoé Côté — environ 1 min 20 s restantes"."""
        parts = [f"{self.done} sur {self.total}"]
        if self.current:
            parts.append(self.current)
        if self.remaining is not None and self.done < self.total:
            parts.append(f"environ {format_duration(self.remaining)} restantes")
        return " — ".join(parts)


@dataclass(frozen=True)
class BatchResult:
    files: tuple[Path, ...]
    students: int
    pages: int
    cancelled: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class PrintedDossier:
    path: Path
    pages: int
    view: DossierView


@dataclass
class _Clock:
    total: int
    started: float = field(default_factory=time.perf_counter)

    def progress(self, done: int, current: str) -> BatchProgress:
        elapsed = time.perf_counter() - self.started
        remaining = elapsed / done * (self.total - done) if done else None
        return BatchProgress(done, self.total, current, elapsed, remaining)


def file_name(student: StudentRef) -> str:
    """ "1234567_Cote_Zoe.pdf": fiche first (sorts like the school's lists), accents dropped for any file system."""
    def plain(text: str) -> str:
        ascii_text = "".join(ch for ch in unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
                             if not unicodedata.combining(ch))
        return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "eleve"
    return f"{plain(student.fiche)}_{plain(student.last_name)}_{plain(student.first_name)}.pdf"


# ----------------------------------------------------------------- who gets printed

def _refs(session: Session, *conditions: ColumnElement[bool]) -> list[StudentRef]:
    rows = session.execute(
        select(Student.id, Student.fiche, Student.last_name, Student.first_name)
        .outerjoin(HomeroomGroup, Student.group_id == HomeroomGroup.id)
        .where(Student.active.is_(True), *conditions)
        .order_by(HomeroomGroup.code, Student.last_name, Student.first_name, Student.fiche))
    return [StudentRef(*row) for row in rows]


def load_student_ref(session: Session, student_id: int) -> StudentRef:
    row = session.execute(select(Student.id, Student.fiche, Student.last_name, Student.first_name)
                          .where(Student.id == student_id)).first()
    if row is None:
        raise NotFound(f"Élève introuvable (n° {student_id}).")
    return StudentRef(*row)


def find_student(session: Session, fiche: str, board_code: str | None = None) -> StudentRef:
    """The student with ``fiche`` (unique within a board; ``board_code`` settles a clash between boards)."""
    student = find_student_by_fiche(session, fiche, board_code)
    return StudentRef(student.id, student.fiche, student.last_name, student.first_name)


def _school(session: Session, code: str) -> School:
    school = session.scalar(select(School).where(School.code == code.strip()))
    if school is None:
        raise NotFound(f"Aucune école ne porte le code « {code} ».")
    return school


def select_students(session: Session, selection: Selection, on: date) -> list[StudentRef]:
    """The students of ``selection`` (groups of the school year of ``on``), in group and name order."""
    if selection.student_ids:
        refs = _refs(session, Student.id.in_(selection.student_ids))
        missing = set(selection.student_ids) - {ref.id for ref in refs}
        if missing:
            raise NotFound(f"Élève(s) introuvable(s) : {', '.join(str(i) for i in sorted(missing))}.")
        return refs
    if selection.group_code:
        query = select(HomeroomGroup.id, School.code).join(School, HomeroomGroup.school_id == School.id).where(
            HomeroomGroup.code == selection.group_code.strip(), HomeroomGroup.school_year == school_year_of(on))
        if selection.school_code:
            query = query.where(School.id == _school(session, selection.school_code).id)
        groups = session.execute(query).all()
        if not groups:
            raise NotFound(f"Aucun groupe « {selection.group_code} » en {school_year_of(on)}-{school_year_of(on) + 1}"
                           + (f" à l'école {selection.school_code}." if selection.school_code else "."))
        if len(groups) > 1:
            schools = ", ".join(sorted(code for _, code in groups))
            raise InvalidInput(f"Le groupe « {selection.group_code} » existe dans plusieurs écoles ({schools}) : "
                               "précisez l'école.")
        return _refs(session, Student.group_id == groups[0][0])
    if selection.school_code:
        return _refs(session, Student.school_id == _school(session, selection.school_code).id)
    raise InvalidInput("Choisissez un groupe, une école ou des élèves à imprimer.")


@dataclass(frozen=True)
class SchoolChoice:
    code: str
    name: str


@dataclass(frozen=True)
class GroupChoice:
    code: str
    grade: int
    students: int


@dataclass(frozen=True)
class BatchViewerChoice:
    label: str
    spec: ViewerSpec


def list_schools(session: Session) -> list[SchoolChoice]:
    return [SchoolChoice(code, name) for code, name in session.execute(select(School.code, School.name)
                                                                        .order_by(School.code))]


def list_groups(session: Session, school_code: str, on: date) -> list[GroupChoice]:
    """Homeroom groups of a school in the school year of ``on``, with their number of students."""
    rows = session.execute(
        select(HomeroomGroup.code, HomeroomGroup.grade, func.count(Student.id))
        .join(School, HomeroomGroup.school_id == School.id)
        .outerjoin(Student, Student.group_id == HomeroomGroup.id)
        .where(School.code == school_code, HomeroomGroup.school_year == school_year_of(on))
        .group_by(HomeroomGroup.id, HomeroomGroup.code, HomeroomGroup.grade).order_by(HomeroomGroup.code))
    return [GroupChoice(code, grade, count) for code, grade, count in rows]


def batch_viewer_choices(session: Session, school_code: str | None) -> list[BatchViewerChoice]:
    """Viewers a batch can be printed for: each role (specialist per subject) and the school's staff.

    A guardian is one student's, so a batch offers the parent role instead.
    """
    doc = policy_document()
    choices = []
    subjects = session.execute(select(Subject.code, Subject.name).distinct().order_by(Subject.code)).all()
    for role in ROLES:
        if role_needs_subject(role):
            choices += [BatchViewerChoice(f"{doc.role_label(role)} — {name} ({code})", ViewerSpec.abstract(role, code))
                        for code, name in subjects]
        else:
            choices.append(BatchViewerChoice(doc.role_label(role), ViewerSpec.abstract(role)))
    if school_code:
        staff = session.execute(select(Staff.id, Staff.first_name, Staff.last_name)
                                .join(School, Staff.school_id == School.id).where(School.code == school_code)
                                .order_by(Staff.last_name, Staff.first_name, Staff.id)).all()
        choices += [BatchViewerChoice(f"{first} {last} (rôle déduit pour chaque élève)", ViewerSpec.staff(staff_id))
                    for staff_id, first, last in staff]
    return choices


# ----------------------------------------------------------------- printing

def _record_printed(session: Session, database: Database, views: Sequence[DossierView], output: str) -> None:
    for view in views:
        record_event(session, PRINTED, "student", view.student_id, field="viewer",
                     after=f"{view.viewer.label} — {output}")


def _stamp(database: Database, printed_on: date | None) -> PrintStamp:
    return PrintStamp(database.actor.os_user, printed_on or database.clock.today())


@dataclass(frozen=True)
class PreparedDossier:
    """A rendered dossier not yet printed or saved (the GUI previews it first): not audited yet."""

    data: bytes
    pages: int
    view: DossierView
    withheld: bytes | None = None  # the separate "Éléments retenus" report for the direction, when asked


def withheld_path(target: Path) -> Path:
    """Where the direction's "Éléments retenus" report of a dossier file goes: beside it, never inside it."""
    return target.with_name(f"{target.stem}-elements-retenus{target.suffix or '.pdf'}")


def prepare_dossier(database: Database, student_id: int, viewer: ViewerSpec, on: date, *,
                    withheld_page: bool = False, printed_on: date | None = None) -> PreparedDossier:
    """Render one student's file as ``viewer`` sees it on ``on``, in memory (InvalidInput when the viewer
    has no access: nothing is rendered). ``withheld_page``: also the direction's separate report."""
    with database.sessions() as session:
        view = preview(session, student_id, viewer, on)
    printable(view)
    stamp = _stamp(database, printed_on)
    stream = io.BytesIO()
    pages = render_dossier(view, stream, stamp)
    withheld = None
    if withheld_page:
        report = io.BytesIO()
        render_withheld(view, report, stamp)
        withheld = report.getvalue()
    return PreparedDossier(stream.getvalue(), pages, view, withheld)


def record_printed(database: Database, view: DossierView, output: str) -> None:
    """Audit a dossier sent to a printer or saved: ``output`` names the file or the printer."""
    with database.sessions.begin() as session:
        _record_printed(session, database, [view], output)


def save_dossier(database: Database, prepared: PreparedDossier, target: Path, *, overwrite: bool = True) -> Path:
    """Write a prepared dossier to ``target`` (private, never half-written) and audit it; the direction's
    withheld-items report, if prepared, goes to its own file beside it (``withheld_path``)."""
    target = check_output_file(target, overwrite=overwrite, what="fichier PDF")
    if prepared.withheld is not None:
        withheld = check_output_file(withheld_path(target), overwrite=overwrite, what="fichier PDF")
        with staged_file(withheld) as temporary:
            temporary.write_bytes(prepared.withheld)
    with staged_file(target) as temporary:
        temporary.write_bytes(prepared.data)
    record_printed(database, prepared.view, target.name)
    return target


def print_dossier(database: Database, student_id: int, viewer: ViewerSpec, on: date, target: Path, *,
                  withheld_page: bool = False, printed_on: date | None = None,
                  overwrite: bool = True) -> PrintedDossier:
    """One student's file as ``viewer`` sees it on ``on``, written to ``target`` and audited."""
    target = check_output_file(target, overwrite=overwrite, what="fichier PDF")
    prepared = prepare_dossier(database, student_id, viewer, on, withheld_page=withheld_page, printed_on=printed_on)
    path = save_dossier(database, prepared, target, overwrite=overwrite)
    return PrintedDossier(path, prepared.pages, prepared.view)


def _check_output(pdf: Path | None, directory: Path | None, overwrite: bool) -> None:
    if (pdf is None) == (directory is None):
        raise InvalidInput("Choisissez soit un fichier PDF unique, soit un dossier (un fichier par élève).")
    if pdf is not None:
        check_output_file(pdf, overwrite=overwrite, what="fichier PDF")
    else:
        assert directory is not None, "one of them, checked above"
        check_output_folder(directory)


def _check_existing(directory: Path, students: Sequence[StudentRef]) -> None:
    """Per-student files are never replaced silently: refuse when some already exist."""
    existing = [name for name in (file_name(student) for student in students) if (directory / name).exists()]
    if existing:
        raise OutputExists(directory, f"{len(existing)} fichier(s) du lot existent déjà dans « {directory} » "
                                      f"(par exemple « {existing[0]} ») : rien n'a été remplacé.")


def print_batch(database: Database, selection: Selection, viewer: ViewerSpec, on: date, *,
                pdf: Path | None = None, directory: Path | None = None, withheld_page: bool = False,
                printed_on: date | None = None, progress: Callable[[BatchProgress], None] | None = None,
                should_stop: Callable[[], bool] | None = None, overwrite: bool = True) -> BatchResult:
    """Print the dossiers of ``selection`` for one viewer: into ``pdf`` (one file) or ``directory`` (one each).

    Existing files are replaced only with ``overwrite`` (the window's save dialog has asked).
    """
    pdf = Path(pdf) if pdf is not None else None
    directory = Path(directory) if directory is not None else None
    _check_output(pdf, directory, overwrite)
    with database.sessions() as session:
        students = select_students(session, selection, on)
    if not students:
        raise NotFound(f"Aucun élève dans la sélection ({selection.describe()}).")
    if directory is not None and not overwrite:
        _check_existing(directory, students)
    run = _Run(database, students, viewer, on, _stamp(database, printed_on), withheld_page, _Clock(len(students)),
               progress, should_stop)
    if progress:
        progress(run.clock.progress(0, ""))
    if pdf is not None:
        outcome = _batch_into_one(run, pdf)
    else:
        assert directory is not None, "_check_output wants one of them"
        outcome = _batch_per_student(run, directory)
    seconds = time.perf_counter() - run.clock.started
    if outcome is None:
        return BatchResult((), 0, 0, cancelled=True, seconds=seconds)
    files, views, pages = outcome
    with database.sessions.begin() as session:
        _record_printed(session, database, views, pdf.name if pdf is not None else str(directory))
    return BatchResult(tuple(files), len(views), pages, seconds=seconds)


@dataclass
class _Run:
    """One batch being printed: what, for whom, and how to report and stop."""

    database: Database
    students: Sequence[StudentRef]
    viewer: ViewerSpec
    on: date
    stamp: PrintStamp
    withheld_page: bool
    clock: _Clock
    progress: Callable[[BatchProgress], None] | None
    should_stop: Callable[[], bool] | None

    def views(self) -> Iterator[tuple[StudentRef, DossierView]]:
        """Each student's view, one at a time, progress reported once it is rendered; stops early when asked."""
        with self.database.sessions() as session:
            for done, student in enumerate(self.students):
                if self.should_stop is not None and self.should_stop():
                    return
                view = preview(session, student.id, self.viewer, self.on)
                printable(view)  # a viewer without access to one student: the whole batch is refused
                yield student, view
                session.expunge_all()  # nothing accumulates in the identity map
                if self.progress:
                    self.progress(self.clock.progress(done + 1, student.name))


_Outcome = tuple[list[Path], list[DossierView], int]


def _batch_into_one(run: _Run, pdf: Path) -> _Outcome | None:
    collection = PdfCollection(pdf, title=f"Dossiers — {len(run.students)} élève(s)")
    withheld = (PdfCollection(withheld_path(pdf), title=f"Éléments retenus — {len(run.students)} élève(s)")
                if run.withheld_page else None)
    views, pages = [], 0
    try:
        for _student, view in run.views():
            pages += add_dossier(collection, view, run.stamp)
            if withheld is not None:
                add_withheld(withheld, view, run.stamp)
            views.append(_light(view))
        if len(views) < len(run.students):
            collection.discard()
            if withheld is not None:
                withheld.discard()
            return None
        collection.close()
        if withheld is not None:
            withheld.close()
    except BaseException:
        collection.discard()
        if withheld is not None:
            withheld.discard()
        raise
    return [pdf, *([withheld_path(pdf)] if withheld is not None else [])], views, pages


def _batch_per_student(run: _Run, directory: Path) -> _Outcome | None:
    staging = staging_folder(directory)
    views, pages, names = [], 0, []
    try:
        for student, view in run.views():
            name = file_name(student)
            pages += render_dossier(view, staging / name, run.stamp)
            make_private(staging / name)
            names.append(name)
            if run.withheld_page:
                render_withheld(view, staging / withheld_path(Path(name)).name, run.stamp)
                names.append(withheld_path(Path(name)).name)
            views.append(_light(view))
        if len(views) < len(run.students):
            return None
        files = []
        for name in names:
            os.replace(staging / name, directory / name)
            files.append(directory / name)
        return files, views, pages
    except OSError as exc:
        raise write_refused(directory, exc, "Aucun fichier du lot n'a été gardé.") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _light(view: DossierView) -> DossierView:
    """What the audit needs of a printed view, without its tiles (memory stays flat)."""
    return DossierView(view.student_id, view.student_fiche, view.student_name, view.school_name, view.viewer,
                       view.on, view.access)
