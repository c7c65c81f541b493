"""The audit log as people read it: filters, order, paging, scope by school, CSV, and ``vitrail audit``.

A small board is built (every row an audited insert, at 9:30), then a day of work follows, an hour
apart: a secretary fixes a guardian's email, issues a NIP and changes a school setting; the next
day another person, on another workstation, fixes another email.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime

import pytest

from desktop.services.accounts.nips import NipRequest
from desktop.services.audit import Actor
from desktop.services.audit_log import AuditFilter, read_entries
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit
from tests.test_settings_service import build_small_board

from support.cli import main

DAY = datetime(2026, 11, 23, 9, 30)
NEXT_DAY = datetime(2026, 11, 24, 14, 0)


def _version(vitrail: Vitrail, student_id: int, guardian_id: int) -> int:
    file = vitrail.students.file(student_id)
    return next(g.version for g in file.guardians if g.guardian_id == guardian_id)


@pytest.fixture
def journal(any_db):
    """The board, a day of a secretary's work, and one change the next day by ``direction.b``."""
    any_db.clock.at = DAY
    board = build_small_board(any_db)
    vitrail = Vitrail(any_db)
    students = board["students"]
    first = vitrail.students.file(students[0])
    guardian0 = first.guardians[0].guardian_id
    any_db.clock.advance(hours=1)
    vitrail.students.save_emails([EmailEdit(guardian0, _version(vitrail, students[0], guardian0),
                                            "corrige@example.com")])
    fourth = vitrail.students.file(students[3])
    guardian3 = next(g.guardian_id for g in fourth.guardians if g.respondent_rank == 1)
    any_db.clock.advance(hours=1)
    vitrail.accounts.issue_nips([NipRequest(students[3], guardian3)])
    any_db.clock.advance(hours=1)
    school = vitrail.settings.target("school", "SEC01")
    vitrail.settings.save([vitrail.settings.parse_assignment(school, "group_averages=on")], "CÉ du 23 novembre")
    vitrail.access.grant("direction.b", "direction")  # the board's first administrator hands the role on
    other = open_database(any_db.url, actor=Actor("direction.b", "POSTE-DIR-02"), clock=FixedClock(NEXT_DAY),
                          login="direction.b")
    try:
        other_vitrail = Vitrail(other)
        other_vitrail.students.save_emails([EmailEdit(guardian3, _version(other_vitrail, students[3], guardian3),
                                                      "nouveau@example.com")])
    finally:
        other.close()
    # On SQLite the second person is the login given; on PostgreSQL it is the server's session_user,
    # the same as the first person's here (test_db_roles.py tests separate logins on the server).
    return {"vitrail": vitrail, "database": any_db, "guardian0": guardian0, "guardian3": guardian3,
            "other": other.login, "two_people": other.login != any_db.login, **board}


def _all(vitrail: Vitrail, wanted: AuditFilter) -> list:
    return list(vitrail.audit.entries(wanted, limit=10_000).entries)


def test_student_history_holds_their_guardians_and_links_not_other_students(journal):
    vitrail = journal["vitrail"]
    student0, student1 = journal["students"][0], journal["students"][1]
    entries = _all(vitrail, AuditFilter(student_id=student0))
    elements = {entry.element for entry in entries}
    assert any(element.startswith("Élève 1000 (Élève0, Test)") for element in elements)
    assert not any("Élève 1001" in element for element in elements), "a sibling's own entries stay out"
    email_change = [e for e in entries if e.action == "update" and e.field == "email"]
    assert [(e.before, e.after, e.action_label, e.field_label) for e in email_change] == [
        ("parent0@example.com", "corrige@example.com", "Modification", "Courriel")]
    assert {e.entity for e in entries} == {"student", "guardian", "student_guardian"}
    # The sibling shares guardian 0: the email fix is in their history too, not student 2's.
    assert any(e.field == "email" for e in _all(vitrail, AuditFilter(student_id=student1)))
    assert not any(e.field == "email" and e.action == "update"
                   for e in _all(vitrail, AuditFilter(student_id=journal["students"][2])))


def test_newest_first_and_pages_add_up(journal):
    vitrail = journal["vitrail"]
    everything = _all(vitrail, AuditFilter())
    assert everything[0].person == journal["other"] and everything[0].at == NEXT_DAY
    assert [e.at for e in everything] == sorted((e.at for e in everything), reverse=True)
    first = vitrail.audit.entries(AuditFilter(), limit=5)
    second = vitrail.audit.entries(AuditFilter(), limit=5, offset=5)
    assert first.total == second.total == len(everything) and first.has_more
    assert [e.id for e in first.entries + second.entries] == [e.id for e in everything[:10]]
    last = vitrail.audit.entries(AuditFilter(), limit=5, offset=len(everything) - 2)
    assert len(last.entries) == 2 and not last.has_more


