"""Learning cycles (læringscirkler): start, carry over, edit, decide (writes the log), undo."""

from __future__ import annotations

from datetime import date

import pytest

from board.domain.entities import CYCLE_TEXT_FIELDS, Board, Card, CycleStep, Decision, ScaleStep
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, cycles, decisions, people
from board.services.common import today

from .helpers import assert_danish_message

PLAN = {
    "plan_hypothesis": "Et morgenopkald giver flere fremmødedage",
    "plan_change": "Ring kl. 7.30",
    "plan_who": "Anne",
    "plan_where": "Hjemme hos familien",
    "plan_when": "Uge 10–12",
    "plan_data": "Fremmøde pr. dag\n(skolens tal)",
}
DO_STUDY = {
    "do_what_happened": "Familien tog telefonen 4 af 5 dage",
    "do_surprises": "Mor ville hellere have sms",
    "do_data": "4/5",
    "study_findings": "Fremmødet steg fra 2 til 4 dage",
    "study_learning": "Sms virker måske bedre",
}


@pytest.fixture
def card(db: Database, board: Board) -> Card:
    owner = people.add_person(db, board.id, "Anne Ørsted")
    return cards.add_card(db, board.id, "Morgenopkald", Lane.ACTIVITIES, owner_id=owner.id)


