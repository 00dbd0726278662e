"""The meeting band runs the loaded progress format as the fremdriftsmøde it always was:
Fremmøde, the walk through Aktiviteter, the new ideas, Afslut, 1 + 8 + 4 + 2 of 15 minutes
(twice that of 30), the next meeting in 14 days; no step of the board's own is added."""

from __future__ import annotations

import pytest

from board import i18n
from board.domain.meeting_formats import Setting
from board.meeting_formats import get_format
from board.ui.meeting.meeting_agenda import agenda, next_meeting_days


def test_the_progress_format_is_todays_meeting() -> None:
    fmt = get_format("progress")
    assert fmt.setting is Setting.STANDING
    assert (fmt.durations, fmt.minutes, next_meeting_days(fmt)) == ((15, 30), 15, 14)
    steps = agenda(fmt, 15)
    assert [s.key for s in steps.steps] == ["attendance", "activities", "ideas", "close"]
    assert steps.boxes == (60, 480, 240, 120)
    assert agenda(fmt, 30).boxes == (120, 960, 480, 240)


@pytest.mark.parametrize(
    ("lang", "titles"),
    [
        ("da", ["Fremmøde", "Gennemgå prøvehandlinger", "Følg op på nye idéer", "Afslut"]),
        ("en", ["Attendance", "Review the tests of change", "Follow up on new ideas", "Wrap-up"]),
    ],
)
def test_the_progress_steps_are_called_what_the_band_called_them(
    lang: str, titles: list[str]
) -> None:
    i18n.set_language(lang)
    fmt = get_format("progress")
    assert [i18n.tr(s.title_key) for s in fmt.steps] == titles


def test_another_format_gets_the_boards_attendance_and_close_without_time() -> None:
    fmt = get_format("learning")
    steps = agenda(fmt, 30)
    assert steps.steps[0].key == "attendance" and steps.steps[-1].key == "close"
    assert [s.key for s in steps.steps[1:-1]] == [s.key for s in fmt.steps]
    assert steps.boxes[0] == steps.boxes[-1] == 0
    assert sum(steps.boxes) == 30 * 60
