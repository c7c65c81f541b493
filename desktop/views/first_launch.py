"""The first launch on the demo board: the board is generated behind a progress dialog.

Run through the ``OperationRunner`` like any other work, with the dialog owned here because
there is no main window yet to show it on (and the steps also go to the terminal, where IT
watches a first launch).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from desktop.services.demo import DemoSummary
from desktop.services.errors import VitrailError
from desktop.services.facade import Vitrail, Written
from desktop.views.operations import OperationRunner, Progress


def create_demo_board(vitrail: Vitrail, *, students: int, seed: int, interactive: bool) -> bool:
    """Generate the demo board in the background; False if the person cancelled."""
    translate = QCoreApplication.translate
    dialog = QProgressDialog(translate("DemoCreation", "Création du centre de services de démonstration…"),
                             translate("DemoCreation", "Annuler"), 0, 100)
    dialog.setWindowTitle(translate("DemoCreation", "Vitrail — première ouverture"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(600 if interactive else 10**9)
    dialog.setMinimumWidth(460)
    owner = QObject()
    runner = OperationRunner(owner)
    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def work(progress: Progress) -> Written[DemoSummary]:
        def report(done: int, total: int, label: str) -> None:
            progress.check()
            progress.report(done, total, label)
        return vitrail.generate_demo(students=students, seed=seed, progress=report)

    def progressed(done: int, total: int, label: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))
        if label:
            dialog.setLabelText(translate("DemoCreation", "Création de la démonstration : {step}…").format(step=label))
        print(f"  {label} ({done}/{total})", file=sys.stderr)

    operation = runner.write(owner, work, lambda summary: outcome.setdefault("summary", summary),
                             lambda message: outcome.setdefault("error", message),
                             on_cancelled=lambda: outcome.setdefault("cancelled", True), on_progress=progressed)
    dialog.canceled.connect(operation.cancel)
    runner.busy_changed.connect(lambda busy: None if busy else loop.quit())
    if runner.busy:
        loop.exec()
    dialog.reset()
    dialog.close()
    if "error" in outcome:
        raise VitrailError(str(outcome["error"]))
    return "summary" in outcome
