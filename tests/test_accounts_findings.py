"""Email and code findings (accounts.md §2, §5): each code found where planted, silent where not.

Crafted boards run on SQLite and PostgreSQL (``any_db``); the demo board test checks that every
problem the generator planted is found with the right code and that nothing else is reported.
"""

from __future__ import annotations

import io
from datetime import date
from itertools import count

import pytest

from desktop.models import Guardian, School, SchoolBoard, Student, StudentGuardian
from desktop.services.accounts.findings import FINDING_CODES, compute_findings, write_findings_csv
from tests.conftest import TEST_ACTOR, TODAY

BIRTH = date(2015, 3, 19)


class Board:
    """A tiny board built record by record, for one rule at a time."""

    def __init__(self, database) -> None:
        self.database = database
        self._fiches = count(1000)
        with database.sessions.begin() as session:
            board = SchoolBoard(code="CSS1", name="Centre de services scolaire Un")
            session.add(board)
            session.flush()
            self.board_id = board.id
            for code in ("E1", "E2"):
                session.add(School(board_id=board.id, code=code, name=f"École {code}", level="primary"))
            session.flush()
            self.schools = {s.code: s.id for s in session.query(School)}

    def student(self, last="Tremblay", first="Mathis", birth=BIRTH, code=None, fiche=None, school="E1") -> int:
        with self.database.sessions.begin() as session:
            row = Student(board_id=self.board_id, fiche=fiche or str(next(self._fiches)), code_permanent=code,
                          last_name=last, first_name=first, birth_date=birth, sex="M",
                          school_id=self.schools[school], grade=3)
            session.add(row)
            session.flush()
            return row.id

    def guardian(self, last="Tremblay", first="Julie", email=None, address="12 rue Principale, Lac-Brûlé") -> int:
        with self.database.sessions.begin() as session:
            row = Guardian(board_id=self.board_id, last_name=last, first_name=first, email=email, address=address)
            session.add(row)
            session.flush()
            return row.id

    def link(self, student_id: int, guardian_id: int, rank: int | None = 1) -> None:
        with self.database.sessions.begin() as session:
            session.add(StudentGuardian(student_id=student_id, guardian_id=guardian_id, respondent_rank=rank))

    def findings(self, code: str | None = None):
        with self.database.engine.connect() as connection:
            found = compute_findings(connection)
        return [f for f in found if code is None or f.code == code]


@pytest.fixture
def board(any_db):
    return Board(any_db)


def pairs(findings):
    return {(f.student_id, f.guardian_id) for f in findings}


def test_email_missing(board):
    child = board.student()
    mother = board.guardian(first="Julie", email=None)
    father = board.guardian(first="Marc", email="marc.tremblay@videotron.ca")
    step = board.guardian(last="Roy", first="Luc", email=None)
    board.link(child, mother, 1)
    board.link(child, father, 2)
    board.link(child, step, None)          # not a répondant: nobody expects an email
    found = board.findings("email_missing")
    assert pairs(found) == {(child, mother)}
    assert found[0].severity == "warning" and "Julie Tremblay" in found[0].message
    assert found[0].field == "email"


def test_email_shared_by_guardians(board):
    child = board.student()
    mother = board.guardian(first="Julie", email="famille.tremblay@gmail.com")
    father = board.guardian(first="Marc", email="Famille.Tremblay@gmail.com")   # same address, other case
    board.link(child, mother, 1)
    board.link(child, father, 2)
    other = board.student(last="Gagnon")
    a = board.guardian(last="Gagnon", first="Anne", email="anne.gagnon@gmail.com")
    b = board.guardian(last="Gagnon", first="Paul", email="paul.gagnon@gmail.com")
    board.link(other, a, 1)
    board.link(other, b, 2)
    found = board.findings("email_shared_by_guardians")
    assert pairs(found) == {(child, father)}               # the second répondant is the one to change
    assert found[0].severity == "error" and "Julie Tremblay" in found[0].message


def test_email_inconsistent_siblings(board):
    # The same mother entered twice (once per child, two schools) with two emails: a single-parent
    # family, so only her name and address tie the two records together.
    elder = board.student(first="Léa", school="E1")
    younger = board.student(first="Noah", school="E2")
    first_record = board.guardian(first="Julie", email="julie.tremblay@gmail.com")
    second_record = board.guardian(first="JULIE", email="jtremblay@hotmail.com")
    board.link(elder, first_record, 1)
    board.link(younger, second_record, 1)
    # Same name, same email twice: consistent. Same name elsewhere with another address: another person.
    third = board.student(last="Roy")
    roy1 = board.guardian(last="Roy", first="Luc", email="luc.roy@gmail.com", address="1 rue A")
    board.link(third, roy1, 1)
    fourth = board.student(last="Roy", first="Zoé")
    roy2 = board.guardian(last="Roy", first="Luc", email="luc.roy@gmail.com", address="1 rue A")
    board.link(fourth, roy2, 1)
    stranger = board.student(last="Roy", first="Adam")
    roy3 = board.guardian(last="Roy", first="Luc", email="lroy@outlook.com", address="99 chemin B")
    board.link(stranger, roy3, 1)
    found = board.findings("email_inconsistent_siblings")
    assert pairs(found) == {(elder, first_record), (younger, second_record)}
    assert "jtremblay@hotmail.com" in next(f.message for f in found if f.guardian_id == first_record)
    assert not board.findings("email_cross_family")      # the Roy email is one person's


