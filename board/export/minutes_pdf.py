"""The minutes of a meeting as an A4 PDF (referat): "the board is itself the minutes" (Hæfte 4, 4).

First page: the meeting (date, time, facilitator, who was there and who was not, next meeting)
and a picture of the whole board as it stood at the end. Then what those absent need first:
the agreements (what, who, by when), what changed on the board since the last meeting and
which deadlines are overdue. Last, every lane as searchable text, in the order of Figur 11.

Made only from a ``Minutes`` (itself made from the snapshot frozen when the meeting ended) and
written in reportlab's invariant mode, so the same minutes always give the same bytes: last
month's minutes open unchanged. No Qt: the picture arrives as PNG bytes, drawn elsewhere.
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFStream
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from board.atomic_file import write_bytes
from board.dates import long_date, plain_date, time_span
from board.domain.lanes import Lane
from board.domain.meeting_formats import Role
from board.domain.minutes import (
    BOARD_LANES,
    Change,
    ChangeKind,
    Minutes,
    MinutesCard,
    MinutesStep,
)
from board.export.agenda_pdf import timebox_text
from board.export.fonts import Fonts, printable, register_fonts
from board.export.pdf_parts import (
    ACCENT,
    CELL_CHARS,
    FRAME_H,
    FRAME_W,
    INK,
    MUTED,
    RULE,
    WRITING_LINE,
    BaseStyles,
    PageInfo,
    Rule,
    TableRow,
    build_pdf,
    bullet_text,
    cell_text,
    filled,
    format_date,
    hex_color,
    layout_row,
    markup,
    meta_table,
    paragraphs,
    row_table,
    style_maker,
)
from board.i18n import language, tr, tr_n

# The one warm colour of the document: it marks what is late, nothing else.
LATE = HexColor("#a3402b")
PICTURE_MAX_H = FRAME_H * 0.6
NUMBER_W = 10 * mm
OWNER_W = 36 * mm
DEADLINE_W = 25 * mm

# ------------------------------------------------------------------ public API


def minutes_pdf_bytes(minutes: Minutes, board_png: bytes | None = None) -> bytes:
    """The minutes as PDF bytes, labelled in the current language; the same input gives the
    same bytes. ``board_png`` (the board photo, any size) is embedded at full resolution."""
    fonts = register_fonts()
    st = _Styles.make(fonts)
    title = _title(minutes)
    day = _meeting_day(minutes)
    page_info = PageInfo(
        fonts=fonts,
        running=printable(minutes.board_name, multiline=False),
        footer=f"{format_name(minutes)} {format_date(day)}".strip(),
        header_title=title,
    )
    picture = _read_png(board_png) if board_png is not None else None
    return build_pdf(
        _story(minutes, st, picture),
        page_info,
        title=printable(f"{title} – {minutes.board_name} – {format_date(day)}", multiline=False),
        author=printable(minutes.board_name, multiline=False),
        subject=title,
        invariant=1,  # no creation time, an ID made from the content: byte-identical output
    )


def write_minutes_pdf(minutes: Minutes, path: Path, board_png: bytes | None = None) -> None:
    """Write the minutes to ``path`` atomically: the file is complete or not there at all."""
    write_bytes(Path(path), minutes_pdf_bytes(minutes, board_png))


# ------------------------------------------------------------------ styles


@dataclass(frozen=True, slots=True)
class _Styles(BaseStyles):
    heading: ParagraphStyle
    lane: ParagraphStyle
    lane_hint: ParagraphStyle
    muted_value: ParagraphStyle
    head: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_note: ParagraphStyle
    cell_muted: ParagraphStyle
    status: ParagraphStyle
    late: ParagraphStyle
    late_note: ParagraphStyle
    group: ParagraphStyle
    sentence: ParagraphStyle
    empty: ParagraphStyle
    aim: ParagraphStyle
    timebox: ParagraphStyle

    @classmethod
    def make(cls, fonts: Fonts) -> _Styles:
        style, bold = style_maker(fonts), fonts.bold
        return cls(
            **BaseStyles.parts(fonts),
            heading=style("heading", 14, 18, fontName=bold, spaceAfter=4),
            lane=style("lane", 11.5, 14.5, fontName=bold, spaceBefore=9),
            lane_hint=style("lane_hint", 8, 10.5, textColor=MUTED, spaceAfter=4),
            muted_value=style("muted_value", 10, 13, textColor=MUTED),
            head=style("head", 7.5, 9.5, fontName=bold, textColor=MUTED),
            cell=style("cell", 9, 12),
            cell_bold=style("cell_bold", 9, 12, fontName=bold),
            cell_note=style("cell_note", 8, 10.5, textColor=MUTED, spaceBefore=1),
            cell_muted=style("cell_muted", 9, 12, textColor=MUTED),
            status=style("status", 8, 10.5, textColor=ACCENT, spaceBefore=1.5),
            late=style("late", 9, 12, fontName=bold, textColor=LATE),
            late_note=style("late_note", 7.5, 10, textColor=LATE),
            group=style(
                "group", 7.5, 9.5, fontName=bold, textColor=MUTED, spaceBefore=6, spaceAfter=2
            ),
            sentence=style("sentence", 9.5, 13, leftIndent=9, bulletIndent=0, spaceAfter=2.5),
            empty=style("empty", 9.5, 13, textColor=MUTED),
            aim=style("aim", 10.5, 14, fontName=bold, spaceAfter=2),
            timebox=style("timebox", 9.5, 14.5, textColor=MUTED, alignment=2, spaceBefore=9),
        )


# ------------------------------------------------------------------ labels


def _label(prefix: str, value: str | None) -> str:
    """The translated label of a stored value (lane, step, decision …); the value itself if
    the catalog has none, so an unexpected value still prints readably."""
    if not value:
        return ""
    key = f"{prefix}.{value}"
    text = tr(key)
    return value if text == key else text


def _kind(kind: str) -> str:
    return _label("meeting", kind) or _label("meeting", "progress")


def format_name(minutes: Minutes) -> str:
    """The format the meeting was held after: a team format's own name, else its kind's."""
    return minutes.format_name or _kind(minutes.kind)


def _title(minutes: Minutes) -> str:
    kind = format_name(minutes)
    if minutes.format_name:  # a team's own name keeps its capitals
        return tr("minutes.title", kind=kind)
    return tr("minutes.title", kind=kind[:1].lower() + kind[1:])


def _meeting_day(minutes: Minutes) -> date | None:
    stamp = minutes.started_at or minutes.ended_at
    return stamp.date() if stamp else None


def _today(minutes: Minutes) -> date | None:
    """The day deadlines were judged against: the day the meeting ended."""
    return minutes.ended_at.date() if minutes.ended_at else _meeting_day(minutes)


def _weekday_date(day: date | None) -> str:
    return long_date(day) if day is not None else ""


# ------------------------------------------------------------------ the story


def _story(minutes: Minutes, st: _Styles, picture: _Png | None) -> list[Flowable]:
    story = _header(minutes, st)
    if picture is not None:
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(tr("minutes.picture")), st.section),
                    Spacer(1, 1 * mm),
                    BoardPicture(picture, PICTURE_MAX_H),
                ]
            )
        )
        story.append(Spacer(1, 4 * mm))
    story += _steps(minutes, st)
    story += _agreements(minutes, st)
    story += _learning_points(minutes, st)
    story += _ideas(minutes, st)
    story += _changes(minutes, st)
    story += _overdue(minutes, st)
    story += _board(minutes, st)
    story += _data(minutes, st)
    return story


def _heading(text: str, st: _Styles) -> list[Flowable]:
    """A section: an accent rule and a heading, never alone at the foot of a page."""
    return [
        CondPageBreak(45 * mm),
        Spacer(1, 3 * mm),
        Rule(1.2, ACCENT, 1.5 * mm),
        Paragraph(escape(text), st.heading),
    ]


def _header(minutes: Minutes, st: _Styles) -> list[Flowable]:
    def not_set() -> Flowable:
        return Paragraph(escape(tr("minutes.not_set")), st.muted_value)

    def nobody() -> Flowable:
        return Paragraph(escape(tr("minutes.nobody")), st.muted_value)

    return [
        Paragraph(escape(_title(minutes)), st.kicker),
        Paragraph(markup(minutes.board_name), st.title),
        Spacer(1, 1 * mm),
        # Two boxes a row: a day written out ("onsdag den 30. september 2026") fits one.
        meta_table(
            st.section,
            st.meta_value,
            [
                (tr("minutes.date"), _weekday_date(_meeting_day(minutes))),
                (tr("minutes.time"), time_span(minutes.started_at, minutes.ended_at)),
            ],
            FRAME_W,
            blank=not_set,
        ),
        Spacer(1, 2 * mm),
        meta_table(
            st.section,
            st.meta_value,
            [
                (tr("minutes.facilitator"), minutes.facilitator),
                (tr("minutes.next_meeting"), _weekday_date(minutes.next_meeting_on)),
            ],
            FRAME_W,
            blank=not_set,
        ),
        Spacer(1, 3.5 * mm),
        meta_table(
            st.section,
            st.meta_value,
            [
                (tr("minutes.present", count=len(minutes.present)), ", ".join(minutes.present)),
                (tr("minutes.absent", count=len(minutes.absent)), ", ".join(minutes.absent)),
            ],
            FRAME_W,
            blank=nobody,
        ),
        *_roles(minutes, st),
        *_redacted(minutes, st),
        Spacer(1, 3 * mm),
        Rule(0.8, INK, 2 * mm),
        Spacer(1, 1 * mm),
    ]


def _redacted(minutes: Minutes, st: _Styles) -> list[Flowable]:
    """Minutes re-made after personal data was redacted say so (only those: others stay
    byte-identical)."""
    if minutes.redacted_on is None:
        return []
    line = tr("privacy.erase.minutes_line", date=plain_date(minutes.redacted_on))
    return [Spacer(1, 2 * mm), Paragraph(escape(line), st.muted_value)]


# ------------------------------------------------------------------ tables


def _empty(key: str, st: _Styles) -> list[Flowable]:
    return [Paragraph(escape(tr(key)), st.empty), Spacer(1, 2 * mm)]


# ------------------------------------------------------------------ agreements, changes, late


def _agreements(minutes: Minutes, st: _Styles) -> list[Flowable]:
    # A guided meeting ends in decisions (what, who, by when), each an activity on the board;
    # a fremdriftsmøde in agreements, as it always did.
    heading, none, made_key, first = (
        (
            "minutes.decisions",
            "minutes.no_decisions",
            "minutes.decisions_made",
            "minutes.col.decision",
        )
        if minutes.guided
        else (
            "minutes.agreements",
            "minutes.no_agreements",
            "minutes.agreements_made",
            "minutes.col.agreement",
        )
    )
    out = _heading(tr(heading), st)
    if not minutes.agreements:
        return out + _empty(none, st)
    made = tr_n(made_key, len(minutes.agreements))
    out += [Paragraph(escape(made), st.body), Spacer(1, 1.5 * mm)]
    rows: list[TableRow] = []
    for a in minutes.agreements:
        what, after = cell_text(a.what, st.cell, st.cell_note)
        if a.card_number is not None:
            became = tr("minutes.became_card", number=a.card_number)
            what.append(Paragraph(escape(became), st.cell_note))
        elif filled(a.card):
            what.append(
                Paragraph(escape(tr("minutes.about_card", title=markup(a.card))), st.cell_note)
            )
        rows.append(
            TableRow(
                [
                    what,
                    Paragraph(markup(a.owner), st.cell) if a.owner else "",
                    Paragraph(escape(_weekday_date(a.deadline)), st.cell),
                ],
                after,
            )
        )
    head = [tr(first), tr("minutes.col.who"), tr("minutes.col.when")]
    when_w = 38 * mm
    return out + row_table(head, rows, [FRAME_W - OWNER_W - when_w, OWNER_W, when_w], st.head)


# ------------------------------------------------------------------ roles, steps, outputs


def _roles(minutes: Minutes, st: _Styles) -> list[Flowable]:
    """Who held the format's roles, two to a row (a fremdriftsmøde without any: nothing)."""
    # The facilitator stands in the header already (Mødeleder).
    roles = [
        r for r in minutes.roles if (r.role, r.name) != (Role.FACILITATOR, minutes.facilitator)
    ]
    if not roles:
        return []
    cells = [(tr(f"format.role.{r.role}"), r.name) for r in roles]
    out: list[Flowable] = [Spacer(1, 3.5 * mm), Paragraph(escape(tr("minutes.roles")), st.group)]
    for n in range(0, len(cells), 2):
        pair = cells[n : n + 2]
        pair += [("", "")] * (2 - len(pair))
        out += [
            meta_table(st.section, st.meta_value, pair, FRAME_W, blank=lambda: Spacer(1, 1)),
            Spacer(1, 1 * mm),
        ]
    return out


