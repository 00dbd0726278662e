"""Issue 12: the change feed, and several screens on one board kept live.

Two ``Database`` objects on one real database stand for two screens (or two processes).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from board.domain.errors import ConflictError
from board.domain.lanes import Lane
from board.persistence.change_feed import ChangeListener, Changes, ConnectionLost
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord
from board.services import boards, cards, cycles, goals, measurements, meetings


@pytest.fixture
def pg_pair(postgres_head_url: str) -> Iterator[tuple[Database, Database]]:
    """Two screens on one PostgreSQL database."""
    first, second = open_database(postgres_head_url), open_database(postgres_head_url)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


@pytest.fixture
def sqlite_pair(sqlite_head_url: str) -> Iterator[tuple[Database, Database]]:
    """Two screens (or processes) on one SQLite file."""
    first, second = open_database(sqlite_head_url), open_database(sqlite_head_url)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def heard(listener: ChangeListener, within: float = 1.0) -> Changes | None:
    """What the listener hears within ``within`` seconds (None: nothing)."""
    deadline = time.monotonic() + within
    while True:
        changes = listener.poll()
        if changes is not None or time.monotonic() > deadline:
            return changes
        time.sleep(0.02)


# --------------------------------------------------------------------- the feed itself


@pytest.mark.postgres
def test_a_write_on_one_screen_is_heard_on_the_other_within_a_second(
    pg_pair: tuple[Database, Database],
) -> None:
    writer, watcher = pg_pair
    board = boards.create_board(writer, "Team Nord")
    listener = ChangeListener(watcher)
    try:
        assert listener.fileno() is not None  # a socket to watch, not a timer
        card = cards.add_card(writer, board.id, "Faste mødetider")
        assert heard(listener) == Changes(frozenset({board.id}))
        cards.move_card(writer, card.id, card.version, Lane.PRIORITISED, None)
        assert heard(listener) == Changes(frozenset({board.id}))
        assert listener.poll() is None  # nothing more: each change is heard once
    finally:
        listener.close()


@pytest.mark.postgres
def test_own_writes_and_rolled_back_writes_are_not_heard(
    pg_pair: tuple[Database, Database],
) -> None:
    writer, watcher = pg_pair
    board = boards.create_board(writer, "Team Nord")
    card = cards.add_card(writer, board.id, "Faste mødetider")
    own = ChangeListener(writer)
    other = ChangeListener(watcher)
    try:
        cards.move_card(writer, card.id, card.version, Lane.ACTIVITIES, None)
        assert heard(other) == Changes(frozenset({board.id}))
        assert heard(own, within=0.5) is None  # the writer's own screen has it already
        with pytest.raises(ConflictError):  # a stale version: rolled back
            cards.move_card(writer, card.id, card.version, Lane.IDEAS, None)
        with pytest.raises(RuntimeError), writer.write() as s:
            s.get_one(CardRecord, card.id).title = "Ændret"
            raise RuntimeError("the action fails after changing a row")
        assert heard(other, within=0.5) is None
        assert [c.title for c in boards.load_board(watcher, board.id).cards] == ["Faste mødetider"]
    finally:
        own.close()
        other.close()


@pytest.mark.postgres
def test_the_notice_names_the_board_of_a_cycle_a_measurement_and_an_agreement(
    pg_pair: tuple[Database, Database],
) -> None:
    writer, watcher = pg_pair
    other_board = boards.create_board(writer, "Team Syd")
    board = boards.create_board(writer, "Team Nord")
    card = cards.add_card(writer, board.id, "Faste mødetider")
    cycle = cycles.start_cycle(writer, card.id)
    goal = goals.add_goal(writer, board.id, "Færre aflyste møder")
    indicator = goals.add_criterion(writer, goal.id, "indicator", "Aflyste møder pr. uge")
    meeting = meetings.start_meeting(writer, board.id)
    listener = ChangeListener(watcher)
    expected = Changes(frozenset({board.id}))
    try:
        cycles.edit_cycle(writer, cycle.id, cycle.version, plan_hypothesis="Færre aflysninger")
        assert heard(listener) == expected
        measurements.add_measurement(writer, indicator.id, "2026-11-30", 3)
        assert heard(listener) == expected
        meetings.add_agreement(writer, meeting.id, "Ring til forældrene")
        assert heard(listener) == expected
        cards.add_card(writer, other_board.id, "Et andet teams kort")
        assert heard(listener) == Changes(frozenset({other_board.id}))
    finally:
        listener.close()


@pytest.mark.postgres
def test_a_lost_server_is_told_and_the_listener_reconnects(
    pg_pair: tuple[Database, Database], pg_server: object
) -> None:
    writer, watcher = pg_pair
    board = boards.create_board(writer, "Team Nord")
    listener = ChangeListener(watcher)
    try:
        # The server ends this listener's connection (as a restart or a dead link would).
        with writer.write() as s:
            s.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
                )
            )

        with pytest.raises(ConnectionLost):
            deadline = time.monotonic() + 2
            while time.monotonic() < deadline:
                listener.poll()
                listener.check()
                time.sleep(0.05)
        listener.reopen()
        cards.add_card(writer, board.id, "Efter genforbindelsen")
        assert heard(listener) == Changes(frozenset({board.id}))
    finally:
        listener.close()


def test_on_sqlite_the_other_screens_commit_is_seen(sqlite_pair: tuple[Database, Database]) -> None:
    writer, watcher = sqlite_pair
    board = boards.create_board(writer, "Team Nord")
    listener = ChangeListener(watcher)
    try:
        assert listener.fileno() is None  # polled on a timer
        assert listener.poll() is None
        cards.add_card(writer, board.id, "Faste mødetider")
        assert listener.poll() == Changes(None)
        assert listener.poll() is None
        with pytest.raises(RuntimeError), writer.write() as s:
            boards.unique_board_name(s, "x")
            raise RuntimeError("rolled back")
        assert listener.poll() is None
    finally:
        listener.close()
