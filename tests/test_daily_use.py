"""The office's daily use: a 1,366 x 768 laptop screen, the keyboard alone, and a screen reader.

Each page is rendered in a main window sized like a school laptop's screen; the window must not
have to grow, and a PNG of each page is kept (``VITRAIL_SCREENSHOTS``) to be looked at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QPushButton, QTabWidget, QWidget

from desktop.services.facade import Vitrail
from desktop.views.main_window import PAGES, build_main_window
from desktop.views.operations import SynchronousRunner
from desktop.views.page_help import PageHelpDialog, page_help

SHOTS = Path(os.environ.get("VITRAIL_SCREENSHOTS", "/tmp/vitrail-shots"))
LAPTOP = QSize(1366, 768)


@pytest.fixture
def window(qtbot, demo_db):
    window = build_main_window(Vitrail(demo_db), SynchronousRunner())
    qtbot.addWidget(window)
    window.resize(LAPTOP)
    window.show()
    qtbot.waitExposed(window)
    return window


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _open(window, name: str) -> QWidget:
    page = window.show_page(name)
    _settle()
    if name == "students":
        page.list_view.setCurrentIndex(page.model.index(0, 0))
    elif name == "preview":
        page.student_list.setCurrentIndex(page.students_model.index(0, 0))
    _settle()
    return page


def _fits(window) -> bool:
    _settle()
    return window.width() <= LAPTOP.width() and window.height() <= LAPTOP.height() \
        and window.minimumSizeHint().width() <= LAPTOP.width() and window.minimumSizeHint().height() <= LAPTOP.height()


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"1366-{name}.png"))


@pytest.mark.parametrize("name", [name for name, _module, _class in PAGES])
def test_every_page_fits_a_1366_by_768_screen(window, name):
    _open(window, name)
    assert _fits(window), f"{name}: the window grew to {window.size().toTuple()}"
    _shot(window, name)


def test_apercu_with_three_viewers_side_by_side_fits_and_shares_the_width(window):
    page = _open(window, "preview")
    specs = [page.choices.spec(row) for row in range(page.choices.rowCount())]
    page.set_viewers([spec for spec in specs if spec is not None][:3])
    _settle()
    assert _fits(window), f"the window grew to {window.size().toTuple()}"
    assert not page.scroll_area.horizontalScrollBar().isVisible(), "three columns share the width"
    headers = [page.content_layout.itemAtPosition(0, column).widget() for column in range(3)]
    widths = [header.width() for header in headers]
    assert max(widths) - min(widths) <= 4, widths
    _shot(window, "apercu-comparaison")
    page.set_viewers(page.specs[:1])  # back to one viewer: the window never stays wider
    assert _fits(window)


def test_the_print_dialog_fits_the_screen(qtbot, demo_db, window):
    from desktop.views.print_dialog import PrintDialog

    page = _open(window, "preview")
    dialog = PrintDialog(page.context, page.student.record.student_id, page.specs[0], page.context.today(), window)
    qtbot.addWidget(dialog)
    assert dialog.minimumSizeHint().height() <= LAPTOP.height()
    assert dialog.minimumSizeHint().width() <= LAPTOP.width()


# -- the keyboard ------------------------------------------------------------------------------


def test_at_launch_the_keyboard_is_in_the_student_search(window, qtbot):
    search = window.pages["students"].search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search)
    QTest.keyClicks(QApplication.focusWidget(), "Tremblay")
    assert window.navigation.currentRow() == 0, "typing a name never switches page"
    assert search.text() == "Tremblay"


def test_tab_leaves_every_table_instead_of_walking_its_cells(window):
    for name, _module, _class in PAGES:
        page = _open(window, name)
        views = page.findChildren(QAbstractItemView)
        assert views or name in ("diagnostic", "print"), name
        for view in views:
            assert not view.tabKeyNavigation(), f"{name}: {view.objectName() or type(view).__name__}"


def test_tab_goes_from_the_student_list_to_the_next_region(window, qtbot):
    page = _open(window, "students")
    page.list_view.setFocus()
    QTest.keyClick(page.list_view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.list_view
    assert page.list_view.currentIndex().row() == 0, "the current student did not move to another cell"


def test_the_focus_ring_is_visible(window):
    """A focused button looks different from the same button unfocused (the style sheet's ring)."""
    page = _open(window, "print")
    button = page.findChild(QPushButton, "start")
    other = page.findChild(QPushButton, "cancel")
    other.setEnabled(True)
    other.setFocus()
    _settle()
    unfocused = button.grab().toImage()
    button.setFocus()
    _settle()
    assert button.hasFocus()
    focused = button.grab().toImage()
    assert focused.convertToFormat(QImage.Format.Format_RGB32) != unfocused.convertToFormat(
        QImage.Format.Format_RGB32)


def test_down_and_enter_open_the_student_in_the_students_list(window, qtbot):
    page = _open(window, "students")
    page.search.setFocus()
    QTest.keyClicks(page.search, page.model.index(1, 0).data())
    QTest.keyClick(page.search, Qt.Key.Key_Down)
    assert page.list_view.hasFocus()
    QTest.keyClick(page.list_view, Qt.Key.Key_Return)
    student_id = page.model.student_id(page.list_view.currentIndex().row())
    assert page._current_student == student_id
    assert page.file_view.isVisible()
    assert page.file_view.guardians_view.hasFocus(), "Entrée moves the keyboard into the file"


def test_down_and_enter_open_the_student_in_apercu(window, qtbot):
    page = window.show_page("preview")
    _settle()
    page.search.setFocus()
    QTest.keyClicks(page.search, page.students_model.index(2, 0).data())
    QTest.keyClick(page.search, Qt.Key.Key_Down)
    assert page.student_list.hasFocus()
    QTest.keyClick(page.student_list, Qt.Key.Key_Down)
    QTest.keyClick(page.student_list, Qt.Key.Key_Return)
    wanted = page.students_model.student_id(page.student_list.currentIndex().row())
    assert page.student is not None and page.student.record.student_id == wanted
    assert page.viewer_box.hasFocus(), "Entrée moves on to the « Vu par » choice"


@pytest.mark.parametrize("name", [name for name, _module, _class in PAGES])
def test_f1_opens_the_help_of_the_page_in_french(window, qtbot, name):
    _open(window, name)
    QTest.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, PageHelpDialog) and dialog.isVisible()
    title, text = page_help()[name]
    shown = dialog.text.toPlainText()
    assert title in shown and "Raccourcis clavier" in shown and "F1" in shown
    assert len(text) > 80
    if name == "students":
        _shot(dialog, "aide")
    dialog.close()


