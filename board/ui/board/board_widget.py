"""The five lanes laid out as Figur 11, one selection, the drag, and the keyboard.

Idéer        | Aktiviteter (rows: Aktivitet / Læringscirkler,   | Mål
Prioritering |   Ansvarlig, Deadline)                           | Log
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPointF, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from board.domain.lanes import Lane
from board.ui.board.drag import DragController
from board.ui.board.lane_editor import Editing, TitleEdit
from board.ui.board.lane_view import LaneView
from board.ui.board.meeting_highlight import HighlightRing
from board.ui.common.theme import Theme
from board.ui.operations.board_store import BoardStore
from board.ui.operations.operations import BoardOperations

# Where the arrow keys go from a lane (spatially, as on the board).
_LEFT = {Lane.ACTIVITIES: Lane.IDEAS, Lane.GOALS: Lane.ACTIVITIES, Lane.LOG: Lane.ACTIVITIES}
_RIGHT = {
    Lane.IDEAS: Lane.ACTIVITIES,
    Lane.PRIORITISED: Lane.ACTIVITIES,
    Lane.ACTIVITIES: Lane.GOALS,
}
_BELOW = {Lane.IDEAS: Lane.PRIORITISED, Lane.GOALS: Lane.LOG}
_ABOVE = {v: k for k, v in _BELOW.items()}
# Ctrl+←/→ moves a card one step back or on in the flow; Mål sits between Aktiviteter and Log.
_STEP_BACK = {Lane.PRIORITISED: Lane.IDEAS, Lane.ACTIVITIES: Lane.PRIORITISED,
              Lane.GOALS: Lane.ACTIVITIES, Lane.LOG: Lane.ACTIVITIES}  # fmt: skip
_STEP_ON = {Lane.IDEAS: Lane.PRIORITISED, Lane.PRIORITISED: Lane.ACTIVITIES,
            Lane.ACTIVITIES: Lane.LOG, Lane.GOALS: Lane.LOG}  # fmt: skip


class BoardWidget(QWidget):
    open_card = Signal(int)
    card_actions = Signal(int, QRect)  # card id, its rectangle in window coordinates
    goal_actions = Signal(int, QRect)

    def __init__(self, store: BoardStore, ops: BoardOperations, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("board")
        self.store = store
        self.ops = ops
        self.theme = theme
        self.selection: int | None = None
        self.highlighted: int | None = None  # the card a meeting is talking about
        self.read_only = False  # a display screen: cards are looked at, never moved
        self._highlight: HighlightRing | None = None
        self.lanes: dict[Lane, LaneView] = {}
        self.drag = DragController(self, self)
        self._grid = QGridLayout(self)
        for lane in Lane:
            self.lanes[lane] = self._wire(LaneView(lane, store, theme, self))
        g = self._grid
        g.addWidget(self.lanes[Lane.IDEAS], 0, 0)
        g.addWidget(self.lanes[Lane.PRIORITISED], 1, 0)
        g.addWidget(self.lanes[Lane.ACTIVITIES], 0, 1, 2, 1)
        g.addWidget(self.lanes[Lane.GOALS], 0, 2)
        g.addWidget(self.lanes[Lane.LOG], 1, 2)
        g.setRowStretch(0, 1)
        g.setRowStretch(1, 1)
        store.changed.connect(self._on_changed)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        # On the wall the type is large: Aktiviteter, what a stand-up walks through, gets
        # half the width so that its titles, owners and learning cycles are read whole.
        for column, stretch in enumerate((25, 50, 25) if theme.wall else (27, 46, 27)):
            self._grid.setColumnStretch(column, stretch)
        self._grid.setSpacing(theme.gap)
        self._grid.setContentsMargins(theme.gap, theme.gap // 2, theme.gap, theme.gap)
        for lane in self.lanes.values():
            lane.apply_theme(theme)
        self.drag.overlay.raise_()

    def _wire(self, view: LaneView) -> LaneView:
        """What a lane asks for, done here: the lane never reaches into the board."""
        view.open_card.connect(self._open)
        view.select_card.connect(self.select)
        view.card_actions.connect(self._card_actions)
        view.goal_actions.connect(self._goal_actions)
        view.editor.submitted.connect(partial(self._save_title, view))
        press = view.input
        press.pressed.connect(self._pointer_pressed)
        press.keyboard_used.connect(partial(self._set_keyboard_used, True))
        press.key_pressed.connect(lambda event: event.setAccepted(self.handle_key(view, event)))
        press.lift.connect(partial(self._lift, view))
        press.drag_moved.connect(partial(self.drag.move, view))
        press.dropped.connect(partial(self._drop, view))
        press.drag_cancelled.connect(self.drag.cancel)
        return view

    # --- what the lanes ask for ----------------------------------------------------------

    def _set_keyboard_used(self, used: bool) -> None:
        """While the keyboard is in use, a lane that gets the focus shows it (a ring)."""
        for view in self.lanes.values():
            view.input.set_keyboard(used)

    def _pointer_pressed(self) -> None:
        self._set_keyboard_used(False)  # a pointer again: no focus ring
        if self.drag.active:
            self.drag.cancel()

    def _open(self, card_id: int) -> None:
        self.select(card_id)
        self.open_card.emit(card_id)

    def _card_actions(self, card_id: int, anchor: QRect) -> None:
        self.select(card_id)
        if not self.read_only:  # every action on the sheet changes the card
            self.card_actions.emit(card_id, anchor)

    def set_read_only(self, read_only: bool) -> None:
        """A role that may only read: no drag, no ⊕, no title typed, no moves by key."""
        self.read_only = read_only
        for view in self.lanes.values():
            view.set_read_only(read_only)

    def _goal_actions(self, goal_id: int, anchor: QRect) -> None:
        if not self.read_only:
            self.goal_actions.emit(goal_id, anchor)

    def _lift(self, view: LaneView, card_id: int, press: QPointF, held: bool) -> None:
        if self.read_only:  # the card stays where it is; a release then means nothing
            view.input.cancel()
            return
        if held:  # a finger that held still picked the card up: it is the selection now
            self.select(card_id)
        self.drag.lift(view, card_id, press)

    def _drop(self, view: LaneView, pos: QPointF) -> None:
        self.drag.move(view, pos)
        self.drag.drop()

    def _save_title(self, view: LaneView, edit: TitleEdit) -> None:
        """A title typed in a lane: saved (then the lane closes or clears its field), or
        refused with a message and left in the field as typed."""
        if self._title_saved(edit):
            view.title_saved(edit)

    def _title_saved(self, edit: TitleEdit) -> bool:
        ops, text, item_id = self.ops, edit.text, edit.item_id
        if edit.what is Editing.NEW_IDEA:
            return ops.add_card(Lane.IDEAS, text, index=0) is not None
        if edit.what is Editing.NEW_GOAL:
            return ops.add_goal(text) is not None
        if item_id is None:
            return True
        if edit.what is Editing.CARD_TITLE:
            card = self.store.card(item_id)
            return card is None or text == card.title or ops.edit_card(item_id, title=text)
        goal = self.store.goal(item_id)
        return goal is None or text == goal.aim or ops.edit_goal(item_id, aim=text)

    def _on_changed(self, lanes: frozenset[Lane]) -> None:
        if self.selection is not None and self.store.card(self.selection) is None:
            self._set_selection(None)
        for lane in lanes:
            self.lanes[lane].relayout()

    # --- geometry ------------------------------------------------------------------------

    def lane_at(self, pos: QPointF) -> LaneView | None:
        """The lane under ``pos`` (board coordinates); the gaps between lanes count too."""
        half = self.theme.gap // 2 + 1
        point = pos.toPoint()
        for view in self.lanes.values():
            if view.geometry().adjusted(-half, -half, half, half).contains(point):
                return view
        return None

    def lane_of(self, card_id: int) -> LaneView | None:
        card = self.store.card(card_id)
        return self.lanes[card.lane] if card else None

    # --- selection and moves -------------------------------------------------------------

    def select(self, card_id: int | None) -> None:
        if card_id == self.selection:
            return
        old = self.lane_of(self.selection) if self.selection is not None else None
        self._set_selection(card_id)
        if old is not None:
            old.update()
        new = self.lane_of(card_id) if card_id is not None else None
        if new is not None:
            new.update()

    def _set_selection(self, card_id: int | None) -> None:
        self.selection = card_id
        for view in self.lanes.values():
            view.set_selection(card_id)

    def set_highlight(self, card_id: int | None) -> None:
        """Ring the card a meeting walks through (None: no ring) and bring it into view."""
        self.highlighted = card_id
        if self._highlight is None:
            self._highlight = HighlightRing(self, self)
        view = self.lane_of(card_id) if card_id is not None else None
        if view is not None and card_id is not None:
            view.ensure_visible(card_id)
        self._highlight.follow()

    def move_card(self, card_id: int, lane: Lane, index: int | None) -> bool:
        """Every way of moving a card ends here: drop, "Flyt til…" and the keyboard."""
        if lane is Lane.LOG:
            card = self.store.card(card_id)
            if card is not None and card.lane is Lane.LOG:
                return False  # the Log is in date order: nothing to rearrange by hand
            index = 0  # what was just tried is the newest entry: on top, as shown
        if self.read_only:
            return False
        moved = self.ops.move_card(card_id, lane, index)
        if moved:
            self.select(card_id)
            view = self.lanes[lane]
            view.ensure_visible(card_id)
        return moved

    def handle_key(self, view: LaneView, event: QKeyEvent) -> bool:
        key = event.key()
        mods = event.modifiers()
        moving = bool(
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        ids = view.card_ids()
        selected = self.selection if self.selection in ids else None
        index = ids.index(selected) if selected is not None else -1
        k = Qt.Key
        if moving and selected is not None:
            if key == k.Key_Up and index > 0:
                self.move_card(selected, view.lane, index - 1)
            elif key == k.Key_Down and index < len(ids) - 1:
                self.move_card(selected, view.lane, index + 1)
            elif key in (k.Key_Left, k.Key_Right):
                steps = _STEP_BACK if key == k.Key_Left else _STEP_ON
                target = steps.get(view.lane)
                if target is not None and self.move_card(selected, target, None):
                    self.lanes[target].setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                return False
            return True
        if key in (k.Key_Up, k.Key_Down):
            step = -1 if key == k.Key_Up else 1
            if selected is None and ids:
                self._select_in(view, ids[0] if step > 0 else ids[-1])
            elif 0 <= index + step < len(ids):
                self._select_in(view, ids[index + step])
            else:
                other = (_ABOVE if step < 0 else _BELOW).get(view.lane)
                if other is not None:
                    self._focus_lane(other, first=step > 0)
            return True
        if key in (k.Key_Left, k.Key_Right):
            other = (_LEFT if key == k.Key_Left else _RIGHT).get(view.lane)
            if other is not None:
                self._focus_lane(other, first=True)
            return True
        if selected is None:
            return False
        if key in (k.Key_Return, k.Key_Enter, k.Key_Space):
            self.open_card.emit(selected)
        elif self.read_only and key in (k.Key_F2, k.Key_Delete, k.Key_Menu, k.Key_F10):
            pass  # rename, archive, the actions: nothing to change on a display screen
        elif key == k.Key_F2:
            view.start_rename(selected)
        elif key == k.Key_Delete:
            self.ops.archive_card(selected)
        elif key == k.Key_Menu or (key == k.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier):
            rect = view.card_rect(selected)
            if rect is not None:
                self.card_actions.emit(
                    selected, QRect(view.mapTo(self.window(), rect.topLeft()), rect.size())
                )
        elif key == k.Key_Escape:
            self.select(None)
        else:
            return False
        return True

    def _select_in(self, view: LaneView, card_id: int) -> None:
        self.select(card_id)
        view.ensure_visible(card_id)

    def _focus_lane(self, lane: Lane, first: bool) -> None:
        view = self.lanes[lane]
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        ids = view.card_ids()
        if ids:
            self._select_in(view, ids[0] if first else ids[-1])
