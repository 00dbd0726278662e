"""A format's lengths and timeboxes in words, as its printed guide says them ("maks. 5 min",
"1–2 min", "3 timer"): the wording is the guide's (``board/export/agenda_pdf.py``), read
from there when a meeting first needs it, so the window starts without reportlab."""

from __future__ import annotations

from board.domain.meeting_formats import FormatStep, MeetingFormat


def duration_text(minutes: int) -> str:
    from board.export.agenda_pdf import duration_text as words

    return words(minutes)


def timebox_text(step: FormatStep, seconds: int) -> str:
    from board.export.agenda_pdf import timebox_text as words

    return words(step, seconds)


def cadence_text(fmt: MeetingFormat) -> str:
    from board.export.agenda_pdf import cadence_text as words

    return words(fmt)
