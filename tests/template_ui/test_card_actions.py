"""What the old card drawer did, from the template: owner and deadline, "Flyt til …"."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget
from ui.helpers import screenshot, state

from board.domain.lanes import Lane
from board.ui.template.base_page import current_page

from .helpers import child, open_by_tap, tap


def _sheet(window, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    sheet = window.findChild(QWidget, name)
    assert sheet is not None and sheet.isVisible(), name
    return sheet


def test_owner_and_deadline_are_chosen_by_tapping(window, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.PRIORITISED][0]
    page = open_by_tap(window, card_id)
    tap(child(page, "template-owner"))
    sheet = _sheet(window, "owner-sheet")
    tap(child(sheet, f"person-{seed.people[1]}"))
    tap(child(sheet, "deadline-7"))
    screenshot(window, "template-ui-owner")
    tap(child(sheet, "sheet-done"))
    card = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert card.owner_id == seed.people[1]
    assert card.deadline == date.today() + timedelta(days=7)
    assert "Mette Lund" in child(page, "template-owner").title
    tap(window.top.undo_button)  # owner and deadline were one change
    card = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert (card.owner_id, card.deadline) == (None, None)


def test_flyt_til_from_the_template(window, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.IDEAS][0]
    page = open_by_tap(window, card_id)
    tap(child(page, "template-move"))
    sheet = _sheet(window, "move-sheet")
    assert not child(sheet, "move-ideas").isEnabled()
    tap(child(sheet, "move-activities"))
    assert window.store.card(card_id).lane is Lane.ACTIVITIES
    assert window.sheet is not None and window.sheet.objectName() == "owner-prompt"
    tap(child(window.sheet, "prompt-skip"))
    assert current_page(window) is page  # the template stays open
    assert child(page, "template-lane").text().startswith("Aktiviteter")
    tap(window.top.undo_button)
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).lane is Lane.IDEAS
