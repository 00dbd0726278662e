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

BOARD_LANES = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.GOALS, Lane.LOG)


class ChangeKind(StrEnum):
    NEW_CARD = "new_card"
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
    extra: dict[str, Any] = field(default_factory=dict)


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
        )
        for a in meeting.get("agreements", [])
    )
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
        changes=tuple(changes_between(baseline, board)) if baseline is not None else (),
        agreements=agreements,
        overdue=tuple(overdue),
        next_meeting_on=_date(meeting.get("next_meeting_on")),
        first_meeting=baseline is None,
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
