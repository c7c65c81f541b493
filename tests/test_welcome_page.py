"""The first launch: a database with no board opens on the welcome page (shared database, import
from the SIS, demo), never on an empty student list; a read command on a workstation with no
database says so and creates nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from desktop.services.config import load_config, user_config_file, user_data_dir
from desktop.services.facade import Vitrail
from desktop.views import welcome_page
from desktop.views.context import build_context
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner
from desktop.views.welcome_page import WelcomePage

from support.cli import main

SCREENSHOTS = os.environ.get("VITRAIL_SCREENSHOTS")


def _window(qtbot, database):
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_a_database_without_a_board_opens_on_the_welcome_page(qtbot, empty_db, tmp_path):
    window = _window(qtbot, empty_db)
    assert isinstance(window.stack.currentWidget(), WelcomePage)
    assert window.navigation.currentRow() == -1, "no page of the sidebar is shown as current"
    page = window.welcome
    assert [button.text() for button in (page.connect_button, page.import_button, page.demo_button)] == [
        "Se connecter", "Aller à l'importation", "Ouvrir la démonstration"]
    for widget in page.findChildren(QWidget):  # a screen reader names every field and button
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(page):
            assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip(), widget
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(folder / "accueil.png"))

    window.navigation.setCurrentRow(0)  # the sidebar leaves the welcome page
    assert window.current_page_name() == "students" and window.stack.currentWidget() is window.pages["students"]


def test_a_database_with_a_board_opens_on_the_students(qtbot, demo_db):
    window = _window(qtbot, demo_db)
    assert window.welcome is None
    assert window.stack.currentWidget() is window.pages["students"]


def test_import_from_the_sis_leads_to_the_importation_page(qtbot, empty_db):
    window = _window(qtbot, empty_db)
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "import"
    assert window.stack.currentWidget() is window.pages["import"]


def test_the_demo_choice_generates_the_board_and_shows_its_students(qtbot, empty_db, monkeypatch):
    monkeypatch.setattr(welcome_page, "DEMO_STUDENTS", 60)  # the same path as 2,000, quicker
    window = _window(qtbot, empty_db)
    students = window.pages["students"]
    with qtbot.waitSignal(window.welcome.demo_finished) as finished:
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None
    assert Vitrail(empty_db).students.count() == 60
    assert window.current_page_name() == "students" and window.stack.currentWidget() is students
    assert students.model.rowCount() == 60, "the students page reloaded on the new board"


def test_cancelling_the_demo_leaves_the_database_empty(qtbot, empty_db, monkeypatch):
    monkeypatch.setattr(welcome_page, "DEMO_STUDENTS", 60)
    window = _window(qtbot, empty_db)
    page = window.welcome
    page.demo_progressed.connect(lambda *_step: page.cancel_demo())  # « Annuler » at the first step
    with qtbot.waitSignal(page.demo_finished) as finished:
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is None
    assert Vitrail(empty_db).students.count() == 0 and Vitrail(empty_db).directory.boards() == []
    assert "la base est restée vide" in page.demo_status.text()
    assert isinstance(window.stack.currentWidget(), WelcomePage)


@pytest.mark.parametrize(("address", "account", "words"), [
    ("", "", "Indiquez l'adresse"),
    ("sqlite:///vitrail.db", "", "PostgreSQL"),
    ("postgresql://serveur/", "", "nommer le serveur et la base"),
    ("postgresql://secretariat:Secret123@serveur/vitrail", "", "contient un mot de passe"),
    ("postgresql://serveur/vitrail", "jean@serveur", "nom d'utilisateur seul"),
])
def test_a_wrong_address_is_refused_in_french_and_nothing_is_saved(qtbot, empty_db, address, account, words):
    context = build_context(Vitrail(empty_db), SynchronousRunner())
    page = WelcomePage(context)
    qtbot.addWidget(page)
    page.address.setText(address)
    page.account.setText(account)
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    assert words in page.connect_status.text()
    assert "Secret123" not in page.connect_status.text()
    assert not user_config_file().exists()


def test_an_unreachable_server_is_said_and_nothing_is_saved(qtbot, empty_db):
    context = build_context(Vitrail(empty_db), SynchronousRunner())
    page = WelcomePage(context)
    qtbot.addWidget(page)
    page.address.setText("postgresql://127.0.0.1:1/vitrail")  # nothing listens on port 1
    page.account.setText("secretariat")
    with qtbot.waitSignal(page.connected) as connected:
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    assert connected.args[0] is None
    assert "127.0.0.1" in page.connect_status.text() and page.connect_button.isEnabled()
    assert not user_config_file().exists()


def test_connecting_to_the_shared_database_saves_its_address_and_reopens_on_it(qtbot, empty_db, any_db):
    if any_db.backend != "postgresql":
        pytest.skip("connexion à la base partagée : essayée sur PostgreSQL seulement (VITRAIL_TEST_PG_URL)")
    context = build_context(Vitrail(empty_db), SynchronousRunner())
    reopened: list[Vitrail] = []
    context.switch_database = reopened.append
    page = WelcomePage(context)
    qtbot.addWidget(page)
    page.address.setText(any_db.url)
    with qtbot.waitSignal(page.connected) as connected:
        qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    vitrail = connected.args[0]
    try:
        assert vitrail is not None and reopened == [vitrail], page.connect_status.text()
        assert vitrail.database.backend == "postgresql" and vitrail.directory.boards() == []
        assert load_config().get("database_url") == vitrail.database.url
        assert "Connecté" in page.connect_status.text()
    finally:
        if vitrail is not None:
            vitrail.close()


# --- the command line on a workstation with no database ------------------------------------------

def test_a_read_command_without_a_database_says_so_and_creates_nothing(capsys):
    default = user_data_dir() / "vitrail.db"
    assert main(["students"]) == 2
    err = capsys.readouterr().err
    assert "Aucune base de données sur ce poste" in err and "rien n'a été créé" in err
    assert "vitrail --demo" in err and "Traceback" not in err
    assert not default.exists() and not default.parent.exists()


def test_a_database_named_but_absent_is_not_created_by_a_read(tmp_path, capsys):
    target = tmp_path / "ailleurs.db"
    assert main(["--db", f"sqlite:///{target}", "students", "--json"]) == 2
    assert "introuvable" in capsys.readouterr().err
    assert not target.exists()


def test_the_window_on_a_fresh_workstation_opens_on_the_welcome_page(tmp_path, capsys, qapp):
    shot = tmp_path / "accueil.png"
    assert main(["gui", "--screenshot", str(shot)]) == 0
    assert shot.is_file()
    assert (user_data_dir() / "vitrail.db").is_file(), "the window creates Vitrail's own file, to import into"
