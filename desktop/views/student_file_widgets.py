"""Two small widgets of the student file: the message strip under the guardians table, and the
email cell's editor that colours what is typed and reopens with it when it is refused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.services.emails import check_email
from desktop.views.guardians_table_model import GuardiansTableModel


class MessageBanner(QFrame):
    """A coloured strip under the guardians table: what the check found, and what to do about it."""

    KINDS = ("info", "success", "warning", "error")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.setObjectName("banner_action")
        self.action_button.setAccessibleDescription(self.tr("Action proposée par le message"))
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("banner_close")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.setToolTip(self.tr("Fermer ce message"))
        self.close_button.setAccessibleName(self.tr("Fermer ce message"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 6, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], object] | None = None
        self.action_button.clicked.connect(self._run_action)
        self.hide()

    @property
    def kind(self) -> str:
        return self.property("kind") or ""

    def show_message(self, kind: str, text: str, action_text: str | None = None,
                     action: Callable[[], object] | None = None) -> None:
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.text.setText(text)
        self.action_button.setAccessibleName(action_text or "")
        self._action = action
        self.action_button.setVisible(action is not None)
        self.action_button.setText(action_text or "")
        self.show()

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()


class EmailDelegate(QStyledItemDelegate):
    """A line editor for the email column that reopens with the typed text when it is refused."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._retry: dict[int, str] = {}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.tr("prenom.nom@exemple.com"))
        editor.setObjectName("email_editor")
        editor.textChanged.connect(lambda text: self._show_state(editor, text))
        return editor

    @staticmethod
    def _show_state(editor: QLineEdit, text: str) -> None:
        """Colour the editor as the secretary types (red: will be refused; amber: to double-check)."""
        check = check_email(text)
        worst = "error" if not check.acceptable else "warning" if check.suggestion else ""
        editor.setProperty("state", worst)
        editor.setToolTip("\n".join(p.message for p in check.problems if p.code != "blank"))
        editor.style().unpolish(editor)
        editor.style().polish(editor)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit), "createEditor makes a QLineEdit"
        text = self._retry.pop(index.row(), None)
        editor.setText(text if text is not None else index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit), "createEditor makes a QLineEdit"
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def reopen(self, row: int, typed: str) -> None:
        """Open the editor again on ``row`` with what the secretary typed, so nothing is lost."""
        self._retry[row] = typed
        index = self._view.model().index(row, GuardiansTableModel.EMAIL)
        QTimer.singleShot(0, lambda: self._view.edit(QPersistentModelIndex(index)))
