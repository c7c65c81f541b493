"""A working day in the audit log of the demo board, for the Journal and Historique tests and renders.

Two people on two workstations, an hour or so apart: the secretary fixes guardians' emails the
Comptes parents page flagged and issues NIPs; the principal turns group averages on for a school.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.services.accounts.nips import NipRequest
from desktop.services.audit import Actor
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import Database, open_database
from desktop.services.students import EmailEdit

SECRETARY = Actor("m.tremblay", "POSTE-SEC-01")
PRINCIPAL = Actor("d.gagnon", "POSTE-DIR-01")


@dataclass(frozen=True)
class AuditDay:
    student_id: int  # the student whose guardian's email was fixed first
    fiche: str
    guardian_id: int
    school_code: str


def work_a_day(database: Database, start: datetime = datetime(2026, 11, 23, 10, 5)) -> AuditDay:
    """Write the day's changes into ``database`` (a copy of the demo board) as two people would."""
    clock = FixedClock(start)
    board = Vitrail(database)  # the demo board's first administrator hands the two roles on
    board.access.grant(SECRETARY.os_user, "secretariat")
    board.access.grant(PRINCIPAL.os_user, "direction")
    secretary = open_database(database.url, actor=SECRETARY, clock=clock, login=SECRETARY.os_user)
    try:
        vitrail = Vitrail(secretary)
        flagged = [f for f in vitrail.accounts.findings() if f.guardian_id is not None and "email" in f.code]
        fixed: list[tuple[int, int]] = []
        for position, finding in enumerate(flagged[:6]):
            if any(finding.guardian_id == guardian for _student, guardian in fixed):
                continue
            clock.advance(minutes=17)
            line = next(g for g in vitrail.students.file(finding.student_id).guardians
                        if g.guardian_id == finding.guardian_id)
            vitrail.students.save_emails([EmailEdit(line.guardian_id, line.version,
                                                    f"{line.first_name[:1]}.{line.last_name}{position}@videotron.ca"
                                                    .lower().replace(" ", ""))])
            fixed.append((finding.student_id, line.guardian_id))
        for student_id, guardian_id in fixed[:3]:
            clock.advance(minutes=9)
            vitrail.accounts.issue_nips([NipRequest(student_id, guardian_id)])
        first_student, first_guardian = fixed[0]
        file = vitrail.students.file(first_student)
    finally:
        secretary.close()
    clock.advance(hours=2)
    principal = open_database(database.url, actor=PRINCIPAL, clock=clock, login=PRINCIPAL.os_user)
    try:
        settings = Vitrail(principal).settings
        school = settings.target("school", file.school_code)
        settings.save([settings.parse_assignment(school, "group_averages=on")],
                      "Conseil d'établissement du 20 novembre")
    finally:
        principal.close()
    return AuditDay(first_student, file.fiche, first_guardian, file.school_code)
