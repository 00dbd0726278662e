"""A decision on a test of change (Justér): the one way it is recorded, and the one way back.

Whether it is taken by a drop into Log, in the template's Justér step or during a meeting,
a decision on a card goes through ``record``: the card's newest learning cycle is closed
with it, and the single log entry linked to that cycle is written (or, for a test already
logged, updated). So a cycle has at most one log entry, and a closed cycle has exactly one.
``undo`` puts back exactly what ``record`` changed. Both run inside a caller's transaction
(``cards.move_card_with`` adds them to a move) or in their own (``record_decision``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.domain import text
from board.domain.entities import Cycle, CycleStep, Decision, LogEntry
from board.domain.errors import NotFoundError
from board.domain.lanes import Lane
from board.i18n import tr
from board.persistence import mapping
from board.persistence.database import Database
from board.persistence.records import CardRecord, CycleRecord, LogEntryRecord
from board.services.common import check_version, get, today
from board.services.log import new_log_record


@dataclass(frozen=True, slots=True)
class DecisionRequest:
    """What the user answered. ``learning=None``: the log takes the cycle's own study and
    next step (the template); a typed learning (the drop into Log) is written as typed.
    ``next_step=None`` leaves the cycle's next step as it is."""

    decision: Decision
    learning: str | None = None
    next_step: str | None = None
    # A redo: the log entry the decision wrote before (and its undo deleted) is written
    # again under its id, so the entry a decision writes keeps its id (see ``again``).
    # (Under a new id only when another screen's new entry has taken it meanwhile.)
    entry_id: int | None = None


@dataclass(frozen=True, slots=True)
class Prior:
    """What a decision changed, as it was before (undo puts exactly this back)."""

    cycle_step: str | None = None  # None: no cycle was touched
    cycle_decision: str | None = None
    cycle_next_step: str = ""
    cycle_closed_on: date | None = None
    entry: LogEntry | None = None  # an entry that existed before; None: it was written now
    entry_archived: bool = False


@dataclass(frozen=True, slots=True)
class Decided:
    card_id: int
    cycle: Cycle | None  # the cycle the decision closed (None: a card without cycles)
    log_entry: LogEntry  # the one entry linked to it
    prior: Prior


@dataclass(frozen=True, slots=True)
class Undone:
    cycle: Cycle | None  # the cycle as it is again
    entry: LogEntry | None  # an entry shown again as it was (an updated one)
    removed_entry_id: int | None  # an entry gone from the board (deleted or hidden again)


def _newest_cycle(s: Session, card_id: int) -> CycleRecord | None:
    return s.scalar(
        select(CycleRecord)
        .where(CycleRecord.card_id == card_id)
        .order_by(CycleRecord.number.desc())
        .limit(1)
    )


def _composed_learning(cycle: CycleRecord) -> str:
    parts = (cycle.study_findings, cycle.study_learning, cycle.act_next_step)
    return "\n\n".join(part for part in parts if part)


def _entry_of(s: Session, card: CardRecord, cycle: CycleRecord | None) -> LogEntryRecord | None:
    """The entry this decision writes to, if one exists: the cycle's own; else, for an open
    cycle of a card in Log, an entry written for the card without a link since the cycle
    started (a drop into Log before decisions closed the cycle) is taken over."""
    if cycle is None:
        return None
    linked = s.scalar(
        select(LogEntryRecord)
        .where(LogEntryRecord.cycle_id == cycle.id)
        .order_by(LogEntryRecord.id)
    )
    if linked is not None or cycle.step == CycleStep.CLOSED.value or card.lane != Lane.LOG.value:
        return linked
    query = select(LogEntryRecord).where(
        LogEntryRecord.card_id == card.id,
        LogEntryRecord.cycle_id.is_(None),
        LogEntryRecord.archived.is_(False),
    )
    if cycle.started_on is not None:
        query = query.where(LogEntryRecord.logged_on >= cycle.started_on)
    return s.scalar(query.order_by(LogEntryRecord.logged_on.desc(), LogEntryRecord.id.desc()))


