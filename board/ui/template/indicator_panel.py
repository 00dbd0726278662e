"""One indicator's data on the goal's page: the chart large, its verdict in words, the chart
type, "Fastlås basislinje", "Ny fase fra …" and the table of measurements.

"+ Måling" opens the number pad (``common/number_pad.py``); a row of the table opens the same
pad with the measurement in it, a note field, and "Slet". Every change is one undoable
operation; the panel draws again when the store says the indicator's measurements changed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from board.dates import compact_date, file_date
from board.domain.entities import Measurement, SuccessCriterion
from board.domain.errors import BoardError
from board.domain.file_names import safe_name
from board.domain.spc import NEEDS_DENOMINATORS, Chart, ChartKind
from board.i18n import tr, tr_n
from board.ui.common.chart_view import ChartView
from board.ui.common.number_pad import NumberPadSheet, PadEntry
from board.ui.common.save_places import (
    SavePlaceSheet,
    documents_folder,
    usual_places,
    write_and_tell,
)
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, button_style, heading, note
from board.ui.operations.goal_data import ChartData
from board.ui.operations.operations import BoardOperations
from board.ui.template.file_picker import FilePickerSheet
from board.ui.template.import_sheet import ImportSheet
from board.ui.template.template_widgets import label, number_text

KINDS = {  # the chooser's buttons, in this order
    ChartKind.RUN: "tpl.data.kind.run",
    ChartKind.I: "tpl.data.kind.i",
    ChartKind.P: "tpl.data.kind.p",
    ChartKind.U: "tpl.data.kind.u",
}
CHART_SUFFIXES = (".png", ".pdf", ".svg")
ROWS_SHOWN = 8  # the newest measurements in the table; "Vis alle" shows the rest


class IndicatorPanel(QWidget):
    """An indicator's chart, verdict, chart settings and measurements."""

    open_sheet = Signal(object)  # a Sheet: the page opens it (one sheet at a time)

    def __init__(
        self,
        theme: Theme,
        ops: BoardOperations,
        host: QWidget,
        goal_id: int,
        criterion: SuccessCriterion,
        data: ChartData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``data``: the chart when the page just read every panel's at once; ``parent``:
        the page's body, so that its children are styled once, as they are made."""
        super().__init__(parent)
        self.setObjectName(f"indicator-{criterion.id}")
        self.theme = t = theme
        self.ops = ops
        self.host = host  # the window a sheet covers
        self.goal_id = goal_id
        self.criterion = criterion
        self.data: ChartData | None = None
        self.measurements: list[Measurement] = []
        self.chart: Chart | None = None
        self.all_rows = False
        # The laptop's file dialogs; tests answer in their place (the wall never opens them).
        self.choose_open_path: Callable[[], str | None] = self._ask_open_path
        self.choose_save_path: Callable[[str, str], str | None] = self._ask_save_path
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, t.px(6), 0, t.px(12))
        lay.setSpacing(t.px(8))
        top = QHBoxLayout()
        self.title = label(criterion.text, t.font(16, bold=True))
        top.addWidget(self.title, 1)
        # One style sheet for the panel's buttons, not one per button: Qt polishes a widget's
        # own sheet each time the panel is put on the page (most of its opening time).
        self.setStyleSheet(_panel_style(t))
        self.add = _button(tr("tpl.data.add_measurement"), t, "add-measurement")
        self.add.setMinimumHeight(round(t.touch * 1.2))
        self.add.clicked.connect(lambda: self.add_measurement())
        top.addWidget(self.add, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        # The verdict once, over the chart, large and whole (the chart draws none here).
        self.verdict = label("", t.font(15, bold=True), name="chart-verdict")
        lay.addWidget(self.verdict)
        self.view = ChartView()
        self.view.setMinimumHeight(t.px(380))
        lay.addWidget(self.view)
        lay.addLayout(self._settings_row())
        lay.addLayout(self._files_row())
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(t.px(12))
        self.table.setVerticalSpacing(t.px(4))
        lay.addLayout(self.table)
        self.refresh(data)

    # --- building --------------------------------------------------------------------------

    def _settings_row(self) -> QHBoxLayout:
        t = self.theme
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        self.kind_buttons: dict[ChartKind, QPushButton] = {}
        for kind, key in KINDS.items():
            name = f"chart-kind-{kind.value}"
            button = _button(tr(key), t, name, checkable=True)
            button.clicked.connect(lambda _=False, k=kind: self._set_kind(k))
            self.kind_buttons[kind] = button
            row.addWidget(button)
        row.addSpacing(t.px(12))
        self.freeze = _button(tr("tpl.data.freeze"), t, "chart-freeze", checkable=True)
        self.freeze.clicked.connect(self._toggle_freeze)
        row.addWidget(self.freeze)
        self.phase = _button(tr("tpl.data.phase"), t, "chart-phase")
        self.phase.clicked.connect(self._choose_phase)
        row.addWidget(self.phase)
        row.addStretch(1)
        return row

    def _files_row(self) -> QHBoxLayout:
        """Importér …, Gem diagram …, Gem data som CSV."""
        t = self.theme
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        for key, name, action in (
            ("tpl.data.import", "data-import", self.import_file),
            ("tpl.data.save_chart", "chart-save", self.save_chart),
            ("tpl.data.save_csv", "data-csv", self.save_csv),
        ):
            button = _button(tr(key), t, name)
            button.clicked.connect(lambda _=False, a=action: a())
            row.addWidget(button)
        row.addStretch(1)
        return row

    # --- showing ---------------------------------------------------------------------------

    def show_criterion(self, criterion: SuccessCriterion) -> None:
        """The criterion as the store has it now (its text, target, chart settings)."""
        changed = criterion != self.criterion
        self.criterion = criterion
        self.title.setText(criterion.text)
        if changed:
            self.refresh()

    def refresh(self, data: ChartData | None = None) -> None:
        """Read the indicator's chart and measurements again (or take ``data``, just read),
        and show them."""
        try:
            self.data = data or self.ops.chart_data(self.goal_id, self.criterion.id)
        except BoardError:
            self.data = None
        data = self.data
        self.measurements = list(data.rows) if data is not None else []
        self.chart = data.chart if data is not None else None
        if data is None or self.chart is None:
            self.view.set_chart(None)
            self.verdict.setText(tr("tpl.goal.no_measurement"))
            signal = False
        else:
            from board.chart_text import verdict  # words only where a chart is shown

            self.view.set_chart(
                self.chart, data.dates, target=data.target, annotations=data.annotations,
                percent=data.percent, words=False,
            )  # fmt: skip
            lines = verdict(self.chart)
            if data.problem:
                lines = [data.problem, *lines]
            self.verdict.setText("\n".join(lines))
            part = self.chart.last
            signal = part.runs.runs_signal or bool(part.sigma_signals)
        colour = self.theme.palette.overdue if signal else self.theme.palette.text
        self.verdict.setStyleSheet(f"color: {colour.name()};")
        self.verdict.setProperty("signal", signal)
        criterion = self.criterion
        proportion = data is not None and data.proportion
        for kind, button in self.kind_buttons.items():
            button.setChecked(kind is criterion.chart)
            # P and U charts need numerators and denominators ("7 af 9").
            button.setEnabled(proportion or kind not in NEEDS_DENOMINATORS)
        frozen = criterion.freeze_points
        self.freeze.setChecked(frozen is not None)
        self.freeze.setText(tr_n("tpl.data.frozen", frozen) if frozen else tr("tpl.data.freeze"))
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
        for row, m in enumerate(shown):
            cells = (compact_date(m.measured_on), self._figure(m), m.note)
            button = _button("   ".join(c for c in cells if c), t, f"measurement-{m.id}")
            button.setFont(t.font(13))
            button.setProperty("role", "row")  # left-aligned (the panel's style sheet)
            button.clicked.connect(lambda _=False, mm=m: self.edit_measurement(mm))
            self.table.addWidget(button, row // 2, row % 2)  # two columns, newest first
        if len(shown) < len(newest):
            more = _button(tr("tpl.show_all", count=len(newest)), t, "measurements-all")
            more.clicked.connect(self._show_all)
            self.table.addWidget(more, (len(shown) + 1) // 2, 0, 1, 2)

    def _figure(self, m: Measurement) -> str:
        if m.numerator is not None and m.denominator is not None:
            return tr("pad.proportion_value", numerator=number_text(m.numerator),
                      denominator=number_text(m.denominator))  # fmt: skip
        return f"{number_text(m.value or 0.0)} {self.criterion.unit}".strip()

    def _show_all(self) -> None:
        self.all_rows = True
        self._show_table()

    # --- chart settings --------------------------------------------------------------------

    def _set_kind(self, kind: ChartKind) -> None:
        if not self.ops.set_chart_settings(self.goal_id, self.criterion.id, chart=kind):
            self.refresh()  # refused: the buttons show the stored kind again

    def _toggle_freeze(self) -> None:
        """Fastlås basislinje: the centre line of the points so far, drawn on; again: loose."""
        points = len(self.chart.y) if self.chart is not None else 0
        freeze = None if self.criterion.freeze_points or not points else points
        if not self.ops.set_chart_settings(self.goal_id, self.criterion.id, freeze_points=freeze):
            self.refresh()

    def _choose_phase(self) -> None:
        """Ny fase fra …: a measurement's date starts a new part with its own centre line."""
        t = self.theme
        sheet = Sheet(self.host, t, width=520, name="phase-sheet")
        sheet.layout_.addWidget(heading(tr("tpl.data.phase_title"), t))
        sheet.layout_.addWidget(note(tr("tpl.data.phase_hint"), t))
        grid = QGridLayout()
        grid.setSpacing(t.px(6))
        days = list(self.data.dates[1:]) if self.data is not None else []
        for index, day in enumerate(days[-16:]):
            chip = big_button(compact_date(day), t, name=f"phase-{index}",
                              checkable=True)  # fmt: skip
            chip.setChecked(day in self.criterion.phase_starts)
            chip.clicked.connect(sheet.closing(partial(self._toggle_phase, day)))
            grid.addWidget(chip, index // 4, index % 4)
        sheet.layout_.addLayout(grid)
        clear_all = big_button(tr("tpl.data.phase_none"), t, name="phase-none")
        clear_all.clicked.connect(sheet.closing(self._clear_phases))
        sheet.layout_.addWidget(clear_all)
        self.open_sheet.emit(sheet)

    def _toggle_phase(self, day: date) -> None:
        starts = set(self.criterion.phase_starts) ^ {day}
        self._phases(tuple(sorted(starts)))

    def _clear_phases(self) -> None:
        self._phases(())

    def _phases(self, starts: tuple[date, ...]) -> None:
        if not self.ops.set_chart_settings(self.goal_id, self.criterion.id, phase_starts=starts):
            self.refresh()

    # --- measurements ----------------------------------------------------------------------

    def add_measurement(self) -> None:
        """+ Måling: the number pad, the date today; "Gem" adds it (undoable). A proportion
        indicator's pad asks for "7 af 9" at once."""
        proportion = bool(self.data and self.data.proportion)
        sheet = NumberPadSheet(
            self.host, self.theme, self.criterion.text, self._add, today=self.ops.store.today,
            proportion=proportion,
        )  # fmt: skip
        self.open_sheet.emit(sheet)

    def _add(self, entry: PadEntry) -> bool:
        return self.ops.add_measurement(self.criterion.id, entry) is not None

    def edit_measurement(self, measurement: Measurement) -> None:
        """A row of the table: the pad with its figures, a comment field and "Slet"."""
        entry = PadEntry(
            measurement.measured_on, measurement.value or 0.0, measurement.numerator,
            measurement.denominator, measurement.note,
        )  # fmt: skip
        sheet = NumberPadSheet(
            self.host, self.theme, self.criterion.text,
            lambda e: self.ops.edit_measurement(measurement, _edited(measurement, e)),
            today=self.ops.store.today, entry=entry,
            delete=lambda: self.ops.delete_measurement(measurement),
        )  # fmt: skip
        self.open_sheet.emit(sheet)

    # --- files -----------------------------------------------------------------------------

    def import_file(self) -> None:
        """Importér …: a CSV or .xlsx chosen, then its preview (nothing stored before
        "Importér")."""
        if self.theme.wall:
            self.open_sheet.emit(FilePickerSheet(self.host, self.theme, self._preview))
            return
        chosen = self.choose_open_path()
        if chosen:
            self._preview(Path(chosen))

    def _preview(self, path: Path) -> None:
        self.open_sheet.emit(
            ImportSheet(
                self.host, self.theme, self.ops, self.criterion.id, self.criterion.text, path
            )
        )

    def _file_stem(self) -> str:
        return safe_name(f"{self.criterion.text} {file_date(self.ops.store.today)}", 70)

    def save_chart(self) -> None:
        """Gem diagram …: PNG, PDF or SVG, by the suffix chosen."""
        if self.chart is None or self.data is None:
            self.ops.message.emit(tr("tpl.goal.no_measurement"))
            return
        stem = self._file_stem()
        if self.theme.wall:  # a finger picks the format, then the place
            sheet = Sheet(self.host, self.theme, width=520, name="chart-format-sheet")
            sheet.layout_.addWidget(heading(tr("tpl.data.save_chart_title"), self.theme))
            for suffix in CHART_SUFFIXES:
                button = big_button(
                    suffix[1:].upper(), self.theme, name=f"chart-format-{suffix[1:]}"
                )
                button.clicked.connect(sheet.closing(partial(self._place, f"{stem}{suffix}",
                                                             self._write_chart)))  # fmt: skip
                sheet.layout_.addWidget(button)
            self.open_sheet.emit(sheet)
            return
        chosen = self.choose_save_path(f"{stem}.png", tr("tpl.data.chart_filter"))
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() not in CHART_SUFFIXES:
                path = path.with_name(path.name + ".png")
            self._write_chart(path)

    def save_csv(self) -> None:
        """Gem data som CSV: the measurements for Danish Excel (the importer reads it back)."""
        name = f"{self._file_stem()}.csv"
        if self.theme.wall:
            self._place(name, self._write_csv)
            return
        chosen = self.choose_save_path(name, tr("tpl.data.csv_filter"))
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".csv":
                path = path.with_name(path.name + ".csv")
            self._write_csv(path)

    def _place(self, name: str, write: Callable[[Path], None]) -> None:
        self.open_sheet.emit(
            SavePlaceSheet(
                self.host, self.theme, tr("tpl.data.save_where"), name, usual_places(self.host),
                lambda folder: write(folder / name),
            )
        )  # fmt: skip

    def _write_chart(self, path: Path) -> None:
        data, chart = self.data, self.chart
        if data is None or chart is None:
            return
        from board.ui.common.chart_view import save_chart

        self._write(path, lambda: save_chart(
            chart, data.dates, path, title=self.criterion.text, target=data.target,
            annotations=data.annotations, percent=data.percent,
        ))  # fmt: skip

    def _write_csv(self, path: Path) -> None:
        from board.export.measurements_csv import write_measurements_csv  # only when saved

        proportion = bool(self.data and self.data.proportion)
        rows = list(self.measurements)
        self._write(path, lambda: write_measurements_csv(rows, path, proportion=proportion))

    def _write(self, path: Path, write: Callable[[], None]) -> None:
        with suppress(OSError):  # the write below says so, in the user's words
            path.parent.mkdir(parents=True, exist_ok=True)
        write_and_tell(path, write, self.ops.message.emit, "tpl.data.saved")

    def _ask_open_path(self) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(
            self.host, tr("tpl.data.import_dialog"), str(documents_folder()),
            tr("tpl.data.import_filter"),
        )  # fmt: skip
        return path or None

    def _ask_save_path(self, name: str, filters: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self.host, tr("tpl.data.save_where"), str(documents_folder() / name), filters
        )
        return path or None


def _edited(old: Measurement, entry: PadEntry) -> Measurement:
    return replace(
        old, measured_on=entry.day, value=entry.value, numerator=entry.numerator,
        denominator=entry.denominator, note=entry.note,
    )  # fmt: skip


def _panel_style(t: Theme) -> str:
    """The panel's buttons: secondary, »+ Måling« primary, a measurement's row left-aligned."""
    primary = button_style(t, "primary").replace("QPushButton", "QPushButton#add-measurement")
    return button_style(t, "secondary") + primary + 'QPushButton[role="row"] { text-align: left; }'


def _button(text: str, t: Theme, name: str, *, checkable: bool = False) -> QPushButton:
    """``big_button`` without a style sheet of its own (the panel's styles it)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setMinimumHeight(t.touch)
    button.setFont(t.button_font)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button
