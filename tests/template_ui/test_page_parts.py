"""Where the template page meets its parts: what a tap in a part does to the page around it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from ui.helpers import Finger

from board.domain.entities import CriterionKind, CycleStep
from board.domain.lanes import Lane
from board.services import cards, cycles, demo, goals
from board.ui.template.base_page import current_page

from .helpers import child, open_by_tap, tap


def test_a_decision_leaves_the_keyboard_focus_on_the_page(laptop, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    assert page.view_step is CycleStep.ACT
    tap(child(page, "decision-adapt"))
    decide = child(page, "decide")
    tap(decide)
    assert decide.hasFocus() is False and not decide.isVisible()  # the cycle is closed
    assert cycles.list_cycles(ui_db, card.id)[0].step is CycleStep.CLOSED
    # The focus stays on the page: not passed on to a field further down, which would
    # scroll the page and, on the wall, call up the on-screen keyboard.
    assert QApplication.focusWidget() is page


def test_a_new_criterion_removed_before_it_was_saved_is_gone(window, qtbot, ui_db, seed) -> None:
    view = window.board.lanes[Lane.GOALS]
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == seed.goal_id)
    point = view.item_rect(item).center().toPoint()
    finger = Finger(view)
    finger.press(point)
    finger.release(point)
    page = current_page(window)
    assert page is not None and page.objectName() == "goal-page"
    stored = goals.get_goal(ui_db, seed.goal_id).criteria

    def removes() -> int:  # one "Fjern" per criterion row on the screen
        return sum(w.isVisible() for w in page.findChildren(QWidget, "criterion-remove"))

    before = [r for r in page.rows if r.kind is CriterionKind.SIGN]
    shown = removes()
    tap(child(page, "add-sign"))
    row = next(r for r in page.rows if r.kind is CriterionKind.SIGN and r not in before)
    assert row.text.widget.hasFocus() and removes() == shown + 1
    tap(row.remove)  # removed before anything was typed: nothing to save
    assert removes() == shown
    assert [r for r in page.rows if r.kind is CriterionKind.SIGN] == before
    assert page.close_page()  # nothing left waiting to be saved
    assert current_page(window) is None
    assert goals.get_goal(ui_db, seed.goal_id).criteria == stored


def test_the_timeline_starts_the_next_cycle(laptop, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    new = child(page, "cycle-new")
    assert not new.isEnabled()  # cycle 1 is still open
    tap(child(page, "decision-adopt"))
    tap(child(page, "decide"))
    new = child(page, "cycle-new")  # the timeline was built again
    assert new.isEnabled()
    tap(new)
    assert [c.number for c in cycles.list_cycles(ui_db, card.id)] == [1, 2]
    assert [c.number for c in page.cycles] == [1, 2]
    assert page.shown == 2 and page.view_step is CycleStep.PLAN
    assert child(page, "cycle-2").isChecked()


def test_a_card_without_a_goal_chooses_one_from_the_three_questions(
    window, qtbot, ui_db, seed
) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    tap(child(page, "questions-pick-goal"))  # in the panel of the three questions
    sheet = window.findChild(QWidget, "goals-sheet")
    assert sheet is not None and sheet.isVisible()
    tap(child(sheet, f"goal-choice-{seed.goal_id}"))
    tap(child(sheet, "sheet-done"))
    assert cards.get_card(ui_db, card_id).goal_ids == (seed.goal_id,)
    assert child(page, f"open-goal-{seed.goal_id}").isVisible()  # the questions show the goal


def test_a_field_tapped_at_the_edge_of_the_page_is_shown_whole(
    laptop, qtbot, ui_db, demo_board
) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    field = next(f for f in page.cycle_fields if f.name == "act_next_step").widget
    area, bar = page.area, page.area.verticalScrollBar()
    viewport = area.viewport()
    top = field.mapTo(area.widget(), QPoint(0, 0)).y()
    bar.setValue(top + 30 - viewport.height())  # only its top 30 pixels show
    QApplication.processEvents()
    at = field.mapTo(laptop, QPoint(field.width() // 2, 10))
    finger = Finger(laptop)
    finger.press(at)
    finger.release(at)
    qtbot.waitUntil(field.hasFocus)

    def whole() -> bool:
        shown = field.mapTo(viewport, QPoint(0, 0)).y()
        return shown >= 0 and shown + field.height() <= viewport.height()

    qtbot.waitUntil(whole, timeout=1000)
