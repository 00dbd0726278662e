"""Making a meeting's minutes on the screen: the CPR check before the end, and the minutes,
photo and files of an ended meeting.

The photo is drawn on the GUI thread (it uses the window's widgets); the PNG, the PDF and
the files come from a worker thread. Both read only what the meeting froze when it ended.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QImage

from board.domain.entities import BoardState, Meeting
from board.domain.minutes import Minutes, minutes_day
from board.domain.privacy import find_cpr_numbers
from board.i18n import tr
from board.ui.common.save_places import minutes_folder
from board.ui.meeting.minutes_actions import (
    Hit,
    Job,
    MinutesFiles,
    privacy_texts,
    start,
    write_minutes,
)
from board.ui.meeting.this_machine import ThisMachine
from board.ui.operations.meeting_operations import MeetingOperations


@dataclass(frozen=True, slots=True)
class Prepared:
    job: Job
    minutes: Minutes
    photo_s: float  # how long drawing the photo took


class MinutesMaker:
    def __init__(
        self,
        ops: MeetingOperations,
        photo: Callable[[BoardState, date], QImage],
        machine: ThisMachine,
    ) -> None:
        self._ops = ops
        self._photo = photo  # the board as the minutes show it (drawn by the window's widgets)
        self._machine = machine
        self.job: Job | None = None  # the last one started (kept alive while it runs)

    def live_hits(self, meeting: Meeting) -> list[Hit]:
        """What the minutes would say if the meeting ended now, checked for CPR numbers."""
        live = self._ops.running_minutes(meeting.id)
        if live is None:
            return []
        texts = privacy_texts(live)  # the board, agreements, step notes, learning points …
        numbers = {where: number for where, _, number in texts}
        return [
            Hit(h.where, h.masked, numbers.get(h.where))
            for h in find_cpr_numbers((where, value) for where, value, _ in texts)
        ]

    def prepare(
        self,
        meeting_id: int,
        *,
        save: bool,
        done: Callable[[MinutesFiles], None],
        failed: Callable[[str], None],
    ) -> Prepared | None:
        """The minutes and photo of an ended meeting, from its frozen snapshot only; the
        files follow from a worker (``done`` or ``failed`` on the GUI thread)."""
        made = self._ops.frozen_minutes(meeting_id)
        if made is None:
            failed(tr("error.generic"))
            return None
        minutes, state = made
        drawn = time.perf_counter()
        image = self._photo(state, minutes_day(minutes))
        photo_s = time.perf_counter() - drawn
        folder = minutes_folder(self._machine.load().minutes_folder)
        plan = self._ops.planned_by(meeting_id)  # its invitation goes with the minutes

        def work(_progress: Callable[[object], None]) -> object:
            return write_minutes(minutes, image, folder, save=save, plan=plan)

        job = Job(work)
        job.signals.finished.connect(lambda files: done(files))
        job.signals.failed.connect(failed)
        self.job = job
        start(job)
        return Prepared(job, minutes, photo_s)
