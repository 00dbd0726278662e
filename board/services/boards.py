"""Boards: create, rename, list, find, and read everything the window shows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import Board, BoardState
from board.domain.errors import NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.mapping import CARD_COLUMNS
from board.persistence.records import (
    BoardRecord,
    CardGoalRecord,
    CardRecord,
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
        record = s.scalar(select(BoardRecord).order_by(BoardRecord.id).limit(1))
        return mapping.board(record) if record else None


def load_board(db: Database, board_id: int) -> BoardState:
    """Everything the board window shows, read in one transaction with a few queries."""
    with db.read() as s:
        board = get(s, BoardRecord, board_id, "board")
        # Plain rows, not ORM objects: the board is read on every start and every reload.
        card_rows = s.execute(select(*CARD_COLUMNS).where(CardRecord.board_id == board_id)).all()
        links: dict[int, list[int]] = {}
        for card_id, goal_id in s.execute(
            select(CardGoalRecord.card_id, CardGoalRecord.goal_id)
            .join(CardRecord, CardRecord.id == CardGoalRecord.card_id)
            .join(GoalRecord, GoalRecord.id == CardGoalRecord.goal_id)
            .where(CardRecord.board_id == board_id)
            .order_by(GoalRecord.position, GoalRecord.id)
        ):
            links.setdefault(card_id, []).append(goal_id)
        goals = s.scalars(
            select(GoalRecord).where(GoalRecord.board_id == board_id).order_by(GoalRecord.position)
        ).all()
        people = s.scalars(
            select(PersonRecord)
            .where(PersonRecord.board_id == board_id)
            .order_by(PersonRecord.name)
        ).all()
        log = s.scalars(
            select(LogEntryRecord)
            .where(LogEntryRecord.board_id == board_id, LogEntryRecord.archived.is_(False))
            .order_by(LogEntryRecord.logged_on.desc(), LogEntryRecord.id.desc())
        ).all()
        newest = (
            select(CycleRecord.card_id, func.max(CycleRecord.number).label("n"))
            .join(CardRecord, CardRecord.id == CycleRecord.card_id)
            .where(CardRecord.board_id == board_id)
            .group_by(CycleRecord.card_id)
            .subquery()
        )
        cycles = s.scalars(
            select(CycleRecord).join(
                newest,
                (CycleRecord.card_id == newest.c.card_id) & (CycleRecord.number == newest.c.n),
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
            goals=tuple(mapping.goal(g) for g in goals),
            people=tuple(mapping.person(p) for p in people),
            log=tuple(mapping.log_entry(e) for e in log),
            current_cycles={c.card_id: mapping.cycle(c) for c in cycles},
        )
