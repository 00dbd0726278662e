"""Export → import gives back every field of every record, compared with the source.

A board is filled so that every column of every table holds a telling value (not empty, not
the default, distinct from the row's other values of its kind), exported, imported as a new
board, and both boards are read back from the database and compared column by column.
The columns come from the SQLAlchemy tables, so a column added later is filled and compared
without anyone touching this test: an export that forgets it fails here.

What is not compared, and why: primary keys (the import gives new ones; references are
compared by what they point at), ``version`` (an edit counter for concurrency, not content;
a new board starts at 1), the board's name (the import adds " (2)" when it is taken), a
running meeting's shared step (``LIVE_ONLY``: which screen leads it and where it is now) and
the record of erasures (``NOT_EXPORTED``: it belongs to the database where they were done).

The board is filled through the services. What no service can set is set on the records:
the clock stamps (``created_at``, ``updated_at``, ``started_at``, ``ended_at``, ``sent_at``:
the services stamp the current second, so a card's two stamps would coincide and a swap or a
copied stamp would go unnoticed) and ``agreement.done`` (the app has no "done" action yet);
likewise any column added later that the services below do not fill.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import fields, replace
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table, select
from sqlalchemy.types import JSON

from board.domain.entities import CYCLE_TEXT_FIELDS, BoardState, Decision, MeetingKind, ScaleStep
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.persistence.records import (
    Base,
    MeetingRecord,
)
from board.services import (
    boards,
    cards,
    cycles,
    goals,
    learning_points,
    log,
    measurements,
    meeting_steps,
    meetings,
    people,
    team_formats,
    transfer,
)

# The record of erasures (issue 13) is not in an export document: it says what was erased in
# this database, for its data protection officer. `copy` carries it beside the document
# (tests/cli/test_copy.py); an import into another database starts without one.
NOT_EXPORTED = {"privacy_record"}
TABLES: list[Table] = [  # parents before children
    t for t in Base.metadata.sorted_tables if t.name not in NOT_EXPORTED
]
NOT_COMPARED = {"version"}
# A running meeting's shared step (0006): where the leading screen is now and which screen
# leads, not content of the board; an imported board's meetings run on no screen.
LIVE_ONLY = {("meeting", c) for c in ("step_key", "step_started_at", "walk_card_id", "led_by")}
# When a meeting's snapshot was redacted (0007) belongs with the record of erasures below.
LIVE_ONLY.add(("meeting", "redacted_at"))

# Each example builds a board of ~60 service calls on a real database; a few examples per
# backend (the "board" profile in tests/conftest.py) vary the texts (Danish letters, line
# breaks, tabs, blanks at the ends), the dates and numbers.

# Letters a Danish team writes, plus blanks and line breaks inside long texts.
_LINE = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
)
_MULTILINE = st.one_of(_LINE, st.sampled_from("\n\t\r æøåÆØÅ"))


class Filler:
    """Draws telling values: each text starts with its own tag, so no two are ever equal."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self.draw = draw
        self.n = count(1)
        self.day0 = draw(st.dates(date(2001, 1, 1), date(2040, 1, 1)))
        self.time0 = draw(st.datetimes(datetime(2001, 1, 1), datetime(2040, 1, 1)))

    def title(self, tag: str) -> str:  # one line, trimmed by the services
        return f"{tag}{next(self.n)} {self.draw(st.text(_LINE, max_size=12))}".strip()

    def short(self, tag: str) -> str:  # initials: at most 12 characters
        return f"{tag}{next(self.n)}"

    def long(self, tag: str) -> str:  # stored exactly, blanks at the ends included
        return f"{tag}{next(self.n)} {self.draw(st.text(_MULTILINE, max_size=30))}"

    def email(self) -> str:
        local = self.draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8))
        return f"p{next(self.n)}.{local}@example.org"

    def day(self) -> date:
        return self.day0 + timedelta(days=next(self.n))

    def stamp(self) -> datetime:
        return self.time0 + timedelta(minutes=next(self.n), microseconds=next(self.n))

    def number(self) -> float:
        return self.draw(st.floats(-1e9, 1e9, allow_nan=False).filter(lambda v: v != 0))


# ------------------------------------------------------------------ filling a board

