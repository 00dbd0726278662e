"""Redo is the action again, on the same rows: what an undo took away comes back under its id.

Read back through a fresh connection. Where a plain re-insert could land on the same id by
chance (SQLite gives a new row the highest id + 1), another screen writes a row of the same
kind between the undo and the redo, so only a redo that restores the row keeps the id.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from board.domain.entities import CycleStep, Decision
from board.domain.lanes import Lane
from board.services import cards, log

from .helpers import button, card_point, click, drop_point, lane_ids, mouse_drag, state, to_source


def test_an_idea_added_undone_and_redone_is_the_same_card(window, ui_db, ui_url, seed) -> None:
    ideas = window.board.lanes[Lane.IDEAS]
    click(ideas.add_button)
    QTest.keyClicks(ideas.editor, "Babycafe om fredagen")
    QTest.keyClick(ideas.editor, Qt.Key.Key_Return)
    QTest.keyClick(ideas.editor, Qt.Key.Key_Escape)
    (added,) = [c for c in state(ui_db, seed.board_id).cards if c.title == "Babycafe om fredagen"]
    in_place = lane_ids(state(ui_db, seed.board_id), Lane.IDEAS)

    click(window.top.undo_button)
    assert added.id not in ideas.card_ids()
    click(window.top.redo_button)

    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert [c.id for c in st.cards if c.title == "Babycafe om fredagen"] == [added.id]
    assert lane_ids(st, Lane.IDEAS) == in_place  # the same card, in the same place
    assert ideas.card_ids() == in_place


def test_an_archived_card_undone_and_redone_is_the_same_card(window, ui_db, ui_url, seed) -> None:
    view = window.board.lanes[Lane.PRIORITISED]
    card_id = seed.lanes[Lane.PRIORITISED][1]
    rows = len(state(ui_db, seed.board_id).cards)
    QTest.mouseClick(view, Qt.MouseButton.RightButton, pos=card_point(view, card_id))
    click(button(window.sheet, "action-archive"))
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived

    click(window.top.undo_button)  # back in its own place, not at the end
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert lane_ids(st, Lane.PRIORITISED) == seed.lanes[Lane.PRIORITISED]
    click(window.top.redo_button)
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert next(c for c in st.cards if c.id == card_id).archived
    assert card_id not in view.card_ids()
    click(window.top.undo_button)
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert lane_ids(st, Lane.PRIORITISED) == seed.lanes[Lane.PRIORITISED]
    assert len(st.cards) == rows  # restored, never re-created
    assert view.card_ids() == seed.lanes[Lane.PRIORITISED]


def test_a_drop_into_log_redone_keeps_its_cycle_and_its_log_entry(
    window, qtbot, ui_db, ui_url, seed
) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]  # its learning cycle 1 is open at Planlæg
    cycle = state(ui_db, seed.board_id).current_cycles[card_id]
    activities, log_lane = window.board.lanes[Lane.ACTIVITIES], window.board.lanes[Lane.LOG]
    target = drop_point(log_lane, 0, card_id)
    mouse_drag(activities, card_point(activities, card_id), to_source(activities, log_lane, target))
    sheet = window.sheet
    assert sheet is not None and sheet.objectName() == "log-prompt"
    click(button(sheet, "decision-adopt"))
    learning = sheet.findChild(QPlainTextEdit, "learning")
    learning.setFocus()
    learning.insertPlainText("Guiden virker.")
    QApplication.processEvents()
    click(button(sheet, "prompt-save"))
    (entry,) = [e for e in state(ui_db, seed.board_id).log if e.card_id == card_id]
    assert entry.cycle_id == cycle.id

    # Another screen logs a test meanwhile: a new row would now get another id.
    log.add_log_entry(ui_db, seed.board_id, "Sms før hjemmebesøg", "adopt", "Virker.")
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the whole drop
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert not [e for e in st.log if e.card_id == card_id]
    assert st.current_cycles[card_id].step is not CycleStep.CLOSED
    assert lane_ids(st, Lane.ACTIVITIES) == seed.lanes[Lane.ACTIVITIES]

    click(window.top.redo_button)
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    (again,) = [e for e in st.log if e.card_id == card_id]
    closed = st.current_cycles[card_id]
    assert (closed.id, closed.step, closed.act_decision) == (
        cycle.id, CycleStep.CLOSED, Decision.ADOPT,
    )  # fmt: skip
    assert (again.id, again.cycle_id, again.learning) == (entry.id, cycle.id, "Guiden virker.")
    assert lane_ids(st, Lane.LOG)[0] == card_id
    assert window.store.newest_entry(card_id) == again  # the screen shows the same entry
    assert cards.get_card(ui_db, card_id).lane is Lane.LOG


def test_ctrl_y_redoes(window, ui_db, seed) -> None:
    """Ctrl+Y as the README promises (it was bound twice where the platform's redo keys
    hold it already, so neither binding fired)."""
    card_id = seed.lanes[Lane.IDEAS][0]
    view = window.board.lanes[Lane.IDEAS]
    QTest.mouseClick(view, Qt.MouseButton.RightButton, pos=card_point(view, card_id))
    click(button(window.sheet, "action-archive"))
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived
    QTest.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived
    assert card_id not in view.card_ids()


def test_a_refused_action_after_an_undo_leaves_no_dead_redo_button(window, ui_db, seed) -> None:
    """A new action ends what could be redone, even a refused one (Qt's undo stack drops those
    commands on a push); the redo button says so instead of doing nothing when tapped."""
    ideas = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    QTest.mouseClick(ideas, Qt.MouseButton.RightButton, pos=card_point(ideas, card_id))
    click(button(window.sheet, "action-archive"))
    click(window.top.undo_button)
    assert window.top.redo_button.isEnabled()
    ideas.setFocus()
    window.board.select(card_id)
    QTest.keyClick(ideas, Qt.Key.Key_F2)
    ideas.editor.setText("x" * 400)  # too long: refused
    QTest.keyClick(ideas.editor, Qt.Key.Key_Return)
    assert "for lang" in window.message.text
    assert window.top.redo_button.isEnabled() == window.ops.undo_stack.canRedo()
