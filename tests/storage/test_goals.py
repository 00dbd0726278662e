"""Goals (Mål) with their success criteria and measurements."""

from __future__ import annotations

from datetime import date

import pytest

from board.domain.entities import Board, CriterionKind
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, goals

from .helpers import assert_danish_message


def test_add_goal_stores_every_field_in_order(db: Database, board: Board) -> None:
    first = goals.add_goal(
        db, board.id, "Flere børn møder i skole\nhver dag",
        development_point="Fravær", citizen_aim="Børnene får en skolegang 🙂",
        time_frame="  1.8.2026 – 1.8.2027 ",
    )  # fmt: skip
    second = goals.add_goal(db, board.id, "Færre akutte anbringelser")
    stored = goals.get_goal(db, first.id)
    assert stored == first
    assert stored.aim == "Flere børn møder i skole\nhver dag"
    assert stored.development_point == "Fravær"
    assert stored.citizen_aim == "Børnene får en skolegang 🙂"
    assert stored.time_frame == "1.8.2026 – 1.8.2027"
    assert stored.archived is False and stored.version == 1 and stored.criteria == ()
    assert first.position < second.position
    assert [g.id for g in boards.load_board(db, board.id).goals] == [first.id, second.id]


def test_many_goals_keep_their_order(db: Database, board: Board) -> None:
    added = [goals.add_goal(db, board.id, f"Mål {n}").id for n in range(40)]
    assert [g.id for g in boards.load_board(db, board.id).goals] == added


def test_goal_aim_is_required(db: Database, board: Board) -> None:
    for aim in ["", "  ", "\n\t"]:
        with pytest.raises(ValidationError) as caught:
            goals.add_goal(db, board.id, aim)
        assert caught.value.key == "error.required"
        assert caught.value.params["field"] == "field.aim"
        assert_danish_message(caught.value)
    assert boards.load_board(db, board.id).goals == ()


