"""The timeline of a card's learning cycles: a chip per cycle and "Ny læringscirkel"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QWidget

from board.domain.entities import Cycle, CycleStep
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.theme import LANE_ACCENT, Theme
from board.ui.template.template_widgets import clear
from board.ui.template.tile import Tile


class CycleTimeline(QWidget):
    """Chips for the cycles, the shown one checked; rebuilt only when what it shows changed."""

    switch = Signal(int)  # a tap on a cycle's chip
    start_next = Signal()  # "Ny læringscirkel" (enabled once the last cycle is closed)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.timeline = QHBoxLayout(self)
        self.timeline.setContentsMargins(0, 0, 0, 0)
        self.timeline.setSpacing(theme.px(8))
        self.timeline_group = QButtonGroup(self)
        self.timeline_group.setExclusive(True)
        self._timeline_sig: tuple[object, ...] = ()

    def forget(self) -> None:
        """Rebuild at the next ``show_cycles`` even if nothing seems to have changed."""
        self._timeline_sig = ()

    def show_cycles(self, cycles: list[Cycle], shown: int) -> None:
        t = self.theme
        sig: tuple[object, ...] = (
            shown,
            *((c.number, c.step, c.scale_step, c.act_decision) for c in cycles),
        )
        if sig == self._timeline_sig and self.timeline.count():
            return
        self._timeline_sig = sig
        clear(self.timeline)
        for button in self.timeline_group.buttons():
            self.timeline_group.removeButton(button)
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for cycle in cycles:
            if cycle.step is CycleStep.CLOSED and cycle.act_decision is not None:
                state = f"✓ {tr(f'decision.{cycle.act_decision.value}')}"
            else:
                state = tr(f"step.{cycle.step.value}")
            chip = Tile(t, tr("tpl.cycle.chip", number=cycle.number), state,
                        name=f"cycle-{cycle.number}", checkable=True, accent=accent,
                        scale=cycle.scale_step)  # fmt: skip
            chip.setChecked(cycle.number == shown)
            chip.setMaximumWidth(t.px(260))
            chip.clicked.connect(lambda _=False, n=cycle.number: self.switch.emit(n))
            self.timeline_group.addButton(chip)
            self.timeline.addWidget(chip)
        if cycles:
            new = Tile(t, tr("tpl.cycle.new"), name="cycle-new", flat=True, accent=accent)
            new.setEnabled(cycles[-1].step is CycleStep.CLOSED)
            new.setToolTip(
                "" if new.isEnabled() else tr("tpl.cycle.open_first", number=cycles[-1].number)
            )
            new.setMaximumWidth(t.px(300))
            new.clicked.connect(self.start_next)
            self.timeline.addWidget(new)
        self.timeline.addStretch(1)
        # Hidden without cycles: an empty row would still take its spacing in the page.
        self.setVisible(bool(cycles))
