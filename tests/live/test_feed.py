"""Issue 12: the change feed, and several screens on one board kept live.

Two ``Database`` objects on one real database stand for two screens (or two processes).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from ui.helpers import (
    Seed,
    button,
    card_point,
    click,
    drop_point,
    mouse_drag,
    path,
    screenshot,
    seed_board,
    to_source,
)

from board import i18n
from board.domain.errors import ConflictError
from board.domain.lanes import Lane
from board.persistence.change_feed import ChangeListener, Changes, ConnectionLost
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord
from board.services import boards, cards, cycles, goals, measurements, meetings
from board.ui.common.qt_app import ensure_app
from board.ui.shell.board_window import BoardWindow

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


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
        linked = cards.get_card(writer, card.id)
        cards.edit_card(writer, card.id, linked.version, goal_ids=(goal.id,))  # a link only
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


# --------------------------------------------------------------------- two windows, one board


@dataclass
class Screens:
    """Two board windows on one database, each through a Database object of its own."""

    a: BoardWindow
    b: BoardWindow
    db_a: Database
    db_b: Database
    seed: Seed
    url: str


@pytest.fixture(params=BACKENDS)
def screens(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[Screens]:
    url = request.getfixturevalue(
        "sqlite_head_url" if request.param == "sqlite" else "postgres_head_url"
    )
    i18n.set_language("da")
    ensure_app()
    db_a, db_b = open_database(url), open_database(url)
    seed = seed_board(db_a)
    windows = []
    for db, x in ((db_a, 0), (db_b, 800)):
        window = BoardWindow(db, seed.board_id)
        qtbot.addWidget(window)
        window.resize(1400, 850)
        window.move(x, 0)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
    for window in windows:
        settle(qtbot, window)
    try:
        yield Screens(windows[0], windows[1], db_a, db_b, seed, url)
    finally:
        for window in windows:
            window.close()
        db_a.close()
        db_b.close()


def settle(qtbot: QtBot, window: BoardWindow) -> None:
    """The first paint's sparklines have been read: the board is at rest."""
    qtbot.waitUntil(lambda: not window.store.series_pending)
    qtbot.wait(50)


def drag(window: BoardWindow, card_id: int, src: Lane, dst: Lane, index: int) -> None:
    source, target = window.board.lanes[src], window.board.lanes[dst]
    end = to_source(source, target, drop_point(target, index, card_id))
    mouse_drag(source, card_point(source, card_id), end)


def redrawn(window: BoardWindow) -> list[frozenset[Lane]]:
    """The lanes the window is told to redraw from now on."""
    seen: list[frozenset[Lane]] = []
    window.store.changed.connect(seen.append)
    return seen


def test_a_drag_on_one_screen_shows_on_the_other_within_a_second(
    screens: Screens, qtbot: QtBot
) -> None:
    card_id = screens.seed.lanes[Lane.IDEAS][1]
    b_lanes = screens.b.board.lanes
    lanes_b = redrawn(screens.b)
    others_before = {lane: b_lanes[lane].card_ids() for lane in (Lane.ACTIVITIES, Lane.LOG)}

    drag(screens.a, card_id, Lane.IDEAS, Lane.PRIORITISED, 1)
    assert screens.a.board.lanes[Lane.PRIORITISED].card_ids()[1] == card_id  # A did it

    qtbot.waitUntil(lambda: card_id in b_lanes[Lane.PRIORITISED].card_ids(), timeout=1000)
    assert b_lanes[Lane.PRIORITISED].card_ids()[1] == card_id
    assert card_id not in b_lanes[Lane.IDEAS].card_ids()
    # Only the two lanes concerned were redrawn; the rest of B's board stood still.
    assert set().union(*lanes_b) == {Lane.IDEAS, Lane.PRIORITISED}
    assert {lane: b_lanes[lane].card_ids() for lane in others_before} == others_before
    screenshot(screens.b, f"live-{screens.url.split(':')[0]}-other-screen")


def test_a_window_showing_another_board_ignores_the_change(screens: Screens, qtbot: QtBot) -> None:
    other = boards.create_board(screens.db_b, "Forældrekurser")
    idea = cards.add_card(screens.db_b, other.id, "Kursus om søvn")
    screens.b.ops.open_board(other.id)
    settle(qtbot, screens.b)
    lanes_b = redrawn(screens.b)
    reads: list[int] = []
    refresh = screens.b.ops.refresh
    screens.b.ops.refresh = lambda: (reads.append(1), refresh())[1]  # type: ignore[method-assign]
    card_id = screens.seed.lanes[Lane.IDEAS][0]

    drag(screens.a, card_id, Lane.IDEAS, Lane.PRIORITISED, 0)
    qtbot.wait(700)

    assert lanes_b == []  # nothing on B's board was redrawn
    assert screens.b.board.lanes[Lane.IDEAS].card_ids() == [idea.id]
    if not screens.db_b.is_sqlite:  # the notice names the board: B does not even read
        assert reads == []


