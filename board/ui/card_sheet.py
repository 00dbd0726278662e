"""An opened card: a drawer at the right edge with its title, text, owner and deadline.

Changes are saved when the drawer closes ("Færdig", Esc or a tap beside it) as one
undoable edit. The learning cycle and the newest log entry are shown read-only here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from board.domain import text
from board.domain.entities import Card
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board_store import BoardStore
from board.ui.card_painter import cycle_text, short_date
from board.ui.move_dialogs import LANE_ORDER, OwnerDeadlinePicker
from board.ui.operations import BoardOperations
from board.ui.sheets import Sheet
from board.ui.theme import LANE_ACCENT, Theme
from board.ui.widgets import big_button, heading, line_edit, note, scrolling, text_edit


class CardSheet(Sheet):
    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        card: Card,
        store: BoardStore,
        ops: BoardOperations,
        *,
        on_move: Callable[[Lane], None],
    ) -> None:
        super().__init__(host, theme, width=560, name="card-sheet", side=True)
        self.card_id = card.id
        self.ops = ops
        outer = self.layout_
        body = QWidget()
        scroll = scrolling(body, theme)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, theme.px(6), 0)
        lay.setSpacing(theme.px(10))
        lane_label = note(f"{tr(card.lane.label_key)}  ·  #{card.number}", theme)
        lane_label.setStyleSheet(f"color: {LANE_ACCENT[card.lane].darker(130).name()};")
        lay.addWidget(lane_label)
        self.title = line_edit(theme, tr("ui.placeholder.title"), name="card-title")
        self.title.setFont(theme.font(17, bold=True))
        self.title.setText(card.title)
        lay.addWidget(self.title)
        cycle = store.cycle(card.id)
        if cycle is not None:
            lay.addWidget(heading(cycle_text(cycle), theme, 14))
            if cycle.plan_hypothesis:
                lay.addWidget(note(cycle.plan_hypothesis, theme))
        entry = store.newest_entry(card.id)
        if entry is not None and card.lane is Lane.LOG:
            decision = tr(f"decision.{entry.decision.value}") if entry.decision else ""
            when = short_date(entry.logged_on, store.today)
            lay.addWidget(heading(f"{tr('lane.log')}: {decision}  ·  {when}", theme, 14))
            if entry.learning:
                lay.addWidget(note(entry.learning, theme))
        lay.addWidget(heading(tr("field.description"), theme, 14))
        self.description = text_edit(theme, tr("ui.placeholder.description"), name="card-text")
        self.description.setPlainText(card.description)
        lay.addWidget(self.description)
        self.picker = OwnerDeadlinePicker(
            theme,
            store.people,
            card.owner_id,
            card.deadline,
            ops.add_person,
            allow_none=True,
            today=store.today,
        )
        lay.addWidget(self.picker)
        lay.addWidget(heading(tr("ui.action.move_to"), theme, 14))
        lanes = QGridLayout()
        lanes.setSpacing(theme.px(6))
        for i, lane in enumerate(LANE_ORDER):
            button = big_button(tr(lane.label_key), theme, name=f"sheet-move-{lane.value}")
            button.setEnabled(lane is not card.lane)
            button.clicked.connect(lambda _=False, lane=lane: self._move(lane, on_move))
            lanes.addWidget(button, i // 3, i % 3)
        lay.addLayout(lanes)
        lay.addStretch(1)
        outer.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        archive = big_button(tr("ui.action.archive"), theme, name="sheet-archive")
        archive.clicked.connect(self._archive)
        done = big_button(tr("ui.done"), theme, "primary", name="sheet-done")
        done.clicked.connect(self.dismiss)
        buttons.addWidget(archive)
        buttons.addStretch(1)
        buttons.addWidget(done)
        outer.addLayout(buttons)

    def changes(self) -> dict[str, Any]:
        card = self.ops.store.card(self.card_id)
        if card is None:
            return {}
        wanted: dict[str, Any] = {
            "title": self.title.text().strip(),
            "description": self.description.toPlainText(),
            "owner_id": self.picker.owner_id(),
        }
        try:
            wanted["deadline"] = text.parse_date(self.picker.deadline_text())
        except BoardError:
            wanted["deadline"] = self.picker.deadline_text()  # the service names the problem
        return {k: v for k, v in wanted.items() if getattr(card, k) != v}

    def save(self) -> bool:
        changes = self.changes()
        return not changes or self.ops.edit_card(self.card_id, **changes)

    def dismiss(self) -> None:
        if self.save():
            self.close_sheet()

    def _move(self, lane: Lane, on_move: Callable[[Lane], None]) -> None:
        if self.save():
            self.close_sheet()
            on_move(lane)

    def _archive(self) -> None:
        self.close_sheet()
        self.ops.archive_card(self.card_id)