def step_title(step: MinutesStep) -> str:
    """The step's title as the format worded it (a team format's own text, else the catalog)."""
    return step.title_text or tr(step.step.title_key)


def _steps(minutes: Minutes, st: _Styles) -> list[Flowable]:
    """Each step of the format: its title and timebox, then its notes. A fremdriftsmøde shows
    only the steps with notes (and nothing when there are none, as its minutes always were)."""
    steps = [
        (n, step) for n, step in enumerate(minutes.steps, 1) if minutes.guided or filled(step.notes)
    ]
    if not steps:
        return []
    out = _heading(tr("minutes.steps"), st)
    for number, step in steps:
        head = layout_row(
            [
                Paragraph(
                    escape(tr("format.handout.step", number=number, title=step_title(step))),
                    st.lane,
                ),
                Paragraph(escape(timebox_text(step.step, step.seconds)), st.timebox),
            ],
            [FRAME_W * 0.72, FRAME_W * 0.28],
        )
        block: list[Flowable] = [head, Spacer(1, 1 * mm)]
        if filled(step.notes):
            block += paragraphs(step.notes, st.body)
        else:
            block.append(Paragraph(escape(tr("minutes.no_notes")), st.empty))
        # A short step stays with its title; long notes flow on.
        out += [KeepTogether(block)] if _height(block) < FRAME_H / 3 else block
        out.append(Spacer(1, 1.5 * mm))
    return out


