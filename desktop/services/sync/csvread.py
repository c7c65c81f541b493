"""Reading a OneRoster CSV export (a zip or a folder) into a ``Roster``, reporting every problem.

Real exports are messy. What is read without guessing: a UTF-8 byte-order mark, CRLF line ends,
files saved by Excel (semicolons or tabs between columns, Windows-1252 text, ``VRAI``/``FAUX``,
grades without their leading zero), headers whose case differs, dates whose day is above 12 in
either order. What is reported instead: a header with a typo (with the closest known header), a
missing required column, a value outside an enumeration (with the closest allowed one), a date
that could be two dates, a row with too many or too few cells, a duplicate key. Nothing here
raises on bad content: the one exception is ``InvalidInput`` when the path cannot be read at all.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from sys import intern
from typing import IO, Any, Protocol, TextIO, TypeVar

from desktop.services.errors import InvalidInput
from desktop.services.sync import oneroster as fmt
from desktop.services.sync.oneroster import ClassType, Meta, Role
from desktop.services.sync.problems import ProblemLog, closest, quoted_list
from desktop.services.sync.roster import (
    NO_META,
    AcademicSession,
    Class,
    Course,
    Demographics,
    Enrollment,
    MetaCells,
    Org,
    Roster,
    User,
    UserRole,
    short,
)

_NO_IDS: dict[str, str] = {}  # shared, never written to: most users have no userIds
KNOWN_FILES = {name.lower(): name for name in (fmt.MANIFEST, *fmt.DATA_FILES, *fmt.OTHER_FILES)}
MAX_FIELD = 1_000_000  # a cell larger than this is a broken file, not data

csv.field_size_limit(MAX_FIELD)


@dataclass
class SourceFile:
    """One file of the export, read as a stream (a 100,000-student export is hundreds of megabytes).

    ``inspect`` reads it once to hash it and to find its encoding; ``text`` then opens it as text,
    as many times as needed, without ever holding it whole in memory.
    """

    name: str  # as found in the zip or folder (what the secretariat sees)
    open: Callable[[], IO[bytes]]
    encoding: str = "utf-8-sig"
    bad_line: int | None = None  # first line that is not UTF-8 (then read as Windows-1252)

    def inspect(self, digest: Any) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")()
        lines = 0
        with self.open() as stream:
            first = True
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
                if first and chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
                    self.encoding = "utf-16"
                first = False
                if self.encoding == "utf-8-sig" and self.bad_line is None:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as exc:
                        self.bad_line = lines + chunk[:exc.start].count(b"\n") + 1
                        self.encoding = "cp1252"
                    lines += chunk.count(b"\n")

    def text(self) -> TextIO:
        return io.TextIOWrapper(self.open(), encoding=self.encoding, errors="replace", newline="")


def read_oneroster_csv(path: Path) -> tuple[Roster, ProblemLog]:
    """Read and check the export at ``path`` (a .zip or a folder); never raises on its content."""
    with ExitStack() as stack:
        return _read(path, _source_files(path, stack))


def fingerprint_oneroster_csv(path: Path) -> str:
    """The SHA-256 of the export's OneRoster files (what ``ImportRun.fingerprint`` records), read once."""
    with ExitStack() as stack:
        return _inspect(path, _source_files(path, stack))


def _inspect(path: Path, files: dict[str, SourceFile]) -> str:
    digest = hashlib.sha256()
    try:
        for canonical in sorted(files):
            digest.update(canonical.encode() + b"\0")
            files[canonical].inspect(digest)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInput(f"L'export « {path} » ne peut pas être lu ({exc.__class__.__name__} : {exc}). "
                           "Rien n'a été importé.") from None
    return digest.hexdigest()


