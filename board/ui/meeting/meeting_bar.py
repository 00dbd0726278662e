"""The meeting's buttons on the window's top bar: "Møde" (with the countdown while a meeting
runs, green), "Møder" and the settings cog; and the board's next meeting ("Næste:
Fremdriftsmøde tors. 10.12. kl. 9.00") while none runs."""

from __future__ import annotations

from PySide6.QtGui import QColor

from board.dates import weekday_date_time
from board.domain.planning import PlannedMeeting
from board.i18n import tr
from board.ui.common.theme import Theme
from board.ui.common.widgets import button_style
from board.ui.meeting.host import MeetingTopBar
from board.ui.meeting.meeting_clock import mmss

RUNNING_BG = QColor("#2E8B57")


class MeetingBar:
    def __init__(self, top: MeetingTopBar) -> None:
        self.top = top
        self._last_label = ""
        self._styled_running: bool | None = None  # how "Møde" was last styled (None: not yet)

    def restyle(self) -> None:
        """A new theme: the next refresh styles "Møde" again."""
        self._styled_running = None

    def refresh(
        self,
        theme: Theme,
        running_left_s: float | None,
        photo: bool,
        upcoming: PlannedMeeting | None = None,
    ) -> None:
        """``running_left_s``: the time left while a meeting runs, else None; ``upcoming``:
        the board's next planned meeting, shown while none runs."""
        top = self.top
        wall = theme.wall
        running = running_left_s is not None
        if running_left_s is not None:
            text = f"●  {tr('meeting.bar.running', time=mmss(running_left_s))}"
        else:
            text = tr("meeting.bar.start")
        if text != self._last_label:
            self._last_label = text
            top.meeting_button.setText(text)
            top.fit_date()
        if upcoming is not None and not running:
            top.set_next(next_text(upcoming), next_text(upcoming, with_format=False))
        else:
            top.set_next("", "")
        top.meeting_button.setToolTip(tr("meeting.bar.tooltip"))
        top.history_button.setText(tr("meeting.bar.history"))
        top.history_button.setVisible(not wall and not photo)
        top.settings_button.setText("⚙" if not wall else "")
        top.settings_button.setToolTip(tr("meeting.settings.title"))
        top.settings_button.setAccessibleName(tr("meeting.settings.title"))
        # The wall shows few, big buttons: earlier meetings are reached from the panel there,
        # mail settings from "Tidligere møder".
        top.settings_button.setVisible(not wall and not photo)
        top.fit_date()
        style = button_style(theme, "primary", RUNNING_BG) if running else None
        if self._styled_running is not running:
            self._styled_running = running
            if style is not None:
                top.meeting_button.setStyleSheet(style)
            else:
                top.apply_theme(theme)


def next_text(plan: PlannedMeeting, with_format: bool = True) -> str:
    """ "Næste: Fremdriftsmøde tors. 10.12. kl. 9.00" / "Next: Progress meeting Thu 10 Dec
    09:00"; without the format where the bar has no room for it ("Næste: tors. 10.12. …")."""
    when = weekday_date_time(plan.starts_at)
    if not with_format:
        return tr("meeting.bar.next_short", when=when)
    return tr("meeting.bar.next", kind=tr(f"meeting.{plan.kind}"), when=when)
