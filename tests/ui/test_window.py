"""Wall mode and window mode, several boards, changes made on another screen, English."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from board.domain.lanes import Lane
from board.services import boards, cards

from .helpers import (
    button,
    card_point,
    click,
    drop_point,
    lane_ids,
    mouse_drag,
    screenshot,
    state,
    to_source,
)


def test_wall_mode_is_large_and_the_window_mode_is_compact(window, qtbot) -> None:
    laptop_font = window.theme.title_font.pixelSize()
    window.resize(1366, 768)
    screenshot(window, "laptop-1366x768")
    click(window.top.mode_button)
    assert window.wall and window.isFullScreen()
    # The test screen is a 55-inch Full HD wall; the window fills it when Qt gets round to it.
    qtbot.waitUntil(lambda: window.size().toTuple() == (1920, 1080))
    assert window.theme.wall
    title = window.theme.title_font.pixelSize()
    assert title >= 30 > 2 * laptop_font - 1  # readable from 3 m on a 55-inch screen
    assert window.top.undo_button.height() >= 60  # about 40 mm there; at least 10 mm anywhere
    assert window.board.lanes[Lane.IDEAS].add_button.height() >= 60
    assert window.top.undo_button.isVisible() and window.top.redo_button.isVisible()
    screenshot(window, "wall-1920x1080")
    click(window.top.mode_button)
    assert not window.wall and not window.theme.wall
    assert window.theme.title_font.pixelSize() == laptop_font


def test_switch_between_boards_and_create_one(window, qtbot, ui_db, seed) -> None:
    other = boards.create_board(ui_db, "Forældrekurser")
    cards.add_card(ui_db, other.id, "Kursus for fædre")
    click(window.top.board_button)
    sheet = window.sheet
    assert sheet.objectName() == "boards-sheet"
    assert button(sheet, f"board-{seed.board_id}").isChecked()
    screenshot(window, "boards")
    click(button(sheet, f"board-{other.id}"))
    assert window.store.board.id == other.id
    assert "Forældrekurser" in window.top.board_button.text()
    assert [window.store.card(i).title for i in window.board.lanes[Lane.IDEAS].card_ids()] == [
        "Kursus for fædre"
    ]
    assert not window.ops.undo_stack.canUndo()

    click(window.top.board_button)
    sheet = window.sheet
    sheet.name.setText("Netværksmøder")
    click(button(sheet, "create-board"))
    assert window.store.board.name == "Netværksmøder"
    assert window.board.lanes[Lane.IDEAS].card_ids() == []
    assert {b.board.name for b in boards.list_boards(ui_db)} == {
        "Testtavle", "Forældrekurser", "Netværksmøder",
    }  # fmt: skip

    click(window.top.board_button)
    window.sheet.name.setText("Testtavle")  # taken
    click(button(window.sheet, "create-board"))
    assert window.sheet is not None  # explained in the sheet, not behind it
    assert "Testtavle" in window.sheet.error_line.text() and window.sheet.error_line.isVisible()
    assert window.message.text == ""


def test_a_card_changed_on_another_screen_reloads_and_explains(window, ui_db, seed) -> None:
    view = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    stale = window.store.card(card_id)
    cards.edit_card(ui_db, card_id, stale.version, title="Gravidliste (ændret på laptop)")
    target = window.board.lanes[Lane.PRIORITISED]
    mouse_drag(
        view, card_point(view, card_id), to_source(view, target, drop_point(target, 0, card_id))
    )
    assert "anden skærm" in window.message.text
    assert window.store.card(card_id).title == "Gravidliste (ændret på laptop)"  # reloaded
    assert lane_ids(state(ui_db, seed.board_id), Lane.IDEAS)[0] == card_id  # not moved
    assert not window.ops.undo_stack.canUndo()
    screenshot(window, "conflict-message")
    mouse_drag(
        view, card_point(view, card_id), to_source(view, target, drop_point(target, 0, card_id))
    )
    assert lane_ids(state(ui_db, seed.board_id), Lane.PRIORITISED)[0] == card_id  # now it works


def test_undo_after_a_change_elsewhere_is_refused_not_forced(window, ui_db, seed) -> None:
    view = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    QTest.mouseClick(view, Qt.MouseButton.RightButton, pos=card_point(view, card_id))
    click(button(window.sheet, "move-prioritised"))
    moved = window.store.card(card_id)
    cards.edit_card(ui_db, card_id, moved.version, title="Ændret på en anden skærm")
    click(window.top.undo_button)
    st = state(ui_db, seed.board_id)
    card = next(c for c in st.cards if c.id == card_id)
    assert card.lane is Lane.PRIORITISED and card.title == "Ændret på en anden skærm"
    assert "anden skærm" in window.message.text
    assert not window.ops.undo_stack.canUndo()  # the stale step was dropped


def test_the_board_speaks_english(qtbot, ui_db, seed) -> None:
    from board import i18n
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("en")
    win = BoardWindow(ui_db, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    assert win.top.undo_button.text().endswith("Undo")
    assert win.board.lanes[Lane.LOG].accessibleName() == "Log"
    assert win.board.lanes[Lane.IDEAS].accessibleName() == "Ideas"
    screenshot(win, "laptop-english")
