"""The meeting's countdown and the current step's timebox.

Time comes from an injectable ``now`` so tests move the clock instead of waiting minutes;
a QTimer only asks for a repaint. The meeting's start is the stored ``started_at``, so a
window opened again mid-meeting shows the same countdown as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from board.i18n import tr

TICK_MS = 250  # a second boundary is shown within a quarter of a second


def mmss(seconds: float) -> str:
    """12:34 for time left; +1:05 once it has run out (over time)."""
    whole = int(seconds) if seconds >= 0 else -int(-seconds)
    sign = "+" if whole < 0 else ""
    whole = abs(whole)
    return f"{sign}{whole // 60}:{whole % 60:02d}"


class MeetingClock(QObject):
    tick = Signal()

    def __init__(
        self, now: Callable[[], datetime] = datetime.now, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.now = now
        self.started_at: datetime | None = None
        self.planned_s = 15 * 60
        self.step_started_at: datetime | None = None
        self.step_box_s = 0  # 0: the step has no timebox of its own
        self.turn_started_at: datetime | None = None  # a round: the speaker's turn
        self.turn_box_s = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick.emit)

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def start(self, started_at: datetime, planned_minutes: int) -> None:
        self.started_at = started_at
        self.planned_s = planned_minutes * 60
        self._timer.start()
        self.tick.emit()

    def set_planned(self, planned_minutes: int) -> None:
        self.planned_s = planned_minutes * 60
        self.tick.emit()

    def begin_step(self, box_s: int) -> None:
        """A new agenda step starts now with ``box_s`` seconds of its own."""
        self.step_started_at = self.now()
        self.step_box_s = box_s
        self.turn_started_at = None
        self.tick.emit()

    def begin_turn(self, box_s: int) -> None:
        """A round: the next speaker starts now with ``box_s`` seconds."""
        self.turn_started_at = self.now()
        self.turn_box_s = box_s
        self.tick.emit()

    def set_step_box(self, box_s: int) -> None:
        self.step_box_s = box_s
        self.tick.emit()

    def stop(self) -> None:
        self._timer.stop()
        self.started_at = None
        self.step_started_at = None
        self.turn_started_at = None

    # --- readings --------------------------------------------------------------------------

    def elapsed_s(self) -> float:
        if self.started_at is None:
            return 0.0
        return max(0.0, (self.now() - self.started_at).total_seconds())

    def remaining_s(self) -> float:
        """Negative once the meeting runs over."""
        return self.planned_s - self.elapsed_s()

    def step_elapsed_s(self) -> float:
        if self.step_started_at is None:
            return 0.0
        return max(0.0, (self.now() - self.step_started_at).total_seconds())

    def step_remaining_s(self) -> float:
        return self.step_box_s - self.step_elapsed_s()

    def turn_remaining_s(self) -> float:
        if self.turn_started_at is None:
            return 0.0
        return self.turn_box_s - max(0.0, (self.now() - self.turn_started_at).total_seconds())

    @property
    def over(self) -> bool:
        return self.running and self.remaining_s() < 0

    @property
    def step_over(self) -> bool:
        return (
            self.step_started_at is not None and self.step_box_s > 0 and self.step_remaining_s() < 0
        )


def step_time_text(clock: MeetingClock) -> str:
    """The step's own timebox as the band words it: "3:12 af 5 min", "2:30 af 2:30" (a
    share of the time), "Tiden er gået: 0:40 over"; "" for a step without one."""
    left = clock.step_remaining_s()
    if not clock.step_box_s:  # the board's own Fremmøde and Afslut: no timebox
        return ""
    if clock.step_over:
        return tr("meeting.step.over", time=mmss(-left))
    if clock.step_box_s % 60:  # a share of the time: "2:30 af 2:30", not "af 2 min"
        return tr("meeting.step.left_exact", time=mmss(left), total=mmss(clock.step_box_s))
    return tr("meeting.step.left", time=mmss(left), minutes=clock.step_box_s // 60)
