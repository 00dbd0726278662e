"""Issue 13, item 1: a name or a CPR number is found wherever the board holds it — every kind
of place, in any case, also inside the meetings' frozen snapshots and baselines — through
the service and the command line, on SQLite and a real PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from board.dates import plain_date
from board.domain.entities import MeetingKind
from board.persistence.database import Database
from board.services import (
    boards,
    cards,
    cycles,
    goals,
    learning_points,
    log,
    meeting_steps,
    meetings,
    people,
    privacy,
)

NAME = "Anna Sørensen"
CPR = "150650\u20135678"  # written with an en dash, as a word processor makes it


@dataclass
class Placed:
    board_id: int
    card_number: int
    meeting_day: date


def _fill(db: Database) -> Placed:
    """A board holding NAME once in every kind of place, in varying case."""
    board = boards.create_board(db, "Sagsteamet")
    people.add_person(db, board.id, "anna sørensen", "AS")
    card = cards.add_card(
        db, board.id, "Hjemmebesøg", description=f"Besøg hos ANNA SØRENSEN ({CPR}) i uge 45."
    )
    cycle = cycles.start_cycle(db, card.id)
    cycles.edit_cycle(db, cycle.id, cycle.version, plan_who=f"Lene og {NAME}")
    goal = goals.add_goal(db, board.id, f"Færre aflyste møder med {NAME}")
    criterion = goals.add_criterion(db, goal.id, "indicator", f"Fremmøde, {NAME}")
    goals.add_measurement(db, criterion.id, "2026-11-02", 3, note=f"{NAME} kom selv")
    log.add_log_entry(db, board.id, "Fast mødetid", learning=f"{NAME} foretrak formiddage")
    meeting = meetings.start_meeting(db, board.id, MeetingKind.SPARRING, planned_minutes=45)
    meetings.add_guest(db, meeting.id, NAME)
    meeting_steps.set_role(db, meeting.id, "case_worker", None, guest_name=NAME)
    meeting_steps.set_step_notes(db, meeting.id, "question", f"Hvordan støtter vi {NAME}?")
    meetings.add_agreement(db, meeting.id, f"Ring til {NAME} fredag")
    meetings.edit_meeting(db, meeting.id, notes=f"{NAME} nævnt")
    learning_points.add_learning_point(db, board.id, f"Spørg {NAME} først", meeting_id=meeting.id)
    ended = meetings.end_meeting(db, meeting.id)
    # The next meeting's baseline is this meeting's snapshot: a second frozen copy.
    meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)
    return Placed(board.id, card.number, ended.started_at.date())


def test_every_kind_of_place_is_found_in_any_case(db: Database) -> None:
    placed = _fill(db)
    hits = privacy.find(db, placed.board_id, "aNNa  søRENSEN")
    assert {h.place for h in hits} == {
        "person",
        "card",
        "cycle",
        "goal",
        "criterion",
        "measurement",
        "log",
        "meeting",
        "meeting_step",
        "agreement",
        "attendance",
        "meeting_role",
        "learning_point",
        "snapshot",
    }
    for hit in hits:  # the excerpt shows the hit where the span says, as it is written
        assert hit.excerpt[hit.span[0] : hit.span[1]].casefold() == NAME.casefold()
        assert hit.found.casefold() == NAME.casefold()
        assert hit.where and hit.field
    meeting = f"Mødet {plain_date(placed.meeting_day)}"
    card = f"Kort nr. {placed.card_number}"
    shown = {(h.where, h.field) for h in hits}
    assert {
        ("Personer", "Navn"),
        (card, "Beskrivelse"),
        (f"{card} · Læringscirkel 1", "Hvem"),
        ("Mål nr. 1", "Mål"),
        ("Mål nr. 1 · Succeskriterium 1", "Succeskriterium"),
        ("Mål nr. 1 · Succeskriterium 1 · Måling 2.11.2026", "Note"),
        (meeting, "Noter"),
        (meeting, "Noter til »Hvad ønskes der sparring til?«"),
        (f"{meeting} · Aftale nr. 1", "Aftale"),
        (f"{meeting} · Deltagere", "Gæst"),
        (f"{meeting} · Roller", "Sagsbehandler, der har medbragt sagen"),
    } <= shown
    minutes = f"Referatet fra mødet {plain_date(placed.meeting_day)}"
    frozen = {(h.where, h.field) for h in hits if h.place == "snapshot"}
    assert {
        (minutes, f"{card} · Beskrivelse"),
        (minutes, f"{card} · Læringscirkel 1 · Hvem"),
        (minutes, "Noter til »Hvad ønskes der sparring til?«"),
        (minutes, "Aftale nr. 1 · Aftale"),
        (minutes, "Læringspunkt nr. 1 · Læringspunkt"),
        (minutes, "Til stede"),
        (f"{minutes} · tavlen før mødet", f"{card} · Beskrivelse"),
    } <= frozen
    description = next(h for h in hits if h.place == "card")
    assert description.excerpt == f"Besøg hos ANNA SØRENSEN ({CPR}) i uge 45."
    assert description.key == "description"


def test_the_frozen_minutes_still_hold_what_the_board_no_longer_shows(db: Database) -> None:
    placed = _fill(db)
    card = cards.find_card(db, placed.board_id, str(placed.card_number))
    cards.edit_card(db, card.id, card.version, description="Besøg i uge 45.")
    hits = privacy.find(db, placed.board_id, NAME)
    described = [(h.place, h.where, h.key) for h in hits if h.field.endswith("Beskrivelse")]
    day = plain_date(placed.meeting_day)
    # its minutes, the board it was compared with, and the next meeting's baseline
    assert described == [
        ("snapshot", f"Referatet fra mødet {day}", "snapshot.board.cards[0].description"),
        (
            "snapshot",
            f"Referatet fra mødet {day} · tavlen før mødet",
            "baseline.cards[0].description",
        ),
        (
            "snapshot",
            f"Referatet fra mødet {day} · tavlen før mødet",
            "baseline.cards[0].description",
        ),
    ]


def test_the_same_snapshot_text_is_named_for_each_meeting_that_holds_it(db: Database) -> None:
    placed = _fill(db)
    held = sorted(m.id for m in meetings.list_meetings(db, placed.board_id))
    found = privacy.find(db, placed.board_id, NAME)
    hits = [h for h in found if h.place == "snapshot" and h.key.endswith("description")]
    assert [h.ref for h in hits] == [(held[0],), (held[0],), (held[1],)]


def test_a_text_without_plain_letters_is_found_in_the_minutes_too(db: Database) -> None:
    """Å, æ, ø and the letters i, k, s that other letters match in some case: the quick look
    at the stored snapshot cannot use them, so it reads the snapshot's texts instead."""
    placed = _fill(db)
    card = cards.find_card(db, placed.board_id, str(placed.card_number))
    kelvin = "\u212a"  # the Kelvin sign, which matches "k" in any case
    cards.edit_card(db, card.id, card.version, description=f"Hos Åse Kiø og {kelvin}urt")
    meetings.end_meeting(db, meetings.open_meeting(db, placed.board_id).id)  # type: ignore[union-attr]
    for text in ("åSE  kIØ", "KURT"):
        hits = privacy.find(db, placed.board_id, text)
        assert [(h.place, h.key) for h in hits] == [
            ("card", "description"),
            ("snapshot", "snapshot.board.cards[0].description"),
        ], text


