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
    ``para(text, style)``: a Paragraph of plain text (markup escaped, typography applied).
    ``format_date(d)`` "23 novembre 2026" (1er for the first), ``format_datetime(dt)``
    "23 novembre 2026 à 14 h 05", ``format_number(x, decimals=None)`` "1 234,5",
    ``format_percent(x)`` "85,5 %", ``format_money(x)`` "1 234,50 $" (U+00A0 as thousands
    separator and before % and $, as the OQLF recommends), ``format_value(v)`` for anything a
    report may be handed (None → "—", bool → Oui/Non, date, number, text).
Tables
    ``data_table(columns, rows)``: a table whose header row repeats on every page it spans;
    column widths follow the content, long cells wrap. ``label_value_table(pairs)``: two columns,
    label and value, for a record's scalar fields.
Pages
    ``Letterhead(title, lines, footer)``: what every page of one document carries. The header
    shows ``lines[0]`` in bold with ``title`` at the right, then the other lines; the footer is
    ``"<footer> — page x de y"`` on every page.
    ``build_pdf(target, story, letterhead)`` → page count: one document, to a path or a binary
    file object. "y" is written once at the end as a PDF form referenced by every page, so a
    single layout pass suffices (no second pass, no pages held in memory).
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
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from desktop.paths import resource

NBSP = "\u00a0"
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


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def format_date(value: date) -> str:
    """Quebec French long date: "23 novembre 2026", "1er décembre 2026"."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime) -> str:
    """ "23 novembre 2026 à 14 h 05" (the OQLF's 24-hour notation)."""
    return f"{format_date(value.date())} à {value.hour} h {value.minute:02d}"


def format_number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """ "1 234,5": U+00A0 groups thousands, comma before decimals.

    ``decimals=None`` shows what the value needs, up to 2 (85.0 → "85", 85.25 → "85,25").
    """
    if decimals is None:
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(value):,.{decimals}f}"
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", NBSP).replace(".", ",")


def format_percent(value: float | int | Decimal, decimals: int | None = None) -> str:
    """ "85,5 %" (a non-breaking space before the sign)."""
    return f"{format_number(value, decimals)}{NBSP}%"


def format_money(value: float | int | Decimal) -> str:
    """ "1 234,50 $" (Quebec French: the dollar sign after the amount)."""
    return f"{format_number(value, 2)}{NBSP}$"


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


def _cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """Plain string when it fits on one line (fast), else a wrapping paragraph."""
    text = typography(text)
    if "\n" not in text and pdfmetrics.stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING:
        return text
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]], available: float) -> list[float]:
    """Widths that follow the content: natural widths scaled to fill, long columns squeezed first."""
    styles = report_styles()
    natural = []
    for index, title in enumerate(columns):
        widest = pdfmetrics.stringWidth(title, styles.table_header.fontName, styles.table_header.fontSize)
        for row in rows:
            widest = max(widest, pdfmetrics.stringWidth(row[index], styles.table_cell.fontName,
                                                        styles.table_cell.fontSize))
        natural.append(widest + 2 * CELL_PADDING + 1)
    total = sum(natural)
    if total <= available:
        return [width * available / total for width in natural]
    fair = available / len(columns)
    small = [width for width in natural if width <= fair]
    remaining = available - sum(small)
    large_total = sum(width for width in natural if width > fair)
    return [width if width <= fair else width * remaining / large_total for width in natural]


def _table_style(header_rows: int) -> TableStyle:
    styles = report_styles()
    commands = [
        ("FONT", (0, 0), (-1, -1), FONT, styles.table_cell.fontSize, styles.table_cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header_rows:
        commands += [
            ("FONT", (0, 0), (-1, header_rows - 1), FONT_BOLD, styles.table_header.fontSize,
             styles.table_header.leading),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, INK),
        ]
    return TableStyle(commands)


def data_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, width: float | None = None) -> Table:
    """A table with a header row repeated on every page it spans; cells formatted French."""
    styles = report_styles()
    available = width if width is not None else PAGE_SIZE[0] - 2 * MARGIN
    texts = [[format_value(cell) for cell in row] for row in rows]
    widths = _column_widths(columns, texts, available)
    header = [_cell(title, widths[i], styles.table_header) for i, title in enumerate(columns)]
    body = [[_cell(text, widths[i], styles.table_cell) for i, text in enumerate(row)] for row in texts]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(_table_style(1))
    return table


def label_value_table(pairs: Sequence[tuple[str, Any]], *, width: float | None = None,
                      label_share: float = 0.36) -> Table:
    """Label | value rows for a record's scalar fields (no header row)."""
    styles = report_styles()
    available = width if width is not None else PAGE_SIZE[0] - 2 * MARGIN
    widths = [available * label_share, available * (1 - label_share)]
    label_style = ParagraphStyle("label_cell", parent=styles.table_cell, textColor=MUTED)
    rows = [[_cell(label, widths[0], label_style), _cell(format_value(value), widths[1], styles.table_cell)]
            for label, value in pairs]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = _table_style(0)
    style.add("TEXTCOLOR", (0, 0), (0, -1), MUTED)
    table.setStyle(style)
    return table


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

    def __init__(self, target: Any, letterhead: Letterhead, pages_form: str) -> None:
        self.letterhead = letterhead
        self.pages_form = pages_form
        top = MARGIN + letterhead.header_height
        bottom = MARGIN + 14
        super().__init__(target, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=top, bottomMargin=bottom, title=typography(letterhead.title),
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
    one PDF file and one copy of the embedded fonts.
    """

    def save(self) -> None:  # called by BaseDocTemplate at the end of each document
        pass

    def really_save(self) -> None:
        super().save()


def _build_into(canvas: _DeferredSaveCanvas, story: list[Flowable], letterhead: Letterhead) -> int:
    register_fonts()
    # Named after the document's first page in this file: unique per file, stable run to run.
    document = _ReportDocument(None, letterhead, f"PageTotal{canvas.getPageNumber()}")
    document.build(story, canvasmaker=lambda *_args, **_kwargs: canvas)
    pages = document.page
    document.write_page_total(canvas)
    return pages


def _new_canvas(target: Any) -> _DeferredSaveCanvas:
    register_fonts()
    return _DeferredSaveCanvas(target, pagesize=PAGE_SIZE, invariant=rl_config.invariant,
                               pageCompression=1, initialFontName=FONT)


def build_pdf(target: str | os.PathLike | BinaryIO, story: list[Flowable], letterhead: Letterhead) -> int:
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

    def __init__(self, path: str | os.PathLike, title: str = "") -> None:
        self.path = Path(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        os.close(handle)
        self._temporary = Path(temporary)
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
            os.replace(self._temporary, self.path)
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
