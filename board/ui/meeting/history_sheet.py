"""Tidligere møder: the board's meetings, and the minutes of any of them made again.

The minutes and the photo of a past meeting come only from the snapshot frozen when it
ended, so "Gem referat" writes the very bytes that were written that day, however the
board has changed since. From here they can also be sent again to those absent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from board.dates import at_time, compact_date, compact_date_time, long_date
from board.domain.entities import Meeting
from board.domain.minutes import Minutes
from board.i18n import tr, tr_n
from board.ui.common.band_widgets import clear_layout, immediate_taps, label
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note, scrolling
from board.ui.meeting.host import HistoryHost
from board.ui.meeting.minutes_actions import Job, MinutesFiles, save_files, start
from board.ui.meeting.send_minutes import SendMinutesView


def _when(meeting: Meeting, *, capital: bool = True) -> str:
    """The day written out and the time; ``capital`` at the start of a line."""
    stamp = meeting.started_at
    return f"{long_date(stamp.date(), capital=capital)}  ·  {at_time(stamp)}"


class HistorySheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        controller: HistoryHost,
        found: list[Meeting],
    ) -> None:
        super().__init__(host, theme, width=640, name="history-sheet", side=True)
        self.c = controller
        self.meetings = found
        self.meeting: Meeting | None = None
        self.minutes: Minutes | None = None
        self.files: MinutesFiles | None = None
        self.job: Job | None = None
        self.send_view: SendMinutesView | None = None
        self.body = QWidget()
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, theme.px(6), 0)
        self.rows.setSpacing(theme.px(8))
        top = QHBoxLayout()
        self.title = heading(tr("meeting.history.title"), theme)
        top.addWidget(self.title, 1)
        settings = big_button(tr("meeting.settings.short"), theme, name="history-settings")
        settings.clicked.connect(self.c.show_settings)
        top.addWidget(settings)
        self.layout_.addLayout(top)
        scroll = scrolling(self.body, theme)
        immediate_taps(scroll)
        self.layout_.addWidget(scroll, 1)
        done = big_button(tr("ui.done"), theme, "primary", name="history-done")
        done.clicked.connect(self.dismiss)
        self.layout_.addWidget(done)
        self.show_list()

    # --- the list --------------------------------------------------------------------------

    def _clear(self) -> None:
        clear_layout(self.rows, keep=self.send_view)

    def show_list(self) -> None:
        t = self.theme
        self._clear()
        self.meeting = None
        self.title.setText(tr("meeting.history.title"))
        if not self.meetings:
            self.rows.addWidget(note(tr("meeting.history.empty"), t))
        for m in self.meetings:
            present = sum(1 for a in m.attendance if a.present)
            state = (
                tr("meeting.history.running")
                if m.ended_at is None
                else tr_n("meeting.history.counts", len(m.agreements), present=present)
            )
            text = f"{_when(m)}\n{tr(f'meeting.{m.kind.value}')}  ·  {state}"
            button = big_button(text, t, name=f"meeting-{m.id}")
            button.setStyleSheet(button.styleSheet() + "QPushButton { text-align: left; }")
            button.setMinimumHeight(round(t.touch * 1.6))
            button.clicked.connect(lambda _=False, m=m: self.open_meeting(m))
            self.rows.addWidget(button)
        self.rows.addStretch(1)

    def open_meeting(self, meeting: Meeting) -> None:
        if meeting.ended_at is None:
            self.close_sheet()
            if not self.c.panel_shown:
                self.c.toggle()
            return
        minutes = self.c.ops.meeting_minutes(meeting.id)
        if minutes is None:
            return
        self.meeting, self.minutes, self.files = meeting, minutes, None
        self.send_view = None
        self.show_detail()
        # Photo and PDF from the snapshot: drawn now, encoded on a worker thread.
        self.job = self.c.prepare_minutes(
            meeting.id, save=False, done=self._made, failed=self._failed
        )

    # --- one meeting -----------------------------------------------------------------------

    def show_detail(self) -> None:
        t, m, minutes = self.theme, self.meeting, self.minutes
        assert m is not None and minutes is not None
        self._clear()
        self.title.setText(f"{tr(f'meeting.{m.kind.value}')} – {_when(m, capital=False)}")
        back = big_button(f"◀  {tr('meeting.history.back')}", t, name="history-back")
        back.clicked.connect(self.show_list)
        self.rows.addWidget(back)

        def line(key: str, value: str) -> None:
            self.rows.addWidget(label(f"{tr(key)}: {value}", t.font(13), t.palette.text))

        nobody = tr("minutes.nobody")
        line("meeting.history.present", ", ".join(minutes.present) or nobody)
        line("meeting.history.absent", ", ".join(minutes.absent) or nobody)
        line("minutes.facilitator", minutes.facilitator or tr("minutes.not_set"))
        for a in minutes.agreements:
            who = f" – {a.owner}" if a.owner else ""
            when = f" – {compact_date(a.deadline)}" if a.deadline else ""
            self.rows.addWidget(label(f"• {a.what}{who}{when}", t.font(13), t.palette.text))
        if minutes.next_meeting_on:
            line("minutes.next_meeting", long_date(minutes.next_meeting_on))
        row = QHBoxLayout()
        self.save_button = big_button(tr("meeting.history.save"), t, "primary", name="history-save")
        self.save_button.clicked.connect(lambda: self.save(open_after=False))
        self.open_button = big_button(tr("meeting.minutes.open"), t, name="history-open")
        self.open_button.clicked.connect(lambda: self.save(open_after=True))
        self.send_button = big_button(tr("meeting.history.send"), t, name="history-send")
        self.send_button.clicked.connect(self.show_send)
        for button in (self.save_button, self.open_button, self.send_button):
            button.setEnabled(self.files is not None)
            row.addWidget(button, 1)
        self.rows.addLayout(row)
        self.state = label(
            tr("meeting.minutes.making") if self.files is None else "",
            t.font(12.5),
            t.palette.muted,
            name="history-state",
        )
        self.rows.addWidget(self.state)
        if self.send_view is not None:
            self.rows.addWidget(self.send_view)
            self.send_view.show()
        self.picture = QLabel()
        self.picture.setObjectName("history-photo")
        self.rows.addWidget(self.picture)
        sent = self.c.ops.dispatches(m.id)
        if sent:
            self.rows.addWidget(heading(tr("meeting.history.dispatches"), t, 13))
        for d in sent:
            key = "meeting.history.dispatch_ok" if d.ok else "meeting.history.dispatch_failed"
            stamp = compact_date_time(d.sent_at)
            self.rows.addWidget(
                label(
                    tr(key, email=d.recipient, when=stamp, reason=d.detail),
                    t.font(12),
                    t.palette.muted,
                )
            )
        self.rows.addStretch(1)
        if self.files is not None:
            self._show_photo()

    def _made(self, files: MinutesFiles) -> None:
        self.files = files
        if self.meeting is not None and self.isVisible():
            self.show_detail()

    def _failed(self, message: str) -> None:
        self.c.message(message)
        if self.meeting is not None and self.isVisible():
            self.state.setText(message)

    def _show_photo(self) -> None:
        assert self.files is not None
        image = QImage.fromData(self.files.png)
        width = self.panel.width() - 2 * self.theme.px(18) - self.theme.px(12)
        self.picture.setPixmap(
            QPixmap.fromImage(image).scaledToWidth(
                max(100, width), Qt.TransformationMode.SmoothTransformation
            )
        )

    def save(self, open_after: bool) -> None:
        """Gem referat: the same bytes as on the day, into the minutes folder."""
        files = self.files
        if files is None:
            return

        def work(_progress: object) -> object:
            save_files(files)
            return files.pdf_path

        def saved(path: object) -> None:
            self.c.message(tr("meeting.history.saved", path=str(path)))
            if open_after:
                self.c.open_path(files.pdf_path)

        job = Job(work)
        job.signals.finished.connect(saved)
        job.signals.failed.connect(self.c.message)
        self.job = start(job)

    def show_send(self) -> None:
        if self.meeting is None or self.minutes is None or self.files is None:
            return
        if self.send_view is None:
            self.send_view = SendMinutesView(
                self.c.sending, self.theme, self.meeting, self.minutes, self.files
            )
        self.show_detail()
        self.send_view.setFocus()
