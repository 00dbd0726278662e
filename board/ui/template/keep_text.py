"""Typed text that cannot be saved is never dropped silently (issue 12, items 2 and 4).

``GoneBar``: the page's card (or goal) was archived while the user typed — the page stays
open above its read-only fields and offers to restore and save, to copy the text, or to
close. ``UnsavedCloseSheet``: the window is closing while a field's text could not be saved
(the server is away) — wait, or close anyway.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from board.i18n import tr
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note


class GoneBar(QFrame):
    """A calm word under the page's header and three ways on."""

    def __init__(
        self,
        theme: Theme,
        text: str,
        *,
        restore: Callable[[], object] | None,
        restore_key: str,
        copy: Callable[[], object],
        close: Callable[[], object],
    ) -> None:
        super().__init__()
        t = theme
        self.setObjectName("template-gone")
        self.setStyleSheet(
            "QFrame#template-gone { background: #FFF4D6; border: none;"
            " border-bottom: 1px solid #E8D49A; }"
            "QLabel { color: #5C4200; background: transparent; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(t.gap * 2, t.px(10), t.gap * 2, t.px(10))
        lay.setSpacing(t.px(8))
        self.text = QLabel(text)
        self.text.setObjectName("template-gone-text")
        self.text.setWordWrap(True)
        self.text.setFont(t.font(13))
        lay.addWidget(self.text)
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        buttons: list[tuple[str, str, str, Callable[[], object] | None]] = [
            (restore_key, "gone-restore", "primary", restore),
            ("template.gone.copy", "gone-copy", "secondary", copy),
            ("template.gone.close", "gone-close", "secondary", close),
        ]
        for key, name, kind, action in buttons:
            if action is None:
                continue
            button = big_button(tr(key), t, kind, name=name)
            button.clicked.connect(lambda _=False, a=action: a())
            row.addWidget(button)
        row.addStretch(1)
        lay.addLayout(row)


class UnsavedCloseSheet(Sheet):
    """»Noget af det, du har skrevet, er ikke gemt«: Vent (the default) or Luk alligevel."""

    def __init__(
        self, host: QWidget, theme: Theme, close_anyway: Callable[[], object], *, gone: bool
    ) -> None:
        super().__init__(host, theme, name="unsaved-close-sheet", width=520)
        lay = self.layout_
        lay.addWidget(heading(tr("template.unsaved.title"), theme))
        hint = "template.unsaved.hint_gone" if gone else "template.unsaved.hint"
        lay.addWidget(note(tr(hint), theme))
        row = QHBoxLayout()
        row.setSpacing(theme.px(10))
        wait = big_button(tr("template.unsaved.wait"), theme, "primary", name="unsaved-wait")
        wait.clicked.connect(self.dismiss)
        leave = big_button(tr("template.unsaved.close"), theme, name="unsaved-close")
        leave.clicked.connect(self.closing(close_anyway))
        row.addWidget(wait)
        row.addWidget(leave)
        lay.addLayout(row)
