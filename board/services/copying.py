"""Copying boards from one database to another (a local file to a server, and back).

A board travels as its export document (services/transfer.py), so everything an export
holds travels: cards, templates, cycles, goals with their measurements, meetings with their
frozen snapshots, learning points and the team's formats. All boards are written in ONE
transaction on the target: a name the target already has refuses the whole copy, and a
copy that fails half-way leaves the target as it was.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from board.domain.errors import ValidationError
from board.persistence.database import Database
from board.persistence.records import BoardRecord
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
    if not documents:
        raise ValidationError("server.copy.nothing", where=where(source))
    checked = [checked_for_import(doc, where(source)) for doc in documents]
    with target.write() as s:
        taken = set(s.scalars(select(BoardRecord.name)))
        for doc in checked:
            name = doc["board"]["name"]
            if name in taken:
                raise ValidationError("server.copy.exists", name=name, where=where(target))
        return [write_board(s, doc, doc["board"]["name"]) for doc in checked]
