"""Where this machine's boards live: a connection test, and moving to a server or back.

Each runs on a worker thread (minutes_actions.Job): it opens its own connection and hands
back plain values or an opened Database; the window's own database is only read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from board.persistence.location import default_sqlite_path, sqlite_url
from board.persistence.server import ServerFacts, probe, server_url
from board.settings import ServerSettings

if TYPE_CHECKING:
    from board.persistence.database import Database

__all__ = ["ServerFacts", "local_url", "open_board_place", "test_server", "url_of"]


def url_of(server: ServerSettings, password: str | None) -> str:
    return server_url(
        server.host, server.port, server.database, server.user, password, server.sslmode
    )


def local_url() -> str:
    """This machine's own file (the data folder's), as a start without --db opens it."""
    return sqlite_url(default_sqlite_path())


def test_server(url: str) -> ServerFacts:
    """Connect once and change nothing; a StorageError says calmly what is wrong."""
    return probe(url)


def open_board_place(
    url: str, source: Database | None, board_id: int | None, copy: bool
) -> tuple[Database, int]:
    """Open the database at ``url`` (set up when new) and the board to show there: the one
    of ``board_id``'s name, copied from ``source`` first when ``copy`` and it is not there
    yet; else the first board (a new database gets the demo, as at a first start)."""
    from board.persistence.database import open_database
    from board.services import boards, copying, demo

    target = open_database(url, create_folder=url == local_url())
    try:
        name = None
        if source is not None and board_id is not None:
            name = next(
                (b.board.name for b in boards.list_boards(source) if b.board.id == board_id), None
            )
        there = {b.board.name: b.board.id for b in boards.list_boards(target)}
        if copy and name is not None and board_id is not None and name not in there:
            assert source is not None
            copying.copy_boards(source, target, board_id)
            there = {b.board.name: b.board.id for b in boards.list_boards(target)}
        if name in there:
            return target, there[name]
        demo.ensure_demo(target)
        first = boards.first_board(target)
        assert first is not None
        return target, first.id
    except BaseException:
        target.close()
        raise
