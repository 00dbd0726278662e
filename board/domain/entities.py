"""The board's records as plain, immutable dataclasses.

Services return these; the UI and exports read them. A change is made by calling a
service, which returns the new version of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from board.domain.lanes import Lane


class CycleStep(StrEnum):
    """Where a learning cycle stands: Planlæg, Afprøv, Reflektér, Justér, or closed."""

    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"
    CLOSED = "closed"

    @property
    def letter(self) -> str:
        return {"plan": "P", "do": "D", "study": "S", "act": "A", "closed": "✓"}[self.value]


class Decision(StrEnum):
    """Justér: confirm, adjust or reject the hypothesis."""

    ADOPT = "adopt"  # vedtag
    ADAPT = "adapt"  # justér
    ABANDON = "abandon"  # forkast


class ScaleStep(StrEnum):
    """The scale-up ladder of section 3 in Hæfte 4."""

    ONE = "one"  # én borger eller pårørende
    MORE = "more"  # flere borgere, pårørende og personale
    BROADER = "broader"  # en bredere kreds i en periode
    FULL = "full"  # fuld skala
    IMPLEMENTED = "implemented"  # implementeret


class CriterionKind(StrEnum):
    INDICATOR = "indicator"  # quantitative, with a target
    SIGN = "sign"  # qualitative


class MeetingKind(StrEnum):
    PROGRESS = "progress"  # fremdriftsmøde (Hæfte 4, 5.2)
    LEARNING = "learning"  # systematisk læringsmøde
    REFLECTION = "reflection"  # lærings- og refleksionsmøde
    REFLECTION_DAY = "reflection_day"  # refleksionsdag
    LEARNING_VISIT = "learning_visit"  # læringsbesøg
    SPARRING = "sparring"  # teamsparring på enkeltsager


@dataclass(frozen=True, slots=True)
class Board:
    id: int
    name: str
    version: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    board_id: int
    name: str
    initials: str
    email: str
    archived: bool
    version: int


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    board_id: int
    number: int
    lane: Lane
    position: str
    title: str
    description: str
    owner_id: int | None
    deadline: date | None
    archived: bool
    version: int
    goal_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def is_overdue(self, today: date) -> bool:
        return (
            self.deadline is not None
            and self.deadline < today
            and self.lane in (Lane.PRIORITISED, Lane.ACTIVITIES)
        )


@dataclass(frozen=True, slots=True)
class SuccessCriterion:
    id: int
    goal_id: int
    kind: CriterionKind
    text: str
    target: str
    unit: str
    position: int


@dataclass(frozen=True, slots=True)
class Measurement:
    id: int
    criterion_id: int
    measured_on: date
    value: float
    note: str


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    board_id: int
    position: str
    development_point: str  # udviklingspunkt
    aim: str  # Hvad skal vi opnå?
    citizen_aim: str  # what citizens gain
    time_frame: str
    archived: bool
    version: int
    criteria: tuple[SuccessCriterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Cycle:
    """One PDSA learning cycle (læringscirkel) of a card."""

    id: int
    card_id: int
    number: int
    step: CycleStep
    scale_step: ScaleStep
    plan_hypothesis: str = ""
    plan_change: str = ""  # Hvad skal der ske af forandringer?
    plan_who: str = ""
    plan_where: str = ""
    plan_when: str = ""
    plan_data: str = ""  # which data, and how they are collected
    do_what_happened: str = ""
    do_surprises: str = ""
    do_data: str = ""
    study_findings: str = ""  # data against the hypothesis
    study_learning: str = ""
    act_decision: Decision | None = None
    act_next_step: str = ""
    started_on: date | None = None
    closed_on: date | None = None
    version: int = 1


# The cycle's text fields, in the order of the template; used by services and exports.
CYCLE_TEXT_FIELDS: tuple[str, ...] = (
    "plan_hypothesis",
    "plan_change",
    "plan_who",
    "plan_where",
    "plan_when",
    "plan_data",
    "do_what_happened",
    "do_surprises",
    "do_data",
    "study_findings",
    "study_learning",
    "act_next_step",
)


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    board_id: int
    card_id: int | None
    cycle_id: int | None
    logged_on: date
    what_tested: str
    decision: Decision | None
    learning: str
    owner_id: int | None
    version: int


@dataclass(frozen=True, slots=True)
class Attendance:
    person_id: int | None
    guest_name: str
    present: bool


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    meeting_id: int
    card_id: int | None
    what: str
    owner_id: int | None
    deadline: date | None
    done: bool


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    board_id: int
    kind: MeetingKind
    started_at: datetime
    ended_at: datetime | None
    planned_minutes: int
    facilitator_id: int | None
    next_meeting_on: date | None
    notes: str
    version: int
    attendance: tuple[Attendance, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    has_snapshot: bool = False


@dataclass(frozen=True, slots=True)
class Dispatch:
    """A record that minutes were sent (or failed) to one recipient; never the contents."""

    id: int
    meeting_id: int
    recipient: str
    sent_at: datetime
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class BoardState:
    """Everything the board window shows, read in one transaction."""

    board: Board
    cards: tuple[Card, ...]
    goals: tuple[Goal, ...]
    people: tuple[Person, ...]
    log: tuple[LogEntry, ...]
    current_cycles: dict[int, Cycle] = field(default_factory=dict)  # card id -> newest cycle

    def lane(self, lane: Lane) -> list[Card]:
        return sorted(
            (c for c in self.cards if c.lane is lane and not c.archived), key=lambda c: c.position
        )

    def person(self, person_id: int | None) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)
