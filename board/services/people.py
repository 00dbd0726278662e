"""People on a team: name, initials, e-mail (for minutes to those absent)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from board.domain import text
from board.domain.entities import Person
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import BoardRecord, PersonRecord
from board.services.common import check_version, get

_UNSET: Any = object()


def add_person(
    db: Database, board_id: int, name: str, initials: str = "", email: str = ""
) -> Person:
    name = text.name(name)
    initials = text.name(initials, "field.initials", required=False) or text.initials_for(name)
    email = text.email(email)
    with db.write() as s:
        get(s, BoardRecord, board_id, "board")
        record = PersonRecord(
            board_id=board_id, name=name, initials=initials[:12], email=email, archived=False
        )
        s.add(record)
        s.flush()
        return mapping.person(record)


def edit_person(
    db: Database,
    person_id: int,
    expected_version: int | None,
    *,
    name: str = _UNSET,
    initials: str = _UNSET,
    email: str = _UNSET,
    archived: bool = _UNSET,
) -> Person:
    with db.write() as s:
        record = get(s, PersonRecord, person_id, "person")
        check_version(record, expected_version)
        if name is not _UNSET:
            record.name = text.name(name)
        if initials is not _UNSET:
            record.initials = (
                text.name(initials, "field.initials", required=False)
                or text.initials_for(record.name)
            )[:12]
        if email is not _UNSET:
            record.email = text.email(email)
        if archived is not _UNSET:
            record.archived = bool(archived)
        s.flush()
        return mapping.person(record)


def list_people(db: Database, board_id: int, include_archived: bool = False) -> list[Person]:
    with db.read() as s:
        query = select(PersonRecord).where(PersonRecord.board_id == board_id)
        if not include_archived:
            query = query.where(PersonRecord.archived.is_(False))
        return [mapping.person(r) for r in s.scalars(query.order_by(PersonRecord.name))]