def _learning_points(minutes: Minutes, st: _Styles) -> list[Flowable]:
    if not minutes.learning_points and not minutes.guided:
        return []
    out = _heading(tr("minutes.learning_points"), st)
    if not minutes.learning_points:
        return out + _empty("minutes.no_learning_points", st)
    for point in minutes.learning_points:
        out += bullet_text(st.sentence, point.text)
        about = []
        if point.case_label:  # the case's neutral label ("Sag A") says itself what it is
            about.append(point.case_label)
        if point.noted_by:
            about.append(tr("minutes.noted_by", name=point.noted_by))
        if about:
            note = ParagraphStyle("point_note", parent=st.note, leftIndent=9, spaceAfter=3)
            out.append(Paragraph(markup("  ·  ".join(about)), note))
    out.append(Spacer(1, 2 * mm))
    return out


def _ideas(minutes: Minutes, st: _Styles) -> list[Flowable]:
    if not minutes.ideas and not minutes.guided:
        return []
    out = _heading(tr("minutes.ideas"), st)
    if not minutes.ideas:
        return out + _empty("minutes.no_ideas", st)
    rows = [
        TableRow(
            [
                Paragraph(str(idea.number), st.cell_muted),
                Paragraph(markup(idea.title), st.cell_bold),
            ],
            [],
        )
        for idea in minutes.ideas
    ]
    head = [tr("minutes.col.number"), tr("minutes.col.card")]
    return out + row_table(head, rows, [NUMBER_W, FRAME_W - NUMBER_W], st.head, NUMBER_W)


