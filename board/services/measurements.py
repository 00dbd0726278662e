"""An indicator's measurements and a sign's dated observations (issue 11): entered, edited,
deleted (and put back), commented, imported from a file, and an indicator's chart.

Each function is one user action and one transaction. Who entered a measurement is the
computer user's name: the program has no sign-in, the wall screen is shared, a script that
imports a file has no person of the board, and asking "who are you?" would cost the wall's
three taps; the operating system's account name is known without asking.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.domain import spc, text
from board.domain.entities import (
    FREEZE_MAX,
    CriterionKind,
    Decision,
    Measurement,
    SuccessCriterion,
)
from board.domain.errors import NotFoundError, ValidationError
from board.domain.measurement_import import ImportedRow, read_measurements
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    CardGoalRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    GoalRecord,
    MeasurementRecord,
)
from board.services.common import computer_user, get, now

_UNSET: Any = object()


# ------------------------------------------------------------------ checked values


def _day(value: date | str | None, field: str = "field.measured_on") -> date:
    day = text.parse_date(value, field)
    if day is None:
        raise ValidationError("error.required", field=field)
    return day


def _number(value: float | int | str | None, field: str) -> float:
    """A finite number from a number or a text with a decimal comma or point."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("error.required", field=field)
    try:
        if isinstance(value, str):
            number = float(value.strip().replace(",", "."))
        elif isinstance(value, bool):
            raise ValueError(value)
        else:
            number = float(value)
    except (TypeError, ValueError):
        raise ValidationError("error.bad_number", field=field, value=str(value)) from None
    if not math.isfinite(number):
        raise ValidationError("error.bad_number", field=field, value=str(value))
    return number


@dataclass(frozen=True, slots=True)
class _Figures:
    value: float
    numerator: float | None
    denominator: float | None


def _figures(
    value: float | str | None, numerator: float | str | None, denominator: float | str | None
) -> _Figures:
    """A plain value, or a proportion ("7 af 9"): value = numerator / denominator."""
    if numerator is None and denominator is None:
        return _Figures(_number(value, "field.value"), None, None)
    top = _number(numerator, "field.numerator")
    bottom = _number(denominator, "field.denominator")
    if top < 0:
        raise ValidationError("error.negative", field="field.numerator", value=_shown(numerator))
    if bottom <= 0:
        raise ValidationError(
            "error.bad_denominator", field="field.denominator", value=_shown(denominator)
        )
    return _Figures(top / bottom, top, bottom)


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _indicator(s: Session, criterion_id: int) -> CriterionRecord:
    return get(s, CriterionRecord, criterion_id, "criterion")


def _measurement(s: Session, measurement_id: int) -> MeasurementRecord:
    return get(s, MeasurementRecord, measurement_id, "measurement")


# ------------------------------------------------------------------ one measurement


def add_measurement(
    db: Database,
    criterion_id: int,
    measured_on: date | str | None,
    value: float | str | None = None,
    *,
    numerator: float | str | None = None,
    denominator: float | str | None = None,
    note: str = "",
    entered_by: str | None = None,
) -> Measurement:
    """A measurement of an indicator: a value, or a numerator and a denominator."""
    day = _day(measured_on)
    figures = _figures(value, numerator, denominator)
    note = text.long_text(note, "field.note")
    who = computer_user() if entered_by is None else text.name(entered_by, "field.entered_by")
    with db.write() as s:
        _indicator(s, criterion_id)
        record = MeasurementRecord(
            criterion_id=criterion_id, measured_on=day, value=figures.value,
            numerator=figures.numerator, denominator=figures.denominator, note=note,
            entered_by=who, created_at=now(),
        )  # fmt: skip
        s.add(record)
        s.flush()
        return mapping.measurement(record)


def add_observation(
    db: Database,
    criterion_id: int,
    observed_on: date | str | None,
    observation: str,
    *,
    entered_by: str | None = None,
) -> Measurement:
    """A sign's dated observation: a text and no value."""
    day = _day(observed_on)
    words = text.long_text(observation, "field.observation")
    if not words.strip():
        raise ValidationError("error.required", field="field.observation")
    who = computer_user() if entered_by is None else text.name(entered_by, "field.entered_by")
    with db.write() as s:
        _indicator(s, criterion_id)
        record = MeasurementRecord(
            criterion_id=criterion_id, measured_on=day, value=None, note=words,
            entered_by=who, created_at=now(),
        )  # fmt: skip
        s.add(record)
        s.flush()
        return mapping.measurement(record)


