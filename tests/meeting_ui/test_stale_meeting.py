"""A meeting action on a meeting changed on another screen: the wall reads the meeting again
and says why, as the board does for a card changed elsewhere (one ``attempt`` for both)."""

from __future__ import annotations

from board.services import meetings

from .helpers import screenshot, tap


def test_removing_an_agreement_gone_elsewhere_reloads_the_meeting_and_says_so(
    wall, qtbot, demo_db, board_id
) -> None:
    c = wall.meetings
    assert wall.live is not None
    wall.live.stop()  # the wall has not yet heard of the laptop's changes below (issue 12)
    tap(wall.top, "meeting")
    tap(c.panel, "meeting-start")
    tap(c.panel, "meeting-next")
    tap(c.panel, "new-agreement")
    wall.sheet.what.setPlainText("Mette samler data")
    tap(wall.sheet, "agreement-save")
    [agreement] = c.ops.meeting.agreements
    c.go_to_step(3)  # Afslut: the agreements, each with its ×

    # The laptop in the team room takes it back and writes another one meanwhile.
    meetings.add_agreement(demo_db, c.ops.meeting.id, "Gitte ringer til jordemoderen")
    meetings.remove_agreement(demo_db, agreement.id)
    tap(c.panel, f"remove-agreement-{agreement.id}")

    assert "findes ikke længere" in wall.message.text  # calm, in Danish, no traceback
    assert [a.what for a in c.ops.meeting.agreements] == ["Gitte ringer til jordemoderen"]
    qtbot.wait(10)
    shown = [w.text() for w in c.panel.findChildren(type(c.panel.step_title)) if not w.isHidden()]
    assert "Aftaler på mødet (1)" in shown
    assert "Gitte ringer til jordemoderen" in shown and "Mette samler data" not in shown
    screenshot(wall, "meeting-stale-agreement")
