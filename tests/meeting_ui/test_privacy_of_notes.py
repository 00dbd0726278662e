"""The CPR check at the end of a meeting reads what the meeting noted, not only the board:
a step's notes and a learning point noted at it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from board.services import learning_points, meeting_steps

from .helpers import FakeClock, tap, wait_for


def test_a_cpr_number_in_a_steps_notes_or_a_learning_point_stops_the_end(
    wall, qtbot, demo_db, board_id, clock: FakeClock
) -> None:
    c = wall.meetings
    tap(wall.top, "meeting")
    tap(c.panel, "meeting-start")
    meeting_id = c.ops.meeting_id
    # As the notes field and the Læringspunkt button write them (another screen's note-taker)
    meeting_steps.set_step_notes(demo_db, meeting_id, "ideas", "Mor ringede (010203-1234)")
    learning_points.add_learning_point(
        demo_db, board_id, "Spørg til 020304-4321 igen", meeting_id=meeting_id
    )
    wait_for(qtbot, lambda: c.ops.meeting.step("ideas") is not None)  # heard live (issue 12)
    c.go_to_step(3)
    clock.advance(12 * 60)
    tap(c.panel, "meeting-end")
    wait_for(qtbot, lambda: c.state.files is not None or c.state.privacy_hits)

    assert c.state.phase == "running" and c.state.files is None
    hits = [
        label.text()
        for n in range(4)
        if (label := c.panel.findChild(QLabel, f"privacy-hit-{n}")) is not None
    ]
    assert hits == [
        "Noterne til trin 3 (Følg op på nye idéer):  010203\u2011****",
        "Læringspunkt nr. 1:  020304\u2011****",
    ]
