"""Email findings kept current (issue 15, item 3): a fix re-checks the guardians it may affect.

``Accounts.recheck_findings`` must give, for every guardian it names, exactly what a
board-wide computation would give now, and name every guardian whose findings changed: the
fixed one, and whoever shared the address (a cross-family duplicate is a finding on both rows).
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select, text

from desktop.models import Guardian, StudentGuardian
from desktop.services.demo import generate_demo
from desktop.services.facade import Vitrail
from desktop.services.students import EmailEdit

from conftest import TODAY


@pytest.fixture
def board(any_db):
    generate_demo(any_db, students=60, seed=7, today=TODAY)
    return Vitrail(any_db)


def _strangers(app: Vitrail) -> tuple[int, int]:
    """Two guardians of two families that share no child and no name: a duplicate address between
    them is a cross-family finding."""
    with app.database.sessions() as session:
        links = session.execute(select(StudentGuardian.student_id, StudentGuardian.guardian_id)
                                .order_by(StudentGuardian.id)).all()
        names = {g.id: (g.first_name, g.last_name) for g in session.scalars(select(Guardian))}
    first_student, first = links[0]
    children = {s for s, g in links if g == first}
    partners = {g for s, g in links if s in children}
    for student_id, guardian_id in links:
        if student_id not in children and guardian_id not in partners and names[guardian_id] != names[first]:
            return first, guardian_id
    raise AssertionError("the demo board has two families")


def _save(app: Vitrail, guardian_id: int, email: str) -> None:
    with app.database.sessions() as session:
        version = session.get_one(Guardian, guardian_id).version
    app.students.save_emails([EmailEdit(guardian_id, version, email)])


def _of(findings, guardians) -> set:
    return {f for f in findings if f.guardian_id in guardians}


def test_a_duplicate_fixed_clears_both_rows(board):
    first, other = _strangers(board)
    _save(board, first, "meme.adresse@exemple.ca")
    _save(board, other, "meme.adresse@exemple.ca")
    before = board.accounts.findings()
    assert {f.guardian_id for f in before if f.code == "email_cross_family"} >= {first, other}

    _save(board, other, "sa.propre.adresse@exemple.ca")
    update = board.accounts.recheck_findings([other])

    assert {first, other} <= update.guardians
    assert not [f for f in update.findings if f.code == "email_cross_family" and f.guardian_id in (first, other)]
    assert set(update.findings) == _of(board.accounts.findings(), update.guardians)


def test_a_new_duplicate_shows_on_both_rows(board):
    first, other = _strangers(board)
    _save(board, first, "meme.adresse@exemple.ca")
    board.accounts.findings()

    _save(board, other, "meme.adresse@exemple.ca")
    update = board.accounts.recheck_findings([other])

    crossed = {f.guardian_id for f in update.findings if f.code == "email_cross_family"}
    assert {first, other} <= crossed
    assert set(update.findings) == _of(board.accounts.findings(), update.guardians)


def test_each_recheck_matches_the_board_wide_computation(board):
    """Several fixes in a row (shared addresses, typos, blanks): after each, the re-checked rows are
    what a full computation finds, and no other row changed."""
    with board.database.sessions() as session:
        guardians = list(session.scalars(select(Guardian.id).order_by(Guardian.id)))
    addresses = ["partage@exemple.ca", "partage@exemple.ca", "quelquun@gmial.com", "", "partage@exemple.ca",
                 "nouvelle@exemple.ca"]
    board.accounts.findings()
    for index, email in enumerate(addresses):
        guardian_id = guardians[(index * 7) % len(guardians)]
        before = board.accounts._board_findings.findings()  # the state the re-check starts from
        _save(board, guardian_id, email)
        update = board.accounts.recheck_findings([guardian_id])
        now = board.accounts.findings()
        assert set(update.findings) == _of(now, update.guardians), email
        assert {f for f in before if f.guardian_id not in update.guardians} == \
               {f for f in now if f.guardian_id not in update.guardians}, email


def test_the_board_lists_the_same_findings_in_the_same_order_however_its_rows_are_stored(board):
    """Three parents of three families, each with two children or more, share one address: each
    finding names the two others and a child of each, in the same words at every computation. On
    PostgreSQL a row updated moves in the table's storage (here every student, guardian and link,
    in reverse order), and a table read without an order comes back in storage order: the
    secretary would see a message reworded with nothing changed."""
    from desktop.services.accounts.findings import compute_findings, families

    with board.database.sessions() as session:
        links = session.execute(select(StudentGuardian.student_id, StudentGuardian.guardian_id, StudentGuardian.id)
                                .order_by(StudentGuardian.id)).all()
        names = {g.id: (g.first_name, g.last_name) for g in session.scalars(select(Guardian))}
    family_of = families([(s, g, None) for s, g, _ in links])
    children = Counter(g for _s, g, _id in links)
    strangers: dict[int, int] = {}  # family → one of its parents of several children, none sharing a name
    for guardian_id, family in sorted(family_of.items()):
        if family not in strangers and children[guardian_id] > 1 \
                and names[guardian_id] not in {names[g] for g in strangers.values()}:
            strangers[family] = guardian_id
    shared = sorted(strangers.values())[:3]
    assert len(shared) == 3, "the demo board has three such families"
    for guardian_id in shared:
        _save(board, guardian_id, "une.adresse@exemple.ca")
    with board.database.engine.connect() as connection:
        before = compute_findings(connection)
    crossed = [f.message for f in before if f.code == "email_cross_family" and f.guardian_id == shared[0]]
    assert crossed and all(", " in message for message in crossed), "each names the two other parents"

    with board.database.engine.begin() as connection:
        for table, column in (("student", "last_name"), ("guardian", "last_name"),
                              ("student_guardian", "respondent_rank")):
            ids = connection.execute(text(f"SELECT id FROM {table} ORDER BY id DESC")).scalars().all()
            for row_id in ids:
                connection.execute(text(f"UPDATE {table} SET {column} = {column} WHERE id = :id"), {"id": row_id})
    with board.database.engine.connect() as connection:
        after = compute_findings(connection)

    assert [f.message for f in after] == [f.message for f in before]
    assert after == before


def test_the_parents_page_replaces_only_the_rows_of_a_fix(qtbot, qtmodeltester, demo_db):
    """Comptes parents: a duplicate address fixed on another page clears both rows, and only those;
    the model passes the model tester while rows leave and arrive."""
    from desktop.views.accounts_findings_model import FindingRole
    from desktop.views.accounts_page import AccountsPage
    from desktop.views.context import build_context
    from desktop.views.operations import SynchronousRunner

    app = Vitrail(demo_db)
    first, other = _strangers(app)
    _save(app, first, "meme.adresse@exemple.ca")
    _save(app, other, "meme.adresse@exemple.ca")
    context = build_context(app, SynchronousRunner())
    page = AccountsPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.findings_loaded, timeout=20000):
        page.show()
    qtmodeltester.check(page.model)
    crossed = {(f.code, f.guardian_id) for f in page.model.findings() if f.code == "email_cross_family"}
    assert {("email_cross_family", first), ("email_cross_family", other)} <= crossed
    untouched = page.proxy.index(0, 0).data(FindingRole)
    page.table.selectRow(0)

    with app.database.sessions() as session:
        version = session.get_one(Guardian, other).version
    with qtbot.waitSignal(page.findings_loaded, timeout=20000):
        context.runner.write(page, lambda _progress: app.students.save_emails(
            [EmailEdit(other, version, "sa.propre.adresse@exemple.ca")]))

    shown = page.model.findings()
    assert not [f for f in shown if f.code == "email_cross_family" and f.guardian_id in (first, other)]
    assert shown == app.accounts.findings()  # the same rows, in the same order, as a full computation
    if untouched.guardian_id not in (first, other):
        assert page.selected_findings() == [untouched]  # the selection stayed on its row
