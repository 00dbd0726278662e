"""The storage settings the README promises, read from the connection the program writes with.

WAL journal, synchronous=FULL (a saved card survives a power cut), foreign keys on, and a
5 s busy timeout (two screens wait for each other instead of failing), on a new database and
on one opened again.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from board.persistence import database as database_module
from board.persistence.database import Database, open_database
from board.persistence.location import sqlite_url

FULL = 2


def _settings(db: Database) -> dict[str, object]:
    with db.write() as s:  # the write session: the connection every user action commits on
        return {
            name: s.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }


EXPECTED = {
    "journal_mode": "wal",
    "synchronous": FULL,
    "foreign_keys": 1,
    "busy_timeout": round(database_module.BUSY_TIMEOUT_S * 1000),
}


def test_new_and_reopened_database_write_with_the_promised_settings(sqlite_path: Path) -> None:
    assert database_module.BUSY_TIMEOUT_S >= 5
    for _opening in ("new", "reopened"):
        db = open_database(sqlite_url(sqlite_path))
        try:
            assert _settings(db) == EXPECTED
            # Every connection of the pool, not only the first one, is set up the same way.
            connections = [db.engine.raw_connection() for _ in range(3)]
            for conn in connections:
                cursor = conn.cursor()
                cursor.execute("PRAGMA synchronous")
                assert cursor.fetchone()[0] == FULL
                cursor.close()
            for conn in connections:
                conn.close()
        finally:
            db.close()
