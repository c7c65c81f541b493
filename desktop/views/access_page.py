"""Accès: who holds which Vitrail role where, and the board administrator's grant and revoke.

For ``board_admin`` only (the navigation greys it for everyone else, with the reason). The list
is ``vitrail.access.grants()``; granting and withdrawing go through ``vitrail.access.grant`` and
``revoke`` on the runner, which audits them and announces ``Changes(access=True)``: the window
then reads again what the person may do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.access import Grant, Role, access_rules
from desktop.services.facade import Changes
from desktop.services.reports.batch import SchoolChoice
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage
from desktop.views.table_model import ItemsTableModel

GrantRole = Qt.ItemDataRole.UserRole + 1  # the Grant of the row

_ROOT = QModelIndex()


class GrantsTableModel(ItemsTableModel):
    """One row per grant: identifiant, rôle, où, accordé le, par."""

    LOGIN, ROLE, SCOPE, GRANTED_AT, GRANTED_BY = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grants: list[Grant] = []
        self._headers = (self.tr("Identifiant"), self.tr("Rôle"), self.tr("Où"), self.tr("Accordé le"),
                         self.tr("Par"))

    def set_grants(self, grants: Sequence[Grant]) -> None:
        self.beginResetModel()
        self._grants = list(grants)
        self.endResetModel()

    def _items(self) -> list[Grant]:
        return self._grants

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._grants):
            return None
        grant = self._grants[index.row()]
        if role == GrantRole:
            return grant
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.LOGIN:
            return grant.login
        if column == self.ROLE:
            return grant.role_name
        if column == self.SCOPE:
            if grant.school_id is None:
                return self.tr("Tout le centre de services")
            return f"{grant.school_name or ''} ({grant.school_code})".strip()
        if column == self.GRANTED_AT:
            return grant.granted_at.strftime("%Y-%m-%d %H:%M") if grant.granted_at else ""
        return grant.granted_by or ""


class GrantDialog(QDialog):
    """Give a login a role, board-wide or in chosen schools."""

    def __init__(self, schools: Sequence[SchoolChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accorder un rôle"))
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("identifiant de connexion, ex. m.tremblay"))
        self.role_box = QComboBox()
        for role, rule in access_rules().roles.items():
            self.role_box.addItem(f"{rule.name} — {rule.who}", role)
        self.schools_list = QListWidget()
        self.schools_list.setAccessibleName(self.tr("Écoles"))
        for school in schools:
            item = QListWidgetItem(f"{school.name} ({school.code})")
            item.setData(Qt.ItemDataRole.UserRole, school.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.schools_list.addItem(item)
        self.scope_hint = QLabel()
        self.scope_hint.setObjectName("hint")
        self.scope_hint.setWordWrap(True)
        self.role_box.currentIndexChanged.connect(self._role_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if self.ok_button is not None:
            self.ok_button.setText(self.tr("Accorder"))
        if cancel is not None:
            cancel.setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Personne :"), self.login_edit)
        form.addRow(self.tr("Rôle :"), self.role_box)
        form.addRow(self.tr("Écoles :"), self.schools_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.scope_hint)
        layout.addWidget(buttons)
        self.login_edit.textChanged.connect(self._update_ok)
        self.schools_list.itemChanged.connect(self._update_ok)
        self._role_changed()

    def role(self) -> Role:
        role: Role = self.role_box.currentData()
        return role

    def school_codes(self) -> list[str]:
        if not access_rules().roles[self.role()].per_school:
            return []
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def login(self) -> str:
        return self.login_edit.text().strip()

    def _items(self) -> list[QListWidgetItem]:
        return [item for row in range(self.schools_list.count()) if (item := self.schools_list.item(row))]

    def _role_changed(self) -> None:
        per_school = access_rules().roles[self.role()].per_school
        self.schools_list.setEnabled(per_school)
        self.scope_hint.setText(self.tr("Cochez les écoles où la personne aura ce rôle ; aucune case cochée : "
                                        "tout le centre de services.") if per_school else
                                self.tr("Ce rôle vaut pour tout le centre de services."))
        self._update_ok()

    def _update_ok(self) -> None:
        if self.ok_button is not None:
            self.ok_button.setEnabled(bool(self.login()))


class AccessPage(QWidget):
    """The roles of the board, and the board administrator's grant and revoke."""

    grants_loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._shown_once = False
        self._schools: list[SchoolChoice] = []
        self.model = GrantsTableModel(self)
        self.dialog: GrantDialog | None = None
        self._build()
        self.failed.connect(self._show_error)
        context.runner.changed.connect(self._data_changed)

    def _build(self) -> None:
        title = QLabel(self.tr("Accès"))
        title.setObjectName("page_title")
        hint = QLabel(self.tr("Qui détient quel rôle, et où. Un rôle se donne pour des écoles ou pour tout le "
                              "centre de services ; chaque attribution et chaque retrait est inscrit au journal."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("grants_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Rôles attribués"))
        self.empty_message = EmptyListMessage(self.table, lambda: self.tr("Aucun rôle attribué."))
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.grant_button = QPushButton(self.tr("Accorder un rôle…"))
        self.grant_button.setObjectName("primary")
        self.grant_button.clicked.connect(self.ask_grant)
        self.revoke_button = QPushButton(self.tr("Retirer ce rôle"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.revoke_button.setEnabled(False)
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.grant_button)
        actions.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def _data_changed(self, changes: Changes) -> None:
        if self._shown_once and (changes.access or changes.board):
            self.refresh()

    def refresh(self) -> None:
        vitrail = self.context.vitrail
        self.context.runner.query(self, lambda _progress: (vitrail.access.grants(), vitrail.directory.schools()),
                                  lambda result: self._loaded(*result), self.failed.emit)

    def _loaded(self, grants: list[Grant], schools: list[SchoolChoice]) -> None:
        self._schools = sorted(schools, key=lambda school: school.name)
        self.model.set_grants(grants)
        self._selection_changed()
        self.grants_loaded.emit(len(grants))

    def selected_grant(self) -> Grant | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(GrantRole) if rows else None

    def _selection_changed(self) -> None:
        self.revoke_button.setEnabled(self.selected_grant() is not None)

    def ask_grant(self) -> GrantDialog:
        """Open the grant dialog (modeless, so tests and screen readers can drive it)."""
        self.dialog = GrantDialog(self._schools, self)
        self.dialog.accepted.connect(lambda: self._grant_from(self.dialog))
        self.dialog.open()
        return self.dialog

    def _grant_from(self, dialog: GrantDialog | None) -> None:
        if dialog is not None:
            self.grant(dialog.login(), dialog.role(), dialog.school_codes())

    def grant(self, login: str, role: Role, school_codes: Sequence[str]) -> None:
        access = self.context.vitrail.access
        codes = list(school_codes)
        self.context.runner.write(self, lambda _progress: access.grant(login, role, codes),
                                  lambda grants: self._done(self.tr("Rôle accordé à {login}.").format(login=login),
                                                            grants), self.failed.emit)

    def ask_revoke(self) -> None:
        grant = self.selected_grant()
        if grant is None:
            return
        answer = QMessageBox.question(self, self.tr("Retirer le rôle"), self.tr(
            "Retirer le rôle {role} à {login} pour {scope} ?").format(role=grant.role_name, login=grant.login,
                                                                     scope=grant.scope_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(grant)

    def revoke(self, grant: Grant) -> None:
        access = self.context.vitrail.access
        codes = [grant.school_code] if grant.school_code else []
        self.context.runner.write(self, lambda _progress: access.revoke(grant.login, grant.role, codes),
                                  lambda grants: self._done(self.tr("Rôle retiré à {login}.").format(
                                      login=grant.login), grants), self.failed.emit)

    def _done(self, message: str, _grants: object) -> None:
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _show_error(self, message: str) -> None:
        self.status.setStyleSheet("color: #b42318;")
        self.status.setText(message)

