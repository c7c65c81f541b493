"""Journal: who changed or consulted what, when and from where — the audit log, filtered and exported.

Everything goes through the façade (``vitrail.audit``) on the operation runner. The filters are
read as typed (a fiche, a guardian's number, a setting key, a person, an action, French dates);
turning them into an ``AuditFilter`` happens in the worker, so a fiche that does not exist or a
date that cannot be read comes back as a French sentence under the filters. Entries come 200 at
a time, newest first; « Plus ancien… » adds the next 200 under them. The CSV export writes every
entry the filters match (not only those loaded), to a private file written whole or not at all.

``AuditList`` (the table, its count and « Plus ancien… ») is also the Historique tab of a
student's file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.audit_log import AuditFilter, AuditPage, read_period
from desktop.services.errors import InvalidInput
from desktop.services.facade import Changes, Vitrail
from desktop.services.outputs import check_output_file, staged_file
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage
from desktop.views.journal_table_model import JournalTableModel

PAGE_SIZE = 200
ERROR_STYLE = "color: #b42318;"


class AuditList(QWidget):
    """Audit entries, newest first, a page at a time: a table, how many, and « Plus ancien… ».

    ``load(make_filter)`` shows the first page; ``make_filter`` runs in the worker (it may read
    the database, e.g. to find a fiche, and raise a French ``VitrailError``). ``loaded`` fires
    with the total once a page is shown; ``failed`` with the French sentence of a failure.
    """

    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, context: ViewContext, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._empty_text = empty_text
        self._make_filter: Callable[[], AuditFilter] | None = None
        self._filter: AuditFilter | None = None
        self._request = 0  # the latest load asked for; older answers are dropped
        self._loading = False
        self.total = 0
        self.model = JournalTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("journal_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 128), (1, 100), (2, 112), (3, 140), (4, 250), (5, 110), (6, 130)):
            self.table.setColumnWidth(column, width)
        self.table.setAccessibleName(self.tr("Entrées du journal, les plus récentes d'abord"))
        self.empty_message = EmptyListMessage(self.table, self._empty)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.older_button = QPushButton(self.tr("Plus ancien…"))
        self.older_button.setObjectName("older_button")
        self.older_button.setToolTip(self.tr("Affiche les {n} entrées suivantes, plus anciennes").format(n=PAGE_SIZE))
        self.older_button.clicked.connect(self.load_older)
        self.older_button.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.older_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _empty(self) -> str:
        if self._loading or self._filter is None:
            return ""
        return self._empty_text

    def load(self, make_filter: Callable[[], AuditFilter]) -> None:
        """Show the first page of the entries ``make_filter`` describes."""
        self._make_filter = make_filter
        self._request += 1
        request = self._request
        self._loading = True
        self.older_button.setEnabled(False)
        self.count_label.setText(self.tr("Lecture du journal…"))
        audit = self.context.vitrail.audit

        def work(_progress: object) -> tuple[AuditFilter, AuditPage]:
            wanted = make_filter()
            return wanted, audit.entries(wanted, limit=PAGE_SIZE)

        self.context.runner.query(self, work, lambda result: self._first_page(request, *result),
                                  lambda message: self._refused(request, message))

    def reload(self) -> None:
        if self._make_filter is not None:
            self.load(self._make_filter)

    def load_older(self) -> None:
        """Add the next page of older entries under those shown."""
        wanted = self._filter
        if wanted is None or self._loading:
            return
        request = self._request
        offset = self.model.rowCount()
        self._loading = True
        self.older_button.setEnabled(False)
        audit = self.context.vitrail.audit
        self.context.runner.query(self, lambda _progress: audit.entries(wanted, limit=PAGE_SIZE, offset=offset),
                                  lambda page: self._older_page(request, page),
                                  lambda message: self._refused(request, message))

    def current_filter(self) -> AuditFilter | None:
        """The filter of the entries shown (None before the first load or after a refusal)."""
        return self._filter

    def _first_page(self, request: int, wanted: AuditFilter, page: AuditPage) -> None:
        if request != self._request:
            return
        self._loading = False
        self._filter = wanted
        self.model.set_entries(page.entries)
        self._show_count(page)

    def _older_page(self, request: int, page: AuditPage) -> None:
        if request != self._request:
            return
        self._loading = False
        self.model.add_entries(page.entries)
        self._show_count(page)

    def _show_count(self, page: AuditPage) -> None:
        self.total = page.total
        shown = self.model.rowCount()
        if page.total == 0:
            self.count_label.setText("")
        elif shown < page.total:
            self.count_label.setText(self.tr("{shown} entrées affichées sur {total}, les plus récentes").format(
                shown=shown, total=page.total))
        else:
            self.count_label.setText(self.tr("{total} entrée(s)").format(total=page.total))
        self.older_button.setEnabled(shown < page.total)
        self.empty_message.refresh()
        self.loaded.emit(page.total)

    def _refused(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self._loading = False
        self._filter = None
        self.model.set_entries(())
        self.count_label.setText("")
        self.failed.emit(message)


@dataclass(frozen=True)
class FilterTexts:
    """The filters as typed on the page (read on the GUI thread, interpreted in the worker)."""

    fiche: str = ""
    guardian: str = ""
    setting: str = ""
    person: str = ""
    action: str | None = None
    since: str = ""
    until: str = ""

    def interpret(self, vitrail: Vitrail) -> AuditFilter:
        """The ``AuditFilter`` these texts mean (InvalidInput/NotFound in French otherwise)."""
        since, until = read_period(self.since, self.until, vitrail.today())
        student_id = vitrail.directory.student_id_by_fiche(self.fiche.strip()) if self.fiche.strip() else None
        guardian_id = None
        if self.guardian.strip():
            number = self.guardian.strip()
            if not (number.isascii() and number.isdigit()) or len(number) > 18:
                raise InvalidInput(f"Répondant « {number} » : tapez son numéro (chiffres de 0 à 9).")
            guardian_id = int(number)
        return AuditFilter(student_id=student_id, guardian_id=guardian_id, setting_key=self.setting.strip() or None,
                           person=self.person.strip() or None, action=self.action, since=since, until=until)


class JournalPage(QWidget):
    """The Journal page: filters, the entries newest first, « Plus ancien… », CSV export."""

    exported = Signal(int)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._shown_once = False
        self._build()
        context.runner.changed.connect(self._data_changed)

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Journal"))
        title.setObjectName("page_title")
        hint = QLabel(self.tr("Chaque modification des données personnelles et des réglages, chaque NIP, "
                              "impression et importation : qui, quand, de quel poste, avant et après."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.student_filter = self._field(self.tr("fiche de l'élève"), self.tr("Élève : ses entrées et celles de "
                                          "ses répondants, liens, contacts et NIP"))
        self.guardian_filter = self._field(self.tr("n° du répondant"), self.tr("Répondant : ses entrées, ses liens "
                                           "et ses NIP"))
        self.setting_filter = self._field(self.tr("clé, ex. group_averages"), self.tr("Réglage : une clé ou une "
                                          "famille (parent_tiles)"))
        self.person_filter = QComboBox()
        self.person_filter.setEditable(True)
        self.person_filter.setMinimumWidth(160)
        person_field = self.person_filter.lineEdit()
        assert person_field is not None, "an editable combo box has its line edit"
        person_field.setPlaceholderText(self.tr("identifiant"))
        person_field.setAccessibleName(self.tr("Personne : ce qu'a fait cette personne"))
        self.person_filter.setAccessibleName(self.tr("Personne"))
        self.action_filter = QComboBox()
        self.action_filter.addItem(self.tr("Toutes les actions"), None)
        self.action_filter.setAccessibleName(self.tr("Action"))
        self.since_filter = self._field(self.tr("ex. 1er novembre 2026"), self.tr("Du (inclus)"))
        self.until_filter = self._field(self.tr("ex. 30/11/2026"), self.tr("Au (inclus)"))
        self.search_button = QPushButton(self.tr("Rechercher"))
        self.search_button.setObjectName("primary")
        self.search_button.clicked.connect(self.search)
        clear = QPushButton(self.tr("Effacer les filtres"))
        clear.clicked.connect(self.clear_filters)
        for field in (self.student_filter, self.guardian_filter, self.setting_filter, self.since_filter,
                      self.until_filter):
            field.returnPressed.connect(self.search)
        person_field.returnPressed.connect(self.search)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(6)
        cells = ((self.tr("Élève"), self.student_filter), (self.tr("Répondant"), self.guardian_filter),
                 (self.tr("Réglage"), self.setting_filter), (self.tr("Personne"), self.person_filter),
                 (self.tr("Action"), self.action_filter), (self.tr("Du"), self.since_filter),
                 (self.tr("Au"), self.until_filter))
        for position, (caption, widget) in enumerate(cells):
            row, column = divmod(position, 4)
            label = QLabel(caption)
            label.setBuddy(widget)
            filters.addWidget(label, row, 2 * column)
            filters.addWidget(widget, row, 2 * column + 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(clear)
        filters.addLayout(buttons, 1, 6, 1, 2)
        for column in (1, 3, 5, 7):
            filters.setColumnStretch(column, 1)

        self.message = QLabel()
        self.message.setObjectName("journal_message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.entries = AuditList(self.context, self.tr("Aucune entrée du journal ne correspond à ces filtres."))
        self.entries.loaded.connect(self._loaded)
        self.entries.failed.connect(self._show_error)
        self.export_button = QPushButton(self.tr("Exporter en CSV…"))
        self.export_button.setToolTip(self.tr("Toutes les entrées qui correspondent aux filtres, pas seulement "
                                              "celles affichées"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.setEnabled(False)
        refresh = QPushButton(self.tr("Actualiser"))
        refresh.clicked.connect(self.entries.reload)
        self.status = QLabel()
        self.status.setObjectName("count")
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.entries, 1)
        layout.addLayout(actions)

    def _field(self, placeholder: str, accessible: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(accessible)
        field.setToolTip(accessible)
        field.setClearButtonEnabled(True)
        return field

    # -- loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Read the log on first display, not at start-up."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._load_choices()
            self.search()

    def _data_changed(self, changes: Changes) -> None:
        """Any write adds entries: the newest page is read again (older pages loaded are let go)."""
        if self._shown_once and changes:
            self.entries.reload()

    def _load_choices(self) -> None:
        audit = self.context.vitrail.audit
        self.context.runner.query(self, lambda _progress: (audit.actions(), audit.people()),
                                  lambda result: self._choices_loaded(*result), self._show_error)

    def _choices_loaded(self, actions: list[tuple[str, str]], people: list[str]) -> None:
        chosen = self.action_filter.currentData()
        self.action_filter.blockSignals(True)
        while self.action_filter.count() > 1:
            self.action_filter.removeItem(1)
        for code, label in actions:
            self.action_filter.addItem(label, code)
        self.action_filter.setCurrentIndex(max(0, self.action_filter.findData(chosen)))
        self.action_filter.blockSignals(False)
        typed = self.person_filter.currentText()
        self.person_filter.clear()
        self.person_filter.addItems(people)
        self.person_filter.setEditText(typed)

    def filter_texts(self) -> FilterTexts:
        return FilterTexts(fiche=self.student_filter.text(), guardian=self.guardian_filter.text(),
                           setting=self.setting_filter.text(), person=self.person_filter.currentText(),
                           action=self.action_filter.currentData(), since=self.since_filter.text(),
                           until=self.until_filter.text())

    def search(self) -> None:
        """Read the first page of the entries the filters describe."""
        texts = self.filter_texts()
        vitrail = self.context.vitrail
        self.message.hide()
        self.export_button.setEnabled(False)
        self.entries.load(lambda: texts.interpret(vitrail))

    def clear_filters(self) -> None:
        self.clear_fields()
        self.search()

    def show_target(self, student_fiche: str | None = None, guardian_id: int | None = None,
                    **_other: object) -> None:
        """Opened on a student or a guardian (from elsewhere in the window)."""
        self.clear_fields()
        if student_fiche:
            self.student_filter.setText(student_fiche)
        if guardian_id:
            self.guardian_filter.setText(str(guardian_id))
        self._shown_once = True
        self.search()

    def clear_fields(self) -> None:
        for field in (self.student_filter, self.guardian_filter, self.setting_filter, self.since_filter,
                      self.until_filter):
            field.clear()
        self.person_filter.setEditText("")
        self.action_filter.setCurrentIndex(0)

    def _loaded(self, total: int) -> None:
        self.message.hide()
        self.export_button.setEnabled(total > 0)
        self.status.setText("")

    def _show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.export_button.setEnabled(False)

    # -- export ---------------------------------------------------------------------------

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Exporter le journal"), "journal.csv",
                                              self.tr("Fichiers CSV (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write every entry of the current filters to ``path`` (private, whole or not at all), in the background."""
        wanted = self.entries.current_filter()
        if wanted is None:
            return
        audit = self.context.vitrail.audit

        def work(_progress: object) -> int:
            target = check_output_file(path, suffix=None)
            with staged_file(target) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
                return audit.export_csv(wanted, out)

        self.status.setText(self.tr("Export en cours…"))
        self.context.runner.query(self, work, lambda count: self._exported(count, path), self._export_failed)

    def _exported(self, count: int, path: Path) -> None:
        self.status.setText(self.tr("{count} entrée(s) exportée(s) dans « {name} »").format(count=count,
                                                                                          name=path.name))
        self.exported.emit(count)

    def _export_failed(self, message: str) -> None:
        self.status.setText("")
        self._show_error(message)