def test_email_cross_family(board):
    one = board.student(last="Côté", first="Léa")
    grandma = board.guardian(last="Côté", first="Louise", email="louise.cote@videotron.ca", address="1 rue A")
    board.link(one, grandma, 1)
    two = board.student(last="Roy", first="Noah")
    typo = board.guardian(last="Roy", first="Marie", email="louise.cote@videotron.ca", address="2 rue B")
    board.link(two, typo, 1)
    # A couple sharing an email is one family: shared, not cross-family.
    three = board.student(last="Diallo")
    a = board.guardian(last="Diallo", first="Awa", email="diallo@gmail.com")
    b = board.guardian(last="Diallo", first="Moussa", email="diallo@gmail.com")
    board.link(three, a, 1)
    board.link(three, b, 2)
    found = board.findings("email_cross_family")
    assert pairs(found) == {(one, grandma), (two, typo)}
    assert all(f.severity == "error" for f in found)
    assert pairs(board.findings("email_shared_by_guardians")) == {(three, b)}


@pytest.mark.parametrize("email, severity", [
    ("a.roy@gmail.com; b.roy@gmail.com", "error"), ("a.roy@gmail.com b.roy@gmail.com", "error"),
    ("pas un courriel", "error"), ("a.roy@", "error"), (" a.roy@gmail.com", "warning"),
    ("a.roy @gmail.com", "warning"),
    ("a.roy@gmail.com\n", "warning"),  # a CSV's line end kept in the field: not the clean shape
    ("a" * 60 + "@" + ".".join(["b" * 60] * 3) + ".videotron.ca", "error"),  # longer than any address may be
])
def test_email_invalid_found(board, email, severity):
    child = board.student()
    guardian = board.guardian(email=email)
    board.link(child, guardian)
    found = board.findings("email_invalid")
    assert pairs(found) == {(child, guardian)} and found[0].severity == severity


@pytest.mark.parametrize("email", ["a.roy@gmail.com", "A.Roy@Videotron.ca", "a.roy+ecole@hotmail.fr",
                                   "ÉLODIE@gmail.com"])
def test_valid_emails_are_silent(board, email):
    child = board.student()
    board.link(child, board.guardian(email=email))
    assert not board.findings()


@pytest.mark.parametrize("email", ["a.roy@gmial.com", "a.roy@hotmial.com", "a.roy@gmail.con", "a.roy@iclould.com",
                                   "a.roy@bell.nte", "a.roy@outlook.cm"])
def test_email_domain_typo_found(board, email):
    child = board.student()
    guardian = board.guardian(email=email)
    board.link(child, guardian)
    found = board.findings("email_domain_typo")
    assert pairs(found) == {(child, guardian)} and "Vouliez-vous dire" in found[0].message


@pytest.mark.parametrize("email", ["a.roy@yahoo.fr", "a.roy@live.ca", "a.roy@cssdm.gouv.qc.ca", "a.roy@bell.net"])
def test_real_domains_are_not_typos(board, email):
    child = board.student()
    board.link(child, board.guardian(email=email))
    assert not board.findings("email_domain_typo")


def test_code_permanent_findings(board):
    good = board.student(code="TREM19031512")
    incomplete = board.student(code="TREM190315")
    malformed = board.student(code="TRE1190315")
    mismatch = board.student(code="GAGM19031512")
    short_name = board.student(last="Li", code="XXXM19031512")
    apostrophe = board.student(last="D'Amours", code="DAMM19031512")
    girl = board.student(first="Maëlle", code="TREM19531512")
    absent = board.student(code=None)
    by_code = {code: {f.student_id for f in board.findings(code)} for code in FINDING_CODES}
    assert by_code["code_permanent_incomplete"] == {incomplete}
    assert by_code["code_permanent_format"] == {malformed}
    assert by_code["code_permanent_mismatch"] == {mismatch}
    silent = {good, short_name, apostrophe, girl, absent}
    assert not silent & set().union(*by_code.values())
    assert next(iter(board.findings("code_permanent_incomplete"))).severity == "info"


def test_fiche_format(board):
    bad = board.student(fiche="12A45")
    zeros = board.student(fiche="0012345")
    found = board.findings("fiche_format")
    assert {f.student_id for f in found} == {bad}
    assert zeros not in {f.student_id for f in board.findings()}


