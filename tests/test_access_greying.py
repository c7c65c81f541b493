"""The window greys what a person may not do, and says why on hover (``access.md`` §1).

Two people on one SQLite board: the board administrator (the OS account that created it) hands
roles on; a secretary of one school and a principal of another then open their own window.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from desktop.services.access import Role
from desktop.services.audit import Actor
from desktop.services.audit_log import AuditFilter
from desktop.services.clock import FixedClock
from desktop.services.facade import Vitrail
from desktop.services.storage import open_database
from desktop.views.access_page import AccessPage, GrantsTableModel
from desktop.views.context import build_context
from desktop.views.main_window import build_main_window
from desktop.views.operations import SynchronousRunner

from conftest import NOW

SHOTS = Path(os.environ.get("VITRAIL_SCREENSHOTS", "/tmp/vitrail-shots"))
BOARD_REFUSAL = ("Modifier les réglages du centre de services demande le rôle Administration du centre de "
                 "services ; adressez-vous à")


@pytest.fixture
def schools(demo_db):
    found = sorted(Vitrail(demo_db).directory.schools(), key=lambda school: school.code)
    return found[0], found[1]


@pytest.fixture
def people(demo_db, schools):
    """The secretary of the first school and the principal of the second, granted by the board admin."""
    access = Vitrail(demo_db).access
    access.grant("secretaire.a", Role.SECRETARIAT, [schools[0].code])
    access.grant("direction.b", Role.DIRECTION, [schools[1].code])
    access.grant("tech.info", Role.IT)
    return schools


def _window_of(qtbot, demo_db, login: str):
    database = open_database(demo_db.url, actor=Actor(login, "POSTE-02"), clock=FixedClock(NOW), login=login)
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(QSize(1366, 768))
    window.show()
    qtbot.waitExposed(window)
    window.destroyed.connect(database.close)
    return window


def _navigation(window) -> dict[str, tuple[bool, str]]:
    items = {}
    for row, name in enumerate(window.pages):
        item = window.navigation.item(row)
        items[name] = (bool(item.flags() & Qt.ItemFlag.ItemIsEnabled), item.toolTip())
    return items


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_secretary_sees_their_pages_and_why_the_others_are_greyed(qtbot, demo_db, people):
    window = _window_of(qtbot, demo_db, "secretaire.a")
    navigation = _navigation(window)
    assert all(navigation[name][0] for name in ("students", "settings", "preview", "accounts", "diagnostic"))
    journal_enabled, journal_why = navigation["journal"]
    assert not journal_enabled
    assert journal_why.startswith("Consulter le journal de ses écoles demande le rôle Direction ou Administration "
                                  "du centre de services ; adressez-vous à")
    assert not navigation["access"][0] and "Attribuer et retirer les rôles" in navigation["access"][1]
    window.show_page("journal")
    assert window.current_page_name() != "journal" and not window.pages.is_built("journal")
    assert "Consulter le journal de ses écoles" in window.statusBar().currentMessage()


def test_the_status_bar_names_the_person_whose_rights_apply(qtbot, demo_db, people):
    """A secretary opens Vitrail under the office's shared Windows account: the window names her
    login (her rights, the journal's "who"), the Windows account only on hover."""
    database = open_database(demo_db.url, actor=Actor("accueil", "POSTE-02"), clock=FixedClock(NOW),
                             login="secretaire.a")
    window = build_main_window(Vitrail(database), SynchronousRunner())
    qtbot.addWidget(window)
    window.destroyed.connect(database.close)
    user = window.statusBar().findChild(QLabel, "user_status")
    assert user.text() == "Utilisateur : secretaire.a"
    assert user.toolTip() == "Utilisateur du poste : accueil"
    own = _window_of(qtbot, demo_db, "direction.b")  # the same account for both: nothing to add on hover
    assert own.statusBar().findChild(QLabel, "user_status").toolTip() == ""


def test_secretary_reads_board_settings_greyed_with_the_reason(qtbot, demo_db, people):
    window = _window_of(qtbot, demo_db, "secretaire.a")
    page = window.show_page("settings")
    page.show_target("board", "CSS3L")
    _settle()
    assert page.current_target().scope == "board"
    assert page.read_only_label.isVisible() and BOARD_REFUSAL in page.read_only_label.text()
    assert page.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert page.model.rowCount() > 0, "the settings stay readable"
    switch = next(page.model.index(row, page.model.VALUE) for row in range(page.model.rowCount())
                  if page.model.index(row, page.model.VALUE).data(Qt.ItemDataRole.CheckStateRole) is not None)
    assert not switch.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.model.setData(switch, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert switch.data(Qt.ItemDataRole.ToolTipRole).startswith(BOARD_REFUSAL)
    assert not page.model.pending_changes()
    for widget in (page.save_button, page.comment_edit, page.reset_button):
        assert not widget.isEnabled() and widget.toolTip().startswith(BOARD_REFUSAL)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "reglages-secretariat.png"))


