"""The demo board's data (issue 11): the first start shows a run chart with a signal after an
adopted test, and a proportion ("7 af 9 familier").

- The indicator of the first goal gets 30 weekly measurements: 21 around 2 procentpoint, then
  9 around 8 after "Slyngevejledning til nye forældre" was adopted (its learning cycle closed
  ten weeks ago). The median of the 30 is 3.5 and the last 9 lie above it: a run of 9, longer
  than the 8 Anhøj's rule allows for 30 points, so the chart says "Tegn på forandring: 9
  punkter i træk over medianen". The newest value is 7.
- A proportion indicator on the same goal: families with a preparatory meeting before the
  start-up meeting, weekly for 12 weeks, the newest "7 af 9".

Dates are relative to today. Written in the demo's one transaction.
"""

from __future__ import annotations

from datetime import date, timedelta

from board.domain.entities import CriterionKind, CycleStep, Decision, ScaleStep
from board.persistence.records import CardRecord, CriterionRecord, CycleRecord, MeasurementRecord

# pragma: no mutate block (demo content, not behaviour)
BASELINE = (2, 4, 1, 3, 5, 2, 0, 3, 4, 2, 1, 4, 3, 2, 5, 1, 3, 2, 4, 3, 1)
AFTER = (7, 8, 6, 9, 8, 10, 7, 9, 7)  # after the adopted test: the newest is 7
ADOPTED_WEEKS_AGO = len(AFTER) + 1

PROPORTION = "Familier med forberedende møde før opstartsmødet"
FAMILIES = ((3, 8), (4, 9), (2, 7), (4, 8), (5, 9), (3, 6), (5, 8), (6, 9), (4, 7), (6, 8),
            (5, 7), (7, 9))  # fmt: skip
ENTERED_BY = "Gitte Holm"


def indicator_series(indicator: CriterionRecord, day: date) -> None:
    """The first goal's indicator: 30 weekly measurements, the newest today."""
    values = (*BASELINE, *AFTER)
    for i, value in enumerate(values):
        weeks_ago = len(values) - 1 - i
        indicator.measurements.append(
            MeasurementRecord(
                measured_on=day - timedelta(weeks=weeks_ago), value=float(value), note="",
                entered_by=ENTERED_BY,
            )
        )  # fmt: skip
    indicator.measurements[len(BASELINE)].note = "Første uge med slyngevejledningen i alle forløb"


def proportion_indicator(position: int, day: date) -> CriterionRecord:
    """A proportion indicator: "7 af 9 familier" this week."""
    record = CriterionRecord(
        kind=CriterionKind.INDICATOR.value, text=PROPORTION, target="80 %", unit="familier",
        position=position, chart="run",
    )  # fmt: skip
    for i, (families, of) in enumerate(FAMILIES):
        record.measurements.append(
            MeasurementRecord(
                measured_on=day - timedelta(weeks=len(FAMILIES) - 1 - i), value=families / of,
                numerator=float(families), denominator=float(of), note="",
                entered_by=ENTERED_BY,
            )
        )  # fmt: skip
    return record


def adopted_cycle(card: CardRecord, day: date) -> CycleRecord:
    """The learning cycle whose adoption came before the shift, on the chart's time axis."""
    return CycleRecord(
        card_id=card.id,
        number=1,
        step=CycleStep.CLOSED.value,
        scale_step=ScaleStep.ONE.value,
        plan_hypothesis="En skriftlig slyngevejledning gør forældrene trygge ved at bære barnet.",
        plan_change="Vejledningen udleveres og gennemgås på hjemmebesøg.",
        do_what_happened="Vejledningen blev gennemgået på hjemmebesøg hos fire familier.",
        study_findings="Forældrene brugte slyngen dagligt og beskrev barnets signaler.",
        act_decision=Decision.ADOPT.value,
        act_next_step="Vejledningen bruges i alle forløb.",
        started_on=day - timedelta(weeks=ADOPTED_WEEKS_AGO + 4),
        closed_on=day - timedelta(weeks=ADOPTED_WEEKS_AGO),
    )