# Which sentences go together, in the order a reader takes them in.
_GROUPS: tuple[tuple[str, tuple[ChangeKind, ...]], ...] = (
    (
        "minutes.group.cards",
        (
            ChangeKind.NEW_CARD,
            ChangeKind.ADDED,
            ChangeKind.MOVED,
            ChangeKind.CHANGED,
            ChangeKind.ARCHIVED,
            ChangeKind.RESTORED,
        ),
    ),
    (
        "minutes.group.cycles",
        (ChangeKind.CYCLE_STARTED, ChangeKind.CYCLE_ADVANCED, ChangeKind.DECISION),
    ),
    ("minutes.group.log", (ChangeKind.LOG_ENTRY, ChangeKind.NEW_GOAL)),
)

_TITLE = "\ue000"  # marks where the title goes in the translated sentence; it is set in bold


def _sentence(change: Change) -> str:
    """One readable sentence as Paragraph markup, the card's title in bold."""
    kind = change.kind
    params: dict[str, Any] = {"title": _TITLE}
    if kind in (ChangeKind.NEW_CARD, ChangeKind.RESTORED, ChangeKind.ADDED, ChangeKind.CHANGED):
        params["lane"] = _label("lane", change.lane_to)
    elif kind is ChangeKind.ARCHIVED:
        params["lane"] = _label("lane", change.lane_from)
    elif kind is ChangeKind.MOVED:
        params["lane_from"] = _label("lane", change.lane_from)
        params["lane_to"] = _label("lane", change.lane_to)
    elif kind is ChangeKind.CYCLE_STARTED:
        params["cycle"] = change.cycle
    elif kind is ChangeKind.CYCLE_ADVANCED:
        params.update(
            cycle=change.cycle,
            step_from=_label("step", change.step_from),
            step_to=_label("step", change.step_to),
        )
    key = f"minutes.change.{kind.value}"
    if kind is ChangeKind.DECISION:
        params["decision"] = _label("minutes.decided", change.decision)
        if change.cycle is None:
            key = "minutes.change.decision_plain"
        else:
            params["cycle"] = change.cycle
    elif kind is ChangeKind.LOG_ENTRY and change.decision:
        key = "minutes.change.log_entry_decided"
        params["decision"] = _label("decision", change.decision)
    parts = tr(key, **params).split(_TITLE)
    return f"<b>{markup(change.title)}</b>".join(markup(part) for part in parts)


