"""The association diagnostic (accounts.md §4): what the portal would decide, field by field.

The secretary types what the parent typed in the portal's association form; ``diagnose`` finds
the student the parent most probably meant and explains every difference with the sentence to
tell the parent. It is for the secretariat's screen: messages never quote data the caller did
not type (no name, date, fiche or email from the file), so the secretary may read them aloud.

The portal associates when the board, the surname and given name (exactly: accents, hyphens,
every surname in order, no nickname), the birth date and one identifier (fiche, 12-character
code permanent, or a NIP issued to this guardian) all match, and the account's email is on the
child's file. ``outcome`` is "match" only then.

Finding the student: ``StudentDirectory`` holds every student as a tuple with dict indexes by
(board, fiche), code permanent, its 10 first characters, (board, birth date) and (board, folded
surname word). Loading it takes about a second for 100,000 students; an answer then costs a
few dict lookups plus, for a NIP, one argon2 check per NIP of the child (~10 ms each). A student
is "the one meant" when at least two of the three pillars agree (identifier, birth date exact
or day/month swapped, names up to the differences listed above) and no other student scores as
well.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from desktop.models import AuditAction, AuditEntry, Guardian, SchoolBoard, Student, StudentGuardian
from desktop.services.accounts import nips
from desktop.services.accounts.code_permanent import (
    COMPLETE,
    INCOMPLETE,
    check_code_fits,
    check_code_permanent,
    check_fiche,
    normalize_code_permanent,
)
from desktop.services.audit import record_event
from desktop.services.emails import check_email, email_risk
from desktop.services.text import fold

MATCH = "match"
NO_MATCH = "no_match"

DIAGNOSTIC_CODES = (
    "match", "no_student", "name_accent", "name_hyphen_space", "name_order", "name_missing_part",
    "name_nickname", "name_case", "birth_date_mismatch", "birth_date_day_month_swapped", "fiche_format",
    "code_permanent_incomplete", "code_permanent_format", "code_permanent_mismatch", "nip_wrong",
    "nip_expired", "nip_revoked", "nip_other_guardian", "email_not_on_file", "email_on_other_guardian",
    "code_permanent_truncated", "email_at_risk", "nip_checks_refused",
)
FIELDS = ("board", "last_name", "first_name", "birth_date", "fiche", "code_permanent", "nip", "email")
SCREEN_NOTICE = ("Pour l'écran du secrétariat : ces explications ne citent que ce que le parent a tapé ; "
                 "ne lui lisez jamais les données du dossier.")


@dataclass(frozen=True)
class AssociationAttempt:
    """What the parent typed in the portal's association form (any field may be wrong)."""

    board_code: str
    last_name: str
    first_name: str
    birth_date: date | None
    fiche: str | None = None
    code_permanent: str | None = None
    nip: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class DiagnosticFinding:
    code: str
    field: str
    message: str
    fix: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "field": self.field, "message": self.message, "fix": self.fix}


@dataclass(frozen=True)
class Diagnosis:
    """The verdict. ``student_fiche`` only on a match (never reveal a fiche the parent did not type)."""

    outcome: str
    student_fiche: str | None
    findings: tuple[DiagnosticFinding, ...]
    student_id: int | None = field(default=None, compare=False)
    # The guardian the attempt points to (by the account's email or the NIP): the secretary opens the
    # student's file on that guardian's row in one click, to fix the email (accounts.md §4).
    guardian_id: int | None = field(default=None, compare=False)
    # That student's school, read with the child's guardians: the access check needs no further read.
    school_id: int | None = field(default=None, compare=False)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"outcome": self.outcome}
        if self.outcome == MATCH:
            data["student_fiche"] = self.student_fiche
        data["findings"] = [f.as_json() for f in self.findings]
        return data

    def for_field(self, name: str) -> list[DiagnosticFinding]:
        return [f for f in self.findings if f.field == name]

    def advice(self) -> str:
        """The sentence(s) to tell the parent."""
        if self.outcome == MATCH:
            return self.findings[0].fix
        fixes = list(dict.fromkeys(f.fix for f in self.findings if f.fix))
        return " ".join(fixes)


