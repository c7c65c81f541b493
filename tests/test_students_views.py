"""The students page as the secretary uses it: search, open a file, correct emails in place."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from desktop.models import AuditEntry, Guardian
from desktop.services.audit import Actor
from desktop.services.facade import Changes, Vitrail
from desktop.services.identity import os_login
from desktop.services.storage import open_database
from desktop.services.students import EmailEdit, load_student_file, load_student_index, save_guardian_emails
from desktop.views.guardians_table_model import GuardiansTableModel
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner
from desktop.views.student_file_dialogs import EditConflictDialog
from desktop.views.students_table_model import StudentsTableModel

from student_rows import seed_small_board


@pytest.fixture
def board(empty_db):
    return seed_small_board(empty_db)


@pytest.fixture
def window(qtbot, empty_db, board):
    window = build_main_window(Vitrail(empty_db), SynchronousRunner())
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def page(window):
    return window.pages["students"]


def _email_of(database, guardian_id):
    with database.sessions() as session:
        return session.get(Guardian, guardian_id).email


def _type_email(page, qtbot, row, text):
    """Double-click-free path a keyboard user takes: select the cell, F2, type, Enter."""
    view = page.file_view.guardians_view
    index = view.model().index(row, GuardiansTableModel.EMAIL)
    view.setCurrentIndex(index)
    view.setFocus()
    QTest.keyClick(view, Qt.Key_F2)
    editor = _open_editor(view)
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def _open_editor(view):
    editors = [e for e in view.findChildren(QLineEdit, "email_editor") if e.isVisible()]
    assert len(editors) == 1, "exactly one email editor is open"
    return editors[0]


def test_item_models_pass_qtmodeltester(qtmodeltester, empty_db, board):
    students = StudentsTableModel()  # the index is still loading
    qtmodeltester.check(students)
    students.set_query("cote")
    students.set_index(load_student_index(empty_db))
    assert students.rowCount() == 2, "the search typed while loading applies to the loaded list"
    qtmodeltester.check(students)
    students = StudentsTableModel(load_student_index(empty_db))
    qtmodeltester.check(students)
    students.set_query("cote")
    qtmodeltester.check(students)
    students.sort(4, Qt.DescendingOrder)
    qtmodeltester.check(students)
    guardians = GuardiansTableModel(QUndoStack())
    guardians.set_guardians(load_student_file(empty_db, board.students["Élodie"]).guardians)
    guardians.request_email(0, "julie@gmail.com")
    qtmodeltester.check(guardians)


def test_search_filters_as_you_type_ignoring_accents_and_case(page, qtbot):
    assert page.count_label.text() == "6 élèves"
    QTest.keyClicks(page.search, "COTE")
    assert page.count_label.text() == "2 élèves"
    assert [page.model.index(r, 1).data() for r in range(page.model.rowCount())] == ["Élodie", "Maxime"]
    QTest.keyClicks(page.search, " max")
    assert page.count_label.text() == "1 élève"
    page.search.clear()
    QTest.keyClicks(page.search, "TREM0904")
    assert page.model.index(0, 0).data() == "Tremblay-Bélanger"
    page.search.setText("personne de ce nom")
    assert page.count_label.text() == "0 élève"


def test_sorting_by_a_column_keeps_the_search(page):
    page.search.setText("tremblay")
    page.list_view.horizontalHeader().setSortIndicator(4, Qt.AscendingOrder)  # birth date
    assert [page.model.index(r, 4).data() for r in range(2)] == ["2009-04-08", "2010-07-22"]
    page.search.setText("")
    assert page.model.index(0, 4).data() == "2009-04-08"


def test_selecting_a_student_opens_the_file_with_guardians_and_contacts(page, board):
    page.search.setText("élodie")
    QTest.keyClick(page.search, Qt.Key_Down)
    file_view = page.file_view
    assert file_view.name_label.text() == "Côté, Élodie"
    assert file_view._identity_values["school"].text() == "École des Érables"
    assert file_view._identity_values["grade"].text() == "6e année du primaire"
    assert file_view._identity_values["transport"].text() == "Admissible — Autobus 12, arrêt rue des Pins"
    guardians = file_view.guardians
    assert [guardians.index(r, 0).data() for r in range(guardians.rowCount())] == ["Julie Côté", "François Côté"]
    assert guardians.index(1, GuardiansTableModel.EMAIL).data() == "(aucun courriel)"
    assert "Maxime Côté" in guardians.index(0, 0).data(Qt.ToolTipRole)
    assert "Louise Côté (Grand-mère) — 514 555-0123" in file_view.contacts_label.text()


def test_email_corrected_in_place_is_shown_as_changed_then_saved_audited_and_announced(page, board, qtbot, empty_db):
    page.show_target(student_id=board.students["Élodie"])
    model = page.file_view.guardians
    _type_email(page, qtbot, 0, " julie.cote@gmail.com ")
    assert page.file_view.banner.kind == "info" and "Espaces en trop" in page.file_view.banner.text.text()
    email = model.index(0, GuardiansTableModel.EMAIL)
    assert email.data() == "julie.cote@gmail.com"
    assert email.data(Qt.FontRole).bold()
    assert "le parent devra se réinscrire" in email.data(Qt.ToolTipRole).lower()
    assert "1 courriel modifié, pas encore enregistré" in page.file_view.pending_label.text()
    assert _email_of(empty_db, board.guardians["Julie"]) == "julie.cote@videotron.ca", "nothing saved yet"

    with qtbot.waitSignal(page.context.runner.changed) as saved:
        QTest.mouseClick(page.file_view.save_button, Qt.LeftButton)
    assert saved.args == [Changes(guardians=frozenset({board.guardians["Julie"]}))]
    assert _email_of(empty_db, board.guardians["Julie"]) == "julie.cote@gmail.com"
    assert page.file_view.banner.kind == "success"
    assert not model.index(0, GuardiansTableModel.EMAIL).data(Qt.FontRole)
    assert "Courriel changé le" in model.index(0, GuardiansTableModel.EMAIL).data(Qt.ToolTipRole)
    with empty_db.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "guardian",
                                                         AuditEntry.action == "update")).one()
    assert (entry.field, entry.before, entry.after) == ("email", "julie.cote@videotron.ca", "julie.cote@gmail.com")


def test_two_addresses_are_refused_and_the_typed_text_is_kept(page, board, qtbot, empty_db):
    page.show_target(student_id=board.students["Élodie"])
    _type_email(page, qtbot, 0, "julie@gmail.com; francois@gmail.com")
    banner = page.file_view.banner
    assert banner.kind == "error"
    assert "Un seul courriel par répondant" in banner.text.text()

    def editor_reopened_with_typed_text():
        editors = [e for e in page.file_view.guardians_view.findChildren(QLineEdit, "email_editor") if e.isVisible()]
        assert [e.text() for e in editors] == ["julie@gmail.com; francois@gmail.com"]
    qtbot.waitUntil(editor_reopened_with_typed_text)
    assert page.file_view.guardians.pending_edits() == []
    assert _email_of(empty_db, board.guardians["Julie"]) == "julie.cote@videotron.ca"


def test_invalid_syntax_is_refused_with_a_french_message(page, board, qtbot):
    page.show_target(student_id=board.students["Élodie"])
    _type_email(page, qtbot, 1, "francois.cote.videotron.ca")
    assert "il manque le « @ »" in page.file_view.banner.text.text()
    assert page.file_view.guardians.pending_edits() == []


def test_domain_typo_warns_and_the_suggestion_can_be_accepted(page, board, qtbot):
    page.show_target(student_id=board.students["Élodie"])
    _type_email(page, qtbot, 1, "francois.cote@hotmial.com")
    banner = page.file_view.banner
    assert banner.kind == "warning"
    assert "Vouliez-vous dire « francois.cote@hotmail.com » ?" in banner.text.text()
    model = page.file_view.guardians
    assert model.email(1) == "francois.cote@hotmial.com", "a warning does not block: the secretary decides"
    QTest.mouseClick(banner.action_button, Qt.LeftButton)
    assert model.email(1) == "francois.cote@hotmail.com"
    assert [e.new_email for e in model.pending_edits()] == ["francois.cote@hotmail.com"]


def test_a_typo_already_on_file_is_pointed_out_when_the_file_opens(page, board):
    page.show_target(student_id=board.students["Noah"])
    assert "Vouliez-vous dire « nadia.gagnon@gmail.com » ?" in page.file_view.banner.text.text()


def test_undo_and_redo_with_the_keyboard(page, board, qtbot):
    page.show_target(student_id=board.students["Élodie"])
    model = page.file_view.guardians
    _type_email(page, qtbot, 0, "julie@gmail.com")
    _type_email(page, qtbot, 0, "julie.cote@outlook.com")
    view = page.file_view.guardians_view
    view.setFocus()
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert model.email(0) == "julie@gmail.com"
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert model.email(0) == "julie.cote@videotron.ca"
    assert model.pending_edits() == []
    assert not page.file_view.save_button.isEnabled()
    QTest.keyClick(view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert model.email(0) == "julie@gmail.com"
    assert page.file_view.save_button.isEnabled()


def _answer_conflict(qtbot, button_name, seen):
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EditConflictDialog):
            QTimer.singleShot(10, answer)
            return
        seen["theirs"] = dialog.theirs_label.text()
        seen["mine"] = dialog.mine_label.text()
        QTest.mouseClick(getattr(dialog, button_name), Qt.LeftButton)
    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("choice", ["reload_button", "overwrite_button", "cancel_button"])
def test_conflict_with_another_workstation_shows_both_values_and_never_overwrites_silently(
        any_db, empty_db_url, qtbot, choice):
    board = seed_small_board(any_db)
    window = build_main_window(Vitrail(any_db), SynchronousRunner())
    qtbot.addWidget(window)
    window.show()
    page = window.pages["students"]
    page.show_target(student_id=board.students["Noah"])
    _type_email(page, qtbot, 0, "n.gagnon@outlook.com")

    other = open_database(empty_db_url, actor=Actor("autre.secretaire", "POSTE-02"))
    try:
        theirs = load_student_file(other, board.students["Noah"]).guardians[0]
        save_guardian_emails(other, [EmailEdit(theirs.guardian_id, theirs.version, "nadia.gagnon@gmail.com")])
    finally:
        other.close()

    seen = {}
    _answer_conflict(qtbot, choice, seen)
    page.file_view.save()
    assert seen == {"theirs": "nadia.gagnon@gmail.com", "mine": "n.gagnon@outlook.com"}
    stored = _email_of(any_db, board.guardians["Nadia"])
    model = page.file_view.guardians
    if choice == "reload_button":
        assert stored == "nadia.gagnon@gmail.com"
        assert model.email(0) == "nadia.gagnon@gmail.com" and model.pending_edits() == []
    elif choice == "overwrite_button":
        assert stored == "n.gagnon@outlook.com"
        assert page.file_view.banner.kind == "success"
    else:
        assert stored == "nadia.gagnon@gmail.com"
        assert model.email(0) == "n.gagnon@outlook.com", "the secretary's edit stays pending"
        assert "POSTE-02" in page.file_view.banner.text.text()


def test_show_target_opens_the_guardian_at_the_email_field(window, board):
    page = window.show_page("students", student_id=board.students["Léa"], guardian_id=board.guardians["Sophie"])
    assert page.file_view.name_label.text() == "Tremblay, Léa"
    view = page.file_view.guardians_view
    assert view.currentIndex().column() == GuardiansTableModel.EMAIL
    assert _open_editor(view).text() == "sophie.t@hotmail.com"
    assert page.list_view.currentIndex().row() == page.model.row_of(board.students["Léa"])


def test_a_guardian_saved_on_another_page_refreshes_the_open_file(page, board, empty_db):
    page.show_target(student_id=board.students["Léa"])
    sophie = load_student_file(empty_db, board.students["Léa"]).guardians[0]
    save_guardian_emails(empty_db, [EmailEdit(sophie.guardian_id, sophie.version, "sophie@videotron.ca")])
    page.context.runner.announce(Changes(guardians=frozenset({sophie.guardian_id})))
    assert page.file_view.guardians.email(0) == "sophie@videotron.ca"


def test_a_change_elsewhere_never_drops_the_edits_pending_here(page, board, qtbot, empty_db):
    page.show_target(student_id=board.students["Élodie"])
    _type_email(page, qtbot, 0, "julie@gmail.com")
    page.context.runner.announce(Changes(students=frozenset({board.students["Élodie"]})))
    assert page.file_view.guardians.email(0) == "julie@gmail.com"
    assert len(page.file_view.guardians.pending_edits()) == 1


def test_status_bar_names_database_user_and_workstation(window, empty_db):
    """The user is the login whose rights apply (here the OS account the database knows), the
    workstation's own account on hover, since the tests' actor names another."""
    labels = window.statusBar().findChildren(type(window.database_status))
    texts = [w.text() for w in labels]
    assert any(empty_db.display_name() in t for t in texts)
    user = next(w for w in labels if w.objectName() == "user_status")
    assert user.text() == f"Utilisateur : {empty_db.login}" and empty_db.login == os_login()
    assert user.toolTip() == "Utilisateur du poste : secretariat.test"
    assert "Poste : POSTE-TEST-01" in texts


def test_demo_board_search_finds_a_student_by_name(qtbot, demo_db):
    window = build_main_window(Vitrail(demo_db), SynchronousRunner())
    qtbot.addWidget(window)
    page = window.pages["students"]
    total = page.model.rowCount()
    assert total >= 240
    last, first = page.model.index(total // 2, 0).data(), page.model.index(total // 2, 1).data()
    page.search.setText(f"{last} {first}".upper())
    assert 1 <= page.model.rowCount() < total
    assert (last, first) in [(page.model.index(r, 0).data(), page.model.index(r, 1).data())
                             for r in range(page.model.rowCount())]


def _store_email(database, guardian_id, email):
    with database.sessions() as session, session.begin():
        session.get(Guardian, guardian_id).email = email


def test_two_addresses_already_on_file_are_pointed_out_when_the_file_opens(page, board, empty_db):
    _store_email(empty_db, board.guardians["Sophie"], "sophie.t@hotmail.com / s.tremblay@gmail.com")
    page.show_target(student_id=board.students["Léa"])
    banner = page.file_view.banner
    assert banner.kind == "error"
    assert "Courriel au dossier de Sophie Tremblay à corriger" in banner.text.text()
    assert "Un seul courriel par répondant" in page.file_view.guardians.index(
        0, GuardiansTableModel.EMAIL).data(Qt.ToolTipRole)


def test_stray_spaces_on_file_can_be_removed_in_one_click(page, board, empty_db):
    _store_email(empty_db, board.guardians["Sophie"], " sophie.t@hotmail.com ")
    page.show_target(student_id=board.students["Léa"])
    banner = page.file_view.banner
    assert "espaces en trop" in banner.text.text()
    QApplication.processEvents()  # let the banner be laid out before clicking its button
    QTest.mouseClick(banner.action_button, Qt.LeftButton)
    assert [e.new_email for e in page.file_view.guardians.pending_edits()] == ["sophie.t@hotmail.com"]
    page.file_view.save()
    assert _email_of(empty_db, board.guardians["Sophie"]) == "sophie.t@hotmail.com"


def test_opening_another_student_with_unsaved_edits_asks_first(page, board, qtbot, empty_db):
    from PySide6.QtWidgets import QMessageBox

    page.show_target(student_id=board.students["Élodie"])
    _type_email(page, qtbot, 0, "julie@gmail.com")
    asked = []

    def answer(button):
        def click():
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, click)
                return
            asked.append(box.text())
            box.button(button).click()
        QTimer.singleShot(0, click)

    answer(QMessageBox.Cancel)
    page.show_target(student_id=board.students["Léa"])
    assert "Élodie Côté" in asked[0]
    assert page.file_view.name_label.text() == "Côté, Élodie", "cancel keeps the file and its edit"
    assert page.file_view.guardians.email(0) == "julie@gmail.com"

    answer(QMessageBox.Save)
    page.show_target(student_id=board.students["Léa"])
    assert page.file_view.name_label.text() == "Tremblay, Léa"
    assert _email_of(empty_db, board.guardians["Julie"]) == "julie@gmail.com"


def test_the_email_editor_says_while_typing_whether_the_address_will_be_refused(page, board):
    page.show_target(student_id=board.students["Élodie"], guardian_id=board.guardians["Julie"])
    editor = _open_editor(page.file_view.guardians_view)
    editor.setText("julie@gmail.com, francois@gmail.com")
    assert editor.property("state") == "error"
    assert "Un seul courriel par répondant" in editor.toolTip()
    editor.setText("julie@gmial.com")
    assert editor.property("state") == "warning"
    editor.setText("julie@gmail.com")
    assert editor.property("state") == ""


def test_with_the_real_runner_nothing_touches_the_database_on_the_gui_thread(qtbot, empty_db, board):
    """The list, the file and the save arrive through the runner's thread pool."""
    window = build_main_window(Vitrail(empty_db))
    qtbot.addWidget(window)
    window.show()
    page = window.pages["students"]
    if not page.index_ready:
        with qtbot.waitSignal(page.index_loaded, timeout=10000):
            pass
    assert page.count_label.text() == "6 élèves"
    with qtbot.waitSignal(page.file_view.loaded, timeout=10000):
        page.show_target(student_id=board.students["Élodie"])
    assert page.file_view.name_label.text() == "Côté, Élodie"
    _type_email(page, qtbot, 0, "julie@gmail.com")
    with qtbot.waitSignal(page.context.runner.changed, timeout=10000) as saved:
        page.file_view.save()
    assert saved.args == [Changes(guardians=frozenset({board.guardians["Julie"]}))]
    assert page.file_view.banner.kind == "success"
    assert _email_of(empty_db, board.guardians["Julie"]) == "julie@gmail.com"
    qtbot.waitUntil(lambda: not page.context.runner.busy)


def test_a_new_board_is_loaded_once_for_both_lists(window, board):
    students, preview = window.pages["students"], window.pages["preview"]
    before = window.context.student_index
    assert preview.students_model.student_index is before
    window.context.runner.announce(Changes(board=True))
    fresh = window.context.student_index
    assert fresh is not before
    assert students.model.student_index is fresh and preview.students_model.student_index is fresh
    assert students.count_label.text() == "6 élèves"


def test_a_list_that_cannot_be_loaded_says_why_in_french(qtbot, empty_db, board, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from desktop.services.facade import Students

    def unreachable(_self):
        raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(Students, "index", unreachable)
    window = build_main_window(Vitrail(empty_db), SynchronousRunner())
    qtbot.addWidget(window)
    page = window.pages["students"]
    assert page.count_label.text() == "Liste non chargée"
    assert "base de données est injoignable" in page.load_error.text()
    assert not page.load_error.isHidden()
