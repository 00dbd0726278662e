"""Meetings: attendance, agreements, a frozen snapshot, and minutes that never change later."""

from __future__ import annotations

import pytest

from board.domain.errors import ValidationError
from board.domain.lanes import Lane
from board.domain.minutes import ChangeKind
from board.persistence.database import Database
from board.services import boards, cards, cycles, demo, meetings, people


@pytest.fixture
def board_id(db: Database) -> int:
    demo.create_demo(db)
    board = boards.first_board(db)
    assert board is not None
    return board.id


def _person(db: Database, board_id: int, name: str) -> int:
    return next(p.id for p in boards.load_board(db, board_id).people if p.name == name)


def test_a_whole_meeting_gives_minutes_with_attendance_changes_and_agreements(
    db: Database, board_id: int
) -> None:
    gitte, hanne = _person(db, board_id, "Gitte Holm"), _person(db, board_id, "Hanne Krogh")
    meeting = meetings.start_meeting(db, board_id, facilitator_id=hanne)
    assert len(meeting.attendance) == 6 and not any(a.present for a in meeting.attendance)
    meetings.set_present(db, meeting.id, gitte, True)
    meetings.set_present(db, meeting.id, hanne, True)
    meetings.add_guest(db, meeting.id, "Ida (praktikant)")
    state = boards.load_board(db, board_id)
    idea = state.lane(Lane.IDEAS)[0]
    cards.move_card(db, idea.id, idea.version, Lane.PRIORITISED, 0)
    cards.add_card(db, board_id, "Tjekliste til overlevering")
    test = cards.find_card(db, board_id, "Forberedende møde med sagsbehandler")
    current = state.current_cycles[test.id]
    cycles.decide(db, current.id, current.version, "adapt", "Flere fokuspunkter")
    meetings.add_agreement(
        db, meeting.id, "Gitte samler data fra to familier", gitte, "14.12.2026", test.id
    )
    ended = meetings.end_meeting(db, meeting.id, "2026-12-07")
    assert ended.ended_at is not None and ended.has_snapshot

    minutes = meetings.meeting_minutes(db, meeting.id)
    assert minutes.present == ("Gitte Holm", "Hanne Krogh", "Ida (praktikant)")
    assert "Mette Lund" in minutes.absent and "Gitte Holm" not in minutes.absent
    assert minutes.facilitator == "Hanne Krogh"
    kinds = {(c.kind, c.title) for c in minutes.changes}
    assert (ChangeKind.MOVED, idea.title) in kinds
    assert (ChangeKind.NEW_CARD, "Tjekliste til overlevering") in kinds
    assert (ChangeKind.DECISION, "Forberedende møde med sagsbehandler") in kinds
    assert any(c.kind is ChangeKind.LOG_ENTRY for c in minutes.changes)
    [agreement] = minutes.agreements
    assert agreement.owner == "Gitte Holm" and agreement.card == test.title
    assert agreement.deadline is not None and agreement.deadline.isoformat() == "2026-12-14"
    assert (
        minutes.next_meeting_on is not None and minutes.next_meeting_on.isoformat() == "2026-12-07"
    )
    assert minutes.lanes[Lane.PRIORITISED][0].title == idea.title
    assert [c.title for c in minutes.overdue] == [
        "Observationsredskab: forældrenes opmærksomhed på barnets behov"
    ]


def test_past_minutes_are_remade_identical_after_the_board_changes(
    db: Database, board_id: int
) -> None:
    gitte = _person(db, board_id, "Gitte Holm")
    meeting = meetings.start_meeting(db, board_id, facilitator_id=gitte)
    meetings.set_present(db, meeting.id, gitte, True)
    meetings.add_agreement(db, meeting.id, "Ring til barselgangen", gitte, "2026-12-01")
    meetings.end_meeting(db, meeting.id)
    before = meetings.meeting_minutes(db, meeting.id)

    person = next(p for p in people.list_people(db, board_id) if p.id == gitte)
    people.edit_person(db, gitte, person.version, name="Gitte Holm-Jensen")
    for card in boards.load_board(db, board_id).lane(Lane.IDEAS):
        cards.move_card(db, card.id, card.version, Lane.LOG, None)
    cards.add_card(db, board_id, "Senere idé")

    assert meetings.meeting_minutes(db, meeting.id) == before


