"""Databases made by earlier commits open with today's code: backed up, upgraded, nothing lost.

The fixtures in fixtures/ were made by the code of the commit in their name (see
fixtures/README.md): one per schema state that was ever committed, SQLite files as they were
left, PostgreSQL databases as plain-SQL dumps.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, inspect, text

from board.domain.errors import StorageError
from board.persistence import migrations
from board.persistence.database import open_database
from board.persistence.location import sqlite_url
from board.services import meetings
from board.services.boards import find_board, load_board

FIXTURES = Path(__file__).parent / "fixtures"
# commit -> how many meetings its database holds (meetings came with 5abaa5d; from 0005 on
# the demo board has two held meetings of its own)
COMMITS = {
    "eb9ec5a": 0,
    "52cf720": 1,
    "4a10b4a": 1,
    "002b96a": 1,
    "b731760": 1,
    "e2a4858": 3,
    "c5ac52e": 3,
}
# commit -> the revision its database is stamped with (the backup's name says it)
STAMPS = {
    "eb9ec5a": "0001",
    "52cf720": "0001",
    "4a10b4a": "0002_repair_drift",
    "002b96a": "0003_learning_points",
    "b731760": "0004_meeting_steps",
    "e2a4858": "0005_measurements",
    "c5ac52e": "0006_meeting_live",
}
# The revisions in order: a revision's own checks of old rows apply to databases before it.
REVISIONS = [
    "0001",
    "0002_repair_drift",
    "0003_learning_points",
    "0004_meeting_steps",
    "0005_measurements",
    "0006_meeting_live",
]
ROOT = Path(__file__).resolve().parents[2]


def _before(commit: str, revision: str) -> bool:
    """The commit's database was made before ``revision`` (so it upgrades its rows)."""
    return REVISIONS.index(STAMPS[commit]) < REVISIONS.index(revision)


def _cli(tmp_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        LANG="C.UTF-8",
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
    )
    command = [sys.executable, "-m", "board", *map(str, args)]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
        timeout=120,
    )  # fmt: skip


def _sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def _server_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {n: conn.scalar(text(f'SELECT count(*) FROM "{n}"')) for n in names}
    finally:
        engine.dispose()


def _without_stamp(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if k != "alembic_version"}


