"""Unexpected errors: one French message box per burst, whatever thread the errors came from."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.views.error_dialog import install_error_dialog
from desktop.views.operations import OperationRunner


@pytest.fixture
def window(qtbot):
    """Deleted at the end (not merely closed), so its error box never answers another test's errors."""
    widget = QWidget()
    widget.show()
    yield widget
    widget.close()
    shiboken6.delete(widget)


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "unexpected_error" and w.isVisible()]


def test_a_burst_of_errors_from_several_threads_shows_one_box(qtbot, window):
    dialog = install_error_dialog(window)
    threads = [threading.Thread(target=dialog.present) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    dialog.present()
    qtbot.waitUntil(lambda: len(_boxes()) == 1)
    box = _boxes()[0]
    assert box.windowTitle() == "Vitrail — erreur inattendue"
    assert "L'opération a échoué" in box.text() and "journal de Vitrail" in box.informativeText()
    QApplication.processEvents()
    assert len(_boxes()) == 1, "the rest of the burst only went to the log"
    box.accept()
    qtbot.waitUntil(lambda: not _boxes())
    dialog.present()
    qtbot.waitUntil(lambda: len(_boxes()) == 1)
    _boxes()[0].accept()


def test_a_bug_in_background_work_shows_the_box_once(qtbot, window, caplog):
    install_error_dialog(window)
    runner = OperationRunner(window)
    failures = []
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.busy_changed,
                                                          check_params_cb=lambda busy: busy is False):
        for _ in range(3):
            runner.query(window, lambda _progress: {}["clé absente"], on_failure=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 3)
    qtbot.waitUntil(lambda: len(_boxes()) == 1)
    QApplication.processEvents()
    assert len(_boxes()) == 1
    _boxes()[0].accept()
