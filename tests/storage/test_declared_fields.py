"""Every declared field of every entity survives each mapping derived from the declaration.

The entity dataclasses (``board.domain.entities``) are the one declaration of their fields;
records → entities, entities → document → entities and a snapshot → board state follow from
it. These tests fill every field with a telling value (not its default, distinct from the
others), taken from the declaration itself, so a field added to a dataclass and missed by
any of those mappings fails here without anyone touching this file.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import MISSING, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import count
from typing import Any, TypeVar, get_type_hints

import pytest
from sqlalchemy import select

from board.domain import entities
from board.domain.document_schema import MEETING_SUMMARY, check_document
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
from board.domain.fields import documented, entity_from_document, shape, to_document
from board.domain.snapshot import state_from_document
from board.meeting_formats import format_document, get_format
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    AttendanceRecord,
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
    MeetingRoleRecord,
    MeetingStepRecord,
    PersonRecord,
    TeamFormatRecord,
)
from board.services import boards, goals, learning_points, meetings, transfer

T = TypeVar("T")

RECORDS: dict[type, type] = {
    Board: BoardRecord,
    Person: PersonRecord,
    Card: CardRecord,
    SuccessCriterion: CriterionRecord,
    Measurement: MeasurementRecord,
    Goal: GoalRecord,
    Cycle: CycleRecord,
    LogEntry: LogEntryRecord,
    Attendance: AttendanceRecord,
    Agreement: AgreementRecord,
    Meeting: MeetingRecord,
    Dispatch: DispatchRecord,
    LearningPoint: LearningPointRecord,
    MeetingStep: MeetingStepRecord,
    MeetingRole: MeetingRoleRecord,
    TeamFormat: TeamFormatRecord,
}
# What a record holds in other tables, not in a column of its own: given by the mapping.
COMPOSED = {
    Card: {"goal_ids"},
    Goal: {"criteria"},
    Meeting: {"attendance", "agreements", "has_snapshot", "steps", "roles"},
}


class _Same(Mapping[int, int]):
    """References that are the ids themselves (a document read back as a board state)."""

    def __getitem__(self, key: int) -> int:
        return key

    def __iter__(self) -> Iterator[int]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def get(self, key: int, default: Any = None) -> int:  # type: ignore[override]
        return key


SAME: Mapping[str, Mapping[int, int]] = {
    t: _Same() for t in ("people", "goals", "cards", "cycles", "meetings")
}
_n = count(1)


def _telling(cls: type, name: str, hint: Any, default: Any) -> Any:
    """A value for one field that no mapping produces by accident."""
    n = next(_n)
    spec = next((d.spec for d in documented(cls) if d.attribute == name), None)
    if default is None and spec is not None:
        default = spec.default  # what a document without the field reads as
    options = hint.__args__ if isinstance(hint, types.UnionType) else (hint,)
    kind = next(o for o in options if o is not type(None))
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return list(kind)[-1]  # never the first, which a careless default would pick
    if getattr(kind, "__origin__", None) is tuple:
        if kind.__args__[0] is date:  # a chart's phase starts
            return (date(2026, 1, 1) + timedelta(days=n), date(2026, 2, 1) + timedelta(days=n))
        return (n, n + 1)
    if kind is bool:
        return not default
    if kind is int:
        return 20 + n % 200  # within a meeting's minutes
    if kind is float:
        return n + 0.25
    if kind is date:
        return date(2026, 1, 1) + timedelta(days=n)
    if kind is datetime:
        return datetime(2026, 1, 1, 8, 0) + timedelta(minutes=n)
    if getattr(kind, "__origin__", None) is dict:
        return {"name": f"{name}{n}"}
    if kind is str:
        if spec is not None and spec.kind == "choice":
            return spec.choices[-1]  # a Role's value: the last, as for an enum
        if spec is not None and spec.kind == "key":
            return "m" + "abcdefghij"[n % 10]
        if spec is not None and spec.kind == "email":
            return f"{name}{n}@kommune.example"
        return f"{name[:6]}{n}"  # short enough for every length limit
    raise AssertionError(f"{cls.__name__}.{name}: no telling value for {hint}")


def sample(cls: type[T], **given: Any) -> T:
    """An entity with every field telling, but for ``given``."""
    hints = get_type_hints(cls)
    values = dict(given)
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name not in values:
            default = f.default if f.default is not MISSING else None
            values[f.name] = _telling(cls, f.name, hints[f.name], default)
    return cls(**values)


def _database_only(entity: Any) -> dict[str, Any]:
    """The fields a document does not hold, to give back when reading one."""
    cls = type(entity)
    kept = {d.attribute for d in documented(cls)} | COMPOSED.get(cls, set())
    return {f.name: getattr(entity, f.name) for f in fields(cls) if f.name not in kept}


ENTITIES = list(RECORDS)


def test_every_entity_with_declared_fields_is_tested_here() -> None:
    """A new entity is picked up by the tests below once it declares a field for documents."""
    declared = {
        cls
        for cls in vars(entities).values()
        if isinstance(cls, type) and cls.__module__ == entities.__name__
        if hasattr(cls, "__dataclass_fields__") and documented(cls)
    }
    assert declared - set(RECORDS) == set()


def _composed(cls: type) -> dict[str, Any]:
    """Empty values for what a record holds in other tables (tested with those tables)."""
    return {name: False if name == "has_snapshot" else () for name in COMPOSED.get(cls, set())}


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: c.__name__)
def test_every_field_goes_to_a_document_and_back(cls: type) -> None:
    given = _composed(cls)
    given.pop("goal_ids", None)  # a card's goals are in its document entry
    entity = sample(cls, **given)
    entry = to_document(cls, entity, SAME)
    assert list(entry) == list(shape(cls))
    assert entity_from_document(cls, entry, **_database_only(entity), **given) == entity


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: c.__name__)
def test_every_field_comes_from_its_record(cls: type) -> None:
    composed = COMPOSED.get(cls, set())
    entity = sample(cls, **_composed(cls))
    stored = {
        f.name: getattr(entity, f.name).value
        if isinstance(getattr(entity, f.name), StrEnum)
        else getattr(entity, f.name)
        for f in fields(cls)
        if f.name not in composed
    }
    record = RECORDS[cls](**stored)
    back = mapping.entity(cls, record, **{name: getattr(entity, name) for name in composed})
    assert back == entity


def _board_document() -> dict[str, Any]:
    """A whole board in which every declared field of every entity holds a telling value."""

    def entry(entity: Any, **nested: Any) -> dict[str, Any]:
        return {**to_document(type(entity), entity, SAME), **nested}

    people = [sample(Person, id=1), sample(Person, id=2)]
    goal = sample(Goal, id=1, criteria=())
    card = sample(Card, id=1, owner_id=2, goal_ids=(1,))
    cycle = sample(Cycle, id=1, card_id=1)
    shown = sample(LogEntry, card_id=1, cycle_id=1, owner_id=1, archived=False)
    archived = sample(LogEntry, card_id=None, cycle_id=None, owner_id=None, archived=True)
    state = {
        "format": "forbedringstavle-board",
        "format_version": 1,
        "board": entry(sample(Board)),
        "people": [entry(p) for p in people],
        "goals": [
            entry(
                goal,
                criteria=[
                    entry(sample(SuccessCriterion), measurements=[entry(sample(Measurement))])
                ],
            )
        ],
        "cards": [entry(card, cycles=[entry(cycle)])],
        "log": [entry(shown), entry(archived)],
    }
    meeting = sample(
        Meeting, id=1, facilitator_id=1, attendance=(), agreements=(), has_snapshot=True,
        steps=(), roles=(), format_key="team-1",
    )  # fmt: skip
    team_format = sample(TeamFormat, document=format_document(get_format("sparring")))
    points = [
        sample(LearningPoint, meeting_id=1, noted_by_id=2, archived=False),
        sample(LearningPoint, meeting_id=None, noted_by_id=None, archived=True),
    ]
    return {
        **state,
        "team_formats": [entry(sample(TeamFormat, key="team-1", document=team_format.document))],
        "meetings": [
            entry(
                meeting,
                snapshot={"board": state, "meeting": check_document({}, shape=MEETING_SUMMARY)},
                baseline=state,
                attendance=[entry(sample(Attendance, person_id=2))],
                agreements=[entry(sample(Agreement, card_id=1, owner_id=1))],
                dispatches=[entry(sample(Dispatch))],
                steps=[entry(sample(MeetingStep)), entry(sample(MeetingStep))],
                roles=[entry(sample(MeetingRole, person_id=2))],
                cards=[1],
            )
        ],
        "learning_points": [entry(p) for p in points],
    }


def _without(entry: dict[str, Any], *nested: str) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in nested}


def test_every_field_of_a_board_goes_through_the_database_and_the_snapshot(db: Database) -> None:
    document = _board_document()
    assert check_document(document) == document  # valid, and nothing left to a default

    name = transfer.import_document(db, document)
    board_id = boards.find_board(db, name).id
    exported = transfer.export_board(db, board_id)
    assert exported == {**document, "board": {**document["board"], "name": name}}

    # Records → entities: what the window and the services read.
    state = boards.load_board(db, board_id)
    refs = {
        "people": {p.id: i for i, p in enumerate(sorted(state.people, key=lambda p: p.id), 1)},
        "goals": {g.id: i for i, g in enumerate(state.goals, 1)},
        "cards": {c.id: i for i, c in enumerate(state.cards, 1)},
        "cycles": {y.id: i for i, y in enumerate(state.current_cycles.values(), 1)},
    }
    [goal], [card], [cycle] = state.goals, state.cards, state.current_cycles.values()
    [criterion] = goal.criteria
    read = {
        "board": to_document(Board, state.board, refs),
        "people": [to_document(Person, p, refs) for p in sorted(state.people, key=lambda p: p.id)],
        "goal": to_document(Goal, goal, refs),
        "criterion": to_document(SuccessCriterion, criterion, refs),
        "measurements": [
            to_document(Measurement, m, refs) for m in goals.measurements(db, criterion.id)
        ],
        "card": to_document(Card, card, refs),
        "cycle": to_document(Cycle, cycle, refs),
        "log": [to_document(LogEntry, e, refs) for e in state.log],
    }
    [meeting] = meetings.list_meetings(db, board_id)
    refs["meetings"] = {meeting.id: 1}
    read_points = [
        to_document(LearningPoint, p, refs)
        for p in reversed(learning_points.list_learning_points(db, board_id, include_archived=True))
    ]
    assert read_points == document["learning_points"]
    read_meeting = {
        "meeting": to_document(Meeting, meeting, refs),
        "attendance": [to_document(Attendance, a, refs) for a in meeting.attendance],
        "agreements": [to_document(Agreement, a, refs) for a in meeting.agreements],
        "dispatches": [to_document(Dispatch, d, refs) for d in meetings.dispatches(db, meeting.id)],
        "steps": [to_document(MeetingStep, x, refs) for x in meeting.steps],
        "roles": [to_document(MeetingRole, r, refs) for r in meeting.roles],
        "cards": [refs["cards"][c.id] for c in state.cards if c.meeting_id == meeting.id],
    }
    [doc_goal], [doc_card] = document["goals"], document["cards"]
    [doc_criterion] = doc_goal["criteria"]
    [doc_meeting] = document["meetings"]
    expected = {
        "board": {**document["board"], "name": name},
        "people": document["people"],
        "goal": _without(doc_goal, "criteria"),
        "criterion": _without(doc_criterion, "measurements"),
        "measurements": doc_criterion["measurements"],
        "card": _without(doc_card, "cycles"),
        "cycle": doc_card["cycles"][0],
        "log": document["log"][:1],  # the board shows no archived entry
    }
    assert read == expected
    assert read_meeting == {
        "meeting": _without(
            doc_meeting,
            *("snapshot", "baseline", "attendance", "agreements", "dispatches", "steps"),
            *("roles", "cards"),
        ),
        "attendance": doc_meeting["attendance"],
        "agreements": doc_meeting["agreements"],
        "dispatches": doc_meeting["dispatches"],
        "steps": doc_meeting["steps"],
        "roles": doc_meeting["roles"],
        "cards": doc_meeting["cards"],
    }
    with db.read() as s:  # a team format as the services read it
        [team_format] = s.scalars(select(TeamFormatRecord)).all()
        read_format = to_document(TeamFormat, mapping.team_format(team_format), refs)
    assert [read_format] == document["team_formats"]

    # A snapshot → the board as it stood: what a past meeting's minutes and photo show.
    for snapshot in (state_from_document(document), meetings.meeting_board(db, meeting.id)):
        [goal], [card], [cycle] = snapshot.goals, snapshot.cards, snapshot.current_cycles.values()
        [criterion] = goal.criteria
        assert {
            "board": to_document(Board, snapshot.board, SAME),
            "people": [to_document(Person, p, SAME) for p in snapshot.people],
            "goal": to_document(Goal, goal, SAME),
            "criterion": to_document(SuccessCriterion, criterion, SAME),
            "measurements": expected["measurements"],  # a snapshot's board shows none
            "card": to_document(Card, card, SAME),
            "cycle": to_document(Cycle, cycle, SAME),
            "log": [to_document(LogEntry, e, SAME) for e in snapshot.log],
        } == {**expected, "board": document["board"]}