def test_edit_goal_fields_and_archive(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    changes = [
        {"aim": "Nyt mål"},
        {"development_point": "Udvikling"},
        {"citizen_aim": "For borgerne"},
        {"time_frame": "Foråret 2026"},
    ]
    for change in changes:
        before = goals.get_goal(db, goal.id)
        edited = goals.edit_goal(db, goal.id, before.version, **change)
        assert goals.get_goal(db, goal.id) == edited
        assert edited.version == before.version + 1
        for name, value in change.items():
            assert getattr(edited, name) == value
    with pytest.raises(ValidationError) as caught:
        goals.edit_goal(db, goal.id, edited.version, aim=" ")
    assert caught.value.key == "error.required"
    with pytest.raises(ValueError):
        goals.edit_goal(db, goal.id, edited.version, colour="red")
    assert goals.get_goal(db, goal.id) == edited

    archived = goals.edit_goal(db, goal.id, edited.version, archived=True)
    assert archived.archived is True
    assert boards.list_boards(db)[0].counts[Lane.GOALS] == 0
    # Archived goals stay in the board state (the window decides whether to show them).
    assert [g.archived for g in boards.load_board(db, board.id).goals] == [True]


def test_edit_goal_with_stale_version_changes_nothing(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    current = goals.edit_goal(db, goal.id, goal.version, aim="Skærm A")
    with pytest.raises(ConflictError):
        goals.edit_goal(db, goal.id, goal.version, aim="Skærm B")
    assert goals.get_goal(db, goal.id) == current


def test_unknown_goal_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        goals.get_goal(db, 77)
    assert caught.value.key == "error.not_found"
    assert_danish_message(caught.value)


# -- success criteria -----------------------------------------------------------------------


def test_criteria_are_added_in_order_and_edited(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    indicator = goals.add_criterion(
        db, goal.id, CriterionKind.INDICATOR, "Fremmøde i skolen", target="90", unit="%"
    )
    sign = goals.add_criterion(db, goal.id, "sign", "Børnene fortæller om skolen")
    assert (indicator.kind, indicator.position) == (CriterionKind.INDICATOR, 0)
    assert (sign.kind, sign.position, sign.target, sign.unit) == (CriterionKind.SIGN, 1, "", "")
    assert goals.get_goal(db, goal.id).criteria == (indicator, sign)

    edited = goals.edit_criterion(db, indicator.id, criterion_text="Fremmøde", target="95")
    assert (edited.text, edited.target, edited.unit) == ("Fremmøde", "95", "%")
    assert goals.get_goal(db, goal.id).criteria == (edited, sign)
    with pytest.raises(ValidationError) as caught:
        goals.edit_criterion(db, sign.id, criterion_text="  ")
    assert caught.value.key == "error.required"
    with pytest.raises(ValidationError) as caught:
        goals.add_criterion(db, goal.id, "sign", "")
    assert caught.value.key == "error.required"
    assert goals.get_goal(db, goal.id).criteria == (edited, sign)


def test_removing_a_criterion_removes_its_measurements(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    keep = goals.add_criterion(db, goal.id, "indicator", "Behold")
    remove = goals.add_criterion(db, goal.id, "indicator", "Fjern")
    goals.add_measurement(db, keep.id, "1.3.2026", 1)
    goals.add_measurement(db, remove.id, "1.3.2026", 2)
    goals.remove_criterion(db, remove.id)
    assert [c.text for c in goals.get_goal(db, goal.id).criteria] == ["Behold"]
    assert goals.measurements(db, remove.id) == []
    assert [m.value for m in goals.measurements(db, keep.id)] == [1.0]
    with pytest.raises(NotFoundError):
        goals.remove_criterion(db, remove.id)


def test_bug_criterion_added_after_a_removal_goes_last(db: Database, board: Board) -> None:
    """Criteria are ordered by position; a new one gets ``len(criteria)``, which repeats the
    position of the last one after any removal, so the order of the two becomes arbitrary."""
    goal = goals.add_goal(db, board.id, "Mål")
    first, _, third = (goals.add_criterion(db, goal.id, "sign", text) for text in ("A", "B", "C"))
    goals.remove_criterion(db, first.id)
    fourth = goals.add_criterion(db, goal.id, "sign", "D")
    goals.edit_criterion(db, third.id, unit="stk.")  # an ordinary later edit of C
    assert [c.text for c in goals.get_goal(db, goal.id).criteria] == ["B", "C", "D"]
    positions = [c.position for c in goals.get_goal(db, goal.id).criteria]
    assert len(set(positions)) == len(positions), positions
    assert fourth.position > third.position


# -- measurements ---------------------------------------------------------------------------


def test_measurements_are_stored_and_sorted_by_date(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    criterion = goals.add_criterion(db, goal.id, "indicator", "Fremmøde", unit="%")
    goals.add_measurement(db, criterion.id, "15.3.2026", "87,5", "efter påske 🐣")
    goals.add_measurement(db, criterion.id, date(2026, 1, 15), 70)
    goals.add_measurement(db, criterion.id, "2026-02-15", "-1.25")
    stored = goals.measurements(db, criterion.id)
    assert [(m.measured_on, m.value, m.note) for m in stored] == [
        (date(2026, 1, 15), 70.0, ""),
        (date(2026, 2, 15), -1.25, ""),
        (date(2026, 3, 15), 87.5, "efter påske 🐣"),
    ]
    assert all(m.criterion_id == criterion.id for m in stored)


def test_bad_measurements_are_refused(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    criterion = goals.add_criterion(db, goal.id, "indicator", "Fremmøde")
    refused = [
        (("1.3.2026", "tre"), "error.bad_number"),
        (("1.3.2026", "nan"), "error.bad_number"),
        (("1.3.2026", float("inf")), "error.bad_number"),
        (("1.3.2026", ""), "error.bad_number"),
        (("", 3), "error.required"),
        (("30.2.2026", 3), "error.bad_date"),
    ]
    for (day, value), key in refused:
        with pytest.raises(ValidationError) as caught:
            goals.add_measurement(db, criterion.id, day, value)
        assert caught.value.key == key, (day, value)
        assert_danish_message(caught.value)
    assert goals.measurements(db, criterion.id) == []
    with pytest.raises(NotFoundError):
        goals.add_measurement(db, 999, "1.3.2026", 1)


# -- goals and cards ------------------------------------------------------------------------


def test_cards_for_goal_lists_active_linked_cards_in_order(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    other_goal = goals.add_goal(db, board.id, "Andet mål")
    first = cards.add_card(db, board.id, "Første", goal_ids=(goal.id,))
    cards.add_card(db, board.id, "Ikke knyttet", goal_ids=(other_goal.id,))
    second = cards.add_card(db, board.id, "Anden", Lane.ACTIVITIES, goal_ids=(goal.id,))
    gone = cards.add_card(db, board.id, "Arkiveret", goal_ids=(goal.id,))
    cards.set_archived(db, gone.id, gone.version, True)
    top = cards.add_card(db, board.id, "Øverst", index=0, goal_ids=(goal.id, other_goal.id))
    linked = goals.cards_for_goal(db, goal.id)
    assert set(linked) == {first.id, second.id, top.id}
    assert linked.index(top.id) < linked.index(first.id)
    assert goals.cards_for_goal(db, other_goal.id)[0] == top.id
