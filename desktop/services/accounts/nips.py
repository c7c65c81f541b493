"""NIPs (accounts.md §3): the last-resort code a school hands one guardian of one student.

Generation: ``secrets.choice`` over 31 symbols without look-alikes (no 0/O, no 1/I/L), 12 of
them: 12 × log2(31) ≈ 59.4 bits, above the 50 bits the spec asks for. Printed in three groups of
four ("K7QM-3XHP-9TWA"); typed with or without the hyphens, in any case.

Storage: only an argon2id hash (argon2-cffi PHC string, random salt per NIP). Parameters:
8 MiB, 2 passes, 1 lane, about 10 ms per check. Lighter than a password hash on purpose: the
secret is random with ~59 bits, so even a leaked table costs 2^58 argon2 evaluations on
average per NIP, and the diagnostic verifies a typed NIP against every NIP of one child
(usually 1 to 3) within its 50 ms budget.

Shown in clear once: ``issue_nip`` returns it and nothing keeps it. The audit log gets
"nip_issued"/"nip_revoked" events naming the student, the guardian, the expiry and who did it,
never the NIP or its hash. A reissue revokes the previous NIP of the same (student, guardian) in
the same transaction, so the old one stops working at once.

One active NIP per pair is the database's rule (a partial unique index): when two workstations
issue for the same pair at the same moment, the first to commit wins and the other gets
``NipIssuedElsewhere`` — nothing issued, no letter — rather than silently revoking a NIP whose
letter the first workstation is handing over.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Row, and_, insert, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.models import AuditAction, Guardian, Nip, School, SchoolBoard, Student, StudentGuardian
from desktop.models.accounts import ACTIVE_NIP_INDEX
from desktop.services.accounts.nip_shape import ALPHABET, GROUP, LENGTH
from desktop.services.audit import AuditEvent, record_event, record_events
from desktop.services.emails import check_email
from desktop.services.errors import InvalidInput, NotFound, VitrailError
from desktop.services.outputs import OutputExists, check_output_file, write_refused
from desktop.services.storage import Database

DEFAULT_VALIDITY_DAYS = 30
MAX_VALIDITY_DAYS = 365

_hasher = PasswordHasher(time_cost=2, memory_cost=8192, parallelism=1, hash_len=32, salt_len=16)

class NipIssuedElsewhere(VitrailError):
    """Another workstation issued a NIP for the same (student, guardian) at the same moment.

    Its NIP is the valid one; nothing was issued here and no letter was written.
    """


class NipState(StrEnum):
    """What a NIP is on a given day, or what a typed NIP turned out to be (``WRONG``: no NIP)."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    WRONG = "wrong"


VALID, EXPIRED, REVOKED, WRONG = NipState.VALID, NipState.EXPIRED, NipState.REVOKED, NipState.WRONG


def entropy_bits() -> float:
    """Bits of entropy of one NIP (≈ 59.4)."""
    return LENGTH * math.log2(len(ALPHABET))


