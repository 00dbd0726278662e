"""Undo commands: IDs and before/after values; ``redo`` is the action, ``undo`` takes it back.

A user action is a command pushed on the undo stack: the push calls ``redo``, which performs
the action (one service call through ``BoardSteps``), and every later redo runs the same
code. What an undo removed comes back under its own id on redo: an added card or goal is
archived and restored, a removed learning cycle, log entry or success criterion is put back
as the same row. So ids never change and nothing needs remapping.

A step that fails (the card was changed on another screen) shows its message, reloads, and
drops the command from the stack (``setObsolete``) rather than leave the stack pointing at a
state that is gone; on the first do, a refused action is simply not on the stack.

The answers asked after a move (owner and deadline for Aktiviteter; decision and learning
for Log) are pushed as follow-ups that merge into the move, so one undo takes back the
whole drop in one transaction: the decision is undone (the learning cycle open again, its
log entry gone) and the card returns to where it was.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from board.domain.entities import Card, CriterionKind, Cycle, Goal, Measurement, SuccessCriterion
from board.domain.lanes import Lane
from board.i18n import tr
from board.services import decisions

if TYPE_CHECKING:
    from board.services import cards, goals
    from board.ui.common.number_pad import PadEntry
    from board.ui.operations.steps import BoardSteps

MOVE_ID = 1101


class ServiceCommand(QUndoCommand):
    """``forward`` does, ``backward`` undoes; each returns a result (None never means ok)."""

    # How a conflict on the first do is worded (the template keeps the typed text then);
    # a later redo or undo words it plainly.
    conflict_key: str | None = None

    def __init__(self, ops: BoardSteps, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self.failed = False  # read by BoardOperations after the push (which runs redo)
        self._done = False  # the first redo is the action itself; later ones replay it

    def redo(self) -> None:
        key, self.conflict_key = self.conflict_key, None
        replay, self._done = self._done, True
        self._run(self.forward, key, replay=replay)

    def undo(self) -> None:
        self._run(self.backward, None, replay=True)

    def _run(self, step: Any, conflict_key: str | None, *, replay: bool) -> None:
        # An undo or redo is based on what this window wrote: if another screen has changed
        # the card since, it is refused (and reloads), never silently undoes their change.
        self.ops.replaying = replay
        try:
            failed = self.ops.attempt(step, conflict_key=conflict_key) is None
        finally:
            self.ops.replaying = False
        if failed:
            self.failed = True
            self.setObsolete(True)

    def forward(self) -> object:
        raise NotImplementedError

    def backward(self) -> object:
        raise NotImplementedError


def _changed(command: QUndoCommand, before: dict[str, Any], after: dict[str, Any]) -> None:
    """A save that changed nothing is nothing to undo: the command leaves the stack."""
    if after == before:
        command.setObsolete(True)


class Step:
    """Something done after a move that is undone together with it."""

    def forward(self, ops: BoardSteps) -> object:
        raise NotImplementedError

    def backward(self, ops: BoardSteps) -> object:
        raise NotImplementedError


class EditStep(Step):
    def __init__(self, card_id: int, before: dict[str, Any], after: dict[str, Any]) -> None:
        self.card_id, self.before, self.after = card_id, before, after

    def forward(self, ops: BoardSteps) -> Card:
        edited = ops.do_edit(self.card_id, **self.after)
        self.after = {name: getattr(edited, name) for name in self.after}
        return edited

    def backward(self, ops: BoardSteps) -> Card:
        return ops.do_edit(self.card_id, **self.before)


class DecisionStep(Step):
    """The decision answered after a move into Log: recorded as every decision is."""

    def __init__(self, card_id: int, request: decisions.DecisionRequest) -> None:
        self.card_id, self.request = card_id, request
        self.decided: decisions.Decided | None = None

    def took(self, decided: decisions.Decided) -> decisions.Decided:
        """Remember what the decision did; a redo writes its log entry under the same id."""
        self.decided = decided
        self.request = decisions.again(self.request, decided)
        return decided

    def forward(self, ops: BoardSteps) -> decisions.Decided:
        return self.took(ops.do_record_decision(self.card_id, self.request))

    def backward(self, ops: BoardSteps) -> decisions.Undone:
        assert self.decided is not None
        return ops.do_undo_decision(self.decided)


class MoveCommand(ServiceCommand):
    """A move (drop, "Flyt til…", keyboard) and the answers merged into it."""

    def __init__(
        self,
        ops: BoardSteps,
        card_id: int,
        from_lane: Lane,
        from_index: int,
        to_lane: Lane,
        to_index: int | None,
    ) -> None:
        super().__init__(ops, tr("ui.undo.move", lane=tr(to_lane.label_key)))
        self.card_id = card_id
        self.source = (from_lane, from_index)
        self.target = (to_lane, to_index)
        self.steps: list[Step] = []

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, FollowUpCommand)
            and other.card_id == self.card_id
            and not other.isObsolete()  # refused, or nothing changed: nothing to take back
        ):
            self.steps.append(other.step)
            return True
        return False

    def forward(self) -> cards.Moved:
        moved = self._relocate(forward=True)
        # Where the card landed: a redo puts it there again (a drop may ask for "the end").
        self.target = (self.target[0], self.ops.store.index_in_lane(self.card_id))
        return moved

    def backward(self) -> cards.Moved:
        return self._relocate(forward=False)

    def _relocate(self, *, forward: bool) -> cards.Moved:
        """The move and its follow-ups in one service call, so they succeed or fail together."""
        lane, index = self.target if forward else self.source
        edits: dict[str, Any] = {}
        decision: DecisionStep | None = None
        for step in self.steps if forward else reversed(self.steps):
            if isinstance(step, EditStep):
                edits.update(step.after if forward else step.before)
            elif isinstance(step, DecisionStep):
                decision = step
        moved = self.ops.do_move(
            self.card_id,
            lane,
            index,
            edits,
            decide=decision.request if decision and forward else None,
            undecide=decision.decided if decision and not forward else None,
        )
        if decision is not None and moved.decided is not None:
            decision.took(moved.decided)
        return moved


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

    def forward(self) -> object:
        result = self.step.forward(self.ops)
        if isinstance(self.step, EditStep):
            _changed(self, self.step.before, self.step.after)
        return result

    def backward(self) -> object:
        return self.step.backward(self.ops)


class AddCardCommand(ServiceCommand):
    """A new card. Undo archives it; redo restores it (same id) to the same place."""

    def __init__(self, ops: BoardSteps, lane: Lane, title: str, index: int | None) -> None:
        super().__init__(ops, tr("ui.undo.add"))
        self.lane, self.title, self.index = lane, title, index
        self.card: Card | None = None

    def forward(self) -> Card:
        if self.card is None:
            self.card = self.create()
            self.index = self.ops.store.index_in_lane(self.card.id)
        else:
            self.card = self.ops.do_archive(self.card.id, False, self.index)
        return self.card

    def create(self) -> Card:
        """The first time only: the card made (later redos restore it under its id)."""
        return self.ops.do_add_card(self.lane, self.title, self.index)

    def backward(self) -> Card:
        assert self.card is not None
        return self.ops.do_archive(self.card.id, True)


class ArchiveCommand(ServiceCommand):
    """Archiving a card; undo restores it to where it was."""

    def __init__(self, ops: BoardSteps, card_id: int, lane: Lane, index: int) -> None:
        super().__init__(ops, tr("ui.undo.archive"))
        self.card_id, self.lane, self.index = card_id, lane, index

    def forward(self) -> Card:
        return self.ops.do_archive(self.card_id, True)

    def backward(self) -> Card:
        return self.ops.do_archive(self.card_id, False, self.index)


class RestoreCommand(ServiceCommand):
    """A card brought back from the archive (to the end of its lane)."""

    def __init__(self, ops: BoardSteps, card_id: int) -> None:
        super().__init__(ops, tr("ui.undo.restore"))
        self.card_id = card_id

    def forward(self) -> Card:
        return self.ops.do_archive(self.card_id, False)

    def backward(self) -> Card:
        return self.ops.do_archive(self.card_id, True)


class EditCardCommand(ServiceCommand):
    def __init__(
        self, ops: BoardSteps, card_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(ops, tr("ui.undo.edit"))
        self.card_id, self.before, self.after = card_id, before, after

    def forward(self) -> Card:
        edited = self.ops.do_edit(self.card_id, **self.after)
        self.after = {name: getattr(edited, name) for name in self.after}
        _changed(self, self.before, self.after)
        return edited

    def backward(self) -> Card:
        return self.ops.do_edit(self.card_id, **self.before)


class AddGoalCommand(ServiceCommand):
    """A new goal. Undo archives it; redo restores it (same id)."""

    def __init__(self, ops: BoardSteps, aim: str) -> None:
        super().__init__(ops, tr("ui.undo.add_goal"))
        self.aim = aim
        self.goal: Goal | None = None

    def forward(self) -> Goal:
        if self.goal is None:
            self.goal = self.ops.do_add_goal(self.aim)
        else:
            self.goal = self.ops.do_edit_goal(self.goal.id, archived=False)
        return self.goal

    def backward(self) -> Goal:
        assert self.goal is not None
        return self.ops.do_edit_goal(self.goal.id, archived=True)


class ArchiveGoalCommand(ServiceCommand):
    def __init__(self, ops: BoardSteps, goal_id: int) -> None:
        super().__init__(ops, tr("ui.undo.archive_goal"))
        self.goal_id = goal_id

    def forward(self) -> Goal:
        return self.ops.do_edit_goal(self.goal_id, archived=True)

    def backward(self) -> Goal:
        return self.ops.do_edit_goal(self.goal_id, archived=False)


class EditGoalCommand(ServiceCommand):
    def __init__(
        self, ops: BoardSteps, goal_id: int, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        super().__init__(ops, tr("ui.undo.edit_goal"))
        self.goal_id, self.before, self.after = goal_id, before, after

    def forward(self) -> Goal:
        edited = self.ops.do_edit_goal(self.goal_id, **self.after)
        self.after = {name: getattr(edited, name) for name in self.after}
        _changed(self, self.before, self.after)
        return edited

    def backward(self) -> Goal:
        return self.ops.do_edit_goal(self.goal_id, **self.before)


# --- the template (template_page.py, goal_page.py) ------------------------------------------

FIELD_ID = 1201


class FieldCommand(ServiceCommand):
    """Template fields of one record, saved as they are left (and after a pause in typing).

    Saves made during one visit to a field (one ``session``) merge into one step, so a
    long text typed with pauses is undone at once, as a person expects.
    """

    conflict_key = "tpl.conflict_kept"

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
            or other.isObsolete()  # refused, or it changed nothing
            or self.session is None
            or (other.kind, other.key, other.session) != (self.kind, self.key, self.session)
        ):
            return False
        self.before = {**other.before, **self.before}
        self.after = {**self.after, **other.after}
        if self.after == self.before:
            self.setObsolete(True)  # typed and typed back: nothing to undo
        return True

    def forward(self) -> object:
        saved = self.ops.do_save(self.kind, self.key, self.after)
        self.after = {name: getattr(saved, name) for name in self.after}
        _changed(self, self.before, self.after)
        return saved

    def backward(self) -> object:
        return self.ops.do_save(self.kind, self.key, self.before)


class StartCycleCommand(ServiceCommand):
    """ "Ny læringscirkel"; undo removes the cycle again (it is still open by then), redo
    puts the same cycle back."""

    def __init__(self, ops: BoardSteps, card_id: int, scale_step: str | None) -> None:
        super().__init__(ops, tr("tpl.undo.start", number=""))
        self.card_id, self.scale_step = card_id, scale_step
        self.cycle: Cycle | None = None  # the cycle started (as removed, after an undo)

    def forward(self) -> Cycle:
        if self.cycle is None:
            self.cycle = self.ops.do_start_cycle(self.card_id, self.scale_step)
            self.setText(tr("tpl.undo.start", number=self.cycle.number))
        else:
            self.cycle = self.ops.do_restore_cycle(self.cycle)
        return self.cycle

    def backward(self) -> Cycle:
        assert self.cycle is not None
        self.cycle = self.ops.do_discard_cycle(self.card_id, self.cycle.number)
        return self.cycle


class DecideCommand(ServiceCommand):
    """Justér: the decision closes the cycle and writes the log; undo takes it back exactly."""

    def __init__(
        self, ops: BoardSteps, card_id: int, number: int, request: decisions.DecisionRequest
    ) -> None:
        text = tr("tpl.undo.decide", decision=tr(f"decision.{request.decision.value}"))
        super().__init__(ops, text)
        self.card_id, self.number = card_id, number
        self.step = DecisionStep(card_id, request)

    def forward(self) -> decisions.Decided:
        request = self.step.request
        return self.step.took(self.ops.do_record_decision(self.card_id, request, self.number))

    def backward(self) -> decisions.Undone:
        return self.step.backward(self.ops)


class AddCriterionCommand(ServiceCommand):
    """A success criterion added; undo removes it, redo puts the same row back."""

    def __init__(
        self, ops: BoardSteps, goal_id: int, kind: CriterionKind, text: str, target: str, unit: str
    ) -> None:
        super().__init__(ops, tr("tpl.undo.criterion_add"))
        self.goal_id, self.fields = goal_id, (kind, text, target, unit)
        self.criterion: SuccessCriterion | None = None
        self.removed: goals.RemovedCriterion | None = None

    def forward(self) -> SuccessCriterion:
        if self.removed is None:
            self.criterion = self.ops.do_add_criterion(self.goal_id, *self.fields)
        else:
            self.criterion = self.ops.do_restore_criterion(self.removed)
        return self.criterion

    def backward(self) -> goals.RemovedCriterion:
        assert self.criterion is not None
        self.removed = self.ops.do_remove_criterion(self.goal_id, self.criterion.id)
        return self.removed


class RemoveCriterionCommand(ServiceCommand):
    """A success criterion removed; undo puts it back (same id, with its measurements)."""

    def __init__(self, ops: BoardSteps, goal_id: int, criterion_id: int) -> None:
        super().__init__(ops, tr("tpl.undo.criterion_remove"))
        self.goal_id, self.criterion_id = goal_id, criterion_id
        self.removed: goals.RemovedCriterion | None = None

    def forward(self) -> goals.RemovedCriterion:
        self.removed = self.ops.do_remove_criterion(self.goal_id, self.criterion_id)
        return self.removed

    def backward(self) -> SuccessCriterion:
        assert self.removed is not None
        restored = self.ops.do_restore_criterion(self.removed)
        self.criterion_id = restored.id  # the same, unless another screen's row took it
        return restored


class AddMeasurementCommand(ServiceCommand):
    """A measurement added (the number pad's "Gem") or a sign's observation; undo deletes it,
    redo puts the same row back under its id."""

    def __init__(
        self, ops: BoardSteps, criterion_id: int, entry: PadEntry | tuple[date, str]
    ) -> None:
        observation = isinstance(entry, tuple)
        key = "tpl.undo.observation_add" if observation else "tpl.undo.measurement_add"
        super().__init__(ops, tr(key))
        self.criterion_id, self.entry = criterion_id, entry
        self.measurement: Measurement | None = None
        self.removed = False

    def forward(self) -> Measurement:
        if self.removed:
            assert self.measurement is not None
            self.measurement = self.ops.do_restore_measurement(self.measurement)
        elif isinstance(self.entry, tuple):
            self.measurement = self.ops.do_add_observation(self.criterion_id, *self.entry)
        else:
            self.measurement = self.ops.do_add_measurement(self.criterion_id, self.entry)
        return self.measurement

    def backward(self) -> Measurement:
        assert self.measurement is not None
        self.removed = True
        return self.ops.do_delete_measurement(self.measurement.id)


class ChartSettingsCommand(ServiceCommand):
    """An indicator's chart kind, "Fastlås basislinje" or phases changed; undo sets them back."""

    def __init__(
        self, ops: BoardSteps, goal_id: int, before: SuccessCriterion, after: SuccessCriterion
    ) -> None:
        super().__init__(ops, tr("tpl.undo.chart"))
        self.goal_id, self.before, self.after = goal_id, before, after

    def forward(self) -> SuccessCriterion:
        return self.ops.do_chart_settings(self.goal_id, self.after)

    def backward(self) -> SuccessCriterion:
        return self.ops.do_chart_settings(self.goal_id, self.before)


class DeleteMeasurementCommand(ServiceCommand):
    """A measurement deleted; undo puts it back under its own id."""

    def __init__(self, ops: BoardSteps, measurement: Measurement) -> None:
        super().__init__(ops, tr("tpl.undo.measurement_delete"))
        self.measurement = measurement

    def forward(self) -> Measurement:
        self.measurement = self.ops.do_delete_measurement(self.measurement.id)
        return self.measurement

    def backward(self) -> Measurement:
        self.measurement = self.ops.do_restore_measurement(self.measurement)
        return self.measurement


class EditMeasurementCommand(ServiceCommand):
    """A measurement's date, value or note changed (a comment too); undo writes it back."""

    def __init__(self, ops: BoardSteps, before: Measurement, after: Measurement) -> None:
        super().__init__(ops, tr("tpl.undo.measurement_edit"))
        self.before, self.after = before, after

    def forward(self) -> Measurement:
        return self.ops.do_edit_measurement(self.after)

    def backward(self) -> Measurement:
        return self.ops.do_edit_measurement(self.before)
