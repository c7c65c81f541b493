"""The students page: search the whole board as you type, open a student's file beside the list.

The board's index loads through the runner (the list says so meanwhile) and is shared with the
Aperçu page. A write anywhere (``runner.changed``) refreshes the rows of the students it touched.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.access import Right
from desktop.services.facade import Changes
from desktop.services.students import ID, IndexRow, StudentIndex
from desktop.views.access_greying import allow
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage
from desktop.views.search_suggestions import SpellingSuggestions
from desktop.views.student_file import StudentFileView
from desktop.views.students_table_model import StudentsTableModel

COLUMN_WIDTHS = (200, 150, 85, 130, 100, 260, 70)


class SearchField(QLineEdit):
    """The search box; the down arrow moves into the list so the keyboard never has to leave."""

    def __init__(self, list_view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list_view = list_view

    def keyPressEvent(self, event) -> None:  # noqa: ANN001
        model = self._list_view.model()  # none yet while the Aperçu page's list loads
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and model is not None \
                and model.rowCount():
            view = self._list_view
            view.setFocus()
            if not view.currentIndex().isValid() or event.key() != Qt.Key.Key_Down:
                view.setCurrentIndex(model.index(0, 0))
            if not view.selectionModel().hasSelection():
                # The row the keyboard lands on is selected too: « Émettre les NIP… » and « Imprimer la
                # sélection… » act on it without a click.
                view.selectionModel().select(view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                             | QItemSelectionModel.SelectionFlag.Rows)
            return
        super().keyPressEvent(event)


class StudentsPage(QWidget):
    index_loaded = Signal()  # the board's student list is ready for searching
    first_page_shown = Signal()  # the first screen of students is listed, the rest is on its way

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("students_page")
        self.context = context
        self.model = StudentsTableModel(context.student_index, self)
        self._locale = QLocale()
        self._current_student: int | None = None
        self._pending_target: Callable[[], None] | None = None  # asked for before the index was there
        self._index_ready = context.student_index is not None
        self._build()
        self.model.modelReset.connect(self._show_count)
        self.model.modelReset.connect(self._selection_changed)
        context.runner.changed.connect(self._on_changed)
        context.access_known.known.connect(self.apply_access)
        if context.student_index is None:
            self._load_index()
        else:
            self._show_count()

    def _build(self) -> None:
        self.list_view = QTableView()
        self.list_view.setObjectName("students")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several students at once (Maj / Ctrl): the selection is what Impression prints.
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setAccessibleName(self.tr("Liste des élèves"))
        self.list_view.setAccessibleDescription(self.tr(
            "Entrée ouvre le dossier de l'élève choisi ; Maj ou Ctrl avec les flèches en sélectionne plusieurs"))
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setSortingEnabled(False)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setWordWrap(False)
        self.list_view.verticalHeader().hide()
        self.list_view.verticalHeader().setDefaultSectionSize(26)
        self.list_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.list_view.horizontalHeader()
        header.setHighlightSections(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.list_view.selectionModel().selectionChanged.connect(lambda *_rows: self._selection_changed())
        self.list_view.activated.connect(self._open_activated)
        self.empty_message = EmptyListMessage(self.list_view, self._empty_text)

        self.search = SearchField(self.list_view)
        self.search.setObjectName("student_search")
        self.search.setPlaceholderText(self.tr("Rechercher un élève : nom, prénom, fiche ou code permanent"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher un élève"))
        self.search.setAccessibleDescription(self.tr(
            "Nom, prénom, numéro de fiche ou code permanent ; flèche bas pour passer à la liste"))
        self.search.textChanged.connect(self.model.set_query)
        self.search.textChanged.connect(self.empty_message.refresh)  # an empty list stays empty: no reset
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._focus_search)

        title = QLabel(self.tr("Élèves"))
        title.setObjectName("page_title")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.count_label)
        self.preview_button = QPushButton(self.tr("Aperçu et impression…"))
        self.preview_button.setObjectName("preview_button")
        self.preview_button.setToolTip(self.tr(
            "Voir le dossier de cet élève tel qu'un rôle, un membre du personnel ou un parent le voit, et l'imprimer"))
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(self._open_preview)
        top.addWidget(self.preview_button)
        self.print_selection_button = QPushButton(self.tr("Imprimer la sélection…"))
        self.print_selection_button.setObjectName("print_selection_button")
        self.print_selection_button.setToolTip(self.tr("Ouvre la page Impression sur les élèves sélectionnés"))
        self.print_selection_button.setEnabled(False)
        self.print_selection_button.clicked.connect(self.print_selection)
        top.addWidget(self.print_selection_button)
        self.nip_selection_button = QPushButton(self.tr("Émettre les NIP…"))
        self.nip_selection_button.setObjectName("nip_selection_button")
        self.nip_selection_button.setToolTip(self.tr("Émet un NIP pour chaque répondant des élèves sélectionnés"))
        self.nip_selection_button.setEnabled(False)
        self.nip_selection_button.clicked.connect(self.issue_nips_for_selection)
        top.addWidget(self.nip_selection_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(20, 16, 20, 8)
        left_layout.setSpacing(10)
        left_layout.addLayout(top)
        left_layout.addWidget(self.search)
        self.suggestions = SpellingSuggestions(self.search, self.model)  # « Vouliez-vous dire : … ? »
        left_layout.addWidget(self.suggestions)
        self.load_error = QLabel()
        self.load_error.setObjectName("load_error")
        self.load_error.setStyleSheet("color: #9b1c1c;")
        self.load_error.setWordWrap(True)
        self.load_error.hide()
        left_layout.addWidget(self.load_error)
        left_layout.addWidget(self.list_view, 1)

        self.file_view = StudentFileView(self.context)
        QWidget.setTabOrder(self.search, self.list_view)  # Tab: search, list, then the file
        # List above, file below: both get the full width, so every column and every guardian's
        # phone numbers stay readable on a 1366-pixel office screen.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("students_splitter")
        splitter.addWidget(left)
        splitter.addWidget(self.file_view)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([330, 460])
        self.file_view.hide()  # the list has the whole page until a student is opened
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- list ----------------------------------------------------------------------------

    def _load_index(self) -> None:
        """The first screen of students (one small query), then the whole board's index.

        One after the other, not together: fetching 100,000 rows holds the interpreter for a few
        hundred milliseconds, and the first screen waited behind it. Typing is fine meanwhile: the
        search applies to the whole list once it has arrived.
        """
        self._index_ready = False
        self._show_count()
        students = self.context.vitrail.students
        # The whole index's load reports any failure; a first page that fails just hands over to it.
        self.context.runner.query(self, lambda _progress: students.first_students(), self._first_page_arrived,
                                  lambda _message: self._load_whole_index())

    def _load_whole_index(self) -> None:
        if self._index_ready:  # the Aperçu page's copy came in meanwhile
            return
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: students.index(), self._index_arrived,
                                  self._index_refused)

    def _first_page_arrived(self, first_page: StudentIndex) -> None:
        if not self._index_ready and len(first_page):
            self.model.set_index(first_page)
            self.first_page_shown.emit()
        self._load_whole_index()

    def _index_refused(self, message: str) -> None:
        self.count_label.setText(self.tr("Liste non chargée"))
        self.load_error.setText(message)
        self.load_error.show()

    def _index_arrived(self, index: StudentIndex) -> None:
        # The Aperçu page may have loaded it first: both pages keep sharing one copy.
        if self.context.student_index is None:
            self.context.student_index = index
        self.model.set_index(self.context.student_index)
        if self._current_student is not None:  # opened from the first page: keep it selected in the full list
            self._select_student(self._current_student)
        self._index_ready = True
        self.empty_message.refresh()
        self.load_error.hide()
        self._show_count()
        self.index_loaded.emit()
        if len(self.context.student_index):
            self.context.warm_up(self, self.context.student_index.rows[0][ID])
        if self._pending_target is not None:
            target, self._pending_target = self._pending_target, None
            target()

    def _reload_index(self) -> None:
        """A new board: load its index once for both pages that list students."""
        shared = self.context.student_index
        if shared is not None and shared is not self.model.student_index:  # the Aperçu page did it
            self._index_arrived(shared)
            return
        self.context.student_index = None
        self._load_index()

    @property
    def index_ready(self) -> bool:
        return self._index_ready

    def _show_count(self) -> None:
        if not self._index_ready:
            self.count_label.setText(self.tr("Chargement des élèves…"))
            return
        count = self.model.rowCount()
        number = self._locale.toString(count)
        self.count_label.setText(self.tr("{n} élève").format(n=number) if count <= 1
                                 else self.tr("{n} élèves").format(n=number))

    def _on_changed(self, changes: Changes) -> None:
        """Students were saved (here or on another page): show and search their new values."""
        if changes.board:
            self._reload_index()
            return
        for student_id in changes.students:
            self._refresh_student(student_id)

    def _refresh_student(self, student_id: int) -> None:
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: students.index_row(student_id), self._refresh_row)

    def _refresh_row(self, row: IndexRow | None) -> None:
        if row is not None:
            self.model.refresh_student(row)

    def _empty_text(self) -> str:
        if not self._index_ready:
            return ""
        query = self.search.text().strip()
        if not query:
            return self.tr("Aucun élève dans cette base.")
        return self.tr("Aucun élève ne correspond à « {query} ».").format(query=query)

    def selected_student_ids(self) -> tuple[int, ...]:
        """The selected students, in the list's order (one or many)."""
        rows = sorted(index.row() for index in self.list_view.selectionModel().selectedRows())
        return tuple(self.model.student_id(row) for row in rows)

    def apply_access(self) -> None:
        """Grey what the person may not do here (called again when their grants change)."""
        self._selection_changed()
        if self._current_student is not None:
            allow(self.preview_button, self.context.refusal(Right.PREVIEW_FAMILY, Right.PREVIEW_ANY))

    def _selection_changed(self) -> None:
        selected = self.selected_student_ids()
        self.context.selected_students = selected
        allow(self.print_selection_button, self.context.refusal(Right.PREVIEW_ANY), enabled=bool(selected))
        allow(self.nip_selection_button, self.context.refusal(Right.MANAGE_NIPS), enabled=bool(selected))
        self.print_selection_button.setText(
            self.tr("Imprimer la sélection ({count})…").format(count=len(selected)) if len(selected) > 1
            else self.tr("Imprimer la sélection…"))

    def print_selection(self) -> None:
        """The Impression page, on the selected students ("La sélection")."""
        selected = self.selected_student_ids()
        if selected:
            self.context.navigate("print", student_ids=selected)

    def issue_nips_for_selection(self) -> None:
        """The Comptes parents page issues the NIPs of the selected students' respondents."""
        selected = self.selected_student_ids()
        if selected:
            self.context.navigate("accounts", student_ids=selected)

    def _open_activated(self, index: QModelIndex) -> None:
        """Entrée on a row: that student's file, with the keyboard in it (the guardians' table)."""
        if not index.isValid():
            return
        student_id = self.model.student_id(index.row())
        if student_id != self._current_student:
            self.open_student(student_id)
        self.file_view.guardians_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        student_id = self.model.student_id(current.row())
        if student_id == self._current_student:
            return
        self.file_view.leave(lambda: self.open_student(student_id),
                             lambda: self._select_student(self._current_student))

    def open_student(self, student_id: int, then: Callable[[], object] | None = None) -> None:
        self._current_student = student_id
        allow(self.preview_button, self.context.refusal(Right.PREVIEW_FAMILY, Right.PREVIEW_ANY))
        self.file_view.show_student(student_id, then)
        self.file_view.show()
        # After the layout has made room for the file, or the row may end up out of sight.
        QTimer.singleShot(0, self._scroll_to_current)

    def _open_preview(self) -> None:
        """The Aperçu page at this student: from there the file is printed as a chosen viewer sees it."""
        if self._current_student is not None:
            self.context.navigate("preview", student_id=self._current_student)

    def _scroll_to_current(self) -> None:
        current = self.list_view.currentIndex()
        if current.isValid():
            self.list_view.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def _select_student(self, student_id: int | None) -> bool:
        row = self.model.row_of(student_id) if student_id is not None else None
        if row is None:
            return False
        index = self.model.index(row, 0)
        selection = self.list_view.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.list_view.scrollTo(index)
        return True

    # -- entry point for other pages ------------------------------------------------------

    def show_target(self, student_id: int | None = None, guardian_id: int | None = None,
                    field: str = "email", **_ignored: object) -> None:
        """Open a student's file (and a guardian's email cell) on behalf of another page."""
        if student_id is None:
            return
        if not self.index_ready:  # opened from another page while the list is still loading
            self._pending_target = partial(self.show_target, student_id, guardian_id, field)
            return
        self.file_view.leave(lambda: self._open_target(student_id, guardian_id, field))

    def _open_target(self, student_id: int, guardian_id: int | None, field: str) -> None:
        if self.model.row_of(student_id) is None:
            self.search.clear()
        self._select_student(student_id)
        edit = (lambda: self.file_view.edit_email(guardian_id)) if guardian_id is not None and field == "email" \
            else None
        self.open_student(student_id, edit)
