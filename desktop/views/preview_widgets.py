"""The pieces of the Aperçu page: a tile frame laid out like the portal, and a "why" explanation.

Widgets only show ``DossierView`` data; every decision (visible, hidden, why) comes from the
engine. A hidden item is greyed with a "Pourquoi ?" button that unfolds the rule and a link to
what would change it; the page decides where a link goes (``link_activated``).
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.services.formatting import format_money, format_number, format_percent
from desktop.services.reports.dossier import PERCENT_FIELDS
from desktop.services.visibility.view import FieldView, Reason, TileView

MAX_LINES = 6
HIGHLIGHT = "#fff3c4"
ROW_KEYS_NOT_SHOWN = {"guardian_id", "author_staff_id", "week_of"}
# One style sheet for every tile, set once on the area that holds them (``PreviewPage``): a style
# sheet per label made each tile slow to build and to polish, and adding a viewer froze the window
# (issue 16). Only what differs between viewers keeps its own style sheet, which says why.
PREVIEW_STYLE = """
TileFrame { border: 1px solid #c9d3df; border-radius: 6px; background: #ffffff; }
TileFrame[masked="true"] { border: 1px solid #dddddd; background: #f4f4f4; }
QLabel#tile_title { font-weight: 600; font-size: 13px; color: #1d3557; }
QLabel#tile_title[masked="true"] { color: #8a8a8a; }
QLabel#field_name { color: #555; font-size: 11px; }
QLabel#field_name[masked="true"] { color: #a0a0a0; }
QLabel#hidden_label { color: #8a8a8a; }
QToolButton#why_button { color: #1f5fa8; }
QLabel#why_text { color: #444; background: #f1f4f8; padding: 4px; border-radius: 3px; }
"""


def _t(text: str) -> str:
    return QCoreApplication.translate("PreviewValues", text)


def _words() -> dict[str, str]:
    """Stored codes shown in French (kinds of homework, attendance, SOI categories, statements)."""
    return {"assessment": _t("évaluation"), "homework": _t("devoir"), "lesson": _t("leçon"),
            "absence": _t("absence"), "lateness": _t("retard"), "positive": _t("Positive"),
            "to_watch": _t("À surveiller"), "to_modify": _t("À modifier"), "serious": _t("Grave"),
            "intervention": _t("Intervention")}


def _scalar_text(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _t("oui") if value else _t("non")
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(_row_text(v) for v in value) or "—"
    return _words().get(value, str(value)) if isinstance(value, str) else str(value)


def _flag_text(key: str, value: bool) -> str | None:
    flags = {"respondent": (_t("répondant"), _t("non répondant")), "detention": (_t("retenue"), None),
             "entitled": (_t("a droit au transport"), _t("pas de transport")),
             "shared_with_parents": (_t("partagée avec les parents"), None),
             "all_subjects": (_t("toutes les matières"), None)}
    yes, no = flags.get(key, (_scalar_text(value), _scalar_text(value)))
    return yes if value else no


def _row_text(row: object, field_id: str = "") -> str:
    """One row as on paper: percentages of result fields as "79,2 %", amounts as "12,50 $"."""
    if not isinstance(row, dict):
        return _scalar_text(row)
    if "text" in row and "category" in row:
        shared = f" · {_flag_text('shared_with_parents', True)}" if row.get("shared_with_parents") else ""
        return f"{row['date']} · {_scalar_text(row['category'])}{shared} · {row.get('author', '')} — {row['text']}"
    parts = []
    for key, value in row.items():
        if key in ROW_KEYS_NOT_SHOWN or value in (None, "", []):
            continue
        if key == "homework":
            value = "; ".join(f"{h['title']} ({_scalar_text(h['kind'])})" for h in value)
        if isinstance(value, bool):
            text = _flag_text(key, value)
        elif key == "balance" and isinstance(value, (int, float)):
            text = format_money(value)
        elif key == "value" and field_id in PERCENT_FIELDS and isinstance(value, (int, float)):
            text = format_percent(value)
        else:
            text = _scalar_text(value)
        if text:
            parts.append(text)
    return " · ".join(parts) or "—"


def value_lines(value: object, field_id: str = "") -> list[str]:
    """A field value as a few readable lines (lists are cut after ``MAX_LINES`` with a count)."""
    if isinstance(value, list):
        if not value:
            return [_t("(aucun)")]
        lines = [_row_text(row, field_id) for row in value[:MAX_LINES]]
        if len(value) > MAX_LINES:
            lines.append(_t("… et {count} de plus").format(count=len(value) - MAX_LINES))
        return lines
    if isinstance(value, dict):
        return [_row_text(value, field_id)]
    return [_scalar_text(value)]


def breakable(text: str) -> str:
    """Let a long file name or address wrap after ``_`` ``@`` ``/`` (a zero-width space): otherwise one
    unbreakable word sets the column's minimum width and side-by-side columns cannot share the screen."""
    for mark in "_@/":
        text = text.replace(mark, mark + "\u200b")
    return text


def signature(field: FieldView) -> str:
    """What two viewers must share for a field to count as "the same" in the comparison."""
    return json.dumps([field.visible, field.value], sort_keys=True, default=str)


# Reasons of a visible field that a setting (or a staff member's own choice) decided: the Aperçu says
# which, with its "Pourquoi ?" link, as it does for what is hidden (§7.7).
SHOWN_BY_A_SETTING = frozenset({"subjects_and_teachers_displayed", "cyclic_schedule_without_teachers",
                                "group_average_displayed", "teacher_email_published", "registration_window_open",
                                "absence_indicator_without_attendance", "job_class_granted"})


def reason_link(reason: Reason) -> str | None:
    """The target of the "what would change it" link: ``setting:…`` or ``record:…``."""
    if reason.record:
        return f"record:{reason.record}"
    if reason.setting:
        return f"setting:{reason.setting}"
    return None


class WhyLine(QWidget):
    """A greyed "masqué" line with a "Pourquoi ?" button that unfolds the rule and its link."""

    link_activated = Signal(str)

    def __init__(self, title: str, reason: Reason, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        label = QLabel(title)
        label.setObjectName("hidden_label")
        label.setWordWrap(True)
        label.setToolTip(reason.message)
        self.button = QToolButton()
        self.button.setObjectName("why_button")
        self.button.setText(self.tr("Pourquoi ?"))
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        top.addWidget(label, 1)
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.explanation = QLabel(self._explanation_html())
        self.explanation.setObjectName("why_text")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.linkActivated.connect(self.link_activated)
        self.explanation.setVisible(False)
        layout.addWidget(self.explanation)
        self.button.toggled.connect(self.explanation.setVisible)

    def _explanation_html(self) -> str:
        reason = self.reason
        text = reason.message.replace("&", "&amp;").replace("<", "&lt;")
        if reason.assumed:
            text += " " + self.tr("<i>(règle présumée : les documents de référence ne la précisent pas ; "
                                  "Vitrail l'a reconstituée et le centre de services peut la changer)</i>")
        link = reason_link(reason)
        if link and link.startswith("record:guardian:"):
            text += f' <a href="{link}">{self.tr("Corriger le courriel du répondant")}</a>'
        elif link and link.startswith("record:"):
            text += f' <a href="{link}">{self.tr("Ouvrir la fiche concernée")}</a>'
        elif link:
            text += f' <a href="{link}">{self.tr("Ouvrir le réglage")}</a>'
        return text


class TileFrame(QFrame):
    """One tile of the file, as on the portal: a title, then each field with its value or why not."""

    link_activated = Signal(str)

    def __init__(self, tile: TileView, *, show_hidden: bool, differing: AbstractSet[str] = frozenset(),
                 tile_differs: bool = False, only_fields: AbstractSet[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.setObjectName(f"tile_{tile.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("masked", not tile.visible)
        self._labels: dict[str, tuple[QLabel, QLabel | None, bool]] = {}  # field → name, value, visible
        self._differing: AbstractSet[str] = frozenset()
        self._tile_differs = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        title = QLabel(tile.label)
        title.setObjectName("tile_title")
        title.setProperty("masked", not tile.visible)
        layout.addWidget(title)
        if not tile.visible:
            why = WhyLine(self.tr("Tuile masquée"), tile.reason)
            why.link_activated.connect(self.link_activated)
            layout.addWidget(why)
            layout.addStretch(1)
            self.highlight(differing, tile_differs)
            return
        grid = QGridLayout()
        layout.addLayout(grid)
        layout.addStretch(1)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        row = 0
        for field in tile.fields:
            if (not field.visible and not show_hidden) or (only_fields is not None and field.id not in only_fields):
                continue
            row = self._add_field(grid, row, field)
        self.highlight(differing, tile_differs)

    def highlight(self, differing: AbstractSet[str], tile_differs: bool) -> None:
        """Mark what differs from the other viewers compared; a frame kept from the previous render is
        only restyled where that changed (adding a viewer rebuilds nothing it already showed)."""
        if tile_differs != self._tile_differs:
            self._tile_differs = tile_differs
            background = "#ffffff" if self.tile.visible else "#f4f4f4"
            # Seen by some viewers only: orange.
            self.setStyleSheet(f"TileFrame {{ border: 1px solid #e0a030; border-radius: 6px; "
                               f"background: {background}; }}" if tile_differs else "")
        for field_id, (name, value, visible) in self._labels.items():
            differs = field_id in differing
            if differs == (field_id in self._differing):
                continue
            if differs:
                style = "color: #555; font-size: 11px;" if visible else "color: #a0a0a0; font-size: 11px;"
                name.setStyleSheet(f"{style} background: {HIGHLIGHT};")
            else:
                name.setStyleSheet("")
            name.setToolTip(self.tr("Différent d'un autre observateur comparé") if differs else "")
            if value is not None:
                value.setStyleSheet(f"background: {HIGHLIGHT};" if differs else "")
        self._differing = frozenset(differing)

    def _add_field(self, grid: QGridLayout, row: int, field: FieldView) -> int:
        name = QLabel(field.label)
        name.setObjectName("field_name")
        name.setProperty("masked", not field.visible)
        name.setWordWrap(True)
        name.setMaximumWidth(170)
        name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(name, row, 0)
        value: QLabel | None = None
        if field.visible:
            value = QLabel(breakable("\n".join(value_lines(field.value, field.id))))
            value.setObjectName(f"value_{field.id}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setToolTip(field.reason.message)
            grid.addWidget(value, row, 1)
            if field.reason.code in SHOWN_BY_A_SETTING:
                row += 1
                shown = WhyLine(self.tr("affiché selon un réglage"), field.reason)
                shown.setObjectName(f"shown_{field.id}")
                shown.link_activated.connect(self.link_activated)
                grid.addWidget(shown, row, 1)
        else:
            why = WhyLine(self.tr("masqué"), field.reason)
            why.setObjectName(f"hidden_{field.id}")
            why.link_activated.connect(self.link_activated)
            grid.addWidget(why, row, 1)
        self._labels[field.id] = (name, value, field.visible)
        # No count of the items retained inside a visible field: the screen shows what the viewer gets
        # and the rule (the field's reason), never a trace of what they may not see (§7.6).
        return row + 1
