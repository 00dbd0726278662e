"""Undo commands: IDs and before/after values; undo and redo call the services again.

An operation has already run (and is on disk) when its command is pushed, so the first
``redo`` that QUndoStack calls on push is skipped. A step that fails later (the card was
changed on another screen) shows its message, reloads, and drops the command from the
stack (``setObsolete``) rather than leave the stack pointing at a state that is gone.

The answers asked after a move (owner and deadline for Aktiviteter; decision and learning
for Log) are pushed as follow-ups that merge into the move, so one undo takes back the
whole drop in one transaction: the decision is undone (the learning cycle open again, its
log entry gone) and the card returns to where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from board.domain.entities import SuccessCriterion
from board.domain.lanes import Lane
from board.i18n import tr
from board.services import decisions

if TYPE_CHECKING:
    from board.ui.operations.steps import BoardSteps

MOVE_ID = 1101


class ServiceCommand(QUndoCommand):
    def __init__(self, ops: BoardSteps, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        if self.ops.attempt(self.forward) is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.ops.attempt(self.backward) is None:
            self.setObsolete(True)

    def forward(self) -> bool:
        raise NotImplementedError

    def backward(self) -> bool:
        raise NotImplementedError


class Step:
    """Something done after a move that is undone together with it."""

    def forward(self, ops: BoardSteps) -> None:
        raise NotImplementedError

    def backward(self, ops: BoardSteps) -> None:
        raise NotImplementedError


class EditStep(Step):
    def __init__(self, card_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
        self.card_id, self.before, self.after = card_id, before, after

    def forward(self, ops: BoardSteps) -> None:
        ops.do_edit(self.card_id, **self.after)

    def backward(self, ops: BoardSteps) -> None:
        ops.do_edit(self.card_id, **self.before)


class DecisionStep(Step):
    """The decision answered after a move into Log: recorded as every decision is."""

    def __init__(
        self, card_id: int, request: decisions.DecisionRequest, decided: decisions.Decided
    ) -> None:
        self.card_id, self.request, self.decided = card_id, request, decided

    def forward(self, ops: BoardSteps) -> None:
        self.decided = ops.do_record_decision(self.card_id, self.request)

    def backward(self, ops: BoardSteps) -> None:
        ops.do_undo_decision(self.decided)


class MoveCommand(ServiceCommand):
    def __init__(
        self,
        ops: BoardSteps,
        card_id: int,
        from_lane: Lane,
        from_index: int,
        to_lane: Lane,
        to_index: int,
    ) -> None:
        super().__init__(ops, tr("ui.undo.move", lane=tr(to_lane.label_key)))
        self.card_id = card_id
        self.source = (from_lane, from_index)
        self.target = (to_lane, to_index)
        self.steps: list[Step] = []

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if isinstance(other, FollowUpCommand) and other.card_id == self.card_id:
            self.steps.append(other.step)
            return True
        return False

    def forward(self) -> bool:
        self._relocate(forward=True)
        return True

    def backward(self) -> bool:
        self._relocate(forward=False)
        return True

    def _relocate(self, *, forward: bool) -> None:
        """The move and its follow-ups in one service call, so they succeed or fail together."""
        lane, index = self.target if forward else self.source
        edits: dict[str, Any] = {}
        decision: DecisionStep | None = None
        for step in self.steps if forward else reversed(self.steps):
            if isinstance(step, EditStep):
                edits.update(step.after if forward else step.before)
            elif isinstance(step, DecisionStep):
                decision = step
        moved = self.ops.do_relocate(
            self.card_id,
            lane,
            index,
            edits,
            decide=decision.request if decision and forward else None,
            undecide=decision.decided if decision and not forward else None,
        )
        if decision is not None and moved.decided is not None:
            decision.decided = moved.decided


class FollowUpCommand(ServiceCommand):
    """A step after a move; merges into that move when it is the last thing on the stack."""

    def __init__(self, ops: BoardSteps, card_id: int, step: Step) -> None:
        super().__init__(ops, tr("ui.undo.edit"))
        self.card_id = card_id
        self.step = step

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        return False

    def forward(self) -> bool:
        self.step.forward(self.ops)
        return True

    def backward(self) -> bool:
        self.step.backward(self.ops)
        return True


class AddCardCommand(ServiceCommand):
    """Undo of an add archives the card; redo restores it to the same place."""

    def __init__(self, ops: BoardSteps, card_id: int, lane: Lane, index: int) -> None:
        super().__init__(ops, tr("ui.undo.add"))
        self.card_id, self.lane, self.index = card_id, lane, index

    def forward(self) -> bool:
        restored = self.ops.do_archive(self.card_id, False)
        if self.ops.store.index_in_lane(restored.id) != self.index:
            self.ops.do_move(self.card_id, self.lane, self.index)
        return True

    def backward(self) -> bool:
        self.ops.do_archive(self.card_id, True)
        return True


class ArchiveCommand(AddCardCommand):
    """Archiving is an add run backwards."""

    def __init__(self, ops: BoardSteps, card_id: int, lane: Lane, index: int) -> None:
        super().__init__(ops, card_id, lane, index)
        self.setText(tr("ui.undo.archive"))

    def forward(self) -> bool:
        return super().backward()

    def backward(self) -> bool:
        return super().forward()


class RestoreCommand(ServiceCommand):
    def __init__(self, ops: BoardSteps, card_id: int) -> None:
        super().__init__(ops, tr("ui.undo.restore"))
        self.card_id = card_id

    def forward(self) -> bool:
        self.ops.do_archive(self.card_id, False)
        return True

    def backward(self) -> bool:
        self.ops.do_archive(self.card_id, True)
        return True


class EditCardCommand(ServiceCommand):
    def __init__(
        self, ops: BoardSteps, card_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(ops, tr("ui.undo.edit"))
        self.card_id, self.before, self.after = card_id, before, after

    def forward(self) -> bool:
        self.ops.do_edit(self.card_id, **self.after)
        return True

    def backward(self) -> bool:
        self.ops.do_edit(self.card_id, **self.before)
        return True


class EditGoalCommand(ServiceCommand):
    def __init__(
        self, ops: BoardSteps, goal_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(ops, tr("ui.undo.edit_goal"))
        self.goal_id, self.before, self.after = goal_id, before, after

    def forward(self) -> bool:
        self.ops.do_edit_goal(self.goal_id, **self.after)
        return True

    def backward(self) -> bool:
        self.ops.do_edit_goal(self.goal_id, **self.before)
        return True


class GoalArchivedCommand(ServiceCommand):
    """Adding a goal (undo archives it) or archiving one (undo restores it)."""

    def __init__(self, ops: BoardSteps, goal_id: int, archived: bool) -> None:
        super().__init__(ops, tr("ui.undo.archive_goal" if archived else "ui.undo.add_goal"))
        self.goal_id, self.archived = goal_id, archived

    def forward(self) -> bool:
        self.ops.do_edit_goal(self.goal_id, archived=self.archived)
        return True

    def backward(self) -> bool:
        self.ops.do_edit_goal(self.goal_id, archived=not self.archived)
        return True


# --- the template (template_page.py, goal_page.py) ------------------------------------------

FIELD_ID = 1201


class FieldCommand(ServiceCommand):
    """Template fields of one record, saved as they are left (and after a pause in typing).

    Saves made during one visit to a field (one ``session``) merge into one step, so a
    long text typed with pauses is undone at once, as a person expects.
    """

    def __init__(
        self,
        ops: BoardSteps,
        kind: str,
        key: tuple[int, ...],
        before: dict[str, Any],
        after: dict[str, Any],
        session: int | None,
    ) -> None:
        super().__init__(ops, tr("tpl.undo.field"))
        self.kind, self.key, self.session = kind, key, session
        self.before, self.after = before, after

    def id(self) -> int:
        return FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, FieldCommand)
            or self.session is None
            or (other.kind, other.key, other.session) != (self.kind, self.key, self.session)
        ):
            return False
        self.before = {**other.before, **self.before}
        self.after = {**self.after, **other.after}
        if self.after == self.before:
            self.setObsolete(True)  # typed and typed back: nothing to undo
        return True

    def forward(self) -> bool:
        self.ops.do_save(self.kind, self.key, self.after)
        return True

    def backward(self) -> bool:
        self.ops.do_save(self.kind, self.key, self.before)
        return True


class StartCycleCommand(ServiceCommand):
    """ "Ny læringscirkel"; undo removes the cycle again (it is still open by then)."""

    def __init__(self, ops: BoardSteps, card_id: int, number: int, scale_step: str | None) -> None:
        super().__init__(ops, tr("tpl.undo.start", number=number))
        self.card_id, self.number, self.scale_step = card_id, number, scale_step

    def forward(self) -> bool:
        self.ops.do_start_cycle(self.card_id, self.scale_step)
        return True

    def backward(self) -> bool:
        self.ops.do_discard_cycle(self.card_id, self.number)
        return True


class DecideCommand(ServiceCommand):
    """Justér: the decision closes the cycle and writes the log; undo takes it back exactly."""

    def __init__(
        self,
        ops: BoardSteps,
        card_id: int,
        number: int,
        request: decisions.DecisionRequest,
        decided: decisions.Decided,
    ) -> None:
        text = tr("tpl.undo.decide", decision=tr(f"decision.{request.decision.value}"))
        super().__init__(ops, text)
        self.card_id, self.number = card_id, number
        self.request, self.decided = request, decided

    def forward(self) -> bool:
        self.decided = self.ops.do_record_decision(self.card_id, self.request, self.number)
        return True

    def backward(self) -> bool:
        self.ops.do_undo_decision(self.decided)
        return True


class CriterionCommand(ServiceCommand):
    """A success criterion added (undo removes it) or removed (undo adds it back).

    Adding it back makes a new row; the command keeps the first id as the criterion's key
    (``ops.criterion_id`` maps it to the current row) and the text it had when removed.
    """

    def __init__(
        self, ops: BoardSteps, goal_id: int, criterion: SuccessCriterion, *, added: bool
    ) -> None:
        super().__init__(
            ops, tr("tpl.undo.criterion_add" if added else "tpl.undo.criterion_remove")
        )
        self.goal_id, self.key_id, self.added = goal_id, criterion.id, added
        self.snapshot = criterion

    def _add(self) -> None:
        self.ops.do_readd_criterion(self.goal_id, self.key_id, self.snapshot)

    def _remove(self) -> None:
        self.snapshot = self.ops.do_remove_criterion(self.goal_id, self.key_id)

    def forward(self) -> bool:
        if self.added:
            self._add()
        else:
            self._remove()
        return True

    def backward(self) -> bool:
        if self.added:
            self._remove()
        else:
            self._add()
        return True
