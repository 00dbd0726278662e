"""The log (Log): a log book of completed tests of change."""

from __future__ import annotations

from datetime import date
from typing import Any

from board.domain import text
from board.domain.entities import Decision, LogEntry
from board.domain.errors import NotFoundError, ValidationError
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import BoardRecord, CardRecord, LogEntryRecord
from board.services.common import check_version, get, today

_UNSET: Any = object()


def new_log_record(
    board_id: int,
    what_tested: str,
    decision: Decision | str | None,
    learning: str,
    *,
    card_id: int | None,
    cycle_id: int | None,
    owner_id: int | None,
    logged_on: date | str | None,
) -> LogEntryRecord:
    """A validated, unsaved log record; shared by the log and by closing a cycle."""
    what_tested = text.long_text(what_tested, "field.what_tested")
    if not what_tested.strip():
        raise ValidationError("error.required", field="field.what_tested")
    return LogEntryRecord(
        board_id=board_id,
        card_id=card_id,
        cycle_id=cycle_id,
        logged_on=text.parse_date(logged_on, "field.logged_on") or today(),
        what_tested=what_tested,
        decision=Decision(decision).value if decision else None,
        learning=text.long_text(learning, "field.learning"),
        owner_id=owner_id,
        archived=False,
    )


def add_log_entry(
    db: Database,
    board_id: int,
    what_tested: str,
    decision: Decision | str | None = None,
    learning: str = "",
    *,
    card_id: int | None = None,
    owner_id: int | None = None,
    logged_on: date | str | None = None,
) -> LogEntry:
    record = new_log_record(
        board_id,
        what_tested,
        decision,
        learning,
        card_id=card_id,
        cycle_id=None,
        owner_id=owner_id,
        logged_on=logged_on,
    )
    with db.write() as s:
        get(s, BoardRecord, board_id, "board")
        if card_id is not None and get(s, CardRecord, card_id, "card").board_id != board_id:
            raise NotFoundError("error.not_found", what="card", id=card_id)
        s.add(record)
        s.flush()
        return mapping.log_entry(record)


def edit_log_entry(
    db: Database,
    entry_id: int,
    expected_version: int | None,
    *,
    what_tested: str = _UNSET,
    decision: Decision | str | None = _UNSET,
    learning: str = _UNSET,
    logged_on: date | str = _UNSET,
    archived: bool = _UNSET,
) -> LogEntry:
    with db.write() as s:
        record = get(s, LogEntryRecord, entry_id, "log_entry")
        check_version(record, expected_version)
        if what_tested is not _UNSET:
            value = text.long_text(what_tested, "field.what_tested")
            if not value.strip():
                raise ValidationError("error.required", field="field.what_tested")
            record.what_tested = value
        if decision is not _UNSET:
            record.decision = Decision(decision).value if decision else None
        if learning is not _UNSET:
            record.learning = text.long_text(learning, "field.learning")
        if logged_on is not _UNSET:
            record.logged_on = text.parse_date(logged_on, "field.logged_on") or record.logged_on
        if archived is not _UNSET:
            record.archived = bool(archived)
        s.flush()
        return mapping.log_entry(record)