def test_every_page_has_a_help_text():
    assert set(page_help()) == {name for name, _module, _class in PAGES}


# -- screen readers ----------------------------------------------------------------------------


def _reachable(page: QWidget) -> list[QWidget]:
    """The widgets Tab can reach on the page (combo pop-ups and a spin box's inner field excluded)."""
    widgets = []
    for widget in page.findChildren(QWidget):
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(page):
            continue
        if widget.window() is not page.window():
            continue  # a combo box's pop-up list: announced as the combo box
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox) or (parent is not None and parent.focusProxy() is widget):
            continue  # e.g. a date editor's inner line: the date editor is what is named
        widgets.append(widget)
    return widgets


def _unnamed(page: QWidget) -> list[str]:
    missing = []
    for widget in _reachable(page):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


@pytest.mark.parametrize("name", [name for name, _module, _class in PAGES])
def test_every_focusable_widget_has_an_accessible_name(window, name):
    page = _open(window, name)
    missing = _unnamed(page)
    for tabs in page.findChildren(QTabWidget):
        for position in range(tabs.count()):
            tabs.setCurrentIndex(position)
            _settle()
            missing += _unnamed(page)
    assert not missing, f"{name}: {sorted(set(missing))}"


def test_the_tables_and_searches_say_what_they_are(window):
    students = _open(window, "students")
    assert students.list_view.accessibleName() == "Liste des élèves"
    assert "Entrée" in students.list_view.accessibleDescription()
    assert students.search.accessibleName() == "Rechercher un élève"
    preview = _open(window, "preview")
    assert preview.viewer_box.accessibleName() == "Vu par"


# -- selections ------------------------------------------------------------------------------


