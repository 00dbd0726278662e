"""The server goes away during a session, and comes back: a banner, nothing typed lost.

A PostgreSQL server of this module's own (the session's is shared by every test): it is
halted and resumed on the same port and data folder, as a restart or a pulled network cable
looks to the program (every connection ends; new ones are refused until it is back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from pg_server import PostgresServer, find_pgbin
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from template_ui.helpers import fill, open_by_tap
from ui.helpers import Seed, card_point, drop_point, lane_ids, mouse_drag, screenshot, seed_board

from board import i18n
from board.dates import at_time
from board.domain.lanes import Lane
from board.i18n import tr
from board.persistence.database import Database, open_database
from board.services import boards

pytestmark = pytest.mark.postgres

BACK_WITHIN_MS = 60_000  # the back-off retries at 1, 2, 4, 8, 15, 30 s: the server starts slowly


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    if find_pgbin() is None:
        pytest.skip("no PostgreSQL server binaries")
    own = PostgresServer.start()
    try:
        yield own
    finally:
        own.stop()


@pytest.fixture
def url(server: PostgresServer) -> Iterator[str]:
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        if not server.running:  # a test that failed while the server was away
            server.resume()
        server.drop_database(name)


@pytest.fixture
def db(url: str) -> Iterator[Database]:
    database = open_database(url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def seed(db: Database) -> Seed:
    return seed_board(db)


@pytest.fixture
def window(qtbot, db: Database, seed: Seed):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(db, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def fresh(url: str, board_id: int):  # type: ignore[no-untyped-def]
    """The board as stored, read through a connection of its own."""
    other = open_database(url)
    try:
        return boards.load_board(other, board_id)
    finally:
        other.close()


def wait_for_banner(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.status.lost_since is not None, timeout=15_000)
    assert window.status.isVisible()
    return str(window.status.text)


def test_typed_text_waits_for_the_server_and_is_saved_when_it_is_back(
    qtbot, server: PostgresServer, url: str, window, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    card = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card)
    stopped = datetime.now()
    server.halt()
    text = wait_for_banner(qtbot, window)
    # "… – sidste kontakt kl. 23.41. …": the last contact, within the minute of the halt.
    times = {at_time(stopped - timedelta(minutes=1)), at_time(stopped), at_time(datetime.now())}
    match = re.fullmatch(
        r"Forbindelsen til serveren er afbrudt – sidste kontakt (kl\. [\d.]+)\. Programmet"
        r" prøver igen af sig selv, og det, du skriver, gemmes, når forbindelsen er tilbage\.",
        text,
    )
    assert match is not None, text
    assert match.group(1) in times

    description = page.description.widget
    fill(description, "Skrevet mens serveren var væk")
    QTest.keyClick(description, Qt.Key.Key_Tab)  # leaving the field saves it: it cannot
    QApplication.processEvents()
    note = description.findChild(QLabel, "unsaved-description")
    assert note is not None and note.isVisible() and note.text() == "Ikke gemt endnu"
    assert window.message.text == tr("live.down.not_saved")
    assert not page.close_page()  # back to the board would lose it: the page stays
    screenshot(window, "live-down-template")

    server.resume()
    qtbot.waitUntil(lambda: window.status.lost_since is None, timeout=BACK_WITHIN_MS)
    assert not window.status.isVisible()
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=5000)
    stored = fresh(url, seed.board_id)
    assert next(c for c in stored.cards if c.id == card).description == (
        "Skrevet mens serveren var væk"
    )
    assert page.close_page()


def test_closing_the_window_over_text_the_server_did_not_take_asks_first(
    qtbot, server: PostgresServer, url: str, window, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget
    from template_ui.helpers import child, tap, text_of

    card = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card)
    server.halt()
    wait_for_banner(qtbot, window)
    fill(page.description.widget, "Skrevet lige før lukning")

    def asked() -> QWidget:
        QApplication.processEvents()
        sheet = next(
            s for s in window.findChildren(QWidget, "unsaved-close-sheet") if s.isVisible()
        )
        shown = [label.text() for label in sheet.findChildren(QLabel)]
        assert "Noget af det, du har skrevet, er ikke gemt" in shown
        assert any(t.startswith("Forbindelsen til serveren er afbrudt lige nu.") for t in shown)
        return sheet

    window.close()  # one more try to save: the server is still away, so it asks
    assert window.isVisible() and page.is_open
    screenshot(window, "live-down-close")
    tap(child(asked(), "unsaved-wait"))  # »Vent«
    assert window.isVisible()
    assert text_of(page.description.widget) == "Skrevet lige før lukning"
    window.close()
    tap(child(asked(), "unsaved-close"))  # »Luk alligevel«: the user's own choice
    assert not window.isVisible()
    server.resume()
    stored = fresh(url, seed.board_id)
    assert next(c for c in stored.cards if c.id == card).description != "Skrevet lige før lukning"


def test_a_drop_while_the_server_is_away_puts_the_card_back_and_says_so(
    qtbot, server: PostgresServer, url: str, window, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    before = fresh(url, seed.board_id)
    server.halt()
    wait_for_banner(qtbot, window)
    ideas, target = window.board.lanes[Lane.IDEAS], window.board.lanes[Lane.PRIORITISED]
    card = seed.lanes[Lane.IDEAS][0]
    end = ideas.mapFrom(window, target.mapTo(window, drop_point(target, 0, card)))
    mouse_drag(ideas, card_point(ideas, card), end)
    QApplication.processEvents()
    assert window.store.card(card).lane is Lane.IDEAS  # back where it was
    assert window.message.text == (
        "Ændringen er ikke gemt, fordi forbindelsen til serveren er afbrudt."
        " Prøv igen, når forbindelsen er tilbage."
    )
    assert not window.ops.undo_stack.canUndo()  # nothing to undo: nothing happened
    screenshot(window, "live-down-board")

    server.resume()
    qtbot.waitUntil(lambda: window.status.lost_since is None, timeout=BACK_WITHIN_MS)
    after = fresh(url, seed.board_id)
    assert lane_ids(after, Lane.IDEAS) == lane_ids(before, Lane.IDEAS)
    assert lane_ids(after, Lane.PRIORITISED) == lane_ids(before, Lane.PRIORITISED)


def test_a_pulled_cable_is_noticed_in_seconds_not_minutes(server: PostgresServer, url: str) -> None:
    """Without these a write on a dead link waits for the kernel's TCP timeout (minutes,
    the window frozen); the URL's own settings win."""
    for address, expected in (
        (url, {"connect_timeout": "5", "keepalives_idle": "5", "tcp_user_timeout": "5000"}),
        (f"{url}?connect_timeout=12", {"connect_timeout": "12", "tcp_user_timeout": "5000"}),
    ):
        database = open_database(address)
        try:
            with database.engine.connect() as conn:
                dbapi = conn.connection.driver_connection
                assert dbapi is not None
                parameters = dbapi.info.get_parameters()
        finally:
            database.close()
        assert {key: parameters.get(key) for key in expected} == expected


