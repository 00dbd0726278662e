"""Small questions a template asks in place: owner and deadline, goals, where to move.

Each saves as it closes (Færdig, Esc or a tap beside it), like the template's fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from board.domain.entities import Card, Goal, Person
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.move_dialogs import LANE_ORDER, OwnerDeadlinePicker
from board.ui.common.sheets import Sheet
from board.ui.common.theme import LANE_ACCENT, Theme
from board.ui.common.widgets import big_button, heading, note, scrolling
from board.ui.template.tile import Tile


class SavingSheet(Sheet):
    """A sheet whose answer is saved when it closes; stays open if the save is refused."""

    def save(self) -> bool:
        return True

    def dismiss(self) -> None:
        if self.attempt(self.save):
            self.close_sheet()

    def _done_row(self) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        done = big_button(tr("ui.done"), self.theme, "primary", name="sheet-done")
        done.clicked.connect(self.dismiss)
        row.addWidget(done)
        self.layout_.addLayout(row)


class OwnerDeadlineEditor(SavingSheet):
    """Owner and deadline edited from the template; saves as it closes (cf. the prompt after
    a drop into Aktiviteter, move_dialogs.OwnerDeadlineSheet, which asks and can be skipped)."""

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
        today: date,
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=480, name="owner-sheet")
        self._save = save
        self.layout_.addWidget(heading(tr("tpl.owner_deadline"), theme))
        self.picker = OwnerDeadlinePicker(
            theme,
            people,
            card.owner_id,
            card.deadline,
            add_person,
            allow_none=True,
            today=today,
        )
        self.layout_.addWidget(self.picker)
        self._done_row()

    def save(self) -> bool:
        return self._save(self.picker.owner_id(), self.picker.deadline_text())


class GoalPickerSheet(SavingSheet):
    """Which goals the card works towards: a tile per goal, tapped on or off."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        goals: list[Goal],
        chosen: tuple[int, ...],
        anchor: QRect | None,
        *,
        save: Callable[[tuple[int, ...]], bool],
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=620, name="goals-sheet")
        self._save = save
        self._before = tuple(chosen)
        lay = self.layout_
        lay.addWidget(heading(tr("tpl.goals.title"), theme))
        lay.addWidget(note(tr("tpl.goals.hint" if goals else "tpl.goals.empty_board"), theme))
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 0, theme.px(6), 0)
        rows.setSpacing(theme.px(6))
        self.tiles: dict[int, Tile] = {}
        accent = LANE_ACCENT[Lane.GOALS]
        for goal in goals:
            tile = Tile(
                theme,
                goal.aim,
                goal.development_point,
                name=f"goal-choice-{goal.id}",
                checkable=True,
                accent=accent,
                bold=False,
            )
            tile.setChecked(goal.id in chosen)
            self.tiles[goal.id] = tile
            rows.addWidget(tile)
        rows.addStretch(1)
        lay.addWidget(scrolling(body, theme), 1)
        self._done_row()

    def chosen(self) -> tuple[int, ...]:
        return tuple(goal_id for goal_id, tile in self.tiles.items() if tile.isChecked())

    def save(self) -> bool:
        chosen = self.chosen()
        return set(chosen) == set(self._before) or self._save(chosen)


class MoveSheet(Sheet):
    """ "Flyt til…" from the template: the five lanes, the card's own one disabled."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        card: Card,
        anchor: QRect | None,
        *,
        on_move: Callable[[Lane], None],
    ) -> None:
        super().__init__(host, theme, anchor=anchor, width=380, name="move-sheet")
        self._on_move = on_move
        self.layout_.addWidget(heading(tr("ui.action.move_to"), theme))
        for lane in LANE_ORDER:
            here = lane is card.lane
            text = tr(lane.label_key) + (f"  ·  {tr('ui.action.here')}" if here else "")
            button = big_button(text, theme, name=f"move-{lane.value}")
            button.setStyleSheet(
                button.styleSheet()
                + f"QPushButton {{ text-align: left; border-left: {theme.px(8)}px solid"
                f" {LANE_ACCENT[lane].name()}; }}"
            )
            button.setEnabled(not here)
            button.clicked.connect(lambda _=False, lane=lane: self._pick(lane))
            self.layout_.addWidget(button)

    def _pick(self, lane: Lane) -> None:
        self.close_sheet()
        self._on_move(lane)
