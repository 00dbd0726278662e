"""A goal's own template: the three questions for one development point (Figur 4).

Hvad skal vi opnå? (the aim, what citizens gain, the time frame), Hvordan ved vi, at et
tiltag er en forbedring? (indicators with a target, and signs) and Hvilke tiltag kan vi
iværksætte? (the cards working towards the goal, each opening its own template).
Fields save themselves as on the card's template; criteria are added, edited and removed
one service call at a time, each undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from board.dates import short_date
from board.domain.entities import CriterionKind, Goal, SuccessCriterion
from board.domain.errors import BoardError
from board.domain.lanes import FLOW, Lane
from board.i18n import tr
from board.ui.common.theme import LANE_ACCENT
from board.ui.common.widgets import big_button
from board.ui.operations.goal_data import ChartData
from board.ui.template.autosave import AutoField
from board.ui.template.base_page import TemplatePage, TemplateWindow, current_page
from board.ui.template.criterion_row import CriterionRow
from board.ui.template.editors import line_field
from board.ui.template.questions import CATALOGUE_SHOWN
from board.ui.template.template_page import open_card_template
from board.ui.template.template_widgets import clear, column_head, label, number_text, rule
from board.ui.template.tile import Tile

if TYPE_CHECKING:
    from board.ui.template.indicator_panel import IndicatorPanel
    from board.ui.template.sign_panel import SignPanel


class GoalPage(TemplatePage):
    """A goal's development point and its three questions, every field saving itself."""

    def __init__(self, window: TemplateWindow, goal_id: int) -> None:
        super().__init__(window, "goal-page")
        self.goal_id = goal_id
        goal = self.store.goal(goal_id)
        assert goal is not None
        self.goal: Goal = goal
        self.rows: list[CriterionRow] = []
        self.pending: CriterionRow | None = None  # a new row whose criterion is being added
        self.cards_all = False
        self._card_ids: list[int] = []
        self._build_header()
        t = self.theme
        lay = self.lay
        lay.addWidget(label(tr("tpl.goal.kicker"), t.font(12), role="muted"))
        self.point = self.fields.text_field(
            lay, "development_point", "field.development_point", 1, self._save_goal_field
        )
        self.point.widget.setFont(t.font(16, bold=True))
        columns = QHBoxLayout()
        columns.setSpacing(t.px(16))
        columns.addLayout(self._aim_column(), 1)
        columns.addWidget(rule(vertical=True))
        columns.addLayout(self._criteria_column(), 1)
        columns.addWidget(rule(vertical=True))
        columns.addLayout(self._cards_column(), 1)
        panel = QFrame()
        panel.setObjectName("panel")
        panel.setLayout(columns)
        columns.setContentsMargins(t.px(16), t.px(14), t.px(16), t.px(14))
        lay.addWidget(panel)
        # Hvad fortæller data os? Each indicator's chart, verdict and measurements.
        self.data_head = self.heading(tr("tpl.data.title"))
        self.data_head.setObjectName("goal-data-head")
        lay.addWidget(self.data_head)
        self.data = QVBoxLayout()
        self.data.setSpacing(t.px(8))
        lay.addLayout(self.data)
        self.panels: dict[int, IndicatorPanel | SignPanel] = {}
        lay.addStretch(1)
        self._show_goal()
        self._show_cards()

    def _build_header(self) -> None:
        t = self.theme
        kicker = label(tr("lane.goals"), t.font(13, bold=True))
        kicker.setStyleSheet(f"color: {LANE_ACCENT[Lane.GOALS].darker(130).name()};")
        self.header_row.addSpacing(t.px(6))
        self.header_row.addWidget(kicker, 1)
        archive = big_button(tr("ui.action.archive_goal"), t, name="goal-archive")
        archive.clicked.connect(self._archive)
        self.header_row.addWidget(archive)

    def _aim_column(self) -> QVBoxLayout:
        """Hvad skal vi opnå? The aim, what citizens gain, the time frame."""
        t = self.theme
        aim_col = self._column(tr("field.aim"), tr("template.q.aim"))
        self.aim = self.fields.text_field(aim_col, "aim", "", 3, self._save_goal_field)
        self.aim.widget.setAccessibleName(tr("field.aim"))
        self.citizen = self.fields.text_field(
            aim_col,
            "citizen_aim",
            "field.citizen_aim",
            2,
            self._save_goal_field,
            placeholder=tr("tpl.goal.citizen_hint"),
        )
        aim_col.addWidget(label(tr("field.time_frame"), t.font(12.5, bold=True)))
        frame = line_field(t, tr("field.time_frame"))
        aim_col.addWidget(frame)
        self.time_frame = self.fields.add(frame, "time_frame", self._save_goal_field, strip=True)
        aim_col.addStretch(1)
        return aim_col

    def _criteria_column(self) -> QVBoxLayout:
        """Hvordan ved vi, at et tiltag er en forbedring? Indicators and signs, each editable."""
        t = self.theme
        crit_col = self._column(tr("template.col.criteria"), tr("template.q.criteria"))
        self.lists: dict[CriterionKind, QVBoxLayout] = {}
        for kind, key, add_key in (
            (CriterionKind.INDICATOR, "template.indicators", "tpl.goal.add_indicator"),
            (CriterionKind.SIGN, "template.signs", "tpl.goal.add_sign"),
        ):
            crit_col.addWidget(label(tr(key), t.font(12.5, bold=True)))
            rows = QVBoxLayout()
            rows.setSpacing(t.px(4))
            crit_col.addLayout(rows)
            self.lists[kind] = rows
            add = Tile(t, tr(add_key), name=f"add-{kind.value}", flat=True,
                       accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
            add.clicked.connect(lambda _=False, k=kind: self._add_row(k))
            crit_col.addWidget(add)
            crit_col.addSpacing(t.px(8))
        crit_col.addStretch(1)
        return crit_col

    def _cards_column(self) -> QVBoxLayout:
        """Hvilke tiltag kan vi iværksætte? The cards working towards the goal."""
        t = self.theme
        cards_col = self._column(tr("template.col.catalogue"), tr("template.q.catalogue"))
        cards_col.addWidget(label(tr("tpl.goal.cards_hint"), t.font(12), role="muted"))
        self.cards = QVBoxLayout()
        self.cards.setSpacing(t.px(2))
        cards_col.addLayout(self.cards)
        cards_col.addStretch(1)
        return cards_col

    def _column(self, title: str, question: str) -> QVBoxLayout:
        return column_head(self.theme, title, question, title_pt=15, question_pt=12.5, spacing=6)

    # --- showing -----------------------------------------------------------------------------

    def _show_goal(self) -> None:
        goal = self.goal
        for field in (self.point, self.aim, self.citizen, self.time_frame):
            field.set_value(getattr(goal, field.name))
        self._show_criteria()

    def _show_criteria(self) -> None:
        """Rows follow the goal's criteria: kept, updated, added (undo of a removal) or
        dropped (a removal, or undo of an addition); a row being typed into stays."""
        current = {c.id: c for c in self.goal.criteria}
        matched: set[int] = set()
        for row in list(self.rows):
            if row.key_id is None:
                continue
            found = current.get(row.key_id)
            if found is None:
                self.drop_row(row)
            else:
                matched.add(found.id)
                row.show_criterion(found)
        for criterion in self.goal.criteria:
            if criterion.id in matched:
                continue
            pending = self.pending
            if pending is not None and pending.key_id is None and pending.kind is criterion.kind:
                pending.key_id = criterion.id
                pending.show_criterion(criterion)
            else:
                self._append(self._row(criterion.kind, criterion))
        self._show_data()
        self._show_latest()

    def _show_data(self) -> None:
        """One panel per criterion, indicators (a chart) then signs (observations), in the
        criteria's order: kept, added or dropped."""
        indicators = [c for c in self.goal.criteria if c.kind is CriterionKind.INDICATOR]
        indicators += [c for c in self.goal.criteria if c.kind is CriterionKind.SIGN]
        wanted = {c.id for c in indicators}
        for criterion_id in [i for i in self.panels if i not in wanted]:
            gone = self.panels.pop(criterion_id)
            gone.hide()
            gone.deleteLater()
        # Charts are loaded with the first goal page shown, never for the board's first paint.
        from board.ui.template.indicator_panel import IndicatorPanel
        from board.ui.template.sign_panel import SignPanel

        charts: dict[int, ChartData] = {}  # the new panels' charts, read at once
        new = [c for c in indicators if c.id not in self.panels]
        if sum(c.kind is CriterionKind.INDICATOR for c in new) > 1:
            try:
                charts = self.ops.goal_charts(self.goal_id)
            except BoardError:
                charts = {}  # each panel reads (and says) for itself
        for index, criterion in enumerate(indicators):
            panel = self.panels.get(criterion.id)
            if panel is None:
                panel = (
                    IndicatorPanel(
                        self.theme,
                        self.ops,
                        self.window_widget,
                        self.goal_id,
                        criterion,
                        charts.get(criterion.id),
                        self.data.parentWidget(),
                    )
                    if criterion.kind is CriterionKind.INDICATOR
                    else SignPanel(self.theme, self.ops, self.window_widget, criterion)
                )
                panel.open_sheet.connect(self.open_sheet)
                self.panels[criterion.id] = panel
            elif panel.criterion != criterion:
                panel.show_criterion(criterion)
            self.data.insertWidget(index, panel)
        self.data_head.setVisible(bool(indicators))

    def _show_latest(self) -> None:
        for row in self.rows:
            if row.kind is not CriterionKind.INDICATOR or row.key_id is None:
                continue
            panel = self.panels.get(row.key_id)
            if panel is not None:  # read once, for the chart, its table and this line
                found = panel.measurements
            else:
                try:
                    found = self.ops.measurements(row.key_id)
                except BoardError:
                    found = []
            unit = row.fields[-1].value()
            found = [m for m in found if m.value is not None]  # not a sign's observations
            if found:
                latest = found[-1]
                figure = number_text(latest.value or 0.0)
                if latest.numerator is not None and latest.denominator is not None:
                    figure = tr("pad.proportion_value", numerator=number_text(latest.numerator),
                                denominator=number_text(latest.denominator))  # fmt: skip
                value = f"{figure} {unit}".strip()
                when = short_date(latest.measured_on, self.store.today)
                row.latest.setText(tr("template.latest", value=value, date=when))
            else:
                row.latest.setText(tr("tpl.goal.no_measurement"))
            row.latest.show()

    def _row(self, kind: CriterionKind, criterion: SuccessCriterion | None) -> CriterionRow:
        row = CriterionRow(self.theme, self.ops, self.fields, self.goal_id, kind, criterion)
        row.adding.connect(lambda adding, r=row: self._set_pending(r if adding else None))
        row.dropped.connect(lambda r=row: self.drop_row(r))
        return row

    def _set_pending(self, row: CriterionRow | None) -> None:
        self.pending = row

    def _append(self, row: CriterionRow) -> None:
        self.rows.append(row)
        self.lists[row.kind].addWidget(row)

    def drop_row(self, row: CriterionRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
        for field in row.fields:
            self.fields.discard(field)
        row.hide()
        row.deleteLater()

    def _add_row(self, kind: CriterionKind) -> None:
        row = self._row(kind, None)
        self._append(row)
        row.text.widget.setFocus()

    def _linked_cards(self) -> list[int]:
        """The active cards working towards the goal, in the order of the flow."""
        return [
            card.id
            for lane in FLOW
            for card in self.store.lane_cards(lane)
            if self.goal_id in card.goal_ids
        ]

    def _show_cards(self) -> None:
        clear(self.cards)
        t = self.theme
        ids = self._linked_cards()
        self._card_ids = ids
        if not ids:
            self.cards.addWidget(label(tr("tpl.goal.cards_empty"), t.font(12.5), role="muted"))
            return
        shown = ids if self.cards_all else ids[: CATALOGUE_SHOWN * 2]
        for card_id in shown:
            card = self.store.card(card_id)
            if card is None:
                continue
            sub = tr(card.lane.label_key)
            cycle = self.store.cycle(card_id)
            if cycle is not None:
                sub += "  ·  " + tr("ui.cycle.state", number=cycle.number,
                                    step=tr(f"step.{cycle.step.value}"))  # fmt: skip
            tile = Tile(
                t,
                card.title,
                sub,
                name=f"goal-card-{card_id}",
                flat=True,
                bold=False,
                accent=LANE_ACCENT[card.lane],
                scale=cycle.scale_step if cycle else None,
                stripe=True,
            )
            tile.clicked.connect(lambda _=False, c=card_id: self._open_card(c))
            self.cards.addWidget(tile)
        if len(shown) < len(ids):
            more = Tile(t, tr("tpl.show_all", count=len(ids)), name="goal-cards-all", flat=True)
            more.clicked.connect(self._show_all_cards)
            self.cards.addWidget(more)

    def _show_all_cards(self) -> None:
        self.cards_all = True
        self._show_cards()

    # --- saving and actions --------------------------------------------------------------

    def _save_goal_field(self, field: AutoField) -> bool:
        return self.ops.save_fields(
            "goal", (self.goal_id,), {field.name: field.value()}, field.session
        )

    def _archive(self) -> None:
        if self.flush():
            self.ops.archive_goal(self.goal_id)  # the page closes when the goal is archived

    def _open_card(self, card_id: int) -> None:
        if self.close_page():
            open_card_template(self.window_, card_id)

    # --- following changes -----------------------------------------------------------------

    def catch_up(self) -> None:
        """Another screen changed the board (the store has merged it, without telling the
        page): the goal, its criteria and its cards as the store has them now."""
        goal = self.store.goal(self.goal_id)
        if goal != self.goal:
            self._on_record("goal", self.goal_id)  # its fields and criteria, or it is gone
        if self._closing or self.gone is not None:
            return
        if self._linked_cards() != self._card_ids:
            self._show_cards()
        self._catch_up_data()

    def _catch_up_data(self) -> None:
        """Measurements and observations typed on another screen: the indicators' charts
        from one read, each panel drawn again only if what it shows differs."""
        from board.ui.template.indicator_panel import IndicatorPanel

        if not self.panels:
            return
        try:
            charts = self.ops.goal_charts(self.goal_id)
        except BoardError:
            return  # said by the panels when they next read
        changed = False
        for criterion_id, panel in list(self.panels.items()):
            if isinstance(panel, IndicatorPanel):
                fresh = charts.get(criterion_id)
                if fresh is not None and fresh != panel.data:
                    panel.refresh(fresh)
                    changed = True
                continue
            try:
                rows = self.ops.measurements(criterion_id)
            except BoardError:
                continue
            if rows != panel.measurements:
                panel.refresh()
                changed = True
        if changed:
            self._show_latest()

    def _on_record(self, kind: str, record_id: int) -> None:
        if self._closing:
            return
        if kind == "goal" and record_id == self.goal_id:
            goal = self.store.goal(self.goal_id)
            if goal is None or goal.archived:
                self._goal_gone()  # typed text is kept
                return
            self.record_back()
            self.goal = goal
            self._show_goal()
        elif kind == "measurement" and record_id in self.panels:
            self.panels[record_id].refresh()
            self._show_latest()
        elif kind == "cycle" or (kind == "card" and self._linked_cards() != self._card_ids):
            self._show_cards()

    def _goal_gone(self) -> None:
        self.record_gone(
            "template.gone.goal",
            "template.gone.restore_goal",
            lambda: self.ops.edit_goal(self.goal_id, archived=False),
        )

    def _on_reloaded(self) -> None:
        if self._closing:
            return
        goal = self.store.goal(self.goal_id)
        if goal is None or goal.archived:
            self._goal_gone()
            return
        self.goal = goal
        self._show_goal()
        self._show_cards()

    def reopen(self) -> None:
        open_goal_template(self.window_, self.goal_id)


def open_goal_template(window: TemplateWindow, goal_id: int) -> TemplatePage | None:
    if window.store.goal(goal_id) is None:
        return None
    old = current_page(window)
    if old is not None and not old.close_page():
        return None
    page = GoalPage(window, goal_id)
    page.open()
    return page
