"""What a meeting of any format leaves behind (services.meeting_steps), on SQLite and on the
PostgreSQL server the suite starts: each read back through a connection of its own, as
another screen would see it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

import pytest

from board.domain.entities import Meeting, MeetingKind
from board.domain.errors import ConflictError, ValidationError
from board.domain.lanes import Lane
from board.i18n import set_language
from board.persistence.database import Database, open_database
from board.services import boards, demo, meeting_steps, meetings, people, team_formats

T = TypeVar("T")


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


@pytest.fixture
def board_id(db: Database) -> int:
    demo.create_demo(db)
    board = boards.first_board(db)
    assert board is not None
    return board.id


@contextmanager
def _other(db_url: str) -> Iterator[Database]:
    other = open_database(db_url)
    try:
        yield other
    finally:
        other.close()


def _fresh(db_url: str, read: Callable[[Database], T]) -> T:
    """What another screen reads: a connection of its own."""
    with _other(db_url) as other:
        return read(other)


def _person(db: Database, board_id: int, name: str) -> int:
    return next(p.id for p in boards.load_board(db, board_id).people if p.name == name)


def _sparring(db: Database, board_id: int) -> Meeting:
    # the demo board may hold a running meeting of its own: end it first
    running = meetings.open_meeting(db, board_id)
    if running is not None:
        meetings.end_meeting(db, running.id)
    return meetings.start_meeting(db, board_id, MeetingKind.SPARRING, 40)


def test_a_steps_notes_are_saved_replaced_and_read_with_the_meeting(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    first = meeting_steps.set_step_notes(db, meeting.id, "question", "Hvordan støtter vi mor?")
    assert not first.cpr_warning and first.step.step_key == "question"
    meeting_steps.set_step_notes(db, meeting.id, "reflection", "Tal med sundhedsplejersken")
    again = meeting_steps.set_step_notes(
        db, meeting.id, "question", "Hvordan støtter vi far?", first.step.version
    )
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert [(s.step_key, s.notes) for s in read.steps] == [
        ("question", "Hvordan støtter vi far?"),
        ("reflection", "Tal med sundhedsplejersken"),
    ]
    assert read.step("question") == again.step
    with pytest.raises(ConflictError):  # another screen saved since this one read them
        meeting_steps.set_step_notes(db, meeting.id, "question", "Gammel", first.step.version)


def test_a_cpr_number_in_the_notes_is_saved_and_reported_masked(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    saved = meeting_steps.set_step_notes(
        db, meeting.id, "clarifying", "Barnet (010203-1234) skal med i sagen"
    )
    assert saved.cpr_warning and saved.cpr == ("010203-****",)
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert read.step("clarifying") is not None  # saved: the warning is calm, not a refusal


def test_notes_for_a_step_the_format_lacks_or_after_the_end_are_refused(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    with pytest.raises(ValidationError) as caught:
        meeting_steps.set_step_notes(db, meeting.id, "agenda", "…")  # a fremdriftsmøde step
    assert caught.value.message() == (
        "Mødet har intet trin »agenda«. Vælg et af mødeformatets trin."
    )
    meetings.end_meeting(db, meeting.id)
    with pytest.raises(ValidationError) as caught:
        meeting_steps.set_step_notes(db, meeting.id, "question", "For sent")
    assert caught.value.key == "error.meeting_ended"
    assert _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id)).steps == ()


def test_a_role_is_held_by_one_person_or_a_guest_and_cleared(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    gitte = _person(db, board_id, "Gitte Holm")
    meeting_steps.set_role(db, meeting.id, "case_worker", gitte)
    meeting_steps.set_role(db, meeting.id, "team_leader", None, "Lone (teamleder)")
    meeting_steps.set_role(db, meeting.id, "facilitator", gitte)
    changed = meeting_steps.set_role(db, meeting.id, "case_worker", None, "Ida")
    assert changed.role("case_worker") is not None
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert {(r.role, r.person_id, r.guest_name) for r in read.roles} == {
        ("case_worker", None, "Ida"),
        ("team_leader", None, "Lone (teamleder)"),
        ("facilitator", gitte, ""),
    }
    assert read.facilitator_id == gitte  # the facilitator's role is the meeting's facilitator
    meeting_steps.set_role(db, meeting.id, "facilitator", None)
    meeting_steps.set_role(db, meeting.id, "team_leader", None, "")
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert [r.role for r in read.roles] == ["case_worker"]
    assert read.facilitator_id is None
    with pytest.raises(ValidationError) as caught:
        meeting_steps.set_role(db, meeting.id, "boss", gitte)
    assert caught.value.key == "error.unknown_role"


def test_a_new_idea_lands_in_ideas_marked_with_its_meeting(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    card = meeting_steps.add_idea(db, meeting.id, "Fast tid til sparring", "reflection")
    state = _fresh(db_url, lambda other: boards.load_board(other, board_id))
    last = state.lane(Lane.IDEAS)[-1]
    assert (last.id, last.title, last.meeting_id) == (card.id, "Fast tid til sparring", meeting.id)
    with pytest.raises(ValidationError):
        meeting_steps.add_idea(db, meeting.id, "   ")
    assert len(_fresh(db_url, lambda o: boards.load_board(o, board_id)).cards) == len(state.cards)


def test_a_decision_becomes_an_activity_with_owner_and_deadline_and_an_agreement(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    hanne = _person(db, board_id, "Hanne Krogh")
    agreement = meeting_steps.add_decision(
        db, meeting.id, "Hanne ringer til jordemoderen", hanne, date(2026, 12, 14), "inspiration"
    )
    state = _fresh(db_url, lambda other: boards.load_board(other, board_id))
    activity = state.lane(Lane.ACTIVITIES)[-1]
    assert (activity.title, activity.owner_id, activity.deadline, activity.meeting_id) == (
        "Hanne ringer til jordemoderen",
        hanne,
        date(2026, 12, 14),
        meeting.id,
    )
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert read.agreements[-1] == agreement
    assert (agreement.card_id, agreement.owner_id, agreement.step_key) == (
        activity.id,
        hanne,
        "inspiration",
    )


def test_a_long_decision_is_the_cards_first_line_and_its_description(
    db: Database, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    what = "Vi prøver en fast tjekliste\nførst hos to familier, så i hele teamet"
    agreement = meeting_steps.add_decision(db, meeting.id, what, None, None)
    card = next(c for c in boards.load_board(db, board_id).cards if c.id == agreement.card_id)
    assert (card.title, card.description) == ("Vi prøver en fast tjekliste", what)
    assert agreement.what == what


def test_a_refused_decision_writes_neither_card_nor_agreement(
    db: Database, db_url: str, board_id: int
) -> None:
    meeting = _sparring(db, board_id)
    before = len(boards.load_board(db, board_id).cards)
    other = boards.create_board(db, "Anden tavle")
    stranger = people.add_person(db, other.id, "Karen Mose")
    with pytest.raises(ValidationError) as caught:  # a person of another board
        meeting_steps.add_decision(db, meeting.id, "Ring", stranger.id, None, "inspiration")
    assert caught.value.message() == (
        "Personen findes ikke på denne tavle. Vælg en af tavlens personer."
    )
    with pytest.raises(ValidationError) as caught:
        meeting_steps.add_decision(db, meeting.id, "Ring", None, None, "no-such-step")
    assert caught.value.key == "error.unknown_step"
    assert len(_fresh(db_url, lambda o: boards.load_board(o, board_id)).cards) == before
    assert _fresh(db_url, lambda o: meetings.get_meeting(o, meeting.id)).agreements == ()


def test_a_meeting_held_in_a_team_format_takes_its_steps_and_its_kind(
    db: Database, db_url: str, board_id: int
) -> None:
    running = meetings.open_meeting(db, board_id)
    if running is not None:
        meetings.end_meeting(db, running.id)
    ours = team_formats.copy_format(db, board_id, "sparring", "Vores sparring")
    meeting = meetings.start_meeting(db, board_id, MeetingKind.PROGRESS, 40, format_key=ours.key)
    assert (meeting.kind, meeting.format_key) == (MeetingKind.SPARRING, "team-1")
    meeting_steps.set_step_notes(db, meeting.id, "summary", "Opsamling")
    read = _fresh(db_url, lambda other: meetings.get_meeting(other, meeting.id))
    assert read.format_key == "team-1" and read.step("summary") is not None
    meetings.end_meeting(db, meeting.id)
    team_formats.archive_format(db, board_id, ours.key)
    with pytest.raises(ValidationError) as caught:
        meetings.start_meeting(db, board_id, MeetingKind.SPARRING, 40, format_key=ours.key)
    assert caught.value.message() == (
        "Mødeformatet »Vores sparring« er arkiveret. Vælg et andet format til mødet."
    )
