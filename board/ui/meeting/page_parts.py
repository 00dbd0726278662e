"""The pieces a page of the meeting band is built from: columns that share the band's
width, texts, chips, the agreements. A page is made anew for every state it shows and
draws into the band's body row and step line (see meeting_pages)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from board.dates import short_date
from board.domain.entities import Card
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.band_widgets import immediate_taps, label
from board.ui.common.theme import LANE_ACCENT, Theme, metrics
from board.ui.common.widgets import big_button, scrolling
from board.ui.meeting.band_signals import BandSignals
from board.ui.meeting.format_words import duration_text
from board.ui.meeting.host import MeetingView
from board.ui.meeting.meeting_widgets import ElidingButton, bound, compact
from board.ui.meeting.walk_chart import GoalChart


def page_height(theme: Theme) -> int:
    """The page under the step line: two rows of big buttons."""
    return 2 * theme.touch + theme.px(6)


class PageParts:
    def __init__(
        self,
        view: MeetingView,
        signals: BandSignals,
        theme: Theme,
        body_row: QHBoxLayout,
        extras: QHBoxLayout,
        beside: int,
    ) -> None:
        self.view = view
        self.signals = signals
        self.theme = theme
        self.body_row = body_row  # the page's columns, side by side
        self.extras = extras  # the step line's own things (the facilitator, "Tidligere møder")
        self.beside = beside  # the band's width taken by the clock and the navigation
        self.columns: list[QVBoxLayout] = []
        # Fields and areas the band reaches after building (None where the page has none).
        self.guest: QLineEdit | None = None
        self.next_date: QLineEdit | None = None
        self.send_scroll: QScrollArea | None = None
        self.turn_time: QLabel | None = None  # a round: the speaker's time, set every tick
        # The walked test's goal's chart (set by the panel, which sized the band for it).
        self.goal_chart: GoalChart | None = None
        self.goal_moment: list[GoalChart] = []  # a goal's data moment: its charts

    def column(self, stretch: int = 1) -> QVBoxLayout:
        """A column of the page; the columns share the band's width by their stretch alone
        (their contents never widen the band, and with it the window, past the screen)."""
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(self.theme.px(6))
        self.body_row.addWidget(box, stretch)
        self.columns.append(col)
        return col

    def text(
        self,
        col: QVBoxLayout,
        value: str,
        size: float = 13,
        *,
        bold: bool = False,
        muted: bool = False,
        name: str = "",
    ) -> QLabel:
        t = self.theme
        widget = label(
            value, t.font(size, bold=bold), t.palette.muted if muted else t.palette.text, name=name
        )
        col.addWidget(widget)
        return widget

    def prompt(self, col: QVBoxLayout, text: str) -> None:
        t = self.theme
        widget = label(text, t.font(12), t.palette.muted, name="meeting-prompt")
        widget.setStyleSheet(
            f"color: {t.palette.muted.name()}; background: {t.palette.lane.name()};"
            f" border-left: {t.px(4)}px solid {LANE_ACCENT[Lane.ACTIVITIES].name()};"
            f" padding: {t.px(5)}px {t.px(8)}px;"
        )
        col.addWidget(widget)

    def chip(
        self, text: str, name: str, checked: bool, on: Callable[[bool], None]
    ) -> ElidingButton:
        button = ElidingButton(text, self.theme, name)
        button.setChecked(checked)
        button.clicked.connect(on)
        return button

    def list_column(self, stretch: int = 1) -> QVBoxLayout:
        """A column whose list (agreements) scrolls when it is longer than the page."""
        t = self.theme
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.setContentsMargins(0, 0, t.px(4), 0)
        col.setSpacing(t.px(3))
        scroll = scrolling(inner, t)
        scroll.setObjectName("meeting-list")
        scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        immediate_taps(scroll)
        self.body_row.addWidget(scroll, stretch)
        self.columns.append(col)
        return col

    def scrolling_list(self, col: QVBoxLayout) -> QVBoxLayout:
        """A list inside ``col`` that scrolls when it is longer than the page."""
        t = self.theme
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(0, 0, t.px(4), 0)
        box.setSpacing(t.px(4))
        scroll = scrolling(inner, t)
        scroll.setObjectName("meeting-list")
        scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        immediate_taps(scroll)
        col.addWidget(scroll, 1)
        return box

    def agreements(
        self, col: QVBoxLayout, card_id: int | None = None, removable: bool = False
    ) -> None:
        """The agreements so far (of one card, or all): what · who · by when, in full."""
        t = self.theme
        meeting = self.view.meeting
        if meeting is None:
            return
        rows = [a for a in meeting.agreements if card_id is None or a.card_id == card_id]
        if not rows and card_id is None:
            self.text(col, tr("meeting.agreements.none"), 12.5, muted=True)
        for a in rows:
            row = QFrame()
            row.setObjectName(f"agreement-{a.id}")
            row.setStyleSheet(
                f"QFrame#agreement-{a.id} {{ background: {t.palette.lane.name()};"
                f" border-radius: {t.px(6)}px; }}"
            )
            line = QHBoxLayout(row)
            line.setContentsMargins(t.px(10), t.px(3), t.px(4), t.px(3))
            texts = QVBoxLayout()
            texts.setSpacing(0)
            texts.addWidget(
                label(a.what, t.font(12.5, bold=True), t.palette.text, name="agreement-what")
            )
            who = self.view.person_name(a.owner_id) or tr("meeting.agreement.nobody")
            when = short_date(a.deadline, self.view.today) if a.deadline else "—"
            texts.addWidget(label(f"{who}  ·  {when}", t.font(12), t.palette.muted))
            line.addLayout(texts, 1)
            if removable:
                remove = big_button("×", t, name=f"remove-agreement-{a.id}")
                remove.setFont(t.font(18, bold=True))
                remove.setToolTip(tr("meeting.agreement.remove"))
                remove.setAccessibleName(tr("meeting.agreement.remove"))
                remove.setFixedWidth(t.touch)
                remove.setStyleSheet(remove.styleSheet() + "QPushButton { padding: 0; }")
                remove.clicked.connect(bound(self.signals.agreement_removed.emit, a.id))
                line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            col.addWidget(row)

    def new_agreement_button(self, col: QVBoxLayout, card: Card | None) -> None:
        t = self.theme
        new = big_button(f"+ {tr('meeting.agreement.new')}", t, "primary", name="new-agreement")
        new.setFont(t.font(13.5, bold=True))
        compact(new, t)
        new.clicked.connect(lambda: self.signals.agreement_wanted.emit(card.id if card else None))
        col.addWidget(new)

    def extra(self, widget: QWidget) -> QWidget:
        """Something of the step's that stands on the step line."""
        self.extras.addWidget(widget)
        return widget

    # --- pages ---------------------------------------------------------------------------

    def length_chips(self, col: QVBoxLayout | QHBoxLayout, current: int) -> None:
        for m in self.view.state.format.durations:
            text = duration_text(m)
            chip = self.chip(
                text, f"duration-{m}", m == current, bound(self.signals.length_chosen.emit, m)
            )
            chip.setMinimumWidth(self.chip_width(text))
            col.addWidget(chip)

    def chip_width(self, text: str) -> int:
        """The width at which a chip's text shows in full (as ElidingButton measures)."""
        t = self.theme
        font = t.button_font
        return round(metrics(font).horizontalAdvance(text)) + t.px(8) * 2 + t.px(5) + 2

    def share(self, stretches: tuple[int, ...], index: int) -> int:
        """The width column ``index`` gets of the page (the columns share it by stretch)."""
        t = self.theme
        room = self.view.band_width() - self.beside
        room -= 2 * t.px(9) + self.body_row.spacing() * (len(stretches) - 1)
        return max(1, round(room * stretches[index] / sum(stretches)))

    def two_rows(self, col: QVBoxLayout, chips: list[ElidingButton], width: int) -> None:
        """Chips in two rows over ``width``; a chip too wide for one cell (a guest's name)
        takes two."""
        gap = self.theme.px(6)
        n = len(chips)
        layout: list[tuple[int, int, int]] = []
        cell = width
        for columns in range(max(1, -(-n // 2)), n + 1):
            cell = (width - gap * (columns - 1)) // columns
            spans = [1 if self.chip_width(c.full_text) <= cell else 2 for c in chips]
            layout, row, at = [], 0, 0
            for span in spans:
                span = min(span, columns)
                if at + span > columns:
                    row, at = row + 1, 0
                layout.append((row, at, span))
                at += span
            if row <= 1:
                break
        grid = QGridLayout()
        grid.setSpacing(gap)
        for chip, (row, at, span) in zip(chips, layout, strict=True):
            grid.addWidget(chip, row, at, 1, span)
        for column in range(max((at + span for _, at, span in layout), default=1)):
            grid.setColumnStretch(column, 1)
        col.addLayout(grid)