def _changes(minutes: Minutes, st: _Styles) -> list[Flowable]:
    since = minutes.changes_since
    if minutes.first_meeting and since is not None:
        # No earlier meeting: say so, and tell what the board's dates show before this one.
        days = ((_meeting_day(minutes) or since) - since).days
        out = _heading(tr_n("minutes.changes.first_heading", days), st)
        key = "minutes.changes.first_since" if minutes.changes else "minutes.changes.first_none"
        out.append(Paragraph(escape(tr(key, date=format_date(since))), st.body))
        out.append(Spacer(1, 1 * mm))
        if not minutes.changes:
            return [*out, Spacer(1, 2 * mm)]
    else:
        out = _heading(tr("minutes.changes"), st)
    if not minutes.changes:
        key = "minutes.changes.first" if minutes.first_meeting else "minutes.changes.none"
        return out + _empty(key, st)
    for group_key, kinds in _GROUPS:
        chosen = [c for kind in kinds for c in minutes.changes if c.kind is kind]
        if not chosen:
            continue
        out += [CondPageBreak(14 * mm), Paragraph(escape(tr(group_key)), st.group)]
        out += [Paragraph(_sentence(c), st.sentence, bulletText="•") for c in chosen]
    out.append(Spacer(1, 2 * mm))
    return out


def _overdue(minutes: Minutes, st: _Styles) -> list[Flowable]:
    out = _heading(tr("minutes.overdue"), st)
    if not minutes.overdue:
        return out + _empty("minutes.no_overdue", st)
    lane_of = {c.number: lane for lane, cards in minutes.lanes.items() for c in cards}
    day = _today(minutes)
    rows = []
    for card in minutes.overdue:
        lane = lane_of.get(card.number)
        title = [Paragraph(markup(card.title), st.cell_bold)]
        if lane is not None:
            title.append(Paragraph(escape(tr(lane.label_key)), st.cell_note))
        rows.append(
            TableRow([_number(card, st), title, _owner(card, st), _deadline(card, st, day)], [])
        )
    head = [
        tr("minutes.col.number"),
        tr("minutes.col.card"),
        tr("column.owner"),
        tr("column.deadline"),
    ]
    widths = [NUMBER_W, FRAME_W - NUMBER_W - OWNER_W - DEADLINE_W, OWNER_W, DEADLINE_W]
    return out + row_table(head, rows, widths, st.head)


# ------------------------------------------------------------------ the lanes


def _number(card: MinutesCard, st: _Styles) -> Paragraph:
    return Paragraph(str(card.number), st.cell_muted)


def _owner(card: MinutesCard, st: _Styles) -> Any:
    return Paragraph(markup(card.owner), st.cell) if card.owner else ""


def _deadline(card: MinutesCard, st: _Styles, day: date | None = None) -> Any:
    if card.deadline is None:
        return ""
    if not card.overdue:
        return Paragraph(escape(format_date(card.deadline)), st.cell)
    late = tr("minutes.overdue_mark")
    if day is not None and day > card.deadline:
        late = tr_n("minutes.days_over", (day - card.deadline).days)
    return [
        Paragraph(escape(format_date(card.deadline)), st.late),
        Paragraph(escape(late), st.late_note),
    ]


def _status(card: MinutesCard) -> str:
    """ "Læringscirkel 2 · Reflektér", then the decision or the scale step, as markup."""
    if card.cycle is None:
        return ""
    text = escape(
        tr("minutes.cycle_status", number=card.cycle, step=_label("step", card.step) or "–")
    )
    extra = _label("decision", card.decision) or _label("scale", card.scale_step)
    if extra:
        text += f" <font color='{hex_color(MUTED)}'>· {markup(extra)}</font>"
    return text


