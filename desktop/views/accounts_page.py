"""Comptes parents: the email and code findings of the whole board, fixed at the source.

Everything is read and written through the façade on the operation runner. On first display the
page lists the person's kept findings at once; it computes the board again, in the background, only
when they are not current (an import, a change made on another workstation since) or after an
import made here. A fix anywhere in the window (``runner.changed``: a guardian's email, a student's
code) re-checks only what it may affect and replaces those rows (``recheck_findings``), then keeps
the list, current, for the next opening (``keep_findings``); the filters work on the listed findings
through ``FindingsFilterProxy``. Opening a finding jumps to the students page at the guardian's
email (or the student's code). From the selection the secretary issues NIPs: the façade writes
their letter in the same transaction (both or neither), and each NIP is shown once, here, then
only as "émis le … par …" — a status read in the background for the selected guardian.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
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

from desktop.services.access import Right
from desktop.services.accounts.findings import FINDING_KINDS, SEVERITIES, Finding, FindingsUpdate
from desktop.services.accounts.findings_snapshot import StoredFindings
from desktop.services.accounts.nips import (
    DEFAULT_VALIDITY_DAYS,
    MAX_VALIDITY_DAYS,
    IssuedNip,
    NipRequest,
    NipStatus,
    NipWarning,
)
from desktop.services.errors import InvalidInput
from desktop.services.facade import Changes
from desktop.services.formatting import de, format_datetime
from desktop.services.outputs import check_output_file, describe_os_error, staged_file
from desktop.services.reports.batch import SchoolChoice
from desktop.services.students import StudentFile
from desktop.views.access_greying import allow
from desktop.views.accounts_findings_model import FindingRole, FindingsFilterProxy, FindingsTableModel
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage


class IssueNipDialog(QDialog):
    """Validity and letter file for the NIPs about to be issued, and who cannot use theirs yet.

    ``warnings`` (``vitrail.accounts.nip_warnings``, read before the dialog opens) name the
    guardians with no email on file or a doubtful one (accounts.md §3): issuing is still allowed,
    but the secretary knows before, not after.
    """

    def __init__(self, count: int, parent: QWidget | None = None, *,
                 warnings: Sequence[NipWarning] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Émettre des NIP"))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_VALIDITY_DAYS)
        self.days.setValue(DEFAULT_VALIDITY_DAYS)
        self.days.setSuffix(self.tr(" jours"))
        self.letter = QLineEdit()
        self.letter.setPlaceholderText(self.tr("fichier PDF des lettres"))
        self._confirmed: str | None = None
        browse = QPushButton(self.tr("Choisir…"))
        browse.setAutoDefault(False)  # Entrée in the dialog issues; it never opens the file chooser
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Émettre"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("nip_warnings_title")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.warnings_text = QPlainTextEdit()
        self.warnings_text.setObjectName("nip_warnings")
        self.warnings_text.setReadOnly(True)
        self.warnings_text.setMaximumHeight(150)
        self.warnings_text.setAccessibleName(self.tr("Répondants qui ne pourront pas encore utiliser leur NIP"))
        if warnings:
            people = len({(w.student_id, w.guardian_id) for w in warnings})
            self.warnings_label.setText(self.tr(
                "Attention : {count} répondant(s) ne pourront pas encore utiliser leur NIP. Vous pouvez "
                "l'émettre quand même, ou annuler et corriger le courriel d'abord.").format(count=people))
            self.warnings_text.setPlainText("\n".join(f"⚠ {w.message}" for w in warnings))
            layout.addWidget(self.warnings_label)
            layout.addWidget(self.warnings_text)
        else:
            self.warnings_label.hide()
            self.warnings_text.hide()
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 320 if warnings else 200)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Lettres des NIP"), "lettres-nip.pdf",
                                              self.tr("Documents PDF (*.pdf)"))
        if path:
            self.letter.setText(path)
            self._confirmed = path  # the save dialog asked before choosing an existing file

    def _accept(self) -> None:
        text = self.letter.text().strip()
        if not text:
            QMessageBox.warning(self, self.tr("Lettres"), self.tr("Choisissez le fichier des lettres : "
                                                                   "c'est le seul endroit où le NIP sera imprimé."))
            return
        if Path(text).is_file() and text != self._confirmed and QMessageBox.question(
                self, self.tr("Lettres"), self.tr("« {path} » existe déjà. Le remplacer par les nouvelles "
                                                  "lettres ?").format(path=text)) != QMessageBox.StandardButton.Yes:
            return  # never replaced silently (issue 13)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
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
    nip_status_shown = Signal()       # the selected guardian's NIP status is on screen
    nips_issued = Signal(list)        # list[IssuedNip], the NIPs just issued (to show once)
    failed = Signal(str)

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._computing = False
        self._stale = False
        self._shown_once = False
        self._findings_known = False
        self._status_request = 0  # the latest NIP status asked for; older answers are dropped
        self.reveal_dialog: NipRevealDialog | None = None
        # Names of students opened from the Élèves page's selection, who may have no finding here.
        self._names: dict[tuple[int, int | None], tuple[str, str]] = {}
        self.model = FindingsTableModel(self)
        self.proxy = FindingsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.failed.connect(self._show_error)
        context.runner.changed.connect(self._data_changed)
        context.access_known.known.connect(self.apply_access)

    def showEvent(self, event: QShowEvent) -> None:
        """Compute on first display, not at start-up: 100,000 students cost a second or two of CPU."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._load_schools()
            self.refresh()

    def _data_changed(self, changes: Changes) -> None:
        """Recompute when a write touched what the findings are made of; re-read the NIP status."""
        if not self._shown_once:
            return
        if changes.board:
            self._load_schools()
        if changes.board:
            self.refresh()
        elif changes.guardians or changes.students:
            self.recheck(changes.guardians, changes.students)
        elif changes.nips:
            current = self._current()
            if current is not None and current.student_id in changes.nips:
                self._load_nip_status(current)

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
        for position, code in enumerate(FINDING_KINDS):
            label = QLabel()
            label.setObjectName(f"count_{code}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            label.linkActivated.connect(self._filter_on_code)
            self.count_labels[code] = label
            self.counts.addWidget(label, position // 3, position % 3)

        self.school_filter = QComboBox()
        # The schools arrive after the first show: the box follows its contents.
        self.school_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.school_filter.addItem(self.tr("Toutes les écoles"), None)
        self.code_filter = QComboBox()
        self.code_filter.addItem(self.tr("Tous les constats"), None)
        for code, kind in FINDING_KINDS.items():
            self.code_filter.addItem(kind.title, code)
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("Toutes les gravités"), None)
        labels = {"error": self.tr("Erreurs"), "warning": self.tr("Avertissements"), "info": self.tr("Informations")}
        for severity in SEVERITIES:
            self.severity_filter.addItem(labels[severity], severity)
        self.school_filter.setAccessibleName(self.tr("Filtrer par école"))
        self.code_filter.setAccessibleName(self.tr("Filtrer par constat"))
        self.severity_filter.setAccessibleName(self.tr("Filtrer par gravité"))
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
        self.table.setAccessibleName(self.tr("Constats"))
        self.table.setAccessibleDescription(self.tr(
            "Entrée ouvre le dossier au bon champ ; Maj ou Ctrl pour sélectionner plusieurs constats"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FindingsTableModel.SEVERITY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        for column, width in ((0, 110), (1, 215), (2, 150), (3, 70), (4, 165), (5, 150)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open_index)  # Entrée, or a double click
        self.empty_message = EmptyListMessage(self.table, self._empty_text)
        self.table.selectionModel().selectionChanged.connect(lambda *_selection: self._selection_changed())

        self.nip_label = QLabel()
        self.nip_label.setObjectName("hint")
        self.open_button = QPushButton(self.tr("Ouvrir au bon champ"))
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_current)
        self.issue_button = QPushButton(self.tr("Émettre un NIP pour la sélection…"))
        self.issue_button.clicked.connect(lambda: self.ask_issue_nips())
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

    def _load_schools(self) -> None:
        directory = self.context.vitrail.directory
        self.context.runner.query(self, lambda _progress: directory.schools(), self._schools_loaded, self.failed.emit)

    def _schools_loaded(self, schools: list[SchoolChoice]) -> None:
        chosen = self.school_filter.currentData()
        self.school_filter.blockSignals(True)
        while self.school_filter.count() > 1:
            self.school_filter.removeItem(1)
        for school in sorted(schools, key=lambda s: s.name):
            self.school_filter.addItem(school.name, school.code)
        position = self.school_filter.findData(chosen)
        self.school_filter.setCurrentIndex(max(0, position))
        self.school_filter.blockSignals(False)
        if position < 0:  # the school filtered on is gone
            self._apply_filters()

    def refresh(self) -> None:
        """Recompute in the background; a request during a computation reruns it once after."""
        if self._computing:
            self._stale = True
            return
        self._computing = True
        self._stale = False
        accounts = self.context.vitrail.accounts
        if not self._findings_known:  # the page just opened: the last list at once, dated, then the new one
            self.status.setText(self.tr("Chargement des constats…"))
            self.context.runner.query(self, lambda _progress: accounts.stored_findings(), self._stored_loaded,
                                      lambda _message: self._compute())
            return
        self._compute()

    def _compute(self) -> None:
        if not self._findings_known:
            self.status.setText(self.tr("Calcul des constats…"))
        accounts = self.context.vitrail.accounts
        self.context.runner.query(self, lambda _progress: accounts.findings(keep=False), self._loaded,
                                  self._not_computed)

    def _stored_loaded(self, stored: StoredFindings | None) -> None:
        """The kept list: current, it is the list (nothing to compute); else listed, dated, while the
        board is computed again."""
        if stored is not None and stored.current and not self._findings_known:
            self._show_findings(stored.findings)
            self._computed()
            return
        if stored is not None and not self._findings_known:
            self._show_findings(stored.findings)
            self.status.setText(self.tr("{count} constat(s) au {when} ; mise à jour…").format(
                count=len(stored.findings), when=format_datetime(stored.computed_at)))
        self._compute()

    def recheck(self, guardian_ids: frozenset[int], student_ids: frozenset[int] = frozenset()) -> None:
        """After a fix: re-check only what it may affect and replace those rows (a board-wide
        computation takes a second or more on a large board; this, milliseconds)."""
        if self._computing or not self._findings_known:
            self._stale = self._computing  # the computation under way may predate the fix: run it again
            return
        accounts = self.context.vitrail.accounts
        self.context.runner.query(self, lambda _progress: accounts.recheck_findings(guardian_ids, student_ids),
                                  self._rechecked, self.failed.emit)

    def _rechecked(self, update: FindingsUpdate) -> None:
        selected = {(f.code, f.student_id, f.guardian_id) for f in self.selected_findings()}
        self.model.apply_update(update)
        self._show_counts(self.model.findings())
        self._apply_filters()
        if not self._reselect(selected):
            self._selection_changed()
        self.findings_loaded.emit(self.model.rowCount())
        self._keep()

    def _keep(self) -> None:
        """Keep the list shown as this person's, in the background (a failure is logged there): the
        next opening lists it at once, and computes nothing if nothing changed meanwhile."""
        accounts = self.context.vitrail.accounts
        self.context.runner.query(self, lambda _progress: accounts.keep_findings(), quiet=True)

    def _computed(self) -> None:
        self._computing = False
        if self._stale:
            self.refresh()

    def _not_computed(self, message: str) -> None:
        self.failed.emit(message)
        self._computing = False
        self._stale = False

    def _loaded(self, findings: list[Finding]) -> None:
        self._show_findings(findings)
        self._keep()  # after the list is shown
        self._computed()

    def _show_findings(self, findings: list[Finding]) -> None:
        selected = {(f.code, f.student_id, f.guardian_id) for f in self.selected_findings()}
        self._findings_known = True  # from now on an empty list means "nothing found", not "not computed yet"
        self.model.set_findings(findings)
        self._show_counts(findings)
        self._apply_filters()
        if not self._reselect(selected):
            self._selection_changed()
        self.findings_loaded.emit(len(findings))

    def _show_counts(self, findings: list[Finding]) -> None:
        counts = {code: 0 for code in FINDING_KINDS}
        for finding in findings:
            counts[finding.code] += 1
        for code, label in self.count_labels.items():
            label.setText(f'<a href="{code}">{FINDING_KINDS[code].title}</a> : <b>{counts[code]}</b>')
        self.status.setText(self.tr("{count} constat(s)").format(count=len(findings)))

    def _reselect(self, keys: set[tuple[str, int, int | None]]) -> bool:
        """Select again the findings selected before a recomputation (in one selection change)."""
        rows = QItemSelection()
        for row in range(self.proxy.rowCount()):
            finding = self.proxy.index(row, 0).data(FindingRole)
            if (finding.code, finding.student_id, finding.guardian_id) in keys:
                rows.select(self.proxy.index(row, 0), self.proxy.index(row, 0))
        if rows.isEmpty():
            return False
        self.table.selectionModel().select(
            rows, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        return True

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

    def _empty_text(self) -> str:
        if self.model.rowCount():
            return self.tr("Aucun constat ne correspond à ces filtres.")
        return self.tr("Aucun constat : chaque parent peut utiliser le portail.") if self._findings_known else ""

    def _filter_on_code(self, code: str) -> None:
        self.code_filter.setCurrentIndex(self.code_filter.findData(code))

    # -- selection and actions --------------------------------------------------------------

    def selected_findings(self) -> list[Finding]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [index.data(FindingRole) for index in rows]

    def _current(self) -> Finding | None:
        """The first selected finding. Only the selection counts: after a recomputation the view's
        current cell may sit on another row, and a button acting on it would do what nobody asked."""
        findings = self.selected_findings()
        return findings[0] if findings else None

    def apply_access(self) -> None:
        """Grey what the person may not do here (called again when their grants change)."""
        self._selection_changed()

    def _selection_changed(self) -> None:
        current = self._current()
        self.open_button.setEnabled(current is not None)
        nips_refused = self.context.refusal(Right.MANAGE_NIPS)
        allow(self.issue_button, nips_refused, enabled=bool(self._pairs()))
        allow(self.revoke_button, nips_refused, enabled=False)
        if current is None or current.guardian_id is None:
            self._status_request += 1  # an answer still on its way is for another row
            self.nip_label.setText("")
            return
        self._load_nip_status(current)

    def _load_nip_status(self, finding: Finding) -> None:
        """Read the guardian's NIP status in the background; only the latest request is shown."""
        self._status_request += 1
        request = self._status_request
        accounts = self.context.vitrail.accounts
        student_id, guardian_id = finding.student_id, finding.guardian_id
        if guardian_id is None:
            return
        self.context.runner.query(self, lambda _progress: accounts.nip_status(student_id, guardian_id),
                                  lambda status: self._show_nip_status(request, finding, status), self.failed.emit)

    def _show_nip_status(self, request: int, finding: Finding, status: NipStatus | None) -> None:
        if request != self._status_request:
            return  # the selection moved on meanwhile
        allow(self.revoke_button, self.context.refusal(Right.MANAGE_NIPS),
              enabled=status is not None and status.revoked_at is None)
        self.nip_label.setText(self._nip_text(finding, status))
        self.nip_status_shown.emit()

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
        """Jump to the students page at the field to fix (the guardian's email, or the student). A
        page opened on a current kept list holds no board yet: it is loaded while the secretary
        types, so the fix's re-check takes milliseconds. Not during a computation, which loads it: the
        request would wait on it and hold a worker the students page needs to open the file."""
        if not self._computing:
            accounts = self.context.vitrail.accounts
            self.context.runner.query(self, lambda _progress: accounts.prepare_rechecks(), quiet=True)
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
        try:  # private (0600), never half-written: the findings name guardians and their emails
            with staged_file(check_output_file(path, suffix=None)) as temporary, \
                    temporary.open("w", encoding="utf-8-sig", newline="") as out:
                count = self.context.vitrail.accounts.export_findings(shown, out)
        except OSError as exc:
            self._show_error(self.tr("Impossible d'écrire « {path} » : {reason}").format(
                path=path, reason=describe_os_error(exc)))
            return 0
        except InvalidInput as exc:
            self._show_error(str(exc))
            return 0
        self.status.setText(self.tr("{count} constat(s) exporté(s) dans « {name} »").format(count=count,
                                                                                            name=path.name))
        return count

    def show_target(self, student_ids: tuple[int, ...] = (), **_other: object) -> None:
        """Opened on the Élèves page's selection: issue NIPs to the respondents of those students."""
        if student_ids:
            self.issue_for_students(tuple(student_ids))

    def issue_for_students(self, student_ids: tuple[int, ...]) -> None:
        """Read the students' respondents in the background, then ask as for a selection of findings."""
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: [students.file(sid) for sid in student_ids],
                                  self._ask_issue_for_files, self.failed.emit)

    def _ask_issue_for_files(self, files: list[StudentFile]) -> None:
        pairs = []
        for file in files:
            for guardian in file.guardians:
                if guardian.respondent_rank is not None:
                    pairs.append(NipRequest(file.student_id, guardian.guardian_id))
                    self._names[(file.student_id, guardian.guardian_id)] = (
                        f"{file.first_name} {file.last_name}", f"{guardian.first_name} {guardian.last_name}")
        if not pairs:
            self.status.setText(self.tr("Aucun répondant pour les élèves sélectionnés : aucun NIP à émettre."))
            return
        self.ask_issue_nips(pairs)

    def ask_issue_nips(self, pairs: list[NipRequest] | None = None) -> None:
        """Read who cannot use a NIP yet in the background, then ask (validity, letters) with the warnings."""
        pairs = self._pairs() if pairs is None else pairs
        if not pairs:
            return
        accounts = self.context.vitrail.accounts
        self.context.runner.query(self, lambda _progress: accounts.nip_warnings(pairs),
                                  lambda warnings: self._ask_issue(pairs, warnings), self.failed.emit)

    def _ask_issue(self, pairs: list[NipRequest], warnings: list[NipWarning]) -> None:
        dialog = IssueNipDialog(len(pairs), self, warnings=warnings)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.issue_nips(pairs, dialog.days.value(), Path(dialog.letter.text().strip()))

    def issue_nips(self, pairs: list[NipRequest], days: int, letter: Path) -> None:
        """Issue the NIPs with their letters in the background (both or neither); then show them once."""
        accounts = self.context.vitrail.accounts
        self.status.setText(self.tr("Émission des NIP…"))
        self.issue_button.setEnabled(False)  # one issue at a time: a second click would reissue the same NIPs

        def failed(message: str) -> None:
            self._issue_ended()
            self.failed.emit(message)

        self.context.runner.write(self, lambda _progress: accounts.issue_nips(pairs, validity_days=days, letter=letter),
                                  lambda issued: self._issued(issued, letter), failed,
                                  on_cancelled=self._issue_ended)

    def _issue_ended(self) -> None:
        """An issue that failed or was cancelled: the header and the buttons as they were."""
        self._show_count()
        self._selection_changed()

    def _show_count(self) -> None:
        """The header says how many findings are listed: never a finished operation's "…" label."""
        self._apply_filters()
        if not self.model.rowCount():
            self.status.setText(self.tr("{count} constat(s)").format(count=0))

    def _issued(self, issued: list[IssuedNip], letter: Path) -> None:
        self._selection_changed()
        self.status.setText(self.tr("{count} NIP émis ; lettres dans « {name} »").format(count=len(issued),
                                                                                     name=letter.name))
        self.nips_issued.emit(issued)
        names = dict(self._names)
        names.update({(f.student_id, f.guardian_id): (f.student_name, f.guardian_name) for f in self.model.findings()})
        lines = []
        for nip in issued:
            student, guardian = names.get((nip.student_id, nip.guardian_id), ("", ""))
            lines.append(self.tr("{guardian} — {student} : {nip} (expire le {expires})").format(
                guardian=guardian, student=student, nip=nip.nip, expires=nip.expires_on.strftime("%d/%m/%Y")))
            lines.extend(self.tr("  ⚠ Attention : {message}").format(message=w.message) for w in nip.warnings)
        # Window-modal but not blocking: the page stays responsive to background results.
        self.reveal_dialog = NipRevealDialog(lines, str(letter), self)
        self.reveal_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reveal_dialog.open()

    def revoke_current(self) -> None:
        finding = self._current()
        if finding is None or finding.guardian_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Révoquer le NIP"), self.tr(
            "Révoquer le NIP {of_guardian} pour {student} ? Il cessera aussitôt de fonctionner.").format(
            of_guardian=de(finding.guardian_name), student=finding.student_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(finding)

    def revoke(self, finding: Finding) -> None:
        """Revoke in the background; ``runner.changed`` then brings the new status on screen."""
        if finding.guardian_id is None:
            return
        accounts = self.context.vitrail.accounts
        student_id, guardian_id = finding.student_id, finding.guardian_id
        self.revoke_button.setEnabled(False)
        self.context.runner.write(self, lambda _progress: accounts.revoke_nip(student_id, guardian_id),
                                  on_failure=self.failed.emit)

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        if self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Comptes parents"), message,
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
