"""Issue 13, items 2 and 6: a text redacted is gone from every place Find persondata finds it
— the board's rows and every frozen snapshot and baseline — in one action, on SQLite and a
real PostgreSQL server; a record says when, by whom and how many places (never the text);
minutes re-made from a redacted meeting say so; the command line does the same."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import BytesIO

from pypdf import PdfReader
from sqlalchemy import select

from board.domain.entities import MeetingKind
from board.export.minutes_pdf import minutes_pdf_bytes
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord, MeetingRecord, PrivacyRecord
from board.services import (
    boards,
    cards,
    cycles,
    erasure,
    learning_points,
    log,
    meeting_steps,
    meetings,
    people,
    privacy,
)
from board.services.common import computer_user, today

NAME = "Anna Sørensen"
CPR = "150650\u20135678"


def _fill(db: Database) -> tuple[int, int]:
    """A board holding NAME in many kinds of place, an ended meeting (its snapshot) and a
    running one (its baseline): the board's id and the ended meeting's."""
    board = boards.create_board(db, "Sagsteamet")
    people.add_person(db, board.id, "Lene Holm", "LH")
    card = cards.add_card(
        db, board.id, "Hjemmebesøg", description=f"Besøg hos ANNA SØRENSEN ({CPR}) i uge 45."
    )
    cycle = cycles.start_cycle(db, card.id)
    cycles.edit_cycle(db, cycle.id, cycle.version, plan_who=f"Lene og {NAME}")
    log.add_log_entry(db, board.id, "Fast mødetid", learning=f"{NAME} foretrak formiddage")
    meeting = meetings.start_meeting(db, board.id, MeetingKind.SPARRING, planned_minutes=45)
    meetings.add_guest(db, meeting.id, NAME)
    meeting_steps.set_step_notes(db, meeting.id, "question", f"Hvordan støtter vi {NAME}?")
    meetings.add_agreement(db, meeting.id, f"Ring til {NAME} fredag")
    learning_points.add_learning_point(db, board.id, f"Spørg {NAME} først", meeting_id=meeting.id)
    meetings.end_meeting(db, meeting.id)
    meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)
    return board.id, meeting.id


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_a_redacted_name_is_found_nowhere_and_the_record_holds_no_text(
    db: Database, db_url: str
) -> None:
    board_id, meeting_id = _fill(db)
    before = privacy.find(db, board_id, NAME)
    assert {h.place for h in before} >= {"card", "cycle", "log", "snapshot", "learning_point"}

    done = erasure.redact(db, board_id, "anna  SØRENSEN")

    assert done.places == len(before)
    assert set(done.kinds) == {h.place for h in before}
    assert privacy.find(db, board_id, NAME) == []
    fresh = open_database(db_url)  # read back through a connection of its own
    try:
        with fresh.read() as s:
            card = s.scalars(select(CardRecord).where(CardRecord.board_id == board_id)).one()
            assert card.description == f"Besøg hos [slettet] ({CPR}) i uge 45."
            record = s.scalars(select(PrivacyRecord)).one()
            assert (record.board_id, record.action) == (board_id, "redact")
            assert (record.places, record.made_by) == (len(before), computer_user())
            assert "sørensen" not in f"{record.kinds} {record.made_by}".lower()
            held = s.get(MeetingRecord, meeting_id)
            assert held is not None and held.redacted_at is not None
            assert "Sørensen" not in str(held.snapshot) and "[slettet]" in str(held.snapshot)
    finally:
        fresh.close()
    # the CPR number was not part of the text: still found
    assert {h.found for h in privacy.find_cpr(db, board_id)} == {CPR}


def test_only_the_chosen_places_are_redacted(db: Database) -> None:
    board_id, _ = _fill(db)
    hits = privacy.find(db, board_id, NAME)
    chosen = [h for h in hits if h.place in ("card", "snapshot")]

    done = erasure.redact(db, board_id, NAME, chosen)

    assert done.places == len(chosen)
    left = privacy.find(db, board_id, NAME)
    assert {h.place for h in left} == {h.place for h in hits} - {"card", "snapshot"}


def test_the_cpr_numbers_found_are_redacted_without_typing_them(db: Database) -> None:
    board_id, _ = _fill(db)
    erasure.redact(db, board_id, "", privacy.find_cpr(db, board_id))
    assert privacy.find_cpr(db, board_id) == []
    assert privacy.find(db, board_id, "[slettet]")


def test_minutes_remade_from_a_redacted_meeting_say_so_and_others_do_not(db: Database) -> None:
    board_id, meeting_id = _fill(db)
    untouched = minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id))
    assert "persondata" not in pdf_text(untouched)

    erasure.redact(db, board_id, NAME)

    minutes = meetings.meeting_minutes(db, meeting_id)
    assert minutes.redacted_on == today()
    text = pdf_text(minutes_pdf_bytes(minutes))
    assert "Redigeret af hensyn til persondata den" in text
    assert "Sørensen" not in text and "[slettet]" in text


def test_a_blank_text_and_no_hits_is_refused_with_nothing_written(db: Database) -> None:
    board_id, _ = _fill(db)
    try:
        erasure.redact(db, board_id, "   ")
    except Exception as error:  # a ValidationError the user sees in words
        assert type(error).__name__ == "ValidationError"
    else:
        raise AssertionError("a blank text was accepted")
    assert erasure.erasures(db, board_id) == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(LANG="C.UTF-8", LC_ALL="", LC_MESSAGES="")
    return subprocess.run(
        [sys.executable, "-m", "board", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip


def test_the_command_line_redacts_and_lists_what_was_erased(db: Database, db_url: str) -> None:
    board_id, _ = _fill(db)
    places = len(privacy.find(db, board_id, NAME))
    backup = None
    if db.sqlite_path is not None:  # a copy the opener made before an upgrade, holding her
        path = db.sqlite_path
        backup = path.with_name(f"{path.stem}.backup-0006_meeting_live-20261130{path.suffix}")
        backup.write_bytes("SQLite format 3\0 … Anna Sørensen …".encode())

    done = _cli("redact", "--db", db_url, "Sagsteamet", "anna sørensen")

    assert done.returncode == 0, done.stderr
    said = f"Teksten er erstattet med [slettet] {places} steder på tavlen »Sagsteamet«.\n"
    if backup is not None:
        said += f"1 sikkerhedskopi kan stadig rumme teksten:\n  {backup}\n"
    assert done.stdout == said
    assert "Sørensen" not in done.stdout
    assert privacy.find(db, board_id, NAME) == []
    again = _cli("redact", "--db", db_url, "Sagsteamet", "anna sørensen")
    assert again.stdout == "»anna sørensen« står ingen steder på tavlen »Sagsteamet«.\n"
    listed = _cli("privacy-log", "--db", db_url, "Sagsteamet")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 1  # the second redaction changed nothing: nothing recorded
    assert lines[0].split("\t")[2:] == ["Tekst erstattet med [slettet]", str(places)]
    assert "Sørensen" not in listed.stdout
