"""Creating the QApplication once, headless when there is no display."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import (
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from board.i18n import tr
from board.ui.theme import FAMILY, install_fonts

_log = logging.getLogger("board.qt")
# Harmless notes from Qt's offscreen platform that would only confuse a user of the CLI.
_QUIET = ("propagateSizeHints",)


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to the user's terminal."""
    if any(part in message for part in _QUIET):
        return
    level = (
        logging.DEBUG if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else logging.WARNING
    )
    _log.log(level, "Qt: %s", message)


def use_offscreen_without_display() -> None:
    """On Linux without X11 or Wayland, render offscreen (the photo from a server or CI)."""
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        use_offscreen_without_display()
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            # Follow the screen's scaling exactly (125 %, 150 %), not rounded to 100 or 200 %.
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        qInstallMessageHandler(_qt_message)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Forbedringstavle")
    app.setApplicationDisplayName(tr("app.name"))
    install_fonts()
    font = QFont(FAMILY)
    font.setPointSizeF(10)
    app.setFont(font)
    return app
