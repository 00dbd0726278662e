"""Records to plain domain objects. Sessions and records never leave the services.

A record has a column of the same name for every field its entity declares
(``board.domain.entities``), so the mapping follows from the declaration: ``entity`` reads
each field and turns stored choices back into their enums; only what a record holds in
other tables (a card's goals, a goal's criteria, a meeting's attendance) is given by name.

Each function reads attributes only, so the same one makes a domain object from a record,
a SQLAlchemy row or the start's first read (board/persistence/first_read.py), which runs
before SQLAlchemy is imported: hence the records only for type checking here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from board.domain.entities import (
    Agreement,
    Attendance,
    Board,
    Card,
    Cycle,
    Dispatch,
    Goal,
    LearningPoint,
    LogEntry,
    Measurement,
    Meeting,
    MeetingRole,
    MeetingStep,
    Person,
    SuccessCriterion,
    TeamFormat,
)
from board.domain.fields import Declared, declared, typed

if TYPE_CHECKING:
    from sqlalchemy.engine import Row

    from board.persistence.records import (
        BoardRecord,
        CardRecord,
        CriterionRecord,
        CycleRecord,
        DispatchRecord,
        GoalRecord,
        LearningPointRecord,
        LogEntryRecord,
        MeasurementRecord,
        MeetingRecord,
        PersonRecord,
        TeamFormatRecord,
    )

T = TypeVar("T")


# Per enum field: its place among the columns read, its declaration and its members by value
# (a dict lookup: calling the enum class costs more than the rest of reading a card).
_Enums = tuple[tuple[int, Declared, dict[Any, Any]], ...]
_Reader = tuple[tuple[str, ...], Callable[[Any], Any], _Enums]
_READERS: dict[tuple[type, tuple[str, ...]], _Reader] = {}


def _reader(cls: type, given: tuple[str, ...]) -> _Reader:
    """The columns to read for ``cls`` (all its fields but ``given``) and which are enums."""
    key = (cls, given)
    found = _READERS.get(key)
    if found is None:
        read = [d for d in declared(cls) if d.attribute not in given]
        names = tuple(d.attribute for d in read)
        getter = attrgetter(*names) if len(names) > 1 else lambda row: (getattr(row, names[0]),)
        enums = tuple(
            (i, d, dict(d.enum._value2member_map_))
            for i, d in enumerate(read)
            if d.enum is not None
        )
        found = _READERS[key] = (names, getter, enums)
    return found


def entity(cls: type[T], row: Any, **given: Any) -> T:
    """An entity from a record or row with a column for each field not ``given``."""
    names, getter, enums = _reader(cls, tuple(given))
    values = getter(row)
    fields = dict(zip(names, values, strict=False))  # the getter reads exactly ``names``
    for i, d, members in enums:
        member = members.get(values[i])
        fields[d.attribute] = member if member is not None else typed(d, values[i])
    return cls(**fields, **given)


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
        steps=tuple(entity(MeetingStep, m) for m in r.steps),
        roles=tuple(entity(MeetingRole, m) for m in r.roles),
    )


def team_format(r: TeamFormatRecord) -> TeamFormat:
    return entity(TeamFormat, r)


def learning_point(r: LearningPointRecord | Row[Any]) -> LearningPoint:
    return entity(LearningPoint, r)


def dispatch(r: DispatchRecord) -> Dispatch:
    return entity(Dispatch, r)
