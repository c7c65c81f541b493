"""A message over a list that has no row: « Aucun élève ne correspond à … » rather than a blank table.

A blank table after a search reads as "the program is broken" or "still loading"; a sentence says
the search ran and found nothing. The label lies over the view's viewport (no layout change, so
the page does not jump) and follows the model's rows by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyListMessage(QLabel):
    """Shown over ``view`` whenever its model has no row; ``text_for()`` says why at that moment
    (an empty string hides it, e.g. while the list is still loading)."""

    def __init__(self, view: QAbstractItemView, text_for: Callable[[], str]) -> None:
        super().__init__(view.viewport())
        self.setObjectName("empty_overlay")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._view = view
        self._text_for = text_for
        view.viewport().installEventFilter(self)
        self.hide()
        self.watch_model()

    def watch_model(self) -> None:
        """Follow the view's model (call again if the view is given another model)."""
        model = self._view.model()
        if model is None:
            return
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        model = self._view.model()
        text = self._text_for() if model is not None and model.rowCount() == 0 else ""
        self.setText(text)
        self.setVisible(bool(text))
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        area = self._view.viewport().rect().adjusted(16, 16, -16, -16)
        self.setGeometry(area.x(), area.y(), area.width(), min(area.height(), 80))
