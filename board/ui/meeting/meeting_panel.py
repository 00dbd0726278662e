"""The meeting panel docked under the board: countdown, agenda step, the walk, the end.

A band across the bottom keeps the board whole (Figur 11 at its full width: the Activities
rows keep their titles, owners and deadlines) and puts the meeting's buttons where every
hand reaches. Read from 3 m: the countdown is the largest thing on the wall, then the step
and its own timebox, and "Næste" / "Forrige" are the biggest buttons. Running over is shown
calmly (amber, a short sentence), never with sound or blinking.

The panel only draws what MeetingView says and emits BandSignals; MeetingController
decides. Its page (meeting_pages) is made again when the step, the card walked through,
the meeting or the theme changes; the clock only relabels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from board.i18n import tr
from board.meeting_formats import format_text
from board.ui.common.band_widgets import WrapButton, clear_layout, label
from board.ui.common.theme import Theme, metrics
from board.ui.common.widgets import big_button
from board.ui.meeting.band_signals import BandSignals
from board.ui.meeting.host import MeetingView
from board.ui.meeting.meeting_agenda import ACTIVITIES, OWN_PAGES
from board.ui.meeting.meeting_clock import mmss, step_time_text
from board.ui.meeting.meeting_pages import StepPages
from board.ui.meeting.meeting_state import Phase
from board.ui.meeting.meeting_widgets import StepStrip
from board.ui.meeting.page_parts import page_height

CLOCK_BG = QColor("#23313F")  # the top bar's colour: the clock belongs to the wall
OVER_BG = QColor("#8A5300")  # calm amber once the meeting runs over
STEP_OVER_BG = QColor("#FCEFCB")
STEP_OVER_TEXT = QColor("#6B4500")
CHART_EXTRA = 30  # the band's extra height for a goal's chart, in the theme's px


class MeetingPanel(QFrame):
    """A low band under the board: one line for the clock's note, the step and its extras,
    one for the step's page (two rows of big buttons high), the clock and the navigation
    beside both. The board above keeps its full width and about four fifths of its height."""

    def __init__(self, view: MeetingView, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("meeting-panel")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.view = view
        self.theme = theme
        self.signals = BandSignals(self)
        self.page: StepPages | None = None
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self.build()

    # --- frame ---------------------------------------------------------------------------

    def build(self) -> None:
        """(Re)create every widget for the current theme and state."""
        self._keep_send_view()
        clear_layout(self._outer, keep=self.view.send_view)
        t = self.theme
        self.setStyleSheet(
            f"QFrame#meeting-panel {{ background: white; border: none;"
            f" border-top: {t.px(1.5)}px solid {t.palette.lane_border.name()}; }}"
        )
        self._outer.addWidget(self._clock_column(t))
        self._outer.addLayout(self._step_column(t), 1)
        self._outer.addWidget(self._nav_column(t))
        self.rebuild()
        self.refresh_undo()

    def _clock_column(self, t: Theme) -> QFrame:
        """Left: the clock, dark like the top bar and the biggest type on the wall."""
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
        # The meeting's format ("Teamsparring"): which guide the steps come from.
        self.format_name = label("", t.font(11.5, bold=True), "white", name="meeting-format")
        clock.addWidget(self.format_name)
        clock.addStretch(1)
        # The top bar gives way to the band during the meeting: its undo and redo come along.
        undo_row = QHBoxLayout()
        undo_row.setSpacing(t.px(6))
        self.undo_button = big_button("↶", t, "bar", name="meeting-undo")
        self.undo_button.clicked.connect(self.signals.undo.emit)
        self.redo_button = big_button("↷", t, "bar", name="meeting-redo")
        self.redo_button.clicked.connect(self.signals.redo.emit)
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
        # A step's notes and quick outputs take a column of the page only when asked for:
        # the step's questions keep the band's width (step_outputs, meeting_outputs).
        self.notes_button = big_button(
            tr("meeting.outputs.toggle"), t, "bar", name="step-outputs-toggle", checkable=True
        )
        self.notes_button.setFixedHeight(side)
        self.notes_button.setStyleSheet(
            self.notes_button.styleSheet()
            + f"QPushButton {{ padding: 0 {t.px(8)}px; }}"
            + f"QPushButton:checked {{ background: white; color: {t.palette.bar.name()}; }}"
        )
        self.notes_button.clicked.connect(lambda shown: self.view.outputs.toggle(shown))
        clock.addWidget(self.notes_button, 0, Qt.AlignmentFlag.AlignLeft)
        undo_row.addStretch(1)
        clock.addLayout(undo_row)
        return self.clock_box

    def _step_column(self, t: Theme) -> QVBoxLayout:
        """Middle: one line with the agenda step and its own timebox, then the step's page."""
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
        self.strip = StepStrip(t, len(self.view.state.agenda))
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
        self.hide_button.clicked.connect(self.signals.hide.emit)
        step.addWidget(self.hide_button)
        middle.addWidget(self.step_box)
        self.body = QWidget()
        self.body.setObjectName("meeting-page")
        self.body_row = QHBoxLayout(self.body)
        self.body_row.setContentsMargins(t.px(9), t.px(2), t.px(9), t.px(2))
        self.body_row.setSpacing(t.px(8))
        middle.addWidget(self.body, 1)
        return middle

    def _nav_column(self, t: Theme) -> QFrame:
        """Right: Næste over Forrige, the two biggest buttons, at the right hand."""
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
        self.next_button.clicked.connect(self.signals.go_on.emit)
        self.prev_button.clicked.connect(self.signals.go_back.emit)
        # After the meeting: done with it (the minutes stay in the folder and in "Møder").
        self.close_button = WrapButton(
            tr("meeting.minutes.close"), t, name="meeting-close", size=14
        )
        self.close_button.clicked.connect(self.signals.minutes_closed.emit)
        # A meeting led from another screen: no Næste here, the lead offered instead.
        self.led_elsewhere = label(
            tr("meeting.remote.led_elsewhere"), t.font(11.5), t.palette.muted, name="meeting-led"
        )
        self.take_button = WrapButton(
            tr("meeting.remote.take_over"), t, "secondary", name="meeting-take-over", size=13
        )
        self.take_button.clicked.connect(self.signals.take_over.emit)
        nav.addWidget(self.next_button, 3)
        nav.addWidget(self.prev_button, 2)
        nav.addWidget(self.close_button)
        nav.addWidget(self.led_elsewhere)
        nav.addWidget(self.take_button, 2)
        nav.addStretch(1)
        return self.nav

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        # The band stands in for the top bar (clock, undo, redo, hide): the board gets the
        # height back. Hidden, the top bar's "Møde" brings the meeting back.
        self.signals.shown.emit(visible)

    def refresh_undo(self) -> None:
        stack = self.view.undo_stack
        if not isValid(stack) or not isValid(self.undo_button):
            return
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(stack.undoText() or tr("ui.undo"))
        self.redo_button.setToolTip(stack.redoText() or tr("ui.redo"))

    @classmethod
    def height_for(cls, theme: Theme, roomy: bool = False, *, chart: bool = False) -> int:
        """The band: the step line and the page. After the meeting (minutes and sending)
        and under a CPR warning the band takes more of the wall; the board is not the point
        then."""
        step_line = theme.touch + theme.px(4)
        band = step_line + page_height(theme) + theme.px(4) + theme.px(1.5)
        if roomy:
            return max(theme.px(234), band)
        # A goal's chart while a test is walked through: a little taller, the board stays a
        # board (most of its cards in sight, tests/meeting_ui/test_wall_layout.py).
        return band + theme.px(CHART_EXTRA) if chart else band

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.build()

    # --- what is shown -------------------------------------------------------------------

    def rebuild(self) -> None:
        """Build the page for the view's state (ready, a step, the minutes)."""
        v = self.view
        st = v.state
        focus = QApplication.focusWidget()
        if focus is not None and self.body.isAncestorOf(focus):
            # Keep focus here, or Qt hands it to the next field as the page goes, and that
            # field's "editing finished" would act on the next tap.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._keep_send_view()
        clear_layout(self.body_row, keep=v.send_view)
        clear_layout(self.extras)
        # After the meeting, and while a CPR warning is shown, the panel takes more room.
        # So does a meeting of another format than the fremdriftsmøde, all through: the
        # board is not what it is about; the questions and the roles are read from afar.
        running = st.running
        own = running and any(step.key not in OWN_PAGES for step in st.format.steps)
        # Walking a test that works towards a goal with data: its chart, large enough to read.
        walked = v.walk_card if running and st.step_key == ACTIVITIES else None
        chart = v.goal_chart(walked) if walked is not None else None
        # … or, after the tests, a goal's data moment: its charts side by side
        moment = v.goal_moment() if running and walked is None else []
        roomy = st.phase is Phase.ENDED or bool(st.privacy_hits) or own
        charted = chart is not None or bool(moment)
        self.setFixedHeight(self.height_for(self.theme, roomy, chart=charted))
        self.next_button.setVisible(running and not st.following)
        self.prev_button.setVisible(running and not st.following)
        self.led_elsewhere.setVisible(running and st.following)
        self.take_button.setVisible(running and st.following)
        self.close_button.setVisible(st.phase is Phase.ENDED and st.files is not None)
        self.strip.setVisible(st.phase in (Phase.READY, Phase.RUNNING))
        self.strip.count = len(st.agenda)
        self.strip.setFixedWidth(self.theme.px(max(56, 10 * self.strip.count)))
        self.strip.current = st.step if running else None
        self.strip.update()
        if st.phase is Phase.READY:
            self.step_title.setText(format_text(st.format, st.format.name_key))
        elif running:
            step = st.current
            self.step_title.setText(st.step_title(moment[0].number if moment else ""))
            prompt = step.prompt_key
            self.step_title.setToolTip(format_text(st.format, prompt) if prompt else "")
            if st.walk_goal is not None:
                goal = v.store.goal(st.walk_goal)
                self.step_title.setToolTip(goal.aim if goal else "")
            self.prev_button.setEnabled(st.can_go_back())
            self.next_button.setEnabled(st.can_go_on())
        else:
            self.step_title.setText(tr("meeting.minutes.title"))
        beside = self.clock_box.width() + self.nav.width()
        self.page = StepPages(v, self.signals, self.theme, self.body_row, self.extras, beside)
        self.page.goal_chart = chart
        self.page.goal_moment = moment
        self.page.build()
        self.format_name.setText(format_text(st.format, st.format.name_key) if running else "")
        self.format_name.setVisible(running)
        self.notes_button.setVisible(running and st.step_key not in OWN_PAGES)
        self.notes_button.setChecked(v.outputs.shown)
        self.extras.addStretch(1)
        self.update_clock()

    def _keep_send_view(self) -> None:
        """The sending view outlives the page it stands on: out of its scroll area first."""
        page = getattr(self, "page", None)
        scroll = page.send_scroll if page is not None else None
        if scroll is not None and isValid(scroll) and scroll.widget() is self.view.send_view:
            scroll.takeWidget()
        if page is not None:
            page.send_scroll = None

    @property
    def guest(self) -> QLineEdit | None:
        """The guest's name field (Fremmøde), as a finger finds it."""
        return self.page.guest if self.page is not None else None

    @property
    def next_date(self) -> QLineEdit | None:
        """The next meeting's date field (Afslut), None on other pages."""
        return self.page.next_date if self.page is not None else None

    def sync_next(self) -> None:
        """The next meeting's chips and date field, after a tap or a typed date."""
        v = self.view
        for chip in self.body.findChildren(QPushButton):
            if chip.objectName().startswith("next-") and not chip.isHidden():
                chip.setChecked(chip.objectName() == f"next-{v.next_in_days()}")
        field = self.next_date
        if field is not None and not field.hasFocus():
            field.setText(v.state.next_meeting_text())

    def update_clock(self) -> None:
        st = self.view.state
        clock = self.view.clock
        over = False
        if st.phase is Phase.RUNNING:
            left = clock.remaining_s()
            over = left < 0
            self.countdown.setText(mmss(left))
            self.clock_note.setText(
                tr("meeting.clock.over", time=mmss(-left))
                if over
                else tr("meeting.clock.left", minutes=clock.planned_s // 60)
            )
            box_over = clock.step_over
            self.step_time.setText(step_time_text(clock))
            self._step_colours(box_over)
            self._turn_time()
        elif st.phase is Phase.READY:
            self.countdown.setText(mmss(st.planned_minutes * 60))
            self.clock_note.setText(tr("meeting.clock.not_started"))
            self.step_time.setText("")
            self._step_colours(False)
        else:
            self.countdown.setText(mmss(st.meeting_length_s()).lstrip("+"))
            self.clock_note.setText(tr("meeting.clock.ended"))
            self.step_time.setText("")
            self._step_colours(False)
        bg = OVER_BG if over else CLOCK_BG
        style = f"QFrame#meeting-clock {{ background: {bg.name()}; }}"
        if self.clock_box.styleSheet() != style:  # restyling every tick would be wasted work
            self.clock_box.setStyleSheet(style)
        self._fit_countdown()
        self.countdown.setAccessibleName(self.countdown.text())

    def _turn_time(self) -> None:
        """A round: the speaker's own time left, on the page."""
        field = self.page.turn_time if self.page is not None else None
        if field is None or not isValid(field):
            return
        clock = self.view.clock
        left = clock.turn_remaining_s()
        text = (
            tr("meeting.round.over", time=mmss(-left))
            if left < 0
            else tr("meeting.round.left", time=mmss(left), total=mmss(clock.turn_box_s))
        )
        if field.text() != text:
            field.setText(text)
            field.setProperty("over", left < 0)
            colour = STEP_OVER_TEXT if left < 0 else self.theme.palette.text
            field.setStyleSheet(f"color: {colour.name()}; background: transparent;")

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
