"""A meeting another screen leads, shown calmly on this one (issue 12): one line under the
board with the current step and its timer, and "Følg med", which opens the band here to
take notes, agreements, decisions and ideas while the other screen keeps the lead.

It only draws what it is given and emits ``follow``; MeetingController decides when it
shows (a meeting led elsewhere, the band not open) and what it says.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy

from board.i18n import tr
from board.ui.common.band_widgets import label
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button

BANNER_BG = "#E7F0EA"  # a quiet green: the top bar's "Møde" is green while one runs
BANNER_EDGE = "#2E8B57"


class RemoteBanner(QFrame):
    follow = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("meeting-remote-banner")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._row = QHBoxLayout(self)
        self.set_theme(theme)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        t = self.theme = theme
        while self._row.count():
            item = self._row.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.setStyleSheet(
            f"QFrame#meeting-remote-banner {{ background: {BANNER_BG}; border: none;"
            f" border-top: {t.px(1.5)}px solid {BANNER_EDGE}; }}"
        )
        self._row.setContentsMargins(t.px(12), t.px(4), t.px(8), t.px(4))
        self._row.setSpacing(t.px(12))
        text = t.palette.text
        self.title = label(
            f"●  {tr('meeting.remote.banner')}",
            t.font(13, bold=True),
            BANNER_EDGE,
            wrap=False,
            name="meeting-remote-title",
        )
        self.step = label("", t.font(13, bold=True), text, wrap=False, name="meeting-remote-step")
        self.time = label("", t.font(12.5, bold=True), t.palette.muted, wrap=False)
        self.time.setObjectName("meeting-remote-time")
        self.follow_button = big_button(
            tr("meeting.remote.follow"), t, "primary", name="meeting-remote-follow"
        )
        self.follow_button.setToolTip(tr("meeting.remote.follow_hint"))
        self.follow_button.clicked.connect(self.follow.emit)
        self._row.addWidget(self.title)
        self._row.addWidget(self.step)
        self._row.addWidget(self.time)
        self._row.addStretch(1)
        self._row.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setFixedHeight(t.touch + t.px(8))

    def show_step(self, step: str, time: str) -> None:
        """The step ("2 · Aktiviteter") and its timer ("3:12 af 5 min"); labels only."""
        if self.step.text() != step:
            self.step.setText(step)
        if self.time.text() != time:
            self.time.setText(time)
