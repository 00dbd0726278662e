"""Dragging cards by mouse and by finger: every lane to every other lane, and within a lane.

Each case asserts what the window shows and what a fresh connection reads from disk,
answers the question the move asks (owner and deadline, or the log decision), then
undoes and redoes the whole drop and checks both again.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit

from board.domain.entities import Decision
from board.domain.lanes import Lane

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
    touch_drag,
)

PAIRS = [(s, d) for s in Lane for d in Lane if s is not d]


def _drag(how: str, qtbot, source, start, end) -> None:  # type: ignore[no-untyped-def]
    if how == "mouse":
        mouse_drag(source, start, end)
    else:
        touch_drag(qtbot, source, start, end)


def _answer(window, dst: Lane, card_id: int, seed) -> None:  # type: ignore[no-untyped-def]
    """Answer the question a move into Aktiviteter or Log asks."""
    sheet = window.sheet
    if dst is Lane.ACTIVITIES:
        assert sheet is not None and sheet.objectName() == "owner-prompt"
        click(button(sheet, f"person-{seed.people[1]}"))
        click(button(sheet, "deadline-14"))
        click(button(sheet, "prompt-save"))
    elif dst is Lane.LOG:
        assert sheet is not None and sheet.objectName() == "log-prompt"
        assert not button(sheet, "decision-adapt").isChecked()
        click(button(sheet, "decision-adapt"))
        sheet.findChild(QPlainTextEdit, "learning").setPlainText("Virker bedst om formiddagen.")
        click(button(sheet, "prompt-save"))
    else:
        assert sheet is None
    assert window.sheet is None


@pytest.mark.parametrize("how", ["mouse", "touch"])
@pytest.mark.parametrize(("src", "dst"), PAIRS, ids=[f"{s.value}-{d.value}" for s, d in PAIRS])
def test_drag_card_to_another_lane(window, qtbot, ui_db, ui_url, seed, how, src, dst) -> None:
    board = window.board
    source, target = board.lanes[src], board.lanes[dst]
    card_id = seed.lanes[src][1]
    before = state(ui_db, seed.board_id)
    start = card_point(source, card_id)
    end = to_source(source, target, drop_point(target, 1, card_id))

    _drag(how, qtbot, source, start, end)

    expected = lane_ids(before, dst)
    expected.insert(0 if dst is Lane.LOG else 1, card_id)  # the Log: newest on top
    remaining = [c for c in lane_ids(before, src) if c != card_id]
    assert target.card_ids() == expected
    assert source.card_ids() == remaining
    on_disk = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert lane_ids(on_disk, dst) == expected
    assert lane_ids(on_disk, src) == remaining

    _answer(window, dst, card_id, seed)
    answered = state(ui_db, seed.board_id, fresh_url=ui_url)
    moved = next(c for c in answered.cards if c.id == card_id)
    if dst is Lane.ACTIVITIES:
        assert moved.owner_id == seed.people[1] and moved.deadline is not None
    if dst is Lane.LOG:
        entry = next(e for e in answered.log if e.card_id == card_id)
        assert entry.decision is Decision.ADAPT
        assert entry.learning == "Virker bedst om formiddagen."
        assert board.store.newest_entry(card_id) == entry

    click(window.top.undo_button)
    undone = state(ui_db, seed.board_id, fresh_url=ui_url)
    for lane in (src, dst):
        assert lane_ids(undone, lane) == lane_ids(before, lane)
        assert board.lanes[lane].card_ids() == lane_ids(before, lane)
    assert undone.log == before.log  # the entry the move wrote is gone again
    old = next(c for c in before.cards if c.id == card_id)
    back = next(c for c in undone.cards if c.id == card_id)
    assert (back.owner_id, back.deadline) == (old.owner_id, old.deadline)

    click(window.top.redo_button)
    redone = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert lane_ids(redone, dst) == expected
    assert target.card_ids() == expected
    again = next(c for c in redone.cards if c.id == card_id)
    assert (again.owner_id, again.deadline) == (moved.owner_id, moved.deadline)

    def entries(st):  # type: ignore[no-untyped-def]  # redo writes the entry anew
        return [(e.card_id, e.cycle_id, e.decision, e.learning) for e in st.log]

    assert entries(redone) == entries(answered)


ORDERED = [lane for lane in Lane if lane is not Lane.LOG]  # the Log keeps its date order


@pytest.mark.parametrize("how", ["mouse", "touch"])
@pytest.mark.parametrize("lane", ORDERED, ids=[lane.value for lane in ORDERED])
def test_reorder_within_a_lane(window, qtbot, ui_db, ui_url, seed, how, lane) -> None:
    view = window.board.lanes[lane]
    first, second, third = seed.lanes[lane]
    # The first card goes to the end, then the (new) last card back to the top.
    _drag(how, qtbot, view, card_point(view, first), drop_point(view, 2, first))
    assert view.card_ids() == [second, third, first]
    assert lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), lane) == [second, third, first]
    assert window.sheet is None  # a move within a lane asks nothing

    _drag(how, qtbot, view, card_point(view, first), drop_point(view, 0, first))
    assert view.card_ids() == [first, second, third]
    assert lane_ids(state(ui_db, seed.board_id), lane) == [first, second, third]

    click(window.top.undo_button)
    assert view.card_ids() == [second, third, first]
    assert lane_ids(state(ui_db, seed.board_id), lane) == [second, third, first]
    click(window.top.undo_button)
    assert view.card_ids() == [first, second, third]
    assert lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), lane) == [first, second, third]
    click(window.top.redo_button)
    assert lane_ids(state(ui_db, seed.board_id), lane) == [second, third, first]


def test_the_card_follows_the_finger_with_a_drop_indicator(window, qtbot, ui_db, seed) -> None:
    from .helpers import Finger, hold, path

    board = window.board
    source, target = board.lanes[Lane.IDEAS], board.lanes[Lane.ACTIVITIES]
    card_id = seed.lanes[Lane.IDEAS][0]
    start = card_point(source, card_id)
    end = to_source(source, target, drop_point(target, 2, card_id))
    finger = Finger(source)
    finger.press(start)
    hold(qtbot, source)
    assert board.drag.active and board.drag.overlay.isVisible()  # lifted in place
    for point in path(start, end):
        finger.move(point)
    ghost = board.drag.overlay.geometry()
    assert ghost.contains(board.mapFrom(window, source.mapTo(window, end)))
    assert target.drop_index == 2
    assert source.drop_index is None
    screenshot(window, "drag-touch-ideas-to-activities")
    finger.release(end)
    assert not board.drag.overlay.isVisible()
    assert target.drop_index is None
    assert target.card_ids()[2] == card_id
    assert lane_ids(state(ui_db, seed.board_id), Lane.ACTIVITIES)[2] == card_id
    screenshot(window, "drop-asks-owner-and-deadline")
    click(button(window.sheet, "prompt-skip"))
    assert window.sheet is None


def test_a_drop_back_on_its_place_changes_nothing(window, ui_db, seed) -> None:
    view = window.board.lanes[Lane.PRIORITISED]
    card_id = seed.lanes[Lane.PRIORITISED][1]
    version = next(c.version for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    start = card_point(view, card_id)
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for dy in (10, 20, 30, 20, 10, 0):
        QTest.mouseMove(view, start + QPoint(0, dy))
    assert window.board.drag.active
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    after = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert after.version == version
    assert view.card_ids() == seed.lanes[Lane.PRIORITISED]
    assert not window.ops.undo_stack.canUndo()
    assert window.sheet is None  # not taken for a click either


def test_a_drop_outside_the_lanes_puts_the_card_back(window, ui_db, seed) -> None:
    board = window.board
    view = board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    start = card_point(view, card_id)
    outside = view.mapFrom(window, window.top.geometry().center())  # over the top bar
    mouse_drag(view, start, outside)
    assert not board.drag.active
    assert view.card_ids() == seed.lanes[Lane.IDEAS]
    assert lane_ids(state(ui_db, seed.board_id), Lane.IDEAS) == seed.lanes[Lane.IDEAS]
    assert not window.ops.undo_stack.canUndo()
