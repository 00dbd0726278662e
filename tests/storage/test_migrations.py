"""Opening a database: created by the migrations, upgraded with a backup, or refused untouched.

Some tests add a made-up next migration (a copy of the real migration folder plus one test
revision, swapped in by monkeypatching ``migrations._HERE`` and ``migrations.HEAD``) so that
the upgrade path runs today, while only the first migration exists.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from board.domain.entities import Decision
from board.domain.errors import StorageError
from board.domain.lanes import Lane
from board.persistence import database as database_module
from board.persistence import migrations
from board.persistence.database import Database, open_database
from board.persistence.location import sqlite_url
from board.persistence.records import Base
from board.services import boards, cards, cycles, goals, log, people

from .helpers import as_another_user, assert_danish_message

TABLES = set(Base.metadata.tables)


# -- helpers --------------------------------------------------------------------------------


def _fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's SHA-256 and the names in its folder (a -wal or -shm file would show)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return digest, sorted(p.name for p in path.parent.iterdir())


def _refused(url: str, key: str) -> StorageError:
    with pytest.raises(StorageError) as caught:
        open_database(url)
    assert caught.value.key == key
    assert_danish_message(caught.value)
    return caught.value


def _fill(db: Database) -> dict[str, object]:
    """A small but complete board through the services; returns what to look for later."""
    board = boards.create_board(db, "Familieafdelingen Æblehaven")
    anne = people.add_person(db, board.id, "Anne Ørsted", email="anne@kommune.dk")
    goal = goals.add_goal(db, board.id, "Flere børn i skole")
    criterion = goals.add_criterion(db, goal.id, "indicator", "Fremmøde", target="90", unit="%")
    goals.add_measurement(db, criterion.id, "1.3.2026", 75)
    card = cards.add_card(db, board.id, "Morgenopkald 🙂", Lane.ACTIVITIES, owner_id=anne.id,
                          deadline="1.6.2026", goal_ids=(goal.id,))  # fmt: skip
    cards.add_card(db, board.id, "Idé", Lane.IDEAS, description="æøå\nÆØÅ")
    cycle = cycles.start_cycle(db, card.id)
    cycles.decide(db, cycle.id, cycle.version, Decision.ADAPT, "sms", on=date(2026, 3, 2))
    cycles.start_cycle(db, card.id)
    log.add_log_entry(db, board.id, "Manuel note", card_id=card.id, logged_on="3.3.2026")
    return {"board": board.id, "card": card.id, "goal": goal.id, "criterion": criterion.id}


def _assert_filled(db: Database, ids: dict[str, object]) -> None:
    state = boards.load_board(db, int(ids["board"]))  # type: ignore[call-overload]
    assert state.board.name == "Familieafdelingen Æblehaven"
    assert sorted(c.title for c in state.cards) == ["Idé", "Morgenopkald 🙂"]
    card = next(c for c in state.cards if c.id == ids["card"])
    assert card.goal_ids == (ids["goal"],)
    assert card.deadline == date(2026, 6, 1)
    assert state.person(card.owner_id) is not None
    assert len(state.log) == 2 and all(e.card_id == card.id for e in state.log)
    assert [c.number for c in cycles.list_cycles(db, card.id)] == [1, 2]
    assert [m.value for m in goals.measurements(db, ids["criterion"])] == [75.0]  # type: ignore[arg-type]


def _sqlite_version(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def _revisions() -> list[str]:
    """The real revisions, oldest first."""
    scripts = ScriptDirectory.from_config(migrations.config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


# -- creating -------------------------------------------------------------------------------


def test_empty_database_is_created_at_head(empty_db_url: str) -> None:
    db = open_database(empty_db_url)
    try:
        with db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES | {"alembic_version"}
            assert migrations.current_revision(conn) == migrations.head() == _revisions()[-1]
        # It is usable at once, and opening it again changes nothing.
        boards.create_board(db, "Første tavle")
    finally:
        db.close()
    again = open_database(empty_db_url)
    try:
        assert [s.board.name for s in boards.list_boards(again)] == ["Første tavle"]
    finally:
        again.close()


def test_models_and_migrations_agree(empty_db_url: str) -> None:
    db = open_database(empty_db_url)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.close()


def test_an_empty_file_becomes_a_new_database(sqlite_path: Path) -> None:
    sqlite_path.touch()
    db = open_database(sqlite_url(sqlite_path))
    try:
        assert boards.list_boards(db) == []
    finally:
        db.close()
    assert _sqlite_version(sqlite_path) == migrations.head()


def test_a_missing_folder_is_created_for_the_default_location(tmp_path: Path) -> None:
    path = tmp_path / "Forbedringstavle" / "data" / "board.sqlite3"
    db = open_database(sqlite_url(path), create_folder=True)
    db.close()
    assert _sqlite_version(path) == migrations.head()


def test_bug_a_mistyped_folder_is_refused_and_nothing_created(tmp_path: Path) -> None:
    """An explicit --db into a folder that does not exist created the folders and an empty
    database with exit 0: the user's real board was elsewhere, and now they have two."""
    path = tmp_path / "no" / "such" / "folder" / "board.sqlite3"
    error = _refused(sqlite_url(path), "error.db_no_folder")
    assert str(path) in error.message()
    assert list(tmp_path.iterdir()) == []