# --------------------------------------------------------------------------- the directory


@dataclass(frozen=True)
class _Row:
    id: int
    board_id: int
    fiche: str
    code: str | None
    last_name: str
    first_name: str
    birth_date: date


class StudentDirectory:
    """Every student as plain tuples, indexed for the diagnostic's lookups (see module doc)."""

    def __init__(self, boards: dict[str, int], rows: list[_Row]) -> None:
        self.boards = boards
        self.rows = {row.id: row for row in rows}
        self.by_fiche: dict[tuple[int, str], int] = {}
        self.by_code: dict[str, int] = {}
        self.by_code10: dict[str, list[int]] = defaultdict(list)
        self.by_birth: dict[tuple[int, date], list[int]] = defaultdict(list)
        self.by_surname_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        for row in rows:
            self.by_fiche[(row.board_id, row.fiche)] = row.id
            if row.code:
                code = normalize_code_permanent(row.code)
                self.by_code[code] = row.id
                self.by_code10[code[:10]].append(row.id)
            self.by_birth[(row.board_id, row.birth_date)].append(row.id)
            for word in fold(row.last_name).split():
                self.by_surname_word[(row.board_id, word)].append(row.id)

    @classmethod
    def load(cls, connection: Connection) -> StudentDirectory:
        boards = {code.upper(): board_id for board_id, code in connection.execute(
            select(SchoolBoard.id, SchoolBoard.code))}
        rows = [_Row(*row) for row in connection.execute(select(
            Student.id, Student.board_id, Student.fiche, Student.code_permanent, Student.last_name,
            Student.first_name, Student.birth_date).where(Student.active.is_(True)))]
        return cls(boards, rows)


# --------------------------------------------------------------------------- names

_SEPARATOR = re.compile(r"[\s\-'\u2019]+")


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _tokens(text: str) -> list[str]:
    return [t for t in _SEPARATOR.split(text.strip()) if t]


def _separators(text: str) -> list[str]:
    return ["-" if "-" in s else ("'" if ("'" in s or "\u2019" in s) else " ")
            for s in _SEPARATOR.findall(text.strip())]


def name_differences(typed: str, on_file: str, *, given_name: bool) -> list[str] | None:
    """The codes explaining how ``typed`` differs from ``on_file``; [] if identical, None if unexplained.

    Codes: name_case, name_accent, name_hyphen_space, name_order, name_missing_part, and for a
    given name name_nickname (the typed name is the beginning of the one on file: "Alex").
    """
    if typed == on_file:
        return []
    typed_words, file_words = _tokens(typed), _tokens(on_file)
    typed_folded, file_folded = [fold(w) for w in typed_words], [fold(w) for w in file_words]
    codes: list[str] = []
    if not typed_folded:
        return None
    if typed_folded == file_folded:
        if _separators(typed) != _separators(on_file):
            codes.append("name_hyphen_space")
    elif "".join(typed_folded) == "".join(file_folded):
        return ["name_hyphen_space", *_letter_codes(typed.replace(" ", "").replace("-", ""),
                                                     on_file.replace(" ", "").replace("-", ""))]
    elif sorted(typed_folded) == sorted(file_folded):
        codes.append("name_order")
    elif given_name and len("".join(typed_folded)) >= 2 and " ".join(file_folded).startswith(" ".join(typed_folded)):
        codes.append("name_nickname")
        return codes + _letter_codes(typed, on_file[:len(typed)])
    elif set(typed_folded) < set(file_folded) and len(set(typed_folded)) == len(typed_folded):
        codes.append("name_missing_part")
        if typed_folded != [w for w in file_folded if w in typed_folded]:
            codes.append("name_order")
    else:
        return None
    return codes + [c for c in _word_letter_codes(typed_words, file_words) if c not in codes]


