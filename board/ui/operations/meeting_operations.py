"""Meeting actions from the wall: each is one service call (one transaction), then one signal.

Like BoardOperations for cards: the panel never talks to services directly, and a refused
action is worded once, by ``Operations.attempt``; a meeting that changed on another screen
(an agreement removed there, say) is read again before the message is shown.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from board.domain.entities import (
    Agreement,
    BoardState,
    Dispatch,
    LearningPoint,
    Meeting,
    MeetingKind,
    Person,
)
from board.domain.errors import BoardError, NotFoundError
from board.domain.meeting_formats import MeetingFormat
from board.domain.minutes import Minutes
from board.domain.planning import PlannedMeeting
from board.export.mail import Recipient, SendResult
from board.meeting_formats import get_format
from board.services import learning_points, meeting_steps, meetings, people, team_formats
from board.ui.operations.base import Operations

if TYPE_CHECKING:
    from board.persistence.database import Database


_log = logging.getLogger(__name__)


class MeetingOperations(Operations):
    changed = Signal(object)  # the Meeting as the service returned it

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

    def reload(self) -> None:
        """The meeting as stored now (after a conflict); the action's message follows."""
        if self.meeting is None:
            return
        try:
            meeting = meetings.get_meeting(self.db, self.meeting.id)
        except BoardError as exc:
            _log.info("meeting not read again: %s", type(exc).__name__)
            return
        self._put(meeting)

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

    def read_quietly(self, board_id: int, running: bool) -> tuple[bool, Meeting | None]:
        """Another screen changed the board: the meeting running here read again (``running``),
        else the board's running meeting, if any; without a message or a signal. (False,
        None) when it cannot be read now: a lost connection is the window's to say, and ends
        nothing here; (True, None) when there is none (or it is gone)."""
        shown = self.meeting
        try:
            if running and shown is not None and shown.board_id == board_id:
                return True, meetings.get_meeting(self.db, shown.id)
            return True, meetings.open_meeting(self.db, board_id)
        except NotFoundError:
            return True, None
        except BoardError as exc:
            _log.info("meeting not read for another screen: %s", type(exc).__name__)
            return False, None

    def share_step(
        self,
        step_key: str,
        led_by: str,
        *,
        restart: bool = True,
        walk_card_id: int | None = None,
    ) -> Meeting | None:
        """This screen leads: the step it moved to (and the test walked through there), for
        the other screens (one small write). The meeting is updated quietly: the step was
        drawn already."""
        meeting = self.meeting
        if meeting is None:
            return None
        shared = self.attempt(
            lambda: meetings.share_step(
                self.db, meeting.id, step_key, led_by, restart=restart, walk_card_id=walk_card_id
            )
        )
        if shared is None:
            return None
        if self.meeting is not None and self.meeting.id == meeting.id:
            self.meeting = replace(
                self.meeting,
                step_key=shared.step_key,
                step_started_at=shared.step_started_at,
                walk_card_id=shared.walk_card_id,
                led_by=shared.led_by,
                version=shared.version,
            )
        return self.meeting

    def people(self, board_id: int) -> list[Person]:
        """Everybody who ever was on the team: an absent person may have left since."""
        return (
            self.attempt(lambda: people.list_people(self.db, board_id, include_archived=True)) or []
        )

    def meeting_minutes(self, meeting_id: int) -> Minutes | None:
        """An ended meeting's minutes, from what was frozen at its end."""
        return self.attempt(lambda: meetings.meeting_minutes(self.db, meeting_id))

    def dispatches(self, meeting_id: int) -> list[Dispatch]:
        """To whom a meeting's minutes were sent, and how it went."""
        return self.attempt(lambda: meetings.dispatches(self.db, meeting_id)) or []

    # --- one service call each --------------------------------------------------------------

    def start(
        self, board_id: int, planned_minutes: int, fmt: MeetingFormat | None = None
    ) -> Meeting | None:
        """A meeting of ``fmt`` (the fremdriftsmøde when none is given)."""
        kind = MeetingKind(fmt.kind) if fmt is not None else MeetingKind.PROGRESS
        key = fmt.key if fmt is not None and fmt.team else ""
        return self._put(
            self.attempt(
                lambda: meetings.start_meeting(
                    self.db, board_id, kind, planned_minutes, format_key=key
                )
            )
        )

    def formats(self, board_id: int) -> list[MeetingFormat]:
        """The formats a meeting of the board can be held in: the sources', then the team's."""
        return self.attempt(lambda: team_formats.formats_for_board(self.db, board_id)) or []

    def format_of(self, meeting: Meeting) -> MeetingFormat:
        """The format a meeting is held in (a team format archived since: still itself)."""
        found = self.attempt(
            lambda: team_formats.format_for(
                self.db, meeting.board_id, meeting.kind.value, meeting.format_key
            )
        )
        return found if found is not None else get_format(meeting.kind.value)

    def set_present(self, person_id: int, present: bool) -> Meeting | None:
        return self._put(
            self.attempt(lambda: meetings.set_present(self.db, self.meeting_id, person_id, present))
        )

    def set_role(self, role: str, person_id: int | None) -> Meeting | None:
        """Who holds one of the format's roles at this meeting (None: nobody)."""
        return self._put(
            self.attempt(lambda: meeting_steps.set_role(self.db, self.meeting_id, role, person_id))
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

    # --- a step's notes, the periodic review, the team's formats (issue 10) ---------------

    def set_step_notes(self, step_key: str, notes: str) -> tuple[str, ...] | None:
        """Save a step's notes (one transaction); the CPR-like numbers they hold, masked, or
        None when refused. The meeting is updated quietly: a page is not made again while
        its notes are being typed."""
        meeting = self.meeting
        if meeting is None:
            return None
        saved = self.attempt(
            lambda: meeting_steps.set_step_notes(self.db, meeting.id, step_key, notes)
        )
        if saved is None:
            return None
        if self.meeting is not None and self.meeting.id == meeting.id:
            # In the stored order, so the meeting read again for another screen's change is
            # equal to this one when nothing else changed (no redraw for an echo).
            steps = [saved.step if s.step_key == step_key else s for s in self.meeting.steps]
            if saved.step not in steps:
                steps.append(saved.step)
            self.meeting = replace(self.meeting, steps=tuple(steps))
        return tuple(saved.cpr)

    def review_points(self, board_id: int) -> list[LearningPoint]:
        """The board's learning points since the last periodic review."""
        return self.attempt(lambda: learning_points.review_points(self.db, board_id)) or []

    def copy_format(self, board_id: int, source_key: str, name: str) -> MeetingFormat | None:
        """Kopiér og tilpas: the team's own copy, worded now in the user's language."""
        return self.attempt(lambda: team_formats.copy_format(self.db, board_id, source_key, name))

    def save_format(self, board_id: int, fmt: MeetingFormat) -> MeetingFormat | None:
        return self.attempt(lambda: team_formats.save_format(self.db, board_id, fmt))

    def archive_format(self, board_id: int, key: str) -> bool:
        def archive() -> bool:
            team_formats.archive_format(self.db, board_id, key)
            return True

        return bool(self.attempt(archive))

    # --- the minutes and the meetings before (the meeting room's closing actions) -----------

    def list_meetings(self, board_id: int) -> list[Meeting]:
        """The board's meetings, newest first (Tidligere møder)."""
        return self.attempt(lambda: meetings.list_meetings(self.db, board_id)) or []

    def running_minutes(self, meeting_id: int) -> Minutes | None:
        """What a running meeting's minutes would say if it ended now (the CPR check)."""
        return self.attempt(lambda: meetings.running_minutes(self.db, meeting_id))

    def frozen_minutes(self, meeting_id: int) -> tuple[Minutes, BoardState] | None:
        """An ended meeting's minutes and the board its photo shows, both from its frozen
        snapshot (two reads of rows that never change again)."""
        return self.attempt(
            lambda: (
                meetings.meeting_minutes(self.db, meeting_id),
                meetings.meeting_board(self.db, meeting_id),
            )
        )

    def next_meeting(self, board_id: int) -> PlannedMeeting | None:
        """The board's next planned meeting (the top bar's "Næste: …")."""
        return self.attempt(lambda: meetings.next_meeting(self.db, board_id))

    def planned_by(self, meeting_id: int) -> PlannedMeeting | None:
        """The next meeting an ended meeting planned (its invitation beside the minutes)."""
        return self.attempt(lambda: meetings.planned_by(self.db, meeting_id))

    def record_dispatch(self, meeting_id: int, result: SendResult) -> None:
        """Who the minutes went to, when, and how it went (never what they said)."""
        self.attempt(
            lambda: meetings.record_dispatch(
                self.db, meeting_id, result.recipient.email, result.ok, result.detail
            )
        )

    def set_email(self, person: Person, email: str) -> Person | None:
        """An absent person's address, typed where the minutes are sent."""
        return self.attempt(
            lambda: people.edit_person(self.db, person.id, person.version, email=email)
        )


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
