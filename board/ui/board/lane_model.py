"""What one lane holds, in order, with each item's place and the range that shows: the
data that layout, painting, hit-testing and the drop position read.

Plain Python over the ``BoardStore`` rather than a QAbstractListModel: the cards are painted,
not shown in an item view, so a Qt model would add signals nobody listens to (it uses Qt's
geometry types only). An item's height follows its title and is measured once per layout,
so hit-testing is a bisection over the list of offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from PySide6.QtCore import QPointF, QRect, QRectF

from board.domain.lanes import Lane
from board.ui.board import card_painter
from board.ui.common.theme import Theme
from board.ui.operations.board_store import BoardStore


class Kind(Enum):
    CARD = auto()
    GOAL = auto()
    ENTRY = auto()  # a log entry without a card (e.g. a closed learning cycle)


@dataclass(slots=True)
class Item:
    kind: Kind
    id: int
    top: int  # in content coordinates (0 = top of the first item, before scrolling)
    height: int


class LaneModel:
    """The items of one lane laid out for a width (``build`` measures them again), and the
    range of them that shows: how far the lane is scrolled in a view how high."""

    def __init__(self, lane: Lane, store: BoardStore) -> None:
        self.lane = lane
        self.store = store
        self.items: list[Item] = []
        self._tops: list[int] = []
        self.content_height = 0
        self.cards_top = 0  # where the cards start (in Mål, below the goals)
        self.scroll = 0
        self.view = QRect()  # where the items show, in the lane's coordinates
        self.width = 0  # of an item
        # The item last brought into view stays in view when the lane is laid out again
        # (its row grows with the owner just chosen), until the person scrolls.
        self._keep: tuple[int, Kind] | None = None

    def count(self) -> int:
        """How many items the lane holds (cheap: nothing is measured)."""
        store = self.store
        n = len(store.lane_cards(self.lane))
        if self.lane is Lane.GOALS:
            n += len(store.goals)
        elif self.lane is Lane.LOG:
            n += len(store.loose_entries)
        return n

    def build(
        self, theme: Theme, width: int, columns: card_painter.RowColumns | None, reserve: int
    ) -> None:
        """Measure every item for ``width``; ``reserve`` is room kept free at the top (the
        editor of a new title); ``columns`` are the Aktiviteter columns (None: cards)."""
        t = theme
        gap = t.px(8)
        store = self.store
        items: list[Item] = []
        y = reserve
        if self.lane is Lane.GOALS:
            for goal in store.goals:
                h = card_painter.goal_height(t, goal, width)
                items.append(Item(Kind.GOAL, goal.id, y, h))
                y += h + gap
            if store.goals:
                y += t.px(8)
        self.cards_top = y
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
        self.items = items
        self._tops = [i.top for i in items]
        self.content_height = max(0, y - gap)

    def _log_order(self) -> list[tuple[Kind, int]]:
        """The Log as a logbook, newest first: at the stand-up what was tried last is what
        the team talks about, and older entries scroll away below. Cards in the Log and
        entries without a card (a closed learning cycle) are one list, by date logged."""
        store = self.store
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

    # --- the visible range ------------------------------------------------------------------

    def max_scroll(self) -> int:
        return max(0, self.content_height - self.view.height())

    def set_view(self, view: QRect, width: int) -> bool:
        """After a layout: the items show in ``view``, each ``width`` wide. The scroll stays
        in range, and the item kept in view stays in view. True when the offset changed."""
        self.view, self.width = QRect(view), width
        height = view.height()
        scroll = max(0, min(self.scroll, self.max_scroll()))
        item = self.find(*self._keep) if self._keep is not None else None
        if item is None:
            self._keep = None
        else:
            if item.top + item.height > scroll + height:
                scroll = item.top + item.height - height
            scroll = max(0, min(scroll, item.top, self.content_height - height))
        changed, self.scroll = scroll != self.scroll, scroll
        return changed

    def scroll_to(self, value: float) -> bool:
        """Scrolled on purpose (a pan, the wheel, a new idea at the top): nothing is kept in
        view any more. True when the offset changed."""
        self._keep = None
        value = max(0, min(int(value), self.max_scroll()))
        changed, self.scroll = value != self.scroll, value
        return changed

    def reveal(self, item: Item) -> bool:
        """Scroll as little as shows ``item`` whole, and keep it in view from now on."""
        changed = False
        if item.top < self.scroll:
            changed = self.scroll_to(item.top)
        elif item.top + item.height > self.scroll + self.view.height():
            changed = self.scroll_to(item.top + item.height - self.view.height())
        self._keep = (item.id, item.kind)
        return changed

    # --- where the items are, in the lane's coordinates --------------------------------------

    def rect(self, item: Item) -> QRectF:
        top = self.view.top() + item.top - self.scroll
        return QRectF(self.view.left(), top, self.width, item.height)

    def item_at(self, pos: QPointF) -> Item | None:
        view = self.view
        if not view.contains(pos.toPoint()) or pos.x() > view.left() + self.width:
            return None
        return self.at(pos.y() - view.top() + self.scroll)

    def shown(self, dirty: QRect, margin: int) -> Iterator[tuple[Item, QRectF]]:
        """The items a repaint of ``dirty`` touches, with their rectangles."""
        top = max(dirty.top(), self.view.top() - margin) - self.view.top() + self.scroll
        bottom = dirty.bottom() - self.view.top() + self.scroll
        return ((item, self.rect(item)) for item in self.between(top, bottom, margin))

    def drop_index_at(self, pos: QPointF, dragged: int) -> int | None:
        return self.drop_index(pos.y() - self.view.top() + self.scroll, dragged)

    def drop_y(self, index: int, dragged: int | None, gap: int) -> float:
        """The height of the drop indicator for ``index`` in the lane."""
        return self.view.top() + self.gap_y(index, dragged, gap) - self.scroll

    # --- questions about the items (content coordinates) -----------------------------------

    def find(self, item_id: int, kind: Kind = Kind.CARD) -> Item | None:
        return next((i for i in self.items if i.id == item_id and i.kind is kind), None)

    def at(self, y: float) -> Item | None:
        """The item at height ``y``, if any (the gaps between items hold none)."""
        i = bisect_right(self._tops, y) - 1
        if i >= 0 and y < self.items[i].top + self.items[i].height:
            return self.items[i]
        return None

    def between(self, top: float, bottom: float, margin: int) -> Iterator[Item]:
        """The items that show between ``top`` and ``bottom`` (a repaint's dirty rows)."""
        start = max(0, bisect_right(self._tops, top) - 1)
        for item in self.items[start:]:
            if item.top > bottom:
                break
            if item.top + item.height >= top - margin:
                yield item

    def card_ids(self) -> list[int]:
        return [i.id for i in self.items if i.kind is Kind.CARD]

    def drop_index(self, y: float, dragged: int) -> int | None:
        """Where a card dropped at height ``y`` goes: its index among the lane's other cards
        (None: nowhere to go: the Log keeps its date order, so a card in it stays put)."""
        if self.lane is Lane.LOG:
            card = self.store.card(dragged)
            return None if card is not None and card.lane is Lane.LOG else 0
        index = 0
        for item in self.items:
            if item.kind is Kind.CARD and item.id != dragged:
                if item.top + item.height / 2 < y:
                    index += 1
                else:
                    break
        return index

    def gap_y(self, index: int, dragged: int | None, gap: int) -> float:
        """The middle of the gap a card dropped at ``index`` goes into (the indicator)."""
        others = [i for i in self.items if i.kind is Kind.CARD and i.id != dragged]
        if not others or self.lane is Lane.LOG:  # the Log: newest, so on top
            y = self.cards_top - gap / 2
        elif index < len(others):
            y = others[index].top - gap / 2
        else:
            y = others[-1].top + others[-1].height + gap / 2
        return max(y, -gap / 4)
