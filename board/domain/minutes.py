"""What the minutes of a meeting say, computed only from stored snapshots.

A snapshot is ``{"board": <export document>, "meeting": <who, agreements, next meeting>}``;
the baseline is the board document the changes are counted from. Because nothing else is
read, the minutes of a past meeting can be made again identical after the board has changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from board.domain.lanes import Lane
from board.domain.meeting_formats import FormatStep, Speaking

BOARD_LANES = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.GOALS, Lane.LOG)


# Before a board's first meeting there is no earlier snapshot to compare with; the minutes
# list what the stored dates show for this many days before it (a progress meeting is held
# at least every 14 days, Hæfte 4, 5.2).
RECENT_DAYS = 14


class ChangeKind(StrEnum):
    NEW_CARD = "new_card"
    ADDED = "added"  # put up in the days before a first meeting (its lane now is known)
    CHANGED = "changed"  # moved or edited then: only that it changed is stored, not how
    MOVED = "moved"
    ARCHIVED = "archived"
    RESTORED = "restored"
    CYCLE_STARTED = "cycle_started"
    CYCLE_ADVANCED = "cycle_advanced"
    DECISION = "decision"
    LOG_ENTRY = "log_entry"
    NEW_GOAL = "new_goal"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    title: str
    number: int | None = None
    lane_from: str = ""
    lane_to: str = ""
    cycle: int | None = None
    step_from: str = ""
    step_to: str = ""
    decision: str = ""


@dataclass(frozen=True, slots=True)
class MinutesCard:
    number: int
    title: str
    owner: str
    deadline: date | None
    overdue: bool
    cycle: int | None
    step: str
    scale_step: str
    decision: str
    description: str


@dataclass(frozen=True, slots=True)
class MinutesAgreement:
    what: str
    owner: str
    deadline: date | None
    card: str
    step_key: str = ""  # the step of the meeting's format where it was decided
    card_number: int | None = None  # the activity a decision became (made at the meeting)


@dataclass(frozen=True, slots=True)
class MinutesStep:
    """A step of the format as it was used: its timebox and the notes written in it."""

    step: FormatStep  # title, timebox and who spoke, as the format said at the meeting
    title_text: str  # a team format's own wording of the title ("": the catalog's)
    seconds: int  # its timebox at the meeting's planned length
    notes: str


@dataclass(frozen=True, slots=True)
class MinutesRole:
    role: str  # a meeting_formats.Role value
    name: str


@dataclass(frozen=True, slots=True)
class MinutesPoint:
    """A learning point noted at the meeting."""

    text: str
    case_label: str
    noted_by: str


@dataclass(frozen=True, slots=True)
class MinutesIdea:
    """A card put up in Idéer at the meeting (Ny idé)."""

    number: int
    title: str


@dataclass(frozen=True, slots=True)
class Minutes:
    board_name: str
    kind: str
    started_at: datetime | None
    ended_at: datetime | None
    present: tuple[str, ...]
    absent: tuple[str, ...]
    facilitator: str
    lanes: dict[Lane, tuple[MinutesCard, ...]]
    goals: tuple[dict[str, Any], ...]
    log: tuple[dict[str, Any], ...]
    changes: tuple[Change, ...]
    agreements: tuple[MinutesAgreement, ...]
    overdue: tuple[MinutesCard, ...]
    next_meeting_on: date | None
    first_meeting: bool = False
    # For a first meeting: the day from which the changes are listed (None: not listed).
    changes_since: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The format as used: "" for the built-in format of ``kind``, else a team format's key
    # and its own name.
    format_key: str = ""
    format_name: str = ""
    roles: tuple[MinutesRole, ...] = ()
    steps: tuple[MinutesStep, ...] = ()
    learning_points: tuple[MinutesPoint, ...] = ()
    ideas: tuple[MinutesIdea, ...] = ()
    # The board document's cards as frozen, archived too: the learning cycles of those
    # working towards a goal go on its charts.
    cards: tuple[dict[str, Any], ...] = ()
    # The day personal data was redacted from the frozen meeting (issue 13; None: never):
    # its minutes, re-made, say so.
    redacted_on: date | None = None

    @property
    def guided(self) -> bool:
        """A meeting held after a guide other than the fremdriftsmøde: its minutes show the
        steps even when nothing was noted (a fremdriftsmøde's only what was noted, so its
        minutes read as they always did)."""
        return bool(self.format_key) or self.kind != "progress"


def minutes_day(minutes: Minutes) -> date:
    """The day the minutes speak of: the meeting's end (or start), else today."""
    stamp = minutes.ended_at or minutes.started_at
    return stamp.date() if stamp is not None else date.today()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def build_minutes(snapshot: dict[str, Any], baseline: dict[str, Any] | None) -> Minutes:
    board = snapshot["board"]
    meeting = snapshot.get("meeting", {})
    day = _date(meeting.get("date")) or date.today()
    people = {p["ref"]: p["name"] for p in board.get("people", [])}
    lanes: dict[Lane, list[MinutesCard]] = {lane: [] for lane in BOARD_LANES}
    overdue: list[MinutesCard] = []
    for card in sorted(board.get("cards", []), key=lambda c: c["position"]):
        if card.get("archived"):
            continue
        cycles = card.get("cycles", [])
        current = cycles[-1] if cycles else None
        deadline = _date(card.get("deadline"))
        lane = Lane(card["lane"])
        late = (
            deadline is not None and deadline < day and lane in (Lane.PRIORITISED, Lane.ACTIVITIES)
        )
        item = MinutesCard(
            number=card["number"],
            title=card["title"],
            owner=people.get(card.get("owner"), ""),
            deadline=deadline,
            overdue=late,
            cycle=current["number"] if current else None,
            step=current["step"] if current else "",
            scale_step=current["scale_step"] if current else "",
            decision=(current.get("act_decision") or "") if current else "",
            description=card.get("description", ""),
        )
        lanes[lane].append(item)
        if late:
            overdue.append(item)
    agreements = tuple(
        MinutesAgreement(
            what=a["what"],
            owner=a.get("owner_name", ""),
            deadline=_date(a.get("deadline")),
            card=a.get("card_title", ""),
            step_key=a.get("step_key", ""),
            card_number=a.get("card_number"),
        )
        for a in meeting.get("agreements", [])
    )
    # A first meeting (marked so since minutes said so; older ones stay as they were made):
    # what the meeting itself changed, then what the dates show for the days before it.
    first = baseline is None or bool(meeting.get("first_meeting"))
    changes = changes_between(baseline, board) if baseline is not None else []
    since = _date(meeting.get("changes_since"))
    if first and since is not None:
        changes = _merged(changes, recent_changes(board, since))
    return Minutes(
        board_name=board["board"]["name"],
        kind=meeting.get("kind", "progress"),
        started_at=_datetime(meeting.get("started_at")),
        ended_at=_datetime(meeting.get("ended_at")),
        present=tuple(meeting.get("present", [])),
        absent=tuple(meeting.get("absent", [])),
        facilitator=meeting.get("facilitator", ""),
        lanes={lane: tuple(cards) for lane, cards in lanes.items()},
        goals=tuple(g for g in board.get("goals", []) if not g.get("archived")),
        log=tuple(
            {**e, "owner_name": people.get(e.get("owner"), "")}
            for e in sorted(
                (e for e in board.get("log", []) if not e.get("archived")),
                key=lambda e: e["logged_on"],
                reverse=True,
            )
        ),
        changes=tuple(changes),
        agreements=agreements,
        overdue=tuple(overdue),
        next_meeting_on=_date(meeting.get("next_meeting_on")),
        first_meeting=first,
        changes_since=since if first else None,
        format_key=meeting.get("format", {}).get("key", ""),
        format_name=meeting.get("format", {}).get("name_text", ""),
        roles=tuple(MinutesRole(r["role"], r.get("name", "")) for r in meeting.get("roles", [])),
        steps=tuple(_step(step) for step in meeting.get("steps", [])),
        learning_points=tuple(
            MinutesPoint(p["text"], p.get("case_label", ""), p.get("noted_by", ""))
            for p in meeting.get("learning_points", [])
        ),
        ideas=tuple(MinutesIdea(i["number"], i["title"]) for i in meeting.get("ideas", [])),
        cards=tuple(board.get("cards", [])),
    )


