"""The CPR warning at a meeting's end leads to »Find persondata« (issue 13): every place the
number stands on the board is listed, the earlier meetings' frozen minutes included."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from board.services import boards, cards

from .helpers import FakeClock, screenshot, tap
from .test_sending import hold_meeting


def test_the_cpr_warning_opens_find_with_every_cpr_number(  # type: ignore[no-untyped-def]
    wall, qtbot, demo_db, board_id, clock: FakeClock
) -> None:
    card = boards.load_board(demo_db, board_id).cards[0]
    cards.edit_card(
        demo_db, card.id, card.version, description="Ring til mor (cpr 010203\u20131234)"
    )
    wall.ops.reload()
    c = wall.meetings
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm"], clock)
    assert c.state.privacy_hits  # stopped at the end: the warning shows

    tap(c.panel, "privacy-find-open")
    sheet = wall.sheet
    assert sheet is not None and sheet.objectName() == "privacy-find-sheet"
    assert sheet.isVisible()
    # Only the card holds it: the demo's earlier minutes were frozen before it was typed.
    assert [(h.where, h.field) for h in sheet.hits()] == [
        (f"Kort nr. {card.number}", "Beskrivelse")
    ]
    label = sheet.findChild(QLabel, "privacy-where-0")
    assert label is not None and label.isVisible()
    assert all(h.found == "010203\u20131234" for h in sheet.hits())
    screenshot(wall, "meeting-wall-cpr-find")
