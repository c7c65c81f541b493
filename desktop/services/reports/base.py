"""Building blocks shared by every PDF Vitrail prints (dossiers, NIP letters, visibility document).

Keep report code thin: build a list of flowables with the helpers below and hand it to
``build_pdf`` with a ``Letterhead``. Everything here is pure reportlab (no Qt).

API
---
Fonts
    ``register_fonts()``: registers the DejaVu TTF fonts shipped in ``resources/fonts`` once
    (idempotent, thread-safe); the built-in PDF fonts cannot show « », œ or € reliably and are
    never embedded, so every style here uses ``FONT``/``FONT_BOLD``/``FONT_ITALIC``/``FONT_BOLD_ITALIC``.
Styles
    ``report_styles()`` → ``ReportStyles`` (title, heading, subheading, body, small, note,
    table_header, table_cell): shared ``ParagraphStyle`` objects, built once.
French text
    ``typography(text)``: non-breaking space (U+00A0) before ``: ; ? !`` and inside « », œ kept.
    ``para(text, style)``: a Paragraph of plain text (markup escaped, typography applied);
    ``text_line(text, style)`` the same, drawn directly when it holds on one line (headings: faster).
    ``format_date(d)`` "23 novembre 2026" (1er for the first), ``format_datetime(dt)``
    "23 novembre 2026 à 14 h 05", ``format_number(x, decimals=None)`` "1 234,5",
    ``format_percent(x)`` "85,5 %", ``format_money(x)`` "1 234,50 $" (U+00A0 as thousands
    separator and before % and $, as the OQLF recommends), ``format_value(v)`` for anything a
    report may be handed (None → "—", bool → Oui/Non, date, number, text).
Tables
    ``data_table(columns, rows)``: a table whose header row repeats on every page it spans;
    column widths follow the content, long cells wrap. ``label_value_table(pairs)``: two columns,
    label and value, for a record's scalar fields. Both return a ``GridTable``, a lean table
    flowable (see its docstring for why not reportlab's ``Table``).
Pages
    ``Letterhead(title, lines, footer)``: what every page of one document carries. The header
    shows ``lines[0]`` in bold with ``title`` at the right, then the other lines; the footer is
    ``"<footer> — page x de y"`` on every page.
    ``build_pdf(target, story, letterhead)`` → page count: one document, to a path or a binary
    file object. "y" is written once at the end as a PDF form referenced by every page, so a
    single layout pass suffices (no second pass, and no copy of every page kept as a
    ``NumberedCanvas`` would).
    ``PdfCollection(path)``: many documents in one PDF file (each with its own letterhead and
    its own "page x de y"), fonts embedded once; ``add(story, letterhead)``, then ``close()``,
    or ``discard()`` to write nothing. Written to a temporary file renamed at ``close()``: a
    reader never sees a half-written file under the final name.
Tests
    ``invariant_output()``: context manager making output byte-stable (``rl_config.invariant``).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from desktop.paths import resource

# The reports' French formats are the screen's: re-exported (``as``) for the report modules.
from desktop.services.formatting import MONTHS as MONTHS
from desktop.services.formatting import NBSP as NBSP
from desktop.services.formatting import format_date as format_date
from desktop.services.formatting import format_datetime as format_datetime
from desktop.services.formatting import format_money as format_money
from desktop.services.formatting import format_number as format_number
from desktop.services.formatting import format_percent as format_percent
from desktop.services.outputs import STAGING_SUFFIX, make_private, remove_stale_staging, staging_prefix, write_refused

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_FAMILY = "DejaVuSans"

PAGE_SIZE = LETTER  # Quebec schools print on Letter
MARGIN = 1.8 * cm
HEADER_LINE = 12.0  # points between header lines
FOOTER_SIZE = 7.5
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")

# --------------------------------------------------------------------------- fonts

_fonts_lock = threading.Lock()
_fonts_registered = False


def register_fonts() -> None:
    """Register the shipped DejaVu fonts with reportlab (once per process)."""
    global _fonts_registered
    if _fonts_registered:
        return
    with _fonts_lock:
        if _fonts_registered:
            return
        for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
        pdfmetrics.registerFontFamily(FONT_FAMILY, normal=FONT, bold=FONT_BOLD,
                                      italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
        _fonts_registered = True


def text_width(text: str, font: str = FONT, size: float = 9) -> float:
    register_fonts()
    return _width(text, font, size)


@lru_cache(maxsize=65536)
def _width(text: str, font: str, size: float) -> float:
    """``stringWidth``, remembered: dossiers repeat the same subjects, codes and dates thousands of times."""
    return pdfmetrics.stringWidth(text, font, size)


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class ReportStyles:
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle


_styles: ReportStyles | None = None


def report_styles() -> ReportStyles:
    """The shared paragraph styles (built once; do not mutate them, derive with ``clone``)."""
    global _styles
    if _styles is None:
        register_fonts()
        body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5, textColor=INK, alignment=TA_LEFT)
        _styles = ReportStyles(
            title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=6),
            heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=11.5, leading=14,
                                   spaceBefore=10, spaceAfter=4),
            subheading=ParagraphStyle("subheading", parent=body, fontName=FONT_BOLD, fontSize=9.5, leading=12,
                                      spaceBefore=6, spaceAfter=2),
            body=body,
            small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
            note=ParagraphStyle("note", parent=body, fontName=FONT_ITALIC, fontSize=8, leading=10,
                                textColor=MUTED, spaceBefore=1, spaceAfter=3),
            table_header=ParagraphStyle("table_header", parent=body, fontName=FONT_BOLD, fontSize=8, leading=10),
            table_cell=ParagraphStyle("table_cell", parent=body, fontSize=8, leading=10),
        )
    return _styles


# --------------------------------------------------------------------------- French text

_GUILLEMET_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_GUILLEMET_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
# A regular space before : ; ? ! becomes non-breaking.
_SPACE_BEFORE_PUNCT = re.compile(r"[ \u202f]+([:;?!])")
# A word glued to : ; ? ! followed by a space or the end gets one ("Note:" → "Note :"), but
# never "08:15", "http://", "a:b" (nothing inserted when a non-space follows).
_GLUED_PUNCT = re.compile(r"(?<=[^\W\d_)»])([:;?!])(?=\s|$)")


@lru_cache(maxsize=65536)
def typography(text: str) -> str:
    """French typography: U+00A0 before ``: ; ? !`` and inside « »; ligatures such as œ kept.

    Applied to every string a report prints. It never touches times (08:15), addresses
    (http://), apostrophes or accents.
    """
    if not text:
        return text
    text = _GUILLEMET_OPEN.sub("«" + NBSP, text)
    text = _GUILLEMET_CLOSE.sub(NBSP + "»", text)
    text = _SPACE_BEFORE_PUNCT.sub(NBSP + r"\1", text)
    return _GLUED_PUNCT.sub(NBSP + r"\1", text)


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text: markup characters escaped, French typography applied."""
    return Paragraph(escape(typography(str(text))), style or report_styles().body)


class TextLine(Flowable):
    """One line of plain text in a paragraph style: headings and short lines without ``Paragraph``'s cost."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, self.style.leading

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.setFillColor(self.style.textColor)
        canvas.drawString(0, self.style.leading - self.style.fontSize, self.text)


def text_line(text: str, style: ParagraphStyle | None = None) -> Flowable:
    """Like ``para``, but a one-line text is drawn directly (much faster); longer text wraps as a Paragraph."""
    style = style or report_styles().body
    text = typography(str(text))
    if "\n" not in text and _width(text, style.fontName, style.fontSize) <= PAGE_SIZE[0] - 2 * MARGIN:
        return TextLine(text, style)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def format_value(value: Any) -> str:
    """Any value a report may receive, as French text (lists joined by commas)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, (int, float, Decimal)):
        return format_number(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(format_value(item) for item in value) or "—"
    return str(value)


# --------------------------------------------------------------------------- tables

CELL_PADDING = 3.0
CELL_FONT_SIZE = 8.0
CELL_LEADING = 10.0
CELL_PADDING_Y = 2.0


def _split_long_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and pdfmetrics.stringWidth(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (at spaces; inside a word only if it must)."""
    lines: list[str] = []
    for part in text.split("\n"):
        if _width(part, font, size) <= width:
            lines.append(part)
            continue
        for line in simpleSplit(part, font, size, width):
            if pdfmetrics.stringWidth(line, font, size) <= width:
                lines.append(line)
            else:
                lines.extend(_split_long_word(line, font, size, width))
    return lines or [""]


class _GridRow:
    """The wrapped lines of each cell of one row, and the row's height."""

    __slots__ = ("cells", "height")

    def __init__(self, cells: tuple[tuple[str, ...], ...]) -> None:
        self.cells = cells
        self.height = max(len(lines) for lines in cells) * CELL_LEADING + 2 * CELL_PADDING_Y


class GridTable(Flowable):
    """A ruled table whose header row is repeated on every page it spans.

    Why not reportlab's ``Table``: a dossier holds hundreds of cells, and ``Table`` measures and
    draws each one as its own text object (and ``Paragraph`` for wrapping cells), which made
    layout three times slower than drawing the text itself. Here cells are wrapped once with
    ``simpleSplit`` and a whole table part is written as one PDF text object. Rows taller than a
    page are split between lines, so any content fits.
    """

    def __init__(self, header: Sequence[str], rows: Sequence[_GridRow], widths: Sequence[float],
                 muted_columns: frozenset[int] = frozenset(), caption: str | None = None) -> None:
        super().__init__()
        self.caption = caption  # a title printed above the first part only, never left alone at a page end
        if caption:
            self.spaceBefore = report_styles().subheading.spaceBefore
        self.header = _GridRow(tuple(tuple(wrap_lines(text, FONT_BOLD, CELL_FONT_SIZE, w - 2 * CELL_PADDING))
                                     for text, w in zip(header, widths, strict=True))) if header else None
        self._header_texts = tuple(header)
        self.rows = tuple(rows)
        self.widths = tuple(widths)
        self.muted_columns = muted_columns
        self.hAlign = "LEFT"

    @classmethod
    def of_texts(cls, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                 muted_columns: frozenset[int] = frozenset(), caption: str | None = None) -> GridTable:
        grid_rows = [_GridRow(tuple(tuple(wrap_lines(text, FONT, CELL_FONT_SIZE, w - 2 * CELL_PADDING))
                                    for text, w in zip(row, widths, strict=True))) for row in rows]
        return cls(header, grid_rows, widths, muted_columns, caption)

    def _part(self, rows: Sequence[_GridRow], caption: str | None = None) -> GridTable:
        return GridTable(self._header_texts, rows, self.widths, self.muted_columns, caption)

    @property
    def _caption_height(self) -> float:
        if not self.caption:
            return 0.0
        style = report_styles().subheading
        return style.leading + style.spaceAfter

    @property
    def _header_height(self) -> float:
        return self._caption_height + (self.header.height if self.header else 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = sum(self.widths)
        self.height = self._header_height + sum(row.height for row in self.rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        room = availHeight - self._header_height
        used, count = 0.0, 0
        for row in self.rows:
            if used + row.height > room:
                break
            used += row.height
            count += 1
        if count == 0:
            return self._split_first_row(room)
        if count == len(self.rows):
            return [self]
        return [self._part(self.rows[:count], self.caption), self._part(self.rows[count:])]

    def _split_first_row(self, room: float) -> list[Flowable]:
        """A row taller than the room left: cut it between lines (only when it cannot fit on a fresh page)."""
        first = self.rows[0]
        fitting = int((room - 2 * CELL_PADDING_Y) // CELL_LEADING)
        if fitting < 3 or first.height <= room:
            return []
        head = _GridRow(tuple(lines[:fitting] or ("",) for lines in first.cells))
        tail = _GridRow(tuple(lines[fitting:] or ("",) for lines in first.cells))
        return [self._part([head], self.caption), self._part([tail, *self.rows[1:]])]

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        if self.caption:
            style = report_styles().subheading
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawString(0, top - style.fontSize, self.caption)
            top -= self._caption_height
        text = canvas.beginText()
        canvas.setLineWidth(0.25)
        canvas.setStrokeColor(RULE)
        if self.header is not None:
            canvas.setFillColor(HEADER_FILL)
            canvas.rect(0, top - self.header.height, self.width, self.header.height, stroke=0, fill=1)
            text.setFont(FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING)
            text.setFillColor(INK)
            self._row_text(text, self.header, top, muted=False)
            top -= self.header.height
            canvas.setLineWidth(0.6)
            canvas.setStrokeColor(INK)
            canvas.line(0, top, self.width, top)
            canvas.setLineWidth(0.25)
            canvas.setStrokeColor(RULE)
        text.setFont(FONT, CELL_FONT_SIZE, CELL_LEADING)
        rules = []
        for row in self.rows:
            self._row_text(text, row, top, muted=True)
            top -= row.height
            rules.append((0, top, self.width, top))
        canvas.lines(rules)
        canvas.drawText(text)

    def _row_text(self, text: PDFTextObject, row: _GridRow, top: float, *, muted: bool) -> None:
        """Each line placed at its own origin; ``textOut`` keeps a row on one extracted text line."""
        x = 0.0
        for column, (lines, width) in enumerate(zip(row.cells, self.widths, strict=True)):
            if muted and self.muted_columns:
                text.setFillColor(MUTED if column in self.muted_columns else INK)
            y = top - CELL_PADDING_Y - CELL_FONT_SIZE + 0.5
            for line in lines:
                if line:
                    text.setTextOrigin(x + CELL_PADDING, y)
                    text.textOut(line)
                y -= CELL_LEADING
            x += width


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], available: float) -> list[float]:
    """Widths that follow the content: natural widths scaled to fill, long columns squeezed first."""
    natural = []
    for index, title in enumerate(columns):
        widest = _width(title, FONT_BOLD, CELL_FONT_SIZE)
        for row in rows:
            cell = row[index]
            widest = max(widest, _width(cell, FONT, CELL_FONT_SIZE) if "\n" not in cell
                         else max(_width(line, FONT, CELL_FONT_SIZE) for line in cell.split("\n")))
        natural.append(widest + 2 * CELL_PADDING + 1)
    total = sum(natural)
    if total <= available:
        return [width * available / total for width in natural]
    fair = available / len(columns)
    small = [width for width in natural if width <= fair]
    remaining = available - sum(small)
    large_total = sum(width for width in natural if width > fair)
    return [width if width <= fair else width * remaining / large_total for width in natural]


def data_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, width: float | None = None,
               caption: str | None = None) -> GridTable:
    """A table with a header row repeated on every page it spans; cells formatted French.

    ``caption`` (in the subheading style) stays with the first rows: it never ends a page alone.
    """
    register_fonts()
    available = width if width is not None else PAGE_SIZE[0] - 2 * MARGIN
    header = [typography(title) for title in columns]
    texts = [[typography(format_value(cell)) for cell in row] for row in rows]
    return GridTable.of_texts(header, texts, _column_widths(header, texts, available),
                              caption=typography(caption) if caption else None)


def label_value_table(pairs: Sequence[tuple[str, Any]], *, width: float | None = None,
                      label_share: float = 0.36) -> GridTable:
    """Label | value rows for a record's scalar fields (no header row; labels in grey)."""
    register_fonts()
    available = width if width is not None else PAGE_SIZE[0] - 2 * MARGIN
    widths = [available * label_share, available * (1 - label_share)]
    texts = [[typography(label), typography(format_value(value))] for label, value in pairs]
    return GridTable.of_texts((), texts, widths, muted_columns=frozenset({0}))


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Letterhead:
    """What every page of one document carries.

    ``lines[0]`` (e.g. the school) is printed bold with ``title`` at the right; further lines
    (student, viewer…) below it. ``footer`` is followed by " — page x de y".
    """

    title: str
    lines: tuple[str, ...]
    footer: str

    @property
    def header_height(self) -> float:
        return HEADER_LINE * max(1, len(self.lines)) + 10


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with "…" so that it fits ``width`` (header lines never wrap)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _ReportDocument(BaseDocTemplate):
    """One document: a single frame under the header; header and footer drawn on every page."""

    def __init__(self, letterhead: Letterhead, pages_form: str) -> None:
        self.letterhead = letterhead
        self.pages_form = pages_form
        top = MARGIN + letterhead.header_height
        bottom = MARGIN + 14
        # No file: the canvas is given to ``build`` (see ``_build_into``), which writes it.
        super().__init__(None, pagesize=PAGE_SIZE,  # type: ignore[arg-type]
                         leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top, bottomMargin=bottom,
                         title=typography(letterhead.title),
                         author="Vitrail", creator="Vitrail", subject=typography(letterhead.footer))
        frame = Frame(MARGIN, bottom, PAGE_SIZE[0] - 2 * MARGIN, PAGE_SIZE[1] - top - bottom,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_header(canvas)
        self._draw_footer(canvas)
        canvas.restoreState()

    def _draw_header(self, canvas: Canvas) -> None:
        head = self.letterhead
        width, height = PAGE_SIZE
        right = width - MARGIN
        y = height - MARGIN - 9
        title = typography(head.title)
        title_width = pdfmetrics.stringWidth(title, FONT_BOLD, 9)
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 10)
        first = typography(head.lines[0]) if head.lines else ""
        canvas.drawString(MARGIN, y, _fit(first, FONT_BOLD, 10, right - MARGIN - title_width - 12))
        canvas.setFont(FONT_BOLD, 9)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, y, title)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(INK)
        for line in head.lines[1:]:
            y -= HEADER_LINE
            canvas.drawString(MARGIN, y, _fit(typography(line), FONT, 8.5, right - MARGIN))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        rule_y = y - 6
        canvas.line(MARGIN, rule_y, right, rule_y)

    def _draw_footer(self, canvas: Canvas) -> None:
        width = PAGE_SIZE[0] - 2 * MARGIN
        text = f"{typography(self.letterhead.footer)} — page {self.page} de "
        size = FOOTER_SIZE
        reserve = pdfmetrics.stringWidth("999", FONT, size)
        while size > 5 and pdfmetrics.stringWidth(text, FONT, size) + reserve > width:
            size -= 0.5
        text = _fit(text, FONT, size, width - reserve)
        y = MARGIN - 2
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y + size + 4, PAGE_SIZE[0] - MARGIN, y + size + 4)
        canvas.setFont(FONT, size)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, text)
        canvas.translate(MARGIN + pdfmetrics.stringWidth(text, FONT, size), y)
        canvas.doForm(self.pages_form)

    def write_page_total(self, canvas: Canvas) -> None:
        """Define the form every footer refers to: the total page count, known only now."""
        canvas.beginForm(self.pages_form)
        canvas.setFont(FONT, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(0, 0, str(self.page))
        canvas.endForm()


class _DeferredSaveCanvas(Canvas):
    """A canvas the document template may "save" many times: only ``really_save`` writes.

    Lets several documents (each built by its own template, with its own page numbers) share
    one PDF file and one copy of the embedded fonts. Each finished page is compressed at once
    (reportlab would keep its text until the final save), so a combined PDF of a whole school
    costs a few kilobytes of memory per page.
    """

    def save(self) -> None:  # called by BaseDocTemplate at the end of each document
        pass

    def showPage(self) -> None:  # noqa: N802 (overrides reportlab's Canvas.showPage)
        super().showPage()
        # The canvas's private document and compression flag: not in reportlab's type stubs.
        page = self._doc.Pages.pages[-1]  # type: ignore[attr-defined]
        if self._pageCompression and page.stream and not page.Contents:  # type: ignore[attr-defined]
            flate = pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])})
            page.Contents = pdfdoc.PDFStream(flate, content=pdfdoc.PDFZCompress.encode(page.stream))
            page.stream = None

    def really_save(self) -> None:
        super().save()


