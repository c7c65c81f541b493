"""One message box for the unexpected errors of the whole window.

A bug (anything but a ``VitrailError`` or a lost connection) is logged with its traceback; the
person is told once that the operation failed and that the details are in Vitrail's log. A burst
of errors — the same bug on every row of a list, or at every repaint — shows one box, not one per
error: while the box is open, or about to open, further errors only go to the log.

The log (``desktop.services.logs``) calls the presenter for each error it records, from whatever
thread logged it; the box is always shown on the GUI thread. Until that module exists, a
logging handler and ``sys.excepthook`` stand in for it.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from types import TracebackType

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class ErrorDialog(QObject):
    """Shows the unexpected-error box on the window, at most one at a time."""

    _requested = Signal()  # emitted from any thread; queued to the GUI thread

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._lock = threading.Lock()
        self._pending = False  # a box is open or queued: later errors only go to the log
        self.box: QMessageBox | None = None
        self._requested.connect(self._show, Qt.QueuedConnection)

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
        box = QMessageBox(QMessageBox.Critical, self.tr("Vitrail — erreur inattendue"),
                          self.tr("L'opération a échoué à cause d'une erreur inattendue."),
                          QMessageBox.Ok, self._window)
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


class _LoggedErrors(logging.Handler):
    """Stand-in for the log's presenter: every record at ERROR or above asks for the box."""

    def __init__(self, dialog: ErrorDialog) -> None:
        super().__init__(logging.ERROR)
        self._dialog = dialog

    def emit(self, record: logging.LogRecord) -> None:
        self._dialog.present(record)


def install_error_dialog(window: QWidget) -> ErrorDialog:
    """Show the unexpected errors of the application on ``window``, once per burst."""
    dialog = ErrorDialog(window)
    try:
        logs = importlib.import_module("desktop.services.logs")
    except ModuleNotFoundError:
        logs = None
    if logs is not None and hasattr(logs, "set_error_presenter"):
        logs.set_error_presenter(dialog.present)
        return dialog
    _stand_in_for_the_log(window, dialog)
    return dialog


def _stand_in_for_the_log(window: QWidget, dialog: ErrorDialog) -> None:
    """Present logged errors, and log exceptions raised in slots (Qt only prints those), for
    as long as the window lives."""
    handler = _LoggedErrors(dialog)
    logging.getLogger().addHandler(handler)
    previous = sys.excepthook

    def excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        log.error("Erreur inattendue dans la fenêtre", exc_info=(kind, error, trace))

    def uninstall() -> None:
        logging.getLogger().removeHandler(handler)
        if sys.excepthook is excepthook:
            sys.excepthook = previous

    sys.excepthook = excepthook
    window.destroyed.connect(uninstall)
