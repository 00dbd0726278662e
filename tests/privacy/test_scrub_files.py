"""Gone from the files, not just the rows (issue 13, item 4).

A card's description holding a citizen's name is replaced through the services; after
``Database.scrub`` the raw bytes of the SQLite file and its -wal hold no trace of the name in
UTF-8 or UTF-16, and on PostgreSQL the touched tables were rewritten by VACUUM FULL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pg_server import PostgresServer
from sqlalchemy import event, text

from board.persistence.database import Database, open_database
from board.persistence.location import sqlite_url
from board.services import boards, cards

NAME = "Ingeborg Særmose-Kvist 010203-1234"
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def _traces(path: Path) -> list[str]:
    """Which files (the database and its -wal) hold the name, and in which encoding."""
    found = []
    for file in (path, path.with_name(path.name + "-wal")):
        data = file.read_bytes() if file.exists() else b""
        found += [f"{file.name}:{enc}" for enc in ENCODINGS if NAME.encode(enc) in data]
    return found


def test_a_replaced_description_leaves_the_database_file_and_its_wal(sqlite_path: Path) -> None:
    db = open_database(sqlite_url(sqlite_path))
    try:
        board = boards.create_board(db, "Familieafdelingen")
        card = cards.add_card(db, board.id, "Sparring", description=f"Om {NAME} i dag")
        cards.edit_card(db, card.id, card.version, description="Om [slettet] i dag")
        assert _traces(sqlite_path), "the old version is still in the files before the scrub"

        assert db.scrub(["card"]) is True

        assert _traces(sqlite_path) == []  # read while the program still has the file open
        with db.read() as s:
            assert s.execute(text("SELECT description FROM card")).scalar() == "Om [slettet] i dag"
        with db.write() as s:  # every connection the program writes with zeroes freed space
            assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
    finally:
        db.close()
    assert _traces(sqlite_path) == []


def test_every_connection_zeroes_freed_space_whatever_sqlite_was_built_with(
    sqlite_path: Path,
) -> None:
    """Some SQLite builds have secure_delete on by default, others off: the program says so."""
    db = open_database(sqlite_url(sqlite_path))
    try:

        def build_default_off(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute("PRAGMA secure_delete=OFF")

        event.listen(db.engine, "connect", build_default_off, insert=True)  # runs first
        db.engine.dispose()
        with db.write() as s:
            assert s.execute(text("PRAGMA secure_delete")).scalar() == 1
    finally:
        db.close()


def test_text_changed_before_secure_delete_was_on_leaves_the_file_too(sqlite_path: Path) -> None:
    """A board made by an older release keeps old text in free space; the scrub rewrites it."""
    db = open_database(sqlite_url(sqlite_path))
    board = boards.create_board(db, "Familieafdelingen")
    card = cards.add_card(db, board.id, "Sparring")
    db.close()
    old = sqlite3.connect(sqlite_path)  # as an older release wrote: secure_delete off
    old.execute("PRAGMA secure_delete=OFF")
    with old:
        long_text = f"Om {NAME}. " + "Mere tekst. " * 20  # outlives the next cell's slot
        old.execute("UPDATE card SET description = ? WHERE id = ?", (long_text, card.id))
    with old:
        old.execute("UPDATE card SET description = 'x' WHERE id = ?", (card.id,))
    old.close()
    assert _traces(sqlite_path), "the old text is in the file's free space"

    db = open_database(sqlite_url(sqlite_path))
    try:
        assert db.scrub() is True
        assert _traces(sqlite_path) == []
    finally:
        db.close()


def test_a_reader_holding_the_wal_is_reported_and_the_next_scrub_finishes(
    sqlite_path: Path,
) -> None:
    """Another window in the middle of a read keeps the -wal; scrub says so instead of hiding it."""
    db = open_database(sqlite_url(sqlite_path))
    other = sqlite3.connect(sqlite_path, timeout=0.1)
    try:
        board = boards.create_board(db, "Familieafdelingen")
        card = cards.add_card(db, board.id, "Sparring", description=NAME)
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM card").fetchall()  # holds its snapshot
        cards.edit_card(db, card.id, card.version, description="[slettet]")

        assert db.scrub(["card"]) is False

        other.rollback()
        assert db.scrub(["card"]) is True
        assert _traces(sqlite_path) == []
    finally:
        other.close()
        db.close()


def test_a_writer_on_another_connection_is_waited_for_then_reported(sqlite_path: Path) -> None:
    db = open_database(sqlite_url(sqlite_path))
    other = sqlite3.connect(sqlite_path, timeout=0.1, isolation_level=None)
    try:
        board = boards.create_board(db, "Familieafdelingen")
        card = cards.add_card(db, board.id, "Sparring", description=NAME)
        cards.edit_card(db, card.id, card.version, description="[slettet]")
        other.execute("BEGIN IMMEDIATE")  # another window in the middle of a save

        assert db.scrub(["card"]) is False  # no error: the erasure itself is committed

        other.execute("COMMIT")
        assert db.scrub(["card"]) is True
        assert _traces(sqlite_path) == []
    finally:
        other.close()
        db.close()


def test_postgres_scrub_rewrites_the_touched_tables(postgres_head_url: str) -> None:
    db = open_database(postgres_head_url)
    try:
        board = boards.create_board(db, "Familieafdelingen")
        card = cards.add_card(db, board.id, "Sparring", description=NAME)
        cards.edit_card(db, card.id, card.version, description="[slettet]")
        files_before = _relfilenodes(db)

        db.scrub(["card", "meeting"])

        files_after = _relfilenodes(db)
        assert files_after["card"] != files_before["card"]  # VACUUM FULL wrote a new file
        assert files_after["meeting"] != files_before["meeting"]
        assert files_after["goal"] == files_before["goal"]  # untouched tables are left alone
        with db.read() as s:
            assert s.execute(text("SELECT description FROM card")).scalar() == "[slettet]"
            analysed = s.execute(
                text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'card'")
            ).scalar()
        assert analysed is not None
        assert db.scrub() is True  # None: every table
        assert _relfilenodes(db)["goal"] != files_after["goal"]
    finally:
        db.close()


def test_postgres_files_of_the_table_no_longer_hold_the_old_text(
    pg_server: PostgresServer, postgres_head_url: str
) -> None:
    """The card table's heap, TOAST and index files on the server's disk, read raw."""
    db = open_database(postgres_head_url)
    try:
        board = boards.create_board(db, "Familieafdelingen")
        card = cards.add_card(db, board.id, "Sparring", description=f"Om {NAME}. " * 3)
        cards.edit_card(db, card.id, card.version, description="[slettet]")
        assert _pg_traces(db, pg_server.data), "the dead row is still in the table's file"

        db.scrub(["card"])

        assert _pg_traces(db, pg_server.data) == []
    finally:
        db.close()


def _pg_traces(db: Database, data: Path) -> list[str]:
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("CHECKPOINT")
        files = conn.exec_driver_sql(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c"
            " WHERE c.oid = 'card'::regclass"
            " OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'card'::regclass)"
            " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'card'::regclass)"
        ).scalars()
        paths = [data / f for f in files if f]
    found = []
    for path in paths:
        for segment in path.parent.iterdir():  # the file, its 1 GB segments, its maps
            if segment.name != path.name and not segment.name.startswith(
                (f"{path.name}.", f"{path.name}_")
            ):
                continue
            raw = segment.read_bytes()
            found += [f"{segment.name}:{e}" for e in ENCODINGS if NAME.encode(e) in raw]
    return found


def _relfilenodes(db: Database) -> dict[str, int]:
    with db.read() as s:
        rows = s.execute(
            text(
                "SELECT relname, relfilenode FROM pg_class"
                " WHERE relname IN ('card', 'meeting', 'goal') AND relkind = 'r'"
            )
        )
        return {name: node for name, node in rows}
