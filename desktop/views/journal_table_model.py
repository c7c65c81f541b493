"""The rows of the Journal page and of a student's Historique: audit entries, newest first.

``JournalTableModel`` shows ``AuditRow`` dataclasses read through the façade
(``vitrail.audit.entries``) a page at a time: ``set_entries`` for the first page, ``add_entries``
appends an older page under it (« Plus ancien… ») without disturbing the selection or the
scroll position. ``EntryRole`` hands back the entry itself. No sorting: the log has one order,
newest first, and a page sorted by another column would pretend to order what is not loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.services.audit_log import AuditRow
from desktop.views.table_model import ItemsTableModel

EntryRole = Qt.ItemDataRole.UserRole + 1  # the AuditRow of the row

_ROOT = QModelIndex()
_LONG = 60  # a value longer than this is cut in its cell; the tooltip shows it whole


class JournalTableModel(ItemsTableModel):
    """One row per entry: date, personne, poste, action, élément, champ, avant, après."""

    DATE, PERSON, WORKSTATION, ACTION, ELEMENT, FIELD, BEFORE, AFTER = range(8)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditRow] = []
        self._headers = (self.tr("Date"), self.tr("Personne"), self.tr("Poste"), self.tr("Action"),
                         self.tr("Élément"), self.tr("Champ"), self.tr("Avant"), self.tr("Après"))

    def set_entries(self, entries: Sequence[AuditRow]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def add_entries(self, entries: Sequence[AuditRow]) -> None:
        """Append older entries under those shown."""
        if not entries:
            return
        first = len(self._entries)
        self.beginInsertRows(_ROOT, first, first + len(entries) - 1)
        self._entries.extend(entries)
        self.endInsertRows()

    def entries(self) -> list[AuditRow]:
        return list(self._entries)

    def _items(self) -> list[AuditRow]:
        return self._entries

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._text(entry, index.column())
            return text if len(text) <= _LONG else text[:_LONG - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, index.column())
        return None

    def _text(self, entry: AuditRow, column: int) -> str:
        if column == self.DATE:
            return entry.at.strftime("%Y-%m-%d %H:%M")
        if column == self.PERSON:
            return entry.person
        if column == self.WORKSTATION:
            return entry.workstation
        if column == self.ACTION:
            return entry.action_label
        if column == self.ELEMENT:
            return entry.element
        if column == self.FIELD:
            return entry.field_label
        value = entry.before if column == self.BEFORE else entry.after
        return value or ""

    def _tooltip(self, entry: AuditRow, column: int) -> str | None:
        if column == self.PERSON and entry.os_user != entry.person:
            return self.tr("Utilisateur du poste : {user}").format(user=entry.os_user)
        if column == self.DATE:
            return entry.at.strftime("%Y-%m-%d %H:%M:%S")
        if column in (self.ELEMENT, self.FIELD, self.BEFORE, self.AFTER):
            return self._text(entry, column) or None  # whole, where the cell may cut it
        return None
