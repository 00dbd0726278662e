"""The four steps of a learning cycle as panels: guiding questions, fields and the decision.

The fields of each step follow the paper form (Hæfte 4, Figur 6–8); writing in a later step
moves the cycle on (FIELD_STEP). Justér holds the decision, the next step and what follows
a decision: the next cycle, or the card into Log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from board.dates import short_date
from board.domain.entities import Cycle, CycleStep, Decision, ScaleStep
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.card_painter import STEPS
from board.ui.common.theme import DECISION_COLOURS, LANE_ACCENT, Theme
from board.ui.common.widgets import big_button
from board.ui.template.autosave import AutoField, FieldSet
from board.ui.template.template_widgets import label
from board.ui.template.tile import Tile

# The fields of each step, in the order of the paper form: (name, label key, lines).
PLAN_FIELDS = (
    ("plan_hypothesis", "field.plan_hypothesis", 3),
    ("plan_change", "template.change", 2),
)
PLAN_WHO = (("plan_who", "field.plan_who"), ("plan_where", "field.plan_where"),
            ("plan_when", "field.plan_when"))  # fmt: skip
DO_FIELDS = (
    ("do_what_happened", "field.do_what_happened", 4),
    ("do_surprises", "field.do_surprises", 2),
    ("do_data", "field.do_data", 2),
)
STUDY_FIELDS = (
    ("study_findings", "field.study_findings", 4),
    ("study_learning", "field.study_learning", 2),
)
FIELD_STEP: dict[str, CycleStep] = {
    **{n: CycleStep.PLAN for n in ("plan_hypothesis", "plan_change", "plan_data")},
    **{n: CycleStep.PLAN for n, _k in PLAN_WHO},
    **{n: CycleStep.DO for n, _k, _l in DO_FIELDS},
    **{n: CycleStep.STUDY for n, _k, _l in STUDY_FIELDS},
    "act_next_step": CycleStep.ACT,
}
PROMPTS: dict[CycleStep, tuple[str, ...]] = {
    CycleStep.PLAN: ("template.prompt.plan",),
    CycleStep.DO: ("template.prompt.do",),
    CycleStep.STUDY: ("template.prompt.study1", "template.prompt.study2"),
    CycleStep.ACT: ("template.prompt.act",),
}


class CycleSteps(QWidget):
    """One panel per step, one shown at a time; the fields of the cycle being shown."""

    chosen = Signal(object)  # a decision tile (Decision)
    decide = Signal()  # "Afslut cirkel … og skriv i loggen"
    start_next = Signal()  # "Start cirkel …" after a decision
    to_log = Signal()  # "Flyt kortet til Log" after the last decision
    focus_home = Signal()  # a focused button is about to hide: the page takes the focus

    def __init__(self, theme: Theme, fields: FieldSet, save: Callable[[AutoField], bool]) -> None:
        super().__init__()
        t = self.theme = theme
        self.fields = fields
        self._save = save
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(t.px(10))
        self.step_pages: dict[CycleStep, QWidget] = {}
        boxes: dict[CycleStep, QVBoxLayout] = {}
        self.cycle_fields: list[AutoField] = []
        self._shown_id: int | None = None  # the cycle the fields hold
        for step in STEPS:
            page = QFrame()
            page.setObjectName("panel")
            box = QVBoxLayout(page)
            box.setContentsMargins(*(t.px(16),) * 4)
            box.setSpacing(t.px(10))
            for key in PROMPTS[step]:
                box.addWidget(label(tr(key), t.font(15, bold=True), role="prompt"))
            box.addWidget(label(tr(f"tpl.hint.{step.value}"), t.font(12), role="muted"))
            self.step_pages[step] = page
            boxes[step] = box
            outer.addWidget(page)
        self._plan_page(boxes[CycleStep.PLAN])
        self._do_page(boxes[CycleStep.DO])
        self._study_page(boxes[CycleStep.STUDY])
        self._act_page(boxes[CycleStep.ACT])

    def _cycle_field(self, box: QVBoxLayout, name: str, key: str, lines: int, **kw: str) -> None:
        field = self.fields.text_field(box, name, key, lines, self._save, **kw)
        self.cycle_fields.append(field)

    def _plan_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        hypothesis, change = PLAN_FIELDS
        self._cycle_field(box, *hypothesis, placeholder=tr("tpl.placeholder.hypothesis"))
        self._cycle_field(box, *change)
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        for name, key in PLAN_WHO:
            column = QVBoxLayout()
            self._cycle_field(column, name, key, 2)
            row.addLayout(column, 1)
        box.addLayout(row)
        self._cycle_field(box, "plan_data", "field.plan_data", 2)

    def _do_page(self, box: QVBoxLayout) -> None:
        for spec in DO_FIELDS:
            self._cycle_field(box, *spec)

    def _study_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        reference = QFrame()
        reference.setObjectName("reference")
        reference.setStyleSheet(
            f"QFrame#reference {{ background: white; border-left: {t.px(5)}px solid"
            f" {LANE_ACCENT[Lane.ACTIVITIES].name()}; }}"
        )
        ref = QVBoxLayout(reference)
        ref.setContentsMargins(t.px(12), t.px(6), t.px(8), t.px(6))
        ref.addWidget(label(tr("tpl.reference"), t.font(12, bold=True), role="muted"))
        self.reference = label("", t.font(13), name="study-hypothesis", selectable=True)
        ref.addWidget(self.reference)
        ref.addWidget(label(tr("field.do_data"), t.font(12, bold=True), role="muted"))
        self.reference_data = label("", t.font(13), name="study-data", selectable=True)
        ref.addWidget(self.reference_data)
        box.addWidget(reference)
        for spec in STUDY_FIELDS:
            self._cycle_field(box, *spec)

    def _act_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        box.addWidget(label(tr("tpl.choose_decision"), t.font(13, bold=True)))
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        self.decision_group = QButtonGroup(self)
        self.decision_tiles: dict[Decision, Tile] = {}
        for decision in Decision:
            fg, bg = DECISION_COLOURS[decision]
            tile = Tile(t, tr(f"decision.{decision.value}"), tr(f"ui.decision.{decision.value}"),
                        name=f"decision-{decision.value}", checkable=True, accent=fg)  # fmt: skip
            tile.fill = bg
            tile.setMinimumHeight(round(t.touch * 1.6))
            tile.clicked.connect(lambda _=False, d=decision: self.chosen.emit(d))
            self.decision_group.addButton(tile)
            self.decision_tiles[decision] = tile
            row.addWidget(tile, 1)
        box.addLayout(row)
        self._cycle_field(box, "act_next_step", "field.act_next_step", 3)
        self.decided = label("", t.font(13.5, bold=True), name="decided")
        box.addWidget(self.decided)
        actions = QHBoxLayout()
        actions.setSpacing(t.px(10))
        self.offer_next = big_button("", t, name="offer-next")
        self.offer_next.clicked.connect(self.start_next)
        self.offer_log = big_button(
            tr("tpl.offer.log"), t, "primary", name="offer-log", accent=LANE_ACCENT[Lane.LOG]
        )
        self.offer_log.clicked.connect(self.to_log)
        self.decide_button = big_button("", t, "primary", name="decide")
        self.decide_button.clicked.connect(self.decide)
        actions.addWidget(self.decide_button)
        actions.addWidget(self.offer_next)
        actions.addWidget(self.offer_log)
        actions.addStretch(1)
        box.addLayout(actions)

    # --- showing ---------------------------------------------------------------------------

    def view(self, step: CycleStep) -> None:
        for s, page in self.step_pages.items():
            page.setVisible(s is step)

    def show_cycle(self, cycle: Cycle) -> None:
        # Another cycle in the same fields is loaded; the same cycle again is a change of it
        # (here, by undo, or on another screen) that spares a field being edited.
        other = cycle.id != self._shown_id
        self._shown_id = cycle.id
        for field in self.cycle_fields:
            value = getattr(cycle, field.name)
            if other:
                field.load(value)
            else:
                field.set_value(value)
        self.reference.setText(cycle.plan_hypothesis.strip() or "—")
        self.reference_data.setText(cycle.do_data.strip() or "—")

    def show_decision(
        self, cycle: Cycle, decision: Decision | None, *, newest: bool, in_log: bool, today: date
    ) -> None:
        """The decision taken (or being chosen) and what it offers next."""
        closed = cycle.step is CycleStep.CLOSED
        chosen = cycle.act_decision if closed else decision
        going = [*self.decision_tiles.values(), self.decide_button, self.offer_next, self.offer_log]
        if any(w.hasFocus() for w in going):
            # A button about to hide would pass the focus on down the page; keep it here.
            self.focus_home.emit()
        self.decision_group.setExclusive(False)
        for choice, tile in self.decision_tiles.items():
            tile.setChecked(choice is chosen)
            tile.setEnabled(not closed)
        self.decision_group.setExclusive(True)
        self.decide_button.setText(tr("tpl.decide", number=cycle.number))
        self.decide_button.setVisible(not closed)
        self.decide_button.setEnabled(decision is not None)
        if closed and cycle.act_decision is not None:
            when = short_date(cycle.closed_on, today) if cycle.closed_on else ""
            name = tr(f"decision.{cycle.act_decision.value}")
            self.decided.setText(tr("tpl.decided", number=cycle.number, date=when, decision=name))
        self.decided.setVisible(closed)
        self.offer_next.setText(tr("tpl.offer.next", number=cycle.number + 1))
        self.offer_next.setVisible(closed and newest)
        finished = cycle.act_decision is Decision.ABANDON or (
            cycle.scale_step is ScaleStep.IMPLEMENTED
        )
        self.offer_log.setVisible(closed and newest and finished and not in_log)
