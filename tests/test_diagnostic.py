"""The association diagnostic (accounts.md §4): one crafted case per code, and nothing revealed."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import delete

from desktop.models import Student, StudentGuardian
from desktop.services.accounts.diagnostic import (
    DIAGNOSTIC_CODES,
    AssociationAttempt,
    StudentDirectory,
    diagnose,
    name_differences,
)
from desktop.services.accounts.nips import issue_nip
from tests.conftest import TODAY
from tests.test_accounts_findings import Board

from support.cli import main

BIRTH = date(2015, 9, 3)
CODE = "COTA03591512"
MOTHER_EMAIL = "julie.cote@videotron.ca"
FATHER_EMAIL = "marc.tremblay@gmail.com"


@pytest.fixture
def family(any_db):
    board = Board(any_db)
    child = board.student(last="Côté-Tremblay", first="Alexandrine", birth=BIRTH, code=CODE, fiche="0012345")
    mother = board.guardian(last="Côté", first="Julie", email=MOTHER_EMAIL)
    father = board.guardian(last="Tremblay", first="Marc", email=FATHER_EMAIL)
    board.link(child, mother, 1)
    board.link(child, father, 2)
    # Decoys: same birth date, same surname word, another child of the board.
    board.student(last="Côté", first="Léa", birth=BIRTH, code="COTL03591522")
    board.student(last="Tremblay", first="Noah", birth=date(2016, 1, 5))
    return board, child, mother, father


EXACT = AssociationAttempt("CSS1", "Côté-Tremblay", "Alexandrine", BIRTH, fiche="0012345", email=MOTHER_EMAIL)


def run(board, attempt, today=TODAY):
    with board.database.engine.connect() as connection:
        directory = StudentDirectory.load(connection)
    with board.database.sessions() as session:
        return diagnose(directory, session, attempt, today)


def codes(diagnosis):
    return {f.code for f in diagnosis.findings}


def test_exact_attempts_match(family):
    board, *_ = family
    for attempt in (EXACT, replace(EXACT, fiche=None, code_permanent="cota 0359 1512"),
                    replace(EXACT, board_code="css1", email=None)):
        diagnosis = run(board, attempt)
        assert diagnosis.outcome == "match" and codes(diagnosis) == {"match"}
        assert diagnosis.student_fiche == "0012345"
        assert diagnosis.as_json()["student_fiche"] == "0012345"


@pytest.mark.parametrize("change, code, field", [
    ({"last_name": "Cote-Tremblay"}, "name_accent", "last_name"),
    ({"last_name": "Côté Tremblay"}, "name_hyphen_space", "last_name"),
    ({"last_name": "Tremblay-Côté"}, "name_order", "last_name"),
    ({"last_name": "Côté"}, "name_missing_part", "last_name"),
    ({"last_name": "Tremblay"}, "name_missing_part", "last_name"),
    ({"first_name": "Alex"}, "name_nickname", "first_name"),
    ({"last_name": "CÔTÉ-TREMBLAY"}, "name_case", "last_name"),
    ({"first_name": "alexandrine"}, "name_case", "first_name"),
    ({"birth_date": date(2014, 9, 3)}, "birth_date_mismatch", "birth_date"),
    ({"birth_date": date(2015, 3, 9)}, "birth_date_day_month_swapped", "birth_date"),
    ({"fiche": "00123456"}, "fiche_format", "fiche"),
    ({"fiche": "12A45"}, "fiche_format", "fiche"),
    ({"fiche": None, "code_permanent": "COTA035915"}, "code_permanent_truncated", "code_permanent"),
    ({"fiche": None, "code_permanent": "COTX035915"}, "code_permanent_incomplete", "code_permanent"),
    ({"fiche": None, "code_permanent": "COTA0359151"}, "code_permanent_format", "code_permanent"),
    ({"fiche": None, "code_permanent": "TREA03591599"}, "code_permanent_mismatch", "code_permanent"),
    ({"email": "quelqu.un@gmail.com"}, "email_not_on_file", "email"),
])
def test_each_difference_is_explained(family, change, code, field):
    board, *_ = family
    diagnosis = run(board, replace(EXACT, **change))
    assert diagnosis.outcome == "no_match"
    assert code in codes(diagnosis)
    finding = next(f for f in diagnosis.findings if f.code == code)
    assert finding.field == field and finding.message and finding.fix
    assert "student_fiche" not in diagnosis.as_json()
    # Nothing the parent did not type: no name part, fiche, code or email from the file.
    typed = " ".join(str(v) for v in replace(EXACT, **change).__dict__.values() if v)
    said = " ".join(f.message + " " + f.fix for f in diagnosis.findings)
    for secret in ("Côté", "Tremblay", "Alexandrine", "0012345", CODE, MOTHER_EMAIL, FATHER_EMAIL, "2015-09-03"):
        if secret not in typed:
            assert secret not in said, (secret, said)


def test_several_differences_at_once(family):
    board, *_ = family
    diagnosis = run(board, replace(EXACT, last_name="cote tremblay", birth_date=date(2015, 3, 9)))
    assert {"name_accent", "name_case", "name_hyphen_space", "birth_date_day_month_swapped"} <= codes(diagnosis)


def test_no_student(family):
    board, *_ = family
    assert codes(run(board, replace(EXACT, board_code="AUTRE"))) == {"no_student"}
    lost = run(board, AssociationAttempt("CSS1", "Lavoie", "Zoé", date(2010, 1, 1), fiche="7777777"))
    assert lost.outcome == "no_match" and "no_student" in codes(lost) and lost.student_fiche is None


def test_nips_in_the_diagnostic(family):
    board, child, mother, father = family
    database = board.database
    for_mother = issue_nip(database, child, mother)
    with_nip = replace(EXACT, fiche=None, nip=for_mother.nip.lower())
    assert run(board, with_nip).outcome == "match"
    assert codes(run(board, replace(with_nip, nip="ABCD-EFGH-JKMN"))) == {"nip_wrong"}
    misread = run(board, replace(with_nip, nip=for_mother.nip.replace(for_mother.nip[0], "0", 1)))
    assert codes(misread) == {"nip_wrong"} and "«\u00a00\u00a0»" in misread.findings[0].message
    assert codes(run(board, with_nip, today=TODAY + timedelta(days=400))) == {"nip_expired"}
    other = run(board, replace(with_nip, email=FATHER_EMAIL))
    assert codes(other) == {"nip_other_guardian", "email_on_other_guardian"}
    issue_nip(database, child, mother)              # reissue: the first one is revoked
    assert codes(run(board, with_nip)) == {"nip_revoked"}
    assert for_mother.nip not in json.dumps(run(board, with_nip).as_json())


def test_name_differences_unit():
    assert name_differences("Côté", "Côté", given_name=False) == []
    assert name_differences("Roy", "Tremblay", given_name=False) is None
    assert name_differences("Marie", "Marie-Ève", given_name=True) == ["name_nickname"]
    assert name_differences("D Amours", "D'Amours", given_name=False) == ["name_hyphen_space"]


def test_every_code_is_documented():
    assert len(DIAGNOSTIC_CODES) == 23 and "match" in DIAGNOSTIC_CODES


def test_ten_characters_of_a_complete_code_ask_for_all_twelve_not_the_ministry(family):
    board, *_ = family
    diagnosis = run(board, replace(EXACT, fiche=None, code_permanent="COTA035915"))
    finding = next(f for f in diagnosis.findings if f.field == "code_permanent")
    assert finding.code == "code_permanent_truncated" and "12 caractères" in finding.fix
    assert "ministère" not in finding.message
    assert "code_permanent_incomplete" not in codes(diagnosis)


@pytest.mark.parametrize("stored", [" julie.cote@videotron.ca", "julie.cote@hotmial.com"])
def test_an_account_email_matching_a_flawed_email_on_file_is_said_and_opens_the_guardian(family, stored):
    from desktop.models import Guardian

    board, child, mother, _father = family
    with board.database.sessions() as session, session.begin():
        session.get(Guardian, mother).email = stored
    diagnosis = run(board, replace(EXACT, email=stored.strip()))
    finding = next(f for f in diagnosis.findings if f.field == "email")
    assert finding.code == "email_at_risk" and "jamais atteint" in finding.message
    assert diagnosis.student_id == child and diagnosis.guardian_id == mother


def test_cli_json_shape(family, capsys):
    board, *_ = family
    url = board.database.url
    assert main(["--db", url, "diagnose", "--board", "CSS1", "--last-name", "Côté-Tremblay", "--first-name",
                 "Alexandrine", "--birth-date", "2015-09-03", "--fiche", "0012345", "--email", MOTHER_EMAIL,
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"outcome": "match", "student_fiche": "0012345", "findings": [
        {"code": "match", "field": "", "message": data["findings"][0]["message"], "fix": data["findings"][0]["fix"]}]}
    assert main(["--db", url, "diagnose", "--board", "CSS1", "--last-name", "Cote", "--first-name", "Alex",
                 "--birth-date", "2015-03-09", "--code-permanent", "COTA035915", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"] == "no_match" and "student_fiche" not in data
    assert {"name_accent", "name_missing_part", "name_nickname", "birth_date_day_month_swapped",
            "code_permanent_truncated"} <= {f["code"] for f in data["findings"]}
    assert all(set(f) == {"code", "field", "message", "fix"} for f in data["findings"])


def test_cli_refuses_a_bad_date_in_french(family, capsys):
    board, *_ = family
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", board.database.url, "diagnose", "--board", "CSS1", "--last-name", "A", "--first-name", "B",
              "--birth-date", "3 brumaire 2015", "--fiche", "1"])
    assert exit_info.value.code == 2
    assert "AAAA-MM-JJ" in capsys.readouterr().err


DIAGNOSE_ALEXANDRINE = ["diagnose", "--board", "CSS1", "--last-name", "Côté-Tremblay", "--first-name", "Alexandrine",
                        "--birth-date", "2015-09-03", "--json"]
TYPED_NIP = "K7QM-3XHP-9TWA"


def test_cli_never_takes_the_nip_on_its_command_line(family, capsys):
    """Every user of the machine sees a process's arguments (``ps``): refused, and nothing diagnosed."""
    board, *_ = family
    assert main(["--db", board.database.url, *DIAGNOSE_ALEXANDRINE, "--nip", TYPED_NIP]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "ligne de commande" in err and "--nip -" in err
    assert TYPED_NIP not in err


def test_cli_reads_the_nip_on_standard_input(family, capsys, monkeypatch):
    board, *_ = family
    monkeypatch.setattr("sys.stdin", io.StringIO(TYPED_NIP + "\n"))
    assert main(["--db", board.database.url, *DIAGNOSE_ALEXANDRINE, "--nip", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "nip_wrong" in {f["code"] for f in data["findings"]}


def test_cli_asks_for_the_nip_without_echo_at_a_terminal(family, capsys, monkeypatch):
    board, *_ = family
    prompts = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or TYPED_NIP)
    assert main(["--db", board.database.url, *DIAGNOSE_ALEXANDRINE, "--nip"]) == 0
    assert prompts and "NIP" in prompts[0]
    assert "nip_wrong" in {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}


def test_cli_refuses_an_empty_nip(family, capsys, monkeypatch):
    board, *_ = family
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", board.database.url, *DIAGNOSE_ALEXANDRINE, "--nip", "-"]) == 2
    assert "Aucun NIP" in capsys.readouterr().err


def test_a_student_gone_since_the_directory_was_loaded_is_no_student(family):
    """The directory is loaded once per page; a demo board replaced on another workstation meanwhile
    leaves it naming a student the database no longer has: the secretary reads "no student", not an error."""
    board, child, *_ = family
    with board.database.engine.connect() as connection:
        directory = StudentDirectory.load(connection)
    with board.database.sessions.begin() as session:
        session.execute(delete(StudentGuardian).where(StudentGuardian.student_id == child))
        session.execute(delete(Student).where(Student.id == child))
    with board.database.sessions() as session:
        diagnosis = diagnose(directory, session, EXACT, TODAY)
    assert diagnosis.outcome == "no_match" and codes(diagnosis) == {"no_student"}
    assert diagnosis.student_id is None
