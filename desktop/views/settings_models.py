"""Qt item models of the settings page: the keys of one target with pending edits, versions, text rows.

``SettingsTableModel`` keeps the pending changes of the whole session (any number of targets),
so direction can change a school's tiles, then its board's SOI matrix, and save both as one
version. A pending value is shown in bold with "à enregistrer" as its origin.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop.services.errors import InvalidInput
from desktop.services.settings import (
    CurrentValue,
    MatrixLayout,
    PendingChange,
    SettingsTarget,
    SettingsVersionInfo,
)

SpecRole = Qt.ItemDataRole.UserRole + 1      # the KeySpec of the row
ChoicesRole = Qt.ItemDataRole.UserRole + 2   # [(value, label)] offered by the value editor; None: free text
SectionRole = Qt.ItemDataRole.UserRole + 3   # section name, for the filter proxy
SearchRole = Qt.ItemDataRole.UserRole + 4    # "key label" text, for the filter proxy
VersionIdRole = Qt.ItemDataRole.UserRole + 5
WindowRole = Qt.ItemDataRole.UserRole + 6    # the registration window as stored ({"start", "end"} or None)

_Index = QModelIndex | QPersistentModelIndex

# The invalid index, a model's root: the default parent below (one object, never mutated).
_ROOT = QModelIndex()


class SettingsTableModel(QAbstractTableModel):
    """Columns: setting (label), value (editable), origin, key. One row per key of the shown target."""

    LABEL, VALUE, SOURCE, KEY = range(4)

    pending_changed = Signal()
    input_refused = Signal(str)  # French message: a typed value was not valid

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target: SettingsTarget | None = None
        self._values: list[CurrentValue] = []
        self._pending: dict[tuple[str, int, str], PendingChange] = {}
        self._refusal: str | None = None  # why the person may not change these values (None: they may)

    def set_refusal(self, refusal: str | None) -> None:
        """Make the values read-only, with the reason on hover (``access.md``: grey and say why)."""
        self._refusal = refusal
        if self._values:
            self.dataChanged.emit(self.index(0, self.VALUE), self.index(len(self._values) - 1, self.VALUE))

    # -- content -------------------------------------------------------------------------

    def show_target(self, target: SettingsTarget, values: Sequence[CurrentValue]) -> None:
        self.beginResetModel()
        self._target = target
        self._values = list(values)
        self.endResetModel()

    @property
    def target(self) -> SettingsTarget | None:
        return self._target

    def pending_changes(self) -> list[PendingChange]:
        return list(self._pending.values())

    def replace_pending(self, changes: Sequence[PendingChange]) -> None:
        self._pending = {(c.scope, c.scope_id, c.key): c for c in changes}
        if self._values:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._values) - 1, self.KEY))
        self.pending_changed.emit()

    def clear_pending(self) -> None:
        self._pending.clear()
        if self._values:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._values) - 1, self.KEY))
        self.pending_changed.emit()

    def current_value(self, row: int) -> CurrentValue:
        return self._values[row]

    def _shown_target(self) -> SettingsTarget:
        """The target whose rows are shown: there are rows only once a target is shown."""
        if self._target is None:
            raise LookupError("no target shown")
        return self._target

    def _slot(self, row: int) -> tuple[str, int, str]:
        target = self._shown_target()
        return (target.scope, target.id, self._values[row].spec.key)

    def shown_value(self, row: int) -> object:
        pending = self._pending.get(self._slot(row))
        if pending is None:
            return self._values[row].value
        if pending.value_json is None:
            return self._values[row].spec.default
        return pending.value

    def set_pending(self, row: int, change: PendingChange | None) -> None:
        slot = self._slot(row)
        if change is None:
            self._pending.pop(slot, None)
        else:
            self._pending[slot] = change
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.KEY))
        self.pending_changed.emit()

    def choose(self, row: int, value: object) -> None:
        """Make ``value`` the pending value of ``row`` (dropping the pending change if it is the stored one)."""
        current = self._values[row]
        if value == current.value:
            self.set_pending(row, None)
            return
        target = self._shown_target()
        self.set_pending(row, PendingChange.set(target.scope, target.id, current.spec.key, value, current.version))

    def reset_to_inherited(self, row: int) -> None:
        """Pending removal of the override (the board's value or the shipped default applies again)."""
        current, target = self._values[row], self._shown_target()
        if not current.overridden or target.scope == "staff":
            self.set_pending(row, None)
            return
        self.set_pending(row, PendingChange.reset(target.scope, target.id, current.spec.key, current.version))

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 4:
            return None
        return (self.tr("Réglage"), self.tr("Valeur"), self.tr("Provenance"), self.tr("Clé"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, C901
        if not index.isValid() or index.row() >= len(self._values):
            return None
        current = self._values[index.row()]
        spec = current.spec
        pending = self._slot(index.row()) in self._pending
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return spec.label + (" *" if spec.assumed else "")
            if column == self.VALUE:
                text = spec.display(self.shown_value(index.row()))
                return f"{text} ⚠" if current.note else text  # the note is in the tooltip and below the table
            if column == self.SOURCE:
                return self.tr("à enregistrer") if pending else current.source
            return spec.key
        if role == Qt.ItemDataRole.EditRole and column == self.VALUE:
            value = self.shown_value(index.row())
            if spec.kind == "window":
                return f"{value['start']}..{value['end']}" if isinstance(value, dict) else ""
            if spec.kind == "staff_ids":
                return ", ".join(str(v) for v in value) if isinstance(value, list) else ""
            return value
        if role == Qt.ItemDataRole.CheckStateRole and column == self.VALUE and self._is_switch(index.row()):
            return Qt.CheckState.Checked if self.shown_value(index.row()) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = spec.effect + (f"\n{current.note}" if current.note else "")
            if self._refusal and column == self.VALUE:
                tip = f"{self._refusal}\n\n{tip}"
            if spec.assumed:
                tip += "\n" + self.tr("* Valeur par défaut reconstituée (présumée) dans la spécification.")
            return tip
        if role == Qt.ItemDataRole.FontRole and pending:
            font = QFont()
            font.setBold(True)
            return font
        if role == WindowRole and spec.kind == "window":
            return self.shown_value(index.row())
        if role == SpecRole:
            return spec
        if role == ChoicesRole:
            return self._choices(index.row())
        if role == SectionRole:
            return spec.section
        if role == SearchRole:
            return f"{spec.key} {spec.label}"
        return None

    def _is_switch(self, row: int) -> bool:
        spec = self._values[row].spec
        return spec.kind == "bool" and spec.level is None

    def _choices(self, row: int) -> list[tuple[object, str]] | None:
        spec = self._values[row].spec
        if spec.kind == "choice":
            return [(choice, f"{spec.display(choice)} ({choice})") for choice in spec.choices]
        if spec.kind == "bool" and spec.level is not None:
            return [(None, spec.display(None)), (True, spec.display(True)), (False, spec.display(False))]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.VALUE and not self._refusal:
            flags |= Qt.ItemFlag.ItemIsUserCheckable if self._is_switch(index.row()) else Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.VALUE or self._refusal:
            return False
        row = index.row()
        spec = self._values[row].spec
        if role == Qt.ItemDataRole.CheckStateRole and self._is_switch(row):
            self.choose(row, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str) and spec.kind in ("window", "staff_ids"):
            try:
                value = spec.parse(value.strip() or "none")
            except InvalidInput as exc:
                self.input_refused.emit(str(exc))
                return False
        try:
            spec.validate(value)
        except InvalidInput as exc:
            self.input_refused.emit(str(exc))
            return False
        self.choose(row, value)
        return True


class SettingsFilterProxy(QSortFilterProxyModel):
    """Shows one section (a board has 400 keys: the staff matrix alone is 7 roles × 40 fields) and a search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._section = ""
        self._text = ""

    def set_section(self, section: str) -> None:
        self._refilter(section=section)

    def set_text(self, text: str) -> None:
        self._refilter(text=text.strip().lower())

    def _refilter(self, **state: str) -> None:
        """Qt ≥ 6.9 wants begin/endFilterChange around the change; older ones only have invalidateFilter."""
        modern = hasattr(self, "endFilterChange")
        if modern:
            self.beginFilterChange()
        self._section = state.get("section", self._section)
        self._text = state.get("text", self._text)
        if modern:
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._section and index.data(SectionRole) != self._section:
            return False
        return not self._text or self._text in (index.data(SearchRole) or "").lower()


class SettingsMatrixModel(QAbstractTableModel):
    """A grid view onto ``SettingsTableModel`` (SOI: roles × categories; staff matrix: roles × tiles…).

    It holds no values of its own: every cell forwards to the key's row in the source model, so
    pending changes made in the grid and in the list are one and the same.
    """

    def __init__(self, source: SettingsTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._layout: MatrixLayout | None = None
        self._rows_by_key: dict[str, int] = {}
        source.modelReset.connect(self._source_reset)
        source.dataChanged.connect(self._source_changed)

    def set_layout(self, layout: MatrixLayout | None) -> None:
        self.beginResetModel()
        self._layout = layout
        self._index_keys()
        self.endResetModel()

    def _index_keys(self) -> None:
        self._rows_by_key = {self._source.current_value(row).spec.key: row for row in range(self._source.rowCount())}

    def _source_reset(self) -> None:
        self.set_layout(self._layout)

    def _source_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def source_row(self, index: _Index) -> int | None:
        """Row of the source model behind a cell (None when the key does not exist at this scope)."""
        if not index.isValid() or self._layout is None:
            return None
        key = self._layout.key(self._layout.rows[index.row()][0], self._layout.columns[index.column()][0])
        return self._rows_by_key.get(key)

    def _source_index(self, index: _Index) -> QModelIndex:
        row = self.source_row(index)
        return QModelIndex() if row is None else self._source.index(row, SettingsTableModel.VALUE)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._layout is None else len(self._layout.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() or self._layout is None else len(self._layout.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if self._layout is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        labels = self._layout.columns if orientation == Qt.Orientation.Horizontal else self._layout.rows
        return labels[section][1] if 0 <= section < len(labels) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        source = self._source_index(index)
        return source.data(role) if source.isValid() else None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        source = self._source_index(index)
        return self._source.setData(source, value, role) if source.isValid() else False

    def flags(self, index: _Index) -> Qt.ItemFlag:
        source = self._source_index(index)
        if not source.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self._source.flags(source)


class TextRowsModel(QAbstractTableModel):
    """A read-only table of text rows with fixed headers (impacts, before/after, differences, changes)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._rows = [tuple(row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self._rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class VersionsTableModel(QAbstractTableModel):
    """Columns: version, date, who, workstation, comment, number of keys changed. Newest first.

    Holds the pages of history read so far; older pages are appended (``add_versions``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._versions: list[SettingsVersionInfo] = []

    def set_versions(self, versions: Sequence[SettingsVersionInfo]) -> None:
        self.beginResetModel()
        self._versions = list(versions)
        self.endResetModel()

    def add_versions(self, versions: Sequence[SettingsVersionInfo]) -> None:
        """Older versions, below those shown (the history is read a page at a time)."""
        if not versions:
            return
        first = len(self._versions)
        self.beginInsertRows(QModelIndex(), first, first + len(versions) - 1)
        self._versions.extend(versions)
        self.endInsertRows()

    def version(self, row: int) -> SettingsVersionInfo:
        return self._versions[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._versions)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 6:
            return None
        return (self.tr("Version"), self.tr("Date"), self.tr("Par"), self.tr("Poste"), self.tr("Commentaire"),
                self.tr("Réglages"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self._versions):
            return None
        version = self._versions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(version.id), version.created_at.strftime("%Y-%m-%d %H:%M"), version.os_user,
                    version.workstation, version.comment, str(len(version.changes)))[index.column()]
        if role == VersionIdRole:
            return version.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{c.target} {c.key} : {c.before_display} → {c.after_display}" for c in version.changes)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
