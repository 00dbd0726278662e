"""The primitive steps of the board: each is one service call, then one refresh of the store.

Undo commands run these steps, on the first do and on every undo and redo; BoardOperations
(the user actions) pushes the commands. Kept apart so that the commands know the steps without
knowing the operations that push them (no import cycle between commands and operations).
Reads the rooms above need (a template, measurements) are here too: no room above the
operations talks to services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from board.domain.entities import (
    BoardState,
    Card,
    CriterionKind,
    Cycle,
    Goal,
    Measurement,
    SuccessCriterion,
)
from board.domain.errors import BoardError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.domain.spc import ChartKind
from board.services import boards, cards, cycles, decisions, goals, measurements
from board.services import template as template_service
from board.ui.operations.base import Operations
from board.ui.operations.board_store import BoardStore
from board.ui.operations.goal_data import ChartData, GoalSeries

if TYPE_CHECKING:
    from board.persistence.database import Database
    from board.services.measurements import GoalMeasurements, ImportPreview, ImportResult
    from board.services.template import TemplateData
    from board.ui.common.number_pad import PadEntry


def read_board(db: Database, board_id: int) -> BoardState:
    """The board as stored (the window's load, and the photo that needs no window)."""
    return boards.load_board(db, board_id)


def _chart_input(
    criterion: SuccessCriterion, rows: tuple[Measurement, ...]
) -> measurements.ChartInput:
    """``measurements.chart_input`` from rows already read (one read for the table and the
    chart) and the criterion's settings as the store holds them."""
    points = [m for m in rows if m.value is not None]
    dates = tuple(m.measured_on for m in points)
    breaks = tuple(sorted({next((i for i, d in enumerate(dates) if d >= start), len(dates))
                           for start in criterion.phase_starts}))  # fmt: skip
    return measurements.ChartInput(
        criterion=criterion, dates=dates, values=tuple(m.value or 0.0 for m in points),
        numerators=tuple(m.numerator for m in points),
        denominators=tuple(m.denominator for m in points), kind=criterion.chart,
        freeze_points=criterion.freeze_points, breaks=breaks,
    )  # fmt: skip


class BoardSteps(Operations):
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
        # Set by the undo commands while they undo or redo (not on the first do): their
        # writes are based on the versions this window wrote, not on what another screen did.
        self.replaying = False
        # A drag in progress holds a refresh from another screen back (set by the window).
        self.held: Callable[[], bool] = lambda: False
        self._refresh_pending = False
        store.series_wanted.connect(self._series_wanted)

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
            state = read_board(self.db, board_id)
        except BoardError as exc:
            self.message.emit(exc.message())
            return False
        self.undo_stack.clear()  # commands belong to one board
        self.board_id = board_id
        self.store.load(state)
        self.board_opened.emit(board_id)
        return True

    def _series_wanted(self) -> None:
        """The goal cards' sparklines, read once Mål has been painted (``BoardStore``):
        reading every indicator and loading the charts would hold up the first paint."""
        if self.board_id is not None and self._db is not None:
            self.load_series()

    def load_series(self, goal_ids: set[int] | None = None) -> None:
        """The goal cards' sparklines: each goal's first indicator and its measurements (all
        goals, or ``goal_ids``); a goal whose read fails just shows none."""
        found: dict[int, GoalSeries] = {}
        for goal in self.store.goals:
            if goal_ids is not None and goal.id not in goal_ids:
                continue
            series = self._goal_series(goal)
            if series is not None:
                found[goal.id] = series
        gone = set() if goal_ids is None else goal_ids - set(found)
        self.store.put_series(found, gone)

    def _goal_series(self, goal: Goal) -> GoalSeries | None:
        indicator = next((c for c in goal.criteria if c.kind is CriterionKind.INDICATOR), None)
        if indicator is None:
            return None
        try:
            rows = measurements.measurements(self.db, indicator.id)
        except BoardError:
            return None
        points = tuple(m for m in rows if m.value is not None)
        percent = bool(points) and all(m.denominator is not None for m in points)
        target = measurements.target_value(indicator, percent=percent)
        return GoalSeries(indicator, points, target)

    def reload(self) -> None:
        board_id = self.board_id
        if board_id is None:
            return
        try:
            self.store.load(read_board(self.db, board_id))
        except BoardError as exc:
            self.message.emit(exc.message())
            return

    def refresh(self) -> None:
        """Another screen changed this board: read it again and redraw only what differs.

        While ``held()`` (a drag in progress) the refresh waits; ``release()`` runs it then.
        Open sheets and the undo stack are kept: an undo step is still based on the version
        this window wrote (``BoardStore.own_version``), so it is refused if that changed.
        """
        board_id = self.board_id
        if board_id is None or self._db is None:
            return
        if self.held():
            self._refresh_pending = True
            return
        self._refresh_pending = False
        try:
            state = read_board(self.db, board_id)
        except BoardError as exc:
            self.message.emit(exc.message())
            return
        if self.board_id != board_id:
            return
        self.store.merge(state)
        self._refresh_series()

    def release(self) -> None:
        """What held the refresh is over (a drop or a cancel): catch up if anything came."""
        if self._refresh_pending:
            # At the next turn: the drop's own write and paint come first (its budget).
            QTimer.singleShot(0, self, self.refresh)

    def _refresh_series(self) -> None:
        """The sparklines whose data differs (a measurement typed on another screen)."""
        if self.store.series_pending:
            return  # Mål not painted yet: its sparklines are read then, as after a load
        before = dict(self.store.series)
        found: dict[int, GoalSeries] = {}
        for goal in self.store.goals:
            series = self._goal_series(goal)
            if series is not None:
                found[goal.id] = series
        changed = {gid: s for gid, s in found.items() if before.get(gid) != s}
        gone = set(before) - set(found)
        if changed or gone:
            self.store.put_series(changed, gone)

    def _version(self, kind: str, current: int, ident: int) -> int:
        """The version a write is based on: what is shown, or for an undo or redo step
        what this window itself last wrote (``BoardStore.own_version``)."""
        return self.store.own_version(kind, ident, current) if self.replaying else current

    def _card(self, card_id: int) -> Card:
        card = self.store.any_card(card_id)
        if card is None:
            raise NotFoundError("error.not_found", what="card", id=card_id)
        return card

    # --- primitive steps (used by commands; each is one service call) --------------------

    def do_move(
        self,
        card_id: int,
        lane: Lane,
        index: int | None,
        edits: dict[str, Any] | None = None,
        decide: decisions.DecisionRequest | None = None,
        undecide: decisions.Decided | None = None,
    ) -> cards.Moved:
        """A move with its owner/deadline and its decision, in one transaction: the first
        move, its undo and its redo alike."""
        moved = cards.move_card_with(
            self.db,
            card_id,
            self._version("card", self._card(card_id).version, card_id),
            lane,
            index,
            **(edits or {}),
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
        version = self._version("card", self._card(card_id).version, card_id)
        card = cards.edit_card(self.db, card_id, version, **changes)
        self.store.put_card(card)
        return card

    def do_add_card(self, lane: Lane, title: str, index: int | None) -> Card:
        board_id = self.board_id
        if board_id is None:
            raise NotFoundError("error.not_found", what="board", id=0)
        card = cards.add_card(self.db, board_id, title, lane, index=index)
        self.store.put_card(card)
        return card

    def do_archive(self, card_id: int, archived: bool, index: int | None = None) -> Card:
        """Archive a card, or restore it (to ``index`` in its lane; None: the end)."""
        version = self._version("card", self._card(card_id).version, card_id)
        card = cards.set_archived(self.db, card_id, version, archived, index)
        self.store.put_card(card)
        return card

    def do_add_goal(self, aim: str) -> Goal:
        board_id = self.board_id
        if board_id is None:
            raise NotFoundError("error.not_found", what="board", id=0)
        goal = goals.add_goal(self.db, board_id, aim)
        self.store.put_goal(goal)
        return goal

    def do_edit_goal(self, goal_id: int, **changes: Any) -> Goal:
        goal = self.store.goal(goal_id)
        if goal is None:
            raise NotFoundError("error.not_found", what="goal", id=goal_id)
        version = self._version("goal", goal.version, goal_id)
        new = goals.edit_goal(self.db, goal_id, version, **changes)
        self.store.put_goal(new)
        return new

    # --- the template: autosaved fields, learning cycles, success criteria ----------------
    # Records are keyed as the template knows them: ("card", (id,)), ("goal", (id,)),
    # ("criterion", (goal id, id)) and ("cycle", (card id, number)). Ids stay the same
    # across undo and redo (a removed row comes back under its id).

    def template_data(self, board_id: int, card_id: int) -> TemplateData:
        """Everything a card's template shows, read in one transaction (raises BoardError)."""
        return template_service.template_data(self.db, board_id, card_id)

    def measurements(self, criterion_id: int) -> list[Measurement]:
        """An indicator's measurements (a sign's observations), oldest first (raises
        BoardError)."""
        return measurements.measurements(self.db, criterion_id)

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
        version = self._version("cycle", cycle.version, cycle.id)
        new = cycles.edit_cycle(self.db, cycle.id, version, **changes)
        self.store.put_cycle(new)
        return new

    def do_start_cycle(self, card_id: int, scale_step: str | None) -> Cycle:
        cycle = cycles.start_cycle(self.db, card_id, scale_step)
        self.store.put_cycle(cycle)
        return cycle

    def do_discard_cycle(self, card_id: int, number: int) -> Cycle:
        """Remove the card's newest (open) cycle; returns it as it was removed."""
        cycle = self._cycle(card_id, number)
        version = self._version("cycle", cycle.version, cycle.id)
        previous = cycles.discard_cycle(self.db, cycle.id, version)
        self.store.drop_cycle(cycle, previous)
        return cycle

    def do_restore_cycle(self, cycle: Cycle) -> Cycle:
        """Put back a discarded cycle under its own id."""
        restored = cycles.restore_cycle(self.db, cycle)
        self.store.put_cycle(restored)
        return restored

    # Success criteria have no version of their own; the goal in the store is kept in step.

    def _put_criteria(
        self, goal_id: int, change: Callable[[list[SuccessCriterion]], list[SuccessCriterion]]
    ) -> None:
        goal = self.store.goal(goal_id)
        if goal is not None:
            criteria = sorted(change(list(goal.criteria)), key=lambda c: (c.position, c.id))
            self.store.put_goal(replace(goal, criteria=tuple(criteria)))
            self.load_series({goal_id})  # its first indicator may be another now

    def do_add_criterion(
        self, goal_id: int, kind: CriterionKind, text: str, target: str = "", unit: str = ""
    ) -> SuccessCriterion:
        new = goals.add_criterion(self.db, goal_id, kind, text, target=target, unit=unit)
        self._put_criteria(goal_id, lambda cs: [*cs, new])
        return new

    def do_remove_criterion(self, goal_id: int, criterion_id: int) -> goals.RemovedCriterion:
        goal = self.store.goal(goal_id)
        if goal is None or all(c.id != criterion_id for c in goal.criteria):
            raise NotFoundError("error.not_found", what="criterion", id=criterion_id)
        removed = goals.remove_criterion(self.db, criterion_id)
        self._put_criteria(goal_id, lambda cs: [c for c in cs if c.id != criterion_id])
        return removed

    def do_restore_criterion(self, removed: goals.RemovedCriterion) -> SuccessCriterion:
        """Put back a removed criterion (and its measurements) under its own id."""
        restored = goals.restore_criterion(self.db, removed)
        self._put_criteria(restored.goal_id, lambda cs: [*cs, restored])
        return restored

    # Measurements (services.measurements): each step one transaction; the store tells the
    # goal's page and its card in Mål.

    def do_add_measurement(self, criterion_id: int, entry: PadEntry) -> Measurement:
        new = measurements.add_measurement(
            self.db, criterion_id, entry.day, None if entry.proportion else entry.value,
            numerator=entry.numerator, denominator=entry.denominator, note=entry.note,
        )  # fmt: skip
        self._measured(criterion_id)
        return new

    def do_add_observation(self, criterion_id: int, day: date, observation: str) -> Measurement:
        new = measurements.add_observation(self.db, criterion_id, day, observation)
        self._measured(criterion_id)
        return new

    def import_preview(self, criterion_id: int, path: Path) -> ImportPreview:
        """What importing the file would add and update (raises BoardError: every bad line)."""
        return measurements.preview_import(self.db, path, criterion_id=criterion_id)

    def do_import(self, criterion_id: int, preview: ImportPreview) -> ImportResult:
        """Import the previewed rows (one transaction; not undoable, like the command line's
        import: a file of 30 weeks is put right by importing it again)."""
        result = measurements.apply_import(self.db, preview, criterion_id=criterion_id)
        self._measured(criterion_id)
        return result

    def _measured(self, criterion_id: int) -> None:
        """After a measurement's step: the goal's sparkline, then its page."""
        goal = next(
            (g for g in self.store.goals if any(c.id == criterion_id for c in g.criteria)), None
        )
        if goal is not None:
            self.load_series({goal.id})
        self.store.measurements_changed(criterion_id)

    def do_delete_measurement(self, measurement_id: int) -> Measurement:
        removed = measurements.delete_measurement(self.db, measurement_id)
        self._measured(removed.criterion_id)
        return removed

    def do_restore_measurement(self, removed: Measurement) -> Measurement:
        restored = measurements.restore_measurement(self.db, removed)
        self._measured(restored.criterion_id)
        return restored

    def do_edit_measurement(self, measurement: Measurement) -> Measurement:
        """Write ``measurement``'s date, figures and note over the stored row."""
        if measurement.value is None:  # a sign's observation: its text is its note
            new = measurements.edit_measurement(
                self.db, measurement.id, measured_on=measurement.measured_on,
                note=measurement.note,
            )  # fmt: skip
        elif measurement.denominator is not None:
            new = measurements.edit_measurement(
                self.db, measurement.id, measured_on=measurement.measured_on,
                numerator=measurement.numerator, denominator=measurement.denominator,
                note=measurement.note,
            )  # fmt: skip
        else:
            new = measurements.edit_measurement(
                self.db, measurement.id, measured_on=measurement.measured_on,
                value=measurement.value, numerator=None, denominator=None, note=measurement.note,
            )  # fmt: skip
        self._measured(new.criterion_id)
        return new

    def do_chart_settings(self, goal_id: int, criterion: SuccessCriterion) -> SuccessCriterion:
        """Write ``criterion``'s chart settings (kind, freeze, phases) over the stored ones."""
        new = measurements.set_chart_settings(
            self.db, criterion.id, chart=criterion.chart, freeze_points=criterion.freeze_points,
            phase_starts=criterion.phase_starts,
        )  # fmt: skip
        self._put_criteria(goal_id, lambda cs: [new if c.id == criterion.id else c for c in cs])
        return new

    def _criterion(self, goal_id: int, criterion_id: int) -> SuccessCriterion:
        goal = self.store.goal(goal_id)
        found = next((c for c in goal.criteria if c.id == criterion_id), None) if goal else None
        if found is None:
            raise NotFoundError("error.not_found", what="criterion", id=criterion_id)
        return found

    def indicators_with_data(self) -> frozenset[int]:
        """The shown board's indicators that have a chart (one read; empty without a board)."""
        if self.board_id is None or self._db is None:
            return frozenset()
        try:
            return measurements.indicators_with_data(self.db, self.board_id)
        except BoardError:
            return frozenset()

    def goal_charts(self, goal_id: int) -> dict[int, ChartData]:
        """Every indicator's chart of the goal, from one read of the measurements and the
        cycles (raises BoardError): a page of several charts, not one read per chart."""
        read = measurements.goal_measurements(self.db, goal_id)
        goal = self.store.goal(goal_id)
        criteria = goal.criteria if goal is not None else ()
        return {
            c.id: self.chart_data(goal_id, c.id, read)
            for c in criteria
            if c.kind is CriterionKind.INDICATOR
        }

    def chart_data(
        self, goal_id: int, criterion_id: int, read: GoalMeasurements | None = None
    ) -> ChartData:
        """What an indicator's chart on the goal's page shows (raises BoardError); from
        ``read`` when the goal's measurements were just read, else from the database."""
        from board.chart_text import cycle_label
        from board.export.chart_layout import Annotation

        if read is None or criterion_id not in read.by_criterion:
            read = None
            rows = tuple(measurements.measurements(self.db, criterion_id))
        else:
            rows = tuple(read.by_criterion[criterion_id])
        series = _chart_input(self._criterion(goal_id, criterion_id), rows)
        chart, problem = None, ""
        if series.values:
            try:
                chart = series.chart()
            except ValidationError as exc:  # e.g. a P chart of plain numbers: say so, draw run
                problem = exc.message()
                chart = replace(series, kind=ChartKind.RUN).chart()
        percent = series.is_proportion and series.kind is not ChartKind.U
        marks = read.marks if read is not None else measurements.cycle_marks(self.db, goal_id)
        annotations = tuple(
            Annotation(
                m.day,
                cycle_label(
                    m.card_number, m.cycle_number, m.decision.value if m.decision else None
                ),
                m.decision.value if m.decision else None,
            )
            for m in marks
        )
        return ChartData(
            criterion=series.criterion, rows=rows, chart=chart, dates=series.dates,
            target=measurements.target_value(series.criterion, percent=percent),
            annotations=annotations, percent=percent, proportion=series.is_proportion,
            problem=problem,
        )  # fmt: skip

    def do_edit_criterion(
        self, goal_id: int, criterion_id: int, **changes: str
    ) -> SuccessCriterion:
        new = goals.edit_criterion(
            self.db,
            criterion_id,
            **{("criterion_text" if k == "text" else k): v for k, v in changes.items()},
        )
        self._put_criteria(goal_id, lambda cs: [new if c.id == criterion_id else c for c in cs])
        return new
