"""The meeting panel docked under the board: countdown, agenda step, the walk, the end.

A band across the bottom keeps the board whole (Figur 11 at its full width: the Activities
rows keep their titles, owners and deadlines) and puts the meeting's buttons where every
hand reaches. Read from 3 m: the countdown is the largest thing on the wall, then the step
and its own timebox, and "Næste" / "Forrige" are the biggest buttons. Running over is shown
calmly (amber, a short sentence), never with sound or blinking.

The panel only draws; MeetingHost decides. A page is rebuilt when the step, the card
walked through, the meeting or the theme changes; the clock only relabels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from board.dates import example_date, short_date
from board.domain.entities import Card, Cycle, CycleStep, Person
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.card_painter import wrap
from board.ui.common.band_widgets import (
    ElidedLabel,
    WrapButton,
    band_field,
    clear_layout,
    elided,
    immediate_taps,
    label,
)
from board.ui.common.theme import LANE_ACCENT, Theme, metrics, person_colour
from board.ui.common.widgets import big_button, line_edit, scrollbar_style, scrolling
from board.ui.meeting.host import MeetingHost
from board.ui.meeting.meeting_agenda import DURATIONS, PROGRESS_AGENDA, StepKind
from board.ui.meeting.meeting_clock import mmss
from board.ui.meeting.send_minutes import PrivacyBox

CLOCK_BG = QColor("#23313F")  # the top bar's colour: the clock belongs to the wall
OVER_BG = QColor("#8A5300")  # calm amber once the meeting runs over
STEP_OVER_BG = QColor("#FCEFCB")
STEP_OVER_TEXT = QColor("#6B4500")
GO = QColor("#2E8B57")
PDSA = (CycleStep.PLAN, CycleStep.DO, CycleStep.STUDY, CycleStep.ACT)


# --------------------------------------------------------------------------- painted parts


T = TypeVar("T")


def _bound(action: Callable[[T], object], value: T) -> Callable[[bool], None]:
    """A chip's click handler: ``action(value)``, the value bound now (not at the click)."""

    def on(_checked: bool = False) -> None:
        action(value)

    return on


def _presence(action: Callable[[int, bool], object], person_id: int) -> Callable[[bool], None]:
    """A presence chip's handler: ``action(person_id, checked)``."""

    def on(checked: bool) -> None:
        action(person_id, checked)

    return on


class StepStrip(QWidget):
    """The agenda as thin segments: done, current, to come."""

    def __init__(self, theme: Theme, count: int) -> None:
        super().__init__()
        self.setObjectName("meeting-steps")
        self.theme = theme
        self.count = count
        self.current: int | None = None
        self.setFixedHeight(theme.px(7))

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = t.px(5)
        w = (self.width() - gap * (self.count - 1)) / self.count
        h = self.height()
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for i in range(self.count):
            rect = QRectF(i * (w + gap), 0, w, h).adjusted(0.5, 0.5, -0.5, -0.5)
            current = self.current == i
            done = self.current is not None and i < self.current
            fill = accent if current else QColor("#C9D8EE") if done else QColor("white")
            p.setPen(QPen(accent if current or done else t.palette.card_border, t.px(1)))
            p.setBrush(fill)
            p.drawRoundedRect(rect, h / 2, h / 2)
        p.end()