def test_guardian_person_action_and_dates(journal):
    vitrail = journal["vitrail"]
    guardian = _all(vitrail, AuditFilter(guardian_id=journal["guardian3"]))
    assert {e.action for e in guardian} >= {"update", "nip_issued", "insert"}
    assert [e.after for e in guardian if e.field == "email" and e.action == "update"] == ["nouveau@example.com"]
    theirs = [e for e in _all(vitrail, AuditFilter(person=journal["other"])) if e.workstation == "POSTE-DIR-02"]
    assert [(e.person, e.after) for e in theirs] == [(journal["other"], "nouveau@example.com")]
    if journal["two_people"]:
        assert len(_all(vitrail, AuditFilter(person=journal["other"]))) == 1
    nips = _all(vitrail, AuditFilter(action="nip_issued"))
    assert len(nips) == 1 and nips[0].action_label == "NIP émis" and "élève 1003" in nips[0].element
    next_day = _all(vitrail, AuditFilter(since=NEXT_DAY.date()))
    assert [e.person for e in next_day] == [journal["other"]]
    first_day = _all(vitrail, AuditFilter(until=DAY.date()))
    assert "POSTE-DIR-02" not in {e.workstation for e in first_day}
    assert len(first_day) == len(_all(vitrail, AuditFilter())) - 1


def test_setting_filter_finds_rows_and_versions(journal):
    entries = _all(journal["vitrail"], AuditFilter(setting_key="group_averages"))
    assert {e.entity for e in entries} == {"setting", "settings_version"}
    assert any(e.element == "Réglage group_averages (école SEC01)" and e.field == "value" and e.after == "true"
               for e in entries)
    assert _all(journal["vitrail"], AuditFilter(setting_key="parent_tiles")) == []


def test_direction_reads_only_their_schools(journal):
    database = journal["database"]
    primary = read_entries(database, AuditFilter(), limit=10_000, schools={journal["primary"]}).entries
    secondary = read_entries(database, AuditFilter(), limit=10_000, schools={journal["secondary"]}).entries
    assert any("Élève 1000" in e.element for e in primary)
    assert not any("Élève 1003" in e.element or "SEC01" in e.element for e in primary)
    assert any(e.element == "Réglage group_averages (école SEC01)" for e in secondary)
    assert any(e.workstation == "POSTE-DIR-02" for e in secondary), "guardian 3's child is at SEC01"
    board_wide = {"settings_version", "school_board"}
    assert not board_wide & {e.entity for e in primary + secondary}
    assert read_entries(database, AuditFilter(), schools=set()).total == 0


def test_csv_is_for_excel_and_holds_every_entry(journal):
    vitrail = journal["vitrail"]
    out = io.StringIO()
    count = vitrail.audit.export_csv(AuditFilter(student_id=journal["students"][0]), out)
    text = out.getvalue()
    assert text.startswith("\ufeffDate;Personne;Poste;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert count == len(rows) - 1 == vitrail.audit.entries(AuditFilter(student_id=journal["students"][0])).total
    assert rows[1][:3] == ["2026-11-23 10:30:00", journal["database"].login, "POSTE-TEST-01"]
    assert rows[1][4:9] == ["Modification", rows[1][5], "Courriel", "parent0@example.com", "corrige@example.com"]


def test_csv_is_written_in_batches(journal, monkeypatch):
    from desktop.services import audit_log

    monkeypatch.setattr(audit_log, "CSV_BATCH", 7)
    out = io.StringIO()
    before = journal["vitrail"].audit.entries(AuditFilter()).total
    count = journal["vitrail"].audit.export_csv(AuditFilter(), out)
    ids = [row[9] for row in csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";")][1:]
    assert count == len(ids) == len(set(ids)) == before
    exports = journal["vitrail"].audit.entries(AuditFilter(action="exported")).entries
    assert [(e.entity, e.after) for e in exports] == [("audit_entry", f"{count} lignes")], \
        "exporting the log is itself in the log"


# --- vitrail audit ------------------------------------------------------------------------------

