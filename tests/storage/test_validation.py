"""What text and dates the board accepts: stored exactly on both databases, or refused clearly.

A refused value raises a ValidationError with a stable key and a Danish message, and leaves
the database as it was.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from board.domain import text
from board.domain.entities import Board
from board.domain.errors import ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, cycles, goals, log, people

from .helpers import all_cards, assert_danish_message

DANISH = "æøå ÆØÅ"
EMOJI = "🙂👩🏽‍👧🏿🇩🇰"  # a face, a family with skin tones (ZWJ sequence), a flag
COMBINING = "e\u0301 a\u030a Å"  # decomposed é and å next to a precomposed Å (NFD/NFC unchanged)


def _refused(call, key: str) -> ValidationError:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.key == key, caught.value.params
    assert_danish_message(caught.value)
    return caught.value


# -- titles ---------------------------------------------------------------------------------


def test_empty_or_blank_title_is_refused(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Gyldig")
    for title in ["", " ", "   \t ", "\n\n", "\u00a0\u2003"]:
        error = _refused(lambda t=title: cards.add_card(db, board.id, t), "error.required")
        assert error.params["field"] == "field.title"
        _refused(
            lambda t=title: cards.edit_card(db, card.id, card.version, title=t), "error.required"
        )
    assert list(all_cards(db, board.id).values()) == [card]


def test_title_at_the_limit_is_stored_and_one_more_is_refused(db: Database, board: Board) -> None:
    limit = text.TITLE_MAX
    exact = ("Å🙂" * limit)[:limit]  # multi-byte and astral characters count as one each
    card = cards.add_card(db, board.id, exact)
    assert cards.get_card(db, card.id).title == exact
    too_long = exact + "x"
    error = _refused(lambda: cards.add_card(db, board.id, too_long), "error.too_long")
    assert error.params["limit"] == limit and error.params["length"] == limit + 1
    assert str(limit) in error.message()
    _refused(lambda: cards.edit_card(db, card.id, card.version, title=too_long), "error.too_long")
    assert list(all_cards(db, board.id).values()) == [card]


def test_control_characters_in_a_title_are_refused(db: Database, board: Board) -> None:
    for char in ["\x00", "\x07", "\x1b", "\x7f", "\t", "\n", "\r", "\x85", "\ud800"]:
        title = f"Før{char}efter"
        _refused(lambda t=title: cards.add_card(db, board.id, t), "error.control_characters")
    assert all_cards(db, board.id) == {}


def test_unicode_titles_round_trip_exactly(db: Database, board: Board) -> None:
    values = [DANISH, EMOJI, COMBINING, "Mødet 1/2 — «plan» & ‘test’ ½"]
    ids = [cards.add_card(db, board.id, value).id for value in values]
    for card_id, value in zip(ids, values, strict=True):
        stored = cards.get_card(db, card_id)
        assert stored.title == value  # not normalised: é stays e + U+0301
        assert cards.find_card(db, board.id, value).id == card_id
    assert [c.title for c in boards.load_board(db, board.id).lane(Lane.IDEAS)] == values
    assert not unicodedata.is_normalized("NFC", cards.get_card(db, ids[2]).title)


# -- descriptions ---------------------------------------------------------------------------


def _long_text(length: int) -> str:
    unit = f"Linje med {DANISH}, {EMOJI} og {COMBINING}\tfane\r\nny linje\n"
    return (unit * (length // len(unit) + 1))[:length]


def test_description_of_100000_characters_is_stored_exactly(db: Database, board: Board) -> None:
    value = _long_text(text.TEXT_MAX)
    assert len(value) == 100_000
    card = cards.add_card(db, board.id, "Lang", description=value)
    assert cards.get_card(db, card.id).description == value
    edited_value = value[::-1]
    edited = cards.edit_card(db, card.id, card.version, description=edited_value)
    assert cards.get_card(db, card.id).description == edited_value == edited.description


def test_description_of_100001_characters_is_refused(db: Database, board: Board) -> None:
    value = _long_text(text.TEXT_MAX + 1)
    error = _refused(
        lambda: cards.add_card(db, board.id, "Lang", description=value), "error.too_long"
    )
    assert error.params == {"field": "field.description", "limit": 100_000, "length": 100_001}
    assert "100000" in error.message()
    assert all_cards(db, board.id) == {}
    card = cards.add_card(db, board.id, "Kort", description="kort")
    _refused(
        lambda: cards.edit_card(db, card.id, card.version, description=value), "error.too_long"
    )
    assert cards.get_card(db, card.id).description == "kort"


def test_control_characters_in_a_description_are_refused(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Kort", description="før")
    for char in ["\x00", "\x07", "\x1b", "\x7f", "\x0b", "\x9b", "\udfff"]:
        value = f"Første linje\n{char}anden linje"
        error = _refused(
            lambda v=value: cards.add_card(db, board.id, "Kort", description=v),
            "error.control_characters",
        )
        assert error.params["field"] == "field.description"
        _refused(
            lambda v=value: cards.edit_card(db, card.id, card.version, description=v),
            "error.control_characters",
        )
    assert list(all_cards(db, board.id).values()) == [card]


def test_tab_newline_and_unicode_in_a_description_round_trip(db: Database, board: Board) -> None:
    values = [
        "tab\there",
        "a\nb\n\nc",
        "windows\r\nline",
        "  leading and trailing blanks are kept  ",
        "\n",
        f"{DANISH}\n{EMOJI}\n{COMBINING}",
    ]
    ids = [cards.add_card(db, board.id, "Kort", description=value).id for value in values]
    state = boards.load_board(db, board.id)
    for card_id, value in zip(ids, values, strict=True):
        assert cards.get_card(db, card_id).description == value
        assert next(c for c in state.cards if c.id == card_id).description == value


# -- dates ----------------------------------------------------------------------------------


NOT_DATES = [
    "31.02.2026",
    "i morgen",
    "2026-13-01",
    "29.2.2025",
    "11.6.26",
    "0.1.2026",
    "2026/06/11",
]


def test_a_deadline_that_is_not_a_date_is_refused(db: Database, board: Board) -> None:
    card = cards.add_card(db, board.id, "Kort", deadline="1.1.2026")
    for value in NOT_DATES:
        error = _refused(
            lambda v=value: cards.add_card(db, board.id, "Kort", deadline=v), "error.bad_date"
        )
        assert error.params["value"] == value
        assert value in error.message()
        _refused(
            lambda v=value: cards.edit_card(db, card.id, card.version, deadline=v),
            "error.bad_date",
        )
    assert list(all_cards(db, board.id).values()) == [card]
    assert card.deadline == date(2026, 1, 1)


ACCEPTED_DATES: list[tuple[str | date | None, date | None]] = [
    ("11.6.2026", date(2026, 6, 11)),
    ("11.06.2026", date(2026, 6, 11)),
    ("11-06-2026", date(2026, 6, 11)),
    ("11/6/2026", date(2026, 6, 11)),
    ("2026-06-11", date(2026, 6, 11)),
    ("2026-6-1", date(2026, 6, 1)),
    (" 29.2.2028 ", date(2028, 2, 29)),
    ("31.12.2026", date(2026, 12, 31)),
    (date(2026, 6, 11), date(2026, 6, 11)),
    ("", None),
    (None, None),
]


def test_danish_and_iso_deadlines_are_accepted(db: Database, board: Board) -> None:
    for value, expected in ACCEPTED_DATES:
        card = cards.add_card(db, board.id, "Kort", deadline=value)
        assert cards.get_card(db, card.id).deadline == expected, value
    edited = cards.edit_card(db, card.id, card.version, deadline="24.12.2026")
    assert cards.get_card(db, card.id).deadline == date(2026, 12, 24) == edited.deadline


# -- the other services use the same rules --------------------------------------------------


def test_people_names_and_emails_are_checked(db: Database, board: Board) -> None:
    _refused(lambda: people.add_person(db, board.id, "  "), "error.required")
    _refused(lambda: people.add_person(db, board.id, "x" * 121), "error.too_long")
    _refused(lambda: people.add_person(db, board.id, "Anne\x1bØ"), "error.control_characters")
    _refused(lambda: people.add_person(db, board.id, "Anne", email="anne@"), "error.bad_email")
    _refused(lambda: people.add_person(db, board.id, "Anne", email="a b@x.dk"), "error.bad_email")
    assert people.list_people(db, board.id, include_archived=True) == []
    name = "Åse Ærø-Øster 🙂"
    person = people.add_person(db, board.id, name, email=" åse@kommune.dk ")
    assert people.list_people(db, board.id) == [person]
    assert person.name == name and person.email == "åse@kommune.dk"


def test_board_names_are_checked(db: Database) -> None:
    _refused(lambda: boards.create_board(db, "Team\x00"), "error.control_characters")
    _refused(lambda: boards.create_board(db, "T" * 301), "error.too_long")
    assert boards.list_boards(db) == []
    assert boards.create_board(db, f"{DANISH} {EMOJI}").name == f"{DANISH} {EMOJI}"


def test_goal_log_and_cycle_texts_are_checked(db: Database, board: Board) -> None:
    _refused(lambda: goals.add_goal(db, board.id, " \n "), "error.required")
    _refused(lambda: goals.add_goal(db, board.id, "Mål\x07"), "error.control_characters")
    goal = goals.add_goal(db, board.id, f"Mål {DANISH}\n\t{EMOJI}")
    assert goals.get_goal(db, goal.id).aim == f"Mål {DANISH}\n\t{EMOJI}"
    _refused(lambda: log.add_log_entry(db, board.id, ""), "error.required")
    _refused(lambda: log.add_log_entry(db, board.id, "Test", logged_on="i går"), "error.bad_date")
    card = cards.add_card(db, board.id, "Kort")
    cycle = cycles.start_cycle(db, card.id)
    _refused(
        lambda: cycles.edit_cycle(db, cycle.id, cycle.version, plan_hypothesis="a\x00b"),
        "error.control_characters",
    )
    _refused(
        lambda: cycles.edit_cycle(db, cycle.id, cycle.version, plan_data="x" * (text.TEXT_MAX + 1)),
        "error.too_long",
    )
    assert cycles.list_cycles(db, card.id) == [cycle]
    assert boards.load_board(db, board.id).log == ()
