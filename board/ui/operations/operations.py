"""Board operations: every user action is one undo command, pushed on the one undo stack.

The rooms above never talk to services directly. An operation builds its command (IDs and
before/after values) and pushes it; the push runs the command's ``redo``, which is the
action: one service call, then one refresh of the BoardStore (the one refresh path). A
refused action is not on the stack and is worded once (``Operations.attempt``); a stale
version (another screen changed the card) reloads the board first.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from board.domain import decision_rule
from board.domain.entities import (
    Agreement,
    Card,
    CriterionKind,
    Cycle,
    Decision,
    Goal,
    LearningPoint,
    Measurement,
    Meeting,
    Person,
    ScaleStep,
    SuccessCriterion,
)
from board.domain.lanes import Lane
from board.domain.text import parse_date
from board.services import (
    boards,
    cards,
    decisions,
    learning_points,
    meeting_steps,
    meetings,
    people,
    privacy,
)
from board.ui.operations import commands, meeting_commands
from board.ui.operations.steps import BoardSteps

if TYPE_CHECKING:
    from board.services.erasure import ErasureEntry, Redaction
    from board.services.learning_points import Report, Saved
    from board.services.privacy import Hit
    from board.ui.common.number_pad import PadEntry

C = TypeVar("C", bound=commands.ServiceCommand)


class BoardOperations(BoardSteps):
    """The user actions: each runs its steps through ``attempt`` and pushes its undo command."""

    def needs_decision(self, card_id: int) -> bool:
        """Whether a card arriving in Log still needs its decision (domain/decision_rule)."""
        return decision_rule.needs_decision(
            self.store.cycle(card_id), lambda cycle_id: bool(self.store.entries_for_cycle(cycle_id))
        )

    def _push(self, command: C) -> C | None:
        """Push ``command``: the push performs it (its ``redo``). None: it was refused."""
        stack = self.undo_stack
        could_redo = stack.canRedo()
        stack.push(command)
        if could_redo and not stack.canRedo():
            # A new action ends what could be redone, even one refused or one that changed
            # nothing; QUndoStack then drops those commands without a signal.
            stack.canRedoChanged.emit(False)
            stack.redoTextChanged.emit(stack.redoText())
        return None if command.failed else command

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
        move = commands.MoveCommand(self, card_id, from_lane, from_index, lane, index)
        if self._push(move) is None:
            return False
        moved = self.store.card(card_id)
        if moved is None:
            return True
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
        after = {"owner_id": owner_id, "deadline": deadline}
        step = commands.EditStep(card_id, before, after)
        return self._push(commands.FollowUpCommand(self, card_id, step)) is not None

    def write_log(self, card_id: int, decision: Decision, learning: str) -> bool:
        """The decision and learning after a move into Log (undone with the move): recorded
        as every decision is, closing the card's open learning cycle."""
        if self.store.card(card_id) is None:
            return False
        step = commands.DecisionStep(card_id, decisions.DecisionRequest(decision, learning))
        return self._push(commands.FollowUpCommand(self, card_id, step)) is not None

    def add_card(self, lane: Lane, title: str, index: int | None = None) -> Card | None:
        if self.board_id is None:
            return None
        added = self._push(commands.AddCardCommand(self, lane, title, index))
        return added.card if added is not None else None

    def add_meeting_idea(self, meeting_id: int, title: str, step_key: str) -> Card | None:
        """Ny idé at a meeting's step: a card in Idéer at once, undone as any added card."""
        command = meeting_commands.MeetingIdeaCommand(self, meeting_id, title, step_key)
        added = self._push(command)
        return added.card if added is not None else None

    def add_decision(
        self,
        meeting_id: int,
        what: str,
        owner_id: int | None,
        deadline: date | str | None,
        step_key: str,
    ) -> Agreement | None:
        """Beslutning at a meeting's step: an activity card with owner and deadline and the
        meeting's agreement naming it (one transaction). Not on the undo stack: the service
        has no inverse (see meeting_commands)."""

        def decide() -> Agreement:
            day = parse_date(deadline, "field.deadline")
            agreement = meeting_steps.add_decision(
                self.db, meeting_id, what, owner_id, day, step_key
            )
            if agreement.card_id is not None:
                self.store.put_card(cards.get_card(self.db, agreement.card_id))
            return agreement

        return self.attempt(decide)

    def edit_card(self, card_id: int, **after: Any) -> bool:
        card = self.store.card(card_id)
        if card is None:
            return False
        before = {name: getattr(card, name) for name in after}
        return self._push(commands.EditCardCommand(self, card_id, before, after)) is not None

    def archive_card(self, card_id: int) -> bool:
        card = self.store.card(card_id)
        if card is None:
            return False
        lane, index = card.lane, self.store.index_in_lane(card_id)
        return self._push(commands.ArchiveCommand(self, card_id, lane, index)) is not None

    def restore_card(self, card_id: int) -> bool:
        return self._push(commands.RestoreCommand(self, card_id)) is not None

    def archived_cards(self) -> list[Card]:
        board_id = self.board_id
        if board_id is None:
            return []
        return self.attempt(lambda: cards.archived_cards(self.db, board_id)) or []

    def erase_card(self, card_id: int) -> bool:
        """»Slet for altid« (issue 13): an archived card, its cycles, log entries and its texts
        in the frozen minutes, for good. The undo stack is emptied (its steps could bring the
        card back)."""
        from board.services import erasure

        done = self.attempt(lambda: erasure.erase_card(self.db, card_id))
        if done is None:
            return False
        self.undo_stack.clear()
        self.reload()
        return True

    # --- the board's learning points (not on the undo stack: the sheet offers "Fortryd") --

    def find_learning_points(self, query: str = "") -> list[LearningPoint]:
        """The active points, newest first, whose text or case label holds ``query``."""
        board_id = self.board_id
        if board_id is None:
            return []
        found = self.attempt(
            lambda: learning_points.search_learning_points(self.db, board_id, query)
        )
        return found or []

    def learning_point_meetings(self) -> dict[int, Meeting]:
        """The board's meetings by id, to name the meeting a point was noted at."""
        board_id = self.board_id
        if board_id is None:
            return {}
        found = self.attempt(lambda: meetings.list_meetings(self.db, board_id)) or []
        return {m.id: m for m in found}

    def add_learning_point(
        self,
        text: str,
        case_label: str,
        noted_by_id: int | None,
        meeting_id: int | None = None,
    ) -> Saved | None:
        """A point from the sheet, or from a meeting's step (``meeting_id``)."""
        board_id = self.board_id
        if board_id is None:
            return None
        return self.attempt(
            lambda: learning_points.add_learning_point(
                self.db,
                board_id,
                text,
                case_label=case_label,
                noted_by_id=noted_by_id,
                meeting_id=meeting_id,
            )
        )

    def edit_learning_point(
        self, point: LearningPoint, text: str, case_label: str, noted_by_id: int | None
    ) -> Saved | None:
        return self.attempt(
            lambda: learning_points.edit_learning_point(
                self.db,
                point.id,
                point.version,
                point_text=text,
                case_label=case_label,
                noted_by_id=noted_by_id,
            )
        )

    def archive_learning_point(self, point: LearningPoint) -> LearningPoint | None:
        return self.attempt(
            lambda: learning_points.archive_learning_point(self.db, point.id, point.version)
        )

    def restore_learning_point(self, point: LearningPoint) -> LearningPoint | None:
        return self.attempt(
            lambda: learning_points.restore_learning_point(self.db, point.id, point.version)
        )

    def learning_points_report(self) -> Report | None:
        """All active points as the PDF and the CSV show them."""
        board_id = self.board_id
        if board_id is None:
            return None
        return self.attempt(lambda: learning_points.report(self.db, board_id))

    # --- Find persondata (issue 13): read only, nothing on the undo stack ------------------

    def find_personal_data(self, text: str) -> list[Hit]:
        """Every place on the board, its frozen minutes included, where ``text`` stands."""
        board_id = self.board_id
        if board_id is None:
            return []
        return self.attempt(lambda: privacy.find(self.db, board_id, text)) or []

    def find_cpr_numbers(self) -> list[Hit]:
        """Every CPR-like number on the board, its frozen minutes included."""
        board_id = self.board_id
        if board_id is None:
            return []
        return self.attempt(lambda: privacy.find_cpr(self.db, board_id)) or []

    def redact_personal_data(self, text: str, hits: list[Hit]) -> Redaction | None:
        """The chosen places become [slettet] for good. The undo stack is emptied (its steps
        hold the old text and could write it back) and the board is read again."""
        from board.services import erasure

        board_id = self.board_id
        if board_id is None or not hits:
            return None
        done = self.attempt(lambda: erasure.redact(self.db, board_id, text, hits))
        if done is not None:
            self.undo_stack.clear()
            self.reload()
        return done

    def person_to_erase(self, person_id: int) -> tuple[str, str] | None:
        """A person's name and the neutral label it would become (»Tidligere medarbejder n«)."""
        from board.services import erasure

        board_id = self.board_id
        if board_id is None:
            return None
        found = self.attempt(lambda: people.list_people(self.db, board_id, include_archived=True))
        person = next((p for p in found or [] if p.id == person_id), None)
        if person is None:
            return None
        label = self.attempt(lambda: erasure.next_label(self.db, board_id))
        return None if label is None else (person.name, label)

    def erase_person(self, person_id: int, label: str) -> Redaction | None:
        """»Slet personen for altid«: the name becomes ``label`` everywhere, frozen minutes
        too; history kept. The undo stack is emptied (its steps hold the old name)."""
        from board.services import erasure

        done = self.attempt(lambda: erasure.erase_person(self.db, person_id, label))
        if done is not None:
            self.undo_stack.clear()
            self.reload()
        return done

    def minutes_sent_among(self, hits: list[Hit]) -> int:
        """How many of the meetings whose frozen minutes hold these hits were e-mailed."""
        from board.services import erasure

        ids = {h.ref[-1] for h in hits if h.place == "snapshot"}
        return len(self.attempt(lambda: erasure.sent_meetings(self.db, ids)) or [])

    def backups_holding(self, texts: list[str]) -> list[Path]:
        """The backups of this database that may still hold any of ``texts``."""
        from board.persistence import backups

        found: dict[Path, None] = {}
        for text in dict.fromkeys(t for t in texts if t.strip()):
            for backup in backups.backups_holding(self.db, text):
                found[backup.path] = None
        return list(found)

    def delete_backups(self, paths: list[Path]) -> int:
        """Delete these backups; how many are gone."""
        from board.persistence import backups

        wanted = set(paths)
        chosen = [b for b in backups.list_backups(self.db) if b.path in wanted]
        return len(chosen) - len(backups.delete_backups(chosen))  # it returns those left

    def erasures(self) -> list[ErasureEntry]:
        """»Hvad er slettet«: the board's record of erasures, newest first."""
        from board.services import erasure

        board_id = self.board_id
        if board_id is None:
            return []
        return self.attempt(lambda: erasure.erasures(self.db, board_id)) or []

    def add_goal(self, aim: str) -> Goal | None:
        if self.board_id is None:
            return None
        added = self._push(commands.AddGoalCommand(self, aim))
        return added.goal if added is not None else None

    def edit_goal(self, goal_id: int, **after: Any) -> bool:
        goal = self.store.goal(goal_id)
        if goal is None:
            return False
        before = {name: getattr(goal, name) for name in after}
        return self._push(commands.EditGoalCommand(self, goal_id, before, after)) is not None

    def archive_goal(self, goal_id: int) -> bool:
        return self._push(commands.ArchiveGoalCommand(self, goal_id)) is not None

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
        field = commands.FieldCommand(self, kind, key, before, after, session)
        return self._push(field) is not None

    def start_cycle(self, card_id: int, scale_step: ScaleStep | None = None) -> Cycle | None:
        """ "Ny læringscirkel": the next cycle, carrying over the plan that still holds."""
        step = scale_step.value if scale_step is not None else None
        started = self._push(commands.StartCycleCommand(self, card_id, step))
        return started.cycle if started is not None else None

    def decide(self, card_id: int, number: int, decision: Decision, next_step: str) -> bool:
        """Justér: close the cycle and write its log entry (one transaction); undo reopens."""
        request = decisions.DecisionRequest(decision, None, next_step)
        return self._push(commands.DecideCommand(self, card_id, number, request)) is not None

    def add_criterion(
        self, goal_id: int, kind: CriterionKind, text: str, target: str = "", unit: str = ""
    ) -> SuccessCriterion | None:
        command = commands.AddCriterionCommand(self, goal_id, kind, text, target, unit)
        added = self._push(command)
        return added.criterion if added is not None else None

    def add_measurement(self, criterion_id: int, entry: PadEntry) -> Measurement | None:
        """One measurement (the number pad's "Gem"), undoable."""
        added = self._push(commands.AddMeasurementCommand(self, criterion_id, entry))
        return added.measurement if added is not None else None

    def add_observation(self, criterion_id: int, day: date, text: str) -> Measurement | None:
        """A sign's dated observation, undoable."""
        added = self._push(commands.AddMeasurementCommand(self, criterion_id, (day, text)))
        return added.measurement if added is not None else None

    def set_chart_settings(self, goal_id: int, criterion_id: int, **after: Any) -> bool:
        """The indicator's chart kind, freeze or phases (``SuccessCriterion`` field names)."""
        goal = self.store.goal(goal_id)
        old = next((c for c in goal.criteria if c.id == criterion_id), None) if goal else None
        if old is None:
            return False
        new = replace(old, **after)
        if new == old:
            return True
        return self._push(commands.ChartSettingsCommand(self, goal_id, old, new)) is not None

    def edit_measurement(self, before: Measurement, after: Measurement) -> bool:
        if after == before:
            return True  # nothing changed: nothing to undo
        return self._push(commands.EditMeasurementCommand(self, before, after)) is not None

    def delete_measurement(self, measurement: Measurement) -> bool:
        return self._push(commands.DeleteMeasurementCommand(self, measurement)) is not None

    def remove_criterion(self, goal_id: int, criterion_id: int) -> bool:
        removed = self._push(commands.RemoveCriterionCommand(self, goal_id, criterion_id))
        return removed is not None

    def edit_criterion(
        self, goal_id: int, criterion_id: int, after: dict[str, str], session: int | None
    ) -> bool:
        goal = self.store.goal(goal_id)
        old = next((c for c in goal.criteria if c.id == criterion_id), None) if goal else None
        if old is None:
            return False
        before = {name: getattr(old, name) for name in after}
        key = (goal_id, criterion_id)
        field = commands.FieldCommand(self, "criterion", key, before, after, session)
        return self._push(field) is not None