def _select_first_rows(page, count: int) -> None:
    page.list_view.setFocus()
    page.list_view.setCurrentIndex(page.model.index(0, 0))
    for _ in range(count - 1):
        QTest.keyClick(page.list_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def test_several_students_are_selected_and_impression_prints_la_selection(window):
    from desktop.services.reports.batch import Selection

    page = _open(window, "students")
    _select_first_rows(page, 3)
    chosen = page.selected_student_ids()
    assert len(chosen) == 3 and chosen == tuple(page.model.student_id(row) for row in range(3))
    assert page.print_selection_button.isEnabled()
    page.print_selection_button.click()
    printing = window.pages["print"]
    assert window.stack.currentWidget() is printing
    assert printing.by_selection.isEnabled() and printing.by_selection.isChecked()
    assert printing.selection() == Selection(student_ids=chosen)
    assert "3 élève(s)" in printing.selection_label.text()


def test_the_print_page_shown_later_offers_the_current_selection(window):
    page = _open(window, "students")
    _select_first_rows(page, 2)
    printing = _open(window, "print")
    assert printing.by_selection.isEnabled(), "« La sélection » can be chosen"
    assert printing.selected_ids == page.selected_student_ids()
    _open(window, "students").list_view.clearSelection()
    printing = _open(window, "print")
    assert not printing.by_selection.isEnabled()


def test_nips_are_issued_for_the_respondents_of_the_selected_students(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QDialog

    from desktop.views.accounts_page import IssueNipDialog

    def accept(dialog):
        dialog.letter.setText(str(tmp_path / "lettres.pdf"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(IssueNipDialog, "exec", accept)
    page = _open(window, "students")
    _select_first_rows(page, 2)
    chosen = set(page.selected_student_ids())
    accounts = window.pages["accounts"]
    with qtbot.waitSignal(accounts.nips_issued, timeout=20000) as issued:
        page.nip_selection_button.click()
    assert {nip.student_id for nip in issued.args[0]} == chosen
    assert len(issued.args[0]) >= 2
    accounts.reveal_dialog.close()
    assert "Émission des NIP" not in accounts.status.text()
    assert "NIP émis" in accounts.status.text()


# -- state -----------------------------------------------------------------------------------


def test_a_search_without_result_says_so_over_the_list(window):
    page = _open(window, "students")
    QTest.keyClicks(page.search, "Zzyzx")
    assert page.model.rowCount() == 0
    assert page.empty_message.isVisible()
    assert page.empty_message.text() == "Aucun élève ne correspond à « Zzyzx »."
    page.search.clear()
    assert not page.empty_message.isVisible()
    preview = _open(window, "preview")
    QTest.keyClicks(preview.search, "Zzyzx")
    assert preview.empty_message.isVisible() and "Zzyzx" in preview.empty_message.text()
    _shot(window, "apercu-aucun-eleve")


def test_findings_filtered_to_nothing_say_so(window, qtbot):
    accounts = window.show_page("accounts")
    qtbot.waitUntil(lambda: accounts.model.rowCount() > 0, timeout=20000)
    accounts.code_filter.setCurrentIndex(accounts.code_filter.findData("fiche_malformed"))
    accounts.severity_filter.setCurrentIndex(accounts.severity_filter.findData("info"))
    if accounts.proxy.rowCount() == 0:
        assert accounts.empty_message.isVisible()
        assert accounts.empty_message.text() == "Aucun constat ne correspond à ces filtres."


def test_after_a_fix_comptes_parents_keeps_no_button_that_does_nothing(window, qtbot):
    from desktop.services.students import EmailEdit
    from desktop.views.accounts_findings_model import FindingRole

    accounts = window.show_page("accounts")
    qtbot.waitUntil(lambda: accounts.model.rowCount() > 0, timeout=20000)
    row = next(r for r in range(accounts.proxy.rowCount())
               if accounts.proxy.index(r, 0).data(FindingRole).code == "email_missing")
    finding = accounts.proxy.index(row, 0).data(FindingRole)
    accounts.table.selectRow(row)
    accounts.table.setFocus()
    assert accounts.open_button.isEnabled() and accounts.issue_button.isEnabled()
    students = window.context.vitrail.students
    version = next(g.version for g in students.file(finding.student_id).guardians
                   if g.guardian_id == finding.guardian_id)
    edit = EmailEdit(finding.guardian_id, version, f"corrige.{finding.guardian_id}@videotron.ca")
    with qtbot.waitSignal(accounts.findings_loaded, timeout=20000):
        window.context.runner.write(accounts, lambda _progress: students.save_emails([edit]))
    _settle()
    assert accounts.selected_findings() == []
    for button in (accounts.open_button, accounts.issue_button, accounts.revoke_button):
        assert not button.isEnabled(), button.text()
    assert accounts.nip_label.text() == ""


def test_the_student_file_with_a_banner_clips_no_text_at_1366_by_768(window):
    from PySide6.QtWidgets import QLabel

    page = _open(window, "students")
    page.list_view.setCurrentIndex(page.model.index(3, 0))
    page.file_view.banner.show_message(
        "warning", "Le domaine « gmial.com » ressemble à une faute de frappe. Vouliez-vous dire "
        "« marie.tremblay@gmail.com » ? Le parent ne recevra rien tant que l'adresse n'est pas corrigée.",
        "Corriger en gmail.com", lambda: None)
    _settle()
    assert _fits(window)
    clipped = [label.text()[:40] for label in page.file_view.body.findChildren(QLabel)
               if label.isVisibleTo(page) and label.wordWrap() and label.text()
               and label.height() < label.heightForWidth(label.width())]
    assert clipped == []
    _shot(window, "dossier-bandeau")


def test_a_failed_nip_issue_leaves_no_operation_label_and_the_buttons_usable(window, qtbot, tmp_path):
    from desktop.services.accounts.nips import NipRequest
    from desktop.views.accounts_findings_model import FindingRole

    accounts = window.show_page("accounts")
    qtbot.waitUntil(lambda: accounts.model.rowCount() > 0, timeout=20000)
    accounts.table.selectRow(0)
    finding = accounts.proxy.index(0, 0).data(FindingRole)
    accounts.issue_nips([NipRequest(finding.student_id, finding.guardian_id)], 30, tmp_path / "absent" / "l.pdf")
    assert "Émission des NIP" not in accounts.status.text()
    assert accounts.issue_button.isEnabled() == (finding.guardian_id is not None)


def test_entree_on_a_finding_opens_the_student_at_the_field(window, qtbot):
    accounts = window.show_page("accounts")
    qtbot.waitUntil(lambda: accounts.model.rowCount() > 0, timeout=20000)
    accounts.table.setFocus()
    accounts.table.selectRow(0)
    QTest.keyClick(accounts.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.pages["students"]


@pytest.mark.parametrize("name", ["students", "preview"])
def test_tab_goes_search_then_list_then_the_next_region(window, name):
    page = _open(window, name)
    listing = page.list_view if name == "students" else page.student_list
    page.search.setFocus()
    QTest.keyClick(page.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is listing
    QTest.keyClick(listing, Qt.Key.Key_Tab)
    if name == "students":
        assert page.file_view.isAncestorOf(QApplication.focusWidget()), "from the list into the open file"
    else:
        assert QApplication.focusWidget() is page.viewer_box


# -- the secretary's day, with the keyboard alone ------------------------------------------------


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard is somewhere"
    return widget


def _press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(_focus(), key, modifier)


def _tab_to(widget: QWidget, limit: int = 40) -> None:
    for _ in range(limit):
        if _focus() is widget:
            return
        _press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName() or widget}; stuck on {_focus()}")


def _in_modal(keys) -> None:
    """Type into the next modal dialog once it is open (``exec`` runs its own event loop)."""
    from PySide6.QtCore import QTimer

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or focus is None or focus.window() is not dialog:  # not yet shown and active
            QTimer.singleShot(10, attempt)
            return
        keys(dialog)

    QTimer.singleShot(0, attempt)


def _find_the_student_and_fix_an_email(window, qtbot) -> tuple[int, int]:
    """Type a name at launch, Down + Entrée, arrows to the email, F2, type, Entrée, Ctrl+S."""
    from desktop.views.guardians_table_model import GuardiansTableModel

    students = window.pages["students"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is students.search)
    name = students.model.index(5, 0).data()
    QTest.keyClicks(_focus(), name)
    _press(Qt.Key.Key_Down)
    assert _focus() is students.list_view
    _press(Qt.Key.Key_Return)
    student_id = students.model.student_id(students.list_view.currentIndex().row())
    file_view = students.file_view
    qtbot.waitUntil(lambda: file_view.guardians_view.hasFocus())
    guardians = file_view.guardians_view
    row = guardians.currentIndex().row()
    guardian = file_view.guardians.guardian(row)
    assert guardian.respondent_rank is not None, "the first line is a respondent, who gets a NIP"
    _press(Qt.Key.Key_Right, times=GuardiansTableModel.EMAIL - guardians.currentIndex().column())
    assert guardians.currentIndex().column() == GuardiansTableModel.EMAIL
    new_email = f"secretariat.{guardian.guardian_id}@videotron.ca"
    _press(Qt.Key.Key_F2)
    editor = _focus()
    assert editor is not guardians, "F2 opens the email for editing"
    _press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, new_email)
    _press(Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: file_view.guardians.email(row) == new_email)
    assert _focus() is guardians, "the keyboard is back in the table"
    assert file_view.has_pending_edits()
    _press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not file_view.has_pending_edits(), timeout=20000)
    saved = window.context.vitrail.students.file(student_id)
    assert next(g.email for g in saved.guardians if g.guardian_id == guardian.guardian_id) == new_email
    assert students.selected_student_ids() == (student_id,), "the student opened with Entrée is the selection"
    return student_id, guardian.guardian_id


def _issue_the_nip(window, qtbot, tmp_path, student_id: int, guardian_id: int) -> None:
    """« Émettre les NIP… » of the Élèves page, just before the search (Maj+Tab); Espace, Entrée."""
    students = window.pages["students"]
    accounts = window.pages["accounts"]
    letter = tmp_path / "lettres.pdf"
    seen: dict[str, object] = {}

    def issue(dialog: QWidget) -> None:
        seen["dialog"] = type(dialog).__name__
        _tab_to(dialog.letter)
        QTest.keyClicks(_focus(), str(letter))
        _press(Qt.Key.Key_Return)  # « Émettre » is the default button

    _press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert _focus() is students.search
    _press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert _focus() is students.nip_selection_button
    _in_modal(issue)
    with qtbot.waitSignal(accounts.nips_issued, timeout=20000) as issued:
        _press(Qt.Key.Key_Space)
    assert seen["dialog"] == "IssueNipDialog"
    assert {(nip.student_id, nip.guardian_id) for nip in issued.args[0]} >= {(student_id, guardian_id)}
    assert letter.is_file()
    reveal = accounts.reveal_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and _focus().window() is reveal)
    _press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not reveal.isVisible())
    # A window manager gives the main window back its activation when the dialog closes; the
    # offscreen test platform does not, so the test does what the window manager would.
    if QApplication.activeWindow() is None:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and _focus().window() is window)


