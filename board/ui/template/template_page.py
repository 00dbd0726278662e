"""A card's improvement-model template as a page over the board (Hæfte 4, 5.1, Figur 12).

Presentation: a full page over the board area, not a drawer. The paper form needs the
width (three questions side by side, Figur 4) and a finger needs big targets; the top bar
stays visible above it, so Fortryd/Gentag and the calm message line keep their places,
and "← Tilbage til tavlen" (or Esc) returns to the board.

The four steps of the learning cycle are four large tabs, not one long form: during the
stand-up the owner walks through one step at a time, one tap reaches any step, and each
step fits the screen above an on-screen keyboard without panning through the others.
The tab shows where the cycle is (ringed) and which steps are done (✓).

Every field saves itself (template_widgets.AutoField): when it is left, after a pause in
typing and when the page or the window closes; each save is one service call with the
version this screen knows, and one undo step on the board's stack.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from board.domain.entities import (
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Decision,
    ScaleStep,
)
from board.domain.errors import BoardError, NotFoundError
from board.domain.lanes import Lane
from board.i18n import language, tr
from board.services import template as template_service
from board.ui.board.board_widget import BoardWidget
from board.ui.board.card_painter import SCALE, STEPS, clip_words, short_date
from board.ui.common.save_places import SavePlaceSheet, pdf_name, usual_places
from board.ui.common.sheets import Sheet
from board.ui.common.theme import DECISION_COLOURS, LANE_ACCENT, Theme
from board.ui.common.widgets import as_qwidget, big_button, scrollbar_style
from board.ui.operations.board_store import BoardStore
from board.ui.operations.operations import BoardOperations
from board.ui.template.template_sheets import GoalPickerSheet, MoveSheet, OwnerDeadlineEditor
from board.ui.template.template_widgets import (
    AutoField,
    FingerPan,
    GrowingText,
    Tile,
    label,
    line_field,
    page_style,
    rule,
)

if TYPE_CHECKING:
    from board.services.template import GoalSection, TemplateData


class TemplateWindow(Protocol):
    """The window a page is shown over (shell.board_window.TemplateWindow, a QWidget)."""

    board: BoardWidget
    ops: BoardOperations
    store: BoardStore
    theme: Theme
    wall: bool

    def show_goal_template(self, goal_id: int) -> None: ...  # goal_page.open_goal_template
    def installEventFilter(self, watched: QObject) -> None: ...
    def removeEventFilter(self, watched: QObject) -> None: ...


CATALOGUE_SHOWN = 6  # the rest behind "Vis alle": a goal can gather hundreds of cards
WALL_FACTOR = 0.8  # the template is read closer than the board: a little smaller type

# The fields of each step, in the order of the paper form: (name, label key, lines).
PLAN_FIELDS = (
    ("plan_hypothesis", "field.plan_hypothesis", 3),
    ("plan_change", "template.change", 2),
)
PLAN_WHO = (("plan_who", "field.plan_who"), ("plan_where", "field.plan_where"),
            ("plan_when", "field.plan_when"))  # fmt: skip
DO_FIELDS = (
    ("do_what_happened", "field.do_what_happened", 4),
    ("do_surprises", "field.do_surprises", 2),
    ("do_data", "field.do_data", 2),
)
STUDY_FIELDS = (
    ("study_findings", "field.study_findings", 4),
    ("study_learning", "field.study_learning", 2),
)
FIELD_STEP: dict[str, CycleStep] = {
    **{n: CycleStep.PLAN for n in ("plan_hypothesis", "plan_change", "plan_data")},
    **{n: CycleStep.PLAN for n, _k in PLAN_WHO},
    **{n: CycleStep.DO for n, _k, _l in DO_FIELDS},
    **{n: CycleStep.STUDY for n, _k, _l in STUDY_FIELDS},
    "act_next_step": CycleStep.ACT,
}
PROMPTS: dict[CycleStep, tuple[str, ...]] = {
    CycleStep.PLAN: ("template.prompt.plan",),
    CycleStep.DO: ("template.prompt.do",),
    CycleStep.STUDY: ("template.prompt.study1", "template.prompt.study2"),
    CycleStep.ACT: ("template.prompt.act",),
}


def page_theme(theme: Theme) -> Theme:
    if theme.wall:
        return Theme(True, max(1.3, theme.scale * WALL_FACTOR), theme.palette)
    return theme


def number_text(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "da" else text


def clear(layout: QLayout) -> None:
    """Remove and delete everything in ``layout`` (a part of the page being rebuilt)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear(inner)