def test_principal_may_change_their_school_not_another(qtbot, demo_db, people):
    own, other = people[1], people[0]
    window = _window_of(qtbot, demo_db, "direction.b")
    page = window.show_page("settings")
    page.show_target("school", own.code)
    _settle()
    assert not page.read_only_label.isVisible() and page.comment_edit.isEnabled()
    assert page.table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    page.show_target("school", other.code)
    _settle()
    assert page.read_only_label.isVisible()
    assert "Modifier les réglages du portail de l'école à l'école " in page.read_only_label.text()
    assert f"({other.code}) demande le rôle Direction" in page.read_only_label.text()
    assert _navigation(window)["journal"][0], "direction reads the log of their schools"


def test_it_gets_no_personal_data_page(qtbot, demo_db, people):
    window = _window_of(qtbot, demo_db, "tech.info")
    navigation = _navigation(window)
    refused = [name for name, (enabled, _why) in navigation.items() if not enabled]
    assert set(refused) >= {"students", "preview", "accounts", "diagnostic", "print", "journal", "access"}
    assert navigation["students"][1].startswith("Rechercher des élèves et consulter leur dossier demande le rôle")
    assert window.current_page_name() == "settings", "the window opens on a page the person may use"


def test_no_nip_for_a_person_without_the_right_and_greying_follows_a_grant(qtbot, demo_db, people):
    window = _window_of(qtbot, demo_db, "direction.b")
    accounts = window.show_page("accounts")
    _settle()
    assert "Émettre et révoquer des NIP" not in accounts.issue_button.toolTip(), "direction issues NIPs"
    assert not _navigation(window)["access"][0]
    Vitrail(demo_db).access.grant("direction.b", Role.BOARD_ADMIN)
    window.context.load_person(fresh=True)  # what the window does after a grant it hears of
    assert _navigation(window)["access"][0] and _navigation(window)["access"][1] == ""


def test_access_page_lists_grants_and_grants_and_revokes(qtbot, demo_db, people, qtmodeltester):
    context = build_context(Vitrail(demo_db), SynchronousRunner())
    page = AccessPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.grants_loaded, timeout=10000):
        page.show()
    qtmodeltester.check(page.model)
    logins = {page.model.index(row, GrantsTableModel.LOGIN).data() for row in range(page.model.rowCount())}
    assert {"secretaire.a", "direction.b", "tech.info"} <= logins
    dialog = page.ask_grant()
    dialog.login_edit.setText("nouvelle.secretaire")
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.SECRETARIAT))
    first = dialog.schools_list.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(page.grants_loaded, timeout=10000):
        dialog.accept()
    rows = [page.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(page.model.rowCount())]
    added = [grant for grant in rows if grant.login == "nouvelle.secretaire"]
    assert [(g.role, g.school_code) for g in added] == [(Role.SECRETARIAT, first.data(Qt.ItemDataRole.UserRole))]
    assert page.status.text() == "Rôle accordé à nouvelle.secretaire."
    with qtbot.waitSignal(page.grants_loaded, timeout=10000):
        page.revoke(added[0])
    assert "nouvelle.secretaire" not in {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    revoked = Vitrail(demo_db).audit.entries(AuditFilter(action="access_revoked")).entries
    assert [entry.action_label for entry in revoked] == ["Rôle retiré"]


def test_secretary_previews_as_the_family_and_staff_views_are_greyed(qtbot, demo_db, people):
    from desktop.views.preview_viewers_model import ViewerSpecRole

    window = _window_of(qtbot, demo_db, "secretaire.a")
    page = window.show_page("preview")
    _settle()
    page.student_list.setCurrentIndex(page.students_model.index(0, 0))
    _settle()
    assert page.student is not None and page.status.text() == ""
    rows = [page.choices.index(row) for row in range(page.choices.rowCount())]
    viewers = [(index.data(ViewerSpecRole), index) for index in rows if index.data(ViewerSpecRole) is not None]
    family = [index for spec, index in viewers if spec.kind in ("guardian", "student")]
    staff = [index for spec, index in viewers if spec.kind not in ("guardian", "student")]
    assert family and staff
    assert all(index.flags() & Qt.ItemFlag.ItemIsEnabled for index in family)
    assert all(not index.flags() & Qt.ItemFlag.ItemIsEnabled for index in staff)
    assert staff[0].data(Qt.ItemDataRole.ToolTipRole).startswith(
        "Voir et imprimer le dossier comme tout lecteur (personnel, rôle) demande le rôle Direction")
    assert page.specs and page.specs[0].kind in ("guardian", "student"), "opens on a view the person may see"


def test_batch_printing_is_direction_s(qtbot, demo_db, people):
    """A batch is printed for a role or a staff member: direction's right, not the secretary's."""
    secretary = _navigation(_window_of(qtbot, demo_db, "secretaire.a"))["print"]
    assert not secretary[0]
    assert secretary[1].startswith("Voir et imprimer le dossier comme tout lecteur (personnel, rôle) demande le rôle "
                                   "Direction")
    window = _window_of(qtbot, demo_db, "direction.b")
    page = window.show_page("print")
    _settle()
    model = page.viewer.model()
    assert model.rowCount() > 0 and all(model.item(row).isEnabled() for row in range(model.rowCount()))
