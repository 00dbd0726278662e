"""The minutes PDF of a meeting of another format than the fremdriftsmøde: format name,
date and time, attendees and roles, each step with its timebox and notes, decisions with
owner, deadline and the activity they became, learning points and new ideas. And a
fremdriftsmøde's minutes stay as they were before formats existed, to the byte."""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from board import i18n
from board.domain.minutes import build_minutes
from board.export.minutes_pdf import minutes_pdf_bytes
from board.persistence.database import Database, open_database
from board.persistence.records import MeetingRecord
from board.services import boards, demo, learning_points, meeting_steps, meetings

from .conftest import ARTIFACTS, pdf_text

DEADLINE = date.today() + timedelta(days=7)


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    i18n.set_language("da")
    yield
    i18n.set_language("da")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path}/b.sqlite3")
    yield database
    database.close()


def _board(db: Database) -> tuple[int, dict[str, int]]:
    name = demo.create_demo(db, name="Referattavlen")
    board_id = boards.find_board(db, name).id
    return board_id, {p.name: p.id for p in boards.load_board(db, board_id).people}


def _sparring(db: Database) -> int:
    board_id, person = _board(db)
    meeting = meetings.start_meeting(db, board_id, "sparring", 40, person["Hanne Krogh"])
    for name in ("Hanne Krogh", "Mette Lund", "Joan Berg"):
        meetings.set_present(db, meeting.id, person[name], True)
    meeting_steps.set_role(db, meeting.id, "team_leader", person["Hanne Krogh"])
    meeting_steps.set_role(db, meeting.id, "case_worker", person["Mette Lund"])
    meeting_steps.set_step_notes(
        db, meeting.id, "question", "Sag A: Hvordan holder vi kontakten, når aftaler aflyses?"
    )
    meeting_steps.set_step_notes(db, meeting.id, "reflection", "Styrke: forældrene sagde selv ja.")
    meeting_steps.add_decision(
        db, meeting.id, "Fælles besøg med sundhedsplejersken", person["Mette Lund"], DEADLINE,
        "inspiration",
    )  # fmt: skip
    meeting_steps.add_idea(db, meeting.id, "Korte sms'er frem for breve", "reflection")
    for text in ("Inddrag sundhedsplejen tidligt.", "Lad forældrene vælge tid og sted."):
        learning_points.add_learning_point(
            db, board_id, text, meeting_id=meeting.id, case_label="Sag A",
            noted_by_id=person["Hanne Krogh"],
        )  # fmt: skip
    meetings.end_meeting(db, meeting.id)
    return meeting.id


def test_a_teamsparring_s_minutes_say_what_the_meeting_did(db: Database) -> None:
    meeting_id = _sparring(db)
    text = pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id)))

    assert text.startswith("Referat – teamsparring Referattavlen")
    assert "Teamleder Hanne Krogh" in text
    assert "Sagsbehandler, der har medbragt sagen Mette Lund" in text
    assert "Mødets trin" in text
    assert (
        "1. Hvad ønskes der sparring til? maks. 5 min "
        "Sag A: Hvordan holder vi kontakten, når aftaler aflyses?"
    ) in text
    assert "2. Uddybende/opklarende spørgsmål maks. 5 min Ingen noter fra dette trin." in text
    assert "3. Refleksive spørgsmål maks. 10 min Styrke: forældrene sagde selv ja." in text
    assert "7. Gennemgang af læringspunkter" in text
    assert "Beslutninger Der blev truffet 1 beslutning på mødet." in text
    card = boards.load_board(db, boards.find_board(db, "Referattavlen").id)
    activity = next(c for c in card.cards if c.title == "Fælles besøg med sundhedsplejersken")
    assert (
        f"Fælles besøg med sundhedsplejersken Ny aktivitet: Kort nr. {activity.number} Mette Lund"
    ) in text
    assert "Læringspunkter • Inddrag sundhedsplejen tidligt. Sag A · Noteret af Hanne Krogh" in text
    assert "Nye idéer" in text and "Korte sms'er frem for breve" in text
    assert "Fremdriftsmøde" not in text


