"""A photo of the board (PNG) for the minutes, drawn by the window's own widgets offscreen."""

from __future__ import annotations

import os
import pathlib
import tempfile

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage

from board.domain.errors import BoardError
from board.persistence.database import Database
from board.ui.qt_app import ensure_app


def render_board_image(
    db: Database, board_id: int, size: tuple[int, int] = (1920, 1080), wall: bool = False
) -> QImage:
    """The board window drawn at ``size`` pixels (without undo, archive and mode buttons)."""
    app = ensure_app()
    from board.ui.board_window import BoardWindow

    width, height = size
    window = BoardWindow(db, None, wall=wall, photo=True)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(width, height)
        if not window.ops.open_board(board_id):
            raise BoardError("error.not_found", what="board", id=board_id)
        window.show()
        window.set_wall(wall)
        window.resize(width, height)
        app.processEvents()
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(1.0)
        image.fill(window.theme.palette.window)
        window.render(image)
        return image
    finally:
        window.close()
        window.deleteLater()


def render_board_png(
    db: Database,
    board_id: int,
    path: pathlib.Path,
    size: tuple[int, int] = (1920, 1080),
    wall: bool = False,
) -> None:
    """Write the photo atomically: a temporary file in the same folder, then a rename."""
    image = render_board_image(db, board_id, size, wall)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise BoardError("error.write_file", path=str(path))
    data = bytes(buffer.data().data())
    path = pathlib.Path(path)
    folder = path.parent if str(path.parent) else pathlib.Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError:
        pathlib.Path(temp).unlink(missing_ok=True)
        raise BoardError("error.write_file", path=str(path)) from None
