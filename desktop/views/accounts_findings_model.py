"""The findings table of the "Comptes parents" page, and the proxy that filters it.

``FindingsTableModel`` shows a list of ``Finding`` dataclasses (computed in the background
through the façade, ``vitrail.accounts.findings()``, then kept current row by row with
``recheck_findings`` after a fix) as named columns; ``FindingRole`` hands
the finding itself back to the page, so opening the guardian or issuing a NIP never re-reads
the table's text.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from desktop.services.accounts.findings import ERROR, INFO, SEVERITIES, WARNING, Finding, FindingsUpdate, finding_order
from desktop.views.table_model import ItemsTableModel

FindingRole = Qt.ItemDataRole.UserRole + 1   # the Finding of the row
SortRole = Qt.ItemDataRole.UserRole + 2      # a value that sorts as users expect (severity by gravity, fiche as text)

SEVERITY_COLOURS = {ERROR: QColor("#b42318"), WARNING: QColor("#8a5a00"), INFO: QColor("#1f5f99")}

# The invalid index, a model's root: the default parent below (one object, never mutated).
_ROOT = QModelIndex()


class FindingsTableModel(ItemsTableModel):
    """One row per finding: gravity, finding, school, fiche, student, guardian, explanation."""

    SEVERITY, KIND, SCHOOL, FICHE, STUDENT, GUARDIAN, MESSAGE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._headers = (self.tr("Gravité"), self.tr("Constat"), self.tr("École"), self.tr("Fiche"),
                         self.tr("Élève"), self.tr("Répondant"), self.tr("Explication et correction"))
        self._severity_labels = {ERROR: self.tr("Erreur"), WARNING: self.tr("Avertissement"),
                                 INFO: self.tr("Information")}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def apply_update(self, update: FindingsUpdate) -> None:
        """Replace the rows a re-check replaces by its findings (after a fix), each at its place in
        the list; every other row stays, and with it the view's selection and scroll position."""
        row = len(self._findings) - 1
        while row >= 0:  # remove contiguous runs, from the end, so the rows above keep their numbers
            if update.replaces(self._findings[row]):
                last = row
                while row > 0 and update.replaces(self._findings[row - 1]):
                    row -= 1
                self.beginRemoveRows(_ROOT, row, last)
                del self._findings[row:last + 1]
                self.endRemoveRows()
            row -= 1
        for finding in sorted(update.findings, key=finding_order):
            place = bisect.bisect_right(self._findings, finding_order(finding), key=finding_order)
            self.beginInsertRows(_ROOT, place, place)
            self._findings.insert(place, finding)
            self.endInsertRows()

    def _items(self) -> list[Finding]:
        return self._findings

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == FindingRole:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(finding, column)
        if role == SortRole:
            if column == self.SEVERITY:
                return SEVERITIES.index(finding.severity)
            return self._text(finding, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.MESSAGE, self.KIND):
            return finding.message
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SEVERITY:
            return SEVERITY_COLOURS[finding.severity]
        return None

    def _text(self, finding: Finding, column: int) -> str:
        if column == self.SEVERITY:
            return self._severity_labels[finding.severity]
        if column == self.KIND:
            return finding.title
        if column == self.SCHOOL:
            return finding.school_name
        if column == self.FICHE:
            return finding.student_fiche
        if column == self.STUDENT:
            return finding.student_name
        if column == self.GUARDIAN:
            return finding.guardian_name
        return finding.message


class FindingsFilterProxy(QSortFilterProxyModel):
    """Filters the findings by school, code and severity without recomputing them.

    Exists so a filter change is instant on 10,000 findings and the selection survives a
    recomputation; sorting uses ``SortRole`` (gravity sorts error → info, not alphabetically).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._school: str | None = None
        self._code: str | None = None
        self._severity: str | None = None

    def set_filters(self, *, school: str | None, code: str | None, severity: str | None) -> None:
        """Each filter None means "all"."""
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10: invalidateFilter is deprecated
            self.beginFilterChange()
            self._school, self._code, self._severity = school, code, severity
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._school, self._code, self._severity = school, code, severity
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        finding = self.sourceModel().index(source_row, 0, source_parent).data(FindingRole)
        if finding is None:
            return False
        return ((self._school is None or finding.school_code == self._school)
                and (self._code is None or finding.code == self._code)
                and (self._severity is None or finding.severity == self._severity))
