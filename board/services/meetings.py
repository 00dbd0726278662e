"""Meetings on a board: start, attendance, agreements, end with a frozen snapshot, minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from board.domain import planning, text
from board.domain.entities import (
    MINUTES_RANGE,
    Agreement,
    BoardState,
    Dispatch,
    Meeting,
    MeetingKind,
)
from board.domain.errors import NotFoundError, ValidationError
from board.domain.meeting_formats import MeetingFormat, timeboxes
from board.domain.minutes import RECENT_DAYS, Minutes, build_minutes
from board.domain.planning import HeldMeeting, PlannedMeeting, held_in_order
from board.domain.snapshot import state_from_document
from board.meeting_formats import format_text
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    AttendanceRecord,
    BoardRecord,
    CardRecord,
    DispatchRecord,
    LearningPointRecord,
    MeetingRecord,
    PersonRecord,
)
from board.services import team_formats
from board.services.common import check_version, get, now
from board.services.transfer import board_document


def _previous_snapshot(
    s: Session, board_id: int, before_id: int | None = None
) -> dict[str, Any] | None:
    query = select(MeetingRecord).where(
        MeetingRecord.board_id == board_id, MeetingRecord.snapshot.is_not(None)
    )
    if before_id is not None:
        query = query.where(MeetingRecord.id < before_id)
    last = s.scalar(query.order_by(MeetingRecord.id.desc()).limit(1))
    return last.snapshot["board"] if last and last.snapshot else None


def last_snapshot(s: Session, board_id: int) -> dict[str, Any] | None:
    """The board as the board's last ended meeting froze it (a new meeting's baseline)."""
    return _previous_snapshot(s, board_id)


def open_meeting(db: Database, board_id: int) -> Meeting | None:
    with db.read() as s:
        # Asked on every start, where there is usually none: a Core query on the table, so
        # the first paint needs no ORM mapper configured.
        table = MeetingRecord.__table__
        running = s.scalar(
            select(table.c.id)
            .where(table.c.board_id == board_id, table.c.ended_at.is_(None))
            .order_by(table.c.id.desc())
            .limit(1)
        )
        return mapping.meeting(get(s, MeetingRecord, running, "meeting")) if running else None


def start_meeting(
    db: Database,
    board_id: int,
    kind: MeetingKind | str = MeetingKind.PROGRESS,
    planned_minutes: int = 15,
    facilitator_id: int | None = None,
    format_key: str = "",
) -> Meeting:
    """A new meeting; everyone on the team starts as absent until tapped present.

    ``format_key``: a team format of the board to hold it in ("" = the built-in format of
    ``kind``); the meeting's kind is then the one the team format was copied from, so
    planning and cadence keep working. An archived team format is not offered any more."""
    if not MINUTES_RANGE[0] <= planned_minutes <= MINUTES_RANGE[1]:
        raise ValidationError("error.bad_minutes", value=planned_minutes)
    with db.write() as s:
        get(s, BoardRecord, board_id, "board")
        if format_key:
            team = team_formats.format_in(s, board_id, kind, format_key)
            if team_formats.is_archived(s, board_id, format_key):
                name = format_text(team, team.name_key)
                raise ValidationError("error.format_archived", name=name)
            kind = team.kind
        running = s.scalar(
            select(MeetingRecord.id).where(
                MeetingRecord.board_id == board_id, MeetingRecord.ended_at.is_(None)
            )
        )
        if running is not None:
            raise ValidationError("error.meeting_running")
        people = s.scalars(
            select(PersonRecord)
            .where(PersonRecord.board_id == board_id, PersonRecord.archived.is_(False))
            .order_by(PersonRecord.name)
        ).all()
        record = MeetingRecord(
            board_id=board_id,
            kind=MeetingKind(kind).value,
            format_key=format_key,
            started_at=now(),
            planned_minutes=planned_minutes,
            facilitator_id=facilitator_id,
            notes="",
            baseline=_previous_snapshot(s, board_id)
            or board_document(s, board_id, with_meetings=False),
            attendance=[AttendanceRecord(person_id=p.id, present=False) for p in people],
        )
        s.add(record)
        s.flush()
        return mapping.meeting(record)


def _meeting(s: Session, meeting_id: int, expected_version: int | None = None) -> MeetingRecord:
    record = get(s, MeetingRecord, meeting_id, "meeting")
    check_version(record, expected_version)
    return record


def set_present(db: Database, meeting_id: int, person_id: int, present: bool) -> Meeting:
    with db.write() as s:
        record = _meeting(s, meeting_id)
        row = next((a for a in record.attendance if a.person_id == person_id), None)
        if row is None:
            person = get(s, PersonRecord, person_id, "person")
            if person.board_id != record.board_id:
                raise ValidationError("error.unknown_person", id=person_id)
            row = AttendanceRecord(person_id=person_id)
            record.attendance.append(row)
        row.present = present
        s.flush()
        return mapping.meeting(record)


def add_guest(db: Database, meeting_id: int, name: str) -> Meeting:
    name = text.name(name, "field.guest")
    with db.write() as s:
        record = _meeting(s, meeting_id)
        record.attendance.append(AttendanceRecord(guest_name=name, present=True))
        s.flush()
        return mapping.meeting(record)


def edit_meeting(db: Database, meeting_id: int, **changes: Any) -> Meeting:
    """Change facilitator_id, planned_minutes, next_meeting_on or notes."""
    with db.write() as s:
        record = _meeting(s, meeting_id)
        for name, value in changes.items():
            if name == "facilitator_id":
                if value is not None and get(s, PersonRecord, value, "person").board_id != (
                    record.board_id
                ):
                    raise ValidationError("error.unknown_person", id=value)
            elif name == "planned_minutes":
                if not isinstance(value, int) or not MINUTES_RANGE[0] <= value <= MINUTES_RANGE[1]:
                    raise ValidationError("error.bad_minutes", value=value)
            elif name == "next_meeting_on":
                value = text.parse_date(value, "field.next_meeting_on")
            elif name == "notes":
                value = text.long_text(value, "field.note")
            else:
                raise ValueError(f"not a meeting field: {name}")
            setattr(record, name, value)
        s.flush()
        return mapping.meeting(record)


def share_step(
    db: Database,
    meeting_id: int,
    step_key: str,
    led_by: str,
    *,
    restart: bool = True,
    walk_card_id: int | None = None,
) -> Meeting:
    """The leading screen has moved to ``step_key`` (it started now, or when it started
    before if ``restart`` is False: the next test of the walk, or a screen taking over, keeps
    the step's timer), talking about ``walk_card_id`` there. One small write, the meeting row
    alone; what other screens read to follow. The meeting returned carries no attendance,
    agreements, steps or roles (they were not read)."""
    if not step_key or len(step_key) > 40 or not 0 < len(led_by) <= 32:
        raise ValidationError("error.unknown_step", value=step_key)
    with db.write() as s:
        record = s.scalar(
            select(MeetingRecord).where(MeetingRecord.id == meeting_id).options(lazyload("*"))
        )
        if record is None:
            raise NotFoundError("error.not_found", what="meeting", id=meeting_id)
        if record.ended_at is not None:
            raise ValidationError("error.meeting_ended")
        if restart or record.step_key != step_key or record.step_started_at is None:
            record.step_started_at = now()
        record.step_key, record.led_by, record.walk_card_id = step_key, led_by, walk_card_id
        s.flush()
        return mapping.entity(
            Meeting,
            record,
            attendance=(),
            agreements=(),
            has_snapshot=False,
            steps=(),
            roles=(),
        )


def add_agreement(
    db: Database,
    meeting_id: int,
    what: str,
    owner_id: int | None = None,
    deadline: date | str | None = None,
    card_id: int | None = None,
) -> Agreement:
    """A new agreement: what, who, by when (and the card it is about, if any)."""
    what = text.long_text(what, "field.agreement")
    if not what.strip():
        raise ValidationError("error.required", field="field.agreement")
    deadline_date = text.parse_date(deadline)
    with db.write() as s:
        meeting = _meeting(s, meeting_id)
        if owner_id is not None and get(s, PersonRecord, owner_id, "person").board_id != (
            meeting.board_id
        ):
            raise ValidationError("error.unknown_person", id=owner_id)
        if card_id is not None and get(s, CardRecord, card_id, "card").board_id != (
            meeting.board_id
        ):
            raise NotFoundError("error.not_found", what="card", id=card_id)
        record = AgreementRecord(
            what=what, owner_id=owner_id, deadline=deadline_date, card_id=card_id, done=False
        )
        meeting.agreements.append(record)
        s.flush()
        return mapping.meeting(meeting).agreements[-1]


def remove_agreement(db: Database, agreement_id: int) -> None:
    with db.write() as s:
        s.delete(get(s, AgreementRecord, agreement_id, "agreement"))


def _meeting_summary(s: Session, record: MeetingRecord) -> dict[str, Any]:
    """Names and agreements as they stood at the end, so re-made minutes never change."""
    names = {
        p.id: p.name
        for p in s.scalars(select(PersonRecord).where(PersonRecord.board_id == record.board_id))
    }
    titles = dict(
        s.execute(
            select(CardRecord.id, CardRecord.title).where(CardRecord.board_id == record.board_id)
        ).all()
    )
    present = [
        names.get(a.person_id, a.guest_name) if a.person_id else a.guest_name
        for a in record.attendance
        if a.present
    ]
    absent = [
        names.get(a.person_id, "") for a in record.attendance if not a.present and a.person_id
    ]
    first = _previous_snapshot(s, record.board_id, before_id=record.id) is None
    numbers = dict(
        s.execute(
            select(CardRecord.id, CardRecord.number).where(
                CardRecord.board_id == record.board_id, CardRecord.meeting_id == record.id
            )
        ).all()
    )
    return {
        **_first_meeting(first, record.started_at.date()),
        "kind": record.kind,
        "date": (record.ended_at or now()).date().isoformat(),
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat() if record.ended_at else None,
        "planned_minutes": record.planned_minutes,
        "facilitator": names.get(record.facilitator_id, "") if record.facilitator_id else "",
        "present": present,
        "absent": absent,
        "agreements": [
            {
                "what": a.what,
                "owner_name": names.get(a.owner_id, "") if a.owner_id else "",
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "card_title": titles.get(a.card_id, "") if a.card_id else "",
                "step_key": a.step_key,
                # the activity a decision became: a card made at this meeting
                "card_number": numbers.get(a.card_id) if a.card_id else None,
            }
            for a in record.agreements
        ],
        "next_meeting_on": record.next_meeting_on.isoformat() if record.next_meeting_on else None,
        **_outputs(s, record, names),
    }


def _outputs(s: Session, record: MeetingRecord, names: dict[int, str]) -> dict[str, Any]:
    """The format as used (its document, so a later edit of a team format leaves these
    minutes alone), each step's timebox and notes, the roles, and what the meeting made:
    its new ideas and its learning points."""
    fmt, document = _format_used(s, record)
    texts: dict[str, str] = dict(fmt.texts)
    notes = {step.step_key: step.notes for step in record.steps}
    boxes = timeboxes(fmt, record.planned_minutes)
    order = {role.value: n for n, role in enumerate(fmt.roles)}
    roles = sorted(record.roles, key=lambda r: (order.get(r.role, len(order)), r.id))
    decided = {a.card_id for a in record.agreements if a.card_id}
    ideas = s.scalars(
        select(CardRecord)
        .where(
            CardRecord.board_id == record.board_id,
            CardRecord.meeting_id == record.id,
            CardRecord.archived.is_(False),
        )
        .order_by(CardRecord.number)
    ).all()
    points = s.scalars(
        select(LearningPointRecord)
        .where(
            LearningPointRecord.meeting_id == record.id,
            LearningPointRecord.archived.is_(False),
        )
        .order_by(LearningPointRecord.id)
    ).all()
    return {
        "format": {
            "key": record.format_key,
            "name_text": texts.get(fmt.name_key, ""),
            "document": document,
        },
        "steps": [
            {
                "key": step.key,
                "title_key": step.title_key,
                "title_text": texts.get(step.title_key, ""),
                "speaking": step.speaking.value,
                "minutes": step.minutes,
                "weight": step.weight,
                "low_minutes": step.low_minutes,
                "at_most": step.at_most,
                "turn_minutes": step.turn_minutes,
                "seconds": max(0, box),
                "notes": notes.get(step.key, ""),
            }
            for step, box in zip(fmt.steps, boxes, strict=True)
        ],
        "roles": [
            {
                "role": r.role,
                "name": names.get(r.person_id, "") if r.person_id else r.guest_name,
            }
            for r in roles
        ],
        "ideas": [{"number": c.number, "title": c.title} for c in ideas if c.id not in decided],
        "learning_points": [
            {
                "text": p.text,
                "case_label": p.case_label,
                "noted_by": names.get(p.noted_by_id, "") if p.noted_by_id else "",
            }
            for p in points
        ],
    }


def _format_used(s: Session, record: MeetingRecord) -> tuple[MeetingFormat, dict[str, Any]]:
    """The meeting's format (a team format of the board, archived or not, else the built-in
    format of its kind) and its document, as it stands at the meeting's end."""
    from board.meeting_formats import format_document

    fmt = team_formats.format_in(s, record.board_id, record.kind, record.format_key)
    return fmt, format_document(fmt)


