"""Starting the window: the application, the language, the board, wall or window mode.

A start on an up-to-date SQLite file paints first and opens the database second: the board
is read with the standard library (persistence/first_read.py), painted, and only then is
SQLAlchemy imported and the database opened and checked as always. Until then the window
takes no input (what arrives meanwhile waits in the queue); a database the opener refuses
after all closes the window and gives the usual message. Anything else goes the usual way.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from board.i18n import set_language, tr
from board.persistence.first_read import read_first_board, sqlite_file_of

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from board.domain.entities import BoardState
    from board.persistence.database import Database
    from board.ui.shell.board_window import BoardWindow

# How long the start waits for the window system to let the window paint before it opens
# the database anyway (offscreen and on X11 the first frame comes within milliseconds).
FIRST_PAINT_WAIT_S = 2.0


def start(
    url: str,
    lang: str,
    board_name: str | None = None,
    wall: bool = False,
    *,
    create_folder: bool = False,
) -> int:
    """``forbedringstavle`` without a command: open the database at ``url`` and run the app.

    Every refusal is a BoardError, as from ``open_database``; with no board yet, the demo
    board is made.
    """
    set_language(lang)
    path = sqlite_file_of(url) if board_name is None else None
    first = read_first_board(path) if path is not None else None
    if first is not None:
        return _run_painted_first(url, first, wall)
    from board.persistence.database import open_database
    from board.services.demo import ensure_demo

    db = open_database(url, create_folder=create_folder)
    try:
        ensure_demo(db)
        return run(db, lang, board_name=board_name, wall=wall)
    finally:
        db.close()


def configured_url(settings_file: Path | None = None) -> str | None:
    """The board server chosen in ⚙ »Del tavlen via en server« (its password from the
    keyring), or None when this machine keeps its boards in its own file."""
    from board import settings
    from board.persistence.server import server_url

    server = settings.load(settings_file).server
    if not server.active:
        return None
    password = settings.get_password(server)
    return server_url(
        server.host, server.port, server.database, server.user, password, server.sslmode
    )


def prune_backups(where: Database | str) -> None:
    """Every start deletes the program's backups older than the retention (README); after
    the first paint, which it must not delay."""
    from board import settings
    from board.persistence.backups import prune

    prune(where, settings.load().backup_retention_days)


def run(db: Database, lang: str, board_name: str | None = None, wall: bool = False) -> int:
    """Open the board named ``board_name`` (else the first; else a new one) and run the app.

    An unknown ``board_name`` raises NotFoundError (a BoardError) before any window opens.
    """
    set_language(lang)
    from board.services import boards
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    app = ensure_app()
    board = boards.find_board(db, board_name) if board_name else boards.first_board(db)
    if board is None:
        board = boards.create_board(db, tr("ui.boards.first_name"))
    window = BoardWindow(db, board.id, wall=wall)
    show(window, wall)
    from PySide6.QtCore import QTimer

    from board import services

    QTimer.singleShot(0, services.load_all)  # after the first frame: none left for a worker
    QTimer.singleShot(0, lambda: prune_backups(db))
    return app.exec()


def painted_first_window(state: BoardState, wall: bool = False) -> BoardWindow:
    """The window of the start's quick read, not shown yet and without a database."""
    from board.ui.shell.board_window import BoardWindow

    window = BoardWindow(None, None, wall=wall)
    window.store.load(state)
    return window


def show(window: BoardWindow, wall: bool) -> None:
    if wall:
        window.set_wall(True)
    else:
        screen = window.screen().availableGeometry()
        window.resize(min(1600, round(screen.width() * 0.92)), round(screen.height() * 0.9))
        window.show()


def _run_painted_first(url: str, first: BoardState, wall: bool) -> int:
    from board.ui.common.qt_app import ensure_app

    app = ensure_app()
    window = painted_first_window(first, wall)
    show(window, wall)
    wait_for_first_paint(app, window)
    try:
        from board.persistence.database import open_database

        db = open_database(url)
    except BaseException:
        window.close()  # refused after all: the caller says why, as it always does
        raise
    try:
        window.attach(db, first.board.id)
        prune_backups(db)
        from board import services

        services.load_all()  # none left to load on the first tap, nor by a worker thread
        return app.exec()
    finally:
        db.close()


def wait_for_first_paint(app: QApplication, window: BoardWindow) -> None:
    """Run the event loop until ``window`` has painted, swallowing input meanwhile (there
    is no database to act on yet; once painted, input waits in the queue instead)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    input_events = {
        QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
        QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd, QEvent.Type.ContextMenu,
    }  # fmt: skip
    painted: list[bool] = []

    class Gate(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind == QEvent.Type.Paint and watched.isWidgetType():
                painted.append(True)
            return kind in input_events

    gate = Gate()
    app.installEventFilter(gate)
    tick = QTimer()  # wakes the wait below when the window system says nothing
    tick.start(50)
    try:
        deadline = time.monotonic() + FIRST_PAINT_WAIT_S
        while not painted and window.isVisible() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()
        app.removeEventFilter(gate)
