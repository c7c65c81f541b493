"""Findings: every rule of accounts.md §2 (and the §5 code/fiche rules) checked over a whole board.

Each broken rule becomes a ``Finding`` the secretariat lists, filters by school, opens at the
right guardian, fixes and exports; fixing the record clears it at the next computation.

Severity, decided here (the spec is silent):

- ``error``: the portal misbehaves for this parent now (shared or cross-family email, an email
  the verification code can never reach, two addresses in one field, a malformed code or fiche);
- ``warning``: probably wrong, someone should look (no email for a répondant — some parents
  never want the portal —, a domain that looks like a typo, stray spaces, two emails for the
  same parent across siblings, a code that does not fit the name or birth date);
- ``info``: nothing to fix at the school; the parent must use the fiche or a NIP (incomplete code).

"Family", precisely: the connected components of the graph whose nodes are students and
guardians and whose edges are the student–guardian links (any link, répondant or not). Two
children sharing a guardian are in one family; a step-parent's other children join it too.

"Same person": two guardian rows with the same folded given name and surname (accents, case,
hyphens ignored) that are in the same family or have the same address. The secretariat often
enters a parent twice, once per child (often in two schools); those rows are one parent for
the sibling-email rule and are not "another family" for the cross-family rule.

Speed: a few Core SELECTs fetched as plain tuples and Python dicts (no ORM objects): about
1.4 s for 100,000 students on one core, 0.5 s of it reading (bench/bench_accounts.py); the first
computation of a process takes ~0.4 s more (email-validator on the unusual addresses, names
folded: both cached for the next). Emails in the common clean shape skip the full syntax check
(``_EmailVerdicts``); the rules comparing addresses look only at the few held more than once.
"""

from __future__ import annotations

import csv
import gc
import re
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple, TextIO

from email_validator.rfc_constants import EMAIL_MAX_LENGTH  # longer addresses are refused
from sqlalchemy import Connection, Select, String, cast, select

from desktop.models import Guardian, School, Student, StudentGuardian
from desktop.services.accounts.code_permanent import (
    INCOMPLETE,
    INVALID,
    check_code_fits,
    check_code_permanent,
    check_fiche,
    given_initial,
    surname_letters,
)
from desktop.services.emails import DOMAIN_TYPOS, TLD_TYPOS, check_email, near_common_domain
from desktop.services.text import fold


