"""Run as a script: start the app in wall mode as `forbedringstavle --wall` does, on whatever
display or offscreen screen the environment gives, and print the wall window's geometry, the
screen's and the card title's pixel size as JSON once the window has settled."""

from __future__ import annotations

import json
import sys
import tempfile

from PySide6.QtCore import QTimer

from board import app as board_app
from board.persistence.database import open_database
from board.services import demo
from board.ui.common.qt_app import ensure_app


def main() -> int:
    db = open_database(f"sqlite:///{tempfile.mkdtemp()}/wall.sqlite3")
    demo.create_demo(db)
    app = ensure_app()

    def probe() -> None:
        win = next(w for w in app.topLevelWidgets() if w.objectName() == "board-window")
        report = {
            "window": list(win.geometry().getRect()),
            "screen": list(win.screen().geometry().getRect()),
            "title_px": win.theme.title_font.pixelSize(),
        }
        print(json.dumps(report), flush=True)
        app.quit()

    QTimer.singleShot(1200, probe)
    return board_app.run(db, "da", wall=True)


if __name__ == "__main__":
    sys.exit(main())
