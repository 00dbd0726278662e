"""Paints cards, activity rows, goals and log entries with QPainter.

Painting a few hundred cards on five widgets is far cheaper than a widget per card, and
the same code draws the window, the dragged card and the photo. Titles wrap to at most
three lines and are cut only after that, at a word, with "…"; a card's height is known
from its title's width alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextLayout,
)

from board.dates import short_date
from board.domain.entities import (
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Goal,
    LogEntry,
    Person,
    ScaleStep,
)
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.theme import DECISION_COLOURS, LANE_ACCENT, Theme, metrics, person_colour
from board.ui.operations.goal_data import GoalSeries

INTERSECT = Qt.ClipOperation.IntersectClip
STEPS = (CycleStep.PLAN, CycleStep.DO, CycleStep.STUDY, CycleStep.ACT)
SCALE = tuple(ScaleStep)


@dataclass(frozen=True, slots=True)
class CardLook:
    """What a card shows besides its own fields."""

    owner: Person | None = None
    cycle: Cycle | None = None
    entry: LogEntry | None = None  # the newest log entry, for cards in the Log
    today: date | None = None
    selected: bool = False
    placeholder: bool = False  # the empty slot a dragged card left behind
    lifted: bool = False  # the card under the finger


# --- text --------------------------------------------------------------------------------

_wrap_cache: dict[tuple[str, int, bool, int, int], tuple[str, ...]] = {}


TITLE_LINES = 3  # a title wraps to three lines before it is cut


def wrap(text: str, font: QFont, width: float, max_lines: int) -> tuple[str, ...]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; when it needs more,
    the last line is cut after a whole word and ends with "…"."""
    key = (text, font.pixelSize(), font.bold(), int(width), max_lines)
    found = _wrap_cache.get(key)
    if found is not None:
        return found
    if len(_wrap_cache) > 20_000:
        _wrap_cache.clear()
    flat = " ".join(text.split())
    layout = QTextLayout(flat, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        spans.append((line.textStart(), line.textLength()))
        if len(spans) > max_lines:
            break
    layout.endLayout()
    lines = [flat[start : start + length].rstrip() for start, length in spans[:max_lines]]
    fm = metrics(font)
    if len(spans) > max_lines and lines:
        start = spans[max_lines - 1][0]
        last = elide_words(flat[start:], fm, width)
        if max_lines > 1 and not _at_a_word(last, flat[start:]):
            # One long word left, cut inside: end the line before with "…" instead.
            lines.pop()
            last = elide_words(flat[spans[max_lines - 2][0] :], fm, width)
        lines[-1] = last
    # A word longer than the line cannot be broken: shorten it rather than overflow.
    lines = [
        fm.elidedText(line, Qt.TextElideMode.ElideRight, width)
        if fm.horizontalAdvance(line) > width
        else line
        for line in lines
    ]
    result = tuple(lines)
    _wrap_cache[key] = result
    return result


def elide_words(text: str, fm: QFontMetricsF, width: float) -> str:
    """The longest run of ``text``'s first whole words that fits ``width`` with " …" after
    it (a single word too long for the line is cut inside, as nothing else fits)."""
    words = text.split()
    shown = ""
    for word in words:
        candidate = f"{shown} {word}" if shown else word
        if fm.horizontalAdvance(f"{candidate} …") > width:
            break
        shown = candidate
    if len(shown) == len(" ".join(words)):
        return shown
    if not shown:  # the first word alone is as long as the line
        first = f"{words[0]}…" if words else ""
        if words and fm.horizontalAdvance(first) <= width:
            return first
        return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return f"{shown.rstrip(',;:–-')} …"


def _at_a_word(shown: str, text: str) -> bool:
    """``shown`` (ending in "…") is whole words from the start of ``text``."""
    words = shown.removesuffix("…").split()
    return words == text.split()[: len(words)]


def clip_words(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters: cut after a whole word with " …"
    when it is longer (a summary that ends mid-sentence says so)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(1, limit - 2)]
    if " " in cut and flat[len(cut)] != " ":
        cut = cut[: cut.rindex(" ")]
    return f"{cut.rstrip(' ,;:–-')} …"


def line_count(
    text: str, font: QFont, width: float, max_lines: int, fm: QFontMetricsF | None = None
) -> int:
    """How many lines ``wrap`` gives, cheaply: a title that fits in one line measures once.

    Layout needs only the count for every card; the lines themselves are broken when a
    card is painted. (A pixel of slack: a title that only just fits counts two lines, which
    costs some space, never an overflow.)
    """
    if not text.strip():
        return 0
    fm = fm or metrics(font)
    estimate = _estimate(text, font, fm)
    if estimate < width * 0.85:  # clearly fits: no shaping needed
        return 1
    if estimate < width * 1.2 and fm.horizontalAdvance(text) <= width - 1:
        return 1
    if max_lines <= 2:
        return max_lines
    # Two lines even at nine tenths of the width (estimated advances are within a few per
    # cent of the shaped text): two lines, without shaping. Else break it for real.
    if _greedy_lines(text, font, fm, width * 0.9) == 2:
        return 2
    return len(wrap(text, font, width, max_lines))


def _greedy_lines(text: str, font: QFont, fm: QFontMetricsF, width: float) -> int:
    """Lines of ``width`` that ``text`` breaks into word by word, from estimated widths."""
    space = _estimate(" ", font, fm)
    lines, x = 1, -space
    for word in text.split():
        w = _estimate(word, font, fm)
        if w > width:
            return 10_000  # a word longer than a line: let the real layout decide
        if x + space + w > width:
            lines, x = lines + 1, w
        else:
            x += space + w
    return lines


_advances: dict[tuple[int, bool], dict[str, float]] = {}


def _estimate(text: str, font: QFont, fm: QFontMetricsF) -> float:
    """The width of ``text`` from per-character advances (no kerning or shaping: an estimate)."""
    table = _advances.setdefault((font.pixelSize(), font.bold()), {})
    try:
        return sum(map(table.__getitem__, text))
    except KeyError:
        for ch in set(text) - table.keys():
            table[ch] = fm.horizontalAdvance(ch)
        return sum(map(table.__getitem__, text))


def cycle_text(cycle: Cycle) -> str:
    return tr("ui.cycle.state", number=cycle.number, step=tr(f"step.{cycle.step.value}"))


# --- sizes -------------------------------------------------------------------------------
# Heights follow the text (one or two title lines), measured once per title and width.


def chip_height(theme: Theme) -> float:
    return theme.chip_height


def text_width(theme: Theme, width: float) -> float:
    """The width of a card's text: inside the padding and the lane-coloured stripe."""
    return width - 2 * theme.pad - theme.px(5)


def row_title_width(theme: Theme, owner_x: float) -> float:
    return owner_x - theme.pad - theme.px(5) - theme.px(8)


def _learning_lines(entry: LogEntry | None, theme: Theme, width: float) -> tuple[str, ...]:
    if entry is None or not entry.learning.strip():
        return ()
    return wrap(entry.learning, theme.small_font, width, 2)


def _learning_count(entry: LogEntry | None, theme: Theme, width: float) -> int:
    if entry is None:
        return 0
    learning = " ".join(entry.learning.split())
    return line_count(learning, theme.small_font, width, 2, theme.small_metrics)


def has_meta(card: Card, owner: bool, cycle: bool, entry: LogEntry | None) -> bool:
    """A card shows its second line (owner, deadline, cycle, decision) only when it has one."""
    if card.lane is Lane.LOG and entry is not None:
        return True
    return owner or card.deadline is not None or (cycle and card.lane is not Lane.ACTIVITIES)


def card_height(
    theme: Theme, card: Card, entry: LogEntry | None, width: float, *, cycle: bool = False
) -> int:
    tw = text_width(theme, width)
    lines = line_count(card.title, theme.title_font, tw, TITLE_LINES, theme.title_metrics)
    height = theme.pad * 2 + theme.title_line * lines
    if has_meta(card, card.owner_id is not None, cycle, entry):
        height += theme.px(7) + chip_height(theme)
    if card.lane is Lane.LOG and entry is not None:
        learning = _learning_count(entry, theme, tw)
        if learning:
            height += theme.px(5) + theme.small_line * learning
    return round(height)


@dataclass(frozen=True, slots=True)
class RowColumns:
    """Where an activity row's columns start (x inside the row) and how they stack.

    Three columns (Aktivitet / Læringscirkler | Ansvarlig | Deadline) where the row is
    wide; where that would leave the title less than ``TITLE_SHARE`` of the row (the
    wall, whose type is large), owner and deadline share one column, one over the other,
    and the title gets the rest."""

    owner_x: float
    deadline_x: float
    width: float
    stacked: bool


TITLE_SHARE = 0.55


def row_columns(theme: Theme, width: float) -> RowColumns:
    deadline_w = metrics(theme.meta_font).horizontalAdvance("⚠ 30.12.") + theme.px(22)
    owner_w = max(theme.px(120), width * 0.25)
    owner_x = width - deadline_w - owner_w
    if row_title_width(theme, owner_x) >= width * TITLE_SHARE:
        return RowColumns(owner_x, width - deadline_w, width, False)
    # Initials and deadline side by side, the owner's name under them.
    initials = metrics(theme.meta_font).horizontalAdvance("MMM") + theme.px(12)
    right = initials + theme.px(6) + deadline_w + theme.pad
    return RowColumns(width - right, width - right, width, True)


@dataclass(frozen=True, slots=True)
class RowLayout:
    """An activity row measured: what it shows where (offsets from the row's top-left)."""

    title_lines: int  # the title wraps to this many lines (see row_title)
    names: tuple[str, ...]  # the owner's name, wrapped
    names_at: tuple[float, float]  # beside the initials, or under them (stacked)
    deadline_at: tuple[float, float]  # the deadline chip's top-left
    cycle_y: float  # the learning-cycle line's top
    cycle_width: float  # how far it may run
    height: int


def row_layout(
    theme: Theme, card: Card, owner: Person | None, cycle: Cycle | None, columns: RowColumns
) -> RowLayout:
    pad = theme.pad
    chip_h = chip_height(theme)
    title_w = row_title_width(theme, columns.owner_x)
    lines = line_count(card.title, theme.title_font, title_w, TITLE_LINES, theme.title_metrics)
    title_h = theme.title_line * lines
    left = pad + theme.px(5)
    x = columns.owner_x
    chip_w = owner_chip_width(owner, theme) if owner is not None else _dash_width(theme)
    names: tuple[str, ...] = ()
    if columns.stacked:
        # [initials] [deadline], the owner's name under them across the column.
        deadline_at = (x + chip_w + theme.px(6), pad)
        names_at = (x, pad + chip_h + theme.px(2))
        if owner is not None:
            names = wrap(owner.name, theme.small_font, columns.width - pad - x, 2)
        right_h = chip_h + (theme.px(2) + theme.small_line * len(names) if names else 0)
    else:
        deadline_at = (columns.deadline_x, pad)
        names_at = (x + chip_w + theme.px(6), pad + theme.px(1))
        if owner is not None:
            # Beside a title of n lines the name may take n lines (the cycle runs under it).
            room = columns.deadline_x - theme.px(8) - names_at[0]
            names = wrap(owner.name, theme.small_font, room, max(1, lines))
        right_h = max(chip_h, theme.small_line * len(names))
    cycle_y = pad + title_h + theme.px(7)
    cycle_room = columns.deadline_x - left - theme.px(8)
    if cycle is not None and columns.stacked and cycle_marks_width(cycle, theme) > cycle_room:
        # Too long beside owner and deadline: across the row, under them both.
        cycle_y = pad + max(title_h, right_h) + theme.px(7)
        cycle_room = columns.width - pad - left
    body = max(title_h, right_h, chip_h)
    if cycle is not None:
        body = max(body, cycle_y - pad + chip_h)
    height = round(2 * pad + body)
    return RowLayout(lines, names, names_at, deadline_at, cycle_y, cycle_room, height)


def row_title(theme: Theme, card: Card, columns: RowColumns, layout: RowLayout) -> tuple[str, ...]:
    """The title of an activity row as it is painted, broken into ``layout``'s lines."""
    width = row_title_width(theme, columns.owner_x)
    return wrap(card.title, theme.title_font, width, max(1, layout.title_lines))


def _dash_width(theme: Theme) -> float:
    return metrics(theme.small_font).horizontalAdvance("—")


def row_height(
    theme: Theme, card: Card, owner: Person | None, cycle: Cycle | None, columns: RowColumns
) -> int:
    return row_layout(theme, card, owner, cycle, columns).height


def goal_height(theme: Theme, goal: Goal, width: float) -> int:
    lines = len(wrap(goal.aim, theme.title_font, text_width(theme, width), 3))
    height = theme.pad * 2 + theme.title_line * lines
    if goal.time_frame:
        height += theme.px(6) + theme.small_line
    if has_indicator(goal):  # room for the sparkline, kept while its data are being read
        height += theme.px(6) + spark_height(theme)
    return round(height)


def has_indicator(goal: Goal) -> bool:
    return any(c.kind is CriterionKind.INDICATOR for c in goal.criteria)


def spark_height(theme: Theme) -> float:
    """A sparkline's strip: two small lines (the latest value, the target) beside it."""
    return theme.small_line * 2.5


def entry_height(theme: Theme, entry: LogEntry, width: float) -> int:
    """A log entry without a card: measured (and drawn) as a card in the Log."""
    tw = text_width(theme, width)
    lines = line_count(" ".join(entry.what_tested.split()), theme.title_font, tw, TITLE_LINES)
    height = theme.pad * 2 + theme.title_line * lines + theme.px(7) + chip_height(theme)
    learning = _learning_count(entry, theme, tw)
    if learning:
        height += theme.px(5) + theme.small_line * learning
    return round(height)


# --- shapes ------------------------------------------------------------------------------


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


_frames: dict[tuple[object, ...], QPixmap] = {}


def _frame(
    p: QPainter, rect: QRectF, theme: Theme, fill: QColor, accent: QColor | None, look: CardLook
) -> None:
    """The card's paper: shadow, border and lane stripe, drawn once per size and kept.

    Antialiased rounded rectangles are the costliest thing on a card; cards of one lane
    share a few sizes, so blitting a kept pixmap makes a repaint a fraction as costly.
    """
    device = p.device()
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    width, height = round(rect.width()), round(rect.height())
    below = math.ceil(theme.scale * 7)  # room for the shadow
    key = (
        width, height, theme.scale, theme.wall, ratio, fill.rgba(),
        accent.rgba() if accent is not None else None,
        look.selected, look.placeholder, look.lifted,
    )  # fmt: skip
    pixmap = _frames.get(key)
    if pixmap is None:
        if len(_frames) > 400:
            _frames.clear()
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil((height + below) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw_frame(painter, QRectF(0, 0, width, height), theme, fill, accent, look)
        painter.end()
        _frames[key] = pixmap
    p.drawPixmap(QPointF(round(rect.left()), round(rect.top())), pixmap)


def _draw_frame(
    p: QPainter, rect: QRectF, theme: Theme, fill: QColor, accent: QColor | None, look: CardLook
) -> None:
    pal = theme.palette
    r = theme.radius
    if look.placeholder:
        pen = QPen(pal.faint, max(1.0, theme.scale * 1.5), Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.setBrush(pal.drop_zone)
        p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), r, r)
        return
    lift = theme.scale * (6 if look.lifted else 1.5)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(pal.shadow if not look.lifted else QColor(20, 35, 50, 60))
    p.drawRoundedRect(rect.translated(0, lift), r, r)
    p.setBrush(fill)
    border = pal.selection if look.selected else pal.card_border
    width = theme.scale * (3 if look.selected else 1)
    p.setPen(QPen(border, width))
    inner = rect.adjusted(width / 2, width / 2, -width / 2, -width / 2)
    p.drawRoundedRect(inner, r, r)
    if accent is not None:
        p.save()
        p.setClipPath(_rounded(inner, r))
        p.fillRect(QRectF(inner.left(), inner.top(), theme.px(5), inner.height()), accent)
        p.restore()


def chip(
    p: QPainter,
    x: float,
    y: float,
    text: str,
    fg: QColor,
    bg: QColor,
    font: QFont,
    theme: Theme,
    *,
    align_right: bool = False,
) -> float:
    """A rounded label whose top-left (or top-right) corner is at (x, y); returns its width."""
    fm = metrics(font)
    h = chip_height(theme)
    w = fm.horizontalAdvance(text) + theme.px(12)
    left = x - w if align_right else x
    rect = QRectF(left, y, w, h)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(bg)
    p.drawRoundedRect(rect, h / 2, h / 2)
    p.setPen(fg)
    p.setFont(font)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return w


def _lines(
    p: QPainter, x: float, y: float, lines: tuple[str, ...], font: QFont, colour: QColor
) -> float:
    fm = metrics(font)
    p.setFont(font)
    p.setPen(colour)
    for text in lines:
        p.drawText(QPointF(x, y + fm.ascent()), text)
        y += fm.height()
    return y


def owner_chip_width(owner: Person, theme: Theme) -> float:
    return metrics(theme.meta_font).horizontalAdvance(owner.initials) + theme.px(12)


def owner_chip(
    p: QPainter, x: float, y: float, owner: Person, theme: Theme, align_right: bool = False
) -> float:
    white = QColor("#FFFFFF")
    colour = person_colour(owner.id)
    return chip(
        p, x, y, owner.initials, white, colour, theme.meta_font, theme, align_right=align_right
    )


def deadline_chip(
    p: QPainter, x: float, y: float, card: Card, look: CardLook, theme: Theme, right: bool = False
) -> float:
    if card.deadline is None:
        return 0.0
    pal = theme.palette
    text = short_date(card.deadline, look.today)
    if look.today is not None and card.is_overdue(look.today):
        # Colour and a symbol, so the overdue state does not depend on seeing red.
        return chip(
            p, x, y, f"⚠ {text}", QColor("#FFFFFF"), pal.overdue, theme.meta_font, theme,
            align_right=right,
        )  # fmt: skip
    return chip(
        p, x, y, text, pal.text, QColor("#E9EDF1"), theme.meta_font, theme, align_right=right
    )


def scale_width(theme: Theme) -> float:
    return 5 * theme.px(4) + 4 * theme.px(2)


def scale_marks(
    p: QPainter,
    x: float,
    y: float,
    height: float,
    step: ScaleStep,
    theme: Theme,
    colour: QColor,
    empty: QColor | None = None,
) -> float:
    """The scale-up ladder of section 3 as five rising bars, filled up to the cycle's rung
    (one citizen … implemented); returns the width drawn."""
    rung = SCALE.index(step)
    bar, gap = theme.px(4), theme.px(2)
    bottom = y + height * 0.8
    full = height * 0.62
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    for i in range(len(SCALE)):
        h = full * (0.4 + 0.15 * i)
        rect = QRectF(x + i * (bar + gap), bottom - h, bar, h)
        if i <= rung:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
        else:
            p.setPen(QPen(empty or theme.palette.faint, max(1.0, theme.scale)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            rect = rect.adjusted(0.5, 0.5, -0.5, -0.5)
        p.drawRect(rect)
    p.restore()
    return scale_width(theme)


def cycle_marks_width(cycle: Cycle, theme: Theme) -> float:
    """The width of the learning-cycle line that ``_cycle_marks`` draws."""
    d = theme.px(9)
    width: float = 4 * (d + theme.px(4)) + theme.px(3)
    width += metrics(theme.meta_font).horizontalAdvance(cycle_text(cycle)) + theme.px(9)
    width += scale_width(theme) + theme.px(6)
    return width + metrics(theme.small_font).horizontalAdvance(scale_label(cycle.scale_step))


def scale_label(step: ScaleStep) -> str:
    """The rung of the scale-up ladder in a word or two, beside its bars."""
    return tr(f"scale.short.{step.value}")


def _cycle_marks(p: QPainter, x: float, y: float, cycle: Cycle, theme: Theme) -> float:
    """Four dots for Planlæg–Afprøv–Reflektér–Justér, "Cirkel n · step", then the rung of
    the scale-up ladder the cycle is tried at, as bars and in words ("Én borger")."""
    accent = LANE_ACCENT[Lane.ACTIVITIES]
    h = chip_height(theme)
    d = theme.px(9)
    cy = y + h / 2
    current = 4 if cycle.step is CycleStep.CLOSED else STEPS.index(cycle.step)
    for i in range(4):
        cx = x + i * (d + theme.px(4)) + d / 2
        if i <= current:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(accent)
        else:
            p.setPen(QPen(theme.palette.faint, max(1.0, theme.scale * 1.2)))
            p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(cx, cy), d / 2, d / 2)
    x += 4 * (d + theme.px(4)) + theme.px(3)
    font = theme.meta_font
    p.setFont(font)
    p.setPen(accent.darker(130))
    text = cycle_text(cycle)
    p.drawText(QRectF(x, y, 10_000, h), Qt.AlignmentFlag.AlignVCenter, text)
    x += metrics(font).horizontalAdvance(text) + theme.px(9)
    x += scale_marks(p, x, y, h, cycle.scale_step, theme, accent.darker(115)) + theme.px(6)
    p.setFont(theme.small_font)
    p.setPen(theme.palette.muted)
    label = scale_label(cycle.scale_step)
    p.drawText(QRectF(x, y, 10_000, h), Qt.AlignmentFlag.AlignVCenter, label)
    return x + metrics(theme.small_font).horizontalAdvance(label)


# --- cards -------------------------------------------------------------------------------


def paint_card(p: QPainter, rect: QRectF, card: Card, look: CardLook, theme: Theme) -> None:
    """A card as a note: title, then owner, deadline and learning-cycle state (or decision)."""
    accent = LANE_ACCENT.get(card.lane)
    _frame(p, rect, theme, theme.palette.card, accent, look)
    if look.placeholder:
        return
    pal = theme.palette
    left = rect.left() + theme.pad + theme.px(5)
    right = rect.right() - theme.pad
    width = right - left
    y = rect.top() + theme.pad
    count = line_count(card.title, theme.title_font, width, TITLE_LINES, theme.title_metrics)
    title = wrap(card.title, theme.title_font, width, max(1, count))
    _lines(p, left, y, title, theme.title_font, pal.text)
    if not has_meta(card, look.owner is not None, look.cycle is not None, look.entry):
        return
    y += theme.title_line * len(title) + theme.px(7)
    x = left
    if card.lane is Lane.LOG and look.entry is not None:
        _log_meta(p, x, y, right, look.entry, look, theme)
        return
    if look.owner is not None:
        x += owner_chip(p, x, y, look.owner, theme) + theme.px(6)
    x += deadline_chip(p, x, y, card, look, theme)
    number = f"#{card.number}"
    p.setFont(theme.small_font)
    p.setPen(pal.faint)
    p.drawText(
        QRectF(left, y, width, chip_height(theme)),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        number,
    )
    if look.cycle is not None and card.lane is not Lane.ACTIVITIES:
        room = right - metrics(theme.small_font).horizontalAdvance(number) - theme.px(8)
        if x + theme.px(90) < room:
            p.save()
            # Intersect: the lane's own clip (under its header) must still hold.
            p.setClipRect(QRectF(x, y, room - x, chip_height(theme)), INTERSECT)
            _cycle_marks(p, x + theme.px(6), y, look.cycle, theme)
            p.restore()


def _log_meta(
    p: QPainter, left: float, y: float, right: float, entry: LogEntry, look: CardLook, theme: Theme
) -> None:
    """Decision, date and owner on one line; what was learned (two lines) under it."""
    pal = theme.palette
    x = left
    if entry.decision is not None:
        fg, bg = DECISION_COLOURS[entry.decision]
        x += chip(p, x, y, tr(f"decision.{entry.decision.value}"), fg, bg, theme.meta_font, theme)
        x += theme.px(6)
    p.setFont(theme.small_font)
    p.setPen(pal.muted)
    p.drawText(
        QRectF(x, y, max(0.0, right - x), chip_height(theme)),
        Qt.AlignmentFlag.AlignVCenter,
        short_date(entry.logged_on, look.today),
    )
    if look.owner is not None:
        owner_chip(p, right, y, look.owner, theme, align_right=True)
    y += chip_height(theme) + theme.px(5)
    _lines(p, left, y, _learning_lines(entry, theme, right - left), theme.small_font, pal.muted)


def paint_row(
    p: QPainter,
    rect: QRectF,
    card: Card,
    look: CardLook,
    theme: Theme,
    columns: RowColumns,
) -> None:
    """An activity as a row: Aktivitet / Læringscirkler | Ansvarlig | Deadline."""
    _frame(p, rect, theme, theme.palette.card, LANE_ACCENT[Lane.ACTIVITIES], look)
    if look.placeholder:
        return
    pal = theme.palette
    row = row_layout(theme, card, look.owner, look.cycle, columns)
    left = rect.left() + theme.pad + theme.px(5)
    top = rect.top()
    title = row_title(theme, card, columns, row)
    _lines(p, left, top + theme.pad, title, theme.title_font, pal.text)
    if look.cycle is not None:
        p.save()
        cycle_rect = QRectF(left, top + row.cycle_y, row.cycle_width, chip_height(theme))
        p.setClipRect(cycle_rect, INTERSECT)  # the lane's clip (under its header) holds
        _cycle_marks(p, left, top + row.cycle_y, look.cycle, theme)
        p.restore()
    x = rect.left() + columns.owner_x
    if look.owner is not None:
        owner_chip(p, x, top + theme.pad, look.owner, theme)
        nx, ny = row.names_at
        _lines(p, rect.left() + nx, top + ny, row.names, theme.small_font, pal.muted)
    else:
        _dash(p, x, top + theme.pad, theme)
    dx, dy = row.deadline_at
    if card.deadline is not None:
        deadline_chip(p, rect.left() + dx, top + dy, card, look, theme)
    else:
        _dash(p, rect.left() + dx, top + dy, theme)


def _dash(p: QPainter, x: float, y: float, theme: Theme) -> None:
    """Nobody / no date yet: a quiet dash in the column."""
    p.setFont(theme.small_font)
    p.setPen(theme.palette.faint)
    p.drawText(QPointF(x, y + metrics(theme.small_font).ascent()), "—")


def paint_goal(
    p: QPainter,
    rect: QRectF,
    goal: Goal,
    theme: Theme,
    selected: bool,
    series: GoalSeries | None = None,
) -> None:
    """A goal: the aim ("Hvad skal vi opnå?"), its time frame and its first indicator's
    sparkline (``series``: None until the board's data are read, after the first paint)."""
    pal = theme.palette
    look = CardLook(selected=selected)
    _frame(p, rect, theme, pal.goal_card, LANE_ACCENT[Lane.GOALS], look)
    left = rect.left() + theme.pad + theme.px(5)
    right = rect.right() - theme.pad
    y = rect.top() + theme.pad
    lines = wrap(goal.aim, theme.title_font, right - left, 3)
    _lines(p, left, y, lines, theme.title_font, pal.text)
    y += theme.title_line * len(lines) + theme.px(6)
    if goal.time_frame:
        text = metrics(theme.small_font).elidedText(
            goal.time_frame, Qt.TextElideMode.ElideRight, right - left
        )
        _lines(p, left, y, (text,), theme.small_font, LANE_ACCENT[Lane.GOALS].darker(140))
        y += theme.small_line + theme.px(6)
    if series is not None and series.measurements:
        # Charts are loaded with the first series drawn, never for the first paint.
        from board.ui.board.goal_spark import paint_spark

        paint_spark(p, QRectF(left, y, right - left, spark_height(theme)), series, theme)


def paint_entry(p: QPainter, rect: QRectF, entry: LogEntry, look: CardLook, theme: Theme) -> None:
    """A log entry without a card in the Log (e.g. a closed learning cycle), in the same look
    as a card in the Log: what was tested, the decision, the date, the owner, the learning."""
    pal = theme.palette
    _frame(p, rect, theme, pal.card, LANE_ACCENT[Lane.LOG], CardLook(selected=look.selected))
    left = rect.left() + theme.pad + theme.px(5)
    right = rect.right() - theme.pad
    y = rect.top() + theme.pad
    what = " ".join(entry.what_tested.split())
    count = line_count(what, theme.title_font, right - left, TITLE_LINES, theme.title_metrics)
    title = wrap(what, theme.title_font, right - left, max(1, count))
    _lines(p, left, y, title, theme.title_font, pal.text)
    y += theme.title_line * count + theme.px(7)
    _log_meta(p, left, y, right, entry, look, theme)