def _kept(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    """The row counts of the tables the old database had (later revisions add empty ones)."""
    return {k: after.get(k, -1) for k in _without_stamp(before)}


def _assert_meeting_steps(execute: Any, before: dict[str, int]) -> None:
    """0004: meetings held so far are of their kind's own format, their agreements made at no
    step, the cards made at no meeting; the new tables are empty."""
    assert execute("SELECT count(*) FROM meeting WHERE format_key = ''").fetchone()[0] == (
        before.get("meeting", 0)
    )
    assert execute("SELECT count(*) FROM agreement WHERE step_key = ''").fetchone()[0] == (
        before.get("agreement", 0)
    )
    assert (
        execute("SELECT count(*) FROM card WHERE meeting_id IS NULL").fetchone()[0]
        == (before["card"])
    )
    for table in ("meeting_step", "meeting_role", "team_format"):
        assert execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def _assert_measurements(execute: Any, before: dict[str, int]) -> None:
    """0005: every measurement keeps its value, is no proportion, and who entered it and when
    are unknown; every criterion has a run chart, not frozen, in one phase."""
    assert before["measurement"] > 0  # the demo board's indicator
    assert (
        execute(
            "SELECT count(*) FROM measurement WHERE value IS NOT NULL AND numerator IS NULL"
            " AND denominator IS NULL AND entered_by = '' AND created_at IS NULL"
        ).fetchone()[0]
        == before["measurement"]
    )
    assert (
        execute(
            "SELECT count(*) FROM success_criterion WHERE chart = 'run' AND freeze_points IS NULL"
        ).fetchone()[0]
        == before["success_criterion"]
    )


def _assert_meeting_live(execute: Any, before: dict[str, int]) -> None:
    """0006: no meeting held so far shared a step with another screen."""
    assert execute(
        "SELECT count(*) FROM meeting WHERE step_key = '' AND step_started_at IS NULL"
        " AND walk_card_id IS NULL"
        " AND led_by = ''"
    ).fetchone()[0] == before.get("meeting", 0)


def _assert_privacy_record(execute: Any, before: dict[str, int]) -> None:
    """0007: no meeting held so far was redacted, and nothing has been erased."""
    assert execute("SELECT count(*) FROM meeting WHERE redacted_at IS NULL").fetchone()[0] == (
        before.get("meeting", 0)
    )
    assert execute("SELECT count(*) FROM privacy_record").fetchone()[0] == 0


def _use_it(tmp_path: Path, url: str, held: int, cards: int) -> None:
    """What failed with "no such column: meeting.baseline": export, a meeting, its minutes."""
    exported = tmp_path / "export.json"
    result = _cli(tmp_path, "export", "--db", url, "Spædbarnsindsatsen", exported)
    assert result.returncode == 0, result.stderr
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert len(document["cards"]) == cards  # the demo's 11 (and, from 0005, one made at a meeting)
    assert len(document["meetings"]) == held
    criteria = [c for g in document["goals"] for c in g["criteria"]]  # 0005's chart settings
    assert [(c["chart"], c["freeze_points"], c["phase_starts"]) for c in criteria] == [
        ("run", None, [])
    ] * len(criteria)
    if held:  # the old release's minutes are made again from its snapshot
        result = _cli(tmp_path, "minutes", "--db", url, "Spædbarnsindsatsen", tmp_path / "old.pdf",
                      "--meeting", "latest")  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "old.pdf").read_bytes().startswith(b"%PDF")
    db = open_database(url)
    try:
        board = find_board(db, "Spædbarnsindsatsen")
        meeting = meetings.start_meeting(db, board.id, planned_minutes=15)
        person = load_board(db, board.id).people[0]
        meetings.set_present(db, meeting.id, person.id, True)
        meetings.end_meeting(db, meeting.id)
    finally:
        db.close()
    pdf = tmp_path / "minutes.pdf"
    result = _cli(
        tmp_path, "minutes", "--db", url, "Spædbarnsindsatsen", pdf, "--meeting", "latest"
    )
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("commit", list(COMMITS))
def test_bug_old_sqlite_database_is_backed_up_upgraded_and_keeps_every_row(
    tmp_path: Path, commit: str
) -> None:
    """eb9ec5a's database is stamped 0001 but lacks meeting.baseline (0001 was edited after
    it was released): it claimed to be current, so no upgrade and no backup ran, and export,
    minutes and starting a meeting failed with "no such column: meeting.baseline"."""
    path = tmp_path / "board.sqlite3"
    shutil.copyfile(FIXTURES / f"sqlite-{commit}.sqlite3", path)
    before = _sqlite_counts(path)
    assert before["alembic_version"] == 1
    db = open_database(sqlite_url(path))
    db.close()
    [backup] = path.parent.glob(f"board.backup-{STAMPS[commit]}-*.sqlite3")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # a backup is private
    assert _sqlite_counts(backup) == before  # the backup is the database as it was
    after = _sqlite_counts(path)
    assert _kept(after, before) == _without_stamp(before)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == (
            migrations.head()
        )
        assert "baseline" in {r[1] for r in conn.execute("PRAGMA table_info(meeting)")}
        # 0003: the learning points' table, with its index (empty before 0003)
        assert conn.execute("SELECT count(*) FROM learning_point").fetchone()[0] == (
            before.get("learning_point", 0)
        )
        assert "ix_learning_point_board_id_noted_on" in {
            r[1] for r in conn.execute("PRAGMA index_list(learning_point)")
        }
        if _before(commit, "0004_meeting_steps"):
            _assert_meeting_steps(conn.execute, before)
        if _before(commit, "0005_measurements"):
            _assert_measurements(conn.execute, before)
        if _before(commit, "0006_meeting_live"):
            _assert_meeting_live(conn.execute, before)
        _assert_privacy_record(conn.execute, before)
    finally:
        conn.close()
    _use_it(tmp_path, sqlite_url(path), COMMITS[commit], before["card"])