def test_cpr_numbers_are_found_everywhere_and_nothing_else(db: Database) -> None:
    placed = _fill(db)
    hits = privacy.find_cpr(db, placed.board_id)
    assert {h.found for h in hits} == {CPR}
    assert sorted(h.place for h in hits) == ["card", "snapshot", "snapshot", "snapshot"]
    assert privacy.find(db, placed.board_id, "Kurt Vonnegut") == []
    assert privacy.find(db, placed.board_id, "   ") == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_the_command_line_prints_one_tab_separated_line_per_hit(
    db: Database, db_url: str, tmp_path: Path
) -> None:
    placed = _fill(db)
    found = _cli("find", "--db", db_url, "Sagsteamet", "anna sørensen")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert len(lines) == len(privacy.find(db, placed.board_id, NAME))
    assert all(len(line.split("\t")) == 3 for line in lines)
    card = f"Kort nr. {placed.card_number}"
    assert f"{card}\tBeskrivelse\tBesøg hos ANNA SØRENSEN ({CPR}) i uge 45." in lines
    none = _cli("find", "--db", db_url, "Sagsteamet", "Kurt Vonnegut")
    assert (none.returncode, none.stderr) == (0, "")
    assert none.stdout == "»Kurt Vonnegut« står ingen steder på tavlen »Sagsteamet«.\n"
    unknown = _cli("find", "--db", db_url, "Ingen tavle", "x")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
