"""The board's general learning points (læringspunkter): noted, edited, archived, listed,
searched, and gathered for the PDF and CSV a team leader shares with other teams' leaders.

A sparring case is named by a neutral label, which must not identify anyone: a CPR number
there is refused. A CPR number in the text itself is saved (the team may need to fix it
later) but reported back in ``Saved.cpr``, so the screen can warn calmly at the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import LearningPoint
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.meeting_formats import REVIEW_STEP
from board.domain.privacy import find_cpr_numbers
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    BoardRecord,
    LearningPointRecord,
    MeetingRecord,
    MeetingStepRecord,
    PersonRecord,
)
from board.services.common import get, now, today

_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class Saved:
    """A learning point as saved, and the CPR-like numbers its text holds (masked)."""

    point: LearningPoint
    cpr: tuple[str, ...] = ()

    @property
    def cpr_warning(self) -> bool:
        return bool(self.cpr)


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One learning point as the PDF and the CSV show it: names instead of ids."""

    noted_on: date
    text: str
    meeting_kind: str | None  # the meeting's kind (its format), named at the edge
    meeting_day: date | None
    case_label: str
    noted_by: str


@dataclass(frozen=True, slots=True)
class Report:
    """The learning points of a board for a period, newest first."""

    board_name: str
    since: date | None
    until: date
    rows: tuple[ReportRow, ...]


def cpr_in(value: str) -> tuple[str, ...]:
    """The CPR-like numbers in ``value``, masked ("010203-****")."""
    return tuple(hit.masked for hit in find_cpr_numbers([("", value)]))


def _text(value: str) -> str:
    value = text.long_text(value, "field.learning_point")
    if not value.strip():
        raise ValidationError("error.required", field="field.learning_point")
    return value


def _case_label(value: str) -> str:
    value = text.limited(value or "", text.NAME_MAX, "field.case_label")
    if cpr_in(value):
        raise ValidationError("error.case_label_cpr", field="field.case_label")
    return value


def _check_meeting(s: Session, board_id: int, meeting_id: int | None) -> None:
    if meeting_id is not None and get(s, MeetingRecord, meeting_id, "meeting").board_id != (
        board_id
    ):
        raise NotFoundError("error.not_found", what="meeting", id=meeting_id)


def _check_person(s: Session, board_id: int, person_id: int | None) -> None:
    if person_id is not None and get(s, PersonRecord, person_id, "person").board_id != board_id:
        raise ValidationError("error.unknown_person", id=person_id)


def _saved(record: LearningPointRecord) -> Saved:
    return Saved(mapping.learning_point(record), cpr_in(record.text))


def add_learning_point(
    db: Database,
    board_id: int,
    point_text: str,
    *,
    noted_on: date | str | None = None,
    meeting_id: int | None = None,
    case_label: str = "",
    noted_by_id: int | None = None,
) -> Saved:
    """Note a learning point on the board (today unless ``noted_on`` says otherwise)."""
    value = _text(point_text)
    label = _case_label(case_label)
    day = text.parse_date(noted_on, "field.noted_on") or today()
    with db.write() as s:
        get(s, BoardRecord, board_id, "board")
        _check_meeting(s, board_id, meeting_id)
        _check_person(s, board_id, noted_by_id)
        record = LearningPointRecord(
            board_id=board_id,
            text=value,
            noted_on=day,
            meeting_id=meeting_id,
            case_label=label,
            noted_by_id=noted_by_id,
            archived=False,
            created_at=now(),
        )
        s.add(record)
        s.flush()
        return _saved(record)


def _point(s: Session, point_id: int, expected_version: int | None) -> LearningPointRecord:
    record = get(s, LearningPointRecord, point_id, "learning_point")
    if expected_version is not None and record.version != expected_version:
        raise ConflictError("error.learning_point_changed")
    return record


def edit_learning_point(
    db: Database,
    point_id: int,
    expected_version: int | None,
    *,
    point_text: str = _UNSET,
    noted_on: date | str = _UNSET,
    meeting_id: int | None = _UNSET,
    case_label: str = _UNSET,
    noted_by_id: int | None = _UNSET,
) -> Saved:
    """Change what was given; refused when the point changed elsewhere since it was read."""
    with db.write() as s:
        record = _point(s, point_id, expected_version)
        if point_text is not _UNSET:
            record.text = _text(point_text)
        if noted_on is not _UNSET:
            record.noted_on = text.parse_date(noted_on, "field.noted_on") or record.noted_on
        if meeting_id is not _UNSET:
            _check_meeting(s, record.board_id, meeting_id)
            record.meeting_id = meeting_id
        if case_label is not _UNSET:
            record.case_label = _case_label(case_label)
        if noted_by_id is not _UNSET:
            _check_person(s, record.board_id, noted_by_id)
            record.noted_by_id = noted_by_id
        s.flush()
        return _saved(record)


def _set_archived(
    db: Database, point_id: int, expected_version: int | None, archived: bool
) -> LearningPoint:
    with db.write() as s:
        record = _point(s, point_id, expected_version)
        record.archived = archived
        s.flush()
        return mapping.learning_point(record)