def _first_meeting(first: bool, day: date) -> dict[str, Any]:
    """Marks the first meeting of a board: its minutes say there is no earlier one and list
    what the board's dates show for the days before it (domain.minutes.recent_changes)."""
    since = (day - timedelta(RECENT_DAYS)).isoformat() if first else None
    return {"first_meeting": first, "changes_since": since}


def end_meeting(
    db: Database, meeting_id: int, next_meeting_on: date | str | None = None
) -> Meeting:
    """End the meeting and freeze the board as it stands: the minutes are made from this."""
    next_day = text.parse_date(next_meeting_on, "field.next_meeting_on")
    with db.write() as s:
        record = _meeting(s, meeting_id)
        if record.ended_at is not None:
            raise ValidationError("error.meeting_ended")
        record.ended_at = now()
        if next_day is not None:
            record.next_meeting_on = next_day
        freeze(s, record)
        s.flush()
        return mapping.meeting(record)


def freeze(s: Session, record: MeetingRecord) -> None:
    """Freeze the board and what the meeting noted as they stand: its minutes are made from
    this alone, so they are made again identical however the board changes later."""
    record.snapshot = _frozen(s, record)


def _frozen(s: Session, record: MeetingRecord) -> dict[str, Any]:
    return {
        "board": board_document(s, record.board_id, with_meetings=False),
        "meeting": _meeting_summary(s, record),
    }