class Severity(StrEnum):
    """How bad a finding is, worst first; the value is what ``vitrail check --json`` prints."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITIES = tuple(Severity)
SEVERITY_LABELS = {ERROR: "Erreur", WARNING: "Avertissement", INFO: "Information"}


@dataclass(frozen=True)
class FindingKind:
    """What one finding code means: its title, the field to open, the usual severity."""

    code: str
    title: str
    field: str
    severity: Severity


FINDING_KINDS: dict[str, FindingKind] = {kind.code: kind for kind in (
    FindingKind("email_missing", "Répondant sans courriel", "email", WARNING),
    FindingKind("email_shared_by_guardians", "Courriel partagé par les deux répondants", "email", ERROR),
    FindingKind("email_inconsistent_siblings", "Courriels différents d'un enfant à l'autre", "email", WARNING),
    FindingKind("email_cross_family", "Courriel inscrit dans deux familles", "email", ERROR),
    FindingKind("email_invalid", "Courriel invalide", "email", ERROR),
    FindingKind("email_domain_typo", "Domaine de courriel douteux", "email", WARNING),
    FindingKind("code_permanent_incomplete", "Code permanent incomplet", "code_permanent", INFO),
    FindingKind("code_permanent_format", "Code permanent mal formé", "code_permanent", ERROR),
    FindingKind("code_permanent_mismatch", "Code permanent qui ne correspond pas", "code_permanent", WARNING),
    FindingKind("fiche_format", "Numéro de fiche mal formé", "fiche", ERROR),
)}
FINDING_CODES = tuple(FINDING_KINDS)


@dataclass(frozen=True)
class Finding:
    """One broken rule on one student (and one guardian for the email rules)."""

    code: str
    severity: Severity
    school_code: str
    school_name: str
    student_id: int
    student_fiche: str
    student_name: str
    guardian_id: int | None
    guardian_name: str
    message: str

    @property
    def field(self) -> str:
        """The field to open in the student editor to fix it."""
        return FINDING_KINDS[self.code].field

    @property
    def title(self) -> str:
        return FINDING_KINDS[self.code].title

    def as_json(self) -> dict[str, object]:
        """The shape ``vitrail check --json`` prints."""
        return {"code": self.code, "severity": self.severity, "school": self.school_code,
                "student_fiche": self.student_fiche, "guardian_id": self.guardian_id, "message": self.message}


# --------------------------------------------------------------------------- emails

# The clean shape nearly every stored email has. Anything matching it, no longer than an address
# may be (``EMAIL_MAX_LENGTH``) and on no special-use domain, is accepted by email-validator as it
# is (dot-atom local part, LDH labels, alphabetic TLD), so it skips that check. In two parts: the
# local part (with its "@") is matched for each address, the domain once for each distinct domain
# (``_clean_domain``); together they are the whole clean shape. ``\Z``, not ``$``: "$" also
# matches before a final line break, and "x@gmail.com\n" (a CSV's line end) is not clean.
_CLEAN_LOCAL = re.compile(r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@")
_CLEAN_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\Z")
_SPECIAL_USE_TLDS = {"arpa", "invalid", "local", "localhost", "onion", "test", "internal", "home", "lan"}


@lru_cache(maxsize=4096)
def _clean_domain(domain: str) -> bool:
    """A domain of the clean shape that is not special-use (cached: a board has a few hundred)."""
    return _CLEAN_DOMAIN.match(domain) is not None and domain.rsplit(".", 1)[1] not in _SPECIAL_USE_TLDS


@lru_cache(maxsize=4096)
def _usual_domain(domain: str) -> bool:
    """A clean domain that is no known misspelling (``DOMAIN_TYPOS``, ``TLD_TYPOS``)."""
    return _clean_domain(domain) and domain not in DOMAIN_TYPOS and domain.rsplit(".", 1)[1] not in TLD_TYPOS


@lru_cache(maxsize=4096)
def _plain_domain(domain: str) -> bool:
    """A usual domain near no common one: a clean address there has nothing to say about it."""
    return _usual_domain(domain) and near_common_domain(domain) is None


class EmailVerdict(NamedTuple):
    """What the findings need to know about one stored email field.

    A NamedTuple rather than a frozen dataclass: thousands are built per computation (every
    address that is not plainly clean), and a frozen dataclass's constructor costs several times more.
    """

    key: str | None          # comparison key (normalized, lower case); None when blank or unusable
    invalid: str | None      # French explanation when the field is not one usable address
    invalid_severity: Severity
    typo: str | None         # French explanation when the domain looks like a typo


class _EmailVerdicts:
    """``check_email`` with a fast path for the clean shape.

    The other addresses' verdicts are cached for the process (``_judge``): a verdict depends on the
    address alone, and ``check_email`` costs ~0.06 ms an address, so the next computation of the
    board, and a re-check, ask it only for addresses not seen yet.
    """

    def __call__(self, raw: str | None) -> EmailVerdict:
        if not raw or not raw.strip():
            return EmailVerdict(None, None, ERROR, None)
        if len(raw) <= EMAIL_MAX_LENGTH and (local := _CLEAN_LOCAL.match(raw)) and _plain_domain(raw[local.end():]):
            return EmailVerdict(raw, None, ERROR, None)  # not cached: the cache is for the few others
        return _judge(raw)

    def of_guardians(self, guardians: dict[int, _GuardianRow]) -> tuple[dict[int, str | None],
                                                                         dict[int, EmailVerdict]]:
        """Every guardian's email key, and the verdicts on the emails that are not plainly clean.

        Nearly every address is plainly clean (the clean shape on a usual domain, near no common
        one): its key is the address itself and it raises nothing, so it gets no verdict at all —
        no call, no cache, no tuple for 100,000 rows.
        """
        key_of = {guardian_id: row[2] for guardian_id, row in guardians.items()}
        verdicts: dict[int, EmailVerdict] = {}
        for guardian_id, raw in key_of.items():
            if raw and len(raw) <= EMAIL_MAX_LENGTH and (local := _CLEAN_LOCAL.match(raw)) \
                    and _plain_domain(raw[local.end():]):
                continue
            verdict = verdicts[guardian_id] = self(raw)
            key_of[guardian_id] = verdict.key
        return key_of, verdicts


@lru_cache(maxsize=16384)
def _judge(raw: str) -> EmailVerdict:
    """The verdict on one non-blank email field (see ``_EmailVerdicts``).

    A clean address on a misspelt domain ("gmial.com") needs no email-validator either: it would
    accept it as it is, and the typo's sentence is ``_near_miss``'s, as ``check_email`` words it.
    """
    local = _CLEAN_LOCAL.match(raw)
    if local is not None and len(raw) <= EMAIL_MAX_LENGTH and _clean_domain(domain := raw[local.end():]):
        return EmailVerdict(raw, None, ERROR, _near_miss(raw, domain))
    check = check_email(raw)
    key = check.normalized.lower() if check.normalized else None
    blocking = [p for p in check.problems if p.blocking]
    if blocking:
        return EmailVerdict(None, blocking[0].message, ERROR, None)
    invalid = None
    stray = check.problem("stray_spaces")
    if stray is not None:
        invalid = (f"Le courriel « {raw} » contient des espaces en trop : le code de vérification du portail "
                   f"risque de ne jamais arriver. Enregistrez « {check.normalized} ».")
    typo = check.problem("domain_typo")
    typo_text = typo.message if typo is not None else (_near_miss(key, key.rsplit("@", 1)[1]) if key else None)
    return EmailVerdict(key, invalid, WARNING, typo_text)


def _near_miss(address: str, domain: str) -> str | None:
    common = near_common_domain(domain)
    if common is None:
        return None
    local = address.rsplit("@", 1)[0]
    return (f"Le domaine « {domain} » ressemble à une faute de frappe. "
            f"Vouliez-vous dire « {local}@{common} » ?")


def _troubled(verdict: EmailVerdict) -> bool:
    """Whether this email alone raises a finding (missing, invalid or a doubtful domain)."""
    return verdict.key is None or verdict.invalid is not None or verdict.typo is not None


# --------------------------------------------------------------------------- loading


# (fiche, code permanent, last name, first name, birth date as ISO text, school id)
_StudentRow = tuple[str, str | None, str, str, str, int]
# (last name, first name, email, address)
_GuardianRow = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class _Board:
    """The board as plain tuples, indexed the way the rules need."""

    schools: dict[int, tuple[str, str]]                      # id → (code, name)
    students: dict[int, _StudentRow]
    guardians: dict[int, _GuardianRow]
    links: list[tuple[int, int, int | None]]                 # (student, guardian, rank)
    # Each row's ``version`` as read: a re-check knows by how much its own reads moved the
    # versions, which tells whether the board changed elsewhere meanwhile (``findings_snapshot``).
    student_versions: dict[int, int]
    guardian_versions: dict[int, int]


def _rows(connection: Connection, statement: Select[Any]) -> list[tuple[Any, ...]]:
    """All rows of a parameterless SELECT as plain DB-API tuples.

    Skips SQLAlchemy's Row objects and type processing (half the cost at 100,000 rows); the
    statement is still built with Core, so it is right for SQLite and PostgreSQL alike.
    """
    sql = str(statement.compile(dialect=connection.dialect))
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None, "a connection in use has its driver connection"
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _load(connection: Connection) -> _Board:
    """Four SELECTs fetched whole as tuples.

    The birth date is read as ISO text (cast), not as a ``date``: converting 100,000 of them
    costs more than the rules that use them. Guardians come in id order, so the messages are the
    same from one computation to the next (which other parent a cross-family finding names first):
    PostgreSQL returns an unordered table in its storage order, which an UPDATE of a guardian's
    email changes. Students and links need no order: the list is sorted, and a message naming a
    guardian's child names the smallest id, or all of them in id order (an import re-ranking a
    link moves it in storage). Asking for the students' order cost a board administrator 60 ms:
    under row-level security the server reads the students by school, then sorted 100,000 rows
    on disk.
    """
    schools = {row[0]: (row[1], row[2]) for row in _rows(connection, select(School.id, School.code, School.name))}
    student_rows = _rows(connection, select(*_STUDENT_COLUMNS).where(Student.active.is_(True)))
    guardian_rows = _rows(connection, select(*_GUARDIAN_COLUMNS).order_by(Guardian.id))
    # Students who left and links the SIS ended (imports deactivate, never delete) raise no finding.
    # The students' filter is applied here rather than by a join: the active students are at hand,
    # and the join cost the server more than the whole link table.
    students = {row[0]: row[1:-1] for row in student_rows}
    links = [link for link in _rows(connection, select(StudentGuardian.student_id, StudentGuardian.guardian_id,
                                                       StudentGuardian.respondent_rank)
                                    .where(StudentGuardian.active.is_(True)))
             if link[0] in students]
    return _Board(schools, students, {row[0]: row[1:-1] for row in guardian_rows}, links,
                  {row[0]: row[-1] for row in student_rows}, {row[0]: row[-1] for row in guardian_rows})


# What the rules read of a student and of a guardian: the id first, the version last (``_Board``).
_STUDENT_COLUMNS = (Student.id, Student.fiche, Student.code_permanent, Student.last_name, Student.first_name,
                    cast(Student.birth_date, String), Student.school_id, Student.version)
_GUARDIAN_COLUMNS = (Guardian.id, Guardian.last_name, Guardian.first_name, Guardian.email, Guardian.address,
                     Guardian.version)
# Per table, the columns read beyond their own row: persons join guardians by name and address, other
# rows' findings name a student by fiche and name, a student's school and activity decide where the
# findings are listed. An UPDATE of any other column of a guardian or a student (an email, a code
# permanent, a phone: its version moves) is taken in by re-reading the row (``BoardFindings.recheck``,
# ``recheck_students``); one of these needs the whole board again (``findings_snapshot.fixes_since``).
READ_BEYOND_THE_ROW = {
    Guardian.__tablename__: {column.key for column in (Guardian.last_name, Guardian.first_name, Guardian.address)},
    Student.__tablename__: {column.key for column in (Student.fiche, Student.last_name, Student.first_name,
                                                      Student.school_id, Student.active)},
}


class _UnionFind:
    """Disjoint sets of ids, each named by its smallest id (path halving; an id never joined is
    its own set)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self.parent
        while (up := parent.get(item, item)) != item:
            grand = parent.get(up, up)
            parent[item] = grand
            item = grand
        return item

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b`` under the smaller name. ``find`` is written out twice:
        this runs once per sibling link (100,000 times), where two more calls cost more than the walks."""
        parent = self.parent
        while (up := parent.get(a, a)) != a:
            grand = parent.get(up, up)
            parent[a] = grand
            a = grand
        while (up := parent.get(b, b)) != b:
            grand = parent.get(up, up)
            parent[b] = grand
            b = grand
        if a != b:
            parent[max(a, b)] = min(a, b)

    def joined(self) -> dict[int, int]:
        """id → its set's name, for the ids joined to a smaller one (the others name their own set)."""
        return {item: self.find(item) for item in self.parent}


