"""The demo board's held meetings: a Teamsparring and a Systematisk læringsmøde, each with
its notes, what it produced and a snapshot its minutes open from — read through a
connection of its own, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from board.domain.lanes import Lane
from board.domain.privacy import find_cpr_numbers
from board.meeting_formats import get_format
from board.persistence.database import Database, open_database
from board.services import boards, demo, learning_points, meetings


def test_the_demo_holds_a_teamsparring_and_a_learning_meeting(db: Database, db_url: str) -> None:
    demo.create_demo(db)
    other = open_database(db_url)
    try:
        board = boards.first_board(other)
        assert board is not None
        held = meetings.held_meetings(other, board.id)
        assert [(h.meeting.kind, h.facilitator) for h in held] == [
            ("learning", "Joan Berg"),
            ("sparring", "Hanne Krogh"),
        ]
        learning, sparring = (h.meeting for h in held)
        today = date.today()
        assert sparring.started_at.date() == today - timedelta(days=9)
        assert learning.started_at.date() == today - timedelta(days=3)
        for meeting in (sparring, learning):  # a note in every step the guide runs through
            steps = [s.key for s in get_format(meeting.kind).steps if s.key != "review"]
            assert [s.step_key for s in meeting.steps] == steps
            assert all(s.notes.strip() for s in meeting.steps)
            assert meeting.has_snapshot
        assert {r.role for r in sparring.roles} == {"team_leader", "case_worker"}

        # the decision became an activity with owner and deadline, made at the meeting
        [decision] = sparring.agreements
        state = boards.load_board(other, board.id)
        activity = next(c for c in state.lane(Lane.ACTIVITIES) if c.id == decision.card_id)
        owner = next(p.name for p in state.people if p.id == activity.owner_id)
        assert (activity.title, owner, activity.meeting_id) == (
            decision.what,
            "Mette Lund",
            sparring.id,
        )
        assert activity.deadline == decision.deadline and decision.deadline > today
        assert decision.step_key == "inspiration"

        points = learning_points.list_learning_points(other, board.id)
        at_sparring = [p for p in points if p.meeting_id == sparring.id]
        assert len(at_sparring) == 2 and {p.case_label for p in at_sparring} == {"Sag A"}
        assert len([p for p in points if p.meeting_id == learning.id]) == 1

        # the minutes open from the snapshot and say what was noted, never a CPR number
        for meeting in (sparring, learning):
            minutes = meetings.meeting_minutes(other, meeting.id)
            assert [s.notes for s in minutes.steps if s.notes] == [s.notes for s in meeting.steps]
            texts = [s.notes for s in minutes.steps] + [p.text for p in minutes.learning_points]
            assert find_cpr_numbers(("", t) for t in texts) == []
        assert meetings.meeting_minutes(other, sparring.id).agreements[0].card_number == (
            activity.number
        )
    finally:
        other.close()


def test_extra_cards_come_after_the_demo_s_own(db: Database) -> None:
    demo.create_demo(db, extra_cards=10)
    board = boards.first_board(db)
    assert board is not None
    numbers = sorted(c.number for c in boards.load_board(db, board.id).cards)
    assert numbers == list(range(1, len(numbers) + 1))