def list_meetings(db: Database, board_id: int) -> list[Meeting]:
    """The board's meetings, newest first."""
    with db.read() as s:
        rows = s.scalars(
            select(MeetingRecord)
            .where(MeetingRecord.board_id == board_id)
            .order_by(MeetingRecord.started_at.desc(), MeetingRecord.id.desc())
        ).all()
        return [mapping.meeting(r) for r in rows]


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    with db.read() as s:
        return mapping.meeting(get(s, MeetingRecord, meeting_id, "meeting"))


def meeting_minutes(db: Database, meeting_id: int) -> Minutes:
    """The minutes of an ended meeting, made only from what was frozen when it ended."""
    with db.read() as s:
        record = get(s, MeetingRecord, meeting_id, "meeting")
        if record.snapshot is None:
            raise ValidationError("error.meeting_not_ended")
        minutes = build_minutes(record.snapshot, record.baseline)
        if record.redacted_at is not None:  # re-made from a redacted snapshot: say so
            minutes = replace(minutes, redacted_on=record.redacted_at.date())
        return minutes


def running_minutes(db: Database, meeting_id: int) -> Minutes:
    """What a meeting's minutes would say if it ended now (the CPR check before the end):
    the board as it stands and everything the meeting noted, made as ``end_meeting`` makes
    them."""
    with db.read() as s:
        record = get(s, MeetingRecord, meeting_id, "meeting")
        return build_minutes(_frozen(s, record), record.baseline)


