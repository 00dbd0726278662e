"""The lane's input controller (board/ui/board/lane_input.py) at its edges: where a press
becomes a drag, what a trembling finger still counts as, what a cancelled touch leaves
behind, and the focus ring that keys show and a press hides. Real QTest events on the real
lanes of a window; the checks are what the screen shows and what the database holds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from board.domain.lanes import Lane
from board.ui.board.lane_input import PressState

from .helpers import Finger, card_point, drop_point, hold, lane_ids, path, state

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def _page(window):  # type: ignore[no-untyped-def]
    from board.ui.template.template_page import current_page

    return current_page(window)


def _empty_point(view) -> QPoint:  # type: ignore[no-untyped-def]
    """A point in the lane below its last card: nothing there."""
    area = view.content_rect()
    return QPoint(area.left() + area.width() // 2, area.bottom() - 4)


def _ring(window, view) -> bool:  # type: ignore[no-untyped-def]
    """Whether the lane's border is drawn in the focus colour (the focus ring)."""
    image = view.grab().toImage()
    edge = image.pixelColor(0, image.height() // 2)
    ring, plain = window.theme.palette.drop, window.theme.palette.lane_border

    def far(a: QColor, b: QColor) -> int:
        return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())

    return far(edge, ring) < far(edge, plain)


def test_a_mouse_drags_from_the_drag_distance_on_and_not_before(window, ui_db, ui_url, seed):
    view = window.board.lanes[Lane.IDEAS]
    first, second, third = seed.lanes[Lane.IDEAS]
    distance = QApplication.styleHints().startDragDistance()
    start = card_point(view, first)
    QTest.mousePress(view, LEFT, NONE, start)
    QTest.mouseMove(view, start + QPoint(0, distance - 1))
    assert view.press_state is PressState.PENDING
    assert not window.board.drag.overlay.isVisible()  # nothing lifted yet
    QTest.mouseMove(view, start + QPoint(0, distance))
    assert view.press_state is PressState.DRAGGING
    assert window.board.drag.overlay.isVisible()  # the card follows the pointer
    end = drop_point(view, 2, first)
    for point in path(start + QPoint(0, distance), end):
        QTest.mouseMove(view, point)
    QTest.mouseRelease(view, LEFT, NONE, end)
    assert view.press_state is PressState.IDLE
    assert view.card_ids() == [second, third, first]
    assert lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.IDEAS) == [
        second, third, first,
    ]  # fmt: skip
    assert _page(window) is None and window.sheet is None  # a drag, not a click


def test_a_mouse_that_wobbles_less_than_the_drag_distance_clicks(window, ui_db, ui_url, seed):
    view = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][1]
    distance = QApplication.styleHints().startDragDistance()
    start = card_point(view, card_id)
    QTest.mousePress(view, LEFT, NONE, start)
    QTest.mouseMove(view, start + QPoint(distance - 1, 0))
    QTest.mouseRelease(view, LEFT, NONE, start + QPoint(distance - 1, 0))
    page = _page(window)
    assert page is not None and page.card_id == card_id  # opened, as a click does
    assert (
        lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.IDEAS)
        == seed.lanes[Lane.IDEAS]
    )


def test_a_trembling_finger_still_holds_the_card_and_lifting_it_offers_the_actions(
    window, qtbot, ui_db, ui_url, seed
) -> None:
    view = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    slop = window.theme.touch_slop
    start = card_point(view, card_id)
    finger = Finger(view)
    finger.press(start)
    finger.move(start + QPoint(slop, -slop))  # within the slop: still holding still
    assert view.press_state is PressState.PENDING
    assert view.scroll_offset == 0
    hold(qtbot, view)
    assert window.board.drag.active and window.board.selection == card_id
    finger.move(start + QPoint(-slop, slop))  # the lifted card trembles: not yet a drag
    assert view.press_state is PressState.LIFTED
    finger.release(start + QPoint(-slop, slop))
    assert view.press_state is PressState.IDLE
    assert not window.board.drag.overlay.isVisible()
    assert window.sheet is not None and window.sheet.objectName() == "card-actions"
    assert (
        lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.IDEAS)
        == seed.lanes[Lane.IDEAS]
    )


