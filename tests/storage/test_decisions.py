"""A decision is recorded exactly once, however it is taken (Justér, a drop into Log, a meeting).

The class: whatever closes a learning cycle, the cycle has at most one log entry linked to it,
a closed cycle has exactly one, and undo puts back exactly the state before, in one
transaction. Everything is read back through a second connection to the same database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from board.domain.entities import Board, Card, Cycle, CycleStep, Decision
from board.domain.errors import ConflictError
from board.domain.lanes import Lane
from board.domain.minutes import ChangeKind
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord, CycleRecord, LogEntryRecord
from board.services import boards, cards, cycles, decisions, demo, log, meetings, people

LEARNING = "Guiden virker; forventningsafstemning mangler."


@pytest.fixture
def fresh(db_url: str) -> Iterator[Database]:
    """A second connection: what another screen (or the next start) reads from disk."""
    other = open_database(db_url)
    try:
        yield other
    finally:
        other.close()


@pytest.fixture
def card(db: Database, board: Board) -> Card:
    owner = people.add_person(db, board.id, "Gitte Holm")
    return cards.add_card(db, board.id, "Forberedende møde", Lane.ACTIVITIES, owner_id=owner.id)


def _at_act(db: Database, card: Card) -> Cycle:
    cycle = cycles.start_cycle(db, card.id)
    return cycles.edit_cycle(
        db, cycle.id, cycle.version, step="act", study_learning="Fokuspunkterne virker"
    )


def assert_one_entry_per_decided_cycle(db: Database, board_id: int) -> None:
    """The rule of the class, straight from the tables."""
    with db.read() as s:
        board_cycles = s.scalars(
            select(CycleRecord)
            .join(CardRecord, CardRecord.id == CycleRecord.card_id)
            .where(CardRecord.board_id == board_id)
        ).all()
        assert board_cycles
        for cycle in board_cycles:
            linked = s.scalar(select(func.count()).where(LogEntryRecord.cycle_id == cycle.id))
            assert linked <= 1, f"cycle {cycle.id} has {linked} log entries"
            if cycle.step == CycleStep.CLOSED.value:
                assert linked == 1, f"closed cycle {cycle.id} has no log entry"
                shown = s.scalar(
                    select(func.count()).where(
                        LogEntryRecord.cycle_id == cycle.id, LogEntryRecord.archived.is_(False)
                    )
                )
                assert shown == 1


# --- the three ways a decision is taken ------------------------------------------------------


def _by_drop(db: Database, card: Card, cycle: Cycle) -> decisions.Decided:
    """Drag to Log, answer Vedtag and a learning (what BoardOperations.write_log does)."""
    cards.move_card(db, card.id, card.version, Lane.LOG, None)
    return decisions.record_decision(
        db,
        card.id,
        decisions.DecisionRequest(Decision.ADOPT, LEARNING),
        cycle_id=cycle.id,
        expected_cycle_version=cycle.version,
    )


def _by_template(db: Database, card: Card, cycle: Cycle) -> decisions.Decided:
    """Justér in the template, then "Flyt til Log" (which asks nothing more)."""
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ADOPT, "Udbred til flere")
    cards.move_card(db, card.id, card.version, Lane.LOG, None)
    return closed


def _by_meeting(db: Database, card: Card, cycle: Cycle) -> decisions.Decided:
    """During a progress meeting; the minutes of that meeting must tell it once."""
    meeting = meetings.start_meeting(db, card.board_id)
    moved = cards.move_card_with(
        db,
        card.id,
        card.version,
        Lane.LOG,
        None,
        decide=decisions.DecisionRequest(Decision.ADOPT, LEARNING),
    )
    meetings.end_meeting(db, meeting.id)
    assert moved.decided is not None
    return moved.decided


PATHS: dict[str, Callable[[Database, Card, Cycle], decisions.Decided]] = {
    "drop": _by_drop,
    "template": _by_template,
    "meeting": _by_meeting,
}


@pytest.mark.parametrize("path", list(PATHS))
def test_every_way_of_deciding_closes_the_cycle_with_one_linked_entry(
    db: Database, fresh: Database, card: Card, path: str
) -> None:
    cycle = _at_act(db, card)
    decided = PATHS[path](db, card, cycle)

    state = boards.load_board(fresh, card.board_id)
    (entry,) = state.log
    (stored,) = cycles.list_cycles(fresh, card.id)
    assert stored.step is CycleStep.CLOSED and stored.act_decision is Decision.ADOPT
    assert stored.closed_on == date.today()
    assert (entry.card_id, entry.cycle_id, entry.decision) == (card.id, cycle.id, Decision.ADOPT)
    assert entry == decided.log_entry
    if path == "template":
        assert entry.learning == "Fokuspunkterne virker\n\nUdbred til flere"
    else:
        assert entry.learning == LEARNING  # as typed at the drop
    assert [c.id for c in state.lane(Lane.LOG)] == [card.id]
    assert_one_entry_per_decided_cycle(fresh, card.board_id)

    # The template afterwards (another screen, or a second thought): still one entry, and
    # what was typed at the drop stays.
    again = cycles.decide(fresh, cycle.id, stored.version, Decision.ADOPT)
    (entry_again,) = boards.load_board(db, card.board_id).log
    assert entry_again.id == entry.id and entry_again.learning == entry.learning
    assert again.log_entry.id == entry.id
    assert_one_entry_per_decided_cycle(fresh, card.board_id)
    if path == "meeting":
        minutes = meetings.meeting_minutes(db, meetings.list_meetings(db, card.board_id)[0].id)
        assert [e["what_tested"] for e in minutes.log] == [entry.what_tested]
        kinds = [c.kind for c in minutes.changes]
        assert kinds.count(ChangeKind.DECISION) == 1 and kinds.count(ChangeKind.LOG_ENTRY) == 1


def test_a_stale_second_decision_is_refused_and_writes_nothing(
    db: Database, fresh: Database, card: Card
) -> None:
    """The bug: dropped into Log and answered, then closed again in a template that still
    showed the cycle open — a second "Vedtag" entry. Now the stale version is refused."""
    cycle = _at_act(db, card)
    _by_drop(db, card, cycle)
    with pytest.raises(ConflictError):
        cycles.decide(fresh, cycle.id, cycle.version, Decision.ADOPT, "Andet")
    (entry,) = boards.load_board(fresh, card.board_id).log
    assert entry.learning == LEARNING
    assert_one_entry_per_decided_cycle(fresh, card.board_id)


@pytest.mark.parametrize("path", list(PATHS))
def test_undo_puts_back_exactly_the_state_before(
    db: Database, fresh: Database, card: Card, path: str
) -> None:
    cycle = _at_act(db, card)
    before = boards.load_board(fresh, card.board_id)
    before_cycles = cycles.list_cycles(fresh, card.id)
    decided = PATHS[path](db, card, cycle)
    moved = cards.get_card(db, card.id)

    # One undo of the whole drop: the card back and the decision taken back, one transaction.
    cards.move_card_with(db, card.id, moved.version, Lane.ACTIVITIES, 0, undecide=decided)

    after = boards.load_board(fresh, card.board_id)
    assert after.log == before.log == ()
    assert [c.id for c in after.lane(Lane.ACTIVITIES)] == [card.id]
    (reopened,) = cycles.list_cycles(fresh, card.id)
    (was,) = before_cycles
    assert reopened.step is CycleStep.ACT
    assert (reopened.act_decision, reopened.act_next_step, reopened.closed_on) == (
        was.act_decision, was.act_next_step, was.closed_on,
    )  # fmt: skip
    assert_one_entry_per_decided_cycle(fresh, card.board_id)

    # Redo records it again, still once.
    card_now = cards.get_card(db, card.id)
    redone = cards.move_card_with(
        db,
        card.id,
        card_now.version,
        Lane.LOG,
        None,
        decide=decisions.DecisionRequest(Decision.ADOPT, LEARNING),
    )
    assert redone.decided is not None and redone.decided.cycle is not None
    assert redone.decided.cycle.step is CycleStep.CLOSED
    assert len(boards.load_board(fresh, card.board_id).log) == 1
    assert_one_entry_per_decided_cycle(fresh, card.board_id)


def test_undo_of_a_decision_changed_elsewhere_is_refused_whole(
    db: Database, fresh: Database, card: Card
) -> None:
    cycle = _at_act(db, card)
    decided = _by_drop(db, card, cycle)
    entry = decided.log_entry
    log.edit_log_entry(fresh, entry.id, entry.version, learning="Rettet på væggen")
    moved = cards.get_card(db, card.id)
    with pytest.raises(ConflictError):
        cards.move_card_with(db, card.id, moved.version, Lane.ACTIVITIES, 0, undecide=decided)
    # Nothing half-done: the card is still in Log and the cycle still closed.
    assert cards.get_card(fresh, card.id).lane is Lane.LOG
    assert cycles.list_cycles(fresh, card.id)[0].step is CycleStep.CLOSED
    assert_one_entry_per_decided_cycle(fresh, card.board_id)


def test_an_entry_written_before_the_rule_is_taken_over_not_doubled(
    db: Database, fresh: Database, card: Card
) -> None:
    """A database where a drop into Log wrote an unlinked entry and left the cycle open:
    closing it in the template links that entry instead of writing a second one."""
    cycle = _at_act(db, card)
    cards.move_card(db, card.id, card.version, Lane.LOG, None)
    old = log.add_log_entry(
        db, card.board_id, card.title, Decision.ADOPT, LEARNING, card_id=card.id
    )
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ADOPT)
    (entry,) = boards.load_board(fresh, card.board_id).log
    assert entry.id == old.id == closed.log_entry.id
    assert (entry.cycle_id, entry.learning) == (cycle.id, LEARNING)
    assert_one_entry_per_decided_cycle(fresh, card.board_id)
    # Undo gives the entry back as it was, unlinked; the cycle is open again.
    decisions.undo_decision(db, closed)
    (entry,) = boards.load_board(fresh, card.board_id).log
    assert (entry.id, entry.cycle_id, entry.learning) == (old.id, None, LEARNING)
    assert cycles.list_cycles(fresh, card.id)[0].step is CycleStep.ACT


def test_the_demo_test_dropped_into_log_is_decided_once(db: Database, fresh: Database) -> None:
    """The card from the issue: "Forberedende møde med sagsbehandler", Cirkel 1 · Justér."""
    demo.create_demo(db)
    board_id = boards.list_boards(db)[0].board.id
    card = cards.find_card(db, board_id, demo.TEST_TITLE)
    (cycle,) = cycles.list_cycles(db, card.id)
    assert cycle.step is CycleStep.ACT
    entries_before = len(boards.load_board(db, board_id).log)
    decided = _by_drop(db, card, cycle)
    state = boards.load_board(fresh, board_id)
    assert len(state.log) == entries_before + 1
    mine = [e for e in state.log if e.card_id == card.id]
    assert mine == [decided.log_entry] and mine[0].cycle_id == cycle.id
    assert mine[0].learning == LEARNING
    assert state.current_cycles[card.id].step is CycleStep.CLOSED
    assert_one_entry_per_decided_cycle(fresh, board_id)
