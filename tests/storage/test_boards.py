"""Boards: create, rename, list with counts, find, and load everything the window shows."""

from __future__ import annotations

from datetime import date

import pytest

from board.domain.entities import Board, CycleStep, Decision
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, cycles, goals, log, people

from .helpers import assert_danish_message


def test_create_board_is_stored_with_trimmed_name(db: Database) -> None:
    created = boards.create_board(db, "  Team Nord – Æblehaven  ")
    assert created.name == "Team Nord – Æblehaven"
    assert created.version == 1
    assert created.created_at is not None
    [summary] = boards.list_boards(db)
    assert summary.board == created
    assert boards.first_board(db) == created


def test_first_board_of_an_empty_database_is_none(db: Database) -> None:
    assert boards.first_board(db) is None
    assert boards.list_boards(db) == []


def test_duplicate_board_name_is_refused_and_nothing_added(db: Database, board: Board) -> None:
    with pytest.raises(ValidationError) as caught:
        boards.create_board(db, " Familieafdelingen ")
    assert caught.value.key == "error.board_exists"
    assert "Familieafdelingen" in assert_danish_message(caught.value)
    assert [s.board.name for s in boards.list_boards(db)] == ["Familieafdelingen"]


def test_board_name_is_required(db: Database) -> None:
    for name in ["", "   ", "\t\n"]:
        with pytest.raises(ValidationError) as caught:
            boards.create_board(db, name)
        assert caught.value.key == "error.required"
        assert_danish_message(caught.value)
    assert boards.list_boards(db) == []


def test_rename_board(db: Database, board: Board) -> None:
    renamed = boards.rename_board(db, board.id, "  Børn og unge ", board.version)
    assert renamed.name == "Børn og unge"
    assert renamed.version == board.version + 1
    assert boards.find_board(db, str(board.id)) == renamed