_BOARD_NUMBERS = count(1)


def fill_board(db: Database, f: Filler) -> int:
    """A board with everything a team records, made through the services; returns its id."""
    # Every example makes a new board in the same database: a name no example has used.
    board = boards.create_board(db, f"{next(_BOARD_NUMBERS)} {f.title('Tavle')}")
    team = [
        people.add_person(db, board.id, f.title("Navn"), f.short("I"), f.email()) for _ in range(3)
    ]
    people.edit_person(db, team[2].id, None, archived=True)
    aims = []
    for _ in range(2):
        goal = goals.add_goal(
            db,
            board.id,
            f.long("Mål"),
            development_point=f.long("Udviklingspunkt"),
            citizen_aim=f.long("Borgermål"),
            time_frame=f.title("Tidsramme"),
        )
        for kind in ("indicator", "sign"):
            criterion = goals.add_criterion(
                db, goal.id, kind, f.long("Kriterie"), target=f.title("M"), unit=f.title("E")
            )
            for _ in range(2):
                goals.add_measurement(db, criterion.id, f.day(), f.number(), f.long("Note"))
            # a proportion, who entered it, an observation; the chart's settings
            measurements.add_measurement(
                db, criterion.id, f.day(), numerator=3, denominator=abs(f.number()) + 4,
                note=f.long("Note"), entered_by=f.title("Af"),
            )  # fmt: skip
            measurements.add_observation(db, criterion.id, f.day(), f.long("Iagttagelse"))
            measurements.set_chart_settings(
                db, criterion.id, chart="u", freeze_points=12, phase_starts=[f.day(), f.day()]
            )
        aims.append(goal)
    goals.edit_goal(db, aims[1].id, None, archived=True)
    made = {}
    for i, lane in enumerate([*Lane, Lane.IDEAS]):
        made[i] = cards.add_card(
            db,
            board.id,
            f.title("Kort"),
            lane,
            description=f.long("Beskrivelse"),
            owner_id=team[i % 2].id,
            deadline=f.day(),
            goal_ids=(aims[i % 2].id,) if i % 3 else (aims[0].id, aims[1].id),
        )
    cards.set_archived(db, made[5].id, None, True)
    activity = made[2].id

    def texts() -> dict[str, str]:
        return {name: f.long(name) for name in CYCLE_TEXT_FIELDS if name != "act_next_step"}

    first = cycles.start_cycle(db, activity, ScaleStep.MORE)
    first = cycles.edit_cycle(db, first.id, None, started_on=f.day(), **texts())
    decision = f.draw(st.sampled_from(Decision))
    closed = cycles.decide(db, first.id, None, decision, f.long("Næste"), on=f.day())
    second = cycles.start_cycle(db, activity, ScaleStep.BROADER)
    cycles.edit_cycle(db, second.id, None, step="study", started_on=f.day(), **texts())
    log.edit_log_entry(db, closed.log_entry.id, None, learning=f.long("Læring"))
    done = cycles.start_cycle(db, made[4].id, ScaleStep.FULL)  # a card whose newest is closed
    done = cycles.edit_cycle(db, done.id, None, started_on=f.day(), **texts())
    cycles.decide(db, done.id, None, f.draw(st.sampled_from(Decision)), f.long("Næste"), on=f.day())
    for i in range(2):
        entry = log.add_log_entry(
            db,
            board.id,
            f.long("Afprøvet"),
            f.draw(st.sampled_from(Decision)) if i else None,  # a test without a decision
            f.long("Læring"),
            card_id=made[3].id,
            owner_id=team[i].id,
            logged_on=f.day(),
        )
    log.edit_log_entry(db, entry.id, None, archived=True)
    kind = f.draw(st.sampled_from(MeetingKind))
    meeting = meetings.start_meeting(
        db,
        board.id,
        kind,
        f.draw(st.integers(16, 240)),
        facilitator_id=team[1].id,
        format_key=_team_format(db, board.id, kind, f),
    )
    meetings.set_present(db, meeting.id, team[0].id, True)
    meetings.add_guest(db, meeting.id, f.title("Gæst"))
    meetings.add_agreement(db, meeting.id, f.long("Aftale"), team[1].id, f.day(), activity)
    meetings.add_agreement(db, meeting.id, f.long("Aftale"))  # nobody, no date, no card
    meetings.edit_meeting(db, meeting.id, notes=f.long("Noter"))
    _meeting_outputs(db, meeting.id, team, f)
    meetings.end_meeting(db, meeting.id, f.day())
    meetings.record_dispatch(db, meeting.id, f.email(), True, f.long("Svar"))
    meetings.record_dispatch(db, meeting.id, f.email(), False, f.long("Fejl"))
    noted = learning_points.add_learning_point(
        db,
        board.id,
        f.long("Læringspunkt"),
        noted_on=f.day(),
        meeting_id=meeting.id,
        case_label=f.short("Sag"),  # a drawn text could look like a CPR number: refused
        noted_by_id=team[0].id,
    )
    later = learning_points.add_learning_point(db, board.id, f.long("Punkt"), noted_on=f.day())
    learning_points.archive_learning_point(db, later.point.id, None)
    assert noted.point.meeting_id == meeting.id
    complete_on_records(db, board.id, f)
    return board.id


