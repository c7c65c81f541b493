"""Réglages du portail: direction's switches, their impact before saving, history and rollback.

The page never decides anything itself: it shows the values of the façade's ``settings`` area
(``PortalSettings``), collects pending changes in ``SettingsTableModel``, and asks the service
who the changes reach and how a sample student's file changes for the viewers they touch, using
the real engine. Every read and write runs on the operation runner, off the GUI thread. Saving
is one transaction with a comment, run as a write whose ``Changes(settings=True)`` tells every
page (Aperçu, this one) to refresh. The history is read a page at a time, newest first: a board
with years of versions opens as fast as a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.access import Right
from desktop.services.errors import EditConflict
from desktop.services.facade import Changes, Written
from desktop.services.settings import (
    CurrentValue,
    KeyDiff,
    PendingChange,
    PortalSettings,
    RollbackPlan,
    SettingScope,
    SettingsTarget,
    SettingsVersionInfo,
)
from desktop.services.settings.impact import BeforeAfter, ChangeImpact
from desktop.views.access_greying import allow
from desktop.views.context import ViewContext
from desktop.views.operations import Progress
from desktop.views.settings_models import (
    SettingsFilterProxy,
    SettingsMatrixModel,
    SettingsTableModel,
    TextRowsModel,
    VersionsTableModel,
)
from desktop.views.settings_rollback_dialog import RollbackDialog
from desktop.views.settings_widgets import SettingValueDelegate

# The scope box, in order: a board, a school, a staff member.
SCOPES = (SettingScope.BOARD, SettingScope.SCHOOL, SettingScope.STAFF)
HISTORY_PAGE = 50  # versions read at a time in the history tab


@dataclass(frozen=True)
class ImpactReport:
    """What the background task hands back to the GUI: plain data, no ORM objects."""

    generation: int
    impacts: tuple[ChangeImpact, ...]
    comparisons: tuple[BeforeAfter, ...]


@dataclass(frozen=True)
class HistoryPage:
    """Versions read for the history tab: newest first, and whether older ones remain."""

    request: int
    versions: tuple[SettingsVersionInfo, ...]
    more: bool
    latest_id: int
    older: bool  # False: the first page (replaces the list); True: appended below it


@dataclass(frozen=True)
class SaveOutcome:
    """A save: the version written (None: nothing differed), or another workstation's conflict.

    On a conflict, ``fresh`` holds the row versions now stored for the pending keys, so the
    pending edits can knowingly apply over what the other workstation saved.
    """

    version: SettingsVersionInfo | None
    conflict: str = ""
    fresh: tuple[tuple[tuple[str, int, str], int | None], ...] = ()


class SettingsPage(QWidget):
    """Tabs "Réglages" (values, pending changes and their impact) and "Historique" (versions, diff, rollback)."""

    impact_ready = Signal()
    values_loaded = Signal()   # the shown target's values are in the table
    history_loaded = Signal()  # a page of versions is in the history table
    saved = Signal(int)  # version id
    rolled_back = Signal(int)
    document_written = Signal(str)
    failed = Signal(str)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.settings: PortalSettings = context.vitrail.settings
        self._generation = 0       # pending changes' generation: a stale impact is dropped
        self._targets_request = 0  # the latest list of targets asked for
        self._values_request = 0   # the latest target whose values were asked for
        self._history_request = 0  # the latest page of history asked for
        self._wanted_reference: str | int | None = None  # the target to select once the list is in
        self._wanted_key: str | None = None  # the key to select once the target's values are in
        self._first_load = True    # the page opens on schools, or on boards when there is none
        self._latest_version_id = 0
        self._refusal: str | None = None  # why the person may not change the shown target (None: they may)
        self._impact_timer = QTimer(self)
        self._impact_timer.setSingleShot(True)
        self._impact_timer.setInterval(250)
        self._impact_timer.timeout.connect(self._compute_impact)

        self.model = SettingsTableModel(self)
        self.proxy = SettingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.matrix = SettingsMatrixModel(self.model, self)
        self.impacts = TextRowsModel([self.tr("Changement en attente"), self.tr("Élèves"), self.tr("Répondants")], self)
        self.comparison = TextRowsModel([self.tr("Lecteur"), self.tr("Élément"), self.tr("Avant"), self.tr("Après")],
                                        self)
        self.versions = VersionsTableModel(self)
        self.version_changes = TextRowsModel([self.tr("Cible"), self.tr("Réglage"), self.tr("Avant"), self.tr("Après")],
                                             self)
        self.differences = TextRowsModel([self.tr("Cible"), self.tr("Réglage"), self.tr("Au début"),
                                          self.tr("À la fin")], self)

        tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("Réglages du portail"))
        tabs.addTab(self._build_settings_tab(), self.tr("Réglages"))
        tabs.addTab(self._build_history_tab(), self.tr("Historique"))
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)

        self.model.pending_changed.connect(self._pending_changed)
        self.model.input_refused.connect(self._show_error)
        self.failed.connect(self._show_error)
        context.runner.changed.connect(self._data_changed)
        context.access_known.known.connect(self.apply_access)
        self.scope_box.blockSignals(True)
        self.scope_box.setCurrentIndex(SCOPES.index(SettingScope.SCHOOL))
        self.scope_box.blockSignals(False)
        self._update_buttons()
        self._scope_changed()
        self.reload_history()

    # -- construction ---------------------------------------------------------------------

    def _build_settings_tab(self) -> QWidget:
        tab = QWidget()
        self.scope_box = QComboBox()
        for label in (self.tr("Centre de services"), self.tr("École"), self.tr("Membre du personnel")):
            self.scope_box.addItem(label)
        self.scope_box.currentIndexChanged.connect(self._scope_changed)
        self.scope_box.setAccessibleName(self.tr("Niveau des réglages"))
        self.target_box = QComboBox()
        self.target_box.setMinimumWidth(220)
        self.target_box.setAccessibleName(self.tr("Réglages de"))
        self.target_box.setAccessibleDescription(self.tr("Le centre de services, l'école ou le membre du personnel"))
        self.target_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target_box.currentIndexChanged.connect(self._target_changed)
        self.document_button = QPushButton(self.tr("Document de visibilité (PDF)…"))
        self.document_button.setToolTip(self.tr("Les règles en vigueur de l'école, datées, avec leur version : "
                                                "pour le comité de parents ou le responsable de la protection "
                                                "des renseignements personnels."))
        self.document_button.clicked.connect(self._ask_document)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Réglages de :")))
        top.addWidget(self.scope_box)
        top.addWidget(self.target_box, 1)
        top.addWidget(self.document_button)

        self.section_box = QComboBox()
        # The sections arrive after the first show: the box follows its contents.
        self.section_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.section_box.currentIndexChanged.connect(self._section_changed)
        self.section_box.setAccessibleName(self.tr("Section"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Filtrer (clé ou libellé)…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Filtrer les réglages"))
        self.search_edit.textChanged.connect(self.proxy.set_text)
        self.reset_button = QPushButton(self.tr("Revenir au réglage hérité"))
        self.reset_button.setToolTip(self.tr("Retire le choix fait ici : la valeur du centre de services ou la "
                                             "valeur par défaut s'applique de nouveau."))
        self.reset_button.clicked.connect(self._reset_selected)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Section :")))
        filters.addWidget(self.section_box)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.reset_button)

        self.table = QTableView()
        self.table.setObjectName("settings_table")
        self.table.setAccessibleName(self.tr("Réglages"))
        self.table.setAccessibleDescription(self.tr("F2 modifie la valeur du réglage choisi"))
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(SettingsTableModel.VALUE,
                                            SettingValueDelegate(self.context.today, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SettingsTableModel.LABEL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SettingsTableModel.VALUE, 200)
        header.resizeSection(SettingsTableModel.SOURCE, 150)
        self.table.setColumnHidden(SettingsTableModel.KEY, True)  # shown under the table for the selected row
        self.table.selectionModel().currentRowChanged.connect(
            lambda current: self._describe(self.proxy.mapToSource(current).row() if current.isValid() else None))

        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("settings_matrix")
        self.matrix_view.setAccessibleName(self.tr("Réglages en tableau"))
        self.matrix_view.setAccessibleDescription(self.tr("F2 modifie la valeur de la cellule choisie"))
        self.matrix_view.setModel(self.matrix)
        self.matrix_view.setItemDelegate(SettingValueDelegate(self.context.today, self.matrix_view))
        self.matrix_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix_view.setEditTriggers(self.table.editTriggers())
        self.matrix_view.setWordWrap(True)
        self.matrix_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix_view.selectionModel().currentChanged.connect(
            lambda current: self._describe(self.matrix.source_row(current)))
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.matrix_view)

        self.effect_label = QLabel()
        self.effect_label.setObjectName("effect")
        self.effect_label.setWordWrap(True)
        self.effect_label.setTextFormat(Qt.TextFormat.PlainText)
        self.effect_label.setMinimumHeight(48)
        self.effect_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.views, 1)
        left_layout.addWidget(self.effect_label)

        right = QWidget()
        right_layout = QHBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        impact_box = QGroupBox(self.tr("Effet des changements en attente"))
        impact_layout = QVBoxLayout(impact_box)
        self.impact_view = self._read_only_table(self.impacts, stretch=0)
        self.impact_view.setAccessibleName(self.tr("Effet des changements en attente"))
        impact_layout.addWidget(self.impact_view)
        preview_box = QGroupBox(self.tr("Aperçu avant / après"))
        preview_layout = QVBoxLayout(preview_box)
        self.sample_label = QLabel(self.tr("Aucun changement en attente."))
        self.sample_label.setWordWrap(True)
        self.comparison_view = self._read_only_table(self.comparison, stretch=1)
        self.comparison_view.setAccessibleName(self.tr("Aperçu avant / après"))
        preview_layout.addWidget(self.sample_label)
        preview_layout.addWidget(self.comparison_view)
        right_layout.addWidget(impact_box, 2)
        right_layout.addWidget(preview_box, 3)

        # Settings on top (full width: the matrices need it), the effect of pending changes below.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.comment_edit = QLineEdit()
        self.comment_edit.setPlaceholderText(self.tr("Raison du changement (obligatoire, gardée dans l'historique)"))
        self.comment_edit.textChanged.connect(self._update_buttons)
        self.comment_edit.setAccessibleName(self.tr("Raison du changement"))
        self.discard_button = QPushButton(self.tr("Annuler les changements"))
        self.discard_button.clicked.connect(self.model.clear_pending)
        self.save_button = QPushButton(self.tr("Enregistrer"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comment_edit, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.save_button)

        self._edit_triggers = self.table.editTriggers()
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("read_only")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setStyleSheet("background: #fff6dd; border: 1px solid #e7c266; border-radius: 5px; "
                                           "padding: 6px 10px; color: #5c4400;")
        self.read_only_label.hide()

        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.read_only_label)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status_label)
        return tab

    def _build_history_tab(self) -> QWidget:
        tab = QWidget()
        self.versions_view = QTableView()
        self.versions_view.setModel(self.versions)
        self.versions_view.setObjectName("versions")
        self.versions_view.setAccessibleName(self.tr("Versions des réglages"))
        self.versions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions_view.verticalHeader().hide()
        self.versions_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.versions_view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.versions_view.selectionModel().currentRowChanged.connect(self._version_selected)
        self.changes_view = self._read_only_table(self.version_changes, stretch=1)
        self.changes_view.setAccessibleName(self.tr("Réglages modifiés par cette version"))
        self.rollback_button = QPushButton(self.tr("Revenir à cette version…"))
        self.rollback_button.setToolTip(self.tr("Remet les réglages de l'école (ou du centre de services) de cette "
                                                "version comme ils étaient juste après elle, après vous avoir montré "
                                                "ce qui serait annulé. Le retour est lui-même une nouvelle version."))
        self.rollback_button.setEnabled(False)
        self.rollback_button.clicked.connect(self._ask_rollback)

        now = _qt_moment(self.context.vitrail.now())
        self.diff_start = QDateTimeEdit(now.addDays(-30))
        self.diff_end = QDateTimeEdit(now)
        self.diff_start.setAccessibleName(self.tr("Comparer du"))
        self.diff_end.setAccessibleName(self.tr("Comparer au"))
        for edit in (self.diff_start, self.diff_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        compare = QPushButton(self.tr("Comparer"))
        compare.clicked.connect(self.compare_dates)
        self.diff_view = self._read_only_table(self.differences, stretch=1)
        self.diff_view.setAccessibleName(self.tr("Différence entre deux dates"))
        diff_box = QGroupBox(self.tr("Différence entre deux dates"))
        diff_layout = QVBoxLayout(diff_box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Du")))
        row.addWidget(self.diff_start)
        row.addWidget(QLabel(self.tr("au")))
        row.addWidget(self.diff_end)
        row.addWidget(compare)
        row.addStretch(1)
        diff_layout.addLayout(row)
        diff_layout.addWidget(self.diff_view)

        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Réglages modifiés par cette version :")))
        buttons.addStretch(1)
        buttons.addWidget(self.rollback_button)
        self.only_target_box = QCheckBox(self.tr("Seulement les versions qui touchent la cible affichée "
                                                 "(pour une école : aussi son centre de services et son personnel)"))
        self.only_target_box.toggled.connect(self.reload_history)
        self.history_label = QLabel()
        self.history_label.setObjectName("hint")
        self.older_button = QPushButton(self.tr("Versions plus anciennes…"))
        self.older_button.setToolTip(self.tr("Affiche les {count} versions précédentes.").format(count=HISTORY_PAGE))
        self.older_button.setEnabled(False)
        self.older_button.clicked.connect(self.load_older_versions)
        paging = QHBoxLayout()
        paging.addWidget(self.history_label, 1)
        paging.addWidget(self.older_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.only_target_box)
        layout.addWidget(self.versions_view, 3)
        layout.addLayout(paging)
        layout.addLayout(buttons)
        layout.addWidget(self.changes_view, 2)
        layout.addWidget(diff_box, 2)
        return tab

    def _read_only_table(self, model: TextRowsModel, *, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.setWordWrap(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    # -- targets --------------------------------------------------------------------------

    def _scope_changed(self) -> None:
        """Read the scope's targets in the background; the wanted one (or the first) is then shown."""
        scope = SCOPES[self.scope_box.currentIndex()]
        self._targets_request += 1
        request = self._targets_request
        read = {SettingScope.BOARD: self.settings.boards, SettingScope.SCHOOL: self.settings.schools,
                SettingScope.STAFF: self.settings.staff_members}[scope]
        self.document_button.setEnabled(False)
        self.context.runner.query(self, lambda _progress: read(),
                                  lambda targets: self._targets_loaded(request, scope, targets), self.failed.emit)

    def _targets_loaded(self, request: int, scope: SettingScope, targets: list[SettingsTarget]) -> None:
        if request != self._targets_request:
            return  # another scope was chosen meanwhile
        if self._first_load and scope == SettingScope.SCHOOL and not targets:
            self._first_load = False
            self.scope_box.setCurrentIndex(SCOPES.index(SettingScope.BOARD))  # a board without schools yet
            return
        self._first_load = False
        self.target_box.blockSignals(True)
        self.target_box.clear()
        for target in targets:
            label = (f"{target.name} ({target.code})" if scope != SettingScope.STAFF
                     else self.tr("{name} (n° {id})").format(name=target.name, id=target.id))
            self.target_box.addItem(label, target)
        self.target_box.setEditable(scope == SettingScope.STAFF)
        if scope == SettingScope.STAFF:
            completer = QCompleter(self.target_box.model(), self.target_box)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.target_box.setCompleter(completer)
        wanted, self._wanted_reference = self._wanted_reference, None
        for position, target in enumerate(targets):
            if wanted is not None and str(wanted) in (target.code, str(target.id)):
                self.target_box.setCurrentIndex(position)
        self.target_box.blockSignals(False)
        self.reset_button.setEnabled(scope != SettingScope.STAFF)  # a staff member's choice has nothing to inherit
        self._target_changed()

    def show_target(self, scope: str = SettingScope.SCHOOL, reference: str | int | None = None,
                    key: str | None = None, **_other: object) -> None:
        """Open the page on a board or school code, or a staff id, and on ``key`` when given: its section
        shown and its row (or matrix cell) selected and scrolled to (the Aperçu's "Ouvrir le réglage")."""
        self._first_load = False
        self._wanted_reference = reference
        self._wanted_key = key or None
        self.scope_box.blockSignals(True)
        self.scope_box.setCurrentIndex(SCOPES.index(scope))
        self.scope_box.blockSignals(False)
        self._scope_changed()

    def current_target(self) -> SettingsTarget | None:
        return self.target_box.currentData()

    def _target_changed(self) -> None:
        target = self.current_target()
        self.apply_access()
        if target is None:
            return
        self._load_values(target)
        if self.only_target_box.isChecked():
            self.reload_history()

    def _load_values(self, target: SettingsTarget) -> None:
        """Read the target's current values in the background (pending changes stay as they are)."""
        self._values_request += 1
        request = self._values_request
        settings = self.settings
        self.context.runner.query(self, lambda _progress: settings.current(target),
                                  lambda values: self._values_loaded(request, target, values), self.failed.emit)

    def _values_loaded(self, request: int, target: SettingsTarget, values: list[CurrentValue]) -> None:
        if request != self._values_request:
            return  # another target was chosen meanwhile
        same_target = self.model.target == target
        self.model.show_target(target, values)
        if same_target:
            self._section_changed()  # a reload (after a save): keep the section shown
        else:
            sections = self.settings.keys.sections(target.scope)
            self.section_box.blockSignals(True)
            self.section_box.clear()
            if len(sections) > 1:
                self.section_box.addItem(self.tr("Toutes les sections"), "")
            for section in sections:
                self.section_box.addItem(section, section)
            self.section_box.setCurrentIndex(1 if target.scope == "board" else 0)  # board: 400 keys, start narrow
            self.section_box.blockSignals(False)
            self._section_changed()
        wanted, self._wanted_key = self._wanted_key, None
        if wanted:
            self.select_key(wanted)
        self.values_loaded.emit()

    def select_key(self, key: str) -> bool:
        """Show ``key``'s section and select its row or matrix cell; False when the target has no such key."""
        row = next((r for r in range(self.model.rowCount()) if self.model.current_value(r).spec.key == key), None)
        if row is None:
            return False
        section = self.model.current_value(row).spec.section
        self.search_edit.clear()
        position = self.section_box.findData(section)
        if position >= 0 and self.section_box.currentIndex() != position:
            self.section_box.setCurrentIndex(position)  # emits: _section_changed
        if self.views.currentIndex() == 1:
            for matrix_row in range(self.matrix.rowCount()):
                for column in range(self.matrix.columnCount()):
                    index = self.matrix.index(matrix_row, column)
                    if self.matrix.source_row(index) == row:
                        self.matrix_view.setCurrentIndex(index)
                        self.matrix_view.scrollTo(index)
                        self.matrix_view.setFocus()
                        return True
            return False
        index = self.proxy.mapFromSource(self.model.index(row, SettingsTableModel.LABEL))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self.table.setFocus()
        return True

    def _section_changed(self) -> None:
        """Matrix sections (SOI, staff matrix) are edited as a grid; the others as a list."""
        section = self.section_box.currentData() or ""
        layout = self.settings.keys.matrix(section)
        self.matrix.set_layout(layout)
        self.proxy.set_section(section)
        self.views.setCurrentIndex(1 if layout else 0)
        self.search_edit.setEnabled(layout is None)
        if layout:
            self.matrix_view.resizeRowsToContents()
            self.matrix_view.setCurrentIndex(self.matrix.index(0, 0))
        else:
            self.table.selectRow(0)

    def _selected_source_row(self) -> int | None:
        if self.views.currentIndex() == 1:
            return self.matrix.source_row(self.matrix_view.currentIndex())
        current = self.table.currentIndex()
        return self.proxy.mapToSource(current).row() if current.isValid() else None

    def _describe(self, source_row: int | None) -> None:
        if source_row is None or source_row < 0:
            return
        value = self.model.current_value(source_row)
        spec = value.spec
        self.effect_label.setText(self.tr("{label} — {effect}\nEn vigueur : {value} ({source}). "
                                          "Par défaut : {default}. Clé : {key}")
                                  .format(label=spec.label, effect=spec.effect, value=value.display,
                                          source=value.source, default=spec.display(spec.default), key=spec.key)
                                  + (f"\n⚠ {value.note}" if value.note else ""))

    def _reset_selected(self) -> None:
        row = self._selected_source_row()
        if row is not None:
            self.model.reset_to_inherited(row)

    def _data_changed(self, changes: Changes) -> None:
        """A write touched the settings (here or elsewhere): re-read the values shown and the history."""
        if changes.board:
            self._scope_changed()
        elif changes.settings:
            target = self.current_target()
            if target is not None:
                self._load_values(target)
        if changes.settings or changes.board:
            self.reload_history()

    # -- pending changes and impact ------------------------------------------------------

    def _pending_changed(self) -> None:
        self._generation += 1
        self._update_buttons()
        if not self.model.pending_changes():
            self.impacts.set_rows([])
            self.comparison.set_rows([])
            self.sample_label.setText(self.tr("Aucun changement en attente."))
            self.impact_ready.emit()
            return
        self.sample_label.setText(self.tr("Calcul de l'effet…"))
        self._impact_timer.start()

    def _update_buttons(self) -> None:
        pending = bool(self.model.pending_changes())
        self.discard_button.setEnabled(pending)
        allow(self.save_button, self._refusal, enabled=pending and bool(self.comment_edit.text().strip()))

    def target_refusal(self, target: SettingsTarget | None) -> str | None:
        """Why the person may not change ``target``'s settings (None: they may). A staff member's
        choice belongs to their school, which the save checks; here, direction of any school will do."""
        if target is None:
            return None
        if target.scope == SettingScope.BOARD:
            return self.context.refusal(Right.BOARD_SETTINGS)
        if target.scope == SettingScope.SCHOOL:
            return self.context.refusal(Right.SCHOOL_SETTINGS, Right.BOARD_SETTINGS, school_id=target.id)
        return self.context.refusal(Right.SCHOOL_SETTINGS, Right.BOARD_SETTINGS)

    def apply_access(self) -> None:
        """Grey what the person may not change on the shown target, and say why — on hover and above
        the table (``access.md`` §1: the settings stay readable, they hold no personal data)."""
        target = self.current_target()
        self._refusal = self.target_refusal(target)
        triggers = QAbstractItemView.EditTrigger.NoEditTriggers if self._refusal else self._edit_triggers
        self.table.setEditTriggers(triggers)
        self.matrix_view.setEditTriggers(triggers)
        self.model.set_refusal(self._refusal)
        if self._refusal:
            self.read_only_label.setText(self.tr("Lecture seule : {reason}").format(reason=self._refusal))
        self.read_only_label.setVisible(bool(self._refusal))
        allow(self.reset_button, self._refusal, enabled=target is not None and target.scope != SettingScope.STAFF)
        allow(self.comment_edit, self._refusal)
        school = target is not None and target.scope == SettingScope.SCHOOL
        allow(self.document_button, self.context.refusal(Right.VISIBILITY_DOCUMENT, school_id=target.id)
              if school and target is not None else None, enabled=school)
        allow(self.rollback_button, self.context.refusal(Right.SCHOOL_SETTINGS, Right.BOARD_SETTINGS),
              enabled=self.rollback_button.isEnabled())
        self._update_buttons()

    def _compute_impact(self) -> None:
        changes = self.model.pending_changes()
        generation = self._generation
        settings = self.settings
        on = self.context.today()

        def work(progress: Progress) -> ImpactReport:
            impacts = settings.impact(changes)
            progress.check()
            student = settings.sample_student(impacts)
            comparisons = settings.before_after(changes, student, on) if student is not None else []
            return ImpactReport(generation, tuple(impacts), tuple(comparisons))

        self.context.runner.query(self, work, self._show_impact, self._impact_failed)

    def _impact_failed(self, message: str) -> None:
        self.sample_label.setText(self.tr("Effet non calculé : {message}").format(message=message))
        self.impact_ready.emit()

    def _show_impact(self, report: ImpactReport) -> None:
        if report.generation != self._generation:
            return  # the pending changes moved on since this was computed
        self.impacts.set_rows([(i.sentence, str(i.students), str(i.guardians) if "parent" in i.viewers else "—")
                               for i in report.impacts])
        rows = []
        for comparison in report.comparisons:
            if not comparison.differences:
                rows.append((comparison.viewer_label, self.tr("(rien ne change pour ce lecteur)"), "", ""))
            rows.extend((comparison.viewer_label, d.element, d.before, d.after) for d in comparison.differences)
        self.comparison.set_rows(rows)
        if report.comparisons:
            view = report.comparisons[0].before
            self.sample_label.setText(self.tr("Élève témoin : {name} (fiche {fiche}, {school}), au {day}.").format(
                name=view.student_name, fiche=view.student_fiche, school=view.school_name, day=view.on.isoformat()))
        elif not report.impacts:
            self.sample_label.setText(self.tr("Ces changements reprennent les valeurs déjà en vigueur."))
        elif any(i.students for i in report.impacts):
            self.sample_label.setText(self.tr("Pas d'aperçu : aucun élève touché n'a de lecteur de ce type "
                                              "(par exemple aucune matière donnée par un spécialiste)."))
        else:
            self.sample_label.setText(self.tr("Aucun élève n'est touché par ces changements."))
        self.comparison_view.resizeRowsToContents()
        self.impact_view.resizeRowsToContents()
        self.impact_ready.emit()

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Save the pending changes as one version, in the background; ``saved`` gives its id."""
        comment = self.comment_edit.text().strip()
        changes = self.model.pending_changes()
        if not changes:
            return
        if not comment:
            self._show_error(self.tr("Indiquez la raison du changement : elle est gardée dans l'historique."))
            return
        settings = self.settings

        def work(_progress: Progress) -> Written[SaveOutcome]:
            try:
                version = settings.save(changes, comment)
            except EditConflict as conflict:
                return Written(SaveOutcome(None, str(conflict), _stored_versions(settings, changes)), Changes())
            return Written(SaveOutcome(version), Changes(settings=version is not None))

        self.save_button.setEnabled(False)
        self._show_info(self.tr("Enregistrement…"))
        self.context.runner.write(self, work, self._saved, self._save_failed)

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome.conflict:
            self._rebase_after_conflict(dict(outcome.fresh))
            self._show_error(outcome.conflict + " " + self.tr("Vos changements sont toujours en attente : vérifiez "
                                                              "les valeurs rechargées, puis enregistrez de nouveau."))
            return
        self.model.clear_pending()
        self.comment_edit.clear()
        if outcome.version is None:
            self._show_info(self.tr("Rien à enregistrer : ces valeurs étaient déjà en vigueur."))
            return
        self._show_info(self.tr("Version {id} enregistrée ({count} réglage(s)).").format(
            id=outcome.version.id, count=len(outcome.version.changes)))
        self.saved.emit(outcome.version.id)

    def _save_failed(self, message: str) -> None:
        self._update_buttons()
        self._show_error(message)

    def _rebase_after_conflict(self, fresh: dict[tuple[str, int, str], int | None]) -> None:
        """Pending edits now knowingly apply over what the other workstation saved (shown reloaded)."""
        pending = self.model.pending_changes()
        self.model.replace_pending([replace(c, expected_version=fresh.get((c.scope, c.scope_id, c.key)))
                                    for c in pending])
        target = self.current_target()
        if target is not None:
            self._load_values(target)

    # -- history -------------------------------------------------------------------------

    def _history_target(self) -> SettingsTarget | None:
        return self.current_target() if self.only_target_box.isChecked() else None

    def reload_history(self) -> None:
        """The newest versions — all, or (box checked) those touching the shown target, for a school
        also its board and staff — read in the background, one page at a time."""
        self.version_changes.set_rows([])
        self.rollback_button.setEnabled(False)
        self._load_history(before_id=None)

    def load_older_versions(self) -> None:
        """The next page of older versions, below those shown."""
        if self.versions.rowCount():
            self._load_history(before_id=self.versions.version(self.versions.rowCount() - 1).id)

    def _load_history(self, before_id: int | None) -> None:
        self._history_request += 1
        request, settings, target = self._history_request, self.settings, self._history_target()
        self.older_button.setEnabled(False)

        def work(_progress: Progress) -> HistoryPage:
            versions = settings.history(target, limit=HISTORY_PAGE + 1, before_id=before_id)
            return HistoryPage(request, tuple(versions[:HISTORY_PAGE]), len(versions) > HISTORY_PAGE,
                               settings.latest_version_id(), before_id is not None)

        self.context.runner.query(self, work, self._history_loaded, self.failed.emit)

    def _history_loaded(self, page: HistoryPage) -> None:
        if page.request != self._history_request:
            return  # the history was asked again meanwhile (another target, a save)
        self._latest_version_id = page.latest_id
        if page.older:
            self.versions.add_versions(page.versions)
        else:
            self.versions.set_versions(page.versions)
        shown = self.versions.rowCount()
        self.older_button.setEnabled(page.more)
        if page.more:
            self.history_label.setText(self.tr("Les {count} versions les plus récentes.").format(count=shown))
        elif shown:
            self.history_label.setText(self.tr("{count} version(s), jusqu'à la première.").format(count=shown))
        else:
            self.history_label.setText(self.tr("Aucune version : les réglages n'ont jamais été modifiés."))
        self.history_loaded.emit()

    def _version_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        version = self.versions.version(current.row())
        self.version_changes.set_rows([(c.target, c.label, c.before_display, c.after_display) for c in version.changes])
        allow(self.rollback_button, self.context.refusal(Right.SCHOOL_SETTINGS, Right.BOARD_SETTINGS),
              enabled=version.id != self._latest_version_id)

    def _ask_rollback(self) -> None:
        """Compute what going back would undo (for the version's school or board only), then show it."""
        current = self.versions_view.currentIndex()
        if not current.isValid():
            return
        version_id, settings = self.versions.version(current.row()).id, self.settings
        self.context.runner.query(self, lambda _progress: settings.rollback_plan(version_id), self.confirm_rollback,
                                  self._show_error)

    def confirm_rollback(self, plan: RollbackPlan) -> RollbackDialog:
        """The before/after of the rollback; « Revenir » applies exactly this plan (window-modal, not blocking)."""
        dialog = RollbackDialog(plan, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_rollback(plan, dialog.comment.text()))
        self.rollback_dialog = dialog
        dialog.open()
        return dialog

    def apply_rollback(self, plan: RollbackPlan, comment: str = "") -> None:
        """Write a confirmed plan as a new version (in the background); refused if it is out of date."""
        settings = self.settings
        self.rollback_button.setEnabled(False)
        self.context.runner.write(
            self, lambda _progress: Written(settings.rollback_scoped(plan, comment), Changes(settings=True)),
            self._rolled_back, self._show_error)

    def rollback_to(self, version_id: int, comment: str = "") -> None:
        """Go back to ``version_id`` without showing the plan (scripts, tests): for its school or board
        only, like the button; 0 goes back to before any version, on the whole board."""
        settings = self.settings
        self.rollback_button.setEnabled(False)

        def work(_progress: Progress) -> Written[SettingsVersionInfo]:
            done = settings.rollback(0, comment) if version_id == 0 \
                else settings.rollback_scoped(settings.rollback_plan(version_id), comment)
            return Written(done, Changes(settings=True))

        self.context.runner.write(self, work, self._rolled_back, self._show_error)

    def _rolled_back(self, version: SettingsVersionInfo) -> None:
        self._show_info(self.tr("Retour effectué : version {id} enregistrée.").format(id=version.id))
        self.rolled_back.emit(version.id)

    def compare_dates(self) -> None:
        """The keys whose value differs between the two dates, computed in the background."""
        start = _moment(self.diff_start.dateTime())
        end = _moment(self.diff_end.dateTime())
        settings = self.settings
        self.context.runner.query(self, lambda _progress: settings.diff(start, end), self._show_differences,
                                  self.failed.emit)

    def _show_differences(self, diffs: list[KeyDiff]) -> None:
        rows = [(d.target, d.label, d.at_start, d.at_end) for d in diffs]
        if not rows:
            rows = [("", self.tr("Aucune différence entre ces deux dates."), "", "")]
        self.differences.set_rows(rows)
        self.diff_view.resizeRowsToContents()

    def set_diff_range(self, start: datetime, end: datetime) -> None:
        self.diff_start.setDateTime(_qt_moment(start))
        self.diff_end.setDateTime(_qt_moment(end))

    # -- visibility document -------------------------------------------------------------

    def _ask_document(self) -> None:
        target = self.current_target()
        if target is None or target.scope != "school":
            return
        default = str(Path.home() / f"regles-visibilite-{target.code}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Document de visibilité"), default,
                                              self.tr("Documents PDF (*.pdf)"))
        if path:
            self.write_document(Path(path))

    def write_document(self, path: Path) -> None:
        """Write the shown school's document in the background; ``document_written`` gives the path."""
        target = self.current_target()
        if target is None or target.scope != "school":
            return
        printing, on = self.context.vitrail.printing, self.context.today()
        self._show_info(self.tr("Préparation du document…"))

        def done(written: Path) -> None:
            self._show_info(self.tr("Document enregistré : {path}").format(path=written))
            self.document_written.emit(str(written))

        self.context.runner.query(self, lambda _progress: printing.visibility_document(target.id, path, on), done,
                                  self.failed.emit)

    # -- messages ------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.status_label.setStyleSheet("color: #b42318;")
        self.status_label.setText(message)

    def _show_info(self, message: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(message)


def _qt_moment(moment: datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute, moment.second))


def _moment(shown: QDateTime) -> datetime:
    day, time = shown.date(), shown.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second())


def _stored_versions(settings: PortalSettings,
                     changes: list[PendingChange]) -> tuple[tuple[tuple[str, int, str], int | None], ...]:
    """The row version now stored for each pending key (read after a conflict, on the worker thread)."""
    fresh: dict[tuple[str, int, str], int | None] = {}
    for target in {(c.scope, c.scope_id) for c in changes}:
        values = settings.current(settings.target_by_id(*target))
        fresh.update({(target[0], target[1], v.spec.key): v.version for v in values})
    return tuple(fresh.items())