def edit_measurement(
    db: Database,
    measurement_id: int,
    *,
    measured_on: date | str = _UNSET,
    value: float | str = _UNSET,
    numerator: float | str | None = _UNSET,
    denominator: float | str | None = _UNSET,
    note: str = _UNSET,
) -> Measurement:
    """Change the date, the figures (a value, or numerator and denominator together) or the
    note of a measurement; an observation's text is its note. Returns the new state (undo
    edits back with the old one)."""
    day = _day(measured_on) if measured_on is not _UNSET else None
    figures = None
    if value is not _UNSET or numerator is not _UNSET or denominator is not _UNSET:
        figures = _figures(
            None if value is _UNSET else value,
            None if numerator is _UNSET else numerator,
            None if denominator is _UNSET else denominator,
        )
    with db.write() as s:
        record = _measurement(s, measurement_id)
        if day is not None:
            record.measured_on = day
        if figures is not None:
            if record.value is None:  # an observation stays one
                raise ValidationError("error.observation_value")
            record.value = figures.value
            record.numerator, record.denominator = figures.numerator, figures.denominator
        if note is not _UNSET:
            words = text.long_text(note, "field.note")
            if record.value is None and not words.strip():
                raise ValidationError("error.required", field="field.observation")
            record.note = words
        s.flush()
        return mapping.measurement(record)


def comment_measurement(db: Database, measurement_id: int, note: str) -> Measurement:
    """A measurement's comment (its note)."""
    return edit_measurement(db, measurement_id, note=note)


def delete_measurement(db: Database, measurement_id: int) -> Measurement:
    """Delete a measurement; the returned one is what ``restore_measurement`` puts back."""
    with db.write() as s:
        record = _measurement(s, measurement_id)
        removed = mapping.measurement(record)
        s.delete(record)
        return removed


def restore_measurement(db: Database, removed: Measurement) -> Measurement:
    """Put a deleted measurement back as it was, under its own id when that is still free."""
    with db.write() as s:
        _indicator(s, removed.criterion_id)
        free = s.get(MeasurementRecord, removed.id) is None
        record = MeasurementRecord(
            id=removed.id if free else None, criterion_id=removed.criterion_id,
            measured_on=removed.measured_on, value=removed.value, numerator=removed.numerator,
            denominator=removed.denominator, note=removed.note, entered_by=removed.entered_by,
            created_at=removed.created_at,
        )  # fmt: skip
        s.add(record)
        s.flush()
        return mapping.measurement(record)


def measurements(db: Database, criterion_id: int) -> list[Measurement]:
    """A criterion's measurements (or observations), oldest first."""
    with db.read() as s:
        _indicator(s, criterion_id)
        return _series_read(s, MeasurementRecord.criterion_id == criterion_id)[criterion_id]


@dataclass(frozen=True, slots=True)
class GoalMeasurements:
    """Everything a goal's charts are drawn from, read in one transaction."""

    by_criterion: dict[int, list[Measurement]]  # every criterion of the goal, oldest first
    marks: tuple[CycleMark, ...]


def goal_measurements(db: Database, goal_id: int) -> GoalMeasurements:
    """The measurements of every criterion of the goal and its learning cycles (one read
    for a page of several charts, rather than one per chart)."""
    with db.read() as s:
        if s.scalar(select(GoalRecord.id).where(GoalRecord.id == goal_id)) is None:
            raise NotFoundError("error.not_found", what="goal", id=goal_id)
        ids = select(CriterionRecord.id).where(CriterionRecord.goal_id == goal_id)
        found = _series_read(s, MeasurementRecord.criterion_id.in_(ids))
        by_criterion = {i: found.get(i, []) for i in s.scalars(ids)}
        return GoalMeasurements(by_criterion, tuple(session_cycle_marks(s, goal_id)))


def indicators_with_data(db: Database, board_id: int) -> frozenset[int]:
    """The board's indicators with at least one measurement with a value (one read: which
    goals have a chart, without reading their measurements)."""
    with db.read() as s:
        return frozenset(
            s.scalars(
                select(MeasurementRecord.criterion_id)
                .distinct()
                .join(CriterionRecord, CriterionRecord.id == MeasurementRecord.criterion_id)
                .join(GoalRecord, GoalRecord.id == CriterionRecord.goal_id)
                .where(GoalRecord.board_id == board_id, MeasurementRecord.value.is_not(None))
            )
        )


