"""Starting reads the board without the ORM: configuring every mapper and compiling ORM
statements is a noticeable part of the time to the first painted board (DESIGN.md's start
budget), so what the first paint reads comes as plain rows (SQLAlchemy Core)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from board.persistence.database import open_database
from board.services.demo import create_demo

ROOT = Path(__file__).resolve().parents[2]

# What a start reads through SQLAlchemy (board/app.py, BoardWindow, MeetingController: the
# usual way, and right after a first paint from persistence/first_read.py), in a fresh process,
# where no mapper has been configured yet.
PROBE = """
import sys
from sqlalchemy import inspect
from board.persistence.database import open_database
from board.persistence.records import CardRecord
from board.services import boards, meetings

db = open_database(sys.argv[1])
board = boards.first_board(db)
state = boards.load_board(db, board.id)
meeting = meetings.open_meeting(db, board.id)
print(len(state.cards), len(state.goals), meeting, inspect(CardRecord).configured)
"""


def test_a_start_reads_the_board_without_configuring_the_orm(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'board.sqlite3'}"
    db = open_database(url)
    create_demo(db, extra_cards=5)
    db.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, url], capture_output=True, text=True, env=env, check=True,
        timeout=120,
    ).stdout.split()  # fmt: skip
    cards, goals, meeting, configured = out
    assert int(cards) > 5 and int(goals) > 0  # the whole board was read...
    assert meeting == "None"
    assert configured == "False"  # ...and no mapper had to be configured for it
