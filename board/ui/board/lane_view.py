"""One lane of the board: its header (name, hint, ⊕) and its cards, painted, not widgets.

A card's height follows its title (one or two lines) and is measured once, so layout,
hit-testing and the drop position are a bisection over a list of offsets, and a repaint
touches only the cards in the dirty region.

How a press becomes something (see ``PressState``):
- mouse: moving past the drag distance drags the card at once; a click opens it; the
  right button (or holding still) offers the card's actions ("Flyt til…");
- finger: moving before the hold time pans (scrolls) the lane and never moves a card;
  holding still for HOLD_MS lifts the card — then moving drags it, and lifting the finger
  without moving offers the card's actions; a quick tap opens the card.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto
from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QScrollBar, QWidget

from board.domain.lanes import Lane
from board.i18n import tr, tr_n
from board.ui.board import card_painter
from board.ui.board.card_painter import CardLook
from board.ui.common.theme import LANE_ACCENT, Theme, metrics
from board.ui.common.widgets import scrollbar_style
from board.ui.operations.board_store import BoardStore
from board.ui.operations.operations import BoardOperations

HOLD_MS = 450


class Kind(Enum):
    CARD = auto()
    GOAL = auto()
    ENTRY = auto()


@dataclass(slots=True)
class Item:
    kind: Kind
    id: int
    top: int  # in content coordinates (0 = top of the first item, before scrolling)
    height: int


class PressState(Enum):
    IDLE = auto()
    PENDING = auto()  # pressed, not yet moved or held
    PANNING = auto()  # a finger scrolls the lane
    LIFTED = auto()  # held still: the card is picked up
    DRAGGING = auto()
    IGNORED = auto()  # the rest of this press does nothing (e.g. mouse on empty space)


class LaneDrag(Protocol):
    """What a lane asks of the drag (drag.DragController): the lane forwards its pointer."""

    card_id: int | None

    @property
    def active(self) -> bool: ...
    def lift(self, lane: LaneView, card_id: int, press: QPointF) -> None: ...
    def move(self, lane: LaneView, pos: QPointF) -> None: ...
    def drop(self) -> None: ...
    def cancel(self) -> None: ...


class LaneBoard(Protocol):
    """What a lane asks of the board it sits in (board_widget.BoardWidget, its parent).

    A Protocol rather than the class, so the lane does not import the board that holds it.
    """

    store: BoardStore
    ops: BoardOperations
    theme: Theme
    selection: int | None
    keyboard_used: bool
    open_card: SignalInstance  # card id
    card_actions: SignalInstance  # card id, its rectangle in window coordinates
    goal_actions: SignalInstance

    @property
    def drag(self) -> LaneDrag: ...

    def select(self, card_id: int | None) -> None: ...
    def handle_key(self, view: LaneView, event: QKeyEvent) -> bool: ...


class LaneView(QWidget):
    open_goal = Signal(int)  # a tap on a goal in Mål: its template

    def __init__(self, lane: Lane, board: LaneBoard, parent: QWidget) -> None:
        super().__init__(parent)
        self.lane = lane
        self.board = board
        self.setObjectName(f"lane-{lane.value}")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr(lane.label_key))
        self._items: list[Item] = []
        self._tops: list[int] = []
        self._dirty = True
        self._styled: set[str] = set()
        self._focus_shown = False  # a focus ring only for keyboard users
        self._content_height = 0
        self._cards_top = 0
        self._scroll = 0
        self._header_height = 0
        self._overflow = False
        self._hint_lines: tuple[str, ...] = ()
        self._drop_index: int | None = None
        # The card last brought into view stays in view when the lane is laid out again
        # (its row grows with the owner just chosen), until the person scrolls.
        self._keep: tuple[int, Kind] | None = None
        self._placeholder: int | None = None
        self._editing: tuple[str, int | None] | None = None  # ("add"|"rename"|"goal", id)
        self._press = PressState.IDLE
        self._press_pos = QPointF()
        self._press_item: Item | None = None
        self._press_scroll = 0
        self._press_touch = False
        self._touch_active = False
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(self._on_hold)
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.scrollbar.valueChanged.connect(self._on_scrollbar)
        self.scrollbar.hide()
        self.add_button: QPushButton | None = None
        if lane in (Lane.IDEAS, Lane.GOALS):
            self.add_button = QPushButton("+", self)
            self.add_button.setObjectName(f"add-{lane.value}")
            self.add_button.setToolTip(tr(f"ui.add.{lane.value}"))
            self.add_button.setAccessibleName(tr(f"ui.add.{lane.value}"))
            self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.add_button.clicked.connect(self.start_add)
        self.editor = QLineEdit(self)
        self.editor.setObjectName(f"editor-{lane.value}")
        self.editor.hide()
        self.editor.returnPressed.connect(self.commit_editor)
        self.editor.installEventFilter(self)
        self.relayout()

    # --- theme and layout ------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return self.board.theme

    def apply_theme(self) -> None:
        t = self.theme
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
        # Style sheets are costly to apply; the editor and the scroll bar get theirs when
        # they are first shown under this theme (a start with 500 cards shows neither).
        self._styled = set()
        self.relayout()

    def _style(self, what: str) -> None:
        if what in self._styled:
            return
        self._styled.add(what)
        t = self.theme
        if what == "editor":
            self.editor.setFont(t.title_font)
            self.editor.setStyleSheet(
                f"QLineEdit {{ border: {t.px(2)}px solid {t.palette.selection.name()};"
                f" border-radius: {round(t.radius)}px; padding: {t.px(6)}px;"
                f" background: white; color: {t.palette.text.name()}; }}"
            )
        else:
            self.scrollbar.setStyleSheet(scrollbar_style(t))

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

    def _column_heads(self) -> list[tuple[float, float, tuple[str, ...]]]:
        """The Aktiviteter column headings: x, width, and the heading wrapped (never cut)."""
        t = self.theme
        cols = self.columns()
        first = t.pad + t.px(5)
        right = cols.width - t.pad
        font = t.column_font
        if cols.stacked:  # owner and deadline share a column: so do their headings
            both = f"{tr('column.owner')} · {tr('column.deadline')}"
            fits = metrics(font).horizontalAdvance(both) <= right - cols.owner_x
            spans = [
                (first, cols.owner_x - t.px(8) - first, ("column.activity",)),
                (cols.owner_x, right - cols.owner_x,
                 (both,) if fits else ("column.owner", "column.deadline")),
            ]  # fmt: skip
        else:
            spans = [
                (first, cols.owner_x - t.px(8) - first, ("column.activity",)),
                (cols.owner_x, cols.deadline_x - t.px(8) - cols.owner_x, ("column.owner",)),
                (cols.deadline_x, right - cols.deadline_x, ("column.deadline",)),
            ]
        heads = []
        for x, width, keys in spans:
            lines: tuple[str, ...] = ()
            for key in keys:
                text = tr(key) if key.startswith("column.") else key
                lines += card_painter.wrap(text, font, width, 2)
            heads.append((x, width, lines))
        return heads

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
        self._overflow = len(self._count_items()) * smallest > self.content_rect().height()
        self._build_items()
        if not self._overflow and self._content_height > self.content_rect().height():
            self._overflow = True
            self._build_items()
        self._update_scrollbar()
        self._keep_in_view()
        self._place_editor()

    def _keep_in_view(self) -> None:
        if self._keep is None:
            return
        item = next((i for i in self._items if (i.id, i.kind) == self._keep), None)
        if item is None:
            self._keep = None
            return
        view = self.content_rect().height()
        scroll = self._scroll
        if item.top + item.height > scroll + view:
            scroll = item.top + item.height - view
        scroll = max(0, min(scroll, item.top, self._content_height - view))
        if scroll != self._scroll:
            self._scroll = scroll
            self.scrollbar.blockSignals(True)
            self.scrollbar.setValue(scroll)
            self.scrollbar.blockSignals(False)
            self.update()

    @property
    def items(self) -> list[Item]:
        self._ensure_layout()
        return self._items

    def _count_items(self) -> range:
        store = self.board.store
        n = len(store.lane_cards(self.lane))
        if self.lane is Lane.GOALS:
            n += len(store.goals)
        elif self.lane is Lane.LOG:
            n += len(store.loose_entries)
        return range(n)

    def _build_items(self) -> None:
        t = self.theme
        gap = t.px(8)
        width = self.item_width()
        store = self.board.store
        items: list[Item] = []
        y = 0
        if self._editing is not None and self._editing[0] in ("add", "goal"):
            y += self.editor_height() + gap
        if self.lane is Lane.GOALS:
            for goal in store.goals:
                h = card_painter.goal_height(t, goal, width)
                items.append(Item(Kind.GOAL, goal.id, y, h))
                y += h + gap
            if store.goals:
                y += t.px(8)
        self._cards_top = y
        columns = self.columns() if self.lane is Lane.ACTIVITIES else None
        if self.lane is Lane.LOG:
            for kind, item_id in self._log_order():
                if kind is Kind.CARD:
                    card = store.card(item_id)
                    assert card is not None
                    entry = store.newest_entry(item_id)
                    cycle = store.cycle(item_id) is not None
                    h = card_painter.card_height(t, card, entry, width, cycle=cycle)
                else:
                    found = store.entry(item_id)
                    assert found is not None
                    h = card_painter.entry_height(t, found, width)
                items.append(Item(kind, item_id, y, h))
                y += h + gap
        for card in store.lane_cards(self.lane) if self.lane is not Lane.LOG else ():
            cycle = store.cycle(card.id) is not None
            if columns is not None:
                owner = store.person(card.owner_id)
                h = card_painter.row_height(t, card, owner, store.cycle(card.id), columns)
            else:
                h = card_painter.card_height(t, card, None, width, cycle=cycle)
            items.append(Item(Kind.CARD, card.id, y, h))
            y += h + gap
        self._items = items
        self._tops = [i.top for i in items]
        self._content_height = max(0, y - gap)

    def _log_order(self) -> list[tuple[Kind, int]]:
        """The Log as a logbook, newest first: at the stand-up what was tried last is what
        the team talks about, and older entries scroll away below. Cards in the Log and
        entries without a card (a closed learning cycle) are one list, by date logged."""
        store = self.board.store
        dated: list[tuple[date, int, Kind, int]] = []
        for n, card in enumerate(store.lane_cards(Lane.LOG)):
            entry = store.newest_entry(card.id)
            if entry is not None:
                day = entry.logged_on
            else:  # not logged (yet): as of its last change
                day = card.updated_at.date() if card.updated_at is not None else store.today
            dated.append((day, n, Kind.CARD, card.id))
        offset = len(dated)
        for n, entry in enumerate(store.loose_entries):
            dated.append((entry.logged_on, offset + n, Kind.ENTRY, entry.id))
        # Newest first; on one day, in the lane's own order.
        dated.sort(key=lambda d: (-d[0].toordinal(), d[1]))
        return [(kind, item_id) for _day, _n, kind, item_id in dated]

    def _update_scrollbar(self) -> None:
        view = self.content_rect()
        overflow = self._content_height - view.height()
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
            self._style("scrollbar")
            self.scrollbar.show()
        else:
            self.scrollbar.hide()
        self._scroll = max(0, min(self._scroll, max(0, overflow)))
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
        return max(0, self._content_height - self.content_rect().height())

    def scroll_to(self, value: int) -> None:
        self._keep = None  # scrolled on purpose (a pan, the wheel, a new idea at the top)
        value = max(0, min(int(value), self.max_scroll()))
        if value == self._scroll:
            return
        self._scroll = value
        self.scrollbar.blockSignals(True)
        self.scrollbar.setValue(value)
        self.scrollbar.blockSignals(False)
        self._place_editor()
        self.update(self.content_rect().adjusted(0, -self.theme.px(6), 0, self.theme.pad))

    def _on_scrollbar(self, value: int) -> None:
        self.scroll_to(value)

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
        return next((i for i in self.items if i.id == item_id and i.kind is kind), None)

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
        y = pos.y() - view.top() + self._scroll
        i = bisect_right(self._tops, y) - 1
        if i >= 0 and y < self.items[i].top + self.items[i].height:
            return self.items[i]
        return None

    def card_ids(self) -> list[int]:
        """The cards in the order they are shown (for tests and keyboard moves)."""
        return [i.id for i in self.items if i.kind is Kind.CARD]

    def drop_index_at(self, pos: QPointF, dragged: int) -> int | None:
        """Where a card dropped at ``pos`` goes: its index among the lane's other cards
        (None: nowhere to go: the Log keeps its date order, so a card in it stays put)."""
        if self.lane is Lane.LOG:
            card = self.board.store.card(dragged)
            return None if card is not None and card.lane is Lane.LOG else 0
        y = pos.y() - self.content_rect().top() + self._scroll
        index = 0
        for item in self.items:
            if item.kind is Kind.CARD and item.id != dragged:
                if item.top + item.height / 2 < y:
                    index += 1
                else:
                    break
        return index

    def _gap_y(self, index: int, dragged: int | None) -> float:
        others = [i for i in self.items if i.kind is Kind.CARD and i.id != dragged]
        gap = self.theme.px(8)
        if not others or self.lane is Lane.LOG:  # the Log: newest, so on top
            y = self._cards_top - gap / 2
        elif index < len(others):
            y = others[index].top - gap / 2
        else:
            y = others[-1].top + others[-1].height + gap / 2
        return self.content_rect().top() + max(y, -gap / 4) - self._scroll

    def _drop_rect(self) -> QRect:
        if self._drop_index is None:
            return QRect()
        y = self._gap_y(self._drop_index, self.board.drag.card_id)
        r = self.theme.px(6)
        view = self.content_rect()
        return QRect(view.left() - r, round(y) - r, self.item_width() + 2 * r, 2 * r)

    # --- drag feedback (called by the DragController) --------------------------------------

    def set_drop_index(self, index: int | None) -> None:
        if index == self._drop_index:
            return
        was_target = self._drop_index is not None
        old = self._drop_rect()
        self._drop_index = index
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
        self._paint_panel(p, dirty)
        accent = LANE_ACCENT[self.lane]
        if dirty.top() < self._header_height:
            self._paint_header(p, accent)
        view = self.content_rect()
        p.save()
        p.setClipRect(QRect(0, view.top() - t.px(4), self.width(), self.height() - view.top()))
        self._paint_items(p, dirty)
        if self._drop_index is not None:
            self._paint_drop(p, t)
        p.restore()
        self._paint_overflow(p)
        p.end()

    def _paint_panel(self, p: QPainter, dirty: QRect) -> None:
        """The lane's rounded panel. Filling a large antialiased rounded rectangle is slow, so
        the body is filled with plain rectangles and only the corners and the outline are
        antialiased (their cost grows with the perimeter, not the area)."""
        t = self.theme
        pal = t.palette
        target = self._drop_index is not None
        focused = self.hasFocus() and self._focus_shown and not target
        r = t.radius * 1.5
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
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

    def _paint_header(self, p: QPainter, accent: QColor) -> None:
        t = self.theme
        pal = t.palette
        x: float = t.pad + t.px(2)
        y: float = t.pad + t.px(2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
        stripe = t.px(5)
        p.drawRoundedRect(QRectF(x, y + t.px(3), stripe, t.line(t.lane_font) - t.px(6)), 2, 2)
        p.setFont(t.lane_font)
        p.setPen(pal.text)
        fm = metrics(t.lane_font)
        p.drawText(QPointF(x + stripe + t.px(8), y + fm.ascent()), tr(self.lane.label_key))
        y += fm.height()
        p.setFont(t.hint_font)
        p.setPen(pal.muted)
        hint = metrics(t.hint_font)
        for line in self._hint_lines:
            p.drawText(QPointF(x, y + hint.ascent()), line)
            y += hint.height()
        if self.lane is Lane.ACTIVITIES:
            y += t.px(8)
            p.setFont(t.column_font)
            p.setPen(pal.muted)
            col = metrics(t.column_font)
            for x, _width, lines in self._column_heads():
                for n, line in enumerate(lines):
                    p.drawText(QPointF(t.pad + x, y + col.ascent() + n * col.height()), line)

    def _paint_items(self, p: QPainter, dirty: QRect) -> None:
        if not self.items:
            self._paint_empty(p)
            return
        t = self.theme
        store = self.board.store
        view = self.content_rect()
        top = max(dirty.top(), view.top() - t.px(8)) - view.top() + self._scroll
        bottom = dirty.bottom() - view.top() + self._scroll
        start = max(0, bisect_right(self._tops, top) - 1)
        selected = self.board.selection
        columns = self.columns() if self.lane is Lane.ACTIVITIES else None
        for item in self.items[start:]:
            if item.top > bottom:
                break
            if item.top + item.height < top - t.px(8):
                continue
            rect = self.item_rect(item)
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
                    placeholder=card.id == self._placeholder,
                )
                if columns is not None:
                    card_painter.paint_row(p, rect, card, look, t, columns)
                else:
                    card_painter.paint_card(p, rect, card, look, t)
            elif item.kind is Kind.GOAL:
                goal = store.goal(item.id)
                if goal is not None:
                    card_painter.paint_goal(p, rect, goal, t, selected=False)
            else:
                entry = store.entry(item.id)
                if entry is not None:
                    look = CardLook(owner=store.person(entry.owner_id), today=store.today)
                    card_painter.paint_entry(p, rect, entry, look, t)

    def _paint_empty(self, p: QPainter) -> None:
        if self._editing is not None:
            return
        t = self.theme
        view = QRectF(self.content_rect())
        area = QRectF(view.left(), view.top(), view.width(), min(view.height(), t.px(90)))
        p.setPen(QPen(t.palette.lane_border, t.scale * 1.5, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(area, t.radius, t.radius)
        p.setFont(t.hint_font)
        p.setPen(t.palette.faint)
        key = "ui.empty.add" if self.add_button is not None else "ui.empty.drop"
        p.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, tr(key))

    def _paint_drop(self, p: QPainter, t: Theme) -> None:
        y = self._gap_y(self._drop_index or 0, self.board.drag.card_id)
        view = self.content_rect()
        thickness = t.px(4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(t.palette.drop)
        left, right = view.left() + t.px(2), view.left() + self.item_width() - t.px(2)
        p.drawRoundedRect(QRectF(left, y - thickness / 2, right - left, thickness), 2, 2)
        r = t.px(5)
        p.drawEllipse(QPointF(left, y), r, r)
        p.drawEllipse(QPointF(right, y), r, r)

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

    # --- pointer and touch -----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if not points:
                return True
            pos = points[0].position()
            if kind == QEvent.Type.TouchBegin:
                self._touch_active = True
                self._on_press(pos, touch=True)
            elif kind == QEvent.Type.TouchUpdate:
                self._on_move(pos)
            else:
                self._on_release(pos)
                self._touch_active = False
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._touch_active = False
            self._cancel_press()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._touch_active:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.RightButton:
            item = self.item_at(event.position())
            self._press = PressState.IGNORED
            if item is not None:
                self._show_actions(item)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self._on_press(event.position(), touch=False)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The second click of a double click is just another click.
        self.mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._touch_active and event.buttons() & Qt.MouseButton.LeftButton:
            self._on_move(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._touch_active and event.button() == Qt.MouseButton.LeftButton:
            self._on_release(event.position())

    def _on_press(self, pos: QPointF, touch: bool) -> None:
        if self.board.keyboard_used or self._focus_shown:
            self.board.keyboard_used = False  # a pointer again: no focus ring
            self._focus_shown = False
            self.update()
        if self.board.drag.active:
            self.board.drag.cancel()
        self._press_pos = QPointF(pos)
        self._press_touch = touch
        self._press_scroll = self._scroll
        self._press_item = self.item_at(pos)
        self._press = PressState.PENDING
        if self._press_item is not None and self._press_item.kind is not Kind.ENTRY:
            self._hold.start()

    def _distance(self, pos: QPointF) -> float:
        d = pos - self._press_pos
        return max(abs(d.x()), abs(d.y()))

    def _on_move(self, pos: QPointF) -> None:
        state = self._press
        if state is PressState.PENDING:
            if self._press_touch:
                if self._distance(pos) > self.theme.touch_slop:
                    self._hold.stop()
                    self._press = PressState.PANNING
            elif self._distance(pos) >= QApplication.styleHints().startDragDistance():
                self._hold.stop()
                item = self._press_item
                if item is not None and item.kind is Kind.CARD:
                    self.board.drag.lift(self, item.id, self._press_pos)
                    self._press = PressState.DRAGGING
                else:
                    self._press = PressState.IGNORED
        elif state is PressState.LIFTED and self._distance(pos) > self.theme.touch_slop:
            self._press = PressState.DRAGGING
        if self._press is PressState.PANNING:
            self.scroll_to(self._press_scroll - round(pos.y() - self._press_pos.y()))
        elif self._press is PressState.DRAGGING:
            self.board.drag.move(self, pos)

    def _on_hold(self) -> None:
        item = self._press_item
        if self._press is not PressState.PENDING or item is None:
            return
        if item.kind is Kind.CARD:
            self._press = PressState.LIFTED
            self.board.select(item.id)
            self.board.drag.lift(self, item.id, self._press_pos)
        elif item.kind is Kind.GOAL:
            self._press = PressState.IGNORED
            self._show_actions(item)

    def _on_release(self, pos: QPointF) -> None:
        self._hold.stop()
        state, item = self._press, self._press_item
        self._press = PressState.IDLE
        if state is PressState.PENDING:
            if item is None:
                self.board.select(None)
            elif item.kind is Kind.CARD:
                self.board.select(item.id)
                self.board.open_card.emit(item.id)
            elif item.kind is Kind.GOAL:
                self.open_goal.emit(item.id)
        elif state is PressState.LIFTED:
            self.board.drag.cancel()
            if item is not None:
                self._show_actions(item)
        elif state is PressState.DRAGGING:
            self.board.drag.move(self, pos)
            self.board.drag.drop()

    def _cancel_press(self) -> None:
        self._hold.stop()
        if self._press in (PressState.LIFTED, PressState.DRAGGING):
            self.board.drag.cancel()
        self._press = PressState.IDLE

    @property
    def press_state(self) -> PressState:
        return self._press

    def _show_actions(self, item: Item) -> None:
        rect = self.item_rect(item).toAlignedRect()
        anchor = QRect(self.mapTo(self.window(), rect.topLeft()), rect.size())
        if item.kind is Kind.CARD:
            self.board.select(item.id)
            self.board.card_actions.emit(item.id, anchor)
        elif item.kind is Kind.GOAL:
            self.board.goal_actions.emit(item.id, anchor)

    # --- keyboard --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.board.keyboard_used = True
        if not self._focus_shown:
            self._focus_shown = True
            self.update()
        if not self.board.handle_key(self, event):
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        self._focus_shown = event.reason() in keyboard or self.board.keyboard_used
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- editing in place ------------------------------------------------------------------

    def start_add(self) -> None:
        """⊕: a new idea (or, in Mål, a goal) whose title is typed straight away."""
        self._open_editor(("goal" if self.lane is Lane.GOALS else "add", None), "")
        self.scroll_to(0)

    def start_rename(self, card_id: int) -> None:
        card = self.board.store.card(card_id)
        if card is None or card.lane is not self.lane:
            return
        self.ensure_visible(card_id)
        self._open_editor(("rename", card_id), card.title)

    def start_goal_edit(self, goal_id: int) -> None:
        goal = self.board.store.goal(goal_id)
        if goal is None:
            return
        self.ensure_visible(goal_id, Kind.GOAL)
        self._open_editor(("goal-edit", goal_id), goal.aim)

    @property
    def editing(self) -> tuple[str, int | None] | None:
        return self._editing

    def _open_editor(self, what: tuple[str, int | None], text: str) -> None:
        self._editing = what
        placeholder = {
            "add": "ui.placeholder.idea",
            "goal": "ui.placeholder.goal",
            "goal-edit": "ui.placeholder.goal",
        }.get(what[0], "ui.placeholder.title")
        self.editor.setPlaceholderText(tr(placeholder))
        self._style("editor")
        self.editor.setText(text)
        self.relayout()
        self._ensure_layout()  # places the editor now, before it is shown
        self.editor.show()
        self.editor.raise_()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.selectAll()

    def _place_editor(self) -> None:
        if self._editing is None:
            return
        kind, item_id = self._editing
        view = self.content_rect()
        if kind in ("add", "goal"):
            rect = QRect(view.left(), view.top() - self._scroll, self.item_width(), 0)
        else:
            item = self.item(item_id or 0, Kind.GOAL if kind == "goal-edit" else Kind.CARD)
            if item is None:
                self.close_editor()
                return
            rect = self.item_rect(item).toAlignedRect()
        height = self.editor_height()
        self.editor.setGeometry(rect.left(), rect.top(), rect.width(), height)

    def commit_editor(self) -> None:
        if self._editing is None:
            return
        kind, item_id = self._editing
        text = self.editor.text().strip()
        ops = self.board.ops
        if kind == "add":
            if text and ops.add_card(Lane.IDEAS, text, index=0) is not None:
                self.editor.clear()  # ready for the next idea
                self.scroll_to(0)
            elif not text:
                self.close_editor()
            return
        if kind == "goal":
            if (text and ops.add_goal(text) is not None) or not text:
                self.close_editor()
            return
        if kind == "rename" and item_id is not None:
            card = self.board.store.card(item_id)
            if card is not None and text != card.title and not ops.edit_card(item_id, title=text):
                return
        if kind == "goal-edit" and item_id is not None:
            goal = self.board.store.goal(item_id)
            if goal is not None and text != goal.aim and not ops.edit_goal(item_id, aim=text):
                return
        self.close_editor()

    def close_editor(self) -> None:
        if self._editing is None:
            return
        self._editing = None
        had_focus = self.editor.hasFocus()
        self.editor.hide()
        self.relayout()
        if had_focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.editor:
            if event.type() == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if event.key() == Qt.Key.Key_Escape:
                    self.close_editor()
                    return True
            elif event.type() == QEvent.Type.FocusOut and self._editing is not None:
                # Leaving the field keeps what was typed (a tap elsewhere on the wall).
                QTimer.singleShot(0, self._commit_on_leave)
        return False

    def _commit_on_leave(self) -> None:
        if self._editing is None or self.editor.hasFocus():
            return
        if self.editor.text().strip():
            self.commit_editor()
        self.close_editor()
