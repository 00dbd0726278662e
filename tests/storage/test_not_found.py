"""Acting on something that no longer exists (deleted on another screen) gives one clear
"not found" naming what, in the user's words, for every action, and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from board.domain.entities import Board
from board.domain.errors import NotFoundError
from board.persistence.database import Database
from board.services import (
    boards,
    cards,
    cycles,
    goals,
    log,
    meetings,
    people,
    template,
    transfer,
)

from .helpers import assert_danish_message

GONE = 999_999

# How each kind of record is named to a Danish user.
DANISH_NAME = {
    "board": "Tavlen findes ikke længere",
    "card": "Kortet findes ikke længere",
    "cycle": "Læringscirklen findes ikke længere",
    "goal": "Målet findes ikke længere",
    "criterion": "Succeskriteriet findes ikke længere",
    "log_entry": "Linjen i loggen findes ikke længere",
    "person": "Personen er ikke længere på tavlen",
    "meeting": "Mødet findes ikke længere",
    "agreement": "Aftalen findes ikke længere",
}

# (what the message names, the action); ``ids`` holds a live board, meeting and person.
ACTIONS: list[tuple[str, Callable[[Database, dict[str, int]], Any]]] = [
    ("board", lambda db, ids: boards.rename_board(db, GONE, "Ny", None)),
    ("board", lambda db, ids: boards.load_board(db, GONE)),
    ("board", lambda db, ids: cards.add_card(db, GONE, "Idé")),
    ("card", lambda db, ids: cards.edit_card(db, GONE, None, title="Ny")),
    ("card", lambda db, ids: cards.move_card(db, GONE, None, "ideas", None)),
    ("card", lambda db, ids: cards.set_archived(db, GONE, None, True)),
    ("card", lambda db, ids: cards.get_card(db, GONE)),
    ("card", lambda db, ids: cycles.start_cycle(db, GONE)),
    ("cycle", lambda db, ids: cycles.edit_cycle(db, GONE, None, plan_who="Gitte")),
    ("cycle", lambda db, ids: cycles.decide(db, GONE, None, "adopt")),
    ("cycle", lambda db, ids: cycles.discard_cycle(db, GONE, None)),
    ("board", lambda db, ids: goals.add_goal(db, GONE, "Mål")),
    ("goal", lambda db, ids: goals.edit_goal(db, GONE, None, aim="Mål")),
    ("goal", lambda db, ids: goals.get_goal(db, GONE)),
    ("goal", lambda db, ids: goals.add_criterion(db, GONE, "sign", "Tegn")),
    ("goal", lambda db, ids: goals.cards_for_goal(db, GONE)),
    ("criterion", lambda db, ids: goals.edit_criterion(db, GONE, criterion_text="Tegn")),
    ("criterion", lambda db, ids: goals.remove_criterion(db, GONE)),
    ("criterion", lambda db, ids: goals.add_measurement(db, GONE, "1.3.2026", 2)),
    ("board", lambda db, ids: log.add_log_entry(db, GONE, "Afprøvet")),
    ("card", lambda db, ids: log.add_log_entry(db, ids["board"], "Afprøvet", card_id=GONE)),
    ("log_entry", lambda db, ids: log.edit_log_entry(db, GONE, None, learning="Læring")),
    ("board", lambda db, ids: people.add_person(db, GONE, "Gitte Holm")),
    ("person", lambda db, ids: people.edit_person(db, GONE, None, name="Gitte")),
    ("board", lambda db, ids: meetings.start_meeting(db, GONE)),
    ("meeting", lambda db, ids: meetings.set_present(db, GONE, ids["person"], True)),
    ("person", lambda db, ids: meetings.set_present(db, ids["meeting"], GONE, True)),
    ("meeting", lambda db, ids: meetings.add_guest(db, GONE, "Ida")),
    ("meeting", lambda db, ids: meetings.edit_meeting(db, GONE, notes="Noter")),
    ("person", lambda db, ids: meetings.edit_meeting(db, ids["meeting"], facilitator_id=GONE)),
    ("meeting", lambda db, ids: meetings.add_agreement(db, GONE, "Aftale")),
    ("person", lambda db, ids: meetings.add_agreement(db, ids["meeting"], "Aftale", GONE)),
    ("card", lambda db, ids: meetings.add_agreement(db, ids["meeting"], "A", card_id=GONE)),
    ("agreement", lambda db, ids: meetings.remove_agreement(db, GONE)),
    ("meeting", lambda db, ids: meetings.end_meeting(db, GONE)),
    ("meeting", lambda db, ids: meetings.get_meeting(db, GONE)),
    ("meeting", lambda db, ids: meetings.meeting_minutes(db, GONE)),
    ("meeting", lambda db, ids: meetings.meeting_board(db, GONE)),
    ("meeting", lambda db, ids: meetings.record_dispatch(db, GONE, "a@kommune.dk", True, "")),
    ("board", lambda db, ids: template.template_data(db, GONE, GONE)),
    ("board", lambda db, ids: transfer.export_board(db, GONE)),
]


@pytest.mark.parametrize(
    ("what", "action"), ACTIONS, ids=[f"{i}-{what}" for i, (what, _) in enumerate(ACTIONS)]
)
def test_a_vanished_record_is_named_in_one_clear_message(
    db: Database, board: Board, what: str, action: Callable[[Database, dict[str, int]], Any]
) -> None:
    person = people.add_person(db, board.id, "Gitte Holm")
    meeting = meetings.start_meeting(db, board.id)
    before = transfer.export_board(db, board.id)
    with pytest.raises(NotFoundError) as caught:
        action(db, {"board": board.id, "meeting": meeting.id, "person": person.id})
    assert caught.value.key == "error.not_found"
    assert caught.value.params == {"what": what, "id": GONE}
    text = assert_danish_message(caught.value)
    assert text.startswith(DANISH_NAME[what]), text  # the thing named in Danish
    assert what not in text.lower().split() and str(GONE) not in text  # no English, no db id
    assert transfer.export_board(db, board.id) == before
