"""Where the board's database lives: the --db option, the environment, or the user's data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_dir

from board.domain.errors import StorageError

ENV_VAR = "FORBEDRINGSTAVLE_DB"
APP_DIR_NAME = "Forbedringstavle"


def data_dir() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def default_sqlite_path() -> Path:
    return data_dir() / "forbedringstavle.sqlite3"


def resolve_url(option: str | None) -> str:
    """The database URL: ``--db``, then FORBEDRINGSTAVLE_DB, then the data folder's SQLite file.

    A plain file path is taken as a SQLite database, so ``--db board.sqlite3`` works; a value
    with a colon that is not a drive letter (``x::``) is a mistyped address, never a file name.
    """
    value = option or os.environ.get(ENV_VAR) or ""
    if not value:
        return sqlite_url(default_sqlite_path())
    if "://" in value:
        return checked_url(value)
    if ":" in _DRIVE.sub("", value, count=1):
        raise StorageError("error.db_bad_location", where=value)
    return sqlite_url(Path(value))


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")  # C:\ or C:/ on Windows


def is_default_url(url: str) -> bool:
    """The data folder's own file: the only location whose folder is created when missing."""
    return url == sqlite_url(default_sqlite_path())


def checked_url(value: str) -> str:
    """The URL if it can be read and names a known kind of database; else a clear StorageError."""
    # Here, not at the top: a start on a plain file path paints before SQLAlchemy is loaded.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        make_url(value).get_dialect()
    except NoSuchModuleError:
        raise StorageError("error.db_driver", where=_without_password(value)) from None
    except (ArgumentError, ValueError):
        raise StorageError("error.db_bad_url", where=_without_password(value)) from None
    return value


def _without_password(value: str) -> str:
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", value)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"