def test_start_first_cycle(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    assert (cycle.card_id, cycle.number, cycle.step, cycle.scale_step) == (
        card.id, 1, CycleStep.PLAN, ScaleStep.ONE,
    )  # fmt: skip
    assert cycle.started_on == today()
    assert all(getattr(cycle, name) == "" for name in CYCLE_TEXT_FIELDS)
    assert cycle.act_decision is None and cycle.closed_on is None
    assert cycles.list_cycles(db, card.id) == [cycle]
    assert cycles.cycle_count(db, card.id) == 1


def test_cannot_start_while_the_previous_cycle_is_open(db: Database, card: Card) -> None:
    first = cycles.start_cycle(db, card.id, ScaleStep.MORE)
    with pytest.raises(ValidationError) as caught:
        cycles.start_cycle(db, card.id)
    assert caught.value.key == "error.cycle_open"
    assert "1" in assert_danish_message(caught.value)
    assert cycles.list_cycles(db, card.id) == [first]


def test_edit_cycle_fields(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    edited = cycles.edit_cycle(db, cycle.id, cycle.version, **PLAN)
    edited = cycles.edit_cycle(db, cycle.id, edited.version, step="do", scale_step="broader")
    edited = cycles.edit_cycle(db, cycle.id, edited.version, started_on="2.3.2026", **DO_STUDY)
    [stored] = cycles.list_cycles(db, card.id)
    assert stored == edited
    for name, value in {**PLAN, **DO_STUDY}.items():
        assert getattr(stored, name) == value
    assert stored.step is CycleStep.DO and stored.scale_step is ScaleStep.BROADER
    assert stored.started_on == date(2026, 3, 2)
    with pytest.raises(ValueError):
        cycles.edit_cycle(db, cycle.id, stored.version, step="dream")
    with pytest.raises(ValueError):
        cycles.edit_cycle(db, cycle.id, stored.version, colour="blue")
    with pytest.raises(ValidationError) as caught:
        cycles.edit_cycle(db, cycle.id, stored.version, started_on="32.1.2026")
    assert caught.value.key == "error.bad_date"
    assert cycles.list_cycles(db, card.id) == [stored]


def test_edit_cycle_with_stale_version_changes_nothing(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    current = cycles.edit_cycle(db, cycle.id, cycle.version, plan_who="Skærm A")
    with pytest.raises(ConflictError):
        cycles.edit_cycle(db, cycle.id, cycle.version, plan_who="Skærm B")
    with pytest.raises(ConflictError):
        cycles.decide(db, cycle.id, cycle.version, Decision.ADOPT)
    assert cycles.list_cycles(db, card.id) == [current]
    assert boards.load_board(db, card.board_id).log == ()


def test_decide_closes_the_cycle_and_writes_a_log_entry(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    cycle = cycles.edit_cycle(db, cycle.id, cycle.version, **PLAN, **DO_STUDY)
    closed = cycles.decide(
        db, cycle.id, cycle.version, "adapt", "Prøv med sms i stedet", on=date(2026, 3, 20)
    )
    assert closed.cycle.step is CycleStep.CLOSED
    assert closed.cycle.act_decision is Decision.ADAPT
    assert closed.cycle.act_next_step == "Prøv med sms i stedet"
    assert closed.cycle.closed_on == date(2026, 3, 20)
    assert cycles.list_cycles(db, card.id) == [closed.cycle]

    entry = closed.log_entry
    assert (entry.board_id, entry.card_id, entry.cycle_id) == (card.board_id, card.id, cycle.id)
    assert entry.owner_id == card.owner_id
    assert entry.decision is Decision.ADAPT
    assert entry.logged_on == date(2026, 3, 20)
    assert entry.what_tested == "Morgenopkald – læringscirkel 1"  # Danish, as chosen
    assert entry.learning == (
        "Fremmødet steg fra 2 til 4 dage\n\nSms virker måske bedre\n\nPrøv med sms i stedet"
    )
    assert boards.load_board(db, card.board_id).log == (entry,)


def test_a_second_decision_updates_the_one_log_entry(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ADOPT)
    assert closed.cycle.closed_on == today()
    again = cycles.decide(db, cycle.id, closed.cycle.version, Decision.ABANDON, "Stop")
    (entry,) = boards.load_board(db, card.board_id).log
    assert entry.id == closed.log_entry.id and entry.cycle_id == cycle.id
    assert entry.decision is Decision.ABANDON and entry.learning == "Stop"
    assert cycles.list_cycles(db, card.id) == [again.cycle]
    assert again.cycle.act_decision is Decision.ABANDON


def test_only_a_decision_closes_or_reopens_a_cycle(db: Database, card: Card) -> None:
    cycle = cycles.start_cycle(db, card.id)
    with pytest.raises(ValidationError) as caught:
        cycles.edit_cycle(db, cycle.id, cycle.version, step="closed")
    assert caught.value.key == "error.cycle_closed"
    assert_danish_message(caught.value)
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ADOPT)
    with pytest.raises(ValidationError):
        cycles.edit_cycle(db, cycle.id, closed.cycle.version, step="act")
    assert cycles.list_cycles(db, card.id) == [closed.cycle]
    assert len(boards.load_board(db, card.board_id).log) == 1


def test_next_cycle_carries_over_the_plan(db: Database, card: Card) -> None:
    first = cycles.start_cycle(db, card.id, "more")
    first = cycles.edit_cycle(db, first.id, first.version, **PLAN, **DO_STUDY)
    cycles.decide(db, first.id, first.version, Decision.ADAPT, "Send sms kl. 7.30")
    second = cycles.start_cycle(db, card.id)
    assert second.number == 2 and second.step is CycleStep.PLAN
    assert second.scale_step is ScaleStep.MORE  # the ladder step is kept
    for name in ("plan_hypothesis", "plan_who", "plan_where", "plan_when", "plan_data"):
        assert getattr(second, name) == PLAN[name]
    assert second.plan_change == "Send sms kl. 7.30"  # last time's adjustment is the change
    assert all(getattr(second, name) == "" for name in DO_STUDY)
    assert second.act_next_step == "" and second.act_decision is None
    assert [c.number for c in cycles.list_cycles(db, card.id)] == [1, 2]
    assert boards.load_board(db, card.board_id).current_cycles[card.id] == second

    # Without a next step the previous change is kept; an explicit scale step wins.
    closed = cycles.decide(db, second.id, second.version, Decision.ADOPT)
    third = cycles.start_cycle(db, card.id, ScaleStep.FULL)
    assert third.plan_change == closed.cycle.plan_change == "Send sms kl. 7.30"
    assert third.scale_step is ScaleStep.FULL


def test_undoing_a_decision_removes_only_its_log_entry(db: Database, card: Card) -> None:
    manual = cards.add_card(db, card.board_id, "Andet kort")
    cycle = cycles.start_cycle(db, card.id)
    cycle = cycles.edit_cycle(db, cycle.id, cycle.version, step="do")
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ABANDON, "Stop")
    other = cycles.start_cycle(db, manual.id)
    other_closed = cycles.decide(db, other.id, other.version, Decision.ADOPT)
    decisions.undo_decision(db, closed)
    (reopened,) = cycles.list_cycles(db, card.id)
    assert reopened.step is CycleStep.DO  # back at the step it was in
    assert reopened.act_decision is None and reopened.closed_on is None
    assert reopened.act_next_step == ""
    assert reopened.version > closed.cycle.version
    # Only this cycle's entry is gone.
    assert boards.load_board(db, card.board_id).log == (other_closed.log_entry,)
    # And it can be decided again, writing a new entry.
    again = cycles.decide(db, cycle.id, reopened.version, Decision.ADOPT)
    assert {e.id for e in boards.load_board(db, card.board_id).log} == {
        other_closed.log_entry.id, again.log_entry.id,
    }  # fmt: skip


def test_cycles_of_unknown_card_or_cycle(db: Database) -> None:
    with pytest.raises(NotFoundError):
        cycles.start_cycle(db, 404)
    with pytest.raises(NotFoundError):
        cycles.decide(db, 404, None, Decision.ADOPT)
    assert cycles.list_cycles(db, 404) == []


def test_discarding_the_newest_open_cycle_returns_the_one_before(
    db: Database, board: Board
) -> None:
    card = cards.add_card(db, board.id, "Dukke under graviditeten")
    first = cycles.start_cycle(db, card.id)
    closed = cycles.decide(db, first.id, first.version, "adapt", "Ny måde at tale om dukken")
    second = cycles.start_cycle(db, card.id)
    previous = cycles.discard_cycle(db, second.id, second.version)
    assert previous is not None and previous.id == closed.cycle.id
    assert [c.number for c in cycles.list_cycles(db, card.id)] == [1]
    with pytest.raises(ValidationError) as refused:
        cycles.discard_cycle(db, first.id, closed.cycle.version)
    assert refused.value.key == "error.cycle_closed"
