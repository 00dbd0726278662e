"""The start's first read (the standard library's sqlite3, before SQLAlchemy is imported) gives
exactly the board the service reads, and only from a file the normal opener would open as it
is: anything else goes the normal way (None), and the file is never touched."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from board.domain.entities import BoardState
from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.persistence.first_read import read_first_board, sqlite_file_of
from board.persistence.location import sqlite_url
from board.services import boards, cards, cycles, goals, log, people
from board.services.demo import create_demo


def _fields(value: Any, where: str = "state") -> dict[str, tuple[type, Any]]:
    """Every leaf field with its type, by path: 1 and True, or a date and its text, differ."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found: dict[str, tuple[type, Any]] = {}
        for field in dataclasses.fields(value):
            found |= _fields(getattr(value, field.name), f"{where}.{field.name}")
        return found
    if isinstance(value, tuple | list):
        found = {f"{where}.len": (int, len(value))}
        for i, item in enumerate(value):
            found |= _fields(item, f"{where}[{i}]")
        return found
    if isinstance(value, dict):
        found = {f"{where}.keys": (list, sorted(value))}
        for key, item in value.items():
            found |= _fields(item, f"{where}[{key}]")
        return found
    return {where: (type(value), value)}


def _assert_same(quick: BoardState | None, service: BoardState) -> None:
    assert quick is not None
    ours, theirs = _fields(quick), _fields(service)
    assert ours.keys() == theirs.keys()
    differing = {k: (ours[k], theirs[k]) for k in ours if ours[k] != theirs[k]}
    assert differing == {}
    assert quick == service


def _vary(db: Database, board_id: int) -> None:
    """What the demo lacks: archived cards, goals and log entries, a card under two goals,
    a decided cycle and a newer one, a person without e-mail, log entries of one day."""
    state = boards.load_board(db, board_id)
    ideas = [c for c in state.cards if c.lane is Lane.IDEAS]
    cards.set_archived(db, ideas[0].id, ideas[0].version, True)
    both = tuple(g.id for g in state.goals)
    cards.edit_card(db, ideas[1].id, ideas[1].version, goal_ids=both, deadline="2031-02-28")
    card_id, cycle = next(iter(state.current_cycles.items()))
    cycles.decide(db, cycle.id, cycle.version, "adapt", "Prøv igen med flere familier")
    cycles.start_cycle(db, card_id)
    entry = state.log[0]
    log.edit_log_entry(db, entry.id, entry.version, archived=True)
    extra = goals.add_goal(db, board_id, "Et mål der er lagt væk")
    goals.edit_goal(db, extra.id, extra.version, archived=True)
    people.add_person(db, board_id, "Åse Ærø")
    for what in ("Første samme dag", "Anden samme dag"):  # newest first, by id within a day
        log.add_log_entry(db, board_id, what, "adopt", logged_on="2030-05-01")


@pytest.mark.parametrize("extra_cards", [0, 500])
def test_the_first_read_is_the_service_read_field_by_field(
    tmp_path: Path, extra_cards: int
) -> None:
    path = tmp_path / "board.sqlite3"
    db = open_database(sqlite_url(path))
    try:
        create_demo(db, extra_cards=extra_cards)
        create_demo(db, name="Endnu en tavle")  # the first board, not the last, is read
        first = boards.first_board(db)
        assert first is not None
        _vary(db, first.id)
        service = boards.load_board(db, first.id)
    finally:
        db.close()
    assert len(service.cards) > extra_cards + 10
    assert any(c.archived for c in service.cards)
    assert any(len(c.goal_ids) == 2 for c in service.cards)
    assert any(g.archived for g in service.goals)
    assert any(c.number == 2 for c in service.current_cycles.values())
    _assert_same(read_first_board(path), service)


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    db = open_database(sqlite_url(path))
    create_demo(db)
    db.close()
    return path


def _older(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    conn.close()


def _half(path: Path) -> None:
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])


def _no_column(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE card DROP COLUMN description")
    conn.close()


def _no_board(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("DELETE FROM board")
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _read_only(path: Path) -> None:
    path.chmod(0o444)


@pytest.mark.parametrize(
    "spoil",
    [_older, _newer, _half, _no_column, _no_board, _empty, _read_only],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_file_the_opener_would_not_open_as_it_is_goes_the_normal_way(
    demo_file: Path, spoil: Any
) -> None:
    spoil(demo_file)
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    assert read_first_board(demo_file) is None
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in demo_file.parent.iterdir()) == ["demo.sqlite3"]


def test_a_missing_file_goes_the_normal_way(tmp_path: Path) -> None:
    assert read_first_board(tmp_path / "none.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_reading_leaves_the_file_and_its_folder_as_they_were(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    assert read_first_board(demo_file) is not None
    assert demo_file.read_bytes() == before
    assert sorted(p.name for p in demo_file.parent.iterdir()) == ["demo.sqlite3"]


def test_a_file_another_program_has_open_is_read_as_it_stands(demo_file: Path) -> None:
    """An open writer keeps its changes in the -wal file: they are read too."""
    db = open_database(sqlite_url(demo_file))
    try:
        first = boards.first_board(db)
        assert first is not None
        cards.add_card(db, first.id, "Skrevet af en anden skærm", Lane.IDEAS)
        service = boards.load_board(db, first.id)
        _assert_same(read_first_board(demo_file), service)
    finally:
        db.close()


@pytest.mark.parametrize(
    "url",
    [
        sqlite_url(Path("/tmp/team/board.sqlite3")),
        sqlite_url(Path("/tmp/a folder/æøå.sqlite3")),
        "sqlite:///relative/board.sqlite3",
    ],
)
def test_the_file_of_a_plain_sqlite_url_is_the_one_sqlalchemy_opens(url: str) -> None:
    assert str(sqlite_file_of(url)) == make_url(url).database


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///board.sqlite3?mode=ro",
        "sqlite:///a%20b.sqlite3",
        "postgresql+psycopg://user:secret@server/forbedringstavle",
    ],
)
def test_other_urls_go_the_normal_way(url: str) -> None:
    assert sqlite_file_of(url) is None


def test_a_copy_at_another_place_reads_the_same(demo_file: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopi" / "tavle med mellemrum.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(demo_file, copy)
    assert read_first_board(copy) == read_first_board(demo_file)
