"""What a meeting's step leaves behind, decided here: the step's notes (saved as they are
typed), and the quick outputs Ny idé, Beslutning and Læringspunkt, which land on the board at
once. The band's step page (step_outputs.StepOutputs) draws the field and the buttons and asks
this object; the controller makes one per window.

The notes are kept here, not in the field: a step page is made anew whenever the meeting or
the board changes (a new idea, the next step), so what was typed and not yet saved must
outlive the field. A pause in typing (the template's ``IDLE_MS``) or leaving the field saves
it, one transaction each (``set_step_notes``); the CPR-like numbers the saved text holds are
announced with ``notes_saved`` for a calm warning at the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from board.domain.entities import LearningPoint, Person
from board.domain.meeting_formats import FormatStep, MeetingFormat, Role
from board.i18n import tr
from board.meeting_formats import format_text
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.meeting.format_editor import FormatEditorSheet, FormatsSheet
from board.ui.meeting.output_sheets import DecisionSheet, IdeaSheet, PointSheet
from board.ui.operations.meeting_operations import MeetingOperations
from board.ui.operations.operations import BoardOperations
from board.ui.template.autosave import IDLE_MS


class OutputsStore(Protocol):
    @property
    def people(self) -> list[Person]: ...
    @property
    def today(self) -> date: ...


class OutputsWindow(Protocol):
    """What the outputs ask of the window (shell.board_window.BoardWindow); not host's
    MeetingWindow, so that host.MeetingView can name MeetingOutputs without a cycle."""

    @property
    def ops(self) -> BoardOperations: ...
    @property
    def store(self) -> OutputsStore: ...

    def show_message(self, text: str) -> None: ...
    def _open_sheet(self, sheet: Sheet) -> Sheet: ...


class MeetingOutputs(QObject):
    notes_saved = Signal(str, object)  # step key, the CPR-like numbers found (masked)
    shown_changed = Signal()  # the notes column opened or closed: the page is made again

    def __init__(
        self,
        window: OutputsWindow,
        host: QWidget,
        ops: MeetingOperations,
        theme: Callable[[], Theme],
        current_format: Callable[[], MeetingFormat | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.host = host  # the window, as the sheets' parent
        self.ops = ops
        self._theme = theme
        self._format = current_format  # the running meeting's format
        self.drafts: dict[str, str] = {}  # step key -> typed, not yet saved
        self.cpr: dict[str, tuple[str, ...]] = {}  # step key -> found in what was saved
        self._meeting_id: int | None = None  # the meeting they are of
        # The notes and quick outputs take a column of the step page when asked for, so the
        # step's questions keep the band's width to be read from across the room.
        self.shown = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.flush_notes)

    def toggle(self, shown: bool) -> None:
        """ "✎ Noter" on the step page: the column for the rest of the meeting, or not."""
        if shown != self.shown:
            self.flush_notes()
            self.shown = shown
            self.shown_changed.emit()

    # --- notes -------------------------------------------------------------------------

    def _same_meeting(self) -> None:
        """Typed notes and warnings belong to one meeting: another one starts without them."""
        meeting_id = self.ops.meeting.id if self.ops.meeting is not None else None
        if meeting_id != self._meeting_id:
            self._meeting_id = meeting_id
            self.drafts.clear()
            self.cpr.clear()

    def saved_notes(self, step_key: str) -> str:
        meeting = self.ops.meeting
        if meeting is None:
            return ""
        return next((s.notes for s in meeting.steps if s.step_key == step_key), "")

    def notes(self, step_key: str) -> str:
        """What the field shows: the text typed and not yet saved, else the saved notes."""
        self._same_meeting()
        return self.drafts.get(step_key, self.saved_notes(step_key))

    def notes_typed(self, step_key: str, value: str) -> None:
        self._same_meeting()
        if value == self.saved_notes(step_key):
            self.drafts.pop(step_key, None)
        else:
            self.drafts[step_key] = value
        self._timer.start()  # a pause in typing saves

    def flush_notes(self) -> bool:
        """Save every step's typed notes now (leaving the field, the next step, the end);
        False if one was refused (its text stays as typed, and is tried again)."""
        self._timer.stop()
        ok = True
        for step_key, value in list(self.drafts.items()):
            found = self.ops.set_step_notes(step_key, value)
            if found is None:
                ok = False
                continue
            if self.drafts.get(step_key) == value:
                del self.drafts[step_key]
            self.cpr[step_key] = found
            self.notes_saved.emit(step_key, found)
        return ok

    # --- the quick outputs -------------------------------------------------------------

    def _open(self, sheet: Sheet) -> Sheet:
        return self.window._open_sheet(sheet)

    def _step_title(self, step: FormatStep) -> str:
        return tr("meeting.output.at_step", step=self.step_text(step.title_key))

    def step_text(self, key: str) -> str:
        """A format's text in the user's words (a team format's own, else the catalog's)."""
        fmt = self._format()
        return format_text(fmt, key) if fmt is not None else tr(key)

    def new_idea(self, step: FormatStep, title: str = "") -> None:
        meeting = self.ops.meeting
        if meeting is None:
            return
        sheet = IdeaSheet(
            self.host,
            self._theme(),
            lambda text: self.window.ops.add_meeting_idea(meeting.id, text, step.key) is not None,
            step_title=self._step_title(step),
        )
        sheet.title.setText(title)
        self._open(sheet)

    def new_decision(self, step: FormatStep, what: str = "") -> None:
        meeting = self.ops.meeting
        if meeting is None:
            return
        window = self.window

        def save(text: str, owner_id: int | None, deadline: str) -> bool:
            agreement = window.ops.add_decision(meeting.id, text, owner_id, deadline, step.key)
            if agreement is None:
                return False
            self.ops.reload()  # the meeting's agreements, with the new one
            return True

        self._open(
            DecisionSheet(
                self.host,
                self._theme(),
                window.store.people,
                add_person=window.ops.add_person,
                save=save,
                today=window.store.today,
                what=what,
                step_title=self._step_title(step),
            )
        )

    def new_point(self, step: FormatStep) -> None:
        """A learning point of this meeting; at a sparring (a case worker brings a case)
        with the case's neutral label."""
        meeting = self.ops.meeting
        if meeting is None:
            return
        fmt = self._format()
        with_case = fmt is not None and Role.CASE_WORKER in fmt.roles
        self._open(
            PointSheet(
                self.host,
                self._theme(),
                self.window.ops,
                meeting.id,
                with_case=with_case,
                step_title=self._step_title(step),
            )
        )

    # --- the periodic review -----------------------------------------------------------

    def review_points(self) -> list[LearningPoint]:
        board_id = self.window.ops.board_id
        return self.ops.review_points(board_id) if board_id is not None else []

    def point_as_idea(self, step: FormatStep, point: LearningPoint) -> None:
        self.new_idea(step, point.text)

    def point_as_decision(self, step: FormatStep, point: LearningPoint) -> None:
        self.new_decision(step, point.text)

    # --- the team's formats (⚙ → Mødeformater, or the format chooser) ---------------------

    def show_formats(self) -> None:
        board_id = self.window.ops.board_id
        if board_id is None:
            return
        self._open(
            FormatsSheet(
                self.host,
                self._theme(),
                self.ops.formats(board_id),
                copy=self.copy_format,
                edit=self.edit_format,
                archive=self.archive_format,
            )
        )

    def copy_format(self, fmt: MeetingFormat) -> FormatEditorSheet | None:
        """Kopiér og tilpas: the team's own copy, opened at once in the editor."""
        board_id = self.window.ops.board_id
        if board_id is None:
            return None
        name = tr("meeting.formats.copy_name", name=format_text(fmt, fmt.name_key))
        copied = self.ops.copy_format(board_id, fmt.key, name)
        return self.edit_format(copied) if copied is not None else None

    def edit_format(self, fmt: MeetingFormat) -> FormatEditorSheet | None:
        board_id = self.window.ops.board_id
        if board_id is None:
            return None
        sheet = FormatEditorSheet(
            self.host, self._theme(), fmt, lambda edited: self.ops.save_format(board_id, edited)
        )
        sheet.saved.connect(
            lambda saved: self.window.show_message(
                tr("meeting.formats.saved", name=format_text(saved, saved.name_key))
            )
        )
        self._open(sheet)
        return sheet

    def archive_format(self, fmt: MeetingFormat) -> None:
        board_id = self.window.ops.board_id
        if board_id is not None:
            self.ops.archive_format(board_id, fmt.key)
