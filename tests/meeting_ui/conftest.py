"""Meeting tests: the demo board of Hæfte 4 on a fresh SQLite file, the wall window, a clock
the test moves, this machine's settings and minutes folder under tmp_path, and a real SMTP
server on 127.0.0.1 (aiosmtpd) when a test asks for one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_server import Inbox, serving

from board import i18n
from board.persistence.database import Database, open_database
from board.services import boards, demo

from .helpers import FakeClock


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path}/demo.sqlite3")
    demo.create_demo(db)
    yield db
    db.close()


@pytest.fixture
def board_id(demo_db: Database) -> int:
    board = boards.first_board(demo_db)
    assert board is not None
    return board.id


@pytest.fixture
def minutes_dir(tmp_path: Path) -> Path:
    return tmp_path / "referater"


@pytest.fixture
def settings_file(tmp_path: Path, minutes_dir: Path) -> Path:
    """This machine's settings: minutes saved under tmp_path, no mail server yet."""
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"minutes_folder": str(minutes_dir)}), encoding="utf-8")
    return path


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """One time for the meeting's record and for the countdown, moved by the test."""
    fake = FakeClock()
    monkeypatch.setattr("board.services.meetings.now", lambda: fake.now)
    return fake


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A keyring in memory: tests never touch this machine's own."""
    stored: dict[str, str] = {}
    monkeypatch.setattr("board.settings.get_password", lambda smtp: stored.get(smtp.keyring_user))

    def put(smtp, password):  # type: ignore[no-untyped-def]
        stored[smtp.keyring_user] = password
        return True

    monkeypatch.setattr("board.settings.set_password", put)
    return stored


def open_window(
    qtbot,
    db: Database,
    board_id: int,
    clock: FakeClock,
    settings_file: Path,
    size: tuple[int, int],
    wall: bool,
):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    ensure_app()
    win = BoardWindow(db, board_id)
    qtbot.addWidget(win)
    meetings = win.meetings
    assert meetings is not None
    meetings.clock.now = clock
    meetings.settings_path = settings_file
    opened: list[Path] = []
    meetings.sending.open_path = opened.append  # no mail program or PDF viewer in a test
    win.opened = opened  # type: ignore[attr-defined]
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    if wall:
        win.set_wall(True)
        qtbot.waitUntil(lambda: win.size().toTuple() == size)
    return win


@pytest.fixture
def wall(qtbot, demo_db, board_id, clock, settings_file):  # type: ignore[no-untyped-def]
    """The demo board full screen on the 55-inch wall (1920x1080), in Danish."""
    i18n.set_language("da")
    return open_window(qtbot, demo_db, board_id, clock, settings_file, (1920, 1080), True)


@pytest.fixture
def laptop(qtbot, demo_db, board_id, clock, settings_file):  # type: ignore[no-untyped-def]
    i18n.set_language("da")
    return open_window(qtbot, demo_db, board_id, clock, settings_file, (1366, 768), False)


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    with serving() as running:
        yield running
