"""The settings page: switches, impact before saving, save with comment, history, rollback, document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.services.facade import Changes, Vitrail
from desktop.services.settings import PortalSettings
from desktop.services.storage import open_database
from desktop.views.context import build_context
from desktop.views.operations import OperationRunner, SynchronousRunner
from desktop.views.settings_models import SettingsTableModel, TextRowsModel, VersionsTableModel
from desktop.views.settings_page import HISTORY_PAGE, SettingsPage
from tests.conftest import TEST_ACTOR
from tests.test_settings_service import build_small_board

from support.gui_thread import statements_on_this_thread

SCREENSHOTS = "/tmp/vitrail-settings"


@pytest.fixture
def board(empty_db):
    return build_small_board(empty_db)


@pytest.fixture
def page(qtbot, empty_db, board):
    context = build_context(Vitrail(empty_db), SynchronousRunner())
    widget = SettingsPage(context)
    widget.resize(1280, 760)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_target("school", "ECO01")
    return widget


def _row(page: SettingsPage, key: str) -> int:
    model = page.model
    return next(r for r in range(model.rowCount()) if model.current_value(r).spec.key == key)


def _toggle(page: SettingsPage, key: str, qtbot) -> None:
    index = page.model.index(_row(page, key), SettingsTableModel.VALUE)
    checked = page.model.data(index, Qt.CheckStateRole) == Qt.Checked
    with qtbot.waitSignal(page.impact_ready, timeout=10000):
        page.model.setData(index, Qt.Unchecked if checked else Qt.Checked, Qt.CheckStateRole)


def test_models_pass_the_model_tester(qtmodeltester, page, empty_db):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    settings = PortalSettings(empty_db)
    school = settings.target("school", "ECO01")
    settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")
    settings.save([settings.parse_assignment(school, "group_averages=off")], "v2")
    versions = VersionsTableModel()
    versions.set_versions(settings.history(limit=1))
    qtmodeltester.check(versions)
    versions.add_versions(settings.history(before_id=versions.version(0).id))
    qtmodeltester.check(versions)
    assert [versions.version(row).comment for row in range(versions.rowCount())] == ["v2", "v1"]
    rows = TextRowsModel(["A", "B"])
    rows.set_rows([("un", "deux"), ("trois", "quatre")])
    qtmodeltester.check(rows)


def test_a_pending_change_shows_its_impact_and_a_before_after_preview(page, qtbot, empty_db):
    _toggle(page, "group_averages", qtbot)
    assert page.impacts.rows() == [("Afficher les moyennes de groupe à l'École des Érables : 3 élèves, 3 répondants",
                                    "3", "3")]
    comparison = page.comparison.rows()
    assert any(r[1] == "Résultats › Moyenne du groupe" and (r[2], r[3]) == ("masqué", "visible") for r in comparison)
    assert len({r[0] for r in comparison}) == 2  # the répondant and the student themself
    assert "Élève témoin" in page.sample_label.text()
    assert PortalSettings(empty_db).history() == []  # nothing saved yet
    page.show_target("school", "ECO01")
    page.grab().save(f"{SCREENSHOTS}-pending.png")


def test_save_needs_a_comment_then_writes_one_version_and_tells_the_other_pages(page, qtbot, empty_db):
    _toggle(page, "group_averages", qtbot)
    _toggle(page, "parent_tiles.finances", qtbot)
    assert not page.save_button.isEnabled()
    page.comment_edit.setText("Comité de parents du 20 novembre")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.context.runner.changed) as announced, qtbot.waitSignal(page.saved) as saved:
        page.save_button.click()
    assert announced.args == [Changes(settings=True)]
    version = PortalSettings(empty_db).version(saved.args[0])
    assert version.comment == "Comité de parents du 20 novembre"
    assert {c.key for c in version.changes} == {"group_averages", "parent_tiles.finances"}
    assert page.model.pending_changes() == []
    assert page.model.data(page.model.index(_row(page, "group_averages"), SettingsTableModel.SOURCE)) == "école"
    assert page.versions.rowCount() == 1


def test_history_tab_rolls_back_and_compares_dates(page, qtbot, empty_db):
    from datetime import timedelta

    settings = PortalSettings(empty_db)
    school = settings.target("school", "ECO01")
    before = empty_db.clock.now()
    empty_db.clock.advance(minutes=5)
    first = settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")
    empty_db.clock.advance(minutes=5)
    settings.save([settings.parse_assignment(school, "parent_tiles.agenda=off")], "v2")
    page.reload_history()
    page.tabs.setCurrentIndex(1)
    page.versions_view.selectRow(1)
    assert page.version_changes.rows() == [("school:ECO01", "Afficher la moyenne du groupe aux parents et aux élèves",
                                            "non (par défaut)", "oui")]
    assert page.rollback_button.isEnabled()
    page.set_diff_range(before, empty_db.clock.now() + timedelta(minutes=1))
    page.compare_dates()
    assert {r[1] for r in page.differences.rows()} == {"Afficher la moyenne du groupe aux parents et aux élèves",
                                                       "Tuile parent « Agenda » activée par l'école"}
    page.grab().save(f"{SCREENSHOTS}-history.png")
    with qtbot.waitSignal(page.context.runner.changed, check_params_cb=lambda changes: changes.settings):
        page.rollback_to(first.id, "Erreur")
    assert settings.current_value(school, "parent_tiles.agenda").value is True
    assert page.versions.rowCount() == 3 and page.versions.version(0).comment == "Erreur"
    page.show_target("school", "SEC01")
    page.only_target_box.setChecked(True)
    assert page.versions.rowCount() == 0  # nothing touched the other school
    page.show_target("school", "ECO01")
    assert page.versions.rowCount() == 3


def test_conflict_with_another_workstation_keeps_the_pending_changes(page, qtbot, empty_db):
    _toggle(page, "parent_tiles.finances", qtbot)  # seen here: no override, pending "off"
    other = open_database(empty_db.url, actor=TEST_ACTOR)
    try:
        there = PortalSettings(other)
        school = there.target("school", "ECO01")
        there.save([there.parse_assignment(school, "parent_tiles.finances=off")], "poste 2")
        there.save([there.parse_assignment(school, "parent_tiles.finances=on")], "poste 2, finalement")
    finally:
        other.close()
    page.comment_edit.setText("poste 1")
    page.save_button.click()
    assert "autre poste" in page.status_label.text()
    assert len(page.model.pending_changes()) == 1
    assert PortalSettings(empty_db).current_value(school, "parent_tiles.finances").value is True
    finances = page.model.index(_row(page, "parent_tiles.finances"), SettingsTableModel.SOURCE)
    assert finances.data() == "à enregistrer"
    with qtbot.waitSignal(page.saved):
        page.save_button.click()  # now knowingly over the other workstation's value
    assert PortalSettings(empty_db).current_value(school, "parent_tiles.finances").value is False


def test_typed_bad_window_is_refused_on_screen(page):
    index = page.model.index(_row(page, "registration_window"), SettingsTableModel.VALUE)
    assert page.model.setData(index, "2027-03-01..2027-02-01", Qt.EditRole) is False
    assert "période d'inscription" in page.status_label.text().lower()
    assert page.model.pending_changes() == []
    assert page.model.setData(index, "2027-02-01..2027-02-20", Qt.EditRole) is True
    assert page.model.data(index) == "du 2027-02-01 au 2027-02-20"


def test_board_soi_matrix_is_a_grid_sharing_the_pending_changes(page, qtbot, qtmodeltester, board):
    page.show_target("board", "CSS01")
    page.section_box.setCurrentIndex(page.section_box.findData("Matrice SOI"))
    matrix = page.matrix
    qtmodeltester.check(matrix)
    assert matrix.rowCount() == 9 and matrix.columnCount() == 5
    assert matrix.headerData(3, Qt.Horizontal) == "Grave"
    specialist = next(r for r in range(9) if matrix.headerData(r, Qt.Vertical) == "Enseignant spécialiste")
    cell = matrix.index(specialist, 3)
    assert cell.data() == "les siennes seulement"
    with qtbot.waitSignal(page.impact_ready, timeout=10000):
        assert matrix.setData(cell, "all")
    assert cell.data() == "toutes"
    assert [c.key for c in page.model.pending_changes()] == ["soi.teacher_specialist.serious"]
    assert "Enseignant spécialiste" in page.impacts.rows()[0][0]
    page.matrix_view.setCurrentIndex(cell)
    assert "soi.teacher_specialist.serious" in page.effect_label.text()
    page.grab().save(f"{SCREENSHOTS}-board-soi.png")
    page.section_box.setCurrentIndex(page.section_box.findData("Matrice du personnel : champs"))
    qtmodeltester.check(matrix)
    assert matrix.columnCount() == 7 and matrix.headerData(0, Qt.Vertical) == "Profil › Nom du contact"
    page.grab().save(f"{SCREENSHOTS}-board-fields.png")


def test_staff_target(page, board):
    page.show_target("staff", board["teacher"])
    assert page.model.rowCount() == 1
    assert page.model.current_value(0).spec.key == "publishes_email"
    assert not page.document_button.isEnabled()


def test_document_button_writes_the_pdf(page, qtbot, tmp_path):
    target = tmp_path / "regles.pdf"
    with qtbot.waitSignal(page.document_written, timeout=20000) as written:
        page.write_document(target)
    assert written.args == [str(target)] and target.stat().st_size > 5000


def test_a_save_shows_at_once_in_the_apercu_page_and_rollback_restores_it(qtbot, empty_db, board):
    from desktop.services.visibility.viewers import ViewerSpec
    from desktop.views.preview_page import PreviewPage

    context = build_context(Vitrail(empty_db), SynchronousRunner())
    apercu = PreviewPage(context)
    settings_page = SettingsPage(context)
    qtbot.addWidget(apercu)
    qtbot.addWidget(settings_page)
    apercu.show_target(student_id=board["students"][0], viewer=ViewerSpec.guardian(1))

    def results_visible() -> bool:
        return next(t for t in apercu.views[0].tiles if t.id == "results").visible

    assert results_visible()
    settings_page.show_target("school", "ECO01")
    _toggle(settings_page, "parent_tiles.results", qtbot)
    settings_page.comment_edit.setText("Essai")
    with qtbot.waitSignal(settings_page.saved) as saved:
        settings_page.save_button.click()
    assert not results_visible()
    settings_page.rollback_to(saved.args[0] - 1, "Retour")
    assert results_visible()


def test_registration_window_is_picked_with_dates(page, qtbot):
    from PySide6.QtCore import QDate

    from desktop.views.settings_widgets import RegistrationWindowEditor

    page.search_edit.setText("inscription en ligne")
    index = page.proxy.index(0, SettingsTableModel.VALUE)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.findChild(RegistrationWindowEditor)
    assert editor is not None and not editor.enabled_box.isChecked()  # no window yet: tile hidden
    editor.enabled_box.setChecked(True)
    editor.start_edit.setDate(QDate(2027, 2, 1))
    editor.end_edit.setDate(QDate(2027, 2, 20))
    page.grab().save(f"{SCREENSHOTS}-window-editor.png")
    with qtbot.waitSignal(page.impact_ready, timeout=10000):
        page.table.itemDelegateForColumn(SettingsTableModel.VALUE).commitData.emit(editor)
    assert index.data() == "du 2027-02-01 au 2027-02-20"
    assert page.impacts.rows()[0][0].startswith("Ouvrir l'inscription en ligne du 2027-02-01 au 2027-02-20")


def test_page_opens_on_an_empty_database(qtbot, empty_db):
    context = build_context(Vitrail(empty_db), SynchronousRunner())
    widget = SettingsPage(context)
    qtbot.addWidget(widget)
    assert widget.current_target() is None and widget.model.rowCount() == 0
    assert not widget.save_button.isEnabled() and not widget.document_button.isEnabled()


def test_the_history_is_read_a_page_at_a_time(page, qtbot, qtmodeltester, empty_db):
    settings = PortalSettings(empty_db)
    school = settings.target("school", "ECO01")
    total = 2 * HISTORY_PAGE + 5
    for number in range(total):
        settings.save([settings.parse_assignment(school, f"group_averages={'on' if number % 2 == 0 else 'off'}")],
                      f"v{number + 1}")
    page.reload_history()
    assert page.versions.rowCount() == HISTORY_PAGE and page.older_button.isEnabled()
    assert page.versions.version(0).comment == f"v{total}"
    assert str(HISTORY_PAGE) in page.history_label.text()
    page.older_button.click()
    qtmodeltester.check(page.versions)
    assert page.versions.rowCount() == 2 * HISTORY_PAGE and page.older_button.isEnabled()
    page.older_button.click()
    assert page.versions.rowCount() == total and not page.older_button.isEnabled()
    assert [page.versions.version(r).comment for r in range(total)] == [f"v{n}" for n in range(total, 0, -1)]
    page.tabs.setCurrentIndex(1)
    page.versions_view.selectRow(0)
    assert not page.rollback_button.isEnabled()  # the latest version: nothing to go back to
    page.versions_view.selectRow(total - 1)
    assert page.rollback_button.isEnabled()
    page.grab().save(f"{SCREENSHOTS}-history-pages.png")


def test_the_page_reads_nothing_on_the_gui_thread(qtbot, empty_db, board):
    """With the real runner: targets, values, history, impact, save and rollback all run off the GUI thread."""
    context = build_context(Vitrail(empty_db), OperationRunner())
    with statements_on_this_thread(empty_db) as on_gui_thread:
        widget = SettingsPage(context)
        qtbot.addWidget(widget)
        with qtbot.waitSignals([widget.values_loaded, widget.history_loaded], timeout=10000):
            widget.show()
        assert widget.current_target().code == "ECO01"
        index = widget.model.index(_row(widget, "group_averages"), SettingsTableModel.VALUE)
        with qtbot.waitSignal(widget.impact_ready, timeout=10000):
            widget.model.setData(index, Qt.Checked, Qt.CheckStateRole)
        assert widget.impacts.rows()[0][1] == "3"
        widget.comment_edit.setText("Essai")
        with qtbot.waitSignals([widget.saved, widget.values_loaded, widget.history_loaded], timeout=10000):
            widget.save_button.click()
        assert widget.versions.rowCount() == 1 and not widget.model.pending_changes()
        with qtbot.waitSignals([widget.rolled_back, widget.history_loaded], timeout=10000):
            widget.rollback_to(0, "Retour")
        assert widget.versions.rowCount() == 2
    assert on_gui_thread == []


def test_revenir_a_cette_version_shows_what_it_undoes_for_that_school_only_then_asks(page, empty_db, qtbot,
                                                                                      qtmodeltester):
    settings = PortalSettings(empty_db)
    primary, secondary = settings.target("school", "ECO01"), settings.target("school", "SEC01")
    first = settings.save([settings.parse_assignment(primary, "group_averages=on")], "v1 ECO01")
    settings.save([settings.parse_assignment(primary, "parent_tiles.agenda=off")], "v2 ECO01")
    other = settings.save([settings.parse_assignment(secondary, "group_averages=on")], "v3 SEC01")
    page.reload_history()
    page.tabs.setCurrentIndex(1)
    row = next(r for r in range(page.versions.rowCount()) if page.versions.version(r).id == first.id)
    page.versions_view.selectRow(row)
    page.rollback_button.click()
    dialog = page.rollback_dialog
    assert dialog.isVisible()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rows() == [("school:ECO01", "Tuile parent « Agenda » activée par l'école", "non",
                                    "oui (par défaut)")]
    assert "ECO01" in dialog.intro.text() and str(other.id) in dialog.kept.text()
    assert settings.current_value(primary, "parent_tiles.agenda").value is False  # nothing written yet
    dialog.grab().save(f"{SCREENSHOTS}-rollback.png")
    dialog.comment.setText("Erreur de l'agenda")
    with qtbot.waitSignal(page.rolled_back):
        dialog.confirm_button.click()
    assert settings.current_value(primary, "parent_tiles.agenda").value is True
    assert settings.current_value(secondary, "group_averages").value is True  # SEC01's later change is kept
    assert settings.history()[0].comment == "Erreur de l'agenda"


def test_cancelling_the_rollback_dialog_changes_nothing(page, empty_db):
    settings = PortalSettings(empty_db)
    school = settings.target("school", "ECO01")
    first = settings.save([settings.parse_assignment(school, "group_averages=on")], "v1")
    settings.save([settings.parse_assignment(school, "group_averages=off")], "v2")
    page.reload_history()
    page.versions_view.selectRow(1)
    page.rollback_button.click()
    page.rollback_dialog.reject()
    assert settings.history()[0].comment == "v2" and first.id == settings.history()[1].id
