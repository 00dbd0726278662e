"""The progress format describes exactly the fremdriftsmøde the meeting mode runs today
(board/ui/meeting/meeting_agenda.py), so the engine can switch to the loaded one."""

from __future__ import annotations

import pytest

from board import i18n
from board.domain.meeting_formats import MeetingFormat, Setting, timeboxes
from board.meeting_formats import get_format
from board.ui.meeting import meeting_agenda
from board.ui.meeting.meeting_agenda import DURATIONS, NEXT_MEETING_DAYS, PROGRESS_AGENDA


def differences(fmt: MeetingFormat) -> list[str]:
    found = []
    steps = [(step.key, step.weight, step.minutes) for step in fmt.steps]
    today = [(step.kind.value, step.weight, None) for step in PROGRESS_AGENDA]
    if steps != today:
        found.append(f"steps {steps} != {today}")
    if (fmt.durations, fmt.minutes) != (DURATIONS, DURATIONS[0]):
        found.append(f"durations {fmt.durations}, usual {fmt.minutes} != {DURATIONS}")
    if fmt.cadence_days != NEXT_MEETING_DAYS:
        found.append(f"cadence {fmt.cadence_days} != {NEXT_MEETING_DAYS}")
    for planned in DURATIONS:
        if timeboxes(fmt, planned) != meeting_agenda.timeboxes(planned):
            found.append(f"timeboxes at {planned} min")
    return found


def test_the_progress_format_is_todays_meeting() -> None:
    fmt = get_format("progress")
    assert differences(fmt) == []
    assert fmt.setting is Setting.STANDING


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_progress_steps_are_called_what_the_band_calls_them(lang: str) -> None:
    i18n.set_language(lang)
    fmt = get_format("progress")
    assert [i18n.tr(s.title_key) for s in fmt.steps] == [
        i18n.tr(step.title_key) for step in PROGRESS_AGENDA
    ]


def test_a_progress_format_that_differs_is_caught() -> None:
    fmt = get_format("progress")
    steps = (fmt.steps[0], fmt.steps[2], fmt.steps[1], fmt.steps[3])
    other = MeetingFormat(**{**{f: getattr(fmt, f) for f in fmt.__slots__}, "steps": steps})
    assert differences(other)[0].startswith("steps ")
