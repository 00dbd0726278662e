"""The quick outputs of a meeting's step, each a small sheet over the board: Ny idé (a title),
Beslutning (what, who by a tap on a person, by when) and Læringspunkt (the point and, at a
sparring, the case's neutral label).

A sheet only asks; its ``save`` callable does the one service call and answers True when it
was saved, so a refused answer stays in the sheet and is shown at its field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from board.domain.entities import LearningPoint, Person
from board.i18n import tr
from board.ui.board.learning_points_sheet import WARNING_BG, WARNING_EDGE
from board.ui.board.move_dialogs import OwnerDeadlinePicker
from board.ui.common.band_widgets import immediate_taps
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import (
    big_button,
    heading,
    line_edit,
    note,
    scrolling,
    text_edit,
)

if TYPE_CHECKING:
    from board.ui.operations.operations import BoardOperations
    from board.ui.operations.results import Saved


class _Fitting(QScrollArea):
    """A scroll area as tall as its content when there is room, scrolling when not (a
    sheet is placed at its size hint and kept to the room above the keyboard)."""

    def sizeHint(self) -> QSize:
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint()
        return QSize(hint.width(), hint.height() + 2 * self.frameWidth())


def fitting_scroll(body: QWidget, theme: Theme) -> QScrollArea:
    scroll = scrolling(body, theme, _Fitting())
    immediate_taps(scroll)
    return scroll


def _buttons(sheet: Sheet, save_text: str, name: str, on_save: Callable[[], None]) -> None:
    t = sheet.theme
    row = QHBoxLayout()
    cancel = big_button(tr("meeting.cancel"), t, name=f"{name}-cancel")
    cancel.clicked.connect(sheet.dismiss)
    ok = big_button(save_text, t, "primary", name=f"{name}-save")
    ok.clicked.connect(on_save)
    row.addWidget(cancel)
    row.addStretch(1)
    row.addWidget(ok)
    sheet.layout_.addLayout(row)


class IdeaSheet(Sheet):
    """Ny idé: its title; saved, it is a card in Idéer."""

    def __init__(
        self, host: QWidget, theme: Theme, save: Callable[[str], bool], *, step_title: str = ""
    ) -> None:
        super().__init__(host, theme, width=520, name="idea-sheet")
        self._save = save
        lay = self.layout_
        lay.addWidget(heading(tr("meeting.output.idea_title"), theme))
        if step_title:
            lay.addWidget(note(step_title, theme))
        self.title = line_edit(
            theme, tr("meeting.output.idea_placeholder"), "idea-title", field="field.title"
        )
        self.title.returnPressed.connect(self._on_save)
        lay.addWidget(self.title)
        _buttons(self, tr("meeting.output.idea_save"), "idea", self._on_save)
        self.title.setFocus()

    def _on_save(self) -> None:
        if self.attempt(lambda: self._save(self.title.text())):
            self.close_sheet()


class DecisionSheet(Sheet):
    """Beslutning: what, who (a tap on a person) and by when (a date as the board reads it);
    saved, it is an activity with owner and deadline and one of the meeting's agreements."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        people: list[Person],
        *,
        add_person: Callable[[str], Person | None],
        save: Callable[[str, int | None, str], bool],
        today: date,
        what: str = "",
        step_title: str = "",
    ) -> None:
        super().__init__(host, theme, width=560, name="decision-sheet")
        self._save = save
        lay = self.layout_
        lay.addWidget(heading(tr("meeting.output.decision_title"), theme))
        self.what = text_edit(
            theme,
            tr("meeting.output.decision_placeholder"),
            name="decision-what",
            lines=2,
            field="field.agreement",
        )
        self.what.setPlainText(what)
        self.what.setToolTip(step_title)
        self.picker = OwnerDeadlinePicker(
            theme, people, None, None, add_person, allow_none=True, today=today
        )
        # What, who and when scroll when the on-screen keyboard leaves too little room.
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, theme.px(6), 0)
        inner.setSpacing(theme.px(6))
        inner.addWidget(self.what)
        inner.addWidget(self.picker)
        lay.addWidget(fitting_scroll(body, theme), 1)
        _buttons(self, tr("meeting.output.decision_save"), "decision", self._on_save)
        self.what.setFocus()

    def _on_save(self) -> None:
        what, owner, deadline = (
            self.what.toPlainText(),
            self.picker.owner_id(),
            self.picker.deadline_text(),
        )
        if self.attempt(lambda: self._save(what, owner, deadline)):
            self.close_sheet()


class PointSheet(Sheet):
    """Læringspunkt: the general point and, at a sparring, the case's neutral label.

    As in the board's list of points, a CPR number in the text is saved and warned about
    at the field, and the sheet stays open with the point to correct it; in the case label
    it is refused at the field."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        ops: BoardOperations,
        meeting_id: int,
        *,
        with_case: bool,
        step_title: str = "",
    ) -> None:
        super().__init__(host, theme, width=560, name="point-sheet")
        self.ops = ops
        self.meeting_id = meeting_id
        self.point: LearningPoint | None = None  # saved with a CPR warning: being corrected
        lay = self.layout_
        lay.addWidget(heading(tr("ui.points.new"), theme))
        if step_title:
            lay.addWidget(note(step_title, theme))
        self.text = text_edit(
            theme,
            tr("ui.points.text_hint"),
            "meeting-point-text",
            lines=3,
            field="field.learning_point",
        )
        lay.addWidget(self.text)
        self.warning = cpr_warning_label(theme, "meeting-point-cpr")
        lay.addWidget(self.warning)
        self.case = line_edit(
            theme, tr("ui.points.case_hint"), "meeting-point-case", field="field.case_label"
        )
        self.case.setVisible(with_case)
        lay.addWidget(self.case)
        _buttons(self, tr("ui.points.add"), "meeting-point", self._on_save)
        self.text.setFocus()

    def _on_save(self) -> None:
        text, case, point = self.text.toPlainText(), self.case.text(), self.point
        saved: Saved | None = self.attempt(
            lambda: (
                self.ops.edit_learning_point(point, text, case, point.noted_by_id)
                if point is not None
                else self.ops.add_learning_point(text, case, None, meeting_id=self.meeting_id)
            )
        )
        if saved is None:
            return
        if not saved.cpr_warning:
            self.close_sheet()
            return
        self.point = saved.point
        self.warning.setText(tr("ui.points.cpr_warning", numbers=", ".join(saved.cpr)))
        self.warning.show()
        self.text.setFocus()


def cpr_warning_label(theme: Theme, name: str) -> QLabel:
    """The calm amber warning at a field whose saved text looks like it holds a CPR number
    (as the board's list of learning points shows it); hidden until there is one."""
    warning = QLabel()
    warning.setObjectName(name)
    warning.setWordWrap(True)
    warning.setFont(theme.hint_font)
    warning.setStyleSheet(
        f"QLabel#{name} {{ background: {WARNING_BG}; color: #3D2E00;"
        f" border: none; border-left: {theme.px(5)}px solid {WARNING_EDGE};"
        f" padding: {theme.px(6)}px {theme.px(10)}px; }}"
    )
    warning.hide()
    return warning
