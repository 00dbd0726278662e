"""A card's improvement-model template as a page over the board (Hæfte 4, 5.1, Figur 12).

The page wires its parts: the card (card_section), the three questions (questions), the
learning cycles (cycles_section, with cycle_timeline and cycle_steps), and the header's
actions — Flyt til…, Arkivér and Udskriv (the paper form as A4 PDF). It follows the
store: a change of the card, its goals or its cycles from anywhere shows here at once.
What every template page shares (header, scrolling, autosave, closing) is in base_page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton

from board.domain.entities import Card, Cycle, CycleStep
from board.domain.errors import BoardError, NotFoundError
from board.domain.lanes import Lane
from board.i18n import tr
from board.ui.common.save_places import SavePlaceSheet, pdf_name, usual_places, write_and_tell
from board.ui.common.theme import LANE_ACCENT
from board.ui.common.widgets import big_button
from board.ui.template.autosave import AutoField
from board.ui.template.base_page import TemplatePage, TemplateWindow, current_page
from board.ui.template.card_section import CardSection
from board.ui.template.cycles_section import CyclesSection
from board.ui.template.questions import QuestionsSection
from board.ui.template.template_sheets import GoalPickerSheet, MoveSheet, OwnerDeadlineEditor
from board.ui.template.template_widgets import label

if TYPE_CHECKING:
    from board.ui.operations.results import TemplateData


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
        cycles: list[Cycle] = list(data.cycles)
        self.store.know_cycles(cycles)
        self.choose_pdf_path: Callable[[str], str | None] = self._ask_pdf_path
        self._build_header()
        t = self.theme
        self.card_section = CardSection(t, self.fields, self._save_card_field)
        self.card_section.owner_clicked.connect(self._show_owner)
        self.card_section.goals_clicked.connect(self._show_goals)
        self.lay.addWidget(self.card_section)
        self.lay.addSpacing(t.px(8))
        self.questions = QuestionsSection(t, data, self.store.today)
        self.questions.open_goal.connect(self._open_goal)
        self.questions.open_card.connect(self._open_card)
        self.questions.pick_goals.connect(self._show_goals)
        self.lay.addWidget(self.questions)
        self.lay.addSpacing(t.px(12))
        self.cycles_section = CyclesSection(
            t, self.ops, self.store, self.fields, self.card_id, cycles,
            cycle_number=cycle_number, step=step,
        )  # fmt: skip
        self.cycles_section.to_log.connect(self._move_to_log)
        self.cycles_section.focus_home.connect(self._take_focus)
        self.lay.addWidget(self.cycles_section)
        self.lay.addStretch(1)
        self._show_card()
        self.questions.show_data(data, self.store.today)
        self.cycles_section.sync(force=True)

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

    # --- what the parts show -----------------------------------------------------------------

    @property
    def title(self) -> QLineEdit:
        return self.card_section.title

    @property
    def description(self) -> AutoField:
        return self.card_section.description

    @property
    def cycles(self) -> list[Cycle]:
        return self.cycles_section.cycles

    @property
    def shown(self) -> int:
        """The number of the cycle shown (0: none yet)."""
        return self.cycles_section.shown

    @property
    def view_step(self) -> CycleStep:
        return self.cycles_section.view_step

    @property
    def cycle_fields(self) -> list[AutoField]:
        return self.cycles_section.steps.cycle_fields

    def _show_card(self) -> None:
        card = self.card
        self.lane_label.setText(f"{tr(card.lane.label_key)}  ·  #{card.number}")
        self.lane_label.setStyleSheet(f"color: {LANE_ACCENT[card.lane].darker(130).name()};")
        goals = [g for g in self.store.goals if g.id in card.goal_ids]
        self.card_section.show_card(card, self.store.person(card.owner_id), goals)
        self.cycles_section.in_log = card.lane is Lane.LOG

    def _take_focus(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_card_field(self, field: AutoField) -> bool:
        return self.ops.save_fields(
            "card", (self.card_id,), {field.name: field.value()}, field.session
        )

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
                self.anchor_of(self.card_section.owner_tile),
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
                self.anchor_of(self.card_section.goals_tile),
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
        def write() -> None:
            # Imported here: reportlab loads only when someone prints. (The layer contract
            # keeps ui and export apart; see the note on it for the lead.)
            from board.export.template_pdf import write_template_pdf

            write_template_pdf(self.ops.template_data(board_id, self.card_id), path)

        write_and_tell(path, write, self.ops.message.emit, "tpl.print.done")

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
            data = self.ops.template_data(board_id, self.card_id)
        except NotFoundError:
            self._card_gone()
            return
        except BoardError as exc:
            self.ops.message.emit(exc.message())
            return
        self.data = data
        self.card = self.store.any_card(self.card_id) or data.card
        self.store.know_cycles(data.cycles)
        self._show_card()
        self.questions.show_data(data, self.store.today)
        self.cycles_section.sync(force=True)

    def catch_up(self) -> None:
        """Another screen changed the board (the store has merged it, without telling the
        page): the card as the store has it now, and the cycles and goals read again; only
        what changed is shown again."""
        board_id = self.ops.board_id
        if board_id is None:
            return
        if self.store.any_card(self.card_id) != self.card or self.gone is not None:
            self._on_record("card", self.card_id)  # its fields, or the page says it is gone
            if self._closing or self.gone is not None:
                return
        try:
            data = self.ops.template_data(board_id, self.card_id)
        except NotFoundError:
            self._card_gone()  # the card is gone on the other screen
            return
        except BoardError as exc:
            self.ops.message.emit(exc.message())
            return
        self.store.know_cycles(data.cycles)  # every cycle's version, not just the newest
        self.cycles_section.sync()  # shown again if a cycle changed
        if data.goals != self.data.goals:
            self.questions.show_data(data, self.store.today)
        self.data = data

    def _on_record(self, kind: str, record_id: int) -> None:
        if self._closing:
            return
        if kind == "card" and record_id == self.card_id:
            card = self.store.card(self.card_id)
            if card is None:  # archived (elsewhere, here, or by undo of its adding)
                self._card_gone()
                return
            self.record_back()  # restored while its text waited: saved now
            goals_changed = card.goal_ids != self.card.goal_ids
            self.card = card
            self._show_card()
            if goals_changed:
                self._reload()
            else:
                self.cycles_section.refresh_decision()
        elif kind == "goal" and any(s.goal.id == record_id for s in self.data.goals):
            self._reload()
        elif kind == "card" and self._in_catalogue(record_id):
            self.catch_up()  # another card joined, left or changed a goal's catalogue
        elif kind == "cycle":
            self.cycles_section.sync()

    def _card_gone(self) -> None:
        self.record_gone(
            "template.gone.card",
            "template.gone.restore",
            lambda: self.ops.restore_card(self.card_id),
        )

    def _in_catalogue(self, card_id: int) -> bool:
        """The card is (or was) listed under one of this card's goals."""
        card = self.store.any_card(card_id)
        if card is not None and set(card.goal_ids) & set(self.card.goal_ids):
            return True
        return any(e.card_id == card_id for s in self.data.goals for e in s.catalogue)

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
        data = window.ops.template_data(board_id, card_id)
    except BoardError as exc:
        window.ops.message.emit(exc.message())
        return None
    page = CardTemplatePage(window, data, cycle_number=cycle_number, step=step)
    page.open()
    return page
