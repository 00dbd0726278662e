"""Every board file the importer accepts is a usable board; every other one is refused clearly.

A real export (the demo board after a progress meeting, with attendance, a guest, an
agreement, a measurement and a sent minutes record) is mutated at every field path: wrong
type, 2**63, 10**20, Infinity, NaN, a lone surrogate, NUL, 100 000 characters, missing,
null, -1, an invalid order key, a duplicate reference. Each must either be refused with an
ImportFileError (the command line's exit 2) whose one line names the file and the field,
with no board written, or be imported as a board on which a drop between every two cards
works, the meeting's minutes can be made and the export can be read back.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from board.domain import text
from board.domain.document_schema import check_document
from board.domain.errors import ImportFieldError, ImportFileError
from board.domain.lanes import Lane
from board.domain.ordering import key_between
from board.persistence.database import Database
from board.persistence.records import BoardRecord
from board.services import boards, cards, goals, meetings
from board.services.demo import create_demo
from board.services.transfer import export_board, import_from_file

MISSING = object()


def _hold_meeting(db: Database, board_id: int) -> None:
    state = boards.load_board(db, board_id)
    gitte = state.people[0]
    meeting = meetings.start_meeting(db, board_id, facilitator_id=gitte.id)
    meetings.set_present(db, meeting.id, gitte.id, True)
    meetings.add_guest(db, meeting.id, "Gæst Hansen")
    idea = state.lane(Lane.IDEAS)[0]
    cards.move_card(db, idea.id, idea.version, Lane.PRIORITISED, 0)
    meetings.add_agreement(db, meeting.id, "Ring til barselgangen", gitte.id, "2026-12-01")
    meetings.end_meeting(db, meeting.id, "2026-12-14")
    meetings.record_dispatch(db, meeting.id, "mette@kommune.example", True, "sendt")


@pytest.fixture
def real_document(db: Database) -> dict[str, Any]:
    create_demo(db)
    board = boards.first_board(db)
    assert board is not None
    _hold_meeting(db, board.id)
    return export_board(db, board.id)


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every field path of the document; of a list, its first record (and the second's refs)."""
    yield path, value
    if isinstance(value, dict):
        if path[-1:] == ("baseline",):
            return  # the same declaration as the snapshot's board, mutated there
        for key, item in value.items():
            if path[-1:] != (1,) or key in ("ref", "number"):
                yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value[:2]):
            yield from _paths(item, (*path, i))


def _shown(path: tuple) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


def _mutations(path: tuple, value: Any, document: dict) -> Iterator[tuple[str, Any]]:
    if path[-1:] == (1,) or path[-2:-1] == (1,):
        if path[-1] in ("ref", "number"):  # the second record's reference made the first's
            yield "duplicate reference", _at(document, (*path[:-2], 0, path[-1]))
        elif isinstance(value, int) and not isinstance(value, bool):
            yield "duplicate reference", ("append", value)  # e.g. a goal linked twice
        return
    if isinstance(value, str):
        yield "wrong type", 123
    elif isinstance(value, bool) or value is None:
        yield "wrong type", "ja"
    elif isinstance(value, int | float):
        yield "wrong type", "12"
    else:
        yield "wrong type", [] if isinstance(value, dict) else {"x": 1}
    yield "2**63", 2**63
    yield "10**20", 10**20
    yield "Infinity", float("inf")
    yield "NaN", float("nan")
    yield "lone surrogate", "\ud800"
    yield "NUL", f"{value}\x00" if isinstance(value, str) else "\x00"
    yield "100 000 characters", "x" * 100_000
    yield "-1", -1
    yield "null", None
    if isinstance(path[-1], str):
        yield "missing", MISSING
    if path[-1] == "position":
        yield "invalid order key", "ZZ!"
    if isinstance(path[-1], int) and isinstance(value, int) and not isinstance(value, bool):
        yield "duplicate reference", ("append", value)  # e.g. a goal linked twice
    if path[-1] in ("owner", "card", "cycle", "person", "facilitator"):
        yield "reference to nothing", 9999


