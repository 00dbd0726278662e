"""Small sheets of the meeting: a new agreement (what, who, by when) and a choice of person.

"Ny aftale" is two taps when the card already says its next step: the text is filled in
from the learning cycle's "Næste skridt" and the owner from the card; "Gem" records it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from board.domain.entities import Card, Cycle, Meeting, Person
from board.i18n import tr
from board.ui.board.move_dialogs import OwnerDeadlinePicker
from board.ui.common.sheets import Sheet
from board.ui.common.theme import Theme
from board.ui.common.widgets import big_button, heading, note, text_edit


class AgreementSheet(Sheet):
    """Ny aftale: what (typed or the card's next step), who (people chips), by when."""

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        people: list[Person],
        *,
        card: Card | None,
        cycle: Cycle | None,
        add_person: Callable[[str], Person | None],
        save: Callable[[str, int | None, str, int | None], bool],
        today: date,
    ) -> None:
        super().__init__(host, theme, width=520, name="agreement-sheet")
        self._save = save
        self.card_id = card.id if card is not None else None
        lay = self.layout_
        lay.addWidget(heading(tr("meeting.agreement.title"), theme))
        if card is not None:
            lay.addWidget(note(tr("meeting.agreement.about", title=card.title), theme))
        self.what = text_edit(
            theme, tr("meeting.agreement.placeholder"), name="agreement-what", lines=2
        )
        if cycle is not None and cycle.act_next_step:
            self.what.setPlainText(cycle.act_next_step)
        lay.addWidget(self.what)
        self.picker = OwnerDeadlinePicker(
            theme,
            people,
            card.owner_id if card is not None else None,
            None,
            add_person,
            allow_none=True,
            today=today,
        )
        lay.addWidget(self.picker)
        buttons = QHBoxLayout()
        cancel = big_button(tr("meeting.cancel"), theme, name="agreement-cancel")
        cancel.clicked.connect(self.dismiss)
        ok = big_button(tr("meeting.agreement.save"), theme, "primary", name="agreement-save")
        ok.clicked.connect(self._on_save)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        lay.addLayout(buttons)
        self.what.setFocus()

    def _on_save(self) -> None:
        if self._save(
            self.what.toPlainText(),
            self.picker.owner_id(),
            self.picker.deadline_text(),
            self.card_id,
        ):
            self.close_sheet()


class ChoiceSheet(Sheet):
    """One question, a few big answers (the facilitator among those present, a format)."""

    chosen = Signal(object)  # the answer's id or key, or None for "none"

    def __init__(
        self,
        host: QWidget,
        theme: Theme,
        title: str,
        choices: Sequence[tuple[int | str, str]],
        chosen: int | str | None,
        *,
        none_label: str = "",
        name: str = "choice-sheet",
        hint: str = "",
        width: int = 460,
    ) -> None:
        super().__init__(host, theme, width=width, name=name)
        lay = self.layout_
        lay.addWidget(heading(title, theme))
        if hint:
            lay.addWidget(note(hint, theme))
        grid = QGridLayout()
        grid.setSpacing(theme.px(6))
        options: list[tuple[int | str, str]] = [(-1, none_label)] if none_label else []
        for n, (value, label) in enumerate([*options, *choices]):
            button = big_button(label, theme, name=f"choice-{value}", checkable=True)
            button.setChecked(value == (chosen if chosen is not None else -1))
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            grid.addWidget(button, n // 2, n % 2)
        lay.addLayout(grid)

    def _choose(self, value: int | str) -> None:
        self.close_sheet()
        self.chosen.emit(None if value == -1 else value)


def present_sheet(
    host: QWidget,
    theme: Theme,
    meeting: Meeting,
    team: list[Person],
    title: str,
    current: int | None,
    name: str,
) -> ChoiceSheet:
    """Who leads, or holds a role: one of those present, or nobody (answered through
    ``chosen``)."""
    present = {a.person_id for a in meeting.attendance if a.present and a.person_id}
    choices: list[tuple[int | str, str]] = [(p.id, p.name) for p in team if p.id in present]
    return ChoiceSheet(
        host,
        theme,
        title,
        choices,
        current,
        none_label=tr("meeting.facilitator.none"),
        name=name,
        hint="" if choices else tr("meeting.facilitator.nobody_present"),
    )
