"""The board as the window holds it: the last BoardState, updated from what services return.

Every change goes one way: a service returns the new record, ``put_*`` stores it and
``changed`` names the lanes to redraw (Anki's "one refresh path" after each operation).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from board.domain.entities import (
    Board,
    BoardState,
    Card,
    Cycle,
    Goal,
    LogEntry,
    Person,
)
from board.domain.lanes import Lane
from board.ui.operations.goal_data import GoalSeries

ALL_LANES = frozenset(Lane)


class BoardStore(QObject):
    changed = Signal(object)  # frozenset[Lane]: the lanes whose content changed
    reloaded = Signal()
    # One record came back from a service: ("card" | "goal" | "cycle", id). An open
    # template refreshes the fields it shows from it (after an edit, an undo or a redo).
    record_changed = Signal(str, int)
    # Mål has been painted from a board just loaded: read the goal cards' sparklines now.
    series_wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: Board | None = None
        self.today = date.today()
        self._cards: dict[int, Card] = {}
        self._archived: dict[int, Card] = {}  # their versions, for undo and restore
        self._lanes: dict[Lane, list[Card]] = {lane: [] for lane in Lane}
        self._goals: list[Goal] = []
        self._archived_goals: dict[int, Goal] = {}
        self._people: dict[int, Person] = {}
        self._entries: dict[int, LogEntry] = {}
        self._cycles: dict[int, Cycle] = {}  # card id -> its newest cycle
        self._known_cycles: dict[tuple[int, int], Cycle] = {}  # (card id, number) -> cycle
        self._newest: dict[int, LogEntry] = {}
        self._loose: list[LogEntry] = []
        # goal id -> its sparkline's data; read after the board (never at the first paint)
        self.series: dict[int, GoalSeries] = {}
        self._series_pending = False
        # ("card" | "goal" | "cycle", id) -> the version this window itself last read or
        # wrote: an undo step is based on it, so a record another screen changed since
        # refuses the undo.
        self._own: dict[tuple[str, int], int] = {}

    # --- loading ---------------------------------------------------------------------------

    def load(self, state: BoardState) -> None:
        self.board = state.board
        self.today = date.today()
        self._cards = {c.id: c for c in state.cards if not c.archived}
        self._archived = {c.id: c for c in state.cards if c.archived}
        self._goals = [g for g in state.goals if not g.archived]
        self._archived_goals = {g.id: g for g in state.goals if g.archived}
        self._people = {p.id: p for p in state.people}
        self._entries = {e.id: e for e in state.log}
        self._cycles = dict(state.current_cycles)
        self._known_cycles = {(c.card_id, c.number): c for c in self._cycles.values()}
        for lane in Lane:
            self._sort(lane)
        self._index_log()
        self._own = {("card", c.id): c.version for c in state.cards}
        self._own.update((("goal", g.id), g.version) for g in state.goals)
        self._own.update((("cycle", c.id), c.version) for c in self._cycles.values())
        self.series = {}
        self._series_pending = True
        self.reloaded.emit()
        self.changed.emit(ALL_LANES)

    def merge(self, state: BoardState) -> frozenset[Lane]:
        """Take in the board as another screen left it: only the lanes whose content differs
        are redrawn (``changed``); the open template is not told (it merges on its own), and
        the versions undo steps are based on stay this window's own."""
        lanes: set[Lane] = set()
        known = {**self._archived, **self._cards}
        fresh = {c.id: c for c in state.cards}
        for card_id in known.keys() | fresh.keys():
            old, new = known.get(card_id), fresh.get(card_id)
            if old == new:
                continue
            lanes |= {c.lane for c in (old, new) if c is not None and not c.archived}
            self._cards.pop(card_id, None)
            self._archived.pop(card_id, None)
            if new is not None:
                (self._archived if new.archived else self._cards)[card_id] = new
        goals = [g for g in state.goals if not g.archived]
        if goals != self._goals or self._archived_goals != {
            g.id: g for g in state.goals if g.archived
        }:
            self._goals = goals
            self._archived_goals = {g.id: g for g in state.goals if g.archived}
            lanes.add(Lane.GOALS)
        people = {p.id: p for p in state.people}
        if people != self._people:
            self._people = people
            lanes |= ALL_LANES
        entries = {e.id: e for e in state.log}
        if entries != self._entries:
            self._entries = entries
            lanes.add(Lane.LOG)
        for card_id in self._cycles.keys() | state.current_cycles.keys():
            old_cycle, new_cycle = self._cycles.get(card_id), state.current_cycles.get(card_id)
            if old_cycle == new_cycle:
                continue
            if new_cycle is None:
                self._cycles.pop(card_id, None)
            else:
                self._cycles[card_id] = new_cycle
                self._known_cycles[(card_id, new_cycle.number)] = new_cycle
            card = self._cards.get(card_id)
            if card is not None:
                lanes.add(card.lane)
        self.board = state.board
        for lane in lanes:
            self._sort(lane)
        if Lane.LOG in lanes:
            self._index_log()
        if lanes:
            self.changed.emit(frozenset(lanes))
        return frozenset(lanes)

    def own_version(self, kind: str, ident: int, current: int) -> int:
        """The version an undo or redo of this window is based on (see ``_own``)."""
        return self._own.get((kind, ident), current)

    def _sort(self, lane: Lane) -> None:
        self._lanes[lane] = sorted(
            (c for c in self._cards.values() if c.lane is lane), key=lambda c: c.position
        )

    def _index_log(self) -> None:
        newest: dict[int, LogEntry] = {}
        ordered = sorted(self._entries.values(), key=lambda e: (e.logged_on, e.id), reverse=True)
        for entry in ordered:
            if entry.card_id is not None and entry.card_id not in newest:
                newest[entry.card_id] = entry
        self._newest = newest
        in_log = {c.id for c in self._lanes[Lane.LOG]}
        self._loose = [e for e in ordered if e.card_id is None or e.card_id not in in_log]

    # --- reading ---------------------------------------------------------------------------

    def lane_cards(self, lane: Lane) -> list[Card]:
        return self._lanes[lane]

    def card(self, card_id: int) -> Card | None:
        """An active card."""
        return self._cards.get(card_id)

    def any_card(self, card_id: int) -> Card | None:
        """A card, active or archived."""
        return self._cards.get(card_id) or self._archived.get(card_id)

    def index_in_lane(self, card_id: int) -> int:
        card = self._cards[card_id]
        return next(i for i, c in enumerate(self._lanes[card.lane]) if c.id == card_id)

    @property
    def goals(self) -> list[Goal]:
        return self._goals

    def goal(self, goal_id: int) -> Goal | None:
        """A goal, active or archived."""
        found = next((g for g in self._goals if g.id == goal_id), None)
        return found or self._archived_goals.get(goal_id)

    @property
    def people(self) -> list[Person]:
        return sorted((p for p in self._people.values() if not p.archived), key=lambda p: p.name)

    def person(self, person_id: int | None) -> Person | None:
        return self._people.get(person_id) if person_id is not None else None

    def cycle(self, card_id: int) -> Cycle | None:
        """The card's newest learning cycle (what its face on the board shows)."""
        return self._cycles.get(card_id)

    def known_cycle(self, card_id: int, number: int) -> Cycle | None:
        """Any cycle the window has seen (the newest of each card, and those a template read).

        Cycles are known by card and number, as the template names them (a cycle's number,
        like its id, stays the same across undo and redo of "Ny læringscirkel").
        """
        return self._known_cycles.get((card_id, number))

    def newest_entry(self, card_id: int) -> LogEntry | None:
        return self._newest.get(card_id)

    def entries_for_cycle(self, cycle_id: int) -> list[LogEntry]:
        return [e for e in self._entries.values() if e.cycle_id == cycle_id]

    def entry(self, entry_id: int) -> LogEntry | None:
        return self._entries.get(entry_id)

    @property
    def loose_entries(self) -> list[LogEntry]:
        """Log entries not shown on a card in the Log (closed cycles, cards moved on)."""
        return self._loose

    # --- updating from service results -----------------------------------------------------

    def put_card(self, card: Card) -> None:
        self._own[("card", card.id)] = card.version
        old = self._cards.pop(card.id, None)
        self._archived.pop(card.id, None)
        if card.archived:
            self._archived[card.id] = card
        else:
            self._cards[card.id] = card
        lanes = {card.lane} | ({old.lane} if old else set())
        for lane in lanes:
            self._sort(lane)
        if Lane.LOG in lanes or card.id in self._newest:
            self._index_log()
            lanes.add(Lane.LOG)
        self.changed.emit(frozenset(lanes))
        self.record_changed.emit("card", card.id)

    def put_cycle(self, cycle: Cycle) -> None:
        self._own[("cycle", cycle.id)] = cycle.version
        self._known_cycles[(cycle.card_id, cycle.number)] = cycle
        newest = self._cycles.get(cycle.card_id)
        if newest is None or newest.number <= cycle.number:
            self._cycles[cycle.card_id] = cycle
            card = self.card(cycle.card_id)
            if card is not None:
                self.changed.emit(frozenset({card.lane}))
        self.record_changed.emit("cycle", cycle.id)

    def know_cycles(self, cycles: tuple[Cycle, ...] | list[Cycle]) -> None:
        """Remember cycles read by a template (their versions), without redrawing anything."""
        for cycle in cycles:
            self._known_cycles[(cycle.card_id, cycle.number)] = cycle
            self._own.setdefault(("cycle", cycle.id), cycle.version)

    def drop_cycle(self, cycle: Cycle, previous: Cycle | None) -> None:
        """A cycle that was removed (undo of "Ny læringscirkel"); ``previous`` is newest now."""
        self._known_cycles.pop((cycle.card_id, cycle.number), None)
        if previous is not None:
            self._known_cycles[(previous.card_id, previous.number)] = previous
            self._cycles[cycle.card_id] = previous
        else:
            self._cycles.pop(cycle.card_id, None)
        card = self.card(cycle.card_id)
        if card is not None:
            self.changed.emit(frozenset({card.lane}))
        self.record_changed.emit("cycle", cycle.id)

    def put_goal(self, goal: Goal) -> None:
        self._own[("goal", goal.id)] = goal.version
        self._goals = [g for g in self._goals if g.id != goal.id]
        self._archived_goals.pop(goal.id, None)
        if goal.archived:
            self._archived_goals[goal.id] = goal
        else:
            self._goals.append(goal)
            self._goals.sort(key=lambda g: g.position)
        self.changed.emit(frozenset({Lane.GOALS}))
        self.record_changed.emit("goal", goal.id)

    @property
    def series_pending(self) -> bool:
        """The sparklines have not been read since the last load (Mål not painted yet)."""
        return self._series_pending

    def goals_painted(self) -> None:
        """Mål was painted: its sparklines are read once the frame is done, so they never
        hold up the board's first paint."""
        if self._series_pending:
            self._series_pending = False
            QTimer.singleShot(0, self, self.series_wanted.emit)  # dropped if the store goes

    def put_series(self, series: dict[int, GoalSeries], gone: set[int] | None = None) -> None:
        """The goal cards' sparklines (all goals, or the ones that changed; ``gone``: goals
        that have none now)."""
        for goal_id in gone or ():
            self.series.pop(goal_id, None)
        self.series.update(series)
        self.changed.emit(frozenset({Lane.GOALS}))

    def measurements_changed(self, criterion_id: int) -> None:
        """An indicator's measurements changed: its goal's page and card show them again."""
        self.record_changed.emit("measurement", criterion_id)
        self.changed.emit(frozenset({Lane.GOALS}))

    def put_entry(self, entry: LogEntry) -> None:
        self._entries[entry.id] = entry
        self._index_log()
        self.changed.emit(frozenset({Lane.LOG}))

    def drop_entry(self, entry_id: int) -> None:
        """An entry that was archived (the LogEntry dataclass carries no archived flag)."""
        self._entries.pop(entry_id, None)
        self._index_log()
        self.changed.emit(frozenset({Lane.LOG}))

    def put_person(self, person: Person) -> None:
        self._people[person.id] = person
        self.changed.emit(ALL_LANES)