def board_minutes(db: Database, board_id: int) -> Minutes:
    """The current board as minutes of today, with changes since the last meeting."""
    with db.read() as s:
        stamp = now()
        previous = _previous_snapshot(s, board_id)
        snapshot = {
            "board": board_document(s, board_id, with_meetings=False),
            "meeting": {
                **_first_meeting(previous is None, stamp.date()),
                "kind": MeetingKind.PROGRESS.value,
                "date": stamp.date().isoformat(),
                "started_at": stamp.isoformat(),
                "present": [],
                "absent": [],
                "agreements": [],
            },
        }
        return build_minutes(snapshot, previous)


def record_dispatch(
    db: Database, meeting_id: int, recipient: str, ok: bool, detail: str
) -> Dispatch:
    """Note that minutes were sent (or failed) to one address: who, when, result; no contents."""
    with db.write() as s:
        get(s, MeetingRecord, meeting_id, "meeting")
        record = DispatchRecord(
            meeting_id=meeting_id,
            recipient=text.email(recipient, "field.email"),
            sent_at=now(),
            ok=ok,
            detail=text.long_text(detail, "field.note")[:500],
        )
        s.add(record)
        s.flush()
        return mapping.dispatch(record)


def dispatches(db: Database, meeting_id: int) -> list[Dispatch]:
    with db.read() as s:
        rows = s.scalars(
            select(DispatchRecord)
            .where(DispatchRecord.meeting_id == meeting_id)
            .order_by(DispatchRecord.id)
        ).all()
        return [mapping.dispatch(r) for r in rows]