# The links indexed by student and by guardian, each in link order (messages name the first).
_LinksOfStudent = dict[int, list[tuple[int, int | None]]]   # student → (guardian, rank)
_LinksOfGuardian = dict[int, list[int]]                      # guardian → students


def _index_links(links: list[tuple[int, int, int | None]]) -> tuple[_LinksOfStudent, _LinksOfGuardian]:
    of_student: _LinksOfStudent = defaultdict(list)
    of_guardian: _LinksOfGuardian = defaultdict(list)
    for student_id, guardian_id, rank in links:
        of_student[student_id].append((guardian_id, rank))
        of_guardian[guardian_id].append(student_id)
    return of_student, of_guardian


def families(links: list[tuple[int, int, int | None]]) -> dict[int, int]:
    """guardian id → family id (connected components of students and guardians, see module doc).

    Computed over guardians only: the guardians of one student are joined to the student's first
    guardian, which yields the same components with fewer nodes than the student–guardian graph.
    A family is named by its smallest guardian id.
    """
    union = _UnionFind()
    first_guardian: dict[int, int] = {}
    for student_id, guardian_id, _rank in links:
        first = first_guardian.setdefault(student_id, guardian_id)
        if first != guardian_id:
            union.union(guardian_id, first)
    family_of = {guardian_id: guardian_id for _student, guardian_id, _rank in links}
    family_of.update(union.joined())
    return family_of


