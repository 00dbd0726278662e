"""Two screens on one board: two Database objects (engines) on the same database.

The wall screen (A) and a laptop (B) each open the database themselves, as two running
programs would. Neither may silently overwrite what the other has just saved.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from board.domain.entities import Board, Card, Cycle
from board.domain.errors import BoardError, ConflictError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import boards, cards, cycles

Screens = tuple[Database, Database]


@pytest.fixture
def screens(db_url: str) -> Iterator[Screens]:
    wall = open_database(db_url)
    laptop = open_database(db_url)
    try:
        yield wall, laptop
    finally:
        wall.close()
        laptop.close()


@pytest.fixture
def shared(screens: Screens) -> tuple[Board, Card]:
    wall, _ = screens
    board = boards.create_board(wall, "Fælles tavle")
    card = cards.add_card(wall, board.id, "Morgenopkald", Lane.PRIORITISED, description="v1")
    return board, card


def test_the_second_screen_sees_the_first_screens_change(
    screens: Screens, shared: tuple[Board, Card]
) -> None:
    wall, laptop = screens
    board, card = shared
    assert cards.get_card(laptop, card.id) == card
    moved = cards.move_card(wall, card.id, card.version, Lane.ACTIVITIES, 0)
    assert cards.get_card(laptop, card.id) == moved
    assert [c.title for c in boards.load_board(laptop, board.id).lane(Lane.ACTIVITIES)] == [
        "Morgenopkald"
    ]


def test_a_stale_edit_from_the_other_screen_is_refused(
    screens: Screens, shared: tuple[Board, Card]
) -> None:
    wall, laptop = screens
    _, card = shared
    seen_by_wall = cards.get_card(wall, card.id)
    seen_by_laptop = cards.get_card(laptop, card.id)
    assert seen_by_wall == seen_by_laptop

    kept = cards.edit_card(wall, card.id, seen_by_wall.version, title="Morgenopkald kl. 7.30")
    with pytest.raises(ConflictError):
        cards.edit_card(laptop, card.id, seen_by_laptop.version, title="Aftenopkald")
    with pytest.raises(ConflictError):
        cards.move_card(laptop, card.id, seen_by_laptop.version, Lane.LOG, 0)
    with pytest.raises(ConflictError):
        cards.set_archived(laptop, card.id, seen_by_laptop.version, True)
    assert cards.get_card(laptop, card.id) == kept
    assert cards.get_card(wall, card.id) == kept

    # After reloading, the laptop's edit goes through on top of the wall's.
    fresh = cards.get_card(laptop, card.id)
    edited = cards.edit_card(laptop, card.id, fresh.version, description="v2")
    assert (edited.title, edited.description) == ("Morgenopkald kl. 7.30", "v2")


def test_a_stale_cycle_edit_from_the_other_screen_is_refused(
    screens: Screens, shared: tuple[Board, Card]
) -> None:
    wall, laptop = screens
    _, card = shared
    cycle = cycles.start_cycle(wall, card.id)
    kept = cycles.edit_cycle(wall, cycle.id, cycle.version, plan_hypothesis="Væggen")
    with pytest.raises(ConflictError):
        cycles.edit_cycle(laptop, cycle.id, cycle.version, plan_hypothesis="Laptoppen")
    assert cycles.list_cycles(laptop, card.id) == [kept]


def _at_the_same_time(
    monkeypatch: pytest.MonkeyPatch,
    hook: str,
    calls: list[Callable[[], Any]],
) -> list[Any]:
    """Run ``calls`` in threads that all pause at ``board.services.cards.<hook>`` until each
    has got there, so both transactions have read before either writes. Where the database
    lets only one writer in at a time (SQLite's BEGIN IMMEDIATE, a row lock) the others never
    get there and the pause simply times out."""
    barrier = threading.Barrier(len(calls), timeout=1.0)
    original = getattr(cards, hook)

    def paused(*args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(threading.BrokenBarrierError):  # SQLite: the other waits
            barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(cards, hook, paused)

    def outcome(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except BoardError as exc:
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(outcome, calls))


def test_simultaneous_edits_let_exactly_one_win(
    screens: Screens, shared: tuple[Board, Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both screens read version 1 and pass the version check; the row's version decides."""
    wall, laptop = screens
    _, card = shared
    results = _at_the_same_time(
        monkeypatch,
        "check_version",
        [
            lambda: cards.edit_card(wall, card.id, card.version, title="Fra væggen"),
            lambda: cards.edit_card(laptop, card.id, card.version, title="Fra laptoppen"),
        ],
    )
    winners = [r for r in results if isinstance(r, Card)]
    losers = [r for r in results if not isinstance(r, Card)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert isinstance(losers[0], ConflictError), losers[0]
    stored = cards.get_card(wall, card.id)
    assert stored == winners[0]
    assert stored.version == card.version + 1


def test_bug_two_screens_adding_cards_at_once_both_succeed(
    screens: Screens, shared: tuple[Board, Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Card numbers are ``max(number) + 1``; on PostgreSQL two screens adding a card at the
    same moment read the same maximum, and the second insert breaks the unique (board, number)
    constraint: the user gets "Databasen svarede med en fejl" and the card is lost."""
    wall, laptop = screens
    board, _ = shared
    results = _at_the_same_time(
        monkeypatch,
        "_check_owner",  # called after the number is read, before the insert
        [
            lambda: cards.add_card(wall, board.id, "Idé fra væggen"),
            lambda: cards.add_card(laptop, board.id, "Idé fra laptoppen"),
        ],
    )
    assert all(isinstance(r, Card) for r in results), results
    assert sorted(r.number for r in results) == [2, 3]
    assert sorted(c.title for c in boards.load_board(wall, board.id).lane(Lane.IDEAS)) == [
        "Idé fra laptoppen",
        "Idé fra væggen",
    ]


# --- real races: two screens, two sessions, released together by a barrier --------------

RACES = 40  # rounds per race; before the fix PostgreSQL lost nearly every one of them


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run ``calls`` in threads released at the same moment; errors are returned."""
    barrier = threading.Barrier(len(calls), timeout=10.0)

    def outcome(call: Callable[[], Any]) -> Any:
        barrier.wait()
        try:
            return call()
        except BoardError as exc:
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(outcome, calls))


def test_two_drops_into_one_slot_get_their_own_places(
    screens: Screens, shared: tuple[Board, Card]
) -> None:
    """Found in review: on PostgreSQL two screens dropping different cards between the same
    two neighbours both got the key "ii" (150 of 150 rounds), and the next drop between
    them failed with a ValueError. Moves now take the board's lock, like add_card."""
    wall, laptop = screens
    board, _ = shared
    for title in ("Første aktivitet", "Sidste aktivitet"):
        cards.add_card(wall, board.id, title, Lane.ACTIVITIES)
    for n in range(RACES):
        one = cards.add_card(wall, board.id, f"Væggens kort {n}")
        two = cards.add_card(wall, board.id, f"Laptoppens kort {n}")
        results = _race(
            [
                lambda c=one: cards.move_card(wall, c.id, c.version, Lane.ACTIVITIES, 1),
                lambda c=two: cards.move_card(laptop, c.id, c.version, Lane.ACTIVITIES, 1),
            ]
        )
        assert all(isinstance(r, Card) for r in results), (n, results)
        lane = boards.load_board(laptop, board.id).lane(Lane.ACTIVITIES)
        positions = [c.position for c in lane]
        assert len(set(positions)) == len(positions), (n, positions)
        assert {c.id for c in lane[1:3]} == {one.id, two.id}
        # The next drop between the two lands between them.
        third = cards.add_card(laptop, board.id, f"Tredje kort {n}")
        placed = cards.move_card(laptop, third.id, third.version, Lane.ACTIVITIES, 2)
        lane = boards.load_board(wall, board.id).lane(Lane.ACTIVITIES)
        assert [c.id for c in lane][1:4] == [lane[1].id, placed.id, lane[3].id]
        assert {lane[1].id, lane[3].id} == {one.id, two.id}
        for card in lane[1:-1]:  # clear the slot for the next round
            cards.set_archived(wall, card.id, card.version, True)
    titles = [c.title for c in boards.load_board(wall, board.id).lane(Lane.ACTIVITIES)]
    assert titles == ["Første aktivitet", "Sidste aktivitet"]


def test_two_screens_starting_a_cycle_at_once_get_the_calm_answer(
    screens: Screens, shared: tuple[Board, Card]
) -> None:
    """Found in review: on PostgreSQL the screen that lost the race for "Ny læringscirkel"
    got "Databasen svarede med en fejl" (the unique (card, number) constraint). Now, as on
    SQLite, it is told that the cycle just started is still open."""
    wall, laptop = screens
    board, _ = shared
    for n in range(RACES):
        card = cards.add_card(wall, board.id, f"Prøvehandling {n}", Lane.ACTIVITIES)
        results = _race(
            [
                lambda c=card: cycles.start_cycle(wall, c.id),
                lambda c=card: cycles.start_cycle(laptop, c.id),
            ]
        )
        started = [r for r in results if isinstance(r, Cycle)]
        refused = [r for r in results if not isinstance(r, Cycle)]
        assert len(started) == 1 and len(refused) == 1, (n, results)
        assert isinstance(refused[0], ValidationError), (n, refused[0])
        assert refused[0].key == "error.cycle_open"
        assert [c.number for c in cycles.list_cycles(laptop, card.id)] == [1]