def generate_nip() -> str:
    """A fresh NIP in its printed form, e.g. ``K7QM-3XHP-9TWA``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize_nip(typed: str) -> str:
    """What a parent typed, reduced to the 12 symbols: case, spaces and hyphens ignored."""
    return "".join(ch for ch in (typed or "").upper() if not ch.isspace() and ch not in "-_.")


def hash_nip(nip: str) -> str:
    return _hasher.hash(normalize_nip(nip))


def nip_matches(nip_hash: str, typed: str) -> bool:
    """True when ``typed`` is the NIP behind ``nip_hash`` (constant-time inside argon2)."""
    try:
        return _hasher.verify(nip_hash, normalize_nip(typed))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def look_alike_characters(typed: str) -> str:
    """Characters of ``typed`` that never appear in a NIP (0, O, 1, I, L…): a misread letter."""
    return "".join(sorted({ch for ch in normalize_nip(typed) if ch not in ALPHABET}))


class NipWarningCode(StrEnum):
    """Why a guardian cannot use a NIP yet (accounts.md §3)."""

    NO_EMAIL = "no_email"
    EMAIL_FINDING = "email_finding"


@dataclass(frozen=True)
class NipWarning:
    """The guardian cannot use this NIP yet: the portal account it links to needs a usable email.

    Issuing is not refused (the school may fix the email afterwards, or hand the letter anyway);
    the secretary is told, before and after.
    """

    student_id: int
    guardian_id: int
    guardian_name: str
    code: NipWarningCode
    message: str


@dataclass(frozen=True)
class IssuedNip:
    """A NIP just issued: the only object that ever holds it in clear. Print it, then drop it.

    ``warnings``: why the guardian cannot use it yet (no email on file, or one with a finding).
    """

    nip: str
    student_id: int
    guardian_id: int
    expires_on: date
    issued_at: datetime
    issued_by: str
    warnings: tuple[NipWarning, ...] = ()


class GuardianContact(Protocol):
    """What the NIP warnings read of a guardian (a ``Guardian`` row, or the data loaded to issue)."""

    @property
    def id(self) -> int: ...
    @property
    def full_name(self) -> str: ...
    @property
    def email(self) -> str | None: ...


def guardian_email_warnings(student_id: int, guardian: GuardianContact) -> tuple[NipWarning, ...]:
    """What stops ``guardian`` from using a NIP: no email on file, or an email the check finds fault with."""
    check = check_email(guardian.email)
    if check.normalized is None and check.problem("blank") is not None:
        return (NipWarning(student_id, guardian.id, guardian.full_name, NipWarningCode.NO_EMAIL,
                           f"{guardian.full_name} n'a aucun courriel au dossier : sans courriel, il ne peut pas "
                           "créer le compte du portail auquel ce NIP associe l'enfant. Ajoutez son courriel "
                           "d'abord."),)
    if check.problems:
        details = " ".join(problem.message for problem in check.problems)
        return (NipWarning(student_id, guardian.id, guardian.full_name, NipWarningCode.EMAIL_FINDING,
                           f"Le courriel de {guardian.full_name} au dossier (« {guardian.email} ») est à vérifier : "
                           f"{details} Le parent doit créer son compte avec ce courriel-là : corrigez-le "
                           "d'abord."),)
    return ()


def nip_warnings(session: Session, requests: Iterable[NipRequest]) -> list[NipWarning]:
    """Before issuing: the warnings of each (student, guardian) pair, in the order given."""
    warnings: list[NipWarning] = []
    for request in dict.fromkeys(requests):
        guardian = session.get(Guardian, request.guardian_id)
        if guardian is not None:
            warnings.extend(guardian_email_warnings(request.student_id, guardian))
    return warnings


@dataclass(frozen=True)
class NipStatus:
    """What may be shown after the issue: when, by whom, until when (never the NIP)."""

    issued_at: datetime
    issued_by: str
    expires_on: date
    revoked_at: datetime | None
    revoked_by: str | None

    def state(self, today: date) -> NipState:
        if self.revoked_at is not None:
            return REVOKED
        return EXPIRED if today > self.expires_on else VALID

    def describe(self, today: date) -> str:
        """ "NIP émis le 23/11/2026 par jdoe, expire le 23/12/2026" (and revoked/expired if so)."""
        text = (f"NIP émis le {self.issued_at:%d/%m/%Y} par {self.issued_by}, "
                f"expire le {self.expires_on:%d/%m/%Y}")
        state = self.state(today)
        if state == REVOKED and self.revoked_at is not None:
            return f"{text} — révoqué le {self.revoked_at:%d/%m/%Y} par {self.revoked_by}"
        if state == EXPIRED:
            return f"{text} — expiré"
        return text


@dataclass(frozen=True)
class NipRequest:
    """One (student, guardian) pair to issue a NIP for."""

    student_id: int
    guardian_id: int


def _expiry(today: date, days: int) -> date:
    if not 1 <= days <= MAX_VALIDITY_DAYS:
        raise InvalidInput(f"La durée de validité d'un NIP doit être entre 1 et {MAX_VALIDITY_DAYS} jours "
                           f"(reçu : {days}).")
    return today + timedelta(days=days)


def _check_link(session: Session, student_id: int, guardian_id: int) -> None:
    linked = session.scalar(select(StudentGuardian.id).where(
        StudentGuardian.student_id == student_id, StudentGuardian.guardian_id == guardian_id))
    if linked is None:
        if session.get(Student, student_id) is None:
            raise NotFound(f"Aucun élève n'a l'identifiant {student_id}.")
        if session.get(Guardian, guardian_id) is None:
            raise NotFound(f"Aucun répondant n'a le numéro {guardian_id}.")
        raise InvalidInput(f"Le répondant {guardian_id} n'est pas inscrit au dossier de cet élève : "
                           "un NIP ne se remet qu'à un répondant de l'enfant.")


def _active(session: Session, student_id: int, guardian_id: int) -> list[Nip]:
    return list(session.scalars(select(Nip).where(
        Nip.student_id == student_id, Nip.guardian_id == guardian_id, Nip.revoked_at.is_(None))))


def _revoke_rows(session: Session, database: Database, rows: list[Nip], now: datetime, reason: str) -> None:
    for row in rows:
        row.revoked_at = now
        row.revoked_by = database.actor.os_user
        session.flush()
        record_event(session, AuditAction.NIP_REVOKED, "nip", row.id, field="student_guardian",
                     after=f"élève {row.student_id}, répondant {row.guardian_id} ({reason})")


def issue_nips(database: Database, requests: Iterable[NipRequest], *,
               validity_days: int = DEFAULT_VALIDITY_DAYS, letter: Path | None = None,
               portal_url: str | None = None, overwrite_letter: bool = True,
               check: Callable[[int | None], None] | None = None) -> list[IssuedNip]:
    """Issue one NIP per request, all in one transaction; each replaces the pair's previous NIP.

    Validity counts from the real date of issue (the database's clock), never from a date the
    caller chooses. With ``letter``, the letters are written before the transaction commits: if
    they cannot be written nothing is issued and the guardians' current NIPs keep working; if the
    commit fails after they were written, the file is removed (``accounts.md`` §3: a NIP and its
    letter succeed or fail together). ``portal_url`` is printed on the letter (the configured
    server URL). Each issued NIP carries the warnings of its guardian (``nip_warnings``). An
    existing letter file is replaced only with ``overwrite_letter``.

    ``check`` receives the school of each request's student, read with the links, and raises to
    refuse (the access check), before anything is written.

    Round trips, whatever the number of requests: on PostgreSQL one statement inside BEGIN …
    COMMIT (``_ISSUE_STATEMENT``); on SQLite one SELECT (links, letter data, NIPs to replace), one
    UPDATE when a NIP is replaced, one INSERT of the NIPs, one of their audit events.
    """
    now = database.clock.now()
    expires_on = _expiry(now.date(), validity_days)
    wanted = list(dict.fromkeys(requests))
    if not wanted:
        raise InvalidInput("Aucun répondant sélectionné : aucun NIP n'a été émis.")
    if letter is not None:  # refused before anything is issued (checked again when written)
        _check_letter(letter, overwrite_letter)
    written: Path | None = None
    try:
        with database.sessions.begin() as session:
            nips = [generate_nip() for _ in wanted]
            hashes = [hash_nip(nip) for nip in nips]
            write = _write_in_one_statement if database.backend == "postgresql" else _write_with_orm
            pairs = write(session, database, wanted, hashes, now, expires_on, check)
            issued = [IssuedNip(nip, r.student_id, r.guardian_id, expires_on, now, database.actor.os_user,
                                guardian_email_warnings(r.student_id, pairs[r]))
                      for r, nip in zip(wanted, nips, strict=True)]
            if letter is not None:
                letters = [_letter(pairs[r], n, portal_url) for r, n in zip(wanted, issued, strict=True)]
                written = _write_letters(letter, letters, overwrite_letter)
    except BaseException as error:
        if written is not None:
            written.unlink(missing_ok=True)
        if isinstance(error, IntegrityError) and _active_pair_clash(error):
            raise _issued_elsewhere(wanted) from error
        raise
    return issued


@dataclass(frozen=True)
class _Pair:
    """What issuing needs of one (student, guardian) link: the letter's data and the NIPs to replace."""

    id: int  # the guardian's: ``guardian_email_warnings`` reads a pair as the guardian
    full_name: str
    email: str | None
    address: str
    student_name: str
    school_name: str
    school_address: str
    school_phone: str
    board_name: str
    board_code: str
    active_nips: tuple[int, ...]


def _write_with_orm(session: Session, database: Database, wanted: list[NipRequest], hashes: list[str],
                    now: datetime, expires_on: date,
                    check: Callable[[int | None], None] | None) -> dict[NipRequest, _Pair]:
    """The NIPs, the NIPs they replace revoked, their audit events, statement by statement (SQLite).

    Returns each request's link data (the letter's, the warnings').
    """
    pairs = _load_pairs(session, wanted, check)
    replaced = [nip_id for request in wanted for nip_id in pairs[request].active_nips]
    if replaced:
        session.execute(update(Nip).where(Nip.id.in_(replaced), Nip.revoked_at.is_(None))
                        .values(revoked_at=now, revoked_by=database.actor.os_user))
    ids = list(session.scalars(insert(Nip).returning(Nip.id, sort_by_parameter_order=True), [
        {"student_id": r.student_id, "guardian_id": r.guardian_id, "nip_hash": nip_hash,
         "issued_at": now, "issued_by": database.actor.os_user, "expires_on": expires_on,
         "revoked_at": None, "revoked_by": None}
        for r, nip_hash in zip(wanted, hashes, strict=True)]).all())
    record_events(session, [event for request, nip_id in zip(wanted, ids, strict=True)
                            for event in _issue_events(request, pairs[request], nip_id, expires_on)])
    return pairs


# PostgreSQL: the whole issue as one statement, so that it costs three round trips over a board's
# network (BEGIN, this, COMMIT) where the statements of ``_write_with_orm`` cost six. ``wanted``:
# the requests, in order; ``links``: those that are links, with the letter's data; ``revoked``:
# their active NIPs, revoked; ``issued``: the new NIPs, inserted only once ``revoked`` has run (the
# scalar subquery makes it wait: one active NIP per pair is an immediate unique index);
# ``logged``: the audit events, in the order of ``_issue_events``. Two workstations issuing for
# the same pair: the second waits on the first's row or index entry, then fails on the index.
_ISSUE_STATEMENT = """
WITH wanted AS (
    SELECT * FROM unnest(CAST(:students AS integer[]), CAST(:guardians AS integer[]), CAST(:hashes AS text[]),
                         CAST(:revoked_notes AS text[]), CAST(:issued_notes AS text[]))
        WITH ORDINALITY AS w(student_id, guardian_id, nip_hash, revoked_note, issued_note, ord)
), links AS (
    SELECT w.*, g.first_name || ' ' || g.last_name AS guardian_name, g.email, coalesce(g.address, '') AS address,
           s.first_name || ' ' || s.last_name AS student_name, s.school_id, sc.name AS school_name,
           coalesce(sc.address, '') AS school_address, coalesce(sc.phone, '') AS school_phone,
           b.name AS board_name, b.code AS board_code
    FROM wanted AS w
    JOIN student_guardian AS sg ON sg.student_id = w.student_id AND sg.guardian_id = w.guardian_id
    JOIN student AS s ON s.id = w.student_id
    JOIN guardian AS g ON g.id = w.guardian_id
    JOIN school AS sc ON sc.id = s.school_id
    JOIN school_board AS b ON b.id = s.board_id
), revoked AS (
    UPDATE nip SET revoked_at = :now, revoked_by = :os_user FROM links AS l
    WHERE nip.student_id = l.student_id AND nip.guardian_id = l.guardian_id AND nip.revoked_at IS NULL
    RETURNING nip.id, l.ord, l.revoked_note
), issued AS (
    INSERT INTO nip (student_id, guardian_id, nip_hash, issued_at, issued_by, expires_on)
    SELECT student_id, guardian_id, nip_hash, :now, :os_user, :expires_on FROM links
    WHERE (SELECT count(*) FROM revoked) >= 0
    ORDER BY ord
    RETURNING id, student_id, guardian_id
), logged AS (
    INSERT INTO audit_entry (at, os_user, workstation, action, entity, entity_id, field, after)
    SELECT :now, :os_user, :workstation, action, 'nip', id, 'student_guardian', note FROM (
        SELECT r.ord, 0 AS step, r.id, :revoked_action AS action, r.revoked_note AS note FROM revoked AS r
        UNION ALL
        SELECT l.ord, 1, i.id, :issued_action, l.issued_note
        FROM issued AS i JOIN links AS l ON l.student_id = i.student_id AND l.guardian_id = i.guardian_id
    ) AS events ORDER BY ord, step, id
)
SELECT l.student_id, l.guardian_id, l.guardian_name, l.email, l.address, l.student_name, l.school_id,
       l.school_name, l.school_address, l.school_phone, l.board_name, l.board_code, i.id AS nip_id,
       (SELECT array_agg(r.id ORDER BY r.id) FROM revoked AS r WHERE r.ord = l.ord) AS replaced
FROM links AS l JOIN issued AS i ON i.student_id = l.student_id AND i.guardian_id = l.guardian_id
ORDER BY l.ord
"""


def _write_in_one_statement(session: Session, database: Database, wanted: list[NipRequest], hashes: list[str],
                            now: datetime, expires_on: date,
                            check: Callable[[int | None], None] | None) -> dict[NipRequest, _Pair]:
    """``_write_with_orm``'s outcome in one PostgreSQL statement (``_ISSUE_STATEMENT``).

    The access check runs on the schools the statement returns: raising rolls the transaction
    back, so a refused person has written nothing and heard nothing of the link. A request that
    is not a link is found missing from the result and answered as ``_load_pairs`` does.
    """
    rows = session.execute(text(_ISSUE_STATEMENT), {
        "students": [r.student_id for r in wanted], "guardians": [r.guardian_id for r in wanted],
        "hashes": hashes, "revoked_notes": [_revoked_note(r) for r in wanted],
        "issued_notes": [_issued_note(r, expires_on) for r in wanted], "now": now, "expires_on": expires_on,
        "os_user": database.actor.os_user, "workstation": database.actor.workstation,
        "revoked_action": AuditAction.NIP_REVOKED.value, "issued_action": AuditAction.NIP_ISSUED.value}).all()
    found = {NipRequest(row.student_id, row.guardian_id): row for row in rows}
    if check is not None:
        for request in wanted:
            check(found[request].school_id if request in found else
                  session.scalar(select(Student.school_id).where(Student.id == request.student_id)))
    for request in wanted:
        if request not in found:
            _check_link(session, request.student_id, request.guardian_id)
    pairs = {request: _Pair(row.guardian_id, row.guardian_name, row.email, row.address, row.student_name,
                            row.school_name, row.school_address, row.school_phone, row.board_name,
                            row.board_code, tuple(row.replaced or ()))
             for request, row in found.items()}
    return pairs


def _load_pairs(session: Session, wanted: list[NipRequest],
                check: Callable[[int | None], None] | None = None) -> dict[NipRequest, _Pair]:
    """Every requested link with its letter data and active NIPs, in one statement.

    Each request's school goes through ``check`` first (for one that is not a link, the
    student's school, read then), so a refused person hears nothing of the link; then a request
    that is not a link raises what the secretary must hear (the first one, in order).
    """
    rows = session.execute(
        select(StudentGuardian.student_id, StudentGuardian.guardian_id, Guardian.first_name, Guardian.last_name,
               Guardian.email, Guardian.address, Student.first_name, Student.last_name, School.name,
               School.address, School.phone, SchoolBoard.name, SchoolBoard.code, Nip.id, Student.school_id)
        .join(Student, Student.id == StudentGuardian.student_id)
        .join(Guardian, Guardian.id == StudentGuardian.guardian_id)
        .join(School, School.id == Student.school_id)
        .join(SchoolBoard, SchoolBoard.id == Student.board_id)
        .outerjoin(Nip, and_(Nip.student_id == StudentGuardian.student_id,
                             Nip.guardian_id == StudentGuardian.guardian_id, Nip.revoked_at.is_(None)))
        .where(tuple_(StudentGuardian.student_id, StudentGuardian.guardian_id).in_(
            [(r.student_id, r.guardian_id) for r in wanted]))
        .order_by(Nip.id)).all()
    pairs: dict[NipRequest, _Pair] = {}
    schools: dict[NipRequest, int] = {}
    for (student_id, guardian_id, g_first, g_last, email, address, s_first, s_last, school, school_address,
         school_phone, board, board_code, nip_id, school_id) in rows:
        request = NipRequest(student_id, guardian_id)
        schools[request] = school_id
        known = pairs.get(request)
        nips = (*(known.active_nips if known else ()), *((nip_id,) if nip_id is not None else ()))
        pairs[request] = _Pair(guardian_id, f"{g_first} {g_last}", email, address or "", f"{s_first} {s_last}",
                               school, school_address or "", school_phone or "", board, board_code, nips)
    if check is not None:
        for request in wanted:
            check(schools[request] if request in schools else
                  session.scalar(select(Student.school_id).where(Student.id == request.student_id)))
    for request in wanted:
        if request not in pairs:
            _check_link(session, request.student_id, request.guardian_id)
    return pairs


def _issue_events(request: NipRequest, pair: _Pair, nip_id: int, expires_on: date) -> list[AuditEvent]:
    """The pair's audit events, in the order a reissue happens: the old NIPs revoked, the new one issued."""
    revoked = [AuditEvent(AuditAction.NIP_REVOKED, "nip", old, field="student_guardian",
                          after=_revoked_note(request)) for old in pair.active_nips]
    return [*revoked, AuditEvent(AuditAction.NIP_ISSUED, "nip", nip_id, field="student_guardian",
                                 after=_issued_note(request, expires_on))]


def _revoked_note(request: NipRequest) -> str:
    return f"élève {request.student_id}, répondant {request.guardian_id} (remplacé par un nouveau NIP)"


def _issued_note(request: NipRequest, expires_on: date) -> str:
    return f"élève {request.student_id}, répondant {request.guardian_id}, expire le {expires_on.isoformat()}"


def _letter(pair: _Pair, nip: IssuedNip, portal_url: str | None) -> NipLetterData:
    return NipLetterData(
        nip=nip.nip, expires_on=nip.expires_on, issued_on=nip.issued_at.date(), guardian_name=pair.full_name,
        guardian_address=pair.address, student_name=pair.student_name, school_name=pair.school_name,
        school_address=pair.school_address, school_phone=pair.school_phone, board_name=pair.board_name,
        board_code=pair.board_code, portal_url=(portal_url or "").strip() or None,
        guardian_email=check_email(pair.email).normalized)


def _active_pair_clash(error: IntegrityError) -> bool:
    """True when the database refused a second active NIP for a pair (PostgreSQL names the index,
    SQLite its columns)."""
    text = str(error.orig)
    return ACTIVE_NIP_INDEX in text or "nip.student_id, nip.guardian_id" in text


def _issued_elsewhere(wanted: list[NipRequest]) -> NipIssuedElsewhere:
    whom = (f"le répondant {wanted[0].guardian_id} de l'élève {wanted[0].student_id}" if len(wanted) == 1
            else "un des répondants choisis")
    return NipIssuedElsewhere(
        f"Un autre poste vient d'émettre un NIP pour {whom}, au même moment : c'est ce NIP-là qui est valide. "
        "Aucun NIP n'a été émis ici et aucune lettre n'a été écrite. Consultez l'état du NIP avant de "
        "réessayer.")


def _check_letter(target: Path, overwrite: bool) -> Path:
    try:
        return check_output_file(target, overwrite=overwrite, what="la lettre")
    except OutputExists as exc:
        raise OutputExists(exc.path, f"{exc} Aucun NIP n'a été émis.") from exc
    except InvalidInput as exc:
        raise InvalidInput(f"{exc} Aucun NIP n'a été émis.") from exc


def _write_letters(target: Path, letters: list[NipLetterData], overwrite: bool) -> Path:
    """Write the letters, turning a folder or permission problem into a French refusal."""
    from desktop.services.reports.nip_letter import write_nip_letters

    target = _check_letter(target, overwrite)
    try:
        return write_nip_letters(target, letters)
    except InvalidInput as exc:
        raise InvalidInput(f"{exc} Aucun NIP n'a été émis.") from exc
    except OSError as exc:
        raise write_refused(target, exc, "Aucun NIP n'a été émis.") from exc


def issue_nip(database: Database, student_id: int, guardian_id: int, *,
              validity_days: int = DEFAULT_VALIDITY_DAYS, letter: Path | None = None) -> IssuedNip:
    """Issue (or reissue) the NIP of one guardian for one student."""
    return issue_nips(database, [NipRequest(student_id, guardian_id)], validity_days=validity_days, letter=letter)[0]


def revoke_nip(database: Database, student_id: int, guardian_id: int) -> int:
    """Revoke the pair's NIP at once; returns how many were revoked. NotFound if none is active."""
    with database.sessions.begin() as session:
        rows = _active(session, student_id, guardian_id)
        if not rows:
            raise NotFound("Ce répondant n'a aucun NIP actif pour cet élève : rien n'a été révoqué.")
        _revoke_rows(session, database, rows, database.clock.now(), "révoqué par le secrétariat")
    return len(rows)


def nip_status(session: Session, student_id: int, guardian_id: int) -> NipStatus | None:
    """The pair's latest NIP, as it may be shown (None if none was ever issued)."""
    row = session.scalars(select(Nip).where(Nip.student_id == student_id, Nip.guardian_id == guardian_id)
                          .order_by(Nip.issued_at.desc(), Nip.id.desc()).limit(1)).first()
    if row is None:
        return None
    return NipStatus(row.issued_at, row.issued_by, row.expires_on, row.revoked_at, row.revoked_by)


@dataclass(frozen=True)
class NipVerification:
    """What a typed NIP is for one student: valid / expired / revoked for a guardian, or wrong."""

    state: NipState
    guardian_id: int | None


def verify_nip(session: Session, student_id: int, typed: str, today: date) -> NipVerification:
    """Check a typed NIP against every NIP ever issued for ``student_id``.

    Active NIPs are tried first (newest first), then expired, then revoked ones, so the usual
    case costs one argon2 check; a wrong NIP costs one per NIP of the child.
    """
    if len(normalize_nip(typed)) != LENGTH or look_alike_characters(typed):
        return NipVerification(WRONG, None)
    rows = session.execute(select(Nip.guardian_id, Nip.nip_hash, Nip.expires_on, Nip.revoked_at)
                           .where(Nip.student_id == student_id).order_by(Nip.id.desc())).all()

    def state_of(row: Row[tuple[int, str, date, datetime | None]]) -> NipState:
        if row.revoked_at is not None:
            return REVOKED
        return EXPIRED if today > row.expires_on else VALID

    order = {VALID: 0, EXPIRED: 1, REVOKED: 2}
    for row in sorted(rows, key=lambda r: order[state_of(r)]):
        if nip_matches(row.nip_hash, typed):
            return NipVerification(state_of(row), row.guardian_id)
    return NipVerification(WRONG, None)


@dataclass(frozen=True)
class NipLetterData:
    """Everything the guardian's letter prints (plain data: the report never touches the database)."""

    nip: str
    expires_on: date
    issued_on: date
    guardian_name: str
    guardian_address: str
    student_name: str
    school_name: str
    school_address: str
    school_phone: str
    board_name: str
    board_code: str
    portal_url: str | None = None  # the configured server URL; None: the letter says where to find it
    guardian_email: str | None = None  # the email the school holds: the one to create the account with


def letter_data(session: Session, issued: Iterable[IssuedNip], portal_url: str | None = None) -> list[NipLetterData]:
    """The letters for NIPs just issued, in the order given."""
    letters = []
    for nip in issued:
        student = session.get_one(Student, nip.student_id)
        guardian = session.get_one(Guardian, nip.guardian_id)
        school = session.get_one(School, student.school_id)
        board = session.get_one(SchoolBoard, student.board_id)
        letters.append(NipLetterData(
            nip=nip.nip, expires_on=nip.expires_on, issued_on=nip.issued_at.date(),
            guardian_name=guardian.full_name, guardian_address=guardian.address or "",
            student_name=student.full_name, school_name=school.name, school_address=school.address or "",
            school_phone=school.phone or "", board_name=board.name, board_code=board.code,
            portal_url=(portal_url or "").strip() or None, guardian_email=check_email(guardian.email).normalized))
    return letters