def _word_letter_codes(typed_words: list[str], file_words: list[str]) -> list[str]:
    """name_accent / name_case found by pairing each typed word with a word on file, in order."""
    codes: list[str] = []
    remaining = list(file_words)
    for word in typed_words:
        match = next((w for w in remaining if fold(w) == fold(word)), None)
        if match is not None:
            remaining.remove(match)
            codes += [c for c in _letter_codes(word, match) if c not in codes]
    return codes


def _letter_codes(typed: str, on_file: str) -> list[str]:
    """name_accent and/or name_case between two spellings of the same letters."""
    codes = []
    if typed.lower() != on_file.lower() and _strip_accents(typed).lower() == _strip_accents(on_file).lower():
        codes.append("name_accent")
    if _strip_accents(typed) != _strip_accents(on_file) and _strip_accents(typed).lower() == _strip_accents(
            on_file).lower():
        codes.append("name_case")
    return codes


_NAME_TEXT = {
    "last_name": ("Le nom de famille", "le nom de famille"),
    "first_name": ("Le prénom", "le prénom"),
}


def _name_finding(code: str, field_name: str) -> DiagnosticFinding:
    subject, object_ = _NAME_TEXT[field_name]
    exactly = "exactement comme sur le bulletin de l'enfant"
    texts = {
        "name_accent": (f"{subject} tapé diffère du dossier par un accent (manquant, en trop ou différent).",
                        f"Tapez {object_} {exactly}, avec ses accents."),
        "name_case": (f"{subject} tapé diffère du dossier par des majuscules ou des minuscules.",
                      f"Tapez {object_} {exactly}, majuscules comprises."),
        "name_hyphen_space": (f"{subject} tapé diffère du dossier par un trait d'union, une apostrophe ou une "
                              "espace (l'un à la place de l'autre, ou en moins).",
                              f"Tapez {object_} {exactly}, avec les traits d'union et les espaces au même endroit."),
        "name_order": (f"{subject} tapé contient les bons noms, mais pas dans l'ordre du dossier.",
                       f"Tapez {object_} avec ses noms dans l'ordre où ils sont écrits sur le bulletin."),
        "name_missing_part": (f"{subject} tapé est incomplet : il manque une partie inscrite au dossier.",
                              f"Tapez {object_} au complet, {exactly} (tous les noms, dans l'ordre)."),
        "name_nickname": (f"{subject} tapé est un diminutif : le dossier contient le prénom complet.",
                          f"Tapez le prénom complet {exactly}, sans diminutif."),
    }
    message, fix = texts[code]
    return DiagnosticFinding(code, field_name, message, fix)


# --------------------------------------------------------------------------- finding the student


def _fold_words(text: str) -> list[str]:
    return fold(text or "").split()


