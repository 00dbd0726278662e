"""The progress meeting on the wall: state, steps, the walk through the activities, the end.

The window hosts one controller. It owns the meeting's operations, the clock and the
docked panel, and answers the top bar's "Møde", "Møder" and settings buttons.

At the end: a CPR check of what the minutes will say (still fixable on the board), then
``end_meeting`` freezes the snapshot; the photo is drawn from that snapshot on the GUI
thread, and the PNG, the PDF and their files are made on a worker thread. The panel then
offers "Send til fraværende".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QFileDialog
from shiboken6 import isValid

from board import settings as machine_settings
from board.domain import text
from board.domain.entities import BoardState, Card, Meeting, Person
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.domain.minutes import Minutes, minutes_day
from board.export.mail import SendResult
from board.i18n import tr
from board.services import meetings, people
from board.settings import Settings
from board.ui.common.save_places import SavePlaceSheet, minutes_folder, save_places
from board.ui.common.theme import Theme
from board.ui.common.widgets import as_qwidget, button_style
from board.ui.meeting.history_sheet import HistorySheet
from board.ui.meeting.host import MeetingWindow
from board.ui.meeting.meeting_agenda import NEXT_MEETING_DAYS, PROGRESS_AGENDA, StepKind, timeboxes
from board.ui.meeting.meeting_clock import MeetingClock, mmss
from board.ui.meeting.meeting_panel import MeetingPanel
from board.ui.meeting.meeting_sheets import AgreementSheet, ChoiceSheet
from board.ui.meeting.minutes_actions import (
    Hit,
    Job,
    MinutesFiles,
    privacy_texts,
    start,
    write_minutes,
)
from board.ui.meeting.send_minutes import SendMinutesView
from board.ui.meeting.settings_sheet import SettingsSheet
from board.ui.operations.board_store import BoardStore
from board.ui.operations.meeting_operations import MeetingOperations

if TYPE_CHECKING:
    from board.persistence.database import Database

_log = logging.getLogger(__name__)
RUNNING_BG = QColor("#2E8B57")


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
        self.photo = photo  # the board as the minutes show it (drawn by the window's widgets)
        self.ops = MeetingOperations(db, self)
        self.ops.message.connect(self.message)
        self.ops.changed.connect(self._on_meeting)
        self.clock = MeetingClock(now, self)
        self.clock.tick.connect(self._on_tick)
        self.theme: Theme = window.theme
        self.panel: MeetingPanel | None = None
        self.phase = "idle"  # idle | ready | running | ended
        self.planned_minutes = 15
        self.step = 0
        self.walk: list[int] = []
        self.walk_index = 0
        self.next_meeting: date | None = None
        self.privacy_hits: list[Hit] = []
        # After the end: the minutes of the meeting just held.
        self.ended: Meeting | None = None
        self.minutes: Minutes | None = None
        self.files: MinutesFiles | None = None
        self.minutes_error: str | None = None
        self.send_view: SendMinutesView | None = None
        self.job: Job | None = None
        self.timings: dict[str, float] = {}
        # This machine: settings file (tests point it elsewhere), a password typed this
        # session when there is no keyring, and how folders are chosen and files opened.
        self.settings_path: Path | None = None
        self.session_password: str | None = None
        self.choose_folder: Callable[[Path], Path | None] = self._choose_folder
        self.open_path: Callable[[Path], None] = self._open_path
        self._last_label = ""
        self._render_pending = False
        window.ops.board_opened.connect(self._on_board_opened)
        window.store.changed.connect(lambda _lanes: self._on_store_changed())
        top = window.top
        top.meeting_button.clicked.connect(self.toggle)
        top.history_button.clicked.connect(self.show_history)
        top.settings_button.clicked.connect(self.show_settings)

    # --- plumbing ------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        """The database; a photo window (made without one) never reaches for it."""
        assert self._db is not None, "a photo window has no database"
        return self._db

    def attach(self, db: Database) -> None:
        """The database, for a window painted before it was opened (BoardWindow.attach)."""
        self._db = db
        self.ops.attach(db)

    def message(self, text: str) -> None:
        self.window.show_message(text)

    @property
    def store(self) -> BoardStore:
        return self.window.store

    @property
    def meeting(self) -> Meeting | None:
        return self.ops.meeting if self.phase == "running" else self.ended

    @property
    def today(self) -> date:
        return self.store.today

    @property
    def board_id(self) -> int | None:
        return self.window.ops.board_id

    def load_settings(self) -> Settings:
        return machine_settings.load(self.settings_path)

    def team(self, include_archived: bool = False) -> list[Person]:
        if self.board_id is None:
            return []
        everyone = self.ops.people(self.board_id)
        return everyone if include_archived else [p for p in everyone if not p.archived]

    def person_name(self, person_id: int | None) -> str:
        if person_id is None:
            return ""
        person = self.store.person(person_id) or next(
            (p for p in self.team(True) if p.id == person_id), None
        )
        return person.name if person else ""

    # --- the window's bar and theme --------------------------------------------------------

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.window.top.meeting_button.setProperty("state", None)  # restyled by refresh_bar
        if self.panel is not None:
            self.panel.set_theme(theme)
            if self.send_view is not None and self.files is not None:
                self._new_send_view()
                self.panel.rebuild()

    def refresh_bar(self) -> None:
        if self.panel is not None:
            self.panel.refresh_undo()
        top = self.window.top
        wall = self.theme.wall
        running = self.phase == "running"
        if running:
            text = f"●  {tr('meeting.bar.running', time=mmss(self.clock.remaining_s()))}"
        else:
            text = tr("meeting.bar.start")
        if text != self._last_label:
            self._last_label = text
            top.meeting_button.setText(text)
            top.fit_date()
        top.meeting_button.setToolTip(tr("meeting.bar.tooltip"))
        top.history_button.setText(tr("meeting.bar.history"))
        top.history_button.setVisible(not wall and not self.window.photo)
        top.settings_button.setText("⚙" if not wall else "")
        top.settings_button.setToolTip(tr("meeting.settings.title"))
        top.settings_button.setAccessibleName(tr("meeting.settings.title"))
        # The wall shows few, big buttons: earlier meetings are reached from the panel there,
        # mail settings from "Tidligere møder".
        top.settings_button.setVisible(not wall and not self.window.photo)
        top.fit_date()
        style = button_style(self.theme, "primary", RUNNING_BG) if running else None
        key = "running" if running else "idle"
        if top.meeting_button.property("state") != key:
            top.meeting_button.setProperty("state", key)
            if style is not None:
                top.meeting_button.setStyleSheet(style)
            else:
                self.window.top.apply_theme(self.theme)

    # --- showing and hiding the panel ------------------------------------------------------

    def _ensure_panel(self) -> MeetingPanel:
        if self.panel is None:
            self.panel = MeetingPanel(self, self.theme)
            layout = self.window.layout()
            assert layout is not None
            layout.addWidget(self.panel)  # under the board, full width
        return self.panel

    @property
    def panel_shown(self) -> bool:
        return self.panel is not None and self.panel.isVisible()

    def toggle(self) -> None:
        """The top bar's "Møde": open the panel (start, or back to the meeting), or hide it."""
        if self.panel_shown:
            self.hide_panel()
            return
        if self.phase == "idle":
            self.phase = "ready"
        self.show_panel()

    def show_panel(self) -> None:
        panel = self._ensure_panel()
        panel.rebuild()
        panel.show()
        self._highlight()

    def hide_panel(self) -> None:
        if self.panel is not None:
            self.panel.hide()
        if self.phase == "ready":
            self.phase = "idle"
        self.window.board.set_highlight(None)

    def _render(self) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.rebuild()
        self.refresh_bar()

    # --- starting ------------------------------------------------------------------------

    def choose_length(self, minutes: int) -> None:
        if self.phase == "running" and self.ops.meeting is not None:
            if self.ops.edit(planned_minutes=minutes) is not None:
                self.clock.set_planned(minutes)
                self.clock.set_step_box(timeboxes(minutes)[self.step])
        else:
            self.planned_minutes = minutes
        self._render()

    def start(self) -> None:
        board_id = self.board_id
        if board_id is None:
            return
        meeting = self.ops.start(board_id, self.planned_minutes)
        if meeting is None:
            return
        _log.info("meeting %d started (%d min)", meeting.id, meeting.planned_minutes)
        self._resume(meeting, first_step=0)

    def _resume(self, meeting: Meeting, first_step: int | None = None) -> None:
        self.phase = "running"
        self.planned_minutes = meeting.planned_minutes
        self.next_meeting = meeting.next_meeting_on or (
            meeting.started_at.date() + timedelta(days=NEXT_MEETING_DAYS)
        )
        self.ended = None
        self.files = None
        self.send_view = None
        self.clock.start(meeting.started_at, meeting.planned_minutes)
        if first_step is None:
            # Opened again mid-meeting: the step the time says we are in.
            elapsed, first_step = self.clock.elapsed_s(), 0
            for n, box in enumerate(timeboxes(meeting.planned_minutes)):
                if elapsed < box:
                    break
                elapsed -= box
                first_step = min(n + 1, len(PROGRESS_AGENDA) - 1)
        self.go_to_step(first_step)

    def _on_board_opened(self, board_id: int) -> None:
        """Another board: its own meeting, if one is running there."""
        self.clock.stop()
        self.phase = "idle"
        self.ended = self.minutes = self.files = None
        self.send_view = None
        self.privacy_hits = []
        if self.panel is not None:
            self.panel.hide()
        self.window.board.set_highlight(None)
        running = self.ops.find_running(board_id) if self._db is not None else None
        if running is not None:
            self._resume(running)
            if self.panel is not None:
                self.panel.hide()
            self.window.board.set_highlight(None)
        self.refresh_bar()

    def _on_meeting(self, meeting: Meeting) -> None:
        self._render()

    # --- the agenda ------------------------------------------------------------------------

    @property
    def step_kind(self) -> StepKind:
        return PROGRESS_AGENDA[self.step].kind

    def go_to_step(self, step: int, from_end: bool = False) -> None:
        self.step = max(0, min(step, len(PROGRESS_AGENDA) - 1))
        self.clock.begin_step(timeboxes(self.clock.planned_s // 60)[self.step])
        if self.step_kind is StepKind.ACTIVITIES:
            self.walk = [c.id for c in self.store.lane_cards(Lane.ACTIVITIES)]
            self.walk_index = max(0, len(self.walk) - 1) if from_end else 0
        self.privacy_hits = []
        self.window.board.set_highlight(None)  # a new step: nothing pointed at yet
        self._highlight()
        self._render()

    def _highlight(self) -> None:
        shown = self.panel_shown and self.phase == "running"
        if shown and self.step_kind is StepKind.ACTIVITIES:
            self.window.board.set_highlight(self.walk_card.id if self.walk_card else None)
        elif not shown or self.step_kind is not StepKind.IDEAS:
            self.window.board.set_highlight(None)

    @property
    def walk_card(self) -> Card | None:
        if not self.walk or self.walk_index >= len(self.walk):
            return None
        return self.store.card(self.walk[self.walk_index])

    def can_go_back(self) -> bool:
        return self.step > 0 or (self.step_kind is StepKind.ACTIVITIES and self.walk_index > 0)

    def can_go_on(self) -> bool:
        return self.step < len(PROGRESS_AGENDA) - 1

    def next(self) -> None:
        """Næste: the next running test while there is one, then the next step."""
        if self.phase != "running":
            return
        if self.step_kind is StepKind.ACTIVITIES and self.walk_index < len(self.walk) - 1:
            self.walk_index += 1
            self._highlight()
            self._render()
        elif self.can_go_on():
            self.go_to_step(self.step + 1)

    def previous(self) -> None:
        if self.phase != "running":
            return
        if self.step_kind is StepKind.ACTIVITIES and self.walk_index > 0:
            self.walk_index -= 1
            self._highlight()
            self._render()
        elif self.step > 0:
            self.go_to_step(self.step - 1, from_end=True)

    def point_at(self, card_id: int) -> None:
        """Følg op på nye idéer: the card being talked about, ringed on the board."""
        board = self.window.board
        board.set_highlight(None if board.highlighted == card_id else card_id)
        self._render()

    def _on_store_changed(self) -> None:
        if self.phase != "running":
            return
        if self.step_kind is StepKind.ACTIVITIES:
            # A card moved into Aktiviteter during the walk joins the end of it; one that
            # left stays where it was (it was talked about).
            for card in self.store.lane_cards(Lane.ACTIVITIES):
                if card.id not in self.walk:
                    self.walk.append(card.id)
            self.walk = [i for i in self.walk if self.store.card(i) is not None]
            self.walk_index = min(self.walk_index, max(0, len(self.walk) - 1))
        if not self._render_pending:
            self._render_pending = True
            QTimer.singleShot(0, self._render_later)

    def _render_later(self) -> None:
        self._render_pending = False
        self._render()
        self._highlight()

    def _on_tick(self) -> None:
        if self.panel is not None and self.panel.isVisible():
            self.panel.update_clock()
        self.refresh_bar()

    # --- attendance --------------------------------------------------------------------------

    def set_present(self, person_id: int, present: bool) -> None:
        self.ops.set_present(person_id, present)

    def add_guest(self, name: str) -> bool:
        return self.ops.add_guest(name) is not None

    def choose_facilitator(self) -> None:
        meeting = self.ops.meeting
        if meeting is None:
            return
        present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
        choices = [(p.id, p.name) for p in self.team() if p.id in present]
        self.window._open_sheet(
            ChoiceSheet(
                self.window_widget,
                self.theme,
                tr("meeting.facilitator"),
                choices,
                meeting.facilitator_id,
                self._set_facilitator,
                none_label=tr("meeting.facilitator.none"),
                name="facilitator-sheet",
                hint="" if choices else tr("meeting.facilitator.nobody_present"),
            )
        )

    def _set_facilitator(self, person_id: int | None) -> None:
        self.ops.edit(facilitator_id=person_id)

    # --- agreements --------------------------------------------------------------------------

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
                today=self.today,
            )
        )

    def remove_agreement(self, agreement_id: int) -> None:
        self.ops.remove_agreement(agreement_id)

    # --- the next meeting ----------------------------------------------------------------------

    def next_in_days(self) -> int | None:
        meeting = self.ops.meeting
        if meeting is None or self.next_meeting is None:
            return None
        return (self.next_meeting - meeting.started_at.date()).days

    def set_next_in(self, days: int) -> None:
        meeting = self.ops.meeting
        if meeting is not None:
            self.next_meeting = meeting.started_at.date() + timedelta(days=days)
            self._sync_next()

    def next_meeting_text(self) -> str:
        day = self.next_meeting
        return f"{day.day}.{day.month}.{day.year}" if day else ""

    def set_next_text(self, value: str) -> None:
        try:
            day = text.parse_date(value, "field.next_meeting_on")
        except BoardError as exc:
            self.message(exc.message())
            return
        if day != self.next_meeting:
            self.next_meeting = day
            self._sync_next()

    def _sync_next(self) -> None:
        # Only the chips and the field change: rebuilding the page under a finger that is
        # on its way to "Afslut mødet" would lose that tap.
        if self.panel is not None and self.panel.isVisible():
            self.panel.sync_next()

    # --- the end -----------------------------------------------------------------------------

    def _live_hits(self) -> list[Hit]:
        """What the minutes would say if the meeting ended now, checked for CPR numbers."""
        from board.domain.privacy import find_cpr_numbers

        board_id, meeting = self.board_id, self.ops.meeting
        if board_id is None or meeting is None:
            return []
        live = self.ops.attempt(lambda: meetings.board_minutes(self.db, board_id))
        if live is None:
            return []
        texts = privacy_texts(live)
        for n, a in enumerate(meeting.agreements, 1):
            texts.append((tr("meeting.where.agreement", number=n), a.what, None))
        numbers = {where: number for where, _, number in texts}
        return [
            Hit(h.where, h.masked, numbers.get(h.where))
            for h in find_cpr_numbers((where, value) for where, value, _ in texts)
        ]

    def clear_privacy(self) -> None:
        self.privacy_hits = []
        self._render()

    def open_card_number(self, number: int) -> None:
        card = next(
            (c for lane in Lane for c in self.store.lane_cards(lane) if c.number == number), None
        )
        if card is not None:
            self.window.open_card(card.id)

    def end(self, confirmed: bool = False) -> None:
        """Afslut mødet: check, freeze the board, make the minutes, offer to send them."""
        if self.phase != "running" or self.ops.meeting is None:
            return
        field = self.panel.next_date if self.panel is not None else None
        if field is not None and isValid(field) and field.isVisible():
            self.set_next_text(field.text())  # typed, but not yet confirmed by leaving it
        if not confirmed:
            hits = self._live_hits()
            if hits:
                _log.info("end of meeting paused: %d CPR-like numbers on the board", len(hits))
                self.privacy_hits = hits
                self._render()
                return
        started = time.perf_counter()
        ended = self.ops.end(self.next_meeting)
        if ended is None:
            return
        self.timings = {"started": started}
        self.clock.stop()
        self.phase = "ended"
        self.ended = ended
        self.privacy_hits = []
        self.window.board.set_highlight(None)
        _log.info("meeting %d ended", ended.id)
        self._render()
        # Let the panel say "Referatet laves…" before the photo takes the GUI thread.
        QTimer.singleShot(0, self.make_minutes)

    def meeting_length_s(self) -> float:
        meeting = self.ended
        if meeting is None or meeting.ended_at is None:
            return 0.0
        return (meeting.ended_at - meeting.started_at).total_seconds()

    def make_minutes(self) -> None:
        meeting = self.ended
        if meeting is None:
            return
        self.minutes_error = None
        self.files = None
        self._render()
        started = self.timings.get("started", time.perf_counter())

        def done(files: MinutesFiles) -> None:
            self.files = files
            self.timings["written"] = time.perf_counter() - started
            _log.info("minutes written in %.2f s", self.timings["written"])
            self._new_send_view()
            self._render()

        def failed(message: str) -> None:
            self.minutes_error = message
            self._render()

        self.prepare_minutes(meeting.id, save=True, done=done, failed=failed)

    def prepare_minutes(
        self,
        meeting_id: int,
        *,
        save: bool,
        done: Callable[[MinutesFiles], None],
        failed: Callable[[str], None],
    ) -> Job | None:
        """The minutes and photo of an ended meeting, from its frozen snapshot only.

        The photo is drawn here (GUI thread); PNG, PDF and the files come from a worker.
        """
        made = self.ops.attempt(
            lambda: (
                meetings.meeting_minutes(self.db, meeting_id),
                meetings.meeting_board(self.db, meeting_id),
            )
        )
        if made is None:
            failed(tr("error.generic"))
            return None
        minutes, state = made
        if meeting_id == (self.ended.id if self.ended else None):
            self.minutes = minutes
        drawn = time.perf_counter()
        image = self.photo(state, minutes_day(minutes))
        self.timings["photo_drawn"] = time.perf_counter() - drawn
        folder = minutes_folder(self.load_settings().minutes_folder)

        def work(_progress: Callable[[object], None]) -> object:
            return write_minutes(minutes, image, folder, save=save)

        job = Job(work)
        job.signals.finished.connect(lambda files: done(files))
        job.signals.failed.connect(failed)
        self.job = job
        return start(job)

    def _new_send_view(self) -> None:
        if self.ended is None or self.minutes is None or self.files is None:
            return
        old = self.send_view
        self.send_view = SendMinutesView(self, self.theme, self.ended, self.minutes, self.files)
        if old is not None and not old.sending:
            old.deleteLater()

    def close_minutes(self) -> None:
        """Done with the meeting just held: the panel closes, the board is the board again."""
        if self.send_view is not None and self.send_view.sending:
            self.message(tr("meeting.send.still_sending"))
            return
        self.phase = "idle"
        self.ended = None
        self.minutes = None
        self.files = None
        if self.send_view is not None:
            self.send_view.deleteLater()
            self.send_view = None
        if self.panel is not None:
            self.panel.hide()
        self.refresh_bar()

    # --- sending helpers (used by SendMinutesView) -------------------------------------------

    def record_dispatch(self, meeting_id: int, result: SendResult) -> None:
        self.ops.attempt(
            lambda: meetings.record_dispatch(
                self.db, meeting_id, result.recipient.email, result.ok, result.detail
            )
        )

    def set_email(self, person: Person, email: str) -> bool:
        saved = self.ops.attempt(
            lambda: people.edit_person(self.db, person.id, person.version, email=email)
        )
        if saved is not None:
            self.window.store.put_person(saved)
        return saved is not None

    def ask_folder(self, start_in: Path, names: list[str], done: Callable[[Path], None]) -> None:
        """Where the minutes and drafts go: on the wall a sheet of big buttons (the minutes
        folder, Documents, a USB stick); on a laptop the system's folder dialog."""
        if self.window.wall:
            # Over whatever is open (the history's sheet sends from there too), not instead.
            SavePlaceSheet(
                self.window_widget,
                self.theme,
                tr("save.title.draft"),
                tr("save.files", names=", ".join(names)),
                save_places(start_in),
                done,
            ).open()
            return
        chosen = self.choose_folder(start_in)
        if chosen is not None:
            done(chosen)

    def _choose_folder(self, start_in: Path) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(
            self.window_widget, tr("meeting.send.choose_folder"), str(start_in)
        )
        return Path(chosen) if chosen else None

    def _open_path(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.message(tr("meeting.open_failed", path=str(path)))

    # --- other sheets --------------------------------------------------------------------------

    def show_settings(self) -> None:
        self.window._open_sheet(SettingsSheet(self.window_widget, self.theme, self))

    def show_history(self) -> None:
        if self.board_id is None or self._db is None:
            return
        found = self.ops.attempt(lambda: meetings.list_meetings(self.db, self.board_id or 0))
        self.window._open_sheet(HistorySheet(self.window_widget, self.theme, self, found or []))

    def settings_saved(self) -> None:
        """New mail settings: the send button says "Send" instead of "Gem kladde" now."""
        if self.send_view is not None and not self.send_view.sending:
            self.send_view.rebuild()