def test_rename_to_another_boards_name_is_refused(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Handicap")
    with pytest.raises(ValidationError) as caught:
        boards.rename_board(db, other.id, "Familieafdelingen", other.version)
    assert caught.value.key == "error.board_exists"
    assert sorted(s.board.name for s in boards.list_boards(db)) == ["Familieafdelingen", "Handicap"]


def test_rename_to_its_own_name_is_allowed(db: Database, board: Board) -> None:
    renamed = boards.rename_board(db, board.id, "Familieafdelingen", board.version)
    assert renamed.name == "Familieafdelingen"


def test_rename_with_stale_version_changes_nothing(db: Database, board: Board) -> None:
    boards.rename_board(db, board.id, "Første navn", board.version)
    with pytest.raises(ConflictError) as caught:
        boards.rename_board(db, board.id, "Andet navn", board.version)
    assert caught.value.key == "error.conflict"
    assert_danish_message(caught.value)
    assert boards.find_board(db, str(board.id)).name == "Første navn"


def test_rename_unknown_board_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        boards.rename_board(db, 999, "X", None)
    assert caught.value.key == "error.not_found"
    assert_danish_message(caught.value)


def test_list_boards_sorted_with_counts_per_lane(db: Database) -> None:
    beta = boards.create_board(db, "Beta")
    alpha = boards.create_board(db, "Alpha")
    for title, lane in [
        ("i1", Lane.IDEAS), ("i2", Lane.IDEAS), ("i3", Lane.IDEAS),
        ("p1", Lane.PRIORITISED),
        ("a1", Lane.ACTIVITIES), ("a2", Lane.ACTIVITIES),
        ("l1", Lane.LOG),
    ]:  # fmt: skip
        cards.add_card(db, beta.id, title, lane)
    hidden = cards.add_card(db, beta.id, "archived idea", Lane.IDEAS)
    cards.set_archived(db, hidden.id, hidden.version, True)
    goals.add_goal(db, beta.id, "Færre akutte anbringelser")
    old_goal = goals.add_goal(db, beta.id, "Et gammelt mål")
    goals.edit_goal(db, old_goal.id, old_goal.version, archived=True)
    cards.add_card(db, alpha.id, "alpha idea")

    summaries = boards.list_boards(db)
    assert [s.board.name for s in summaries] == ["Alpha", "Beta"]
    assert summaries[0].counts == {
        Lane.IDEAS: 1, Lane.PRIORITISED: 0, Lane.ACTIVITIES: 0, Lane.GOALS: 0, Lane.LOG: 0,
    }  # fmt: skip
    assert summaries[1].counts == {
        Lane.IDEAS: 3, Lane.PRIORITISED: 1, Lane.ACTIVITIES: 2, Lane.GOALS: 1, Lane.LOG: 1,
    }  # fmt: skip
    assert summaries[0].board.id == alpha.id


def test_find_board_by_name_case_insensitively_and_by_number(db: Database) -> None:
    danish = boards.create_board(db, "Ældre Øst Å")
    other = boards.create_board(db, "Misbrug")
    assert boards.find_board(db, "Ældre Øst Å") == danish
    assert boards.find_board(db, "ældre øst å") == danish
    assert boards.find_board(db, "  ÆLDRE ØST Å ") == danish
    assert boards.find_board(db, str(other.id)) == other
    assert boards.find_board(db, f" {other.id} ") == other


def test_find_board_prefers_an_exact_name_over_a_number(db: Database) -> None:
    first = boards.create_board(db, "Første")
    numbered = boards.create_board(db, str(first.id))  # a board called "1" (or whatever id)
    assert boards.find_board(db, str(first.id)) == numbered


def test_find_unknown_board(db: Database, board: Board) -> None:
    with pytest.raises(NotFoundError) as caught:
        boards.find_board(db, "Findes ikke")
    assert caught.value.key == "error.unknown_board"
    assert "Findes ikke" in assert_danish_message(caught.value)


def test_load_board_contents(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    anne = people.add_person(db, board.id, "Anne Ørsted", email="anne@example.dk")
    bo = people.add_person(db, board.id, "Bo Ahmed")
    people.add_person(db, other.id, "Someone Else")
    goal = goals.add_goal(db, board.id, "Børn i skole hver dag")
    first = cards.add_card(db, board.id, "Morgenopkald", Lane.ACTIVITIES, owner_id=anne.id,
                           deadline="1.3.2026", goal_ids=(goal.id,))  # fmt: skip
    second = cards.add_card(db, board.id, "Tjekliste", Lane.IDEAS)
    cards.add_card(db, other.id, "Not on this board", Lane.IDEAS)
    cycle = cycles.start_cycle(db, first.id)
    closed = cycles.decide(db, cycle.id, cycle.version, Decision.ADAPT, "Prøv om aftenen",
                           on=date(2026, 3, 2))  # fmt: skip
    newest = cycles.start_cycle(db, first.id)
    manual = log.add_log_entry(db, board.id, "Manuel note", logged_on="2026-03-05")
    hidden = log.add_log_entry(db, board.id, "Skjult note", logged_on="2026-03-06")
    log.edit_log_entry(db, hidden.id, hidden.version, archived=True)

    state = boards.load_board(db, board.id)
    assert state.board.name == "Familieafdelingen"
    assert {c.id for c in state.cards} == {first.id, second.id}
    assert [c.title for c in state.lane(Lane.ACTIVITIES)] == ["Morgenopkald"]
    assert [c.title for c in state.lane(Lane.IDEAS)] == ["Tjekliste"]
    loaded_first = next(c for c in state.cards if c.id == first.id)
    assert loaded_first.owner_id == anne.id
    assert loaded_first.deadline == date(2026, 3, 1)
    assert loaded_first.goal_ids == (goal.id,)
    assert [g.aim for g in state.goals] == ["Børn i skole hver dag"]
    assert [p.name for p in state.people] == ["Anne Ørsted", "Bo Ahmed"]
    assert state.person(bo.id) == bo
    assert [e.id for e in state.log] == [manual.id, closed.log_entry.id]  # newest first
    assert state.current_cycles == {first.id: newest}
    assert state.current_cycles[first.id].number == 2
    assert state.current_cycles[first.id].step is CycleStep.PLAN


def test_load_unknown_board_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        boards.load_board(db, 12345)
