"""The meeting as the band reads it (a MeetingView): the state, the clock, the meeting, the
card walked through, the team. Read-only: it answers questions and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from board.domain.entities import Card, Meeting, Person
from board.domain.meeting_formats import MeetingFormat
from board.ui.meeting.host import MeetingWindow
from board.ui.meeting.meeting_clock import MeetingClock
from board.ui.meeting.meeting_outputs import MeetingOutputs
from board.ui.meeting.meeting_state import MeetingState
from board.ui.meeting.walk_chart import GoalChart, goal_chart, goal_charts, goal_moments
from board.ui.operations.board_store import BoardStore
from board.ui.operations.meeting_operations import MeetingOperations


class RoomView:
    def __init__(
        self,
        state: MeetingState,
        ops: MeetingOperations,
        clock: MeetingClock,
        window: MeetingWindow,
        send_view: Callable[[], QWidget | None],
    ) -> None:
        self.state = state
        self.clock = clock
        self._ops = ops
        self._window = window
        self._send_view = send_view
        self.outputs: MeetingOutputs  # set by the controller once made (it needs the band)

    @property
    def meeting(self) -> Meeting | None:
        """The running meeting, or after the end the one just held."""
        return self._ops.meeting if self.state.running else self.state.ended

    @property
    def board_id(self) -> int | None:
        return self._window.ops.board_id

    @property
    def store(self) -> BoardStore:
        return self._window.store

    @property
    def today(self) -> date:
        return self.store.today

    @property
    def pointed(self) -> int | None:
        return self._window.board.highlighted

    @property
    def send_view(self) -> QWidget | None:
        return self._send_view()

    @property
    def undo_stack(self) -> QUndoStack:
        return self._window.ops.undo_stack

    def band_width(self) -> int:
        return self._window.width()

    @property
    def walk_card(self) -> Card | None:
        walk, index = self.state.walk, self.state.walk_index
        if not walk or index >= len(walk):
            return None
        return self.store.card(walk[index])

    def goal_chart(self, card: Card) -> GoalChart | None:
        """The chart of the goal the card works towards, read now (a measurement added
        during the meeting shows at once)."""
        return goal_chart(self.store, self._window.ops, card, self.state.with_data)

    def goal_moment(self) -> list[GoalChart]:
        """The charts of the goal whose data moment it is (none at any other moment)."""
        goal_id = self.state.walk_goal
        if goal_id is None:
            return []
        return goal_charts(self.store, self._window.ops, goal_id)

    def read_data(self) -> frozenset[int]:
        """Which of the board's indicators have data now (one read)."""
        return self._window.ops.indicators_with_data()

    def goal_moments(self, walk: list[int], with_data: frozenset[int]) -> list[int]:
        """The goals that get a data moment after walking the tests ``walk``."""
        cards = [c for c in map(self.store.card, walk) if c is not None]
        return goal_moments(self.store, cards, with_data)

    def team(self, include_archived: bool = False) -> list[Person]:
        if self.board_id is None:
            return []
        everyone = self._ops.people(self.board_id)
        return everyone if include_archived else [p for p in everyone if not p.archived]

    def formats(self) -> list[MeetingFormat]:
        """The formats a meeting of this board can be held in (the ready page's choice)."""
        return self._ops.formats(self.board_id) if self.board_id is not None else []

    def person_name(self, person_id: int | None) -> str:
        if person_id is None:
            return ""
        person = self.store.person(person_id) or next(
            (p for p in self.team(True) if p.id == person_id), None
        )
        return person.name if person else ""

    def next_in_days(self) -> int | None:
        meeting, day = self._ops.meeting, self.state.next_meeting
        if meeting is None or day is None:
            return None
        return (day - meeting.started_at.date()).days