def archive_learning_point(
    db: Database, point_id: int, expected_version: int | None
) -> LearningPoint:
    return _set_archived(db, point_id, expected_version, True)


def restore_learning_point(
    db: Database, point_id: int, expected_version: int | None
) -> LearningPoint:
    return _set_archived(db, point_id, expected_version, False)


def _records(
    s: Session, board_id: int, since: date | None, include_archived: bool
) -> list[LearningPointRecord]:
    get(s, BoardRecord, board_id, "board")
    query = select(LearningPointRecord).where(LearningPointRecord.board_id == board_id)
    if since is not None:
        query = query.where(LearningPointRecord.noted_on >= since)
    if not include_archived:
        query = query.where(LearningPointRecord.archived.is_(False))
    newest_first = (LearningPointRecord.noted_on.desc(), LearningPointRecord.id.desc())
    return list(s.scalars(query.order_by(*newest_first)))


def list_learning_points(
    db: Database,
    board_id: int,
    since: date | str | None = None,
    *,
    include_archived: bool = False,
) -> list[LearningPoint]:
    """The board's learning points, newest first; ``since``: noted on that day or later."""
    day = text.parse_date(since, "field.since")
    with db.read() as s:
        return [mapping.learning_point(r) for r in _records(s, board_id, day, include_archived)]


def last_review(s: Session, board_id: int, until: datetime) -> tuple[int, datetime] | None:
    """The board's last review of its learning points that ended before ``until`` (its
    meeting's id and end): an ended meeting that held a "review" step, seen by the notes or
    a decision made there."""
    held = (
        select(MeetingStepRecord.meeting_id)
        .where(MeetingStepRecord.step_key == REVIEW_STEP)
        .union(select(AgreementRecord.meeting_id).where(AgreementRecord.step_key == REVIEW_STEP))
    )
    row = s.execute(
        select(MeetingRecord.id, MeetingRecord.ended_at)
        .where(
            MeetingRecord.board_id == board_id,
            MeetingRecord.ended_at.is_not(None),
            MeetingRecord.ended_at < until,
            MeetingRecord.id.in_(held),
        )
        .order_by(MeetingRecord.ended_at.desc(), MeetingRecord.id.desc())
        .limit(1)
    ).first()
    return (row.id, row.ended_at) if row is not None else None


def review_points(db: Database, board_id: int, today: date | None = None) -> list[LearningPoint]:
    """The learning points for the periodic review (003): those noted since the last meeting
    with a "review" step ended — all when there was none — up to ``today``, newest first.
    Counted by the day a point is dated (the day of the review included: a point's time of
    day is not what the team sets), leaving out those noted at the review itself."""
    day = today or now().date()
    with db.read() as s:
        get(s, BoardRecord, board_id, "board")
        review = last_review(s, board_id, datetime.combine(day + timedelta(days=1), time()))
        query = select(LearningPointRecord).where(
            LearningPointRecord.board_id == board_id,
            LearningPointRecord.archived.is_(False),
            LearningPointRecord.noted_on <= day,
        )
        if review is not None:
            meeting_id, ended = review
            query = query.where(
                or_(
                    LearningPointRecord.meeting_id.is_(None),
                    LearningPointRecord.meeting_id != meeting_id,
                ),
                LearningPointRecord.noted_on >= ended.date(),
            )
        newest_first = (LearningPointRecord.noted_on.desc(), LearningPointRecord.id.desc())
        return [mapping.learning_point(r) for r in s.scalars(query.order_by(*newest_first))]


def search_learning_points(
    db: Database, board_id: int, query: str, *, include_archived: bool = False
) -> list[LearningPoint]:
    """The points whose text or case label contains ``query``, whatever the case, newest
    first. Compared in Python: SQLite's lower() leaves Æ, Ø and Å as they are."""
    needle = (query or "").strip().casefold()
    points = list_learning_points(db, board_id, include_archived=include_archived)
    if not needle:
        return points
    return [p for p in points if needle in p.text.casefold() or needle in p.case_label.casefold()]


def report(db: Database, board_id: int, since: date | str | None = None) -> Report:
    """The active learning points since a day (all without one), as the exports show them."""
    day = text.parse_date(since, "field.since")
    with db.read() as s:
        board = get(s, BoardRecord, board_id, "board")
        records = _records(s, board_id, day, include_archived=False)
        names = dict(
            s.execute(
                select(PersonRecord.id, PersonRecord.name).where(PersonRecord.board_id == board_id)
            ).all()
        )
        meetings = {
            m.id: m
            for m in s.execute(
                select(MeetingRecord.id, MeetingRecord.kind, MeetingRecord.started_at).where(
                    MeetingRecord.board_id == board_id
                )
            )
        }
        rows = []
        for r in records:
            meeting = meetings.get(r.meeting_id) if r.meeting_id is not None else None
            rows.append(
                ReportRow(
                    noted_on=r.noted_on,
                    text=r.text,
                    meeting_kind=meeting.kind if meeting else None,
                    meeting_day=meeting.started_at.date() if meeting else None,
                    case_label=r.case_label,
                    noted_by=names.get(r.noted_by_id, "") if r.noted_by_id else "",
                )
            )
        return Report(board.name, day, today(), tuple(rows))