def meeting_board(db: Database, meeting_id: int) -> BoardState:
    """The board as it stood when the meeting ended: what its minutes' picture shows."""
    with db.read() as s:
        record = get(s, MeetingRecord, meeting_id, "meeting")
        if record.snapshot is None:
            raise ValidationError("error.meeting_not_ended")
        return state_from_document(record.snapshot["board"])


def held_meetings(db: Database, board_id: int) -> list[HeldMeeting]:
    """The board's ended meetings, newest first, each with its number on the board and its
    facilitator's name as it stood when it ended (domain.planning)."""
    with db.read() as s:
        rows = s.scalars(
            select(MeetingRecord).where(
                MeetingRecord.board_id == board_id, MeetingRecord.ended_at.is_not(None)
            )
        ).all()
        frozen = {r.id: (r.snapshot or {}).get("meeting", {}).get("facilitator", "") for r in rows}
        ordered = held_in_order(mapping.meeting(r) for r in rows)
        held = [HeldMeeting(n, m, frozen.get(m.id) or "") for n, m in enumerate(ordered, 1)]
        return held[::-1]


def next_meeting(db: Database, board_id: int, today: date | None = None) -> PlannedMeeting | None:
    """The board's next planned meeting from today on (domain.planning), or None."""
    with db.read() as s:
        board = get(s, BoardRecord, board_id, "board")
        rows = s.scalars(
            select(MeetingRecord).where(
                MeetingRecord.board_id == board_id,
                MeetingRecord.ended_at.is_not(None),
                MeetingRecord.next_meeting_on.is_not(None),
            )
        ).all()
        held = [mapping.meeting(r) for r in rows]
        return planning.next_meeting(board.name, held, today or now().date())


def planned_by(db: Database, meeting_id: int, today: date | None = None) -> PlannedMeeting | None:
    """The next meeting an ended meeting planned, if from today on (its minutes' invitation)."""
    with db.read() as s:
        record = get(s, MeetingRecord, meeting_id, "meeting")
        board = get(s, BoardRecord, record.board_id, "board")
        return planning.plan_of(mapping.meeting(record), board.name, today or now().date())


def find_meeting(db: Database, board_id: int, which: str) -> Meeting:
    """``latest`` (the newest ended meeting) or a held meeting's number on this board
    (1 = the first held, as ``forbedringstavle meetings`` lists them)."""
    held = held_meetings(db, board_id)
    if which == "latest":
        if not held:
            raise NotFoundError("error.no_meetings")
        return held[0].meeting
    match = next((h for h in held if which.isdigit() and h.number == int(which)), None)
    if match is None:
        raise NotFoundError("error.unknown_meeting", name=which)
    return match.meeting
