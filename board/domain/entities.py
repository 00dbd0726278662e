"""The board's records as plain, immutable dataclasses.

Services return these; the UI and exports read them. A change is made by calling a
service, which returns the new version of the record.

Each dataclass is its entity's one declaration of fields: the ``doc(...)`` metadata says how
a field appears in a board document, and the mappings to records, documents and snapshots
follow from it (``board.domain.fields``). A field without it is kept by the database only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from board.domain.fields import doc, documented
from board.domain.lanes import Lane
from board.domain.meeting_formats import Role
from board.domain.spc import ChartKind
from board.domain.text import NAME_MAX

MINUTES_RANGE = (5, 480)  # a meeting's planned length, up to a working day (a refleksionsdag)
STEP_KEY_MAX = 40  # a format step's key, as the database keeps it
FORMAT_KEY_MAX = 40  # a format's key: a MeetingKind value or a team format's "team-N"
ROLE_VALUES = tuple(role.value for role in Role)
FREEZE_MAX = 10_000  # "Fastlås basislinje" on at most this many first points


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
    name: str = field(metadata=doc("title", required=True))
    version: int
    created_at: datetime = field(metadata=doc("datetime", nullable=True))


@dataclass(frozen=True, slots=True)
class Person:
    id: int = field(metadata=doc("id", table="people", name="ref"))
    board_id: int
    name: str = field(metadata=doc("name", required=True))
    initials: str = field(metadata=doc("line", limit=12))
    email: str = field(metadata=doc("email"))
    archived: bool = field(metadata=doc("bool"))
    version: int


@dataclass(frozen=True, slots=True)
class Card:
    id: int = field(metadata=doc("id", table="cards", name="ref"))
    board_id: int
    number: int = field(metadata=doc("int", unique=True))
    lane: Lane = field(metadata=doc("choice", required=True))
    position: str = field(metadata=doc("key", default="i"))
    title: str = field(metadata=doc("title", required=True))
    description: str = field(metadata=doc("text"))
    owner_id: int | None = field(metadata=doc("ref", table="people", name="owner"))
    deadline: date | None = field(metadata=doc("date", nullable=True))
    archived: bool = field(metadata=doc("bool"))
    version: int
    goal_ids: tuple[int, ...] = field(default=(), metadata=doc("refs", table="goals", name="goals"))
    created_at: datetime | None = field(default=None, metadata=doc("datetime", nullable=True))
    updated_at: datetime | None = field(default=None, metadata=doc("datetime", nullable=True))
    # The meeting at which the card was made (Ny idé, Beslutning). Not a card field in a
    # document: cards come before meetings there, so a meeting lists its cards ("cards").
    meeting_id: int | None = None

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
    kind: CriterionKind = field(metadata=doc("choice", required=True))
    text: str = field(metadata=doc("text", required=True))
    target: str = field(metadata=doc("line", limit=120))
    unit: str = field(metadata=doc("line", limit=60))
    position: int  # a document holds the criteria in order
    # An indicator's chart settings (issue 11): the chart drawn, "Fastlås basislinje" (the
    # centre computed on the first ``freeze_points`` points) and "Ny fase fra …" (each date starts a
    # part with its own centre line).
    chart: ChartKind = field(default=ChartKind.RUN, metadata=doc("choice", default="run"))
    freeze_points: int | None = field(
        default=None, metadata=doc("int", nullable=True, high=FREEZE_MAX)
    )
    phase_starts: tuple[date, ...] = field(default=(), metadata=doc("dates"))


@dataclass(frozen=True, slots=True)
class Measurement:
    """An indicator's measurement, or a sign's dated observation.

    An indicator's row has a ``value`` (for a proportion, "7 af 9 familier": ``numerator`` /
    ``denominator``) and an optional comment in ``note``. A sign's observation has no value:
    the observation is its ``note``. ``entered_by`` is the computer user's name (the program
    has no sign-in); ``created_at`` is None for rows made before it was kept.
    """

    id: int
    criterion_id: int
    measured_on: date = field(metadata=doc("date", required=True))
    value: float | None = field(metadata=doc("number", nullable=True))
    note: str = field(metadata=doc("text"))
    numerator: float | None = field(default=None, metadata=doc("number", nullable=True))
    denominator: float | None = field(default=None, metadata=doc("number", nullable=True))
    entered_by: str = field(default="", metadata=doc("line", limit=NAME_MAX))
    created_at: datetime | None = field(default=None, metadata=doc("datetime", nullable=True))

    @property
    def is_proportion(self) -> bool:
        return self.denominator is not None


@dataclass(frozen=True, slots=True)
class Goal:
    id: int = field(metadata=doc("id", table="goals", name="ref"))
    board_id: int
    position: str = field(metadata=doc("key", default="i"))
    development_point: str = field(metadata=doc("text"))  # udviklingspunkt
    aim: str = field(metadata=doc("text", required=True))  # Hvad skal vi opnå?
    citizen_aim: str = field(metadata=doc("text"))  # what citizens gain
    time_frame: str = field(metadata=doc("line", limit=NAME_MAX))
    archived: bool = field(metadata=doc("bool"))
    version: int
    criteria: tuple[SuccessCriterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Cycle:
    """One PDSA learning cycle (læringscirkel) of a card."""

    id: int = field(metadata=doc("id", table="cycles", name="ref"))
    card_id: int
    number: int = field(metadata=doc("int", unique=True))
    step: CycleStep = field(metadata=doc("choice", required=True))
    scale_step: ScaleStep = field(metadata=doc("choice", required=True))
    plan_hypothesis: str = field(default="", metadata=doc("text"))
    # Hvad skal der ske af forandringer?
    plan_change: str = field(default="", metadata=doc("text"))
    plan_who: str = field(default="", metadata=doc("text"))
    plan_where: str = field(default="", metadata=doc("text"))
    plan_when: str = field(default="", metadata=doc("text"))
    # which data, and how they are collected
    plan_data: str = field(default="", metadata=doc("text"))
    do_what_happened: str = field(default="", metadata=doc("text"))
    do_surprises: str = field(default="", metadata=doc("text"))
    do_data: str = field(default="", metadata=doc("text"))
    study_findings: str = field(default="", metadata=doc("text"))  # data against the hypothesis
    study_learning: str = field(default="", metadata=doc("text"))
    act_next_step: str = field(default="", metadata=doc("text"))
    act_decision: Decision | None = field(default=None, metadata=doc("choice", nullable=True))
    started_on: date | None = field(default=None, metadata=doc("date", nullable=True))
    closed_on: date | None = field(default=None, metadata=doc("date", nullable=True))
    version: int = 1


# The cycle's text fields, in the order of the template; used by services and exports.
CYCLE_TEXT_FIELDS: tuple[str, ...] = tuple(
    d.attribute for d in documented(Cycle) if d.spec is not None and d.spec.kind == "text"
)


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    board_id: int
    card_id: int | None = field(metadata=doc("ref", table="cards", name="card"))
    cycle_id: int | None = field(metadata=doc("ref", table="cycles", name="cycle"))
    logged_on: date = field(metadata=doc("date", required=True))
    what_tested: str = field(metadata=doc("text", required=True))
    decision: Decision | None = field(metadata=doc("choice", nullable=True))
    learning: str = field(metadata=doc("text"))
    owner_id: int | None = field(metadata=doc("ref", table="people", name="owner"))
    version: int
    archived: bool = field(default=False, metadata=doc("bool"))  # the board shows none


@dataclass(frozen=True, slots=True)
class Attendance:
    person_id: int | None = field(metadata=doc("ref", table="people", name="person"))
    guest_name: str = field(metadata=doc("line", limit=NAME_MAX))
    present: bool = field(metadata=doc("bool", default=True))


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    meeting_id: int
    card_id: int | None = field(metadata=doc("ref", table="cards", name="card"))
    what: str = field(metadata=doc("text", required=True))
    owner_id: int | None = field(metadata=doc("ref", table="people", name="owner"))
    deadline: date | None = field(metadata=doc("date", nullable=True))
    done: bool = field(metadata=doc("bool"))
    # The step of the meeting's format where the decision was made ("" = none).
    step_key: str = field(default="", metadata=doc("line", limit=STEP_KEY_MAX))


@dataclass(frozen=True, slots=True)
class MeetingStep:
    """What a meeting noted at one step of its format (the step's notes field)."""

    id: int
    meeting_id: int
    step_key: str = field(metadata=doc("line", limit=STEP_KEY_MAX, required=True, unique=True))
    notes: str = field(metadata=doc("text"))
    version: int = 1


@dataclass(frozen=True, slots=True)
class MeetingRole:
    """Who holds one of the format's roles at a meeting: a person of the board or a guest.

    ``role`` is a ``board.domain.meeting_formats.Role`` value."""

    role: str = field(metadata=doc("choice", required=True, unique=True, choices=ROLE_VALUES))
    person_id: int | None = field(metadata=doc("ref", table="people", name="person"))
    guest_name: str = field(metadata=doc("line", limit=NAME_MAX))


@dataclass(frozen=True, slots=True)
class Meeting:
    id: int = field(metadata=doc("id", table="meetings", name="ref"))
    board_id: int
    kind: MeetingKind = field(metadata=doc("choice", required=True))
    started_at: datetime = field(metadata=doc("datetime", required=True))
    ended_at: datetime | None = field(metadata=doc("datetime", nullable=True))
    planned_minutes: int = field(
        metadata=doc("int", low=MINUTES_RANGE[0], high=MINUTES_RANGE[1], default=15)
    )
    facilitator_id: int | None = field(metadata=doc("ref", table="people", name="facilitator"))
    next_meeting_on: date | None = field(metadata=doc("date", nullable=True))
    notes: str = field(metadata=doc("text"))
    version: int
    # "" = the built-in format of ``kind``; else the key of a team format of the board
    format_key: str = field(default="", metadata=doc("line", limit=FORMAT_KEY_MAX))
    attendance: tuple[Attendance, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    has_snapshot: bool = False
    steps: tuple[MeetingStep, ...] = ()
    roles: tuple[MeetingRole, ...] = ()
    # A running meeting as every screen sees it (not in a board document): the leading
    # screen's step, when it started, the card walked through, and that screen's token
    # ("": none shared yet).
    step_key: str = ""
    step_started_at: datetime | None = None
    walk_card_id: int | None = None
    led_by: str = ""

    def step(self, step_key: str) -> MeetingStep | None:
        return next((s for s in self.steps if s.step_key == step_key), None)

    def role(self, role: str) -> MeetingRole | None:
        return next((r for r in self.roles if r.role == role), None)


@dataclass(frozen=True, slots=True)
class LearningPoint:
    """A general learning point the team noted (læringspunkt, 003), kept with the board.

    ``case_label`` is a sparring case's neutral label: it never names or identifies anyone.
    """

    id: int
    board_id: int
    text: str = field(metadata=doc("text", required=True))
    noted_on: date = field(metadata=doc("date", required=True))
    meeting_id: int | None = field(metadata=doc("ref", table="meetings", name="meeting"))
    case_label: str = field(metadata=doc("line", limit=NAME_MAX))
    noted_by_id: int | None = field(metadata=doc("ref", table="people", name="noted_by"))
    archived: bool = field(metadata=doc("bool"))
    version: int
    created_at: datetime | None = field(default=None, metadata=doc("datetime", nullable=True))


@dataclass(frozen=True, slots=True)
class TeamFormat:
    """A team's own meeting format, kept with the board: copied from a format and changed.

    ``document`` has the shape of a format file plus its literal ``texts``
    (``board.meeting_formats.format_from_document`` reads it)."""

    id: int
    board_id: int
    key: str = field(metadata=doc("line", limit=FORMAT_KEY_MAX, required=True, unique=True))
    base_kind: MeetingKind = field(metadata=doc("choice", required=True))
    document: dict[str, Any] = field(metadata=doc("json", required=True))
    archived: bool = field(metadata=doc("bool"))
    version: int
    created_at: datetime | None = field(default=None, metadata=doc("datetime", nullable=True))


@dataclass(frozen=True, slots=True)
class Dispatch:
    """A record that minutes were sent (or failed) to one recipient; never the contents."""

    id: int
    meeting_id: int
    recipient: str = field(metadata=doc("email"))
    sent_at: datetime = field(metadata=doc("datetime", required=True))
    ok: bool = field(metadata=doc("bool"))
    detail: str = field(metadata=doc("line", limit=500, multiline=True))


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