def _team_format(db: Database, board_id: int, kind: MeetingKind, f: Filler) -> str:
    """Two team formats copied from ``kind`` (the second archived), texts drawn; the first's key."""
    keys = []
    for _ in range(2):
        copied = team_formats.copy_format(db, board_id, kind.value, f.title("Format"))
        texts = {key: f.long("Tekst") for key in copied.texts}
        keys.append(team_formats.save_format(db, board_id, replace(copied, texts=texts)).key)
    team_formats.archive_format(db, board_id, keys[1])
    return keys[0]


def _meeting_outputs(db: Database, meeting_id: int, team: list[Any], f: Filler) -> None:
    """The steps' notes and roles, a decision at a step and an idea: what a meeting of any
    format leaves behind."""
    meeting = meetings.get_meeting(db, meeting_id)
    steps = team_formats.format_for(db, meeting.board_id, meeting.kind, meeting.format_key).steps
    for step in steps[:2]:
        meeting_steps.set_step_notes(db, meeting_id, step.key, f.long("Noter"))
    meeting_steps.set_role(db, meeting_id, "note_taker", team[0].id)
    meeting_steps.set_role(db, meeting_id, "team_leader", None, f.title("Gæst"))
    meeting_steps.add_decision(
        db, meeting_id, f.title("Beslutning"), team[1].id, f.day(), steps[-1].key
    )
    meeting_steps.add_idea(db, meeting_id, f.title("Idé"), steps[0].key)


# ------------------------------------------------------------------ rows of a board


