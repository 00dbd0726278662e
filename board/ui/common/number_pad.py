"""A number pad sheet for a measurement on the wall: big keys, no keyboard needed.

Keys 0–9, the decimal comma and ⌫ type into the field that is chosen (the value, or for a
proportion the numerator and the denominator: "7 af 9"); the date starts at today and is
stepped a day at a time (‹ ›) or typed. "Gem" hands a ``PadEntry`` to the caller, whose
refusal (a wrong date, a denominator 0) is shown at the field it names. Three taps from
the goal's page: "+ Måling", the number, "Gem".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from board.dates import compact_date
from board.domain import text
from board.domain.errors import ValidationError
from board.i18n import tr
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, field_style, heading, line_edit, note, tag_field

KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ",", "0", "⌫")
FIELD_VALUE = "field.value"
FIELD_NUMERATOR = "field.numerator"
FIELD_DENOMINATOR = "field.denominator"
FIELD_DAY = "field.measured_on"
FIELD_NOTE = "field.note"


@dataclass(frozen=True, slots=True)
class PadEntry:
    """What was typed: a plain value, or a proportion (numerator of denominator)."""

    day: date
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""

    @property
    def proportion(self) -> bool:
        return self.denominator is not None


def parse_number(typed: str, field: str) -> float:
    """A number typed with a decimal comma (or point); refused in the user's words."""
    cleaned = typed.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        raise ValidationError("error.required", field=field)
    try:
        number = float(cleaned)
    except ValueError:
        raise ValidationError("error.bad_number", field=field, value=typed) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError("error.bad_number", field=field, value=typed)
    return number


def number_typed(value: float) -> str:
    """A number as the pad shows it: a decimal comma, no trailing zeros."""
    shown = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return shown.replace(".", ",")


class _PadField(QLineEdit):
    """A field of the pad: a tap chooses it (its text comes from the pad's keys)."""

    tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.TouchBegin:  # a finger: chosen at once
            self.tapped.emit()
            event.accept()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.tapped.emit()
        event.accept()