class CycleView(QWidget):
    """The learning cycle, large: Planlæg, Afprøv / Reflektér, Justér, in reading order
    (a clockwise circle read row by row would put Justér before Reflektér)."""

    def __init__(self, theme: Theme, cycle: Cycle) -> None:
        super().__init__()
        self.setObjectName("meeting-cycle")
        self.theme = theme
        self.cycle = cycle
        self.font_ = theme.font(12, bold=True)
        self.setMinimumHeight(round(2 * (metrics(self.font_).height() + theme.px(7))))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.theme.px(260), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.theme.px(160), self.minimumHeight())

    def cells(self) -> dict[CycleStep, QRectF]:
        """Where each step's chip is: two rows of two, read left to right, top to bottom."""
        gap = self.theme.px(6)
        w = (self.width() - gap) / 2
        h = (self.height() - gap) / 2
        return {
            step: QRectF((n % 2) * (w + gap), (n // 2) * (h + gap), w, h)
            for n, step in enumerate(PDSA)
        }

    def paintEvent(self, event: QPaintEvent) -> None:
        t = self.theme
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        cells = self.cells()
        step = self.cycle.step
        at = PDSA.index(step) if step in PDSA else len(PDSA)
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        p.setFont(self.font_)
        for n, kind in enumerate(PDSA):
            rect = cells[kind].adjusted(0.5, 0.5, -0.5, -0.5)
            current, done = n == at, n < at
            p.setPen(QPen(accent if current or done else t.palette.card_border, t.px(2)))
            p.setBrush(accent if current else QColor("#DCE7F8") if done else QColor("white"))
            p.drawRoundedRect(rect, t.radius, t.radius)
            p.setPen(QColor("white") if current else t.palette.text if done else t.palette.faint)
            text = f"{'✓ ' if done else ''}{tr(f'step.{kind.value}')}"
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.end()


class PersonBadge(QWidget):
    """Initials in the person's colour, as on the cards."""

    def __init__(self, theme: Theme, person: Person, size: int) -> None:
        super().__init__()
        self.person = person
        self.theme = theme
        self.setFixedSize(size, size)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(person_colour(self.person.id))
        p.drawEllipse(QRectF(self.rect()))
        p.setPen(QColor("white"))
        p.setFont(self.theme.font(12, bold=True))
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.person.initials)
        p.end()


class ElidingButton(QPushButton):
    """A chip whose text shortens with "…" to the width the layout gives it."""

    def __init__(self, text: str, theme: Theme, name: str) -> None:
        super().__init__(text)
        styled = big_button(text, theme, name=name, checkable=True)
        self.setObjectName(name)
        self.setCheckable(True)
        self.setMinimumHeight(theme.touch)
        self.setFont(styled.font())
        # Narrow side padding: on the wall a name must fit a quarter of the panel.
        pad = f"{theme.px(5)}px {theme.px(8)}px"
        self.setStyleSheet(styled.styleSheet() + f"QPushButton {{ padding: {pad}; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(text)
        self.setAccessibleName(text)
        styled.deleteLater()
        self.full_text = text
        self._padding = theme.px(8) * 2 + theme.px(5)
        # It may shrink (and shorten its text) below its full width: a long card title must
        # never widen the band, and with it the window, past the screen.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._padding + 20, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(elided(self.full_text, self.font(), self.width() - self._padding))


class LinesLabel(QLabel):
    """Text in at most ``lines`` lines, the last one shortened with "…" (a long card title
    must not push the page out of the band); the full text is its tooltip."""

    def __init__(self, text: str, font: QFont, colour: QColor | str, *, lines: int = 2) -> None:
        super().__init__(text)
        self.full_text = text
        self.lines = lines
        self.setFont(font)
        self.setToolTip(text)
        self.setAccessibleName(text)
        value = colour.name() if isinstance(colour, QColor) else colour
        self.setStyleSheet(f"color: {value}; background: transparent;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # As high as the label itself says ``lines`` lines need (its style's margins too).
        self.setText("\n".join(["Åg"] * lines))
        self.setFixedHeight(self.sizeHint().height())
        self.setText(text)

    def setStyleSheet(self, sheet: str) -> None:
        super().setStyleSheet(sheet)
        shown = self.text()
        self.setText("\n".join(["Åg"] * self.lines))
        self.setFixedHeight(self.sizeHint().height())
        self.setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.contentsRect().width() - self.margin() * 2 - self.indent_px()
        shown = "\n".join(wrap(self.full_text, self.font(), max(20, room), self.lines))
        if shown != self.text():
            self.setText(shown)

    def indent_px(self) -> int:
        return 0


def compact(button: QPushButton, theme: Theme) -> None:
    """Narrower side padding: the band shares its width among several columns."""
    button.setStyleSheet(
        button.styleSheet() + f"QPushButton {{ padding: {theme.px(4)}px {theme.px(8)}px; }}"
    )


def short_names(people: list[Person]) -> dict[int, str]:
    """First names where they are unique on the team (as a team says them), else more."""
    firsts: dict[str, int] = {}
    for person in people:
        parts = person.name.split()
        first = parts[0] if parts else person.name
        firsts[first] = firsts.get(first, 0) + 1
    names: dict[int, str] = {}
    for person in people:
        parts = person.name.split()
        if parts and firsts[parts[0]] == 1:
            names[person.id] = parts[0]
        elif len(parts) > 1:
            names[person.id] = f"{parts[0]} {parts[-1][0]}."
        else:
            names[person.id] = person.name
    return names


# --------------------------------------------------------------------------- the panel


class MeetingPanel(QFrame):
    """A low band under the board: one line for the clock's note, the step and its extras,
    one for the step's page (two rows of big buttons high), the clock and the navigation
    beside both. The board above keeps its full width and about four fifths of its height."""

    def __init__(self, controller: MeetingHost, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("meeting-panel")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.c = controller
        self.theme = theme
        self.columns: list[QVBoxLayout] = []
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.build()

    # --- frame ---------------------------------------------------------------------------

    def build(self) -> None:
        """(Re)create every widget for the current theme and state."""
        scroll = getattr(self, "send_scroll", None)
        if scroll is not None and isValid(scroll) and scroll.widget() is self.c.send_view:
            scroll.takeWidget()
        self.send_scroll: QScrollArea | None = None
        clear_layout(self._outer, keep=self.c.send_view)
        t = self.theme
        self.setStyleSheet(
            f"QFrame#meeting-panel {{ background: white; border: none;"
            f" border-top: {t.px(1.5)}px solid {t.palette.lane_border.name()}; }}"
        )
        # Left: the clock, dark like the top bar and the biggest type on the wall.
        self.clock_box = QFrame()
        self.clock_box.setObjectName("meeting-clock")
        self.clock_box.setFixedWidth(t.px(140))
        clock = QVBoxLayout(self.clock_box)
        clock.setContentsMargins(t.px(10), t.px(1), t.px(6), t.px(4))
        clock.setSpacing(0)
        self.countdown = label(
            "", t.font(38, bold=True), "white", wrap=False, name="meeting-countdown"
        )
        clock.addWidget(self.countdown)
        self.clock_note = label("", t.font(11.5), "#DDE4EB", name="meeting-clock-note")
        clock.addWidget(self.clock_note)
        clock.addStretch(1)
        # The top bar gives way to the band during the meeting: its undo and redo come along.
        window = self.c.window
        undo_row = QHBoxLayout()
        undo_row.setSpacing(t.px(6))
        self.undo_button = big_button("↶", t, "bar", name="meeting-undo")
        self.undo_button.clicked.connect(window.undo)
        self.redo_button = big_button("↷", t, "bar", name="meeting-redo")
        self.redo_button.clicked.connect(window.redo)
        # A little smaller than the band's other targets (still about 30 mm on the wall): the
        # countdown and a two-line note come first in this column.
        side = round(t.touch * 0.8)
        for button, key in ((self.undo_button, "ui.undo"), (self.redo_button, "ui.redo")):
            button.setFont(t.font(16, bold=True))
            button.setFixedSize(side, side)
            button.setStyleSheet(button.styleSheet() + "QPushButton { padding: 0; }")
            button.setAccessibleName(tr(key))
            button.setToolTip(tr(key))
            undo_row.addWidget(button)
        undo_row.addStretch(1)
        clock.addLayout(undo_row)
        self._outer.addWidget(self.clock_box)
        # Middle: one line with the agenda step and its own timebox, then the step's page.
        middle = QVBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(0)
        self.step_box = QFrame()
        self.step_box.setObjectName("meeting-step")
        # Its texts never widen the band (and the window) past the screen.
        self.step_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        step = QHBoxLayout(self.step_box)
        step.setContentsMargins(t.px(12), t.px(2), t.px(8), t.px(2))
        step.setSpacing(t.px(9))
        self.strip = StepStrip(t, len(PROGRESS_AGENDA))
        self.strip.setFixedWidth(t.px(56))
        step.addWidget(self.strip, 0, Qt.AlignmentFlag.AlignVCenter)
        self.step_title = label(
            "", t.font(15, bold=True), t.palette.text, wrap=False, name="meeting-step-title"
        )
        step.addWidget(self.step_title)
        self.step_time = label(
            "", t.font(12.5, bold=True), t.palette.muted, wrap=False, name="meeting-step-time"
        )
        step.addWidget(self.step_time)
        # What belongs to the step but not to its page (the facilitator, the guests…).
        self.extras = QHBoxLayout()
        self.extras.setSpacing(t.px(8))
        step.addLayout(self.extras, 1)
        # Skjul: the board alone, with its top bar; the top bar's "Møde" brings the band back.
        self.hide_button = big_button("▾", t, name="meeting-hide")
        self.hide_button.setFont(t.font(17, bold=True))
        self.hide_button.setFixedWidth(t.touch)
        self.hide_button.setStyleSheet(
            self.hide_button.styleSheet() + "QPushButton { padding: 0; }"
        )
        self.hide_button.setAccessibleName(tr("meeting.panel.hide"))
        self.hide_button.setToolTip(tr("meeting.panel.hide"))
        self.hide_button.clicked.connect(self.c.hide_panel)
        step.addWidget(self.hide_button)
        middle.addWidget(self.step_box)
        self.body = QWidget()
        self.body.setObjectName("meeting-page")
        self.body_row = QHBoxLayout(self.body)
        self.body_row.setContentsMargins(t.px(9), t.px(2), t.px(9), t.px(2))
        self.body_row.setSpacing(t.px(8))
        middle.addWidget(self.body, 1)
        self._outer.addLayout(middle, 1)
        # Næste over Forrige: the two biggest buttons, at the right hand.
        self.nav = QFrame()
        self.nav.setObjectName("meeting-nav")
        self.nav.setFixedWidth(t.px(124))
        nav = QVBoxLayout(self.nav)
        nav.setContentsMargins(t.px(6), t.px(6), t.px(8), t.px(6))
        nav.setSpacing(t.px(6))
        self.next_button = big_button(
            f"{tr('meeting.nav.next')} ▶", t, "primary", name="meeting-next"
        )
        self.prev_button = big_button(f"◀ {tr('meeting.nav.previous')}", t, name="meeting-previous")
        for button in (self.next_button, self.prev_button):
            button.setFont(t.font(14.5, bold=True))
            button.setStyleSheet(
                button.styleSheet() + f"QPushButton {{ padding: {t.px(4)}px {t.px(8)}px; }}"
            )
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.next_button.clicked.connect(self.c.next)
        self.prev_button.clicked.connect(self.c.previous)
        # After the meeting: done with it (the minutes stay in the folder and in "Møder").
        self.close_button = WrapButton(
            tr("meeting.minutes.close"), t, name="meeting-close", size=14
        )
        self.close_button.clicked.connect(self.c.close_minutes)
        nav.addWidget(self.next_button, 3)
        nav.addWidget(self.prev_button, 2)
        nav.addWidget(self.close_button)
        nav.addStretch(1)
        self._outer.addWidget(self.nav)
        self.rebuild()
        self.refresh_undo()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        # The band stands in for the top bar (clock, undo, redo, hide): the board gets the
        # height back. Hidden, the top bar's "Møde" brings the meeting back.
        window = self.c.window
        if not window.photo:
            window.top.setVisible(not visible)

    def refresh_undo(self) -> None:
        stack = self.c.window.ops.undo_stack
        if not isValid(stack) or not isValid(self.undo_button):
            return
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(stack.undoText() or tr("ui.undo"))
        self.redo_button.setToolTip(stack.redoText() or tr("ui.redo"))

    @staticmethod
    def page_height(theme: Theme) -> int:
        """The page under the step line: two rows of big buttons."""
        return 2 * theme.touch + theme.px(6)

    @classmethod
    def height_for(cls, theme: Theme, roomy: bool = False) -> int:
        """The band: the step line and the page. After the meeting (minutes and sending)
        and under a CPR warning the band takes more of the wall; the board is not the point
        then."""
        step_line = theme.touch + theme.px(4)
        band = step_line + cls.page_height(theme) + theme.px(4) + theme.px(1.5)
        return max(theme.px(234), band) if roomy else band

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.build()

    # --- what is shown -------------------------------------------------------------------

    def rebuild(self) -> None:
        """Build the page for the controller's state (ready, a step, the minutes)."""
        c = self.c
        focus = QApplication.focusWidget()
        if focus is not None and self.body.isAncestorOf(focus):
            # Keep focus here, or Qt hands it to the next field as the page goes, and that
            # field's "editing finished" would act on the next tap.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = getattr(self, "send_scroll", None)
        if scroll is not None and isValid(scroll) and scroll.widget() is c.send_view:
            scroll.takeWidget()  # the sending view outlives the page it stands on
        self.send_scroll = None
        clear_layout(self.body_row, keep=c.send_view)
        self.columns = []
        self.next_date: QLineEdit | None = None
        clear_layout(self.extras)
        # After the meeting, and while a CPR warning is shown, the panel takes more room.
        self.setFixedHeight(self.height_for(self.theme, c.phase == "ended" or bool(c.privacy_hits)))
        phase = c.phase
        running = phase == "running"
        self.next_button.setVisible(running)
        self.prev_button.setVisible(running)
        self.close_button.setVisible(phase == "ended" and c.files is not None)
        self.strip.setVisible(phase in ("ready", "running"))
        self.strip.current = c.step if running else None
        self.strip.update()
        if phase == "ready":
            self.step_title.setText(tr("meeting.ready.title"))
            self._ready_page()
        elif running:
            title = f"{c.step + 1} · {tr(PROGRESS_AGENDA[c.step].title_key)}"
            if c.step_kind is StepKind.ACTIVITIES and c.walk:
                where = tr("meeting.walk.position", number=c.walk_index + 1, count=len(c.walk))
                title = f"{title}  ({where})"
            self.step_title.setText(title)
            self.step_title.setToolTip(tr(PROGRESS_AGENDA[c.step].prompt_key))
            {
                StepKind.ATTENDANCE: self._attendance_page,
                StepKind.ACTIVITIES: self._activity_page,
                StepKind.IDEAS: self._ideas_page,
                StepKind.CLOSE: self._close_page,
            }[c.step_kind]()
            self.prev_button.setEnabled(c.can_go_back())
            self.next_button.setEnabled(c.can_go_on())
        else:
            self.step_title.setText(tr("meeting.minutes.title"))
            self._minutes_page()
        for column in self.columns:
            column.addStretch(1)
        self.extras.addStretch(1)
        self.update_clock()

    def sync_next(self) -> None:
        """The next meeting's chips and date field, after a tap or a typed date."""
        c = self.c
        for chip in self.body.findChildren(QPushButton):
            if chip.objectName().startswith("next-") and not chip.isHidden():
                chip.setChecked(chip.objectName() == f"next-{c.next_in_days()}")
        field = self.next_date
        if field is not None and not field.hasFocus():
            field.setText(c.next_meeting_text())

    def update_clock(self) -> None:
        c = self.c
        clock = c.clock
        over = False
        if c.phase == "running":
            left = clock.remaining_s()
            over = left < 0
            self.countdown.setText(mmss(left))
            self.clock_note.setText(
                tr("meeting.clock.over", time=mmss(-left))
                if over
                else tr("meeting.clock.left", minutes=clock.planned_s // 60)
            )
            box_over = clock.step_over
            step_left = clock.step_remaining_s()
            self.step_time.setText(
                tr("meeting.step.over", time=mmss(-step_left))
                if box_over
                else tr(
                    "meeting.step.left",
                    time=mmss(step_left),
                    minutes=max(1, round(clock.step_box_s / 60)),
                )
            )
            self._step_colours(box_over)
        elif c.phase == "ready":
            self.countdown.setText(mmss(c.planned_minutes * 60))
            self.clock_note.setText(tr("meeting.clock.not_started"))
            self.step_time.setText("")
            self._step_colours(False)
        else:
            self.countdown.setText(mmss(c.meeting_length_s()).lstrip("+"))
            self.clock_note.setText(tr("meeting.clock.ended"))
            self.step_time.setText("")
            self._step_colours(False)
        bg = OVER_BG if over else CLOCK_BG
        style = f"QFrame#meeting-clock {{ background: {bg.name()}; }}"
        if self.clock_box.styleSheet() != style:  # restyling every tick would be wasted work
            self.clock_box.setStyleSheet(style)
        self._fit_countdown()
        self.countdown.setAccessibleName(self.countdown.text())

    def _fit_countdown(self) -> None:
        """mm:ss as large as the clock's box takes it ("+12:30" a little smaller than
        "14:58"), never cut off."""
        t = self.theme
        room = self.clock_box.width() - t.px(16)
        for size in (38, 34, 30, 26):
            font = t.font(size, bold=True)
            if metrics(font).horizontalAdvance(self.countdown.text()) <= room:
                break
        if self.countdown.font().pixelSize() != font.pixelSize():
            self.countdown.setFont(font)

    def _step_colours(self, over: bool) -> None:
        t = self.theme
        bg = STEP_OVER_BG.name() if over else t.palette.lane.name()
        edge = "#E8930C" if over else t.palette.lane_border.name()
        style = (
            f"QFrame#meeting-step {{ background: {bg}; border: none;"
            f" border-left: {t.px(6)}px solid {edge}; }}"
        )
        if self.step_box.styleSheet() != style:
            self.step_box.setStyleSheet(style)
            colour = STEP_OVER_TEXT if over else t.palette.muted
            self.step_time.setStyleSheet(f"color: {colour.name()}; background: transparent;")

    # --- pieces --------------------------------------------------------------------------

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

    def prompt(self, col: QVBoxLayout, key: str) -> None:
        t = self.theme
        widget = label(tr(key), t.font(12), t.palette.muted, name="meeting-prompt")
        widget.setStyleSheet(
            f"color: {t.palette.muted.name()}; background: {t.palette.lane.name()};"
            f" border-left: {t.px(4)}px solid {LANE_ACCENT[Lane.ACTIVITIES].name()};"
            f" padding: {t.px(5)}px {t.px(8)}px;"
        )
        col.addWidget(widget)

    def grid(self, col: QVBoxLayout, buttons: list[QPushButton], columns: int = 2) -> None:
        grid = QGridLayout()
        grid.setSpacing(self.theme.px(6))
        for n, button in enumerate(buttons):
            grid.addWidget(button, n // columns, n % columns)
        col.addLayout(grid)

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

    def agreements(
        self, col: QVBoxLayout, card_id: int | None = None, removable: bool = False
    ) -> None:
        """The agreements so far (of one card, or all): what · who · by when, in full."""
        t = self.theme
        meeting = self.c.meeting
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
            who = self.c.person_name(a.owner_id) or tr("meeting.agreement.nobody")
            when = short_date(a.deadline, self.c.today) if a.deadline else "—"
            texts.addWidget(label(f"{who}  ·  {when}", t.font(12), t.palette.muted))
            line.addLayout(texts, 1)
            if removable:
                remove = big_button("×", t, name=f"remove-agreement-{a.id}")
                remove.setFont(t.font(18, bold=True))
                remove.setToolTip(tr("meeting.agreement.remove"))
                remove.setAccessibleName(tr("meeting.agreement.remove"))
                remove.setFixedWidth(t.touch)
                remove.setStyleSheet(remove.styleSheet() + "QPushButton { padding: 0; }")
                remove.clicked.connect(lambda _=False, i=a.id: self.c.remove_agreement(i))
                line.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            col.addWidget(row)

    def new_agreement_button(self, col: QVBoxLayout, card: Card | None) -> None:
        t, c = self.theme, self.c
        new = big_button(f"+ {tr('meeting.agreement.new')}", t, "primary", name="new-agreement")
        new.setFont(t.font(13.5, bold=True))
        compact(new, t)
        new.clicked.connect(lambda: c.new_agreement(card.id if card else None))
        col.addWidget(new)

    def extra(self, widget: QWidget) -> QWidget:
        """Something of the step's that stands on the step line."""
        self.extras.addWidget(widget)
        return widget

    # --- pages ---------------------------------------------------------------------------

    def _length_chips(self, col: QVBoxLayout | QHBoxLayout, current: int) -> None:
        for m in DURATIONS:
            chip = self.chip(
                tr("meeting.minutes_n", minutes=m),
                f"duration-{m}",
                m == current,
                _bound(self.c.choose_length, m),
            )
            chip.setMinimumWidth(self.chip_width(tr("meeting.minutes_n", minutes=m)))
            col.addWidget(chip)

    def chip_width(self, text: str) -> int:
        """The width at which a chip's text shows in full (as ElidingButton measures)."""
        t = self.theme
        font = t.button_font
        return round(metrics(font).horizontalAdvance(text)) + t.px(8) * 2 + t.px(5) + 2

    def _ready_page(self) -> None:
        t, c = self.theme, self.c
        history = big_button(tr("meeting.history.open"), t, name="meeting-ready-history")
        compact(history, t)
        history.clicked.connect(c.show_history)
        self.extra(history)
        left, middle = self.column(7), self.column(4)
        self.prompt(left, "meeting.ready.prompt")
        self.text(middle, tr("meeting.ready.length"), 13, bold=True)
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        self._length_chips(row, c.planned_minutes)
        middle.addLayout(row)
        start = WrapButton(
            f"▶  {tr('meeting.ready.start')}", t, name="meeting-start", accent=GO, size=15
        )
        start.setMinimumHeight(self.page_height(t) - t.px(6))
        start.clicked.connect(c.start)
        self.column(3).addWidget(start)

    def _attendance_page(self) -> None:
        t, c = self.theme, self.c
        meeting = c.meeting
        assert meeting is not None
        present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
        team = [p for p in c.team(include_archived=True) if not p.archived or p.id in present]
        names = short_names(team)
        # On the step line: who leads, and how long.
        if meeting.facilitator_id is not None:
            chosen = names.get(meeting.facilitator_id) or c.person_name(meeting.facilitator_id)
            text = f"{tr('meeting.facilitator')}: {chosen}  ▾"
        else:
            text = f"{tr('meeting.facilitator.choose')}  ▾"
        facilitator = ElidingButton(text, t, "choose-facilitator")
        facilitator.setCheckable(False)
        facilitator.setMinimumWidth(self.chip_width(text))
        facilitator.clicked.connect(c.choose_facilitator)
        self.extra(facilitator)
        # The page: everyone on the team as a chip (tap: here), the guests, a guest's name.
        chips: list[ElidingButton] = []
        for p in team:
            chip = self.chip(
                names[p.id],
                f"present-{p.id}",
                p.id in present,
                _presence(c.set_present, p.id),
            )
            chip.setToolTip(p.name)
            chips.append(chip)
        guests = [a.guest_name for a in meeting.attendance if a.person_id is None]
        for n, guest in enumerate(guests):
            chip = self.chip(guest, f"guest-{n}", True, _bound(lambda _value: None, None))
            chip.setEnabled(False)  # here by being added
            chips.append(chip)
        stretches = (62, 13, 25)
        left = self.column(stretches[0])
        self.two_rows(left, chips, self.share(stretches, 0))
        middle = self.column(stretches[1])
        self._length_chips(middle, meeting.planned_minutes)
        right = self.column(stretches[2])
        self.guest = band_field(
            line_edit(t, tr("meeting.attendance.guest_placeholder"), name="guest-name"), t
        )
        self.guest.returnPressed.connect(self._add_guest)
        add = big_button(tr("meeting.attendance.add_guest"), t, name="add-guest")
        add.clicked.connect(self._add_guest)
        right.addWidget(self.guest)
        right.addWidget(add)

    def share(self, stretches: tuple[int, ...], index: int) -> int:
        """The width column ``index`` gets of the page (the columns share it by stretch)."""
        t = self.theme
        room = self.c.window.width() - self.clock_box.width() - self.nav.width()
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

    def _add_guest(self) -> None:
        name = self.guest.text().strip()
        if name and self.c.add_guest(name):
            self.guest.clear()

    def _activity_page(self) -> None:
        """The test talked about (ringed on the board, whose row shows its learning cycle):
        its title and owner, "Ny aftale" and "Åbn kortet", and its agreements."""
        t, c = self.theme, self.c
        card = c.walk_card
        if card is None:
            left = self.column(3)
            self.prompt(left, "meeting.step.activities.prompt")
            self.text(left, tr("meeting.walk.none"), 13, muted=True)
            self.new_agreement_button(self.column(1), None)
            return
        left = self.column(38)
        title = LinesLabel(card.title, t.font(12.5, bold=True), t.palette.text, lines=3)
        title.setObjectName("meeting-card-title")
        title.setStyleSheet(
            f"color: {t.palette.text.name()}; background: transparent;"
            f" border-left: {t.px(6)}px solid {LANE_ACCENT[card.lane].name()};"
            f" padding-left: {t.px(8)}px;"
        )
        left.addWidget(title)
        self._owner_column(self.column(15), card)
        buttons = self.column(20)
        self.new_agreement_button(buttons, card)
        open_card = big_button(tr("meeting.walk.open_card"), t, name="meeting-open-card")
        compact(open_card, t)
        open_card.clicked.connect(lambda: c.window.open_card(card.id))
        buttons.addWidget(open_card)
        right = self.list_column(27)
        cycle = c.store.cycle(card.id)
        # Where the test stands (its row on the board says the same), over its agreements.
        if card.lane is not Lane.ACTIVITIES:
            state = tr("meeting.walk.moved", lane=tr(card.lane.label_key))
            self.text(right, state, 12, muted=True, name="meeting-card-moved")
        elif cycle is None or cycle.step is CycleStep.CLOSED:
            self.text(right, tr("meeting.walk.no_cycle"), 12, muted=True, name="meeting-cycle-none")
        else:
            state = tr("ui.cycle.state", number=cycle.number, step=tr(f"step.{cycle.step.value}"))
            state_label = self.text(right, state, 12, bold=True, name="meeting-cycle-title")
            state_label.setStyleSheet(
                f"color: {LANE_ACCENT[Lane.ACTIVITIES].darker(120).name()};"
                " background: transparent;"
            )
        self.agreements(right, card.id)
        if cycle is not None and cycle.act_next_step.strip():
            next_step = f"{tr('field.act_next_step')}: {_short(cycle.act_next_step, 160)}"
            self.text(right, next_step, 12, name="meeting-next-step")

    def _owner_column(self, col: QVBoxLayout, card: Card) -> None:
        """Who owns the test and by when: the badge and the deadline, the name under them."""
        t, c = self.theme, self.c
        row = QHBoxLayout()
        row.setSpacing(t.px(5))
        owner = c.store.person(card.owner_id)
        if owner is not None:
            row.addWidget(PersonBadge(t, owner, t.px(20)))
        if card.deadline is not None:
            late = card.is_overdue(c.today)
            when = short_date(card.deadline, c.today)
            colour = t.palette.overdue if late else t.palette.text
            row.addWidget(
                label(
                    f"{'⚠ ' if late else ''}{when}",
                    t.font(12.5, bold=True),
                    colour,
                    wrap=False,
                    name="meeting-card-deadline",
                )
            )
        row.addStretch(1)
        col.addLayout(row)
        if owner is not None:
            self.text(col, owner.name, 12.5, bold=True, name="meeting-card-owner")
        else:
            self.text(col, tr("meeting.walk.no_owner"), 12, muted=True, name="meeting-card-owner")

    def _ideas_page(self) -> None:
        """The first prioritised ideas and new ideas as chips in their lane's colour: a tap
        rings the card on the board; then "Ny aftale" and the agreements so far."""
        t, c = self.theme, self.c
        pointed = c.window.board.highlighted
        stretches = (50, 20, 30)
        chips: list[ElidingButton] = []
        for lane in (Lane.PRIORITISED, Lane.IDEAS):
            for card in c.store.lane_cards(lane)[:2]:
                button = self.chip(
                    card.title,
                    f"idea-{card.id}",
                    pointed == card.id,
                    _bound(c.point_at, card.id),
                )
                button.setStyleSheet(
                    button.styleSheet() + "QPushButton { text-align: left;"
                    f" border-left: {t.px(6)}px solid {LANE_ACCENT[lane].name()}; }}"
                )
                button.setToolTip(f"{tr(lane.label_key)}: {card.title}")
                chips.append(button)
        left = self.column(stretches[0])
        grid = QGridLayout()
        grid.setSpacing(t.px(6))
        for n, chip in enumerate(chips):
            grid.addWidget(chip, n // 2, n % 2)
        left.addLayout(grid)
        middle = self.column(stretches[1])
        self.new_agreement_button(middle, c.store.card(pointed) if pointed is not None else None)
        count = len(c.meeting.agreements) if c.meeting else 0
        self.extra(
            label(
                tr("meeting.agreements.title", count=count),
                t.font(13, bold=True),
                t.palette.text,
                wrap=False,
            )
        )
        self.agreements(self.list_column(stretches[2]))

    def _close_page(self) -> None:
        t, c = self.theme, self.c
        meeting = c.meeting
        if c.privacy_hits:
            box = PrivacyBox(
                t,
                c.privacy_hits,
                confirm_text=tr("meeting.privacy.end_anyway"),
                on_fix=c.clear_privacy,
                on_confirm=lambda: c.end(confirmed=True),
                on_open_card=c.open_card_number,
                note=tr("meeting.privacy.fix_now"),
            )
            self.column(1).addWidget(box)
            return
        count = len(meeting.agreements) if meeting else 0
        heading = label(
            tr("meeting.agreements.title", count=count),
            t.font(13, bold=True),
            t.palette.text,
            wrap=False,
        )
        self.extra(heading)
        self.extras.addStretch(1)
        self.agreements(self.list_column(32), removable=True)
        middle = self.column(44)
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        for key, days in (
            ("meeting.next.week", 7),
            ("meeting.next.two_weeks", 14),
            ("meeting.next.three_weeks", 21),
        ):
            chip = self.chip(
                tr(key),
                f"next-{days}",
                c.next_in_days() == days,
                _bound(c.set_next_in, days),
            )
            row.addWidget(chip)
        middle.addLayout(row)
        when = QHBoxLayout()
        when.setSpacing(t.px(8))
        when.addWidget(
            label(tr("meeting.next.title"), t.font(13, bold=True), t.palette.text, wrap=False)
        )
        self.next_date = band_field(
            line_edit(
                t, tr("ui.deadline.placeholder", example=example_date()), name="next-meeting"
            ),
            t,
        )
        self.next_date.setText(c.next_meeting_text())
        self.next_date.setToolTip(tr("meeting.next.hint"))
        field = self.next_date
        field.editingFinished.connect(lambda: c.set_next_text(field.text()))
        when.addWidget(self.next_date, 1)
        middle.addLayout(when)
        right = self.column(24)
        end = WrapButton(tr("meeting.end"), t, name="meeting-end", accent=GO, size=14)
        end.setMinimumHeight(self.page_height(t) - t.px(12))
        end.clicked.connect(lambda: c.end(confirmed=False))
        right.addWidget(end)

    def _minutes_page(self) -> None:
        t, c = self.theme, self.c
        left = self.column(3)
        if c.files is None:
            state = c.minutes_error or tr("meeting.minutes.making")
            self.text(left, state, 14, bold=c.minutes_error is None, name="meeting-minutes-state")
            if c.minutes_error:
                again = big_button(tr("meeting.minutes.retry"), t, "primary", name="minutes-retry")
                again.clicked.connect(c.make_minutes)
                left.addWidget(again)
            self.column(5)
            return
        self.text(
            left, f"✓  {tr('meeting.minutes.saved')}", 13.5, bold=True, name="meeting-minutes-state"
        )
        folder = ElidedLabel(
            str(c.files.pdf_path.parent),
            t.font(11.5),
            t.palette.muted,
            name="meeting-minutes-folder",
            mode=Qt.TextElideMode.ElideMiddle,
        )
        left.addWidget(folder)
        files = c.files
        open_pdf = big_button(tr("meeting.minutes.open"), t, name="minutes-open")
        open_pdf.clicked.connect(lambda: c.open_path(files.pdf_path))
        open_folder = big_button(tr("meeting.minutes.folder"), t, name="minutes-folder")
        open_folder.clicked.connect(lambda: c.open_path(files.pdf_path.parent))
        left.addWidget(open_pdf)
        left.addWidget(open_folder)
        if c.send_view is not None:
            # A long list of those absent scrolls; the view outlives the page (see rebuild).
            self.send_scroll = QScrollArea()
            self.send_scroll.setWidgetResizable(True)
            self.send_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            self.send_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.send_scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.send_scroll.setStyleSheet("QScrollArea { background: white; border: none; }")
            self.send_scroll.viewport().setStyleSheet("background: white;")
            self.send_scroll.verticalScrollBar().setStyleSheet(scrollbar_style(t))
            immediate_taps(self.send_scroll)
            self.send_scroll.setWidget(c.send_view)
            self.body_row.addWidget(self.send_scroll, 7)
            c.send_view.show()


def _short(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
