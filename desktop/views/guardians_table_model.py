"""The guardians table of a student's file, where the secretary corrects emails in place.

Only the email column is editable. An edit is checked with ``check_email`` before it is taken:
a blocking problem refuses it (``email_refused``), otherwise it becomes an undoable command on
the file's ``QUndoStack`` and a *pending* value, painted as changed until "Enregistrer" sends
``pending_edits()`` to the service. Undo and redo only move pending values: nothing reaches the
database before the save.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack

from desktop.services.emails import EmailCheck, check_email
from desktop.services.formatting import de
from desktop.services.students import EmailEdit, GuardianLine

GuardianIdRole = Qt.ItemDataRole.UserRole + 1
PENDING_BACKGROUND = QColor("#fff3c4")
WARNING_FOREGROUND = QColor("#9a5b00")
MISSING_FOREGROUND = QColor("#8a8f98")

# The invalid index, a model's root: the default parent below (one object, never mutated).
_ROOT = QModelIndex()


class GuardiansTableModel(QAbstractTableModel):
    NAME, RANK, RELATIONSHIP, LIVES_WITH, EMAIL, HOME, CELL, WORK, OTHER = range(9)

    email_refused = Signal(int, str, object)   # row, text as typed, EmailCheck
    email_accepted = Signal(int, object)       # row, EmailCheck (may carry a notice or a warning)
    pending_changed = Signal(int)              # number of pending edits

    def __init__(self, undo_stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._undo = undo_stack
        self._guardians: list[GuardianLine] = []
        self._pending: dict[int, str | None] = {}   # row → new email (None: cleared)
        self._versions: dict[int, int] = {}         # row → version the save must find

    # -- contents ------------------------------------------------------------------------

    def set_guardians(self, guardians: tuple[GuardianLine, ...]) -> None:
        """Show another file's guardians; pending edits and their history are dropped."""
        self.beginResetModel()
        self._guardians = list(guardians)
        self._pending.clear()
        self._versions = {row: g.version for row, g in enumerate(guardians)}
        self.endResetModel()
        self._undo.clear()
        self.pending_changed.emit(0)

    def guardian(self, row: int) -> GuardianLine:
        return self._guardians[row]

    def row_of(self, guardian_id: int) -> int | None:
        return next((row for row, g in enumerate(self._guardians) if g.guardian_id == guardian_id), None)

    def email(self, row: int) -> str | None:
        """The email as it will be after saving (pending value, else the stored one)."""
        return self._pending[row] if row in self._pending else self._guardians[row].email

    def is_pending(self, row: int) -> bool:
        return row in self._pending

    def pending_edits(self) -> list[EmailEdit]:
        return [EmailEdit(self._guardians[row].guardian_id, self._versions[row], value)
                for row, value in sorted(self._pending.items())]

    # -- editing -------------------------------------------------------------------------

    def request_email(self, row: int, typed: str) -> EmailCheck:
        """Check ``typed``; if acceptable, push an undoable edit (unless nothing changes)."""
        check = check_email(typed)
        if not check.acceptable:
            self.email_refused.emit(row, typed, check)
            return check
        if check.normalized != self.email(row):
            self._undo.push(EmailEditCommand(self, row, self.email(row), check.normalized))
        self.email_accepted.emit(row, check)
        return check

    def apply_email(self, row: int, value: str | None) -> None:
        """Set the pending value (called by undo commands only)."""
        if value == self._guardians[row].email:
            self._pending.pop(row, None)
        else:
            self._pending[row] = value
        changed = self.index(row, self.EMAIL)
        self.dataChanged.emit(changed, changed)
        self.pending_changed.emit(len(self._pending))

    def accept_saved(self, guardians: tuple[GuardianLine, ...]) -> None:
        """After a save: the stored values are the new ones; nothing is pending any more."""
        self.set_guardians(guardians)

    def take_their_version(self, row: int, current_version: int) -> None:
        """Overwrite knowingly after a conflict: the next save will be checked against their version."""
        self._versions[row] = current_version

    def replace_guardian(self, row: int, line: GuardianLine) -> None:
        """Reload one guardian after a conflict: their value wins, our pending edit is dropped."""
        self._guardians[row] = line
        self._versions[row] = line.version
        self._pending.pop(row, None)
        self._undo.clear()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.pending_changed.emit(len(self._pending))

    # -- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._guardians)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 9

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 9:
            return None
        return (self.tr("Répondant"), self.tr("Rang"), self.tr("Lien"), self.tr("Habite avec"),
                self.tr("Courriel (portail)"), self.tr("Maison"), self.tr("Cellulaire"), self.tr("Travail"),
                self.tr("Autre"))[section]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.EMAIL else flags

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.EMAIL or role != Qt.ItemDataRole.EditRole:
            return False
        return self.request_email(index.row(), "" if value is None else str(value)).acceptable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or index.row() >= len(self._guardians):
            return None
        row, column = index.row(), index.column()
        guardian = self._guardians[row]
        if role == GuardianIdRole:
            return guardian.guardian_id
        if column == self.EMAIL:
            return self._email_data(row, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(guardian, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.LIVES_WITH):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NAME and guardian.other_children:
            return self.tr("Aussi répondant de : {names}. Un changement de courriel les touche aussi.").format(
                names=", ".join(guardian.other_children))
        return None

    def _display(self, guardian: GuardianLine, column: int) -> str:
        if column == self.NAME:
            return guardian.full_name
        if column == self.RANK:
            return str(guardian.respondent_rank) if guardian.respondent_rank else "—"
        if column == self.RELATIONSHIP:
            return guardian.relationship
        if column == self.LIVES_WITH:
            return self.tr("Oui") if guardian.lives_with else self.tr("Non")
        return (guardian.home_phone, guardian.cell_phone, guardian.work_phone, guardian.other_phone)[column - self.HOME]

    def _email_data(self, row: int, role: int):  # noqa: ANN202
        email = self.email(row)
        pending = row in self._pending
        if role == Qt.ItemDataRole.DisplayRole:
            return email if email else self.tr("(aucun courriel)")
        if role == Qt.ItemDataRole.EditRole:
            return email or ""
        if role == Qt.ItemDataRole.FontRole and pending:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and pending:
            return QBrush(PENDING_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not email:
                return QBrush(MISSING_FOREGROUND)
            if check_email(email).problems:
                return QBrush(WARNING_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._email_tooltip(row, email, pending)
        return None

    def _email_tooltip(self, row: int, email: str | None, pending: bool) -> str:
        guardian = self._guardians[row]
        lines = [p.message for p in check_email(email).problems if p.code != "stray_spaces"]
        if pending:
            lines.insert(0, self.tr("Modifié, pas encore enregistré (ancien : {old}). Le parent devra se "
                                    "réinscrire au portail avec la nouvelle adresse.").format(
                old=guardian.email or self.tr("aucun")))
        elif guardian.last_email_change is not None:
            change = guardian.last_email_change
            lines.insert(0, self.tr("Courriel changé le {when} par {user} ({station}) ; ancien : {old}. "
                                    "Le parent doit se réinscrire avec cette adresse.").format(
                when=change.at.strftime("%Y-%m-%d %H:%M"), user=change.os_user, station=change.workstation,
                old=change.before or self.tr("aucun")))
        lines.append(self.tr("Double-cliquez ou appuyez sur F2 pour corriger."))
        return "\n".join(lines)


class EmailEditCommand(QUndoCommand):
    """One email correction, undoable until saved."""

    def __init__(self, model: GuardiansTableModel, row: int, before: str | None, after: str | None) -> None:
        super().__init__(model.tr("Courriel {of_name}").format(of_name=de(model.guardian(row).full_name)))
        self._model = model
        self._row = row
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._model.apply_email(self._row, self._after)

    def undo(self) -> None:
        self._model.apply_email(self._row, self._before)
