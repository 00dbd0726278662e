"""One lane of the board: its header (name, hint, ⊕) and its cards, painted, not widgets.

The lane is a view over its parts, each in a module of its own:
- ``lane_model.LaneModel``: the items in order, measured once per layout, so hit-testing
  and the drop position are a bisection over a list of offsets;
- ``lane_painter`` (and ``card_painter`` for the cards): what is drawn; a repaint touches
  only the items in the dirty region;
- ``lane_input.LaneInput``: what a press, a hold, a drag or a key becomes;
- ``lane_editor.LaneEditor``: a title typed in place.
The lane emits what the person asked for (open, select, actions, a title to save); the
board (``board_widget.BoardWidget``) wires those signals and its drag to the lanes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QPushButton, QScrollBar, QWidget

from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board import card_painter, lane_painter
from board.ui.board.lane_editor import Editing, LaneEditor, TitleEdit
from board.ui.board.lane_input import LaneInput, PressState
from board.ui.board.lane_model import Item, Kind, LaneModel
from board.ui.common.theme import LANE_ACCENT, Theme, metrics
from board.ui.common.widgets import scrollbar_style
from board.ui.operations.board_store import BoardStore

__all__ = ["Item", "Kind", "LaneView", "PressState"]


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
        self._scrollbar_styled = False
        self._overflow = False
        self._scroll = 0
        self._header_height = 0
        self._hint_lines: tuple[str, ...] = ()
        self._selected: int | None = None  # the board's selection
        self._drop_index: int | None = None
        self._dragged: int | None = None  # the card the drop indicator is for
        self._placeholder: int | None = None
        # The card last brought into view stays in view when the lane is laid out again
        # (its row grows with the owner just chosen), until the person scrolls.
        self._keep: tuple[int, Kind] | None = None
        self.input = LaneInput(self.item_at, lambda: self._scroll, theme.touch_slop, self)
        self.input.tapped.connect(self._on_tap)
        self.input.actions.connect(self._show_actions)
        self.input.panned.connect(self.scroll_to)
        self.input.ring_changed.connect(lambda: self.update())
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.scrollbar.valueChanged.connect(self.scroll_to)
        self.scrollbar.hide()
        self.add_button: QPushButton | None = None
        if lane in (Lane.IDEAS, Lane.GOALS):
            self.add_button = QPushButton("+", self)
            self.add_button.setObjectName(f"add-{lane.value}")
            self.add_button.setToolTip(tr(f"ui.add.{lane.value}"))
            self.add_button.setAccessibleName(tr(f"ui.add.{lane.value}"))
            self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.add_button.clicked.connect(self.start_add)
        self.editor = LaneEditor(f"editor-{lane.value}", self)
        self.editor.closed.connect(self._editor_closed)
        self.relayout()

    # --- theme and layout ------------------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = t = theme
        self.input.set_slop(t.touch_slop)
        if self.add_button is not None:
            accent = LANE_ACCENT[self.lane]
            size = t.touch
            self.add_button.setFixedSize(size, size)
            self.add_button.setFont(t.font(24, bold=True))
            self.add_button.setStyleSheet(
                f"QPushButton {{ background: {accent.name()}; color: white; border: none;"
                f" border-radius: {size // 2}px; padding: 0 0 {t.px(2)}px 0; }}"
                f"QPushButton:pressed {{ background: {accent.darker(125).name()}; }}"
                f"QPushButton:focus {{ border: {t.px(3)}px solid {t.palette.selection.name()}; }}"
            )
        self.scrollbar.setFixedWidth(t.px(7))
        # Style sheets are costly to apply: the scroll bar (and the editor) get theirs when
        # they are first shown under this theme (a start with 500 cards shows neither).
        self._scrollbar_styled = False
        self.relayout()

    def editor_height(self) -> int:
        return round(self.theme.title_line + self.theme.px(20))

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

    def columns(self) -> card_painter.RowColumns:
        """Where the Ansvarlig and Deadline columns sit inside an activity row."""
        return card_painter.row_columns(self.theme, self._row_width())

    def _column_heads(self) -> list[lane_painter.ColumnHead]:
        if self.lane is not Lane.ACTIVITIES:
            return []
        return lane_painter.column_heads(self.theme, self.columns())

    def _layout_header(self) -> None:
        t = self.theme
        width = self.width() - 2 * t.pad
        if self.add_button is not None:
            width -= t.touch + t.px(8)
        self._hint_lines = card_painter.wrap(tr(self.lane.hint_key), t.hint_font, width, 2)
        height = t.pad + t.px(4) + t.line(t.lane_font) + t.line(t.hint_font) * len(self._hint_lines)
        if self.add_button is not None:
            height = max(height, t.pad + t.px(4) + t.touch)
        if self.lane is Lane.ACTIVITIES:
            rows = max(len(lines) for _x, _w, lines in self._column_heads())
            height += t.px(8) + t.line(t.column_font) * rows
        self._header_height = round(height + t.px(8))
        if self.add_button is not None:
            self.add_button.move(self.width() - t.pad - t.touch, t.pad + t.px(4))

    def relayout(self) -> None:
        """The store or the size changed: lay the items out again before they are next used.

        Layout is lazy, so that the many changes while a window is built (theme, sizes,
        the board loading) cost one layout, at the final size, at the first paint.
        """
        self._layout_header()
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
        self._update_scrollbar()
        self._keep_in_view()
        self._place_editor()

    def _build(self) -> None:
        editing = self.editor.editing
        reserve = self.editor_height() + self.theme.px(8) if editing and editing[0].adds else 0
        columns = self.columns() if self.lane is Lane.ACTIVITIES else None
        self.model.build(self.theme, self._row_width(), columns, reserve)

    def _keep_in_view(self) -> None:
        if self._keep is None:
            return
        item = self.model.find(*self._keep)
        if item is None:
            self._keep = None
            return
        view = self.content_rect().height()
        scroll = self._scroll
        if item.top + item.height > scroll + view:
            scroll = item.top + item.height - view
        scroll = max(0, min(scroll, item.top, self.model.content_height - view))
        if scroll != self._scroll:
            self._scroll = scroll
            self._show_scroll()
            self.update()

    @property
    def items(self) -> list[Item]:
        self._ensure_layout()
        return self.model.items

    def _update_scrollbar(self) -> None:
        view = self.content_rect()
        overflow = self.model.content_height - view.height()
        if overflow > 0:
            self.scrollbar.setGeometry(
                self.width() - self.theme.pad - self.scrollbar.width() + self.theme.px(3),
                view.top(),
                self.scrollbar.width(),
                view.height(),
            )
            self.scrollbar.blockSignals(True)
            self.scrollbar.setRange(0, overflow)
            self.scrollbar.setPageStep(view.height())
            self.scrollbar.setSingleStep(self.slot_height() // 2)
            self.scrollbar.blockSignals(False)
            if not self._scrollbar_styled:
                self._scrollbar_styled = True
                self.scrollbar.setStyleSheet(scrollbar_style(self.theme))
            self.scrollbar.show()
        else:
            self.scrollbar.hide()
        self._scroll = max(0, min(self._scroll, max(0, overflow)))
        self._show_scroll()

    def _show_scroll(self) -> None:
        self.scrollbar.blockSignals(True)
        self.scrollbar.setValue(self._scroll)
        self.scrollbar.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.relayout()

    # --- scrolling -------------------------------------------------------------------------

    @property
    def scroll_offset(self) -> int:
        return self._scroll

    def max_scroll(self) -> int:
        self._ensure_layout()
        return max(0, self.model.content_height - self.content_rect().height())

    def scroll_to(self, value: int) -> None:
        self._keep = None  # scrolled on purpose (a pan, the wheel, a new idea at the top)
        value = max(0, min(int(value), self.max_scroll()))
        if value == self._scroll:
            return
        self._scroll = value
        self._show_scroll()
        self._place_editor()
        self.update(self.content_rect().adjusted(0, -self.theme.px(6), 0, self.theme.pad))

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.pixelDelta().y() or event.angleDelta().y() / 120 * self.slot_height()
        self.scroll_to(self._scroll - round(delta))
        event.accept()

    def ensure_visible(self, item_id: int, kind: Kind = Kind.CARD) -> None:
        item = self.item(item_id, kind)
        if item is None:
            return
        view = self.content_rect().height()
        if item.top < self._scroll:
            self.scroll_to(item.top)
        elif item.top + item.height > self._scroll + view:
            self.scroll_to(item.top + item.height - view)
        self._keep = (item_id, kind)

    # --- geometry --------------------------------------------------------------------------

    def item(self, item_id: int, kind: Kind = Kind.CARD) -> Item | None:
        self._ensure_layout()
        return self.model.find(item_id, kind)

    def item_rect(self, item: Item) -> QRectF:
        view = self.content_rect()
        return QRectF(
            view.left(), view.top() + item.top - self._scroll, self.item_width(), item.height
        )

    def card_rect(self, card_id: int) -> QRect | None:
        item = self.item(card_id)
        return self.item_rect(item).toAlignedRect() if item else None

    def item_at(self, pos: QPointF) -> Item | None:
        self._ensure_layout()
        view = self.content_rect()
        if not view.contains(pos.toPoint()) or pos.x() > view.left() + self.item_width():
            return None
        return self.model.at(pos.y() - view.top() + self._scroll)

    def card_ids(self) -> list[int]:
        """The cards in the order they are shown (for tests and keyboard moves)."""
        self._ensure_layout()
        return self.model.card_ids()

    def drop_index_at(self, pos: QPointF, dragged: int) -> int | None:
        """Where a card dropped at ``pos`` goes: its index among the lane's other cards
        (None: nowhere to go: the Log keeps its date order, so a card in it stays put)."""
        self._ensure_layout()
        return self.model.drop_index(pos.y() - self.content_rect().top() + self._scroll, dragged)

    def _gap_y(self, index: int, dragged: int | None) -> float:
        y = self.model.gap_y(index, dragged, self.theme.px(8))
        return self.content_rect().top() + y - self._scroll

    def _drop_rect(self) -> QRect:
        if self._drop_index is None:
            return QRect()
        y = self._gap_y(self._drop_index, self._dragged)
        r = self.theme.px(6)
        view = self.content_rect()
        return QRect(view.left() - r, round(y) - r, self.item_width() + 2 * r, 2 * r)

    # --- what the board shows on the lane: selection, drop indicator, placeholder -------

    def set_selection(self, card_id: int | None) -> None:
        """The board's selected card (the lane holding it, or losing it, is repainted)."""
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
            lane_painter.paint_header(p, t, self.lane, self._hint_lines, self._column_heads())
        view = self.content_rect()
        p.save()
        p.setClipRect(QRect(0, view.top() - t.px(4), self.width(), self.height() - view.top()))
        if self.model.items:
            self._paint_items(p, dirty)
        elif self.editor.editing is None:
            lane_painter.paint_empty(p, view, t, can_add=self.add_button is not None)
        if self._drop_index is not None:
            left = view.left()
            y = self._gap_y(self._drop_index, self._dragged)
            lane_painter.paint_drop(p, t, y, left, left + self.item_width())
        p.restore()
        self._paint_overflow(p)
        p.end()

    def _paint_items(self, p: QPainter, dirty: QRect) -> None:
        margin = self.theme.px(8)
        view = self.content_rect()
        top = max(dirty.top(), view.top() - margin) - view.top() + self._scroll
        bottom = dirty.bottom() - view.top() + self._scroll
        rows = ((i, self.item_rect(i)) for i in self.model.between(top, bottom, margin))
        columns = self.columns() if self.lane is Lane.ACTIVITIES else None
        selected, placeholder = self._selected, self._placeholder
        lane_painter.paint_items(p, rows, self.store, self.theme, selected, placeholder, columns)

    def _paint_overflow(self, p: QPainter) -> None:
        """A fade and a quiet "↓ 12 mere", so that a photo too shows that a lane holds more."""
        view = self.content_rect()
        bottom = self._scroll + view.height()
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
        text = tr("ui.more_below", count=hidden)
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

    def event(self, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            assert isinstance(event, QTouchEvent)
            self.input.touch(event)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.input.mouse_press(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The second click of a double click is just another click.
        self.mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.input.mouse_move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.input.mouse_release(event)

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.input.key(event)  # the board handles it, and accepts it if it did
        if not event.isAccepted():
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.input.focus_in(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- a title typed in place (lane_editor) ----------------------------------------------

    def start_add(self) -> None:
        """⊕: a new idea (or, in Mål, a goal) whose title is typed straight away."""
        adding = Editing.NEW_GOAL if self.lane is Lane.GOALS else Editing.NEW_IDEA
        self._open_editor(adding, None, "")
        self.scroll_to(0)

    def start_rename(self, card_id: int) -> None:
        card = self.store.card(card_id)
        if card is None or card.lane is not self.lane:
            return
        self.ensure_visible(card_id)
        self._open_editor(Editing.CARD_TITLE, card_id, card.title)

    def start_goal_edit(self, goal_id: int) -> None:
        goal = self.store.goal(goal_id)
        if goal is None:
            return
        self.ensure_visible(goal_id, Kind.GOAL)
        self._open_editor(Editing.GOAL_AIM, goal_id, goal.aim)

    @property
    def editing(self) -> tuple[Editing, int | None] | None:
        return self.editor.editing

    def _open_editor(self, what: Editing, item_id: int | None, text: str) -> None:
        self.editor.open(what, item_id, text)
        self.editor.apply_theme(self.theme)
        self.relayout()
        self._ensure_layout()  # places the editor now, before it is shown
        self.editor.show_now()

    def _place_editor(self) -> None:
        if self.editor.editing is None:
            return
        what, item_id = self.editor.editing
        view = self.content_rect()
        if what.adds:
            rect = QRect(view.left(), view.top() - self._scroll, self.item_width(), 0)
        else:
            item = self.item(item_id or 0, what.kind)
            if item is None:
                self.editor.close_editor()
                return
            rect = self.item_rect(item).toAlignedRect()
        self.editor.setGeometry(rect.left(), rect.top(), rect.width(), self.editor_height())

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