def _print_the_dossier(window, qtbot, tmp_path, student_id: int) -> None:
    """« Imprimer la sélection… » (Maj+Tab twice from the search), the destination, Entrée."""
    students = window.pages["students"]
    _press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    _press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    _press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier, times=2)
    assert _focus() is students.print_selection_button
    _press(Qt.Key.Key_Space)
    printing = window.pages["print"]
    assert window.stack.currentWidget() is printing
    assert printing.by_selection.isChecked() and printing.selected_ids == (student_id,)
    _tab_to(printing.output)
    dossier = tmp_path / "dossier.pdf"
    QTest.keyClicks(_focus(), str(dossier))
    with qtbot.waitSignal(printing.finished, timeout=60000) as printed:
        _press(Qt.Key.Key_Return)  # Entrée in the destination prints
    assert printed.args[0] is not None and printed.args[0].students == 1
    assert dossier.is_file() and dossier.read_bytes().startswith(b"%PDF")


def test_the_secretarys_day_with_the_keyboard_alone(window, qtbot, tmp_path):
    """Find a student, fix a guardian's email, save, issue the NIP, print the dossier: no mouse."""
    student_id, guardian_id = _find_the_student_and_fix_an_email(window, qtbot)
    _issue_the_nip(window, qtbot, tmp_path, student_id, guardian_id)
    _print_the_dossier(window, qtbot, tmp_path, student_id)
