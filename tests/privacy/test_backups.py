"""The program's own backups: listed, searched for a text, deleted, and gone after a start
once older than the retention (a setting, 90 days by default); newer ones are kept."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from board import settings
from board.app import start
from board.persistence import backups
from board.persistence.database import _backup_sqlite, open_database
from board.persistence.location import data_dir, sqlite_url
from board.services import boards, cards

ROOT = Path(__file__).resolve().parents[2]
NAME = "Ingeborg Særmose-Kvist"


def _board_file(path: Path, description: str = "") -> None:
    db = open_database(sqlite_url(path))
    try:
        board = boards.create_board(db, "Familieafdelingen")
        cards.add_card(db, board.id, "Sparring", description=description)
    finally:
        db.close()


def _aged(path: Path, days: int) -> Path:
    moment = (datetime.now() - timedelta(days=days)).timestamp()
    os.utime(path, (moment, moment))
    return path


def _backup(path: Path, days: int) -> Path:
    """A backup as the opener writes it before an upgrade, made ``days`` ago."""
    made = _backup_sqlite(path, "0004_meeting_formats")
    return _aged(made, days)


def _names(url: str) -> set[str]:
    return {b.path.name for b in backups.list_backups(url)}


def test_backups_are_listed_searched_and_deleted(sqlite_path: Path) -> None:
    _board_file(sqlite_path, f"Om {NAME}")
    holding = _backup(sqlite_path, 5)
    db = open_database(sqlite_url(sqlite_path))
    with db.write() as s:
        from sqlalchemy import text

        s.execute(text("UPDATE card SET description = '[slettet]'"))
    db.scrub()
    db.close()
    clean = _backup(sqlite_path, 1)
    url = sqlite_url(sqlite_path)

    assert [b.path for b in backups.list_backups(url)] == [holding, clean]  # oldest first
    assert [b.path for b in backups.backups_holding(url, NAME.upper())] == [holding]
    assert backups.backups_holding(url, "Nobody Here") == []
    db = open_database(url)  # the same from the open database, or from the file's path
    try:
        assert [b.path for b in backups.backups_holding(db, NAME)] == [holding]
    finally:
        db.close()
    assert [b.path for b in backups.list_backups(sqlite_path)] == [holding, clean]

    assert backups.delete_backups(backups.backups_holding(url, NAME)) == []
    assert _names(url) == {clean.name}
    assert sqlite_path.exists()


def test_a_server_databases_gzipped_backups_are_found_by_their_text() -> None:
    url = "postgresql+psycopg://team@db.example/familie"
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    document = {"tables": {"card": [{"description": f"Om {NAME}"}]}}
    holding = folder / "familie.backup-0004-20260101-120000.json.gz"
    holding.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False).encode()))
    other = folder / "andet.backup-0004-20260101-120000.json.gz"  # another database's
    other.write_bytes(holding.read_bytes())
    try:
        assert [b.path for b in backups.backups_holding(url, NAME)] == [holding]
        _aged(holding, 91)
        assert backups.prune(url) == 1
        assert not holding.exists() and other.exists()
    finally:
        holding.unlink(missing_ok=True)
        other.unlink(missing_ok=True)


def test_a_start_of_the_window_deletes_backups_past_the_retention(
    sqlite_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _board_file(sqlite_path)
    old = _backup(sqlite_path, 91)
    recent = _backup(sqlite_path, 89)
    monkeypatch.setattr(settings, "settings_path", lambda: tmp_path / "none.json")
    assert settings.load().backup_retention_days == 90  # no settings saved: the default

    def exec_(_app: QApplication) -> int:
        for window in QApplication.topLevelWidgets():
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    assert start(sqlite_url(sqlite_path), "da") == 0

    assert not old.exists()
    assert recent.exists()
    assert _names(sqlite_url(sqlite_path)) == {recent.name}


def test_a_command_line_start_follows_the_retention_setting(
    sqlite_path: Path, tmp_path: Path
) -> None:
    _board_file(sqlite_path)
    old = _backup(sqlite_path, 31)
    recent = _backup(sqlite_path, 29)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path / "home"),
    )
    config = tmp_path / "config" / "Forbedringstavle" / "settings.json"
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"backup_retention_days": 30}), encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "board", "--db", str(sqlite_path), "boards"],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "Familieafdelingen" in done.stdout
    assert not old.exists()
    assert recent.exists()


@pytest.mark.parametrize("stored", [0, -5, "90", True, None])
def test_a_retention_that_is_not_a_positive_whole_number_is_the_default(
    stored: object, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"backup_retention_days": stored}), encoding="utf-8")
    assert settings.load(path).backup_retention_days == 90
