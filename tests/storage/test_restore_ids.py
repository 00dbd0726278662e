"""What an undo removed is put back under its own id, on SQLite and PostgreSQL alike; only if
another screen's new row has taken the id meanwhile (SQLite gives a new row the highest id + 1)
does it come back under a new one, never as an error."""

from __future__ import annotations

from board.domain.entities import Board, CriterionKind, CycleStep, Decision
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import cards, cycles, decisions, goals


def test_a_discarded_cycle_comes_back_under_its_id(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Forberedende møde", Lane.ACTIVITIES)
    first = cycles.start_cycle(db, card.id)
    cycles.decide(db, first.id, first.version, "adapt", "Flere spørgsmål")
    second = cycles.edit_cycle(
        db, cycles.start_cycle(db, card.id).id, None, plan_who="Gitte og Mette"
    )
    other = cards.add_card(db, board.id, "Observationsredskab", Lane.ACTIVITIES)
    cycles.start_cycle(db, other.id)  # a later row: the discarded id is not the highest
    cycles.discard_cycle(db, second.id, second.version)

    back = cycles.restore_cycle(db, second)
    assert (back.id, back.number, back.step, back.plan_who) == (
        second.id, 2, CycleStep.PLAN, "Gitte og Mette",
    )  # fmt: skip
    assert [c.id for c in cycles.list_cycles(db, card.id)] == [first.id, second.id]


def test_a_restored_row_whose_id_was_taken_gets_a_new_one(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Forældre er afklarede")
    sign = goals.add_criterion(db, goal.id, CriterionKind.SIGN, "Forældre stiller spørgsmål")
    removed = goals.remove_criterion(db, sign.id)
    # Another screen's new criterion: on SQLite it takes the id just freed.
    taken = goals.add_criterion(db, goal.id, CriterionKind.SIGN, "Forældre handler")
    back = goals.restore_criterion(db, removed)
    assert back.text == "Forældre stiller spørgsmål"
    if taken.id == sign.id:  # SQLite: a new id, and both criteria stand
        assert back.id not in (sign.id, taken.id)
    else:  # PostgreSQL never hands an id out twice
        assert back.id == sign.id
    assert {c.id for c in goals.get_goal(db, goal.id).criteria} == {taken.id, back.id}


def test_a_redone_decision_writes_its_log_entry_under_the_same_id(
    db: Database, board: Board
) -> None:
    card = cards.add_card(db, board.id, "Babycafe", Lane.LOG)
    request = decisions.DecisionRequest(Decision.ADOPT, "Forældrene kom igen.")
    decided = decisions.record_decision(db, card.id, request)
    later = cards.add_card(db, board.id, "Sms før besøg", Lane.LOG)
    decisions.record_decision(db, later.id, request)  # a later entry: the id is not the highest
    decisions.undo_decision(db, decided)
    again = decisions.record_decision(db, card.id, decisions.again(request, decided))
    assert again.log_entry.id == decided.log_entry.id
    assert again.log_entry.learning == "Forældrene kom igen."