def board_rows(s: Any, board_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table that belongs to the board, as plain column dicts."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        every = [dict(r._mapping) for r in s.execute(select(table))]
        if table.name == "board":
            rows[table.name] = [r for r in every if r["id"] == board_id]
            continue
        parents = [
            (c.name, fk.column.table.name)
            for c in table.columns
            if not c.nullable or c.name == "board_id"
            for fk in c.foreign_keys
        ]
        assert parents, f"{table.name}: cannot tell which board a row belongs to"
        rows[table.name] = [
            r
            for r in every
            if any(r[col] in {p["id"] for p in rows[parent]} for col, parent in parents)
        ]
    return rows


def compared(table: Table) -> list[Any]:
    """The columns that must survive: all but the primary key, the version, the board name."""
    return [
        c
        for c in table.columns
        if not (c.primary_key and not c.foreign_keys)
        and c.name not in NOT_COMPARED
        and (table.name, c.name) not in LIVE_ONLY
        and not (table.name == "board" and c.name == "name")
    ]


def _default(column: Any) -> Any:
    return column.default.arg if column.default is not None and column.default.is_scalar else None


def telling(column: Any, value: Any) -> bool:
    """A value an importer that forgot the column could not produce by chance."""
    return value not in (None, "", False, 0, {}, []) and value != _default(column)


def column_telling(column: Any, values: list[Any]) -> bool:
    """Some row's value would be lost if the column were forgotten. A yes/no column must hold
    both: an importer that forgot it gives every row the same answer, whichever it is."""
    if isinstance(column.type, Boolean):
        return {True, False} <= set(values)
    return any(telling(column, v) for v in values)


def complete_on_records(db: Database, board_id: int, f: Filler) -> None:
    """Set what the services cannot: the clock stamps, and any column still without a value."""
    records = {m.local_table.name: m.class_ for m in Base.registry.mappers}
    with db.write() as s:
        rows = board_rows(s, board_id)
        for table in TABLES:
            cls = records.get(table.name)
            for column in compared(table):
                values = [r[column.name] for r in rows[table.name]]
                stamps = isinstance(column.type, DateTime)
                if (not stamps and column_telling(column, values)) or cls is None:
                    continue
                for i, row in enumerate(rows[table.name]):
                    key = {k.name: row[k.name] for k in table.primary_key}
                    record = s.get(cls, tuple(key.values()) if len(key) > 1 else row["id"])
                    value = _made_up(column, f, rows, first=i == 0, now=row[column.name])
                    if value is not None:
                        setattr(record, column.key, value)


def _made_up(column: Any, f: Filler, rows: dict[str, list[dict]], first: bool, now: Any) -> Any:
    kind = column.type
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table.name
        return rows[target][0]["id"] if rows[target] else None
    if isinstance(kind, Boolean):
        return (not now) if first else None  # the first row answers otherwise
    if isinstance(kind, DateTime):
        return f.stamp()
    if isinstance(kind, Date):
        return f.day()
    if isinstance(kind, Integer):
        return 7 + next(f.n)
    if isinstance(kind, Float):
        return 0.5 + next(f.n)
    if isinstance(kind, JSON):
        return {"made_up": next(f.n)}
    return f.short("x")


def assert_every_field_telling(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The source board really holds a telling value in every column (else nothing is tested)."""
    for table in TABLES:
        assert rows[table.name], f"the test board has no {table.name} rows"
        for column in compared(table):
            assert column_telling(column, [r[column.name] for r in rows[table.name]]), (
                f"the test board never fills {table.name}.{column.name}"
            )
        for row in rows[table.name]:
            for kind in (str, date, datetime):
                values = [
                    row[c.name]
                    for c in compared(table)
                    if type(row[c.name]) is kind and row[c.name] and not c.foreign_keys
                ]
                assert len(values) == len(set(values)), f"{table.name}: equal values {values}"


def resolved(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Counter[Hashable]]:
    """Each table as a multiset of rows, ids dropped and references replaced by the row
    they point at (resolved the same way), so two boards compare whatever their ids."""
    by_id = {t.name: {r["id"]: r for r in rows[t.name] if "id" in r} for t in TABLES}
    memo: dict[tuple[str, int], Hashable] = {}

    def row_value(table: Table, row: dict[str, Any]) -> Hashable:
        return tuple((c.name, value(c, row[c.name])) for c in compared(table))

    def value(column: Any, v: Any) -> Hashable:
        if v is None:
            return None
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table
            if (target.name, v) not in memo:
                memo[target.name, v] = row_value(target, by_id[target.name][v])
            return memo[target.name, v]
        if isinstance(v, dict | list):
            return json.dumps(v, sort_keys=True)
        return v

    return {t.name: Counter(row_value(t, r) for r in rows[t.name]) for t in TABLES}


def assert_same_board(original: dict[str, list[dict]], copy: dict[str, list[dict]]) -> None:
    want, got = resolved(original), resolved(copy)
    for table in TABLES:
        for column in compared(table):  # first column by column: the message names the field
            names = [c.name for c in compared(table)]
            i = names.index(column.name)

            def column_values(rows: Counter[Hashable], i: int = i) -> list[str]:
                return sorted(repr(r[i][1]) for r in rows.elements())  # type: ignore[index]

            assert column_values(got[table.name]) == column_values(want[table.name]), (
                f"{table.name}.{column.name} differs after export → import"
            )
        assert got[table.name] == want[table.name], f"{table.name} rows differ"


# ------------------------------------------------------------------ the tests


@given(data=st.data())
def test_export_then_import_gives_back_every_field_of_every_record(
    db: Database, data: st.DataObject
) -> None:
    board_id = fill_board(db, Filler(data.draw))
    with db.read() as s:
        original = board_rows(s, board_id)
    assert_every_field_telling(original)

    name = transfer.import_document(db, json.loads(json.dumps(transfer.export_board(db, board_id))))
    copy_id = boards.find_board(db, name).id
    assert copy_id != board_id
    with db.read() as s:
        assert_same_board(original, board_rows(s, copy_id))
        assert board_rows(s, board_id) == original  # the export changed nothing


# The frozen snapshot read back must show the board as the window showed it when the meeting
# ended. BoardState holds plain dataclasses; their fields are enumerated, so a field added to
# an entity is compared too. Ids are the document's own there, so references are compared by
# what they point at: a person by name, a goal by its aim, a card by its number.
_REFERENCES = {
    "owner_id": "person",
    "facilitator_id": "person",
    "person_id": "person",
    "card_id": "card",
    "goal_id": "goal",
    "goal_ids": "goal",
}
# A card's meeting_id: a snapshot's board holds no meetings to name (the meeting's summary
# says what was made at it).
_NOT_IN_STATE = {"id", "board_id", "version", "meeting_id"}


def _state_view(state: BoardState, cycle_numbers: dict[int, tuple[int, int]]) -> dict[str, Any]:
    """The state as comparable values, every dataclass field included (see above)."""
    identity = {
        "person": {p.id: p.name for p in state.people},
        "goal": {g.id: g.aim for g in state.goals},
        "card": {c.id: c.number for c in state.cards},
    }

    def view(obj: Any, skip: tuple[str, ...] = ()) -> tuple:
        out = []
        for fld in fields(obj):
            name, v = fld.name, getattr(obj, fld.name)
            if name in _NOT_IN_STATE or name in skip:
                continue
            if name == "cycle_id":
                v = cycle_numbers.get(v) if v is not None else None
            elif name in _REFERENCES and v is not None:
                table = identity[_REFERENCES[name]]
                v = tuple(table[x] for x in v) if isinstance(v, tuple) else table[v]
            elif isinstance(v, tuple) and v and hasattr(v[0], "__dataclass_fields__"):
                v = tuple(view(x, skip=("goal_id",)) for x in v)  # a goal's own criteria
            out.append((name, v))
        return tuple(out)

    assert {f.name for f in fields(BoardState)} == {
        "board", "cards", "goals", "people", "log", "current_cycles"
    }, "BoardState has a new part: compare it below"  # fmt: skip
    return {
        "board": view(state.board),
        "cards": sorted(view(c) for c in state.cards),
        "goals": [view(g) for g in state.goals],
        "people": sorted(view(p) for p in state.people),
        "log": [view(e) for e in state.log],
        "current_cycles": sorted(
            (identity["card"][card_id], view(c)) for card_id, c in state.current_cycles.items()
        ),
    }


@given(data=st.data())
def test_a_meeting_snapshot_reads_back_as_the_board_it_froze(
    db: Database, data: st.DataObject
) -> None:
    board_id = fill_board(db, Filler(data.draw))
    meeting = meetings.start_meeting(db, board_id)
    meeting = meetings.end_meeting(db, meeting.id)
    live = boards.load_board(db, board_id)
    frozen = meetings.meeting_board(db, meeting.id)

    live_cycles = {
        y.id: (card.number, y.number)
        for card in live.cards
        for y in cycles.list_cycles(db, card.id)
    }
    with db.read() as s:
        document = s.get(MeetingRecord, meeting.id).snapshot["board"]
    frozen_cycles = {
        y["ref"]: (c["number"], y["number"]) for c in document["cards"] for y in c["cycles"]
    }
    want, got = _state_view(live, live_cycles), _state_view(frozen, frozen_cycles)
    for part, items in want.items():  # field by field first: the message names the field
        rows = items if isinstance(items, list) else [items]
        got_rows = got[part] if isinstance(got[part], list) else [got[part]]
        for name in dict(_flat(rows[0])) if rows else ():
            assert [dict(_flat(r)).get(name) for r in got_rows] == [
                dict(_flat(r))[name] for r in rows
            ], f"{part}: {name} differs in the snapshot read back"
    assert got == want


def _flat(row: Any) -> tuple:
    """A view's (field, value) pairs; a current cycle's view is keyed by its card's number."""
    return row[1] if isinstance(row[0], int) else row
