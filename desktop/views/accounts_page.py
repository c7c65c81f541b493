"""Comptes parents: the email and code findings of the whole board, fixed at the source.

The findings are computed in the background (``compute_findings`` on its own connection) and
recomputed as soon as a guardian or a student is saved anywhere in the window; the filters work on the computed list through ``FindingsFilterProxy``. Opening a
finding jumps to the students page at the guardian's email (or the student's code). From the
selection the secretary issues NIPs with their letters: each NIP is shown once, here, then only
as "émis le … par …".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop.models import School
from desktop.services.accounts.findings import FINDING_KINDS, SEVERITIES, Finding, compute_findings, write_findings_csv
from desktop.services.accounts.nips import (
    DEFAULT_VALIDITY_DAYS,
    MAX_VALIDITY_DAYS,
    IssuedNip,
    NipRequest,
    NipStatus,
    issue_nips,
    letter_data,
    nip_status,
    revoke_nip,
)
from desktop.services.errors import VitrailError
from desktop.views.accounts_findings_model import FindingRole, FindingsFilterProxy, FindingsTableModel
from desktop.views.context import ViewContext
from desktop.views.tasks import BackgroundTask


class IssueNipDialog(QDialog):
    """Validity and letter file for the NIPs about to be issued."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Émettre des NIP"))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_VALIDITY_DAYS)
        self.days.setValue(DEFAULT_VALIDITY_DAYS)
        self.days.setSuffix(self.tr(" jours"))
        self.letter = QLineEdit()
        self.letter.setPlaceholderText(self.tr("fichier PDF des lettres"))
        browse = QPushButton(self.tr("Choisir…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.letter, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Validité :"), self.days)
        form.addRow(self.tr("Lettres :"), row)
        intro = QLabel(self.tr("Un NIP sera émis pour {count} répondant(s). Un NIP déjà émis pour le même élève "
                               "et le même répondant cessera aussitôt de fonctionner. Chaque NIP n'est affiché "
                               "qu'une fois : imprimez les lettres.").format(count=count))
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Émettre"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 200)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lettres des NIP"), "lettres-nip.pdf",
                                              self.tr("Documents PDF (*.pdf)"))
        if path:
            self.letter.setText(path)

    def _accept(self) -> None:
        if not self.letter.text().strip():
            QMessageBox.warning(self, self.tr("Lettres"), self.tr("Choisissez le fichier des lettres : "
                                                                   "c'est le seul endroit où le NIP sera imprimé."))
            return
        self.accept()


class NipRevealDialog(QDialog):
    """The only time NIPs are shown in clear."""

    def __init__(self, lines: list[str], letter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("NIP émis"))
        warning = QLabel(self.tr("Ces NIP ne seront plus jamais affichés. Les lettres sont dans « {path} ». "
                                 "Ne les envoyez jamais par courriel.").format(path=letter))
        warning.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines))
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 300)


