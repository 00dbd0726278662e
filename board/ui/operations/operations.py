"""Board operations: every user action is one service call, then one refresh of the store.

The window never talks to services directly. Each operation runs its service, puts the
returned objects into the BoardStore (the one refresh path) and pushes an undo command
that remembers IDs and before/after values. Errors become one calm, translated message;
a stale version (another screen changed the card) reloads the board first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from board.domain.entities import (
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Decision,
    Goal,
    Person,
    ScaleStep,
    SuccessCriterion,
)
from board.domain.errors import BoardError, ConflictError, NotFoundError
from board.domain.lanes import Lane
from board.i18n import tr
from board.persistence.database import Database
from board.services import boards, cards, cycles, decisions, goals, people
from board.ui.common import error_sink
from board.ui.operations import commands
from board.ui.operations.board_store import BoardStore

_log = logging.getLogger(__name__)
T = TypeVar("T")


class BoardOperations(QObject):
    message = Signal(str)  # a translated, user-readable message
    recovered = Signal(str)  # an action succeeded after this error message: it is stale
    prompt = Signal(str, int)  # "owner" or "log", card id: a move that needs an answer
    board_opened = Signal(int)

    def __init__(
        self, db: Database | None, store: BoardStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db: Database = db  # type: ignore[assignment]  # None only for a photo
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.board_id: int | None = None
        self._criterion_ids: dict[int, int] = {}  # first id -> current row (see criterion_id)
        self._failed: str | None = None  # the last error worded in the banner

    # --- plumbing ------------------------------------------------------------------------

    def open_board(self, board_id: int) -> bool:
        try:
            state = boards.load_board(self.db, board_id)
        except BoardError as exc:
            self.message.emit(exc.message())
            return False
        self.undo_stack.clear()  # commands belong to one board
        self.board_id = board_id
        self.store.load(state)
        self.board_opened.emit(board_id)
        return True

    def reload(self) -> None:
        if self.board_id is None:
            return
        try:
            self.store.load(boards.load_board(self.db, self.board_id))
        except BoardError as exc:
            self.message.emit(exc.message())

    def attempt(self, action: Callable[[], T], *, conflict_key: str | None = None) -> T | None:
        """Run ``action``; on a BoardError show its message (reloading if the data moved on).

        ``conflict_key`` words a conflict for the caller (the template keeps typed text).
        The message goes to the sheet that asked, at its field (see error_sink), else to
        the banner; a later success withdraws a banner that is then stale.
        """
        try:
            result = action()
        except (ConflictError, NotFoundError) as exc:
            _log.info("board changed elsewhere: %s", type(exc).__name__)
            self.reload()
            conflict = conflict_key is not None and isinstance(exc, ConflictError)
            self._fail(exc, tr(conflict_key) if conflict_key and conflict else exc.message())
        except BoardError as exc:
            self._fail(exc, exc.message())
        else:
            if self._failed is not None:
                stale, self._failed = self._failed, None
                self.recovered.emit(stale)
            return result
        return None

    def _fail(self, error: BoardError, text: str) -> None:
        if error_sink.report(error, text):
            return
        self._failed = text
        self.message.emit(text)

    def _card(self, card_id: int) -> Card:
        card = self.store.any_card(card_id)
        if card is None:
            raise NotFoundError("error.not_found", what="card", id=card_id)
        return card

    # --- primitive steps (used by commands; each is one service call) --------------------

    def do_move(self, card_id: int, lane: Lane, index: int | None) -> Card:
        card = cards.move_card(self.db, card_id, self._card(card_id).version, lane, index)
        self.store.put_card(card)
        return card

    def do_relocate(
        self,
        card_id: int,
        lane: Lane,
        index: int | None,
        edits: dict[str, Any],
        decide: decisions.DecisionRequest | None = None,
        undecide: decisions.Decided | None = None,
    ) -> cards.Moved:
        """A move with its owner/deadline and its decision, in one transaction (undo, redo)."""
        moved = cards.move_card_with(
            self.db,
            card_id,
            self._card(card_id).version,
            lane,
            index,
            **edits,
            decide=decide,
            undecide=undecide,
        )
        self.store.put_card(moved.card)
        self._put_decision(moved.decided, moved.undone)
        return moved

    def _put_decision(
        self, decided: decisions.Decided | None, undone: decisions.Undone | None
    ) -> None:
        if decided is not None:
            if decided.cycle is not None:
                self.store.put_cycle(decided.cycle)
            self.store.put_entry(decided.log_entry)
        if undone is not None:
            if undone.removed_entry_id is not None:
                self.store.drop_entry(undone.removed_entry_id)
            if undone.entry is not None:
                self.store.put_entry(undone.entry)
            if undone.cycle is not None:
                self.store.put_cycle(undone.cycle)

    def do_record_decision(
        self, card_id: int, request: decisions.DecisionRequest, number: int | None = None
    ) -> decisions.Decided:
        """The one way a decision is recorded: the card's cycle (``number``, else its newest)
        is closed with it and its single log entry written, in one transaction."""
        cycle = (
            self.store.known_cycle(card_id, number)
            if number is not None
            else self.store.cycle(card_id)
        )
        decided = decisions.record_decision(
            self.db,
            card_id,
            request,
            cycle_id=cycle.id if cycle is not None else None,
            expected_cycle_version=cycle.version if cycle is not None else None,
        )
        self._put_decision(decided, None)
        return decided

    def do_undo_decision(self, decided: decisions.Decided) -> decisions.Undone:
        undone = decisions.undo_decision(self.db, decided)
        self._put_decision(None, undone)
        return undone

    def needs_decision(self, card_id: int) -> bool:
        """Whether a card arriving in Log still needs its decision: it has no learning cycle,
        or its newest cycle is open, or (written before this rule) closed without a log."""
        cycle = self.store.cycle(card_id)
        return (
            cycle is None
            or cycle.step is not CycleStep.CLOSED
            or not self.store.entries_for_cycle(cycle.id)
        )

    def do_edit(self, card_id: int, **changes: Any) -> Card:
        card = cards.edit_card(self.db, card_id, self._card(card_id).version, **changes)
        self.store.put_card(card)
        return card

    def do_archive(self, card_id: int, archived: bool) -> Card:
        card = cards.set_archived(self.db, card_id, self._card(card_id).version, archived)
        self.store.put_card(card)
        return card

    def do_edit_goal(self, goal_id: int, **changes: Any) -> Goal:
        goal = self.store.goal(goal_id)
        if goal is None:
            raise NotFoundError("error.not_found", what="goal", id=goal_id)
        new = goals.edit_goal(self.db, goal_id, goal.version, **changes)
        self.store.put_goal(new)
        return new

    # --- user actions --------------------------------------------------------------------

    def move_card(self, card_id: int, lane: Lane, index: int | None) -> bool:
        """Drop, "Flyt til…" or keyboard: on disk before this returns; may ask a question.

        Into Log it asks for the decision unless the card's test is decided already.
        """
        card = self.store.card(card_id)
        if card is None:
            return False
        from_lane, from_index = card.lane, self.store.index_in_lane(card_id)
        if lane is from_lane and (
            index == from_index
            or (index is None and from_index == len(self.store.lane_cards(lane)) - 1)
        ):
            return False
        moved = self.attempt(lambda: self.do_move(card_id, lane, index))
        if moved is None:
            return False
        to_index = self.store.index_in_lane(card_id)
        self.undo_stack.push(
            commands.MoveCommand(self, card_id, from_lane, from_index, lane, to_index)
        )
        if lane is Lane.ACTIVITIES and (moved.owner_id is None or moved.deadline is None):
            self.prompt.emit("owner", card_id)
        elif lane is Lane.LOG and from_lane is not Lane.LOG and self.needs_decision(card_id):
            self.prompt.emit("log", card_id)
        return True

    def set_owner_deadline(
        self, card_id: int, owner_id: int | None, deadline: date | str | None
    ) -> bool:
        """The answer to "who and by when?" after a move into Aktiviteter (undone with it)."""
        card = self.store.card(card_id)
        if card is None:
            return False
        before = {"owner_id": card.owner_id, "deadline": card.deadline}
        edited = self.attempt(lambda: self.do_edit(card_id, owner_id=owner_id, deadline=deadline))
        if edited is None:
            return False
        after = {"owner_id": edited.owner_id, "deadline": edited.deadline}
        if after == before:
            return True
        self.undo_stack.push(
            commands.FollowUpCommand(self, card_id, commands.EditStep(card_id, before, after))
        )
        return True

    def write_log(self, card_id: int, decision: Decision, learning: str) -> bool:
        """The decision and learning after a move into Log (undone with the move): recorded
        as every decision is, closing the card's open learning cycle."""
        if self.store.card(card_id) is None:
            return False
        request = decisions.DecisionRequest(decision, learning)
        decided = self.attempt(lambda: self.do_record_decision(card_id, request))
        if decided is None:
            return False
        step = commands.DecisionStep(card_id, request, decided)
        self.undo_stack.push(commands.FollowUpCommand(self, card_id, step))
        return True

    def add_card(self, lane: Lane, title: str, index: int | None = None) -> Card | None:
        board_id = self.board_id
        if board_id is None:
            return None
        card = self.attempt(lambda: cards.add_card(self.db, board_id, title, lane, index=index))
        if card is None:
            return None
        self.store.put_card(card)
        self.undo_stack.push(
            commands.AddCardCommand(self, card.id, lane, self.store.index_in_lane(card.id))
        )
        return card

    def edit_card(self, card_id: int, **after: Any) -> bool:
        card = self.store.card(card_id)
        if card is None:
            return False
        before = {name: getattr(card, name) for name in after}
        edited = self.attempt(lambda: self.do_edit(card_id, **after))
        if edited is None:
            return False
        after = {name: getattr(edited, name) for name in after}
        if after != before:
            self.undo_stack.push(commands.EditCardCommand(self, card_id, before, after))
        return True

    def archive_card(self, card_id: int) -> bool:
        card = self.store.card(card_id)
        if card is None:
            return False
        lane, index = card.lane, self.store.index_in_lane(card_id)
        if self.attempt(lambda: self.do_archive(card_id, True)) is None:
            return False
        self.undo_stack.push(commands.ArchiveCommand(self, card_id, lane, index))
        return True

    def restore_card(self, card_id: int) -> bool:
        if self.attempt(lambda: self.do_archive(card_id, False)) is None:
            return False
        self.undo_stack.push(commands.RestoreCommand(self, card_id))
        return True

    def archived_cards(self) -> list[Card]:
        board_id = self.board_id
        if board_id is None:
            return []
        return self.attempt(lambda: cards.archived_cards(self.db, board_id)) or []

    def add_goal(self, aim: str) -> Goal | None:
        board_id = self.board_id
        if board_id is None:
            return None
        goal = self.attempt(lambda: goals.add_goal(self.db, board_id, aim))
        if goal is None:
            return None
        self.store.put_goal(goal)
        self.undo_stack.push(commands.GoalArchivedCommand(self, goal.id, archived=False))
        return goal

    def edit_goal(self, goal_id: int, **after: Any) -> bool:
        goal = self.store.goal(goal_id)
        if goal is None:
            return False
        before = {name: getattr(goal, name) for name in after}
        edited = self.attempt(lambda: self.do_edit_goal(goal_id, **after))
        if edited is None:
            return False
        after = {name: getattr(edited, name) for name in after}
        if after != before:
            self.undo_stack.push(commands.EditGoalCommand(self, goal_id, before, after))
        return True

    def archive_goal(self, goal_id: int) -> bool:
        if self.attempt(lambda: self.do_edit_goal(goal_id, archived=True)) is None:
            return False
        self.undo_stack.push(commands.GoalArchivedCommand(self, goal_id, archived=True))
        return True

    def add_person(self, name: str) -> Person | None:
        """A new team member (not an undoable board change: people outlive a card's move)."""
        board_id = self.board_id
        if board_id is None:
            return None
        person = self.attempt(lambda: people.add_person(self.db, board_id, name))
        if person is not None:
            self.store.put_person(person)
        return person

    def create_board(self, name: str) -> int | None:
        board = self.attempt(lambda: boards.create_board(self.db, name))
        if board is None:
            return None
        self.open_board(board.id)
        return board.id

    def list_boards(self) -> list[boards.BoardSummary]:
        return self.attempt(lambda: boards.list_boards(self.db)) or []

    # --- the template: autosaved fields, learning cycles, success criteria ----------------
    # Records are keyed as commands know them: ("card", (id,)), ("goal", (id,)) and
    # ("cycle", (card id, number)), since redoing "Ny læringscirkel" gives a new cycle id.

    def _cycle(self, card_id: int, number: int) -> Cycle:
        cycle = self.store.known_cycle(card_id, number)
        if cycle is None:
            raise NotFoundError("error.not_found", what="cycle", id=number)
        return cycle

    def record(self, kind: str, key: tuple[int, ...]) -> Card | Goal | Cycle | None:
        """The record as this window knows it (its version is what a save is based on)."""
        if kind == "card":
            return self.store.any_card(key[0])
        if kind == "goal":
            return self.store.goal(key[0])
        return self.store.known_cycle(key[0], key[1])

    def do_save(self, kind: str, key: tuple[int, ...], changes: dict[str, Any]) -> Any:
        """One service call that changes fields of one record (edit_card/_goal/_cycle)."""
        if kind == "card":
            return self.do_edit(key[0], **changes)
        if kind == "goal":
            return self.do_edit_goal(key[0], **changes)
        if kind == "criterion":
            return self.do_edit_criterion(key[0], key[1], **changes)
        return self.do_edit_cycle(key[0], key[1], **changes)

    def do_edit_cycle(self, card_id: int, number: int, **changes: Any) -> Cycle:
        cycle = self._cycle(card_id, number)
        new = cycles.edit_cycle(self.db, cycle.id, cycle.version, **changes)
        self.store.put_cycle(new)
        return new

    def save_fields(
        self, kind: str, key: tuple[int, ...], after: dict[str, Any], session: int | None
    ) -> bool:
        """Save fields the template shows: one service call, one (mergeable) undo step."""
        record = self.record(kind, key)
        if record is None:
            return False
        before = {name: getattr(record, name) for name in after}
        saved = self.attempt(
            lambda: self.do_save(kind, key, after), conflict_key="tpl.conflict_kept"
        )
        if saved is None:
            return False
        after = {name: getattr(saved, name) for name in after}
        if after != before:
            self.undo_stack.push(commands.FieldCommand(self, kind, key, before, after, session))
        return True

    def do_start_cycle(self, card_id: int, scale_step: str | None) -> Cycle:
        cycle = cycles.start_cycle(self.db, card_id, scale_step)
        self.store.put_cycle(cycle)
        return cycle

    def do_discard_cycle(self, card_id: int, number: int) -> None:
        cycle = self._cycle(card_id, number)
        previous = cycles.discard_cycle(self.db, cycle.id, cycle.version)
        self.store.drop_cycle(cycle, previous)

    def start_cycle(self, card_id: int, scale_step: ScaleStep | None = None) -> Cycle | None:
        """ "Ny læringscirkel": the next cycle, carrying over the plan that still holds."""
        step = scale_step.value if scale_step is not None else None
        cycle = self.attempt(lambda: self.do_start_cycle(card_id, step))
        if cycle is None:
            return None
        self.undo_stack.push(commands.StartCycleCommand(self, card_id, cycle.number, step))
        return cycle

    def decide(self, card_id: int, number: int, decision: Decision, next_step: str) -> bool:
        """Justér: close the cycle and write its log entry (one transaction); undo reopens."""
        request = decisions.DecisionRequest(decision, None, next_step)
        decided = self.attempt(lambda: self.do_record_decision(card_id, request, number))
        if decided is None:
            return False
        self.undo_stack.push(commands.DecideCommand(self, card_id, number, request, decided))
        return True

    # Success criteria have no version of their own; the goal in the store is kept in step.

    def criterion_id(self, key_id: int) -> int:
        """The current row of a criterion first known as ``key_id`` (re-added by undo)."""
        return self._criterion_ids.get(key_id, key_id)

    def _put_criteria(
        self, goal_id: int, change: Callable[[list[SuccessCriterion]], list[SuccessCriterion]]
    ) -> None:
        goal = self.store.goal(goal_id)
        if goal is not None:
            criteria = sorted(change(list(goal.criteria)), key=lambda c: c.position)
            self.store.put_goal(replace(goal, criteria=tuple(criteria)))

    def do_add_criterion(
        self, goal_id: int, kind: CriterionKind, text: str, target: str = "", unit: str = ""
    ) -> SuccessCriterion:
        new = goals.add_criterion(self.db, goal_id, kind, text, target=target, unit=unit)
        self._put_criteria(goal_id, lambda cs: [*cs, new])
        return new

    def do_readd_criterion(self, goal_id: int, key_id: int, snapshot: SuccessCriterion) -> None:
        new = self.do_add_criterion(
            goal_id, snapshot.kind, snapshot.text, snapshot.target, snapshot.unit
        )
        self._criterion_ids[key_id] = new.id

    def do_remove_criterion(self, goal_id: int, key_id: int) -> SuccessCriterion:
        current = self.criterion_id(key_id)
        goal = self.store.goal(goal_id)
        old = next((c for c in goal.criteria if c.id == current), None) if goal else None
        if old is None:
            raise NotFoundError("error.not_found", what="criterion", id=current)
        goals.remove_criterion(self.db, current)
        self._put_criteria(goal_id, lambda cs: [c for c in cs if c.id != current])
        return old

    def do_edit_criterion(self, goal_id: int, key_id: int, **changes: str) -> SuccessCriterion:
        current = self.criterion_id(key_id)
        new = goals.edit_criterion(
            self.db,
            current,
            **{("criterion_text" if k == "text" else k): v for k, v in changes.items()},
        )
        self._put_criteria(goal_id, lambda cs: [new if c.id == current else c for c in cs])
        return new

    def add_criterion(
        self, goal_id: int, kind: CriterionKind, text: str, target: str = "", unit: str = ""
    ) -> SuccessCriterion | None:
        new = self.attempt(lambda: self.do_add_criterion(goal_id, kind, text, target, unit))
        if new is not None:
            self.undo_stack.push(commands.CriterionCommand(self, goal_id, new, added=True))
        return new

    def remove_criterion(self, goal_id: int, key_id: int) -> bool:
        old = self.attempt(lambda: self.do_remove_criterion(goal_id, key_id))
        if old is None:
            return False
        self.undo_stack.push(commands.CriterionCommand(self, goal_id, old, added=False))
        return True

    def edit_criterion(
        self, goal_id: int, key_id: int, after: dict[str, str], session: int | None
    ) -> bool:
        goal = self.store.goal(goal_id)
        current = self.criterion_id(key_id)
        old = next((c for c in goal.criteria if c.id == current), None) if goal else None
        if old is None:
            return False
        before = {name: getattr(old, name) for name in after}
        new = self.attempt(lambda: self.do_edit_criterion(goal_id, key_id, **after))
        if new is None:
            return False
        after = {name: getattr(new, name) for name in after}
        if after != before:
            self.undo_stack.push(
                commands.FieldCommand(self, "criterion", (goal_id, key_id), before, after, session)
            )
        return True