def persons(guardians: dict[int, _GuardianRow], family_of: dict[int, int]) -> dict[int, int]:
    """guardian id → person id (the smallest guardian id among the rows of one person).

    Each row is joined to the first row seen with its folded name and family, and to the first
    with its folded name and address (case and surrounding spaces ignored); rows so joined are one
    person. Two dictionary inserts a row and no grouping by name first: grouping, then walking
    each name's rows, cost twice as much (100,000 rows, most names held by several).
    """
    union = _UnionFind()
    first_at_address: dict[tuple[str, str, str], int] = {}
    first_in_family: dict[tuple[str, str, int], int] = {}
    for row, (last, first, _email, address) in guardians.items():
        name_first, name_last = fold(first), fold(last)
        met = first_at_address.setdefault((name_first, name_last, (address or "").strip().lower()), row)
        if met != row:
            union.union(row, met)
        family = family_of.get(row)
        if family is not None:
            met = first_in_family.setdefault((name_first, name_last, family), row)
            if met != row:
                union.union(row, met)
    person_of = {row: row for row in guardians}
    person_of.update(union.joined())
    return person_of


def _rows_of_persons(person_of: dict[int, int]) -> dict[int, list[int]]:
    """person id → its rows in id order, for the persons of several rows only (few: one walk over
    the rows that are not their own person)."""
    rows_of_person: dict[int, list[int]] = {}
    for row in sorted(row for row, person in person_of.items() if row != person):
        person = person_of[row]
        rows_of_person.setdefault(person, [person]).append(row)
    return rows_of_person


# --------------------------------------------------------------------------- the rules