def test_a_cancelled_touch_puts_the_card_back_and_its_release_does_nothing(
    window, qtbot, ui_db, ui_url, seed
) -> None:
    view = window.board.lanes[Lane.PRIORITISED]
    card_id = seed.lanes[Lane.PRIORITISED][0]
    window.board.select(card_id)  # a hold selects the card: the picture to come back to
    before = view.grab().toImage()
    start = card_point(view, card_id)
    finger = Finger(view)
    finger.press(start)
    hold(qtbot, view)
    end = drop_point(view, 2, card_id)
    for point in path(start, end, steps=4):
        finger.move(point)
    assert view.press_state is PressState.DRAGGING and view.drop_index == 2
    # The system takes the touch away (a gesture of the window manager, a palm).
    QApplication.sendEvent(view, QTouchEvent(QEvent.Type.TouchCancel, finger.device))
    assert view.press_state is PressState.IDLE
    assert not window.board.drag.active
    assert not window.board.drag.overlay.isVisible()
    assert view.drop_index is None
    finger.release(end)  # the finger that was cancelled lifts: nothing happens
    assert window.sheet is None and _page(window) is None
    assert view.grab().toImage() == before  # the card is back, no slot, no indicator
    assert (
        lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.PRIORITISED)
        == (seed.lanes[Lane.PRIORITISED])
    )
    assert not window.ops.undo_stack.canUndo()


def test_a_press_in_another_lane_cancels_a_drag_still_going(window, qtbot, ui_db, ui_url, seed):
    ideas, goals = window.board.lanes[Lane.IDEAS], window.board.lanes[Lane.GOALS]
    card_id = seed.lanes[Lane.IDEAS][0]
    start = card_point(ideas, card_id)
    QTest.mousePress(ideas, LEFT, NONE, start)
    QTest.mouseMove(ideas, start + QPoint(0, 40))
    assert window.board.drag.active
    second_hand = Finger(goals)
    second_hand.press(_empty_point(goals))  # a second hand on the wall
    assert not window.board.drag.active and not window.board.drag.overlay.isVisible()
    QTest.mouseMove(ideas, start + QPoint(0, 80))
    QTest.mouseRelease(ideas, LEFT, NONE, drop_point(ideas, 2, card_id))
    second_hand.release(_empty_point(goals))
    assert ideas.card_ids() == seed.lanes[Lane.IDEAS]
    assert (
        lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.IDEAS)
        == seed.lanes[Lane.IDEAS]
    )
    assert not window.ops.undo_stack.canUndo()


def test_keys_show_the_focus_ring_across_lanes_and_a_press_hides_it(window, seed) -> None:
    ideas = window.board.lanes[Lane.IDEAS]
    activities = window.board.lanes[Lane.ACTIVITIES]
    QTest.mouseClick(ideas, LEFT, NONE, _empty_point(ideas))
    assert ideas.hasFocus() and not _ring(window, ideas)  # a pointer: no ring
    QTest.keyClick(ideas, Qt.Key.Key_Down)
    assert window.board.selection == seed.lanes[Lane.IDEAS][0]
    assert _ring(window, ideas)
    QTest.keyClick(ideas, Qt.Key.Key_Right)  # on to Aktiviteter: the ring goes along
    assert activities.hasFocus() and window.board.selection == seed.lanes[Lane.ACTIVITIES][0]
    assert _ring(window, activities) and not _ring(window, ideas)
    QTest.mouseClick(activities, LEFT, NONE, _empty_point(activities))
    assert activities.hasFocus() and not _ring(window, activities)
    assert window.board.selection is None  # the press on nothing cleared it
    ideas.setFocus(Qt.FocusReason.OtherFocusReason)  # e.g. back from a closed sheet
    assert not _ring(window, ideas)  # the pointer is in use now
