"""What the meeting's screens ask of the window and of the meeting controller, as Protocols.

Each consumer is typed against the few members it uses, never the classes: the band
(meeting_panel and its pages) reads a MeetingView and emits BandSignals; the sending view
asks a SendingHost; the history sheet a HistoryHost; the controller asks the window a
MeetingWindow. So every import points down: the meeting room never imports the shell, and
no sheet imports the controller.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLayout, QPushButton, QWidget

from board.domain.entities import Card, Meeting, Person
from board.domain.meeting_formats import MeetingFormat
from board.export.mail import SendResult
from board.ui.board.board_widget import BoardWidget
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.meeting.meeting_clock import MeetingClock
from board.ui.meeting.meeting_outputs import MeetingOutputs
from board.ui.meeting.meeting_state import MeetingState
from board.ui.meeting.minutes_actions import Job, MinutesFiles
from board.ui.meeting.this_machine import ThisMachine
from board.ui.meeting.walk_chart import GoalChart
from board.ui.operations.board_store import BoardStore
from board.ui.operations.meeting_operations import MeetingOperations
from board.ui.operations.operations import BoardOperations

if TYPE_CHECKING:
    from board.persistence.database import Database


class MeetingTopBar(Protocol):
    """The window's top bar, whose buttons the meeting drives (shell.board_window.TopBar)."""

    meeting_button: QPushButton
    history_button: QPushButton
    settings_button: QPushButton

    def fit_date(self) -> None: ...
    def set_next(self, long_text: str, short_text: str = "") -> None: ...  # "" for none
    def apply_theme(self, theme: Theme) -> None: ...
    def setVisible(self, visible: bool) -> None: ...


class MeetingWindow(Protocol):
    """The window the meeting docks into (shell.board_window.BoardWindow, a QWidget)."""

    photo: bool
    wall: bool
    theme: Theme
    store: BoardStore
    ops: BoardOperations
    board: BoardWidget

    @property
    def top(self) -> MeetingTopBar: ...

    def show_message(self, text: str) -> None: ...
    def undo(self) -> None: ...
    def redo(self) -> None: ...
    def open_card(self, card_id: int) -> None: ...
    def _open_sheet(self, sheet: Sheet) -> Sheet: ...
    def layout(self) -> QLayout | None: ...
    def width(self) -> int: ...


class MeetingView(Protocol):
    """What the band reads to draw itself (MeetingController); it changes nothing."""

    @property
    def state(self) -> MeetingState: ...
    @property
    def clock(self) -> MeetingClock: ...
    @property
    def meeting(self) -> Meeting | None: ...
    @property
    def walk_card(self) -> Card | None: ...
    @property
    def pointed(self) -> int | None: ...  # the card ringed on the board
    @property
    def store(self) -> BoardStore: ...
    @property
    def today(self) -> date: ...
    @property
    def send_view(self) -> QWidget | None: ...  # the view the minutes are sent from, once made
    @property
    def undo_stack(self) -> QUndoStack: ...

    @property
    def outputs(self) -> MeetingOutputs: ...  # a step's notes and quick outputs

    def band_width(self) -> int: ...
    def team(self, include_archived: bool = False) -> list[Person]: ...
    def person_name(self, person_id: int | None) -> str: ...
    def formats(self) -> list[MeetingFormat]: ...
    def next_in_days(self) -> int | None: ...
    def goal_chart(self, card: Card) -> GoalChart | None: ...  # the walked test's goal's chart


class SendingHost(Protocol):
    """What the sending view asks of whoever shows it (after the meeting, or the history)."""

    @property
    def machine(self) -> ThisMachine: ...

    def team(self, include_archived: bool = False) -> list[Person]: ...
    def set_email(self, person: Person, email: str) -> bool: ...
    def record_dispatch(self, meeting_id: int, result: SendResult) -> None: ...
    def ask_folder(
        self, start_in: Path, names: list[str], done: Callable[[Path], None]
    ) -> None: ...
    def open_path(self, path: Path) -> None: ...
    def message(self, text: str) -> None: ...
    def show_settings(self) -> None: ...
    def find_personal_data(self) -> None: ...


class HistoryHost(Protocol):
    """What "Tidligere møder" asks of the meeting (MeetingController)."""

    ops: MeetingOperations

    @property
    def db(self) -> Database: ...
    @property
    def sending(self) -> SendingHost: ...
    @property
    def panel_shown(self) -> bool: ...

    def toggle(self) -> None: ...
    def message(self, text: str) -> None: ...
    def open_path(self, path: Path) -> None: ...
    def show_settings(self) -> None: ...
    def prepare_minutes(
        self,
        meeting_id: int,
        *,
        save: bool,
        done: Callable[[MinutesFiles], None],
        failed: Callable[[str], None],
    ) -> Job | None: ...
