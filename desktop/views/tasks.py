"""One way to run background work from the GUI (after Anki's QueryOp).

A view says what to run, what to do with the result and with a failure; ``BackgroundTask``
runs it on the global QThreadPool and delivers the outcome on the GUI thread through signals.
The work function receives a ``TaskControl`` to report progress and to check for cancellation;
it must open its own database session and return plain data, never live ORM objects.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.services.errors import VitrailError


class Cancelled(Exception):
    """Raised inside the work function by ``TaskControl.check()`` once cancel was asked."""


class TaskControl:
    """Handed to the work function: thread-safe progress and cancellation."""

    def __init__(self, task: BackgroundTask) -> None:
        self._task = task
        self._cancel = threading.Event()

    def progress(self, done: int, total: int, label: str = "") -> None:
        self._task.progressed.emit(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            outcome = (task.succeeded, task.work(task.control))
        except Cancelled:
            outcome = (task.was_cancelled, None)
        except VitrailError as exc:
            outcome = (task.failed, str(exc))
        except Exception:  # unexpected: the user gets a French message, the log the details
            traceback.print_exc()
            outcome = (task.failed, "Une erreur inattendue est survenue ; l'opération a été annulée sans rien modifier.")
        _deliver(task, *outcome)


def _deliver(task: BackgroundTask, signal, value: object) -> None:  # noqa: ANN001
    """Emit the outcome, unless the page that asked was closed meanwhile (nobody left to tell)."""
    try:
        if signal is task.succeeded or signal is task.failed:
            signal.emit(value)
        else:
            signal.emit()
        task.finished.emit()
    except RuntimeError:  # the QObject was deleted with its window: drop the result
        pass


class BackgroundTask(QObject):
    """A unit of background work. Keep a reference until ``finished`` fires."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[TaskControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.control = TaskControl(self)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        self.control.cancel()
