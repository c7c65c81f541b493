"""The "Vu par" list of the Aperçu page: roles, staff, guardians and the student, grouped.

The guardians and the student come first. A flat list model (one row per viewer) whose group
headings are rows too, disabled, so a plain QComboBox shows "Parents / Élève / Rôles / Personnel"
sections without a custom delegate.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.services.visibility.viewers import ViewerChoice, ViewerSpec

# Shown at the top of the list, in this order (ViewerChoice.group values).
FIRST_GROUPS = ("Parents", "Élève")
ViewerSpecRole = Qt.ItemDataRole.UserRole + 1  # the ViewerSpec to preview; None on a heading row

# The invalid index, a model's root: the default parent below (one object, never mutated).
_ROOT = QModelIndex()


class ViewerChoicesModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ViewerSpec | None]] = []
        self._refusals: dict[ViewerSpec, str] = {}

    def set_choices(self, choices: list[ViewerChoice],
                    refusal: Callable[[ViewerSpec], str | None] = lambda _spec: None) -> None:
        """The student's guardians and the student first (a handful, the viewers asked about on the
        phone), then roles and staff (often eighty names); each group keeps the order it came in.
        A viewer the person may not preview as (``refusal``) is greyed, the reason as its tooltip."""
        self.beginResetModel()
        self._rows = []
        self._refusals = {choice.spec: why for choice in choices if (why := refusal(choice.spec))}
        group = None
        for choice in sorted(choices, key=lambda c: FIRST_GROUPS.index(c.group) if c.group in FIRST_GROUPS
                             else len(FIRST_GROUPS)):
            if choice.group != group:
                group = choice.group
                self._rows.append((group, None))
            self._rows.append((choice.label, choice.spec))
        self.endResetModel()

    def row_of(self, spec: ViewerSpec) -> int | None:
        for row, (_, candidate) in enumerate(self._rows):
            if candidate == spec:
                return row
        return None

    def spec(self, row: int) -> ViewerSpec | None:
        return self._rows[row][1] if 0 <= row < len(self._rows) else None

    def first_viewer_row(self) -> int:
        return next((row for row, (_, spec) in enumerate(self._rows)
                     if spec is not None and spec not in self._refusals), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        label, spec = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label if spec is None else f"   {label}"
        if role == ViewerSpecRole:
            return spec
        if role == Qt.ItemDataRole.ToolTipRole and spec is not None:
            return self._refusals.get(spec)
        if role == Qt.ItemDataRole.FontRole and spec is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        spec = self._rows[index.row()][1]
        if spec is None or spec in self._refusals:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
