"""What the template of a card is made from, read in one transaction."""

from __future__ import annotations

import pytest

from board.domain.entities import CycleStep
from board.domain.errors import NotFoundError
from board.domain.lanes import FLOW, Lane
from board.services import boards, cards
from board.services.demo import AIM, DEVELOPMENT_POINT, SECOND_POINT, TEST_TITLE
from board.services.template import template_data

from .conftest import Demo


def test_demo_card_template_holds_goal_catalogue_cycles_and_people(demo: Demo) -> None:
    card = cards.find_card(demo.db, demo.board_id, TEST_TITLE)
    data = template_data(demo.db, demo.board_id, card.id)
    assert data.board.id == demo.board_id
    assert data.card.title == TEST_TITLE
    assert data.owner_name == "Gitte Holm"
    assert [s.goal.development_point for s in data.goals] == [DEVELOPMENT_POINT]
    assert data.goals[0].goal.aim == AIM
    assert {c.kind.value for c in data.goals[0].goal.criteria} == {"indicator", "sign"}
    indicator = next(c for c in data.goals[0].goal.criteria if c.kind.value == "indicator")
    assert data.latest[indicator.id].value == 7.0  # the newest of the four measurements

    entries = data.goals[0].catalogue
    assert [e.title for e in entries if e.selected] == [TEST_TITLE]
    others = {e.title: e.lane for e in data.catalogue}
    assert TEST_TITLE not in others
    assert others["Hjemmebesøg inden netværksmøde"] is Lane.PRIORITISED
    assert others["Barnets bog"] is Lane.LOG
    assert "Gravidliste på tavlen" not in others  # linked to no goal
    assert "Feedback til forældrene i tiden på barselgangen" not in others  # the other goal
    lanes = [e.lane for e in entries]
    assert lanes == sorted(lanes, key=FLOW.index)  # ideas first, the log last

    assert [c.number for c in data.cycles] == [1]
    assert data.cycles[0].step is CycleStep.ACT
    assert "Gitte Holm" in data.people.values()


def test_catalogue_leaves_out_archived_cards(own_demo: Demo) -> None:
    home = cards.find_card(own_demo.db, own_demo.board_id, "Hjemmebesøg inden netværksmøde")
    cards.set_archived(own_demo.db, home.id, home.version, True)
    card = cards.find_card(own_demo.db, own_demo.board_id, TEST_TITLE)
    data = template_data(own_demo.db, own_demo.board_id, card.id)
    assert "Hjemmebesøg inden netværksmøde" not in [e.title for e in data.catalogue]


def test_card_linked_to_two_goals_has_two_sections(own_demo: Demo) -> None:
    state = boards.load_board(own_demo.db, own_demo.board_id)
    card = cards.find_card(own_demo.db, own_demo.board_id, TEST_TITLE)
    cards.edit_card(own_demo.db, card.id, card.version, goal_ids=tuple(g.id for g in state.goals))
    data = template_data(own_demo.db, own_demo.board_id, card.id)
    assert [s.goal.development_point for s in data.goals] == [DEVELOPMENT_POINT, SECOND_POINT]
    titles = [e.title for e in data.catalogue]
    assert "Fælles struktur for møder med barselgangen" in titles
    assert len(titles) == len(set(titles))


def test_card_of_another_board_is_not_found(own_demo: Demo) -> None:
    other = boards.create_board(own_demo.db, "Anden tavle")
    card = cards.find_card(own_demo.db, own_demo.board_id, TEST_TITLE)
    with pytest.raises(NotFoundError):
        template_data(own_demo.db, other.id, card.id)
    with pytest.raises(NotFoundError):
        template_data(own_demo.db, own_demo.board_id, 999_999)
