"""The steps a meeting walks through: the steps of its loaded format, each with its timebox.

Four step keys have pages of their own (the fremdriftsmøde's Fremmøde, the walk through
Aktiviteter, the new ideas and Afslut); every other step gets the generic page. A format
without a Fremmøde or an Afslut of its own (all but the fremdriftsmøde) gets the board's:
who is here and in which role first, the agreements, the next meeting and the end last.
Those two have no timebox of their own; the format's steps share the planned length.
"""

from __future__ import annotations

from dataclasses import dataclass

from board.domain.meeting_formats import FormatStep, MeetingFormat, Speaking, timeboxes

ATTENDANCE = "attendance"  # Fremmøde: who is here, who leads, the roles
ACTIVITIES = "activities"  # Gennemgå prøvehandlinger: the walk through Aktiviteter
IDEAS = "ideas"  # Følg op på nye idéer
CLOSE = "close"  # Afslut: the agreements, the next meeting, the end
OWN_PAGES = (ATTENDANCE, ACTIVITIES, IDEAS, CLOSE)  # every other step: the generic page

NEXT_MEETING_DAYS = 14  # a format that leaves the cadence to the team: "mindst hver 14. dag"

_OWN_ATTENDANCE = FormatStep(
    key=ATTENDANCE,
    title_key="meeting.step.attendance",
    speaking=Speaking.NONE,
    prompt_key="meeting.step.attendance.prompt",
)
_OWN_CLOSE = FormatStep(
    key=CLOSE,
    title_key="meeting.step.close",
    speaking=Speaking.EVERYONE,
    prompt_key="meeting.step.close.prompt",
)


@dataclass(frozen=True, slots=True)
class Agenda:
    format: MeetingFormat
    steps: tuple[FormatStep, ...]
    boxes: tuple[int, ...]  # seconds per step; 0: no timebox of its own

    def __len__(self) -> int:
        return len(self.steps)


def agenda(fmt: MeetingFormat, planned_minutes: int) -> Agenda:
    steps, boxes = list(fmt.steps), timeboxes(fmt, planned_minutes)
    if not any(step.key == ATTENDANCE for step in steps):
        steps.insert(0, _OWN_ATTENDANCE)
        boxes.insert(0, 0)
    if not any(step.key == CLOSE for step in steps):
        steps.append(_OWN_CLOSE)
        boxes.append(0)
    return Agenda(fmt, tuple(steps), tuple(boxes))


def next_meeting_days(fmt: MeetingFormat) -> int:
    return fmt.cadence_days or NEXT_MEETING_DAYS