class _FindingsBuilder:
    """Collects findings; with ``only``, those of these guardians alone (a re-check after a fix)."""

    def __init__(self, board: _Board, only: set[int] | None = None) -> None:
        self.board = board
        self.only = only
        self.found: list[Finding] = []

    def add(self, code: str, student_id: int, guardian_id: int | None, message: str,
            severity: Severity | None = None) -> None:
        if self.only is not None and guardian_id not in self.only:
            return
        fiche, _code, last, first, _birth, school_id = self.board.students[student_id]
        school_code, school_name = self.board.schools.get(school_id, ("", ""))
        guardian_name = "" if guardian_id is None else self.guardian_label(guardian_id)
        self.found.append(Finding(code, severity or FINDING_KINDS[code].severity, school_code, school_name,
                                  student_id, fiche, f"{first} {last}", guardian_id, guardian_name, message))

    def student_label(self, student_id: int) -> str:
        fiche, _code, last, first, _birth, _school = self.board.students[student_id]
        return f"{first} {last} (fiche {fiche})"

    def guardian_label(self, guardian_id: int) -> str:
        last, first, _email, _address = self.board.guardians[guardian_id]
        return f"{first} {last}"


def compute_findings(connection: Connection, *, school_code: str | None = None) -> list[Finding]:
    """Every finding of the database (all boards), optionally only those of one school.

    Families and shared emails are always computed over everything: a school filter must not
    hide that a sibling in another school has another email.
    """
    return BoardFindings.load(connection).findings(school_code)


_ORDER = {severity: index for index, severity in enumerate(SEVERITIES)}


def finding_order(finding: Finding) -> tuple[str, int, str, str, int, int]:
    """Where a finding stands in a list: by school, gravity, code, student, guardian (then the
    student's id: two homonyms in one school always come in the same order)."""
    return (finding.school_code, _ORDER[finding.severity], finding.code, finding.student_name,
            finding.guardian_id or 0, finding.student_id)


def _sorted(found: list[Finding]) -> list[Finding]:
    return sorted(found, key=finding_order)


def _merged(kept: list[Finding], new: list[Finding]) -> list[Finding]:
    """``kept``, in list order, with ``new`` put in their places: a re-check's few findings placed by
    bisection, where sorting the board's list again would order 20,000 keys at each fix."""
    for finding in new:
        insort(kept, finding, key=finding_order)
    return kept


@dataclass(frozen=True)
class FindingsUpdate:
    """A re-check after a fix: ``findings`` replace every finding of ``guardians``, and every finding
    about the student alone (code permanent, fiche) of ``students``."""

    guardians: frozenset[int]
    findings: list[Finding]
    students: frozenset[int] = frozenset()

    def replaces(self, finding: Finding) -> bool:
        """Whether ``finding``, listed before the fix, is one this update replaces."""
        if finding.guardian_id is None:
            return finding.student_id in self.students
        return finding.guardian_id in self.guardians


