"""Images as bytes: the PNG of the board photo, for a file and for a mail attachment."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage

from board.domain.errors import BoardError


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stub types the format as bytes, but PySide6 raises ValueError for bytes here.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise BoardError("error.generic")
    return bytes(buffer.data().data())
