"""NIPs (accounts.md §3): random, look-alike free, ≥ 50 bits, argon2id only, shown once, audited without it."""

from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import String, Text, select

from desktop.models import AuditEntry, Base, Guardian, Nip, Student, StudentGuardian
from desktop.services.accounts import nips
from desktop.services.accounts.nips import (
    ALPHABET,
    EXPIRED,
    REVOKED,
    VALID,
    WRONG,
    NipRequest,
    entropy_bits,
    generate_nip,
    issue_nip,
    issue_nips,
    nip_status,
    revoke_nip,
    verify_nip,
)
from desktop.services.errors import InvalidInput, NotFound
from tests.conftest import TODAY

from support.cli import main


def _pairs(database, count=2):
    with database.sessions() as session:
        return [tuple(row) for row in session.execute(
            select(StudentGuardian.student_id, StudentGuardian.guardian_id).order_by(StudentGuardian.id).limit(count))]


def test_alphabet_and_entropy():
    for look_alike in "0O1IL":
        assert look_alike not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert entropy_bits() >= 50


def test_generated_nips_are_well_formed_distinct_and_spread():
    drawn = [generate_nip() for _ in range(3000)]
    assert len(set(drawn)) == len(drawn)
    for nip in drawn[:50]:
        groups = nip.split("-")
        assert [len(g) for g in groups] == [4, 4, 4] and set("".join(groups)) <= set(ALPHABET)
    symbols = Counter("".join(drawn).replace("-", ""))
    assert set(symbols) == set(ALPHABET)                       # every symbol is used
    expected = 3000 * 12 / 31
    assert all(0.8 * expected < n < 1.2 * expected for n in symbols.values())


def test_hash_is_salted_argon2id_and_tolerant_of_typing():
    nip = generate_nip()
    first, second = nips.hash_nip(nip), nips.hash_nip(nip)
    assert first.startswith("$argon2id$") and first != second and nip not in first
    assert nips.nip_matches(first, nip.lower().replace("-", " "))
    assert not nips.nip_matches(first, generate_nip())


def test_issue_verify_reissue_revoke(demo_db):
    student, guardian = _pairs(demo_db, 1)[0]
    old = issue_nip(demo_db, student, guardian, validity_days=30)
    assert old.expires_on == TODAY + timedelta(days=30)
    with demo_db.sessions() as session:
        assert verify_nip(session, student, old.nip, TODAY) == nips.NipVerification(VALID, guardian)
        assert verify_nip(session, student, old.nip, TODAY + timedelta(days=31)).state == EXPIRED
        assert verify_nip(session, student, generate_nip(), TODAY).state == WRONG
    new = issue_nip(demo_db, student, guardian)
    with demo_db.sessions() as session:
        assert verify_nip(session, student, old.nip, TODAY).state == REVOKED    # the old one stops at once
        assert verify_nip(session, student, new.nip, TODAY).state == VALID
        status = nip_status(session, student, guardian)
    assert status.describe(TODAY).startswith(f"NIP émis le {TODAY:%d/%m/%Y} par secretariat.test, expire le")
    assert new.nip not in status.describe(TODAY)
    assert revoke_nip(demo_db, student, guardian) == 1
    with demo_db.sessions() as session:
        assert verify_nip(session, student, new.nip, TODAY).state == REVOKED
        assert "révoqué" in nip_status(session, student, guardian).describe(TODAY)
    with pytest.raises(NotFound):
        revoke_nip(demo_db, student, guardian)


def test_refusals_write_nothing(demo_db):
    student, guardian = _pairs(demo_db, 1)[0]
    with demo_db.sessions() as session:
        stranger = session.scalar(select(Guardian.id).where(
            Guardian.id.not_in(select(StudentGuardian.guardian_id).where(StudentGuardian.student_id == student))))
    with pytest.raises(InvalidInput, match="répondant"):
        issue_nips(demo_db, [NipRequest(student, guardian), NipRequest(student, stranger)])
    with pytest.raises(InvalidInput, match="jours"):
        issue_nip(demo_db, student, guardian, validity_days=0)
    with demo_db.sessions() as session:
        assert session.scalar(select(Nip.id)) is None                      # the batch was all-or-nothing
        assert not session.scalars(select(AuditEntry).where(AuditEntry.action.like("nip%"))).all()