def _build_into(canvas: _DeferredSaveCanvas, story: list[Flowable], letterhead: Letterhead) -> int:
    register_fonts()
    # Named after the document's first page in this file: unique per file, stable run to run.
    document = _ReportDocument(letterhead, f"PageTotal{canvas.getPageNumber()}")
    document.build(story, canvasmaker=lambda *_args, **_kwargs: canvas)
    pages = document.page
    document.write_page_total(canvas)
    return pages


def _new_canvas(target: str | IO[bytes]) -> _DeferredSaveCanvas:
    register_fonts()
    # types-reportlab declares initialFontName a float; reportlab takes a font name.
    return _DeferredSaveCanvas(target, pagesize=PAGE_SIZE, invariant=rl_config.invariant,
                               pageCompression=1, initialFontName=FONT)  # type: ignore[arg-type]


def build_pdf(target: str | os.PathLike[str] | BinaryIO, story: list[Flowable], letterhead: Letterhead) -> int:
    """Lay ``story`` out under ``letterhead`` and write the PDF to ``target``; returns the page count.

    ``story`` is consumed (reportlab pops flowables as it places them).
    """
    canvas = _new_canvas(str(target) if isinstance(target, (str, os.PathLike)) else target)
    pages = _build_into(canvas, story, letterhead)
    canvas.setTitle(typography(letterhead.title))
    canvas.really_save()
    return pages


