"""The keyboard moves a selected card too: arrows select, Ctrl+arrows move."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from board.domain.lanes import Lane

from .helpers import button, click, lane_ids, state

CTRL = Qt.KeyboardModifier.ControlModifier


def _focus(window, lane: Lane):  # type: ignore[no-untyped-def]
    view = window.board.lanes[lane]
    view.setFocus(Qt.FocusReason.TabFocusReason)
    assert view.hasFocus()
    return view


def test_arrows_select_and_ctrl_arrows_move_within_a_lane(window, ui_db, ui_url, seed) -> None:
    view = _focus(window, Lane.PRIORITISED)
    first, second, third = seed.lanes[Lane.PRIORITISED]
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert window.board.selection == first
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert view.card_ids() == [second, first, third]
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert view.card_ids() == [second, third, first]
    assert lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.PRIORITISED) == [
        second, third, first,
    ]  # fmt: skip
    QTest.keyClick(view, Qt.Key.Key_Down, CTRL)  # already last: nothing happens
    assert view.card_ids() == [second, third, first]
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert window.board.selection == third
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert lane_ids(state(ui_db, seed.board_id), Lane.PRIORITISED) == [first, second, third]
    assert view.card_ids() == [first, second, third]
    QTest.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert lane_ids(state(ui_db, seed.board_id), Lane.PRIORITISED) == [second, first, third]


def test_ctrl_right_moves_a_card_along_the_flow_and_asks_at_activities(window, ui_db, seed) -> None:
    view = _focus(window, Lane.IDEAS)
    card_id = seed.lanes[Lane.IDEAS][0]
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Right, CTRL)
    prioritised = window.board.lanes[Lane.PRIORITISED]
    assert prioritised.card_ids()[-1] == card_id
    assert prioritised.hasFocus()
    assert window.board.selection == card_id
    QTest.keyClick(prioritised, Qt.Key.Key_Right, CTRL)
    assert window.board.lanes[Lane.ACTIVITIES].card_ids()[-1] == card_id
    assert window.sheet is not None and window.sheet.objectName() == "owner-prompt"
    click(button(window.sheet, "prompt-skip"))
    st = state(ui_db, seed.board_id)
    assert lane_ids(st, Lane.ACTIVITIES)[-1] == card_id
    QTest.keyClick(window.board.lanes[Lane.ACTIVITIES], Qt.Key.Key_Left, CTRL)
    assert lane_ids(state(ui_db, seed.board_id), Lane.PRIORITISED)[-1] == card_id


def test_arrows_walk_the_board_and_enter_opens(window, seed) -> None:
    view = _focus(window, Lane.IDEAS)
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Down)
    assert window.board.selection == seed.lanes[Lane.IDEAS][2]
    QTest.keyClick(view, Qt.Key.Key_Down)  # past the last idea: on to Prioritering
    assert window.board.lanes[Lane.PRIORITISED].hasFocus()
    assert window.board.selection == seed.lanes[Lane.PRIORITISED][0]
    QTest.keyClick(window.board.lanes[Lane.PRIORITISED], Qt.Key.Key_Right)
    activities = window.board.lanes[Lane.ACTIVITIES]
    assert activities.hasFocus()
    assert window.board.selection == seed.lanes[Lane.ACTIVITIES][0]
    QTest.keyClick(activities, Qt.Key.Key_Return)
    from board.ui.template.base_page import current_page

    page = current_page(window)
    assert page is not None and page.card_id == seed.lanes[Lane.ACTIVITIES][0]
    assert page.hasFocus()  # the keyboard works on in the template
    QTest.keyClick(page, Qt.Key.Key_Escape)
    assert current_page(window) is None
    assert activities.hasFocus()  # and comes back to the card


def test_the_menu_key_offers_flyt_til_and_delete_archives(window, ui_db, seed) -> None:
    view = _focus(window, Lane.GOALS)
    card_id = seed.lanes[Lane.GOALS][0]
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Menu)
    assert window.sheet is not None and window.sheet.objectName() == "card-actions"
    click(button(window.sheet, "move-ideas"))
    assert lane_ids(state(ui_db, seed.board_id), Lane.IDEAS)[-1] == card_id
    ideas = window.board.lanes[Lane.IDEAS]
    ideas.setFocus()
    QTest.keyClick(ideas, Qt.Key.Key_Delete)
    assert card_id not in ideas.card_ids()
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived
