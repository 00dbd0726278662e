"""A sign's dated observations on the goal's page (qualitative: "forældrene stiller flere
spørgsmål"): newest first, "+ Observation" to add one, a tap on one to correct or delete it.
Every change is one undoable operation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from board.dates import compact_date
from board.domain import text
from board.domain.entities import Measurement, SuccessCriterion
from board.domain.errors import BoardError, ValidationError
from board.i18n import tr
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, button_style, heading, line_edit, note, text_edit
from board.ui.operations.operations import BoardOperations
from board.ui.template.template_widgets import label

FIELD_DAY = "field.observed_on"
FIELD_TEXT = "field.observation"  # as the service names it in an error


class ObservationSheet(Sheet):
    """The day (today) and what was observed; "Gem", and for one stored "Slet"."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        sign: str,
        save: Callable[[date, str], bool],
        *,
        today: date,
        observation: Measurement | None = None,
        delete: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(host, theme, width=520, name="observation-sheet")
        self._save = save
        t = theme
        lay = self.layout_
        key = "tpl.data.observation_edit" if observation else "tpl.data.observation_new"
        lay.addWidget(heading(tr(key), t))
        lay.addWidget(note(sign, t))
        self.day = line_edit(t, tr(FIELD_DAY), "observation-day", field=FIELD_DAY)
        self.day.setText(compact_date(observation.measured_on if observation else today))
        lay.addWidget(self.day)
        self.text = text_edit(t, tr("tpl.data.observation_hint"), "observation-text",
                              field=FIELD_TEXT)  # fmt: skip
        if observation is not None:
            self.text.setPlainText(observation.note)
        lay.addWidget(self.text)
        buttons = QHBoxLayout()
        if delete is not None:
            remove = big_button(tr("tpl.data.observation_delete"), t, name="observation-delete")
            remove.clicked.connect(lambda: self._delete(delete))
            buttons.addWidget(remove)
        cancel = big_button(tr("pad.cancel"), t, name="observation-cancel")
        cancel.clicked.connect(self.dismiss)
        ok = big_button(tr("ui.prompt.save"), t, "primary", name="observation-save")
        ok.clicked.connect(self._on_save)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        lay.addLayout(buttons)

    def _delete(self, delete: Callable[[], bool]) -> None:
        if self.attempt(delete):
            self.close_sheet()

    def _on_save(self) -> None:
        self.clear_errors()
        try:
            day = text.parse_date(self.day.text(), FIELD_DAY)
            if day is None:
                raise ValidationError("error.required", field=FIELD_DAY)
        except ValidationError as exc:
            self.show_error(exc, exc.message())
            return
        words = self.text.toPlainText().strip()
        if self.attempt(lambda: self._save(day, words)):
            self.close_sheet()


class SignPanel(QWidget):
    """A sign's observations, newest first, and "+ Observation"."""

    open_sheet = Signal(object)  # a Sheet: the page opens it

    def __init__(
        self, theme: Theme, ops: BoardOperations, host: QWidget, criterion: SuccessCriterion
    ) -> None:
        super().__init__()
        self.setObjectName(f"sign-{criterion.id}")
        self.theme = t = theme
        self.ops, self.host, self.criterion = ops, host, criterion
        self.measurements: list[Measurement] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, t.px(6), 0, t.px(8))
        lay.setSpacing(t.px(4))
        top = QHBoxLayout()
        self.title = label(criterion.text, t.font(14, bold=True))
        top.addWidget(self.title, 1)
        self.add = big_button(tr("tpl.data.add_observation"), t, name="add-observation")
        self.add.clicked.connect(self.add_observation)
        top.addWidget(self.add, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.list = QVBoxLayout()
        self.list.setSpacing(t.px(4))
        lay.addLayout(self.list)
        self.refresh()

    def show_criterion(self, criterion: SuccessCriterion) -> None:
        self.criterion = criterion
        self.title.setText(criterion.text)

    def refresh(self) -> None:
        try:
            self.measurements = self.ops.measurements(self.criterion.id)
        except BoardError:
            self.measurements = []
        while self.list.count():
            item = self.list.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        t = self.theme
        if not self.measurements:
            self.list.addWidget(label(tr("tpl.data.no_observation"), t.font(12), role="muted"))
        for m in reversed(self.measurements):
            row = QPushButton(f"{compact_date(m.measured_on)}   {m.note}")
            row.setObjectName(f"observation-{m.id}")
            row.setFont(t.font(12.5))
            row.setMinimumHeight(t.touch)
            row.setStyleSheet(button_style(t) + "QPushButton { text-align: left; }")
            row.clicked.connect(lambda _=False, mm=m: self.edit_observation(mm))
            self.list.addWidget(row)

    def add_observation(self) -> None:
        sheet = ObservationSheet(
            self.host, self.theme, self.criterion.text,
            lambda day, words: self.ops.add_observation(self.criterion.id, day, words)
            is not None,
            today=self.ops.store.today,
        )  # fmt: skip
        self.open_sheet.emit(sheet)

    def edit_observation(self, observation: Measurement) -> None:
        sheet = ObservationSheet(
            self.host, self.theme, self.criterion.text,
            lambda day, words: self.ops.edit_measurement(
                observation, replace(observation, measured_on=day, note=words)
            ),
            today=self.ops.store.today, observation=observation,
            delete=lambda: self.ops.delete_measurement(observation),
        )  # fmt: skip
        self.open_sheet.emit(sheet)
