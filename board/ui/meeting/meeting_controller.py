"""The progress meeting on the wall: the steps, the walk through the activities, the end.

The window hosts one controller and wires the top bar's "Møde", "Møder" and settings
buttons to it. It owns the meeting's state (MeetingState), operations, clock and docked
band, and wires the band's signals to its actions.

At the end: a CPR check of what the minutes will say (still fixable on the board), then
``end_meeting`` freezes the snapshot; the photo is drawn from that snapshot on the GUI
thread, and the PNG, the PDF and their files are made on a worker thread (MinutesMaker).
The band then offers "Send til fraværende".

Several screens (issue 12): the screen that started the meeting leads it. It alone moves the
steps and ends the meeting, and it writes each step it moves to (``share_step``); another
screen showing the board follows: a banner with the step and its timer, computed from the
stored start, and "Følg med" opens the band there to take notes, agreements, decisions and
ideas. One leader, because two screens moving the steps would move the wall under the
facilitator's hand; "Overtag styringen" hands the lead over (a wall that was restarted).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit
from shiboken6 import isValid

from board.domain import text
from board.domain.entities import BoardState, Meeting
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import tr
from board.meeting_formats import format_text
from board.settings import Settings
from board.ui.board.person_erasure import ErasingPerson
from board.ui.board.privacy_sheet import FindPersonalDataSheet
from board.ui.board.redaction import Redacting
from board.ui.common.theme import Theme
from board.ui.common.widgets import as_qwidget
from board.ui.meeting.history_sheet import HistorySheet
from board.ui.meeting.host import MeetingWindow
from board.ui.meeting.meeting_agenda import ACTIVITIES
from board.ui.meeting.meeting_band import MeetingBand
from board.ui.meeting.meeting_clock import MeetingClock, step_time_text
from board.ui.meeting.meeting_close import MeetingClose
from board.ui.meeting.meeting_outputs import MeetingOutputs
from board.ui.meeting.meeting_panel import MeetingPanel
from board.ui.meeting.meeting_sheets import AgreementSheet, ChoiceSheet, present_sheet
from board.ui.meeting.meeting_state import MeetingState, Phase
from board.ui.meeting.minutes_actions import Job, MinutesFiles
from board.ui.meeting.minutes_maker import MinutesMaker
from board.ui.meeting.minutes_sending import MinutesSending
from board.ui.meeting.remote_banner import RemoteBanner
from board.ui.meeting.room_view import RoomView
from board.ui.meeting.send_minutes import SendMinutesView
from board.ui.meeting.server_sheet import ServerSheet
from board.ui.meeting.settings_sheet import SettingsSheet
from board.ui.meeting.this_machine import ThisMachine
from board.ui.operations.board_store import BoardStore
from board.ui.operations.meeting_operations import MeetingOperations

if TYPE_CHECKING:
    from board.persistence.database import Database


_log = logging.getLogger(__name__)


class MeetingController(QObject):
    def __init__(
        self,
        window: MeetingWindow,
        db: Database | None,
        photo: Callable[[BoardState, date], QImage],
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.window_widget = as_qwidget(window)  # the same window, as a Qt parent
        super().__init__(self.window_widget)
        self.window = window
        self._db = db  # None only for a photo window
        self.ops = MeetingOperations(db, self)
        self.ops.message.connect(self.message)
        self.ops.changed.connect(self._on_meeting)
        self.clock = MeetingClock(now, self)
        self.clock.tick.connect(self._on_tick)
        self.theme: Theme = window.theme
        self.state = MeetingState()
        self.sending = MinutesSending(
            self.ops,
            window.store,
            self.window_widget,
            wall=lambda: self.window.wall,
            theme=lambda: self.theme,
            team=lambda include_archived: self.view.team(include_archived),
            message=self.message,
            show_settings=self.show_settings,
            find_personal_data=lambda: self.show_find_personal_data(cpr=True),
        )
        maker = MinutesMaker(self.ops, photo, self.machine)
        self.closing = MeetingClose(self.state, self.ops, maker, self.sending, lambda: self.theme)
        self.closing.changed.connect(self._render)
        self.view = RoomView(self.state, self.ops, self.clock, window, lambda: self.send_view)
        # A step's notes and quick outputs (step_outputs), the team's formats (format_editor).
        self.outputs = MeetingOutputs(
            window,
            self.window_widget,
            self.ops,
            theme=lambda: self.theme,
            current_format=lambda: self.state.format,
            parent=self,
        )
        self.view.outputs = self.outputs
        self.outputs.shown_changed.connect(self._render)
        # This screen, when it leads a meeting: a random token, never a name (issue 12).
        self.token = uuid.uuid4().hex
        self._remote_pending = False  # another screen's change waits for typing to end
        self.banner = RemoteBanner(self.theme)
        self.banner.follow.connect(self.follow)
        layout = window.layout()
        if layout is not None and not window.photo:
            layout.addWidget(self.banner)  # under the board, above the band when it shows
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.band = MeetingBand(window, self.view, self.theme, self._wire)
        self._render_pending = False
        window.ops.board_opened.connect(self._on_board_opened)
        window.store.changed.connect(lambda _lanes: self._on_store_changed())

    # --- what the history sheet and the tests reach (HistoryHost) ----------------------------

    @property
    def db(self) -> Database:
        """The database; a photo window (made without one) never reaches for it."""
        assert self._db is not None, "a photo window has no database"
        return self._db

    def attach(self, db: Database) -> None:
        """The database, for a window painted before it was opened (BoardWindow.attach)."""
        self._db = db
        self.ops.attach(db)

    @property
    def machine(self) -> ThisMachine:
        return self.sending.machine

    def load_settings(self) -> Settings:
        """This machine's settings (common.save_places reads the minutes folder here)."""
        return self.machine.load()

    @property
    def settings_path(self) -> Path | None:
        """This machine's settings file (tests point it elsewhere)."""
        return self.machine.path

    @settings_path.setter
    def settings_path(self, path: Path | None) -> None:
        self.machine.path = path

    @property
    def send_view(self) -> SendMinutesView | None:
        return self.closing.send_view

    @property
    def store(self) -> BoardStore:
        return self.window.store

    @property
    def board_id(self) -> int | None:
        return self.window.ops.board_id

    def message(self, text: str) -> None:
        self.window.show_message(text)

    def open_path(self, path: Path) -> None:
        self.sending.open_path(path)

    def prepare_minutes(
        self,
        meeting_id: int,
        *,
        save: bool,
        done: Callable[[MinutesFiles], None],
        failed: Callable[[str], None],
    ) -> Job | None:
        return self.closing.prepare_minutes(meeting_id, save=save, done=done, failed=failed)

    # --- the band --------------------------------------------------------------------------

    @property
    def panel(self) -> MeetingPanel | None:
        return self.band.panel

    @property
    def panel_shown(self) -> bool:
        return self.band.shown

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.band.set_theme(theme)
        self.banner.set_theme(theme)
        self._sync_banner()
        if self.panel is not None and self.send_view is not None and self.state.files is not None:
            self.closing.new_send_view()
            self.panel.rebuild()

    def refresh_bar(self) -> None:
        self.band.refresh_bar()

    def _wire(self, panel: MeetingPanel) -> None:
        """A new band's taps, each to the action it asks for."""
        s, w = panel.signals, self.window
        s.hide.connect(self.hide_panel)
        s.shown.connect(lambda _shown: self._sync_banner())
        s.take_over.connect(self.take_over)
        s.undo.connect(w.undo)
        s.redo.connect(w.redo)
        s.start.connect(self.start)
        s.history.connect(self.show_history)
        s.length_chosen.connect(self.choose_length)
        s.format_wanted.connect(self.show_formats)
        s.go_on.connect(self.next)
        s.go_back.connect(self.previous)
        s.facilitator_wanted.connect(self.choose_facilitator)
        s.role_wanted.connect(self.choose_role)
        s.question_moved.connect(self.move_question)
        s.questions_shown_all.connect(self.show_all_questions)
        s.presence_set.connect(self.ops.set_present)
        s.guest_added.connect(self.ops.add_guest)
        s.card_pointed.connect(self.point_at)
        s.card_opened.connect(w.open_card)
        s.agreement_wanted.connect(self.new_agreement)
        s.agreement_removed.connect(self.ops.remove_agreement)
        s.next_in_chosen.connect(self.set_next_in)
        s.next_date_typed.connect(self.set_next_text)
        s.end_wanted.connect(self.end)
        s.privacy_cleared.connect(self.clear_privacy)
        s.privacy_find_wanted.connect(lambda: self.show_find_personal_data(cpr=True))
        s.card_number_opened.connect(self.open_card_number)
        s.minutes_retry.connect(self.closing.make_minutes)
        s.path_opened.connect(self.open_path)
        s.minutes_closed.connect(self.close_minutes)

    def toggle(self) -> None:
        """The top bar's "Møde": open the panel (start, or back to the meeting), or hide it."""
        if self.band.shown:
            self.hide_panel()
            return
        if self.state.phase is Phase.IDLE:
            self.state.phase = Phase.READY
        self.band.show()

    def show_panel(self) -> None:
        self.band.show()

    def hide_panel(self) -> None:
        self.band.hide()
        if self.state.phase is Phase.READY:
            self.state.phase = Phase.IDLE
        self.window.board.set_highlight(None)
        self._sync_banner()

    def _render(self) -> None:
        self.band.render()
        self._sync_banner()

    # --- starting ------------------------------------------------------------------------

    def choose_length(self, minutes: int) -> None:
        st = self.state
        if st.running and self.ops.meeting is not None:
            if self.ops.edit(planned_minutes=minutes) is not None:
                st.planned_minutes = minutes
                self.clock.set_planned(minutes)
                box = st.agenda.boxes[st.step]
                self.clock.set_step_box(box)
                if st.in_round:
                    self.clock.turn_box_s = st.turn_box_s(box)
        else:
            st.planned_minutes = minutes
        self._render()

    def show_formats(self) -> None:
        """Before the start: the formats of the board, as big buttons in a sheet."""
        formats = self.view.formats()
        sheet = ChoiceSheet(
            self.window_widget,
            self.theme,
            tr("meeting.ready.format"),
            [(f.key, format_text(f, f.name_key)) for f in formats],
            self.state.format.key,
            name="format-sheet",
            width=760,  # "Lærings- og refleksionsmøde" whole in half of it
        )
        sheet.chosen.connect(self.choose_format)
        self.window._open_sheet(sheet)

    def choose_format(self, key: str) -> None:
        """The meeting's format, at its usual length (only before the start)."""
        if self.state.phase is not Phase.READY:
            return
        fmt = next((f for f in self.view.formats() if f.key == key), None)
        if fmt is not None:
            self.state.choose(fmt)
            self._render()

    def start(self) -> None:
        board_id = self.board_id
        if board_id is None:
            return
        meeting = self.ops.start(board_id, self.state.planned_minutes, self.state.format)
        if meeting is None:
            return
        _log.info("meeting %d started (%d min)", meeting.id, meeting.planned_minutes)
        self._resume(meeting, first_step=0)

    def _resume(self, meeting: Meeting, first_step: int | None = None) -> None:
        """Lead ``meeting`` from this screen (just started, or opened again mid-meeting)."""
        self.state.begin(meeting, self.ops.format_of(meeting))
        self.closing.forget()
        self.clock.start(meeting.started_at, meeting.planned_minutes)
        shared = None
        if first_step is None:  # opened again mid-meeting: the step shared, else the time's
            shared = self.state.step_of(meeting.step_key) if meeting.step_key else None
            first_step = (
                shared if shared is not None else self.state.step_after(self.clock.elapsed_s())
            )
        self.go_to_step(first_step, restart=shared is None)
        if shared is not None and meeting.step_started_at is not None:
            self.clock.step_started_at = meeting.step_started_at

    def _on_board_opened(self, board_id: int) -> None:
        """Another board: its own meeting, if one is running there."""
        self.clock.stop()
        self.state.phase = Phase.IDLE
        self.state.following = False
        self._remote_pending = False
        self.closing.forget()
        self.state.privacy_hits = []
        self.band.hide()
        self.window.board.set_highlight(None)
        running = self.ops.find_running(board_id) if self._db is not None else None
        if running is not None:
            if running.step_key and running.led_by != self.token:
                self._follow(running)  # led from another screen
            else:
                self._resume(running)
            self.band.hide()
            self.window.board.set_highlight(None)
        self._plan_next(board_id)
        self.refresh_bar()
        self._sync_banner()

    def _plan_next(self, board_id: int | None) -> None:
        """The board's next planned meeting, read once (the bar is drawn every second)."""
        found = None
        if board_id is not None and self._db is not None:
            found = self.ops.next_meeting(board_id)
        self.state.upcoming = found

    def _on_meeting(self, meeting: Meeting) -> None:
        self._render()

    # --- the agenda ------------------------------------------------------------------------

    def go_to_step(self, step: int, from_end: bool = False, restart: bool = True) -> None:
        """The leading screen moves to ``step`` (and tells the other screens)."""
        self.outputs.flush_notes()
        st = self.state
        activities = [c.id for c in self.store.lane_cards(Lane.ACTIVITIES)]
        goals: list[int] = []
        if st.agenda.steps[max(0, min(step, len(st.agenda) - 1))].key == ACTIVITIES:
            # after the tests, a data moment for each goal whose data they do not show
            st.with_data = self.view.read_data()
            goals = self.view.goal_moments(activities, st.with_data)
        st.enter_step(step, activities, from_end, self._present_names(), goals)
        box = st.agenda.boxes[st.step]
        self.clock.begin_step(box)
        if st.in_round:
            self.clock.begin_turn(st.turn_box_s(box))
        self._share(restart)
        self.window.board.set_highlight(None)  # a new step: nothing pointed at yet
        self.band.highlight()
        self._render()

    def _share(self, restart: bool = False) -> None:
        """Leading: the step (and the test walked through) for the other screens."""
        st = self.state
        if st.running and not st.following and self.ops.meeting is not None:
            walked = self.view.walk_card if st.step_key == ACTIVITIES else None
            self.ops.share_step(
                st.step_key,
                self.token,
                restart=restart,
                walk_card_id=walked.id if walked is not None else None,
            )

    def next(self) -> None:
        """Næste: the next running test while there is one, then the next step."""
        st = self.state
        if not st.running or st.following:
            return
        if st.walk_on():
            self._next_turn()
        elif st.can_go_on():
            self.go_to_step(st.step + 1)

    def previous(self) -> None:
        st = self.state
        if not st.running or st.following:
            return
        if st.walk_back():
            self._next_turn()
        elif st.step > 0:
            self.go_to_step(st.step - 1, from_end=True)

    def move_question(self, delta: int) -> None:
        self.state.move_question(delta)
        self._render()

    def show_all_questions(self, shown: bool) -> None:
        self.state.all_questions = shown  # kept for the meeting's other steps too
        self._render()

    def _next_turn(self) -> None:
        """Another test walked through, or the word passed on in a round (its own timer)."""
        st = self.state
        if st.in_round:
            self.clock.begin_turn(st.turn_box_s(self.clock.step_box_s))
        elif st.step_key == ACTIVITIES:
            self._share()  # the next test talked about, on every screen
        self.band.highlight()
        self._render()

    def _present_names(self) -> list[str]:
        """Those here, in the order of the attendance: the team, then the guests."""
        meeting = self.ops.meeting
        if meeting is None:
            return []
        here = [a for a in meeting.attendance if a.present]
        names = [self.view.person_name(a.person_id) for a in here if a.person_id is not None]
        return [n for n in names if n] + [a.guest_name for a in here if a.person_id is None]

    def point_at(self, card_id: int) -> None:
        """Følg op på nye idéer: the card being talked about, ringed on the board."""
        board = self.window.board
        board.set_highlight(None if board.highlighted == card_id else card_id)
        self._render()

    def _on_store_changed(self) -> None:
        st = self.state
        if not st.running:
            return
        if st.step_key == ACTIVITIES:
            activities = [c.id for c in self.store.lane_cards(Lane.ACTIVITIES)]
            st.follow_activities(activities, lambda i: self.store.card(i) is not None)
            st.with_data = self.view.read_data()  # e.g. a first measurement just entered
        if not self._render_pending:
            self._render_pending = True
            QTimer.singleShot(0, self._render_later)

    def _render_later(self) -> None:
        self._render_pending = False
        self._render()
        self.band.highlight()

    def _on_tick(self) -> None:
        self.band.tick()
        self._sync_banner()

    # --- a meeting across screens (issue 12) -------------------------------------------------

    def on_remote_change(self) -> None:
        """Another screen changed this board (BoardWindow._on_remote_change): a meeting it
        started, moved to another step, took notes or agreements at, or ended shows here.
        While a field in the band has the focus nothing is redrawn: what is being typed is
        never replaced; the band catches up when the field is left."""
        board_id = self.board_id
        st = self.state
        if self._db is None or board_id is None or st.phase is Phase.ENDED:
            return  # after this screen's own end: its minutes, nothing to follow
        if self._typing_in_band():
            self._remote_pending = True
            return
        self._remote_pending = False
        read, meeting = self.ops.read_quietly(board_id, st.running)
        if not read:
            return  # the connection is lost: the window says so; the meeting goes on here
        if not st.running:
            if meeting is not None and meeting.ended_at is None and meeting.step_key:
                self._follow(meeting)
                self.refresh_bar()
                self._render()
            return
        if meeting is None or meeting.ended_at is not None:
            self._ended_elsewhere()
            return
        if meeting == self.ops.meeting:
            return  # this screen's own change, or nothing of the meeting's
        self.ops.meeting = meeting
        if meeting.planned_minutes != st.planned_minutes:
            st.planned_minutes = meeting.planned_minutes
            self.clock.set_planned(meeting.planned_minutes)
            self.clock.set_step_box(st.agenda.boxes[st.step])
        if meeting.led_by and meeting.led_by != self.token:
            if not st.following:  # led from here until another screen took it over
                st.following = True
                self.message(tr("meeting.remote.taken_over"))
            self._follow_step(meeting)
        self._render()
        self.band.highlight()

    def follow(self) -> None:
        """ "Følg med": the band here, with the step's notes open to type in."""
        if not self.state.running:
            return
        if not self.outputs.shown:
            self.outputs.toggle(True)
        self.band.show()
        self._sync_banner()

    def take_over(self) -> None:
        """ "Overtag styringen": this screen leads from the step the meeting is at (its timer
        goes on); the screen that led follows at its next change."""
        st = self.state
        if not st.running or not st.following or self.ops.meeting is None:
            return
        st.following = False
        self._share()
        if self.ops.meeting is None or self.ops.meeting.led_by != self.token:
            st.following = True  # refused (the meeting ended meanwhile): its message shows
        self._render()

    def _follow(self, meeting: Meeting) -> None:
        """A meeting led from another screen: its step and timer here, the banner shown."""
        st = self.state
        st.begin(meeting, self.ops.format_of(meeting), following=True)
        self.ops.meeting = meeting
        self.closing.forget()
        self.clock.start(meeting.started_at, meeting.planned_minutes)
        self._follow_step(meeting, force=True)

    def _follow_step(self, meeting: Meeting, force: bool = False) -> None:
        st = self.state
        index = st.step_of(meeting.step_key)
        if index is None:
            index = st.step  # a step this screen's agenda lacks: stay
        if force or index != st.step:
            self.outputs.flush_notes()  # typed here for the step before: saved first
            activities = [c.id for c in self.store.lane_cards(Lane.ACTIVITIES)]
            st.enter_step(index, activities, False, self._present_names())
            box = st.agenda.boxes[st.step]
            self.clock.begin_step(box)
            if st.in_round:
                self.clock.begin_turn(st.turn_box_s(box))
        if meeting.step_started_at is not None:
            self.clock.step_started_at = meeting.step_started_at
        if st.step_key == ACTIVITIES and meeting.walk_card_id in st.walk:
            st.walk_index = st.walk.index(meeting.walk_card_id)

    def _ended_elsewhere(self) -> None:
        """The meeting ended on the leading screen (or is gone): the banner and band go."""
        st = self.state
        was_following = st.following
        self.outputs.flush_notes()  # refused now, with its message: never dropped silently
        self.clock.stop()
        st.phase = Phase.IDLE
        st.following = False
        self.ops.forget()
        self.band.hide()
        self.window.board.set_highlight(None)
        self._plan_next(self.board_id)
        self._render()
        if was_following:
            self.message(tr("meeting.remote.ended"))

    def _typing_in_band(self) -> bool:
        panel = self.band.panel
        focus = QApplication.focusWidget()
        return (
            panel is not None
            and focus is not None
            and panel.isAncestorOf(focus)
            and isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)
        )

    def _on_focus_changed(self, _old: object, _new: object) -> None:
        if self._remote_pending and not self._typing_in_band():
            # Later, not inside the focus change: the field that lost it saves first.
            QTimer.singleShot(0, self._catch_up)

    def _catch_up(self) -> None:
        if self._remote_pending and isValid(self):
            self.on_remote_change()

    def _sync_banner(self) -> None:
        """The banner while a meeting led elsewhere runs and the band is not open here."""
        st = self.state
        show = st.running and st.following and not self.band.open and not self.window.photo
        if show:
            self.banner.show_step(st.step_title(), step_time_text(self.clock))
        if self.banner.isHidden() == show:
            self.banner.setVisible(show)

    # --- attendance and agreements ---------------------------------------------------------

    def choose_facilitator(self) -> None:
        meeting = self.ops.meeting
        if meeting is not None:
            sheet = present_sheet(
                self.window_widget,
                self.theme,
                meeting,
                self.view.team(),
                tr("meeting.facilitator"),
                meeting.facilitator_id,
                "facilitator-sheet",
            )
            sheet.chosen.connect(lambda person_id: self.ops.edit(facilitator_id=person_id))
            self.window._open_sheet(sheet)

    def choose_role(self, role: str) -> None:
        """Who holds one of the format's roles: one of those present."""
        meeting = self.ops.meeting
        if meeting is None:
            return
        held = meeting.role(role)
        sheet = present_sheet(
            self.window_widget,
            self.theme,
            meeting,
            self.view.team(),
            tr(f"meeting.role.{role}"),
            held.person_id if held is not None else None,
            "role-sheet",
        )
        sheet.chosen.connect(lambda person_id: self.ops.set_role(role, person_id))
        self.window._open_sheet(sheet)

    def new_agreement(self, card_id: int | None) -> None:
        card = self.store.card(card_id) if card_id is not None else None
        self.window._open_sheet(
            AgreementSheet(
                self.window_widget,
                self.theme,
                self.store.people,
                card=card,
                cycle=self.store.cycle(card.id) if card is not None else None,
                add_person=self.window.ops.add_person,
                save=lambda what, owner, deadline, card: (
                    self.ops.add_agreement(what, owner, deadline, card) is not None
                ),
                today=self.store.today,
            )
        )

    # --- the next meeting ----------------------------------------------------------------------

    def set_next_in(self, days: int) -> None:
        meeting = self.ops.meeting
        if meeting is not None:
            self.state.next_meeting = meeting.started_at.date() + timedelta(days=days)
            self.band.sync_next()

    def set_next_text(self, value: str) -> None:
        try:
            day = text.parse_date(value, "field.next_meeting_on")
        except BoardError as exc:
            self.message(exc.message())
            return
        if day != self.state.next_meeting:
            self.state.next_meeting = day
            self.band.sync_next()

    # --- the end -----------------------------------------------------------------------------

    def clear_privacy(self) -> None:
        self.state.privacy_hits = []
        self._render()

    def open_card_number(self, number: int) -> None:
        card = next(
            (c for lane in Lane for c in self.store.lane_cards(lane) if c.number == number), None
        )
        if card is not None:
            self.window.open_card(card.id)

    def end(self, confirmed: bool = False) -> None:
        """Afslut mødet: check, freeze the board, make the minutes, offer to send them."""
        if not self.state.running or self.ops.meeting is None:
            return
        if self.state.following:
            self.message(tr("meeting.remote.end_elsewhere"))
            return
        field = self.panel.next_date if self.panel is not None else None
        if field is not None and isValid(field) and field.isVisible():
            self.set_next_text(field.text())  # typed, but not yet confirmed by leaving it
        self.outputs.flush_notes()  # typed just now: in the minutes too
        if not confirmed and self.closing.paused_for_privacy(self.board_id):
            self._render()
            return
        if self.closing.end() is None:
            return
        self._plan_next(self.board_id)
        self.clock.stop()
        self.window.board.set_highlight(None)
        self._render()
        # Let the panel say "Referatet laves…" before the photo takes the GUI thread.
        QTimer.singleShot(0, self.closing.make_minutes)

    def close_minutes(self) -> None:
        """Done with the meeting just held: the panel closes, the board is the board again."""
        if not self.closing.close():
            return
        self.band.hide()
        self.refresh_bar()

    # --- other sheets --------------------------------------------------------------------------

    def show_settings(self) -> None:
        sheet = SettingsSheet(
            self.window_widget,
            self.theme,
            self.machine,
            lambda start_in: self.sending.choose_folder(start_in),
        )
        sheet.saved.connect(self._settings_saved)
        sheet.formats_wanted.connect(self.outputs.show_formats)
        sheet.server_wanted.connect(self.show_server)
        sheet.privacy_wanted.connect(self.show_find_personal_data)
        self.window._open_sheet(sheet)

    def show_server(self) -> None:
        """⚙ »Del tavlen via en server«: moved, the window hands over to a new one."""
        board = self.window.store.board
        sheet = ServerSheet(
            self.window_widget,
            self.theme,
            self.machine,
            self._db,
            self.board_id,
            board.name if board is not None else "",
        )
        sheet.switch_wanted.connect(self.window.switch_database)
        self.window._open_sheet(sheet)

    def show_find_personal_data(self, *, cpr: bool = False) -> None:
        """»Find persondata«: from ⚙, or from the CPR warning (``cpr``: its numbers at once)."""
        ops = self.window.ops
        sheet = FindPersonalDataSheet(
            self.window_widget, self.theme, ops.find_personal_data, ops.find_cpr_numbers, cpr=cpr
        )
        sheet.redacting = Redacting(  # type: ignore[attr-defined]
            sheet,
            ops.redact_personal_data,
            ops.minutes_sent_among,
            ops.erasures,
            ops.backups_holding,
            ops.delete_backups,
        )
        sheet.erasing_person = ErasingPerson(  # type: ignore[attr-defined]
            sheet, ops.person_to_erase, ops.erase_person, ops.minutes_sent_among
        )
        self.window._open_sheet(sheet)

    def _settings_saved(self, said: str) -> None:
        self.message(said)
        self.closing.settings_saved()

    def show_history(self) -> None:
        if self.board_id is None or self._db is None:
            return
        found = self.ops.list_meetings(self.board_id)
        self.window._open_sheet(HistorySheet(self.window_widget, self.theme, self, found))