# -- refusing -------------------------------------------------------------------------------


def _make_newer_sqlite(path: Path) -> None:
    db = open_database(sqlite_url(path))
    _fill(db)
    db.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()


def test_newer_sqlite_database_is_refused_and_left_byte_identical(sqlite_path: Path) -> None:
    _make_newer_sqlite(sqlite_path)
    digest_before, _ = _fingerprint(sqlite_path)
    error = _refused(sqlite_url(sqlite_path), "error.db_newer")
    assert str(sqlite_path) in error.message()
    assert _fingerprint(sqlite_path)[0] == digest_before
    assert _sqlite_version(sqlite_path) == "ffff_future"


def test_newer_postgres_database_is_refused_unchanged(pg_url: str) -> None:
    db = open_database(pg_url)
    ids = _fill(db)
    with db.write() as s:
        s.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    db.close()
    _refused(pg_url, "error.db_newer")
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "ffff_future"
            assert conn.scalar(text("SELECT count(*) FROM card")) == 2
            assert conn.scalar(text("SELECT name FROM board WHERE id = :i"), {"i": ids["board"]})
    finally:
        engine.dispose()


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


CORRUPT: dict[str, Callable[[Path], None]] = {
    "random bytes": lambda p: _write(p, os.urandom(8192)),
    "a text file": lambda p: _write(p, "Referat fra fremdriftsmødet\næøå\n".encode()),
    "sqlite header, then garbage": lambda p: _write(p, b"SQLite format 3\x00" + os.urandom(8192)),
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_a_file_that_is_not_a_database_is_refused_untouched(sqlite_path: Path, kind: str) -> None:
    CORRUPT[kind](sqlite_path)
    before = _fingerprint(sqlite_path)
    _refused(sqlite_url(sqlite_path), "error.db_corrupt")
    assert _fingerprint(sqlite_path) == before


def test_a_truncated_database_is_refused_with_its_bytes_unchanged(sqlite_path: Path) -> None:
    _make_truncated_sqlite(sqlite_path)  # e.g. a copy that stopped half way
    digest_before, _ = _fingerprint(sqlite_path)
    _refused(sqlite_url(sqlite_path), "error.db_corrupt")
    assert _fingerprint(sqlite_path)[0] == digest_before


def _make_truncated_sqlite(path: Path) -> None:
    source = path.with_name("whole.sqlite3")
    db = open_database(sqlite_url(source))
    _fill(db)
    db.close()
    whole = source.read_bytes()
    source.unlink()
    _write(path, whole[: len(whole) // 2])


@pytest.mark.parametrize(
    ("make", "key"),
    [(_make_newer_sqlite, "error.db_newer"), (_make_truncated_sqlite, "error.db_corrupt")],
    ids=["newer", "truncated"],
)
def test_bug_refused_database_leaves_no_wal_or_shm_files(
    sqlite_path: Path, make: Callable[[Path], None], key: str
) -> None:
    """The read-only look at a WAL-mode file (all our files are WAL) creates -wal and -shm
    files next to it and leaves them behind: "the database is not changed" should hold for
    the folder too (users copy, mail and back up that folder)."""
    make(sqlite_path)
    before = _fingerprint(sqlite_path)
    assert before[1] == ["board.sqlite3"]
    _refused(sqlite_url(sqlite_path), key)
    assert _fingerprint(sqlite_path) == before


def test_a_foreign_sqlite_database_is_refused_untouched(sqlite_path: Path) -> None:
    conn = sqlite3.connect(sqlite_path)
    with conn:
        conn.execute("CREATE TABLE borgere (id INTEGER PRIMARY KEY, navn TEXT)")
        conn.execute("INSERT INTO borgere (navn) VALUES ('Åse')")
    conn.close()
    before = _fingerprint(sqlite_path)
    _refused(sqlite_url(sqlite_path), "error.db_foreign")
    assert _fingerprint(sqlite_path) == before


def test_a_foreign_postgres_database_is_refused_unchanged(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE borgere (id serial PRIMARY KEY, navn text)"))
        _refused(pg_url, "error.db_foreign")
        with engine.connect() as conn:
            assert inspect(conn).get_table_names() == ["borgere"]
    finally:
        engine.dispose()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "board.sqlite3"
    folder.mkdir()
    _refused(sqlite_url(folder), "error.db_unreadable")
    assert list(folder.iterdir()) == []


def test_a_path_below_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    _refused(sqlite_url(blocker / "board.sqlite3"), "error.db_unreadable")
    assert blocker.read_text() == "x"


def test_an_unreadable_file_is_refused() -> None:
    # A folder an unprivileged user can enter (the test's tmp_path is root's alone when the
    # tests run as root; the check then runs as "nobody", see as_another_user).
    folder = Path(tempfile.mkdtemp(prefix="board-unreadable-"))
    try:
        folder.chmod(0o755)
        path = folder / "board.sqlite3"
        db = open_database(sqlite_url(path))
        db.close()
        before = path.read_bytes()
        path.chmod(0)
        as_another_user(lambda: _refused(sqlite_url(path), "error.db_unreadable"))
        path.chmod(0o600)
        assert path.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["board.sqlite3"]
    finally:
        shutil.rmtree(folder)


@pytest.mark.postgres
def test_an_unreachable_server_is_refused() -> None:
    with socket.socket() as bound:  # bound but not listening: connections are refused
        bound.bind(("127.0.0.1", 0))
        port = bound.getsockname()[1]
        # The server's own reason, in words a user can act on (board/persistence/server.py)
        _refused(f"postgresql+psycopg://app@127.0.0.1:{port}/board", "server.error.unreachable")


# -- a locked database ----------------------------------------------------------------------


def test_a_locked_database_gives_a_clear_error_and_no_half_write(
    sqlite_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the write lock (as a second app instance mid-write would)."""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_S", 0.3)
    db = open_database(sqlite_url(sqlite_path))
    board = boards.create_board(db, "Tavle")
    blocker = sqlite3.connect(sqlite_path, isolation_level=None, timeout=0)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            cards.add_card(db, board.id, "Kort under lås")
        assert time.monotonic() - started < 3
        assert caught.value.key == "error.db_locked"
        assert str(sqlite_path) in assert_danish_message(caught.value)
        # Reading goes on while someone else writes (WAL): the wall screen keeps its board.
        assert boards.load_board(db, board.id).cards == ()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    card = cards.add_card(db, board.id, "Kort efter lås")
    assert [c.title for c in boards.load_board(db, board.id).cards] == ["Kort efter lås"]
    assert card.number == 1
    db.close()


# -- upgrading ------------------------------------------------------------------------------


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.backup-*"))


def test_opening_a_database_at_head_takes_no_backup(sqlite_path: Path) -> None:
    db = open_database(sqlite_url(sqlite_path))
    _fill(db)
    db.close()
    db = open_database(sqlite_url(sqlite_path))
    db.close()
    assert _backups(sqlite_path) == []


def test_backup_is_a_readable_copy_with_identical_data(sqlite_path: Path) -> None:
    db = open_database(sqlite_url(sqlite_path))
    ids = _fill(db)
    db.close()
    backup = database_module._backup_sqlite(sqlite_path, migrations.head())
    assert backup.parent == sqlite_path.parent and backup in _backups(sqlite_path)
    assert migrations.head() in backup.name
    for table in sorted(TABLES | {"alembic_version"}):
        assert _rows(backup, table) == _rows(sqlite_path, table), table
    copy = open_database(sqlite_url(backup))
    try:
        _assert_filled(copy, ids)
    finally:
        copy.close()


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def test_upgrade_from_the_previous_real_revision_keeps_data(sqlite_path: Path) -> None:
    """Runs by itself once a second migration exists."""
    revisions = _revisions()
    if len(revisions) < 2:
        pytest.skip("only one migration exists; the made-up-revision tests cover upgrading")
    previous = revisions[-2]
    engine = create_engine(sqlite_url(sqlite_path))
    with engine.begin() as conn:
        cfg = migrations.config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, previous)
        conn.execute(text(
            "INSERT INTO board (id, name, created_at, version)"
            " VALUES (1, 'Gammel tavle', '2026-01-01 08:00:00', 1)"
        ))  # fmt: skip
    engine.dispose()
    db = open_database(sqlite_url(sqlite_path))
    try:
        assert boards.find_board(db, "Gammel tavle").id == 1
    finally:
        db.close()
    [backup] = _backups(sqlite_path)
    assert previous in backup.name and _sqlite_version(backup) == previous
    assert _sqlite_version(sqlite_path) == migrations.head()


NEXT_REVISION = "9999_test_next"


def _with_next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Make ``migrations`` see the real revisions plus one made-up revision on top."""
    folder = tmp_path / "migrations"
    shutil.copytree(
        Path(migrations.__file__).parent, folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    lines = [
        '"""made-up next revision for tests"""',
        "import sqlalchemy as sa",
        "from alembic import op",
        "",
        f"revision = {NEXT_REVISION!r}",
        f"down_revision = {migrations.head()!r}",
        "branch_labels = None",
        "depends_on = None",
        "",
        "",
        "def upgrade() -> None:",
        textwrap.indent(textwrap.dedent(body).strip(), "    "),
        "",
    ]
    (folder / "versions" / f"{NEXT_REVISION}.py").write_text("\n".join(lines))
    monkeypatch.setattr(migrations, "_HERE", folder)
    monkeypatch.setattr(migrations, "HEAD", NEXT_REVISION, raising=False)  # the release's head
    assert migrations.head() == NEXT_REVISION
    assert ScriptDirectory.from_config(migrations.config()).get_heads() == [NEXT_REVISION]


ADD_COLUMN = """
op.add_column("board", sa.Column("colour", sa.String(20), nullable=True))
"""


def test_upgrade_takes_a_backup_first_and_keeps_data(
    db_url: str, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = open_database(db_url)
    ids = _fill(db)
    db.close()
    released = migrations.head()
    _with_next_revision(tmp_path, monkeypatch, ADD_COLUMN)
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            assert migrations.current_revision(conn) == NEXT_REVISION
            assert "colour" in {c["name"] for c in inspect(conn).get_columns("board")}
        _assert_filled(db, ids)
    finally:
        db.close()
    if backend == "sqlite":
        path = Path(db_url.removeprefix("sqlite:///"))
        [backup] = _backups(path)
        assert released in backup.name and _sqlite_version(backup) == released
        copy = open_database(sqlite_url(backup))  # the backup opens as the old release would
        copy.close()
    else:
        # A server has no file to copy: every row goes to the data folder as gzipped JSON.
        [dump] = (tmp_path / "data").rglob(f"*.backup-{released}-*.json.gz")
        document = json.loads(gzip.decompress(dump.read_bytes()))
        assert document["revision"] == released
        assert document["tables"]["alembic_version"] == [{"version_num": released}]
        titles = sorted(row["title"] for row in document["tables"]["card"])
        assert titles == ["Idé", "Morgenopkald 🙂"]


REBUILD_BOARD_TABLE = """
with op.batch_alter_table("board", recreate="always") as batch:
    batch.add_column(sa.Column("colour", sa.String(20), nullable=True))
"""


def test_bug_upgrade_that_rebuilds_a_table_keeps_all_rows(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite batch migrations copy a table, DROP the old one and rename the copy. With
    foreign_keys=ON (set on every connection) the DROP deletes the rows of every child table
    through ON DELETE CASCADE / SET NULL: cards, people, goals, cycles, log links are lost."""
    db = open_database(sqlite_url(sqlite_path))
    ids = _fill(db)
    db.close()
    _with_next_revision(tmp_path, monkeypatch, REBUILD_BOARD_TABLE)
    db = open_database(sqlite_url(sqlite_path))
    try:
        _assert_filled(db, ids)
    finally:
        db.close()


FAILING = """
op.add_column("board", sa.Column("colour", sa.String(20), nullable=True))
op.execute("UPDATE no_such_table SET x = 1")
"""


def test_a_failing_upgrade_changes_nothing(
    db_url: str, backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(db_url)
    ids = _fill(db)
    db.close()
    _with_next_revision(tmp_path, monkeypatch, FAILING)
    with pytest.raises(StorageError) as caught:
        open_database(db_url)
    assert caught.value.key == "error.db_failed"
    assert_danish_message(caught.value)
    monkeypatch.undo()  # the old release opens its database as before
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head()
            assert "colour" not in {c["name"] for c in inspect(conn).get_columns("board")}
        _assert_filled(db, ids)
    finally:
        db.close()
