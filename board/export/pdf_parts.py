"""Parts every PDF of the board shares, so the card template and the minutes look alike.

Page geometry and colours, the common paragraph styles, ruled lines and rules, user text made
printable and cut into pieces that flow across pages, label-over-value boxes, and a canvas that
draws the running header and the "Side x af y" footer once the page count is known. No Qt.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Indenter,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from board.dates import compact_date
from board.export.fonts import REGULAR, Fonts, printable
from board.i18n import language, tr

# One calm accent; everything else is ink and greys.
INK = HexColor("#1e1e1e")
MUTED = HexColor("#6a6a6a")
RULE = HexColor("#b9b9b9")
WRITING_LINE = HexColor("#d2d2d2")
ACCENT = HexColor("#2c6a86")

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LINE_GAP = 7 * mm  # ruled lines: room for handwriting
CHUNK = 1500  # characters per paragraph of a very long text (see pieces)
CELL_CHARS = 700  # longer user text continues below its table row (a row cannot break)
CELL_LINES = 12


def format_date(day: date | None) -> str:
    """A date in a PDF's tables and lines: the compact style of ``board.dates``."""
    return compact_date(day) if day is not None else ""


# ------------------------------------------------------------------ styles


StyleMaker = Callable[..., ParagraphStyle]


def style_maker(fonts: Fonts) -> StyleMaker:
    """``style(name, size, leading, **kw)``: a ParagraphStyle set in DejaVu and ink."""

    def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", fonts.regular)
        kw.setdefault("bulletFontName", fonts.regular)  # reportlab's default: Helvetica
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, fontSize=size, leading=leading, **kw)

    return style


