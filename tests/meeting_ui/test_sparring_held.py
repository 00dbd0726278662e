"""Issue 10 end to end: a Teamsparring held by touch on the wall, from the format chooser to the
minutes. Roles by tapping, each step on its own timer, the round of turns, notes, a decision
(an activity with owner and deadline on the board at once) and a learning point; then the end:
what the database holds, what the board shows and what the minutes PDF says."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from board.domain.lanes import Lane
from board.services import boards, learning_points, meetings

from .helpers import FakeClock, tap, wait_for
from .test_formats_at_the_board import shown, team
from .test_meeting import pdf_text
from .test_step_outputs import fresh, go_to, notes_field, sheet, start


def type_into(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    QTest.keyClicks(widget, text)


def test_a_teamsparring_held_by_touch_lands_on_the_board_and_in_the_minutes(
    wall, qtbot, demo_db, board_id, clock: FakeClock, minutes_dir: Path
) -> None:
    people = team(demo_db, board_id)
    here = ["Gitte Holm", "Hanne Krogh", "Mette Lund"]
    c = start(wall, "sparring")
    meeting_id = c.ops.meeting.id
    panel = c.panel
    for name in here:
        tap(panel, f"present-{people[name]}")
    tap(panel, "choose-role-case_worker")
    tap(wall.sheet, f"choice-{people['Mette Lund']}")
    tap(panel, "choose-role-team_leader")
    tap(wall.sheet, f"choice-{people['Hanne Krogh']}")

    # 1. The case worker's question, at most 5 minutes, Mette has the floor; notes typed.
    go_to(c, "question")
    assert shown(panel, "meeting-step-timebox") == "maks. 5 min"
    assert shown(panel, "meeting-speaks") == "Mette Lund har ordet"
    assert panel.step_time.text() == "5:00 af 5 min"
    type_into(notes_field(c), "Sag A: hvordan støtter vi mor i at holde aftalerne?")
    clock.advance(4 * 60)
    c.clock.tick.emit()
    assert panel.step_time.text() == "1:00 af 5 min"

    # 2.–4. On through the reflective questions to the case worker's next actions: a decision.
    go_to(c, "inspiration")
    tap(panel, "step-new-decision")
    decision = sheet(wall, "decision-sheet")
    type_into(decision.findChild(QPlainTextEdit, "decision-what"), "Fast ugentligt opkald til mor")
    tap(decision, f"person-{people['Mette Lund']}")
    tap(decision, "deadline-14")
    tap(decision, "decision-save")
    deadline = date.today() + timedelta(days=14)
    activity = next(
        card
        for card in wall.store.lane_cards(Lane.ACTIVITIES)
        if card.title == "Fast ugentligt opkald til mor"
    )
    assert (activity.owner_id, activity.deadline) == (people["Mette Lund"], deadline)
    assert activity.id in wall.board.lanes[Lane.ACTIVITIES].card_ids()  # on the board at once

    # 5. The round of general learning points: the word passes, each with a timer of their own.
    go_to(c, "round")
    assert shown(panel, "meeting-speaker") == "Gitte Holm"
    tap(panel, "step-new-point")
    point = sheet(wall, "point-sheet")
    type_into(point.findChild(QPlainTextEdit, "meeting-point-text"), "Aftal næste skridt med mor")
    type_into(point.findChild(QLineEdit, "meeting-point-case"), "Sag A")
    tap(point, "meeting-point-save")
    tap(panel, "meeting-next")
    assert shown(panel, "meeting-speaker") == "Hanne Krogh"
    tap(panel, "meeting-next")
    assert shown(panel, "meeting-speaker") == "Mette Lund"

    # The end, from Afslut.
    go_to(c, "close", outputs=False)
    clock.advance(30 * 60)
    tap(panel, "meeting-end")
    wait_for(qtbot, lambda: c.state.files is not None)

    with fresh(demo_db) as db:
        held = meetings.get_meeting(db, meeting_id)
        assert held.ended_at is not None and held.has_snapshot
        assert held.kind.value == "sparring"
        assert held.step("question").notes.startswith("Sag A: hvordan støtter vi mor")
        assert held.role("case_worker").person_id == people["Mette Lund"]
        assert held.role("team_leader").person_id == people["Hanne Krogh"]
        agreement = next(a for a in held.agreements if a.what == "Fast ugentligt opkald til mor")
        assert (agreement.card_id, agreement.step_key) == (activity.id, "inspiration")
        card = next(x for x in boards.load_board(db, board_id).cards if x.id == activity.id)
        assert (card.lane, card.owner_id, card.deadline) == (
            Lane.ACTIVITIES,
            people["Mette Lund"],
            deadline,
        )
        points = learning_points.search_learning_points(db, board_id, "Aftal næste skridt")
        assert [(p.case_label, p.meeting_id) for p in points] == [("Sag A", meeting_id)]

    text = pdf_text(c.state.files.pdf)
    for said in (
        "Teamsparring",
        "Sagsbehandler",
        "Mette Lund",
        "Sag A: hvordan støtter vi mor i at holde aftalerne?",
        "Fast ugentligt opkald til mor",
        "Aftal næste skridt med mor",
    ):
        assert said in text, said
