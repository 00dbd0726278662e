"""The card's improvement-model template as an A4 PDF: the paper form of Hæfte 4, 5.1 (Figur 12).

Top: the development point and the three questions of the Model for Improvement (Figur 4).
Below: one form per learning cycle with Planlæg, Afprøv, Reflektér and Justér and their
guiding questions. Fields not yet filled in print as ruled lines to write on by hand; a card
without a cycle prints one blank cycle form. No Qt: this runs from the command line.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, HexColor, white
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
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from board.atomic_file import write_bytes
from board.domain.entities import CriterionKind, Cycle, CycleStep, Decision, ScaleStep
from board.export.fonts import REGULAR, Fonts, printable, register_fonts
from board.i18n import language, tr
from board.services.template import GoalSection, TemplateData

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
STEP_INDENT = 10 * mm
LINE_GAP = 7 * mm  # ruled lines: room for handwriting
CHUNK = 1500  # characters per paragraph of a very long text (see _pieces)
STUDY_PROMPTS = ["template.prompt.study1", "template.prompt.study2"]


# ------------------------------------------------------------------ public API


def template_pdf_bytes(data: TemplateData) -> bytes:
    """The template of ``data.card`` as PDF bytes, labelled in the current language."""
    fonts = register_fonts()
    st = _Styles.make(fonts)
    buffer = io.BytesIO()
    card = data.card
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=printable(f"{tr('template.title')} – {card.title}", multiline=False),
        author=printable(data.board.name, multiline=False),
        subject=tr("template.title"),
        creator=tr("app.name"),
        lang="da-DK" if language() == "da" else "en-GB",
        # Else every page would reference Helvetica (not embedded) as its initial font.
        initialFontName=fonts.regular,
    )
    page_info = _PageInfo(
        fonts=fonts,
        running=printable(f"#{card.number}  {card.title}", multiline=False),
        footer=printable(
            f"{data.board.name}  ·  {tr('export.printed', date=format_date(data.printed_on))}",
            multiline=False,
        ),
    )
    # No frame padding: text, tables and rules all line up with the header and footer rules.
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(_story(data, st), canvasmaker=partial(_NumberedCanvas, page_info=page_info))
    return buffer.getvalue()


def write_template_pdf(data: TemplateData, path: Path) -> None:
    """Write the template to ``path`` atomically: the file is complete or not there at all."""
    write_bytes(Path(path), template_pdf_bytes(data))


def format_date(day: date | None) -> str:
    if day is None:
        return ""
    return tr("export.date", day=day.day, month=day.month, year=day.year)


# ------------------------------------------------------------------ styles


@dataclass(frozen=True, slots=True)
class _Styles:
    kicker: ParagraphStyle
    title: ParagraphStyle
    section: ParagraphStyle
    point: ParagraphStyle
    cycle: ParagraphStyle
    step: ParagraphStyle
    column: ParagraphStyle
    question: ParagraphStyle
    prompt: ParagraphStyle
    label: ParagraphStyle
    sublabel: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    note: ParagraphStyle
    meta_value: ParagraphStyle
    scale: ParagraphStyle
    scale_current: ParagraphStyle

    @classmethod
    def make(cls, fonts: Fonts) -> _Styles:
        def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
            kw.setdefault("fontName", fonts.regular)
            kw.setdefault("bulletFontName", fonts.regular)  # reportlab's default: Helvetica
            kw.setdefault("textColor", INK)
            return ParagraphStyle(name, fontSize=size, leading=leading, **kw)

        bold = fonts.bold
        return cls(
            kicker=style("kicker", 9, 12, textColor=ACCENT, spaceAfter=3),
            title=style("title", 17, 21, fontName=bold, spaceAfter=6),
            section=style("section", 8, 10, fontName=bold, textColor=MUTED, spaceAfter=2),
            point=style("point", 12, 15.5, fontName=bold, spaceAfter=6),
            cycle=style("cycle", 14, 18, fontName=bold, keepWithNext=1),
            step=style("step", 12, 15, fontName=bold),
            column=style("column", 11, 14, fontName=bold),
            question=style("question", 8, 10.5, textColor=MUTED),
            prompt=style("prompt", 8.5, 11, textColor=MUTED),
            label=style(
                "label", 7.5, 9.5, fontName=bold, textColor=MUTED, spaceBefore=7, keepWithNext=1
            ),
            sublabel=style(
                "sublabel", 7.5, 9.5, fontName=bold, textColor=MUTED, spaceBefore=5, spaceAfter=1
            ),
            body=style("body", 9.5, 13.5),
            bullet=style("bullet", 9.5, 13, leftIndent=9, bulletIndent=0, spaceAfter=2.5),
            note=style("note", 8, 10.5, textColor=MUTED),
            meta_value=style("meta_value", 10, 13),
            scale=style("scale", 7.5, 9.5, textColor=MUTED, alignment=1),
            scale_current=style("scale_current", 7.5, 9.5, fontName=bold, alignment=1),
        )


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


class StepBadge(Flowable):
    """The step's number in a small accent circle, as in the learning-cycle figure."""

    def __init__(self, number: int, font: str, radius: float = 3.4 * mm) -> None:
        super().__init__()
        self.number, self.font, self.radius = number, font, radius
        self.width = self.height = 2 * radius

    def draw(self) -> None:
        c, r = self.canv, self.radius
        c.setFillColor(ACCENT)
        c.circle(r, r, r, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(self.font, 9.5)
        c.drawCentredString(r, r - 3.3, str(self.number))


class Choices(Flowable):
    """Tick boxes for the decision; the chosen one is ticked and set in bold."""

    def __init__(
        self,
        options: list[tuple[str, str]],
        chosen: int | None,
        fonts: Fonts,
        box: float = 3.4 * mm,
    ) -> None:
        super().__init__()
        self.options, self.chosen, self.fonts, self.box = options, chosen, fonts, box

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = 9 * mm
        return self.width, self.height

    def draw(self) -> None:
        c, box = self.canv, self.box
        step = self.width / len(self.options)
        top = self.height - 1.5 * mm
        for n, (label, hint) in enumerate(self.options):
            x = n * step
            chosen = n == self.chosen
            c.setLineWidth(0.9 if chosen else 0.6)
            c.setStrokeColor(INK if chosen else MUTED)
            c.rect(x, top - box, box, box, stroke=1, fill=0)
            if chosen:  # a hand-drawn-looking tick
                c.setStrokeColor(ACCENT)
                c.setLineWidth(1.4)
                path = c.beginPath()
                path.moveTo(x + 0.7 * mm, top - 0.55 * box)
                path.lineTo(x + 0.42 * box, top - box + 0.7 * mm)
                path.lineTo(x + box + 0.6 * mm, top + 0.8 * mm)
                c.drawPath(path, stroke=1, fill=0)
            c.setFillColor(INK)
            c.setFont(self.fonts.bold if chosen else self.fonts.regular, 10)
            c.drawString(x + box + 2 * mm, top - box + 0.5, label)
            c.setFillColor(MUTED)
            c.setFont(self.fonts.regular, 7.5)
            c.drawString(x + box + 2 * mm, top - box - 3.6 * mm, hint)


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


def _markup(text: str) -> str:
    """One line of user text as Paragraph markup: drawable characters only, escaped."""
    return escape(printable(text, multiline=False))


def _text(value: str, style: ParagraphStyle) -> list[Flowable]:
    """User text as paragraphs, one per line, so that very long texts flow across pages."""
    out: list[Flowable] = []
    for line in printable(value).strip("\n").split("\n"):
        if not line.strip():
            out.append(Spacer(1, style.leading * 0.5))
            continue
        out += [Paragraph(escape(piece), style) for piece in _pieces(line)]
    return out


def _pieces(line: str, size: int = CHUNK) -> Iterable[str]:
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


def _filled(value: str) -> bool:
    return bool(value and value.strip())


def _field(st: _Styles, label: str, value: str, lines: int) -> list[Flowable]:
    """A labelled field: its text, or ruled lines when nothing has been written yet."""
    body: list[Flowable] = _text(value, st.body) if _filled(value) else [RuledLines(lines)]
    return [Paragraph(escape(label), st.label), *body]


def _row(cells: list[Any], widths: list[float], style: Iterable[tuple[Any, ...]] = ()) -> Table:
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


def _fits(flowable: Flowable, width: float, height: float) -> bool:
    _, needed = flowable.wrap(width, height)
    return needed <= height


def _columns(
    builders: list[Callable[[], list[Flowable]]],
    width: float,
    *,
    max_height: float,
    style: list[tuple[Any, ...]],
    stacked_gap: float = 2 * mm,
    stacked_rule: bool = False,
) -> list[Flowable]:
    """Side-by-side columns like the paper form; stacked when too tall to fit on one page.

    A table row cannot break across pages, so a column holding a very long text is printed
    as the same boxes one under the other, where paragraphs flow freely.
    """
    table = _row([b() for b in builders], [width / len(builders)] * len(builders), style)
    if _fits(table, width, max_height):
        return [table]
    out: list[Flowable] = []
    for builder in builders:
        if stacked_rule:
            out.append(Rule(0.5, RULE, 1.5 * mm))
        out.extend(builder())
        out.append(Spacer(1, stacked_gap))
    return out


def _bullets(st: _Styles, items: Iterable[str]) -> list[Flowable]:
    """Bullet points from Paragraph markup."""
    return [Paragraph(item, st.bullet, bulletText="•") for item in items]


def _bullet_text(st: _Styles, value: str) -> list[Flowable]:
    """A bullet point of user text (any length, several lines)."""
    rest = ParagraphStyle("bullet_rest", parent=st.bullet, spaceBefore=0)
    pieces = [p for line in printable(value).split("\n") for p in _pieces(line) if p.strip()]
    out: list[Flowable] = []
    for n, piece in enumerate(pieces or [""]):
        if n == 0:
            out.append(Paragraph(escape(piece), st.bullet, bulletText="•"))
        else:
            out.append(Paragraph(escape(piece), rest))
    return out


# ------------------------------------------------------------------ the story


def _story(data: TemplateData, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = []
    story += _heading(data, st)
    story += _questions(data, st)
    cycles: list[Cycle | None] = list(data.cycles) or [None]
    for cycle in cycles:
        story += _cycle(cycle, st)
    return story


def _meta_table(st: _Styles, cells: list[tuple[str, str]], width: float) -> Table:
    """Label-over-value boxes (as on a paper form); an empty value leaves a line to write on."""
    row: list[list[Flowable]] = []
    for label, value in cells:
        body: Flowable = (
            Paragraph(_markup(value), st.meta_value) if value else RuledLines(1, 6 * mm)
        )
        row.append([Paragraph(escape(label), st.section), body])
    return _row(row, [width / len(cells)] * len(cells), [("RIGHTPADDING", (0, 0), (-1, -1), 8)])


def _heading(data: TemplateData, st: _Styles) -> list[Flowable]:
    card = data.card
    out: list[Flowable] = [
        Paragraph(escape(tr("template.title")), st.kicker),
        Paragraph(_markup(card.title), st.title),
        _meta_table(
            st,
            [
                (tr("template.card_number"), str(card.number)),
                (tr("field.owner"), data.owner_name),
                (tr("field.deadline"), format_date(card.deadline)),
                (tr("template.lane"), tr(card.lane.label_key)),
            ],
            FRAME_W,
        ),
    ]
    if _filled(card.description):
        out.append(Spacer(1, 3 * mm))
        out += _text(card.description, st.note)
    out.append(Spacer(1, 2 * mm))
    out.append(Rule(0.8, INK, 2 * mm))
    return out


def _questions(data: TemplateData, st: _Styles) -> list[Flowable]:
    """The development point(s) and the three questions (Figur 4, top of Figur 12)."""
    out: list[Flowable] = [Paragraph(escape(tr("template.model")), st.section)]
    sections: list[GoalSection | None] = list(data.goals) or [None]
    for n, section in enumerate(sections, 1):
        label = tr("field.development_point")
        if len(sections) > 1:
            label = tr("template.point_of", label=label, number=n, count=len(sections))
        out.append(Spacer(1, 2 * mm))
        out.append(Paragraph(escape(label), st.section))
        point = section.goal.development_point if section else ""
        if _filled(point):
            out += _text(point, st.point)
        else:
            out.append(RuledLines(1))
            out.append(Spacer(1, 2 * mm))
        out += _three_questions(data, section, st)
        out.append(Spacer(1, 3 * mm))
    out.append(
        Paragraph(f"{escape(tr('template.selected'))}: <b>{_markup(data.card.title)}</b>", st.body)
    )
    out.append(Spacer(1, 4 * mm))
    return out


def _three_questions(
    data: TemplateData, section: GoalSection | None, st: _Styles
) -> list[Flowable]:
    def head(title: str, question: str) -> list[Flowable]:
        return [Paragraph(escape(title), st.column), Paragraph(escape(question), st.question)]

    def aim() -> list[Flowable]:
        out = head(tr("field.aim"), tr("template.q.aim"))
        goal = section.goal if section else None
        out.append(Spacer(1, 2 * mm))
        out += _text(goal.aim, st.body) if goal and _filled(goal.aim) else [RuledLines(3)]
        for key, value in (
            ("field.citizen_aim", goal.citizen_aim if goal else ""),
            ("field.time_frame", goal.time_frame if goal else ""),
        ):
            out.append(Paragraph(escape(tr(key)), st.sublabel))
            out += _text(value, st.body) if _filled(value) else [RuledLines(1)]
        return out

    def criteria() -> list[Flowable]:
        out = head(tr("template.col.criteria"), tr("template.q.criteria"))
        out.append(Spacer(1, 2 * mm))
        crits = section.goal.criteria if section else ()
        indicators = [c for c in crits if c.kind is CriterionKind.INDICATOR]
        signs = [c for c in crits if c.kind is CriterionKind.SIGN]
        if not crits:
            return [*out, RuledLines(5)]
        if indicators:
            out.append(Paragraph(escape(tr("template.indicators")), st.sublabel))
            for c in indicators:
                out += _bullet_text(st, c.text)
                details = []
                if c.target:
                    details.append(f"{tr('field.target')}: {c.target} {c.unit}".strip())
                latest = data.latest.get(c.id)
                if latest is not None:
                    value = f"{_number(latest.value)} {c.unit}".strip()
                    details.append(
                        tr("template.latest", value=value, date=format_date(latest.measured_on))
                    )
                if details:
                    note = ParagraphStyle("detail", parent=st.note, leftIndent=9, spaceAfter=3)
                    out.append(Paragraph(_markup("  ·  ".join(details)), note))
        if signs:
            out.append(Paragraph(escape(tr("template.signs")), st.sublabel))
            for c in signs:
                out += _bullet_text(st, c.text)
        return out

    def catalogue() -> list[Flowable]:
        out = head(tr("template.col.catalogue"), tr("template.q.catalogue"))
        out.append(Spacer(1, 2 * mm))
        entries = section.catalogue if section else ()
        items = []
        for e in entries:
            lane = escape(tr(e.lane.label_key))
            if e.selected:
                mark = escape(tr("template.selected_mark"))
                items.append(
                    f"<b>{_markup(e.title)}</b> <font color='{_hex(ACCENT)}'>◂ {mark}</font>"
                )
            else:
                items.append(
                    f"{_markup(e.title)} <font color='{_hex(MUTED)}' size='7.5'>· {lane}</font>"
                )
        if not items:
            return [*out, RuledLines(5)]
        return out + _bullets(st, items)

    pad = 5
    style = [
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.5, RULE),
    ]
    return _columns(
        [aim, criteria, catalogue],
        FRAME_W,
        max_height=FRAME_H * 0.85,
        style=style,
        stacked_gap=3 * mm,
        stacked_rule=True,
    )


def _number(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "da" else text


def _hex(color: Color) -> str:
    return "#" + color.hexval()[2:]


# ------------------------------------------------------------------ learning cycles


def _cycle(cycle: Cycle | None, st: _Styles) -> list[Flowable]:
    c = cycle or Cycle(id=0, card_id=0, number=1, step=CycleStep.PLAN, scale_step=ScaleStep.ONE)
    blank = cycle is None
    status = ""
    if c.step is CycleStep.CLOSED:
        status = tr("step.closed")
    elif not blank:
        status = tr("template.in_progress", step=tr(f"step.{c.step.value}"))
    out: list[Flowable] = [
        Rule(1.2, ACCENT, 1.5 * mm),
        Paragraph(escape(tr("template.cycle", number=c.number)), st.cycle),
        Spacer(1, 2.5 * mm),
        _meta_table(
            st,
            [
                (tr("field.started_on"), "" if blank else format_date(c.started_on)),
                (tr("template.closed_on"), "" if blank else format_date(c.closed_on)),
                (tr("template.status"), status),
            ],
            FRAME_W,
        ),
        Spacer(1, 3 * mm),
        Paragraph(escape(tr("template.scale")), st.section),
        _ladder(None if blank else c.scale_step, st),
        Spacer(1, 3 * mm),
    ]
    steps = [
        _step(1, "step.plan", ["template.prompt.plan"], st, _plan_fields(c, st)),
        _step(2, "step.do", ["template.prompt.do"], st, _do_fields(c, st)),
        _step(3, "step.study", STUDY_PROMPTS, st, _study_fields(c, st)),
        _step(4, "step.act", ["template.prompt.act"], st, _act_fields(c, st)),
    ]
    head = _height(out, FRAME_W)
    body: list[Flowable] = []
    for whole, first, flowables in steps:
        # A step of up to half a page is never split across sheets; a longer one starts
        # where its heading fits together with its first field.
        body += [CondPageBreak(whole if whole <= FRAME_H / 2 else first), *flowables]
    body.append(Spacer(1, 4 * mm))
    total = head + _height(body, FRAME_W)
    if total <= FRAME_H:  # the cycle fits on one sheet: print it on one sheet
        return [CondPageBreak(total), *out, *body]
    # Otherwise start where the heading fits with the start of Planlæg, and flow on.
    return [CondPageBreak(head + steps[0][1]), *out, *body[1:]]


def _height(flowables: list[Flowable], width: float) -> float:
    """The height ``flowables`` take in a column of ``width`` (page breaks aside)."""
    total = 0.0
    for f in flowables:
        if isinstance(f, Indenter):
            width -= f.left + f.right
            continue
        if isinstance(f, CondPageBreak):
            continue
        total += f.wrap(width, FRAME_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _ladder(current: ScaleStep | None, st: _Styles) -> Table:
    """The scale-up ladder of section 3; the cycle's step is outlined in the accent colour."""
    steps = list(ScaleStep)
    row: list[Flowable] = []
    for n, step in enumerate(steps, 1):
        if n > 1:
            row.append(Paragraph("→", st.scale))
        look = st.scale_current if step is current else st.scale
        row.append(Paragraph(f"{n}. {escape(tr(f'scale.{step.value}'))}", look))
    arrow_w = 5 * mm
    cell_w = (FRAME_W - arrow_w * (len(steps) - 1)) / len(steps)
    widths = [cell_w if n % 2 == 0 else arrow_w for n in range(len(row))]
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for n in range(0, len(row), 2):
        is_current = steps[n // 2] is current
        style.append(
            ("BOX", (n, 0), (n, 0), 1.1 if is_current else 0.5, ACCENT if is_current else RULE)
        )
    return _row(row, widths, style)


def _step(
    number: int, name_key: str, prompt_keys: list[str], st: _Styles, fields: list[Flowable]
) -> tuple[float, float, list[Flowable]]:
    """One step of the cycle: its height, the height of its heading and first field, and it."""
    text = [Paragraph(escape(tr(name_key)), st.step)]
    text += [Paragraph(escape(tr(key)), st.prompt) for key in prompt_keys]
    head = _row([StepBadge(number, st.step.fontName), text], [STEP_INDENT, FRAME_W - STEP_INDENT])
    flowables = [
        Spacer(1, 3 * mm),
        head,
        Indenter(left=STEP_INDENT),
        *fields,
        Indenter(left=-STEP_INDENT),
        Spacer(1, 2 * mm),
    ]
    whole = _height(flowables, FRAME_W)
    first = _height(flowables[:2], FRAME_W) + _height(fields[:2], FRAME_W - STEP_INDENT)
    return whole, min(first, FRAME_H / 2), flowables


def _plan_fields(c: Cycle, st: _Styles) -> list[Flowable]:
    width = FRAME_W - STEP_INDENT

    def part(key: str, value: str) -> Callable[[], list[Flowable]]:
        return lambda: _field(st, tr(key), value, 2)

    style = [("RIGHTPADDING", (0, 0), (-2, -1), 8)]
    who_where_when = _columns(
        [
            part("field.plan_who", c.plan_who),
            part("field.plan_where", c.plan_where),
            part("field.plan_when", c.plan_when),
        ],
        width,
        max_height=FRAME_H * 0.5,
        style=style,
        stacked_gap=0,
    )
    return [
        *_field(st, tr("field.plan_hypothesis"), c.plan_hypothesis, 3),
        *_field(st, tr("template.change"), c.plan_change, 2),
        Spacer(1, 1.5 * mm),
        *who_where_when,
        *_field(st, tr("field.plan_data"), c.plan_data, 2),
    ]


def _do_fields(c: Cycle, st: _Styles) -> list[Flowable]:
    return [
        *_field(st, tr("field.do_what_happened"), c.do_what_happened, 3),
        *_field(st, tr("field.do_surprises"), c.do_surprises, 2),
        *_field(st, tr("field.do_data"), c.do_data, 2),
    ]


def _study_fields(c: Cycle, st: _Styles) -> list[Flowable]:
    return [
        *_field(st, tr("field.study_findings"), c.study_findings, 3),
        *_field(st, tr("field.study_learning"), c.study_learning, 2),
    ]


def _act_fields(c: Cycle, st: _Styles) -> list[Flowable]:
    decisions = list(Decision)
    options = [(tr(f"decision.{d.value}"), tr(f"template.hint.{d.value}")) for d in decisions]
    chosen = decisions.index(c.act_decision) if c.act_decision else None
    return [
        Paragraph(escape(tr("template.decision")), st.label),
        Choices(options, chosen, register_fonts()),
        *_field(st, tr("field.act_next_step"), c.act_next_step, 3),
    ]


# ------------------------------------------------------------------ page furniture


@dataclass(frozen=True, slots=True)
class _PageInfo:
    fonts: Fonts
    running: str  # card number and title, at the top of every page after the first
    footer: str  # board name and print date


class _NumberedCanvas(Canvas):
    """Draws header and footer once the page count is known ("Side 1 af 3")."""

    def __init__(self, *args: Any, page_info: _PageInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._info = page_info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(self._pageNumber, total)
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
        self.drawString(MARGIN_X, footer_y, _clip(info.footer, regular, size, room))
        if page > 1:
            header_y = PAGE_H - MARGIN_TOP + 8 * mm
            title = tr("template.title")
            self.drawRightString(PAGE_W - MARGIN_X, header_y, title)
            room = FRAME_W - stringWidth(title, regular, size) - 8 * mm
            self.drawString(MARGIN_X, header_y, _clip(info.running, regular, size, room))
            self.line(MARGIN_X, header_y - 2.5 * mm, PAGE_W - MARGIN_X, header_y - 2.5 * mm)
        self.restoreState()


def _clip(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` (board names may be 300 characters)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(0, len(text) - max(1, len(text) // 20))]
    return text.rstrip() + "…"