def test_a_display_screen_waits_calmly_and_follows_the_board_again(
    qtbot, server: PostgresServer, url: str, db: Database, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    from board.services import cards
    from board.ui.shell.board_window import BoardWindow
    from live.test_readonly import read_only_url

    i18n.set_language("da")
    viewer = open_database(read_only_url(server, url))
    wall = BoardWindow(viewer, seed.board_id)
    try:
        qtbot.addWidget(wall)
        wall.resize(1600, 900)
        wall.show()
        qtbot.waitExposed(wall)
        assert wall.status.text.startswith("Kun visning")
        server.halt()
        text = wait_for_banner(qtbot, wall)
        assert text.startswith("Forbindelsen til serveren er afbrudt – sidste kontakt kl. ")
        assert "det, du skriver" not in text  # nothing is typed on a display screen
        server.resume()
        qtbot.waitUntil(lambda: wall.status.lost_since is None, timeout=BACK_WITHIN_MS)
        assert wall.status.text.startswith("Kun visning")
        cards.add_card(db, seed.board_id, "Efter genstarten")
        qtbot.waitUntil(
            lambda: "Efter genstarten" in [c.title for c in wall.store.lane_cards(Lane.IDEAS)],
            timeout=3000,
        )
    finally:
        wall.close()
        viewer.close()


def test_meeting_notes_typed_while_the_server_is_away_are_saved_when_it_is_back(
    qtbot, server: PostgresServer, url: str, window
) -> None:  # type: ignore[no-untyped-def]
    from meeting_ui.test_step_outputs import go_to, notes_field, start

    from board.services import meetings

    c = start(window, "sparring")
    go_to(c, "question")
    meeting_id = c.ops.meeting.id
    server.halt()
    wait_for_banner(qtbot, window)
    field = notes_field(c)
    field.setFocus()
    QTest.keyClicks(field, "Noteret mens serveren var væk")
    qtbot.wait(1800)  # a pause in typing tries to save: it cannot
    assert field.toPlainText() == "Noteret mens serveren var væk"
    server.resume()
    qtbot.waitUntil(lambda: window.status.lost_since is None, timeout=BACK_WITHIN_MS)
    other = open_database(url)
    try:
        step = meetings.get_meeting(other, meeting_id).step("question")
        assert step is not None and step.notes == "Noteret mens serveren var væk"
    finally:
        other.close()