class PdfCollection:
    """Many documents in one PDF file, each with its own header and "page x de y".

    Written to a temporary file in the destination folder and renamed at ``close()``;
    ``discard()`` (or leaving a ``with`` block on an exception) removes it, so an interrupted
    batch leaves nothing behind. Pages are kept compressed in memory until ``close()`` (a few
    kilobytes each).
    """

    def __init__(self, path: str | os.PathLike[str], title: str = "") -> None:
        self.path = Path(path)
        remove_stale_staging(self.path.parent)
        try:
            handle, temporary = tempfile.mkstemp(prefix=staging_prefix(), suffix=STAGING_SUFFIX, dir=self.path.parent)
        except OSError as exc:
            raise write_refused(self.path, exc) from exc
        os.close(handle)
        self._temporary = Path(temporary)  # 0600, as mkstemp creates it
        self._canvas: _DeferredSaveCanvas | None = _new_canvas(str(self._temporary))
        self.title = title
        self.documents = 0
        self.pages = 0

    def add(self, story: list[Flowable], letterhead: Letterhead) -> int:
        """Append one document; returns its page count."""
        if self._canvas is None:
            raise RuntimeError("PdfCollection already closed")
        pages = _build_into(self._canvas, story, letterhead)
        self.documents += 1
        self.pages += pages
        return pages

    def close(self) -> Path:
        if self._canvas is None:
            return self.path
        if self.title:
            self._canvas.setTitle(typography(self.title))
        try:
            self._canvas.really_save()
            make_private(self._temporary)
            os.replace(self._temporary, self.path)
        except OSError as exc:
            self._temporary.unlink(missing_ok=True)
            raise write_refused(self.path, exc) from exc
        except BaseException:
            self._temporary.unlink(missing_ok=True)
            raise
        finally:
            self._canvas = None
        return self.path

    def discard(self) -> None:
        self._canvas = None
        self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> PdfCollection:
        return self

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()


@contextlib.contextmanager
def invariant_output() -> Iterator[None]:
    """Byte-stable PDFs (fixed dates and ids) for tests comparing output."""
    previous = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = previous
