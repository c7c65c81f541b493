"""The student list: a lazy table over the in-memory ``StudentIndex``.

The model never copies students: it holds the list of index positions the current search
matched, and ``data()`` formats only the rows the view paints. Filtering 100,000 students per
keystroke therefore costs one pass over search keys (or over the previous matches) and a model
reset, well within one frame. Sorting reorders the full position list once; later searches keep
that order. No proxy model: a QSortFilterProxyModel would call ``data()`` for every row.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.services import students as index_columns
from desktop.services.students import SearchResult, StudentIndex
from desktop.services.text import fold

StudentIdRole = Qt.UserRole + 1  # the student's database id, for opening the file


class StudentsTableModel(QAbstractTableModel):
    """Columns: surname, given name, fiche, code permanent, birth date, school, group."""

    COLUMNS = (
        ("last_name", index_columns.LAST_NAME),
        ("first_name", index_columns.FIRST_NAME),
        ("fiche", index_columns.FICHE),
        ("code_permanent", index_columns.CODE_PERMANENT),
        ("birth_date", index_columns.BIRTH_DATE),
        ("school", index_columns.SCHOOL_NAME),
        ("group", index_columns.GROUP_CODE),
    )

    filtered = Signal(int)  # number of students now listed

    def __init__(self, index: StudentIndex, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._order: list[int] | None = None  # None: the index's own (name) order
        self._result: SearchResult = index.everything()
        self._query = ""
        self._locale = QLocale()

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

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._result.positions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: ANN201
        if orientation != Qt.Horizontal or role != Qt.DisplayRole or not 0 <= section < len(self.COLUMNS):
            return None
        return self._titles()[section]

    def _titles(self) -> tuple[str, ...]:
        return (self.tr("Nom"), self.tr("Prénom"), self.tr("Fiche"), self.tr("Code permanent"),
                self.tr("Naissance"), self.tr("École"), self.tr("Groupe"))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self._result.positions):
            return None
        row = self._index.rows[self._result.positions[index.row()]]
        name, column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            value = row[column]
            if isinstance(value, date):
                return value.isoformat()
            if value is None and name == "code_permanent":
                return self.tr("(incomplet)")
            return value
        if role == StudentIdRole:
            return row[index_columns.ID]
        if role == Qt.ToolTipRole and name == "code_permanent" and row[column] is None:
            return self.tr("Code permanent pas encore attribué par le ministère : l'association au portail "
                           "se fait avec la fiche, ou avec un NIP.")
        if role == Qt.ForegroundRole and name == "code_permanent" and row[column] is None:
            return Qt.darkGray
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Reorder the whole board by a column (accent-insensitive), then re-apply the search."""
        if not 0 <= column < len(self.COLUMNS):
            return
        _, field = self.COLUMNS[column]
        rows = self._index.rows
        key = (lambda p: fold(rows[p][field] or "")) if field not in (
            index_columns.BIRTH_DATE,) else (lambda p: rows[p][field])
        ordered = sorted(range(len(rows)), key=key, reverse=order == Qt.DescendingOrder)
        self.beginResetModel()
        self._order = ordered
        self._result = self._index.search(self._query, order=ordered)
        self.endResetModel()
