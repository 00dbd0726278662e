"""What the meeting room knows at this moment: the phase, the step, the walk, the end.

One plain object, changed only by MeetingController and read by the band (meeting_panel
and its pages); nothing here draws or calls a service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from board.dates import compact_date
from board.domain.entities import Meeting
from board.domain.minutes import Minutes
from board.domain.planning import PlannedMeeting
from board.ui.meeting.meeting_agenda import NEXT_MEETING_DAYS, PROGRESS_AGENDA, StepKind, timeboxes
from board.ui.meeting.minutes_actions import Hit, MinutesFiles


class Phase(StrEnum):
    IDLE = "idle"  # no meeting, the band closed
    READY = "ready"  # the band open on "Start mødet"
    RUNNING = "running"  # a meeting under way (the band may be hidden)
    ENDED = "ended"  # the meeting just held: its minutes and sending


@dataclass(eq=False)
class MeetingState:
    phase: Phase = Phase.IDLE
    planned_minutes: int = 15
    step: int = 0  # index into PROGRESS_AGENDA
    walk: list[int] = field(default_factory=list)  # card ids of the activities walked through
    walk_index: int = 0
    next_meeting: date | None = None
    upcoming: PlannedMeeting | None = None  # the board's next planned meeting (the top bar)
    privacy_hits: list[Hit] = field(default_factory=list)  # the end paused for these
    # After the end: the meeting just held, its minutes and their files.
    ended: Meeting | None = None
    minutes: Minutes | None = None
    files: MinutesFiles | None = None
    minutes_error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.phase is Phase.RUNNING

    @property
    def step_kind(self) -> StepKind:
        return PROGRESS_AGENDA[self.step].kind

    def can_go_back(self) -> bool:
        return self.step > 0 or (self.step_kind is StepKind.ACTIVITIES and self.walk_index > 0)

    def can_go_on(self) -> bool:
        return self.step < len(PROGRESS_AGENDA) - 1

    # --- moving through the agenda (the controller calls these, then draws) ------------------

    def begin(self, meeting: Meeting) -> None:
        """A meeting under way (just started, or found running on another screen)."""
        self.phase = Phase.RUNNING
        self.planned_minutes = meeting.planned_minutes
        self.next_meeting = meeting.next_meeting_on or (
            meeting.started_at.date() + timedelta(days=NEXT_MEETING_DAYS)
        )

    def step_after(self, elapsed_s: float) -> int:
        """The step the time says we are in (a window opened again mid-meeting)."""
        elapsed, step = elapsed_s, 0
        for n, box in enumerate(timeboxes(self.planned_minutes)):
            if elapsed < box:
                break
            elapsed -= box
            step = min(n + 1, len(PROGRESS_AGENDA) - 1)
        return step

    def enter_step(self, step: int, activities: list[int], from_end: bool = False) -> None:
        """``activities``: the card ids in Aktiviteter now, walked through at that step."""
        self.step = max(0, min(step, len(PROGRESS_AGENDA) - 1))
        if self.step_kind is StepKind.ACTIVITIES:
            self.walk = activities
            self.walk_index = max(0, len(activities) - 1) if from_end else 0
        self.privacy_hits = []

    def walk_on(self) -> bool:
        """The next running test, while the walk has one."""
        if self.step_kind is StepKind.ACTIVITIES and self.walk_index < len(self.walk) - 1:
            self.walk_index += 1
            return True
        return False

    def walk_back(self) -> bool:
        if self.step_kind is StepKind.ACTIVITIES and self.walk_index > 0:
            self.walk_index -= 1
            return True
        return False

    def follow_activities(self, activities: list[int], exists: Callable[[int], bool]) -> None:
        """A card moved into Aktiviteter during the walk joins the end of it; one that left
        stays where it was (it was talked about); one gone from the board leaves the walk."""
        self.walk += [i for i in activities if i not in self.walk]
        self.walk = [i for i in self.walk if exists(i)]
        self.walk_index = min(self.walk_index, max(0, len(self.walk) - 1))

    def meeting_length_s(self) -> float:
        meeting = self.ended
        if meeting is None or meeting.ended_at is None:
            return 0.0
        return (meeting.ended_at - meeting.started_at).total_seconds()

    def next_meeting_text(self) -> str:
        day = self.next_meeting
        return compact_date(day) if day else ""

    def forget_minutes(self) -> None:
        """Done with the meeting just held (or another board opened)."""
        self.ended = self.minutes = self.files = None