class BoardFindings:
    """The board's findings, computed whole once, then kept current guardian by guardian.

    A fix to an email changes neither families (links) nor persons (names, addresses, families):
    only the verdict on that email. ``recheck`` therefore re-reads the touched guardians' emails
    and re-runs the email rules for the guardians whose findings can change — the touched ones,
    the other guardians of their children (shared email), the other rows of the same person
    (siblings' emails), and every holder of the old or new address (cross-family) — in
    milliseconds, where the whole board takes a second or more. Anything else (an import, a
    link or a name changed) needs ``load`` again.
    """

    def __init__(self, board: _Board) -> None:
        self.board = board
        self.links_of_student, self.links_of_guardian = _index_links(board.links)
        self.family_of = families(board.links)
        self.person_of = persons(board.guardians, self.family_of)
        # guardian → its email's comparison key (None: blank or unusable), and the verdicts on the
        # emails that are not plainly clean (a plainly clean email is its own key and raises nothing).
        self.email_key, self.verdicts = _EmailVerdicts().of_guardians(board.guardians)
        # Kept while the page shows the findings (100,000 students: well over 100 MB), so only what a
        # re-check needs: persons of several rows (a person of one row is its guardian's id), no
        # flat list of links.
        self.rows_of_person = _rows_of_persons(self.person_of)
        builder = _FindingsBuilder(board)
        _student_rules(builder, board.students.items())
        self._email_rules(builder)
        self._found = _sorted(builder.found)  # kept in list order: a re-check places its findings
        self.board = replace(board, links=[])
        # By how much the versions this object re-read moved since it was loaded: the rest of the
        # board's versions are as loaded, unless another workstation wrote (``findings_snapshot``).
        self.versions_moved = {"student": 0, "guardian": 0}

    @classmethod
    def load(cls, connection: Connection) -> BoardFindings:
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of tuples and no cycles: the collector would only rescan them
        try:
            return cls(_load(connection))
        finally:
            if collecting:
                gc.enable()

    def findings(self, school_code: str | None = None) -> list[Finding]:
        return list(self._found) if school_code is None else [f for f in self._found if f.school_code == school_code]

    def recheck(self, connection: Connection, guardian_ids: Iterable[int]) -> FindingsUpdate:
        """Re-read these guardians' emails; the findings of every guardian they may affect, as they are now."""
        touched = {gid for gid in guardian_ids if gid in self.board.guardians}
        if not touched:
            return FindingsUpdate(frozenset(), [])
        affected = set(touched)
        fresh: dict[int, str | None] = {}
        for guardian_id, email, version in connection.execute(
                select(Guardian.id, Guardian.email, Guardian.version).where(Guardian.id.in_(sorted(touched)))):
            fresh[guardian_id] = email
            self.versions_moved["guardian"] += version - self.board.guardian_versions[guardian_id]
            self.board.guardian_versions[guardian_id] = version
        verdict_of = _EmailVerdicts()
        addresses = set()
        for guardian_id in touched:
            affected |= self._neighbours(guardian_id)
            addresses.add(self.email_key[guardian_id])  # its other holders lose a duplicate
            last, first, _email, address = self.board.guardians[guardian_id]
            self.board.guardians[guardian_id] = (last, first, fresh.get(guardian_id), address)
            verdict = self.verdicts[guardian_id] = verdict_of(fresh.get(guardian_id))
            self.email_key[guardian_id] = verdict.key
            addresses.add(verdict.key)  # its other holders gain one
            affected |= self._neighbours(guardian_id)
        for rows in self._holders(addresses - {None}).values():
            affected.update(rows)
        builder = _FindingsBuilder(self.board, affected)
        self._email_rules(builder, affected)
        found = _sorted(builder.found)
        self._found = _merged([f for f in self._found if f.guardian_id not in affected], found)
        return FindingsUpdate(frozenset(affected), found)

    def recheck_students(self, connection: Connection, student_ids: Iterable[int]) -> FindingsUpdate:
        """Re-read these students (a code permanent corrected); their own findings as they are now.

        Only the fiche and code permanent rules read a student's row alone; names and birth dates
        come from the SIS (an import recomputes the board), so the email findings stay as they are.
        """
        touched = sorted(sid for sid in student_ids if sid in self.board.students)
        if not touched:
            return FindingsUpdate(frozenset(), [])
        rows = [tuple(row) for row in connection.execute(select(*_STUDENT_COLUMNS).where(Student.id.in_(touched)))]
        for row in rows:
            self.board.students[row[0]] = row[1:-1]
            self.versions_moved["student"] += row[-1] - self.board.student_versions[row[0]]
            self.board.student_versions[row[0]] = row[-1]
        builder = _FindingsBuilder(self.board)
        _student_rules(builder, [(sid, self.board.students[sid]) for sid in touched])
        update = FindingsUpdate(frozenset(), _sorted(builder.found), frozenset(touched))
        self._found = _merged([f for f in self._found if not update.replaces(f)], update.findings)
        return update

    def _neighbours(self, guardian_id: int) -> set[int]:
        """The guardians of ``guardian_id``'s children and the other rows of the same person."""
        found = {g for s in self.links_of_guardian.get(guardian_id, ()) for g, _rank in self.links_of_student[s]}
        person = self.person_of.get(guardian_id)
        found.update(self.rows_of_person.get(person, ()) if person is not None else ())
        return found

    def _holders(self, keys: set[str | None]) -> dict[str, list[int]]:
        """The guardians holding each address of ``keys``, in id order (one pass, no index kept:
        an index of every address would cost more memory than the pass costs time)."""
        holders: dict[str, list[int]] = defaultdict(list)
        for guardian_id, key in self.email_key.items():
            if key is not None and key in keys:
                holders[key].append(guardian_id)
        return holders

    def _email_rules(self, builder: _FindingsBuilder, only: set[int] | None = None) -> None:
        """The email rules over the board, or only where the findings of ``only`` come from.

        Board-wide, the rules that compare addresses (shared by a student's guardians, cross-family)
        look only at the addresses held by several guardians and at those guardians' students: a
        few thousand, where a walk over every student would check 100,000.
        """
        verdicts, email_key = self.verdicts, self.email_key
        if only is None:
            troubled = {g for g, verdict in verdicts.items() if _troubled(verdict)}
            holders = self._shared_addresses()
            students = {s for rows in holders.values() for g in rows for s in self.links_of_guardian.get(g, ())}
            persons_seen: Iterable[list[int]] = self.rows_of_person.values()
        else:
            troubled = {g for g in only if g in verdicts and _troubled(verdicts[g])}
            holders = self._holders({email_key[g] for g in only})
            students = {s for g in only for s in self.links_of_guardian.get(g, ())}
            persons_seen = [self.rows_of_person[p] for p in {self.person_of.get(g) for g in only}
                            if p in self.rows_of_person]
        for student_id, guardian_id, rank in self._links_among(troubled):
            _single_email_rules(builder, student_id, guardian_id, rank, verdicts[guardian_id])
        for student_id in students:
            links = self.links_of_student[student_id]
            if len(links) > 1:
                _shared_by_guardians(builder, student_id, links, email_key, self.person_of)
        _inconsistent_siblings(builder, email_key, persons_seen, self.links_of_guardian)
        linked = {key: [g for g in rows if g in self.family_of] for key, rows in holders.items()}
        _cross_family(builder, linked, self.person_of, self.family_of, self.links_of_guardian)

    def _shared_addresses(self) -> dict[str, list[int]]:
        """Each address held by several guardians, with its holders in id order: one count of the
        addresses (at C speed), one walk."""
        held = Counter(self.email_key.values())
        holders: dict[str, list[int]] = defaultdict(list)
        for guardian_id, key in self.email_key.items():
            if key is not None and held[key] > 1:
                holders[key].append(guardian_id)
        return holders

    def _links_among(self, guardians: set[int]) -> list[tuple[int, int, int | None]]:
        """The links (student, guardian, rank) of these guardians, read from the indexes (the board's
        flat list of links is not kept)."""
        students = {s for g in guardians for s in self.links_of_guardian.get(g, ())}
        return [(s, g, rank) for s in students for g, rank in self.links_of_student[s] if g in guardians]


