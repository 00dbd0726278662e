"""The start's first read: the first board of a SQLite file, with the standard library only.

Importing SQLAlchemy and opening the database through it is most of a start's time, so the
window is painted first from this read and the database is opened right after (board/app.py).
Only a file that the normal opener would open as it is takes this way: an existing, readable,
writable SQLite file that passes the same read-only inspection (header, quick_check) and is
stamped with HEAD. Anything else (PostgreSQL, a missing, empty, older, newer, foreign or
damaged file, no board yet) gives None and goes the normal way, with its normal message.

The rows become domain objects through the same functions as the service's read
(board/persistence/mapping.py); the queries are those of services.boards.load_board, and
a test compares the two field by field.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from board.domain.entities import BoardState
from board.domain.errors import StorageError
from board.persistence import mapping
from board.persistence.migrations import HEAD
from board.persistence.sqlite_file import inspect_sqlite_file, read_only_connection, writable

_SQLITE_PREFIX = "sqlite:///"


def sqlite_file_of(url: str) -> Path | None:
    """The file of a plain SQLite URL (as location.sqlite_url writes it), else None."""
    if not url.startswith(_SQLITE_PREFIX):
        return None
    rest = url[len(_SQLITE_PREFIX) :]
    if not rest or rest == ":memory:" or any(c in rest for c in "?%#"):
        return None  # options or escapes: SQLAlchemy's parsing decides, the normal way
    return Path(rest)


def read_first_board(path: Path) -> BoardState | None:
    """The first board of the file at ``path`` as the window shows it, or None (see above)."""
    try:
        if not path.is_file() or not writable(path):
            return None
        if inspect_sqlite_file(path).revision != HEAD:
            return None
        conn = read_only_connection(path)
    except (StorageError, OSError, sqlite3.Error):
        return None
    try:
        conn.row_factory = _Rows(conn)
        row = conn.execute("SELECT * FROM board ORDER BY id LIMIT 1").fetchone()
        return None if row is None else _read_board(conn, row.id)
    except (sqlite3.Error, AttributeError, ValueError, TypeError):
        # A locked file, a column missing (no such attribute), a value no record would hold:
        # the normal opener reads it again and says what it is.
        return None
    finally:
        conn.close()


def _read_board(conn: sqlite3.Connection, board_id: int) -> BoardState | None:
    """What services.boards.load_board reads, query for query."""
    board = conn.execute("SELECT * FROM board WHERE id = ?", (board_id,)).fetchone()
    if board is None:
        return None
    cards = conn.execute("SELECT * FROM card WHERE board_id = ?", (board_id,)).fetchall()
    links: dict[int, list[int]] = {}
    for link in conn.execute(
        "SELECT card_goal.card_id, card_goal.goal_id FROM card_goal"
        " JOIN card ON card.id = card_goal.card_id JOIN goal ON goal.id = card_goal.goal_id"
        " WHERE card.board_id = ? ORDER BY goal.position, goal.id",
        (board_id,),
    ):
        links.setdefault(link.card_id, []).append(link.goal_id)
    goals = conn.execute(
        "SELECT * FROM goal WHERE board_id = ? ORDER BY position", (board_id,)
    ).fetchall()
    criteria: dict[int, list[Any]] = {}
    for row in conn.execute(
        "SELECT success_criterion.* FROM success_criterion"
        " JOIN goal ON goal.id = success_criterion.goal_id"
        " WHERE goal.board_id = ? ORDER BY success_criterion.position",
        (board_id,),
    ):
        criteria.setdefault(row.goal_id, []).append(row)
    people = conn.execute(
        "SELECT * FROM person WHERE board_id = ? ORDER BY name", (board_id,)
    ).fetchall()
    log = conn.execute(
        "SELECT * FROM log_entry WHERE board_id = ? AND archived IS 0"
        " ORDER BY logged_on DESC, id DESC",
        (board_id,),
    ).fetchall()
    cycles = conn.execute(
        "SELECT cycle.* FROM cycle JOIN (SELECT cycle.card_id AS card_id, max(cycle.number) AS n"
        " FROM cycle JOIN card ON card.id = cycle.card_id WHERE card.board_id = ?"
        " GROUP BY cycle.card_id) AS newest"
        " ON cycle.card_id = newest.card_id AND cycle.number = newest.n",
        (board_id,),
    ).fetchall()
    return BoardState(
        board=mapping.board(board),
        cards=tuple(
            sorted(
                (mapping.card_from_row(row, tuple(links.get(row.id, ()))) for row in cards),
                key=lambda c: c.position,
            )
        ),
        goals=tuple(mapping.goal_from_row(g, criteria.get(g.id, ())) for g in goals),
        people=tuple(mapping.person(p) for p in people),
        log=tuple(mapping.log_entry(e) for e in log),
        current_cycles={c.card_id: mapping.cycle(c) for c in cycles},
    )


# How SQLAlchemy's SQLite dialect turns the stored text and integers back into values, by the
# column's declared type (DateTime, Date and Boolean in records.py).
_CONVERT = {
    "DATETIME": datetime.fromisoformat,
    "DATE": date.fromisoformat,
    "BOOLEAN": bool,
}


def _dates(value: str) -> tuple[date, ...]:
    """A JSON list of ISO dates (records.DateList: a chart's phase starts)."""
    return tuple(date.fromisoformat(day) for day in json.loads(value))


# Columns whose JSON text holds typed values, by name (a JSON column is otherwise not read).
_BY_NAME = {"phase_starts": _dates}


class _Rows:
    """A row factory: rows with attributes, values converted as the records declare them."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._types: dict[str, Any] = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for column in conn.execute("SELECT name, type FROM pragma_table_info(?)", (table,)):
                convert = _BY_NAME.get(column[0]) or _CONVERT.get(column[1].upper())
                if self._types.setdefault(column[0], convert) is not convert:
                    # Rows carry no table: one name must mean one type (else the normal way).
                    raise sqlite3.DatabaseError(f"column {column[0]} has two types")

    def __call__(self, cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> SimpleNamespace:
        names = [d[0] for d in cursor.description]
        types = self._types
        return SimpleNamespace(
            **{
                name: value if value is None or types.get(name) is None else types[name](value)
                for name, value in zip(names, values, strict=True)
            }
        )