class AccountsPage(QWidget):
    """Counts per finding, filters, the findings table, and the actions on the selection."""

    findings_loaded = Signal(int)     # number of findings
    nips_issued = Signal(list)        # list[IssuedNip], the NIPs just issued (to show once)
    failed = Signal(str)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("AccountsPage", "Comptes parents")

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._tasks: set[BackgroundTask] = set()
        self._computing = False
        self._stale = False
        self.reveal_dialog: NipRevealDialog | None = None
        self.model = FindingsTableModel(self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.failed.connect(self._show_error)
        context.events.guardian_saved.connect(self._record_saved)
        context.events.student_saved.connect(self._record_saved)
        context.events.nips_changed.connect(self._selection_changed)
        self._shown_once = False

    def showEvent(self, event) -> None:  # noqa: ANN001
        """Compute on first display, not at start-up: 100,000 students cost a second or two of CPU."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.refresh()

    def _record_saved(self, *_args: object) -> None:
        if self._shown_once:
            self.refresh()

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Comptes parents"))
        title.setObjectName("page_title")
        self.status = QLabel()
        self.status.setObjectName("count")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.status)

        self.counts = QGridLayout()
        self.count_labels: dict[str, QLabel] = {}
        for position, (code, kind) in enumerate(FINDING_KINDS.items()):
            label = QLabel()
            label.setObjectName(f"count_{code}")
            label.setTextInteractionFlags(Qt.LinksAccessibleByMouse)
            label.linkActivated.connect(self._filter_on_code)
            self.count_labels[code] = label
            self.counts.addWidget(label, position // 3, position % 3)

        self.school_filter = QComboBox()
        self.school_filter.addItem(self.tr("Toutes les écoles"), None)
        with self.context.database.sessions() as session:
            for code, name in session.execute(select(School.code, School.name).order_by(School.name)):
                self.school_filter.addItem(name, code)
        self.code_filter = QComboBox()
        self.code_filter.addItem(self.tr("Tous les constats"), None)
        for code, kind in FINDING_KINDS.items():
            self.code_filter.addItem(kind.title, code)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("Toutes les gravités"), None)
        labels = {"error": self.tr("Erreurs"), "warning": self.tr("Avertissements"), "info": self.tr("Informations")}
        for severity in SEVERITIES:
            self.severity_filter.addItem(labels[severity], severity)
        for combo in (self.school_filter, self.code_filter, self.severity_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Filtrer :")))
        filters.addWidget(self.school_filter)
        filters.addWidget(self.code_filter)
        filters.addWidget(self.severity_filter)
        filters.addStretch(1)

        self.table = QTableView()
        self.table.setObjectName("findings_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FindingsTableModel.SEVERITY, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        for column, width in ((0, 110), (1, 215), (2, 150), (3, 70), (4, 165), (5, 150)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.nip_label = QLabel()
        self.nip_label.setObjectName("hint")
        self.open_button = QPushButton(self.tr("Ouvrir au bon champ"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_current)
        self.issue_button = QPushButton(self.tr("Émettre un NIP pour la sélection…"))
        self.issue_button.clicked.connect(self.ask_issue_nips)
        self.revoke_button = QPushButton(self.tr("Révoquer le NIP"))
        self.revoke_button.clicked.connect(self.revoke_current)
        export = QPushButton(self.tr("Exporter en CSV…"))
        export.clicked.connect(self.ask_export)
        refresh = QPushButton(self.tr("Actualiser"))
        refresh.clicked.connect(self.refresh)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.open_button, self.issue_button, self.revoke_button, export, refresh):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addLayout(top)
        layout.addLayout(self.counts)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.nip_label)
        layout.addLayout(actions)
        self._selection_changed()

    # -- computing ------------------------------------------------------------------------

    def refresh(self, *_args: object) -> None:
        """Recompute in the background; a request during a computation reruns it once after."""
        if self._computing:
            self._stale = True
            return
        self._computing = True
        self._stale = False
        self.status.setText(self.tr("Calcul des constats…"))
        database = self.context.database

        def work(control):  # noqa: ANN001, ANN202
            with database.engine.connect() as connection:
                return compute_findings(connection)

        task = BackgroundTask(work, self)
        task.succeeded.connect(self._loaded)
        task.failed.connect(self.failed)
        task.finished.connect(lambda: self._finished(task))
        self._tasks.add(task)
        task.start()

    def _finished(self, task: BackgroundTask) -> None:
        self._tasks.discard(task)
        self._computing = False
        if self._stale:
            self.refresh()

    def _loaded(self, findings: list[Finding]) -> None:
        selected = {(f.code, f.student_id, f.guardian_id) for f in self.selected_findings()}
        self.model.set_findings(findings)
        counts = {code: 0 for code in FINDING_KINDS}
        for finding in findings:
            counts[finding.code] += 1
        for code, label in self.count_labels.items():
            label.setText(f'<a href="{code}">{FINDING_KINDS[code].title}</a> : <b>{counts[code]}</b>')
        self.status.setText(self.tr("{count} constat(s)").format(count=len(findings)))
        self._reselect(selected)
        self.findings_loaded.emit(len(findings))

    def _reselect(self, keys: set[tuple]) -> None:
        if not keys:
            return
        selection = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            finding = self.proxy.index(row, 0).data(FindingRole)
            if (finding.code, finding.student_id, finding.guardian_id) in keys:
                selection.select(self.proxy.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    # -- filters --------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        self.proxy.set_filters(school=self.school_filter.currentData(), code=self.code_filter.currentData(),
                               severity=self.severity_filter.currentData())
        shown = self.proxy.rowCount()
        if self.model.rowCount() and shown != self.model.rowCount():
            self.status.setText(self.tr("{shown} constat(s) affiché(s) sur {count}").format(
                shown=shown, count=self.model.rowCount()))
        elif self.model.rowCount():
            self.status.setText(self.tr("{count} constat(s)").format(count=self.model.rowCount()))

    def _filter_on_code(self, code: str) -> None:
        self.code_filter.setCurrentIndex(self.code_filter.findData(code))

    # -- selection and actions --------------------------------------------------------------

    def selected_findings(self) -> list[Finding]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [index.data(FindingRole) for index in rows]

    def _current(self) -> Finding | None:
        findings = self.selected_findings()
        if findings:
            return findings[0]
        index = self.table.currentIndex()
        return index.data(FindingRole) if index.isValid() else None

    def _selection_changed(self, *_args: object) -> None:
        current = self._current()
        self.open_button.setEnabled(current is not None)
        self.issue_button.setEnabled(bool(self._pairs()))
        status = None
        if current is not None and current.guardian_id is not None:
            with self.context.database.sessions() as session:
                status = nip_status(session, current.student_id, current.guardian_id)
        self.revoke_button.setEnabled(status is not None and status.revoked_at is None)
        self.nip_label.setText(self._nip_text(current, status))

    def _nip_text(self, finding: Finding | None, status: NipStatus | None) -> str:
        """What may be said about the selected guardian's NIP: never the NIP itself."""
        if finding is None or finding.guardian_id is None:
            return ""
        if status is None:
            return self.tr("{guardian} : aucun NIP émis pour cet élève.").format(guardian=finding.guardian_name)
        return f"{finding.guardian_name} : {status.describe(self.context.today())}"

    def _pairs(self) -> list[NipRequest]:
        return list(dict.fromkeys(NipRequest(f.student_id, f.guardian_id)
                                  for f in self.selected_findings() if f.guardian_id is not None))

    def _open_index(self, index: QModelIndex) -> None:
        finding = index.data(FindingRole)
        if finding is not None:
            self.open_finding(finding)

    def open_current(self) -> None:
        finding = self._current()
        if finding is not None:
            self.open_finding(finding)

    def open_finding(self, finding: Finding) -> None:
        """Jump to the students page at the field to fix (the guardian's email, or the student)."""
        self.context.navigate("students", student_id=finding.student_id, guardian_id=finding.guardian_id,
                              field=finding.field)

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Exporter les constats"), "constats-comptes-parents.csv",
                                              self.tr("Fichiers CSV (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> int:
        """Write the findings shown (filters applied) to ``path``; returns the number of rows."""
        shown = [self.proxy.index(row, 0).data(FindingRole) for row in range(self.proxy.rowCount())]
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as out:
                count = write_findings_csv(shown, out)
        except OSError as exc:
            self._show_error(self.tr("Impossible d'écrire « {path} » : {reason}").format(path=path, reason=exc.strerror))
            return 0
        self.status.setText(self.tr("{count} constat(s) exporté(s) dans « {name} »").format(count=count,
                                                                                            name=path.name))
        return count

    def ask_issue_nips(self) -> None:
        pairs = self._pairs()
        if not pairs:
            return
        dialog = IssueNipDialog(len(pairs), self)
        if dialog.exec() != QDialog.Accepted:
            return
        self.issue_nips(pairs, dialog.days.value(), Path(dialog.letter.text().strip()))

    def issue_nips(self, pairs: list[NipRequest], days: int, letter: Path) -> None:
        """Issue the NIPs and write their letters in the background; then show them once."""
        database = self.context.database
        today = self.context.today()

        def work(control):  # noqa: ANN001, ANN202
            from desktop.services.reports.nip_letter import write_nip_letters

            issued = issue_nips(database, pairs, validity_days=days)
            with database.sessions() as session:
                letters = letter_data(session, issued)
            write_nip_letters(letter, letters)
            return issued

        task = BackgroundTask(work, self)
        task.succeeded.connect(lambda issued: self._issued(issued, letter))
        task.failed.connect(self.failed)
        task.finished.connect(lambda: self._tasks.discard(task))
        self._tasks.add(task)
        self.status.setText(self.tr("Émission des NIP…"))
        task.start()

    def _issued(self, issued: list[IssuedNip], letter: Path) -> None:
        for student_id in {nip.student_id for nip in issued}:
            self.context.events.nips_changed.emit(student_id)
        self.nips_issued.emit(issued)
        names = {(f.student_id, f.guardian_id): (f.student_name, f.guardian_name) for f in self.model.findings()}
        lines = []
        for nip in issued:
            student, guardian = names.get((nip.student_id, nip.guardian_id), ("", ""))
            lines.append(self.tr("{guardian} — {student} : {nip} (expire le {expires})").format(
                guardian=guardian, student=student, nip=nip.nip, expires=nip.expires_on.strftime("%d/%m/%Y")))
        # Window-modal but not blocking: the page stays responsive to background results.
        self.reveal_dialog = NipRevealDialog(lines, str(letter), self)
        self.reveal_dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.reveal_dialog.open()

    def revoke_current(self) -> None:
        finding = self._current()
        if finding is None or finding.guardian_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Révoquer le NIP"), self.tr(
            "Révoquer le NIP de {guardian} pour {student} ? Il cessera aussitôt de fonctionner.").format(
            guardian=finding.guardian_name, student=finding.student_name))
        if answer == QMessageBox.Yes:
            self.revoke(finding)

    def revoke(self, finding: Finding) -> None:
        try:
            revoke_nip(self.context.database, finding.student_id, finding.guardian_id)
        except VitrailError as exc:
            self._show_error(str(exc))
            return
        self.context.events.nips_changed.emit(finding.student_id)
        self._selection_changed()

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        if self.isVisible():
            box = QMessageBox(QMessageBox.Warning, self.tr("Comptes parents"), message, QMessageBox.Ok, self)
            box.setAttribute(Qt.WA_DeleteOnClose)
            box.open()
