"""The board's held meetings in order, and the next meeting they planned.

A held meeting's number is its place among the board's ended meetings by start time,
1 = the first held: numbers never change when a later meeting is held, and the command
line's ``meetings`` and ``minutes --meeting N`` speak of the same number.

A meeting stores only the day of the next one (``next_meeting_on``). Its time of day is the
time the planning meeting started, rounded to a quarter hour: teams meet at a fixed hour and
usually start a few minutes late, seldom early, so a start up to 9 minutes after a quarter
belongs to it (9.00–9.09 → 9.00) and a later one to the next (9.10–9.14 → 9.15). Its length
is the planning meeting's planned minutes. Of each format, the newest held meeting decides
(a later meeting of the same format replaces an earlier plan); the earliest of those plans
from today on is the board's next meeting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from board.domain.entities import Meeting, MeetingKind

QUARTER_S = 15 * 60
LATE_S = 10 * 60  # a start this long after a quarter hour belongs to the next one


@dataclass(frozen=True, slots=True)
class HeldMeeting:
    number: int  # 1 = the board's first held meeting
    meeting: Meeting
    facilitator: str  # the name as it stood when the meeting ended; "" for none


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    """The next meeting of a format, as planned at the end of ``planned_by``."""

    board_id: int
    board_name: str
    kind: MeetingKind
    starts_at: datetime  # local time (Europe/Copenhagen), naive as every time on the board
    minutes: int
    planned_by: int  # the id of the meeting that planned it (its invitation's identity)
    planned_at: datetime  # that meeting's start
    made_at: datetime  # that meeting's end: when the plan was made (the invitation's DTSTAMP)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


def held_in_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    """The ended meetings, oldest first: index + 1 is each one's number."""
    ended = [m for m in meetings if m.ended_at is not None]
    return sorted(ended, key=lambda m: (m.started_at, m.id))


def quarter_hour(moment: datetime) -> time:
    """The quarter hour a meeting begun at ``moment`` was meant for: 9.09 → 9.00,
    9.10 → 9.15 (never past 23.45)."""
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    late = QUARTER_S - LATE_S
    rounded = min((seconds + late) // QUARTER_S * QUARTER_S, 24 * 3600 - QUARTER_S)
    return time(rounded // 3600, rounded % 3600 // 60)


def plan_of(meeting: Meeting, board_name: str, today: date) -> PlannedMeeting | None:
    """The next meeting ``meeting`` planned, if it planned one from ``today`` on."""
    day, ended = meeting.next_meeting_on, meeting.ended_at
    if ended is None or day is None or day < today:
        return None
    return PlannedMeeting(
        board_id=meeting.board_id,
        board_name=board_name,
        kind=meeting.kind,
        starts_at=datetime.combine(day, quarter_hour(meeting.started_at)),
        minutes=meeting.planned_minutes,
        planned_by=meeting.id,
        planned_at=meeting.started_at,
        made_at=ended,
    )


def next_meeting(
    board_name: str, meetings: Iterable[Meeting], today: date
) -> PlannedMeeting | None:
    """The board's next planned meeting from ``today`` on, or None."""
    newest: dict[MeetingKind, Meeting] = {}
    for meeting in held_in_order(meetings):
        newest[meeting.kind] = meeting  # a later one of the same format replaces the plan
    plans = [plan_of(m, board_name, today) for m in newest.values()]
    return min(
        (p for p in plans if p is not None), key=lambda p: (p.starts_at, p.planned_by), default=None
    )
