"""Meeting actions from the wall: each is one service call (one transaction), then one signal.

Like BoardOperations for cards: the panel never talks to services directly, and a
BoardError becomes one calm, translated message instead of a dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from board.domain.entities import Agreement, Meeting, MeetingKind, Person
from board.domain.errors import BoardError
from board.export.mail import Recipient
from board.services import meetings, people

if TYPE_CHECKING:
    from board.persistence.database import Database

_log = logging.getLogger(__name__)
T = TypeVar("T")


class MeetingOperations(QObject):
    changed = Signal(object)  # the Meeting as the service returned it
    message = Signal(str)

    def __init__(self, db: Database | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db  # None only for a photo window
        self.meeting: Meeting | None = None

    @property
    def db(self) -> Database:
        """The database; a photo window (made without one) never reaches for it."""
        assert self._db is not None, "a photo window has no database"
        return self._db

    def attach(self, db: Database) -> None:
        """The database, for a window painted before it was opened (BoardWindow.attach)."""
        self._db = db

    def attempt(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except BoardError as exc:
            _log.info("meeting action refused: %s", type(exc).__name__)
            self.message.emit(exc.message())
            return None

    def _put(self, meeting: Meeting | None) -> Meeting | None:
        if meeting is not None:
            self.meeting = meeting
            self.changed.emit(meeting)
        return meeting

    @property
    def meeting_id(self) -> int:
        assert self.meeting is not None, "no meeting"
        return self.meeting.id

    # --- reading ---------------------------------------------------------------------------

    def find_running(self, board_id: int) -> Meeting | None:
        """The board's unfinished meeting (a window opened again mid-meeting)."""
        self.meeting = self.attempt(lambda: meetings.open_meeting(self.db, board_id))
        return self.meeting

    def forget(self) -> None:
        self.meeting = None

    def people(self, board_id: int) -> list[Person]:
        """Everybody who ever was on the team: an absent person may have left since."""
        return (
            self.attempt(lambda: people.list_people(self.db, board_id, include_archived=True)) or []
        )

    # --- one service call each --------------------------------------------------------------

    def start(self, board_id: int, planned_minutes: int) -> Meeting | None:
        return self._put(
            self.attempt(
                lambda: meetings.start_meeting(
                    self.db, board_id, MeetingKind.PROGRESS, planned_minutes
                )
            )
        )

    def set_present(self, person_id: int, present: bool) -> Meeting | None:
        return self._put(
            self.attempt(lambda: meetings.set_present(self.db, self.meeting_id, person_id, present))
        )

    def add_guest(self, name: str) -> Meeting | None:
        return self._put(self.attempt(lambda: meetings.add_guest(self.db, self.meeting_id, name)))

    def edit(self, **changes: object) -> Meeting | None:
        """facilitator_id, planned_minutes or next_meeting_on."""
        return self._put(
            self.attempt(lambda: meetings.edit_meeting(self.db, self.meeting_id, **changes))
        )

    def add_agreement(
        self, what: str, owner_id: int | None, deadline: date | str | None, card_id: int | None
    ) -> Agreement | None:
        agreement = self.attempt(
            lambda: meetings.add_agreement(
                self.db, self.meeting_id, what, owner_id, deadline, card_id
            )
        )
        if agreement is not None:
            self._reload()
        return agreement

    def remove_agreement(self, agreement_id: int) -> bool:
        def remove() -> bool:
            meetings.remove_agreement(self.db, agreement_id)
            return True

        done = self.attempt(remove)
        if done:
            self._reload()
        return bool(done)

    def end(self, next_meeting_on: date | str | None) -> Meeting | None:
        return self._put(
            self.attempt(lambda: meetings.end_meeting(self.db, self.meeting_id, next_meeting_on))
        )

    def _reload(self) -> None:
        # Agreements come back alone; the meeting with its list is read again (no write).
        self._put(self.attempt(lambda: meetings.get_meeting(self.db, self.meeting_id)))


def absent_recipients(meeting: Meeting, team: list[Person]) -> tuple[list[Recipient], list[Person]]:
    """Those absent with an e-mail address (to send to) and those without one."""
    by_id = {p.id: p for p in team}
    with_address: list[Recipient] = []
    without: list[Person] = []
    for row in meeting.attendance:
        if row.present or row.person_id is None or row.person_id not in by_id:
            continue
        person = by_id[row.person_id]
        if person.email:
            with_address.append(Recipient(person.name, person.email))
        else:
            without.append(person)
    return with_address, without