def _series_read(s: Session, where: Any) -> defaultdict[int, list[Measurement]]:
    """Measurements as plain rows (no ORM objects: a chart of 100 points reads fast), per
    criterion, oldest first."""
    table = MeasurementRecord.__table__
    rows = s.execute(
        select(*table.columns)
        .where(where)
        .order_by(MeasurementRecord.measured_on, MeasurementRecord.id)
    )
    found: defaultdict[int, list[Measurement]] = defaultdict(list)
    for row in rows:
        found[row.criterion_id].append(mapping.measurement(row))
    return found


def _series(s: Session, criterion_id: int) -> Sequence[MeasurementRecord]:
    return s.scalars(
        select(MeasurementRecord)
        .where(MeasurementRecord.criterion_id == criterion_id)
        .order_by(MeasurementRecord.measured_on, MeasurementRecord.id)
    ).all()


# ------------------------------------------------------------------ the chart


def set_chart_settings(
    db: Database,
    criterion_id: int,
    *,
    chart: spc.ChartKind | str = _UNSET,
    freeze_points: int | str | None = _UNSET,
    phase_starts: Iterable[date | str] = _UNSET,
) -> SuccessCriterion:
    """The indicator's chart: its kind, "Fastlås basislinje" on the first N points (None:
    not frozen) and the days its phases start ("Ny fase fra …")."""
    kind = None
    if chart is not _UNSET:
        try:
            kind = spc.ChartKind(chart)
        except ValueError:
            raise ValidationError("error.chart.kind", value=str(chart)) from None
    freeze: Any = _freeze(freeze_points) if freeze_points is not _UNSET else _UNSET
    starts = (
        tuple(sorted({_day(d, "field.phase_start") for d in phase_starts}))
        if phase_starts is not _UNSET
        else None
    )
    with db.write() as s:
        record = _indicator(s, criterion_id)
        if kind is not None:
            record.chart = kind.value
        if freeze is not _UNSET:
            record.freeze_points = freeze
        if starts is not None:
            record.phase_starts = starts
        s.flush()
        return mapping.criterion(record)


