"""The « Importation » page: the board's real data in from its student information system (SIS).

The person chooses a OneRoster CSV export (a .zip or a folder) — or, once the façade offers it,
the configured SIS server — and the page reads and checks it in the background
(``vitrail.sync.plan_oneroster_csv``): nothing is written yet. The plan is shown as tables —
counts per kind, examples, the conflicts to settle one by one, every problem with its file, line
and field — and « Appliquer » writes it in one transaction (``vitrail.sync.apply``) with the
page's own progress bar and « Annuler » (cancelling rolls everything back). A plan with errors
cannot be applied. The history tab lists the past runs and what each one changed; the
corrections tab lists what Vitrail corrected and the SIS does not know yet, with an export.

The page is meant for the board's administrator: every action is one method (``choose_file``,
``plan_from``, ``plan_from_server``, ``apply_plan``, ``export_corrections``) and the buttons'
states are set in one place (``_update_actions``), where access rights can grey them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.config import Config, load_config
from desktop.services.errors import InvalidInput, VitrailError
from desktop.services.facade import Changes, Vitrail
from desktop.services.outputs import check_output_file, describe_os_error, staged_file
from desktop.services.sync import Action, ApplyProgress, Change, Correction, ImportPlan, ImportResult, Resolution
from desktop.services.sync.records import WRITE_ORDER
from desktop.services.sync.rest import oneroster_settings
from desktop.services.sync.runs import ImportRunSummary, RunChange
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage
from desktop.views.import_models import (
    ConflictsModel,
    CorrectionsModel,
    KindRow,
    PlanChangesModel,
    PlanCountsModel,
    ProblemsModel,
    RecordRole,
    RunChangesModel,
    RunsModel,
)
from desktop.views.operations import Operation, Progress

EXAMPLES_PER_ACTION = 20  # examples shown per kind and action (the CLI's --json has them all)
RUN_CHANGES_SHOWN = 1000


def sis_server_planner(vitrail: Vitrail, config: Config | None = None) -> Callable[[Progress], ImportPlan] | None:
    """How « Depuis le serveur du SIS » reads and plans an import; None (no server configured) hides the button.

    The server is the configuration's ``oneroster_url``, else ``server_url`` (the installer's
    SERVERURL). A missing client id or secret is said in French when the button is pressed, not
    here: the person sees the button and learns what IT must set.
    """
    if config is None:
        try:
            config = load_config()
        except VitrailError:
            return None  # the configuration itself is refused; the window says so elsewhere
    if not (config.get("oneroster_url") or config.get("server_url")):
        return None
    chosen = config

    def plan(progress: Progress) -> ImportPlan:
        settings = oneroster_settings(chosen)

        def reading(step: ApplyProgress) -> None:
            progress.report(step.done, step.total, step.label)

        return vitrail.sync.plan_oneroster_rest(settings, progress=reading, should_stop=lambda: progress.cancelled)

    return plan


@dataclass(frozen=True)
class ShownPlan:
    """A plan and the examples the page shows of it (made in the background: a first import adds
    hundreds of thousands of records, and ``changes_of`` builds each one it is asked for)."""

    plan: ImportPlan
    examples: tuple[Change, ...]


def shown_plan(plan: ImportPlan) -> ShownPlan:
    examples: list[Change] = []
    for kind in WRITE_ORDER:
        for action in Action:
            examples += plan.changes_of(kind, action)[:EXAMPLES_PER_ACTION]
    return ShownPlan(plan, tuple(examples))


def _table(model: object, name: str, accessible: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)  # type: ignore[arg-type]
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)  # twelve kinds fit at 768 px
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


class ImportPage(QWidget):
    """Read, check, show and apply a OneRoster import; the runs and corrections beside it."""

    plan_shown = Signal(object)       # the ImportPlan now on screen, or None (the reading failed)
    applied = Signal(object)          # ImportResult once applying ended (cancelled too), or None (failed)
    history_loaded = Signal()
    run_changes_loaded = Signal()
    corrections_loaded = Signal()
    progressed = Signal(int, int, str)    # done, total, label of the reading or applying under way
    corrections_exported = Signal(object)  # how many rows were written, or None (refused)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan: ImportPlan | None = None
        self.operation: Operation[Any] | None = None
        self._reading = False
        self._applying = False
        self._request = 0  # the latest reading asked for; an older one's result is dropped
        self._server_planner = sis_server_planner(context.vitrail)
        self._stop = threading.Event()  # set by « Annuler » while a plan is being applied

        heading = QLabel(self.tr("Importation depuis le système de gestion des élèves (SIS)"))
        heading.setObjectName("page_title")
        intro = QLabel(self.tr(
            "Choisissez un export OneRoster 1.1 ou 1.2 (fichier .zip ou dossier de CSV). Vitrail le lit et le "
            "vérifie en entier, puis montre ce qui serait ajouté, modifié ou désactivé : rien n'est écrit avant "
            "« Appliquer »."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(self._source_row())
        layout.addLayout(self._run_row())
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("import_tabs")
        self.tabs.setAccessibleName(self.tr("Plan, conflits, problèmes, corrections et historique"))
        self.tabs.addTab(self._plan_tab(), self.tr("Plan"))
        self.tabs.addTab(self._conflicts_tab(), "")
        self.tabs.addTab(self._problems_tab(), "")
        self.tabs.addTab(self._corrections_tab(), "")
        self.tabs.addTab(self._history_tab(), self.tr("Historique"))
        layout.addWidget(self.tabs, 1)
        self._retitle_tabs()
        self._update_actions()
        context.runner.changed.connect(self._changed)
        self.load_history()
        self.load_corrections()

    # ------------------------------------------------------------------ building

    def showEvent(self, event: QShowEvent) -> None:
        """Before any export is read, the tables' headers read whole (« Désactivations », not
        « ésactivation »): their widths are measured once the page is styled, not at creation."""
        super().showEvent(event)
        if self.plan is None:
            for view in (self.counts_view, self.examples_view, self.conflicts_view, self.problems_view):
                for column in range(view.model().columnCount() - 1):  # the last one fills the width
                    view.resizeColumnToContents(column)

    def _source_row(self) -> QHBoxLayout:
        self.file_button = QPushButton(self.tr("Choisir un fichier .zip…"))
        self.file_button.setObjectName("choose_file")
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button = QPushButton(self.tr("Choisir un dossier…"))
        self.folder_button.setObjectName("choose_folder")
        self.folder_button.clicked.connect(self.choose_folder)
        self.server_button = QPushButton(self.tr("Depuis le serveur du SIS"))
        self.server_button.setObjectName("from_server")
        self.server_button.setToolTip(self.tr("Lit le centre de services sur le serveur OneRoster configuré"))
        self.server_button.clicked.connect(self.plan_from_server)
        self.server_button.setVisible(self._server_planner is not None)
        self.source_label = QLabel(self.tr("Aucun export choisi."))
        self.source_label.setObjectName("source")
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for button in (self.file_button, self.folder_button, self.server_button):
            row.addWidget(button)
        row.addWidget(self.source_label, 1)
        return row

    def _run_row(self) -> QHBoxLayout:
        self.apply_button = QPushButton(self.tr("Appliquer"))
        self.apply_button.setObjectName("primary")
        self.apply_button.setAccessibleName(self.tr("Appliquer l'importation"))
        self.apply_button.clicked.connect(self.apply_plan)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(self.apply_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_label, 1)
        return row

    def _plan_tab(self) -> QWidget:
        self.counts_model = PlanCountsModel(self)
        self.counts_view = _table(self.counts_model, "plan_counts", self.tr("Plan : nombres par type"))
        self.examples_model = PlanChangesModel(self)
        self.examples_view = _table(self.examples_model, "plan_examples", self.tr("Plan : exemples"))
        EmptyListMessage(self.counts_view, lambda: "" if self._reading else self.tr(
            "Choisissez un export : ce qu'il changerait s'affiche ici, type par type."))
        EmptyListMessage(self.examples_view, lambda: "" if self.plan is None else self.tr(
            "Rien à changer : Vitrail est déjà à jour."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.counts_view)
        splitter.addWidget(self.examples_view)
        splitter.setSizes([330, 170])  # the twelve kinds in full, examples below
        return splitter

    def _conflicts_tab(self) -> QWidget:
        self.conflicts_model = ConflictsModel(self)
        self.conflicts_view = _table(self.conflicts_model, "conflicts", self.tr("Conflits à trancher"))
        self.conflicts_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.conflicts_model.dataChanged.connect(lambda *_: self._after_choice())
        self.keep_local_button = QPushButton(self.tr("Garder la valeur de Vitrail"))
        self.keep_local_button.setObjectName("keep_local")
        self.keep_local_button.clicked.connect(lambda: self.choose(Resolution.KEEP_LOCAL))
        self.take_sis_button = QPushButton(self.tr("Prendre la valeur du SIS"))
        self.take_sis_button.setObjectName("take_sis")
        self.take_sis_button.clicked.connect(lambda: self.choose(Resolution.TAKE_SIS))
        hint = QLabel(self.tr("Vitrail et le SIS ont tous deux changé ces champs depuis la dernière importation. "
                              "Choisissez pour chacun (les lignes sélectionnées, ou toutes si aucune ne l'est)."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        EmptyListMessage(self.conflicts_view, lambda: self.tr("Aucun conflit."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_local_button)
        buttons.addWidget(self.take_sis_button)
        buttons.addStretch(1)
        return self._column(hint, buttons, self.conflicts_view)

    def _problems_tab(self) -> QWidget:
        self.problems_model = ProblemsModel(self)
        self.problems_view = _table(self.problems_model, "problems", self.tr("Problèmes de l'export"))
        EmptyListMessage(self.problems_view, lambda: self.tr("Aucun problème."))
        return self._column(self.problems_view)

    def _corrections_tab(self) -> QWidget:
        self.corrections_model = CorrectionsModel(self)
        self.corrections_view = _table(self.corrections_model, "corrections", self.tr("À reporter dans le SIS"))
        self.export_button = QPushButton(self.tr("Exporter en CSV…"))
        self.export_button.setObjectName("export_corrections")
        self.export_button.clicked.connect(self.ask_export_corrections)
        hint = QLabel(self.tr("Corrections faites dans Vitrail (un courriel, un code permanent…) que le SIS ne "
                              "connaît pas encore : à reporter dans le SIS. Elles sont gardées à chaque importation."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        EmptyListMessage(self.corrections_view, lambda: self.tr("Rien à reporter dans le SIS."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        return self._column(hint, buttons, self.corrections_view)

    def _history_tab(self) -> QWidget:
        self.runs_model = RunsModel(self)
        self.runs_view = _table(self.runs_model, "runs", self.tr("Importations appliquées"))
        self.runs_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.runs_view.selectionModel().currentRowChanged.connect(self._run_chosen)
        self.run_changes_model = RunChangesModel(self)
        self.run_changes_view = _table(self.run_changes_model, "run_changes",
                                       self.tr("Changements de l'importation choisie"))
        self.run_changes_label = QLabel(self.tr("Choisissez une importation pour voir ce qu'elle a changé."))
        self.run_changes_label.setObjectName("hint")
        EmptyListMessage(self.runs_view, lambda: self.tr("Aucune importation n'a encore été appliquée."))
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.run_changes_label)
        column.addWidget(self.run_changes_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.runs_view)
        splitter.addWidget(below)
        splitter.setSizes([180, 300])
        return splitter

    @staticmethod
    def _column(*parts: QWidget | QHBoxLayout) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 8, 0, 0)
        for part in parts:
            if isinstance(part, QHBoxLayout):
                column.addLayout(part)
            else:
                column.addWidget(part, 1 if isinstance(part, QTableView) else 0)
        return widget

    # ------------------------------------------------------------------ reading and planning

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Export OneRoster"), "",
                                              self.tr("Exports OneRoster (*.zip)"))
        if path:
            self.plan_from(Path(path))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Dossier de l'export OneRoster"))
        if path:
            self.plan_from(Path(path))

    def plan_from(self, path: Path) -> None:
        """Read and check the export at ``path`` in the background, then show its plan."""
        sync = self.context.vitrail.sync
        self._read(lambda _progress: shown_plan(sync.plan_oneroster_csv(path)), str(path))

    def plan_from_server(self) -> None:
        """Read the board from the configured SIS server (REST) and show the plan."""
        planner = self._server_planner
        if planner is None:
            return
        self._read(lambda progress: shown_plan(planner(progress)), self.tr("le serveur du SIS configuré"))

    def _read(self, work: Callable[[Progress], ShownPlan], source: str) -> None:
        if self._applying:
            return
        self._request += 1
        request = self._request
        self._reading = True
        self._set_plan(None)
        self.source_label.setText(source)
        self.status.setText(self.tr("Lecture et vérification de l'export…"))
        self._show_progress(0, 0, "")
        self.operation = self.context.runner.query(
            self, work, lambda shown: self._plan_read(request, shown),
            lambda message: self._read_failed(request, message),
            on_progress=lambda done, total, label: self._progressed(request, done, total, label))

    def _plan_read(self, request: int, shown: ShownPlan) -> None:
        if request != self._request:
            return  # cancelled, or another export chosen meanwhile
        self._reading = False
        self._hide_progress()
        self._set_plan(shown)
        self.plan_shown.emit(shown.plan)

    def _read_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self._reading = False
        self._hide_progress()
        self._set_plan(None)
        self.status.setText(message)
        self.plan_shown.emit(None)

    def _set_plan(self, shown: ShownPlan | None) -> None:
        plan = shown.plan if shown is not None else None
        self.plan = plan
        self.counts_model.set_records([] if plan is None else [
            KindRow(kind, plan.counts[kind]) for kind in WRITE_ORDER
            if kind in plan.counts and (plan.counts[kind].written or plan.counts[kind].unchanged)])
        self.examples_model.set_records(() if shown is None else shown.examples)
        self.conflicts_model.set_records(() if plan is None else plan.conflicts)
        self.problems_model.set_records(() if plan is None else [*plan.errors, *plan.warnings])
        for view in (self.counts_view, self.examples_view, self.conflicts_view, self.problems_view):
            view.resizeColumnsToContents()
        if plan is not None:
            self.status.setText(self._summary(plan))
            if plan.errors:
                self.tabs.setCurrentIndex(2)
            elif plan.conflicts:
                self.tabs.setCurrentIndex(1)
            else:
                self.tabs.setCurrentIndex(0)
        self._retitle_tabs()
        self._update_actions()

    def _summary(self, plan: ImportPlan) -> str:
        if plan.errors:
            return self.tr("{errors} erreur(s) dans l'export : rien ne peut être appliqué. Chaque erreur nomme le "
                           "fichier, la ligne et le champ (onglet « Problèmes ») ; corrigez l'export, puis "
                           "choisissez-le de nouveau.").format(errors=len(plan.errors))
        if not plan.has_changes:
            return self.tr("Rien à changer : Vitrail est déjà à jour avec cet export.")
        written = sum(counts.written for counts in plan.counts.values())
        text = self.tr("OneRoster {version} : {count} changement(s) à appliquer.").format(version=plan.version,
                                                                                       count=written)
        if plan.conflicts:
            text += " " + self.tr("{count} conflit(s) à trancher avant d'appliquer.").format(
                count=len(plan.conflicts))
        if plan.warnings:
            text += " " + self.tr("{count} avertissement(s).").format(count=len(plan.warnings))
        return text

    # ------------------------------------------------------------------ conflicts

    def choose(self, resolution: Resolution) -> None:
        """Settle the selected conflicts (all of them when none is selected) the same way."""
        rows = sorted({index.row() for index in self.conflicts_view.selectionModel().selectedRows()})
        self.conflicts_model.choose(rows, resolution)

    def _after_choice(self) -> None:
        self._retitle_tabs()
        self._update_actions()

    # ------------------------------------------------------------------ applying

    def apply_plan(self) -> None:
        """Write the plan shown, in one transaction, with progress; « Annuler » rolls it all back."""
        plan = self.plan
        if plan is None or not self._can_apply():
            return
        choices = self.conflicts_model.choices()
        sync = self.context.vitrail.sync
        stop = self._stop = threading.Event()  # « Annuler » on this page, or the runner's own dialog

        def work(progress: Progress):  # noqa: ANN202 - Written[ImportResult]
            return sync.apply(plan, resolutions=choices,
                              progress=lambda step: progress.report(step.done, step.total, step.label),
                              should_stop=lambda: stop.is_set() or progress.cancelled)

        self._applying = True
        self.status.setText(self.tr("Application de l'importation…"))
        self._show_progress(0, 0, "")
        self._update_actions()
        self.operation = self.context.runner.write(
            self, work, self._applied, self._apply_failed,
            on_progress=lambda done, total, label: self._progressed(None, done, total, label))

    def _applied(self, result: ImportResult) -> None:
        self._applying = False
        self._hide_progress()
        if result.cancelled:
            self.status.setText(self.tr("Importation annulée : rien n'a été écrit."))
        elif result.run_id is None:
            self.status.setText(self.tr("Rien n'a été écrit : Vitrail était déjà à jour."))
            self._set_plan(None)
        else:
            self._set_plan(None)
            self.status.setText(self.tr("Importation appliquée (n° {run}) : {rows} ligne(s) écrite(s). Elle est "
                                        "dans l'historique.").format(run=result.run_id, rows=result.rows_written))
        self._update_actions()
        self.applied.emit(result)

    def _apply_failed(self, message: str) -> None:
        self._applying = False
        self._hide_progress()
        self.status.setText(message)
        self._update_actions()
        self.applied.emit(None)

    def cancel(self) -> None:
        """Stop the reading (its result is dropped) or the applying (rolled back)."""
        if self._reading:
            self._request += 1
            self._reading = False
            if self.operation is not None:
                self.operation.cancel()
            self._hide_progress()
            self._set_plan(None)
            self.status.setText(self.tr("Lecture annulée."))
            self.plan_shown.emit(None)
        elif self._applying:
            self._stop.set()
            self.progress_label.setText(self.tr("Annulation…"))
            self.cancel_button.setEnabled(False)

    def _can_apply(self) -> bool:
        plan = self.plan
        return (plan is not None and plan.can_apply and plan.has_changes and self.conflicts_model.unresolved() == 0
                and not self._reading and not self._applying)

    def _update_actions(self) -> None:
        """Every button's state, in one place (where access rights will grey the page's actions)."""
        busy = self._reading or self._applying
        for button in (self.file_button, self.folder_button, self.server_button, self.export_button):
            button.setEnabled(not busy)
        self.apply_button.setEnabled(self._can_apply())
        self.cancel_button.setEnabled(busy)
        has_conflicts = self.conflicts_model.rowCount() > 0 and not busy
        self.keep_local_button.setEnabled(has_conflicts)
        self.take_sis_button.setEnabled(has_conflicts)
        plan = self.plan
        if plan is not None and plan.conflicts and self.conflicts_model.unresolved():
            self.apply_button.setToolTip(self.tr("Tranchez d'abord chaque conflit (onglet « Conflits »)."))
        elif plan is not None and plan.errors:
            self.apply_button.setToolTip(self.tr("L'export contient des erreurs : rien ne peut être appliqué."))
        else:
            self.apply_button.setToolTip("")

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setVisible(True)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress_label.setText(label)
        self._update_actions()

    def _hide_progress(self) -> None:
        self.progress.setVisible(False)
        self.progress_label.setText("")

    def _progressed(self, request: int | None, done: int, total: int, label: str) -> None:
        if request is not None and request != self._request:
            return
        self._show_progress(done, total, label)
        self.progressed.emit(done, total, label)

    def _retitle_tabs(self) -> None:
        conflicts = self.conflicts_model.rowCount()
        unresolved = self.conflicts_model.unresolved()
        self.tabs.setTabText(1, self.tr("Conflits ({count})").format(count=conflicts) if not unresolved else
                             self.tr("Conflits ({count}, {open} à trancher)").format(count=conflicts, open=unresolved))
        plan = self.plan
        errors = len(plan.errors) if plan is not None else 0
        self.tabs.setTabText(2, self.tr("Problèmes ({count})").format(count=self.problems_model.rowCount())
                             if not errors else self.tr("Problèmes ({count}, dont {errors} erreur(s))").format(
                                 count=self.problems_model.rowCount(), errors=errors))
        self.tabs.setTabText(3, self.tr("À reporter dans le SIS ({count})").format(
            count=self.corrections_model.rowCount()))

    # ------------------------------------------------------------------ history and corrections

    def load_history(self) -> None:
        sync = self.context.vitrail.sync
        self.context.runner.query(self, lambda _progress: sync.runs(), self._history_read, self.status.setText)

    def _history_read(self, runs: list[ImportRunSummary]) -> None:
        self.runs_model.set_records(runs)
        self.run_changes_model.set_records(())
        self.runs_view.resizeColumnsToContents()
        self.history_loaded.emit()

    def _run_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        run = current.data(RecordRole)
        if isinstance(run, ImportRunSummary):
            self.show_run(run.id)

    def show_run(self, run_id: int) -> None:
        """What the run ``run_id`` changed, from the audit log (the first thousand entries)."""
        sync = self.context.vitrail.sync
        self.context.runner.query(self, lambda _progress: sync.run_changes(run_id, limit=RUN_CHANGES_SHOWN),
                                  lambda page: self._run_changes_read(run_id, *page), self.status.setText)

    def _run_changes_read(self, run_id: int, total: int, changes: list[RunChange]) -> None:
        self.run_changes_model.set_records(changes)
        self.run_changes_view.resizeColumnsToContents()
        text = self.tr("Importation n° {run} : {total} changement(s) dans le journal.").format(run=run_id, total=total)
        if total > len(changes):
            text += " " + self.tr("Les {shown} premiers sont montrés.").format(shown=len(changes))
        self.run_changes_label.setText(text)
        self.run_changes_loaded.emit()

    def load_corrections(self) -> None:
        sync = self.context.vitrail.sync
        self.context.runner.query(self, lambda _progress: sync.corrections(), self._corrections_read,
                                  self.status.setText)

    def _corrections_read(self, corrections: list[Correction]) -> None:
        self.corrections_model.set_records(corrections)
        self.corrections_view.resizeColumnsToContents()
        self._retitle_tabs()
        self.corrections_loaded.emit()

    def ask_export_corrections(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Corrections à reporter dans le SIS"),
                                              "corrections-sis.csv", self.tr("Fichiers CSV (*.csv)"))
        if path:
            self.export_corrections(Path(path))

    def export_corrections(self, path: Path) -> None:
        """Write the pending corrections to ``path`` in the background (private, never half-written)."""
        sync = self.context.vitrail.sync

        def work(_progress: Progress) -> int:
            try:
                with staged_file(check_output_file(path, suffix=None)) as temporary, \
                        temporary.open("w", encoding="utf-8", newline="") as out:
                    return sync.export_corrections(out)
            except OSError as exc:
                raise InvalidInput(self.tr("Impossible d'écrire « {path} » : {reason}").format(
                    path=path, reason=describe_os_error(exc))) from None

        self.context.runner.query(self, work, lambda count: self._corrections_exported(path, count),
                                  self._export_failed)

    def _corrections_exported(self, path: Path, count: int) -> None:
        self.status.setText(self.tr("{count} correction(s) à reporter dans le SIS, écrite(s) dans « {name} ».")
                            .format(count=count, name=path.name))
        self.corrections_exported.emit(count)

    def _export_failed(self, message: str) -> None:
        self.status.setText(message)
        self.corrections_exported.emit(None)

    def _changed(self, changes: Changes) -> None:
        """Another page (or this one) wrote: the corrections may have changed, and the history after an import."""
        if changes.board:
            self.load_history()
        if changes.board or changes.guardians or changes.students:
            self.load_corrections()