def test_the_same_sparring_minutes_are_remade_identical(db: Database) -> None:
    meeting_id = _sparring(db)
    first = minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id))
    boards_state = boards.load_board(db, boards.find_board(db, "Referattavlen").id)
    person = boards_state.people[0]
    from board.services import people

    people.edit_person(db, person.id, person.version, name="Omdøbt Person")
    assert minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id)) == first


def test_english_minutes_of_a_learning_meeting(db: Database) -> None:
    board_id, person = _board(db)
    meeting = meetings.start_meeting(db, board_id, "learning", 30, person["Joan Berg"])
    meeting_steps.set_role(db, meeting.id, "facilitator", person["Joan Berg"])
    meeting_steps.set_role(db, meeting.id, "presenter", person["Lene Vestergaard"])
    meeting_steps.set_step_notes(db, meeting.id, "case", "Lene om et opstartsmøde.")
    meetings.end_meeting(db, meeting.id)
    i18n.set_language("en")
    text = pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, meeting.id)))

    assert text.startswith("Minutes – systematic learning meeting Referattavlen")
    # the facilitator once, in the header; the other roles under it
    assert "Facilitator Joan Berg" in text and "Roles Facilitator" not in text
    assert "Roles Employee who presents the case Lene Vestergaard" in text
    assert "The meeting's steps 1. A case/task 5 min Lene om et opstartsmøde." in text
    assert "4. The floor goes round" in text  # the round: its share, and a turn each
    assert "No decisions were made at the meeting." in text
    assert "No learning points were noted at the meeting." in text


def test_a_fremdriftsmøde_s_minutes_are_those_made_before_formats(db: Database) -> None:
    """The parts of the snapshot a format adds (steps without notes, no roles, no ideas, no
    learning points) add nothing to a fremdriftsmøde's minutes: the bytes are those of its
    snapshot without them."""
    board_id, person = _board(db)
    meeting = meetings.start_meeting(db, board_id, facilitator_id=person["Hanne Krogh"])
    meetings.set_present(db, meeting.id, person["Gitte Holm"], True)
    meetings.add_agreement(db, meeting.id, "Gitte samler data", person["Gitte Holm"], DEADLINE)
    meetings.end_meeting(db, meeting.id)
    with db.read() as s:
        record = s.get(MeetingRecord, meeting.id)
        assert record is not None and record.snapshot is not None
        snapshot, baseline = record.snapshot, record.baseline
    before = copy.deepcopy(snapshot)
    for key in ("format", "steps", "roles", "ideas", "learning_points"):
        del before["meeting"][key]
    for agreement in before["meeting"]["agreements"]:
        del agreement["step_key"], agreement["card_number"]

    now = minutes_pdf_bytes(build_minutes(snapshot, baseline))
    assert now == minutes_pdf_bytes(build_minutes(before, baseline))
    assert "Aftaler Der blev indgået 1 aftale på mødet." in pdf_text(now)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_render_the_format_minutes_for_a_look(db: Database) -> None:
    """Writes PNGs of a Teamsparring's and a Systematisk læringsmøde's minutes to
    test-artifacts/ (the demo's own meetings) for a person to look at."""
    name = demo.create_demo(db, name="Demotavlen")
    board_id = boards.find_board(db, name).id
    held = meetings.held_meetings(db, board_id)
    assert {h.meeting.kind for h in held} >= {"sparring", "learning"}
    ARTIFACTS.mkdir(exist_ok=True)
    for h in held:
        pdf = ARTIFACTS / f"minutes-{h.meeting.kind}.pdf"
        pdf.write_bytes(minutes_pdf_bytes(meetings.meeting_minutes(db, h.meeting.id)))
        stem = str(ARTIFACTS / f"minutes-{h.meeting.kind}")
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), stem], check=True)
