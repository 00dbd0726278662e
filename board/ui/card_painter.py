"""Paints cards, activity rows, goals and log entries with QPainter.

Painting a few hundred cards on five widgets is far cheaper than a widget per card, and
the same code draws the window, the dragged card and the photo. Titles wrap to at most
two lines (goals to three), so a card's height is known from its title's width alone.
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

from board.domain.entities import Card, Cycle, CycleStep, Goal, LogEntry, Person, ScaleStep
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.theme import DECISION_COLOURS, LANE_ACCENT, Theme, metrics, person_colour

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


def wrap(text: str, font: QFont, width: float, max_lines: int) -> tuple[str, ...]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; the last one elided."""
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
        lines[-1] = fm.elidedText(flat[start:], Qt.TextElideMode.ElideRight, width)
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
    return len(wrap(text, font, width, max_lines))


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


def short_date(day: date, today: date | None = None) -> str:
    if today is not None and day.year == today.year:
        return tr("ui.date.short", day=day.day, month=day.month)
    return tr("ui.date.long", day=day.day, month=day.month, year=day.year)


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
    lines = line_count(card.title, theme.title_font, tw, 2, theme.title_metrics)
    height = theme.pad * 2 + theme.title_line * lines
    if has_meta(card, card.owner_id is not None, cycle, entry):
        height += theme.px(7) + chip_height(theme)
    if card.lane is Lane.LOG and entry is not None:
        learning = _learning_count(entry, theme, tw)
        if learning:
            height += theme.px(5) + theme.small_line * learning
    return round(height)


def row_height(theme: Theme, card: Card, owner_x: float, *, cycle: bool = False) -> int:
    width = row_title_width(theme, owner_x)
    lines = line_count(card.title, theme.title_font, width, 2, theme.title_metrics)
    title = theme.title_line * lines
    if cycle:
        title += theme.px(7) + chip_height(theme)
    return round(theme.pad * 2 + max(title, chip_height(theme)))


def goal_height(theme: Theme, goal: Goal, width: float) -> int:
    lines = len(wrap(goal.aim, theme.title_font, text_width(theme, width), 3))
    height = theme.pad * 2 + theme.title_line * lines
    if goal.time_frame:
        height += theme.px(6) + theme.small_line
    return round(height)


def entry_height(theme: Theme, entry: LogEntry, width: float) -> int:
    tw = width - 2 * theme.pad
    lines = line_count(" ".join(entry.what_tested.split()), theme.title_font, tw, 2)
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


def _cycle_marks(p: QPainter, x: float, y: float, cycle: Cycle, theme: Theme) -> float:
    """Four dots for Planlæg–Afprøv–Reflektér–Justér, "Cirkel n · step", then the rung of
    the scale-up ladder the cycle is tried at."""
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
    return x + scale_marks(p, x, y, h, cycle.scale_step, theme, accent.darker(115))


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
    title = wrap(card.title, theme.title_font, width, 2)
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
            p.setClipRect(QRectF(x, y, room - x, chip_height(theme)))
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
    columns: tuple[float, float],
) -> None:
    """An activity as a row: Aktivitet / Læringscirkler | Ansvarlig | Deadline."""
    owner_x, deadline_x = columns
    _frame(p, rect, theme, theme.palette.card, LANE_ACCENT[Lane.ACTIVITIES], look)
    if look.placeholder:
        return
    pal = theme.palette
    left = rect.left() + theme.pad + theme.px(5)
    y = rect.top() + theme.pad
    title_width = row_title_width(theme, owner_x)
    title = wrap(card.title, theme.title_font, title_width, 2)
    _lines(p, left, y, title, theme.title_font, pal.text)
    meta_y = y + theme.title_line * len(title) + theme.px(7)
    if look.cycle is not None:
        # The cycle line may run under the owner's name, up to the deadline column.
        p.save()
        room = rect.left() + deadline_x - left - theme.px(8)
        p.setClipRect(QRectF(left, meta_y, room, chip_height(theme)))
        _cycle_marks(p, left, meta_y, look.cycle, theme)
        p.restore()
    row_y = y
    x = rect.left() + owner_x
    if look.owner is not None:
        w = owner_chip(p, x, row_y, look.owner, theme)
        name_left = x + w + theme.px(6)
        name_width = rect.left() + deadline_x - name_left - theme.px(8)
        # The name may take a second line only beside a second title line (the cycle line
        # runs under it).
        names = wrap(look.owner.name, theme.small_font, name_width, len(title))
        _lines(p, name_left, row_y + theme.px(1), names, theme.small_font, pal.muted)
    else:
        p.setFont(theme.small_font)
        p.setPen(pal.faint)
        p.drawText(QPointF(x, row_y + metrics(theme.small_font).ascent()), "—")
    x = rect.left() + deadline_x
    if card.deadline is not None:
        deadline_chip(p, x, row_y, card, look, theme)
    else:
        p.setFont(theme.small_font)
        p.setPen(pal.faint)
        p.drawText(QPointF(x, row_y + metrics(theme.small_font).ascent()), "—")


def paint_goal(p: QPainter, rect: QRectF, goal: Goal, theme: Theme, selected: bool) -> None:
    """A goal: the aim ("Hvad skal vi opnå?") and its time frame."""
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


def paint_entry(p: QPainter, rect: QRectF, entry: LogEntry, look: CardLook, theme: Theme) -> None:
    """A log entry without a card in the Log (e.g. a closed learning cycle): read-only."""
    pal = theme.palette
    _frame(p, rect, theme, pal.lane, None, CardLook(selected=look.selected))
    left = rect.left() + theme.pad
    right = rect.right() - theme.pad
    y = rect.top() + theme.pad
    title = wrap(entry.what_tested, theme.title_font, right - left, 2)
    _lines(p, left, y, title, theme.title_font, pal.muted)
    y += theme.title_line * len(title) + theme.px(7)
    _log_meta(p, left, y, right, entry, look, theme)