def _card_rows(
    cards: Iterable[MinutesCard], st: _Styles, people: bool, day: date | None
) -> list[TableRow]:
    rows = []
    for card in cards:
        main: list[Flowable] = [Paragraph(markup(card.title), st.cell_bold)]
        status = _status(card)
        if status:
            main.append(Paragraph(status, st.status))
        after: list[Flowable] = []
        if filled(card.description):
            inside, after = cell_text(card.description, st.cell_note, st.cell_note)
            main += inside
        cells: list[Any] = [_number(card, st), main]
        if people:
            cells += [_owner(card, st), _deadline(card, st, day)]
        rows.append(TableRow(cells, after))
    return rows


def _card_table(
    cards: tuple[MinutesCard, ...],
    st: _Styles,
    title_key: str,
    day: date | None,
    people: bool | None = None,
) -> list[Flowable]:
    if people is None:  # owner and deadline columns only when some card has one
        people = any(c.owner or c.deadline for c in cards)
    head = [tr("minutes.col.number"), tr(title_key)]
    widths = [NUMBER_W, FRAME_W - NUMBER_W]
    if people:
        head += [tr("column.owner"), tr("column.deadline")]
        widths = [NUMBER_W, FRAME_W - NUMBER_W - OWNER_W - DEADLINE_W, OWNER_W, DEADLINE_W]
    return row_table(head, _card_rows(cards, st, people, day), widths, st.head, NUMBER_W)


def _lane_heading(lane: Lane, count: int | None, st: _Styles) -> list[Flowable]:
    text = escape(tr(lane.label_key))
    if count is not None:
        count_text = escape(tr_n("minutes.cards", count))
        text += f"  <font color='{hex_color(MUTED)}' size='9'>{count_text}</font>"
    return [
        CondPageBreak(30 * mm),
        Paragraph(text, st.lane),
        Paragraph(escape(tr(lane.hint_key)), st.lane_hint),
    ]


def _board(minutes: Minutes, st: _Styles) -> list[Flowable]:
    out = _heading(tr("minutes.board"), st)
    lanes, day = minutes.lanes, _today(minutes)
    for lane in BOARD_LANES:
        cards = lanes.get(lane, ())
        if lane is Lane.GOALS:
            out += _lane_heading(lane, None, st)
            out += _goals(minutes.goals, st)
            if cards:
                out += _card_table(cards, st, "minutes.col.card", day)
            continue
        if lane is Lane.LOG:
            out += _lane_heading(lane, None, st)
            out += _log(minutes.log, st)
            if cards:
                out += [CondPageBreak(30 * mm), Spacer(1, 3 * mm)]
                out.append(Paragraph(escape(tr("minutes.log_cards")), st.group))
                out += _card_table(cards, st, "minutes.col.card", day)
            continue
        out += _lane_heading(lane, len(cards), st)
        if not cards:
            out += _empty("minutes.empty_lane", st)
        elif lane is Lane.ACTIVITIES:
            out += _card_table(cards, st, "column.activity", day, people=True)
        else:
            out += _card_table(cards, st, "minutes.col.card", day)
    return out


def _goals(goals: tuple[dict[str, Any], ...], st: _Styles) -> list[Flowable]:
    """Each goal: the development point, the aim, its time frame and its indicators and signs."""
    if not goals:
        return _empty("minutes.no_goals", st)
    out: list[Flowable] = []
    ordered = sorted(goals, key=lambda g: str(g.get("position") or ""))
    for n, goal in enumerate(ordered):
        if n:
            out.append(Rule(0.35, WRITING_LINE, 2 * mm))
        block: list[Flowable] = []
        point = goal.get("development_point") or ""
        if filled(point):
            block.append(Paragraph(escape(tr("field.development_point")), st.group))
            block += paragraphs(point, st.note)
        block.append(Paragraph(escape(tr("template.q.aim")), st.group))
        block += paragraphs(goal.get("aim") or "", st.aim)
        for key in ("time_frame", "citizen_aim"):
            value = printable(goal.get(key) or "").strip()
            label = escape(tr(f"field.{key}"))
            if len(value) <= CELL_CHARS and "\n" not in value:
                if value:
                    block.append(Paragraph(f"<b>{label}:</b> {escape(value)}", st.body))
            else:  # a long text flows on its own under its label
                block += [Paragraph(f"<b>{label}:</b>", st.body), *paragraphs(value, st.body)]
        block += _criteria(goal.get("criteria") or [], st)
        # A goal of ordinary length stays on one page; a very long one flows.
        out += [KeepTogether(block)] if _height(block) < FRAME_H / 2 else block
    out.append(Spacer(1, 2 * mm))
    return out


