"""Template UI tests: the board window's fixtures (a real SQLite file, real widgets), and the
demo board of Hæfte 4, in a laptop window or full screen on the wall."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ui.conftest import seed, ui_db, ui_url, window  # noqa: F401  (the same fixtures)

from board import i18n
from board.persistence.database import Database
from board.services import boards, demo


def _window(qtbot, db: Database, board_id: int, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(db, board_id)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def demo_board(ui_db: Database) -> int:  # noqa: F811
    demo.create_demo(ui_db)
    board = boards.first_board(ui_db)
    assert board is not None
    return board.id


@pytest.fixture
def laptop(qtbot, ui_db: Database, demo_board: int) -> Iterator[object]:  # noqa: F811
    """The demo board in a 1366x768 laptop window."""
    yield _window(qtbot, ui_db, demo_board, (1366, 768))


@pytest.fixture
def wall(qtbot, ui_db: Database, demo_board: int) -> Iterator[object]:  # noqa: F811
    """The demo board full screen on the 55-inch Full HD test wall."""
    win = _window(qtbot, ui_db, demo_board, (1366, 768))
    win.set_wall(True)
    qtbot.waitUntil(lambda: win.size().toTuple() == (1920, 1080))
    yield win
