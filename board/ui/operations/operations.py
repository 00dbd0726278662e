"""Board operations: every user action is one service call, then one refresh of the store.

The window never talks to services directly. Each operation runs its service, puts the
returned objects into the BoardStore (the one refresh path) and pushes an undo command
that remembers IDs and before/after values. Errors become one calm, translated message;
a stale version (another screen changed the card) reloads the board first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

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
from board.domain.lanes import Lane
from board.services import boards, cards, decisions, goals, people
from board.ui.operations import commands
from board.ui.operations.steps import BoardSteps


class BoardOperations(BoardSteps):
    """The user actions: each runs its steps through ``attempt`` and pushes its undo command."""

    def needs_decision(self, card_id: int) -> bool:
        """Whether a card arriving in Log still needs its decision: it has no learning cycle,
        or its newest cycle is open, or (written before this rule) closed without a log."""
        cycle = self.store.cycle(card_id)
        return (
            cycle is None
            or cycle.step is not CycleStep.CLOSED
            or not self.store.entries_for_cycle(cycle.id)
        )

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