class _Search:
    """Scores candidate students against the attempt (see the pillars in the module doc)."""

    def __init__(self, directory: StudentDirectory, board_id: int, attempt: AssociationAttempt) -> None:
        self.directory = directory
        self.board_id = board_id
        self.attempt = attempt
        self.last_words = _fold_words(attempt.last_name)
        self.first_words = _fold_words(attempt.first_name)
        self.fiche = re.sub(r"\s+", "", attempt.fiche or "")
        self.code = normalize_code_permanent(attempt.code_permanent)

    def candidates(self) -> set[int]:
        d, board, a = self.directory, self.board_id, self.attempt
        found: set[int] = set()
        if self.fiche:
            for fiche in {self.fiche, re.sub(r"\D", "", self.fiche)}:
                if (board, fiche) in d.by_fiche:
                    found.add(d.by_fiche[(board, fiche)])
        if self.code:
            if self.code in d.by_code:
                found.add(d.by_code[self.code])
            found.update(d.by_code10.get(self.code[:10], ()))
        if a.birth_date is not None:
            found.update(d.by_birth.get((board, a.birth_date), ()))
            swapped = _swapped(a.birth_date)
            if swapped is not None:
                found.update(d.by_birth.get((board, swapped), ()))
        for word in self.last_words:
            found.update(d.by_surname_word.get((board, word), ()))
        return {sid for sid in found if d.rows[sid].board_id == board}

    def pillars(self, row: _Row) -> tuple[int, int]:
        """(pillars agreeing, score) for one candidate."""
        score = pillars = 0
        if self._identifier_agrees(row):
            pillars += 1
            score += 4
        if self.attempt.birth_date is not None:
            if row.birth_date == self.attempt.birth_date:
                pillars += 1
                score += 3
            elif row.birth_date == _swapped(self.attempt.birth_date):
                pillars += 1
                score += 2
        if pillars == 0:
            return 0, 0  # names alone never designate a student: skip the costly comparison
        last = name_differences(self.attempt.last_name, row.last_name, given_name=False)
        first = name_differences(self.attempt.first_name, row.first_name, given_name=True)
        if last is not None and first is not None:
            pillars += 1
            score += 3 - min(2, (len(last) + len(first)) // 2)
        elif last is not None or first is not None:
            score += 1
        return pillars, score

    def _identifier_agrees(self, row: _Row) -> bool:
        if self.fiche and (row.fiche == self.fiche or row.fiche == re.sub(r"\D", "", self.fiche)):
            return True
        if self.code and row.code:
            stored = normalize_code_permanent(row.code)
            return stored == self.code or stored[:10] == self.code[:10]
        return False

    def best(self) -> _Row | None:
        scored = []
        for sid in self.candidates():
            row = self.directory.rows[sid]
            pillars, score = self.pillars(row)
            if pillars >= 2:
                scored.append((score, row))
        if not scored:
            return None
        scored.sort(key=lambda pair: -pair[0])
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1]


def _swapped(day: date) -> date | None:
    if day.day == day.month or day.day > 12:
        return None
    try:
        return date(day.year, day.day, day.month)
    except ValueError:
        return None


# --------------------------------------------------------------------------- the diagnosis


def diagnose(directory: StudentDirectory, session: Session, attempt: AssociationAttempt, today: date) -> Diagnosis:
    """What the portal would decide about ``attempt``, and why (see the module doc)."""
    board_id = directory.boards.get((attempt.board_code or "").strip().upper())
    findings: list[DiagnosticFinding] = _format_findings(attempt)
    if board_id is None:
        findings.insert(0, DiagnosticFinding(
            "no_student", "board", "Aucun centre de services ne porte le code tapé.",
            "Choisissez dans la liste le centre de services de l'école de l'enfant."))
        return Diagnosis(NO_MATCH, None, tuple(findings))
    row = _Search(directory, board_id, attempt).best()
    read = None if row is None else _family(session, row.id)
    if row is None or read is None:  # no student meant, or one gone since the directory was loaded
        findings.insert(0, DiagnosticFinding(
            "no_student", "", "Aucun élève de ce centre de services ne correspond à au moins deux des trois "
            "éléments tapés (nom et prénom, date de naissance, numéro de fiche ou code permanent).",
            "Vérifiez avec le parent chaque renseignement tapé, à partir du bulletin de l'enfant ; "
            "si l'enfant vient d'arriver, son dossier n'est peut-être pas encore au portail."))
        return Diagnosis(NO_MATCH, None, tuple(findings))
    school_id, family = read
    findings += _name_findings(attempt, row)
    findings += _birth_findings(attempt, row)
    findings += _identifier_findings(attempt, row)
    nip_guardian = None
    if attempt.nip:
        refusal = _nip_checks_refused(session, attempt, row, family)
        if refusal is not None:
            return Diagnosis(NO_MATCH, None, (refusal,), row.id, _guardian_of_attempt(attempt, family, None),
                             school_id)
        nip_findings, nip_guardian = _nip_findings(session, attempt, row, family, today)
        _record_nip_check(session, attempt, row, family, nip_findings, nip_guardian)
        findings += nip_findings
    findings += _email_findings(attempt, family, nip_guardian)
    guardian_id = _guardian_of_attempt(attempt, family, nip_guardian)
    if _truncated_code(attempt, row):
        findings = [f for f in findings if f.code != "code_permanent_incomplete"]
        findings.append(DiagnosticFinding(
            "code_permanent_truncated", "code_permanent",
            "Le code permanent tapé a 10 caractères : il manque les 2 derniers chiffres, que le dossier de "
            "l'enfant contient.",
            "Tapez les 12 caractères du code permanent (4 lettres puis 8 chiffres), tels qu'ils paraissent au "
            "bulletin."))
    if not (attempt.fiche or attempt.code_permanent or attempt.nip):
        findings.append(DiagnosticFinding(
            "no_student", "fiche", "Ni numéro de fiche, ni code permanent, ni NIP n'a été tapé.",
            "Tapez le numéro de fiche (ou le code permanent, ou le NIP remis par l'école)."))
    if findings:
        return Diagnosis(NO_MATCH, None, tuple(findings), row.id, guardian_id, school_id)
    return Diagnosis(MATCH, row.fiche, (DiagnosticFinding(
        "match", "", "Tout ce qui a été tapé correspond au dossier : le portail devrait associer l'enfant.",
        "Les renseignements sont exacts : réessayez l'association ; si elle échoue encore, "
        "vérifiez que vous êtes connecté avec le courriel que l'école a à votre dossier."),), row.id, guardian_id,
        school_id)