class NumberPadSheet(Sheet):
    """The value (or numerator af denominator), the date and a pad of big keys."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        title: str,
        save: Callable[[PadEntry], bool],
        *,
        proportion: bool = False,
        today: date | None = None,
        anchor: QRect | None = None,
        entry: PadEntry | None = None,
        delete: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=440, name="number-pad")
        self._save = save
        self._today = today or date.today()
        t = theme
        lay = self.layout_
        lay.addWidget(heading(tr("pad.title.edit" if entry else "pad.title.add"), t))
        lay.addWidget(note(title, t))
        self.proportion = proportion or (entry is not None and entry.proportion)
        values = QHBoxLayout()
        values.setSpacing(t.px(8))
        self.value = self._field(FIELD_VALUE, "pad-value")
        self.numerator = self._field(FIELD_NUMERATOR, "pad-numerator")
        self.denominator = self._field(FIELD_DENOMINATOR, "pad-denominator")
        self.of = QLabel(tr("pad.of"))
        self.of.setFont(t.font(18, bold=True))
        for widget in (self.value, self.numerator, self.of, self.denominator):
            values.addWidget(widget, 0 if widget is self.of else 1)
        lay.addLayout(values)
        self.as_proportion = big_button(tr("pad.proportion"), t, name="pad-proportion",
                                        checkable=True)  # fmt: skip
        self.as_proportion.setChecked(self.proportion)
        self.as_proportion.clicked.connect(self._set_proportion)
        lay.addWidget(self.as_proportion, 0, Qt.AlignmentFlag.AlignLeft)
        self.current = self.value
        self._set_proportion(self.proportion)
        lay.addLayout(self._day_row())
        lay.addLayout(self._keys())
        self.note: QLineEdit | None = None
        if entry is not None:  # editing: the comment too (typed on the on-screen keyboard)
            self.note = line_edit(t, tr("pad.note_hint"), "pad-note", field=FIELD_NOTE)
            lay.addWidget(self.note)
        buttons = QHBoxLayout()
        if delete is not None:
            remove = big_button(tr("pad.delete"), t, name="pad-delete")
            remove.clicked.connect(lambda: self._delete(delete))
            buttons.addWidget(remove)
        cancel = big_button(tr("pad.cancel"), t, name="pad-cancel")
        cancel.clicked.connect(self.dismiss)
        ok = big_button(tr("ui.prompt.save"), t, "primary", name="pad-save")
        ok.setMinimumHeight(round(t.touch * 1.25))
        ok.setMinimumWidth(t.px(170))  # the last of the three taps: a big target
        ok.clicked.connect(self._on_save)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        lay.addLayout(buttons)
        if entry is not None:
            self._show(entry)

    # --- building --------------------------------------------------------------------------

    def _field(self, field: str, name: str) -> QLineEdit:
        """A field the pad types into; tapping it chooses it (no keyboard: the pad is it)."""
        t = self.theme
        edit = _PadField()
        edit.tapped.connect(lambda: self._choose(edit))
        edit.setObjectName(name)
        edit.setAccessibleName(tr(field))
        edit.setPlaceholderText(tr(field))
        edit.setFont(t.font(26, bold=True))
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setMinimumHeight(round(t.touch * 1.4))
        edit.setReadOnly(True)  # typed on the pad; a read-only field calls no keyboard
        edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tag_field(edit, field)
        return edit

    def _day_row(self) -> QHBoxLayout:
        t = self.theme
        row = QHBoxLayout()
        row.setSpacing(t.px(6))
        caption = QLabel(tr(FIELD_DAY))
        caption.setFont(t.font(13))
        row.addWidget(caption)
        earlier = big_button("‹", t, name="pad-day-earlier")
        earlier.setAccessibleName(tr("pad.day_earlier"))
        earlier.clicked.connect(lambda: self._step_day(-1))
        self.day = QLineEdit(compact_date(self._today))
        self.day.setObjectName("pad-day")
        self.day.setAccessibleName(tr(FIELD_DAY))
        self.day.setFont(t.font(15))
        self.day.setMinimumHeight(t.touch)
        self.day.setStyleSheet(f"QLineEdit {{ {field_style(t)} }}")
        self.day.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tag_field(self.day, FIELD_DAY)
        later = big_button("›", t, name="pad-day-later")
        later.setAccessibleName(tr("pad.day_later"))
        later.clicked.connect(lambda: self._step_day(1))
        row.addWidget(earlier)
        row.addWidget(self.day, 1)
        row.addWidget(later)
        return row

    def _keys(self) -> QGridLayout:
        t = self.theme
        grid = QGridLayout()
        grid.setSpacing(t.px(8))
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName(f"pad-key-{'back' if key == '⌫' else key}")
            if key == "⌫":
                button.setAccessibleName(tr("pad.backspace"))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFont(t.font(24, bold=True))
            button.setMinimumHeight(round(t.touch * 1.5))
            button.setStyleSheet(
                big_button("", t).styleSheet()
            )  # the theme's button look, with the pad's bigger type
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
        return grid

    # --- typing ----------------------------------------------------------------------------

    def _set_proportion(self, proportion: bool) -> None:
        """A plain value, or a proportion typed as numerator af denominator."""
        self.proportion = proportion
        self.as_proportion.setChecked(proportion)
        self.value.setVisible(not proportion)
        for widget in (self.numerator, self.of, self.denominator):
            widget.setVisible(proportion)
        self._choose(self.numerator if proportion else self.value)

    def _choose(self, field: QLineEdit) -> None:
        self.current = field
        t = self.theme
        for edit in (self.value, self.numerator, self.denominator):
            chosen = edit is field
            colour = t.palette.selection.name() if chosen else t.palette.card_border.name()
            edit.setStyleSheet(
                f"QLineEdit {{ {field_style(t)} border: {t.px(3 if chosen else 1.5)}px solid"
                f" {colour}; }}"
            )

    def press(self, key: str) -> None:
        """One key of the pad into the chosen field."""
        field = self.current
        typed = field.text()
        if key == "⌫":
            typed = typed[:-1]
        elif key == ",":
            if "," not in typed:
                typed = (typed or "0") + ","
        elif len(typed) < 12:
            typed = key if typed == "0" else typed + key
        field.setText(typed)

    def _step_day(self, days: int) -> None:
        try:
            day = text.parse_date(self.day.text(), FIELD_DAY) or self._today
        except ValidationError:
            day = self._today
        self.day.setText(compact_date(day + timedelta(days=days)))

    def _show(self, entry: PadEntry) -> None:
        self.day.setText(compact_date(entry.day))
        if entry.proportion and entry.numerator is not None and entry.denominator is not None:
            self.numerator.setText(number_typed(entry.numerator))
            self.denominator.setText(number_typed(entry.denominator))
        else:
            self.value.setText(number_typed(entry.value))
        if self.note is not None:
            self.note.setText(entry.note)

    # --- saving ----------------------------------------------------------------------------

    def entry(self) -> PadEntry:
        """What the pad holds (raises ValidationError naming the field that is wrong)."""
        day = text.parse_date(self.day.text(), FIELD_DAY)
        if day is None:
            raise ValidationError("error.required", field=FIELD_DAY)
        note_text = self.note.text().strip() if self.note is not None else ""
        if not self.proportion:
            return PadEntry(day, parse_number(self.value.text(), FIELD_VALUE), note=note_text)
        numerator = parse_number(self.numerator.text(), FIELD_NUMERATOR)
        denominator = parse_number(self.denominator.text(), FIELD_DENOMINATOR)
        if denominator <= 0:
            raise ValidationError("error.pad.denominator", field=FIELD_DENOMINATOR)
        return PadEntry(day, numerator / denominator, numerator, denominator, note_text)

    def _delete(self, delete: Callable[[], bool]) -> None:
        if self.attempt(delete):
            self.close_sheet()

    def _on_save(self) -> None:
        self.clear_errors()
        try:
            entry = self.entry()
        except ValidationError as exc:  # what the pad itself can tell: shown at its field
            self.show_error(exc, exc.message())
            return
        if self.attempt(lambda: self._save(entry)):
            self.close_sheet()
