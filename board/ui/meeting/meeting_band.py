"""Where the meeting shows: the band docked under the board, the card ringed on the board,
and the meeting's buttons on the top bar. It draws what RoomView says and changes no state;
MeetingController decides and asks it to draw again."""

from __future__ import annotations

from collections.abc import Callable

from board.ui.common.theme import Theme
from board.ui.meeting.host import MeetingWindow
from board.ui.meeting.meeting_agenda import ACTIVITIES, IDEAS
from board.ui.meeting.meeting_bar import MeetingBar
from board.ui.meeting.meeting_panel import MeetingPanel
from board.ui.meeting.room_view import RoomView


class MeetingBand:
    def __init__(
        self,
        window: MeetingWindow,
        view: RoomView,
        theme: Theme,
        wire: Callable[[MeetingPanel], None],
    ) -> None:
        self.window = window
        self.view = view
        self.theme = theme
        self._wire = wire  # connects a new panel's signals to the meeting's actions
        self.panel: MeetingPanel | None = None
        self.bar = MeetingBar(window.top)

    @property
    def shown(self) -> bool:
        return self.panel is not None and self.panel.isVisible()

    @property
    def open(self) -> bool:
        """Shown, or will be when the window is: only the band's own hide closes it."""
        return self.panel is not None and not self.panel.isHidden()

    def ensure(self) -> MeetingPanel:
        if self.panel is None:
            self.panel = MeetingPanel(self.view, self.theme)
            self._wire(self.panel)
            self.panel.signals.shown.connect(self._top_gives_way)
            layout = self.window.layout()
            assert layout is not None
            layout.addWidget(self.panel)  # under the board, full width
        return self.panel

    def _top_gives_way(self, shown: bool) -> None:
        # The band stands in for the top bar while it shows; hidden, the bar comes back.
        if not self.window.photo:
            self.window.top.setVisible(not shown)

    def show(self) -> None:
        panel = self.ensure()
        panel.rebuild()
        panel.show()
        self.highlight()

    def hide(self) -> None:
        if self.panel is not None:
            self.panel.hide()

    def render(self) -> None:
        """The page again (when open) and the bar."""
        if self.open:
            assert self.panel is not None
            self.panel.rebuild()
        self.refresh_bar()

    def tick(self) -> None:
        """The clock moved: only labels change."""
        if self.shown:
            assert self.panel is not None
            self.panel.update_clock()
        self.refresh_bar()

    def sync_next(self) -> None:
        # Only the chips and the field change: rebuilding the page under a finger that is
        # on its way to "Afslut mødet" would lose that tap.
        if self.shown:
            assert self.panel is not None
            self.panel.sync_next()

    def highlight(self) -> None:
        """The test walked through ringed on the board; nothing ringed off the agenda."""
        state, board = self.view.state, self.window.board
        shown = self.shown and state.running
        if shown and state.step_key == ACTIVITIES:
            card = self.view.walk_card
            board.set_highlight(card.id if card else None)
        elif not shown or state.step_key != IDEAS:
            board.set_highlight(None)

    def refresh_bar(self) -> None:
        if self.panel is not None:
            self.panel.refresh_undo()
        state = self.view.state
        left = self.view.clock.remaining_s() if state.running else None
        self.bar.refresh(self.theme, left, self.window.photo, state.upcoming)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.bar.restyle()  # restyled by refresh_bar
        if self.panel is not None:
            self.panel.set_theme(theme)
