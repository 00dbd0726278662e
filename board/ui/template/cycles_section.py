"""The learning cycles on a card's template: the timeline, the ladder and the four steps.

The four steps of the learning cycle are four large tabs, not one long form: during the
stand-up the owner walks through one step at a time, one tap reaches any step, and each
step fits the screen above an on-screen keyboard without panning through the others.
The tab shows where the cycle is (ringed) and which steps are done (✓).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from board.dates import short_date
from board.domain.entities import Cycle, CycleStep, Decision, ScaleStep
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.card_painter import SCALE, STEPS
from board.ui.common.theme import LANE_ACCENT, Theme
from board.ui.common.widgets import big_button
from board.ui.operations.board_store import BoardStore
from board.ui.operations.operations import BoardOperations
from board.ui.template.autosave import AutoField, FieldSet
from board.ui.template.cycle_steps import FIELD_STEP, CycleSteps
from board.ui.template.cycle_timeline import CycleTimeline
from board.ui.template.template_widgets import label
from board.ui.template.tile import Mark, Tile


class CyclesSection(QWidget):
    """Which cycle and which step are shown, the decision being chosen, and their actions."""

    to_log = Signal()  # the card into Log, offered after its last decision
    focus_home = Signal()  # a focused button is about to hide: the page takes the focus

    def __init__(
        self,
        theme: Theme,
        ops: BoardOperations,
        store: BoardStore,
        fields: FieldSet,
        card_id: int,
        cycles: list[Cycle],
        *,
        cycle_number: int | None = None,
        step: CycleStep | None = None,
    ) -> None:
        super().__init__()
        self.theme = t = theme
        self.ops = ops
        self.store = store
        self.fields = fields
        self.card_id = card_id
        self.cycles = cycles
        self.shown = cycle_number or (self.cycles[-1].number if self.cycles else 0)
        newest = self._cycle(self.shown)
        self.view_step: CycleStep = step or (
            newest.step if newest and newest.step is not CycleStep.CLOSED else CycleStep.ACT
        )
        if newest is None:
            self.view_step = CycleStep.PLAN
        self.decision: Decision | None = None
        self.in_log = False  # the card is in Log already: not offered there again
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(t.px(10))
        outer.addWidget(label(tr("tpl.cycles"), t.font(18, bold=True)))
        self.timeline = CycleTimeline(t)
        self.timeline.switch.connect(self._switch)
        self.timeline.start_next.connect(self._start_next)
        outer.addWidget(self.timeline)
        self._build_empty(outer)
        self._build_panel(outer)

    def _build_empty(self, outer: QVBoxLayout) -> None:
        """No cycle yet: a button to start the first."""
        t = self.theme
        self.empty = QWidget()
        empty = QVBoxLayout(self.empty)
        empty.setContentsMargins(0, 0, 0, 0)
        empty.addWidget(label(tr("tpl.cycle.none"), t.font(13), role="muted"))
        first = Tile(t, tr("tpl.cycle.first"), badge="1", name="cycle-first",
                     accent=LANE_ACCENT[Lane.ACTIVITIES])  # fmt: skip
        first.setMaximumWidth(t.px(420))
        first.clicked.connect(self._start_next)
        empty.addWidget(first)
        outer.addWidget(self.empty)

    def _build_panel(self, outer: QVBoxLayout) -> None:
        """The shown cycle: its dates, its rung on the ladder, the step tabs and the steps."""
        t = self.theme
        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(t.px(10))
        self.cycle_meta = label("", t.font(12.5), role="muted", name="cycle-meta")
        panel.addWidget(self.cycle_meta)
        self._build_ladder(panel)
        panel.addSpacing(t.px(6))
        self._build_segments(panel)
        self.steps = CycleSteps(t, self.fields, self._save_cycle_field)
        self.steps.chosen.connect(self._choose)
        self.steps.decide.connect(self._decide)
        self.steps.start_next.connect(self._start_next)
        self.steps.to_log.connect(self.to_log)
        self.steps.focus_home.connect(self.focus_home)
        panel.addWidget(self.steps)
        nav = QHBoxLayout()
        nav.addStretch(1)
        self.next_button = big_button("", t, "primary", name="step-next")
        self.next_button.clicked.connect(self._next)
        nav.addWidget(self.next_button)
        panel.addLayout(nav)
        outer.addWidget(self.panel)

    def _build_ladder(self, panel: QVBoxLayout) -> None:
        """The scale-up ladder: how broadly this cycle tests the change."""
        t = self.theme
        ladder_head = QHBoxLayout()
        ladder_head.addWidget(label(tr("template.scale"), t.font(13, bold=True)), 0)
        ladder_head.addWidget(label(tr("tpl.scale.hint"), t.font(12), role="muted"), 1)
        panel.addLayout(ladder_head)
        ladder = QHBoxLayout()
        ladder.setSpacing(t.px(4))
        self.ladder_group = QButtonGroup(self)
        self.rungs: dict[ScaleStep, Tile] = {}
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for n, rung in enumerate(SCALE, 1):
            if n > 1:
                arrow = label("→", t.font(14, bold=True), role="muted")
                arrow.setWordWrap(False)
                ladder.addWidget(arrow)
            tile = Tile(t, tr(f"scale.{rung.value}"), badge=str(n), name=f"scale-{rung.value}",
                        checkable=True, accent=accent, bold=False)  # fmt: skip
            tile.clicked.connect(lambda _=False, s=rung: self._set_scale(s))
            self.ladder_group.addButton(tile)
            self.rungs[rung] = tile
            ladder.addWidget(tile, 1)
        panel.addLayout(ladder)

    def _build_segments(self, panel: QVBoxLayout) -> None:
        """The four steps as tabs."""
        t = self.theme
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        segments = QHBoxLayout()
        segments.setSpacing(t.px(8))
        self.segment_group = QButtonGroup(self)
        self.segments: dict[CycleStep, Tile] = {}
        for n, step in enumerate(STEPS, 1):
            tile = Tile(t, tr(f"step.{step.value}"), badge=str(n), name=f"step-{step.value}",
                        checkable=True, accent=accent)  # fmt: skip
            tile.clicked.connect(lambda _=False, s=step: self._view(s))
            self.segment_group.addButton(tile)
            self.segments[step] = tile
            segments.addWidget(tile, 1)
        panel.addLayout(segments)

    # --- showing the cycles ------------------------------------------------------------------

    def _cycle(self, number: int) -> Cycle | None:
        return next((c for c in self.cycles if c.number == number), None)

    def sync(self, force: bool = False) -> None:
        """Take the card's cycles from the store (after an edit, an undo, a reload)."""
        cycles: list[Cycle] = []
        number = 1
        while (cycle := self.store.known_cycle(self.card_id, number)) is not None:
            cycles.append(cycle)
            number += 1
        if not force and cycles == self.cycles:
            return
        self.cycles = cycles
        if self._cycle(self.shown) is None:
            self.shown = cycles[-1].number if cycles else 0
        self.timeline.show_cycles(self.cycles, self.shown)
        self._show_cycle()

    def _show_cycle(self) -> None:
        cycle = self._cycle(self.shown)
        self.empty.setVisible(cycle is None)
        self.panel.setVisible(cycle is not None)
        if cycle is None:
            return
        self.steps.show_cycle(cycle)
        today = self.store.today
        meta = (
            [tr("tpl.cycle.started", date=short_date(cycle.started_on, today))]
            if (cycle.started_on)
            else []
        )
        if cycle.step is CycleStep.CLOSED and cycle.closed_on is not None:
            meta.append(tr("tpl.cycle.closed", date=short_date(cycle.closed_on, today)))
        else:
            meta.append(tr("tpl.cycle.now", step=tr(f"step.{cycle.step.value}")))
        head = tr("template.cycle", number=cycle.number)
        self.cycle_meta.setText(f"{head}   ·   " + "  ·  ".join(meta))
        self.rungs[cycle.scale_step].setChecked(True)
        current = 4 if cycle.step is CycleStep.CLOSED else STEPS.index(cycle.step)
        for i, step in enumerate(STEPS):
            mark = Mark.DONE if i < current else Mark.CURRENT if i == current else Mark.NONE
            self.segments[step].set_mark(mark)
        self.refresh_decision()
        self._view(self.view_step)

    def refresh_decision(self) -> None:
        """The shown cycle's decision again (the card moved, or a decision was chosen)."""
        cycle = self._cycle(self.shown)
        if cycle is not None:
            newest = self.cycles[-1].number == cycle.number
            self.steps.show_decision(
                cycle, self.decision, newest=newest, in_log=self.in_log, today=self.store.today
            )

    def _view(self, step: CycleStep) -> None:
        """Show one of the four steps (a tap on its tab)."""
        self.view_step = step
        self.steps.view(step)
        self.segments[step].setChecked(True)
        index = STEPS.index(step)
        self.next_button.setVisible(index < 3)
        if index < 3:
            self.next_button.setText(tr("tpl.next_step", step=tr(f"step.{STEPS[index + 1].value}")))

    # --- acting on the cycles ----------------------------------------------------------------

    def _save_cycle_field(self, field: AutoField) -> bool:
        cycle = self._cycle(self.shown)
        if cycle is None:
            return False
        changes: dict[str, object] = {field.name: field.value()}
        step = FIELD_STEP.get(field.name)
        if (
            step is not None
            and cycle.step is not CycleStep.CLOSED
            and STEPS.index(step) > STEPS.index(cycle.step)
        ):
            changes["step"] = step.value  # writing in a later step moves the cycle on
        return self.ops.save_fields("cycle", (self.card_id, cycle.number), changes, field.session)

    def _set_scale(self, step: ScaleStep) -> None:
        cycle = self._cycle(self.shown)
        if cycle is not None and cycle.scale_step is not step:
            key = (self.card_id, cycle.number)
            if not self.ops.save_fields("cycle", key, {"scale_step": step.value}, None):
                self._show_cycle()

    def _switch(self, number: int) -> None:
        """A tap on a cycle in the timeline."""
        if number == self.shown or not self.fields.flush():
            self.timeline.show_cycles(self.cycles, self.shown)
            return
        self.shown = number
        cycle = self._cycle(number)
        if cycle is not None:
            self.view_step = CycleStep.ACT if cycle.step is CycleStep.CLOSED else cycle.step
        self.decision = None
        self.timeline.forget()
        self.timeline.show_cycles(self.cycles, self.shown)
        self._show_cycle()

    def _next(self) -> None:
        """ "Videre til …": the next tab; the cycle moves on with it if it was here."""
        cycle = self._cycle(self.shown)
        index = STEPS.index(self.view_step)
        if cycle is None or index >= 3 or not self.fields.flush():
            return
        following = STEPS[index + 1]
        if cycle.step is self.view_step:
            key = (self.card_id, cycle.number)
            self.ops.save_fields("cycle", key, {"step": following.value}, None)
        self._view(following)

    def _choose(self, decision: Decision) -> None:
        self.decision = decision
        self.refresh_decision()

    def _decide(self) -> None:
        if self.decision is None or not self.fields.flush():
            return
        cycle = self._cycle(self.shown)
        if cycle is None or cycle.step is CycleStep.CLOSED:
            return
        next_step = self.steps.cycle_fields[-1].value()
        if self.ops.decide(self.card_id, cycle.number, self.decision, next_step):
            self.decision = None
            self.sync(force=True)

    def _start_next(self) -> None:
        if not self.fields.flush():
            return
        last = self.cycles[-1] if self.cycles else None
        scale = None
        if last is not None and last.act_decision is Decision.ADOPT:
            # The hypothesis held: the next test reaches one rung further (section 3).
            scale = SCALE[min(SCALE.index(last.scale_step) + 1, len(SCALE) - 1)]
        cycle = self.ops.start_cycle(self.card_id, scale)
        if cycle is not None:
            self.shown = cycle.number
            self.view_step = CycleStep.PLAN
            self.decision = None
            self.sync(force=True)
