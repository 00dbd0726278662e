"""What holds for the whole window for as long as it holds, in a line under the top bar.

Two states, never timed out (unlike the MessageBar's messages): the server is away (with
the time of the last contact: the program keeps trying, typed text waits in its field), and
this screen may only look (a read-only database role: a display screen). The first, while
it lasts, is said instead of the second.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from board.dates import at_time
from board.i18n import tr
from board.ui.common.theme import Theme

# Calm colours: amber for "away, waiting", a quiet blue-grey for "only looking".
_DOWN = ("#FFF4D6", "#C98A00")
_READ_ONLY = ("#E8EEF4", "#5B7389")


class StatusBanner(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("status-banner")
        self.label = QLabel(self)
        self.label.setObjectName("status-text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._row = QHBoxLayout(self)
        self._row.addWidget(self.label, 1)
        self.theme: Theme | None = None
        self.read_only = False
        self.lost_since: datetime | None = None  # the last contact, while the server is away
        self.hide()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._row.setContentsMargins(theme.px(14), theme.px(6), theme.px(14), theme.px(6))
        self.label.setFont(theme.title_font if theme.wall else theme.hint_font)
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._show()

    def set_lost(self, last_contact: datetime | None) -> None:
        """The server went away (``last_contact``: when it last answered), or is back."""
        self.lost_since = last_contact
        self._show()

    @property
    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def _show(self) -> None:
        if self.lost_since is not None:
            # A display screen has nothing typed to keep: it only waits for the board.
            key = "live.down.banner_readonly" if self.read_only else "live.down.banner"
            text, colours = tr(key, at=at_time(self.lost_since)), _DOWN
        elif self.read_only:
            text, colours = tr("live.readonly.banner"), _READ_ONLY
        else:
            self.hide()
            return
        self.label.setText(text)
        theme = self.theme
        if theme is not None:
            background, edge = colours
            self.setStyleSheet(
                f"QFrame#status-banner {{ background: {background}; border: none;"
                f" border-left: {theme.px(6)}px solid {edge}; }}"
                f"QLabel {{ color: {theme.palette.text.name()}; }}"
            )
        self.show()
