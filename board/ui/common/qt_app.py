"""Creating the QApplication once, headless when there is no display."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QMessageLogContext,
    Qt,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from board.i18n import language, tr
from board.ui.common.theme import FAMILY, install_fonts

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


_translator: QTranslator | None = None
_gaps: QTranslator | None = None

# Qt's own Danish catalog lacks a few of the file dialog's labels: ours fill them in.
GAPS = {
    ("QFileDialog", "&Look in:"): "qt.file_dialog.look_in",
    ("QFileDialog", "Files of &type:"): "qt.file_dialog.file_type",
}


class CatalogGaps(QTranslator):
    """Qt texts that Qt's own catalog leaves in English, from the app's catalogs."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        key = GAPS.get((context, source))
        return tr(key) if key is not None else None  # None: not ours, ask the next one

    def isEmpty(self) -> bool:
        return False


def install_qt_translations(app: QCoreApplication) -> bool:
    """Qt's own texts (the file dialog, "Annuller", "Ja"/"Nej") in the app's language.

    Qt ships its catalogs (qtbase_da.qm) with PySide6; English needs none. Follows the
    language chosen when called (each window asks through ensure_app).
    """
    global _translator, _gaps
    lang = language()
    if _translator is not None:
        if _translator.language().startswith(lang):
            return True
        app.removeTranslator(_translator)
        _translator = None
    if lang == "en":
        if _gaps is not None:
            app.removeTranslator(_gaps)
            _gaps = None
        return True
    if _gaps is None:
        _gaps = CatalogGaps(app)  # asked after Qt's own catalog (installed later wins)
        app.installTranslator(_gaps)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", folder) or not app.installTranslator(translator):
        _log.warning("Qt's own %s translations were not found in %s", lang, folder)
        return False
    _translator = translator
    return True


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
    install_qt_translations(app)
    app.setApplicationName("Forbedringstavle")
    app.setApplicationDisplayName(tr("app.name"))
    install_fonts()
    font = QFont(FAMILY)
    font.setPointSizeF(10)
    app.setFont(font)
    return app
