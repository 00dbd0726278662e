"""Goals open their own template; cards are linked to goals from the card's template."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget
from ui.helpers import Finger, screenshot, state

from board.domain.entities import CriterionKind
from board.domain.lanes import Lane
from board.services import goals
from board.ui.template.base_page import current_page

from .helpers import child, fill, open_by_tap, tap, text_of


def _open_goal(window, goal_id: int):  # type: ignore[no-untyped-def]
    view = window.board.lanes[Lane.GOALS]
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == goal_id)
    point = view.item_rect(item).center().toPoint()
    finger = Finger(view)
    finger.press(point)
    finger.release(point)
    page = current_page(window)
    assert page is not None and page.objectName() == "goal-page"
    return page


def _rows(page, kind: CriterionKind) -> list:  # type: ignore[no-untyped-def]
    return [r for r in page.rows if r.kind is kind]


def test_a_goal_opens_its_template_and_criteria_are_edited(window, qtbot, ui_db, seed) -> None:
    page = _open_goal(window, seed.goal_id)
    assert text_of(page.aim.widget) == "Forældre er afklarede før fødslen"
    assert page.time_frame.widget.text() == "Inden for 6 måneder"
    fill(page.point.widget, "Styrke forældreskab før fødsel")
    fill(page.aim.widget, "Kommende forældre er afklarede om forældreskabet før fødslen.")
    fill(page.citizen.widget, "Forældrene kan sige, hvad barnet har brug for.")
    fill(page.time_frame.widget, "Inden for 4 måneder")

    tap(child(page, "add-indicator"))
    row = _rows(page, CriterionKind.INDICATOR)[0]
    assert row.text.widget.hasFocus()
    from .helpers import type_text

    type_text("Reflektiv funktion øges")
    fill(row.fields[1].widget, "10")  # target: saved with the text as one new criterion
    fill(row.fields[2].widget, "procentpoint")
    tap(child(page, "add-sign"))
    type_text("Forældre stiller spørgsmål")
    tap(child(page, "add-sign"))
    type_text("Forældre handler på vejledning")
    tap(page.point.widget)
    stored = goals.get_goal(ui_db, seed.goal_id)
    assert stored.development_point == "Styrke forældreskab før fødsel"
    assert stored.citizen_aim == "Forældrene kan sige, hvad barnet har brug for."
    assert stored.time_frame == "Inden for 4 måneder"
    assert [(c.kind, c.text, c.target, c.unit) for c in stored.criteria] == [
        (CriterionKind.INDICATOR, "Reflektiv funktion øges", "10", "procentpoint"),
        (CriterionKind.SIGN, "Forældre stiller spørgsmål", "", ""),
        (CriterionKind.SIGN, "Forældre handler på vejledning", "", ""),
    ]
    screenshot(window, "template-ui-goal")

    signs = _rows(page, CriterionKind.SIGN)
    tap(signs[0].remove)
    assert [c.text for c in goals.get_goal(ui_db, seed.goal_id).criteria][1:] == [
        "Forældre handler på vejledning"
    ]
    assert len(_rows(page, CriterionKind.SIGN)) == 1
    tap(window.top.undo_button)  # the sign comes back
    assert [c.text for c in goals.get_goal(ui_db, seed.goal_id).criteria][1:] == [
        "Forældre handler på vejledning",
        "Forældre stiller spørgsmål",
    ]
    assert len(_rows(page, CriterionKind.SIGN)) == 2
    tap(window.top.redo_button)
    assert len(goals.get_goal(ui_db, seed.goal_id).criteria) == 2
    tap(window.top.undo_button)
    # Edit the sign that came back (the same row in the database, and on screen).
    back = next(r for r in _rows(page, CriterionKind.SIGN) if "spørgsmål" in r.text.value())
    fill(back.text.widget, "Forældre stiller flere spørgsmål")
    tap(page.point.widget)
    assert "Forældre stiller flere spørgsmål" in [
        c.text for c in goals.get_goal(ui_db, seed.goal_id).criteria
    ]
    tap(window.top.undo_button)
    assert "Forældre stiller spørgsmål" in [
        c.text for c in goals.get_goal(ui_db, seed.goal_id).criteria
    ]
    assert window.store.goal(seed.goal_id).time_frame == "Inden for 4 måneder"


def test_cards_are_linked_to_goals_and_the_goal_lists_them(window, qtbot, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    other = goals.add_goal(ui_db, seed.board_id, "Færre akutte anbringelser")
    window.ops.reload()
    page = open_by_tap(window, card_id)
    assert child(page, "questions-pick-goal").isVisible()  # no goal yet
    tap(child(page, "template-goals"))
    sheet = window.findChild(QWidget, "goals-sheet")
    assert sheet is not None and sheet.isVisible()
    tap(child(sheet, f"goal-choice-{seed.goal_id}"))
    tap(child(sheet, f"goal-choice-{other.id}"))
    tap(child(sheet, "sheet-done"))
    card = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert card.goal_ids == (seed.goal_id, other.id)
    # The three questions now show both goals' aims.
    assert child(page, f"open-goal-{seed.goal_id}").isVisible()
    assert child(page, f"open-goal-{other.id}").isVisible()
    tap(window.top.undo_button)
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).goal_ids == ()
    assert child(page, "questions-pick-goal").isVisible()
    tap(window.top.redo_button)

    # Another card for the same goal appears in this card's change catalogue.
    second = seed.lanes[Lane.IDEAS][0]
    window.ops.edit_card(second, goal_ids=(seed.goal_id,))
    QApplication.processEvents()  # the questions are built again: shown at the next turn
    assert child(page, f"catalogue-{second}").isVisible()
    tap(child(page, f"open-goal-{seed.goal_id}"))
    goal_page = current_page(window)
    assert goal_page is not None and goal_page.objectName() == "goal-page"
    listed = child(goal_page, f"goal-card-{card_id}")
    assert child(goal_page, f"goal-card-{second}").isVisible()
    screenshot(window, "template-ui-goal-cards")
    tap(listed)  # each card opens its own template
    back = current_page(window)
    assert back is not None and back.card_id == card_id
    assert child(back, f"catalogue-{second}").isVisible()
    tap(child(back, f"catalogue-{second}"))
    assert current_page(window).card_id == second


def test_archiving_from_the_templates(window, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.IDEAS][2]
    page = open_by_tap(window, card_id)
    tap(child(page, "template-archive"))
    assert current_page(window) is None
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived
    tap(window.top.undo_button)
    assert window.store.card(card_id) is not None
    goal_page = _open_goal(window, seed.goal_id)
    tap(child(goal_page, "goal-archive"))
    assert current_page(window) is None
    assert goals.get_goal(ui_db, seed.goal_id).archived
