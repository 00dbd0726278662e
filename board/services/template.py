"""Everything the improvement-model template of one card shows (Hæfte 4, 5.1 / Figur 12).

Read in one transaction and returned as plain frozen dataclasses, so the PDF export (and a
future template window) never touch a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from board.domain.entities import Board, Card, Cycle, Goal, Measurement
from board.domain.errors import NotFoundError
from board.domain.lanes import FLOW, Lane
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardGoalRecord,
    CardRecord,
    CycleRecord,
    MeasurementRecord,
    PersonRecord,
)
from board.services import measurements
from board.services.common import get, today
from board.services.measurements import CycleMark


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One change idea in a goal's change catalogue (forandringskatalog)."""

    card_id: int
    number: int
    title: str
    lane: Lane
    selected: bool  # the card this template is about (Figur 4: "Udvalgt prøvehandling")


@dataclass(frozen=True, slots=True)
class GoalSection:
    """The three questions for one development point the card is linked to."""

    goal: Goal
    catalogue: tuple[CatalogueEntry, ...]


@dataclass(frozen=True, slots=True)
class TemplateData:
    board: Board
    card: Card
    owner_name: str  # "" when the card has no owner
    goals: tuple[GoalSection, ...]  # active goals linked to the card, in board order
    cycles: tuple[Cycle, ...]  # all learning cycles of the card, oldest first
    people: dict[int, str] = field(default_factory=dict)  # person id -> name (archived too)
    latest: dict[int, Measurement] = field(default_factory=dict)  # criterion id -> newest
    # An indicator's measurements, oldest first (criterion id ->), and the learning cycles of
    # the cards working towards a goal (goal id ->): the goal's charts.
    series: dict[int, tuple[Measurement, ...]] = field(default_factory=dict)
    marks: dict[int, tuple[CycleMark, ...]] = field(default_factory=dict)
    printed_on: date = field(default_factory=today)

    @property
    def catalogue(self) -> tuple[CatalogueEntry, ...]:
        """The other active cards linked to the same goal(s), each once."""
        seen: dict[int, CatalogueEntry] = {}
        for section in self.goals:
            for entry in section.catalogue:
                if not entry.selected:
                    seen.setdefault(entry.card_id, entry)
        return tuple(seen.values())


_LANE_ORDER = {lane: n for n, lane in enumerate(FLOW)}


def template_data(db: Database, board_id: int, card_id: int) -> TemplateData:
    """The template of card ``card_id`` on board ``board_id``, read in one transaction."""
    with db.read() as s:
        board = get(s, BoardRecord, board_id, "board")
        card = s.get(CardRecord, card_id)
        if card is None or card.board_id != board_id:
            raise NotFoundError("error.not_found", what="card", id=card_id)
        goals = [g for g in card.goals if not g.archived]
        goal_ids = [g.id for g in goals]

        linked: dict[int, list[CardRecord]] = {gid: [] for gid in goal_ids}
        if goal_ids:
            rows = s.execute(
                select(CardGoalRecord.goal_id, CardRecord)
                .join(CardRecord, CardRecord.id == CardGoalRecord.card_id)
                .where(CardGoalRecord.goal_id.in_(goal_ids), CardRecord.archived.is_(False))
            ).all()
            for goal_id, other in rows:
                linked[goal_id].append(other)

        sections = []
        for goal in goals:
            others = sorted(
                linked[goal.id],
                key=lambda c: (_LANE_ORDER.get(Lane(c.lane), len(FLOW)), c.position),
            )
            entries = tuple(
                CatalogueEntry(c.id, c.number, c.title, Lane(c.lane), c.id == card.id)
                for c in others
            )
            sections.append(GoalSection(mapping.goal(goal), entries))

        cycles = s.scalars(
            select(CycleRecord).where(CycleRecord.card_id == card.id).order_by(CycleRecord.number)
        ).all()
        people = dict(
            s.execute(
                select(PersonRecord.id, PersonRecord.name).where(PersonRecord.board_id == board_id)
            ).all()
        )
        criterion_ids = [c.id for g in goals for c in g.criteria]
        latest: dict[int, Measurement] = {}
        series: dict[int, list[Measurement]] = {}
        if criterion_ids:
            for m in s.scalars(
                select(MeasurementRecord)
                .where(
                    MeasurementRecord.criterion_id.in_(criterion_ids),
                    MeasurementRecord.value.is_not(None),  # a sign's observation has none
                )
                .order_by(MeasurementRecord.measured_on, MeasurementRecord.id)
            ):
                latest[m.criterion_id] = mapping.measurement(m)
                series.setdefault(m.criterion_id, []).append(latest[m.criterion_id])
        return TemplateData(
            board=mapping.board(board),
            card=mapping.card(card),
            owner_name=people.get(card.owner_id, "") if card.owner_id is not None else "",
            goals=tuple(sections),
            cycles=tuple(mapping.cycle(c) for c in cycles),
            people=people,
            latest=latest,
            series={k: tuple(v) for k, v in series.items()},
            marks={  # only a goal with a chart needs its learning cycles
                g.id: tuple(measurements.session_cycle_marks(s, g.id))
                for g in goals
                if any(c.id in series for c in g.criteria)
            },
        )
