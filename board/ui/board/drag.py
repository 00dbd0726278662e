"""Dragging a card between lanes with our own press/move/release handling.

QDrag.exec() is not used: it returns at once offscreen, blocks under Xvfb and is weak on
touch. Instead the lane that got the press keeps the pointer (Qt's implicit grab for the
mouse and for touch points) and forwards every move here. The card follows the finger
as a pre-rendered pixmap on one small overlay widget, and the lane under the finger
shows where the card will land. A move event therefore costs a few rectangle updates.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from board.domain.lanes import Lane
from board.ui.board import card_painter
from board.ui.board.card_painter import CardLook
from board.ui.board.lane_view import LaneView
from board.ui.common.theme import Theme
from board.ui.operations.board_store import BoardStore


class DragBoard(Protocol):
    """What the drag asks of the board (board_widget.BoardWidget), which owns the drag."""

    store: BoardStore
    theme: Theme
    lanes: dict[Lane, LaneView]

    def lane_at(self, pos: QPointF) -> LaneView | None: ...
    def move_card(self, card_id: int, lane: Lane, index: int | None) -> bool: ...


class GhostOverlay(QWidget):
    """The card under the finger: one pixmap, moved, never re-rendered during a drag."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("drag-ghost")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.pixmap = QPixmap()
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.drawPixmap(0, 0, self.pixmap)
        p.end()


class DragController(QObject):
    # The drag is over (dropped, and the move written, or cancelled): a change from another
    # screen that waited for it is shown now.
    finished = Signal()

    def __init__(self, board: DragBoard, parent: QWidget) -> None:
        super().__init__(parent)
        self.board = board
        self._space = parent  # the widget whose coordinates the drag works in: the board
        self.overlay = GhostOverlay(parent)
        self.card_id: int | None = None
        self.source: LaneView | None = None
        self.target: LaneView | None = None
        self._offset = QPointF()
        self._margin = 0
        self._pos = QPointF()
        self._scroll_speed = 0
        self._autoscroll = QTimer(self)
        self._autoscroll.setInterval(30)
        self._autoscroll.timeout.connect(self._tick)

    @property
    def active(self) -> bool:
        return self.card_id is not None

    def lift(self, lane: LaneView, card_id: int, press: QPointF) -> None:
        """Pick the card up where it lies; ``press`` is the pointer in the lane."""
        card = self.board.store.card(card_id)
        rect = lane.card_rect(card_id)
        if card is None or rect is None:
            return
        theme = self.board.theme
        narrow = self.board.lanes[Lane.IDEAS].item_width()
        width = min(rect.width(), max(narrow, theme.px(220)))
        cycle = self.board.store.cycle(card_id) is not None
        height = card_painter.card_height(theme, card, None, width, cycle=cycle)
        self._margin = theme.px(12)
        self.overlay.pixmap = self._render(card_id, width, height)
        offset = press - QPointF(rect.topLeft())
        self._offset = QPointF(
            min(offset.x(), width - theme.pad), min(offset.y(), height - theme.pad)
        )
        self.card_id = card_id
        self.source = lane
        self.target = None
        size = self.overlay.pixmap.deviceIndependentSize().toSize()
        self.overlay.resize(size)
        self.move(lane, press)
        lane.set_placeholder(card_id)
        self.overlay.show()
        self.overlay.raise_()

    def _render(self, card_id: int, width: int, height: int) -> QPixmap:
        store = self.board.store
        card = store.card(card_id)
        assert card is not None
        ratio = self._space.devicePixelRatioF()
        m = self._margin
        pixmap = QPixmap(round((width + 2 * m) * ratio), round((height + 2 * m) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        look = CardLook(
            owner=store.person(card.owner_id),
            cycle=store.cycle(card.id),
            entry=None,
            today=store.today,
            lifted=True,
            selected=True,
        )
        # In flight every card is drawn as a plain note (a Log card's learning is not shown).
        rect = QRectF(m, m - m / 3, width, height)
        card_painter.paint_card(p, rect, card, look, self.board.theme)
        p.end()
        return pixmap

    def move(self, lane: LaneView, pos: QPointF) -> None:
        """The pointer moved to ``pos`` in ``lane`` (the lane that got the press)."""
        if self.card_id is None:
            return
        self._pos = QPointF(lane.mapTo(self._space, pos))
        corner = self._pos - self._offset - QPointF(self._margin, self._margin)
        self.overlay.move(corner.toPoint())
        self._retarget()
        self._update_autoscroll()

    def _retarget(self) -> None:
        target = self.board.lane_at(self._pos)
        if target is not self.target:
            if self.target is not None:
                self.target.set_drop_index(None)
            self.target = target
        if target is not None and self.card_id is not None:
            local = QPointF(target.mapFrom(self._space, self._pos))
            target.set_drop_index(target.drop_index_at(local, self.card_id), self.card_id)

    def _update_autoscroll(self) -> None:
        target = self.target
        speed = 0
        if target is not None:
            view = target.content_rect()
            y = target.mapFrom(self._space, self._pos).y()
            zone = self.board.theme.px(40)
            step = self.board.theme.px(16)
            if y < view.top() + zone and target.scroll_offset > 0:
                speed = -max(1, round(step * (view.top() + zone - y) / zone))
            elif y > view.bottom() - zone and target.scroll_offset < target.max_scroll():
                speed = max(1, round(step * (y - view.bottom() + zone) / zone))
        self._scroll_speed = speed
        if speed and not self._autoscroll.isActive():
            self._autoscroll.start()
        elif not speed:
            self._autoscroll.stop()

    def _tick(self) -> None:
        if self.target is None or not self._scroll_speed:
            self._autoscroll.stop()
            return
        self.target.scroll_to(self.target.scroll_offset + self._scroll_speed)
        self._retarget()

    def drop(self) -> None:
        """Put the card where the indicator shows; it is on disk when this returns."""
        card_id, target = self.card_id, self.target
        index = target.drop_index if target is not None else None
        self._finish()
        if card_id is not None and target is not None and index is not None:
            self.board.move_card(card_id, target.lane, index)
        self.finished.emit()

    def cancel(self) -> None:
        self._finish()
        self.finished.emit()

    def _finish(self) -> None:
        self._autoscroll.stop()
        if self.source is not None:
            self.source.set_placeholder(None)
        if self.target is not None:
            self.target.set_drop_index(None)
        self.overlay.hide()
        self.card_id = None
        self.source = self.target = None
