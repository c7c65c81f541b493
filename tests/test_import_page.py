"""The « Importation » page, driven as the board's administrator would: choose an export, read its
plan, settle the conflicts, apply (or cancel), see the history and the corrections for the SIS."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models import Guardian
from desktop.services.credentials import store_oneroster_secret
from desktop.services.facade import Vitrail
from desktop.services.students import EmailEdit
from desktop.services.sync import Kind
from desktop.views.context import ViewContext, build_context
from desktop.views.import_models import RecordRole
from desktop.views.import_page import ImportPage
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner

from support.cli import main
from support.oneroster import Export, table_counts
from support.oneroster_server import CLIENT_ID, CLIENT_SECRET, TOKEN_PATH, serving

SCREENSHOTS = os.environ.get("VITRAIL_SCREENSHOTS")  # a folder: save what the tests show, to look at
PROBLEMS_TAB, CONFLICTS_TAB, CORRECTIONS_TAB = 2, 1, 3


@pytest.fixture
def export_zip(demo_db, tmp_path) -> Path:
    """The demo board as the SIS would send it: a OneRoster 1.2 zip made by ``export_oneroster``."""
    target = tmp_path / "sis.zip"
    Vitrail(demo_db).sync.export_oneroster(target)
    return target


@pytest.fixture
def source(demo_db, tmp_path) -> Export:
    return Export.of(demo_db, tmp_path / "sis")


@pytest.fixture
def context(empty_db) -> ViewContext:
    return build_context(Vitrail(empty_db), SynchronousRunner())


def _page(qtbot, context) -> ImportPage:
    page = ImportPage(context)
    qtbot.addWidget(page)
    page.resize(1146, 720)
    page.show()
    return page


def _rows(model) -> list[list[str]]:
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def _students_row(page) -> list[str]:
    return next(row for row in _rows(page.counts_model) if row[0] == "Élèves")


def _shoot(widget, tmp_path, name) -> Path:
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    assert widget.grab().save(str(target))
    return target


def test_an_export_imported_through_the_page_fills_an_empty_database(qtbot, any_db, demo_db, export_zip, tmp_path,
                                                                      qtmodeltester):
    """On SQLite and PostgreSQL: the page reads the zip, shows its plan, applies it, lists the run."""
    empty_db = any_db
    context = build_context(Vitrail(any_db), SynchronousRunner())
    students = Vitrail(demo_db).students.count()
    window = build_main_window(context.vitrail, context.runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.show_page("import")
    assert window.current_page_name() == "import"
    assert page.server_button.isHidden(), "no SIS server configured: no button that cannot work"
    assert not page.apply_button.isEnabled()

    with qtbot.waitSignal(page.plan_shown) as shown:
        page.plan_from(export_zip)
    plan = shown.args[0]
    assert plan is not None and not plan.errors
    assert _students_row(page)[1] == str(students)  # « Ajouts »
    assert page.examples_model.rowCount() > 0 and page.problems_model.rowCount() == len(plan.warnings)
    assert "changement(s) à appliquer" in page.status.text()
    assert page.apply_button.isEnabled()
    for model in (page.counts_model, page.examples_model, page.problems_model):
        qtmodeltester.check(model)
    _shoot(window, tmp_path, "importation.png")
    assert table_counts(empty_db)["student"] == 0, "reading and planning write nothing"

    with qtbot.waitSignal(context.runner.changed) as changed, qtbot.waitSignal(page.applied) as applied:
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].board
    result = applied.args[0]
    assert result.run_id is not None and not result.cancelled
    assert Vitrail(empty_db).students.count() == students
    assert "Importation appliquée" in page.status.text()
    assert not page.apply_button.isEnabled(), "a plan is applied once"

    # The students are there for the other pages too.
    listing = Vitrail(empty_db).students.listing()
    assert {s.fiche for s in listing} == {s.fiche for s in Vitrail(demo_db).students.listing()}

    # The history lists the run, and what it changed.
    assert page.runs_model.rowCount() == 1
    assert page.runs_model.index(0, 0).data(RecordRole).id == result.run_id
    with qtbot.waitSignal(page.run_changes_loaded):
        page.runs_view.setCurrentIndex(page.runs_model.index(0, 0))
    assert page.run_changes_model.rowCount() > 0
    assert f"Importation n° {result.run_id}" in page.run_changes_label.text()
    for model in (page.runs_model, page.run_changes_model):
        qtmodeltester.check(model)

    # The same export again: nothing to change, nothing to apply.
    with qtbot.waitSignal(page.plan_shown):
        page.plan_from(export_zip)
    assert "déjà à jour" in page.status.text() and not page.apply_button.isEnabled()


def test_a_broken_export_shows_its_problems_by_file_line_and_field_and_cannot_be_applied(
        qtbot, context, empty_db, source, qtmodeltester, tmp_path):
    klass = next(r for r in source.rows("classes.csv") if r["classType"] == "homeroom")
    source.edit("classes.csv", lambda rows: [dict(r, classType="homeroon") if r["sourcedId"] == klass["sourcedId"]
                                             else r for r in rows])
    line = source.line_of("classes.csv", klass["sourcedId"])
    before = table_counts(empty_db)
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.plan_shown):
        page.plan_from(source.folder)

    assert not page.apply_button.isEnabled()
    assert "erreur(s) dans l'export" in page.status.text()
    assert page.tabs.currentIndex() == PROBLEMS_TAB and "erreur" in page.tabs.tabText(PROBLEMS_TAB)
    problems = _rows(page.problems_model)
    assert ["Erreur", "classes.csv", str(line), "classType"] in [row[:4] for row in problems]
    explanation = next(row[4] for row in problems if row[1:4] == ["classes.csv", str(line), "classType"])
    assert "« homeroon » inconnue" in explanation and "« homeroom »" in explanation  # what was read, and meant
    qtmodeltester.check(page.problems_model)
    _shoot(page, tmp_path, "importation-problemes.png")
    page.apply_plan()  # even called directly, it does nothing
    assert table_counts(empty_db) == before


def test_an_unreadable_path_is_said_in_french(qtbot, context, tmp_path):
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.plan_shown) as shown:
        page.plan_from(tmp_path / "absent.zip")
    assert shown.args[0] is None
    assert "absent.zip" in page.status.text() and "Traceback" not in page.status.text()
    assert not page.apply_button.isEnabled()


def _imported(empty_db, source) -> Vitrail:
    vitrail = Vitrail(empty_db)
    vitrail.sync.apply(vitrail.sync.plan_oneroster_csv(source.folder))
    return vitrail


def _guardian(vitrail: Vitrail, sourced_id: str) -> Guardian:
    with vitrail.database.sessions() as session:
        return session.scalars(select(Guardian).where(Guardian.sourced_id == sourced_id)).one()


def _email_changed_on_both_sides(vitrail: Vitrail, source: Export) -> dict[str, str]:
    parent = next(r for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-guardian-")
                  and r["email"] and " " not in r["email"] and "," not in r["email"])
    guardian = _guardian(vitrail, parent["sourcedId"])
    vitrail.students.save_emails([EmailEdit(guardian.id, guardian.version, "vitrail@videotron.ca")])
    source.edit("users.csv", lambda rows: [dict(r, email="sis@videotron.ca") if r["sourcedId"] == parent["sourcedId"]
                                           else r for r in rows])
    return parent


def test_a_conflict_is_settled_on_the_page_seeing_both_values(qtbot, empty_db, source, qtmodeltester, tmp_path):
    vitrail = _imported(empty_db, source)
    parent = _email_changed_on_both_sides(vitrail, source)
    context = build_context(vitrail, SynchronousRunner())
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.plan_shown):
        page.plan_from(source.folder)

    assert page.tabs.currentIndex() == CONFLICTS_TAB and "1 à trancher" in page.tabs.tabText(CONFLICTS_TAB)
    [row] = _rows(page.conflicts_model)
    assert row[1:6] == ["courriel", "vitrail@videotron.ca", "sis@videotron.ca", parent["email"], "À choisir"]
    assert not page.apply_button.isEnabled(), "every conflict is settled before applying"
    qtmodeltester.check(page.conflicts_model)
    _shoot(page, tmp_path, "importation-conflits.png")

    page.conflicts_view.selectRow(0)
    qtbot.mouseClick(page.take_sis_button, Qt.MouseButton.LeftButton)
    assert _rows(page.conflicts_model)[0][5] == "Prendre la valeur du SIS"
    assert page.apply_button.isEnabled()
    qtmodeltester.check(page.conflicts_model)
    with qtbot.waitSignal(page.applied):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert _guardian(vitrail, parent["sourcedId"]).email == "sis@videotron.ca"


def test_kept_corrections_are_listed_and_exported_for_the_sis(qtbot, empty_db, source, tmp_path, qtmodeltester):
    vitrail = _imported(empty_db, source)
    context = build_context(vitrail, SynchronousRunner())
    page = _page(qtbot, context)
    assert page.corrections_model.rowCount() == 0
    parent = next(r for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-guardian-")
                  and r["email"] and " " not in r["email"])
    guardian = _guardian(vitrail, parent["sourcedId"])
    with qtbot.waitSignal(page.corrections_loaded):  # the page hears of the save through the runner
        context.runner.write(page, lambda _progress: vitrail.students.save_emails(
            [EmailEdit(guardian.id, guardian.version, "corrige@videotron.ca")]))
    [row] = _rows(page.corrections_model)
    assert row[2:] == ["courriel", "corrige@videotron.ca", parent["email"]]
    assert page.tabs.tabText(CORRECTIONS_TAB) == "À reporter dans le SIS (1)"
    qtmodeltester.check(page.corrections_model)

    target = tmp_path / "corrections.csv"
    with qtbot.waitSignal(page.corrections_exported) as exported:
        page.export_corrections(target)
    assert exported.args[0] == 1
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["sourcedId"], r["valeur corrigée dans Vitrail"]) for r in rows] == [
        (parent["sourcedId"], "corrige@videotron.ca")]
    assert "1 correction(s)" in page.status.text()


def test_cancelling_the_apply_leaves_the_database_as_it_was(qtbot, context, empty_db, source):
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.plan_shown):
        page.plan_from(source.folder)
    before = table_counts(empty_db)
    page.progressed.connect(lambda *_: page.cancel())  # « Annuler » at the first step written
    with qtbot.waitSignal(page.applied) as applied:
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert applied.args[0].cancelled
    assert table_counts(empty_db) == before
    assert page.status.text() == "Importation annulée : rien n'a été écrit."
    assert page.apply_button.isEnabled(), "the plan is still there, to apply later"
    assert page.runs_model.rowCount() == 0


def test_counts_and_examples_name_each_kind(qtbot, context, source):
    page = _page(qtbot, context)
    with qtbot.waitSignal(page.plan_shown) as shown:
        page.plan_from(source.folder)
    plan = shown.args[0]
    kinds = {row[0] for row in _rows(page.counts_model)}
    assert {"Élèves", "Écoles"} <= kinds
    examples = [page.examples_model.index(row, 0).data(RecordRole) for row in range(page.examples_model.rowCount())]
    students = [change for change in examples if change.kind == Kind.STUDENT]
    assert 0 < len(students) <= 20 and plan.counts[Kind.STUDENT].added > len(students)


def test_a_reimport_with_changes_at_1366_by_768(qtbot, empty_db, source, tmp_path):
    """What the documentation shows: the SIS changed phones, dropped a student, and an email both sides changed."""
    vitrail = _imported(empty_db, source)
    _email_changed_on_both_sides(vitrail, source)
    parents = [r["sourcedId"] for r in source.rows("users.csv") if r["sourcedId"].startswith("vitrail-guardian-")
               and r["phone"]][1:4]
    source.edit("users.csv", lambda rows: [dict(r, phone="819 555-0199") if r["sourcedId"] in parents else r
                                           for r in rows])
    source.edit("users.csv", lambda rows: [dict(r, status="tobedeleted") if r["sourcedId"] == "vitrail-student-5"
                                           else r for r in rows])
    window = build_main_window(vitrail, SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.show_page("import")
    with qtbot.waitSignal(page.plan_shown) as shown:
        page.plan_from(source.folder)
    plan = shown.args[0]
    assert plan.counts[Kind.GUARDIAN].changed == 3 and len(plan.conflicts) == 1
    assert plan.counts[Kind.STUDENT].changed == 1  # « tobedeleted »: active → inactive
    page.tabs.setCurrentIndex(0)
    changed = [row for row in _rows(page.examples_model) if row[1] == "Modification"]
    assert any("819 555-0199" in row[3] for row in changed)
    _shoot(window, tmp_path, "importation-reimport.png")


def test_the_configured_sis_server_is_read_from_the_page_with_the_secret_from_the_keyring(qtbot, empty_db, demo_db,
                                                                                            source):
    """IT configured the server (installer SERVERURL) and the secret: the board administrator presses one button."""
    with serving(source.folder) as server:
        assert main(["config", "set", "server_url", server.url]) == 0
        assert main(["config", "set", "oneroster_token_url", server.url + TOKEN_PATH]) == 0
        assert main(["config", "set", "oneroster_client_id", CLIENT_ID]) == 0
        page = _page(qtbot, build_context(Vitrail(empty_db), SynchronousRunner()))
        assert not page.server_button.isHidden()

        with qtbot.waitSignal(page.plan_shown) as shown:
            page.server_button.click()
        assert shown.args[0] is None, "without the client secret nothing is read"
        assert "vitrail config set-secret oneroster" in page.status.text()

        store_oneroster_secret(server.url + TOKEN_PATH, CLIENT_ID, CLIENT_SECRET)
        with qtbot.waitSignal(page.plan_shown) as shown:
            page.server_button.click()
        plan = shown.args[0]
    assert plan is not None and not plan.errors
    assert _students_row(page)[1] == str(Vitrail(demo_db).students.count())
    assert page.apply_button.isEnabled()


def test_before_any_export_the_tables_headers_read_whole(qtbot, context):
    """An empty Importation page: « Désactivations », « Rattachements au SIS »… are not cut off."""
    from PySide6.QtGui import QFontMetrics

    page = _page(qtbot, context)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    for view in (page.counts_view, page.examples_view):
        header = view.horizontalHeader()
        bold = header.font()
        bold.setBold(True)  # the window's style sheet sets the headers in bold
        metrics = QFontMetrics(bold)
        for column in range(view.model().columnCount()):
            label = view.model().headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= metrics.horizontalAdvance(label), label
