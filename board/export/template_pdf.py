"""The card's improvement-model template as an A4 PDF: the paper form of Hæfte 4, 5.1 (Figur 12).

Top: the development point and the three questions of the Model for Improvement (Figur 4).
Below: one form per learning cycle with Planlæg, Afprøv, Reflektér and Justér and their
guiding questions. Fields not yet filled in print as ruled lines to write on by hand; a card
without a cycle prints one blank cycle form. No Qt: this runs from the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Indenter,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from board.atomic_file import write_bytes
from board.domain.entities import CriterionKind, Cycle, CycleStep, Decision, ScaleStep
from board.export.fonts import Fonts, printable, register_fonts
from board.export.pdf_parts import (
    ACCENT,
    FRAME_H,
    FRAME_W,
    INK,
    MUTED,
    RULE,
    BaseStyles,
    PageInfo,
    Rule,
    RuledLines,
    build_pdf,
    bullet_text,
    bullets,
    filled,
    fits,
    format_date,
    hex_color,
    layout_row,
    markup,
    meta_table,
    paragraphs,
    style_maker,
)
from board.i18n import language, tr
from board.services.template import GoalSection, TemplateData

__all__ = ["format_date", "template_pdf_bytes", "write_template_pdf"]

STEP_INDENT = 10 * mm
STUDY_PROMPTS = ["template.prompt.study1", "template.prompt.study2"]


# ------------------------------------------------------------------ public API


def template_pdf_bytes(data: TemplateData) -> bytes:
    """The template of ``data.card`` as PDF bytes, labelled in the current language."""
    fonts = register_fonts()
    st = _Styles.make(fonts)
    card = data.card
    page_info = PageInfo(
        fonts=fonts,
        running=printable(f"#{card.number}  {card.title}", multiline=False),
        footer=printable(
            f"{data.board.name}  ·  {tr('export.printed', date=format_date(data.printed_on))}",
            multiline=False,
        ),
        header_title=tr("template.title"),
    )
    return build_pdf(
        _story(data, st),
        page_info,
        title=printable(f"{tr('template.title')} – {card.title}", multiline=False),
        author=printable(data.board.name, multiline=False),
        subject=tr("template.title"),
    )


def write_template_pdf(data: TemplateData, path: Path) -> None:
    """Write the template to ``path`` atomically: the file is complete or not there at all."""
    write_bytes(Path(path), template_pdf_bytes(data))


# ------------------------------------------------------------------ styles


@dataclass(frozen=True, slots=True)
class _Styles(BaseStyles):
    point: ParagraphStyle
    cycle: ParagraphStyle
    step: ParagraphStyle
    column: ParagraphStyle
    question: ParagraphStyle
    prompt: ParagraphStyle
    scale: ParagraphStyle
    scale_current: ParagraphStyle

    @classmethod
    def make(cls, fonts: Fonts) -> _Styles:
        style, bold = style_maker(fonts), fonts.bold
        return cls(
            **BaseStyles.parts(fonts),
            point=style("point", 12, 15.5, fontName=bold, spaceAfter=6),
            cycle=style("cycle", 14, 18, fontName=bold, keepWithNext=1),
            step=style("step", 12, 15, fontName=bold),
            column=style("column", 11, 14, fontName=bold),
            question=style("question", 8, 10.5, textColor=MUTED),
            prompt=style("prompt", 8.5, 11, textColor=MUTED),
            scale=style("scale", 7.5, 9.5, textColor=MUTED, alignment=1),
            scale_current=style("scale_current", 7.5, 9.5, fontName=bold, alignment=1),
        )


# ------------------------------------------------------------------ small flowables


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


# ------------------------------------------------------------------ text helpers


def _field(st: _Styles, label: str, value: str, lines: int) -> list[Flowable]:
    """A labelled field: its text, or ruled lines when nothing has been written yet."""
    body: list[Flowable] = paragraphs(value, st.body) if filled(value) else [RuledLines(lines)]
    return [Paragraph(escape(label), st.label), *body]


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
    table = layout_row([b() for b in builders], [width / len(builders)] * len(builders), style)
    if fits(table, width, max_height):
        return [table]
    out: list[Flowable] = []
    for builder in builders:
        if stacked_rule:
            out.append(Rule(0.5, RULE, 1.5 * mm))
        out.extend(builder())
        out.append(Spacer(1, stacked_gap))
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


def _heading(data: TemplateData, st: _Styles) -> list[Flowable]:
    card = data.card
    out: list[Flowable] = [
        Paragraph(escape(tr("template.title")), st.kicker),
        Paragraph(markup(card.title), st.title),
        meta_table(
            st.section,
            st.meta_value,
            [
                (tr("template.card_number"), str(card.number)),
                (tr("field.owner"), data.owner_name),
                (tr("field.deadline"), format_date(card.deadline)),
                (tr("template.lane"), tr(card.lane.label_key)),
            ],
            FRAME_W,
        ),
    ]
    if filled(card.description):
        out.append(Spacer(1, 3 * mm))
        out += paragraphs(card.description, st.note)
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
        if filled(point):
            out += paragraphs(point, st.point)
        else:
            out.append(RuledLines(1))
            out.append(Spacer(1, 2 * mm))
        out += _three_questions(data, section, st)
        if section is not None:
            out += _charts(data, section, st)
        out.append(Spacer(1, 3 * mm))
    out.append(
        Paragraph(f"{escape(tr('template.selected'))}: <b>{markup(data.card.title)}</b>", st.body)
    )
    out.append(Spacer(1, 4 * mm))
    return out


def _charts(data: TemplateData, section: GoalSection, st: _Styles) -> list[Flowable]:
    """The goal's indicators' charts under its three questions (»Hvad fortæller data os?«):
    vector, the verdict in words, the learning cycles of the cards working towards it."""
    rows = [
        (c, data.series[c.id])
        for c in section.goal.criteria
        if c.kind is CriterionKind.INDICATOR and data.series.get(c.id)
    ]
    if not rows:
        return []
    # reportlab's graphics and the statistics only for a template that has a chart
    from board.export.goal_charts import chart_drawing, indicator_chart, series

    marks = data.marks.get(section.goal.id, ())
    out: list[Flowable] = []
    for n, (criterion, measured) in enumerate(rows):
        item = indicator_chart(series(criterion, measured), marks)
        if item is None:
            continue
        block: list[Flowable] = []
        if n == 0:
            block.append(Paragraph(escape(tr("minutes.data")), st.section))
        block += bullet_text(st.bullet, criterion.text)
        block.append(chart_drawing(item, FRAME_W, title=False))
        if item.problem:
            block.append(Paragraph(escape(item.problem), st.note))
        out += [Spacer(1, 2 * mm), KeepTogether(block)]
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
        out += paragraphs(goal.aim, st.body) if goal and filled(goal.aim) else [RuledLines(3)]
        for key, value in (
            ("field.citizen_aim", goal.citizen_aim if goal else ""),
            ("field.time_frame", goal.time_frame if goal else ""),
        ):
            out.append(Paragraph(escape(tr(key)), st.sublabel))
            out += paragraphs(value, st.body) if filled(value) else [RuledLines(1)]
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
                out += bullet_text(st.bullet, c.text)
                details = []
                if c.target:
                    details.append(f"{tr('field.target')}: {c.target} {c.unit}".strip())
                latest = data.latest.get(c.id)
                if latest is not None and latest.value is not None:
                    figure = _number(latest.value)
                    if latest.numerator is not None and latest.denominator is not None:
                        figure = tr(  # a proportion as typed: »7 af 9«
                            "pad.proportion_value", numerator=_number(latest.numerator),
                            denominator=_number(latest.denominator),
                        )  # fmt: skip
                    value = f"{figure} {c.unit}".strip()
                    details.append(
                        tr("template.latest", value=value, date=format_date(latest.measured_on))
                    )
                if details:
                    note = ParagraphStyle("detail", parent=st.note, leftIndent=9, spaceAfter=3)
                    out.append(Paragraph(markup("  ·  ".join(details)), note))
        if signs:
            out.append(Paragraph(escape(tr("template.signs")), st.sublabel))
            for c in signs:
                out += bullet_text(st.bullet, c.text)
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
                    f"<b>{markup(e.title)}</b> <font color='{hex_color(ACCENT)}'>◂ {mark}</font>"
                )
            else:
                items.append(
                    f"{markup(e.title)} <font color='{hex_color(MUTED)}' size='7.5'>· {lane}</font>"
                )
        if not items:
            return [*out, RuledLines(5)]
        return out + bullets(st.bullet, items)

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
        meta_table(
            st.section,
            st.meta_value,
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
    return layout_row(row, widths, style)


def _step(
    number: int, name_key: str, prompt_keys: list[str], st: _Styles, fields: list[Flowable]
) -> tuple[float, float, list[Flowable]]:
    """One step of the cycle: its height, the height of its heading and first field, and it."""
    text = [Paragraph(escape(tr(name_key)), st.step)]
    text += [Paragraph(escape(tr(key)), st.prompt) for key in prompt_keys]
    head = layout_row(
        [StepBadge(number, st.step.fontName), text], [STEP_INDENT, FRAME_W - STEP_INDENT]
    )
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
