"""A chart's verdict in words, in the user's language: what Anhøj's rules and the control
limits say about the latest part ("Tegn på forandring: 15 punkter i træk under medianen").

The figures come from ``board.domain.spc``; this module only words them, for the goal's page,
the meeting, the minutes PDF and the command line alike.
"""

from __future__ import annotations

from board.domain.runs import MIN_POINTS, RunsAnalysis, Side
from board.domain.spc import Chart, ChartKind
from board.i18n import tr, tr_n

_RUN_KEYS = {
    (Side.BELOW, True): "chart.verdict.run_below_median",
    (Side.ABOVE, True): "chart.verdict.run_above_median",
    (Side.BELOW, False): "chart.verdict.run_below_centre",
    (Side.ABOVE, False): "chart.verdict.run_above_centre",
}


def runs_verdict(runs: RunsAnalysis, *, median: bool = True) -> list[str]:
    """What the runs rules say, one sentence per signal; ``median``: the centre line is the
    median (a run chart), else the mean of an SPC chart. Empty when there is no signal."""
    if runs.too_few:
        return [tr_n("chart.verdict.too_few", runs.n_useful, needed=MIN_POINTS)]
    lines = []
    if runs.signal_run is not None:
        key = _RUN_KEYS[(runs.signal_run.side, median)]
        lines.append(tr_n(key, runs.signal_run.length))
    if runs.few_crossings:
        key = "chart.verdict.crossings_median" if median else "chart.verdict.crossings"
        lines.append(tr_n(key, runs.crossings, expected=runs.crossings_min))
    return lines


def verdict(chart: Chart) -> list[str]:
    """The verdict on the chart's latest part, one sentence a line: the runs signals, the
    points outside the control limits, or that there is no sign of change."""
    part = chart.last
    lines = runs_verdict(part.runs, median=chart.kind is ChartKind.RUN)
    if part.sigma_signals:
        lines.append(tr_n("chart.verdict.sigma", len(part.sigma_signals)))
    return lines or [tr("chart.verdict.none")]


def cycle_label(card_number: int, cycle_number: int, decision: str | None) -> str:
    """A learning cycle on the chart's time axis: »Kort nr. 5 · Cirkel 2 · Vedtag«.
    ``decision``: a ``Decision`` value, None while the cycle is open."""
    if decision is None:
        return tr("chart.annotation", card=card_number, cycle=cycle_number)
    return tr(
        "chart.annotation.decided",
        card=card_number,
        cycle=cycle_number,
        decision=tr(f"decision.{decision}"),
    )
