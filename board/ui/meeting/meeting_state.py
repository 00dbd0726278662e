"""What the meeting room knows at this moment: the phase, the step, the walk, the end.

One plain object, changed only by MeetingController and read by the band (meeting_panel
and its pages); nothing here draws or calls a service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from board.domain.entities import Meeting
from board.domain.minutes import Minutes
from board.ui.meeting.meeting_agenda import PROGRESS_AGENDA, StepKind
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

    def meeting_length_s(self) -> float:
        meeting = self.ended
        if meeting is None or meeting.ended_at is None:
            return 0.0
        return (meeting.ended_at - meeting.started_at).total_seconds()

    def next_meeting_text(self) -> str:
        day = self.next_meeting
        return f"{day.day}.{day.month}.{day.year}" if day else ""

    def forget_minutes(self) -> None:
        """Done with the meeting just held (or another board opened)."""
        self.ended = self.minutes = self.files = None