def _restore_dump(url: str, dump: Path) -> None:
    """Load a plain-SQL pg_dump (psql's backslash commands left out) into an empty database."""
    sql = "\n".join(
        line for line in dump.read_text(encoding="utf-8").splitlines() if not line.startswith("\\")
    )
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as c:
        c.execute(sql.encode("utf-8"))  # several statements, no parameters: one simple query


@pytest.mark.parametrize("commit", list(COMMITS))
def test_bug_old_postgres_database_is_backed_up_upgraded_and_keeps_every_row(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit: str
) -> None:
    _restore_dump(pg_url, FIXTURES / f"postgres-{commit}.sql")
    before = _server_counts(pg_url)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = open_database(pg_url)
    db.close()
    [dump] = (tmp_path / "data").rglob(f"backups/*.backup-{STAMPS[commit]}-*.json.gz")
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    document = json.loads(gzip.decompress(dump.read_bytes()))
    assert {name: len(rows) for name, rows in document["tables"].items()} == before
    assert _kept(_server_counts(pg_url), before) == _without_stamp(before)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head()
            assert "baseline" in {c["name"] for c in inspect(conn).get_columns("meeting")}
            assert conn.scalar(text("SELECT count(*) FROM learning_point")) == (
                before.get("learning_point", 0)
            )
            assert "ix_learning_point_board_id_noted_on" in {
                i["name"] for i in inspect(conn).get_indexes("learning_point")
            }
            if _before(commit, "0004_meeting_steps"):
                _assert_meeting_steps(lambda sql: conn.execute(text(sql)), before)
            if _before(commit, "0005_measurements"):
                _assert_measurements(lambda sql: conn.execute(text(sql)), before)
            if _before(commit, "0006_meeting_live"):
                _assert_meeting_live(lambda sql: conn.execute(text(sql)), before)
            _assert_privacy_record(lambda sql: conn.execute(text(sql)), before)
    finally:
        engine.dispose()
    _use_it(tmp_path, pg_url, COMMITS[commit], before["card"])


def test_each_committed_schema_state_has_a_fixture() -> None:
    """A new revision needs fixtures of the state before it (build_fixtures.py makes them)."""
    assert {p.name for p in FIXTURES.glob("sqlite-*.sqlite3")} == {
        f"sqlite-{c}.sqlite3" for c in COMMITS
    }
    assert {p.name for p in FIXTURES.glob("postgres-*.sql")} == {
        f"postgres-{c}.sql" for c in COMMITS
    }


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _drop(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute(statement)
    conn.close()


@pytest.mark.parametrize(
    ("source", "statement"),
    [
        ("sqlite-eb9ec5a.sqlite3", "DROP TABLE dispatch"),  # more than the known drift of 0001
        ("head", "ALTER TABLE meeting DROP COLUMN baseline"),  # claims HEAD, lacks a column
    ],
    ids=["0001 without a table", "head without a column"],
)
def test_a_database_lacking_what_its_revision_defines_is_refused_untouched(
    tmp_path: Path, source: str, statement: str
) -> None:
    """The stamp alone is not trusted: a database that lacks what its revision defines, beyond
    a drift a later revision repairs, is refused before anything is written (no backup, no
    upgrade half way, no WAL)."""
    path = tmp_path / "board.sqlite3"
    if source == "head":
        open_database(sqlite_url(path)).close()
    else:
        shutil.copyfile(FIXTURES / source, path)
    _drop(path, statement)
    before = _fingerprint(tmp_path)
    with pytest.raises(StorageError) as caught:
        open_database(sqlite_url(path))
    assert caught.value.key == "error.db_corrupt"
    assert _fingerprint(tmp_path) == before
