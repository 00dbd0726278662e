"""A ring around the card the meeting is talking about, drawn over the board.

The ring is a small widget masked to its own outline: the card under it paints as always
(drags, edits and scrolling keep working), and only the thin ring is ever repainted.
It follows the card when its lane scrolls, relayouts or the card moves to another lane.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QRegion
from PySide6.QtWidgets import QWidget

from board.domain.lanes import Lane
from board.ui.board.drag import DragController
from board.ui.board.lane_view import LaneView
from board.ui.common.theme import Theme
from board.ui.operations.board_store import BoardStore

RING = QColor("#E8930C")  # warm amber: unlike the blue of a selection, readable on white


class RingBoard(Protocol):
    """What the ring asks of the board it is drawn over (board_widget.BoardWidget)."""

    store: BoardStore
    theme: Theme
    lanes: dict[Lane, LaneView]
    drag: DragController
    highlighted: int | None  # the card a meeting is talking about

    def lane_of(self, card_id: int) -> LaneView | None: ...


class HighlightRing(QWidget):
    def __init__(self, board: RingBoard, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("meeting-highlight")
        self.board = board
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self._pending = False
        for view in board.lanes.values():
            view.installEventFilter(self)
        board.store.changed.connect(self._store_changed)  # a method: gone with the ring
        self.stackUnder(board.drag.overlay)  # above the lanes, under a card being dragged
        self.hide()

    def _store_changed(self, _lanes: object) -> None:
        self._later()

    def _later(self) -> None:
        # Lanes lay out lazily at their next paint: look once that has happened (the ring
        # as the timer's context: a window closed meanwhile takes the call with it).
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.follow)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.board.highlighted is not None and event.type() in (
            QEvent.Type.Paint,
            QEvent.Type.Resize,
            QEvent.Type.Move,
        ):
            self._later()
        return False

    def target(self) -> QRect | None:
        """The highlighted card's rectangle in board coordinates, clipped to its lane."""
        card_id = self.board.highlighted
        view = self.board.lane_of(card_id) if card_id is not None else None
        if view is None or card_id is None:
            return None
        rect = view.card_rect(card_id)
        if rect is None:
            return None
        shown = rect.intersected(view.content_rect().adjusted(0, -self._width(), 0, 0))
        parent = self.parentWidget()
        if shown.height() < rect.height() // 3 or parent is None:
            return None  # scrolled (almost) out of sight
        return QRect(view.mapTo(parent, rect.topLeft()), rect.size())

    def _width(self) -> int:
        return self.board.theme.px(5)

    def follow(self) -> None:
        self._pending = False
        rect = self.target()
        if rect is None:
            self.hide()
            return
        w = self._width()
        outer = rect.adjusted(-w - 1, -w - 1, w + 1, w + 1)
        if outer != self.geometry() or not self.isVisible():
            self.setGeometry(outer)
            local = QRect(0, 0, outer.width(), outer.height())
            self.setMask(QRegion(local).subtracted(QRegion(local.adjusted(w, w, -w, -w))))
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self._width()
        pen = QPen(RING, w)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        r = self.board.theme.radius + w / 2
        p.drawRoundedRect(QRectF(self.rect()).adjusted(w / 2, w / 2, -w / 2, -w / 2), r, r)
        p.end()
