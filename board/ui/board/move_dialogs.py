"""What the board asks around a move, in place and with big targets.

- CardActionsSheet: a long press or right click: open, rename, archive, "Flyt til…".
- OwnerDeadlineSheet: after a move into Aktiviteter without an owner or a deadline.
- LogDecisionSheet: after a move into Log: vedtag / justér / forkast and what was learned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from board.dates import compact_date, example_date
from board.domain.entities import Card, Decision, Goal, Person
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.sheets import Sheet
from board.ui.common.theme import LANE_ACCENT, Theme, metrics
from board.ui.common.widgets import big_button, heading, line_edit, note, text_edit

T = TypeVar("T")
LANE_ORDER = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.GOALS, Lane.LOG)


def _title(text: str, theme: Theme, width: int) -> str:
    return metrics(theme.font(17, bold=True)).elidedText(
        " ".join(text.split()), Qt.TextElideMode.ElideRight, width * 2
    )


class CardActionsSheet(Sheet):
    """Everything one can do to a card without dragging it."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        card: Card,
        anchor: QRect | None,
        *,
        on_open: Callable[[], object],
        on_rename: Callable[[], object],
        on_archive: Callable[[], object],
        on_move: Callable[[Lane], object],
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=380, name="card-actions")
        lay = self.layout_
        lay.addWidget(heading(_title(card.title, theme, theme.px(340)), theme))
        row = QHBoxLayout()
        row.setSpacing(theme.px(8))
        for key, name, action in (
            ("ui.action.open", "action-open", on_open),
            ("ui.action.rename", "action-rename", on_rename),
            ("ui.action.archive", "action-archive", on_archive),
        ):
            button = big_button(tr(key), theme, name=name)
            button.clicked.connect(self.closing(action))
            row.addWidget(button)
        lay.addLayout(row)
        lay.addSpacing(theme.px(4))
        lay.addWidget(heading(tr("ui.action.move_to"), theme, 14))
        for lane in LANE_ORDER:
            here = lane is card.lane
            text = tr(lane.label_key) + (f"  ·  {tr('ui.action.here')}" if here else "")
            button = big_button(text, theme, name=f"move-{lane.value}", accent=LANE_ACCENT[lane])
            button.setStyleSheet(
                button.styleSheet()
                + f"QPushButton {{ text-align: left; border-left: {theme.px(8)}px solid"
                f" {LANE_ACCENT[lane].name()}; }}"
            )
            button.setEnabled(not here)
            button.clicked.connect(self.closing(partial(on_move, lane)))
            lay.addWidget(button)


class GoalActionsSheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        goal: Goal,
        anchor: QRect | None,
        *,
        on_edit: Callable[[], object],
        on_archive: Callable[[], object],
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=380, name="goal-actions")
        self.layout_.addWidget(heading(_title(goal.aim, theme, theme.px(340)), theme))
        for key, name, action in (
            ("ui.action.edit_goal", "action-edit-goal", on_edit),
            ("ui.action.archive_goal", "action-archive-goal", on_archive),
        ):
            button = big_button(tr(key), theme, name=name)
            button.clicked.connect(self.closing(action))
            self.layout_.addWidget(button)


