"""The primitive steps of the board: each is one service call, then one refresh of the store.

Undo commands replay these steps; BoardOperations (the user actions) builds on them and pushes
the commands. Kept apart so that the commands know the steps without knowing the operations
that push them (no import cycle between commands and operations).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from board.domain.entities import Card, CriterionKind, Cycle, Goal, SuccessCriterion
from board.domain.errors import BoardError, ConflictError, NotFoundError
from board.domain.lanes import Lane
from board.i18n import tr
from board.services import boards, cards, cycles, decisions, goals
from board.ui.common import error_sink
from board.ui.operations.board_store import BoardStore

if TYPE_CHECKING:
    from board.persistence.database import Database

_log = logging.getLogger(__name__)
T = TypeVar("T")


class BoardSteps(QObject):
    message = Signal(str)  # a translated, user-readable message
    recovered = Signal(str)  # an action succeeded after this error message: it is stale
    prompt = Signal(str, int)  # "owner" or "log", card id: a move that needs an answer
    board_opened = Signal(int)

    def __init__(
        self, db: Database | None, store: BoardStore, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db  # None only for a photo
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.board_id: int | None = None
        self._criterion_ids: dict[int, int] = {}  # first id -> current row (see criterion_id)
        self._failed: str | None = None  # the last error worded in the banner

    # --- plumbing ------------------------------------------------------------------------

    @property
    def db(self) -> Database:
        """The database; a photo window (made without one) never reaches for it."""
        assert self._db is not None, "a photo window has no database"
        return self._db

    def attach(self, db: Database) -> None:
        """The database, for a window painted before it was opened (BoardWindow.attach)."""
        self._db = db

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

    def do_start_cycle(self, card_id: int, scale_step: str | None) -> Cycle:
        cycle = cycles.start_cycle(self.db, card_id, scale_step)
        self.store.put_cycle(cycle)
        return cycle

    def do_discard_cycle(self, card_id: int, number: int) -> None:
        cycle = self._cycle(card_id, number)
        previous = cycles.discard_cycle(self.db, cycle.id, cycle.version)
        self.store.drop_cycle(cycle, previous)

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
