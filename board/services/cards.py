"""Cards: add, edit, archive and restore, move to a lane and position, link to goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from board.domain import text
from board.domain.entities import Card
from board.domain.errors import NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.domain.ordering import key_between, spread_keys
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardRecord,
    GoalRecord,
    PersonRecord,
)
from board.services import decisions
from board.services.common import check_version, get, now

_UNSET: Any = object()


def _lane_positions(s: Session, board_id: int, lane: Lane, exclude: int | None) -> list[str]:
    rows = s.execute(
        select(CardRecord.id, CardRecord.position).where(
            CardRecord.board_id == board_id,
            CardRecord.lane == lane.value,
            CardRecord.archived.is_(False),
        )
    ).all()
    return sorted(position for card_id, position in rows if card_id != exclude)


_MAX_KEY = 40  # far below the column's 200; re-spreading a lane is rare and cheap


def _rebalanced(s: Session, board_id: int, lane: Lane, exclude: int | None) -> list[str]:
    """Give the lane's cards short, evenly spread keys again (bumps their versions)."""
    rows = s.scalars(
        select(CardRecord).where(
            CardRecord.board_id == board_id,
            CardRecord.lane == lane.value,
            CardRecord.archived.is_(False),
        )
    ).all()
    ordered = sorted((r for r in rows if r.id != exclude), key=lambda r: r.position)
    for record, key in zip(ordered, spread_keys(None, None, len(ordered)), strict=True):
        record.position = key
    return [r.position for r in ordered]


def _place(s: Session, board_id: int, lane: Lane, exclude: int | None, index: int | None) -> str:
    position = _position_at(_lane_positions(s, board_id, lane, exclude), index)
    if len(position) > _MAX_KEY:
        position = _position_at(_rebalanced(s, board_id, lane, exclude), index)
    return position


def _position_at(positions: list[str], index: int | None) -> str:
    """The key for a card placed at ``index`` among ``positions`` (None or past the end = last)."""
    if index is None or index >= len(positions):
        return key_between(positions[-1] if positions else None, None)
    index = max(index, 0)
    before = positions[index - 1] if index > 0 else None
    return key_between(before, positions[index])


def _lock_board(s: Session, board_id: int) -> None:
    """One writer of a board's positions and numbers at a time. SQLite's BEGIN IMMEDIATE
    already serialises writers; on PostgreSQL two screens would otherwise both read the
    same neighbours and give two cards one position."""
    # FOR NO KEY UPDATE on PostgreSQL: rows that merely refer to the board still go in.
    if s.get(BoardRecord, board_id, with_for_update={"key_share": True}) is None:
        raise NotFoundError("error.not_found", what="board", id=board_id)


def _locked_card(s: Session, card_id: int) -> CardRecord:
    """The card, read after its board is locked (so its lane and version are current)."""
    board_id = s.scalar(select(CardRecord.board_id).where(CardRecord.id == card_id))
    if board_id is None:
        raise NotFoundError("error.not_found", what="card", id=card_id)
    _lock_board(s, board_id)
    return get(s, CardRecord, card_id, "card")


def _check_owner(s: Session, board_id: int, owner_id: int | None) -> None:
    if owner_id is None:
        return
    person = s.get(PersonRecord, owner_id)
    if person is None or person.board_id != board_id:
        raise ValidationError("error.unknown_person", id=owner_id)


def add_card(
    db: Database,
    board_id: int,
    title: str,
    lane: Lane | str = Lane.IDEAS,
    *,
    description: str = "",
    owner_id: int | None = None,
    deadline: date | str | None = None,
    index: int | None = None,
    goal_ids: tuple[int, ...] = (),
) -> Card:
    """A new card in ``lane`` at ``index`` (default: at the end), numbered within its board."""
    lane = Lane.parse(lane) if isinstance(lane, str) else lane
    title = text.title(title)
    description = text.long_text(description)
    deadline_date = text.parse_date(deadline)
    with db.write() as s:
        record = new_card(
            s,
            board_id,
            title,
            lane,
            description=description,
            owner_id=owner_id,
            deadline=deadline_date,
            index=index,
        )
        if goal_ids:
            record.goals = _goals(s, board_id, goal_ids)
        s.flush()
        return mapping.card(record)


def new_card(
    s: Session,
    board_id: int,
    title: str,
    lane: Lane,
    *,
    description: str = "",
    owner_id: int | None = None,
    deadline: date | None = None,
    index: int | None = None,
    meeting_id: int | None = None,
) -> CardRecord:
    """A new card inside the caller's transaction (values already checked), numbered within
    its board; also what a meeting's Ny idé and Beslutning make (``meeting_id``)."""
    _lock_board(s, board_id)  # one numberer a time
    number = (
        s.scalar(select(func.max(CardRecord.number)).where(CardRecord.board_id == board_id)) or 0
    ) + 1
    _check_owner(s, board_id, owner_id)
    position = _place(s, board_id, lane, None, index)
    stamp = now()
    record = CardRecord(
        board_id=board_id,
        number=number,
        lane=lane.value,
        position=position,
        title=title,
        description=description,
        owner_id=owner_id,
        deadline=deadline,
        archived=False,
        created_at=stamp,
        updated_at=stamp,
        meeting_id=meeting_id,
    )
    s.add(record)
    return record


