"""The welcome page: what a fresh workstation shows instead of an empty student list.

A database with no school board yet has nothing to search, and « 0 élève » says nothing about
what to do. The main window shows this page instead (``MainWindow.show_welcome``), with the three
ways to start:

- **the board's shared database**: its PostgreSQL address and account. It is opened in the
  background; a password the server asks for is typed in the usual dialog and kept in the
  keyring (``password_dialog``); once open, the address is saved as ``vitrail config set
  database_url`` does and the window reopens on it (``ViewContext.switch_database``);
- **an import from the SIS**: the Importation page;
- **the demo board**, generated into this database through the runner, with progress and
  « Annuler » (one transaction: cancelling leaves the database empty).
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.credentials import open_with_keyring
from desktop.services.database_errors import DatabaseProblem
from desktop.services.demo import DemoSummary
from desktop.services.errors import VitrailError
from desktop.services.facade import Vitrail, Written
from desktop.services.formatting import format_number
from desktop.services.shared_database import EXAMPLE, save_shared_database_url, shared_database_url
from desktop.views.context import ViewContext
from desktop.views.operations import Operation, Progress
from desktop.views.password_dialog import ask_for_database_password

DEMO_STUDENTS = 2000  # as ``vitrail --demo``
DEMO_SEED = 1


class WelcomePage(QWidget):
    """Three ways to start on a database without a board."""

    connected = Signal(object)     # the Vitrail over the shared database, or None (refused, cancelled)
    demo_finished = Signal(object)  # DemoSummary, or None (cancelled, failed)
    demo_progressed = Signal(int, int, str)  # done, total, step of the demo's creation

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operation: Operation[Any] | None = None
        self._stop = threading.Event()
        heading = QLabel(self.tr("Bienvenue dans Vitrail"))
        heading.setObjectName("page_title")
        intro = QLabel(self.tr(
            "Cette base de données ne contient encore aucun centre de services. Choisissez comment commencer."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 18)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self._shared_box())
        layout.addWidget(self._import_box())
        layout.addWidget(self._demo_box())
        layout.addStretch(1)

    # ------------------------------------------------------------------ building

    @staticmethod
    def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
        """One way to start: a titled panel (the window's ``banner`` style)."""
        card = QFrame()
        card.setObjectName("banner")
        heading = QLabel(title)
        heading.setObjectName("section_title")
        column = QVBoxLayout(card)
        column.setContentsMargins(16, 10, 16, 12)
        column.addWidget(heading)
        return card, column

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        """A status line takes room only while it has something to say."""
        label.setText(text)
        label.setVisible(bool(text))

    def _shared_box(self) -> QFrame:
        box, column = self._card(self.tr("Se connecter à la base partagée du centre de services"))
        text = QLabel(self.tr(
            "Le centre de services a déjà sa base PostgreSQL ? Le service informatique vous donne son adresse et "
            "votre compte. Le mot de passe sera demandé à la connexion et gardé dans le trousseau de votre "
            "session, jamais dans un fichier."))
        text.setWordWrap(True)
        self.address = QLineEdit()
        self.address.setObjectName("shared_address")
        self.address.setPlaceholderText(EXAMPLE)
        self.address.setAccessibleName(self.tr("Adresse de la base partagée"))
        self.account = QLineEdit()
        self.account.setObjectName("shared_account")
        self.account.setPlaceholderText(self.tr("ex. secretariat"))
        self.account.setAccessibleName(self.tr("Compte de la base partagée"))
        self.connect_button = QPushButton(self.tr("Se connecter"))
        self.connect_button.setObjectName("connect")
        self.connect_button.clicked.connect(self.connect_shared_database)
        self.address.returnPressed.connect(self.connect_shared_database)
        self.account.returnPressed.connect(self.connect_shared_database)
        self.connect_status = QLabel("")
        self.connect_status.setObjectName("connect_status")
        self.connect_status.setWordWrap(True)
        self.connect_status.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("Adresse"), self.address)
        row = QHBoxLayout()
        row.addWidget(self.account, 1)
        row.addWidget(self.connect_button)
        form.addRow(self.tr("Compte"), row)
        column.addWidget(text)
        column.addLayout(form)
        column.addWidget(self.connect_status)
        return box

    def _import_box(self) -> QFrame:
        box, column = self._card(self.tr("Importer depuis le système de gestion des élèves (SIS)"))
        text = QLabel(self.tr(
            "Un export OneRoster (fichier .zip ou dossier de CSV) du SIS du centre de services remplit cette "
            "base : écoles, personnel, groupes, élèves et parents. Vous voyez tout avant que rien ne soit écrit."))
        text.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Aller à l'importation"))
        self.import_button.setObjectName("go_import")
        self.import_button.clicked.connect(self.go_to_import)
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(self.import_button)
        column.addLayout(row)
        return box

    def _demo_box(self) -> QFrame:
        box, column = self._card(self.tr("Essayer sur le centre de services de démonstration"))
        text = QLabel(self.tr(
            "Un centre de services fictif ({count} élèves), le même pour tous, est créé dans cette base (comme "
            "« vitrail demo ») : quelques secondes.").format(count=format_number(DEMO_STUDENTS)))
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Ouvrir la démonstration"))
        self.demo_button.setObjectName("open_demo")
        self.demo_button.clicked.connect(self.open_demo)
        self.demo_cancel = QPushButton(self.tr("Annuler"))
        self.demo_cancel.setObjectName("cancel_demo")
        self.demo_cancel.setEnabled(False)
        self.demo_cancel.clicked.connect(self.cancel_demo)
        self.demo_progress = QProgressBar()
        self.demo_progress.setTextVisible(False)
        self.demo_progress.setVisible(False)
        self.demo_status = QLabel("")
        self.demo_status.setObjectName("demo_status")
        self.demo_status.setWordWrap(True)
        self.demo_status.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(self.demo_button)
        row.addWidget(self.demo_cancel)
        column.addLayout(row)
        column.addWidget(self.demo_progress)
        column.addWidget(self.demo_status)
        return box

    # ------------------------------------------------------------------ the shared database

    def connect_shared_database(self) -> None:
        """Open the database at the address typed (asking for its password if need be), then switch to it."""
        try:
            url = shared_database_url(self.address.text(), self.account.text())
        except VitrailError as refused:
            self._say(self.connect_status, str(refused))
            return
        self._open(url)

    def _open(self, url: str) -> None:
        clock = self.context.vitrail.clock
        self.connect_button.setEnabled(False)
        self._say(self.connect_status, self.tr("Connexion à la base partagée…"))
        self.context.runner.query(self, lambda _progress: open_with_keyring(url, clock=clock),
                                  lambda database: self._opened(url, database), self._not_opened,
                                  on_error=lambda error: self._refused(url, error))

    def _refused(self, url: str, error: VitrailError) -> None:
        """A missing or refused password is asked for (and kept in the keyring); anything else is said."""
        if isinstance(error, DatabaseProblem) and error.password_may_help:
            try:
                asked = ask_for_database_password(url, error, self)
            except VitrailError as keyring_refused:
                self._not_opened(str(keyring_refused))
                return
            if asked:
                self._open(url)
                return
        self._not_opened(str(error))

    def _not_opened(self, message: str) -> None:
        self.connect_button.setEnabled(True)
        self._say(self.connect_status, message)
        self.connected.emit(None)

    def _opened(self, url: str, database: object) -> None:
        vitrail = Vitrail(database, portal_url=self.context.vitrail.portal_url)  # type: ignore[arg-type]
        try:
            path = save_shared_database_url(url)
        except VitrailError as refused:
            vitrail.close()
            self._not_opened(str(refused))
            return
        self.connect_button.setEnabled(True)
        self._say(self.connect_status, self.tr("Connecté. Cette adresse est enregistrée dans « {path} » : Vitrail "
                                            "l'ouvrira désormais.").format(path=path))
        self.connected.emit(vitrail)
        if self.context.switch_database is not None:
            self.context.switch_database(vitrail)

    # ------------------------------------------------------------------ import, demo

    def go_to_import(self) -> None:
        self.context.navigate("import")

    def open_demo(self) -> None:
        """Generate the demo board into this database in the background, then show its students."""
        vitrail = self.context.vitrail
        stop = self._stop = threading.Event()  # « Annuler » on this page

        def work(progress: Progress) -> Written[DemoSummary]:
            def report(done: int, total: int, label: str) -> None:
                if stop.is_set():
                    progress.cancel()
                progress.check()
                progress.report(done, total, label)
            return vitrail.generate_demo(students=DEMO_STUDENTS, seed=DEMO_SEED, progress=report)

        self._demo_running(True)
        self._say(self.demo_status, self.tr("Création du centre de services de démonstration…"))
        self.operation = self.context.runner.write(self, work, self._demo_created, self._demo_failed,
                                                   on_cancelled=self._demo_cancelled, on_progress=self._demo_progressed)

    def cancel_demo(self) -> None:
        """Stop the demo's creation: it is one transaction, so the database stays empty."""
        self._stop.set()
        self._say(self.demo_status, self.tr("Annulation…"))

    def _demo_progressed(self, done: int, total: int, label: str) -> None:
        self.demo_progress.setRange(0, max(total, 0))
        self.demo_progress.setValue(min(done, total) if total else 0)
        if label:
            self._say(self.demo_status, self.tr("Création de la démonstration : {step}…").format(step=label))
        self.demo_progressed.emit(done, total, label)

    def _demo_running(self, running: bool) -> None:
        self.demo_button.setEnabled(not running)
        self.demo_cancel.setEnabled(running)
        self.demo_progress.setVisible(running)
        self.demo_progress.setRange(0, 0)

    def _demo_created(self, summary: DemoSummary) -> None:
        self._demo_running(False)
        self._say(self.demo_status, "")
        self.demo_finished.emit(summary)
        self.context.navigate("students")

    def _demo_failed(self, message: str) -> None:
        self._demo_running(False)
        self._say(self.demo_status, message)
        self.demo_finished.emit(None)

    def _demo_cancelled(self) -> None:
        self._demo_running(False)
        self._say(self.demo_status, self.tr("Création annulée : la base est restée vide."))
        self.demo_finished.emit(None)
