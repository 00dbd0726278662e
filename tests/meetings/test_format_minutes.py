"""The frozen snapshot and the minutes of a meeting of any format: the format as used, each
step's notes, the roles, the decisions (with the activity each became), the ideas and the
learning points — read back through a connection of its own, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest

from board.domain.minutes import Minutes
from board.i18n import set_language
from board.meeting_formats import format_document, get_format
from board.persistence.database import Database, open_database
from board.persistence.records import MeetingRecord
from board.services import boards, demo, learning_points, meeting_steps, meetings, team_formats

CASE_NOTES = {
    "question": "Sag A: forældrene aflyser aftaler. Hvordan holder vi kontakten?",
    "clarifying": "Tre aftaler, de to seneste aflyst.",
    "reflection": "Styrker: forældrene har selv sagt ja.",
    "inspiration": "Mette tilbyder et fælles besøg med sundhedsplejersken.",
    "round": "Runden gav to læringspunkter.",
    "summary": "Tages op ved næste gennemgang.",
}
DECISION = "Fælles hjemmebesøg med sundhedsplejersken i Sag A"
IDEA = "Korte sms'er i stedet for breve til gravide"
POINTS = ("Inddrag sundhedsplejen tidligt i graviditeten.", "Lad forældrene vælge tid og sted.")


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


@dataclass(frozen=True)
class Held:
    board_id: int
    meeting_id: int
    activity: int  # the number of the card the decision became
    idea: int


def _person(db: Database, board_id: int, name: str) -> int:
    return next(p.id for p in boards.load_board(db, board_id).people if p.name == name)


def _hold_sparring(db: Database, format_key: str = "") -> Held:
    name = demo.create_demo(db, name="Sparringstavlen")
    board_id = boards.find_board(db, name).id
    hanne, mette = _person(db, board_id, "Hanne Krogh"), _person(db, board_id, "Mette Lund")
    meeting = meetings.start_meeting(db, board_id, "sparring", 40, hanne, format_key=format_key)
    for person in (hanne, mette):
        meetings.set_present(db, meeting.id, person, True)
    meeting_steps.set_role(db, meeting.id, "team_leader", hanne)
    meeting_steps.set_role(db, meeting.id, "case_worker", mette)
    for key, notes in CASE_NOTES.items():
        meeting_steps.set_step_notes(db, meeting.id, key, notes)
    deadline = date.today() + timedelta(days=7)
    meeting_steps.add_decision(db, meeting.id, DECISION, mette, deadline, "inspiration")
    idea = meeting_steps.add_idea(db, meeting.id, IDEA, "reflection")
    for text in POINTS:
        learning_points.add_learning_point(
            db, board_id, text, meeting_id=meeting.id, case_label="Sag A", noted_by_id=hanne
        )
    meetings.end_meeting(db, meeting.id)
    activity = next(c for c in boards.load_board(db, board_id).cards if c.title == DECISION)
    return Held(board_id, meeting.id, activity.number, idea.number)


def _frozen(db_url: str, meeting_id: int) -> dict:  # type: ignore[type-arg]
    other = open_database(db_url)
    try:
        with other.read() as s:
            record = s.get(MeetingRecord, meeting_id)
            assert record is not None and record.snapshot is not None
            return record.snapshot["meeting"]
    finally:
        other.close()


def _minutes(db_url: str, meeting_id: int) -> Minutes:
    other = open_database(db_url)
    try:
        return meetings.meeting_minutes(other, meeting_id)
    finally:
        other.close()


def test_the_snapshot_holds_the_format_as_used_and_all_the_meeting_noted(
    db: Database, db_url: str
) -> None:
    held = _hold_sparring(db)
    frozen = _frozen(db_url, held.meeting_id)

    assert frozen["format"] == {
        "key": "",
        "name_text": "",
        "document": format_document(get_format("sparring")),
    }
    steps = {step["key"]: step for step in frozen["steps"]}
    assert {key: step["notes"] for key, step in steps.items()} == {**CASE_NOTES, "review": ""}
    assert (steps["question"]["minutes"], steps["question"]["at_most"]) == (5, True)
    assert [step["seconds"] for step in frozen["steps"]][:5] == [300, 300, 600, 300, 600]
    assert frozen["roles"] == [
        {"role": "team_leader", "name": "Hanne Krogh"},
        {"role": "case_worker", "name": "Mette Lund"},
    ]
    [decision] = frozen["agreements"]
    assert (decision["what"], decision["owner_name"], decision["step_key"]) == (
        DECISION,
        "Mette Lund",
        "inspiration",
    )
    assert decision["card_number"] == held.activity
    assert frozen["ideas"] == [{"number": held.idea, "title": IDEA}]
    assert frozen["learning_points"] == [
        {"text": text, "case_label": "Sag A", "noted_by": "Hanne Krogh"} for text in POINTS
    ]


def test_the_minutes_read_every_part_from_the_snapshot(db: Database, db_url: str) -> None:
    held = _hold_sparring(db)
    minutes = _minutes(db_url, held.meeting_id)

    assert minutes.kind == "sparring" and minutes.guided
    assert [(r.role, r.name) for r in minutes.roles] == [
        ("team_leader", "Hanne Krogh"),
        ("case_worker", "Mette Lund"),
    ]
    assert [(s.step.key, s.notes) for s in minutes.steps][:6] == list(CASE_NOTES.items())
    [decision] = minutes.agreements
    assert (decision.what, decision.owner, decision.card_number) == (
        DECISION,
        "Mette Lund",
        held.activity,
    )
    assert decision.deadline == date.today() + timedelta(days=7)
    assert [(i.number, i.title) for i in minutes.ideas] == [(held.idea, IDEA)]
    assert [(p.text, p.case_label) for p in minutes.learning_points] == [
        (text, "Sag A") for text in POINTS
    ]


def test_a_team_format_edited_later_leaves_the_old_minutes_as_they_were(
    db: Database, db_url: str
) -> None:
    name = demo.create_demo(db, name="Kopitavlen")
    board_id = boards.find_board(db, name).id
    team = team_formats.copy_format(db, board_id, "sparring", "Vores sparring")
    meeting = meetings.start_meeting(db, board_id, "sparring", 40, format_key=team.key)
    meeting_steps.set_step_notes(db, meeting.id, "question", "Hvad ønsker Mette sparring til?")
    meetings.end_meeting(db, meeting.id)
    before = _minutes(db_url, meeting.id)

    renamed = replace(
        team,
        texts={**team.texts, team.name_key: "Sparring nu", team.steps[0].title_key: "Ny titel"},
    )
    team_formats.save_format(db, board_id, renamed)
    after = _minutes(db_url, meeting.id)

    assert after == before
    assert (after.format_key, after.format_name) == (team.key, "Vores sparring")
    assert after.steps[0].title_text == team.texts[team.steps[0].title_key]
    assert after.steps[0].notes == "Hvad ønsker Mette sparring til?"


def test_the_cpr_check_before_the_end_reads_notes_and_learning_points(db: Database) -> None:
    """What a running meeting's minutes would say holds what its steps and points noted."""
    name = demo.create_demo(db, name="Tjektavlen")
    board_id = boards.find_board(db, name).id
    meeting = meetings.start_meeting(db, board_id, "learning", 30)
    meeting_steps.set_step_notes(db, meeting.id, "case", "Barnet med cpr 010203-1234")
    learning_points.add_learning_point(db, board_id, "Se 020304-4321", meeting_id=meeting.id)

    live = meetings.running_minutes(db, meeting.id)

    assert [s.notes for s in live.steps if s.notes] == ["Barnet med cpr 010203-1234"]
    assert [p.text for p in live.learning_points] == ["Se 020304-4321"]


def test_a_sparring_s_minutes_survive_export_and_import(db: Database) -> None:
    """The export file carries the snapshot whole: the copy's minutes are the same."""
    from board.services import transfer

    held = _hold_sparring(db)
    name = transfer.import_document(db, transfer.export_board(db, held.board_id))
    copy = meetings.find_meeting(db, boards.find_board(db, name).id, "latest")

    assert copy.id != held.meeting_id
    assert meetings.meeting_minutes(db, copy.id) == meetings.meeting_minutes(db, held.meeting_id)
