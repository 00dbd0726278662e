"""A meeting format as the facilitator's handout (A4 PDF): purpose, duration and cadence,
where, roles, preparation, then each step with its timebox, who speaks, the guide's prompt,
every question and what the step produces. No Qt: this runs from the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from board.atomic_file import write_bytes
from board.domain.meeting_formats import (
    FormatStep,
    MeetingFormat,
    Produces,
    Speaking,
    timeboxes,
)
from board.export.fonts import Fonts, register_fonts
from board.export.pdf_parts import (
    ACCENT,
    FRAME_W,
    MUTED,
    BaseStyles,
    PageInfo,
    Rule,
    build_pdf,
    bullets,
    layout_row,
    meta_table,
    style_maker,
)
from board.i18n import tr, tr_n
from board.meeting_formats import format_text


def agenda_pdf_bytes(fmt: MeetingFormat) -> bytes:
    """The handout of ``fmt`` as PDF bytes, in the current language."""
    fonts = register_fonts()
    st = _Styles.make(fonts)
    name = format_text(fmt, fmt.name_key)
    page_info = PageInfo(
        fonts=fonts,
        running=name,
        footer=tr("format.handout.footer", app=tr("app.name")),
        header_title=tr("format.handout.title"),
    )
    return build_pdf(
        _story(fmt, st),
        page_info,
        title=f"{tr('format.handout.title')} – {name}",
        author=tr("app.name"),
        subject=tr("format.handout.title"),
        invariant=1,  # the same format gives the same file
    )


def write_agenda_pdf(fmt: MeetingFormat, path: Path) -> None:
    """Write the handout to ``path`` atomically: complete or not there at all."""
    write_bytes(Path(path), agenda_pdf_bytes(fmt))


# ------------------------------------------------------------------ wording


def duration_text(minutes: int) -> str:
    """A length: "30 min"; whole hours from two hours on: "3 timer"."""
    if minutes >= 120 and minutes % 60 == 0:
        return tr_n("format.hours", minutes // 60)
    return tr("format.minutes", minutes=minutes)


def durations_text(fmt: MeetingFormat) -> str:
    texts = [duration_text(m) for m in fmt.durations]
    text = texts[-1]
    for earlier in reversed(texts[:-1]):
        text = tr("format.either", first=earlier, second=text)
    return text


def cadence_text(fmt: MeetingFormat) -> str:
    if fmt.cadence_days is None:
        return tr("format.cadence.open")
    if fmt.cadence_days == 7:
        return tr("format.cadence.week")
    return tr_n("format.cadence", fmt.cadence_days)


def timebox_text(step: FormatStep, seconds: int) -> str:
    """The step's time as the guide says it: "5 min", "maks. 5 min", "1–2 min"; a weighted
    step its share of the planned meeting; a round adds each person's turn."""
    if step.weight is not None:
        # a share of what the fixed steps leave need not be whole minutes: 2½ min is "ca. 3 min"
        minutes, part = divmod(seconds, 60)
        if part:
            text = tr("format.timebox.about", minutes=minutes + (part >= 30))
        else:
            text = duration_text(minutes)
    elif step.at_most:
        text = tr("format.timebox.at_most", minutes=step.minutes)
    elif step.low_minutes is not None:
        text = tr("format.timebox.range", low=step.low_minutes, minutes=step.minutes)
    else:
        text = tr("format.minutes", minutes=step.minutes)
    if step.turn_minutes is not None:
        text = tr("format.timebox.turn", time=text, minutes=step.turn_minutes)
    return text


def speaking_text(step: FormatStep) -> str:
    if step.speaking is Speaking.ONE and step.speaker is not None:
        return tr("format.speaking.one", role=tr(f"format.role.{step.speaker.value}"))
    return tr(f"format.speaking.{step.speaking.value}")


# ------------------------------------------------------------------ layout


