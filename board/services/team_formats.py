"""A team's own meeting formats, kept with its board: copied from a format, then changed.

A team format is stored as a document (``board.meeting_formats.format_document``) with its
texts worded literally, in the language of the person who copied it, so it no longer follows
the catalog. Every save is checked as strictly as a format file (``format_from_document``):
a bad edit is refused with one translated message and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import MeetingKind
from board.domain.errors import BoardError
from board.domain.meeting_formats import MeetingFormat
from board.meeting_formats import (
    all_formats,
    format_document,
    format_from_document,
    format_text,
    get_format,
)
from board.persistence.database import Database
from board.persistence.records import BoardRecord, TeamFormatRecord
from board.services.common import get, now

_TEAM_KEY = re.compile(r"team-(\d+)")


def _name(record: TeamFormatRecord) -> str:
    """The format's own name, for a message about it."""
    document = record.document if isinstance(record.document, dict) else {}
    texts = document.get("texts")
    name = texts.get(document.get("name")) if isinstance(texts, dict) else None
    return name if isinstance(name, str) and name.strip() else record.key


def _team(record: TeamFormatRecord) -> MeetingFormat:
    fmt = format_from_document(record.key, record.document, _name(record))
    return replace(fmt, base_kind=record.base_kind)


def _records(s: Session, board_id: int) -> list[TeamFormatRecord]:
    get(s, BoardRecord, board_id, "board")
    query = select(TeamFormatRecord).where(TeamFormatRecord.board_id == board_id)
    return list(s.scalars(query.order_by(TeamFormatRecord.id)))


def _record(s: Session, board_id: int, key: str) -> TeamFormatRecord:
    records = _records(s, board_id)
    found = next((r for r in records if r.key == key), None)
    if found is None:
        known = ", ".join([f.key for f in all_formats()] + [r.key for r in records])
        raise BoardError("error.format_unknown", value=key, known=known)
    return found


def format_in(s: Session, board_id: int, kind: str, format_key: str = "") -> MeetingFormat:
    """The format a meeting of ``kind`` and ``format_key`` is held in, inside a transaction:
    the team format ``format_key`` of the board (archived ones too: old meetings name them),
    else the built-in format of ``kind``."""
    if format_key:
        return _team(_record(s, board_id, format_key))
    return get_format(MeetingKind(kind).value)


def is_archived(s: Session, board_id: int, key: str) -> bool:
    return _record(s, board_id, key).archived


def formats_for_board(db: Database, board_id: int) -> list[MeetingFormat]:
    """The sources' formats (in MeetingKind's order), then the board's team formats that are
    not archived, oldest first."""
    with db.read() as s:
        team = [_team(r) for r in _records(s, board_id) if not r.archived]
    return [*all_formats(), *team]


def format_for(db: Database, board_id: int, kind: str, format_key: str = "") -> MeetingFormat:
    with db.read() as s:
        return format_in(s, board_id, kind, format_key)


def copy_format(db: Database, board_id: int, source_key: str, name: str) -> MeetingFormat:
    """A new team format ("team-N") copied from a source format or a team format: its texts
    are the source's, worded now in the user's language, and its name is ``name``."""
    name = text.name(name, "field.format_name")
    with db.write() as s:
        records = _records(s, board_id)
        if source_key in {kind.value for kind in MeetingKind}:
            source = get_format(source_key)
        else:
            source = _team(_record(s, board_id, source_key))
        texts = {key: format_text(source, key) for key in source.text_keys()}
        texts[source.name_key] = name
        numbers = [int(m.group(1)) for r in records if (m := _TEAM_KEY.fullmatch(r.key))]
        key = f"team-{max(numbers, default=0) + 1}"
        copied = replace(source, key=key, texts=texts, team=True, base_kind=source.kind)
        document = format_document(copied)
        format_from_document(key, document, name)  # a copy of a valid format is valid
        record = TeamFormatRecord(
            board_id=board_id,
            key=key,
            base_kind=source.kind,
            document=document,
            archived=False,
            created_at=now(),
        )
        s.add(record)
        s.flush()
        return _team(record)


def save_format(db: Database, board_id: int, fmt: MeetingFormat) -> MeetingFormat:
    """Save a changed team format (steps, timeboxes, questions, texts), checked like a
    format file: a bad edit raises a ``TeamFormatError`` naming where and why; nothing is
    saved then."""
    document = format_document(replace(fmt, team=True))
    with db.write() as s:
        record = _record(s, board_id, fmt.key)
        name = fmt.texts.get(fmt.name_key, "").strip() or _name(record)
        format_from_document(fmt.key, document, name)
        record.document = document
        s.flush()
        return _team(record)


def archive_format(db: Database, board_id: int, key: str) -> None:
    """No longer offered for new meetings; held meetings keep it for their minutes."""
    with db.write() as s:
        _record(s, board_id, key).archived = True
