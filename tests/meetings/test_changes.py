"""The minutes' "what changed since the last meeting": every kind of change, exactly, and
what must not be listed (what was archived before anyone saw it, a closed cycle's last step)."""

from __future__ import annotations

from board.domain.lanes import Lane
from board.domain.minutes import Change, ChangeKind
from board.persistence.database import Database
from board.services import boards, cards, cycles, goals, log, meetings


def _meeting(db: Database, board_id: int) -> int:
    meeting = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, meeting.id)
    return meeting.id


def test_the_minutes_list_every_change_since_the_last_meeting_and_nothing_else(
    db: Database,
) -> None:
    board = boards.create_board(db, "Teamet")
    moved = cards.add_card(db, board.id, "Flyttes", Lane.IDEAS)
    advanced = cards.add_card(db, board.id, "Skridt frem", Lane.ACTIVITIES)
    archived = cards.add_card(db, board.id, "Arkiveres", Lane.PRIORITISED)
    restored = cards.add_card(db, board.id, "Hentes frem", Lane.IDEAS)
    restored = cards.set_archived(db, restored.id, None, True)
    gone = cards.add_card(db, board.id, "Flyttes og arkiveres", Lane.IDEAS)
    decided = cards.add_card(db, board.id, "Besluttes", Lane.ACTIVITIES)
    still = cards.add_card(db, board.id, "Uændret", Lane.LOG)
    plan = cycles.start_cycle(db, advanced.id)
    ongoing = cycles.start_cycle(db, decided.id)
    ongoing = cycles.edit_cycle(db, ongoing.id, None, step="study")
    goals.add_goal(db, board.id, "Gammelt mål")
    log.add_log_entry(db, board.id, "Gammel afprøvning", "adopt", logged_on="1.3.2026")
    _meeting(db, board.id)

    cards.move_card(db, moved.id, None, Lane.PRIORITISED, None)
    cycles.edit_cycle(db, plan.id, None, step="do")
    cards.set_archived(db, archived.id, None, True)
    cards.set_archived(db, restored.id, None, False)
    cards.move_card(db, gone.id, None, Lane.PRIORITISED, None)
    cards.set_archived(db, gone.id, None, True)
    closed = cycles.decide(db, ongoing.id, None, "adapt", "Mere tid")
    cycles.start_cycle(db, decided.id)
    new = cards.add_card(db, board.id, "Ny idé", Lane.IDEAS)
    hidden = cards.add_card(db, board.id, "Fortrudt idé", Lane.IDEAS)
    cards.set_archived(db, hidden.id, None, True)
    log.add_log_entry(db, board.id, "Ny afprøvning", None, logged_on="2.3.2026")
    withdrawn = log.add_log_entry(db, board.id, "Trukket tilbage", "abandon")
    log.edit_log_entry(db, withdrawn.id, None, archived=True)
    goals.add_goal(db, board.id, "Nyt mål")
    dropped = goals.add_goal(db, board.id, "Droppet mål")
    goals.edit_goal(db, dropped.id, None, archived=True)
    second = _meeting(db, board.id)

    assert meetings.meeting_minutes(db, second).changes == (
        Change(ChangeKind.MOVED, "Flyttes", moved.number, lane_from="ideas", lane_to="prioritised"),
        Change(
            ChangeKind.CYCLE_ADVANCED,
            "Skridt frem",
            advanced.number,
            cycle=1,
            step_from="plan",
            step_to="do",
        ),
        Change(ChangeKind.ARCHIVED, "Arkiveres", archived.number, lane_from="prioritised"),
        Change(ChangeKind.RESTORED, "Hentes frem", restored.number, lane_to="ideas"),
        Change(ChangeKind.ARCHIVED, "Flyttes og arkiveres", gone.number, lane_from="ideas"),
        Change(ChangeKind.DECISION, "Besluttes", decided.number, cycle=1, decision="adapt"),
        Change(ChangeKind.CYCLE_STARTED, "Besluttes", decided.number, cycle=2),
        Change(ChangeKind.NEW_CARD, "Ny idé", new.number, lane_to="ideas"),
        Change(ChangeKind.LOG_ENTRY, closed.log_entry.what_tested, decision="adapt"),
        Change(ChangeKind.LOG_ENTRY, "Ny afprøvning"),
        Change(ChangeKind.NEW_GOAL, "Nyt mål"),
    )
    assert all(c.number != still.number for c in meetings.meeting_minutes(db, second).changes)


def test_the_first_meeting_counts_changes_from_its_own_start(db: Database) -> None:
    """With no earlier meeting, what the meeting changed is counted from the board as it stood
    at its start, and what the board's dates show for the days before it is listed too."""
    board = boards.create_board(db, "Teamet")
    before = cards.add_card(db, board.id, "Før mødet", Lane.IDEAS)
    meeting = meetings.start_meeting(db, board.id)
    card = cards.add_card(db, board.id, "Under mødet", Lane.ACTIVITIES)
    meetings.end_meeting(db, meeting.id)
    minutes = meetings.meeting_minutes(db, meeting.id)
    assert set(minutes.changes) == {
        Change(ChangeKind.NEW_CARD, "Under mødet", card.number, lane_to="activities"),
        Change(ChangeKind.ADDED, "Før mødet", before.number, lane_to="ideas"),
    }
    assert len(minutes.changes) == 2  # "Under mødet" once, though its date is recent too
    assert minutes.first_meeting
