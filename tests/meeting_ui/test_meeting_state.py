"""The meeting's state on its own: where the agenda is, who is walked through, and what a
card moved or deleted during the walk does to it (no window needed)."""

from __future__ import annotations

from datetime import date, datetime

from board.domain.entities import Meeting, MeetingKind
from board.meeting_formats import get_format
from board.ui.meeting.meeting_state import MeetingState, Phase


def running(planned_minutes: int = 15) -> MeetingState:
    state = MeetingState()
    started = datetime(2026, 12, 1, 9, 0)
    state.begin(
        Meeting(
            id=1,
            board_id=1,
            kind=MeetingKind.PROGRESS,
            started_at=started,
            ended_at=None,
            planned_minutes=planned_minutes,
            facilitator_id=None,
            next_meeting_on=None,
            notes="",
            version=1,
        ),
        get_format("progress"),
    )
    return state


def test_a_meeting_begun_runs_and_meets_again_in_fourteen_days() -> None:
    state = running(30)
    assert state.phase is Phase.RUNNING and state.phase == "running"
    assert state.planned_minutes == 30
    assert state.next_meeting == date(2026, 12, 15)
    assert state.next_meeting_text() == "15.12.2026"


def test_the_walk_goes_through_each_running_test_then_on() -> None:
    state = running()
    state.enter_step(1, [11, 12, 13])
    assert state.step_key == "activities" and state.walk == [11, 12, 13]
    assert state.walk_on() and state.walk_on() and state.walk_index == 2
    assert not state.walk_on()  # the last test: Næste goes to the next step
    assert state.can_go_back() and state.walk_back() and state.walk_index == 1
    state.enter_step(1, [11, 12, 13], from_end=True)  # Forrige from the ideas
    assert state.walk_index == 2


def test_a_card_moved_in_joins_the_walk_and_a_deleted_one_leaves_it() -> None:
    state = running()
    state.enter_step(1, [11, 12, 13])
    state.walk_on()
    state.walk_on()  # at 13
    on_board = {11, 13, 14}  # 12 deleted, 14 moved into Aktiviteter
    state.follow_activities([11, 13, 14], lambda card_id: card_id in on_board)
    assert state.walk == [11, 13, 14]
    assert state.walk_index == 2  # kept within the walk
    moved_out = {11, 13, 14}  # 13 moved to Log: it stays, it was talked about
    state.follow_activities([11, 14], lambda card_id: card_id in moved_out)
    assert state.walk == [11, 13, 14]


def test_a_window_opened_mid_meeting_finds_the_step_the_time_says() -> None:
    state = running(15)  # 1 + 8 + 4 + 2 minutes
    assert state.step_after(0) == 0
    assert state.step_after(59) == 0
    assert state.step_after(60) == 1
    assert state.step_after(9 * 60 + 1) == 2
    assert state.step_after(14 * 60) == 3
    assert state.step_after(60 * 60) == 3  # over time: still the close