def _truncated_code(attempt: AssociationAttempt, row: _Row) -> bool:
    """The parent typed the first 10 characters of a code permanent the file holds complete (12)."""
    code = normalize_code_permanent(attempt.code_permanent)
    stored = normalize_code_permanent(row.code)
    return (check_code_permanent(code).status == INCOMPLETE and check_code_permanent(stored).status == COMPLETE
            and stored[:10] == code)


def _guardian_of_attempt(attempt: AssociationAttempt, family: list[_Holder],
                         nip_guardian: int | None) -> int | None:
    """The guardian the attempt is about: the NIP's, else the first whose email is the account's."""
    if nip_guardian is not None:
        return nip_guardian
    email = _email_key(attempt.email)
    holders = [holder.id for holder in family if email and holder.key == email]
    return holders[0] if holders else None


def _format_findings(attempt: AssociationAttempt) -> list[DiagnosticFinding]:
    """What is wrong with the typed identifiers by their shape alone."""
    found = []
    if attempt.fiche and attempt.fiche.strip():
        fiche_check = check_fiche(attempt.fiche)
        if not fiche_check.acceptable:
            found.append(DiagnosticFinding(
                "fiche_format", "fiche", fiche_check.message,
                "Le numéro de fiche a au plus 7 chiffres, sans lettre : recopiez-le du bulletin "
                "(ce n'est ni le code permanent ni le NIP)."))
    if attempt.code_permanent and attempt.code_permanent.strip():
        check = check_code_permanent(attempt.code_permanent)
        if check.status == INCOMPLETE:
            found.append(DiagnosticFinding(
                "code_permanent_incomplete", "code_permanent",
                "Le code permanent tapé a 10 caractères : c'est un code que le ministère n'a pas encore complété, "
                "que le portail n'accepte pas.",
                "Utilisez plutôt le numéro de fiche de l'enfant ; sinon, l'école peut vous remettre un NIP."))
        elif check.status not in (COMPLETE, INCOMPLETE):
            found.append(DiagnosticFinding(
                "code_permanent_format", "code_permanent", check.message,
                "Le code permanent a 12 caractères : 4 lettres puis 8 chiffres ; recopiez-le du bulletin, "
                "ou utilisez le numéro de fiche."))
    return found


