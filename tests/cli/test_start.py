"""Starting the program (``forbedringstavle`` without a command) in a process of its own.

On an up-to-date SQLite file the window paints before SQLAlchemy is imported (board/app.py),
then opens the database and works as always; a file refused after that paint gives the
same one line as any command, and stays untouched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import Result, Run

from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.persistence.location import sqlite_url
from board.services import boards
from board.services.demo import create_demo

PROBE = Path(__file__).with_name("start_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def _probe(env: dict[str, str], cwd: Path, *args: str | Path) -> tuple[Result, dict[str, Any]]:
    """Run the program through start_probe.py (this checkout's code, whatever is installed)."""
    paths = [str(ROOT), env.get("PYTHONPATH", "")]
    env = {**env, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, str(PROBE), *map(str, args)], env=env, cwd=cwd, capture_output=True,
        text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    result = Result(done)
    assert result.code == 0, result.err[-3000:]
    return result, json.loads(result.out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_500(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(sqlite_url(path))
    create_demo(db, extra_cards=500)
    db.close()
    return path


def _ideas_on_disk(path: Path) -> list[int]:
    db = open_database(sqlite_url(path))
    try:
        board = boards.first_board(db)
        assert board is not None
        return [c.id for c in boards.load_board(db, board.id).lane(Lane.IDEAS)]
    finally:
        db.close()


def test_the_board_is_painted_before_sqlalchemy_is_imported_and_then_works(
    cli_env: dict[str, str], tmp_path: Path, demo_500: Path
) -> None:
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(demo_500, path)
    ideas = _ideas_on_disk(path)
    result, seen = _probe(cli_env, tmp_path, "--db", path)
    assert result.err == ""
    assert seen["sqlalchemy_at_first_paint"] is False
    assert seen["charts_at_first_paint"] == []
    # ... and loaded once the goal cards' sparklines are drawn, after the database is open.
    assert "board.ui.common.chart_view" in seen["charts_with_sparklines"]
    assert seen["board"] == "Spædbarnsindsatsen"
    # What was painted first is what the window shows once the service has read the board.
    assert seen["painted_lanes"]["ideas"] == ideas
    assert seen["painted_lanes"] == seen["lanes"]
    assert sum(map(len, seen["lanes"].values())) > 500
    assert seen["message"] == ""
    # An idea added once the database was open is on disk, at the end of Idéer.
    assert _ideas_on_disk(path) == [*ideas, seen["added"]]


def test_the_wall_is_painted_first_too_and_fills_the_screen(
    cli_env: dict[str, str], tmp_path: Path, demo_500: Path
) -> None:
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(demo_500, path)
    screen = ROOT / "tests" / "offscreen-screen.json"
    env = {**cli_env, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    _, seen = _probe(env, tmp_path, "--db", path, "--wall")
    assert seen["sqlalchemy_at_first_paint"] is False
    assert seen["wall"] is True
    assert seen["window"] == seen["screen"] == [0, 0, 1920, 1080]
    assert seen["painted_lanes"] == seen["lanes"]


def test_a_first_start_on_a_new_file_goes_the_usual_way(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "new.sqlite3"
    _, seen = _probe(cli_env, tmp_path, "--db", path)
    assert seen["sqlalchemy_at_first_paint"] is True  # created before anything is painted
    assert seen["board"] == "Spædbarnsindsatsen"  # the demo board, made on the first start
    assert seen["painted_lanes"] == seen["lanes"]
    assert _ideas_on_disk(path)[-1] == seen["added"]


def _without_dispatch(path: Path) -> None:
    """Stamped HEAD, every table the board shows, one the minutes need missing."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE dispatch")
    conn.close()


def test_a_file_refused_after_the_paint_gives_the_usual_line_and_stays_untouched(
    run: Run, tmp_path: Path, demo_500: Path
) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    path = folder / "board.sqlite3"
    shutil.copyfile(demo_500, path)
    _without_dispatch(path)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    usual = run("boards", "--db", path).assert_clean_failure()
    assert "beskadiget" in usual
    line = run("--db", path, timeout=60).assert_clean_failure()
    assert line == usual
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before
