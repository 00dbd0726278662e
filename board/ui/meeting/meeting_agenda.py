"""The agenda of a fremdriftsmøde (Hæfte 4, 5.2) as steps with their own timeboxes.

The guide's content of the meeting is "Gennemgå/følg op på prøvehandlinger" and "Følg op på
nye idéer"; around them the board adds who is here (fremmøde) and a close with the
agreements and the next meeting. The timeboxes share the planned length in fixed
proportions, so 15 minutes gives 1 + 8 + 4 + 2 and 30 minutes twice that.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class StepKind(StrEnum):
    ATTENDANCE = "attendance"  # Fremmøde: who is here, who facilitates
    ACTIVITIES = "activities"  # Gennemgå prøvehandlinger
    IDEAS = "ideas"  # Følg op på nye idéer
    CLOSE = "close"  # Afslut


@dataclass(frozen=True, slots=True)
class AgendaStep:
    kind: StepKind
    weight: int  # share of the planned minutes

    @property
    def title_key(self) -> str:
        return f"meeting.step.{self.kind.value}"

    @property
    def prompt_key(self) -> str:
        return f"meeting.step.{self.kind.value}.prompt"


PROGRESS_AGENDA: tuple[AgendaStep, ...] = (
    AgendaStep(StepKind.ATTENDANCE, 1),
    AgendaStep(StepKind.ACTIVITIES, 8),
    AgendaStep(StepKind.IDEAS, 4),
    AgendaStep(StepKind.CLOSE, 2),
)

DURATIONS = (15, 30)  # minutes offered; the guide says 15, the case municipalities used 30
NEXT_MEETING_DAYS = 14  # "mindst hver 14. dag"


def timeboxes(planned_minutes: int, agenda: tuple[AgendaStep, ...] = PROGRESS_AGENDA) -> list[int]:
    """Seconds per step; they add up to the planned length exactly."""
    total = planned_minutes * 60
    weights = sum(step.weight for step in agenda)
    boxes = [total * step.weight // weights for step in agenda]
    boxes[1 if len(boxes) > 1 else 0] += total - sum(boxes)  # rounding goes to the main step
    return boxes
