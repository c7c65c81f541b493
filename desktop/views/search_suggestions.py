"""« Vouliez-vous dire : Bolduc ? » under a student search that found little.

Names heard on the phone are misspelled; the prefix search is exact by design (fast, no false
hits), so when it finds fewer than ``FEW_RESULTS`` students this label offers the closest spellings
of the board's names (``StudentIndex.suggest``). Clicking one (or Tab then Enter on it) puts it
in the search field.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.services.students.index import FEW_RESULTS, SpellingSuggestion
from desktop.views.students_table_model import StudentsTableModel


class SpellingSuggestions(QLabel):
    """Clickable spellings of the typed name that find students; hidden when the search found enough."""

    def __init__(self, search: QLineEdit, model: StudentsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spelling_suggestions")
        self.setAccessibleName(self.tr("Suggestions d'orthographe"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setWordWrap(True)
        self.suggestions: list[SpellingSuggestion] = []
        self._search = search
        self._model = model
        self.linkActivated.connect(self._use)
        search.textChanged.connect(self.refresh)
        model.modelReset.connect(self.refresh)
        self.hide()

    def refresh(self) -> None:
        text = self._search.text()
        index = self._model.student_index
        if not text.strip() or self._model.rowCount() >= FEW_RESULTS:
            self.suggestions = []
        else:
            self.suggestions = index.suggest(text)
        if not self.suggestions:
            self.hide()
            return
        links = ", ".join(f'<a href="{number}">{escape(s.label)}</a> ({self._students(s.count)})'
                          for number, s in enumerate(self.suggestions))
        self.setText(self.tr("Vouliez-vous dire\u00a0: {links}\u00a0?").format(links=links))
        self.show()

    def _students(self, count: int) -> str:
        return self.tr("{n} élève").format(n=count) if count <= 1 else self.tr("{n} élèves").format(n=count)

    def _use(self, link: str) -> None:
        self._search.setText(self.suggestions[int(link)].label)
