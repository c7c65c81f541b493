"""The main window: a navigation list on the left, one page per area of the application.

The look is deliberately plain — white work surface, one accent colour, a quiet sidebar — so a
school office reads it as a sober administrative tool. The style sheet lives here (not in the
QApplication) so a window built by tests or by ``gui --screenshot`` looks like the real one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.paths import resource
from desktop.services.access import Right
from desktop.services.facade import Changes, Vitrail
from desktop.views.context import ViewContext, build_context
from desktop.views.operations import OperationRunner
from desktop.views.page_help import PageHelpDialog

# (page name, module, class). Each page class takes (ViewContext, parent); it may define
# ``show_target(**target)`` to open at a given record. A page's module is imported when the page is
# first built, not at launch: the pages' services (reportlab, httpx, argon2…) cost a second there.
PAGES = (
    ("students", "desktop.views.students_page", "StudentsPage"),
    ("settings", "desktop.views.settings_page", "SettingsPage"),
    ("preview", "desktop.views.preview_page", "PreviewPage"),
    ("accounts", "desktop.views.accounts_page", "AccountsPage"),
    ("diagnostic", "desktop.views.diagnostic_page", "DiagnosticPage"),
    ("print", "desktop.views.print_page", "PrintPage"),
    ("import", "desktop.views.import_page", "ImportPage"),
    ("journal", "desktop.views.journal_page", "JournalPage"),
    ("access", "desktop.views.access_page", "AccessPage"),
)


def page_title(name: str) -> str:
    """A page's name in the navigation, translated in the page's own context (as lupdate finds it)."""
    return {
        "students": QCoreApplication.translate("StudentsPage", "Élèves"),
        "settings": QCoreApplication.translate("SettingsPage", "Réglages du portail"),
        "preview": QCoreApplication.translate("PreviewPage", "Aperçu"),
        "accounts": QCoreApplication.translate("AccountsPage", "Comptes parents"),
        "diagnostic": QCoreApplication.translate("DiagnosticPage", "Diagnostic de connexion"),
        "print": QCoreApplication.translate("PrintPage", "Impression"),
        "import": QCoreApplication.translate("ImportPage", "Importation"),
        "journal": QCoreApplication.translate("JournalPage", "Journal"),
        "access": QCoreApplication.translate("AccessPage", "Accès"),
    }[name]


# The rights a page needs, any one of them (``access.md`` §1). A page the person holds none of is
# greyed in the navigation, with the reason on hover: it would fail on its first click. Pages not
# named here need no right (the portal settings hold no personal data: reading them is open).
PAGE_RIGHTS: dict[str, tuple[Right, ...]] = {
    "students": (Right.FIND_STUDENTS,),
    "preview": (Right.PREVIEW_FAMILY, Right.PREVIEW_ANY),
    "accounts": (Right.FINDINGS,),
    "diagnostic": (Right.DIAGNOSE,),
    # A batch is printed for a role or a staff member (a family's view is one student's: Aperçu).
    "print": (Right.PREVIEW_ANY,),
    "journal": (Right.AUDIT_SCHOOL, Right.AUDIT_ALL),
    "access": (Right.MANAGE_ACCESS,),
    "import": (Right.IMPORT_SYNC,),
}

ACCENT = "#1f5f99"
# The keyboard focus ring: thicker and darker than the accent, so the widget being typed into
# is seen at a glance from across the desk (2 px, contrast above 7:1 on white).
FOCUS = "#0b3d91"
STYLE_SHEET = f"""
QMainWindow, QWidget#page_surface {{ background: #ffffff; }}
QWidget {{ font-size: 10pt; color: #1d232b; }}
QWidget#sidebar {{ background: #f1f4f8; border-right: 1px solid #d9dfe7; }}
QLabel#app_name {{ font-size: 15pt; font-weight: 600; color: {ACCENT}; }}
QLabel#app_tagline {{ color: #5b6573; font-size: 9pt; }}
QListWidget#navigation {{ background: transparent; border: none; outline: 0; font-size: 10.5pt; }}
QListWidget#navigation::item {{ padding: 8px 12px; margin: 1px 8px; border-radius: 5px; color: #2c3540; }}
QListWidget#navigation::item:hover {{ background: #e3e9f1; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: #ffffff; }}
QListWidget#navigation::item:disabled {{ color: #a3abb6; }}
QLabel#page_title {{ font-size: 15pt; font-weight: 600; }}
QLabel#count {{ color: #5b6573; }}
QLineEdit {{ border: 1px solid #c3ccd8; border-radius: 5px; padding: 5px 8px; background: #ffffff;
             selection-background-color: {ACCENT}; }}
QLineEdit:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit#student_search {{ font-size: 11pt; padding: 7px 10px; }}
QLineEdit#email_editor {{ border-radius: 0; padding: 1px 4px; }}
QLineEdit#email_editor[state="error"] {{ border: 2px solid #c0392b; background: #fff5f5; }}
QLineEdit#email_editor[state="warning"] {{ border: 2px solid #d9a321; background: #fffaf0; }}
QTableView {{ border: 1px solid #d9dfe7; gridline-color: #eef1f5; alternate-background-color: #f7f9fb;
              selection-background-color: #d6e6f5; selection-color: #10263d; }}
QHeaderView::section {{ background: #f1f4f8; border: none; border-bottom: 1px solid #d9dfe7;
                        border-right: 1px solid #e3e8ee; padding: 5px 6px; font-weight: 600; color: #3a4552; }}
QWidget#student_file {{ background: #ffffff; border-top: 1px solid #d9dfe7; }}
QLabel#file_title {{ font-size: 16pt; font-weight: 600; }}
QLabel#file_subtitle {{ color: #5b6573; }}
QLabel#field_caption {{ color: #6b7482; font-size: 8.5pt; text-transform: uppercase; }}
QLabel#field_value {{ font-size: 10.5pt; }}
QLabel#section_title {{ font-size: 11.5pt; font-weight: 600; color: {ACCENT}; padding: 4px 0 0 0; }}
QLabel#hint, QLabel#empty_file {{ color: #6b7482; }}
QLabel#pending_label {{ color: #7a5200; }}
QPushButton {{ border: 1px solid #c3ccd8; border-radius: 5px; padding: 5px 12px; background: #ffffff; }}
QPushButton:hover {{ background: #f1f4f8; }}
QPushButton:disabled {{ color: #a3abb6; border-color: #e0e4ea; }}
QPushButton#primary {{ background: {ACCENT}; color: #ffffff; border-color: {ACCENT}; font-weight: 600; }}
QPushButton#primary:disabled {{ background: #b8c9db; border-color: #b8c9db; }}
QFrame#banner {{ border-radius: 5px; border: 1px solid #c3ccd8; background: #f1f4f8; }}
QFrame#banner[kind="warning"] {{ background: #fff6dd; border-color: #e7c266; }}
QFrame#banner[kind="error"] {{ background: #fdecec; border-color: #e5a3a3; }}
QFrame#banner[kind="success"] {{ background: #e9f6ee; border-color: #9fd0b0; }}
QFrame#banner[kind="info"] {{ background: #eaf2fb; border-color: #a9c7e8; }}
QPushButton#banner_close {{ border: none; background: transparent; color: #5b6573; }}
QStatusBar {{ background: #f1f4f8; border-top: 1px solid #d9dfe7; color: #3a4552; }}
QStatusBar QLabel {{ color: #3a4552; padding: 0 8px; }}
QPushButton:focus, QToolButton:focus {{ border: 2px solid {FOCUS}; }}
QComboBox:focus, QSpinBox:focus, QDateTimeEdit:focus, QTextBrowser:focus {{ border: 2px solid {FOCUS}; }}
QTableView:focus, QListView:focus, QScrollArea:focus, QTabWidget:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ background: #dcebfa; border-radius: 3px; }}
QListWidget#navigation:focus {{ border: 2px solid {FOCUS}; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS}; }}
QLineEdit:focus {{ border: 2px solid {FOCUS}; }}
QLabel#empty_overlay {{ color: #5b6573; background: transparent; font-size: 10.5pt; }}
"""


def move_between_regions(page: QWidget) -> None:
    """Tab leaves a table for the next region instead of walking its cells (2,000 rows, 7 columns);
    the arrow keys move inside the table. Applied to every page as it is built."""
    for view in page.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


class Pages(Mapping[str, QWidget]):
    """The window's pages by name, each built the first time it is asked for.

    Building a page may start background work (findings, an index of students…); doing it only
    when the secretary opens that page keeps the launch down to the first page's own cost.
    ``name in pages`` and iteration never build anything.
    """

    def __init__(self, names: list[str], build: Callable[[str], QWidget]) -> None:
        self._names = names
        self._build = build
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, name: str) -> QWidget:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = self._build(name)
        return self._built[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def is_built(self, name: str) -> bool:
        return name in self._built


class MainWindow(QMainWindow):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.navigate = self.show_page
        self.setWindowTitle(self.tr("Vitrail — secrétariat"))
        self.setWindowIcon(QIcon(str(resource("icons", "vitrail.png"))))
        self.setStyleSheet(STYLE_SHEET)
        # A school laptop's screen (1,366 x 768) minus the taskbar: every page fits it.
        self.resize(1360, 720)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.stack.setObjectName("page_surface")
        self._page_modules = {name: (module, class_name) for name, module, class_name in PAGES}
        for name in self._page_modules:
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
            item = QListWidgetItem(page_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigation.addItem(item)
        self.pages = Pages(list(self._page_modules), self._build_page)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.grey_pages()
        self.navigation.setCurrentRow(self._first_allowed_row())
        context.runner.changed.connect(self._access_changed)
        context.access_known.known.connect(self._person_known)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._sidebar())
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._status_bar()
        self.navigation.setAccessibleName(self.tr("Pages"))
        self.navigation.setAccessibleDescription(self.tr("Choisit la page affichée ; Ctrl+1 à Ctrl+7 y mènent aussi"))
        for row in range(min(self.navigation.count(), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda r=row: self._go_to_row(r))
        help_key = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        help_key.activated.connect(self.show_help)
        self.help_dialog: PageHelpDialog | None = None
        self._focused_at_launch = False
        self.welcome: QWidget | None = None
        self._welcome_without_board()

    def showEvent(self, event: QShowEvent) -> None:
        """At launch the keyboard is in the student search: a name typed at once finds the student
        instead of jumping between pages through the sidebar's type-ahead."""
        super().showEvent(event)
        if not self._focused_at_launch:
            self._focused_at_launch = True
            self.focus_page()

    def focus_page(self) -> None:
        """Put the keyboard in the page's first field (its search, for the pages that list students)."""
        page = self.stack.currentWidget()
        field = getattr(page, "search", None)
        if isinstance(field, QWidget) and field.isEnabled():
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go_to_row(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            if item is not None:
                self.statusBar().showMessage(item.toolTip(), 8000)
            return
        self.navigation.setCurrentRow(row)
        self.focus_page()

    def page_refusal(self, name: str) -> str | None:
        """Why the person may not open page ``name`` (None: they may)."""
        rights = PAGE_RIGHTS.get(name)
        return self.context.refusal(*rights) if rights else None

    def grey_pages(self) -> None:
        """Grey, in the navigation, the pages the person holds no right to, the reason on hover."""
        for row, name in enumerate(self._page_modules):
            item = self.navigation.item(row)
            if item is None:
                continue
            refusal = self.page_refusal(name)
            flags = item.flags()
            if refusal:
                item.setFlags(flags & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable))
                item.setToolTip(refusal)
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip("")

    def _first_allowed_row(self) -> int:
        for row, name in enumerate(self._page_modules):
            if self.page_refusal(name) is None:
                return row
        return 0

    def _access_changed(self, changes: Changes) -> None:
        """A grant changed: what the person may do is read again (in the background)."""
        if changes.access:
            self.context.load_person(fresh=True)

    def _person_known(self) -> None:
        """The person's grants are in: grey the pages they hold no right to, and leave a refused page."""
        self.grey_pages()
        if self.page_refusal(self.current_page_name()):
            self.navigation.setCurrentRow(self._first_allowed_row())

    def current_page_name(self) -> str:
        row = self.navigation.currentRow()
        return list(self._page_modules)[row] if 0 <= row < len(self._page_modules) else ""

    def show_help(self) -> PageHelpDialog:
        """F1: the help of the page on screen, with the shortcuts (one help window at a time)."""
        if self.help_dialog is not None:
            self.help_dialog.close()
        self.help_dialog = PageHelpDialog(self.current_page_name(), self)
        self.help_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_dialog.destroyed.connect(self._help_closed)
        self.help_dialog.open()
        return self.help_dialog

    def _help_closed(self) -> None:
        self.help_dialog = None

    def _build_page(self, name: str) -> QWidget:
        position = list(self._page_modules).index(name)
        module, class_name = self._page_modules[name]
        page = getattr(importlib.import_module(module), class_name)(self.context, self)
        placeholder = self.stack.widget(position)
        assert placeholder is not None, "a placeholder holds each page's place until it is built"
        self.stack.insertWidget(position, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        move_between_regions(page)
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._page_modules):
            self.stack.setCurrentWidget(self.pages[list(self._page_modules)[row]])

    def _sidebar(self) -> QWidget:
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        sidebar.setFixedWidth(220)
        name = QLabel(self.tr("Vitrail"))
        name.setObjectName("app_name")
        tagline = QLabel(self.tr("Secrétariat d'école"))
        tagline.setObjectName("app_tagline")
        layout = QVBoxLayout(sidebar)
        layout.setContentsMargins(0, 18, 0, 12)
        layout.setSpacing(2)
        for label in (name, tagline):
            label.setContentsMargins(20, 0, 12, 0)
            layout.addWidget(label)
        layout.addSpacing(18)
        layout.addWidget(self.navigation, 1)
        version = QLabel(self.tr("Version {version}").format(version=__version__))
        version.setObjectName("app_tagline")
        version.setContentsMargins(20, 0, 12, 0)
        layout.addWidget(version)
        return sidebar

    def _status_bar(self) -> None:
        connection = self.context.vitrail.connection_info()
        self.database_status = QLabel(self.tr("Base : {db}").format(db=connection.display_name))
        self.database_status.setObjectName("database_status")
        self.database_status.setToolTip(self.tr("Base de données ouverte ({backend})").format(
            backend=connection.backend))
        # Who Vitrail takes the person for: the login whose rights apply and that the journal names
        # (a person may open Vitrail under another Windows account, or through a shared one).
        user = QLabel(self.tr("Utilisateur : {user}").format(user=connection.login))
        user.setObjectName("user_status")
        if connection.os_user != connection.login:
            user.setToolTip(self.tr("Utilisateur du poste : {user}").format(user=connection.os_user))
        station = QLabel(self.tr("Poste : {host}").format(host=connection.workstation))
        station.setObjectName("workstation_status")
        self.statusBar().setSizeGripEnabled(False)
        self.statusBar().addWidget(self.database_status, 1)
        self.statusBar().addPermanentWidget(user)
        self.statusBar().addPermanentWidget(station)

    def show_page(self, name: str, **target: object) -> QWidget:
        """Switch to a page, and open it at ``target`` (e.g. student_id, guardian_id) if given."""
        refusal = self.page_refusal(name)
        if refusal:  # never a page that would fail on its first click
            self.statusBar().showMessage(refusal, 8000)
            return self.stack.currentWidget()
        page = self.pages[name]
        self.navigation.setCurrentRow(list(self.pages).index(name))
        if target and hasattr(page, "show_target"):
            page.show_target(**target)
        return page


    def _welcome_without_board(self) -> None:
        """A database with no school board opens on the welcome page, never on an empty student list."""
        directory = self.context.vitrail.directory
        self.context.runner.query(self, lambda _progress: directory.boards(),
                                  lambda boards: None if boards else self.show_welcome())

    def show_welcome(self) -> QWidget:
        """The welcome page (shared database, import from the SIS, demo); any page of the sidebar leaves it."""
        if self.welcome is None:
            from desktop.views.welcome_page import WelcomePage

            self.welcome = WelcomePage(self.context, self)
            self.stack.addWidget(self.welcome)
            move_between_regions(self.welcome)
        self.navigation.setCurrentRow(-1)
        self.stack.setCurrentWidget(self.welcome)
        return self.welcome


def build_main_window(vitrail: Vitrail, runner: OperationRunner | None = None) -> MainWindow:
    """The main window over the façade of an open database (the caller owns the QApplication)."""
    return MainWindow(build_context(vitrail, runner))
