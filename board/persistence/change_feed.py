"""The change feed: every committed write says which boards it touched; watchers hear it.

PostgreSQL: ``Database.write()`` sends ``pg_notify`` just before COMMIT, in the same
transaction (a rolled-back write announces nothing), with ``{"o": origin, "b": [board ids]}``
(``"b": null`` = maybe any board). The board ids are collected by a session event from the
flushed records, so no service has to know. A ``ChangeListener`` LISTENs on a connection of
its own and drops its own database object's notifications.

SQLite sends nothing: a listener compares ``PRAGMA data_version`` on a connection of its own,
which changes whenever another connection commits (it cannot tell its own writes from others':
a refresh that finds nothing new changes nothing).

Neither side ever reads card contents, nor logs a payload.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, Select, event, inspect, select, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from board.domain.errors import StorageError
from board.persistence.records import (
    BoardRecord,
    CardRecord,
    CriterionRecord,
    GoalRecord,
    MeetingRecord,
)
from board.persistence.server import LINK_TIMEOUTS

log = logging.getLogger(__name__)

CHANNEL = "forbedringstavle_changes"
# Beyond this many boards one notification says "any board" (a payload must stay < 8000 bytes).
_MAX_BOARDS = 200
_TOUCHED = "board.change_feed.touched"  # session.info key: set of (kind, id) or None
_ANY = ("any", 0)

# Parents by which a record without board_id reaches its board, in order of preference.
_PARENTS = (("board_id", "board"), ("meeting_id", "meeting"), ("card_id", "card"),
            ("goal_id", "goal"), ("criterion_id", "criterion"))  # fmt: skip
# What a parent kind's own record reveals: (record type, kind, attribute naming the next hop)
_OWN = {
    BoardRecord: ("board", None),
    CardRecord: ("card", ("board_id", "board")),
    GoalRecord: ("goal", ("board_id", "board")),
    MeetingRecord: ("meeting", ("board_id", "board")),
    CriterionRecord: ("criterion", ("goal_id", "goal")),
}


class ConnectionLost(StorageError):
    """The server cannot be reached (or the watching connection died)."""

    key = "error.db_connect"


@dataclass(frozen=True)
class Changes:
    """What changed since the last look: ``boards`` None means "maybe any board"."""

    boards: frozenset[int] | None

    def __or__(self, other: Changes) -> Changes:
        if self.boards is None or other.boards is None:
            return Changes(None)
        return Changes(self.boards | other.boards)


# --- writing side -------------------------------------------------------------------------


def install(writer: sessionmaker[Session]) -> None:
    """Collect what each flush of a write session touched (see ``announce``)."""
    event.listen(writer, "after_flush", _after_flush)
    event.listen(writer, "do_orm_execute", _on_execute)


def _touched(session: Session) -> dict[tuple[str, int], tuple[str, int] | None]:
    """(kind, id) of each touched thing → the next hop towards its board, when known."""
    found: dict[tuple[str, int], tuple[str, int] | None] = session.info.setdefault(_TOUCHED, {})
    return found


def _on_execute(state: ORMExecuteState) -> None:
    # A bulk UPDATE/DELETE/INSERT bypasses the flush: it may touch any board.
    if state.is_update or state.is_delete or state.is_insert:
        _touched(state.session)[_ANY] = None


def _after_flush(session: Session, _context: object) -> None:
    touched = _touched(session)
    changed = [*session.new, *session.deleted]
    changed += [o for o in session.dirty if session.is_modified(o)]  # a goal link, too
    for record in changed:
        values = inspect(record).dict
        own = _OWN.get(type(record))
        if own is not None:
            kind, parent = own
            ident = values.get("id")
            if kind == "board" and ident is not None:
                touched[("board", ident)] = None
                continue
            if ident is not None and parent is not None and values.get(parent[0]) is not None:
                touched[(kind, ident)] = (parent[1], values[parent[0]])
                continue
        for attribute, kind in _PARENTS:
            if values.get(attribute) is not None:
                touched[(kind, values[attribute])] = None
                break
        else:
            touched[_ANY] = None


def _queries() -> dict[str, Select[int, int]]:
    return {
        "card": select(CardRecord.id, CardRecord.board_id),
        "goal": select(GoalRecord.id, GoalRecord.board_id),
        "meeting": select(MeetingRecord.id, MeetingRecord.board_id),
        "criterion": select(CriterionRecord.id, GoalRecord.board_id).join(
            GoalRecord, GoalRecord.id == CriterionRecord.goal_id
        ),
    }


def touched_boards(session: Session) -> frozenset[int] | None:
    """The boards this write session has touched so far; None = maybe any board."""
    touched = session.info.get(_TOUCHED) or {}
    if _ANY in touched:
        return None
    boards: set[int] = set()
    unknown: dict[str, set[int]] = {}
    for kind, ident in touched:
        hop: tuple[str, int] | None = (kind, ident)
        seen = 0
        while hop is not None and hop[0] != "board" and seen < 4:
            hop, seen = touched.get(hop), seen + 1
        if hop is None:  # not resolvable from the flushed records: ask the database
            unknown.setdefault(kind, set()).add(ident)
        elif hop[0] == "board":
            boards.add(hop[1])
    queries = _queries()
    for kind, idents in unknown.items():
        if kind == "board":
            boards |= idents
            continue
        query = queries[kind]
        rows = session.execute(query.where(query.selected_columns[0].in_(idents))).all()
        if len(rows) < len(idents):
            return None  # gone in this transaction, and not by a record we saw: be safe
        boards.update(int(row[1]) for row in rows)
    return frozenset(boards)


def announce(session: Session, origin: str) -> None:
    """Send the notification of this write (PostgreSQL), inside its transaction."""
    session.flush()
    if not session.info.get(_TOUCHED):
        return  # nothing changed: nobody needs to look
    with session.no_autoflush:
        boards = touched_boards(session)
    session.info.pop(_TOUCHED, None)
    listed = sorted(boards) if boards is not None and len(boards) <= _MAX_BOARDS else None
    payload = json.dumps({"o": origin, "b": listed}, separators=(",", ":"))
    session.execute(text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": payload})  # fmt: skip


# --- watching side ------------------------------------------------------------------------


class FeedSource(Protocol):
    """What a listener needs of a Database (kept structural: persistence has no cycles)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def origin(self) -> str: ...


