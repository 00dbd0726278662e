"""The program's own backup copies: listed, searched, deleted, and pruned after a retention.

The opener backs a database up before it upgrades it (database.py): a SQLite file gets a copy
beside it (``<stem>.backup-<revision>-<stamp><suffix>``), a server database a gzipped JSON
file in the data folder (``backups/<name>.backup-<revision>-<stamp>.json.gz``). They hold
everything the board held then, so they are pruned after ``backup_retention_days`` (90) at
every start, and after an erasure the user is shown those that may still hold the text.

Only the standard library at import: the start prunes before the first paint.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from board.persistence.first_read import sqlite_file_of
from board.persistence.location import data_dir, sqlite_url

if TYPE_CHECKING:
    from board.persistence.database import Database


log = logging.getLogger(__name__)

RETENTION_DAYS = 90


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    made: datetime  # the file's modification time, local
    size: int  # bytes


def list_backups(where: Database | Path | str) -> list[Backup]:
    """The program's backups of the database (open, a SQLite file, or a URL), oldest first."""
    found = []
    for path in _candidates(_url_of(where)):
        try:
            info = path.stat()
        except OSError:
            continue  # deleted meanwhile (another window pruned it)
        found.append(Backup(path, datetime.fromtimestamp(info.st_mtime), info.st_size))
    return sorted(found, key=lambda b: (b.made, b.path.name))


def delete_backups(backups: Iterable[Backup]) -> list[Backup]:
    """Delete the given backups; the ones that could not be deleted are returned."""
    left = []
    for backup in backups:
        try:
            backup.path.unlink(missing_ok=True)
        except OSError:
            left.append(backup)
    return left


def prune(
    where: Database | Path | str, older_than_days: int = RETENTION_DAYS, now: datetime | None = None
) -> int:
    """Delete the backups older than the retention (days); how many were deleted.

    Never fails a start: a backup that cannot be deleted is logged (its name, nothing else).
    """
    limit = (now or datetime.now()) - timedelta(days=max(1, older_than_days))
    try:
        old = [b for b in list_backups(where) if b.made < limit]
    except Exception:  # an address the opener will refuse with its own clear message
        log.warning("could not list the backups to prune")  # the error may name a password
        return 0
    left = delete_backups(old)
    for backup in left:
        log.warning("could not delete an expired backup: %s", backup.path.name)
    return len(old) - len(left)


def backups_holding(where: Database | Path | str, text: str) -> list[Backup]:
    """The backups that may still hold ``text`` (case-insensitive), oldest first.

    A SQLite copy is searched in its raw bytes (rows and free space alike); a gzipped JSON
    copy decompressed. A file that cannot be read is listed: it may hold it.
    """
    needle = text.casefold()
    return [b for b in list_backups(where) if not needle or _may_hold(b.path, needle)]


def _may_hold(path: Path, needle: str) -> bool:
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        return True
    return needle in data.decode("utf-8", errors="ignore").casefold()  # ours are all UTF-8


def _url_of(where: Database | Path | str) -> str:
    if isinstance(where, Path):
        return sqlite_url(where)
    if isinstance(where, str):
        return where
    return where.engine.url.render_as_string(hide_password=False)


def _candidates(url: str) -> list[Path]:
    path = sqlite_file_of(url)
    if path is not None:
        return list(path.parent.glob(f"{_glob_escape(path.stem)}.backup-*{path.suffix}"))
    if url.startswith("sqlite:"):
        return []  # an in-memory or unusual SQLite URL: the opener makes no backup of it
    from sqlalchemy.engine import make_url  # a server: never on the painted-first path

    name = make_url(url).database or "database"
    return list((data_dir() / "backups").glob(f"{_glob_escape(name)}.backup-*.json.gz"))


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
