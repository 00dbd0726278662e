"""Copying boards from one database to another (a local file to a server, and back).

A board travels as its export document (services/transfer.py), so everything an export
holds travels: cards, templates, cycles, goals with their measurements, meetings with their
frozen snapshots, learning points and the team's formats. All boards are written in ONE
transaction on the target: a name the target already has refuses the whole copy, and a
copy that fails half-way leaves the target as it was. The record of erasures (issue 13) and when
each meeting's snapshot was redacted, which an export does not hold, travel beside the
document, so the data protection officer's record and the minutes' redaction line move with
the board.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from board.domain.errors import ValidationError
from board.persistence.database import Database
from board.persistence.records import BoardRecord, MeetingRecord, PrivacyRecord
from board.services.transfer import board_document, checked_for_import, write_board


def where(db: Database) -> str:
    """The database as a user may see it: the file, or the address without its password."""
    path = db.sqlite_path
    return str(path) if path is not None else db.engine.url.render_as_string(hide_password=True)


def copy_boards(source: Database, target: Database, board_id: int | None = None) -> list[str]:
    """Copy one board (or every board of ``source``) onto ``target`` under the same names.

    Raises ValidationError("server.copy.exists") when ``target`` already holds a board of one of
    the names; nothing is written then. Returns the names copied.
    """
    with source.read() as s:
        ids = (
            [board_id]
            if board_id is not None
            else list(s.scalars(select(BoardRecord.id).order_by(BoardRecord.name)))
        )
        documents: list[dict[str, Any]] = [board_document(s, i) for i in ids]
        # When a meeting's snapshot was redacted (its minutes say so), by its start
        redacted = [
            {
                started: stamp
                for started, stamp in s.execute(
                    select(MeetingRecord.started_at, MeetingRecord.redacted_at).where(
                        MeetingRecord.board_id == i, MeetingRecord.redacted_at.is_not(None)
                    )
                )
            }
            for i in ids
        ]
        records = [
            [
                (r.made_at, r.made_by, r.action, r.places, r.kinds)
                for r in s.scalars(
                    select(PrivacyRecord)
                    .where(PrivacyRecord.board_id == i)
                    .order_by(PrivacyRecord.id)
                )
            ]
            for i in ids
        ]
    if not documents:
        raise ValidationError("server.copy.nothing", where=where(source))
    checked = [checked_for_import(doc, where(source)) for doc in documents]
    with target.write() as s:
        taken = set(s.scalars(select(BoardRecord.name)))
        for doc in checked:
            name = doc["board"]["name"]
            if name in taken:
                raise ValidationError("server.copy.exists", name=name, where=where(target))
        names = []
        for doc, erasures, stamps in zip(checked, records, redacted, strict=True):
            names.append(write_board(s, doc, doc["board"]["name"]))
            s.flush()
            new_id = s.scalars(select(BoardRecord.id).where(BoardRecord.name == names[-1])).one()
            for meeting in s.scalars(select(MeetingRecord).where(MeetingRecord.board_id == new_id)):
                meeting.redacted_at = stamps.get(meeting.started_at)
            for made_at, made_by, action, places, kinds in erasures:
                s.add(
                    PrivacyRecord(
                        board_id=new_id,
                        made_at=made_at,
                        made_by=made_by,
                        action=action,
                        places=places,
                        kinds=kinds,
                    )
                )
        return names
