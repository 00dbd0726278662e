"""What a meeting of any format leaves behind, each one transaction: a step's notes, who
holds a role, a new idea (a card in Idéer) and a decision (an activity with owner and deadline
in Aktiviteter, and the meeting's agreement about it).

A learning point noted at a meeting is ``learning_points.add_learning_point(…, meeting_id=…)``.
A CPR number in a step's notes is saved (the team may need to correct it later) but reported
back, masked, as a learning point's text is, so the screen can warn calmly at the field; the
minutes are checked again before they leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import Agreement, Card, Meeting, MeetingStep
from board.domain.errors import ValidationError
from board.domain.lanes import Lane
from board.domain.meeting_formats import Role
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    MeetingRecord,
    MeetingRoleRecord,
    MeetingStepRecord,
    PersonRecord,
)
from board.services.cards import new_card
from board.services.common import check_version, get
from board.services.learning_points import cpr_in
from board.services.team_formats import format_in


@dataclass(frozen=True, slots=True)
class StepSaved:
    """A step's notes as saved, and the CPR-like numbers they hold (masked), as
    ``learning_points.Saved`` reports them for a learning point."""

    step: MeetingStep
    cpr: tuple[str, ...] = ()

    @property
    def cpr_warning(self) -> bool:
        return bool(self.cpr)


def _running(s: Session, meeting_id: int) -> MeetingRecord:
    """The meeting, while it runs: what it leaves behind after its end would be missing from
    the minutes frozen then."""
    record = get(s, MeetingRecord, meeting_id, "meeting")
    if record.ended_at is not None:
        raise ValidationError("error.meeting_ended")
    return record


def _check_step(s: Session, meeting: MeetingRecord, step_key: str, required: bool) -> str:
    """``step_key`` is a step of the meeting's format ("" when not ``required``: no step)."""
    if not step_key and not required:
        return ""
    fmt = format_in(s, meeting.board_id, meeting.kind, meeting.format_key)
    if step_key not in {step.key for step in fmt.steps}:
        raise ValidationError("error.unknown_step", value=step_key)
    return step_key


def _check_person(s: Session, meeting: MeetingRecord, person_id: int | None) -> None:
    """A person of the meeting's board (one removed meanwhile is no longer one)."""
    person = s.get(PersonRecord, person_id) if person_id is not None else None
    if person_id is not None and (person is None or person.board_id != meeting.board_id):
        raise ValidationError("error.unknown_person", id=person_id)


def set_step_notes(
    db: Database,
    meeting_id: int,
    step_key: str,
    notes: str,
    expected_version: int | None = None,
) -> StepSaved:
    """Save a step's notes (replacing what was there); refused when the notes changed on
    another screen since ``expected_version`` was read."""
    value = text.long_text(notes, "field.step_notes")
    with db.write() as s:
        meeting = _running(s, meeting_id)
        key = _check_step(s, meeting, step_key, required=True)
        record = next((x for x in meeting.steps if x.step_key == key), None)
        if record is None:
            record = MeetingStepRecord(step_key=key, notes=value)
            meeting.steps.append(record)
        else:
            check_version(record, expected_version)
            record.notes = value
        s.flush()
        return StepSaved(mapping.entity(MeetingStep, record), cpr_in(value))


def set_role(
    db: Database, meeting_id: int, role: str, person_id: int | None, guest_name: str = ""
) -> Meeting:
    """Give a role to a person of the board or a guest (one holder per role); no person and
    no guest clears it. The facilitator's role is the meeting's facilitator."""
    try:
        role = Role(role).value
    except ValueError:
        raise ValidationError("error.unknown_role", value=role) from None
    guest = text.name(guest_name, "field.guest", required=False)
    with db.write() as s:
        meeting = _running(s, meeting_id)
        _check_person(s, meeting, person_id)
        record = next((r for r in meeting.roles if r.role == role), None)
        if person_id is None and not guest:
            if record is not None:
                meeting.roles.remove(record)
        elif record is None:
            meeting.roles.append(
                MeetingRoleRecord(role=role, person_id=person_id, guest_name=guest)
            )
        else:
            record.person_id, record.guest_name = person_id, guest
        if role == Role.FACILITATOR.value:
            meeting.facilitator_id = person_id
        s.flush()
        return mapping.meeting(meeting)


def add_idea(db: Database, meeting_id: int, title: str, step_key: str = "") -> Card:
    """Ny idé: a card at the end of Idéer, made at this meeting."""
    title = text.title(title, "field.idea")
    with db.write() as s:
        meeting = _running(s, meeting_id)
        _check_step(s, meeting, step_key, required=False)
        record = new_card(s, meeting.board_id, title, Lane.IDEAS, meeting_id=meeting.id)
        s.flush()
        return mapping.card(record, ())


def _card_title(what: str) -> tuple[str, str]:
    """A decision as a card: its first line as the title (shortened to fit), and the whole
    decision as the description when the title does not say all of it."""
    first = next((line.strip() for line in what.splitlines() if line.strip()), "")
    title = first if len(first) <= text.TITLE_MAX else first[: text.TITLE_MAX - 1] + "…"
    return title, ("" if title == what.strip() else what)


def add_decision(
    db: Database,
    meeting_id: int,
    what: str,
    owner_id: int | None,
    deadline: date | str | None,
    step_key: str = "",
) -> Agreement:
    """Beslutning: what, who and by when becomes an activity in Aktiviteter (owner and
    deadline, made at this meeting) and the meeting's agreement about that card, noted at
    ``step_key``."""
    what = text.long_text(what, "field.decision")
    if not what.strip():
        raise ValidationError("error.required", field="field.decision")
    day = text.parse_date(deadline)
    title, description = _card_title(what)
    with db.write() as s:
        meeting = _running(s, meeting_id)
        key = _check_step(s, meeting, step_key, required=False)
        _check_person(s, meeting, owner_id)
        card = new_card(
            s,
            meeting.board_id,
            title,
            Lane.ACTIVITIES,
            description=description,
            owner_id=owner_id,
            deadline=day,
            meeting_id=meeting.id,
        )
        s.flush()
        record = AgreementRecord(
            card_id=card.id, what=what, owner_id=owner_id, deadline=day, done=False, step_key=key
        )
        meeting.agreements.append(record)
        s.flush()
        return mapping.entity(Agreement, record)