def _read(path: Path, files: dict[str, SourceFile]) -> tuple[Roster, ProblemLog]:
    problems = ProblemLog()
    fingerprint = _inspect(path, files)
    for source in files.values():
        if source.bad_line is not None:
            problems.warning("encoding", source.name, source.bad_line, None,
                             "le fichier n'est pas en UTF-8 (texte enregistré par Excel sous Windows) : lu en "
                             "Windows-1252. Vérifiez les accents des noms à partir de la ligne indiquée.")
    manifest = _read_manifest(files, problems)
    roster = Roster(version=manifest.version or "?", source=str(path), fingerprint=fingerprint,
                    modes=manifest.modes)
    if manifest.version is None:
        return roster, problems
    _report_unread_files(files, roster, problems)
    for canonical in fmt.DATA_FILES:
        if roster.mode(canonical) != "absent" and roster.version in fmt.COLUMNS[canonical]:
            _read_table(files, canonical, manifest, roster, problems)
    if roster.version == "1.2" and roster.mode(fmt.USERS) != "absent" and roster.mode(fmt.ROLES) == "absent":
        problems.error("roles_missing", fmt.MANIFEST, manifest.lines.get(fmt.ROLES), "file.roles",
                       "en OneRoster 1.2, le rôle de chaque personne (élève, parent, enseignant…) est dans "
                       "roles.csv, que le manifeste déclare absent : les personnes ne peuvent pas être classées.")
    return roster, problems


def _report_unread_files(files: dict[str, SourceFile], roster: Roster, problems: ProblemLog) -> None:
    for canonical, source in files.items():
        if canonical == fmt.MANIFEST or canonical not in fmt.COLUMNS:
            continue
        if roster.mode(canonical) == "absent":
            problems.warning("file_not_in_manifest", source.name, None, None,
                             f"fichier présent mais déclaré absent (« absent ») dans {fmt.MANIFEST} : il n'est pas lu.")
        elif roster.version not in fmt.COLUMNS[canonical]:
            problems.warning("file_not_in_version", source.name, None, None,
                             f"ce fichier n'existe pas en OneRoster {roster.version} : il n'est pas lu.")


def _read_table(files: dict[str, SourceFile], canonical: str, manifest: Manifest, roster: Roster,
                problems: ProblemLog) -> None:
    source = files.get(canonical)
    if source is None:
        problems.error("file_missing", fmt.MANIFEST, manifest.lines.get(canonical), f"file.{canonical[:-4]}",
                       f"le manifeste annonce {canonical} (« {roster.mode(canonical)} ») mais le fichier est "
                       "absent de l'export.")
        return
    table = Table.open(source, canonical, roster.version, problems)
    if table is None:
        roster.unreadable.add(canonical)
        return
    roster.provided[canonical] = frozenset(table.index) | {fmt.METADATA_PREFIX + key for key, _ in table.meta}
    _READERS[canonical](table, roster, problems)
    table.report_layouts()


# --- the source: zip or folder -----------------------------------------------------------------

def _source_files(path: Path, stack: ExitStack) -> dict[str, SourceFile]:
    """The OneRoster files at ``path`` by canonical name (case of the name ignored); a zip stays open
    until ``stack`` closes."""
    try:
        if path.is_dir():
            found = _collect(path, ((child.name, _opener(child)) for child in sorted(path.iterdir())
                                    if child.is_file()))
        elif path.is_file() and zipfile.is_zipfile(path):
            archive = stack.enter_context(zipfile.ZipFile(path))
            members = [info for info in archive.infolist() if not info.is_dir() and "__MACOSX" not in info.filename]
            found = _collect(path, ((info.filename.rsplit("/", 1)[-1], partial(archive.open, info))
                                    for info in members))
        elif path.exists():
            raise InvalidInput(f"« {path} » n'est ni un dossier ni un fichier .zip : donnez l'export OneRoster "
                               "(le .zip reçu du système de gestion des élèves, ou le dossier qui contient ses CSV).")
        else:
            raise InvalidInput(f"« {path} » est introuvable : vérifiez le chemin de l'export OneRoster.")
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInput(f"L'export « {path} » ne peut pas être lu ({exc.__class__.__name__} : {exc}). "
                           "Rien n'a été importé.") from None
    if not found:
        raise InvalidInput(f"« {path} » ne contient aucun fichier OneRoster (manifest.csv, users.csv…). "
                           "Rien n'a été importé.")
    return found


def _opener(file: Path) -> Callable[[], IO[bytes]]:
    return lambda: file.open("rb")


def _collect(path: Path, entries: Iterable[tuple[str, Callable[[], IO[bytes]]]]) -> dict[str, SourceFile]:
    found: dict[str, SourceFile] = {}
    for name, opener in entries:
        canonical = KNOWN_FILES.get(name.lower())
        if canonical is None:
            continue
        if canonical in found:
            raise InvalidInput(f"L'export « {path} » contient deux fichiers {canonical} "
                               f"(« {found[canonical].name} » et « {name} ») : rien n'a été lu.")
        found[canonical] = SourceFile(name, opener)
    return found


