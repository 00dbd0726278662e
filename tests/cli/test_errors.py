"""Every error a user can cause: exit code 2, one clear line, nothing half written."""

from __future__ import annotations

import hashlib
import json
import re
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
    assert "Der findes ingen tavle, der hedder »Ingen sådan tavle«" in line
    assert not target.exists()


def test_unknown_board_in_english(run: Run, demo_db: Path, tmp_path: Path) -> None:
    line = run(
        "--lang", "en", "export", "--db", demo_db, "Nope", tmp_path / "x.json"
    ).assert_clean_failure()
    assert "There is no board called “Nope”" in line


def test_unknown_command(run: Run) -> None:
    line = run("frobnicate").assert_clean_failure()
    assert "forbedringstavle --help" in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not json {", "ikke en gyldig tavlefil"),
        (b"\xff\xfe\x00garbage", "ikke en gyldig tavlefil"),
        (b'{"some": "other json"}', "ikke en tavlefil fra Forbedringstavle"),
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
        (lambda d: d["cards"][0].__setitem__("lane", "kælderen"), "kort nr. 1, kolonne:"),
        (lambda d: d["cards"][2].__setitem__("title", ""), "kort nr. 3, titel:"),
        (lambda d: d["cards"][1].__setitem__("deadline", "31.02.2026"), "kort nr. 2, deadline:"),
        (lambda d: d["cards"][1].__setitem__("owner", 99), "kort nr. 2, ansvarlig:"),
        (lambda d: d["people"][0].__setitem__("name", "Gitte\x00"), "person nr. 1, navn:"),
        (lambda d: d.__setitem__("cards", {"not": "a list"}), "indhold i kort:"),
    ],
)
def test_import_with_bad_content_writes_nothing(
    run: Run, demo_db: Path, exported: dict, tmp_path: Path, mutate, where: str
) -> None:
    mutate(exported)
    path = tmp_path / "bad-content.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    line = run("import", "--db", demo_db, path).assert_clean_failure()
    assert where in line, line
    assert not re.search(r"\w\[\d+\]", line), line  # no internal path like cards[0].lane
    assert _board_names(run, demo_db) == ["Spædbarnsindsatsen"]


def test_missing_import_file(run: Run, demo_db: Path, tmp_path: Path) -> None:
    line = run("import", "--db", demo_db, tmp_path / "nowhere.json").assert_clean_failure()
    assert "kan ikke læses" in line


def test_export_to_a_folder_that_does_not_exist(run: Run, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "board.json"
    line = run("export", "--db", demo_db, "Spædbarnsindsatsen", target).assert_clean_failure()
    assert "kan ikke gemmes" in line
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


@pytest.fixture
def exported_with_meeting(run: Run, demo_db: Path, tmp_path: Path) -> dict:
    """The demo board after a progress meeting with a guest, exported by the command line."""
    from board.domain.lanes import Lane
    from board.persistence.database import open_database
    from board.persistence.location import sqlite_url
    from board.services import boards, meetings

    db = open_database(sqlite_url(demo_db))
    try:
        board = boards.first_board(db)
        assert board is not None
        gitte = boards.load_board(db, board.id).people[0]
        meeting = meetings.start_meeting(db, board.id, facilitator_id=gitte.id)
        meetings.add_guest(db, meeting.id, "Gæst Hansen")
        meetings.end_meeting(db, meeting.id)
        assert boards.load_board(db, board.id).lane(Lane.IDEAS)
    finally:
        db.close()
    path = tmp_path / "with-meeting.json"
    assert run("export", "--db", demo_db, "Spædbarnsindsatsen", path).code == 0
    return json.loads(path.read_text(encoding="utf-8"))


def _guest(d: dict) -> dict:
    return next(a for m in d["meetings"] for a in m["attendance"] if a["guest_name"])


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth):
        value = {"board": value}
    return value


def _set(*path: str | int, value: object):  # type: ignore[no-untyped-def]
    def mutate(d: dict) -> None:
        parent = _guest(d) if path[0] == "guest" else d
        for key in path[1:-1] if path[0] == "guest" else path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value

    return mutate