class TemplatePage(QWidget):
    """What the card and goal pages share: the header, a scrolling body and autosave."""

    closed = Signal()

    def __init__(self, window: TemplateWindow, name: str) -> None:
        super().__init__(window.board)
        self.window_ = window
        self.window_widget = as_qwidget(window)  # the same window, as a Qt parent
        self.ops = window.ops
        self.store = window.store
        self.base_theme = window.theme
        self.theme = t = page_theme(window.theme)
        self.fields: list[AutoField] = []
        self._closing = False
        self._sheet: Sheet | None = None
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # It covers the board entirely: the lanes below need not be painted.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(page_style(t))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = QFrame()
        self.header.setObjectName("header")
        self.header_row = QHBoxLayout(self.header)
        self.header_row.setContentsMargins(t.gap * 2, t.px(8), t.gap * 2, t.px(8))
        self.header_row.setSpacing(t.px(10))
        self.back = big_button(tr("tpl.back"), t, name="template-back")
        self.back.clicked.connect(self.close_page)
        self.header_row.addWidget(self.back)
        outer.addWidget(self.header)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.verticalScrollBar().setStyleSheet(scrollbar_style(t))
        self.pan = FingerPan(self.area, t.touch_slop)
        holder = QWidget()
        holder.setObjectName("template-body")
        # Side margins (set on resize) keep lines readable on a wide screen; a maximum
        # width would upset the scroll area's height-for-width and cut the page short.
        self.centre = QVBoxLayout(holder)
        self.centre.setContentsMargins(t.gap * 2, t.gap * 2, t.gap * 2, t.px(60))
        self.body = QWidget()
        self.centre.addWidget(self.body)
        self.lay = QVBoxLayout(self.body)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(t.px(10))
        self.area.setWidget(holder)
        outer.addWidget(self.area, 1)
        window.board.installEventFilter(self)
        window.installEventFilter(self)
        self.store.record_changed.connect(self._on_record)
        self.store.reloaded.connect(self._on_reloaded)
        self.ops.board_opened.connect(self._on_board_opened)

    # --- opening and closing ---------------------------------------------------------------

    def open(self) -> None:
        self.setGeometry(self.window_.board.rect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.pan.start()

    def flush(self) -> bool:
        """Save every field now; False if one could not be saved (its text stays in it)."""
        ok = True
        for field in list(self.fields):
            if isValid(field.widget):
                ok = field.commit() and ok
        return ok

    def close_page(self) -> bool:
        """Back to the board, everything saved; refused while a field cannot be saved."""
        if self._closing:
            return True
        if not self.flush():
            return False
        self._teardown()
        return True

    def _teardown(self) -> None:
        self._closing = True
        if self._sheet is not None and isValid(self._sheet):
            self._sheet.close_sheet()
        for signal, slot in (
            (self.store.record_changed, self._on_record),
            (self.store.reloaded, self._on_reloaded),
            (self.ops.board_opened, self._on_board_opened),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self.window_.board.removeEventFilter(self)
        self.window_.removeEventFilter(self)
        self.pan.stop()
        self.hide()
        self.closed.emit()
        self.deleteLater()
        self.after_close()

    def after_close(self) -> None:
        """Where the focus goes back to on the board."""

    @property
    def is_open(self) -> bool:
        return not self._closing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        t = self.theme
        side = max(t.gap * 2, (self.width() - t.px(1500)) // 2)
        self.centre.setContentsMargins(side, t.gap * 2, side, t.px(60))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_page()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window_.board and kind == QEvent.Type.Resize and not self._closing:
            self.setGeometry(self.window_.board.rect())
            if self.window_.theme != self.base_theme:  # wall mode turned on or off
                QTimer.singleShot(0, self._rebuild)
        elif watched is self.window_widget and kind == QEvent.Type.Close and not self._closing:
            self.flush()  # the window closes: nothing typed is lost
        elif kind == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            QTimer.singleShot(0, lambda w=watched: self._show_field(w))
        return False

    def _show_field(self, widget: QWidget) -> None:
        """The field just entered, whole if it fits (above an on-screen keyboard, too)."""
        content = self.area.widget()
        if not isValid(widget) or not widget.hasFocus() or self._closing or content is None:
            return
        margin = self.theme.px(24)
        bar = self.area.verticalScrollBar()
        height = self.area.viewport().height()
        top = widget.mapTo(content, widget.rect().topLeft()).y()
        if widget.height() + 2 * margin > height:
            self.area.ensureWidgetVisible(widget, margin, margin)  # the text cursor, then
        elif top + widget.height() + margin > bar.value() + height:
            bar.setValue(top + widget.height() + margin - height)
        elif top - margin < bar.value():
            bar.setValue(top - margin)

    def _rebuild(self) -> None:
        if self._closing or self.window_.theme == self.base_theme:
            return
        if self.flush():
            self._teardown()
            self.reopen()

    def reopen(self) -> None:
        """The same page again, built for the window's new theme."""

    # --- fields ------------------------------------------------------------------------------

    def field(
        self,
        widget: QLineEdit | QPlainTextEdit,
        name: str,
        save: Callable[[AutoField], bool | None],
        *,
        strip: bool = False,
    ) -> AutoField:
        auto = AutoField(widget, name, save, strip=strip)
        widget.installEventFilter(self)
        self.fields.append(auto)
        return auto

    def text_field(
        self,
        name: str,
        label_key: str,
        lines: int,
        save: Callable[[AutoField], bool],
        *,
        placeholder: str = "",
        into: QVBoxLayout | None = None,
    ) -> AutoField:
        t = self.theme
        box = QVBoxLayout()
        box.setSpacing(t.px(4))
        if label_key:
            box.addWidget(label(tr(label_key), t.font(12.5, bold=True)))
        edit = GrowingText(t, lines, placeholder or tr("tpl.placeholder.text"))
        box.addWidget(edit)
        (into or self.lay).addLayout(box)
        return self.field(edit, name, save)

    def heading(self, text: str, size: float = 18) -> QLabel:
        return label(text, self.theme.font(size, bold=True))

    def anchor_of(self, widget: QWidget) -> QRect:
        top_left = widget.mapTo(self.window_widget, widget.rect().topLeft())
        return QRect(top_left, widget.size())

    def open_sheet(self, sheet: Sheet) -> None:
        if self._sheet is not None and isValid(self._sheet):
            self._sheet.close_sheet()
        self._sheet = sheet
        sheet.open()

    # --- store signals -----------------------------------------------------------------------

    def _on_record(self, kind: str, record_id: int) -> None:
        pass

    def _on_reloaded(self) -> None:
        pass

    def _on_board_opened(self, _board_id: int) -> None:
        self.flush()
        self._teardown()


class CardTemplatePage(TemplatePage):
    """Three questions at the top, the timeline of cycles, and the four steps below."""

    def __init__(
        self,
        window: TemplateWindow,
        data: TemplateData,
        *,
        cycle_number: int | None = None,
        step: CycleStep | None = None,
    ) -> None:
        super().__init__(window, "template-page")
        self.data = data
        self.card: Card = data.card
        self.card_id = data.card.id
        self.cycles: list[Cycle] = list(data.cycles)
        self.store.know_cycles(self.cycles)
        self.shown = cycle_number or (self.cycles[-1].number if self.cycles else 0)
        newest = self._cycle(self.shown)
        self.view_step: CycleStep = step or (
            newest.step if newest and newest.step is not CycleStep.CLOSED else CycleStep.ACT
        )
        if newest is None:
            self.view_step = CycleStep.PLAN
        self.decision: Decision | None = None
        self.catalogue_all = False
        self.choose_pdf_path: Callable[[str], str | None] = self._ask_pdf_path
        self._timeline_sig: tuple[object, ...] = ()
        self._build_header()
        self._build_card()
        self._build_cycles()
        self._show_card()
        self._build_questions()
        self._sync_cycles(force=True)

    # --- building ----------------------------------------------------------------------------

    def _build_header(self) -> None:
        t = self.theme
        self.lane_label = label("", t.font(13, bold=True), name="template-lane")
        self.header_row.addSpacing(t.px(6))
        self.header_row.addWidget(self.lane_label, 1)
        for key, name, slot in (
            ("ui.action.move_to", "template-move", self._show_move),
            ("ui.action.archive", "template-archive", self._archive),
            ("tpl.print", "template-print", self._print),
        ):
            button = big_button(tr(key), t, name=name)
            button.clicked.connect(slot)
            self.header_row.addWidget(button)

    def _build_card(self) -> None:
        t = self.theme
        self.lay.addWidget(label(tr("template.title"), t.font(12), role="muted"))
        self.title = line_field(t, tr("ui.placeholder.title"), name="title-field")
        self.title.setFont(t.font(22, bold=True))
        self.title.setMinimumHeight(round(t.line(t.font(22, bold=True)) + t.px(18)))
        self.lay.addWidget(self.title)
        self.title_field = self.field(self.title, "title", self._save_card_field, strip=True)
        self.title.returnPressed.connect(self.title_field.commit)
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        self.owner_tile = Tile(t, "", name="template-owner", bold=False)
        self.owner_tile.clicked.connect(self._show_owner)
        self.goals_tile = Tile(t, "", name="template-goals", bold=False,
                               accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
        self.goals_tile.clicked.connect(self._show_goals)
        row.addWidget(self.owner_tile, 1)
        row.addWidget(self.goals_tile, 1)
        self.lay.addLayout(row)
        self.description = self.text_field(
            "description",
            "field.description",
            1,
            self._save_card_field,
            placeholder=tr("ui.placeholder.description"),
        )
        self.description.widget.setObjectName("card-text")
        self.lay.addSpacing(t.px(8))
        self.lay.addWidget(self.heading(tr("template.model")))
        self.questions = QVBoxLayout()
        self.questions.setSpacing(t.px(10))
        self.lay.addLayout(self.questions)

    def _build_cycles(self) -> None:
        t = self.theme
        self.lay.addSpacing(t.px(12))
        self.lay.addWidget(self.heading(tr("tpl.cycles")))
        self.timeline = QHBoxLayout()
        self.timeline.setSpacing(t.px(8))
        self.lay.addLayout(self.timeline)
        self.timeline_group = QButtonGroup(self)
        self.timeline_group.setExclusive(True)

        self.empty = QWidget()
        empty = QVBoxLayout(self.empty)
        empty.setContentsMargins(0, 0, 0, 0)
        empty.addWidget(label(tr("tpl.cycle.none"), t.font(13), role="muted"))
        first = Tile(t, tr("tpl.cycle.first"), badge="1", name="cycle-first",
                     accent=LANE_ACCENT[Lane.ACTIVITIES])  # fmt: skip
        first.setMaximumWidth(t.px(420))
        first.clicked.connect(self._start_next)
        empty.addWidget(first)
        self.lay.addWidget(self.empty)

        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.setSpacing(t.px(10))
        self.cycle_meta = label("", t.font(12.5), role="muted", name="cycle-meta")
        panel.addWidget(self.cycle_meta)
        ladder_head = QHBoxLayout()
        ladder_head.addWidget(label(tr("template.scale"), t.font(13, bold=True)), 0)
        ladder_head.addWidget(label(tr("tpl.scale.hint"), t.font(12), role="muted"), 1)
        panel.addLayout(ladder_head)
        ladder = QHBoxLayout()
        ladder.setSpacing(t.px(4))
        self.ladder_group = QButtonGroup(self)
        self.rungs: dict[ScaleStep, Tile] = {}
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for n, rung in enumerate(SCALE, 1):
            if n > 1:
                arrow = label("→", t.font(14, bold=True), role="muted")
                arrow.setWordWrap(False)
                ladder.addWidget(arrow)
            tile = Tile(t, tr(f"scale.{rung.value}"), badge=str(n), name=f"scale-{rung.value}",
                        checkable=True, accent=accent, bold=False)  # fmt: skip
            tile.clicked.connect(lambda _=False, s=rung: self._set_scale(s))
            self.ladder_group.addButton(tile)
            self.rungs[rung] = tile
            ladder.addWidget(tile, 1)
        panel.addLayout(ladder)
        panel.addSpacing(t.px(6))
        segments = QHBoxLayout()
        segments.setSpacing(t.px(8))
        self.segment_group = QButtonGroup(self)
        self.segments: dict[CycleStep, Tile] = {}
        for n, step in enumerate(STEPS, 1):
            tile = Tile(t, tr(f"step.{step.value}"), badge=str(n), name=f"step-{step.value}",
                        checkable=True, accent=accent)  # fmt: skip
            tile.clicked.connect(lambda _=False, s=step: self._view(s))
            self.segment_group.addButton(tile)
            self.segments[step] = tile
            segments.addWidget(tile, 1)
        panel.addLayout(segments)
        self.step_pages: dict[CycleStep, QWidget] = {}
        boxes: dict[CycleStep, QVBoxLayout] = {}
        self.cycle_fields: list[AutoField] = []
        for step in STEPS:
            page = QFrame()
            page.setObjectName("panel")
            box = QVBoxLayout(page)
            box.setContentsMargins(*(t.px(16),) * 4)
            box.setSpacing(t.px(10))
            for key in PROMPTS[step]:
                box.addWidget(label(tr(key), t.font(15, bold=True), role="prompt"))
            box.addWidget(label(tr(f"tpl.hint.{step.value}"), t.font(12), role="muted"))
            self.step_pages[step] = page
            boxes[step] = box
            panel.addWidget(page)
        self._plan_page(boxes[CycleStep.PLAN])
        self._do_page(boxes[CycleStep.DO])
        self._study_page(boxes[CycleStep.STUDY])
        self._act_page(boxes[CycleStep.ACT])
        nav = QHBoxLayout()
        nav.addStretch(1)
        self.next_button = big_button("", t, "primary", name="step-next")
        self.next_button.clicked.connect(self._next)
        nav.addWidget(self.next_button)
        panel.addLayout(nav)
        self.lay.addWidget(self.panel)
        self.lay.addStretch(1)

    def _cycle_field(self, box: QVBoxLayout, name: str, key: str, lines: int, **kw: str) -> None:
        field = self.text_field(name, key, lines, self._save_cycle_field, into=box, **kw)
        self.cycle_fields.append(field)

    def _plan_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        hypothesis, change = PLAN_FIELDS
        self._cycle_field(box, *hypothesis, placeholder=tr("tpl.placeholder.hypothesis"))
        self._cycle_field(box, *change)
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        for name, key in PLAN_WHO:
            column = QVBoxLayout()
            self._cycle_field(column, name, key, 2)
            row.addLayout(column, 1)
        box.addLayout(row)
        self._cycle_field(box, "plan_data", "field.plan_data", 2)

    def _do_page(self, box: QVBoxLayout) -> None:
        for spec in DO_FIELDS:
            self._cycle_field(box, *spec)

    def _study_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        reference = QFrame()
        reference.setObjectName("reference")
        reference.setStyleSheet(
            f"QFrame#reference {{ background: white; border-left: {t.px(5)}px solid"
            f" {LANE_ACCENT[Lane.ACTIVITIES].name()}; }}"
        )
        ref = QVBoxLayout(reference)
        ref.setContentsMargins(t.px(12), t.px(6), t.px(8), t.px(6))
        ref.addWidget(label(tr("tpl.reference"), t.font(12, bold=True), role="muted"))
        self.reference = label("", t.font(13), name="study-hypothesis", selectable=True)
        ref.addWidget(self.reference)
        ref.addWidget(label(tr("field.do_data"), t.font(12, bold=True), role="muted"))
        self.reference_data = label("", t.font(13), name="study-data", selectable=True)
        ref.addWidget(self.reference_data)
        box.addWidget(reference)
        for spec in STUDY_FIELDS:
            self._cycle_field(box, *spec)

    def _act_page(self, box: QVBoxLayout) -> None:
        t = self.theme
        box.addWidget(label(tr("tpl.choose_decision"), t.font(13, bold=True)))
        row = QHBoxLayout()
        row.setSpacing(t.px(10))
        self.decision_group = QButtonGroup(self)
        self.decision_tiles: dict[Decision, Tile] = {}
        for decision in Decision:
            fg, bg = DECISION_COLOURS[decision]
            tile = Tile(t, tr(f"decision.{decision.value}"), tr(f"ui.decision.{decision.value}"),
                        name=f"decision-{decision.value}", checkable=True, accent=fg)  # fmt: skip
            tile.fill = bg
            tile.setMinimumHeight(round(t.touch * 1.6))
            tile.clicked.connect(lambda _=False, d=decision: self._choose(d))
            self.decision_group.addButton(tile)
            self.decision_tiles[decision] = tile
            row.addWidget(tile, 1)
        box.addLayout(row)
        self._cycle_field(box, "act_next_step", "field.act_next_step", 3)
        self.decided = label("", t.font(13.5, bold=True), name="decided")
        box.addWidget(self.decided)
        actions = QHBoxLayout()
        actions.setSpacing(t.px(10))
        self.offer_next = big_button("", t, name="offer-next")
        self.offer_next.clicked.connect(self._start_next)
        self.offer_log = big_button(
            tr("tpl.offer.log"), t, "primary", name="offer-log", accent=LANE_ACCENT[Lane.LOG]
        )
        self.offer_log.clicked.connect(self._move_to_log)
        self.decide_button = big_button("", t, "primary", name="decide")
        self.decide_button.clicked.connect(self._decide)
        actions.addWidget(self.decide_button)
        actions.addWidget(self.offer_next)
        actions.addWidget(self.offer_log)
        actions.addStretch(1)
        box.addLayout(actions)

    # --- the three questions -------------------------------------------------------------

    def _build_questions(self) -> None:
        clear(self.questions)
        t = self.theme
        sections = self.data.goals
        if not sections:
            panel = QFrame()
            panel.setObjectName("panel")
            box = QVBoxLayout(panel)
            box.setContentsMargins(*(t.px(14),) * 4)
            box.addWidget(label(tr("tpl.no_goal"), t.font(13), role="muted"))
            pick = Tile(t, tr("tpl.goals.none_button"), name="questions-pick-goal",
                        accent=LANE_ACCENT[Lane.GOALS])  # fmt: skip
            pick.setMaximumWidth(t.px(320))
            pick.clicked.connect(self._show_goals)
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
        t = self.theme
        col = QVBoxLayout()
        col.setSpacing(t.px(5))
        col.addWidget(label(title, t.font(14, bold=True)))
        col.addWidget(label(question, t.font(12), role="prompt"))
        col.addSpacing(t.px(4))
        return col

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
        link.clicked.connect(lambda _=False, g=goal.id: self._open_goal(g))
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
                latest = self.data.latest.get(c.id)
                if latest is not None:
                    value = f"{number_text(latest.value)} {c.unit}".strip()
                    when = short_date(latest.measured_on, self.store.today)
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
            tile.clicked.connect(lambda _=False, c=entry.card_id: self._open_card(c))
            col.addWidget(tile)
        if len(shown) < len(others):
            more = Tile(t, tr("tpl.show_all", count=len(others)), name="catalogue-all", flat=True)
            more.clicked.connect(self._show_all_catalogue)
            col.addWidget(more)
        col.addStretch(1)
        return col

    def _show_all_catalogue(self) -> None:
        self.catalogue_all = True
        self._build_questions()

    # --- showing the records -------------------------------------------------------------

    def _cycle(self, number: int) -> Cycle | None:
        return next((c for c in self.cycles if c.number == number), None)

    def _show_card(self) -> None:
        card = self.card
        self.title_field.set_value(card.title)
        self.description.set_value(card.description)
        self.lane_label.setText(f"{tr(card.lane.label_key)}  ·  #{card.number}")
        self.lane_label.setStyleSheet(f"color: {LANE_ACCENT[card.lane].darker(130).name()};")
        owner = self.store.person(card.owner_id)
        deadline = short_date(card.deadline) if card.deadline else tr("tpl.no_deadline")
        self.owner_tile.set_texts(
            f"{tr('field.owner')}: {owner.name if owner else tr('tpl.no_owner')}",
            f"{tr('field.deadline')}: {deadline}",
        )
        goals = [g for g in self.store.goals if g.id in card.goal_ids]
        if goals:
            title = tr("tpl.goals.button", count=len(goals))
            sub = "  ·  ".join(clip_words(g.aim, 60) for g in goals)
        else:
            title, sub = tr("tpl.goals.none_button"), tr("tpl.goals.title")
        self.goals_tile.set_texts(title, sub)

    def _sync_cycles(self, force: bool = False) -> None:
        """Take the card's cycles from the store (after an edit, an undo, a reload)."""
        cycles: list[Cycle] = []
        number = 1
        while (cycle := self.store.known_cycle(self.card_id, number)) is not None:
            cycles.append(cycle)
            number += 1
        if not force and cycles == self.cycles:
            return
        self.cycles = cycles
        if self._cycle(self.shown) is None:
            self.shown = cycles[-1].number if cycles else 0
        self._build_timeline()
        self._show_cycle()

    def _build_timeline(self) -> None:
        t = self.theme
        sig: tuple[object, ...] = (
            self.shown,
            *((c.number, c.step, c.scale_step, c.act_decision) for c in self.cycles),
        )
        if sig == self._timeline_sig and self.timeline.count():
            return
        self._timeline_sig = sig
        clear(self.timeline)
        for button in self.timeline_group.buttons():
            self.timeline_group.removeButton(button)
        accent = LANE_ACCENT[Lane.ACTIVITIES]
        for cycle in self.cycles:
            if cycle.step is CycleStep.CLOSED and cycle.act_decision is not None:
                state = f"✓ {tr(f'decision.{cycle.act_decision.value}')}"
            else:
                state = tr(f"step.{cycle.step.value}")
            chip = Tile(t, tr("tpl.cycle.chip", number=cycle.number), state,
                        name=f"cycle-{cycle.number}", checkable=True, accent=accent,
                        scale=cycle.scale_step)  # fmt: skip
            chip.setChecked(cycle.number == self.shown)
            chip.setMaximumWidth(t.px(260))
            chip.clicked.connect(lambda _=False, n=cycle.number: self._switch(n))
            self.timeline_group.addButton(chip)
            self.timeline.addWidget(chip)
        if self.cycles:
            new = Tile(t, tr("tpl.cycle.new"), name="cycle-new", flat=True, accent=accent)
            new.setEnabled(self.cycles[-1].step is CycleStep.CLOSED)
            new.setToolTip(
                "" if new.isEnabled() else tr("tpl.cycle.open_first", number=self.cycles[-1].number)
            )
            new.setMaximumWidth(t.px(300))
            new.clicked.connect(self._start_next)
            self.timeline.addWidget(new)
        self.timeline.addStretch(1)

    def _show_cycle(self) -> None:
        cycle = self._cycle(self.shown)
        self.empty.setVisible(cycle is None)
        self.panel.setVisible(cycle is not None)
        if cycle is None:
            return
        for field in self.cycle_fields:
            field.set_value(getattr(cycle, field.name))
        today = self.store.today
        meta = (
            [tr("tpl.cycle.started", date=short_date(cycle.started_on, today))]
            if (cycle.started_on)
            else []
        )
        if cycle.step is CycleStep.CLOSED and cycle.closed_on is not None:
            meta.append(tr("tpl.cycle.closed", date=short_date(cycle.closed_on, today)))
        else:
            meta.append(tr("tpl.cycle.now", step=tr(f"step.{cycle.step.value}")))
        head = tr("template.cycle", number=cycle.number)
        self.cycle_meta.setText(f"{head}   ·   " + "  ·  ".join(meta))
        self.rungs[cycle.scale_step].setChecked(True)
        current = 4 if cycle.step is CycleStep.CLOSED else STEPS.index(cycle.step)
        for i, step in enumerate(STEPS):
            mark = "done" if i < current else "current" if i == current else ""
            self.segments[step].set_mark(mark)
        self.reference.setText(cycle.plan_hypothesis.strip() or "—")
        self.reference_data.setText(cycle.do_data.strip() or "—")
        self._show_decision(cycle)
        self._view(self.view_step, save=False)

    def _show_decision(self, cycle: Cycle) -> None:
        closed = cycle.step is CycleStep.CLOSED
        chosen = cycle.act_decision if closed else self.decision
        going = [*self.decision_tiles.values(), self.decide_button, self.offer_next, self.offer_log]
        if any(w.hasFocus() for w in going):
            # A button about to hide would pass the focus on down the page; keep it here.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.decision_group.setExclusive(False)
        for decision, tile in self.decision_tiles.items():
            tile.setChecked(decision is chosen)
            tile.setEnabled(not closed)
        self.decision_group.setExclusive(True)
        self.decide_button.setText(tr("tpl.decide", number=cycle.number))
        self.decide_button.setVisible(not closed)
        self.decide_button.setEnabled(self.decision is not None)
        newest = self.cycles[-1].number == cycle.number
        if closed and cycle.act_decision is not None:
            when = short_date(cycle.closed_on, self.store.today) if cycle.closed_on else ""
            name = tr(f"decision.{cycle.act_decision.value}")
            self.decided.setText(tr("tpl.decided", number=cycle.number, date=when, decision=name))
        self.decided.setVisible(closed)
        self.offer_next.setText(tr("tpl.offer.next", number=cycle.number + 1))
        self.offer_next.setVisible(closed and newest)
        finished = cycle.act_decision is Decision.ABANDON or (
            cycle.scale_step is ScaleStep.IMPLEMENTED
        )
        in_log = self.card.lane is Lane.LOG
        self.offer_log.setVisible(closed and newest and finished and not in_log)

    def _view(self, step: CycleStep, *, save: bool = True) -> None:
        """Show one of the four steps (a tap on its tab)."""
        self.view_step = step
        for s, page in self.step_pages.items():
            page.setVisible(s is step)
        self.segments[step].setChecked(True)
        index = STEPS.index(step)
        self.next_button.setVisible(index < 3)
        if index < 3:
            self.next_button.setText(tr("tpl.next_step", step=tr(f"step.{STEPS[index + 1].value}")))

    # --- saving ------------------------------------------------------------------------------

    def _save_card_field(self, field: AutoField) -> bool:
        return self.ops.save_fields(
            "card", (self.card_id,), {field.name: field.value()}, field.session
        )

    def _save_cycle_field(self, field: AutoField) -> bool:
        cycle = self._cycle(self.shown)
        if cycle is None:
            return False
        changes: dict[str, object] = {field.name: field.value()}
        step = FIELD_STEP.get(field.name)
        if (
            step is not None
            and cycle.step is not CycleStep.CLOSED
            and STEPS.index(step) > STEPS.index(cycle.step)
        ):
            changes["step"] = step.value  # writing in a later step moves the cycle on
        return self.ops.save_fields("cycle", (self.card_id, cycle.number), changes, field.session)

    def _set_scale(self, step: ScaleStep) -> None:
        cycle = self._cycle(self.shown)
        if cycle is not None and cycle.scale_step is not step:
            key = (self.card_id, cycle.number)
            if not self.ops.save_fields("cycle", key, {"scale_step": step.value}, None):
                self._show_cycle()

    def _switch(self, number: int) -> None:
        """A tap on a cycle in the timeline."""
        if number == self.shown or not self.flush():
            self._build_timeline()
            return
        self.shown = number
        cycle = self._cycle(number)
        if cycle is not None:
            self.view_step = CycleStep.ACT if cycle.step is CycleStep.CLOSED else cycle.step
        self.decision = None
        self._timeline_sig = ()
        self._build_timeline()
        self._show_cycle()

    def _next(self) -> None:
        """ "Videre til …": the next tab; the cycle moves on with it if it was here."""
        cycle = self._cycle(self.shown)
        index = STEPS.index(self.view_step)
        if cycle is None or index >= 3 or not self.flush():
            return
        following = STEPS[index + 1]
        if cycle.step is self.view_step:
            key = (self.card_id, cycle.number)
            self.ops.save_fields("cycle", key, {"step": following.value}, None)
        self._view(following)

    def _choose(self, decision: Decision) -> None:
        self.decision = decision
        cycle = self._cycle(self.shown)
        if cycle is not None:
            self._show_decision(cycle)

    def _decide(self) -> None:
        if self.decision is None or not self.flush():
            return
        cycle = self._cycle(self.shown)
        if cycle is None or cycle.step is CycleStep.CLOSED:
            return
        next_step = self.cycle_fields[-1].value()
        if self.ops.decide(self.card_id, cycle.number, self.decision, next_step):
            self.decision = None
            self._sync_cycles(force=True)

    def _start_next(self) -> None:
        if not self.flush():
            return
        last = self.cycles[-1] if self.cycles else None
        scale = None
        if last is not None and last.act_decision is Decision.ADOPT:
            # The hypothesis held: the next test reaches one rung further (section 3).
            scale = SCALE[min(SCALE.index(last.scale_step) + 1, len(SCALE) - 1)]
        cycle = self.ops.start_cycle(self.card_id, scale)
        if cycle is not None:
            self.shown = cycle.number
            self.view_step = CycleStep.PLAN
            self.decision = None
            self._sync_cycles(force=True)

    def _move_to_log(self) -> None:
        if self.flush() and self.ops.move_card(self.card_id, Lane.LOG, None):
            self.window_.board.select(self.card_id)

    # --- card actions ----------------------------------------------------------------------

    def _show_owner(self) -> None:
        if not self.flush():
            return

        def save(owner_id: int | None, deadline: str) -> bool:
            from board.domain import text

            try:
                day = text.parse_date(deadline)
            except BoardError as exc:
                self.ops.message.emit(exc.message())
                return False
            changes = {"owner_id": owner_id, "deadline": day}
            card = self.store.card(self.card_id)
            if card is None:
                return True
            changes = {k: v for k, v in changes.items() if getattr(card, k) != v}
            return not changes or self.ops.save_fields("card", (self.card_id,), changes, None)

        self.open_sheet(
            OwnerDeadlineEditor(
                self.window_widget,
                self.theme,
                self.card,
                self.store.people,
                self.anchor_of(self.owner_tile),
                add_person=self.ops.add_person,
                save=save,
                today=self.store.today,
            )
        )

    def _show_goals(self) -> None:
        if not self.flush():
            return

        def save(goal_ids: tuple[int, ...]) -> bool:
            return self.ops.save_fields("card", (self.card_id,), {"goal_ids": goal_ids}, None)

        self.open_sheet(
            GoalPickerSheet(
                self.window_widget,
                self.theme,
                list(self.store.goals),
                self.card.goal_ids,
                self.anchor_of(self.goals_tile),
                save=save,
            )
        )

    def _show_move(self) -> None:
        if not self.flush():
            return
        card_id = self.card_id

        def move(lane: Lane) -> None:
            if self.ops.move_card(card_id, lane, None):
                self.window_.board.select(card_id)

        button = self.findChild(QPushButton, "template-move")
        anchor = self.anchor_of(button) if button is not None else None
        self.open_sheet(MoveSheet(self.window_widget, self.theme, self.card, anchor, on_move=move))

    def _archive(self) -> None:
        if self.flush():
            self.ops.archive_card(self.card_id)  # the page closes when the card is gone

    def _ask_pdf_path(self, default: str) -> str | None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window_widget, tr("tpl.print.dialog"), default, tr("tpl.print.filter")
        )
        return path or None

    def _print(self) -> None:
        """ "Udskriv": the paper form (write_template_pdf) to a file the user picks."""
        self.flush()
        board_id = self.ops.board_id
        if board_id is None:
            return
        name = pdf_name(tr("tpl.print.file", number=self.card.number, title=self.card.title))
        if self.window_.wall:  # a finger chooses among big buttons, not in a file dialog
            self.open_sheet(
                SavePlaceSheet(
                    self.window_widget, self.theme, tr("save.title.template"), name,
                    usual_places(self.window_widget), lambda f: self._write_pdf(board_id, f / name),
                )
            )  # fmt: skip
            return
        chosen = self.choose_pdf_path(str(Path.home() / name))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self._write_pdf(board_id, path)

    def _write_pdf(self, board_id: int, path: Path) -> None:
        try:
            # Imported here: reportlab loads only when someone prints. (The layer contract
            # keeps ui and export apart; see the note on it for the lead.)
            from board.export.template_pdf import write_template_pdf

            write_template_pdf(
                template_service.template_data(self.ops.db, board_id, self.card_id), path
            )
        except BoardError as exc:
            self.ops.message.emit(exc.message())
            return
        except OSError:
            self.ops.message.emit(tr("error.write_file", path=str(path)))
            return
        self.ops.message.emit(tr("tpl.print.done", path=str(path)))

    def _open_card(self, card_id: int) -> None:
        if self.close_page():
            open_card_template(self.window_, card_id)

    def _open_goal(self, goal_id: int) -> None:
        if self.close_page():
            self.window_.show_goal_template(goal_id)  # goal_page builds on this page

    # --- following changes -----------------------------------------------------------------

    def _reload(self) -> None:
        """Read the whole template again (after a reload of the board or a change of goals)."""
        board_id = self.ops.board_id
        if board_id is None:
            return
        try:
            data = template_service.template_data(self.ops.db, board_id, self.card_id)
        except NotFoundError:
            self._teardown()
            return
        except BoardError as exc:
            self.ops.message.emit(exc.message())
            return
        self.data = data
        self.card = self.store.any_card(self.card_id) or data.card
        self.store.know_cycles(data.cycles)
        self._show_card()
        self._build_questions()
        self._sync_cycles(force=True)

    def _on_record(self, kind: str, record_id: int) -> None:
        if self._closing:
            return
        if kind == "card" and record_id == self.card_id:
            card = self.store.card(self.card_id)
            if card is None:  # archived (here, or by undo of its adding)
                self.flush()
                self._teardown()
                return
            goals_changed = card.goal_ids != self.card.goal_ids
            self.card = card
            self._show_card()
            if goals_changed:
                self._reload()
            else:
                cycle = self._cycle(self.shown)
                if cycle is not None:
                    self._show_decision(cycle)
        elif kind == "goal" and any(s.goal.id == record_id for s in self.data.goals):
            self._reload()
        elif kind == "cycle":
            self._sync_cycles()

    def _on_reloaded(self) -> None:
        if not self._closing:
            self._reload()

    def reopen(self) -> None:
        open_card_template(
            self.window_, self.card_id, cycle_number=self.shown or None, step=self.view_step
        )

    def after_close(self) -> None:
        board = self.window_.board
        if self.store.card(self.card_id) is not None:
            board.select(self.card_id)
            view = board.lane_of(self.card_id)
            if view is not None:
                view.ensure_visible(self.card_id)
                view.setFocus(Qt.FocusReason.OtherFocusReason)


# --- opening -------------------------------------------------------------------------------


def current_page(window: TemplateWindow) -> TemplatePage | None:
    """The template page open over the board, if any."""
    for child in window.board.findChildren(TemplatePage):
        if child.is_open:
            return child
    return None


def open_card_template(
    window: TemplateWindow,
    card_id: int,
    *,
    cycle_number: int | None = None,
    step: CycleStep | None = None,
) -> CardTemplatePage | None:
    """A tap on a card: its template over the board (read in one transaction)."""
    board_id = window.ops.board_id
    if board_id is None or window.store.card(card_id) is None:
        return None
    old = current_page(window)
    if old is not None and not old.close_page():
        return None
    try:
        data = template_service.template_data(window.ops.db, board_id, card_id)
    except BoardError as exc:
        window.ops.message.emit(exc.message())
        return None
    page = CardTemplatePage(window, data, cycle_number=cycle_number, step=step)
    page.open()
    return page
