"""One indicator's data on the goal's page: the chart large, its verdict in words, the chart
type, "Fastlås basislinje", "Ny fase fra …" and the table of measurements.

"+ Måling" opens the number pad (``common/number_pad.py``); a row of the table opens the same
pad with the measurement in it, a note field, and "Slet". Every change is one undoable
operation; the panel draws again when the store says the indicator's measurements changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from board.dates import compact_date
from board.domain.entities import Measurement, SuccessCriterion
from board.domain.errors import BoardError
from board.domain.spc import Chart, ChartKind, chart
from board.i18n import tr, tr_n
from board.ui.board.goal_spark import target_value
from board.ui.common.chart_view import ChartView
from board.ui.common.number_pad import NumberPadSheet, PadEntry
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note
from board.ui.operations.operations import BoardOperations
from board.ui.template.template_widgets import label, number_text

KINDS = {  # the chooser's buttons, in this order
    ChartKind.RUN: "tpl.data.kind.run",
    ChartKind.I: "tpl.data.kind.i",
    ChartKind.P: "tpl.data.kind.p",
    ChartKind.U: "tpl.data.kind.u",
}
ROWS_SHOWN = 8  # the newest measurements in the table; "Vis alle" shows the rest


@dataclass(slots=True)
class ChartSettings:
    """How an indicator is charted (kept per indicator for this session)."""

    kind: ChartKind = ChartKind.RUN
    freeze: int | None = None
    phase_starts: list[date] = field(default_factory=list)


_SETTINGS: dict[int, ChartSettings] = {}


def settings_of(criterion_id: int) -> ChartSettings:
    return _SETTINGS.setdefault(criterion_id, ChartSettings())


def chart_of(measurements: list[Measurement], settings: ChartSettings) -> Chart | None:
    """The chart of the measurements (oldest first) as the settings ask; None without data."""
    if not measurements:
        return None
    values = [m.value for m in measurements]
    kind = settings.kind if settings.kind not in (ChartKind.P, ChartKind.U) else ChartKind.RUN
    days = [m.measured_on for m in measurements]
    breaks = [next((i for i, d in enumerate(days) if d >= start), len(days))
              for start in settings.phase_starts]  # fmt: skip
    return chart(kind, values, freeze=settings.freeze, breaks=breaks)


class IndicatorPanel(QWidget):
    """An indicator's chart, verdict, chart settings and measurements."""

    open_sheet = Signal(object)  # a Sheet: the page opens it (one sheet at a time)

    def __init__(
        self, theme: Theme, ops: BoardOperations, host: QWidget, criterion: SuccessCriterion
    ) -> None:
        super().__init__()
        self.setObjectName(f"indicator-{criterion.id}")
        self.theme = t = theme
        self.ops = ops
        self.host = host  # the window a sheet covers
        self.criterion = criterion
        self.measurements: list[Measurement] = []
        self.chart: Chart | None = None
        self.all_rows = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, t.px(6), 0, t.px(12))
        lay.setSpacing(t.px(8))
        top = QHBoxLayout()
        self.title = label(criterion.text, t.font(16, bold=True))
        top.addWidget(self.title, 1)
        self.add = big_button(tr("tpl.data.add_measurement"), t, "primary", name="add-measurement")
        self.add.setMinimumHeight(round(t.touch * 1.2))
        self.add.clicked.connect(lambda: self.add_measurement())
        top.addWidget(self.add, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.view = ChartView()
        self.view.setMinimumHeight(t.px(380))
        lay.addWidget(self.view)
        self.verdict = label("", t.font(15, bold=True), name="chart-verdict")
        lay.addWidget(self.verdict)
        lay.addLayout(self._settings_row())
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(t.px(12))
        self.table.setVerticalSpacing(t.px(4))
        lay.addLayout(self.table)
        self.refresh()

    # --- building --------------------------------------------------------------------------

    def _settings_row(self) -> QHBoxLayout:
        t = self.theme
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        self.kind_buttons: dict[ChartKind, QPushButton] = {}
        for kind, key in KINDS.items():
            name = f"chart-kind-{kind.value}"
            button = big_button(tr(key), t, name=name, checkable=True)
            button.clicked.connect(lambda _=False, k=kind: self._set_kind(k))
            self.kind_buttons[kind] = button
            row.addWidget(button)
        row.addSpacing(t.px(12))
        self.freeze = big_button(tr("tpl.data.freeze"), t, name="chart-freeze", checkable=True)
        self.freeze.clicked.connect(self._toggle_freeze)
        row.addWidget(self.freeze)
        self.phase = big_button(tr("tpl.data.phase"), t, name="chart-phase")
        self.phase.clicked.connect(self._choose_phase)
        row.addWidget(self.phase)
        row.addStretch(1)
        return row

    # --- showing ---------------------------------------------------------------------------

    @property
    def settings(self) -> ChartSettings:
        return settings_of(self.criterion.id)

    def show_criterion(self, criterion: SuccessCriterion) -> None:
        self.criterion = criterion
        self.title.setText(criterion.text)
        self.refresh(read=False)

    def refresh(self, read: bool = True) -> None:
        """Read the measurements again (``read``) and draw the chart, verdict and table."""
        if read:
            try:
                self.measurements = self.ops.measurements(self.criterion.id)
            except BoardError:
                self.measurements = []
        from board.chart_text import verdict  # words only where a chart is shown

        settings = self.settings
        self.chart = chart_of(self.measurements, settings)
        days = [m.measured_on for m in self.measurements]
        self.view.set_chart(self.chart, days, target=target_value(self.criterion.target))
        if self.chart is None:
            self.verdict.setText(tr("tpl.goal.no_measurement"))
            signal = False
        else:
            self.verdict.setText("\n".join(verdict(self.chart)))
            part = self.chart.last
            signal = part.runs.runs_signal or bool(part.sigma_signals)
        colour = "#B3261E" if signal else self.theme.palette.text.name()
        self.verdict.setStyleSheet(f"color: {colour};")
        self.verdict.setProperty("signal", signal)
        for kind, button in self.kind_buttons.items():
            button.setChecked(kind is settings.kind)
            # P and U charts need numerators and denominators (measure's proportions).
            button.setEnabled(kind not in (ChartKind.P, ChartKind.U))
        self.freeze.setChecked(settings.freeze is not None)
        self.freeze.setText(
            tr_n("tpl.data.frozen", settings.freeze) if settings.freeze else
            tr("tpl.data.freeze")
        )  # fmt: skip
        self._show_table()

    def _show_table(self) -> None:
        t = self.theme
        while self.table.count():
            item = self.table.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        newest = list(reversed(self.measurements))
        shown = newest if self.all_rows else newest[:ROWS_SHOWN]
        unit = self.criterion.unit
        for row, m in enumerate(shown):
            cells = (compact_date(m.measured_on), f"{number_text(m.value)} {unit}".strip(), m.note)
            button = QPushButton("   ".join(c for c in cells if c))
            button.setObjectName(f"measurement-{m.id}")
            button.setFont(t.font(13))
            button.setMinimumHeight(t.touch)
            button.setStyleSheet(
                big_button("", t).styleSheet() + "QPushButton { text-align: left; }"
            )
            button.clicked.connect(lambda _=False, mm=m: self.edit_measurement(mm))
            self.table.addWidget(button, row, 0)
        if len(shown) < len(newest):
            more = big_button(tr("tpl.show_all", count=len(newest)), t, name="measurements-all")
            more.clicked.connect(self._show_all)
            self.table.addWidget(more, len(shown), 0)

    def _show_all(self) -> None:
        self.all_rows = True
        self._show_table()

    # --- chart settings --------------------------------------------------------------------

    def _set_kind(self, kind: ChartKind) -> None:
        self.settings.kind = kind
        self.refresh(read=False)

    def _toggle_freeze(self) -> None:
        """Fastlås basislinje: the centre line of the points so far, drawn on; again: loose."""
        settings = self.settings
        settings.freeze = None if settings.freeze else (len(self.measurements) or None)
        self.refresh(read=False)

    def _choose_phase(self) -> None:
        """Ny fase fra …: a measurement's date starts a new part with its own centre line."""
        t = self.theme
        sheet = Sheet(self.host, t, width=520, name="phase-sheet")
        sheet.layout_.addWidget(heading(tr("tpl.data.phase_title"), t))
        sheet.layout_.addWidget(note(tr("tpl.data.phase_hint"), t))
        grid = QGridLayout()
        grid.setSpacing(t.px(6))
        days = [m.measured_on for m in self.measurements][1:]
        for index, day in enumerate(days[-16:]):
            chip = big_button(compact_date(day), t, name=f"phase-{index}",
                              checkable=True)  # fmt: skip
            chip.setChecked(day in self.settings.phase_starts)
            chip.clicked.connect(sheet.closing(partial(self._toggle_phase, day)))
            grid.addWidget(chip, index // 4, index % 4)
        sheet.layout_.addLayout(grid)
        clear_all = big_button(tr("tpl.data.phase_none"), t, name="phase-none")
        clear_all.clicked.connect(sheet.closing(self._clear_phases))
        sheet.layout_.addWidget(clear_all)
        self.open_sheet.emit(sheet)

    def _toggle_phase(self, day: date) -> None:
        starts = self.settings.phase_starts
        if day in starts:
            starts.remove(day)
        else:
            starts.append(day)
            starts.sort()
        self.refresh(read=False)

    def _clear_phases(self) -> None:
        self.settings.phase_starts.clear()
        self.refresh(read=False)

    # --- measurements ----------------------------------------------------------------------

    def add_measurement(self, proportion: bool = False) -> None:
        """+ Måling: the number pad, the date today; "Gem" adds it (undoable)."""
        sheet = NumberPadSheet(
            self.host, self.theme, self.criterion.text, self._add, today=self.ops.store.today,
            proportion=proportion,
        )  # fmt: skip
        self.open_sheet.emit(sheet)

    def _add(self, entry: PadEntry) -> bool:
        added = self.ops.add_measurement(self.criterion.id, entry.day, entry.value, entry.note)
        return added is not None

    def edit_measurement(self, measurement: Measurement) -> None:
        entry = PadEntry(measurement.measured_on, measurement.value, note=measurement.note)
        sheet = NumberPadSheet(
            self.host, self.theme, self.criterion.text,
            lambda e: self.ops.edit_measurement(
                measurement, replace(measurement, measured_on=e.day, value=e.value, note=e.note)
            ),
            today=self.ops.store.today, entry=entry,
            delete=lambda: self.ops.delete_measurement(measurement),
        )  # fmt: skip
        self.open_sheet.emit(sheet)
