"""What a lane paints besides its header: the panel, the items (through ``card_painter``),
the empty lane and the drop indicator. Everything it draws is passed in; it reads no widget.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board import card_painter
from board.ui.board.card_painter import CardLook
from board.ui.board.lane_model import Item, Kind
from board.ui.common.theme import Theme
from board.ui.operations.board_store import BoardStore


def paint_panel(
    p: QPainter, rect: QRect, dirty: QRect, theme: Theme, target: bool, focused: bool
) -> None:
    """The lane's rounded panel. Filling a large antialiased rounded rectangle is slow, so
    the body is filled with plain rectangles and only the corners and the outline are
    antialiased (their cost grows with the perimeter, not the area)."""
    t = theme
    pal = t.palette
    r = t.radius * 1.5
    frame = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
    p.fillRect(dirty, pal.window)
    p.fillRect(frame.adjusted(r, 0, -r, 0), pal.lane)
    p.fillRect(frame.adjusted(0, r, 0, -r), pal.lane)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(pal.lane)
    for cx, cy in (
        (frame.left() + r, frame.top() + r), (frame.right() - r, frame.top() + r),
        (frame.left() + r, frame.bottom() - r), (frame.right() - r, frame.bottom() - r),
    ):  # fmt: skip
        p.drawEllipse(QPointF(cx, cy), r, r)
    border = pal.drop if target or focused else pal.lane_border
    p.setPen(QPen(border, t.scale * (2.5 if target else 2 if focused else 1)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(frame, r, r)


def paint_items(
    p: QPainter,
    rows: Iterable[tuple[Item, QRectF]],
    store: BoardStore,
    theme: Theme,
    selected: int | None,
    placeholder: int | None,
    columns: card_painter.RowColumns | None,
) -> None:
    """Each item at its rectangle: a card (a row in Aktiviteter), a goal or a log entry.

    ``placeholder`` is the card being dragged, drawn as the empty slot it left behind."""
    for item, rect in rows:
        if item.kind is Kind.CARD:
            card = store.card(item.id)
            if card is None:
                continue
            look = CardLook(
                owner=store.person(card.owner_id),
                cycle=store.cycle(card.id),
                entry=store.newest_entry(card.id) if card.lane is Lane.LOG else None,
                today=store.today,
                selected=card.id == selected,
                placeholder=card.id == placeholder,
            )
            if columns is not None:
                card_painter.paint_row(p, rect, card, look, theme, columns)
            else:
                card_painter.paint_card(p, rect, card, look, theme)
        elif item.kind is Kind.GOAL:
            goal = store.goal(item.id)
            if goal is not None:
                card_painter.paint_goal(
                    p, rect, goal, theme, selected=False, series=store.series.get(goal.id)
                )
        else:
            entry = store.entry(item.id)
            if entry is not None:
                look = CardLook(owner=store.person(entry.owner_id), today=store.today)
                card_painter.paint_entry(p, rect, entry, look, theme)


def paint_empty(p: QPainter, view: QRect, theme: Theme, can_add: bool, hint: bool = True) -> None:
    """An empty lane: a dashed box saying how cards get here (``hint``: a board that can
    be changed here; a display screen's box says nothing)."""
    t = theme
    area = QRectF(view.left(), view.top(), view.width(), min(view.height(), t.px(90)))
    p.setPen(QPen(t.palette.lane_border, t.scale * 1.5, Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(area, t.radius, t.radius)
    if not hint:
        return
    p.setFont(t.hint_font)
    p.setPen(t.palette.faint)
    key = "ui.empty.add" if can_add else "ui.empty.drop"
    p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, tr(key))


def paint_drop(p: QPainter, theme: Theme, y: float, left: float, right: float) -> None:
    """Where a dropped card will land: a bar with a dot at each end, at height ``y``."""
    t = theme
    thickness = t.px(4)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(t.palette.drop)
    left, right = left + t.px(2), right - t.px(2)
    p.drawRoundedRect(QRectF(left, y - thickness / 2, right - left, thickness), 2, 2)
    r = t.px(5)
    p.drawEllipse(QPointF(left, y), r, r)
    p.drawEllipse(QPointF(right, y), r, r)
