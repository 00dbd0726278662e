"""Records to plain domain objects. Sessions and records never leave the services.

Each function reads attributes only, so the same one makes a domain object from a record,
a SQLAlchemy row or the start's first read (board/persistence/first_read.py), which runs
before SQLAlchemy is imported: hence the records only for type checking here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from board.domain.entities import (
    Agreement,
    Attendance,
    Board,
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Decision,
    Dispatch,
    Goal,
    LogEntry,
    Meeting,
    MeetingKind,
    Person,
    ScaleStep,
    SuccessCriterion,
)
from board.domain.lanes import Lane

if TYPE_CHECKING:
    from sqlalchemy.engine import Row

    from board.persistence.records import (
        BoardRecord,
        CardRecord,
        CriterionRecord,
        CycleRecord,
        DispatchRecord,
        GoalRecord,
        LogEntryRecord,
        MeetingRecord,
        PersonRecord,
    )


def board(r: BoardRecord | Row[Any]) -> Board:
    return Board(id=r.id, name=r.name, version=r.version, created_at=r.created_at)


def person(r: PersonRecord | Row[Any]) -> Person:
    return Person(
        id=r.id,
        board_id=r.board_id,
        name=r.name,
        initials=r.initials,
        email=r.email,
        archived=r.archived,
        version=r.version,
    )


def card(r: CardRecord, goal_ids: tuple[int, ...] | None = None) -> Card:
    return card_from_row(r, goal_ids if goal_ids is not None else tuple(g.id for g in r.goals))


def card_from_row(row: Any, goal_ids: tuple[int, ...]) -> Card:
    return Card(
        id=row.id,
        board_id=row.board_id,
        number=row.number,
        lane=Lane(row.lane),
        position=row.position,
        title=row.title,
        description=row.description,
        owner_id=row.owner_id,
        deadline=row.deadline,
        archived=row.archived,
        version=row.version,
        goal_ids=goal_ids,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def criterion(r: CriterionRecord | Row[Any]) -> SuccessCriterion:
    return SuccessCriterion(
        id=r.id,
        goal_id=r.goal_id,
        kind=CriterionKind(r.kind),
        text=r.text,
        target=r.target,
        unit=r.unit,
        position=r.position,
    )


def goal(r: GoalRecord) -> Goal:
    return goal_from_row(r, r.criteria)


def goal_from_row(r: GoalRecord | Row[Any], criteria: Iterable[CriterionRecord | Row[Any]]) -> Goal:
    """A goal from its record or a plain row, with its criteria in order."""
    return Goal(
        id=r.id,
        board_id=r.board_id,
        position=r.position,
        development_point=r.development_point,
        aim=r.aim,
        citizen_aim=r.citizen_aim,
        time_frame=r.time_frame,
        archived=r.archived,
        version=r.version,
        criteria=tuple(criterion(c) for c in criteria),
    )


def cycle(r: CycleRecord | Row[Any]) -> Cycle:
    return Cycle(
        id=r.id,
        card_id=r.card_id,
        number=r.number,
        step=CycleStep(r.step),
        scale_step=ScaleStep(r.scale_step),
        plan_hypothesis=r.plan_hypothesis,
        plan_change=r.plan_change,
        plan_who=r.plan_who,
        plan_where=r.plan_where,
        plan_when=r.plan_when,
        plan_data=r.plan_data,
        do_what_happened=r.do_what_happened,
        do_surprises=r.do_surprises,
        do_data=r.do_data,
        study_findings=r.study_findings,
        study_learning=r.study_learning,
        act_decision=Decision(r.act_decision) if r.act_decision else None,
        act_next_step=r.act_next_step,
        started_on=r.started_on,
        closed_on=r.closed_on,
        version=r.version,
    )


def log_entry(r: LogEntryRecord | Row[Any]) -> LogEntry:
    return LogEntry(
        id=r.id,
        board_id=r.board_id,
        card_id=r.card_id,
        cycle_id=r.cycle_id,
        logged_on=r.logged_on,
        what_tested=r.what_tested,
        decision=Decision(r.decision) if r.decision else None,
        learning=r.learning,
        owner_id=r.owner_id,
        version=r.version,
    )


def meeting(r: MeetingRecord) -> Meeting:
    return Meeting(
        id=r.id,
        board_id=r.board_id,
        kind=MeetingKind(r.kind),
        started_at=r.started_at,
        ended_at=r.ended_at,
        planned_minutes=r.planned_minutes,
        facilitator_id=r.facilitator_id,
        next_meeting_on=r.next_meeting_on,
        notes=r.notes,
        version=r.version,
        attendance=tuple(
            Attendance(person_id=a.person_id, guest_name=a.guest_name, present=a.present)
            for a in r.attendance
        ),
        agreements=tuple(
            Agreement(
                id=a.id,
                meeting_id=a.meeting_id,
                card_id=a.card_id,
                what=a.what,
                owner_id=a.owner_id,
                deadline=a.deadline,
                done=a.done,
            )
            for a in r.agreements
        ),
        has_snapshot=r.snapshot is not None,
    )


def dispatch(r: DispatchRecord) -> Dispatch:
    return Dispatch(
        id=r.id,
        meeting_id=r.meeting_id,
        recipient=r.recipient,
        sent_at=r.sent_at,
        ok=r.ok,
        detail=r.detail,
    )
