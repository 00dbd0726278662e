"""The demo's test "Forberedende møde med sagsbehandler" (Cirkel 1 · Justér) dragged to Log.

Found in review: the answer to the drop (Vedtag + a learning) wrote a log entry not linked to
the cycle and left the cycle open at Justér, so the template, the goal's catalogue, the PDF
and the minutes still showed it open, and closing it there wrote a second "Vedtag". Now the
drop's answer closes the cycle with the one log entry, and one Ctrl+Z takes it all back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui.helpers import button, card_point, click, drop_point, mouse_drag, screenshot, state
from ui.helpers import to_source as to_lane

from board.domain.entities import CycleStep, Decision
from board.domain.lanes import Lane
from board.services import cards, cycles, demo
from board.ui.template.base_page import current_page

from .helpers import child, open_by_tap, tap, type_text

LEARNING = "Guiden virker; der mangler punkter om forventningsafstemning."


def test_a_drop_into_log_decides_the_open_cycle_once(laptop, qtbot, ui_db, ui_url, demo_board):
    window = laptop
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    (cycle,) = cycles.list_cycles(ui_db, card.id)
    assert cycle.step is CycleStep.ACT
    before = state(ui_db, demo_board, fresh_url=ui_url)
    activities, log_lane = window.board.lanes[Lane.ACTIVITIES], window.board.lanes[Lane.LOG]
    from_index = activities.card_ids().index(card.id)

    activities.ensure_visible(card.id)
    start = card_point(activities, card.id)
    mouse_drag(activities, start, to_lane(activities, log_lane, drop_point(log_lane, 0, card.id)))

    sheet = window.sheet
    assert sheet is not None and sheet.objectName() == "log-prompt"
    click(button(sheet, "decision-adopt"))
    learning = sheet.findChild(QPlainTextEdit, "learning")
    learning.setFocus()
    QApplication.processEvents()
    type_text(LEARNING)
    click(button(sheet, "prompt-save"))
    assert window.sheet is None

    # On disk, read through a new connection: one entry, linked, the cycle closed with it.
    after = state(ui_db, demo_board, fresh_url=ui_url)
    mine = [e for e in after.log if e.card_id == card.id]
    assert len(mine) == 1 and len(after.log) == len(before.log) + 1
    (entry,) = mine
    assert (entry.cycle_id, entry.decision, entry.learning) == (cycle.id, Decision.ADOPT, LEARNING)
    closed = after.current_cycles[card.id]
    assert closed.step is CycleStep.CLOSED and closed.act_decision is Decision.ADOPT
    assert after.lane(Lane.LOG)[0].id == card.id

    # On screen: the Log card carries the learning typed at the drop.
    assert log_lane.card_ids()[0] == card.id
    assert window.store.newest_entry(card.id) == entry
    screenshot(window, "decision-once-log-card")

    # The template says the cycle is closed with Vedtag and offers no second decision.
    page = open_by_tap(window, card.id)
    assert "Afsluttet" in child(page, "cycle-meta").text()
    decided = child(page, "decided")
    assert decided.isVisible() and "Vedtag" in decided.text()
    assert not child(page, "decide").isVisible()
    screenshot(window, "decision-once-template")

    # One Ctrl+Z: the card back in Aktiviteter, the cycle open at Justér, the entry gone.
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = state(ui_db, demo_board, fresh_url=ui_url)
    assert undone.log == before.log
    assert [c.id for c in undone.lane(Lane.ACTIVITIES)] == [
        c.id for c in before.lane(Lane.ACTIVITIES)
    ]
    reopened = undone.current_cycles[card.id]
    assert reopened.step is CycleStep.ACT and reopened.act_decision is None
    assert reopened.closed_on is None
    assert "Justér" in child(page, "cycle-meta").text()
    assert child(page, "decide").isVisible() and not child(page, "decided").isVisible()
    assert activities.card_ids().index(card.id) == from_index
    assert window.store.newest_entry(card.id) is None


def test_a_test_decided_in_justér_is_not_asked_again_when_dragged_to_log(
    laptop, qtbot, ui_db, ui_url, demo_board
):
    """Decided in the template first, then dragged to Log on the board: no second question,
    no second entry (the board's drag used to ask again and log the test twice)."""
    window = laptop
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(window, card.id)
    tap(child(page, "step-act"))
    tap(child(page, "decision-adapt"))
    tap(child(page, "decide"))
    assert child(page, "decided").isVisible()
    tap(child(page, "template-back"))
    qtbot.waitUntil(lambda: window.sheet is None and current_page(window) is None)

    activities, log_lane = window.board.lanes[Lane.ACTIVITIES], window.board.lanes[Lane.LOG]
    activities.ensure_visible(card.id)
    start = card_point(activities, card.id)
    mouse_drag(activities, start, to_lane(activities, log_lane, drop_point(log_lane, 0, card.id)))
    assert log_lane.card_ids()[0] == card.id
    assert window.sheet is None  # nothing more to ask: the decision is recorded

    stored = state(ui_db, demo_board, fresh_url=ui_url)
    mine = [e for e in stored.log if e.card_id == card.id]
    assert len(mine) == 1 and mine[0].decision is Decision.ADAPT
    assert mine[0].cycle_id == stored.current_cycles[card.id].id
