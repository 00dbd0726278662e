"""What one lane holds, in order, with each item's place: the data that layout, painting,
hit-testing and the drop position read.

Plain Python over the ``BoardStore`` rather than a QAbstractListModel: the cards are painted,
not shown in an item view, so a Qt model would add signals nobody listens to. An item's
height follows its title and is measured once per layout, so hit-testing and the drop
position are a bisection over the list of offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

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
    """The items of one lane laid out for a width; ``build`` measures them again."""

    def __init__(self, lane: Lane, store: BoardStore) -> None:
        self.lane = lane
        self.store = store
        self.items: list[Item] = []
        self._tops: list[int] = []
        self.content_height = 0
        self.cards_top = 0  # where the cards start (in Mål, below the goals)

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
