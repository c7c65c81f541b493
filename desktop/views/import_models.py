"""The tables of the « Importation » page: the plan (counts, examples, conflicts, problems), the
corrections to carry back to the SIS, the past runs and what each one changed.

Each model shows a list of the core's frozen dataclasses (``ImportPlan`` parts, ``Correction``,
``ImportRunSummary``, ``RunChange``) as named columns; ``RecordRole`` hands the dataclass itself
back to the page, so acting on a row never re-reads the table's text. ``RecordsTableModel`` holds
what they share: a model here is only its columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.services.sync import SPECS, Change, Conflict, Correction, Kind, KindCounts, Problem, Resolution, Severity
from desktop.services.sync.records import FIELD_LABELS
from desktop.services.sync.runs import ImportRunSummary, RunChange

RecordRole = Qt.ItemDataRole.UserRole + 1  # the dataclass shown on the row

R = TypeVar("R")
_ROOT = QModelIndex()
ERROR_COLOUR = QColor("#b42318")
WARNING_COLOUR = QColor("#8a5a00")
ZERO_COLOUR = QColor("#8a939e")


def shown(value: object) -> str:
    """A value as a person reads it in a cell: « (vide) » for nothing, oui/non for a flag."""
    translate = QCoreApplication.translate
    if value is None or value == "":
        return translate("ImportModels", "(vide)")
    if isinstance(value, bool):
        return translate("ImportModels", "oui") if value else translate("ImportModels", "non")
    return str(value)


@dataclass(frozen=True)
class KindRow:
    """One kind of record in the plan's counts (``KindCounts`` does not know its kind)."""

    kind: Kind
    counts: KindCounts


class RecordsTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records; a subclass gives its headers and how each cell reads."""

    def __init__(self, headers: Sequence[str], cells: Sequence[Callable[[R], object]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._cells = tuple(cells)
        self._records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: ANN201
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,  # noqa: ANN201
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records) \
                or not 0 <= index.column() < len(self._cells):
            return None
        record = self._records[index.row()]
        if role == RecordRole:
            return record
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._cells[index.column()](record)
            return "" if value is None else str(value)
        return self.decoration(record, index.column(), role)

    def decoration(self, record: R, column: int, role: int) -> Any:
        """Colour and alignment of a cell (none by default)."""
        return None


class PlanCountsModel(RecordsTableModel[KindRow]):
    """Per kind of record: what would be added, changed, deactivated, removed, left as is."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (self.tr("Type"), self.tr("Ajouts"), self.tr("Modifications"), self.tr("Désactivations"),
             self.tr("Retraits"), self.tr("Rattachements au SIS"), self.tr("Inchangés")),
            (lambda row: SPECS[row.kind].label, lambda row: row.counts.added, lambda row: row.counts.changed,
             lambda row: row.counts.deactivated, lambda row: row.counts.deleted, lambda row: row.counts.linked,
             lambda row: row.counts.unchanged), parent)

    def decoration(self, record: KindRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column > 0 and self._cells[column](record) == 0:
            return ZERO_COLOUR  # the eye goes to what changes
        return None


class PlanChangesModel(RecordsTableModel[Change]):
    """Examples of what the plan would do, kind by kind: the record and, for a change, its fields."""

    def __init__(self, parent: QObject | None = None) -> None:
        actions = {"add": self.tr("Ajout"), "change": self.tr("Modification"),
                   "deactivate": self.tr("Désactivation"), "delete": self.tr("Retrait"),
                   "link": self.tr("Rattachement au SIS")}
        super().__init__(
            (self.tr("Type"), self.tr("Action"), self.tr("Élément"), self.tr("Ce qui change")),
            (lambda change: SPECS[change.kind].label, lambda change: actions.get(str(change.action), change.action),
             lambda change: change.label, self._fields), parent)

    @staticmethod
    def _fields(change: Change) -> str:
        return " ; ".join(f"{FIELD_LABELS.get(f.field, f.field)} : « {shown(f.before)} » → « {shown(f.after)} »"
                          for f in change.fields)


class ConflictsModel(RecordsTableModel[Conflict]):
    """Fields both Vitrail and the SIS changed since the last import; the « Choix » column is editable.

    Applying needs a ``Resolution`` for every conflict: ``choices()`` gives those made so far.
    """

    CHOICE = 5

    def __init__(self, parent: QObject | None = None) -> None:
        self._choices: dict[str, Resolution] = {}
        self.choice_labels = {Resolution.KEEP_LOCAL: self.tr("Garder la valeur de Vitrail"),
                              Resolution.TAKE_SIS: self.tr("Prendre la valeur du SIS")}
        super().__init__(
            (self.tr("Élément"), self.tr("Champ"), self.tr("Dans Vitrail"), self.tr("Dans le SIS"),
             self.tr("Le SIS disait avant"), self.tr("Choix")),
            (lambda c: c.label, lambda c: FIELD_LABELS.get(c.field, c.field), lambda c: shown(c.vitrail),
             lambda c: shown(c.sis), lambda c: shown(c.sis_before), self._choice_text), parent)

    def set_records(self, records: Sequence[Conflict]) -> None:
        self._choices = {}
        super().set_records(records)

    def _choice_text(self, conflict: Conflict) -> str:
        choice = self._choices.get(conflict.code)
        return self.choice_labels[choice] if choice is not None else self.tr("À choisir")

    def choices(self) -> dict[str, Resolution]:
        return dict(self._choices)

    def unresolved(self) -> int:
        return sum(1 for conflict in self.records() if conflict.code not in self._choices)

    def choose(self, rows: Sequence[int], resolution: Resolution) -> None:
        """Settle the conflicts of ``rows`` (all of them when empty) the same way."""
        records = self.records()
        for row in rows or range(len(records)):
            self.setData(self.index(row, self.CHOICE), resolution, Qt.ItemDataRole.EditRole)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.CHOICE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex,  # noqa: ANN201
             role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == self.CHOICE \
                and 0 <= index.row() < self.rowCount():
            return str(self._choices.get(self.records()[index.row()].code, ""))
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.CHOICE \
                or not 0 <= index.row() < self.rowCount():
            return False
        try:
            resolution = Resolution(str(value))
        except ValueError:
            return False
        self._choices[self.records()[index.row()].code] = resolution
        self.dataChanged.emit(index, index)
        return True

    def decoration(self, record: Conflict, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.CHOICE and record.code not in self._choices:
            return WARNING_COLOUR
        return None


class ProblemsModel(RecordsTableModel[Problem]):
    """Every problem of the input: gravity, file, line, field and what is wrong, in French."""

    def __init__(self, parent: QObject | None = None) -> None:
        severities = {Severity.ERROR: self.tr("Erreur"), Severity.WARNING: self.tr("Avertissement")}
        super().__init__(
            (self.tr("Gravité"), self.tr("Fichier"), self.tr("Ligne"), self.tr("Champ"), self.tr("Explication")),
            (lambda p: severities[p.severity], lambda p: p.file, lambda p: p.line, lambda p: p.field,
             lambda p: p.message), parent)

    def decoration(self, record: Problem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return ERROR_COLOUR if record.severity == Severity.ERROR else WARNING_COLOUR
        return None


class CorrectionsModel(RecordsTableModel[Correction]):
    """Values corrected in Vitrail that the SIS still holds in their old form (« à reporter dans le SIS »)."""

    def __init__(self, parent: QObject | None = None) -> None:
        kinds = {Kind.STUDENT: self.tr("Élève"), Kind.GUARDIAN: self.tr("Parent")}
        super().__init__(
            (self.tr("Type"), self.tr("Élément"), self.tr("Champ"), self.tr("Dans Vitrail (corrigé)"),
             self.tr("Dans le SIS")),
            (lambda c: kinds.get(c.kind, SPECS[c.kind].label), lambda c: c.label,
             lambda c: FIELD_LABELS.get(c.field, c.field), lambda c: shown(c.vitrail), lambda c: shown(c.sis)),
            parent)


class RunsModel(RecordsTableModel[ImportRunSummary]):
    """The imports applied, newest first: when, by whom, from where, how many rows written."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (self.tr("N°"), self.tr("Date"), self.tr("Par"), self.tr("Source"), self.tr("Lignes écrites")),
            (lambda r: r.id, lambda r: f"{r.started_at:%Y-%m-%d %H:%M}", lambda r: f"{r.os_user}@{r.workstation}",
             lambda r: f"{r.source_kind} {r.version} · {r.source}", lambda r: r.rows_written), parent)


class RunChangesModel(RecordsTableModel[RunChange]):
    """What one run wrote, as the audit log holds it: a row added or removed, or one field changed."""

    def __init__(self, parent: QObject | None = None) -> None:
        actions = {"insert": self.tr("Ajout"), "update": self.tr("Modification"), "delete": self.tr("Retrait")}
        super().__init__(
            (self.tr("Action"), self.tr("Table"), self.tr("N°"), self.tr("Champ"), self.tr("Avant"),
             self.tr("Après")),
            (lambda c: actions.get(c.action, c.action), lambda c: c.entity, lambda c: c.entity_id,
             lambda c: FIELD_LABELS.get(c.field or "", c.field), lambda c: c.before, lambda c: c.after), parent)
