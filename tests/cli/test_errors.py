"""Every error a user can cause: exit code 2, one clear line, nothing half written."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import Run


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(run: Run, db_file: Path) -> Path:
    assert run("demo", "--db", db_file).code == 0
    return db_file


@pytest.fixture
def exported(run: Run, demo_db: Path, tmp_path: Path) -> dict:
    path = tmp_path / "board.json"
    assert run("export", "--db", demo_db, "Spædbarnsindsatsen", path).code == 0
    return json.loads(path.read_text(encoding="utf-8"))


def _board_names(run: Run, db: Path) -> list[str]:
    return [line.split("\t")[0] for line in run("boards", "--db", db).out.splitlines()]


def test_unknown_board(run: Run, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    line = run("export", "--db", demo_db, "Ingen sådan tavle", target).assert_clean_failure()
    assert 'Der findes ingen tavle, der hedder "Ingen sådan tavle"' in line
    assert not target.exists()


def test_unknown_board_in_english(run: Run, demo_db: Path, tmp_path: Path) -> None:
    line = run(
        "--lang", "en", "export", "--db", demo_db, "Nope", tmp_path / "x.json"
    ).assert_clean_failure()
    assert 'There is no board called "Nope"' in line


def test_unknown_command(run: Run) -> None:
    line = run("frobnicate").assert_clean_failure()
    assert "forbedringstavle --help" in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not json {", "ikke en gyldig tavlefil"),
        (b"\xff\xfe\x00garbage", "ikke en gyldig tavlefil"),
        (b'{"some": "other json"}', "ikke en Forbedringstavle-fil"),
        (b'{"format": "forbedringstavle-board", "format_version": 7}', "nyere version"),
        (b'{"format": "forbedringstavle-board", "format_version": "1"}', "ikke en gyldig"),
    ],
)
def test_bad_import_files(
    run: Run, demo_db: Path, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = _board_names(run, demo_db)
    line = run("import", "--db", demo_db, path).assert_clean_failure()
    assert expected in line
    assert _board_names(run, demo_db) == before


def test_truncated_import_file(run: Run, demo_db: Path, exported: dict, tmp_path: Path) -> None:
    text = json.dumps(exported, ensure_ascii=False)
    path = tmp_path / "truncated.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    line = run("import", "--db", demo_db, path).assert_clean_failure()
    assert "beskadiget eller afkortet" in line
    assert _board_names(run, demo_db) == ["Spædbarnsindsatsen"]


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["cards"][0].__setitem__("lane", "kælderen"), "cards[0].lane"),
        (lambda d: d["cards"][2].__setitem__("title", ""), "cards[2].title"),
        (lambda d: d["cards"][1].__setitem__("deadline", "31.02.2026"), "cards[1].deadline"),
        (lambda d: d["cards"][1].__setitem__("owner", 99), "cards[1].owner"),
        (lambda d: d["people"][0].__setitem__("name", "Gitte\x00"), "people[0].name"),
        (lambda d: d.__setitem__("cards", {"not": "a list"}), "cards"),
    ],
)
def test_import_with_bad_content_writes_nothing(
    run: Run, demo_db: Path, exported: dict, tmp_path: Path, mutate, where: str
) -> None:
    mutate(exported)
    path = tmp_path / "bad-content.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    line = run("import", "--db", demo_db, path).assert_clean_failure()
    assert where in line
    assert _board_names(run, demo_db) == ["Spædbarnsindsatsen"]


def test_missing_import_file(run: Run, demo_db: Path, tmp_path: Path) -> None:
    line = run("import", "--db", demo_db, tmp_path / "nowhere.json").assert_clean_failure()
    assert "kan ikke læses" in line


def test_export_to_a_folder_that_does_not_exist(run: Run, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "board.json"
    line = run("export", "--db", demo_db, "Spædbarnsindsatsen", target).assert_clean_failure()
    assert "kan ikke skrives" in line
    assert not target.parent.exists()


def test_corrupt_database_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "corrupt.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    digest = _digest(db)
    line = run("boards", "--db", db).assert_clean_failure()
    assert "beskadiget" in line
    assert _digest(db) == digest
    assert not Path(f"{db}-wal").exists()


def test_text_file_as_database_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("Referat fra mødet\n", encoding="utf-8")
    digest = _digest(db)
    run("demo", "--db", db).assert_clean_failure()
    assert _digest(db) == digest


def test_newer_database_is_refused_untouched(run: Run, demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()
    digest = _digest(demo_db)
    line = run("boards", "--db", demo_db).assert_clean_failure()
    assert "nyere version" in line
    assert _digest(demo_db) == digest


def test_unreadable_database_path(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    line = run("boards", "--db", folder).assert_clean_failure()
    assert "kan ikke åbnes" in line


def test_database_of_another_program_is_refused(run: Run, tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.close()
    digest = _digest(db)
    line = run("demo", "--db", db).assert_clean_failure()
    assert "tilhører ikke Forbedringstavle" in line
    assert _digest(db) == digest


def test_locked_database_gives_a_clear_message_and_loses_nothing(run: Run, demo_db: Path) -> None:
    # Another program holds the write lock for longer than the program waits.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(demo_db)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        line = run("demo", "--db", demo_db).assert_clean_failure()
        assert "låst" in line
    finally:
        holder.kill()
        holder.communicate()  # waits and closes the pipe
    assert _board_names(run, demo_db) == ["Spædbarnsindsatsen"]
