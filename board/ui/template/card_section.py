"""The card itself at the top of its template: title, owner and deadline, goals, description."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from board.dates import short_date
from board.domain.entities import Card, Goal, Person
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.board.card_painter import clip_words
from board.ui.common.theme import LANE_ACCENT, Theme
from board.ui.template.autosave import AutoField, FieldSet
from board.ui.template.editors import line_field
from board.ui.template.template_widgets import label
from board.ui.template.tile import Tile


class CardSection(QWidget):
    """The card's own fields (saving themselves) and two tiles that open sheets to edit it."""

    owner_clicked = Signal()  # the owner and deadline tile
    goals_clicked = Signal()  # the goals tile

    def __init__(self, theme: Theme, fields: FieldSet, save: Callable[[AutoField], bool]) -> None:
        super().__init__()
        t = self.theme = theme
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(t.px(10))
        lay.addWidget(label(tr("template.title"), t.font(12), role="muted"))
        self.title = line_field(t, tr("ui.placeholder.title"), name="title-field")
        self.title.setFont(t.font(22, bold=True))
        self.title.setMinimumHeight(round(t.line(t.font(22, bold=True)) + t.px(18)))
        lay.addWidget(self.title)
        self.title_field = fields.add(self.title, "title", save, strip=True)
        self.title.returnPressed.connect(self.title_field.commit)
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        self.owner_tile = Tile(t, "", name="template-owner", bold=False)
        self.owner_tile.clicked.connect(self.owner_clicked)
        self.goals_tile = Tile(t, "", name="template-goals", bold=False,
                               accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
        self.goals_tile.clicked.connect(self.goals_clicked)
        row.addWidget(self.owner_tile, 1)
        row.addWidget(self.goals_tile, 1)
        lay.addLayout(row)
        self.description = fields.text_field(
            lay,
            "description",
            "field.description",
            1,
            save,
            placeholder=tr("ui.placeholder.description"),
        )
        self.description.widget.setObjectName("card-text")

    def show_card(self, card: Card, owner: Person | None, goals: list[Goal]) -> None:
        self.title_field.set_value(card.title)
        self.description.set_value(card.description)
        deadline = short_date(card.deadline) if card.deadline else tr("tpl.no_deadline")
        self.owner_tile.set_texts(
            f"{tr('field.owner')}: {owner.name if owner else tr('tpl.no_owner')}",
            f"{tr('field.deadline')}: {deadline}",
        )
        if goals:
            title = tr("tpl.goals.button", count=len(goals))
            sub = "  ·  ".join(clip_words(g.aim, 60) for g in goals)
        else:
            title, sub = tr("tpl.goals.none_button"), tr("tpl.goals.title")
        self.goals_tile.set_texts(title, sub)
