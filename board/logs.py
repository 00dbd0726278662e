"""Where the program writes its own log. Never card contents: only what happened and where."""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from board.persistence.location import data_dir


def log_file() -> Path:
    return data_dir() / "logs" / "forbedringstavle.log"


def configure() -> None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def log_crash(exc: BaseException) -> None:
    """Record where an unexpected error happened: its type and stack, not its message.

    Messages of database errors carry the values being written, which may be about citizens.
    """
    frames = "".join(traceback.format_tb(exc.__traceback__))
    logging.getLogger("board.crash").error("unexpected %s\n%s", type(exc).__name__, frames)
