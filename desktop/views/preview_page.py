"""The Aperçu page: a student's file exactly as a role, a staff member, a guardian or the student sees it.

The page holds loaded data, never a database session: the student and whom they can be seen by
(``StudentPreview``), and each viewer's ``DossierView`` once computed. Loads run through the
runner; a viewer already seen is shown again at once, and toggling hidden items only re-renders.
With two or more viewers the tiles line up in rows, one column per viewer, and fields that differ
are highlighted. The student list is the board-wide in-memory index, shared with Élèves.
A write anywhere (``runner.changed``) reloads the student shown if it touched the settings, the
student or one of their guardians.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.facade import Changes, StudentPreview, viewer_right
from desktop.services.students import IndexRow, StudentIndex
from desktop.services.visibility.view import DossierView, TileView
from desktop.services.visibility.viewers import ViewerSpec
from desktop.views.context import ViewContext
from desktop.views.empty_state import EmptyListMessage
from desktop.views.preview_viewers_model import ViewerChoicesModel
from desktop.views.preview_widgets import PREVIEW_STYLE, TileFrame, signature
from desktop.views.students_page import SearchField
from desktop.views.students_table_model import StudentsTableModel

STUDENT_COLUMNS_SHOWN = (0, 1, 2, 6)  # surname, given name, fiche, group


class ViewerHeader(QFrame):
    """Top of a column: who looks, how their role was derived, and (for a refused guardian) the fix."""

    removed = Signal()
    fix_email = Signal(int)

    def __init__(self, view: DossierView, removable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewer_header")
        self.setStyleSheet("#viewer_header { background: #eef3f9; border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        top = QHBoxLayout()
        name = QLabel(view.viewer.label)
        name.setObjectName("viewer_label")
        name.setStyleSheet("font-weight: 600; font-size: 13px;")
        name.setWordWrap(True)
        top.addWidget(name, 1)
        if removable:
            close = QToolButton()
            close.setText("✕")
            close.setToolTip(self.tr("Retirer de la comparaison"))
            close.setAutoRaise(True)
            close.clicked.connect(self.removed)
            top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        derivation = QLabel(view.viewer.derivation)
        derivation.setObjectName("viewer_derivation")
        derivation.setWordWrap(True)
        derivation.setStyleSheet("color: #555;")
        layout.addWidget(derivation)
        if view.home_spaces:
            spaces = QLabel(self.tr("Espaces de sa page d'accueil : {spaces}").format(
                spaces=" · ".join(view.home_spaces)))
            spaces.setWordWrap(True)
            spaces.setStyleSheet("color: #555; font-size: 11px;")
            layout.addWidget(spaces)
        if not view.access.granted or view.access.at_risk:
            layout.addWidget(self._refused(view))

    def _refused(self, view: DossierView) -> QFrame:
        """Why the viewer gets no file, or (§7.5) why their access is at risk, with the fix."""
        box = QFrame()
        risk = view.access.granted
        box.setObjectName("access_at_risk" if risk else "access_refused")
        background, border, color = ("#fff4e0", "#e3b870", "#8a5a00") if risk else ("#fde8e8", "#e3a0a0", "#9b1c1c")
        box.setStyleSheet(f"#{box.objectName()} {{ background: {background}; border: 1px solid {border}; "
                          "border-radius: 4px; }")
        inner = QVBoxLayout(box)
        if risk:
            title = QLabel(self.tr("Accès à risque"))
        else:
            title = QLabel(self.tr("Ce parent ne voit aucun dossier") if view.viewer.kind == "guardian"
                           else self.tr("Aucun accès à ce dossier"))
        title.setStyleSheet(f"font-weight: 600; color: {color};")
        inner.addWidget(title)
        message = QLabel(view.access.reason.message)
        message.setObjectName("access_reason")
        message.setWordWrap(True)
        inner.addWidget(message)
        record = view.access.reason.record or ""
        if record.startswith("guardian:") and record.endswith(":email"):
            button = QPushButton(self.tr("Corriger le courriel"))
            button.setObjectName("fix_email")
            guardian_id = int(record.split(":")[1])
            button.clicked.connect(lambda: self.fix_email.emit(guardian_id))
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return box


class PreviewPage(QWidget):
    index_loaded = Signal()  # the board's student list is ready for searching
    shown = Signal()  # the student and viewers asked for are on screen

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview_page")
        self.context = context
        self.student: StudentPreview | None = None
        self.specs: list[ViewerSpec] = []
        self.views: list[DossierView] = []
        self._computed: dict[ViewerSpec, DossierView] = {}  # for the student shown
        self._generation = 0  # bumped at each load: an answer for an older request is dropped
        self.students_model: StudentsTableModel | None = None
        self.choices = ViewerChoicesModel(self)
        self._build()
        context.runner.changed.connect(self._on_changed)
        self._load_index()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.student_list = QTableView()
        self.search = SearchField(self.student_list)  # flèche bas: into the list; Entrée: open the student
        self.search.setObjectName("preview_search")
        self.search.setPlaceholderText(self.tr("Nom, prénom, fiche ou code permanent…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Rechercher un élève"))
        self.search.setAccessibleDescription(self.tr(
            "Nom, prénom, numéro de fiche ou code permanent ; flèche bas puis Entrée ouvre l'élève"))
        self.student_list.setAccessibleName(self.tr("Élèves"))
        self.student_list.setAccessibleDescription(self.tr("Entrée montre le dossier de l'élève choisi"))
        self.student_list.setObjectName("preview_students")
        self.student_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.student_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.student_list.verticalHeader().hide()
        self.student_list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.student_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        left = QWidget()
        left.setMinimumWidth(230)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(QLabel(self.tr("Élève")))
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.student_list, 1)
        QWidget.setTabOrder(self.search, self.student_list)  # Tab: search, list, then « Vu par »

        self.viewer_box = QComboBox()
        self.viewer_box.setObjectName("viewer_box")
        self.viewer_box.setModel(self.choices)
        self.viewer_box.setAccessibleName(self.tr("Vu par"))
        self.viewer_box.setAccessibleDescription(self.tr("Le rôle, le membre du personnel, le parent ou l'élève "
                                                         "dont on voit le dossier"))
        self.viewer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.viewer_box.setMinimumContentsLength(18)
        self.viewer_box.setMaxVisibleItems(25)
        self.viewer_box.activated.connect(self._viewer_chosen)
        self.compare_box = QComboBox()
        self.compare_box.setObjectName("compare_box")
        self.compare_box.setModel(self.choices)
        self.compare_box.setAccessibleName(self.tr("Comparer avec"))
        self.compare_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.compare_box.setMinimumContentsLength(14)
        self.compare_button = QPushButton(self.tr("Ajouter"))
        self.compare_button.setObjectName("compare_button")
        self.compare_button.setToolTip(self.tr("Ajoute une colonne : les différences sont surlignées"))
        self.compare_button.clicked.connect(self._add_comparison)
        self.show_hidden = QCheckBox(self.tr("Afficher les éléments masqués"))
        self.show_hidden.setObjectName("show_hidden")
        self.show_hidden.setChecked(True)
        self.show_hidden.toggled.connect(self._render)
        self.differences_only = QCheckBox(self.tr("Différences seulement"))
        self.differences_only.setObjectName("differences_only")
        self.differences_only.setToolTip(self.tr("Côte à côte : ne montre que ce qui diffère d'un lecteur à l'autre"))
        self.differences_only.setEnabled(False)  # until a second viewer is added
        self.differences_only.toggled.connect(self._render)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Vu par :")))
        bar.addWidget(self.viewer_box)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Comparer avec :")))
        bar.addWidget(self.compare_box)
        bar.addWidget(self.compare_button)
        bar.addStretch(1)
        self.print_button = QPushButton(self.tr("Imprimer…"))
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip(self.tr("Imprime le dossier tel que le lecteur « Vu par » le voit"))
        self.print_button.clicked.connect(self._print)
        bar.addWidget(self.print_button)

        self.heading = QLabel(self.tr("Choisissez un élève à gauche."))
        self.heading.setObjectName("preview_heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.heading.setWordWrap(True)  # a long school name must not widen the window past 1366 pixels
        self.status = QLabel()
        self.status.setObjectName("preview_status")
        self.status.setStyleSheet("color: #9b1c1c;")
        self.status.setWordWrap(True)
        self.content, self.content_layout = self._new_content()
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_content_height)
        self._frames: dict[tuple[int, bool, frozenset[str] | None], TileFrame] = {}  # on screen
        self._kept: dict[tuple[int, bool, frozenset[str] | None], TileFrame] = {}  # during a render
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setStyleSheet(PREVIEW_STYLE)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAccessibleName(self.tr("Dossier tel que vu"))
        self.scroll_area.viewport().installEventFilter(self)
        self.contact = QLabel()
        self.contact.setObjectName("contact_us")
        self.contact.setWordWrap(True)
        self.contact.setStyleSheet("color: #333; background: #f6f6f6; padding: 6px; border-radius: 4px;")
        self.contact.hide()  # until a portal view has a « Nous joindre » block
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addLayout(bar)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        options = QVBoxLayout()
        options.setSpacing(2)
        options.addWidget(self.show_hidden)
        options.addWidget(self.differences_only)
        heading_row.addLayout(options)
        right_layout.addLayout(heading_row)
        right_layout.addWidget(self.status)
        right_layout.addWidget(self.scroll_area, 1)
        right_layout.addWidget(self.contact)

        self.splitter = splitter = QSplitter()
        self.student_panel = left
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([270, 1010])  # the viewers get the width: three side by side at 1366 px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        # Once both sides are in the page: Qt ignores (and warns about) a tab order across windows.
        QWidget.setTabOrder(self.student_list, self.viewer_box)

    # -- student list --------------------------------------------------------------------

    def _load_index(self) -> None:
        if self.context.student_index is not None:  # the Élèves page already loaded it
            self._index_loaded(self.context.student_index)
            return
        self.search.setEnabled(False)
        self.search.setPlaceholderText(self.tr("Chargement des élèves…"))
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: students.index(), self._index_loaded, self.status.setText)

    def _index_loaded(self, index: StudentIndex) -> None:
        if self.context.student_index is None:
            self.context.student_index = index
        if self.students_model is not None:  # reloaded after a new board
            self.students_model.set_index(self.context.student_index)
            self.search.setEnabled(True)
            return
        self.students_model = StudentsTableModel(self.context.student_index, self)
        self.student_list.setModel(self.students_model)
        for column in range(self.students_model.columnCount()):
            self.student_list.setColumnHidden(column, column not in STUDENT_COLUMNS_SHOWN)
        for column, width in zip(STUDENT_COLUMNS_SHOWN, (82, 66, 66, 70), strict=True):
            self.student_list.setColumnWidth(column, width)
        self.student_list.horizontalHeader().setStretchLastSection(True)  # the group takes any width left
        # Long names are elided instead.
        self.student_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.student_list.selectionModel().currentRowChanged.connect(self._student_row_changed)
        self.student_list.activated.connect(self._student_activated)
        self.empty_message = EmptyListMessage(self.student_list, lambda: self.tr(
            "Aucun élève ne correspond à « {query} ».").format(query=self.search.text().strip())
            if self.search.text().strip() else "")
        self.search.textChanged.connect(self.students_model.set_query)
        self.search.textChanged.connect(self.empty_message.refresh)
        self.search.setEnabled(True)
        self.search.setPlaceholderText(self.tr("Nom, prénom, fiche ou code permanent…"))
        self.index_loaded.emit()

    def _reload_index(self) -> None:
        """A new board: load its index once for both pages that list students."""
        shared = self.context.student_index
        if shared is not None and (self.students_model is None or shared is not self.students_model.student_index):
            self._index_loaded(shared)  # the Élèves page did it
            return
        self.context.student_index = None
        self._load_index()

    @property
    def index_ready(self) -> bool:
        return self.students_model is not None

    def _show_in_list(self, student_id: int) -> None:
        """Mark the student shown in the list (opened from another page, say) without reloading it."""
        if self.students_model is None:
            return
        row = self.students_model.row_of(student_id)
        selection = self.student_list.selectionModel()
        if row is None or selection.currentIndex().row() == row:
            return
        index = self.students_model.index(row, 0)
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.student_list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _student_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.students_model is not None:
            self.open_student(self.students_model.student_id(current.row()))

    def _student_activated(self, index: QModelIndex) -> None:
        """Entrée on a row: that student (if not shown yet), then the keyboard goes on to « Vu par »."""
        if index.isValid() and self.students_model is not None:
            student_id = self.students_model.student_id(index.row())
            if self.student is None or self.student.record.student_id != student_id:
                self.open_student(student_id)
            self.viewer_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_changed(self, changes: Changes) -> None:
        """Reload what a write touched: the list's rows, and the student shown with their viewers."""
        if changes.board:
            self._reload_index()
        elif self.students_model is not None:
            for student_id in changes.students:
                self._refresh_student(student_id)
        if self.student is None:
            return
        record = self.student.record
        if changes.board or changes.settings or record.student_id in changes.students \
                or any(self._shows_guardian(guardian_id) for guardian_id in changes.guardians):
            self.reload()

    def _shows_guardian(self, guardian_id: int) -> bool:
        return self.choices.row_of(ViewerSpec.guardian(guardian_id)) is not None

    def _refresh_student(self, student_id: int) -> None:
        students = self.context.vitrail.students
        self.context.runner.query(self, lambda _progress: students.index_row(student_id), self._refresh_row)

    def _refresh_row(self, row: IndexRow | None) -> None:
        if row is not None and self.students_model is not None:  # the shared index changed: drop the cached row
            self.students_model.refresh_student(row)

    # -- loading and rendering -----------------------------------------------------------

    def show_target(self, student_id: int | None = None, viewer: ViewerSpec | None = None,
                    **_ignored: object) -> None:
        """Open the page at a student, previewed as ``viewer`` (default: the current viewer or the first role)."""
        if viewer is not None:
            self.specs = [viewer]
        shown = self.student.record.student_id if self.student is not None else None
        if student_id is not None and student_id != shown:
            self.open_student(student_id)
        elif viewer is not None and shown is not None and self.choices.row_of(viewer) is not None:
            self._sync_viewer_box()
            self._refresh_views()

    def open_student(self, student_id: int) -> None:
        """Load the student and the viewers asked for; later viewer switches reuse what was loaded."""
        self._generation += 1
        generation, on, wanted = self._generation, self.context.today(), list(self.specs)
        visibility = self.context.vitrail.visibility

        def work(_progress) -> tuple[StudentPreview, list[ViewerSpec], list[DossierView]]:  # noqa: ANN001
            student = visibility.student(student_id, on)
            specs = self._usable_specs(student, wanted, self.viewer_refusal)
            return student, specs, visibility.views(student_id, specs, on)

        self.context.runner.query(self, work, lambda loaded: self._student_loaded(generation, *loaded),
                                  lambda message: self._refused(generation, message))

    @staticmethod
    def _usable_specs(student: StudentPreview, wanted: list[ViewerSpec],
                      refusal: Callable[[ViewerSpec], str | None] = lambda _spec: None) -> list[ViewerSpec]:
        """The viewers asked for that this student can be seen by, or else the first one offered —
        among those the person may preview as (``refusal`` None)."""
        offered = {choice.spec for choice in student.choices if refusal(choice.spec) is None}
        return ([spec for spec in wanted if spec in offered]
                or [choice.spec for choice in student.choices if choice.spec in offered][:1])

    def viewer_refusal(self, spec: ViewerSpec) -> str | None:
        """Why the person may not preview as ``spec`` (None: they may): a family's view is the
        secretariat's, a staff member's or a role's is direction's."""
        return self.context.refusal(viewer_right(spec))

    def _student_loaded(self, generation: int, student: StudentPreview, specs: list[ViewerSpec],
                        views: list[DossierView]) -> None:
        if generation != self._generation:
            return
        self.student = student
        self._computed = dict(zip(specs, views, strict=True))
        self.status.clear()
        record = student.record
        self.heading.setText(self.tr("{name} · fiche {fiche} · {school} · groupe {group}").format(
            name=record.name, fiche=record.fiche, school=record.school_name, group=record.group_code or "—"))
        self.choices.set_choices(list(student.choices), self.viewer_refusal)
        self.specs = specs
        self._sync_viewer_box()
        self._show_in_list(record.student_id)
        self._refresh_views()

    def _refused(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status.setText(message)

    def _sync_viewer_box(self) -> None:
        row = self.choices.row_of(self.specs[0]) if self.specs else None
        self.viewer_box.setCurrentIndex(row if row is not None else -1)
        if self.compare_box.currentIndex() < 0 or self.choices.spec(self.compare_box.currentIndex()) is None:
            self.compare_box.setCurrentIndex(self.choices.first_viewer_row())

    def set_viewers(self, specs: list[ViewerSpec]) -> None:
        """Show these viewers side by side (the first one is the "Vu par" choice)."""
        self.specs = list(specs)
        self._sync_viewer_box()
        self._refresh_views()

    def _viewer_chosen(self, row: int) -> None:
        spec = self.choices.spec(row)
        if spec is None:
            return
        self.specs = [spec, *self.specs[1:]]
        self._refresh_views()

    def _print(self) -> None:
        """Print the file exactly as the "Vu par" viewer sees it (same engine answer, on paper)."""
        if self.student is None or not self.specs:
            self.status.setText(self.tr("Choisissez d'abord un élève."))
            return
        if self.views and not self.views[0].access.granted:  # §7.6: no access, no dossier
            self.status.setText(self.tr("Impression refusée : ce lecteur n'a accès à aucun dossier de cet élève. "
                                        "{reason}").format(reason=self.views[0].access.reason.message))
            return
        from desktop.views.print_dialog import open_print_dialog

        open_print_dialog(self.context, self.student.record.student_id, self.specs[0], self.context.today(), self)

    def _add_comparison(self) -> None:
        spec = self.choices.spec(self.compare_box.currentIndex())
        if spec is None or spec in self.specs or self.student is None:
            return
        self.specs.append(spec)
        self._refresh_views()

    def _remove_comparison(self, position: int) -> None:
        del self.specs[position]
        self._sync_viewer_box()
        self._refresh_views()

    def reload(self) -> None:
        """Settings, the student or a guardian changed: reload the student, keeping the chosen viewers."""
        if self.student is not None:
            self.open_student(self.student.record.student_id)

    def _refresh_views(self) -> None:
        """Show the chosen viewers: those already computed at once, the others once loaded."""
        if self.student is None:
            return
        missing = [spec for spec in self.specs if spec not in self._computed]
        if not missing:
            self.views = [self._computed[spec] for spec in self.specs]
            self._render()
            self.shown.emit()
            return
        generation, on = self._generation, self.context.today()
        student_id, visibility = self.student.record.student_id, self.context.vitrail.visibility

        def computed(views: list[DossierView]) -> None:
            if generation == self._generation:
                self._computed.update(zip(missing, views, strict=True))
                self._refresh_views()

        self.context.runner.query(self, lambda _progress: visibility.views(student_id, missing, on), computed,
                                  lambda message: self._refused(generation, message))

    @staticmethod
    def _new_content() -> tuple[QWidget, QGridLayout]:
        content = QWidget()
        content.setObjectName("preview_content")
        layout = QGridLayout(content)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.setSpacing(8)
        return content, layout

    def _clear_content(self) -> None:
        """Empty the grid; the tile frames go to ``_kept``, for the next render to reuse."""
        for row in range(self.content_layout.rowCount()):
            self.content_layout.setRowStretch(row, 0)  # a previous, longer render's stretch would leave a gap
        for column in range(self.content_layout.columnCount()):
            self.content_layout.setColumnStretch(column, 0)
        self._kept = self._frames
        self._frames = {}
        kept = set(map(id, self._kept.values()))
        while (item := self.content_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None and id(widget) not in kept:
                widget.hide()
                widget.setParent(None)  # gone from findChildren at once, not only at the next event loop
                widget.deleteLater()

    def _drop_unused_frames(self) -> None:
        for frame in self._kept.values():
            frame.hide()
            frame.setParent(None)
            frame.deleteLater()
        self._kept = {}

    def _render(self) -> None:
        """Lay out the chosen viewers' columns, reusing the tile frames already on screen.

        Rebuilding every tile froze the window 160-340 ms when a viewer was added (issue 16): a
        frame whose tile is still shown the same way is kept and only restyled for what now differs;
        only the new column's tiles are built.
        """
        self._clear_content()
        views = self.views
        self.differences_only.setEnabled(len(views) > 1)
        if not views:
            self._drop_unused_frames()
            return
        show_hidden = self.show_hidden.isChecked()
        for column, view in enumerate(views):
            header = ViewerHeader(view, removable=column > 0)
            header.removed.connect(lambda c=column: self._remove_comparison(c))
            header.fix_email.connect(self._fix_email)
            self.content_layout.addWidget(header, 0, column * 2 if len(views) == 1 else column,
                                          1, 2 if len(views) == 1 else 1)
        if len(views) == 1:
            self._render_single(views[0], show_hidden)
        else:
            self._narrow_student_list()
            self._render_compared(views, show_hidden)
        self._drop_unused_frames()
        self._share_columns()
        # The content's height for its width is measured on the next turn of the event loop: the
        # window answers between building the tiles and measuring them (each took ~50 ms with four
        # viewers side by side; together with the layout they froze it over 100 ms).
        self._fit_timer.start()
        portal = next((v for v in views if v.contact_us), None)
        self.contact.setVisible(portal is not None)
        if portal is not None:
            c = portal.contact_us
            self.contact.setText(self.tr("<b>Nous joindre</b> — {school}, {address} · tél. {phone} · téléc. {fax} · "
                                         "{email} · direction : {direction}").format(**{k: c.get(k) or "—" for k in (
                                             "school", "address", "phone", "fax", "email", "direction")}))

    def _tile_frame(self, tile: TileView, show_hidden: bool, differing: AbstractSet[str] = frozenset(),
                    tile_differs: bool = False, only_fields: AbstractSet[str] | None = None) -> TileFrame:
        key = (id(tile), show_hidden, None if only_fields is None else frozenset(only_fields))
        frame = self._kept.pop(key, None)
        if frame is not None and frame.tile is tile:  # the frame holds its tile: the id is not reused
            frame.highlight(differing, tile_differs)
        else:
            frame = TileFrame(tile, show_hidden=show_hidden, differing=differing, tile_differs=tile_differs,
                              only_fields=only_fields)
            frame.link_activated.connect(self._follow_link)
        self._frames[key] = frame
        return frame

    def _render_single(self, view: DossierView, show_hidden: bool) -> None:
        """One viewer: the tiles in two columns, like the portal's home page."""
        position = 0
        for tile in view.tiles:
            if not tile.visible and not show_hidden:
                continue
            self.content_layout.addWidget(self._tile_frame(tile, show_hidden), 1 + position // 2, position % 2)
            position += 1
        self.content_layout.setColumnStretch(0, 1)
        self.content_layout.setColumnStretch(1, 1)
        self.content_layout.setRowStretch(1 + (position + 1) // 2, 1)

    def _render_compared(self, views: list[DossierView], show_hidden: bool) -> None:
        """Several viewers: one row per tile, one column per viewer, differences highlighted.

        Only real differences are highlighted: a field whose shown value (or whose being hidden)
        differs between the viewers who see the tile. A tile one viewer does not see at all gets
        its orange border, not a highlight on every field of the others' tiles.
        """
        tile_ids = list(dict.fromkeys(t.id for v in views for t in v.tiles))
        by_view = [{t.id: t for t in v.tiles} for v in views]
        only_differences = self.differences_only.isChecked()
        row = 0
        for tile_id in tile_ids:
            tiles = [tiles_of.get(tile_id) for tiles_of in by_view]
            differing = self.differing_fields(tiles)
            tile_differs = len({(t.visible if t else None) for t in tiles}) > 1
            if only_differences and not differing and not tile_differs:
                continue
            row += 1
            only = differing if only_differences and not tile_differs else None
            for column, tile in enumerate(tiles):
                if tile is None or (not tile.visible and not show_hidden):
                    continue
                self.content_layout.addWidget(self._tile_frame(tile, show_hidden, differing, tile_differs, only),
                                              row, column)
        for column in range(len(views)):
            self.content_layout.setColumnStretch(column, 1)
        self.content_layout.setRowStretch(row + 1, 1)
        if only_differences and row == 0:
            same = QLabel(self.tr("Aucune différence : ces lecteurs voient le même dossier."))
            same.setObjectName("no_difference")
            self.content_layout.addWidget(same, 1, 0, 1, len(views))

    @classmethod
    def differing_fields(cls, tiles: list[TileView | None]) -> set[str]:
        """The fields shown differently by the viewers who see this tile (those who do not see it
        at all are told by the tile's border instead)."""
        seen = [tile for tile in tiles if tile is not None and tile.visible]
        if len(seen) < 2:
            return set()
        fields = {f.id for tile in seen for f in tile.fields}
        return {f for f in fields if len({cls._field_signature(tile, f) for tile in seen}) > 1}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._share_columns()
            self._fit_content_height()
        return super().eventFilter(watched, event)

    def _narrow_student_list(self) -> None:
        """Side by side, the student list steps down to its narrowest: the width goes to the viewers."""
        sizes = self.splitter.sizes()
        narrowest = self.student_panel.minimumWidth()
        if len(sizes) == 2 and sizes[0] > narrowest:
            self.splitter.setSizes([narrowest, sizes[1] + sizes[0] - narrowest])

    def _share_columns(self) -> None:
        """Side by side, each viewer gets the same share of the width, whatever its longest word: a
        column's minimum is the share (a grid's stretch alone favours the column with longer text).
        When a share is below what a column needs, the content scrolls instead of squeezing it."""
        columns = len(self.views) if len(self.views) > 1 else 0
        for column in range(self.content_layout.columnCount()):
            self.content_layout.setColumnMinimumWidth(column, 0)
        if not columns:
            return
        margins = self.content_layout.contentsMargins()
        width = self.scroll_area.viewport().width() - margins.left() - margins.right()
        scroll_bar = self.scroll_area.verticalScrollBar()
        if not scroll_bar.isVisible():  # it will be, once the columns are filled: keep room for it
            width -= scroll_bar.sizeHint().width()
        share = max(0, (width - self.content_layout.horizontalSpacing() * (columns - 1)) // columns)
        for column in range(columns):
            self.content_layout.setColumnMinimumWidth(column, share)

    def _fit_content_height(self) -> None:
        """Word-wrapped values need more height at a narrower width; QScrollArea only asks the
        layout's minimum size, which would squeeze and clip them. Give the content its real height."""
        width = self.scroll_area.viewport().width()
        if self.content_layout.hasHeightForWidth() and width > 0:
            self.content.setMinimumHeight(self.content_layout.totalHeightForWidth(width))

    @staticmethod
    def _field_signature(tile: TileView | None, field_id: str) -> str:
        if tile is None:
            return "absent"
        field = next((f for f in tile.fields if f.id == field_id), None)
        return signature(field) if field is not None else "absent"

    # -- links ---------------------------------------------------------------------------

    def _navigate(self, page: str, **target: object) -> None:
        try:
            self.context.navigate(page, **target)
        except KeyError:
            names = {"settings": self.tr("Réglages"), "students": self.tr("Élèves")}
            self.status.setText(self.tr("La page « {page} » n'est pas offerte dans cette version de Vitrail.")
                                .format(page=names.get(page, page)))

    def _fix_email(self, guardian_id: int) -> None:
        if self.student is not None:
            self._navigate("students", student_id=self.student.record.student_id, guardian_id=guardian_id,
                           field="email")

    def _follow_link(self, link: str) -> None:
        """``setting:school:ECO01:key`` opens the settings page on that school (or board) and key;
        ``record:guardian:12:email`` the guardian's email; ``record:staff:7:publishes_email`` that
        staff member's settings; ``record:student:3:…`` the student's file."""
        kind, _, target = link.partition(":")
        if kind == "setting":
            scope, _, rest = target.partition(":")
            reference, _, key = rest.partition(":")
            self._navigate("settings", scope=scope, reference=reference, key=key)
            return
        entity, _, rest = target.partition(":")
        identifier, _, field = rest.partition(":")
        if entity == "guardian":
            self._fix_email(int(identifier))
        elif entity == "staff":
            self._navigate("settings", scope="staff", reference=int(identifier), key=field)
        elif entity == "student":
            self._navigate("students", student_id=int(identifier), field=field)
