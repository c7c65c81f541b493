"""Editors of the settings table: a combo box for fixed values, two dates for the registration window.

Direction picks a registration window with date pickers, never by typing ``2027-02-01..2027-02-20``
(the command line keeps that form for scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.views.settings_models import ChoicesRole, SpecRole, WindowRole

_Index = QModelIndex | QPersistentModelIndex


class RegistrationWindowEditor(QWidget):
    """[x] Période du [date] au [date]; unchecked means no window (the Inscription tile is hidden)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.enabled_box = QCheckBox(self.tr("du"))
        self.enabled_box.setToolTip(self.tr("Décochez pour n'avoir aucune période : la tuile Inscription est masquée."))
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.enabled_box.toggled.connect(self.start_edit.setEnabled)
        self.enabled_box.toggled.connect(self.end_edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel(self.tr("au")))
        layout.addWidget(self.end_edit)

    def set_window(self, window: dict[str, str] | None, today: date) -> None:
        start = date.fromisoformat(window["start"]) if window else today
        end = date.fromisoformat(window["end"]) if window else today
        self.start_edit.setDate(QDate(start.year, start.month, start.day))
        self.end_edit.setDate(QDate(end.year, end.month, end.day))
        self.enabled_box.setChecked(window is not None)
        self.start_edit.setEnabled(window is not None)
        self.end_edit.setEnabled(window is not None)

    def chosen_window(self) -> dict[str, str] | None:
        """The window as stored (``{"start", "end"}`` in ISO dates), or None: no window.

        Not named ``window``: that is QWidget's own method (the top-level window).
        """
        if not self.enabled_box.isChecked():
            return None
        return {"start": _iso(self.start_edit.date()), "end": _iso(self.end_edit.date())}


def _iso(day: QDate) -> str:
    return f"{day.year():04d}-{day.month():02d}-{day.day():02d}"


class SettingValueDelegate(QStyledItemDelegate):
    """Combo box for keys with fixed values, date pickers for the window, a line edit for staff lists."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        choices = index.data(ChoicesRole)
        if choices is not None:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            return combo
        if index.data(SpecRole).kind == "window":
            return RegistrationWindowEditor(parent)
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.tr("numéros séparés par des virgules"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            for position in range(editor.count()):
                data = editor.itemData(position)
                if data == value and type(data) is type(value):
                    editor.setCurrentIndex(position)
        elif isinstance(editor, RegistrationWindowEditor):
            editor.set_window(index.data(WindowRole), self._today())
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, RegistrationWindowEditor):
            model.setData(index, editor.chosen_window(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        """The date pickers need more room than the value column: widen the editor leftwards."""
        rect = QRect(option.rect)
        width = max(rect.width(), editor.sizeHint().width())
        right = rect.right()
        viewport = editor.parentWidget()
        if viewport is not None:
            right = min(right, viewport.width() - 1)
        rect.setLeft(max(0, right - width + 1))
        rect.setRight(rect.left() + width - 1)
        rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)
