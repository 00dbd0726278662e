"""A photo of the board (PNG), drawn by the window's own widgets offscreen.

It draws a BoardState, so the same code pictures the live board (``forbedringstavle photo``)
and a board frozen in a meeting's snapshot (the minutes of a past meeting).
"""

from __future__ import annotations

import pathlib
from datetime import date

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage

from board.atomic_file import write_bytes
from board.domain.entities import BoardState
from board.domain.errors import BoardError
from board.persistence.database import Database
from board.services.boards import load_board
from board.ui.common.qt_app import ensure_app
from board.ui.operations.board_store import ALL_LANES

# The picture in the minutes: laid out as a 1920x1080 wall, drawn at 3840x2160 so it stays
# sharp when the PDF is zoomed.
MINUTES_PHOTO_SIZE = (1920, 1080)
MINUTES_PHOTO_SCALE = 2
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
    (2 = sharp when zoomed), without the undo, archive and mode buttons. ``day`` dates the
    picture (its heading and what counts as overdue), so a past meeting's photo never
    changes with today's date. ``pixels`` is the image's exact size (default size x scale)."""
    app = ensure_app()
    from board.ui.shell.board_window import BoardWindow

    width, height = size
    window = BoardWindow(None, None, wall=wall, photo=True)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(width, height)
        window.store.load(state)
        if day is not None:
            window.store.today = day
            window.store.reloaded.emit()
            window.store.changed.emit(ALL_LANES)
        window.show()
        window.set_wall(wall)
        window.resize(width, height)
        app.processEvents()
        image_width, image_height = pixels or (round(width * scale), round(height * scale))
        image = QImage(image_width, image_height, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(scale)
        image.fill(window.theme.palette.window)
        window.render(image)
        return image
    finally:
        window.close()
        window.deleteLater()


def render_board_image(
    db: Database, board_id: int, size: tuple[int, int] = (1920, 1080), wall: bool = False
) -> QImage:
    """A photo of ``size`` pixels; above PHOTO_LAYOUT the board is laid out there and scaled."""
    layout, scale = photo_layout(size)
    return board_image(load_board(db, board_id), layout, wall, scale, pixels=size)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise BoardError("error.generic")
    return bytes(buffer.data().data())


def minutes_photo(state: BoardState, day: date) -> QImage:
    """The board as the minutes show it, dated ``day`` (GUI thread: it draws widgets)."""
    return board_image(state, MINUTES_PHOTO_SIZE, False, MINUTES_PHOTO_SCALE, day)


def render_board_png(
    db: Database,
    board_id: int,
    path: pathlib.Path,
    size: tuple[int, int] = (1920, 1080),
    wall: bool = False,
) -> None:
    """Write the photo of the live board atomically (never a half-written file)."""
    write_bytes(pathlib.Path(path), png_bytes(render_board_image(db, board_id, size, wall)))