@dataclass(frozen=True, slots=True)
class BaseStyles:
    """The styles both documents use; each document adds its own on top."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    label: ParagraphStyle
    sublabel: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    note: ParagraphStyle
    meta_value: ParagraphStyle

    @staticmethod
    def parts(fonts: Fonts) -> dict[str, ParagraphStyle]:
        style, bold = style_maker(fonts), fonts.bold
        return {
            "kicker": style("kicker", 9, 12, textColor=ACCENT, spaceAfter=3),
            "title": style("title", 17, 21, fontName=bold, spaceAfter=6),
            "section": style("section", 8, 10, fontName=bold, textColor=MUTED, spaceAfter=2),
            "label": style(
                "label", 7.5, 9.5, fontName=bold, textColor=MUTED, spaceBefore=7, keepWithNext=1
            ),
            "sublabel": style(
                "sublabel", 7.5, 9.5, fontName=bold, textColor=MUTED, spaceBefore=5, spaceAfter=1
            ),
            "body": style("body", 9.5, 13.5),
            "bullet": style("bullet", 9.5, 13, leftIndent=9, bulletIndent=0, spaceAfter=2.5),
            "note": style("note", 8, 10.5, textColor=MUTED),
            "meta_value": style("meta_value", 10, 13),
        }


# ------------------------------------------------------------------ small flowables


class RuledLines(Flowable):
    """Blank lines to write on: an empty field of the paper form."""

    def __init__(self, count: int, gap: float = LINE_GAP) -> None:
        super().__init__()
        self.count = max(1, count)
        self.gap = gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap + 1
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fit = int((avail_height - 1) // self.gap)
        if 0 < fit < self.count:
            return [RuledLines(fit, self.gap), RuledLines(self.count - fit, self.gap)]
        return []

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(WRITING_LINE)
        c.setLineWidth(0.5)
        for n in range(1, self.count + 1):
            y = self.height - n * self.gap
            c.line(0, y, self.width, y)


class Rule(Flowable):
    def __init__(self, width: float = 0.5, color: Color = RULE, space: float = 2 * mm) -> None:
        super().__init__()
        self.line_width, self.color, self.space = width, color, space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.space * 2
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.line_width)
        self.canv.line(0, self.space, self.width, self.space)


# ------------------------------------------------------------------ text helpers


def markup(text: str) -> str:
    """One line of user text as Paragraph markup: drawable characters only, escaped."""
    return escape(printable(text, multiline=False))


def paragraphs(value: str, style: ParagraphStyle) -> list[Flowable]:
    """User text as paragraphs, one per line, so that very long texts flow across pages."""
    out: list[Flowable] = []
    for line in printable(value).strip("\n").split("\n"):
        if not line.strip():
            out.append(Spacer(1, style.leading * 0.5))
            continue
        out += [Paragraph(escape(piece), style) for piece in pieces(line)]
    return out


def pieces(line: str, size: int = CHUNK) -> Iterable[str]:
    """A very long line in pieces of about ``size`` characters, cut after a sentence if
    possible, else between words: reportlab re-wraps the rest of a paragraph at every page
    break, which makes one 100 000-character paragraph take many seconds."""
    while len(line) > size:
        window = line[: size + 1]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        if cut < size // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= size // 2 else size
        yield line[:cut]
        line = line[cut:].lstrip(" ")
    if line:
        yield line


def filled(value: str | None) -> bool:
    return bool(value and value.strip())


def layout_row(
    cells: list[Any], widths: list[float], style: Iterable[tuple[Any, ...]] = ()
) -> Table:
    """A one-row layout table: no padding, top-aligned, set in DejaVu unless ``style`` says
    otherwise (reportlab's default cell font, Helvetica, would be referenced unembedded)."""
    base: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    return Table([cells], colWidths=widths, style=TableStyle([*base, *style]))


class RowTable(Table):
    """A table that never leaves one row alone on a page: where it breaks, at least two
    of its rows stay on either side (one more row goes over, or the whole table moves on,
    as long as that leaves a page that is not empty)."""

    MIN_ROWS = 2

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        first = len(parts[0]._cellvalues) - head  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out
        second = len(parts[1]._cellvalues) - head  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out
        fresh = availHeight >= FRAME_H * 0.98  # a page of its own: take what fits
        if second < self.MIN_ROWS and first > self.MIN_ROWS:
            # One row would be alone over the page: take one more with it.
            last = len(parts[0]._cellvalues) - 1  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out
            lower = availHeight - self._rowHeights[last] - 0.5  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out
            return super().split(availWidth, lower)
        if (first < self.MIN_ROWS or second < self.MIN_ROWS) and not fresh:
            return []  # too few rows on one side: start the table on the next page
        return parts


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a ``row_table``: its cells, and the rest of a long text below it."""

    cells: list[Any]
    after: list[Flowable]  # the rest of a long text, flowing below the row


def cell_text(
    value: str, style: ParagraphStyle, note: ParagraphStyle
) -> tuple[list[Flowable], list[Flowable]]:
    """User text for a table cell: what fits in the cell, and the rest to print under the row.

    A table row cannot break across pages, so a 100 000-character text would not fit; it is
    cut after a sentence or between words and continues full width below its row.
    """
    text = printable(value).strip("\n")
    lines = text.split("\n")
    if len(text) <= CELL_CHARS and len(lines) <= CELL_LINES:
        return paragraphs(text, style), []
    head: list[str] = []
    used = 0
    for n, line in enumerate(lines):
        if n >= CELL_LINES or (head and used + len(line) > CELL_CHARS):
            rest = lines[n:]
            break
        if len(line) > CELL_CHARS - used:
            first = next(iter(pieces(line, max(CELL_CHARS - used, 100))))
            head.append(first)
            rest = [line[len(first) :].lstrip(" "), *lines[n + 1 :]]
            break
        head.append(line)
        used += len(line)
    else:
        rest = []
    more = [Paragraph(escape(tr("minutes.continued")), note)] if rest else []
    return paragraphs("\n".join(head), style) + more, paragraphs("\n".join(rest), style)


def row_table(
    head: list[str],
    rows: list[TableRow],
    widths: list[float],
    head_style: ParagraphStyle,
    indent: float = 0,
) -> list[Flowable]:
    """Rows under a header repeated on each page; quiet lines between rows, none across.

    A row with overflowing text ends the table; its text follows (indented by ``indent``)
    and the remaining rows go on in a new table with the same columns.
    """
    pad = 5
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.35, WRITING_LINE),
        ]
    )
    out: list[Flowable] = []
    data: list[list[Any]] = [[Paragraph(escape(h), head_style) for h in head]]
    with_header = True

    def flush() -> None:
        nonlocal data, with_header
        if len(data) > (1 if with_header else 0):
            table = RowTable(data, colWidths=widths, repeatRows=1 if with_header else 0)
            table.setStyle(style)
            if with_header:
                header = TableStyle(
                    [("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE), ("TOPPADDING", (0, 0), (-1, 0), 0)]
                )
                table.setStyle(header)
            out.append(table)
        data, with_header = [], False

    for row in rows:
        data.append(row.cells)
        if row.after:
            flush()
            out += [Indenter(left=indent), Spacer(1, 2), *row.after, Indenter(left=-indent)]
            out.append(Rule(0.35, WRITING_LINE, 1.5 * mm))
    flush()
    return out


def trim_end(story: list[Flowable]) -> list[Flowable]:
    """``story`` without the space at its end: a spacer or page break that does not fit
    would otherwise start a last page holding only the header and footer."""
    end = len(story)
    while end and isinstance(story[end - 1], Spacer | CondPageBreak | PageBreak):
        end -= 1
    return story[:end]


def fits(flowable: Flowable, width: float, height: float) -> bool:
    _, needed = flowable.wrap(width, height)
    return needed <= height


def bullets(style: ParagraphStyle, items: Iterable[str]) -> list[Flowable]:
    """Bullet points from Paragraph markup."""
    return [Paragraph(item, style, bulletText="•") for item in items]


def bullet_text(style: ParagraphStyle, value: str) -> list[Flowable]:
    """A bullet point of user text (any length, several lines)."""
    rest = ParagraphStyle("bullet_rest", parent=style, spaceBefore=0)
    parts = [p for line in printable(value).split("\n") for p in pieces(line) if p.strip()]
    out: list[Flowable] = []
    for n, piece in enumerate(parts or [""]):
        if n == 0:
            out.append(Paragraph(escape(piece), style, bulletText="•"))
        else:
            out.append(Paragraph(escape(piece), rest))
    return out


def meta_table(
    section: ParagraphStyle,
    value_style: ParagraphStyle,
    cells: list[tuple[str, str]],
    width: float,
    blank: Callable[[], Flowable] = lambda: RuledLines(1, 6 * mm),
) -> Table:
    """Label-over-value boxes (as on a paper form); an empty value shows ``blank()``,
    by default a line to write on."""
    row: list[list[Flowable]] = []
    for label, value in cells:
        body: Flowable = Paragraph(markup(value), value_style) if value else blank()
        row.append([Paragraph(escape(label), section), body])
    return layout_row(
        row, [width / len(cells)] * len(cells), [("RIGHTPADDING", (0, 0), (-1, -1), 8)]
    )


def hex_color(color: Color) -> str:
    return "#" + color.hexval()[2:]


def clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (board names may be 300 characters)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 20))]
    return text.rstrip() + "…"


# ------------------------------------------------------------------ page furniture


@dataclass(frozen=True, slots=True)
class PageInfo:
    fonts: Fonts
    running: str  # top left of every page after the first
    footer: str  # bottom left of every page
    header_title: str  # top right of every page after the first


class NumberedCanvas(Canvas):
    """Draws header and footer once the page count is known ("Side 1 af 3")."""

    def __init__(self, *args: Any, page_info: PageInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = page_info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(self._pageNumber, total)  # type: ignore[attr-defined]  # private; the reportlab stubs leave it out
            super().showPage()
        super().save()

    def _furniture(self, page: int, total: int) -> None:
        info, regular = self._info, self._info.fonts.regular
        size = 7.5
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.setFillColor(MUTED)
        self.setFont(regular, size)
        footer_y = MARGIN_BOTTOM - 11 * mm
        self.line(MARGIN_X, footer_y + 4 * mm, PAGE_W - MARGIN_X, footer_y + 4 * mm)
        number = tr("export.page", page=page, pages=total)
        self.drawRightString(PAGE_W - MARGIN_X, footer_y, number)
        room = FRAME_W - stringWidth(number, regular, size) - 8 * mm
        self.drawString(MARGIN_X, footer_y, clip(info.footer, regular, size, room))
        if page > 1:
            header_y = PAGE_H - MARGIN_TOP + 8 * mm
            title = info.header_title
            self.drawRightString(PAGE_W - MARGIN_X, header_y, title)
            room = FRAME_W - stringWidth(title, regular, size) - 8 * mm
            self.drawString(MARGIN_X, header_y, clip(info.running, regular, size, room))
            self.line(MARGIN_X, header_y - 2.5 * mm, PAGE_W - MARGIN_X, header_y - 2.5 * mm)
        self.restoreState()


def build_pdf(
    story: list[Flowable],
    page_info: PageInfo,
    *,
    title: str,
    author: str,
    subject: str,
    invariant: int | None = None,
) -> bytes:
    """Lay ``story`` out on numbered A4 pages and return the PDF.

    ``invariant=1`` leaves out the creation time and derives the file ID from the content, so
    the same story gives the same bytes; None follows reportlab's global setting.
    """
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        subject=subject,
        creator=tr("app.name"),
        lang="da-DK" if language() == "da" else "en-GB",
        # Else every page would reference Helvetica (not embedded) as its initial font.
        initialFontName=page_info.fonts.regular,
        invariant=invariant,
    )
    # No frame padding: text, tables and rules all line up with the header and footer rules.
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(trim_end(story), canvasmaker=partial(NumberedCanvas, page_info=page_info))
    return buffer.getvalue()
