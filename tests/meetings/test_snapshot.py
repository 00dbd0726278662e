"""A frozen board document reads back as the same board the window shows."""

from __future__ import annotations

import json
from itertools import pairwise

from board.domain.lanes import Lane
from board.domain.snapshot import state_from_document
from board.persistence.database import Database
from board.services import boards, cards, demo, transfer


def test_snapshot_state_matches_the_live_board(db: Database) -> None:
    demo.create_demo(db, extra_cards=30)
    board = boards.first_board(db)
    assert board is not None
    card = boards.load_board(db, board.id).lane(Lane.IDEAS)[0]
    cards.set_archived(db, card.id, card.version, True)
    live = boards.load_board(db, board.id)
    frozen = state_from_document(transfer.export_board(db, board.id))

    assert frozen.board.name == live.board.name
    for lane in Lane:
        assert [(c.number, c.title, c.deadline) for c in frozen.lane(lane)] == [
            (c.number, c.title, c.deadline) for c in live.lane(lane)
        ]
    number = {c.id: c.number for c in live.cards}
    frozen_number = {c.id: c.number for c in frozen.cards}

    def steps(state, numbers):  # type: ignore[no-untyped-def]
        return {numbers[k]: (v.number, v.step) for k, v in state.current_cycles.items()}

    assert steps(frozen, frozen_number) == steps(live, number)
    assert [e.what_tested for e in frozen.log] == [e.what_tested for e in live.log]
    assert [g.aim for g in frozen.goals] == [g.aim for g in live.goals]
    owner = {p.id: p.initials for p in live.people}
    frozen_owner = {p.id: p.initials for p in frozen.people}
    assert [frozen_owner.get(c.owner_id) for c in frozen.lane(Lane.ACTIVITIES)] == [
        owner.get(c.owner_id) for c in live.lane(Lane.ACTIVITIES)
    ]


def test_each_meeting_adds_about_one_board_to_the_export_not_a_multiple(db: Database) -> None:
    """A snapshot holds the board, not the earlier meetings (whose snapshots held theirs)."""
    from board.services import meetings

    demo.create_demo(db)
    board = boards.first_board(db)
    assert board is not None
    sizes = []
    for _ in range(5):
        meeting = meetings.start_meeting(db, board.id)
        meetings.end_meeting(db, meeting.id)
        sizes.append(len(json.dumps(transfer.export_board(db, board.id))))
    growth = [after - before for before, after in pairwise(sizes)]
    assert max(growth) <= 1.1 * min(growth), sizes  # linear: the same step each meeting
    assert sizes[-1] < 6 * sizes[0], sizes
    # The minutes of every meeting still read the board as it stood and its changes.
    for meeting in meetings.list_meetings(db, board.id):
        assert meetings.meeting_minutes(db, meeting.id).board_name == board.name
