"""Boards: create, rename, list, find, and read everything the window shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import Board, BoardState
from board.domain.errors import NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardGoalRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    GoalRecord,
    LogEntryRecord,
    PersonRecord,
)
from board.services.common import check_version, get, now


@dataclass(frozen=True, slots=True)
class BoardSummary:
    board: Board
    counts: dict[Lane, int]  # active cards per lane; Mål counts goals


def create_board(db: Database, name: str) -> Board:
    name = text.title(name, "field.board_name")
    with db.write() as s:
        if s.scalar(select(BoardRecord.id).where(BoardRecord.name == name)) is not None:
            raise ValidationError("error.board_exists", name=name)
        record = BoardRecord(name=name, created_at=now())
        s.add(record)
        s.flush()
        return mapping.board(record)


def rename_board(db: Database, board_id: int, name: str, expected_version: int | None) -> Board:
    name = text.title(name, "field.board_name")
    with db.write() as s:
        record = get(s, BoardRecord, board_id, "board")
        check_version(record, expected_version)
        clash = s.scalar(
            select(BoardRecord.id).where(BoardRecord.name == name, BoardRecord.id != board_id)
        )
        if clash is not None:
            raise ValidationError("error.board_exists", name=name)
        record.name = name
        s.flush()
        return mapping.board(record)


def unique_board_name(s: Session, wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)`` … when a board of that name exists."""
    taken = set(s.scalars(select(BoardRecord.name)))
    if wanted not in taken:
        return wanted
    n = 2
    while (name := _numbered(wanted, n)) in taken:
        n += 1
    return name


def _numbered(wanted: str, n: int) -> str:
    suffix = f" ({n})"  # the name is shortened so that the whole still fits the limit
    return wanted[: text.TITLE_MAX - len(suffix)].rstrip() + suffix


def list_boards(db: Database) -> list[BoardSummary]:
    with db.read() as s:
        boards = s.scalars(select(BoardRecord).order_by(BoardRecord.name)).all()
        card_counts = s.execute(
            select(CardRecord.board_id, CardRecord.lane, func.count())
            .where(CardRecord.archived.is_(False))
            .group_by(CardRecord.board_id, CardRecord.lane)
        ).all()
        goal_counts = dict(
            s.execute(
                select(GoalRecord.board_id, func.count())
                .where(GoalRecord.archived.is_(False))
                .group_by(GoalRecord.board_id)
            ).all()
        )
        result = []
        for b in boards:
            counts = {lane: 0 for lane in Lane}
            for board_id, lane, n in card_counts:
                if board_id == b.id:
                    counts[Lane(lane)] += n
            counts[Lane.GOALS] += goal_counts.get(b.id, 0)
            result.append(BoardSummary(board=mapping.board(b), counts=counts))
        return result


def find_board(db: Database, name_or_id: str) -> Board:
    """A board by its exact name, then case-insensitively, then by its number."""
    with db.read() as s:
        record = s.scalar(select(BoardRecord).where(BoardRecord.name == name_or_id))
        if record is None:
            wanted = name_or_id.strip().casefold()
            record = next(
                (b for b in s.scalars(select(BoardRecord)) if b.name.casefold() == wanted), None
            )
        if record is None and name_or_id.strip().isdigit():
            record = s.get(BoardRecord, int(name_or_id))
        if record is None:
            raise NotFoundError("error.unknown_board", name=name_or_id)
        return mapping.board(record)


def first_board(db: Database) -> Board | None:
    with db.read() as s:
        row = s.execute(select(_BOARD).order_by(_BOARD.c.id).limit(1)).first()
        return mapping.board(row) if row else None


# The start path reads plain rows from the tables (SQLAlchemy Core), not ORM objects: the
# first paint then needs no mapper configured and no ORM statement compiled.
_BOARD = BoardRecord.__table__
_CARD = CardRecord.__table__
_CARD_GOAL = CardGoalRecord.__table__
_GOAL = GoalRecord.__table__
_CRITERION = CriterionRecord.__table__
_PERSON = PersonRecord.__table__
_LOG = LogEntryRecord.__table__
_CYCLE = CycleRecord.__table__


def load_board(db: Database, board_id: int) -> BoardState:
    """Everything the board window shows, read in one transaction with a few queries."""
    with db.read() as s:
        board = s.execute(select(_BOARD).where(_BOARD.c.id == board_id)).first()
        if board is None:
            raise NotFoundError("error.not_found", what="board", id=board_id)
        card_rows = s.execute(select(_CARD).where(_CARD.c.board_id == board_id)).all()
        links: dict[int, list[int]] = {}
        for card_id, goal_id in s.execute(
            select(_CARD_GOAL.c.card_id, _CARD_GOAL.c.goal_id)
            .join(_CARD, _CARD.c.id == _CARD_GOAL.c.card_id)
            .join(_GOAL, _GOAL.c.id == _CARD_GOAL.c.goal_id)
            .where(_CARD.c.board_id == board_id)
            .order_by(_GOAL.c.position, _GOAL.c.id)
        ):
            links.setdefault(card_id, []).append(goal_id)
        goals = s.execute(
            select(_GOAL).where(_GOAL.c.board_id == board_id).order_by(_GOAL.c.position)
        ).all()
        criteria: dict[int, list[Any]] = {}
        for row in s.execute(
            select(_CRITERION)
            .join(_GOAL, _GOAL.c.id == _CRITERION.c.goal_id)
            .where(_GOAL.c.board_id == board_id)
            .order_by(_CRITERION.c.position)
        ):
            criteria.setdefault(row.goal_id, []).append(row)
        people = s.execute(
            select(_PERSON).where(_PERSON.c.board_id == board_id).order_by(_PERSON.c.name)
        ).all()
        log = s.execute(
            select(_LOG)
            .where(_LOG.c.board_id == board_id, _LOG.c.archived.is_(False))
            .order_by(_LOG.c.logged_on.desc(), _LOG.c.id.desc())
        ).all()
        newest = (
            select(_CYCLE.c.card_id, func.max(_CYCLE.c.number).label("n"))
            .join(_CARD, _CARD.c.id == _CYCLE.c.card_id)
            .where(_CARD.c.board_id == board_id)
            .group_by(_CYCLE.c.card_id)
            .subquery()
        )
        cycles = s.execute(
            select(_CYCLE).join(
                newest,
                (_CYCLE.c.card_id == newest.c.card_id) & (_CYCLE.c.number == newest.c.n),
            )
        ).all()
        return BoardState(
            board=mapping.board(board),
            cards=tuple(
                sorted(
                    (mapping.card_from_row(row, tuple(links.get(row.id, ()))) for row in card_rows),
                    key=lambda c: c.position,
                )
            ),
            goals=tuple(mapping.goal_from_row(g, criteria.get(g.id, ())) for g in goals),
            people=tuple(mapping.person(p) for p in people),
            log=tuple(mapping.log_entry(e) for e in log),
            current_cycles={c.card_id: mapping.cycle(c) for c in cycles},
        )
