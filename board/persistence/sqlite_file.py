"""A read-only look at a SQLite file with the standard library only (no SQLAlchemy).

The opener decides from it whether a file is opened, upgraded or refused before a byte is
written; the start reads the first board through it before SQLAlchemy is even imported.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from board.domain.errors import StorageError
from board.persistence.server import is_refused_connection, server_reason

log = logging.getLogger("board.persistence.database")


def storage_error(exc: BaseException, where: str) -> StorageError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return StorageError("error.db_locked", where=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StorageError("error.db_corrupt", where=where)
    if "unable to open" in text or "permission" in text or "readonly" in text:
        return StorageError("error.db_unreadable", where=where)
    if is_refused_connection(text) and (reason := server_reason(text)) is not None:
        return StorageError(reason, where=where)  # the board server said why: say it too
    if "connection" in text or "could not connect" in text or "refused" in text:
        return StorageError("error.db_connect", where=where)
    log.warning("database error: %s", type(exc).__name__)
    return StorageError("error.db_failed", where=where)


def writable(path: Path) -> bool:
    """Writable by us and meant to be: root may write anything, but a file or folder without
    any write bit was made read-only on purpose (SQLite also needs the folder for its
    journal)."""
    targets = [path, path.parent] if path.is_file() else [path]
    for target in targets:
        try:
            mode = target.stat().st_mode
        except OSError:
            return False
        if not mode & 0o222 or not os.access(target, os.W_OK):
            return False
    return True


class FileState:
    def __init__(self, schema: dict[str, frozenset[str]], revision: str | None) -> None:
        self.schema = schema
        self.revision = revision


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot change the file or its folder.

    immutable=1: no -wal/-shm is created; only safe when no other program has it open in WAL
    mode, which an existing -wal file would show."""
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=2.0)


def inspect_sqlite_file(path: Path) -> FileState:
    """Look at an existing file without changing a byte of it."""
    where = str(path)
    if path.is_dir():
        raise StorageError("error.db_unreadable", where=where)
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError:
        raise StorageError("error.db_unreadable", where=where) from None
    if header and header != b"SQLite format 3\x00":
        raise StorageError("error.db_corrupt", where=where)
    if not header:
        return FileState({}, None)  # an empty file: a new database
    try:
        conn = read_only_connection(path)
    except sqlite3.Error:
        raise StorageError("error.db_unreadable", where=where) from None
    try:
        return inspect_connection(conn, where)
    finally:
        conn.close()


def inspect_connection(conn: sqlite3.Connection, where: str) -> FileState:
    """The revision and schema behind a read-only connection; a damaged file is refused."""
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StorageError("error.db_corrupt", where=where)
        revision = None
        if "alembic_version" in names:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        schema = {
            name: frozenset(
                r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (name,))
            )
            for name in names
            if name != "alembic_version" and not name.startswith("sqlite_")
        }
        if "alembic_version" in names and revision is None:
            schema["alembic_version"] = frozenset()  # tables, but no stamp: not ours
        return FileState(schema, revision)
    except sqlite3.Error as exc:
        raise storage_error(exc, where) from None