def _name_findings(attempt: AssociationAttempt, row: _Row) -> list[DiagnosticFinding]:
    found = []
    for field_name, typed, on_file, given in (("last_name", attempt.last_name, row.last_name, False),
                                              ("first_name", attempt.first_name, row.first_name, True)):
        codes = name_differences(typed or "", on_file, given_name=given)
        if codes is None:
            subject = _NAME_TEXT[field_name][0]
            found.append(DiagnosticFinding(
                "no_student", field_name,
                f"{subject} tapé ne correspond pas à l'élève que désignent les autres renseignements.",
                f"Vérifiez {_NAME_TEXT[field_name][1]} sur le bulletin de l'enfant et tapez-le exactement."))
        else:
            found += [_name_finding(code, field_name) for code in codes]
    return found


def _birth_findings(attempt: AssociationAttempt, row: _Row) -> list[DiagnosticFinding]:
    typed = attempt.birth_date
    if typed == row.birth_date:
        return []
    if typed is not None and _swapped(typed) == row.birth_date:
        return [DiagnosticFinding(
            "birth_date_day_month_swapped", "birth_date",
            "La date de naissance tapée a le jour et le mois inversés.",
            "Tapez la date de naissance dans le format demandé par le portail (année, mois, jour) : "
            "le mois avant le jour.")]
    return [DiagnosticFinding(
        "birth_date_mismatch", "birth_date", "La date de naissance tapée ne correspond pas au dossier.",
        "Vérifiez la date de naissance de l'enfant (jour, mois et année) et tapez-la dans le format du portail.")]


def _identifier_findings(attempt: AssociationAttempt, row: _Row) -> list[DiagnosticFinding]:
    found = []
    fiche = re.sub(r"\s+", "", attempt.fiche or "")
    if fiche and check_fiche(fiche).acceptable and fiche != row.fiche:
        found.append(DiagnosticFinding(
            "no_student", "fiche",
            "Le numéro de fiche tapé n'est pas celui de l'élève que désignent le nom et la date de naissance.",
            "Recopiez le numéro de fiche du bulletin de l'enfant (au plus 7 chiffres, zéros du début compris)."))
    code = normalize_code_permanent(attempt.code_permanent)
    if check_code_permanent(code).status == COMPLETE:
        stored = normalize_code_permanent(row.code)
        if code != stored:
            fit = check_code_fits(code, attempt.last_name or "", attempt.first_name or "",
                                  attempt.birth_date or row.birth_date)
            why = (f" Il ne correspond pas non plus au nom ou à la date de naissance tapés ({', '.join(fit.parts)})."
                   if not fit.fits else "")
            found.append(DiagnosticFinding(
                "code_permanent_mismatch", "code_permanent",
                "Le code permanent tapé n'est pas celui de l'élève que désignent le nom et la date de naissance."
                + why,
                "Recopiez le code permanent du bulletin (3 lettres du nom, 1 du prénom, 8 chiffres), "
                "ou utilisez le numéro de fiche."))
    elif check_code_permanent(code).status == INCOMPLETE and row.code and \
            normalize_code_permanent(row.code)[:10] != code:
        found.append(DiagnosticFinding(
            "code_permanent_mismatch", "code_permanent",
            "Le code permanent tapé n'est pas celui de l'élève que désignent le nom et la date de naissance.",
            "Utilisez plutôt le numéro de fiche de l'enfant."))
    return found


@dataclass(frozen=True)
class _Holder:
    """A guardian of the child: the email on file as stored, and as the portal compares it."""

    id: int
    email: str | None
    key: str | None


def _family(session: Session, student_id: int) -> tuple[int, list[_Holder]] | None:
    """The child's school and active guardians, read once per diagnosis in one statement: every rule
    below works on this list (over a board's network each further read costs a round trip). None
    when the student is no longer in the database (a demo board replaced on another workstation)."""
    # Outer joins with the link's condition in their ON clause, not a subquery: SQLite would build
    # the subquery for the whole board (100 ms at 100,000 students) before picking one child.
    rows = session.execute(select(Student.school_id, Guardian.id, Guardian.email)
                           .outerjoin(StudentGuardian, (StudentGuardian.student_id == Student.id)
                                      & StudentGuardian.active.is_(True))
                           .outerjoin(Guardian, Guardian.id == StudentGuardian.guardian_id)
                           .where(Student.id == student_id).order_by(Guardian.id)).all()
    if not rows:
        return None
    return rows[0].school_id, [_Holder(row.id, row.email, _email_key(row.email)) for row in rows
                               if row.id is not None]