@dataclass
class Manifest:
    version: str | None
    modes: dict[str, str]
    lines: dict[str, int]


def _read_manifest(files: dict[str, SourceFile], problems: ProblemLog) -> Manifest:
    source = files.get(fmt.MANIFEST)
    if source is None:
        problems.error("manifest_missing", fmt.MANIFEST, None, None,
                       "manifest.csv est absent de l'export. Il dit la version de OneRoster (1.1 ou 1.2) et, pour "
                       "chaque fichier, s'il est complet (« bulk ») ou partiel (« delta ») : sans lui, Vitrail ne "
                       "peut pas savoir quels élèves ont quitté. Demandez l'export complet, manifeste compris.")
        return Manifest(None, {}, {})
    with source.text() as stream:
        text = stream.read()
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(source, text, problems) or ","))
    values: dict[str, tuple[str, int]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) >= 2 and row[0].strip():
            values[row[0].strip()] = (row[1].strip(), number)
    header = [cell.strip() for cell in rows[0]] if rows else []
    if header[:2] != ["propertyName", "value"]:
        problems.warning("manifest_header", source.name, 1, None,
                         f"en-tête « {','.join(header)} » au lieu de « propertyName,value » : lu quand même.")
    raw_version, version_line = values.get("oneroster.version", ("", 1))
    version: str | None = raw_version if raw_version in fmt.VERSIONS else None
    if version is None:
        problems.error("version_unknown", source.name, version_line, "oneroster.version",
                       f"version « {raw_version or '(vide)'} » : Vitrail lit OneRoster {' et '.join(fmt.VERSIONS)}.")
    modes: dict[str, str] = {}
    lines: dict[str, int] = {}
    for canonical in (*fmt.DATA_FILES, *fmt.OTHER_FILES):
        key = f"file.{canonical[:-4]}"
        raw, line = values.get(key, ("absent", 0))
        lines[canonical] = line
        mode = raw.lower()
        if mode not in fmt.MODES:
            problems.error("mode_unknown", source.name, line, key,
                           f"valeur « {raw} » inconnue ; valeurs permises : {quoted_list(fmt.MODES)}.")
            mode = "absent"
        modes[canonical] = mode
    return Manifest(version, modes, lines)


