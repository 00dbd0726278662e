"""A drop with its answers (owner and deadline, or the log entry) is undone in one transaction."""

from __future__ import annotations

from datetime import date

import pytest

from board.domain.entities import Board
from board.domain.errors import ConflictError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, log, people


def test_move_with_owner_and_deadline_in_one_step(db: Database, board: Board) -> None:
    person = people.add_person(db, board.id, "Mette Lund")
    card = cards.add_card(db, board.id, "Tjekliste")
    moved = cards.move_card_with(
        db, card.id, card.version, Lane.ACTIVITIES, 0, owner_id=person.id, deadline="7.12.2026"
    )
    stored = cards.get_card(db, card.id)
    assert (stored.lane, stored.owner_id, stored.deadline) == (
        Lane.ACTIVITIES,
        person.id,
        date(2026, 12, 7),
    )
    back = cards.move_card_with(
        db, card.id, moved.card.version, Lane.IDEAS, 0, owner_id=None, deadline=None
    )
    assert (back.card.lane, back.card.owner_id, back.card.deadline) == (Lane.IDEAS, None, None)


def test_undoing_a_move_into_the_log_hides_its_entry_with_it(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Barnets bog")
    moved = cards.move_card(db, card.id, card.version, Lane.LOG, None)
    entry = log.add_log_entry(db, board.id, "Barnets bog", "adopt", "Virker", card_id=card.id)
    undone = cards.move_card_with(
        db,
        card.id,
        moved.version,
        Lane.IDEAS,
        0,
        log_entry=(entry.id, entry.version),
        log_archived=True,
    )
    assert undone.log_entry is not None and undone.log_entry.id == entry.id
    state = boards.load_board(db, board.id)
    assert [c.title for c in state.lane(Lane.IDEAS)] == ["Barnets bog"]
    assert state.log == ()


def test_a_stale_log_entry_leaves_the_card_where_it_was(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Slyngevejledning")
    moved = cards.move_card(db, card.id, card.version, Lane.LOG, None)
    entry = log.add_log_entry(db, board.id, "Slynge", "adopt", card_id=card.id)
    log.edit_log_entry(db, entry.id, entry.version, learning="Ændret på en anden skærm")
    with pytest.raises(ConflictError):
        cards.move_card_with(
            db,
            card.id,
            moved.version,
            Lane.IDEAS,
            0,
            log_entry=(entry.id, entry.version),
            log_archived=True,
        )
    assert cards.get_card(db, card.id).lane is Lane.LOG
    assert [e.learning for e in boards.load_board(db, board.id).log] == ["Ændret på en anden skærm"]
