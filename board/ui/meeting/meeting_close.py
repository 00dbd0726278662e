"""Afslut mødet and after: the CPR check, the frozen snapshot, the minutes and the view they
are sent from, until the team is done with them.

MeetingController asks for the end and draws again on ``changed``; the minutes themselves
come from MinutesMaker (the photo on the GUI thread, the files from a worker).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from board.domain.entities import Meeting
from board.i18n import tr
from board.ui.common.theme import Theme
from board.ui.meeting.meeting_state import MeetingState, Phase
from board.ui.meeting.minutes_actions import Job, MinutesFiles
from board.ui.meeting.minutes_maker import MinutesMaker
from board.ui.meeting.minutes_sending import MinutesSending
from board.ui.meeting.send_minutes import SendMinutesView
from board.ui.operations.meeting_operations import MeetingOperations

_log = logging.getLogger(__name__)


class MeetingClose(QObject):
    changed = Signal()  # the state changed: the band and the bar are drawn again

    def __init__(
        self,
        state: MeetingState,
        ops: MeetingOperations,
        maker: MinutesMaker,
        sending: MinutesSending,
        theme: Callable[[], Theme],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._ops = ops
        self._maker = maker
        self._sending = sending
        self._theme = theme
        self.send_view: SendMinutesView | None = None

    def paused_for_privacy(self, board_id: int | None) -> bool:
        """True when what the minutes would say holds CPR-like numbers (the end waits)."""
        meeting = self._ops.meeting
        if board_id is None or meeting is None:
            return False
        hits = self._maker.live_hits(meeting)
        if hits:
            _log.info("end of meeting paused: %d CPR-like numbers on the board", len(hits))
            self.state.privacy_hits = hits
        return bool(hits)

    def end(self) -> Meeting | None:
        """Freeze the board: the meeting is over (its minutes follow with make_minutes)."""
        st = self.state
        started = time.perf_counter()
        ended = self._ops.end(st.next_meeting)
        if ended is None:
            return None
        st.timings = {"started": started}
        st.phase = Phase.ENDED
        st.ended = ended
        st.privacy_hits = []
        _log.info("meeting %d ended", ended.id)
        return ended

    def make_minutes(self) -> None:
        st = self.state
        meeting = st.ended
        if meeting is None:
            return
        st.minutes_error = None
        st.files = None
        self.changed.emit()
        started = st.timings.get("started", time.perf_counter())

        def done(files: MinutesFiles) -> None:
            st.files = files
            st.timings["written"] = time.perf_counter() - started
            _log.info("minutes written in %.2f s", st.timings["written"])
            self.new_send_view()
            self.changed.emit()

        def failed(message: str) -> None:
            st.minutes_error = message
            self.changed.emit()

        self.prepare_minutes(meeting.id, save=True, done=done, failed=failed)

    def prepare_minutes(
        self,
        meeting_id: int,
        *,
        save: bool,
        done: Callable[[MinutesFiles], None],
        failed: Callable[[str], None],
    ) -> Job | None:
        """The minutes and photo of an ended meeting (this one, or one in the history)."""
        made = self._maker.prepare(meeting_id, save=save, done=done, failed=failed)
        if made is None:
            return None
        if meeting_id == (self.state.ended.id if self.state.ended else None):
            self.state.minutes = made.minutes
        self.state.timings["photo_drawn"] = made.photo_s
        return made.job

    def new_send_view(self) -> None:
        """The view the minutes just made are sent from (again after a change of theme)."""
        st = self.state
        if st.ended is None or st.minutes is None or st.files is None:
            return
        old = self.send_view
        self.send_view = SendMinutesView(
            self._sending, self._theme(), st.ended, st.minutes, st.files
        )
        if old is not None and not old.sending:
            old.deleteLater()

    def settings_saved(self) -> None:
        """New mail settings: the send button says "Send" instead of "Gem kladde" now."""
        if self.send_view is not None and not self.send_view.sending:
            self.send_view.rebuild()

    def close(self) -> bool:
        """Done with the meeting just held; False (and said so) while it is still sending."""
        if self.send_view is not None and self.send_view.sending:
            self._sending.message(tr("meeting.send.still_sending"))
            return False
        self.state.phase = Phase.IDLE
        self.state.forget_minutes()
        if self.send_view is not None:
            self.send_view.deleteLater()
            self.send_view = None
        return True

    def forget(self) -> None:
        """Another board: nothing of this meeting's end is shown any longer."""
        self.state.forget_minutes()
        self.send_view = None