_PLAIN_FICHE = re.compile(r"[0-9]{1,7}\Z")
_PLAIN_CODE = re.compile(r"[A-Z]{4}[0-9]{8}\Z")


def _student_rules(builder: _FindingsBuilder, students: Iterable[tuple[int, _StudentRow]]) -> None:
    """Fiche and code permanent rules; the common clean case is checked inline (100,000 rows).

    The inline check mirrors ``check_code_fits`` with what it expects worked out once per surname,
    given name and birth date (a board has a few thousand of each); only when it sees a difference
    is the full rule asked (which decides, and words the message).
    """
    for student_id, (fiche, code, last, first, birth, _school) in students:
        if not _PLAIN_FICHE.match(fiche or ""):
            fiche_check = check_fiche(fiche)
            if not fiche_check.acceptable:
                builder.add("fiche_format", student_id, None,
                            fiche_check.message + " Corrigez le numéro de fiche au dossier de l'élève.")
        if not code:
            continue
        if _PLAIN_CODE.match(code):
            letters, initial = _code_letters(last), _code_initial(first)
            if ((not letters or code[:3] == letters) and (not initial or code[3] == initial)
                    and code[4:10] in _birth_digits(birth)):
                continue
        _code_rules(builder, student_id, code, last, first, birth)


# What a code permanent should show for a surname, a given name, a birth date: cached for the
# process (the same few thousand come back at each computation), with "" for "any".
@lru_cache(maxsize=65536)
def _code_letters(last_name: str) -> str:
    return surname_letters(last_name) or ""


_code_initial = lru_cache(maxsize=65536)(given_initial)


@lru_cache(maxsize=65536)
def _birth_digits(birth: str) -> frozenset[str]:
    """The six digits ("DDMMYY") a code permanent may show for this birth date (ISO text): day d or
    d+62, month m, m+50 or m+25, as ``check_code_fits`` accepts them."""
    year, month, day = int(birth[0:4]), int(birth[5:7]), int(birth[8:10])
    return frozenset(f"{d:02d}{m:02d}{year % 100:02d}"
                     for d in (day, day + 62) for m in (month, month + 50, month + 25))


def _code_rules(builder: _FindingsBuilder, student_id: int, code: str, last: str, first: str, birth: str) -> None:
    code_check = check_code_permanent(code)
    if code_check.status == INVALID:
        builder.add("code_permanent_format", student_id, None,
                    code_check.message + " Corrigez-le d'après la confirmation de fréquentation du ministère.")
        return
    if code_check.status == INCOMPLETE:
        builder.add("code_permanent_incomplete", student_id, None, code_check.message)
    fit = check_code_fits(code_check.normalized or "", last, first, date.fromisoformat(birth[:10]))
    if not fit.fits:
        builder.add("code_permanent_mismatch", student_id, None, fit.message())


def _single_email_rules(builder: _FindingsBuilder, student_id: int, guardian_id: int, rank: int | None,
                        verdict: EmailVerdict) -> None:
    raw = builder.board.guardians[guardian_id][2]
    if not raw or not raw.strip():
        if rank is not None:
            builder.add("email_missing", student_id, guardian_id,
                        f"{builder.guardian_label(guardian_id)} (répondant {rank}) n'a aucun courriel au dossier : "
                        "sans courriel, ce parent ne peut pas créer de compte sur le portail. "
                        "Demandez-lui son adresse et inscrivez-la à sa fiche de répondant.")
        return
    if verdict.invalid is not None:
        builder.add("email_invalid", student_id, guardian_id,
                    f"{builder.guardian_label(guardian_id)} : {verdict.invalid}", verdict.invalid_severity)
    if verdict.typo is not None:
        builder.add("email_domain_typo", student_id, guardian_id,
                    f"{builder.guardian_label(guardian_id)} : {verdict.typo} Vérifiez l'adresse auprès du parent : "
                    "avec une faute dans le domaine, le code de vérification du portail n'arrive jamais.")


