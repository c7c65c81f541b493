"""One message box for the unexpected errors of the whole window.

A bug (anything but a ``VitrailError`` or a lost connection) is logged with its traceback; the
person is told once that the operation failed and that the details are in Vitrail's log. A burst
of errors — the same bug on every row of a list, or at every repaint — shows one box, not one per
error: while the box is open, or about to open, further errors only go to the log.

The log (``desktop.services.logs``) calls the presenter for each unexpected error it records —
from the exception hooks and from the operation runner — from whatever thread it happened on;
the box is always shown on the GUI thread.
"""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.logs import set_error_presenter


class ErrorDialog(QObject):
    """Shows the unexpected-error box on the window, at most one at a time."""

    _requested = Signal()  # emitted from any thread; queued to the GUI thread

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._lock = threading.Lock()
        self._pending = False  # a box is open or queued: later errors only go to the log
        self.box: QMessageBox | None = None
        self._requested.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def present(self, *_details: object, **_more: object) -> None:
        """Ask for the box (from any thread); ignored while one is already open or on its way."""
        if not shiboken6.isValid(self):
            return
        with self._lock:
            if self._pending:
                return
            self._pending = True
        self._requested.emit()

    def _show(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Vitrail — erreur inattendue"),
                          self.tr("L'opération a échoué à cause d'une erreur inattendue."),
                          QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("unexpected_error")
        box.setInformativeText(self.tr(
            "Les détails ont été inscrits dans le journal de Vitrail. Si le problème se répète, avisez le "
            "soutien informatique en lui transmettant ce journal."))
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
            self.box = None
        with self._lock:
            self._pending = False


def install_error_dialog(window: QWidget) -> ErrorDialog:
    """Show the unexpected errors of the application on ``window``, once per burst, for as long
    as the window lives."""
    dialog = ErrorDialog(window)
    set_error_presenter(dialog.present)
    window.destroyed.connect(lambda: set_error_presenter(None))
    return dialog
