"""What a press on a lane becomes: a tap, the card's actions, a pan or a drag.

- mouse: moving past the drag distance drags the card at once; a click opens it; the
  right button (or holding still) offers the card's actions ("Flyt til…");
- finger: moving before the hold time pans (scrolls) the lane and never moves a card;
  holding still for HOLD_MS lifts the card — then moving drags it, and lifting the finger
  without moving offers the card's actions; a quick tap opens the card;
- keys: the first key shows the focus ring (a press hides it again); the board decides
  what each key does.

The controller sees the lane's pointer, key and focus events first (it is the lane's event
filter). It only decides: it emits what was decided, and the lane and the board
(which owns the drag) act on it. It asks the lane two things, through the functions it is
given: what item is under a point and how far the lane is scrolled.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from board.ui.board.lane_model import Item, Kind

HOLD_MS = 450
_TOUCH = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
_CTRL = Qt.KeyboardModifier.ControlModifier
_MOUSE = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
)


class PressState(Enum):
    IDLE = auto()
    PENDING = auto()  # pressed, not yet moved or held
    PANNING = auto()  # a finger scrolls the lane
    LIFTED = auto()  # held still: the card is picked up
    DRAGGING = auto()
    IGNORED = auto()  # the rest of this press does nothing (e.g. mouse on empty space)


class LaneInput(QObject):
    pressed = Signal()  # a pointer again: no focus ring, and a drag still going is cancelled
    keyboard_used = Signal()
    key_pressed = Signal(object)  # the QKeyEvent: accept it when it was handled
    tapped = Signal(object)  # the Item tapped or clicked, None for empty space
    actions = Signal(object)  # the Item whose actions to offer (long press, right click)
    lift = Signal(int, QPointF, bool)  # card id, press position, held (so: selected) or not
    drag_moved = Signal(QPointF)
    dropped = Signal(QPointF)
    drag_cancelled = Signal()
    panned = Signal(int)  # the scroll offset the finger asks for
    ring_changed = Signal()  # the focus ring is to be shown or hidden

    def __init__(
        self,
        item_at: Callable[[QPointF], Item | None],
        scroll: Callable[[], int],
        slop: float,
        lane: QWidget,
    ) -> None:
        super().__init__(lane)
        self._lane = lane
        self._item_at = item_at
        self._scroll = scroll
        self._slop = slop
        self._state = PressState.IDLE
        self._pos = QPointF()
        self._item: Item | None = None
        self._press_scroll = 0
        self._touch = False
        self._touch_active = False
        self._ring = False  # a focus ring only for keyboard users
        self._keyboard = False  # the keyboard is in use on the board (the board says so)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(self._on_hold)
        lane.installEventFilter(self)

    @property
    def state(self) -> PressState:
        return self._state

    @property
    def ring(self) -> bool:
        return self._ring

    def set_slop(self, slop: float) -> None:
        """How far a finger may wander and still be holding still (the theme's)."""
        self._slop = slop

    def set_keyboard(self, used: bool) -> None:
        """The keyboard is (or is no longer) in use somewhere on the board."""
        self._keyboard = used

    # --- the lane's events (this is its event filter) ----------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _TOUCH or kind == QEvent.Type.TouchCancel:
            assert isinstance(event, QTouchEvent)
            if kind == QEvent.Type.TouchBegin and self._on_control(event):
                # ⊕ or the title editor: not accepted here, so Qt makes the finger a mouse
                # press on that widget (a touch goes to the lane, which takes touches).
                event.ignore()
                return False
            self._on_touch(event)
            return True
        if kind in _MOUSE:
            assert isinstance(event, QMouseEvent)
            if not self._touch_active:
                self._on_mouse(kind, event)
            return True
        if kind == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._on_key(event)
        if kind == QEvent.Type.FocusIn:
            assert isinstance(event, QFocusEvent)
            keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
            self._ring = event.reason() in keyboard or self._keyboard
            self.ring_changed.emit()
        elif kind == QEvent.Type.FocusOut:
            self.ring_changed.emit()
        return False

    def _on_control(self, event: QTouchEvent) -> bool:
        points = event.points()
        child = self._lane.childAt(points[0].position().toPoint()) if points else None
        return isinstance(child, QAbstractButton | QLineEdit)

    def _on_touch(self, event: QTouchEvent) -> None:
        kind = event.type()
        event.accept()
        if kind == QEvent.Type.TouchCancel:
            self._touch_active = False
            self.cancel()
            return
        points = event.points()
        if not points:
            return
        pos = points[0].position()
        if kind == QEvent.Type.TouchBegin:
            self._touch_active = True
            self._press(pos, touch=True)
        elif kind == QEvent.Type.TouchUpdate:
            self._move(pos)
        else:
            self._release(pos)
            self._touch_active = False

    def _on_mouse(self, kind: QEvent.Type, event: QMouseEvent) -> None:
        button, pos = event.button(), event.position()
        if kind == QEvent.Type.MouseMove:
            if event.buttons() & Qt.MouseButton.LeftButton:
                self._move(pos)
        elif kind == QEvent.Type.MouseButtonRelease:
            if button == Qt.MouseButton.LeftButton:
                self._release(pos)
        else:  # a press; the second click of a double click is just another click
            self._lane.setFocus(Qt.FocusReason.MouseFocusReason)
            if button == Qt.MouseButton.RightButton:
                item = self._item_at(pos)
                self._state = PressState.IGNORED
                if item is not None:
                    self.actions.emit(item)
            elif button == Qt.MouseButton.LeftButton:
                self._press(pos, touch=False)

    def _on_key(self, event: QKeyEvent) -> bool:
        """A key on the lane: the ring shows, and the board is asked to handle it (it
        accepts the event if it did). Tab is Qt's: it moves the focus."""
        alone = not event.modifiers() & (_CTRL | Qt.KeyboardModifier.AltModifier)
        if alone and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        self.keyboard_used.emit()
        if not self._ring:
            self._ring = True
            self.ring_changed.emit()
        event.ignore()
        self.key_pressed.emit(event)
        return event.isAccepted()

    # --- the state machine -------------------------------------------------------------------

    def _press(self, pos: QPointF, touch: bool) -> None:
        if self._keyboard or self._ring:
            self._ring = False
            self.ring_changed.emit()
        self.pressed.emit()
        self._pos = QPointF(pos)
        self._touch = touch
        self._press_scroll = self._scroll()
        self._item = self._item_at(pos)
        self._state = PressState.PENDING
        if self._item is not None and self._item.kind is not Kind.ENTRY:
            self._hold.start()

    def _distance(self, pos: QPointF) -> float:
        d = pos - self._pos
        return max(abs(d.x()), abs(d.y()))

    def _move(self, pos: QPointF) -> None:
        state = self._state
        if state is PressState.PENDING:
            if self._touch:
                if self._distance(pos) > self._slop:
                    self._hold.stop()
                    self._state = PressState.PANNING
            elif self._distance(pos) >= QApplication.styleHints().startDragDistance():
                self._hold.stop()
                item = self._item
                if item is not None and item.kind is Kind.CARD:
                    self.lift.emit(item.id, self._pos, False)
                    self._state = PressState.DRAGGING
                else:
                    self._state = PressState.IGNORED
        elif state is PressState.LIFTED and self._distance(pos) > self._slop:
            self._state = PressState.DRAGGING
        if self._state is PressState.PANNING:
            self.panned.emit(self._press_scroll - round(pos.y() - self._pos.y()))
        elif self._state is PressState.DRAGGING:
            self.drag_moved.emit(pos)

    def _on_hold(self) -> None:
        item = self._item
        if self._state is not PressState.PENDING or item is None:
            return
        if item.kind is Kind.CARD:
            self._state = PressState.LIFTED
            self.lift.emit(item.id, self._pos, True)
        elif item.kind is Kind.GOAL:
            self._state = PressState.IGNORED
            self.actions.emit(item)

    def _release(self, pos: QPointF) -> None:
        self._hold.stop()
        state, item = self._state, self._item
        self._state = PressState.IDLE
        if state is PressState.PENDING:
            self.tapped.emit(item)
        elif state is PressState.LIFTED:
            self.drag_cancelled.emit()
            if item is not None:
                self.actions.emit(item)
        elif state is PressState.DRAGGING:
            self.dropped.emit(pos)

    def cancel(self) -> None:
        """The press ends without meaning anything (the touch was taken away)."""
        self._hold.stop()
        if self._state in (PressState.LIFTED, PressState.DRAGGING):
            self.drag_cancelled.emit()
        self._state = PressState.IDLE
