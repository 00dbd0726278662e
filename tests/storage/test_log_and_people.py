"""The log book (Log) and the people on a team."""

from __future__ import annotations

from datetime import date

import pytest

from board.domain.entities import Board, Decision
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, log, people
from board.services.common import today

from .helpers import assert_danish_message

# -- log ------------------------------------------------------------------------------------


def test_add_log_entry_with_every_field(db: Database, board: Board) -> None:
    anne = people.add_person(db, board.id, "Anne Ørsted")
    card = cards.add_card(db, board.id, "Morgenopkald", Lane.LOG)
    entry = log.add_log_entry(
        db, board.id, "Morgenopkald i tre uger", Decision.ADOPT, "Det virker 🙂\nFortsæt",
        card_id=card.id, owner_id=anne.id, logged_on="20.3.2026",
    )  # fmt: skip
    assert (entry.what_tested, entry.decision, entry.learning) == (
        "Morgenopkald i tre uger", Decision.ADOPT, "Det virker 🙂\nFortsæt",
    )  # fmt: skip
    assert (entry.card_id, entry.cycle_id, entry.owner_id) == (card.id, None, anne.id)
    assert entry.logged_on == date(2026, 3, 20) and entry.version == 1
    assert boards.load_board(db, board.id).log == (entry,)


def test_log_entry_defaults_to_today_and_no_decision(db: Database, board: Board) -> None:
    entry = log.add_log_entry(db, board.id, "Tjekliste")
    assert entry.logged_on == today()
    assert entry.decision is None and entry.learning == "" and entry.card_id is None


def test_log_is_newest_first(db: Database, board: Board) -> None:
    older = log.add_log_entry(db, board.id, "Ældst", logged_on="1.2.2026")
    newer = log.add_log_entry(db, board.id, "Nyest", logged_on="1.3.2026")
    same_day = log.add_log_entry(db, board.id, "Samme dag, senere", logged_on="1.3.2026")
    assert [e.id for e in boards.load_board(db, board.id).log] == [same_day.id, newer.id, older.id]


def test_log_entry_refusals(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    foreign_card = cards.add_card(db, other.id, "Fremmed kort")
    with pytest.raises(NotFoundError) as caught:
        log.add_log_entry(db, board.id, "Test", card_id=foreign_card.id)
    assert caught.value.key == "error.not_found"
    assert_danish_message(caught.value)
    with pytest.raises(ValidationError) as caught:
        log.add_log_entry(db, board.id, "  ")
    assert caught.value.key == "error.required"
    with pytest.raises(ValueError):
        log.add_log_entry(db, board.id, "Test", decision="maybe")
    with pytest.raises(NotFoundError):
        log.add_log_entry(db, 999, "Test")
    assert boards.load_board(db, board.id).log == ()


def test_edit_log_entry(db: Database, board: Board) -> None:
    entry = log.add_log_entry(db, board.id, "Test", logged_on="1.3.2026")
    changes: list[dict[str, object]] = [
        {"what_tested": "Morgenopkald"},
        {"decision": "abandon"},
        {"learning": "Sms er bedre"},
        {"logged_on": "2026-03-02"},
        {"decision": None},
    ]
    for change in changes:
        before = next(e for e in boards.load_board(db, board.id).log if e.id == entry.id)
        edited = log.edit_log_entry(db, entry.id, before.version, **change)  # type: ignore[arg-type]
        assert edited.version == before.version + 1
        assert boards.load_board(db, board.id).log == (edited,)
    assert (edited.what_tested, edited.decision, edited.learning, edited.logged_on) == (
        "Morgenopkald", None, "Sms er bedre", date(2026, 3, 2),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        log.edit_log_entry(db, entry.id, edited.version, logged_on="2.3.26")
    assert caught.value.key == "error.bad_date"
    with pytest.raises(ConflictError):
        log.edit_log_entry(db, entry.id, entry.version, learning="stale")
    assert boards.load_board(db, board.id).log == (edited,)

    hidden = log.edit_log_entry(db, entry.id, edited.version, archived=True)
    assert hidden.version == edited.version + 1
    assert boards.load_board(db, board.id).log == ()


# -- people ---------------------------------------------------------------------------------


def test_add_person_with_initials_and_email(db: Database, board: Board) -> None:
    anne = people.add_person(db, board.id, "  Anne-Mette Ørsted Jensen ", email="amj@kommune.dk")
    assert (anne.name, anne.initials, anne.email) == (
        "Anne-Mette Ørsted Jensen", "AMØ", "amj@kommune.dk",
    )  # fmt: skip
    bo = people.add_person(db, board.id, "Bo", initials=" bo ")
    assert bo.initials == "bo"  # as typed, trimmed
    assert people.list_people(db, board.id) == [anne, bo]
    assert boards.load_board(db, board.id).people == (anne, bo)


def test_people_are_listed_by_name_per_board(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Andet team")
    for name in ("Carl", "Anne", "Bo"):
        people.add_person(db, board.id, name)
    people.add_person(db, other.id, "Aage")
    assert [p.name for p in people.list_people(db, board.id)] == ["Anne", "Bo", "Carl"]
    assert [p.name for p in people.list_people(db, other.id)] == ["Aage"]


def test_edit_and_archive_person(db: Database, board: Board) -> None:
    person = people.add_person(db, board.id, "Anne Ørsted")
    edited = people.edit_person(db, person.id, person.version, name="Anne Ørsted Berg")
    assert edited.initials == "AØ"  # initials are not recomputed silently
    edited = people.edit_person(db, person.id, edited.version, initials="", email="a@b.dk")
    assert (edited.initials, edited.email) == ("AØB", "a@b.dk")
    with pytest.raises(ConflictError):
        people.edit_person(db, person.id, person.version, name="Stale")
    with pytest.raises(ValidationError) as caught:
        people.edit_person(db, person.id, edited.version, email="ikke en adresse")
    assert caught.value.key == "error.bad_email"
    assert people.list_people(db, board.id) == [edited]

    archived = people.edit_person(db, person.id, edited.version, archived=True)
    assert people.list_people(db, board.id) == []
    assert people.list_people(db, board.id, include_archived=True) == [archived]
    # An archived person is still known to the board (cards they own keep their owner).
    assert boards.load_board(db, board.id).person(person.id) == archived


def test_edit_unknown_person(db: Database) -> None:
    with pytest.raises(NotFoundError) as caught:
        people.edit_person(db, 1234, None, name="X")
    assert caught.value.key == "error.not_found"
