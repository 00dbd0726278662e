"""A board document (export or meeting snapshot) read back as a BoardState.

The minutes draw "the board as it stood" from this, so a past meeting's picture never
depends on the live database. Identifiers are the document's local references. Every
declared field is read by ``fields.entity_from_document``; only what a document does not
hold (database ids, versions, a criterion's place) is given here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from board.domain.entities import (
    Board,
    BoardState,
    Card,
    Cycle,
    Goal,
    LogEntry,
    Person,
    SuccessCriterion,
)
from board.domain.fields import entity_from_document


def state_from_document(document: dict[str, Any]) -> BoardState:
    board = entity_from_document(Board, document["board"], id=0, version=1)
    if board.created_at is None:  # a document may leave it out
        board = replace(board, created_at=datetime(2000, 1, 1))
    people = tuple(
        entity_from_document(Person, p, board_id=0, version=1) for p in document.get("people", [])
    )
    goals = tuple(
        entity_from_document(
            Goal,
            g,
            board_id=0,
            version=1,
            criteria=tuple(
                entity_from_document(SuccessCriterion, c, id=i + 1, goal_id=g["ref"], position=i)
                for i, c in enumerate(g.get("criteria", []))
            ),
        )
        for g in sorted(document.get("goals", []), key=lambda g: g["position"])
    )
    cards: list[Card] = []
    current: dict[int, Cycle] = {}
    for c in document.get("cards", []):
        cards.append(entity_from_document(Card, c, board_id=0, version=1))
        if c.get("cycles"):
            current[c["ref"]] = entity_from_document(Cycle, c["cycles"][-1], card_id=c["ref"])
    log = tuple(
        _entry(i, e) for i, e in enumerate(document.get("log", []), 1) if not e.get("archived")
    )
    return BoardState(
        board=board,
        cards=tuple(sorted(cards, key=lambda c: c.position)),
        goals=goals,
        people=people,
        log=tuple(sorted(log, key=lambda e: (e.logged_on, e.id), reverse=True)),
        current_cycles=current,
    )


def _entry(number: int, e: dict[str, Any]) -> LogEntry:
    entry = entity_from_document(LogEntry, e, id=number, board_id=0, version=1)
    # An undated entry (an older document) sorts as the oldest.
    return entry if entry.logged_on else replace(entry, logged_on=date(2000, 1, 1))