def test_second_meeting_counts_changes_from_the_first(db: Database, board_id: int) -> None:
    first = meetings.start_meeting(db, board_id)
    cards.add_card(db, board_id, "Idé fra første møde")
    meetings.end_meeting(db, first.id)
    cards.add_card(db, board_id, "Idé mellem møderne")
    second = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, second.id)
    titles = [c.title for c in meetings.meeting_minutes(db, second.id).changes]
    assert titles == ["Idé mellem møderne"]
    # newest first, before the demo's own held meetings
    assert [m.id for m in meetings.list_meetings(db, board_id)][:2] == [second.id, first.id]


def test_only_one_meeting_at_a_time_and_it_ends_once(db: Database, board_id: int) -> None:
    meeting = meetings.start_meeting(db, board_id)
    assert meetings.open_meeting(db, board_id) == meeting
    with pytest.raises(ValidationError) as running:
        meetings.start_meeting(db, board_id)
    assert running.value.key == "error.meeting_running"
    with pytest.raises(ValidationError) as not_ended:
        meetings.meeting_minutes(db, meeting.id)
    assert not_ended.value.key == "error.meeting_not_ended"
    meetings.end_meeting(db, meeting.id)
    with pytest.raises(ValidationError) as ended:
        meetings.end_meeting(db, meeting.id)
    assert ended.value.key == "error.meeting_ended"
    assert meetings.open_meeting(db, board_id) is None


def test_a_whole_reflection_day_can_be_held(db: Database, board_id: int) -> None:
    """The refleksionsdag offers 6 hours; a working day is the most a meeting may last."""
    day = meetings.start_meeting(db, board_id, kind="reflection_day", planned_minutes=360)
    assert meetings.get_meeting(db, day.id).planned_minutes == 360
    meetings.end_meeting(db, day.id)
    with pytest.raises(ValidationError) as too_long:
        meetings.start_meeting(db, board_id, planned_minutes=481)
    assert too_long.value.message() == (
        "Mødets længde skal være mellem 5 minutter og 8 timer (ikke 481 minutter)."
    )


def test_bad_meeting_input_is_refused(db: Database, board_id: int) -> None:
    with pytest.raises(ValidationError):
        meetings.start_meeting(db, board_id, planned_minutes=2)
    meeting = meetings.start_meeting(db, board_id, planned_minutes=30)
    with pytest.raises(ValidationError) as empty:
        meetings.add_agreement(db, meeting.id, "   ")
    assert empty.value.key == "error.required"
    with pytest.raises(ValidationError) as bad_date:
        meetings.add_agreement(db, meeting.id, "Noget", deadline="31.02.2027")
    assert bad_date.value.key == "error.bad_date"


def test_current_board_as_minutes_of_today(db: Database, board_id: int) -> None:
    minutes = meetings.board_minutes(db, board_id)
    assert minutes.board_name == "Spædbarnsindsatsen"
    # Counted from the demo's last held meeting (its Systematisk læringsmøde): nothing since.
    assert not minutes.first_meeting and minutes.changes_since is None
    assert minutes.changes == ()
    assert len(minutes.lanes[Lane.ACTIVITIES]) == 5  # with the Teamsparring's decision
    assert [c.title for c in minutes.overdue] == [
        "Observationsredskab: forældrenes opmærksomhed på barnets behov"
    ]


def test_sending_is_recorded_per_recipient_without_contents(db: Database, board_id: int) -> None:
    meeting = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, meeting.id)
    meetings.record_dispatch(db, meeting.id, "mette@kommune.example", True, "sendt")
    meetings.record_dispatch(db, meeting.id, "joan@kommune.example", False, "afvist")
    sent = meetings.dispatches(db, meeting.id)
    assert [(d.recipient, d.ok, d.detail) for d in sent] == [
        ("mette@kommune.example", True, "sendt"),
        ("joan@kommune.example", False, "afvist"),
    ]