def _freeze(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _number(value, "field.freeze_points")
    if not number.is_integer() or not 1 <= number <= FREEZE_MAX:
        raise ValidationError("error.bad_freeze", value=_shown(value), high=FREEZE_MAX)
    return int(number)


@dataclass(frozen=True, slots=True)
class ChartInput:
    """What an indicator's chart is drawn from: its measurements with a value, oldest first,
    and its settings (or those asked for)."""

    criterion: SuccessCriterion
    dates: tuple[date, ...]
    values: tuple[float, ...]
    numerators: tuple[float | None, ...]
    denominators: tuple[float | None, ...]
    kind: spc.ChartKind
    freeze_points: int | None
    breaks: tuple[int, ...]  # the index of each phase's first point
    # I chart only: leave out moving ranges above 3.267 × their mean (off, as qicharts2)
    screen: bool = False

    @property
    def is_proportion(self) -> bool:
        """Every point is a proportion: drawn as a percentage."""
        return bool(self.denominators) and all(d is not None for d in self.denominators)

    def chart(self) -> spc.Chart:
        """The ``spc.Chart`` of the series; a series that cannot be charted as asked is a
        ValidationError in the user's words."""
        name = self.criterion.text
        if not self.values:
            raise ValidationError("error.chart.empty", name=name)
        if self.kind in spc.NEEDS_DENOMINATORS:
            if not self.is_proportion:
                raise ValidationError("error.chart.needs_denominators", chart=self.kind.upper())
            nums = [n for n in self.numerators if n is not None]
            dens = [d for d in self.denominators if d is not None]
            if self.kind is spc.ChartKind.P:
                for top, bottom in zip(nums, dens, strict=True):
                    if top > bottom:
                        shown = f"{_shown(top)}/{_shown(bottom)}"
                        raise ValidationError("error.chart.above_one", value=shown)
            return spc.chart(self.kind, nums, dens, freeze=self.freeze_points, breaks=self.breaks)
        if self.screen and self.kind is not spc.ChartKind.I:
            raise ValidationError("error.chart.screen_i_only")
        return spc.chart(
            self.kind, self.values, freeze=self.freeze_points, breaks=self.breaks,
            screen_moving_ranges=self.screen,
        )  # fmt: skip


def chart_input(
    db: Database,
    criterion_id: int,
    *,
    kind: spc.ChartKind | str | None = None,
    freeze_points: int | None = _UNSET,
    screen: bool = False,
) -> ChartInput:
    """An indicator's chart input; ``kind`` and ``freeze_points`` override its settings;
    ``screen`` (I chart only) leaves out the moving ranges above 3.267 × their mean."""
    with db.read() as s:
        record = _indicator(s, criterion_id)
        criterion = mapping.criterion(record)
        rows = [r for r in _series(s, criterion_id) if r.value is not None]
    dates = tuple(r.measured_on for r in rows)
    starts = criterion.phase_starts
    breaks = tuple(sorted({next((i for i, d in enumerate(dates) if d >= start), len(dates))
                           for start in starts}))  # fmt: skip
    return ChartInput(
        criterion=criterion,
        dates=dates,
        values=tuple(float(r.value) for r in rows if r.value is not None),
        numerators=tuple(r.numerator for r in rows),
        denominators=tuple(r.denominator for r in rows),
        kind=spc.ChartKind(kind) if kind is not None else criterion.chart,
        freeze_points=criterion.freeze_points if freeze_points is _UNSET else freeze_points,
        breaks=breaks,
        screen=screen,
    )


@dataclass(frozen=True, slots=True)
class CycleMark:
    """A learning cycle of a card working towards the goal, on the chart's time axis: the
    day it was decided (else the day it started)."""

    day: date
    card_number: int
    card_title: str
    cycle_number: int
    decision: Decision | None


def cycle_marks(db: Database, goal_id: int) -> list[CycleMark]:
    """The learning cycles of the cards linked to the goal (its change ideas, in any lane,
    archived too: the tests were made), by day."""
    with db.read() as s:
        get(s, GoalRecord, goal_id, "goal")
        return session_cycle_marks(s, goal_id)


def session_cycle_marks(s: Session, goal_id: int) -> list[CycleMark]:
    """``cycle_marks`` inside a transaction already open (a read of more than the chart)."""
    rows = s.execute(
        select(CardRecord.number, CardRecord.title, CycleRecord)
        .join(CardGoalRecord, CardGoalRecord.card_id == CardRecord.id)
        .join(CycleRecord, CycleRecord.card_id == CardRecord.id)
        .where(CardGoalRecord.goal_id == goal_id)
    ).all()
    marks = []
    for number, title, cycle in rows:
        day = cycle.closed_on or cycle.started_on
        if day is None:
            continue
        decision = Decision(cycle.act_decision) if cycle.act_decision else None
        marks.append(CycleMark(day, number, title, cycle.number, decision))
    return sorted(marks, key=lambda m: (m.day, m.card_number, m.cycle_number))


# ------------------------------------------------------------------ finding by name


def find_goal(db: Database, board_id: int, title_or_number: str) -> int:
    """A goal's id by its text (»Hvad skal vi opnå?«: exact, then in any case) or its number
    in Mål (1 = the top one, archived goals not counted)."""
    wanted = title_or_number.strip()
    with db.read() as s:
        goals = s.scalars(
            select(GoalRecord).where(GoalRecord.board_id == board_id).order_by(GoalRecord.position)
        ).all()
        match = next((g for g in goals if g.aim.strip() == wanted), None)
        if match is None:
            folded = wanted.casefold()
            match = next((g for g in goals if g.aim.strip().casefold() == folded), None)
        active = [g for g in goals if not g.archived]
        if match is None and wanted.isdigit() and 1 <= int(wanted) <= len(active):
            match = active[int(wanted) - 1]
        if match is None:
            raise NotFoundError("error.unknown_goal_name", name=title_or_number)
        return match.id


def _find_indicator(s: Session, goal_id: int, name: str) -> CriterionRecord | None:
    records = s.scalars(
        select(CriterionRecord)
        .where(CriterionRecord.goal_id == goal_id, CriterionRecord.kind == CriterionKind.INDICATOR)
        .order_by(CriterionRecord.position)
    ).all()
    wanted = name.strip()
    match = next((c for c in records if c.text.strip() == wanted), None)
    if match is None:
        folded = wanted.casefold()
        match = next((c for c in records if c.text.strip().casefold() == folded), None)
    return match


def find_indicator(db: Database, goal_id: int, name: str) -> SuccessCriterion:
    """The goal's indicator by its text (exact, then in any case)."""
    with db.read() as s:
        get(s, GoalRecord, goal_id, "goal")
        record = _find_indicator(s, goal_id, name)
        if record is None:
            raise NotFoundError("error.unknown_indicator", name=name)
        return mapping.criterion(record)


# ------------------------------------------------------------------ import


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A file's measurements against an indicator's: the rows that add a measurement and
    those that update the measurement of the same day."""

    path: str
    added: tuple[ImportedRow, ...]
    updated: tuple[ImportedRow, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    criterion: SuccessCriterion
    added: int
    updated: int


def preview_import(
    db: Database, path: Path | str, *, criterion_id: int | None = None
) -> ImportPreview:
    """Read the file (every bad line named: MeasurementFileError, nothing read) and sort its
    rows into new days and days the indicator has (``criterion_id`` None: a new one)."""
    rows = read_measurements(path).rows
    days: set[date] = set()
    if criterion_id is not None:
        with db.read() as s:
            _indicator(s, criterion_id)
            days = {r.measured_on for r in _series(s, criterion_id) if r.value is not None}
    return ImportPreview(
        path=str(path),
        added=tuple(r for r in rows if r.measured_on not in days),
        updated=tuple(r for r in rows if r.measured_on in days),
    )


def apply_import(
    db: Database,
    preview: ImportPreview,
    *,
    criterion_id: int | None = None,
    goal_id: int | None = None,
    indicator: str = "",
) -> ImportResult:
    """Import the previewed rows in one transaction: a day the indicator has updates its
    (first) measurement, a new day adds one. The indicator is ``criterion_id``, or the goal's
    indicator named ``indicator``, created when the goal has none of that name."""
    who = computer_user()
    stamp = now()
    with db.write() as s:
        if criterion_id is not None:
            record = _indicator(s, criterion_id)
        else:
            if goal_id is None:
                raise ValueError("criterion_id or goal_id")
            record = _indicator_or_new(s, goal_id, indicator)
        existing: dict[date, MeasurementRecord] = {}
        for m in _series(s, record.id):
            if m.value is not None:
                existing.setdefault(m.measured_on, m)
        added = updated = 0
        for row in (*preview.added, *preview.updated):
            figures = (
                _Figures(row.value / row.denominator, row.value, row.denominator)
                if row.denominator is not None
                else _Figures(row.value, None, None)
            )
            found = existing.get(row.measured_on)
            if found is None:
                found = MeasurementRecord(
                    criterion_id=record.id, measured_on=row.measured_on, note=row.note,
                    entered_by=who, created_at=stamp,
                )  # fmt: skip
                s.add(found)
                existing[row.measured_on] = found
                added += 1
            else:
                if row.note:
                    found.note = row.note
                updated += 1
            found.value = figures.value
            found.numerator, found.denominator = figures.numerator, figures.denominator
        s.flush()
        return ImportResult(mapping.criterion(record), added, updated)


def _indicator_or_new(s: Session, goal_id: int, name: str) -> CriterionRecord:
    goal = get(s, GoalRecord, goal_id, "goal")
    found = _find_indicator(s, goal_id, name)
    if found is not None:
        return found
    words = text.long_text(name, "field.criterion").strip()
    if not words:
        raise ValidationError("error.required", field="field.criterion")
    record = CriterionRecord(
        kind=CriterionKind.INDICATOR.value, text=words, target="", unit="",
        position=max((c.position for c in goal.criteria), default=-1) + 1,
    )  # fmt: skip
    goal.criteria.append(record)
    s.flush()
    return record


_TARGET = re.compile(r"^\s*[≥≤<>=]?\s*([+-]?\d+(?:[.,]\d+)?)\s*(%?)")


def target_value(criterion: SuccessCriterion, *, percent: bool = False) -> float | None:
    """The target line's value from the criterion's target text ("80 %", "12", "≥ 3,5"), as
    the chart's points are (a percentage of a proportion as a fraction); None when the text
    does not start with a number."""
    found = _TARGET.match(criterion.target)
    if found is None:
        return None
    number = float(found.group(1).replace(",", "."))
    return number / 100 if percent and (found.group(2) or number > 1) else number
