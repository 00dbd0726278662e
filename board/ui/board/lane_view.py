"""One lane of the board: its header (name, hint, ⊕) and its cards, painted, not widgets.

The lane is a view over its parts, each in a module of its own:
- ``lane_model.LaneModel``: the items in order, measured once per layout, and the range
  that shows; hit-testing is a bisection over their offsets;
- ``lane_header.LaneHeader``, ``lane_painter`` and ``card_painter``: what is drawn; a
  repaint touches only the items in the dirty region;
- ``lane_scrollbar.LaneScrollBar``: the scroll bar, while the lane holds more than it shows;
- ``lane_input.LaneInput``: what a press, a hold, a drag or a key becomes;
- ``lane_editor.LaneEditor``: a title typed in place.
The lane emits what the person asked for (open, select, actions, a title to save); the
board (``board_widget.BoardWidget``) wires those signals and its drag to the lanes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QLinearGradient,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from board.domain.lanes import Lane
from board.i18n import tr, tr_n
from board.ui.board import card_painter, lane_painter
from board.ui.board.lane_editor import Editing, LaneEditor, TitleEdit
from board.ui.board.lane_header import LaneHeader
from board.ui.board.lane_input import LaneInput, PressState
from board.ui.board.lane_model import Item, Kind, LaneModel
from board.ui.board.lane_scrollbar import LaneScrollBar
from board.ui.common.theme import Theme, metrics
from board.ui.operations.board_store import BoardStore


class LaneView(QWidget):
    open_card = Signal(int)  # a tap on a card: its template
    open_goal = Signal(int)  # a tap on a goal in Mål: its template
    select_card = Signal(object)  # a card id, or None (a tap on empty space)
    card_actions = Signal(int, QRect)  # card id, its rectangle in window coordinates
    goal_actions = Signal(int, QRect)

    def __init__(self, lane: Lane, store: BoardStore, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.lane = lane
        self.store = store
        self.theme = theme
        self.model = LaneModel(lane, store)
        self.setObjectName(f"lane-{lane.value}")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr(lane.label_key))
        self._dirty = True
        self._overflow = False
        self._header_height = 0
        self._selected: int | None = None  # the board's selection
        self._drop_index: int | None = None
        self._dragged: int | None = None  # the card the drop indicator is for
        self._placeholder: int | None = None
        self.read_only = False  # a display screen's board: no ⊕, no title typed in place
        self.input = LaneInput(self.item_at, lambda: self.model.scroll, theme.touch_slop, self)
        self.input.tapped.connect(self._on_tap)
        self.input.actions.connect(self._show_actions)
        self.input.panned.connect(self.scroll_to)
        self.input.ring_changed.connect(lambda: self.update())
        self.scrollbar = LaneScrollBar(theme, self)
        self.scrollbar.valueChanged.connect(self.scroll_to)
        self.header = LaneHeader(lane, self)
        self.add_button = self.header.add_button
        if self.add_button is not None:
            self.add_button.clicked.connect(self.start_add)
        self.editor = LaneEditor(f"editor-{lane.value}", self)
        self.editor.closed.connect(self._editor_closed)
        self.relayout()

    # --- theme and layout ------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = t = theme
        self.input.set_slop(t.touch_slop)
        self.header.apply_theme(t)
        self.scrollbar.apply_theme(t)
        self.relayout()

    def slot_height(self) -> int:
        """A one-line card: the room the editor for a new card takes, and a scroll step."""
        t = self.theme
        return round(2 * t.pad + t.line(t.title_font) + t.px(7) + card_painter.chip_height(t))

    def content_rect(self) -> QRect:
        t = self.theme
        return QRect(
            t.pad,
            self._header_height,
            max(1, self.width() - 2 * t.pad),
            max(1, self.height() - self._header_height - t.pad),
        )

    def item_width(self) -> int:
        self._ensure_layout()
        return self._row_width()

    def _row_width(self) -> int:
        width = self.content_rect().width()
        if self._overflow:
            width -= self.scrollbar.width() + self.theme.px(4)
        return width

    def columns(self) -> card_painter.RowColumns | None:
        """Where the Ansvarlig and Deadline columns sit in Aktiviteter's rows (None: cards)."""
        if self.lane is not Lane.ACTIVITIES:
            return None
        return card_painter.row_columns(self.theme, self._row_width())

    def relayout(self) -> None:
        """The store or the size changed: lay the items out again before they are next used.

        Layout is lazy, so that the many changes while a window is built (theme, sizes,
        the board loading) cost one layout, at the final size, at the first paint.
        """
        columns = self.columns()
        self._header_height = self.header.layout(self.theme, self.width(), columns)
        self._dirty = True
        self.update()

    def _ensure_layout(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        # Items are narrower beside a scroll bar. A lane that cannot fit its items even at
        # one line each is laid out once, narrow; otherwise wide, and again if it overflows.
        t = self.theme
        smallest = 2 * t.pad + t.title_line + t.px(8)
        self._overflow = self.model.count() * smallest > self.content_rect().height()
        self._build()
        if not self._overflow and self.model.content_height > self.content_rect().height():
            self._overflow = True
            self._build()
        view = self.content_rect()
        moved = self.model.set_view(view, self._row_width())
        overflow = self.model.content_height - view.height()
        self.scrollbar.show_range(overflow, view, self.slot_height() // 2)
        self.scrollbar.set_offset(self.model.scroll)
        if moved:
            self.update()
        self.editor.place(self.model, self.theme)

    def _build(self) -> None:
        reserve = self.editor.room_above(self.theme)
        self.model.build(self.theme, self._row_width(), self.columns(), reserve)

    @property
    def items(self) -> list[Item]:
        self._ensure_layout()
        return self.model.items

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()

    # --- scrolling -------------------------------------------------------------------------

    @property
    def scroll_offset(self) -> int:
        return self.model.scroll

    def max_scroll(self) -> int:
        self._ensure_layout()
        return self.model.max_scroll()

    def scroll_to(self, value: int) -> None:
        self._ensure_layout()
        if self.model.scroll_to(value):
            self._scrolled()

    def _scrolled(self) -> None:
        self.scrollbar.set_offset(self.model.scroll)
        self.editor.place(self.model, self.theme)
        self.update(self.content_rect().adjusted(0, -self.theme.px(6), 0, self.theme.pad))

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.pixelDelta().y() or event.angleDelta().y() / 120 * self.slot_height()
        self.scroll_to(self.model.scroll - round(delta))
        event.accept()

    def ensure_visible(self, item_id: int, kind: Kind = Kind.CARD) -> None:
        item = self.item(item_id, kind)
        if item is not None and self.model.reveal(item):
            self._scrolled()

    # --- geometry --------------------------------------------------------------------------

    def item(self, item_id: int, kind: Kind = Kind.CARD) -> Item | None:
        self._ensure_layout()
        return self.model.find(item_id, kind)

    def item_rect(self, item: Item) -> QRectF:
        self._ensure_layout()
        return self.model.rect(item)

    def card_rect(self, card_id: int) -> QRect | None:
        item = self.item(card_id)
        return self.item_rect(item).toAlignedRect() if item else None

    def item_at(self, pos: QPointF) -> Item | None:
        self._ensure_layout()
        return self.model.item_at(pos)

    def card_ids(self) -> list[int]:
        """The cards in the order they are shown (for tests and keyboard moves)."""
        self._ensure_layout()
        return self.model.card_ids()

    def drop_index_at(self, pos: QPointF, dragged: int) -> int | None:
        """Where a card dropped at ``pos`` goes: its index among the lane's other cards
        (None: nowhere to go: the Log keeps its date order, so a card in it stays put)."""
        self._ensure_layout()
        return self.model.drop_index_at(pos, dragged)

    def _drop_rect(self) -> QRect:
        self._ensure_layout()
        if self._drop_index is None:
            return QRect()
        y = self.model.drop_y(self._drop_index, self._dragged, self.theme.px(8))
        r = self.theme.px(6)
        view = self.content_rect()
        return QRect(view.left() - r, round(y) - r, self.item_width() + 2 * r, 2 * r)

    # --- what the board shows on the lane: selection, drop indicator, placeholder -------

    def set_selection(self, card_id: int | None) -> None:
        """The board's selected card, drawn selected (the board repaints the lanes that
        gain or lose it)."""
        self._selected = card_id

    def set_drop_index(self, index: int | None, dragged: int | None = None) -> None:
        """Show where ``dragged`` would land (None: this lane is not the drop target)."""
        if index == self._drop_index and dragged == self._dragged:
            return
        was_target = self._drop_index is not None
        old = self._drop_rect()
        self._drop_index, self._dragged = index, dragged
        if was_target != (index is not None):
            self.update()  # the whole lane shows (or stops showing) it is the target
        else:
            self.update(old.united(self._drop_rect()))

    @property
    def drop_index(self) -> int | None:
        return self._drop_index

    def set_placeholder(self, card_id: int | None) -> None:
        if card_id == self._placeholder:
            return
        self._placeholder = card_id
        self.update()

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        t = self.theme
        dirty = event.rect()
        self._ensure_layout()
        target = self._drop_index is not None
        focused = self.hasFocus() and self.input.ring and not target
        lane_painter.paint_panel(p, self.rect(), dirty, t, target, focused)
        if dirty.top() < self._header_height:
            self.header.paint(p, t, self.columns())
        view = self.content_rect()
        p.save()
        p.setClipRect(QRect(0, view.top() - t.px(4), self.width(), self.height() - view.top()))
        if self.model.items:
            rows = self.model.shown(dirty, t.px(8))
            lane_painter.paint_items(
                p, rows, self.store, t, self._selected, self._placeholder, self.columns()
            )
        elif self.editor.editing is None:
            can_add = self.add_button is not None
            lane_painter.paint_empty(p, view, t, can_add=can_add, hint=not self.read_only)
        if self._drop_index is not None:
            left = view.left()
            y = self.model.drop_y(self._drop_index, self._dragged, t.px(8))
            lane_painter.paint_drop(p, t, y, left, left + self.item_width())
        p.restore()
        self._paint_overflow(p)
        p.end()
        if self.lane is Lane.GOALS:
            self.store.goals_painted()  # the sparklines' data are read after this

    def _paint_overflow(self, p: QPainter) -> None:
        """A fade and a quiet "↓ 12 mere", so that a photo too shows that a lane holds more."""
        view = self.content_rect()
        bottom = self.model.scroll + view.height()
        hidden = sum(1 for i in self.items if i.top + i.height // 2 > bottom)
        if hidden <= 0:
            return
        t = self.theme
        fade = QRectF(view.left(), view.bottom() - t.px(36), self.item_width(), t.px(36) + 1)
        gradient = QLinearGradient(fade.topLeft(), fade.bottomLeft())
        clear = QColor(t.palette.lane)
        clear.setAlpha(0)
        gradient.setColorAt(0, clear)
        gradient.setColorAt(1, t.palette.lane)
        p.fillRect(fade, gradient)
        text = tr_n("ui.more_below", hidden)
        font = t.meta_font
        w = metrics(font).horizontalAdvance(text) + t.px(20)
        h = card_painter.chip_height(t) + t.px(2)
        rect = QRectF(fade.center().x() - w / 2, view.bottom() + t.pad / 2 - h, w, h)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(t.palette.bar)
        p.drawRoundedRect(rect, h / 2, h / 2)
        p.setFont(font)
        p.setPen(t.palette.bar_text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # --- pointer, touch and keys: lane_input decides what they mean ------------------------

    @property
    def press_state(self) -> PressState:
        return self.input.state

    def _on_tap(self, item: Item | None) -> None:
        if item is None:
            self.select_card.emit(None)
        elif item.kind is Kind.CARD:
            self.open_card.emit(item.id)
        elif item.kind is Kind.GOAL:
            self.open_goal.emit(item.id)

    def _show_actions(self, item: Item) -> None:
        rect = self.item_rect(item).toAlignedRect()
        anchor = QRect(self.mapTo(self.window(), rect.topLeft()), rect.size())
        if item.kind is Kind.CARD:
            self.card_actions.emit(item.id, anchor)
        elif item.kind is Kind.GOAL:
            self.goal_actions.emit(item.id, anchor)

    # --- a title typed in place (lane_editor) ----------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if self.add_button is not None:
            self.add_button.setVisible(not read_only)
        if read_only and self.editing is not None:
            self.editor.close_editor()
        self.update()

    def start_add(self) -> None:
        """⊕: a new idea (or, in Mål, a goal) whose title is typed straight away."""
        if self.read_only:
            return
        self._edit(Editing.NEW_GOAL if self.lane is Lane.GOALS else Editing.NEW_IDEA, None, "")
        self.scroll_to(0)

    def start_rename(self, card_id: int) -> None:
        card = self.store.card(card_id)
        if card is not None and card.lane is self.lane:
            self._edit(Editing.CARD_TITLE, card_id, card.title)

    def start_goal_edit(self, goal_id: int) -> None:
        goal = self.store.goal(goal_id)
        if goal is not None:
            self._edit(Editing.GOAL_AIM, goal_id, goal.aim)

    @property
    def editing(self) -> tuple[Editing, int | None] | None:
        return self.editor.editing

    def _edit(self, what: Editing, item_id: int | None, text: str) -> None:
        if self.read_only:
            return
        if item_id is not None:
            self.ensure_visible(item_id, what.kind)
        self.editor.open(what, item_id, text, self.theme)
        self.relayout()
        self._ensure_layout()  # places the editor now, before it is shown
        self.editor.show_now()

    def commit_editor(self) -> None:
        self.editor.commit()

    def title_saved(self, edit: TitleEdit) -> None:
        """The board saved the title typed here: a new idea's field waits for the next one."""
        self.editor.saved(edit)
        if edit.what is Editing.NEW_IDEA:
            self.scroll_to(0)

    def _editor_closed(self, had_focus: bool) -> None:
        self.relayout()
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