@dataclass(frozen=True, slots=True)
class _Styles(BaseStyles):
    step: ParagraphStyle
    timebox: ParagraphStyle
    question: ParagraphStyle
    follow_up: ParagraphStyle
    meta_line: ParagraphStyle

    @classmethod
    def make(cls, fonts: Fonts) -> _Styles:
        style, bold = style_maker(fonts), fonts.bold
        return cls(
            **BaseStyles.parts(fonts),
            step=style("step", 12, 15.5, fontName=bold, textColor=ACCENT),
            timebox=style("timebox", 11, 15.5, fontName=bold, alignment=2),
            question=style("question", 10, 13.5, leftIndent=16, bulletIndent=2, spaceAfter=3),
            follow_up=style("follow_up", 10, 13.5, leftIndent=28, bulletIndent=18, spaceAfter=3),
            meta_line=style("meta_line", 8.5, 11.5, textColor=MUTED, spaceBefore=3),
        )


def _story(fmt: MeetingFormat, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(tr("format.handout.kicker")), st.kicker),
        Paragraph(escape(format_text(fmt, fmt.name_key)), st.title),
        Paragraph(escape(tr("format.handout.purpose")), st.label),
        Paragraph(escape(format_text(fmt, fmt.purpose_key)), st.body),
        Spacer(1, 8),
        meta_table(
            st.section,
            st.meta_value,
            [
                (tr("format.handout.duration"), durations_text(fmt)),
                (tr("format.handout.cadence"), cadence_text(fmt)),
                (tr("format.handout.setting"), tr(f"format.setting.{fmt.setting.value}")),
            ],
            FRAME_W,
        ),
        Paragraph(escape(tr("format.handout.roles")), st.label),
    ]
    roles = [tr(f"format.role.{role.value}") for role in fmt.roles]
    roles[0] = tr("format.handout.leads", role=roles[0])
    story += bullets(st.bullet, [escape(role) for role in roles])
    if fmt.preparation:
        story.append(Paragraph(escape(tr("format.handout.preparation")), st.label))
        story += bullets(
            st.bullet,
            [
                escape(format_text(fmt, point.key))
                + (f" ({escape(tr('format.handout.goal_data'))})" if point.goal_data else "")
                for point in fmt.preparation
            ],
        )
    story += [
        Spacer(1, 6),
        Rule(),
        Paragraph(escape(tr("format.handout.steps")), st.section),
        Paragraph(
            escape(tr("format.handout.timed_for", duration=duration_text(fmt.minutes))),
            st.note,
        ),
    ]
    seconds = timeboxes(fmt, fmt.minutes)
    for number, (step, box) in enumerate(zip(fmt.steps, seconds, strict=True), start=1):
        story += _step(fmt, st, number, step, box)
    return story


def _step(
    fmt: MeetingFormat, st: _Styles, number: int, step: FormatStep, seconds: int
) -> list[Flowable]:
    def words(key: str) -> str:  # a team format's own wording, else the catalog's
        return escape(format_text(fmt, key))

    title = tr("format.handout.step", number=number, title=format_text(fmt, step.title_key))
    head = layout_row(
        [
            Paragraph(escape(title), st.step),
            Paragraph(escape(timebox_text(step, seconds)), st.timebox),
        ],
        [FRAME_W * 0.68, FRAME_W * 0.32],
    )
    speaks = f"{tr('format.handout.speaks')}: {speaking_text(step)}"
    out: list[Flowable] = [Spacer(1, 8), head, Paragraph(escape(speaks), st.meta_line)]
    if step.prompt_key:
        out.append(Paragraph(words(step.prompt_key), st.body))
    if step.questions:
        out.append(Paragraph(escape(tr("format.handout.questions")), st.label))
        for n, question in enumerate(step.questions, start=1):
            out.append(Paragraph(words(question.key), st.question, bulletText=f"{n}."))
            out += [
                Paragraph(words(key), st.follow_up, bulletText="•")
                for key in question.follow_up_keys
            ]
    if step.closing_key:
        out.append(Paragraph(words(step.closing_key), st.body))
    if step.produces:
        produced = ", ".join(
            tr(f"format.produces.{kind.value}") for kind in Produces if kind in step.produces
        )
        out.append(Paragraph(escape(f"{tr('format.handout.produces')}: {produced}"), st.meta_line))
    out.append(Rule(color=MUTED, width=0.3))
    return [KeepTogether(out)]  # a step on one page where it fits
