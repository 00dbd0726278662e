"""A board's learning points as an A4 PDF and as a CSV file for Excel: what the team leader
hands the other teams' leaders ("mindst hver anden måned", 003). No Qt.

The CSV is for Excel on a Danish Windows machine: UTF-8 with a byte order mark (else Excel
reads æ, ø, å as two characters each), semicolons (the comma is the decimal sign there),
dates in the compact style, and a cell that starts like a formula made plain text with an
apostrophe, so a learning point never runs as a formula on the reader's machine.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from board.atomic_file import write_bytes
from board.dates import compact_date
from board.export.fonts import Fonts, printable, register_fonts
from board.export.pdf_parts import (
    FRAME_W,
    MUTED,
    BaseStyles,
    PageInfo,
    Rule,
    TableRow,
    build_pdf,
    cell_text,
    format_date,
    markup,
    row_table,
    style_maker,
)
from board.i18n import tr, tr_n
from board.services.learning_points import Report, ReportRow

# What makes a spreadsheet treat a cell as a formula (and tab and CR, which some programs
# strip before looking): such a cell gets a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

DATE_W = 20 * mm
MEETING_W = 30 * mm
CASE_W = 24 * mm
NOTED_BY_W = 27 * mm


# ------------------------------------------------------------------ shared


def _meeting(row: ReportRow) -> str:
    """The meeting a point was noted at: "Teamsparring 24.11.2026"."""
    if row.meeting_kind is None:
        return ""
    key = f"meeting.{row.meeting_kind}"
    name = tr(key)
    name = row.meeting_kind if name == key else name  # a kind this release does not name
    return tr("points.meeting", kind=name, date=format_date(row.meeting_day)).strip()


def _period(report: Report) -> str:
    until = compact_date(report.until)
    if report.since is None:
        return tr("points.period_all", end=until)
    return tr("points.period", start=compact_date(report.since), end=until)


def _head() -> list[str]:
    return [
        tr("points.col.date"),
        tr("points.col.text"),
        tr("points.col.meeting"),
        tr("points.col.case"),
        tr("points.col.noted_by"),
    ]


# ------------------------------------------------------------------ CSV


def plain_cell(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def learning_points_csv_bytes(report: Report) -> bytes:
    """The points as CSV for Excel on Danish Windows: BOM, semicolons, CRLF, a header row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([plain_cell(h) for h in _head()])
    for row in report.rows:
        writer.writerow(
            plain_cell(value)
            for value in (
                compact_date(row.noted_on),
                row.text,
                _meeting(row),
                row.case_label,
                row.noted_by,
            )
        )
    return out.getvalue().encode("utf-8-sig")


def write_learning_points_csv(report: Report, path: Path) -> None:
    write_bytes(Path(path), learning_points_csv_bytes(report))


# ------------------------------------------------------------------ PDF


@dataclass(frozen=True, slots=True)
class _Styles(BaseStyles):
    head: ParagraphStyle
    cell: ParagraphStyle
    cell_note: ParagraphStyle
    period: ParagraphStyle

    @classmethod
    def make(cls, fonts: Fonts) -> _Styles:
        style, bold = style_maker(fonts), fonts.bold
        return cls(
            **BaseStyles.parts(fonts),
            head=style("head", 7.5, 9.5, fontName=bold, textColor=MUTED),
            cell=style("cell", 9, 12),
            cell_note=style("cell_note", 8, 10.5, textColor=MUTED, spaceBefore=1),
            period=style("period", 10, 13, spaceAfter=2),
        )


def _story(report: Report, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(markup(report.board_name), st.kicker),
        Paragraph(escape(tr("points.title")), st.title),
        Paragraph(escape(_period(report)), st.period),
        Paragraph(escape(tr_n("points.count", len(report.rows))), st.note),
        Rule(),
        Spacer(1, 2 * mm),
    ]
    if not report.rows:
        return [*story, Paragraph(escape(tr("points.none")), st.body)]
    rows = []
    for row in report.rows:
        text, after = cell_text(row.text, st.cell, st.cell_note)
        cells = [format_date(row.noted_on), text, _meeting(row), row.case_label, row.noted_by]
        rows.append(
            TableRow(
                [c if not isinstance(c, str) else Paragraph(markup(c), st.cell) for c in cells],
                after,
            )
        )
    text_w = FRAME_W - DATE_W - MEETING_W - CASE_W - NOTED_BY_W
    widths = [DATE_W, text_w, MEETING_W, CASE_W, NOTED_BY_W]
    return [*story, *row_table(_head(), rows, widths, st.head, indent=DATE_W)]


def learning_points_pdf_bytes(report: Report, printed_on: date | None = None) -> bytes:
    """The points as an A4 PDF in the current language; the same report gives the same bytes."""
    fonts = register_fonts()
    st = _Styles.make(fonts)
    title = tr("points.title")
    printed = tr("export.printed", date=format_date(printed_on or report.until))
    page_info = PageInfo(
        fonts=fonts,
        running=printable(report.board_name, multiline=False),
        footer=printable(f"{report.board_name}  ·  {printed}", multiline=False),
        header_title=title,
    )
    return build_pdf(
        _story(report, st),
        page_info,
        title=printable(f"{title} – {report.board_name}", multiline=False),
        author=printable(report.board_name, multiline=False),
        subject=title,
        invariant=1,
    )


def write_learning_points_pdf(report: Report, path: Path) -> None:
    write_bytes(Path(path), learning_points_pdf_bytes(report))
