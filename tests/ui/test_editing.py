"""Adding ideas and goals, editing titles in place, archiving and restoring; all undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from board.domain.lanes import Lane

from .helpers import button, card_point, click, lane_ids, screenshot, state


def test_plus_adds_ideas_typed_straight_away(window, qtbot, ui_db, ui_url, seed) -> None:
    ideas = window.board.lanes[Lane.IDEAS]
    click(ideas.add_button)
    assert ideas.editor.isVisible() and ideas.editor.hasFocus()
    screenshot(window, "new-idea-typed")
    QTest.keyClicks(ideas.editor, "Babycafe om fredagen")  # QTest types ASCII only
    QTest.keyClick(ideas.editor, Qt.Key.Key_Return)
    ideas.editor.insert("Sms før hjemmebesøg")  # the field stays open for the next idea
    QTest.keyClick(ideas.editor, Qt.Key.Key_Return)
    QTest.keyClick(ideas.editor, Qt.Key.Key_Escape)
    assert not ideas.editor.isVisible()
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    titles = [c.title for c in st.lane(Lane.IDEAS)]
    assert titles[:2] == ["Sms før hjemmebesøg", "Babycafe om fredagen"]
    assert [window.board.store.card(i).title for i in ideas.card_ids()[:2]] == titles[:2]

    click(window.top.undo_button)
    assert state(ui_db, seed.board_id).lane(Lane.IDEAS)[0].title == "Babycafe om fredagen"
    click(window.top.undo_button)
    assert lane_ids(state(ui_db, seed.board_id), Lane.IDEAS) == seed.lanes[Lane.IDEAS]
    assert ideas.card_ids() == seed.lanes[Lane.IDEAS]
    click(window.top.redo_button)
    st = state(ui_db, seed.board_id)
    assert st.lane(Lane.IDEAS)[0].title == "Babycafe om fredagen"
    assert ideas.card_ids() == lane_ids(st, Lane.IDEAS)


def test_an_empty_title_is_refused_calmly(window, ui_db, seed) -> None:
    ideas = window.board.lanes[Lane.IDEAS]
    card_id = seed.lanes[Lane.IDEAS][0]
    ideas.setFocus()
    window.board.select(card_id)
    QTest.keyClick(ideas, Qt.Key.Key_F2)
    assert ideas.editor.isVisible() and ideas.editor.text() == "Gravidliste på tavlen"
    ideas.editor.setText("x" * 400)
    QTest.keyClick(ideas.editor, Qt.Key.Key_Return)
    assert "for lang" in window.message.text
    assert ideas.editor.isVisible()  # still editing: nothing is lost
    assert window.board.store.card(card_id).title == "Gravidliste på tavlen"


def test_a_title_is_edited_in_place(window, qtbot, ui_db, seed) -> None:
    view = window.board.lanes[Lane.ACTIVITIES]
    card_id = seed.lanes[Lane.ACTIVITIES][2]
    QTest.mouseClick(view, Qt.MouseButton.RightButton, pos=card_point(view, card_id))
    click(button(window.sheet, "action-rename"))
    assert view.editor.isVisible()
    assert view.editor.geometry().intersects(view.card_rect(card_id))
    view.editor.selectAll()
    view.editor.insert("Dukke som træningsredskab")
    QTest.keyClick(view.editor, Qt.Key.Key_Return)
    assert not view.editor.isVisible()
    card = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert card.title == "Dukke som træningsredskab"
    click(window.top.undo_button)
    card = next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id)
    assert card.title == "Dukke til træning"
    assert window.board.store.card(card_id).title == "Dukke til træning"


def test_archive_and_bring_back(window, qtbot, ui_db, ui_url, seed) -> None:
    view = window.board.lanes[Lane.PRIORITISED]
    card_id = seed.lanes[Lane.PRIORITISED][1]
    QTest.mouseClick(view, Qt.MouseButton.RightButton, pos=card_point(view, card_id))
    click(button(window.sheet, "action-archive"))
    assert card_id not in view.card_ids()
    assert next(c for c in state(ui_db, seed.board_id).cards if c.id == card_id).archived

    click(window.top.archive_button)
    sheet = window.sheet
    assert sheet.objectName() == "archive-sheet"
    screenshot(window, "archive")
    click(button(sheet, f"restore-{card_id}"))
    assert not next(
        c for c in state(ui_db, seed.board_id, fresh_url=ui_url).cards if c.id == card_id
    ).archived
    assert view.card_ids()[-1] == card_id  # a restored card returns to the end of its lane
    click(button(sheet, "archive-done"))

    click(window.top.undo_button)  # undo the restore: archived again
    assert card_id not in view.card_ids()
    click(window.top.undo_button)  # undo the archive: back in its old place
    assert view.card_ids() == seed.lanes[Lane.PRIORITISED]
    assert lane_ids(state(ui_db, seed.board_id), Lane.PRIORITISED) == seed.lanes[Lane.PRIORITISED]


def test_goals_are_added_and_edited_in_maal(window, qtbot, ui_db, seed) -> None:
    goals = window.board.lanes[Lane.GOALS]
    click(goals.add_button)
    goals.editor.insert("Færre akutte anbringelser efter fødslen")
    QTest.keyClick(goals.editor, Qt.Key.Key_Return)
    assert not goals.editor.isVisible()
    st = state(ui_db, seed.board_id)
    new = next(g for g in st.goals if g.aim == "Færre akutte anbringelser efter fødslen")
    assert [i.id for i in goals.items if i.kind.name == "GOAL"] == [seed.goal_id, new.id]

    goals.start_goal_edit(new.id)  # "Ret målet" after a long press
    goals.editor.setText("Færre akutte anbringelser")
    QTest.keyClick(goals.editor, Qt.Key.Key_Return)
    assert next(g for g in state(ui_db, seed.board_id).goals if g.id == new.id).aim == (
        "Færre akutte anbringelser"
    )
    click(window.top.undo_button)
    click(window.top.undo_button)
    st = state(ui_db, seed.board_id)
    assert next(g for g in st.goals if g.id == new.id).archived
    assert [i.id for i in goals.items if i.kind.name == "GOAL"] == [seed.goal_id]
    click(window.top.redo_button)
    assert [i.id for i in goals.items if i.kind.name == "GOAL"] == [seed.goal_id, new.id]


def test_a_tap_on_a_goal_opens_it_and_a_long_press_archives_it(window, qtbot, ui_db, seed):
    from board.ui.template.base_page import current_page

    from .helpers import Finger, hold

    goals = window.board.lanes[Lane.GOALS]
    item = goals.item(seed.goal_id, kind=goals.items[0].kind)
    point = goals.item_rect(item).center().toPoint()
    finger = Finger(goals)
    finger.press(point)
    finger.release(point)
    page = current_page(window)  # the goal's own template
    assert page is not None and page.goal_id == seed.goal_id
    QTest.keyClick(page, Qt.Key.Key_Escape)
    assert current_page(window) is None
    qtbot.wait(QApplication.doubleClickInterval())  # the next press is not a double click
    finger.press(point)
    qtbot.waitUntil(lambda: window.sheet is not None)
    finger.release(point)
    click(button(window.sheet, "action-archive-goal"))
    assert next(g for g in state(ui_db, seed.board_id).goals if g.id == seed.goal_id).archived
    del hold
