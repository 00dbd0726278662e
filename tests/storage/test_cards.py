"""Cards: add, number, edit, archive and restore, move, find, and refuse stale writes."""

from __future__ import annotations

import random
from datetime import date

import pytest

from board.domain.entities import Board, Card
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import FLOW, Lane
from board.domain.ordering import key_between
from board.persistence.database import Database
from board.persistence.records import CardRecord
from board.services import boards, cards, goals, people

from .helpers import all_cards, assert_danish_message, lane_titles


def _add(db: Database, board: Board, *titles: str, lane: Lane = Lane.IDEAS) -> list[Card]:
    return [cards.add_card(db, board.id, t, lane) for t in titles]


# -- adding ---------------------------------------------------------------------------------


def test_add_card_stores_every_field(db: Database, board: Board) -> None:
    anne = people.add_person(db, board.id, "Anne Ørsted")
    goal = goals.add_goal(db, board.id, "Flere børn i skole")
    card = cards.add_card(
        db, board.id, "  Morgenopkald til familien  ", Lane.ACTIVITIES,
        description="Ring kl. 7.30\n\tspørg til søvn", owner_id=anne.id, deadline="11.6.2026",
        goal_ids=(goal.id,),
    )  # fmt: skip
    stored = cards.get_card(db, card.id)
    assert stored == card
    assert stored.title == "Morgenopkald til familien"
    assert stored.description == "Ring kl. 7.30\n\tspørg til søvn"
    assert stored.lane is Lane.ACTIVITIES
    assert stored.owner_id == anne.id
    assert stored.deadline == date(2026, 6, 11)
    assert stored.goal_ids == (goal.id,)
    assert stored.archived is False
    assert stored.version == 1
    assert stored.number == 1
    assert goals.cards_for_goal(db, goal.id) == [card.id]


def test_add_cards_at_the_end_keeps_their_order(db: Database, board: Board) -> None:
    titles = [f"Idé {n}" for n in range(1, 26)]
    _add(db, board, *titles)
    assert lane_titles(db, board.id, Lane.IDEAS) == titles


ADD_AT: list[tuple[int, list[str]]] = [
    (0, ["new", "a", "b", "c"]),
    (1, ["a", "new", "b", "c"]),
    (2, ["a", "b", "new", "c"]),
    (3, ["a", "b", "c", "new"]),
    (99, ["a", "b", "c", "new"]),
    (-5, ["new", "a", "b", "c"]),
]


def test_add_card_at_index(db: Database) -> None:
    for index, expected in ADD_AT:
        board = boards.create_board(db, f"Tavle {index}")
        _add(db, board, "a", "b", "c")
        cards.add_card(db, board.id, "new", Lane.IDEAS, index=index)
        assert lane_titles(db, board.id, Lane.IDEAS) == expected, index