def _delimiter(source: SourceFile, text: str, problems: ProblemLog) -> str | None:
    """The column separator, from the header line: a comma, or Excel's semicolon or tab."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    used = [sep for sep, count in counts.items() if count]
    if len(used) > 1:
        names = {",": "virgules", ";": "points-virgules", "\t": "tabulations"}
        problems.error("delimiter_ambiguous", source.name, 1, None,
                       f"l'en-tête mélange {' et '.join(names[sep] for sep in used)} : impossible de savoir "
                       "lequel sépare les colonnes.")
        return None
    if used and used[0] != ",":
        label = "points-virgules (fichier enregistré par Excel)" if used[0] == ";" else "tabulations"
        problems.warning("delimiter", source.name, 1, None, f"colonnes séparées par des {label} : lu quand même.")
    return used[0] if used else ","


# --- tables ------------------------------------------------------------------------------------

class Table:
    """One CSV file: its header checked and mapped, its rows with the line each starts on."""

    def __init__(self, source: SourceFile, canonical: str, delimiter: str, problems: ProblemLog) -> None:
        self.name = source.name
        self.source = source
        self.canonical = canonical
        self.delimiter = delimiter
        self.problems = problems
        self.index: dict[str, int] = {}
        self.meta: list[tuple[str, int]] = []
        self.meta_keys: dict[str, int] = {}  # metadata key → its place in each row's MetaCells
        self.width = 0
        self.layouts: dict[tuple[str, str], list[int]] = {}  # (field, layout) → [count, first line]

    @classmethod
    def open(cls, source: SourceFile, canonical: str, version: str, problems: ProblemLog) -> Table | None:
        with source.text() as stream:
            first = stream.readline()
        delimiter = _delimiter(source, first, problems)
        if delimiter is None:
            return None
        table = cls(source, canonical, delimiter, problems)
        return table if table._map_header(first, version) else None

    def _map_header(self, first: str, version: str) -> bool:
        header = next(csv.reader([first], delimiter=self.delimiter), None) if first.strip() else None
        if header is None:
            self.problems.error("empty_file", self.name, None, None, "fichier vide : l'en-tête est absent.")
            return False
        self.width = len(header)
        unknown, ok = self._map_columns(header, fmt.COLUMNS[self.canonical][version])
        ok = self._report_unknown(unknown, version) and ok
        for column in fmt.REQUIRED[self.canonical][version]:
            if column not in self.index and not any(closest(name, [column]) for name in unknown):
                self.problems.error("header_missing", self.name, 1, column,
                                    f"colonne obligatoire « {column} » absente de l'en-tête.")
                ok = False
        return ok

    def _map_columns(self, header: list[str], known: tuple[str, ...]) -> tuple[list[str], bool]:
        """Fill ``index`` and ``meta``; the header names that are not known columns, and whether all is well."""
        by_lower = {column.lower(): column for column in known}
        unknown: list[str] = []
        ok = True
        for position, raw in enumerate(header):
            name = raw.strip()
            if not name:
                continue
            if name.lower().startswith(fmt.METADATA_PREFIX):
                self.meta_keys[name[len(fmt.METADATA_PREFIX):]] = len(self.meta)
                self.meta.append((name[len(fmt.METADATA_PREFIX):], position))
                continue
            column = by_lower.get(name.lower())
            if column is None:
                unknown.append(name)
                continue
            if column in self.index:
                self.problems.error("header_duplicate", self.name, 1, name,
                                    f"la colonne « {column} » apparaît deux fois dans l'en-tête.")
                ok = False
            self.index[column] = position
            if name != column:
                self.problems.warning("header_case", self.name, 1, name,
                                      f"en-tête « {name} » lu comme « {column} » (majuscules différentes).")
        return unknown, ok

    def _report_unknown(self, unknown: list[str], version: str) -> bool:
        """A typo of a column Vitrail reads is an error (with the column meant); any other stray column a warning."""
        every_version = {column for columns in fmt.COLUMNS[self.canonical].values() for column in columns}
        candidates = every_version - set(self.index)
        ok = True
        for name in unknown:
            hint = closest(name, candidates)
            if hint in fmt.USED[self.canonical]:
                self.problems.error("header_typo", self.name, 1, name,
                                    f"colonne « {name} » inconnue. Vouliez-vous dire « {hint} » ? Corrigez "
                                    "l'en-tête : Vitrail ne devine pas le nom d'une colonne.")
                ok = False
            elif hint:
                self.problems.warning("header_unknown", self.name, 1, name,
                                      f"colonne « {name} » inconnue (« {hint} » ?), que Vitrail n'utilise pas : "
                                      "ignorée.")
            else:
                self.problems.warning("header_unknown", self.name, 1, name,
                                      f"colonne « {name} » inconnue de OneRoster {version} : ignorée.")
        return ok

    def col(self, name: str) -> int:
        return self.index.get(name, -1)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line where the row starts, cells), blank lines skipped, misshapen rows reported and skipped."""
        with self.source.text() as stream:
            yield from self._rows(stream)

    def _rows(self, stream: TextIO) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(stream, delimiter=self.delimiter)
        try:
            next(reader)
            last = reader.line_num
            for row in reader:
                line = last + 1
                last = reader.line_num
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if len(row) != self.width:
                    # Even with empty extra cells: a comma too many shifts every column after it.
                    self.problems.error("row_width", self.name, line, None,
                                        f"{len(row)} valeurs au lieu de {self.width} (une virgule ou un guillemet "
                                        "de trop ou de moins ?) : ligne non lue.")
                    continue
                yield line, row
        except csv.Error as exc:
            self.problems.error("csv_syntax", self.name, reader.line_num, None,
                                f"CSV illisible à partir d'ici ({exc}) : guillemet non fermé ? Le reste du fichier "
                                "n'est pas lu.")

    def metadata(self, row: list[str]) -> MetaCells:
        """The row's extension cells (``metadata.*`` columns); the shared empty one when all are empty."""
        values = tuple(short(row[position]) for _, position in self.meta)
        return MetaCells(self.meta_keys, values) if any(values) else NO_META

    def date_layout(self, field: str, layout: str, line: int) -> None:
        if layout == fmt.ISO:
            return
        seen = self.layouts.setdefault((field, layout), [0, line])
        seen[0] += 1

    def report_layouts(self) -> None:
        for (field, layout), (count, first) in self.layouts.items():
            self.problems.warning("date_layout", self.name, first, field,
                                  f"{count} date(s) écrite(s) {layout} au lieu de AAAA-MM-JJ, lues sans ambiguïté "
                                  f"(première à la ligne {first}).")


