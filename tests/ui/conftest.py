"""UI tests: real widgets, real QTest mouse and touch events, a real SQLite file per test."""

import os

# Qt's offscreen screen is 800x800 and drops touch points beyond it; a 1920x1080 screen
# lets fingers reach every lane of a full-size window.
_SCREEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "offscreen-screen.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from board import i18n  # noqa: E402
from board.persistence.database import Database, open_database  # noqa: E402

from .helpers import Seed, seed_board  # noqa: E402


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
    from board.ui.board_window import BoardWindow
    from board.ui.qt_app import ensure_app

    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(ui_db, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    return win