def test_add_card_to_lane_given_by_danish_label(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Prioriteret", "Prioritering")
    assert cards.get_card(db, card.id).lane is Lane.PRIORITISED
    with pytest.raises(ValidationError) as caught:
        cards.add_card(db, board.id, "Ukendt", "Parkering")
    assert caught.value.key == "error.unknown_lane"
    assert "Parkering" in assert_danish_message(caught.value)
    assert len(all_cards(db, board.id)) == 1


def test_numbers_count_per_board_and_are_never_reused(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    first = _add(db, board, "a", "b", "c")
    assert [c.number for c in first] == [1, 2, 3]
    assert [c.number for c in _add(db, other, "x", "y")] == [1, 2]
    cards.set_archived(db, first[2].id, first[2].version, True)
    assert cards.add_card(db, board.id, "d").number == 4
    assert cards.add_card(db, board.id, "e", Lane.LOG).number == 5


def test_add_card_to_unknown_board_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        cards.add_card(db, 4711, "Kort")
    assert caught.value.key == "error.not_found"
    assert_danish_message(caught.value)


def test_owner_and_goal_must_belong_to_the_board(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    stranger = people.add_person(db, other.id, "Fremmed Person")
    foreign_goal = goals.add_goal(db, other.id, "Et andet mål")
    with pytest.raises(ValidationError) as caught:
        cards.add_card(db, board.id, "Kort", owner_id=stranger.id)
    assert caught.value.key == "error.unknown_person"
    assert_danish_message(caught.value)
    with pytest.raises(ValidationError) as caught:
        cards.add_card(db, board.id, "Kort", goal_ids=(foreign_goal.id,))
    assert caught.value.key == "error.unknown_goal"
    assert all_cards(db, board.id) == {}
    card = cards.add_card(db, board.id, "Kort")
    with pytest.raises(ValidationError):
        cards.edit_card(db, card.id, card.version, owner_id=stranger.id)
    with pytest.raises(ValidationError):
        cards.edit_card(db, card.id, card.version, goal_ids=(foreign_goal.id, 999))
    assert cards.get_card(db, card.id) == card


# -- editing --------------------------------------------------------------------------------


def test_edit_each_field_changes_only_that_field(db: Database, board: Board) -> None:
    anne = people.add_person(db, board.id, "Anne Ørsted")
    card = cards.add_card(db, board.id, "Titel", Lane.PRIORITISED)
    untouched = cards.add_card(db, board.id, "Nabo", Lane.PRIORITISED)

    steps: list[tuple[dict[str, object], dict[str, object]]] = [
        ({"title": "  Ny titel "}, {"title": "Ny titel"}),
        ({"description": "Linje 1\r\nLinje 2"}, {"description": "Linje 1\r\nLinje 2"}),
        ({"owner_id": anne.id}, {"owner_id": anne.id}),
        ({"deadline": "2026-06-11"}, {"deadline": date(2026, 6, 11)}),
        ({"deadline": date(2027, 1, 2)}, {"deadline": date(2027, 1, 2)}),
        ({"owner_id": None}, {"owner_id": None}),
        ({"deadline": ""}, {"deadline": None}),
        ({"description": ""}, {"description": ""}),
    ]
    for change, expected in steps:
        before = cards.get_card(db, card.id)
        edited = cards.edit_card(db, card.id, before.version, **change)  # type: ignore[arg-type]
        stored = cards.get_card(db, card.id)
        assert stored == edited
        assert stored.version == before.version + 1
        for name, value in expected.items():
            assert getattr(stored, name) == value, change
        same = {"title", "description", "owner_id", "deadline"} - set(expected)
        for name in same | {"lane", "position", "number", "archived", "created_at", "goal_ids"}:
            assert getattr(stored, name) == getattr(before, name), (change, name)
    assert cards.get_card(db, untouched.id) == untouched


def test_bug_edit_card_returns_goals_in_stored_order(db: Database, board: Board) -> None:
    """The card a screen gets back from an edit must equal what the next reload shows."""
    goal_a = goals.add_goal(db, board.id, "Mål A")
    goal_b = goals.add_goal(db, board.id, "Mål B")
    card = cards.add_card(db, board.id, "Titel")
    edited = cards.edit_card(db, card.id, card.version, goal_ids=(goal_b.id, goal_a.id))
    assert cards.get_card(db, card.id).goal_ids == (goal_a.id, goal_b.id)  # the goals' order
    assert edited == cards.get_card(db, card.id)


def test_bug_changing_only_goal_links_bumps_the_version(db: Database, board: Board) -> None:
    """Linking a card to goals is an edit: a second screen still holding the old version must
    get a conflict instead of silently overwriting the links (today no UPDATE of the card row
    is issued when its other columns are unchanged within the same second)."""
    goal_a = goals.add_goal(db, board.id, "Mål A")
    card = cards.add_card(db, board.id, "Titel")
    linked = cards.edit_card(db, card.id, card.version, goal_ids=(goal_a.id,))
    assert cards.get_card(db, card.id).goal_ids == (goal_a.id,)
    assert linked.version == card.version + 1
    with pytest.raises(ConflictError):  # the other screen, still at the old version
        cards.edit_card(db, card.id, card.version, goal_ids=())
    assert cards.get_card(db, card.id).goal_ids == (goal_a.id,)


def test_edit_unknown_card_is_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError):
        cards.edit_card(db, 999, None, title="x")


# -- archive and restore --------------------------------------------------------------------


def test_archive_hides_card_and_restore_puts_it_at_the_end(db: Database, board: Board) -> None:
    a, b, c = _add(db, board, "a", "b", "c")
    archived = cards.set_archived(db, a.id, a.version, True)
    assert archived.archived is True
    assert lane_titles(db, board.id, Lane.IDEAS) == ["b", "c"]
    assert [x.id for x in cards.archived_cards(db, board.id)] == [a.id]
    assert boards.list_boards(db)[0].counts[Lane.IDEAS] == 2
    # An archived card keeps its lane and can still be found by number.
    assert cards.find_card(db, board.id, "#1").id == a.id

    restored = cards.set_archived(db, a.id, archived.version, False)
    assert restored.archived is False
    assert restored.lane is Lane.IDEAS
    assert lane_titles(db, board.id, Lane.IDEAS) == ["b", "c", "a"]
    assert cards.archived_cards(db, board.id) == []
    assert cards.get_card(db, b.id) == b and cards.get_card(db, c.id) == c


def test_archived_cards_do_not_take_part_in_positions(db: Database, board: Board) -> None:
    a, b, c = _add(db, board, "a", "b", "c")
    cards.set_archived(db, b.id, b.version, True)
    moved = cards.move_card(db, c.id, c.version, Lane.IDEAS, 1)  # index among active cards
    assert lane_titles(db, board.id, Lane.IDEAS) == ["a", "c"]
    assert moved.position > a.position


# -- moving ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lane", list(FLOW))
def test_move_to_each_lane_and_each_position(db: Database, board: Board, lane: Lane) -> None:
    mover = cards.add_card(
        db, board.id, "mover", Lane.IDEAS if lane is not Lane.IDEAS else Lane.LOG
    )
    residents = ["r0", "r1", "r2"]
    _add(db, board, *residents, lane=lane)
    for index in range(len(residents) + 1):
        current = cards.get_card(db, mover.id)
        moved = cards.move_card(db, mover.id, current.version, lane, index)
        assert moved.lane is lane
        assert moved.version == current.version + 1
        expected = [*residents[:index], "mover", *residents[index:]]
        assert lane_titles(db, board.id, lane) == expected
    # None means "at the end".
    current = cards.get_card(db, mover.id)
    cards.move_card(db, mover.id, current.version, lane, 0)
    current = cards.get_card(db, mover.id)
    cards.move_card(db, mover.id, current.version, lane, None)
    assert lane_titles(db, board.id, lane) == [*residents, "mover"]


def test_move_by_lane_label(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Kort")
    moved = cards.move_card(db, card.id, card.version, "Aktiviteter", 0)
    assert cards.get_card(db, card.id).lane is Lane.ACTIVITIES == moved.lane


def test_moving_changes_no_other_cards_row(db: Database, board: Board) -> None:
    for lane in FLOW:
        _add(db, board, *(f"{lane.value}-{n}" for n in range(4)), lane=lane)
    rng = random.Random(7)
    for _ in range(12):
        before = all_cards(db, board.id)
        card = rng.choice(list(before.values()))
        lane = rng.choice(FLOW)
        moved = cards.move_card(db, card.id, card.version, lane, rng.randint(0, 4))
        after = all_cards(db, board.id)
        assert after[card.id] == moved
        others_before = {k: v for k, v in before.items() if k != card.id}
        others_after = {k: v for k, v in after.items() if k != card.id}
        assert others_after == others_before  # same version, position, lane, updated_at, ...


def test_positions_sort_correctly_after_200_random_moves(db: Database, board: Board) -> None:
    rng = random.Random(20260611)
    model: dict[Lane, list[str]] = {lane: [] for lane in FLOW}
    ids: dict[str, int] = {}
    for n in range(16):
        lane = FLOW[n % len(FLOW)]
        title = f"card {n:02d}"
        ids[title] = cards.add_card(db, board.id, title, lane).id
        model[lane].append(title)
    versions = {title: 1 for title in ids}
    for _ in range(200):
        title = rng.choice(sorted(ids))
        source = next(lane for lane, titles in model.items() if title in titles)
        model[source].remove(title)
        target = rng.choice(FLOW)
        # Favour the crowded spots (top, bottom, next to the top) that make keys grow.
        index = rng.choice([0, 0, 1, len(model[target]), rng.randint(0, len(model[target]))])
        moved = cards.move_card(db, ids[title], versions[title], target, index)
        versions[title] = moved.version
        model[target].insert(min(index, len(model[target])), title)
    state = boards.load_board(db, board.id)
    for lane in FLOW:
        assert [c.title for c in state.lane(lane)] == model[lane], lane
    positions = [(c.lane, c.position) for c in state.cards]
    assert len(set(positions)) == len(positions), "two cards share a place in a lane"
    assert all(len(c.position) <= 200 for c in state.cards)


def test_bug_moves_to_the_top_keep_working_after_long_use(db: Database, board: Board) -> None:
    """A lane's top key grows with every move to the top; it must never outgrow the column.

    After about a thousand moves to the top of a lane ("most important first", for a year or
    two), the top card's key is as long as computed here: the longest that fits the position
    column (String(200)). The next move to the top must still be stored.
    """
    top_key, moves = "i", 0
    while len(key_between(None, top_key)) <= 200:
        top_key, moves = key_between(None, top_key), moves + 1
    assert moves < 1100
    top, other = _add(db, board, "top", "other")
    with db.write() as s:  # the state a long-used board reaches (only position differs)
        record = s.get(CardRecord, top.id)
        assert record is not None
        record.position = top_key
    current = cards.get_card(db, other.id)
    cards.move_card(db, other.id, current.version, Lane.IDEAS, 0)
    assert lane_titles(db, board.id, Lane.IDEAS) == ["other", "top"]


# -- stale versions -------------------------------------------------------------------------


def test_stale_version_is_refused_and_nothing_changes(db: Database, board: Board) -> None:
    a, _ = _add(db, board, "a", "b")
    current = cards.edit_card(db, a.id, a.version, title="a2")
    snapshot = all_cards(db, board.id)
    attempts = [
        lambda: cards.edit_card(db, a.id, a.version, title="stale title"),
        lambda: cards.edit_card(db, a.id, a.version, description="stale"),
        lambda: cards.move_card(db, a.id, a.version, Lane.LOG, 0),
        lambda: cards.set_archived(db, a.id, a.version, True),
        lambda: cards.edit_card(db, a.id, current.version + 5, title="future"),
    ]
    for attempt in attempts:
        with pytest.raises(ConflictError) as caught:
            attempt()
        assert caught.value.key == "error.conflict"
        assert_danish_message(caught.value)
        assert all_cards(db, board.id) == snapshot


def test_no_expected_version_means_last_writer_wins(db: Database, board: Board) -> None:
    [card] = _add(db, board, "a")
    cards.edit_card(db, card.id, card.version, title="b")
    assert cards.edit_card(db, card.id, None, title="c").title == "c"


# -- finding --------------------------------------------------------------------------------


def test_find_card_by_number_title_and_case(db: Database, board: Board) -> None:
    a, b, _ = _add(db, board, "Morgenopkald", "Ærlig snak", "12")
    assert cards.find_card(db, board.id, "1") == a
    assert cards.find_card(db, board.id, "#2") == b
    assert cards.find_card(db, board.id, " Morgenopkald ") == a
    assert cards.find_card(db, board.id, "ÆRLIG SNAK") == b
    # "12" is no card number here, so the card titled "12" is found.
    assert cards.find_card(db, board.id, "12").title == "12"
    with pytest.raises(NotFoundError) as caught:
        cards.find_card(db, board.id, "Findes ikke")
    assert caught.value.key == "error.unknown_card"
    assert "Findes ikke" in assert_danish_message(caught.value)


def test_find_card_only_looks_on_its_board(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    _add(db, other, "Kun på den anden tavle")
    with pytest.raises(NotFoundError):
        cards.find_card(db, board.id, "Kun på den anden tavle")
    with pytest.raises(NotFoundError):
        cards.find_card(db, board.id, "1")


def test_get_unknown_card(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        cards.get_card(db, 31337)
    assert caught.value.key == "error.not_found"
    assert caught.value.params["id"] == 31337  # kept for the log, not shown: it is no card number
    assert assert_danish_message(caught.value).startswith("Kortet findes ikke længere")
