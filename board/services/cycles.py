"""Learning cycles (læringscirkler): plan, do, study, act; the decision is in decisions.py."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from sqlalchemy import func, select

from board.domain import text
from board.domain.entities import CYCLE_TEXT_FIELDS, Cycle, CycleStep, Decision, ScaleStep
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import CardRecord, CycleRecord, LogEntryRecord
from board.services import decisions
from board.services.common import check_version, get, today

# What a new cycle takes over from the one before: the plan that still holds.
_CARRIED = ("plan_hypothesis", "plan_who", "plan_where", "plan_when", "plan_data")


def list_cycles(db: Database, card_id: int) -> list[Cycle]:
    with db.read() as s:
        rows = s.scalars(
            select(CycleRecord).where(CycleRecord.card_id == card_id).order_by(CycleRecord.number)
        ).all()
        return [mapping.cycle(r) for r in rows]


def start_cycle(db: Database, card_id: int, scale_step: ScaleStep | str | None = None) -> Cycle:
    """The next cycle of a card, carrying over the plan that still holds from the last one."""
    with db.write() as s:
        # One new cycle of a card at a time: on PostgreSQL two screens would otherwise both
        # read the same last cycle and the second insert break the (card, number) constraint.
        if s.get(CardRecord, card_id, with_for_update={"key_share": True}) is None:
            raise NotFoundError("error.not_found", what="card", id=card_id)
        previous = s.scalar(
            select(CycleRecord)
            .where(CycleRecord.card_id == card_id)
            .order_by(CycleRecord.number.desc())
            .limit(1)
        )
        if previous is not None and previous.step != CycleStep.CLOSED.value:
            raise ValidationError("error.cycle_open", number=previous.number)
        record = CycleRecord(
            card_id=card_id,
            number=(previous.number + 1) if previous else 1,
            step=CycleStep.PLAN.value,
            scale_step=ScaleStep(scale_step or (previous.scale_step if previous else "one")).value,
            started_on=today(),
        )
        for name in CYCLE_TEXT_FIELDS:
            setattr(record, name, "")
        if previous is not None:
            for name in _CARRIED:
                setattr(record, name, getattr(previous, name))
            # The adjustment decided last time is what this cycle changes.
            record.plan_change = previous.act_next_step or previous.plan_change
        s.add(record)
        s.flush()
        return mapping.cycle(record)


def edit_cycle(db: Database, cycle_id: int, expected_version: int | None, **changes: Any) -> Cycle:
    """Change text fields, ``step``, ``scale_step`` or ``started_on`` of a cycle."""
    with db.write() as s:
        record = get(s, CycleRecord, cycle_id, "cycle")
        check_version(record, expected_version)
        for name, value in changes.items():
            if name in CYCLE_TEXT_FIELDS:
                value = text.long_text(value, f"field.{name}")
            elif name == "step":
                value = CycleStep(value).value
                closing = CycleStep.CLOSED.value in (value, record.step)
                if closing and value != record.step:
                    # Only a decision closes a cycle (and undoing it reopens it): decisions.py.
                    raise ValidationError("error.cycle_closed", number=record.number)
            elif name == "scale_step":
                value = ScaleStep(value).value
            elif name == "started_on":
                value = text.parse_date(value, "field.started_on")
            else:
                raise ValueError(f"not a cycle field: {name}")
            setattr(record, name, value)
        s.flush()
        return mapping.cycle(record)


def decide(
    db: Database,
    cycle_id: int,
    expected_version: int | None,
    decision: Decision | str,
    next_step: str = "",
    *,
    on: date | None = None,
) -> decisions.Decided:
    """Justér in the template: the one way a decision is recorded (``decisions.record``)."""
    request = decisions.DecisionRequest(Decision(decision), None, next_step)
    with db.write() as s:
        card_id = get(s, CycleRecord, cycle_id, "cycle").card_id
        return decisions.record(
            s, card_id, request, cycle_id=cycle_id, expected_cycle_version=expected_version, on=on
        )


def cycle_count(db: Database, card_id: int) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).where(CycleRecord.card_id == card_id)) or 0


def discard_cycle(db: Database, cycle_id: int, expected_version: int | None) -> Cycle | None:
    """Remove a card's newest cycle while it is still open; returns the cycle before it."""
    with db.write() as s:
        record = get(s, CycleRecord, cycle_id, "cycle")
        check_version(record, expected_version)
        newest = s.scalar(
            select(CycleRecord.number)
            .where(CycleRecord.card_id == record.card_id)
            .order_by(CycleRecord.number.desc())
            .limit(1)
        )
        if record.step == CycleStep.CLOSED.value or newest != record.number:
            raise ValidationError("error.cycle_closed", number=record.number)
        for entry in s.scalars(select(LogEntryRecord).where(LogEntryRecord.cycle_id == cycle_id)):
            s.delete(entry)
        previous = s.scalar(
            select(CycleRecord).where(
                CycleRecord.card_id == record.card_id, CycleRecord.number == record.number - 1
            )
        )
        s.delete(record)
        s.flush()
        return mapping.cycle(previous) if previous is not None else None


def restore_cycle(db: Database, cycle: Cycle) -> Cycle:
    """Put back a cycle ``discard_cycle`` removed (redo of "Ny læringscirkel"): the same id,
    number and fields (a new id only if another screen's new row took it meanwhile).
    Refused (ConflictError) when the card's cycles have moved on meanwhile."""
    with db.write() as s:
        if s.get(CardRecord, cycle.card_id, with_for_update={"key_share": True}) is None:
            raise NotFoundError("error.not_found", what="card", id=cycle.card_id)
        previous = s.scalar(
            select(CycleRecord)
            .where(CycleRecord.card_id == cycle.card_id)
            .order_by(CycleRecord.number.desc())
            .limit(1)
        )
        newest = previous.number if previous is not None else 0
        if newest != cycle.number - 1 or (
            previous is not None and previous.step != CycleStep.CLOSED.value
        ):
            raise ConflictError()  # another cycle was started, or an old one reopened
        values = {f.name: getattr(cycle, f.name) for f in fields(cycle)}
        if s.get(CycleRecord, cycle.id) is not None:
            del values["id"]  # another screen's new cycle took it (SQLite reuses ids)
        record = CycleRecord(**values)
        s.add(record)
        s.flush()
        return mapping.cycle(record)
