"""The three questions of the Model for Improvement on a card's template, per goal (Figur 4).

Hvad skal vi opnå? (the goal's aim), Hvordan ved vi, at et tiltag er en forbedring? (its
indicators and signs, with the latest measurement) and Hvilke tiltag kan vi iværksætte? (the
other cards working towards it). Read-only here: a goal is edited on its own page.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from board.dates import short_date
from board.domain.entities import CriterionKind
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.theme import LANE_ACCENT, Theme
from board.ui.template.template_widgets import clear, column_head, label, number_text, rule
from board.ui.template.tile import Tile

if TYPE_CHECKING:
    from board.ui.operations.results import GoalSection, TemplateData


CATALOGUE_SHOWN = 6  # the rest behind "Vis alle": a goal can gather hundreds of cards


class QuestionsSection(QWidget):
    """A panel per goal the card works towards (or a button to choose one), under a heading."""

    open_goal = Signal(int)  # "Åbn målet"
    open_card = Signal(int)  # a card in the change catalogue
    pick_goals = Signal()  # the card has no goal yet

    def __init__(self, theme: Theme, data: TemplateData, today: date) -> None:
        super().__init__()
        t = self.theme = theme
        self._data = data
        self._today = today
        self.catalogue_all = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(t.px(10))
        outer.addWidget(label(tr("template.model"), t.font(18, bold=True)))
        self.questions = QVBoxLayout()
        self.questions.setSpacing(t.px(10))
        outer.addLayout(self.questions)

    def show_data(self, data: TemplateData, today: date) -> None:
        """Build the panels again from the template just read."""
        self._data = data
        self._today = today
        clear(self.questions)
        t = self.theme
        sections = data.goals
        if not sections:
            panel = QFrame()
            panel.setObjectName("panel")
            box = QVBoxLayout(panel)
            box.setContentsMargins(*(t.px(14),) * 4)
            box.addWidget(label(tr("tpl.no_goal"), t.font(13), role="muted"))
            pick = Tile(t, tr("tpl.goals.none_button"), name="questions-pick-goal",
                        accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
            pick.setMaximumWidth(t.px(320))
            pick.clicked.connect(self.pick_goals)
            box.addWidget(pick)
            self.questions.addWidget(panel)
            return
        for n, section in enumerate(sections, 1):
            self.questions.addWidget(self._section(section, n, len(sections)))

    def _section(self, section: GoalSection, n: int, count: int) -> QFrame:
        t = self.theme
        goal = section.goal
        panel = QFrame()
        panel.setObjectName("panel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(t.px(16), t.px(12), t.px(16), t.px(14))
        box.setSpacing(t.px(8))
        point = tr("field.development_point")
        if count > 1:
            point = tr("template.point_of", label=point, number=n, count=count)
        if goal.development_point.strip():
            box.addWidget(label(point, t.font(12, bold=True), role="muted"))
            box.addWidget(label(goal.development_point, t.font(15, bold=True)))
        columns = QHBoxLayout()
        columns.setSpacing(t.px(14))
        for i, build in enumerate((self._aim_column, self._criteria_column)):
            if i:
                columns.addWidget(rule(vertical=True))
            columns.addLayout(build(section), 1)
        columns.addWidget(rule(vertical=True))
        columns.addLayout(self._catalogue_column(section), 1)
        box.addLayout(columns)
        return panel

    def _column_head(self, title: str, question: str) -> QVBoxLayout:
        return column_head(self.theme, title, question, title_pt=14, question_pt=12, spacing=5)

    def _aim_column(self, section: GoalSection) -> QVBoxLayout:
        t = self.theme
        goal = section.goal
        col = self._column_head(tr("field.aim"), tr("template.q.aim"))
        col.addWidget(label(goal.aim, t.font(13.5), selectable=True))
        for key, value in (("field.citizen_aim", goal.citizen_aim),
                           ("field.time_frame", goal.time_frame)):  # fmt: skip
            if value.strip():
                col.addWidget(label(tr(key), t.font(11.5, bold=True), role="muted"))
                col.addWidget(label(value, t.font(13), selectable=True))
        link = Tile(t, tr("tpl.open_goal") + "  →", name=f"open-goal-{goal.id}", flat=True,
                    accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
        link.clicked.connect(lambda _=False, g=goal.id: self.open_goal.emit(g))
        col.addWidget(link)
        col.addStretch(1)
        return col

    def _criteria_column(self, section: GoalSection) -> QVBoxLayout:
        t = self.theme
        col = self._column_head(tr("template.col.criteria"), tr("template.q.criteria"))
        criteria = section.goal.criteria
        if not criteria:
            col.addWidget(label(tr("tpl.no_criteria"), t.font(12.5), role="muted"))
        for kind, key in ((CriterionKind.INDICATOR, "template.indicators"),
                          (CriterionKind.SIGN, "template.signs")):  # fmt: skip
            chosen = [c for c in criteria if c.kind is kind]
            if not chosen:
                continue
            col.addWidget(label(tr(key), t.font(11.5, bold=True), role="muted"))
            for c in chosen:
                col.addWidget(label(f"•  {c.text}", t.font(13), selectable=True))
                details = []
                if c.target:
                    details.append(f"{tr('field.target')}: {c.target} {c.unit}".strip())
                latest = self._data.latest.get(c.id)
                if latest is not None and latest.value is not None:
                    value = f"{number_text(latest.value)} {c.unit}".strip()
                    when = short_date(latest.measured_on, self._today)
                    details.append(tr("template.latest", value=value, date=when))
                if details:
                    col.addWidget(label("    " + "  ·  ".join(details), t.font(11.5), role="muted"))
        col.addStretch(1)
        return col

    def _catalogue_column(self, section: GoalSection) -> QVBoxLayout:
        t = self.theme
        col = self._column_head(tr("template.col.catalogue"), tr("template.q.catalogue"))
        others = [e for e in section.catalogue if not e.selected]
        if not others:
            col.addWidget(label(tr("tpl.no_catalogue"), t.font(12.5), role="muted"))
        shown = others if self.catalogue_all else others[:CATALOGUE_SHOWN]
        for entry in shown:
            tile = Tile(
                t,
                entry.title,
                tr(entry.lane.label_key),
                name=f"catalogue-{entry.card_id}",
                flat=True,
                bold=False,
                accent=LANE_ACCENT[entry.lane],
                stripe=True,
            )
            tile.clicked.connect(lambda _=False, c=entry.card_id: self.open_card.emit(c))
            col.addWidget(tile)
        if len(shown) < len(others):
            more = Tile(t, tr("tpl.show_all", count=len(others)), name="catalogue-all", flat=True)
            more.clicked.connect(self._show_all_catalogue)
            col.addWidget(more)
        col.addStretch(1)
        return col

    def _show_all_catalogue(self) -> None:
        self.catalogue_all = True
        self.show_data(self._data, self._today)