class ChangeListener:
    """Hears other writers' changes to one database, without blocking.

    ``fileno()`` gives a socket to watch for readability (PostgreSQL) or None (SQLite:
    call ``poll()`` on a timer). ``poll()`` returns ``Changes`` or None when nothing is new.
    A dead connection raises ``ConnectionLost`` from ``poll()``/``check()``; ``reopen()``
    tries to connect again (raising ``ConnectionLost`` while the server is away).
    """

    def __init__(self, db: FeedSource) -> None:
        self._engine = db.engine
        self._origin = db.origin
        self._pg: Any = None  # psycopg.Connection
        self._sqlite: sqlite3.Connection | None = None
        self._data_version: int | None = None
        self.reopen()

    @property
    def is_sqlite(self) -> bool:
        return self._engine.dialect.name == "sqlite"

    def reopen(self) -> None:
        self.close()
        if self.is_sqlite:
            self._open_sqlite()
        else:
            self._open_pg()

    def _open_sqlite(self) -> None:
        database = self._engine.url.database
        if not database or database == ":memory:":
            return  # one connection only: nobody else can write
        try:
            self._sqlite = sqlite3.connect(database, check_same_thread=False)
            self._data_version = self._read_data_version()
        except sqlite3.Error:
            self.close()
            raise ConnectionLost(where=database) from None

    def _read_data_version(self) -> int:
        assert self._sqlite is not None
        row = self._sqlite.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _open_pg(self) -> None:
        import psycopg

        args, kwargs = self._engine.dialect.create_connect_args(self._engine.url)
        # A pulled cable is noticed within seconds, not after the kernel's TCP timeout.
        for key, value in LINK_TIMEOUTS.items():
            kwargs.setdefault(key, value)
        try:
            self._pg = psycopg.connect(*args, autocommit=True, **kwargs)
            self._pg.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self.close()
            raise ConnectionLost(where=self._where()) from None

    def _where(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    def fileno(self) -> int | None:
        if self._pg is None:
            return None
        return int(self._pg.pgconn.socket)

    def poll(self) -> Changes | None:
        if self._sqlite is not None:
            return self._poll_sqlite()
        if self._pg is not None:
            return self._poll_pg()
        return None

    def _poll_sqlite(self) -> Changes | None:
        try:
            version = self._read_data_version()
        except sqlite3.Error:
            raise ConnectionLost(where=str(self._engine.url.database)) from None
        if version == self._data_version:
            return None
        self._data_version = version
        return Changes(None)

    def _poll_pg(self) -> Changes | None:
        import psycopg

        result: Changes | None = None
        try:
            if self._pg.closed or self._pg.broken:
                raise psycopg.OperationalError("closed")
            for notify in self._pg.notifies(timeout=0):
                changes = self._parse(notify.payload)
                if changes is not None:
                    result = changes if result is None else result | changes
        except psycopg.Error:
            raise ConnectionLost(where=self._where()) from None
        return result

    def _parse(self, payload: str) -> Changes | None:
        try:
            document = json.loads(payload)
            if document.get("o") == self._origin:
                return None
            boards = document.get("b")
            if boards is None:
                return Changes(None)
            return Changes(frozenset(int(board) for board in boards))
        except (ValueError, TypeError, AttributeError):
            return Changes(None)  # someone else's format: look at everything, quietly

    def check(self) -> None:
        """A cheap liveness probe: raises ``ConnectionLost`` when the connection is dead."""
        if self._sqlite is not None:
            try:
                self._read_data_version()
            except sqlite3.Error:
                raise ConnectionLost(where=str(self._engine.url.database)) from None
            return
        if self.is_sqlite:
            return
        if self._pg is None:
            raise ConnectionLost(where=self._where())
        import psycopg

        try:
            self._pg.execute("SELECT 1")
        except psycopg.Error:
            raise ConnectionLost(where=self._where()) from None

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._pg is not None:
            try:
                self._pg.close()
            except Exception:  # closing a dead connection must not fail the caller
                log.debug("closing the change listener's connection failed", exc_info=True)
            self._pg = None
