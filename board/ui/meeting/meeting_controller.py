"""The progress meeting on the wall: the steps, the walk through the activities, the end.

The window hosts one controller and wires the top bar's "Møde", "Møder" and settings
buttons to it. It owns the meeting's state (MeetingState), operations, clock and docked
band, and wires the band's signals to its actions.

At the end: a CPR check of what the minutes will say (still fixable on the board), then
``end_meeting`` freezes the snapshot; the photo is drawn from that snapshot on the GUI
thread, and the PNG, the PDF and their files are made on a worker thread (MinutesMaker).
The band then offers "Send til fraværende".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage
from shiboken6 import isValid

from board.domain import text
from board.domain.entities import BoardState, Meeting
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import tr
from board.meeting_formats import format_text
from board.settings import Settings
from board.ui.board.privacy_sheet import FindPersonalDataSheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import as_qwidget
from board.ui.meeting.history_sheet import HistorySheet
from board.ui.meeting.host import MeetingWindow
from board.ui.meeting.meeting_agenda import ACTIVITIES
from board.ui.meeting.meeting_band import MeetingBand
from board.ui.meeting.meeting_clock import MeetingClock
from board.ui.meeting.meeting_close import MeetingClose
from board.ui.meeting.meeting_outputs import MeetingOutputs
from board.ui.meeting.meeting_panel import MeetingPanel
from board.ui.meeting.meeting_sheets import AgreementSheet, ChoiceSheet, present_sheet
from board.ui.meeting.meeting_state import MeetingState, Phase
from board.ui.meeting.minutes_actions import Job, MinutesFiles
from board.ui.meeting.minutes_maker import MinutesMaker
from board.ui.meeting.minutes_sending import MinutesSending
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
        if self.panel is not None and self.send_view is not None and self.state.files is not None:
            self.closing.new_send_view()
            self.panel.rebuild()

    def refresh_bar(self) -> None:
        self.band.refresh_bar()

    def _wire(self, panel: MeetingPanel) -> None:
        """A new band's taps, each to the action it asks for."""
        s, w = panel.signals, self.window
        s.hide.connect(self.hide_panel)
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

    def _render(self) -> None:
        self.band.render()

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
        self.state.begin(meeting, self.ops.format_of(meeting))
        self.closing.forget()
        self.clock.start(meeting.started_at, meeting.planned_minutes)
        if first_step is None:  # opened again mid-meeting
            first_step = self.state.step_after(self.clock.elapsed_s())
        self.go_to_step(first_step)

    def _on_board_opened(self, board_id: int) -> None:
        """Another board: its own meeting, if one is running there."""
        self.clock.stop()
        self.state.phase = Phase.IDLE
        self.closing.forget()
        self.state.privacy_hits = []
        self.band.hide()
        self.window.board.set_highlight(None)
        running = self.ops.find_running(board_id) if self._db is not None else None
        if running is not None:
            self._resume(running)
            self.band.hide()
            self.window.board.set_highlight(None)
        self._plan_next(board_id)
        self.refresh_bar()

    def _plan_next(self, board_id: int | None) -> None:
        """The board's next planned meeting, read once (the bar is drawn every second)."""
        found = None
        if board_id is not None and self._db is not None:
            found = self.ops.next_meeting(board_id)
        self.state.upcoming = found

    def _on_meeting(self, meeting: Meeting) -> None:
        self._render()

    # --- the agenda ------------------------------------------------------------------------

    def go_to_step(self, step: int, from_end: bool = False) -> None:
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
        self.window.board.set_highlight(None)  # a new step: nothing pointed at yet
        self.band.highlight()
        self._render()

    def next(self) -> None:
        """Næste: the next running test while there is one, then the next step."""
        st = self.state
        if not st.running:
            return
        if st.walk_on():
            self._next_turn()
        elif st.can_go_on():
            self.go_to_step(st.step + 1)

    def previous(self) -> None:
        st = self.state
        if not st.running:
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
        self.window._open_sheet(sheet)

    def _settings_saved(self, said: str) -> None:
        self.message(said)
        self.closing.settings_saved()

    def show_history(self) -> None:
        if self.board_id is None or self._db is None:
            return
        found = self.ops.list_meetings(self.board_id)
        self.window._open_sheet(HistorySheet(self.window_widget, self.theme, self, found))
