"""A database the program refuses is untouched, byte for byte, and so is its folder.

Every kind of refused database, with every command that opens one (and the start of the
window): exit code 2, one line, the same bytes and the same folder listing afterwards. The
refusal is decided from a read-only look; before it, a refused file could already have been
switched to WAL, or been left with -wal/-shm files beside it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_runner import Run

from board.persistence import migrations
from board.persistence.database import open_database
from board.persistence.location import sqlite_url
from board.services.demo import create_demo
from board.services.transfer import export_to_file

BOARD = "Spædbarnsindsatsen"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database made by today's code (WAL file, closed cleanly), and its export."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(sqlite_url(path))
    create_demo(db)
    export_to_file(db, 1, path.with_name("demo.json"))
    db.close()
    return path


def _stamped_only(path: Path, template: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (migrations.head(),))
    conn.close()


def _missing_tables_rollback_journal(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("DROP TABLE dispatch")
    conn.execute("DROP TABLE log_entry")
    conn.close()


def _missing_a_table_the_board_does_not_show(path: Path, template: Path) -> None:
    """The start paints this one from its quick read (board/app.py) before the opener
    refuses it: the refusal must still be the usual line, the file untouched."""
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE dispatch")
    conn.close()


def _newer(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()


def _corrupt(path: Path, template: Path) -> None:
    whole = template.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])  # a copy that stopped half way


def _foreign(path: Path, template: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE borgere (id INTEGER PRIMARY KEY, navn TEXT)")
        conn.execute("INSERT INTO borgere (navn) VALUES ('Åse')")
    conn.close()


def _read_only_file(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    path.chmod(0o444)


def _read_only_folder(path: Path, template: Path) -> None:
    shutil.copyfile(template, path)
    path.parent.chmod(0o555)


KINDS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "only alembic_version": (_stamped_only, "beskadiget"),
    "missing tables, rollback journal": (_missing_tables_rollback_journal, "beskadiget"),
    "missing a table the board does not show": (
        _missing_a_table_the_board_does_not_show,
        "beskadiget",
    ),
    "newer revision": (_newer, "nyere version"),
    "corrupt": (_corrupt, "beskadiget"),
    "foreign sqlite": (_foreign, "tilhører ikke Forbedringstavle"),
    "read-only file": (_read_only_file, "skrivebeskyttet"),
    "read-only folder": (_read_only_folder, "skrivebeskyttet"),
}

COMMANDS = ["boards", "import", "export", "start the app"]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every name in the folder with its SHA-256: a new -wal, -shm or backup file shows."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def refused_db(
    tmp_path: Path, demo_template: Path, request: pytest.FixtureRequest
) -> Iterator[Path]:
    folder = tmp_path / "team"
    folder.mkdir()
    path = folder / "board.sqlite3"
    make, _ = KINDS[request.param]
    make(path, demo_template)
    try:
        yield path
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("refused_db", list(KINDS), indirect=True)
def test_a_refused_database_and_its_folder_stay_byte_identical(
    run: Run, refused_db: Path, demo_template: Path, tmp_path: Path, command: str,
    request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    kind = request.node.callspec.params["refused_db"]
    out = tmp_path / "out"
    out.mkdir()
    args: list[str | Path] = {
        "boards": ["boards"],
        "import": ["import", demo_template.with_name("demo.json")],
        "export": ["export", BOARD, out / "board.json"],
        "start the app": [],
    }[command]
    before = _snapshot(refused_db.parent)
    line = run(*args, "--db", refused_db, timeout=30).assert_clean_failure()
    assert KINDS[kind][1] in line
    assert str(refused_db) in line
    assert _snapshot(refused_db.parent) == before
    assert list(out.iterdir()) == []


def _listing(folder: Path) -> list[str]:
    """The current folder, less the data folder where the program keeps its log."""
    return sorted(name for name in os.listdir(folder) if name != "data")


def test_bug_an_explicit_path_into_a_missing_folder_creates_nothing(
    run: Run, tmp_path: Path
) -> None:
    """--db /no/such/folder/x.sqlite3 silently created the folders and an empty database."""
    before = _listing(tmp_path)
    line = run("boards", "--db", tmp_path / "no" / "such" / "x.sqlite3").assert_clean_failure()
    assert "findes ikke" in line
    assert _listing(tmp_path) == before


def test_bug_a_mistyped_address_creates_no_file(run: Run, tmp_path: Path) -> None:
    """--db "not a url at all::" created a database of that name in the current folder."""
    before = _listing(tmp_path)
    line = run("demo", "--db", "not a url at all::").assert_clean_failure()
    assert "hverken en filsti eller en databaseadresse" in line
    assert _listing(tmp_path) == before


def test_the_default_location_is_created(run: Run, tmp_path: Path) -> None:
    assert run("boards").code == 0
    assert (tmp_path / "data" / "Forbedringstavle" / "forbedringstavle.sqlite3").is_file()
