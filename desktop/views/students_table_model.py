"""The student list: a lazy table over the in-memory ``StudentIndex``.

The model never copies students: it holds the list of index positions the current search
matched, and ``data()`` formats only the rows the view paints. Filtering 100,000 students per
keystroke therefore costs one pass over search keys (or over the previous matches) and a model
reset, well within one frame. Sorting reorders the full position list once; later searches keep
that order. No proxy model: a QSortFilterProxyModel would call ``data()`` for every row.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.services import students as index_columns
from desktop.services.students import IndexRow, SearchResult, StudentIndex
from desktop.services.text import fold

StudentIdRole = int(Qt.ItemDataRole.UserRole) + 1  # the student's database id, for opening the file
# Plain ints: looking up Qt enum members costs more than the rest of data() together.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
NO_FLAGS = Qt.ItemFlag.NoItemFlags

# The invalid index, a model's root: the default parent below (one object, never mutated).
_ROOT = QModelIndex()


class StudentsTableModel(QAbstractTableModel):
    """Columns: surname, given name, fiche, code permanent, birth date, school, group."""

    COLUMNS = ("last_name", "first_name", "fiche", "code_permanent", "birth_date", "school", "group")

    CODE_PERMANENT = 3
    filtered = Signal(int)  # number of students now listed

    def __init__(self, index: StudentIndex | None = None, parent: QObject | None = None) -> None:
        """``index`` None: an empty list until ``set_index`` (the index loads in the background)."""
        super().__init__(parent)
        self._query = ""
        self._sorted: tuple[int, Qt.SortOrder] | None = None  # the person's chosen sort, kept across reloads
        self._cache: dict[int, tuple] = {}
        self._use(index if index is not None else StudentIndex([], [], {}, {}))
        self._flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        self._titles = (self.tr("Nom"), self.tr("Prénom"), self.tr("Fiche"), self.tr("Code permanent"),
                        self.tr("Naissance"), self.tr("École"), self.tr("Groupe"))
        self._incomplete_text = self.tr("(incomplet)")
        self._incomplete_tooltip = self.tr("Code permanent pas encore attribué par le ministère : l'association "
                                           "au portail se fait avec la fiche, ou avec un NIP.")
        self._incomplete_color = QColor("#8a8f98")

    def _use(self, index: StudentIndex) -> None:
        self._index = index
        self._order: list[int] | None = None  # None: the index's own (name) order
        self._result: SearchResult = index.search(self._query)
        # A column's value in an index row: text, a date or None, depending on the column.
        field: dict[str, Callable[[IndexRow], Any]] = {name: itemgetter(column) for name, column in (
            ("last_name", index_columns.LAST_NAME), ("first_name", index_columns.FIRST_NAME),
            ("fiche", index_columns.FICHE), ("code_permanent", index_columns.CODE_PERMANENT),
            ("birth_date", index_columns.BIRTH_DATE))}
        field["school"] = index.school_name
        field["group"] = index.group_code
        self._values = tuple(field[name] for name in self.COLUMNS)
        self._cache.clear()

    @property
    def student_index(self) -> StudentIndex:
        return self._index

    def set_index(self, index: StudentIndex) -> None:
        """List this index (loaded, or reloaded after a new board), keeping the typed search."""
        self.beginResetModel()
        self._use(index)
        if self._sorted is not None:
            self._order = self._ordered(*self._sorted)
            self._result = index.search(self._query, order=self._order)
        self.endResetModel()
        self.filtered.emit(len(self._result))

    # -- search --------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        """Show the students matching ``text`` (narrowing the current list when possible)."""
        result = self._index.search(text, previous=self._result, order=self._order)
        self._query = text
        if result.positions == self._result.positions:
            self._result = result
            return
        self.beginResetModel()
        self._result = result
        self.endResetModel()
        self.filtered.emit(len(result))

    def student_id(self, row: int) -> int:
        return self._index.rows[self._result.positions[row]][index_columns.ID]

    def row_of(self, student_id: int) -> int | None:
        position = self._index.position_of(student_id)
        try:
            return self._result.positions.index(position) if position is not None else None
        except ValueError:
            return None

    def refresh_student(self, row: IndexRow) -> None:
        """Show a student's fresh index row (after a save): new values, searchable at once.

        The student stays where it is in the list even if the current search would no longer
        match it; the next keystroke searches the fresh values.
        """
        position = self._index.replace_row(row)
        if position is None:
            return
        self._cache.pop(position, None)
        shown = self.row_of(row[index_columns.ID])
        if shown is not None:
            self.dataChanged.emit(self.index(shown, 0), self.index(shown, len(self.COLUMNS) - 1))

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._result.positions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: ANN201
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY or not 0 <= section < len(self.COLUMNS):
            return None
        return self._titles[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):  # noqa: ANN201
        """Called for every visible cell and role at each repaint: the display path is kept short."""
        row = index.row()
        positions = self._result.positions
        if not 0 <= row < len(positions):
            return None
        if role == DISPLAY:
            return self._cells(positions[row])[index.column()]
        if role == StudentIdRole:
            return self._index.rows[positions[row]][index_columns.ID]
        if role in (TOOLTIP, FOREGROUND) and index.column() == self.CODE_PERMANENT \
                and self._index.rows[positions[row]][index_columns.CODE_PERMANENT] is None:
            return self._incomplete_tooltip if role == TOOLTIP else self._incomplete_color
        return None

    def _cells(self, position: int) -> tuple:
        """The displayed texts of one student, formatted once and kept for the next repaints."""
        cells = self._cache.get(position)
        if cells is None:
            if len(self._cache) > 20_000:
                self._cache.clear()
            row = self._index.rows[position]
            cells = tuple(self._text(column, value(row)) for column, value in enumerate(self._values))
            self._cache[position] = cells
        return cells

    def _text(self, column: int, value: object) -> object:
        if isinstance(value, date):
            return value.isoformat()
        if value is None and column == self.CODE_PERMANENT:
            return self._incomplete_text
        return value

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return self._flags if index.isValid() else NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the whole board by a column (accent-insensitive), then re-apply the search."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sorted = (column, order)
        ordered = self._ordered(column, order)
        self.beginResetModel()
        self._order = ordered
        self._result = self._index.search(self._query, order=ordered)
        self.endResetModel()

    def _ordered(self, column: int, order: Qt.SortOrder) -> list[int]:
        rows = self._index.rows
        value = self._values[column]
        key = (lambda p: value(rows[p])) if self.COLUMNS[column] == "birth_date" else (
            lambda p: fold(value(rows[p]) or ""))
        return sorted(range(len(rows)), key=key, reverse=order == Qt.SortOrder.DescendingOrder)