def _step(step: dict[str, Any]) -> MinutesStep:
    """A step as the snapshot froze it (``meetings._frozen_steps``)."""
    return MinutesStep(
        step=FormatStep(
            key=step["key"],
            title_key=step["title_key"],
            speaking=Speaking(step.get("speaking", "everyone")),
            minutes=step.get("minutes"),
            weight=step.get("weight"),
            low_minutes=step.get("low_minutes"),
            at_most=bool(step.get("at_most")),
            turn_minutes=step.get("turn_minutes"),
        ),
        title_text=step.get("title_text", ""),
        seconds=int(step.get("seconds", 0)),
        notes=step.get("notes", ""),
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What happened on the board between two documents; cards are matched by their number."""
    old_cards = {c["number"]: c for c in before.get("cards", [])}
    changes: list[Change] = []
    for card in after.get("cards", []):
        number, title = card["number"], card["title"]
        old = old_cards.get(number)
        if old is None:
            if not card.get("archived"):
                changes.append(Change(ChangeKind.NEW_CARD, title, number, lane_to=card["lane"]))
        else:
            if card.get("archived") and not old.get("archived"):
                changes.append(Change(ChangeKind.ARCHIVED, title, number, lane_from=old["lane"]))
            elif old.get("archived") and not card.get("archived"):
                changes.append(Change(ChangeKind.RESTORED, title, number, lane_to=card["lane"]))
            if card["lane"] != old["lane"] and not card.get("archived"):
                changes.append(
                    Change(
                        ChangeKind.MOVED, title, number, lane_from=old["lane"], lane_to=card["lane"]
                    )
                )
        old_cycles = {y["number"]: y for y in (old or {}).get("cycles", [])}
        for cycle in card.get("cycles", []):
            previous = old_cycles.get(cycle["number"])
            if previous is None:
                changes.append(
                    Change(ChangeKind.CYCLE_STARTED, title, number, cycle=cycle["number"])
                )
            elif previous["step"] != cycle["step"] and cycle["step"] != "closed":
                changes.append(
                    Change(
                        ChangeKind.CYCLE_ADVANCED,
                        title,
                        number,
                        cycle=cycle["number"],
                        step_from=previous["step"],
                        step_to=cycle["step"],
                    )
                )
            if cycle.get("act_decision") and not (previous or {}).get("act_decision"):
                changes.append(
                    Change(
                        ChangeKind.DECISION,
                        title,
                        number,
                        cycle=cycle["number"],
                        decision=cycle["act_decision"],
                    )
                )
    old_log = {(e["logged_on"], e["what_tested"]) for e in before.get("log", [])}
    for entry in after.get("log", []):
        if (entry["logged_on"], entry["what_tested"]) not in old_log and not entry.get("archived"):
            changes.append(
                Change(
                    ChangeKind.LOG_ENTRY, entry["what_tested"], decision=entry.get("decision") or ""
                )
            )
    old_goals = {g["aim"] for g in before.get("goals", [])}
    for goal in after.get("goals", []):
        if goal["aim"] not in old_goals and not goal.get("archived"):
            changes.append(Change(ChangeKind.NEW_GOAL, goal["aim"]))
    return changes


_CARD_KINDS = (
    ChangeKind.NEW_CARD,
    ChangeKind.ADDED,
    ChangeKind.CHANGED,
    ChangeKind.MOVED,
    ChangeKind.ARCHIVED,
    ChangeKind.RESTORED,
)


def _on_or_after(value: str | None, since: date) -> bool:
    return bool(value) and date.fromisoformat(str(value)[:10]) >= since


def recent_changes(board: dict[str, Any], since: date) -> list[Change]:
    """What a board document's own dates show changed on or after ``since``: cards put up
    (created) or moved/edited (updated) or archived, cycles started and decided, log entries.
    Only what is stored is said: a card's earlier lane is not, so a move says where it is."""
    changes: list[Change] = []
    for card in sorted(board.get("cards", []), key=lambda c: c["number"]):
        number, title, lane = card["number"], card["title"], card["lane"]
        if _on_or_after(card.get("created_at"), since):
            if not card.get("archived"):
                changes.append(Change(ChangeKind.ADDED, title, number, lane_to=lane))
        elif _on_or_after(card.get("updated_at"), since):
            if card.get("archived"):
                changes.append(Change(ChangeKind.ARCHIVED, title, number, lane_from=lane))
            else:
                changes.append(Change(ChangeKind.CHANGED, title, number, lane_to=lane))
        for cycle in card.get("cycles", []):
            if _on_or_after(cycle.get("started_on"), since):
                changes.append(
                    Change(ChangeKind.CYCLE_STARTED, title, number, cycle=cycle["number"])
                )
            if cycle.get("act_decision") and _on_or_after(cycle.get("closed_on"), since):
                changes.append(
                    Change(
                        ChangeKind.DECISION,
                        title,
                        number,
                        cycle=cycle["number"],
                        decision=cycle["act_decision"],
                    )
                )
    for entry in sorted(board.get("log", []), key=lambda e: e["logged_on"]):
        if not entry.get("archived") and _on_or_after(entry.get("logged_on"), since):
            changes.append(
                Change(
                    ChangeKind.LOG_ENTRY, entry["what_tested"], decision=entry.get("decision") or ""
                )
            )
    return changes


def _merged(exact: list[Change], recent: list[Change]) -> list[Change]:
    """The changes counted from a snapshot, then the date-derived ones they do not already
    tell (a card moved during the meeting is said once, with where it came from)."""
    told_cards = {c.number for c in exact if c.kind in _CARD_KINDS}
    told = {(c.kind, c.number, c.cycle, c.title) for c in exact}
    out = list(exact)
    for change in recent:
        if change.kind in _CARD_KINDS and change.number in told_cards:
            continue
        if (change.kind, change.number, change.cycle, change.title) in told:
            continue
        out.append(change)
    return out
