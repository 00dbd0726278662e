"""What the minutes of a meeting say about the board, card by card: owner, deadline, what is
overdue, the learning cycle, the goals and the log, and what is left out (archived)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from board.domain.lanes import Lane
from board.domain.minutes import Change, ChangeKind, MinutesCard, minutes_day
from board.persistence.database import Database
from board.services import boards, cards, cycles, goals, log, meetings, people


def test_the_minutes_show_every_active_card_as_it_stood(db: Database) -> None:
    board = boards.create_board(db, "Teamet")
    gitte = people.add_person(db, board.id, "Gitte Holm")
    today = date.today()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    late = cards.add_card(
        db, board.id, "Sent", Lane.ACTIVITIES, owner_id=gitte.id, deadline=yesterday,
        description="Beskrivelse",
    )  # fmt: skip
    due = cards.add_card(db, board.id, "I dag", Lane.PRIORITISED, deadline=today)
    ahead = cards.add_card(db, board.id, "I morgen", Lane.ACTIVITIES, deadline=tomorrow)
    idea = cards.add_card(db, board.id, "Gammel idé", Lane.IDEAS, deadline=yesterday)
    logged = cards.add_card(db, board.id, "Afsluttet", Lane.LOG, deadline=yesterday)
    gone = cards.add_card(db, board.id, "Arkiveret", Lane.IDEAS)
    cards.set_archived(db, gone.id, None, True)
    first = cycles.start_cycle(db, late.id, "more")
    closed = cycles.decide(db, first.id, None, "adapt", "Mere tid")
    second = cycles.start_cycle(db, late.id)
    cycles.edit_cycle(db, second.id, None, step="do", scale_step="broader")
    goal = goals.add_goal(db, board.id, "Forældre er afklarede")
    dropped = goals.add_goal(db, board.id, "Droppet")
    goals.edit_goal(db, dropped.id, None, archived=True)
    log.add_log_entry(db, board.id, "Ældst", "adopt", owner_id=gitte.id, logged_on="1.2.2026")
    log.add_log_entry(db, board.id, "Nyest", None, logged_on="3.2.2026")
    hidden = log.add_log_entry(db, board.id, "Skjult", "abandon", logged_on="2.2.2026")
    log.edit_log_entry(db, hidden.id, None, archived=True)
    meeting = meetings.start_meeting(db, board.id)
    meetings.set_present(db, meeting.id, gitte.id, True)
    ended = meetings.end_meeting(db, meeting.id, tomorrow)

    minutes = meetings.meeting_minutes(db, meeting.id)
    assert minutes.board_name == "Teamet"
    assert (minutes.kind, minutes.present, minutes.absent) == ("progress", ("Gitte Holm",), ())
    assert (minutes.started_at, minutes.ended_at) == (ended.started_at, ended.ended_at)
    assert isinstance(minutes.ended_at, datetime)
    assert minutes.next_meeting_on == tomorrow
    assert minutes_day(minutes) == ended.ended_at.date()
    assert minutes.first_meeting  # the board's first: it lists the days before it instead

    def card(c, **changes) -> MinutesCard:  # type: ignore[no-untyped-def]
        plain = dict(
            number=c.number, title=c.title, owner="", deadline=c.deadline, overdue=False,
            cycle=None, step="", scale_step="", decision="", description="",
        )  # fmt: skip
        return MinutesCard(**{**plain, **changes})

    late_card = card(
        late, owner="Gitte Holm", overdue=True, cycle=2, step="do", scale_step="broader",
        description="Beskrivelse",
    )  # fmt: skip
    assert minutes.lanes == {
        Lane.IDEAS: (card(idea),),
        Lane.PRIORITISED: (card(due),),
        Lane.ACTIVITIES: (late_card, card(ahead)),
        Lane.GOALS: (),
        Lane.LOG: (card(logged),),
    }
    assert minutes.overdue == (late_card,)
    assert [g["aim"] for g in minutes.goals] == [goal.aim]
    assert [(e["what_tested"], e["owner_name"]) for e in minutes.log] == [
        (closed.log_entry.what_tested, "Gitte Holm"),  # today, from the card's owner
        ("Nyest", ""),
        ("Ældst", "Gitte Holm"),
    ]  # newest first, the archived entry left out


def test_a_closed_cycle_shows_its_decision(db: Database) -> None:
    board = boards.create_board(db, "Teamet")
    card = cards.add_card(db, board.id, "Afprøvet", Lane.ACTIVITIES)
    cycle = cycles.start_cycle(db, card.id)
    cycles.decide(db, cycle.id, None, "abandon")
    meeting = meetings.start_meeting(db, board.id)
    meetings.end_meeting(db, meeting.id)
    [shown] = meetings.meeting_minutes(db, meeting.id).lanes[Lane.ACTIVITIES]
    assert (shown.cycle, shown.step, shown.decision) == (1, "closed", "abandon")


def test_the_board_as_minutes_of_today_counts_from_the_last_meeting(db: Database) -> None:
    board = boards.create_board(db, "Teamet")
    meeting = meetings.start_meeting(db, board.id)
    meetings.end_meeting(db, meeting.id)
    card = cards.add_card(db, board.id, "Efter mødet", Lane.IDEAS)
    other = boards.create_board(db, "Andet team")
    cards.add_card(db, other.id, "Andres", Lane.IDEAS)

    before = datetime.now().replace(microsecond=0)
    minutes = meetings.board_minutes(db, board.id)
    assert minutes.changes == (
        Change(ChangeKind.NEW_CARD, "Efter mødet", card.number, lane_to="ideas"),
    )
    assert not minutes.first_meeting
    assert minutes.started_at is not None and before <= minutes.started_at <= datetime.now()
    assert minutes.ended_at is None and minutes_day(minutes) == date.today()
    assert minutes.present == minutes.absent == () and minutes.agreements == ()
    assert [c.title for c in minutes.lanes[Lane.IDEAS]] == ["Efter mødet"]

    fresh = meetings.board_minutes(db, other.id)  # no meeting yet: the last 14 days count
    assert fresh.first_meeting
    assert fresh.changes == (Change(ChangeKind.ADDED, "Andres", 1, lane_to="ideas"),)