def _goals(s: Session, board_id: int, goal_ids: tuple[int, ...]) -> list[GoalRecord]:
    goals = [s.get(GoalRecord, gid) for gid in goal_ids]
    if any(g is None or g.board_id != board_id for g in goals):
        raise ValidationError("error.unknown_goal")
    return sorted((g for g in goals if g is not None), key=lambda g: (g.position, g.id))


def edit_card(
    db: Database,
    card_id: int,
    expected_version: int | None,
    *,
    title: str = _UNSET,
    description: str = _UNSET,
    owner_id: int | None = _UNSET,
    deadline: date | str | None = _UNSET,
    goal_ids: tuple[int, ...] = _UNSET,
) -> Card:
    """Change the given fields only; fails with ConflictError on a stale version."""
    changes: dict[str, Any] = {}
    if title is not _UNSET:
        changes["title"] = text.title(title)
    if description is not _UNSET:
        changes["description"] = text.long_text(description)
    if deadline is not _UNSET:
        changes["deadline"] = text.parse_date(deadline)
    with db.write() as s:
        record = get(s, CardRecord, card_id, "card")
        check_version(record, expected_version)
        if owner_id is not _UNSET:
            _check_owner(s, record.board_id, owner_id)
            changes["owner_id"] = owner_id
        if goal_ids is not _UNSET:
            record.goals = _goals(s, record.board_id, tuple(goal_ids))
            flag_modified(record, "updated_at")  # a change of links is a new version too
        for name, value in changes.items():
            setattr(record, name, value)
        record.updated_at = now()
        s.flush()
        return mapping.card(record)


def move_card(
    db: Database, card_id: int, expected_version: int | None, lane: Lane | str, index: int | None
) -> Card:
    """Put the card in ``lane`` at ``index`` among that lane's other active cards.

    Only this card's row changes: its new position key lies between its new neighbours'.
    """
    return move_card_with(db, card_id, expected_version, lane, index).card


@dataclass(frozen=True, slots=True)
class Moved:
    card: Card
    decided: decisions.Decided | None = None
    undone: decisions.Undone | None = None


def move_card_with(
    db: Database,
    card_id: int,
    expected_version: int | None,
    lane: Lane | str,
    index: int | None,
    *,
    owner_id: int | None = _UNSET,
    deadline: date | str | None = _UNSET,
    decide: decisions.DecisionRequest | None = None,
    undecide: decisions.Decided | None = None,
) -> Moved:
    """A move together with what belongs to it, in one transaction: the owner and deadline
    asked for in Aktiviteter, and the decision answered for a move into Log (``decide``,
    recorded as every decision is) or taken back with it (``undecide``). Undo and redo of a
    whole drop use this, so a conflict half-way can never leave the card and its log apart.
    """
    lane = Lane.parse(lane) if isinstance(lane, str) else lane
    deadline_date: date | None = _UNSET
    if deadline is not _UNSET:
        deadline_date = text.parse_date(deadline)
    with db.write() as s:
        record = _locked_card(s, card_id)
        check_version(record, expected_version)
        if owner_id is not _UNSET:
            _check_owner(s, record.board_id, owner_id)
        # Every read before the first change: one flush, so the version goes up by one.
        position = _place(s, record.board_id, lane, card_id, index)
        if owner_id is not _UNSET:
            record.owner_id = owner_id
        if deadline_date is not _UNSET:
            record.deadline = deadline_date
        record.position = position
        record.lane = lane.value
        record.updated_at = now()
        s.flush()
        undone = decisions.undo(s, undecide) if undecide is not None else None
        decided = decisions.record(s, card_id, decide) if decide is not None else None
        s.flush()
        return Moved(mapping.card(record), decided, undone)


def set_archived(
    db: Database,
    card_id: int,
    expected_version: int | None,
    archived: bool,
    index: int | None = None,
) -> Card:
    """Archive (hide) or restore a card; a restored card returns to ``index`` in its lane
    (undo of an archive puts it back where it was), by default to the end."""
    with db.write() as s:
        record = _locked_card(s, card_id)
        check_version(record, expected_version)
        if not archived and record.archived:
            lane = Lane(record.lane)
            record.position = _place(s, record.board_id, lane, card_id, index)
        record.archived = archived
        record.updated_at = now()
        s.flush()
        return mapping.card(record)


def get_card(db: Database, card_id: int) -> Card:
    with db.read() as s:
        return mapping.card(get(s, CardRecord, card_id, "card"))


def find_card(db: Database, board_id: int, title_or_number: str) -> Card:
    """A card by its number (``12`` or ``#12``) or its title (exact, then case-insensitive)."""
    wanted = title_or_number.strip()
    with db.read() as s:
        cards = s.scalars(select(CardRecord).where(CardRecord.board_id == board_id)).all()
        digits = wanted.removeprefix("#")
        match = None
        if digits.isdigit():
            match = next((c for c in cards if c.number == int(digits)), None)
        if match is None:
            match = next((c for c in cards if c.title == wanted), None)
        if match is None:
            folded = wanted.casefold()
            match = next((c for c in cards if c.title.casefold() == folded), None)
        if match is None:
            raise NotFoundError("error.unknown_card", name=title_or_number)
        return mapping.card(match)


def archived_cards(db: Database, board_id: int) -> list[Card]:
    with db.read() as s:
        rows = s.scalars(
            select(CardRecord)
            .where(CardRecord.board_id == board_id, CardRecord.archived.is_(True))
            .order_by(CardRecord.updated_at.desc())
        ).all()
        return [mapping.card(r) for r in rows]