class OwnerDeadlinePicker(QWidget):
    """People as big chips (plus a new one typed in) and a deadline by chip or by date."""

    def __init__(
        self,
        theme: Theme,
        people: list[Person],
        owner_id: int | None,
        deadline: date | None,
        add_person: Callable[[str], Person | None],
        *,
        allow_none: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.theme = theme
        self._add_person = add_person
        self._today = today or date.today()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(theme.px(8))
        lay.addWidget(heading(tr("field.owner"), theme, 14))
        self.people = QButtonGroup(self)
        self.people.setExclusive(True)
        self._grid = QGridLayout()
        self._grid.setSpacing(theme.px(6))
        lay.addLayout(self._grid)
        self._count = 0
        if allow_none:
            self._chip(tr("ui.owner.none"), -1, checked=owner_id is None)
        for person in people:
            self._chip(person.name, person.id, checked=person.id == owner_id)
        new_row = QHBoxLayout()
        self.new_person = line_edit(
            theme, tr("ui.owner.new_placeholder"), name="new-person", field="field.name"
        )
        add = big_button(tr("ui.owner.add"), theme, name="add-person")
        add.clicked.connect(self._add)
        self.new_person.returnPressed.connect(self._add)
        new_row.addWidget(self.new_person, 1)
        new_row.addWidget(add)
        lay.addLayout(new_row)
        lay.addSpacing(theme.px(4))
        lay.addWidget(heading(tr("field.deadline"), theme, 14))
        quick = QHBoxLayout()
        quick.setSpacing(theme.px(6))
        for key, days in (("ui.deadline.week", 7), ("ui.deadline.two_weeks", 14),
                          ("ui.deadline.month", 30)):  # fmt: skip
            button = big_button(tr(key), theme, name=f"deadline-{days}")
            button.clicked.connect(lambda _=False, d=days: self._set_days(d))
            quick.addWidget(button)
        lay.addLayout(quick)
        self.deadline = line_edit(
            theme,
            tr("ui.deadline.placeholder", example=example_date()),
            name="deadline",
            field="field.deadline",
        )
        if deadline is not None:
            self.deadline.setText(compact_date(deadline))
        lay.addWidget(self.deadline)

    def _chip(self, text: str, person_id: int, checked: bool) -> QPushButton:
        button = big_button(text, self.theme, name=f"person-{person_id}", checkable=True)
        button.setChecked(checked)
        self.people.addButton(button, person_id)
        self._grid.addWidget(button, self._count // 2, self._count % 2)
        self._count += 1
        return button

    def _add(self) -> None:
        name = self.new_person.text().strip()
        if not name:
            return
        person = _in_sheet(self, lambda: self._add_person(name))
        if person is not None:
            self._chip(person.name, person.id, checked=True)
            self.new_person.clear()

    def _set_days(self, days: int) -> None:
        self.deadline.setText(compact_date(self._today + timedelta(days=days)))

    def owner_id(self) -> int | None:
        chosen = self.people.checkedId()
        return chosen if chosen >= 0 else None

    def deadline_text(self) -> str:
        return self.deadline.text().strip()


def _in_sheet(widget: QWidget, action: Callable[[], T]) -> T:
    """Run ``action`` for the sheet holding ``widget``, so that its errors show there."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, Sheet):
        parent = parent.parentWidget()
    return parent.attempt(action) if parent is not None else action()


class OwnerDeadlineSheet(Sheet):
    """Asked when a card without owner or deadline lands in Aktiviteter."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        card: Card,
        people: list[Person],
        anchor: QRect | None,
        *,
        add_person: Callable[[str], Person | None],
        save: Callable[[int | None, str], bool],
        today: date | None = None,
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=460, name="owner-prompt")
        self._save = save
        lay = self.layout_
        lay.addWidget(heading(tr("ui.prompt.owner.title"), theme))
        lay.addWidget(note(_title(card.title, theme, theme.px(480)), theme))
        self.picker = OwnerDeadlinePicker(
            theme, people, card.owner_id, card.deadline, add_person, today=today
        )
        lay.addWidget(self.picker)
        buttons = QHBoxLayout()
        skip = big_button(tr("ui.prompt.skip"), theme, name="prompt-skip")
        skip.clicked.connect(self.dismiss)
        ok = big_button(tr("ui.prompt.save"), theme, "primary", name="prompt-save")
        ok.clicked.connect(self._on_save)
        buttons.addWidget(skip)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        lay.addLayout(buttons)

    def _on_save(self) -> None:
        if self.attempt(lambda: self._save(self.picker.owner_id(), self.picker.deadline_text())):
            self.close_sheet()


class LogDecisionSheet(Sheet):
    """Justér: the decision and what was learned, written to the log with the move."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        card: Card,
        anchor: QRect | None,
        *,
        save: Callable[[Decision, str], bool],
        undo_move: Callable[[], None],
    ) -> None:
        super().__init__(
            host, theme, anchor=anchor, width=540, name="log-prompt", dismissable=False
        )
        self._save = save
        self._undo_move = undo_move
        lay = self.layout_
        lay.addWidget(heading(tr("ui.prompt.log.title"), theme))
        lay.addWidget(note(_title(card.title, theme, theme.px(500)), theme))
        self.decisions = QButtonGroup(self)
        for i, decision in enumerate(Decision):
            text = f"{tr(f'decision.{decision.value}')}  –  {tr(f'ui.decision.{decision.value}')}"
            button = big_button(text, theme, name=f"decision-{decision.value}", checkable=True)
            button.setStyleSheet(button.styleSheet() + "QPushButton { text-align: left; }")
            self.decisions.addButton(button, i)
            lay.addWidget(button)
        self.decisions.idToggled.connect(lambda *_: self._refresh())
        lay.addWidget(heading(tr("ui.prompt.log.learning"), theme, 14))
        self.learning = text_edit(
            theme, tr("ui.prompt.log.placeholder"), name="learning", field="field.learning"
        )
        lay.addWidget(self.learning)
        buttons = QHBoxLayout()
        back = big_button(tr("ui.prompt.undo_move"), theme, name="prompt-undo")
        back.clicked.connect(self._on_undo)
        self.ok = big_button(tr("ui.prompt.log.save"), theme, "primary", name="prompt-save")
        self.ok.clicked.connect(self._on_save)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        lay.addLayout(buttons)
        self._refresh()

    def _refresh(self) -> None:
        self.ok.setEnabled(self.decisions.checkedId() >= 0)

    def decision(self) -> Decision | None:
        chosen = self.decisions.checkedId()
        return list(Decision)[chosen] if chosen >= 0 else None

    def _on_save(self) -> None:
        decision = self.decision()
        if decision is not None and self.attempt(
            lambda: self._save(decision, self.learning.toPlainText())
        ):
            self.close_sheet()

    def _on_undo(self) -> None:
        self.close_sheet()
        self._undo_move()