def test_school_filter_keeps_families_whole(board):
    # The two siblings are in two schools: filtering on E2 still shows its half of the problem.
    elder = board.student(first="Léa", school="E1")
    younger = board.student(first="Noah", school="E2")
    board.link(elder, board.guardian(email="julie@gmail.com"))
    board.link(younger, board.guardian(email="julie.t@gmail.com"))
    with board.database.engine.connect() as connection:
        e2 = compute_findings(connection, school_code="E2")
    assert {(f.code, f.student_id, f.school_code) for f in e2} == {("email_inconsistent_siblings", younger, "E2")}


def test_fixing_the_record_clears_the_finding(board):
    child = board.student()
    guardian = board.guardian(email="a.roy@gmial.com")
    board.link(child, guardian)
    assert board.findings("email_domain_typo")
    with board.database.sessions.begin() as session:
        session.get(Guardian, guardian).email = "a.roy@gmail.com"
    assert not board.findings()


def test_csv_writer(board):
    child = board.student(first="Éloïse")
    board.link(child, board.guardian(email=None))
    out = io.StringIO()
    assert write_findings_csv(board.findings(), out) == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Code;Gravité;École")
    assert "email_missing;Avertissement;E1 École E1" in lines[1] and "Éloïse" in lines[1]


# --------------------------------------------------------------------------- the demo board


@pytest.fixture(scope="module")
def planted_demo(tmp_path_factory):
    """A demo board and the list of what its generator planted (ids of the records involved)."""
    from desktop.services.demo.generate import DemoBuild
    from desktop.services.demo.writer import BulkWriter
    from desktop.services.storage import open_database

    path = tmp_path_factory.mktemp("planted") / "demo.db"
    database = open_database(f"sqlite:///{path}", create=True, actor=TEST_ACTOR)
    build = DemoBuild(1500, 11, TODAY)
    with database.engine.begin() as connection:
        build.write(BulkWriter(connection), lambda *_args: None)
    with database.engine.connect() as connection:
        findings = compute_findings(connection)
    with database.sessions() as session:
        students = {s.id: (s.last_name, s.first_name) for s in session.query(Student)}
        links = {(link.student_id, link.guardian_id): link.respondent_rank for link in session.query(StudentGuardian)}
    database.close()
    return build.problems, findings, students, links


def _by_code(findings):
    grouped: dict[str, set] = {code: set() for code in FINDING_CODES}
    for f in findings:
        grouped[f.code].add(f.guardian_id if f.guardian_id is not None else f.student_id)
    return grouped


def test_every_planted_problem_is_found(planted_demo):
    from desktop.services.accounts.code_permanent import surname_letters

    problems, findings, students, links = planted_demo
    found = _by_code(findings)
    respondents = {g for (s, g), rank in links.items() if rank is not None}
    assert set(problems.guardians_without_email) & respondents <= found["email_missing"]
    assert problems.couples_sharing_email
    for pair in problems.couples_sharing_email:
        assert set(pair) & found["email_shared_by_guardians"], pair
    assert problems.guardians_split_across_siblings
    for pair in problems.guardians_split_across_siblings:
        assert set(pair) <= found["email_inconsistent_siblings"], pair
    assert problems.unrelated_families_sharing_email
    for pair in problems.unrelated_families_sharing_email:
        assert set(pair) <= found["email_cross_family"], pair
    assert set(problems.typo_domains) <= found["email_domain_typo"]
    assert set(problems.stray_spaces) | set(problems.two_addresses) <= found["email_invalid"]
    assert set(problems.incomplete_codes) <= found["code_permanent_incomplete"]
    documented = {sid for sid in problems.mismatched_codes if surname_letters(students[sid][0]) is not None}
    assert documented and documented <= found["code_permanent_mismatch"]


def test_nothing_is_reported_where_nothing_was_planted(planted_demo):
    problems, findings, _students, links = planted_demo
    found = _by_code(findings)
    assert found["email_missing"] <= set(problems.guardians_without_email)
    assert found["email_shared_by_guardians"] <= {g for pair in problems.couples_sharing_email for g in pair}
    assert found["email_inconsistent_siblings"] <= {g for pair in problems.guardians_split_across_siblings
                                                    for g in pair}
    assert found["email_cross_family"] <= {g for pair in problems.unrelated_families_sharing_email for g in pair}
    assert found["email_domain_typo"] <= set(problems.typo_domains)
    assert found["email_invalid"] <= set(problems.stray_spaces) | set(problems.two_addresses)
    assert found["code_permanent_incomplete"] <= set(problems.incomplete_codes)
    assert found["code_permanent_mismatch"] <= set(problems.mismatched_codes)
    assert not found["code_permanent_format"] and not found["fiche_format"]