def _email_key(raw: str | None) -> str | None:
    if not raw or not raw.strip():
        return None
    check = check_email(raw)
    return (check.normalized or raw.strip()).lower()


def _nip_findings(session: Session, attempt: AssociationAttempt, row: _Row, family: list[_Holder],
                  today: date) -> tuple[list[DiagnosticFinding], int | None]:
    verification = nips.verify_nip(session, row.id, attempt.nip or "", today)
    if verification.state == nips.VALID:
        email = _email_key(attempt.email)
        guardians = {holder.id: holder.key for holder in family}
        own = guardians.get(verification.guardian_id) if verification.guardian_id is not None else None
        if email and own != email and email in guardians.values():
            return [DiagnosticFinding(
                "nip_other_guardian", "nip",
                "Ce NIP est valide, mais il a été remis à l'autre répondant de l'enfant, pas au titulaire "
                "du compte utilisé.",
                "Chaque répondant a son propre NIP : utilisez celui de la lettre adressée à votre nom, "
                "ou demandez-en un à l'école.")], verification.guardian_id
        return [], verification.guardian_id
    if verification.state == nips.EXPIRED:
        return [DiagnosticFinding(
            "nip_expired", "nip", "Ce NIP a été émis pour cet enfant, mais il est expiré.",
            "L'école va vous remettre un nouveau NIP, avec une nouvelle date d'expiration.")], None
    if verification.state == nips.REVOKED:
        return [DiagnosticFinding(
            "nip_revoked", "nip", "Ce NIP a été révoqué ou remplacé par un NIP plus récent.",
            "Utilisez le NIP de la lettre la plus récente ; si vous ne l'avez pas, l'école vous en remettra un.")], None
    odd = nips.look_alike_characters(attempt.nip or "")
    quoted = ", ".join(f"«\u00a0{ch}\u00a0»" for ch in odd)
    detail = (f" Il contient {quoted}, qui n'existent dans aucun NIP (pas de 0, O, 1, I ni L) : "
              "une lettre a probablement été mal lue." if odd else "")
    return [DiagnosticFinding(
        "nip_wrong", "nip", "Ce NIP ne correspond à aucun NIP émis pour cet enfant." + detail,
        "Relisez le NIP de la lettre caractère par caractère (12 caractères, sans 0, O, 1, I ni L) ; "
        "si l'erreur persiste, l'école vous en remettra un nouveau.")], None


# After this many wrong NIPs for one (student, guardian) within WRONG_NIP_WINDOW, further checks of
# that pair are refused for WRONG_NIP_PAUSE (access.md §4): a NIP is 12 characters, but 300 guesses
# in six seconds is how a NIP is found, not how a parent is helped.
WRONG_NIP_LIMIT = 5
WRONG_NIP_WINDOW = timedelta(minutes=15)
WRONG_NIP_PAUSE = timedelta(minutes=15)


def _nip_pair(attempt: AssociationAttempt, family: list[_Holder]) -> str:
    """The pair a NIP check is counted against: the student and the guardian the account's email names."""
    guardian = _guardian_of_attempt(attempt, family, None)
    return f"guardian:{guardian if guardian is not None else '?'}"


