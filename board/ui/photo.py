"""A photo of the board (PNG), drawn by the window's own widgets offscreen.

It draws a BoardState, so the same code pictures the live board (``forbedringstavle photo``)
and a board frozen in a meeting's snapshot (the minutes of a past meeting).
"""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage

from board.atomic_file import write_bytes
from board.domain.entities import BoardState
from board.domain.errors import BoardError
from board.persistence.database import Database
from board.services.boards import load_board
from board.ui.qt_app import ensure_app


def board_image(
    state: BoardState, size: tuple[int, int] = (1920, 1080), wall: bool = False, scale: int = 1
) -> QImage:
    """The board window laid out at ``size`` and drawn at ``scale`` times as many pixels
    (2 = sharp when zoomed), without the undo, archive and mode buttons."""
    app = ensure_app()
    from board.ui.board_window import BoardWindow

    width, height = size
    window = BoardWindow(None, None, wall=wall, photo=True)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(width, height)
        window.store.load(state)
        window.show()
        window.set_wall(wall)
        window.resize(width, height)
        app.processEvents()
        image = QImage(width * scale, height * scale, QImage.Format.Format_RGB32)
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
    return board_image(load_board(db, board_id), size, wall)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise BoardError("error.generic")
    return bytes(buffer.data().data())


def state_png(
    state: BoardState, size: tuple[int, int] = (1920, 1080), wall: bool = False, scale: int = 1
) -> bytes:
    return png_bytes(board_image(state, size, wall, scale))


def render_board_png(
    db: Database,
    board_id: int,
    path: pathlib.Path,
    size: tuple[int, int] = (1920, 1080),
    wall: bool = False,
) -> None:
    """Write the photo of the live board atomically (never a half-written file)."""
    write_bytes(pathlib.Path(path), png_bytes(render_board_image(db, board_id, size, wall)))