def test_a_drag_in_progress_survives_a_change_from_the_other_screen(
    screens: Screens, qtbot: QtBot
) -> None:
    seed, b = screens.seed, screens.b
    mine, theirs = seed.lanes[Lane.IDEAS][0], seed.lanes[Lane.IDEAS][2]
    source, target = b.board.lanes[Lane.IDEAS], b.board.lanes[Lane.PRIORITISED]
    start = card_point(source, mine)
    end = to_source(source, target, drop_point(target, 0, mine))
    QTest.mousePress(source, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for point in path(start, end):
        QTest.mouseMove(source, point)
    assert b.board.drag.active

    drag(screens.a, theirs, Lane.IDEAS, Lane.ACTIVITIES, 0)  # meanwhile, on the other screen
    answer_owner(screens.a, seed)
    qtbot.wait(700)  # more than enough for the change to arrive

    assert b.board.drag.active  # the card is still in B's hand
    assert b.board.drag.card_id == mine
    # Nothing shifts under the finger: the lanes stay as they were until the drop.
    assert b.board.lanes[Lane.IDEAS].card_ids() == seed.lanes[Lane.IDEAS]
    assert theirs not in b.board.lanes[Lane.ACTIVITIES].card_ids()
    QTest.mouseRelease(source, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)

    assert target.card_ids()[0] == mine  # B's drop went where B dropped it
    qtbot.waitUntil(lambda: theirs in b.board.lanes[Lane.ACTIVITIES].card_ids(), timeout=1000)
    stored = boards.load_board(screens.db_a, seed.board_id)
    assert stored.lane(Lane.PRIORITISED)[0].id == mine
    assert stored.lane(Lane.ACTIVITIES)[0].id == theirs


def answer_owner(window: BoardWindow, seed: Seed) -> None:
    sheet = window.sheet
    assert sheet is not None and sheet.objectName() == "owner-prompt"
    click(button(sheet, f"person-{seed.people[1]}"))
    click(button(sheet, "prompt-save"))


def test_an_undo_of_a_card_changed_on_the_other_screen_is_refused_calmly(
    screens: Screens, qtbot: QtBot
) -> None:
    seed, a, b = screens.seed, screens.a, screens.b
    card_id, untouched = seed.lanes[Lane.IDEAS][0], seed.lanes[Lane.IDEAS][1]
    drag(a, untouched, Lane.IDEAS, Lane.PRIORITISED, 0)  # A: a move nobody else touches
    drag(a, card_id, Lane.IDEAS, Lane.PRIORITISED, 0)  # A: a move B will change
    qtbot.waitUntil(lambda: card_id in b.board.lanes[Lane.PRIORITISED].card_ids(), timeout=1000)
    b_card = b.store.card(card_id)
    assert b_card is not None
    cards.edit_card(screens.db_b, card_id, b_card.version, title="Gravidliste (ændret på B)")
    qtbot.waitUntil(
        lambda: getattr(a.store.card(card_id), "title", "") == "Gravidliste (ændret på B)",
        timeout=1000,
    )
    # A's sheet, opened before the change, stays open through it.
    QTest.mouseClick(
        a.board.lanes[Lane.PRIORITISED], Qt.MouseButton.RightButton,
        pos=card_point(a.board.lanes[Lane.PRIORITISED], untouched),
    )  # fmt: skip
    sheet = a.sheet
    assert sheet is not None
    title = boards.load_board(screens.db_b, seed.board_id)
    cards.edit_card(
        screens.db_b, seed.lanes[Lane.LOG][1],
        next(c.version for c in title.cards if c.id == seed.lanes[Lane.LOG][1]),
        title="Slyngevejledning (ny udgave)",
    )  # fmt: skip
    qtbot.waitUntil(
        lambda: "ny udgave" in getattr(a.store.card(seed.lanes[Lane.LOG][1]), "title", ""),
        timeout=1000,
    )
    assert a.sheet is sheet and sheet.isVisible()
    a.close_sheet()
    assert a.ops.undo_stack.count() == 2  # the refreshes kept A's undo history

    click(a.top.undo_button)  # the move of the card B has changed since

    stored = boards.load_board(screens.db_b, seed.board_id)
    card = next(c for c in stored.cards if c.id == card_id)
    assert card.lane is Lane.PRIORITISED and card.title == "Gravidliste (ændret på B)"
    assert "anden skærm" in a.message.text  # said calmly, in words
    assert a.ops.undo_stack.count() == 1  # the stale step is gone; the other one stays
    click(a.top.undo_button)  # A's own move of a card nobody else touched undoes fine
    stored = boards.load_board(screens.db_b, seed.board_id)
    assert next(c for c in stored.cards if c.id == untouched).lane is Lane.IDEAS


@pytest.mark.postgres
def test_a_lost_connection_is_told_retried_and_caught_up(
    pg_pair: tuple[Database, Database], qtbot: QtBot
) -> None:
    from board.ui.operations.live import LiveUpdates

    writer, watcher = pg_pair
    board = boards.create_board(writer, "Team Nord")
    ensure_app()
    live = LiveUpdates(watcher)
    events: list[object] = []
    live.lost.connect(lambda when: events.append(("lost", when)))
    live.restored.connect(lambda: events.append("restored"))
    live.changed.connect(lambda boards_: events.append(("changed", boards_)))
    live.start()
    try:
        before = datetime.now()
        with writer.write() as s:  # the server ends the watching connection (a restart)
            s.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()"
                )
            )
        qtbot.waitUntil(lambda: any(e[0] == "lost" for e in events if isinstance(e, tuple)))
        when = next(e[1] for e in events if isinstance(e, tuple) and e[0] == "lost")
        assert isinstance(when, datetime) and when <= datetime.now()
        assert (before - when).total_seconds() < 60  # the last contact, not some old time
        # Back after the first back-off step (1 s); then one "look at everything".
        qtbot.waitUntil(lambda: "restored" in events, timeout=3000)
        at = events.index("restored")
        assert events[at + 1] == ("changed", None)
        cards.add_card(writer, board.id, "Efter genforbindelsen")
        qtbot.waitUntil(lambda: events[-1] == ("changed", frozenset({board.id})), timeout=1000)
    finally:
        live.stop()
