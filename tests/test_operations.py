"""The operation runner: results on the GUI thread, French failures, a log for bugs, progress and
cancel for long work, one ``changed`` event per write, nothing delivered to a closed page."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from sqlalchemy.exc import OperationalError

from desktop.services.errors import InvalidInput
from desktop.services.facade import Changes, Written
from desktop.services.failures import UNEXPECTED, UNREACHABLE
from desktop.views.operations import BUSY_CURSOR_AFTER_MS, OperationRunner, SynchronousRunner


@pytest.fixture
def page(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(page):
    return OperationRunner(page)


def test_a_query_runs_off_the_gui_thread_and_delivers_on_it(qtbot, runner, page):
    seen = {}

    def work(_progress):
        seen["worker"] = QThread.currentThread()
        return 42

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.query(page, work, lambda value: seen.update(value=value, gui=QThread.currentThread()))
    assert seen["value"] == 42
    assert seen["gui"] is QApplication.instance().thread()
    assert seen["worker"] is not seen["gui"]


@pytest.mark.parametrize(("error", "message"), [
    (InvalidInput("Courriel refusé : il contient une espace."), "Courriel refusé : il contient une espace."),
    (OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")), UNREACHABLE),
])
def test_known_failures_are_shown_in_french(qtbot, runner, page, error, message):
    failures = []

    def work(_progress):
        raise error

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        runner.query(page, work, on_failure=failures.append)
    assert failures == [message]
    assert "base de données est injoignable" in UNREACHABLE


def test_a_bug_is_logged_with_its_traceback_and_shown_as_a_generic_french_sentence(qtbot, runner, page, caplog):
    failures = []

    def work(_progress):
        return {}["clé absente"]

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.busy_changed,
                                                          check_params_cb=lambda busy: busy is False):
        runner.query(page, work, on_failure=failures.append)
    assert failures == [UNEXPECTED]
    assert any(record.exc_info and "KeyError" in record.exc_text for record in caplog.records if record.exc_text)


def test_a_page_that_asks_for_the_error_itself_gets_the_vitrail_error(qtbot, page):
    runner = SynchronousRunner(page)
    refused = InvalidInput("Courriel refusé : il contient une espace.")
    errors, failures = [], []

    def work(_progress):
        raise refused

    runner.write(page, work, on_failure=failures.append, on_error=errors.append)
    assert errors == [refused] and failures == []
    runner.query(page, lambda _p: {}["clé absente"], on_failure=failures.append, on_error=errors.append)
    assert failures == [UNEXPECTED], "a bug is not an expected error: the page gets the generic sentence"


def test_a_write_delivers_its_value_then_announces_what_changed(qtbot, page):
    runner = SynchronousRunner(page)
    order = []
    runner.changed.connect(lambda changes: order.append(changes))
    runner.write(page, lambda _p: Written("enregistré", Changes(guardians=frozenset({7}))), order.append)
    assert order == ["enregistré", Changes(guardians=frozenset({7}))]


def test_a_write_that_changed_nothing_announces_nothing(qtbot, page):
    runner = SynchronousRunner(page)
    announced = []
    runner.changed.connect(announced.append)
    runner.write(page, lambda _p: Written(None, Changes()))
    assert announced == []


def test_nothing_is_delivered_to_a_page_closed_meanwhile(qtbot, runner):
    page = QWidget()
    release = threading.Event()
    delivered = []

    def work(_progress):
        release.wait(5)
        return "trop tard"

    runner.query(page, work, delivered.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page))
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        release.set()
    assert delivered == []


def test_a_write_is_announced_even_when_its_page_closed_meanwhile(qtbot, runner):
    page = QWidget()
    release = threading.Event()
    delivered, announced = [], []
    runner.changed.connect(announced.append)

    def work(_progress):
        release.wait(5)
        return Written("enregistré", Changes(students=frozenset({3})))

    runner.write(page, work, delivered.append)
    page.deleteLater()
    qtbot.waitUntil(lambda: not _alive(page))
    with qtbot.waitSignal(runner.changed):
        release.set()
    assert delivered == [] and announced == [Changes(students=frozenset({3}))]


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_long_work_shows_progress_and_can_be_cancelled(qtbot, runner, page, request):
    page.show()
    cancelled = []

    def work(progress):
        progress.report(3, 10, "Impression de 3 élèves sur 10")
        progress.wait_until_cancelled()  # no timed wait: the test passes under a shifted clock too
        progress.check()

    operation = runner.query(page, work, on_cancelled=lambda: cancelled.append(True),
                             progress_label="Impression des dossiers…")
    request.addfinalizer(operation.cancel)  # the work ends even if this test fails before « Annuler »
    qtbot.waitUntil(lambda: _progress_dialog(page) is not None, timeout=5000)
    dialog = _progress_dialog(page)
    qtbot.waitUntil(lambda: dialog.labelText() == "Impression de 3 élèves sur 10")
    assert (dialog.value(), dialog.maximum()) == (3, 10)
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.LeftButton)  # « Annuler »
    assert cancelled == [True]
    assert _progress_dialog(page) is None or not _progress_dialog(page).isVisible()


def _progress_dialog(page: QWidget) -> QProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.objectName() == "operation_progress" and widget.isVisible():
            return widget
    return page.window().findChild(QProgressDialog, "operation_progress")


def test_a_page_showing_its_own_progress_gets_the_reports_and_no_dialog(qtbot, runner, page):
    page.show()
    reports = []
    release = threading.Event()

    def work(progress):
        progress.report(1, 4, "1 sur 4")
        release.wait(5)
        progress.report(4, 4, "4 sur 4")
        return "fini"

    def other(progress):  # a long operation that does want the dialog: a clock for "long enough"
        progress.report(0, 1, "autre")
        release.wait(5)

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False, timeout=10000):
        runner.query(page, work, on_progress=lambda *report: reports.append((*report, QThread.currentThread())))
        runner.query(page, other, progress_label="Autre opération…")
        qtbot.waitUntil(lambda: _progress_dialog(page) is not None, timeout=5000)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        assert [d.labelText() for d in dialogs] == ["autre"]  # the other one's only
        release.set()
    gui = QApplication.instance().thread()
    assert reports == [(1, 4, "1 sur 4", gui), (4, 4, "4 sur 4", gui)]


def test_the_synchronous_runner_reports_progress_too(page):
    reports = []
    SynchronousRunner(page).query(page, lambda progress: progress.report(2, 3, "deux"),
                                  on_progress=lambda *report: reports.append(report))
    assert reports == [(2, 3, "deux")]


def test_quiet_work_shows_no_busy_cursor_where_asked_for_work_does(qtbot, runner, page):
    """Work nobody asked for (keeping the Constats list, loading the board ahead of a fix) leaves the
    pointer as it is; a query the person waits on turns it busy after BUSY_CURSOR_AFTER_MS."""
    page.show()
    release = threading.Event()
    runner.query(page, lambda _progress: release.wait(10), quiet=True)
    past_the_delay = QTimer(page)
    past_the_delay.setSingleShot(True)
    with qtbot.waitSignal(past_the_delay.timeout):  # the busy cursor's delay has passed
        past_the_delay.start(BUSY_CURSOR_AFTER_MS * 2)
    assert QGuiApplication.overrideCursor() is None
    asked = threading.Event()
    runner.query(page, lambda _progress: asked.wait(10))
    try:
        qtbot.waitUntil(lambda: QGuiApplication.overrideCursor() is not None, timeout=5000)
        assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    finally:
        asked.set()
        release.set()
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        pass
    assert QGuiApplication.overrideCursor() is None