_MEASURED = ("goals", 0, "criteria", 2, "measurements", 0, "value")
_SNAPSHOT_TITLE = ("meetings", 0, "snapshot", "board", "cards", 0, "title")
# Where, as the message names it: the file's places in the user's words, counted from 1.
_MEASURED_WHERE = "mål nr. 1, succeskriterium nr. 3, måling nr. 1, værdi:"
_SNAPSHOT_WHERE = "møde nr. 1, tavlen ved mødets afslutning"


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (_set("cards", 0, "number", value=2**63), "kort nr. 1, nummer:"),
        (_set("cards", 0, "number", value=10**20), "kort nr. 1, nummer:"),
        (_set("meetings", 0, "planned_minutes", value=2**63), "møde nr. 1, mødets længde:"),
        (_set("meetings", 0, "planned_minutes", value=10**20), "møde nr. 1, mødets længde:"),
        (_set(*_MEASURED, value=2**1100), _MEASURED_WHERE),
        (_set(*_MEASURED, value=float("nan")), _MEASURED_WHERE),
        (_set(*_MEASURED, value=float("inf")), _MEASURED_WHERE),
        (_set("cards", 0, "position", value="\ud800"), "kort nr. 1, placering:"),
        (_set("cards", 0, "position", value="ZZ!"), "kort nr. 1, placering:"),
        (
            _set("goals", 0, "criteria", 0, "target", value="\ud800"),
            "succeskriterium nr. 1, målværdi:",
        ),
        (_set("guest", "guest_name", value="\ud800"), "gæstens navn:"),
        (_set("cards", 0, "goals", value=[1, 1]), "kort nr. 1, mål nr. 2:"),
        (_set("meetings", 0, "snapshot", value={}), f"{_SNAPSHOT_WHERE}, tavle:"),
        (_set("meetings", 0, "snapshot", value=_nested(900)), _SNAPSHOT_WHERE),
        (_set(*_SNAPSHOT_TITLE, value="A\x00"), f"{_SNAPSHOT_WHERE}, tavle, kort nr. 1, titel:"),
    ],
)
def test_reported_bad_board_files_exit_2_naming_the_field(
    run: Run, demo_db: Path, exported_with_meeting: dict, tmp_path: Path, mutate, where: str
) -> None:
    mutate(exported_with_meeting)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(exported_with_meeting), encoding="utf-8")  # NaN, \ud800 as is
    line = run("import", "--db", demo_db, path).assert_clean_failure()
    assert where in line and str(path) in line, line
    assert not re.search(r"\w\[\d+\]", line), line  # no internal path like cards[0].lane
    assert "database" not in line.lower()  # the file is blamed, not the database
    assert _board_names(run, demo_db) == ["Spædbarnsindsatsen"]


def test_cards_at_one_place_are_imported_as_a_usable_board(
    run: Run, demo_db: Path, exported_with_meeting: dict, tmp_path: Path
) -> None:
    from board.domain.lanes import Lane
    from board.persistence.database import open_database
    from board.persistence.location import sqlite_url
    from board.services import boards, cards

    for card in exported_with_meeting["cards"]:
        card["position"] = "i"
    path = tmp_path / "same-place.json"
    path.write_text(json.dumps(exported_with_meeting), encoding="utf-8")
    result = run("import", "--db", demo_db, path)
    assert result.code == 0, result.err
    db = open_database(sqlite_url(demo_db))
    try:
        board = boards.find_board(db, "Spædbarnsindsatsen (2)")
        visitor = cards.add_card(db, board.id, "Besøg")
        for lane in Lane:
            others = [c for c in boards.load_board(db, board.id).lane(lane) if c.id != visitor.id]
            for index in range(len(others) + 1):  # a drop between every two cards
                visitor = cards.move_card(db, visitor.id, visitor.version, lane, index)
    finally:
        db.close()
    pdf = tmp_path / "referat.pdf"
    minutes = run("minutes", "--db", demo_db, "Spædbarnsindsatsen (2)", pdf, "--meeting", "latest")
    assert minutes.code == 0, minutes.err
    assert run("export", "--db", demo_db, "Spædbarnsindsatsen (2)", tmp_path / "x.json").code == 0


@pytest.mark.parametrize("url", ["http://[::1", "://", "postgresql://anne:hemmelig@server:port/x"])
def test_database_address_that_cannot_be_read(run: Run, url: str) -> None:
    line = run("boards", "--db", url).assert_clean_failure()
    assert "Databaseadressen" in line and "kan ikke læses" in line
    assert "hemmelig" not in line


_ENGLISH = (
    "usage",
    "positional arguments",
    "options",
    "show this help message",
    "and exit",
    "required",
    "invalid choice",
    "expected one argument",
    "argument ",
    "FILE",
    "BOARD",
    "COMMAND",
    "URL",
    "WxH",
)


@pytest.mark.parametrize("env_lang", ["C.UTF-8", "en_GB.UTF-8"])
def test_the_command_line_speaks_danish_throughout(
    run: Run, cli_env: dict[str, str], env_lang: str
) -> None:
    """argparse's own texts too: headings, usage, its error messages (LANG or --lang da)."""
    env = {**cli_env, "LANG": env_lang}
    lang = ("--lang", "da")
    for command in ((), ("photo",), ("template",), ("minutes",), ("import",)):
        result = run(*lang, *command, "--help", env=env)
        assert result.code == 0, result.err
        for english in _ENGLISH:
            assert english not in result.out, (command, english, result.out)
        assert result.out.startswith("brug: forbedringstavle")
        assert "tilvalg:" in result.out and "vis denne hjælp og afslut" in result.out
    assert "argumenter:" in run(*lang, "export", "--help", env=env).out
    missing = run(*lang, "export", env=env).assert_clean_failure()
    assert "følgende argumenter mangler: TAVLE, FIL." in missing
    choice = run(*lang, "frobnicate", env=env).assert_clean_failure()
    assert "KOMMANDO: ugyldigt valg: 'frobnicate' (vælg mellem 'demo'" in choice
    value = run(*lang, "boards", "--db", env=env).assert_clean_failure()
    assert "--db: der mangler en værdi." in value
    for line in (missing, choice, value):
        assert not any(english in line for english in _ENGLISH), line
    english = run("--lang", "en", "--help", env=env).out
    assert english.startswith("usage: forbedringstavle") and "options:" in english


def test_photo_size_limits_are_stated_in_the_error_and_the_help(run: Run) -> None:
    line = run("photo", "Tavle", "x.png", "--size", "100000x10").assert_clean_failure()
    assert "mellem 640x480 og 7680x4320" in line
    assert ".." not in line
    assert "mellem 640x480 og 7680x4320" in " ".join(run("photo", "--help").out.split())
