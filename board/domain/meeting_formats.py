"""Meeting formats as data: the meeting guides of the sources, each a sequence of steps.

A format is read from ``resources/meeting_formats/<key>.json`` (``board/meeting_formats.py``);
every text it shows is a catalog key, worded at the edge in the user's language. A step's
timebox is either fixed minutes (the guides' "5 min", "maks. 10 min", "1-2 min") or a weight:
the weighted steps share what the fixed ones leave of the planned length, in proportion, so a
fremdriftsmøde of 15 or 30 minutes and a reflection day of half or a whole day keep their
proportions. No Qt, no SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

FORMAT_MINUTES_MAX = 480  # any length in a format: a working day at most


class Speaking(StrEnum):
    """Who has the floor during a step."""

    EVERYONE = "everyone"  # a shared discussion
    ONE = "one"  # one person in a role (``FormatStep.speaker``)
    ROUND = "round"  # each present person in turn, with a small timer ("ordet går på omgang")
    NONE = "none"  # nobody holds the floor (the working day of a learning visit)


class Produces(StrEnum):
    """What a step can leave behind."""

    NOTES = "notes"
    IDEAS = "ideas"
    DECISIONS = "decisions"  # what, who and by when: an activity with owner and deadline
    LEARNING_POINTS = "learning_points"


# The step of a format where the team leader reviews the learning points noted since the last
# review ("mindst hver anden måned", 003): services.learning_points.review_points lists them.
REVIEW_STEP = "review"


class Role(StrEnum):
    FACILITATOR = "facilitator"  # mødeleder
    TEAM_LEADER = "team_leader"  # teamleder (leads the sparring)
    CASE_WORKER = "case_worker"  # the case worker who brings the case
    PRESENTER = "presenter"  # the employee who presents a case at a learning meeting
    LEARNING_AGENT = "learning_agent"  # læringsagent
    COLLEAGUE = "colleague"  # the colleague a learning agent follows for the day
    NOTE_TAKER = "note_taker"  # sends the minutes
    MANAGEMENT = "management"  # ledelsen: decides the follow-up activities
    EVERYONE = "everyone"


class Setting(StrEnum):
    """Where and how the meeting is held."""

    STANDING = "standing"  # standing at the board
    SEATED = "seated"  # seated, e.g. at the weekly team meeting
    DAY = "day"  # half or a whole day


@dataclass(frozen=True, slots=True)
class Preparation:
    key: str
    goal_data: bool = False  # points to the goals' data on the board (their charts)


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    follow_up_keys: tuple[str, ...] = ()  # asked under it: "Ift. kommunikation?"


@dataclass(frozen=True, slots=True)
class FormatStep:
    key: str
    title_key: str
    speaking: Speaking
    minutes: int | None = None  # a fixed timebox (the upper end of a range) …
    weight: int | None = None  # … or a share of what the fixed steps leave
    low_minutes: int | None = None  # the lower end of a range: "1-2 min"
    at_most: bool = False  # "maks. 5 min"
    turn_minutes: int | None = None  # a round: each person's turn ("ca. 1 min til hver")
    speaker: Role | None = None  # who speaks when ``speaking`` is ONE
    prompt_key: str | None = None  # what happens in the step
    questions: tuple[Question, ...] = ()  # in the order the guide asks them
    closing_key: str | None = None  # what the step ends in, after the questions
    produces: frozenset[Produces] = frozenset()


@dataclass(frozen=True, slots=True)
class MeetingFormat:
    key: str  # the MeetingKind value for the sources' formats
    name_key: str
    purpose_key: str
    minutes: int  # the usual length
    durations: tuple[int, ...]  # the lengths offered, the usual one among them
    cadence_days: int | None  # how often; None: when the team decides
    setting: Setting
    roles: tuple[Role, ...]  # the role that leads the meeting first
    preparation: tuple[Preparation, ...]
    steps: tuple[FormatStep, ...]
    # A team format's own wording: literal text per key, used instead of the catalog
    # (``board.meeting_formats.format_text``); empty for the sources' formats.
    texts: dict[str, str] = field(default_factory=dict, hash=False)  # still hashable
    team: bool = False  # a team's own format, kept with its board ("team-1" …)
    base_kind: str = ""  # a team format: the MeetingKind value it was copied from

    @property
    def kind(self) -> str:
        """The MeetingKind value a meeting of this format is held as (planning, cadence)."""
        return self.base_kind or self.key

    def text_keys(self) -> tuple[str, ...]:
        """Every catalog key the format names, in reading order."""
        keys = [self.name_key, self.purpose_key, *(point.key for point in self.preparation)]
        for step in self.steps:
            keys.append(step.title_key)
            keys += [k for k in (step.prompt_key,) if k]
            for question in step.questions:
                keys += [question.key, *question.follow_up_keys]
            keys += [k for k in (step.closing_key,) if k]
        return tuple(keys)


def fixed_minutes(steps: tuple[FormatStep, ...]) -> int:
    return sum(step.minutes or 0 for step in steps if step.weight is None)


def timeboxes(fmt: MeetingFormat, planned_minutes: int) -> list[int]:
    """Seconds per step for a meeting of ``planned_minutes``; they add up to it exactly
    when the format has a weighted step (the loader refuses a format whose fixed steps do not
    fit its offered lengths). Rounding goes to the heaviest weighted step."""
    rest = planned_minutes * 60 - fixed_minutes(fmt.steps) * 60
    weights = sum(step.weight or 0 for step in fmt.steps)
    boxes = [
        (step.minutes or 0) * 60 if step.weight is None else rest * step.weight // weights
        for step in fmt.steps
    ]
    weighted = [i for i, step in enumerate(fmt.steps) if step.weight is not None]
    if weighted:
        heaviest = max(weighted, key=lambda i: fmt.steps[i].weight or 0)
        boxes[heaviest] += planned_minutes * 60 - sum(boxes)
    return boxes
