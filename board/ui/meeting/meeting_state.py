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
from board.domain.meeting_formats import FormatStep, MeetingFormat, Speaking
from board.domain.minutes import Minutes
from board.domain.planning import PlannedMeeting
from board.i18n import tr
from board.meeting_formats import format_text, get_format
from board.ui.meeting.meeting_agenda import ACTIVITIES, Agenda, agenda, next_meeting_days
from board.ui.meeting.minutes_actions import Hit, MinutesFiles


class Phase(StrEnum):
    IDLE = "idle"  # no meeting, the band closed
    READY = "ready"  # the band open on "Start mødet"
    RUNNING = "running"  # a meeting under way (the band may be hidden)
    ENDED = "ended"  # the meeting just held: its minutes and sending


@dataclass(eq=False)
class MeetingState:
    phase: Phase = Phase.IDLE
    # Running, but led from another screen (issue 12): this one follows its step and
    # takes notes; only the leading screen moves the steps and ends the meeting.
    following: bool = False
    planned_minutes: int = 15
    format: MeetingFormat = field(default_factory=lambda: get_format("progress"))
    step: int = 0  # index into the agenda's steps
    walk: list[int] = field(default_factory=list)  # card ids of the activities walked through
    walk_index: int = 0  # into the walk, then into goal_walk
    goal_walk: list[int] = field(default_factory=list)  # goal ids: a data moment each, after
    with_data: frozenset[int] = frozenset()  # the board's indicators with data (the walk's)
    turns: list[str] = field(default_factory=list)  # a round: who speaks, in turn (names)
    turn: int = 0
    question: int = 0  # the step's question shown large
    all_questions: bool = False  # … or all of them at once
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
    def agenda(self) -> Agenda:
        return agenda(self.format, self.planned_minutes)

    @property
    def current(self) -> FormatStep:
        return self.agenda.steps[self.step]

    @property
    def step_key(self) -> str:
        return self.current.key

    @property
    def in_round(self) -> bool:
        return self.current.speaking is Speaking.ROUND and bool(self.turns)

    def choose(self, fmt: MeetingFormat) -> None:
        """Before the start: the format, at its usual length."""
        self.format = fmt
        self.planned_minutes = fmt.minutes

    @property
    def walk_length(self) -> int:
        """The tests walked through and the goals' data moments after them."""
        return len(self.walk) + len(self.goal_walk)

    @property
    def walk_goal(self) -> int | None:
        """The goal whose data moment it is (after the tests), or None."""
        at = self.walk_index - len(self.walk)
        if self.step_key != ACTIVITIES or not 0 <= at < len(self.goal_walk):
            return None
        return self.goal_walk[at]

    def can_go_back(self) -> bool:
        return (
            self.step > 0
            or (self.step_key == ACTIVITIES and self.walk_index > 0)
            or (self.in_round and self.turn > 0)
        )

    def can_go_on(self) -> bool:
        return self.step < len(self.agenda) - 1 or (
            self.in_round and self.turn < len(self.turns) - 1
        )

    # --- moving through the agenda (the controller calls these, then draws) ------------------

    def begin(self, meeting: Meeting, fmt: MeetingFormat, following: bool = False) -> None:
        """A meeting under way (just started, or found running on another screen) in ``fmt``;
        ``following``: led from another screen."""
        self.phase = Phase.RUNNING
        self.following = following
        self.format = fmt
        self.planned_minutes = meeting.planned_minutes
        self.next_meeting = meeting.next_meeting_on or (
            meeting.started_at.date() + timedelta(days=next_meeting_days(fmt))
        )

    def step_title(self, goal_number: object = "") -> str:
        """ "2 · Gennemgå prøvehandlinger  (1 af 5)": the running step, as the band heads it;
        at a goal's data moment »2 · Data: Mål 1  (1 af 2)« (``goal_number``: the goal's)."""
        title = f"{self.step + 1} · {format_text(self.format, self.current.title_key)}"
        if self.walk_goal is not None:
            where = tr(
                "meeting.walk.position",
                number=self.walk_index - len(self.walk) + 1,
                count=len(self.goal_walk),
            )
            title = f"{self.step + 1} · {tr('meeting.walk.goals', number=goal_number)}  ({where})"
        elif self.step_key == ACTIVITIES and self.walk:
            where = tr("meeting.walk.position", number=self.walk_index + 1, count=len(self.walk))
            title = f"{title}  ({where})"
        return title

    def step_of(self, step_key: str) -> int | None:
        """The agenda's index of the step keyed ``step_key`` (None: not on this agenda)."""
        return next((n for n, s in enumerate(self.agenda.steps) if s.key == step_key), None)

    def step_after(self, elapsed_s: float) -> int:
        """The step the time says we are in (a window opened again mid-meeting)."""
        boxes = self.agenda.boxes
        elapsed, step = elapsed_s, 0
        for n, box in enumerate(boxes):
            if box and elapsed < box:  # a step without a timebox of its own takes no time
                break
            elapsed -= box
            step = min(n + 1, len(boxes) - 1)
        return step

    def enter_step(
        self,
        step: int,
        activities: list[int],
        from_end: bool = False,
        present: list[str] | None = None,
        goals: list[int] | None = None,
    ) -> None:
        """``activities``: the card ids in Aktiviteter now, walked through at that step,
        then ``goals``, a data moment each; ``present``: the names of those here, who speak
        in turn at a round."""
        self.step = max(0, min(step, len(self.agenda) - 1))
        if self.step_key == ACTIVITIES:
            self.walk = activities
            self.goal_walk = list(goals or [])
            self.walk_index = max(0, self.walk_length - 1) if from_end else 0
        self.turns = list(present or []) if self.current.speaking is Speaking.ROUND else []
        self.turn = max(0, len(self.turns) - 1) if from_end else 0
        self.question = 0
        self.privacy_hits = []

    def walk_on(self) -> bool:
        """The next running test while the walk has one; at a round, the next speaker."""
        if self.step_key == ACTIVITIES and self.walk_index < self.walk_length - 1:
            self.walk_index += 1
            return True
        if self.in_round and self.turn < len(self.turns) - 1:
            self.turn += 1
            return True
        return False

    def walk_back(self) -> bool:
        if self.step_key == ACTIVITIES and self.walk_index > 0:
            self.walk_index -= 1
            return True
        if self.in_round and self.turn > 0:
            self.turn -= 1
            return True
        return False

    def move_question(self, delta: int) -> None:
        count = len(self.current.questions)
        self.question = max(0, min(self.question + delta, count - 1))

    def turn_box_s(self, step_box_s: int) -> int:
        """A turn of the round: the step's own minutes each, or its time shared by all."""
        minutes = self.current.turn_minutes
        if minutes is not None:
            return minutes * 60
        return step_box_s // max(1, len(self.turns))

    def follow_activities(self, activities: list[int], exists: Callable[[int], bool]) -> None:
        """A card moved into Aktiviteter during the walk joins the end of it; one that left
        stays where it was (it was talked about); one gone from the board leaves the walk.
        At a goal's data moment the same moment stays shown."""
        at_goal = self.walk_index - len(self.walk)
        self.walk += [i for i in activities if i not in self.walk]
        self.walk = [i for i in self.walk if exists(i)]
        if self.goal_walk and 0 <= at_goal < len(self.goal_walk):
            self.walk_index = len(self.walk) + at_goal
        self.walk_index = min(self.walk_index, max(0, self.walk_length - 1))

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
