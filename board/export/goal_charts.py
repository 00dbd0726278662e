"""A goal's charts as the PDFs print them (issue 11, item 5): each indicator's chart with
its verdict in words and the learning cycles on its time axis, as a reportlab ``Drawing``
(vector) — from the live board (the template PDF) or from a meeting's frozen board
document (the minutes, so minutes made again later are the same to the byte).

One indicator's chart is made here the way the goal's page makes it: a chart the series
cannot be drawn as (a P chart of plain numbers) is drawn as a run chart, with why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from reportlab.graphics.shapes import Drawing

from board.chart_text import cycle_label
from board.domain.entities import CriterionKind, Decision, Measurement, SuccessCriterion
from board.domain.errors import ValidationError
from board.domain.fields import entity_from_document
from board.domain.spc import Chart, ChartKind
from board.export.chart_drawing import drawing
from board.export.chart_layout import Annotation, chart_layout
from board.services.measurements import ChartInput, CycleMark, target_value

# A printed chart: a little taller than the wall's 16:9, its type read at arm's length.
PRINT_RATIO = 0.5
PRINT_TEXT_SCALE = 1.25


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    """An indicator's chart as printed."""

    criterion: SuccessCriterion
    chart: Chart
    dates: tuple[date, ...]
    target: float | None
    annotations: tuple[Annotation, ...]
    percent: bool
    problem: str  # why the chosen chart could not be drawn (a run chart is), or ""


def series(criterion: SuccessCriterion, rows: Iterable[Measurement]) -> ChartInput:
    """The chart input of ``rows`` (oldest first) under the criterion's chart settings."""
    points = [m for m in rows if m.value is not None]
    dates = tuple(m.measured_on for m in points)
    breaks = tuple(sorted({next((i for i, d in enumerate(dates) if d >= start), len(dates))
                           for start in criterion.phase_starts}))  # fmt: skip
    return ChartInput(
        criterion=criterion, dates=dates, values=tuple(float(m.value or 0.0) for m in points),
        numerators=tuple(m.numerator for m in points),
        denominators=tuple(m.denominator for m in points), kind=criterion.chart,
        freeze_points=criterion.freeze_points, breaks=breaks,
    )  # fmt: skip


def cycle_annotations(marks: Iterable[CycleMark]) -> tuple[Annotation, ...]:
    """The learning cycles on the time axis: »Kort nr. 5 · Cirkel 2 · Vedtag«."""
    return tuple(
        Annotation(
            m.day,
            cycle_label(m.card_number, m.cycle_number, m.decision.value if m.decision else None),
            m.decision.value if m.decision else None,
        )
        for m in marks
    )


def indicator_chart(data: ChartInput, marks: Iterable[CycleMark]) -> IndicatorChart | None:
    """The indicator's chart, or None without a measurement."""
    if not data.values:
        return None
    problem = ""
    try:
        chart = data.chart()
    except ValidationError as exc:  # e.g. a P chart of plain numbers: say so, draw a run chart
        problem = exc.message()
        chart = replace(data, kind=ChartKind.RUN).chart()
    percent = data.is_proportion and data.kind is not ChartKind.U
    return IndicatorChart(
        criterion=data.criterion, chart=chart, dates=data.dates,
        target=target_value(data.criterion, percent=percent), annotations=cycle_annotations(marks),
        percent=percent, problem=problem,
    )  # fmt: skip


def chart_drawing(item: IndicatorChart, width: float, *, title: bool = True) -> Drawing:
    """The chart across ``width`` points (a Flowable); ``title``: the indicator's text on
    its first line (cut short when it is long)."""
    layout = chart_layout(
        item.chart, item.dates, size=(width, width * PRINT_RATIO),
        title=item.criterion.text if title else "",
        target=item.target, annotations=item.annotations, percent=item.percent,
        text_scale=PRINT_TEXT_SCALE,
    )  # fmt: skip
    return drawing(layout)


# ------------------------------------------------------------------ from a board document


def document_charts(board: Mapping[str, Any], goal: Mapping[str, Any]) -> list[IndicatorChart]:
    """The charts of a goal of a board document (an export, a meeting's snapshot): its
    indicators with measurements, in order, under the chart settings the document holds."""
    marks = document_marks(board, goal["ref"])
    out = []
    for n, entry in enumerate(goal.get("criteria") or []):
        if entry.get("kind") != CriterionKind.INDICATOR.value:
            continue
        criterion = entity_from_document(
            SuccessCriterion, entry, id=n + 1, goal_id=goal["ref"], position=n
        )
        rows = [
            entity_from_document(Measurement, m, id=i + 1, criterion_id=n + 1)
            for i, m in enumerate(entry.get("measurements") or [])
        ]
        rows.sort(key=lambda m: m.measured_on)  # stable: the document's order within a day
        item = indicator_chart(series(criterion, rows), marks)
        if item is not None:
            out.append(item)
    return out


def document_marks(board: Mapping[str, Any], goal_ref: int) -> list[CycleMark]:
    """The learning cycles of the document's cards working towards the goal (archived too:
    the tests were made), as ``measurements.cycle_marks`` reads them from the database."""
    marks = []
    for card in board.get("cards") or []:
        if goal_ref not in (card.get("goals") or []):
            continue
        for cycle in card.get("cycles") or []:
            day = _day(cycle.get("closed_on")) or _day(cycle.get("started_on"))
            if day is None:
                continue
            decided = cycle.get("act_decision")
            marks.append(
                CycleMark(
                    day, card["number"], card["title"], cycle["number"],
                    Decision(decided) if decided else None,
                )
            )  # fmt: skip
    return sorted(marks, key=lambda m: (m.day, m.card_number, m.cycle_number))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def goals_with_charts(
    board: Mapping[str, Any], goals: Sequence[Mapping[str, Any]]
) -> list[tuple[int, Mapping[str, Any], list[IndicatorChart]]]:
    """(number in Mål, goal, its charts) of every goal that has a chart, in Mål's order."""
    ordered = sorted(goals, key=lambda g: str(g.get("position") or ""))
    out = []
    for number, goal in enumerate(ordered, 1):
        charts = document_charts(board, goal)
        if charts:
            out.append((number, goal, charts))
    return out
