"""What the sending view asks of the meeting room (a SendingHost): the team, an address
saved, a sending recorded, a folder chosen, a file opened, this machine's settings.

One object for both places the minutes are sent from (after the meeting, and from
"Tidligere møder"); MeetingController makes it and hands it out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from board.domain.entities import Person
from board.export.mail import SendResult
from board.i18n import tr
from board.ui.common.save_places import SavePlaceSheet, save_places
from board.ui.common.theme import Theme
from board.ui.meeting.this_machine import ThisMachine
from board.ui.operations.board_store import BoardStore
from board.ui.operations.meeting_operations import MeetingOperations


class MinutesSending:
    def __init__(
        self,
        ops: MeetingOperations,
        store: BoardStore,
        parent: QWidget,
        *,
        wall: Callable[[], bool],
        theme: Callable[[], Theme],
        team: Callable[[bool], list[Person]],
        message: Callable[[str], None],
        show_settings: Callable[[], None],
        find_personal_data: Callable[[], None] = lambda: None,
    ) -> None:
        self._ops = ops
        self._store = store
        self._parent = parent  # the window, as the Qt parent of dialogs and sheets
        self._wall = wall
        self._theme = theme
        self._team = team
        self._message = message
        self._show_settings = show_settings
        self._find_personal_data = find_personal_data
        self.machine = ThisMachine()
        # How folders are chosen and files opened on this machine (tests put their own).
        self.choose_folder: Callable[[Path], Path | None] = self._choose_folder
        self.open_path: Callable[[Path], None] = self._open_path

    def team(self, include_archived: bool = False) -> list[Person]:
        return self._team(include_archived)

    def message(self, text: str) -> None:
        self._message(text)

    def show_settings(self) -> None:
        self._show_settings()

    def find_personal_data(self) -> None:
        """»Find persondata« with the board's CPR numbers listed (from the CPR warning)."""
        self._find_personal_data()

    def record_dispatch(self, meeting_id: int, result: SendResult) -> None:
        self._ops.record_dispatch(meeting_id, result)

    def set_email(self, person: Person, email: str) -> bool:
        saved = self._ops.set_email(person, email)
        if saved is not None:
            self._store.put_person(saved)
        return saved is not None

    def ask_folder(self, start_in: Path, names: list[str], done: Callable[[Path], None]) -> None:
        """Where the minutes and drafts go: on the wall a sheet of big buttons (the minutes
        folder, Documents, a USB stick); on a laptop the system's folder dialog."""
        if self._wall():
            # Over whatever is open (the history's sheet sends from there too), not instead.
            SavePlaceSheet(
                self._parent,
                self._theme(),
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
            self._parent, tr("meeting.send.choose_folder"), str(start_in)
        )
        return Path(chosen) if chosen else None

    def _open_path(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._message(tr("meeting.open_failed", path=str(path)))
