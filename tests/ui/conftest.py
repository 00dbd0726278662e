"""UI tests: real widgets, real QTest mouse and touch events, a real SQLite file per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from board import i18n
from board.persistence.database import Database, open_database

from .helpers import Seed, seed_board


@pytest.fixture
def ui_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/b.sqlite3"


@pytest.fixture
def ui_db(ui_url: str) -> Iterator[Database]:
    db = open_database(ui_url)
    yield db
    db.close()


@pytest.fixture
def seed(ui_db: Database) -> Seed:
    return seed_board(ui_db)


@pytest.fixture
def window(qtbot, ui_db: Database, seed: Seed):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(ui_db, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def demo_wall(qtbot, ui_db: Database):  # type: ignore[no-untyped-def]
    """The demo board of Hæfte 4 full screen on the 55-inch Full HD test wall."""
    from board.services import boards, demo
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    demo.create_demo(ui_db)
    board_id = boards.list_boards(ui_db)[0].board.id
    win = BoardWindow(ui_db, board_id)
    qtbot.addWidget(win)
    win.show()
    win.set_wall(True)
    qtbot.waitUntil(lambda: win.size().toTuple() == (1920, 1080))
    qtbot.waitExposed(win)
    return win
