"""The CPR warning: what looks like a CPR number and where (masked); fix it first, or go on
on purpose with two taps. Shown before a meeting ends and before minutes are sent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from board.i18n import tr
from board.ui.common.band_widgets import WrapButton, label
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button
from board.ui.meeting.minutes_actions import Hit

AMBER_BG = "#FFF4D6"
AMBER_EDGE = "#C98A00"
NO_BREAK_HYPHEN = "\u2011"  # 010203-**** stays on one line


class PrivacyBox(QFrame):
    """What looks like a CPR number, where (masked); fix it, or confirm on purpose."""

    def __init__(
        self,
        theme: Theme,
        hits: list[Hit],
        *,
        confirm_text: str,
        on_fix: Callable[[], None],
        on_confirm: Callable[[], None],
        on_open_card: Callable[[int], None] | None = None,
        note: str = "",
        on_find: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        t = theme
        self.setObjectName("privacy-box")
        self.setStyleSheet(
            f"QFrame#privacy-box {{ background: {AMBER_BG}; border: none;"
            f" border-left: {t.px(6)}px solid {AMBER_EDGE}; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(t.px(12), t.px(8), t.px(10), t.px(8))
        row.setSpacing(t.px(14))
        lay = QVBoxLayout()  # what and where
        lay.setSpacing(t.px(4))
        lay.addWidget(label(tr("meeting.privacy.title"), t.font(14, bold=True), t.palette.text))
        lay.addWidget(label(tr("meeting.privacy.explain"), t.font(12.5), t.palette.text))
        for n, hit in enumerate(hits):
            line = QHBoxLayout()
            where = label(
                f"{hit.where}:  {hit.masked.replace('-', NO_BREAK_HYPHEN)}",
                t.font(13, bold=True),
                t.palette.text,
                name=f"privacy-hit-{n}",
            )
            line.addWidget(where, 1)
            if on_open_card is not None and hit.card_number is not None:
                number = hit.card_number
                show = big_button(tr("meeting.privacy.open_card"), t, name=f"privacy-open-{n}")
                show.clicked.connect(lambda _=False, c=number: on_open_card(c))
                line.addWidget(show)
            lay.addLayout(line)
        if note:
            lay.addWidget(label(note, t.font(12), t.palette.muted))
        lay.addStretch(1)
        row.addLayout(lay, 3)
        buttons = QVBoxLayout()  # fix it, or confirm on purpose (two taps)
        buttons.setSpacing(t.px(6))
        fix = WrapButton(tr("meeting.privacy.fix"), t, name="privacy-fix", size=13.5)
        fix.clicked.connect(on_fix)
        buttons.addWidget(fix)
        if on_find is not None:  # every place the numbers stand, the earlier minutes too
            find = WrapButton(
                tr("privacy.find.open"), t, "secondary", name="privacy-find-open", size=13
            )
            find.clicked.connect(on_find)
            buttons.addWidget(find)
        self.checked = WrapButton(
            f"☐  {tr('meeting.privacy.checked')}", t, "secondary", name="privacy-checked", size=13
        )
        self.checked.setCheckable(True)
        self.confirm = WrapButton(confirm_text, t, "secondary", name="privacy-confirm", size=13)
        self.confirm.setEnabled(False)
        self.checked.toggled.connect(self._toggled)
        self.confirm.clicked.connect(on_confirm)
        buttons.addWidget(self.checked)
        buttons.addWidget(self.confirm)
        buttons.addStretch(1)
        row.addLayout(buttons, 2)

    def _toggled(self, on: bool) -> None:
        self.checked.set_text(f"{'☑' if on else '☐'}  {tr('meeting.privacy.checked')}")
        self.confirm.setEnabled(on)
