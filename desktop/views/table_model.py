"""What every Vitrail table model shares: a list of items shown one per row under fixed headers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

_ROOT = QModelIndex()


class ItemsTableModel(QAbstractTableModel):
    """A flat table: ``_items()`` gives the rows, ``_headers`` the column titles.

    Subclasses keep their items as they like (a list, replaced or updated in place) and answer
    ``data``; row and column counts and the horizontal headers are the same everywhere.
    """

    _headers: tuple[str, ...] = ()

    def _items(self) -> Sequence[object]:
        raise NotImplementedError

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
