"""Goals (Mål): the answer to "Hvad skal vi opnå?", with success criteria and measurements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import CriterionKind, Goal, Measurement, SuccessCriterion
from board.domain.errors import ValidationError
from board.domain.ordering import key_between
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardRecord,
    CriterionRecord,
    GoalRecord,
    MeasurementRecord,
)
from board.services.common import check_version, computer_user, get, now

_UNSET: Any = object()
_GOAL_TEXTS = {
    "development_point": "field.development_point",
    "aim": "field.aim",
    "citizen_aim": "field.citizen_aim",
}


def add_goal(
    db: Database,
    board_id: int,
    aim: str,
    *,
    development_point: str = "",
    citizen_aim: str = "",
    time_frame: str = "",
) -> Goal:
    aim = text.long_text(aim, "field.aim")
    if not aim.strip():
        raise ValidationError("error.required", field="field.aim")
    with db.write() as s:
        get(s, BoardRecord, board_id, "board")
        last = s.scalar(
            select(GoalRecord.position)
            .where(GoalRecord.board_id == board_id)
            .order_by(GoalRecord.position.desc())
            .limit(1)
        )
        record = GoalRecord(
            board_id=board_id,
            position=key_between(last, None),
            aim=aim,
            development_point=text.long_text(development_point, "field.development_point"),
            citizen_aim=text.long_text(citizen_aim, "field.citizen_aim"),
            time_frame=text.name(time_frame, "field.time_frame", required=False),
            archived=False,
        )
        s.add(record)
        s.flush()
        return mapping.goal(record)


def edit_goal(db: Database, goal_id: int, expected_version: int | None, **changes: Any) -> Goal:
    """Change any of: development_point, aim, citizen_aim, time_frame, archived."""
    with db.write() as s:
        record = get(s, GoalRecord, goal_id, "goal")
        check_version(record, expected_version)
        for name, value in changes.items():
            if name in _GOAL_TEXTS:
                value = text.long_text(value, _GOAL_TEXTS[name])
                if name == "aim" and not value.strip():
                    raise ValidationError("error.required", field="field.aim")
            elif name == "time_frame":
                value = text.name(value, "field.time_frame", required=False)
            elif name == "archived":
                value = bool(value)
            else:
                raise ValueError(f"not a goal field: {name}")
            setattr(record, name, value)
        s.flush()
        return mapping.goal(record)


def get_goal(db: Database, goal_id: int) -> Goal:
    with db.read() as s:
        return mapping.goal(get(s, GoalRecord, goal_id, "goal"))


def add_criterion(
    db: Database,
    goal_id: int,
    kind: CriterionKind | str,
    criterion_text: str,
    *,
    target: str = "",
    unit: str = "",
) -> SuccessCriterion:
    kind = CriterionKind(kind)
    criterion_text = text.long_text(criterion_text, "field.criterion")
    if not criterion_text.strip():
        raise ValidationError("error.required", field="field.criterion")
    with db.write() as s:
        goal = get(s, GoalRecord, goal_id, "goal")
        record = CriterionRecord(
            kind=kind.value,
            text=criterion_text,
            target=text.name(target, "field.target", required=False),
            unit=text.name(unit, "field.unit", required=False),
            position=max((c.position for c in goal.criteria), default=-1) + 1,
        )
        goal.criteria.append(record)
        s.flush()
        return mapping.criterion(record)


def edit_criterion(
    db: Database,
    criterion_id: int,
    *,
    criterion_text: str = _UNSET,
    target: str = _UNSET,
    unit: str = _UNSET,
) -> SuccessCriterion:
    with db.write() as s:
        record = get(s, CriterionRecord, criterion_id, "criterion")
        if criterion_text is not _UNSET:
            value = text.long_text(criterion_text, "field.criterion")
            if not value.strip():
                raise ValidationError("error.required", field="field.criterion")
            record.text = value
        if target is not _UNSET:
            record.target = text.name(target, "field.target", required=False)
        if unit is not _UNSET:
            record.unit = text.name(unit, "field.unit", required=False)
        s.flush()
        return mapping.criterion(record)


@dataclass(frozen=True, slots=True)
class RemovedCriterion:
    """A criterion as it was removed, with its measurements (what undo puts back)."""

    criterion: SuccessCriterion
    measurements: tuple[Measurement, ...]


def remove_criterion(db: Database, criterion_id: int) -> RemovedCriterion:
    with db.write() as s:
        record = get(s, CriterionRecord, criterion_id, "criterion")
        removed = RemovedCriterion(
            mapping.criterion(record),
            tuple(mapping.measurement(m) for m in record.measurements),
        )
        s.delete(record)
        return removed


def _free(
    s: Session, record_type: type[CriterionRecord | MeasurementRecord], row_id: int
) -> int | None:
    """``row_id`` if no row has it; None (a new id) if another screen's new row took it
    meanwhile (SQLite gives a new row the highest id + 1, so a removed last id is reused)."""
    return row_id if s.get(record_type, row_id) is None else None


def restore_criterion(db: Database, removed: RemovedCriterion) -> SuccessCriterion:
    """Put back a removed criterion and its measurements under their own ids (undo, redo),
    last among the goal's criteria, where the goal's page shows a row that comes back."""
    c = removed.criterion
    with db.write() as s:
        goal = get(s, GoalRecord, c.goal_id, "goal")
        record = CriterionRecord(
            id=_free(s, CriterionRecord, c.id), kind=c.kind.value, text=c.text,
            target=c.target, unit=c.unit, chart=c.chart.value, freeze_points=c.freeze_points,
            phase_starts=c.phase_starts,
            position=max((other.position for other in goal.criteria), default=-1) + 1,
        )  # fmt: skip
        record.measurements = [
            MeasurementRecord(
                id=_free(s, MeasurementRecord, m.id),
                measured_on=m.measured_on,
                value=m.value,
                note=m.note,
                numerator=m.numerator,
                denominator=m.denominator,
                entered_by=m.entered_by,
                created_at=m.created_at,
            )
            for m in removed.measurements
        ]
        goal.criteria.append(record)
        s.flush()
        return mapping.criterion(record)


def add_measurement(
    db: Database, criterion_id: int, measured_on: date | str, value: float | str, note: str = ""
) -> Measurement:
    day = text.parse_date(measured_on, "field.measured_on")
    if day is None:
        raise ValidationError("error.required", field="field.measured_on")
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except ValueError:
        raise ValidationError("error.bad_number", field="field.value", value=value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError("error.bad_number", field="field.value", value=value)
    with db.write() as s:
        get(s, CriterionRecord, criterion_id, "criterion")
        record = MeasurementRecord(
            criterion_id=criterion_id,
            measured_on=day,
            value=number,
            note=text.long_text(note, "field.note"),
            entered_by=computer_user(),  # who entered what is kept (issue 11)
            created_at=now(),
        )
        s.add(record)
        s.flush()
        return mapping.measurement(record)


def measurements(db: Database, criterion_id: int) -> list[Measurement]:
    with db.read() as s:
        rows = s.scalars(
            select(MeasurementRecord)
            .where(MeasurementRecord.criterion_id == criterion_id)
            .order_by(MeasurementRecord.measured_on, MeasurementRecord.id)
        ).all()
        return [mapping.measurement(r) for r in rows]


def cards_for_goal(db: Database, goal_id: int) -> list[int]:
    """Ids of the active cards linked to the goal (its change catalogue)."""
    with db.read() as s:
        goal = get(s, GoalRecord, goal_id, "goal")
        rows = s.scalars(
            select(CardRecord).where(
                CardRecord.board_id == goal.board_id, CardRecord.archived.is_(False)
            )
        ).all()
        return [c.id for c in sorted(rows, key=lambda c: c.position) if goal in c.goals]