def run(capsys, database, *args: str) -> tuple[int, str, str]:
    code = main(["--db", database.url, "audit", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_student_json(capsys, journal):
    code, out, _ = run(capsys, journal["database"], "--student", "1000", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == len(data["entries"]) > 0
    assert data["entries"][0]["after"] == "corrige@example.com" and data["entries"][0]["action_label"] == "Modification"


def test_cli_french_dates_person_and_text(capsys, journal):
    code, out, err = run(capsys, journal["database"], "--since", "24 novembre 2026", "--until", "24/11/2026")
    assert code == 0, err
    assert out.splitlines() == [
        f"2026-11-24 14:00:00 · {journal['other']} (POSTE-DIR-02) · Modification · "
        f"Répondant {journal['guardian3']} (Parent3, Un) · Courriel : parent3@example.com → nouveau@example.com"]
    code, out, _ = run(capsys, journal["database"], "--person", journal["database"].login, "--action",
                         "nip_issued")
    assert code == 0 and len(out.splitlines()) == 1 and "NIP émis" in out


@pytest.mark.parametrize("args, message", [
    (("--since", "31 février 2026"), "Date de début"),
    (("--since", "2026-11-24", "--until", "2026-11-23"), "avant son début"),
    (("--student", "9999999"), "9999999"),
    (("--action", "effacer"), "Action inconnue « effacer »"),
    (("-o", "x.csv"), "-o s'emploie avec --csv"),
])
def test_cli_bad_input_is_refused_in_french(capsys, journal, args, message):
    code, out, err = run(capsys, journal["database"], *args)
    assert code == 2 and out == "" and message in err


def test_cli_csv_file_is_private_and_never_replaced_silently(capsys, journal, tmp_path):
    target = tmp_path / "journal.csv"
    code, out, _ = run(capsys, journal["database"], "--guardian", str(journal["guardian3"]), "--csv", "-o", str(target))
    assert code == 0 and "écrite(s) dans" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbfDate;")
    assert os.stat(target).st_mode & 0o777 == 0o600
    before = target.read_bytes()
    code, _, err = run(capsys, journal["database"], "--csv", "-o", str(target))
    assert code == 2 and "--force" in err and target.read_bytes() == before
    assert run(capsys, journal["database"], "--csv", "-o", str(target), "--force")[0] == 0
    assert target.read_bytes() != before


def test_audit_listing_joins_a_verify_command_registered_before_it():
    """``desktop.cli.audit`` (``audit verify``) registers the ``audit`` parser first, with a required
    subcommand; the listing adds its filters to it and makes the subcommand optional."""
    import argparse

    from desktop.cli import audit_list

    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    audit = commands.add_parser("audit")
    verify = audit.add_subparsers(dest="audit_command", required=True).add_parser("verify")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(run="verify")
    audit_list.register(commands)
    assert parser.parse_args(["audit", "verify", "--json"]).run == "verify"
    listing = parser.parse_args(["audit", "--student", "1000", "--json"])
    assert listing.run is audit_list.run_audit and listing.student == "1000" and listing.audit_command is None
    assert parser.parse_args(["audit"]).run is audit_list.run_audit


def test_direction_reads_their_schools_and_a_secretary_is_refused(empty_db):
    """With the access rules (SQLite: a login per person): scope by school, refusal in French."""
    from desktop.services.access import AccessDenied, Role

    board = build_small_board(empty_db)
    admin = Vitrail(empty_db)
    admin.access.grant("direction.eco", Role.DIRECTION, ["ECO01"])
    admin.access.grant("secretaire.eco", Role.SECRETARIAT, ["ECO01"])
    everything = admin.audit.entries(AuditFilter()).total
    principal = open_database(empty_db.url, actor=Actor("direction.eco", "POSTE-2"), clock=FixedClock(DAY),
                              login="direction.eco")
    secretary = open_database(empty_db.url, actor=Actor("secretaire.eco", "POSTE-3"), clock=FixedClock(DAY),
                              login="secretaire.eco")
    try:
        theirs = Vitrail(principal).audit.entries(AuditFilter(), limit=10_000)
        assert 0 < theirs.total < everything
        assert all("SEC01" not in entry.element and "Élève 1003" not in entry.element for entry in theirs.entries)
        assert any("Élève 1000" in entry.element for entry in theirs.entries)
        with pytest.raises(AccessDenied, match=r"Consulter le journal de ses écoles à l'école .*SEC01"):
            Vitrail(principal).audit.entries(AuditFilter(student_id=board["students"][3]))
        assert Vitrail(principal).audit.entries(AuditFilter(student_id=board["students"][0])).total > 0
        with pytest.raises(AccessDenied, match="Consulter le journal de ses écoles demande le rôle Direction ou "
                                               "Administration du centre de services"):
            Vitrail(secretary).audit.entries(AuditFilter())
        with pytest.raises(AccessDenied):
            Vitrail(secretary).audit.export_csv(AuditFilter(), io.StringIO())
    finally:
        principal.close()
        secretary.close()
