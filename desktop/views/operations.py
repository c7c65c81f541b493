"""One way to run the core's work from the window (after Anki's ``QueryOp``/``CollectionOp``).

A page declares what to run, what to do with the result and with a failure, and — for long
work — a progress label; the ``OperationRunner`` does the rest, in one place:

- it runs the work on its thread pool, so the window never freezes;
- it delivers the outcome on the GUI thread, and only while the page that asked still exists
  (a page closed meanwhile has nobody left to tell; the work itself still finishes cleanly, and
  a write that went through is still announced through ``changed``);
- it shows a busy cursor after ~0.3 s, and, where the work reports progress, a progress dialog
  with « Annuler » after ~0.6 s (quick work shows neither: Anki's ``progress.py``); a page that
  shows the progress itself (``on_progress``: a bar in the page, its own « Annuler ») gets the
  reports instead, and the window stays usable meanwhile — no busy cursor, no dialog;
- it maps failures to French in one place (``describe_failure``): a Vitrail error's own sentence,
  « base injoignable » for a lost connection, and for anything else a generic sentence while
  the traceback goes to the log. A page that must act on the error itself (an ``EditConflict``
  carries both values) passes ``on_error``: it receives the ``VitrailError`` instead of its
  sentence;
- after a write (work returning ``Written``) it emits ``changed`` once with the ``Changes``
  description, so every page refreshes what that write touched.

Tests use ``SynchronousRunner``: the same delivery, on the calling thread, with no timers.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services.errors import VitrailError
from desktop.services.facade import Changes, Written
from desktop.services.failures import describe_failure
from desktop.services.logs import log_unexpected

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_CURSOR_AFTER_MS = 300
PROGRESS_DIALOG_AFTER_MS = 600


class Cancelled(Exception):
    """Raised inside the work by ``Progress.check()`` once the person pressed « Annuler »."""


class Progress:
    """Handed to the work function: thread-safe progress reports and cancellation."""

    def __init__(self, report: Callable[[int, int, str], None] = lambda done, total, label: None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def report(self, done: int, total: int, label: str = "") -> None:
        """Say how far the work is (shown in the progress dialog, if any)."""
        self._report(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait_until_cancelled(self, timeout: float | None = None) -> bool:
        """Block until « Annuler » (or ``timeout``): for work that waits on something else."""
        return self._cancel.wait(timeout)

    def check(self) -> None:
        """Stop here (``Cancelled``) if the person asked to cancel."""
        if self._cancel.is_set():
            raise Cancelled()


@dataclass
class Operation(Generic[T]):
    """A query or a write, as a page declares it."""

    parent: QObject
    work: Callable[[Progress], T]
    on_success: Callable[[T], object] | None = None
    on_failure: Callable[[str], object] | None = None
    on_cancelled: Callable[[], object] | None = None
    progress_label: str | None = None
    on_progress: Callable[[int, int, str], None] | None = None
    progress: Progress = field(default_factory=Progress)
    on_error: Callable[[VitrailError], object] | None = None
    announce: Callable[[T], None] | None = None  # after a success, even with the page gone
    quiet: bool = False  # work nobody asked for (keeping a list, loading ahead): no busy cursor

    def cancel(self) -> None:
        self.progress.cancel()


@dataclass(frozen=True)
class _Outcome:
    kind: str  # "success", "failure", "cancelled"
    value: Any = None
    error: BaseException | None = None  # the failure's exception, for ``on_error``


def _run(operation: Operation[Any]) -> _Outcome:
    """Run the work and turn what happened into an outcome; unexpected errors are logged here."""
    try:
        return _Outcome("success", operation.work(operation.progress))
    except Cancelled:
        return _Outcome("cancelled")
    except Exception as error:  # noqa: BLE001 - the boundary: any failure becomes an outcome (bugs logged)
        failure = describe_failure(error)
        if not failure.expected:  # a bug: its traceback to the log, and the error box once
            log_unexpected(type(error), error, error.__traceback__, "opération en arrière-plan")
        else:
            log.warning("Opération refusée ou interrompue : %s", failure.message)
        return _Outcome("failure", failure.message, error)


class _CollectorPause:
    """Keeps Python's cyclic garbage collector off the worker threads while work runs.

    The collector runs on whichever thread happens to allocate. On a worker thread it may free a
    Qt object (a widget, a connection) left over from the GUI thread: Qt then takes its signal
    lock and PySide waits for the GIL, while the GUI thread, holding the GIL, waits for that same
    lock — the window freezes for good (seen in a test: ``setStyle`` against ``disconnect``). So
    automatic collection is paused while any work runs and resumed — on the GUI thread, where it
    collects at the next allocation — when the last work ends (Anki collects on its main thread
    for the same reason). Both calls come from the GUI thread.
    """

    def __init__(self) -> None:
        self._running = 0
        self._paused_here = False

    def pause(self) -> None:
        if self._running == 0 and gc.isenabled():
            gc.disable()
            self._paused_here = True
        self._running += 1

    def resume(self) -> None:
        self._running = max(self._running - 1, 0)
        if self._running == 0 and self._paused_here:
            self._paused_here = False
            gc.enable()


_collector = _CollectorPause()


class _Runnable(QRunnable):
    def __init__(self, operation: Operation[Any], finished: Callable[[Operation[Any], _Outcome], None]) -> None:
        super().__init__()
        self._operation = operation
        self._finished = finished

    def run(self) -> None:
        self._finished(self._operation, _run(self._operation))


class OperationRunner(QObject):
    """Runs every page's work off the GUI thread; one per main window."""

    changed = Signal(object)  # Changes: emitted once after each successful write
    busy_changed = Signal(bool)  # some operation is running (e.g. for a status indicator)
    # Emitted from worker threads; the runner lives in the GUI thread, so Qt queues them there.
    _work_finished = Signal(object, object)
    _work_progressed = Signal(object, int, int, str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: dict[int, tuple[Operation[Any], QTimer, QProgressDialog | None]] = {}
        self._busy_cursor = False
        self._last_progress: dict[int, tuple[int, int, str]] = {}  # shown when the dialog opens
        self._work_finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._work_progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    # --- what pages call ------------------------------------------------------------------

    def query(self, parent: QObject, work: Callable[[Progress], T], on_success: Callable[[T], object] | None = None,
              on_failure: Callable[[str], object] | None = None, *, progress_label: str | None = None,
              on_cancelled: Callable[[], object] | None = None,
              on_error: Callable[[VitrailError], object] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None, quiet: bool = False) -> Operation[T]:
        """Read something in the background; ``on_success`` gets the result on the GUI thread.

        ``on_error``, if given, receives a ``VitrailError`` itself instead of ``on_failure`` its
        sentence; other failures (a lost connection, a bug) still go to ``on_failure``.
        ``on_progress(done, total, label)`` receives the work's reports on the GUI thread, for a
        page that shows them itself (then no progress dialog is shown). ``quiet``: work the person did
        not ask for and does not wait on (the page stays usable): no busy cursor for it.
        """
        operation = Operation(parent, work, on_success, on_failure, on_cancelled, progress_label, on_progress,
                              on_error=on_error, quiet=quiet)
        self.start(operation)
        return operation

    def write(self, parent: QObject, work: Callable[[Progress], Written[T]],
              on_success: Callable[[T], object] | None = None, on_failure: Callable[[str], object] | None = None, *,
              progress_label: str | None = None, on_cancelled: Callable[[], object] | None = None,
              on_error: Callable[[VitrailError], object] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> Operation[Any]:
        """Change something; ``on_success`` gets the written value, then ``changed`` is emitted."""

        def delivered(written: Written[T]) -> None:
            if on_success is not None:
                on_success(written.value)

        # Announced even if the page closed meanwhile: the write happened, the other pages must know.
        operation: Operation[Any] = Operation(parent, work, delivered, on_failure, on_cancelled, progress_label,
                                              on_progress,
                                              on_error=on_error,
                                              announce=lambda written: self.announce(written.changes))
        self.start(operation)
        return operation

    def announce(self, changes: Changes) -> None:
        """Tell every page about a change made outside the runner (e.g. a whole new board)."""
        if changes:
            self.changed.emit(changes)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    # --- machinery ------------------------------------------------------------------------

    def start(self, operation: Operation[Any]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._show_busy(operation))
        timer.start(BUSY_CURSOR_AFTER_MS)
        operation.progress = Progress(
            lambda done, total, label: self._work_progressed.emit(operation, done, total, label))
        self._running[id(operation)] = (operation, timer, None)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        _collector.pause()
        self._pool.start(_Runnable(operation, self._work_finished.emit))

    def _show_busy(self, operation: Operation[Any]) -> None:
        if id(operation) not in self._running or operation.on_progress is not None or operation.quiet:
            return  # finished already, or the page shows its own progress (or none) and stays usable
        if not self._busy_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._busy_cursor = True
        if operation.progress_label is not None:
            QTimer.singleShot(PROGRESS_DIALOG_AFTER_MS - BUSY_CURSOR_AFTER_MS, lambda: self._show_dialog(operation))

    def _show_dialog(self, operation: Operation[Any]) -> None:
        entry = self._running.get(id(operation))
        if entry is None or entry[2] is not None:
            return
        parent = operation.parent if isinstance(operation.parent, QWidget) and shiboken6.isValid(operation.parent) \
            else None
        dialog = QProgressDialog(operation.progress_label or "", self.tr("Annuler"), 0, 0,
                                 parent.window() if parent is not None else None)
        dialog.setObjectName("operation_progress")
        dialog.setWindowTitle(self.tr("Vitrail — opération en cours"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(operation.cancel)
        self._running[id(operation)] = (entry[0], entry[1], dialog)
        if id(operation) in self._last_progress:
            self._progressed(operation, *self._last_progress[id(operation)])
        dialog.show()

    def _progressed(self, operation: Operation[Any], done: int, total: int, label: str) -> None:
        entry = self._running.get(id(operation))
        if entry is None:
            return
        self.tell_progress(operation, done, total, label)
        self._last_progress[id(operation)] = (done, total, label)
        dialog = entry[2]
        if dialog is None:
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if label:
            dialog.setLabelText(label)

    def _finish(self, operation: Operation[Any], outcome: _Outcome) -> None:
        _collector.resume()
        entry = self._running.pop(id(operation), None)
        self._last_progress.pop(id(operation), None)
        if entry is not None:
            _operation, timer, dialog = entry
            timer.stop()
            timer.deleteLater()
            if dialog is not None:
                dialog.canceled.disconnect()
                dialog.close()
                dialog.deleteLater()
        if not self._running:
            if self._busy_cursor:
                QGuiApplication.restoreOverrideCursor()
                self._busy_cursor = False
            self.busy_changed.emit(False)
        self.deliver(operation, outcome)

    def tell_progress(self, operation: Operation[Any], done: int, total: int, label: str) -> None:
        """Hand a progress report to the page that shows it, unless it was closed meanwhile."""
        if operation.on_progress is not None and shiboken6.isValid(operation.parent):
            operation.on_progress(done, total, label)

    def deliver(self, operation: Operation[Any], outcome: _Outcome) -> None:
        """Call the page back, unless it was closed meanwhile; then announce a write's changes."""
        if shiboken6.isValid(operation.parent):
            self._call_page(operation, outcome)
        if outcome.kind == "success" and operation.announce is not None:
            operation.announce(outcome.value)

    @staticmethod
    def _call_page(operation: Operation[Any], outcome: _Outcome) -> None:
        if outcome.kind == "success" and operation.on_success is not None:
            operation.on_success(outcome.value)
        elif outcome.kind == "failure" and operation.on_error is not None \
                and isinstance(outcome.error, VitrailError):
            operation.on_error(outcome.error)
        elif outcome.kind == "failure" and operation.on_failure is not None:
            operation.on_failure(outcome.value)
        elif outcome.kind == "cancelled" and operation.on_cancelled is not None:
            operation.on_cancelled()


class SynchronousRunner(OperationRunner):
    """For tests: the work runs at once on the calling thread; delivery is the same as in the app."""

    def start(self, operation: Operation[Any]) -> None:
        operation.progress = Progress(lambda done, total, label: self.tell_progress(operation, done, total, label))
        self.deliver(operation, _run(operation))
