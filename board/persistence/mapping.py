"""Records to plain domain objects. Sessions and records never leave the services.

A record has a column of the same name for every field its entity declares
(``board.domain.entities``), so the mapping follows from the declaration: ``entity`` reads
each field and turns stored choices back into their enums; only what a record holds in
other tables (a card's goals, a goal's criteria, a meeting's attendance) is given by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy.engine import Row

from board.domain.entities import (
    Agreement,
    Attendance,
    Board,
    Card,
    Cycle,
    Dispatch,
    Goal,
    LogEntry,
    Measurement,
    Meeting,
    Person,
    SuccessCriterion,
)
from board.domain.fields import Declared, declared, typed
from board.persistence.records import (
    BoardRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    DispatchRecord,
    GoalRecord,
    LogEntryRecord,
    MeasurementRecord,
    MeetingRecord,
    PersonRecord,
)

T = TypeVar("T")


def _reader(d: Declared) -> Callable[[Any], Any]:
    name = d.attribute
    if d.enum is None:
        return lambda row: getattr(row, name)
    return lambda row: typed(d, getattr(row, name))


_READERS: dict[type, tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    found = _READERS.get(cls)
    if found is None:
        found = _READERS[cls] = tuple((d.attribute, _reader(d)) for d in declared(cls))
    return found


def entity(cls: type[T], row: Any, **given: Any) -> T:
    """An entity from a record or row with a column for each field not ``given``."""
    values = {name: read(row) for name, read in _readers(cls) if name not in given}
    return cls(**values, **given)


def board(r: BoardRecord | Row[Any]) -> Board:
    return entity(Board, r)


def person(r: PersonRecord | Row[Any]) -> Person:
    return entity(Person, r)


def card(r: CardRecord, goal_ids: tuple[int, ...] | None = None) -> Card:
    return card_from_row(r, goal_ids if goal_ids is not None else tuple(g.id for g in r.goals))


def card_from_row(row: Any, goal_ids: tuple[int, ...]) -> Card:
    return entity(Card, row, goal_ids=goal_ids)


def criterion(r: CriterionRecord | Row[Any]) -> SuccessCriterion:
    return entity(SuccessCriterion, r)


def measurement(r: MeasurementRecord | Row[Any]) -> Measurement:
    return entity(Measurement, r)


def goal(r: GoalRecord) -> Goal:
    return goal_from_row(r, r.criteria)


def goal_from_row(r: GoalRecord | Row[Any], criteria: Iterable[CriterionRecord | Row[Any]]) -> Goal:
    """A goal from its record or a plain row, with its criteria in order."""
    return entity(Goal, r, criteria=tuple(criterion(c) for c in criteria))


def cycle(r: CycleRecord | Row[Any]) -> Cycle:
    return entity(Cycle, r)


def log_entry(r: LogEntryRecord | Row[Any]) -> LogEntry:
    return entity(LogEntry, r)


def meeting(r: MeetingRecord) -> Meeting:
    return entity(
        Meeting,
        r,
        attendance=tuple(entity(Attendance, a) for a in r.attendance),
        agreements=tuple(entity(Agreement, a) for a in r.agreements),
        has_snapshot=r.snapshot is not None,
    )


def dispatch(r: DispatchRecord) -> Dispatch:
    return entity(Dispatch, r)
