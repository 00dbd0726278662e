"""Importér …: a file's measurements previewed before they go in (issue 11, item 6).

The sheet says how many rows add a measurement and how many update a date the indicator
already has, and shows the first rows; "Importér" applies them in one transaction. A bad
file shows every bad line by number and offers nothing to import.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from board.dates import compact_date
from board.domain.errors import BoardError
from board.domain.measurement_import import ImportedRow, MeasurementFileError
from board.i18n import tr, tr_n
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note, scrolling
from board.ui.template.template_widgets import number_text

if TYPE_CHECKING:
    from board.ui.operations.operations import BoardOperations


class ImportResult(Protocol):
    @property
    def added(self) -> int: ...
    @property
    def updated(self) -> int: ...


class ImportPreview(Protocol):
    """What services.measurements.ImportPreview gives the sheet (rooms reach services only
    through the operations)."""

    @property
    def added(self) -> tuple[ImportedRow, ...]: ...
    @property
    def updated(self) -> tuple[ImportedRow, ...]: ...


ROWS_SHOWN = 6  # the first rows of the file, enough to see that the columns were read right


class ImportSheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        ops: BoardOperations,
        criterion_id: int,
        name: str,
        path: Path,
        on_done: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(host, theme, width=720, name="import-sheet")
        self.ops = ops
        self.on_done = on_done
        lay = self.layout_
        lay.addWidget(heading(tr("tpl.data.import_title", name=name), theme))
        lay.addWidget(note(path.name, theme))
        buttons = QHBoxLayout()
        try:
            preview = ops.import_preview(criterion_id, path)
        except BoardError as exc:
            problems = QLabel(_every_line(exc))
            problems.setWordWrap(True)
            problems.setFont(theme.font(13))
            area = scrolling(problems, theme)  # names its body: named and coloured after
            problems.setObjectName("import-problems")
            problems.setStyleSheet(f"background: white; color: {theme.palette.overdue.name()};")
            lay.addWidget(area, 1)
            close = big_button(tr("ui.close"), theme, "primary", name="import-close")
            close.clicked.connect(self.dismiss)
            buttons.addStretch(1)
            buttons.addWidget(close)
            lay.addLayout(buttons)
            return
        counts = QLabel(
            "\n".join(
                (
                    tr_n("tpl.data.import_added", len(preview.added)),
                    tr_n("tpl.data.import_updated", len(preview.updated)),
                )
            )
        )
        counts.setObjectName("import-counts")
        counts.setFont(theme.font(15, bold=True))
        lay.addWidget(counts)
        lay.addLayout(self._rows(preview))
        cancel = big_button(tr("save.cancel"), theme, name="import-cancel")
        cancel.clicked.connect(self.dismiss)
        apply = big_button(tr("tpl.data.import_apply"), theme, "primary", name="import-apply")
        apply.setEnabled(bool(preview.added or preview.updated))
        apply.clicked.connect(lambda: self._apply(lambda: ops.do_import(criterion_id, preview)))
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(apply)
        lay.addLayout(buttons)

    def _rows(self, preview: ImportPreview) -> QGridLayout:
        """The file's first rows as they will be stored, each marked new or updating."""
        t = self.theme
        grid = QGridLayout()
        grid.setHorizontalSpacing(t.px(16))
        grid.setVerticalSpacing(t.px(4))
        updated = {r.line for r in preview.updated}
        rows = sorted((*preview.added, *preview.updated), key=lambda r: r.line)
        for index, row in enumerate(rows[:ROWS_SHOWN]):
            what = tr("tpl.data.import_row_updates" if row.line in updated else
                      "tpl.data.import_row_new")  # fmt: skip
            cells = (compact_date(row.measured_on), _figure(row), row.note, what)
            for column, text in enumerate(cells):
                cell = QLabel(text)
                cell.setObjectName(f"import-row-{index}-{column}")
                cell.setFont(t.font(13))
                grid.addWidget(cell, index, column)
        grid.setColumnStretch(2, 1)
        if len(rows) > ROWS_SHOWN:
            more = note(tr_n("tpl.data.import_more", len(rows) - ROWS_SHOWN), t)
            grid.addWidget(more, ROWS_SHOWN, 0, 1, 4)
        return grid

    def _apply(self, apply: Callable[[], ImportResult]) -> None:
        """Importér: the rows in one transaction; the sheet closes and the chart shows them."""
        result = self.ops.attempt(apply)
        if result is None:
            return
        self.close_sheet()
        self.ops.message.emit(
            tr(
                "cli.measure.imported",
                added=tr_n("cli.measure.added", result.added),
                updated=tr_n("cli.measure.updated", result.updated),
            )
        )
        self.on_done()


def _every_line(error: BoardError) -> str:
    """The error in the user's words; a bad file with every bad line, not the first 20 the
    command line prints (the sheet scrolls)."""
    if isinstance(error, MeasurementFileError) and error.problems:
        return tr(error.key, path=error.params["path"], problems="\n".join(error.lines()))
    return error.message()


def _figure(row: ImportedRow) -> str:
    if row.denominator is not None:
        return tr("pad.proportion_value", numerator=number_text(row.value),
                  denominator=number_text(row.denominator))  # fmt: skip
    return number_text(row.value)
