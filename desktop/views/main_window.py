"""The main window: a navigation list on the left, one page per area of the application."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop import __version__
from desktop.views.context import DataEvents, ViewContext

# (page name, module, class). Each page class takes (ViewContext, parent) and has a static
# ``title()``; it may define ``show_target(**target)`` to open at a given record.
PAGES = (
    ("students", "desktop.views.students_page", "StudentsPage"),
)


class MainWindow(QMainWindow):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.navigate = self.show_page
        self.setWindowTitle(self.tr("Vitrail — secrétariat"))
        self.resize(1280, 800)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(210)
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for name, module, class_name in PAGES:
            page_class = getattr(importlib.import_module(module), class_name)
            page = page_class(context, self)
            self.pages[name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page_class.title())
            item.setData(Qt.UserRole, name)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        database = context.database
        status = QLabel(self.tr("Base : {db} · {user} sur {host} · Vitrail {version}").format(
            db=database.display_name(), user=database.actor.os_user,
            host=database.actor.workstation, version=__version__))
        status.setObjectName("database_status")
        self.statusBar().addPermanentWidget(status)
        for row in range(self.navigation.count()):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(lambda r=row: self.navigation.setCurrentRow(r))

    def show_page(self, name: str, **target: object) -> QWidget:
        """Switch to a page, and open it at ``target`` (e.g. student_id, guardian_id) if given."""
        page = self.pages[name]
        self.navigation.setCurrentRow(list(self.pages).index(name))
        if target and hasattr(page, "show_target"):
            page.show_target(**target)
        return page


def build_main_window(database, today=None) -> MainWindow:  # noqa: ANN001
    """The main window over an open database (the caller owns the QApplication)."""
    context = ViewContext(database=database, events=DataEvents())
    if today is not None:
        context.today = lambda: today
    return MainWindow(context)
