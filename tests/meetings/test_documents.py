"""A board document with only the fields it must have (an older or hand-made file, a snapshot
of a board with empty fields) reads back whole: every optional field empty, never a crash."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from board.domain.entities import (
    Board,
    BoardState,
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Goal,
    LogEntry,
    Person,
    ScaleStep,
    SuccessCriterion,
)
from board.domain.lanes import Lane
from board.domain.minutes import Minutes, MinutesAgreement, MinutesCard, build_minutes, minutes_day
from board.domain.snapshot import state_from_document

YESTERDAY = date.today() - timedelta(days=1)


def _minimal(undated: bool = True) -> dict[str, Any]:
    """``undated``: with a log entry without a date (the snapshot reader gives it 1.1.2000)."""
    document = {
        "board": {"name": "Tavle"},
        "people": [{"ref": 1, "name": "Gitte", "initials": "GH", "archived": False}],
        "goals": [
            {
                "ref": 1,
                "position": "i",
                "aim": "Mål",
                "archived": False,
                "criteria": [
                    {"kind": "sign", "text": "Tegn"},
                    {"kind": "indicator", "text": "Tal"},
                ],
            },
        ],
        "cards": [
            {
                "ref": 2,
                "number": 2,
                "lane": "activities",
                "position": "j",
                "title": "Aktivitet",
                "archived": False,
                "owner": 1,
                "deadline": YESTERDAY.isoformat(),
                "goals": [1],
                "cycles": [{"ref": 1, "number": 1, "step": "plan", "scale_step": "one"}],
            },
            {
                "ref": 1,
                "number": 1,
                "lane": "ideas",
                "position": "i",
                "title": "Idé",
                "archived": False,
            },
        ],
        "log": [
            {"logged_on": "2026-03-01", "what_tested": "Først"},
            {"logged_on": None, "what_tested": "Uden dato", "owner": 1},
            {"logged_on": "2026-03-02", "what_tested": "Sidst", "decision": "adopt"},
        ],
    }
    if not undated:
        document["log"][1]["logged_on"] = "2026-02-01"
    return document


def test_a_minimal_document_reads_back_with_empty_optional_fields() -> None:
    cycle = Cycle(
        id=1, card_id=2, number=1, step=CycleStep.PLAN, scale_step=ScaleStep.ONE, version=1
    )
    assert state_from_document(_minimal()) == BoardState(
        board=Board(id=0, name="Tavle", version=1, created_at=datetime(2000, 1, 1)),
        cards=(
            Card(1, 0, 1, Lane.IDEAS, "i", "Idé", "", None, None, False, 1),
            Card(2, 0, 2, Lane.ACTIVITIES, "j", "Aktivitet", "", 1, YESTERDAY, False, 1, (1,)),
        ),
        goals=(
            Goal(
                id=1,
                board_id=0,
                position="i",
                development_point="",
                aim="Mål",
                citizen_aim="",
                time_frame="",
                archived=False,
                version=1,
                criteria=(
                    SuccessCriterion(1, 1, CriterionKind.SIGN, "Tegn", "", "", 0),
                    SuccessCriterion(2, 1, CriterionKind.INDICATOR, "Tal", "", "", 1),
                ),
            ),
        ),
        people=(Person(1, 0, "Gitte", "GH", "", False, 1),),
        log=(
            LogEntry(3, 0, None, None, date(2026, 3, 2), "Sidst", "adopt", "", None, 1),
            LogEntry(1, 0, None, None, date(2026, 3, 1), "Først", None, "", None, 1),
            LogEntry(2, 0, None, None, date(2000, 1, 1), "Uden dato", None, "", 1, 1),
        ),
        current_cycles={2: cycle},
    )


def test_a_minimal_snapshot_makes_minutes_of_today() -> None:
    activity = MinutesCard(2, "Aktivitet", "Gitte", YESTERDAY, True, 1, "plan", "one", "", "")
    document = _minimal(undated=False)
    assert build_minutes({"board": document}, None) == Minutes(
        board_name="Tavle",
        kind="progress",
        started_at=None,
        ended_at=None,
        present=(),
        absent=(),
        facilitator="",
        lanes={
            Lane.IDEAS: (MinutesCard(1, "Idé", "", None, False, None, "", "", "", ""),),
            Lane.PRIORITISED: (),
            Lane.ACTIVITIES: (activity,),
            Lane.GOALS: (),
            Lane.LOG: (),
        },
        goals=tuple(document["goals"]),
        log=(
            {**document["log"][2], "owner_name": ""},
            {**document["log"][0], "owner_name": ""},
            {**document["log"][1], "owner_name": "Gitte"},
        ),
        changes=(),
        agreements=(),
        overdue=(activity,),
        next_meeting_on=None,
        first_meeting=True,
        cards=tuple(document["cards"]),  # for the learning cycles on the goals' charts
    )


def test_agreements_without_owner_or_card_read_back_empty() -> None:
    meeting = {
        "date": "2026-03-04",
        "agreements": [
            {
                "what": "Ring til Ida",
                "owner_name": "Gitte",
                "deadline": "2026-03-10",
                "card_title": "Aktivitet",
            },
            {"what": "Tal om det"},
        ],
    }
    minutes = build_minutes({"board": _minimal(undated=False), "meeting": meeting}, None)
    assert minutes.agreements == (
        MinutesAgreement("Ring til Ida", "Gitte", date(2026, 3, 10), "Aktivitet"),
        MinutesAgreement("Tal om det", "", None, ""),
    )
    assert minutes.started_at is None and minutes.kind == "progress"
    # Overdue counts from the meeting's day, not from today.
    assert minutes.overdue == () or date(2026, 3, 4) > YESTERDAY


def test_the_minutes_day_is_the_meetings_end_else_its_start() -> None:
    board = {"board": {"name": "Tavle"}}
    both = {"started_at": "2026-03-04T23:50:00", "ended_at": "2026-03-05T00:10:00"}
    assert minutes_day(build_minutes({"board": board, "meeting": both}, None)) == date(2026, 3, 5)
    started = {"started_at": "2026-03-04T10:00:00"}
    assert minutes_day(build_minutes({"board": board, "meeting": started}, None)) == date(
        2026, 3, 4
    )
    assert minutes_day(build_minutes({"board": board}, None)) == date.today()


def test_an_empty_board_makes_empty_minutes_and_no_changes() -> None:
    minutes = build_minutes({"board": {"board": {"name": "Tavle"}}}, {"board": {"name": "Tavle"}})
    assert all(cards == () for cards in minutes.lanes.values())
    assert (minutes.goals, minutes.log, minutes.changes, minutes.overdue) == ((), (), (), ())
    assert not minutes.first_meeting


def test_a_card_archived_before_and_after_is_no_change() -> None:
    card = {"ref": 1, "number": 1, "lane": "ideas", "position": "i", "title": "Idé"}
    before = {"cards": [{**card, "archived": True}]}
    after = {"board": {"name": "Tavle"}, "cards": [{**card, "archived": True}]}
    assert build_minutes({"board": after}, before).changes == ()
    shown = {"board": {"name": "Tavle"}, "cards": [{**card, "archived": False}]}
    assert build_minutes({"board": shown}, {"cards": [{**card, "archived": False}]}).changes == ()
