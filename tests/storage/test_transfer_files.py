"""Board files on disk: what export writes, what import reads back, and the one clear error
each kind of bad file gives (the command line's tests check the same through a subprocess;
these run in-process, so that the mutation run sees them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from board.domain.entities import Board
from board.domain.errors import ImportFileError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, transfer

from .helpers import assert_danish_message


def test_export_writes_readable_utf8_json_and_import_makes_the_same_board(
    db: Database, board: Board, tmp_path: Path
) -> None:
    cards.add_card(db, board.id, "Æblekage på fredag", Lane.ACTIVITIES, description="første\nanden")
    path = tmp_path / "tavle.json"
    transfer.export_to_file(db, board.id, path)

    raw = path.read_bytes()
    assert raw.endswith(b"}\n")
    assert "Æblekage på fredag".encode() in raw  # Danish letters as they are, not \\u escapes
    assert raw.startswith(b'{\n  "format": "forbedringstavle-board",\n  "format_version": 1,')
    assert json.loads(raw) == transfer.export_board(db, board.id)

    name = transfer.import_from_file(db, path)
    assert name == "Familieafdelingen (2)"
    copy = boards.find_board(db, name)
    [card] = boards.load_board(db, copy.id).lane(Lane.ACTIVITIES)
    assert (card.title, card.description) == ("Æblekage på fredag", "første\nanden")
    assert transfer.read_document(path) == transfer.export_board(db, board.id)


def _bad(tmp_path: Path, content: bytes | str | None, key: str) -> ImportFileError:
    path = tmp_path / "tavle.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        transfer.read_document(path)
    assert caught.value.key == key
    assert caught.value.params["path"] == str(path)
    assert str(path) in assert_danish_message(caught.value)
    return caught.value


def test_a_missing_file_cannot_be_read(tmp_path: Path) -> None:
    _bad(tmp_path, None, "error.import_unreadable")


def test_a_folder_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "tavle.json").mkdir()
    _bad(tmp_path, None, "error.import_unreadable")


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not utf-8",
        '{"format": "forbedringstavle-board", "format_version": 1',  # cut off
        "",
        "[" * 100_000 + "]" * 100_000,  # nested deeper than any reader goes
        '{"format": "forbedringstavle-board"}',  # no version
        '{"format": "forbedringstavle-board", "format_version": "1"}',
        '{"format": "forbedringstavle-board", "format_version": true}',
        '{"format": "forbedringstavle-board", "format_version": 0}',
        '{"format": "forbedringstavle-board", "format_version": 1.5}',
    ],
)
def test_a_damaged_file_is_malformed(tmp_path: Path, content: bytes | str) -> None:
    _bad(tmp_path, content, "error.import_malformed")


@pytest.mark.parametrize(
    "content",
    ['["forbedringstavle-board", 1]', '{"format": "other", "format_version": 1}', '"x"', "{}"],
)
def test_another_kind_of_file_is_named_so(tmp_path: Path, content: str) -> None:
    _bad(tmp_path, content, "error.import_wrong_kind")


def test_a_file_from_a_newer_version_says_so(tmp_path: Path) -> None:
    error = _bad(
        tmp_path,
        '{"format": "forbedringstavle-board", "format_version": 2}',
        "error.import_version",
    )
    assert error.params["version"] == 2


def test_the_oldest_and_current_versions_are_read(tmp_path: Path) -> None:
    path = tmp_path / "tavle.json"
    path.write_text(
        '{"format": "forbedringstavle-board", "format_version": 1, "board": {"name": "T"}}'
    )
    assert transfer.read_document(path)["board"] == {"name": "T", "created_at": None}
