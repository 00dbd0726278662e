"""A photo of the board (PNG), drawn by the window's own widgets offscreen.

It draws a BoardState, so the same code pictures the live board (``forbedringstavle photo``)
and a board frozen in a meeting's snapshot (the minutes of a past meeting).
"""

from __future__ import annotations

import pathlib
from datetime import date

from PySide6.QtGui import QImage

from board.atomic_file import write_bytes
from board.domain.entities import BoardState
from board.persistence.database import Database
from board.ui.common.images import png_bytes
from board.ui.operations.steps import read_board
from board.ui.shell.board_window import BoardWindow

# The largest layout a photo gets: a bigger photo is the same board drawn sharper (as the
# minutes' photo is), not more of it in smaller type.
PHOTO_LAYOUT = (1920, 1080)


def photo_layout(size: tuple[int, int]) -> tuple[tuple[int, int], float]:
    """The size to lay the board out at for a photo of ``size`` pixels, and the scale."""
    width, height = size
    scale = max(1.0, min(width / PHOTO_LAYOUT[0], height / PHOTO_LAYOUT[1]))
    return (round(width / scale), round(height / scale)), scale


def board_image(
    state: BoardState,
    size: tuple[int, int] = (1920, 1080),
    wall: bool = False,
    scale: float = 1,
    day: date | None = None,
    pixels: tuple[int, int] | None = None,
) -> QImage:
    """The board window laid out at ``size`` and drawn at ``scale`` times as many pixels
    (see BoardWindow.draw)."""
    return BoardWindow.draw(state, size, wall, scale, day, pixels)


def render_board_image(
    db: Database, board_id: int, size: tuple[int, int] = (1920, 1080), wall: bool = False
) -> QImage:
    """A photo of ``size`` pixels; above PHOTO_LAYOUT the board is laid out there and scaled."""
    layout, scale = photo_layout(size)
    return board_image(read_board(db, board_id), layout, wall, scale, pixels=size)


def minutes_photo(state: BoardState, day: date) -> QImage:
    """The board as the minutes show it, dated ``day`` (GUI thread: it draws widgets)."""
    return BoardWindow.minutes_photo(state, day)


def render_board_png(
    db: Database,
    board_id: int,
    path: pathlib.Path,
    size: tuple[int, int] = (1920, 1080),
    wall: bool = False,
) -> None:
    """Write the photo of the live board atomically (never a half-written file)."""
    write_bytes(pathlib.Path(path), png_bytes(render_board_image(db, board_id, size, wall)))