def test_audit_records_issue_and_revoke_without_the_nip(demo_db):
    student, guardian = _pairs(demo_db, 1)[0]
    issued = issue_nip(demo_db, student, guardian)
    revoke_nip(demo_db, student, guardian)
    with demo_db.sessions() as session:
        events = session.scalars(select(AuditEntry).where(AuditEntry.action.like("nip%"))
                                 .order_by(AuditEntry.id)).all()
    assert [e.action for e in events] == ["nip_issued", "nip_revoked"]
    assert events[0].os_user == "secretariat.test" and f"répondant {guardian}" in events[0].after
    compact = issued.nip.replace("-", "")
    for event in events:
        blob = " ".join(str(v) for v in (event.field, event.before, event.after, event.entity))
        assert issued.nip not in blob and compact not in blob and "argon2" not in blob


def _every_text_value(database):
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
            for column in columns:
                for (value,) in connection.execute(select(column)):
                    if value:
                        yield table.name, column.name, value


def test_a_nip_never_appears_in_clear_in_the_database_or_the_logs(demo_db, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)   # the most verbose log a user could enable
    try:
        issued = issue_nips(demo_db, [NipRequest(*pair) for pair in _pairs(demo_db, 3)])
        revoke_nip(demo_db, issued[0].student_id, issued[0].guardian_id)
    finally:
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    forms = [form for nip in issued for form in (nip.nip, nip.nip.replace("-", ""))]
    for table, column, value in _every_text_value(demo_db):
        assert not any(form in value for form in forms), (table, column)
    path = Path(demo_db.engine.url.database)
    raw = path.read_bytes() + (Path(f"{path}-wal").read_bytes() if Path(f"{path}-wal").exists() else b"")
    assert not any(form.encode() in raw for form in forms)
    assert "nip" in caplog.text.lower()                                 # the log did see the NIP rows…
    assert not any(form in caplog.text for form in forms)               # …but never a NIP
    captured = capsys.readouterr()
    assert not any(form in captured.out + captured.err for form in forms)


def test_cli_issue_prints_the_nip_once_as_json_and_writes_the_letter(demo_db, capsys, tmp_path):
    with demo_db.sessions() as session:
        student, guardian = _pairs(demo_db, 1)[0]
        fiche = session.get(Student, student).fiche
    url = demo_db.url
    letter = tmp_path / "lettre.pdf"
    assert main(["--db", url, "nip", "issue", "--student", fiche, "--guardian", str(guardian),
                 "--expires-days", "10", "--letter", str(letter), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"nip", "expires_on", "warnings"}
    assert data["expires_on"] == (TODAY + timedelta(days=10)).isoformat()
    assert len(data["nip"]) == 14 and letter.read_bytes().startswith(b"%PDF")
    with demo_db.sessions() as session:
        assert verify_nip(session, student, data["nip"], TODAY).state == VALID
    assert main(["--db", url, "nip", "revoke", "--student", fiche, "--guardian", str(guardian)]) == 0
    assert "révoqué" in capsys.readouterr().out
    with demo_db.sessions() as session:
        assert verify_nip(session, student, data["nip"], TODAY).state == REVOKED


def test_cli_refuses_a_stranger_in_french_without_traceback(demo_db, capsys):
    with demo_db.sessions() as session:
        student = session.get(Student, 1)
        fiche = student.fiche
    assert main(["--db", demo_db.url, "nip", "issue", "--student", fiche, "--guardian", "999999"]) == 2
    err = capsys.readouterr().err
    assert "Aucun répondant" in err and "Traceback" not in err
    assert main(["--db", demo_db.url, "nip", "revoke", "--student", "9999999x", "--guardian", "1"]) == 2
    assert "Aucun élève" in capsys.readouterr().err