class _Cells:
    """Typed access to one row's cells, each problem reported with the file, line and column.

    One per table, moved from row to row (``at``): a 100,000-student export has half a million
    user rows, so the usual values (an exact enumeration value, an ISO date) take a fast path and
    only the unusual ones go through the checks that explain what is wrong.
    """

    __slots__ = ("index", "line", "problems", "row", "table", "valid")

    def __init__(self, table: Table) -> None:
        self.table = table
        self.index = table.index
        self.problems = table.problems
        self.line = 0
        self.row: list[str] = []
        self.valid = True

    def at(self, line: int, row: list[str]) -> _Cells:
        self.line = line
        self.row = row
        self.valid = True
        return self

    def text(self, column: str) -> str:
        position = self.index.get(column, -1)
        return self.row[position] if position >= 0 else ""

    def key(self, column: str, *, required: bool = True) -> str:
        value = self.text(column).strip()
        if not value and required:
            self.error("value_missing", column, "valeur obligatoire absente.")
        return value

    def optional_key(self, column: str) -> str | None:
        return self.text(column).strip() or None

    def enum(self, column: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        raw = self.text(column)
        if raw in allowed:
            return allowed[allowed.index(raw)]  # the shared spelling, not this row's copy
        if not raw.strip():
            if default is not None:
                return default
            self.error("value_missing", column, f"valeur obligatoire absente ; valeurs permises : "
                                                f"{quoted_list(allowed)}.")
            return ""
        try:
            return fmt.enum_value(raw, allowed)
        except fmt.ValueProblem as exc:
            self.error("enum_unknown", column, str(exc))
            return ""

    def status(self) -> str:
        raw = self.text("status")
        if raw == "" or raw == "active":
            return "active"
        return self.enum("status", fmt.STATUSES, default="active")

    def boolean(self, column: str, default: bool) -> bool:
        raw = self.text(column)
        if raw == "true":
            return True
        if raw == "false":
            return False
        if not raw.strip():
            return default
        try:
            return fmt.boolean(raw)
        except fmt.ValueProblem as exc:
            self.error("boolean", column, str(exc))
            return default

    def date(self, column: str, *, required: bool = False) -> date | None:
        raw = self.text(column)
        if len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass  # "2011-02-30": the slow path says why
        if not raw.strip():
            if required:
                self.error("value_missing", column, "date obligatoire absente (AAAA-MM-JJ).")
            return None
        try:
            parsed = fmt.parse_date(raw)
        except fmt.ValueProblem as exc:
            self.error("date", column, str(exc))
            return None
        self.table.date_layout(column, parsed.layout, self.line)
        return parsed.value

    def ids(self, column: str) -> tuple[str, ...]:
        raw = self.text(column)
        if "," not in raw:
            value = raw.strip()
            return (value,) if value else ()
        return fmt.id_list(raw)

    def error(self, code: str, column: str | None, message: str) -> None:
        self.valid = False
        self.problems.error(code, self.table.name, self.line, column, message)


class _Located(Protocol):
    line: int


R = TypeVar("R", bound=_Located)


def _register(records: dict[str, R], key: str, record: R, cells: _Cells, kind: str) -> None:
    previous = records.get(key)
    if previous is not None:
        cells.error("duplicate_key", "sourcedId",
                    f"{kind} « {key} » déjà défini à la ligne {previous.line} : chaque sourcedId doit être unique.")
        return
    records[key] = record


# --- one reader per file -------------------------------------------------------------------------

def _read_orgs(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    for line, row in table.rows():
        c = cells.at(line, row)
        org = Org(c.key("sourcedId"), c.status(), c.text("name").strip(), c.enum("type", fmt.ORG_TYPES),
                  c.text("identifier").strip(), c.optional_key("parentSourcedId"), table.metadata(row),
                  table.name, line)
        if org.type in ("district", "school") and not org.identifier:
            c.error("value_missing", "identifier",
                    "identifiant absent : c'est le code du centre de services ou le numéro de l'école "
                    "attribué par le ministère, que Vitrail utilise.")
        if c.valid:
            _register(roster.orgs, org.sourced_id, org, c, "organisation")


def _read_sessions(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    for line, row in table.rows():
        c = cells.at(line, row)
        session = AcademicSession(c.key("sourcedId"), c.status(), c.text("title").strip(),
                                  c.enum("type", fmt.SESSION_TYPES), c.date("startDate", required=True),
                                  c.date("endDate", required=True), c.optional_key("parentSourcedId"),
                                  c.text("schoolYear").strip(), table.name, line)
        if session.start and session.end and session.end < session.start:
            c.error("dates_reversed", "endDate", f"fin ({session.end}) avant le début ({session.start}).")
        if c.valid:
            _register(roster.sessions, session.sourced_id, session, c, "session")


def _read_courses(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    for line, row in table.rows():
        c = cells.at(line, row)
        course = Course(c.key("sourcedId"), c.status(), c.text("title").strip(), c.text("courseCode").strip(),
                        c.optional_key("orgSourcedId"), c.ids("subjectCodes"), table.name, line)
        if c.valid:
            _register(roster.courses, course.sourced_id, course, c, "cours")


def _read_classes(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    for line, row in table.rows():
        c = cells.at(line, row)
        klass = Class(c.key("sourcedId"), c.status(), c.text("title").strip(), c.text("classCode").strip(),
                      c.enum("classType", fmt.CLASS_TYPES), c.optional_key("courseSourcedId"),
                      c.key("schoolSourcedId"), c.ids("termSourcedIds"), c.ids("subjectCodes"), c.ids("subjects"),
                      c.ids("periods"), c.text("location").strip(),
                      tuple(fmt.grade(g) for g in c.ids("grades")), table.metadata(row), table.name, line)
        if c.valid:
            _register(roster.classes, klass.sourced_id, klass, c, "classe")


def _read_users(table: Table, roster: Roster, problems: ProblemLog) -> None:
    """Users: a record per student, parent, contact and staff member (half a million on a large board).

    Keys are interned (``sys.intern``): a parent's sourcedId is written again in each child's agents
    and in every enrollment, and one shared string is 70 bytes where half a million copies are 35 MB.
    """
    cells = _Cells(table)
    version = roster.version
    position = table.index.get
    sid_at, status_at, identifier_at, ids_at = (position(c, -1) for c in ("sourcedId", "status", "identifier",
                                                                           "userIds"))
    grades_known = {code: code for code in fmt.GRADE_CODES}
    for line, row in table.rows():
        c = cells.at(line, row)
        ids = _user_ids(c, row[ids_at]) if ids_at >= 0 and row[ids_at] else _NO_IDS
        identifier = row[identifier_at].strip() if identifier_at >= 0 else ""
        if "E+" in identifier.upper() and fmt.excel_mangled(identifier):
            c.error("excel_number", "identifier",
                    f"« {identifier} » : Excel a changé ce numéro en notation scientifique et ses chiffres sont "
                    "perdus ; exportez de nouveau sans passer par Excel.")
        orgs = tuple(map(intern, c.ids("orgSourcedIds") if version == "1.1" else c.ids("primaryOrgSourcedId")))
        sourced_id = intern(row[sid_at].strip()) if sid_at >= 0 else ""
        if not sourced_id:
            c.error("value_missing", "sourcedId", "valeur obligatoire absente.")
        status = row[status_at] if status_at >= 0 else ""
        grades = tuple(grades_known.get(code) or code for code in map(fmt.grade, c.ids("grades")))
        username, email = c.text("username").strip(), c.text("email")
        # A username is often the fiche, the email or the key itself: keep one string, not two.
        username = next((same for same in (identifier, email, sourced_id) if same == username), username)
        user = User(sourced_id, "active" if status in ("", "active") else c.status(), [], username, ids,
                    c.text("givenName"), c.text("familyName"), identifier, email, c.text("sms").strip(),
                    c.text("phone").strip(),
                    tuple(map(intern, c.ids("agentSourcedIds"))), grades, orgs,
                    table.metadata(row) if table.meta else NO_META, table.name, line)
        if not user.given_name.strip() and not user.family_name.strip():
            c.error("value_missing", "familyName", "nom et prénom absents.")
        if version == "1.1":
            role = c.enum("role", fmt.USER_ROLES["1.1"])
            if role:
                user.roles = [UserRole(role, org, index == 0) for index, org in enumerate(orgs)] \
                    or [UserRole(role, None, True)]
        if c.valid:
            _register(roster.users, user.sourced_id, user, c, "personne")


def _user_ids(c: _Cells, raw: str) -> dict[str, str]:
    try:
        return fmt.user_ids(raw)
    except fmt.ValueProblem as exc:
        c.error("user_ids", "userIds", str(exc))
        return {}


def _read_roles(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    roles = fmt.USER_ROLES["1.2"]
    known = {role: role for role in roles}  # the shared spelling of each role, not one string per row
    users = roster.users
    position = table.index.get
    user_at, role_at, type_at, org_at, status_at = (position(c, -1) for c in (
        "userSourcedId", "role", "roleType", "orgSourcedId", "status"))
    for line, row in table.rows():
        role, role_type = row[role_at], row[type_at] if type_at >= 0 else "primary"
        user = users.get(row[user_at])
        status = row[status_at] if status_at >= 0 else ""
        if user is not None and role in known and role_type in ("primary", "secondary") and status in ("", "active") \
                and row[org_at]:
            user.roles.append(UserRole(known[role], intern(row[org_at]), role_type == "primary"))
            continue
        c = cells.at(line, row)  # the slow path: says what is wrong, or reads what is merely unusual
        user_id = c.key("userSourcedId")
        role = c.enum("role", roles)
        role_type = c.enum("roleType", fmt.ROLE_TYPES, default="primary")
        org = c.key("orgSourcedId")
        if c.status() == "tobedeleted" or not c.valid:
            continue
        user = users.get(user_id)
        if user is None and fmt.USERS not in roster.unreadable:
            c.error("reference_missing", "userSourcedId", f"la personne « {user_id} » n'est pas dans {fmt.USERS}.")
        elif user is not None:
            user.roles.append(UserRole(role, intern(org), role_type == "primary"))


def _read_demographics(table: Table, roster: Roster, problems: ProblemLog) -> None:
    cells = _Cells(table)
    for line, row in table.rows():
        c = cells.at(line, row)
        sex = c.enum("sex", fmt.SEXES, default="") or None
        record = Demographics(c.key("sourcedId"), c.status(), c.date("birthDate"), sex, table.name, line)
        if c.valid:
            _register(roster.demographics, record.sourced_id, record, c, "fiche démographique")


def _read_enrollments(table: Table, roster: Roster, problems: ProblemLog) -> None:
    """Enrollments: the largest file (a student is in each of their classes).

    A student's enrollment in a scheduled class whose homeroom group Vitrail's extension column
    names is not kept: Vitrail needs it only to find that group, which it already has.
    """
    cells = _Cells(table)
    named_group = {sid for sid, klass in roster.classes.items()
                   if klass.class_type == ClassType.SCHEDULED and klass.meta.get(Meta.GROUP)}
    users = roster.users
    position = table.index.get
    class_at, user_at, role_at, status_at = (position(c, -1) for c in ("classSourcedId", "userSourcedId", "role",
                                                                       "status"))
    for line, row in table.rows():
        if row[role_at] == Role.STUDENT and row[class_at] in named_group and row[user_at] in users and \
                (status_at < 0 or row[status_at] in ("", "active")):
            continue
        c = cells.at(line, row)
        class_id, user_id, role = c.key("classSourcedId"), c.key("userSourcedId"), c.enum("role", fmt.ENROLLMENT_ROLES)
        if role == Role.STUDENT and class_id in named_group and c.valid:
            if user_id not in users and fmt.USERS not in roster.unreadable:
                c.error("reference_missing", "userSourcedId", f"personne « {user_id} » introuvable dans {fmt.USERS}.")
            continue
        enrollment = Enrollment(c.status(), intern(class_id), intern(user_id), role, c.boolean("primary", False),
                                table.name, line)
        if c.valid:
            roster.enrollments.append(enrollment)


_READERS: dict[str, Callable[[Table, Roster, ProblemLog], None]] = {
    fmt.ORGS: _read_orgs, fmt.SESSIONS: _read_sessions, fmt.COURSES: _read_courses, fmt.CLASSES: _read_classes,
    fmt.USERS: _read_users, fmt.ROLES: _read_roles, fmt.DEMOGRAPHICS: _read_demographics,
    fmt.ENROLLMENTS: _read_enrollments,
}
