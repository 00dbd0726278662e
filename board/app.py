"""Starting the window: the application, the language, the board, wall or window mode."""

from __future__ import annotations

from board.i18n import set_language, tr
from board.persistence.database import Database
from board.services import boards


def run(db: Database, lang: str, board_name: str | None = None, wall: bool = False) -> int:
    """Open the board named ``board_name`` (else the first; else a new one) and run the app.

    An unknown ``board_name`` raises NotFoundError (a BoardError) before any window opens.
    """
    set_language(lang)
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    app = ensure_app()
    board = boards.find_board(db, board_name) if board_name else boards.first_board(db)
    if board is None:
        board = boards.create_board(db, tr("ui.boards.first_name"))
    window = BoardWindow(db, board.id, wall=wall)
    if wall:
        window.set_wall(True)
    else:
        screen = window.screen().availableGeometry()
        window.resize(min(1600, round(screen.width() * 0.92)), round(screen.height() * 0.9))
        window.show()
    return app.exec()
