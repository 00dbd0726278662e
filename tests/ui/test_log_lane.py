"""The Log lane is a logbook: newest first, one look for every entry.

At the stand-up the team talks about what was tried last; older entries scroll away below.
Cards in the Log and entries without a card (a closed learning cycle) are one list by the
date they were logged, drawn alike; a drag within the Log cannot break that order.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor

from board.domain.lanes import Lane
from board.services import cards, log
from board.ui.board.lane_view import Kind
from board.ui.common.theme import LANE_ACCENT

from .helpers import card_point, lane_ids, mouse_drag, screenshot, state


def _dated_log(ui_db, seed) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Log entries of several dates: on the seed's Log cards and without a card."""
    today = date.today()
    board_id = seed.board_id
    slynge, massage = seed.lanes[Lane.LOG][1], seed.lanes[Lane.LOG][2]
    log.add_log_entry(
        ui_db, board_id, "Slyngevejledning", "adopt", "Tryghed.", card_id=slynge,
        logged_on=today - timedelta(days=40),
    )  # fmt: skip
    log.add_log_entry(
        ui_db, board_id, "Babymassage", "adapt", "Kortere forløb.", card_id=massage,
        logged_on=today - timedelta(days=3),
    )  # fmt: skip
    loose_old = log.add_log_entry(
        ui_db, board_id, "Telefonopfølgning", "abandon", "For lidt tid.",
        logged_on=today - timedelta(days=20),
    )  # fmt: skip
    loose_new = log.add_log_entry(
        ui_db, board_id, "Netværkskort", "adopt", "Virker.", logged_on=today - timedelta(days=1)
    )
    return {"old": loose_old.id, "new": loose_new.id}


def test_the_log_is_newest_first_in_one_look(window, ui_db, seed) -> None:
    loose = _dated_log(ui_db, seed)
    window.ops.reload()
    view = window.board.lanes[Lane.LOG]
    bog, slynge, massage = seed.lanes[Lane.LOG]
    # Barnets bog: today; Netværkskort: 1 day; Babymassage: 3; Telefonopfølgning: 20;
    # Slyngevejledning: 40 days ago.
    shown = [(i.kind, i.id) for i in view.items]
    assert shown == [
        (Kind.CARD, bog),
        (Kind.ENTRY, loose["new"]),
        (Kind.CARD, massage),
        (Kind.ENTRY, loose["old"]),
        (Kind.CARD, slynge),
    ]
    screenshot(window, "log-newest-first")
    # One look: every item a white card with the Log's stripe, cards and entries alike.
    view.resize(view.width(), 2000)  # every item in view
    image = view.grab().toImage()
    stripe = LANE_ACCENT[Lane.LOG]
    for item in view.items:
        rect = view.item_rect(item)
        left = image.pixelColor(round(rect.left() + view.theme.px(3)), round(rect.center().y()))
        inside = image.pixelColor(round(rect.right() - view.theme.px(6)), round(rect.top() + 4))
        assert left == stripe, (item.kind, left.name())
        assert inside == QColor("#FFFFFF"), (item.kind, inside.name())


def test_a_card_logged_now_goes_on_top_and_the_log_cannot_be_reordered(
    window, ui_db, ui_url, seed
) -> None:
    _dated_log(ui_db, seed)
    window.ops.reload()
    view = window.board.lanes[Lane.LOG]
    before = view.card_ids()
    # Within the Log: the drop changes nothing, on screen or on disk.
    slynge = seed.lanes[Lane.LOG][1]
    start = card_point(view, slynge)
    mouse_drag(view, start, card_point(view, before[0]))
    assert view.card_ids() == before
    assert not window.ops.undo_stack.canUndo()
    # "Flyt til Log" of an activity: the newest entry, on top, on disk too.
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    assert window.board.move_card(card_id, Lane.LOG, None)
    assert view.card_ids()[0] == card_id
    assert lane_ids(state(ui_db, seed.board_id, fresh_url=ui_url), Lane.LOG)[0] == card_id
    assert cards.find_card(ui_db, seed.board_id, "Forberedende møde").lane is Lane.LOG


def test_the_learning_cycle_chips_read_plan_do_study_act(qtbot) -> None:
    """The meeting shows the cycle as four chips in two rows: read left to right, top to
    bottom, they say Planlæg, Afprøv, Reflektér, Justér."""
    from board.domain.entities import Cycle, CycleStep, ScaleStep
    from board.ui.common.qt_app import ensure_app
    from board.ui.common.theme import Theme
    from board.ui.meeting.meeting_widgets import CycleView

    ensure_app()
    cycle = Cycle(id=1, card_id=1, number=1, step=CycleStep.STUDY, scale_step=ScaleStep.ONE)
    view = CycleView(Theme.for_wall(1080), cycle)
    qtbot.addWidget(view)
    view.resize(view.sizeHint())
    view.show()
    cells = view.cells()
    reading = sorted(cells, key=lambda step: (round(cells[step].top()), cells[step].left()))
    assert reading == [CycleStep.PLAN, CycleStep.DO, CycleStep.STUDY, CycleStep.ACT]
    assert len({round(r.top()) for r in cells.values()}) == 2  # two rows of two
    screenshot(view, "meeting-cycle-chips")