def _height(flowables: list[Flowable], limit: float = FRAME_H) -> float:
    """The height of ``flowables`` in the frame's width, counted only up to ``limit``."""
    total = 0.0
    for f in flowables:
        total += f.wrap(FRAME_W, FRAME_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        if total > limit:
            break
    return total


def _criteria(criteria: list[dict[str, Any]], st: _Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for kind, key in (("indicator", "template.indicators"), ("sign", "template.signs")):
        chosen = [c for c in criteria if c.get("kind") == kind]
        if not chosen:
            continue
        out.append(Paragraph(escape(tr(key)), st.group))
        for c in chosen:
            out += bullet_text(st.bullet, c.get("text") or "")
            details = []
            if c.get("target"):
                details.append(f"{tr('field.target')}: {c['target']} {c.get('unit') or ''}".strip())
            # a sign's dated observations have no value
            measurements = [m for m in c.get("measurements") or [] if m.get("value") is not None]
            if measurements:
                last = measurements[-1]
                figure = _decimal(last["value"])
                if last.get("numerator") is not None and last.get("denominator") is not None:
                    figure = tr(  # a proportion as typed: »7 af 9«
                        "pad.proportion_value", numerator=_decimal(last["numerator"]),
                        denominator=_decimal(last["denominator"]),
                    )  # fmt: skip
                value = f"{figure} {c.get('unit') or ''}".strip()
                on = date.fromisoformat(last["measured_on"]) if last.get("measured_on") else None
                details.append(tr("template.latest", value=value, date=format_date(on)))
            if details:
                note = ParagraphStyle("detail", parent=st.note, leftIndent=9, spaceAfter=3)
                out.append(Paragraph(markup("  ·  ".join(details)), note))
    return out


def _data(minutes: Minutes, st: _Styles) -> list[Flowable]:
    """Last, "Hvad fortæller data os?": each goal's charts as the snapshot froze them (its
    measurements and chart settings), with the verdict in words and the learning cycles.
    Nothing at all when no goal has a measurement, so such minutes read as they always did."""
    if not any(
        m.get("value") is not None
        for g in minutes.goals
        for c in g.get("criteria") or []
        for m in c.get("measurements") or []
    ):
        return []
    # reportlab's graphics and the statistics only for minutes that have a chart
    from board.export.goal_charts import chart_drawing, goals_with_charts

    heading = _heading(tr("minutes.data"), st)
    out: list[Flowable] = []
    for number, goal, charts in goals_with_charts({"cards": minutes.cards}, minutes.goals):
        for n, item in enumerate(charts):
            block: list[Flowable] = []
            if n == 0:  # the goal's number and aim stay with its first chart
                head = escape(tr("minutes.data.goal", number=number))
                block += [Paragraph(head, st.group), *paragraphs(goal.get("aim") or "", st.aim)]
            # the indicator's whole text above the chart, whose title line would cut it short
            block += [
                *bullet_text(st.bullet, item.criterion.text),
                chart_drawing(item, FRAME_W, title=False),
            ]
            if item.problem:
                block.append(Paragraph(escape(item.problem), st.cell_note))
            if not out:  # the section's heading never alone at the foot of a page
                block = [*heading[1:], *block]
            out += [KeepTogether(block), Spacer(1, 4 * mm)]
    return out


def _decimal(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "da" else text


def _log(entries: tuple[dict[str, Any], ...], st: _Styles) -> list[Flowable]:
    """The log book: date, what was tested, the decision and what was learnt."""
    if not entries:
        return _empty("minutes.no_log", st)
    rows = []
    for e in entries:
        what, after_what = cell_text(e.get("what_tested") or "", st.cell_bold, st.cell_note)
        if e.get("owner_name"):
            what.append(Paragraph(markup(e["owner_name"]), st.cell_note))
        learning, after_learning = cell_text(e.get("learning") or "", st.cell, st.cell_note)
        logged = e.get("logged_on")
        rows.append(
            TableRow(
                [
                    Paragraph(
                        escape(format_date(date.fromisoformat(logged)) if logged else ""), st.cell
                    ),
                    what,
                    Paragraph(markup(_label("decision", e.get("decision"))), st.cell),
                    learning,
                ],
                after_what + after_learning,
            )
        )
    head = [
        tr("field.logged_on"),
        tr("field.what_tested"),
        tr("template.decision"),
        tr("field.learning"),
    ]
    date_w, what_w, decision_w = 20 * mm, 58 * mm, 22 * mm
    widths = [date_w, what_w, decision_w, FRAME_W - date_w - what_w - decision_w]
    return row_table(head, rows, widths, st.head, date_w)


# ------------------------------------------------------------------ the board picture

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class _Png:
    data: bytes
    width: int
    height: int
    bit_depth: int
    colour_type: int  # 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
    interlaced: bool
    transparent: bool  # a tRNS chunk
    idat: bytes  # the compressed image data, as PNG stores it

    @property
    def passthrough(self) -> bool:
        """True when PDF can read the PNG's own compressed data (Flate with the PNG
        predictors): grey or RGB, 8 or 16 bits, not interlaced, no transparency. What Qt
        writes for the board photo is 8-bit RGB."""
        return (
            self.colour_type in (0, 2)
            and self.bit_depth in (8, 16)
            and not self.interlaced
            and not self.transparent
        )


def _read_png(data: bytes) -> _Png:
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("board_png is not a PNG image")
    pos, header, idat, transparent = 8, None, [], False
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length  # length, type, data, CRC
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body[:13])
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"tRNS":
            transparent = True
        elif kind == b"IEND":
            break
    if header is None or not idat or header[0] == 0 or header[1] == 0:
        raise ValueError("board_png is not a complete PNG image")
    width, height, depth, colour, _, _, interlace = header
    return _Png(data, width, height, depth, colour, interlace == 1, transparent, b"".join(idat))


class _PngXObject(PDFObject):
    """The PNG's compressed pixels as a PDF image, unchanged: full resolution, no re-encoding
    (fast even for a 4K photo, and the same bytes every time)."""

    def __init__(self, png: _Png) -> None:
        self.png = png

    def format(self, document: Any) -> bytes:
        png = self.png
        colours = 3 if png.colour_type == 2 else 1
        stream = PDFStream(content=png.idat)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = png.width
        d["Height"] = png.height
        d["BitsPerComponent"] = png.bit_depth
        d["ColorSpace"] = PDFName("DeviceRGB" if colours == 3 else "DeviceGray")
        d["Filter"] = PDFName("FlateDecode")  # set: PDFStream adds no compression of its own
        d["DecodeParms"] = PDFDictionary(
            {
                "Predictor": 15,
                "Colors": colours,
                "BitsPerComponent": png.bit_depth,
                "Columns": png.width,
            }
        )
        return stream.format(document)


class BoardPicture(Flowable):
    """The board photo across the frame's width (less wide if it would be too tall)."""

    def __init__(self, png: _Png, max_height: float) -> None:
        super().__init__()
        self.png, self.max_height = png, max_height
        self.picture_w = self.picture_h = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        ratio = self.png.height / self.png.width
        self.picture_w, self.picture_h = avail_width, avail_width * ratio
        if self.picture_h > self.max_height:
            self.picture_w, self.picture_h = self.max_height / ratio, self.max_height
        self.width, self.height = avail_width, self.picture_h
        return self.width, self.height

    def draw(self) -> None:
        c, png = self.canv, self.png
        x = (self.width - self.picture_w) / 2
        if png.passthrough:
            name = "BoardPng" + hashlib.sha256(png.data).hexdigest()[:24]
            if not c.hasForm(name):
                # reportlab has no public call for this; the stubs leave the private _doc out
                c._doc.addForm(name, _PngXObject(png))  # type: ignore[attr-defined]
            c.saveState()
            c.translate(x, 0)
            c.scale(self.picture_w, self.picture_h)
            c.doForm(name)
            c.restoreState()
        else:  # alpha, palette or interlaced: decoded by Pillow, still at full resolution
            c.drawImage(
                ImageReader(io.BytesIO(png.data)),
                x,
                0,
                self.picture_w,
                self.picture_h,
                mask="auto",
            )
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.rect(x, 0, self.picture_w, self.picture_h, stroke=1, fill=0)
