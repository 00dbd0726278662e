"""A refused answer in a sheet is explained at its field, and the board stays in place.

On the wall (1920x1080, the demo board): drag an idea into Aktiviteter, give a deadline
that does not exist, and the sheet keeps asking with the field marked; the board neither
shows a banner behind the dimming nor moves; a valid date saves and the card stays in view.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit

from board.domain.lanes import Lane

from .helpers import button, card_point, click, mouse_drag, screenshot, state, to_source


def _type(field: QLineEdit, text: str) -> None:
    QTest.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, text)


def _fully_in_view(view, card_id: int) -> bool:  # type: ignore[no-untyped-def]
    rect = view.card_rect(card_id)
    return rect is not None and view.content_rect().contains(rect)


def test_a_wrong_date_is_marked_at_its_field_and_a_right_one_saves(
    demo_wall, qtbot, ui_db, ui_url
) -> None:
    wall = demo_wall
    board = wall.board
    ideas, activities = board.lanes[Lane.IDEAS], board.lanes[Lane.ACTIVITIES]
    board_id = wall.ops.board_id
    card_id = ideas.card_ids()[1]
    board_before = board.geometry()
    # Drop it under the last activity (the lane is full: scrolled to its end first).
    activities.scroll_to(activities.max_scroll())
    last = activities.item_rect(activities.items[-1])
    end = to_source(
        ideas, activities, (last.center() + (last.bottomLeft() - last.center()) * 0.8).toPoint()
    )
    mouse_drag(ideas, card_point(ideas, card_id), end)
    assert activities.card_ids()[-1] == card_id
    sheet = wall.sheet
    assert sheet is not None and sheet.objectName() == "owner-prompt"
    lene = next(p for p in wall.store.people if p.name == "Lene Vestergaard")
    click(button(sheet, f"person-{lene.id}"))
    deadline = sheet.findChild(QLineEdit, "deadline")
    _type(deadline, "31.2.2027")
    click(button(sheet, "prompt-save"))

    assert wall.sheet is sheet and sheet.isVisible()  # still asking
    assert deadline.text() == "31.2.2027"  # what was typed is kept
    error = sheet.findChild(QLabel, "error-deadline")
    assert error is not None and error.isVisible()
    assert "31.2.2027" in error.text() and "gyldig dato" in error.text()
    # Under the field, inside the panel, and the field outlined in red.
    assert error.geometry().top() >= deadline.geometry().bottom()
    assert sheet.panel.rect().contains(error.mapTo(sheet.panel, error.rect().bottomRight()))
    assert "#b3261e" in deadline.styleSheet().lower()
    assert wall.message.text == ""  # nothing behind the dimming
    assert board.geometry() == board_before
    screenshot(wall, "field-error-deadline")
    stored = next(c for c in state(ui_db, board_id, fresh_url=ui_url).cards if c.id == card_id)
    assert stored.lane is Lane.ACTIVITIES and stored.deadline is None and stored.owner_id is None

    _type(deadline, "28.2.2027")
    assert sheet.findChild(QLabel, "error-deadline") is None or not error.isVisible()
    assert "#b3261e" not in deadline.styleSheet().lower()  # fixing it clears the mark
    click(button(sheet, "prompt-save"))

    assert wall.sheet is None
    stored = next(c for c in state(ui_db, board_id, fresh_url=ui_url).cards if c.id == card_id)
    assert stored.deadline == date(2027, 2, 28) and stored.owner_id == lene.id
    assert wall.message.text == "" and not wall.message.isVisible()
    assert board.geometry() == board_before
    qtbot.wait(10)
    assert _fully_in_view(activities, card_id)  # not under "↓ N mere"
    screenshot(wall, "field-error-fixed")


def test_a_banner_lies_over_the_board_and_goes_when_the_action_succeeds(window, seed) -> None:
    """An error outside a sheet (a title too long, typed in place) is a banner over the
    board: the lanes do not move; a later success takes the stale banner away."""
    board = window.board
    before = board.geometry()
    ideas = board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    ideas.start_rename(card_id)
    ideas.editor.setText("x" * 400)
    ideas.commit_editor()
    assert "for lang" in window.message.text
    assert board.geometry() == before
    assert window.message.geometry().top() >= window.top.geometry().bottom()
    ideas.editor.setText("Gravidliste på tavlen i personalerummet")
    ideas.commit_editor()
    assert window.message.text == ""
    assert board.geometry() == before