def record(
    s: Session,
    card_id: int,
    request: DecisionRequest,
    *,
    cycle_id: int | None = None,
    expected_cycle_version: int | None = None,
    on: date | None = None,
) -> Decided:
    """Record ``request`` for the card (its newest cycle, or ``cycle_id``) in session ``s``."""
    decision = Decision(request.decision)
    learning = (
        text.long_text(request.learning, "field.learning") if request.learning is not None else None
    )
    next_step = (
        text.long_text(request.next_step, "field.act_next_step")
        if request.next_step is not None
        else None
    )
    card = get(s, CardRecord, card_id, "card")
    cycle: CycleRecord | None
    if cycle_id is not None:
        cycle = get(s, CycleRecord, cycle_id, "cycle")
        if cycle.card_id != card.id:
            raise NotFoundError("error.not_found", what="card", id=card_id)
    else:
        cycle = _newest_cycle(s, card.id)
    if cycle is not None:
        check_version(cycle, expected_cycle_version)
    day = on or today()
    entry = _entry_of(s, card, cycle)
    prior = Prior(
        cycle_step=cycle.step if cycle else None,
        cycle_decision=cycle.act_decision if cycle else None,
        cycle_next_step=cycle.act_next_step if cycle else "",
        cycle_closed_on=cycle.closed_on if cycle else None,
        entry=mapping.log_entry(entry) if entry is not None else None,
        entry_archived=entry.archived if entry is not None else False,
    )
    if cycle is not None:
        cycle.act_decision = decision.value
        if next_step is not None:
            cycle.act_next_step = next_step
        if cycle.step != CycleStep.CLOSED.value:
            cycle.step = CycleStep.CLOSED.value
            cycle.closed_on = day
    if not (learning or "").strip():
        # Nothing typed: what the entry already says, else the cycle's study and next step.
        kept = entry.learning if entry is not None else ""
        learning = kept if kept.strip() else (_composed_learning(cycle) if cycle else "")
    if entry is None:
        what = card.title
        if cycle is not None:
            what = tr("log.cycle_tested", title=card.title, number=cycle.number)
        entry = new_log_record(
            card.board_id,
            what,
            decision,
            learning or "",
            card_id=card.id,
            cycle_id=cycle.id if cycle else None,
            owner_id=card.owner_id,
            logged_on=cycle.closed_on if cycle else day,
        )
        if request.entry_id is not None and s.get(LogEntryRecord, request.entry_id) is None:
            entry.id = request.entry_id
        s.add(entry)
    else:
        entry.decision = decision.value
        entry.cycle_id = cycle.id if cycle else entry.cycle_id
        entry.learning = learning or ""
        entry.archived = False
    s.flush()
    return Decided(
        card.id, mapping.cycle(cycle) if cycle else None, mapping.log_entry(entry), prior
    )


def again(request: DecisionRequest, decided: Decided) -> DecisionRequest:
    """``request`` as a redo asks it: an entry it wrote comes back under the same id."""
    if decided.prior.entry is not None:
        return request  # it updated an entry that stays; the redo finds that one again
    return replace(request, entry_id=decided.log_entry.id)


def undo(s: Session, decided: Decided) -> Undone:
    """Put back what ``record`` changed; refused (ConflictError) if it changed since."""
    entry = get(s, LogEntryRecord, decided.log_entry.id, "log_entry")
    check_version(entry, decided.log_entry.version)
    cycle = None
    prior = decided.prior
    if decided.cycle is not None:
        cycle = get(s, CycleRecord, decided.cycle.id, "cycle")
        check_version(cycle, decided.cycle.version)
        cycle.step = prior.cycle_step or CycleStep.ACT.value
        cycle.act_decision = prior.cycle_decision
        cycle.act_next_step = prior.cycle_next_step
        cycle.closed_on = prior.cycle_closed_on
    shown = removed = None
    if prior.entry is None:
        removed = entry.id
        s.delete(entry)
    else:
        before = prior.entry
        entry.cycle_id = before.cycle_id
        entry.decision = before.decision.value if before.decision else None
        entry.learning = before.learning
        entry.archived = prior.entry_archived
        if entry.archived:
            removed = entry.id
    s.flush()
    if prior.entry is not None and not prior.entry_archived:
        shown = mapping.log_entry(entry)
    return Undone(mapping.cycle(cycle) if cycle else None, shown, removed)


def record_decision(
    db: Database,
    card_id: int,
    request: DecisionRequest,
    *,
    cycle_id: int | None = None,
    expected_cycle_version: int | None = None,
    on: date | None = None,
) -> Decided:
    """One decision on a card, in one transaction (see the module's doc)."""
    with db.write() as s:
        return record(
            s,
            card_id,
            request,
            cycle_id=cycle_id,
            expected_cycle_version=expected_cycle_version,
            on=on,
        )


def undo_decision(db: Database, decided: Decided) -> Undone:
    """Take a decision back, in one transaction: the cycle open again at the step it was in,
    the log entry it wrote gone (or one it updated as it was)."""
    with db.write() as s:
        return undo(s, decided)