def _at(document: Any, path: tuple) -> Any:
    for key in path:
        document = document[key]
    return document


def _mutated(document: dict) -> Iterator[tuple[str, str, str]]:
    for path, value in list(_paths(document)):
        if not path:
            continue
        for label, new in _mutations(path, value, document):
            changed = copy.deepcopy(document)
            parent = _at(changed, path[:-1])
            if new is MISSING:
                del parent[path[-1]]
            elif isinstance(new, tuple):
                parent.append(new[1])
                yield _shown(path[:-1]), label, json.dumps(changed)
                continue
            else:
                parent[path[-1]] = new
            yield _shown(path), label, json.dumps(changed)  # writes NaN/Infinity/\ud800 as is


def _assert_usable(db: Database, board_id: int) -> None:
    """A drop between every two cards in each lane, a new goal, the minutes and the export."""
    state = boards.load_board(db, board_id)
    for lane in Lane:
        positions = [c.position for c in state.lane(lane)]
        # What a drop at each place computes, then one real drop into the middle.
        for before, after in zip([None, *positions], [*positions, None], strict=True):
            key_between(before, after)
        if positions:
            card = state.lane(lane)[-1]
            cards.move_card(db, card.id, card.version, lane, len(positions) // 2)
    goals.add_goal(db, board_id, "Et nyt mål")  # placed after the last goal
    for meeting in meetings.list_meetings(db, board_id):
        if meeting.ended_at is not None:
            meetings.meeting_minutes(db, meeting.id)
            meetings.meeting_board(db, meeting.id)
    check_document(json.loads(json.dumps(export_board(db, board_id))))


def _board_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count(BoardRecord.id))) or 0


def test_a_real_export_is_read_back_unchanged(real_document: dict) -> None:
    """The declaration names every field the export writes: nothing is dropped or altered."""
    assert real_document["meetings"][0]["snapshot"] is not None
    assert check_document(copy.deepcopy(real_document)) == real_document


def test_every_mutated_field_is_refused_clearly_or_imported_as_a_usable_board(
    db: Database, real_document: dict, tmp_path: Path
) -> None:
    path = tmp_path / "board.json"
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    for where, label, content in _mutated(real_document):
        path.write_text(content, encoding="utf-8")
        before = _board_count(db)
        try:
            name = import_from_file(db, path)
        except ImportFileError as error:
            outcomes["refused"] += 1
            line = error.message()
            named = isinstance(error, ImportFieldError) and (
                error.params["where"].startswith(where) or error.reason == "doc.unknown_ref"
            )
            whole_file = where in ("format", "format_version")
            if "\n" in line or str(path) not in line or not (named or whole_file):
                failures.append(f"{where} {label}: {line}")
            if _board_count(db) != before:
                failures.append(f"{where} {label}: refused but a board was written")
        except Exception as error:  # the command line would exit 1
            failures.append(f"{where} {label}: {type(error).__name__}: {error}"[:300])
        else:
            outcomes["accepted"] += 1
            try:
                _assert_usable(db, boards.find_board(db, name).id)
            except Exception as error:
                failures.append(f"{where} {label}: accepted but {type(error).__name__} {error}")
    assert not failures, "\n".join(failures[:40])
    # The table really ran both ways over many fields.
    assert outcomes["refused"] > 1200 and outcomes["accepted"] > 100, outcomes


def test_a_board_name_at_the_limit_imported_twice_still_fits(
    db: Database, real_document: dict, tmp_path: Path
) -> None:
    real_document["board"]["name"] = "Å" * text.TITLE_MAX
    path = tmp_path / "long-name.json"
    path.write_text(json.dumps(real_document), encoding="utf-8")
    first, second = import_from_file(db, path), import_from_file(db, path)
    assert first == "Å" * text.TITLE_MAX
    assert second.endswith(" (2)") and len(second) == text.TITLE_MAX
    assert boards.find_board(db, second).name == second