def _shared_by_guardians(builder: _FindingsBuilder, student_id: int, links: list[tuple[int, int | None]],
                         email_key: dict[int, str | None], person_of: dict[int, int]) -> None:
    keys = [email_key[guardian_id] for guardian_id, _rank in links]
    present = [key for key in keys if key is not None]
    if len(set(present)) == len(present):
        return
    by_email: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for guardian_id, rank in links:
        key = email_key[guardian_id]
        if key is not None:
            by_email[key].append((rank if rank is not None else 99, guardian_id))
    for key, holders in by_email.items():
        if len({person_of[g] for _r, g in holders}) < 2:
            continue
        holders.sort()
        first = holders[0][1]
        for _rank, guardian_id in holders[1:]:
            builder.add("email_shared_by_guardians", student_id, guardian_id,
                        f"{builder.guardian_label(guardian_id)} et {builder.guardian_label(first)} ont le même "
                        f"courriel « {key} » : le portail ne peut pas distinguer deux répondants qui partagent "
                        "une adresse. Remplacez ce courriel par l'adresse personnelle de ce répondant, "
                        "ou retirez-le.")


def _inconsistent_siblings(builder: _FindingsBuilder, email_key: dict[int, str | None],
                           rows_of_persons: Iterable[list[int]], links_of_guardian: dict[int, list[int]]) -> None:
    for rows in rows_of_persons:
        if len(rows) < 2:
            continue
        keys = {email_key[g] for g in rows if email_key[g] is not None}
        if len(keys) < 2:
            continue
        for guardian_id in rows:
            mine = email_key[guardian_id]
            if mine is None:
                continue
            others = [(g, s) for g in rows if email_key[g] not in (None, mine) for s in sorted(links_of_guardian[g])]
            elsewhere = "; ".join(f"« {email_key[g]} » pour {builder.student_label(s)}" for g, s in others)
            for student_id in links_of_guardian[guardian_id]:
                builder.add("email_inconsistent_siblings", student_id, guardian_id,
                            f"{builder.guardian_label(guardian_id)} est inscrit avec le courriel « {mine} » pour cet "
                            f"élève, mais {elsewhere}. Un parent doit avoir le même courriel pour tous ses enfants, "
                            "dans toutes les écoles, sinon il ne les voit pas tous dans son compte. "
                            "Demandez-lui lequel il utilise et corrigez les autres.")


def _cross_family(builder: _FindingsBuilder, holders: dict[str, list[int]], person_of: dict[int, int],
                  family_of: dict[int, int], links_of_guardian: dict[int, list[int]]) -> None:
    """Addresses held in two families: ``holders`` gives each address's linked guardians, in id order."""
    for key, rows in holders.items():
        if len(rows) < 2 or len({family_of[g] for g in rows}) < 2:
            continue
        for guardian_id in rows:
            strangers = [g for g in rows if family_of[g] != family_of[guardian_id]
                         and person_of[g] != person_of[guardian_id]]
            if not strangers:
                continue
            named = ", ".join(
                f"{builder.guardian_label(g)} (parent de {builder.student_label(min(links_of_guardian[g]))})"
                for g in strangers[:3])
            for student_id in links_of_guardian[guardian_id]:
                builder.add("email_cross_family", student_id, guardian_id,
                            f"Le courriel « {key} » de {builder.guardian_label(guardian_id)} est aussi inscrit pour "
                            f"{named}, d'une autre famille : ce parent verrait dans son compte un enfant qui n'est "
                            "pas le sien. Vérifiez à qui appartient l'adresse et corrigez l'autre fiche.")


# --------------------------------------------------------------------------- export

CSV_COLUMNS = ("Code", "Gravité", "École", "Fiche", "Élève", "Répondant (no)", "Répondant", "Constat", "Explication")


def write_findings_csv(findings: Iterable[Finding], out: TextIO) -> int:
    """Write findings as CSV for a spreadsheet; returns the number of rows.

    Semicolon-separated (what a French-Canadian Excel expects); the caller opens ``out`` with
    ``encoding="utf-8-sig"`` and ``newline=""`` so Excel reads the accents.
    """
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for f in findings:
        writer.writerow((f.code, SEVERITY_LABELS[f.severity], f"{f.school_code} {f.school_name}".strip(),
                         f.student_fiche, f.student_name, f.guardian_id or "", f.guardian_name, f.title, f.message))
        count += 1
    return count