def _nip_checks_refused(session: Session, attempt: AssociationAttempt, row: _Row,
                        family: list[_Holder]) -> DiagnosticFinding | None:
    """A refusal when the pair had ``WRONG_NIP_LIMIT`` wrong NIPs within the window, less than the pause ago.

    Counted from the audit log (the database's clock, never the real one); the refusal is audited too.
    """
    now: datetime = session.info["clock"].now()
    pair = _nip_pair(attempt, family)
    wrong = list(session.scalars(
        select(AuditEntry.at).where(AuditEntry.action == AuditAction.NIP_CHECKED, AuditEntry.entity == "student",
                                    AuditEntry.entity_id == row.id, AuditEntry.field == pair,
                                    AuditEntry.after == "wrong",
                                    AuditEntry.at > now - WRONG_NIP_WINDOW - WRONG_NIP_PAUSE)
        .order_by(AuditEntry.at)))
    until = None
    for first, last in zip(wrong, wrong[WRONG_NIP_LIMIT - 1:], strict=False):
        if last - first <= WRONG_NIP_WINDOW:
            until = last + WRONG_NIP_PAUSE
    if until is None or now >= until:
        return None
    record_event(session, AuditAction.NIP_CHECK_REFUSED, "student", row.id, field=pair,
                 after=f"jusqu'à {until:%H:%M}")
    return DiagnosticFinding(
        "nip_checks_refused", "nip",
        f"{WRONG_NIP_LIMIT} NIP erronés ont été essayés pour cet enfant et ce répondant en moins de "
        f"{WRONG_NIP_WINDOW.seconds // 60} minutes : la vérification du NIP est suspendue jusqu'à {until:%H:%M}.",
        "Ne tapez plus de NIP pour l'instant : vérifiez l'identité du parent et remettez-lui au besoin un "
        "nouveau NIP ; la vérification reprendra à l'heure indiquée.")


def _record_nip_check(session: Session, attempt: AssociationAttempt, row: _Row, family: list[_Holder],
                      nip_findings: list[DiagnosticFinding], nip_guardian: int | None) -> None:
    """Audit the check, right or wrong — never the NIP itself."""
    codes = {finding.code for finding in nip_findings}
    result = ("wrong" if "nip_wrong" in codes else "expired" if "nip_expired" in codes
              else "revoked" if "nip_revoked" in codes else "valid")
    record_event(session, AuditAction.NIP_CHECKED, "student", row.id, field=_nip_pair(attempt, family),
                 after=result)


def _email_findings(attempt: AssociationAttempt, family: list[_Holder],
                    nip_guardian: int | None) -> list[DiagnosticFinding]:
    email = _email_key(attempt.email)
    if not email:
        return []
    holders = [holder for holder in family if holder.key == email]
    if not holders:
        return [DiagnosticFinding(
            "email_not_on_file", "email",
            "Le courriel du compte tapé n'est inscrit pour aucun répondant de cet enfant.",
            "Le compte doit utiliser le courriel que l'école a au dossier : donnez votre adresse au secrétariat "
            "pour qu'il l'inscrive, ou connectez-vous avec l'adresse déjà donnée à l'école.")]
    if nip_guardian is not None and nip_guardian not in {holder.id for holder in holders}:
        return [DiagnosticFinding(
            "email_on_other_guardian", "email",
            "Le courriel du compte est inscrit au dossier, mais pour l'autre répondant de l'enfant.",
            "Connectez-vous avec votre propre compte, créé avec le courriel inscrit à votre nom ; "
            "si l'école n'a pas votre courriel, donnez-le au secrétariat.")]
    stored = holders[0].email
    if stored and email_risk(stored) is not None:
        return [DiagnosticFinding(
            "email_at_risk", "email",
            "Le courriel du compte correspond à celui du dossier, mais l'adresse inscrite au dossier a un défaut "
            "(adresse invalide, espaces en trop ou domaine qui ressemble à une faute de frappe) : le code de "
            "vérification du portail n'a probablement jamais atteint le parent.",
            "Corrigez le courriel du répondant au dossier (« Ouvrir le dossier de l'élève »), puis demandez au "
            "parent de recommencer la vérification de son courriel dans le portail.")]
    return []
