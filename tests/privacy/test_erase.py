"""Issue 13, item 3: an archived card erased for good (card, learning cycles, log entries,
links; its texts in every frozen meeting) and a person erased (the name a neutral label
everywhere, history kept), each in one action with a record — SQLite and PostgreSQL."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from board.domain.entities import MeetingKind
from board.domain.errors import ValidationError
from board.export.minutes_pdf import minutes_pdf_bytes
from board.persistence.database import Database, open_database
from board.persistence.records import (
    CardRecord,
    CycleRecord,
    LogEntryRecord,
    MeetingRecord,
    PersonRecord,
    PrivacyRecord,
)
from board.services import boards, cards, cycles, erasure, log, meetings, people, privacy

TITLE = "Hjemmebesøg hos Jens Hansen"
SECRET = "Jens Hansen, Vestergade 4"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _board(db: Database) -> tuple[int, int, int, int]:
    """A board with a card about a citizen (a cycle, a log entry), a person, an ended meeting
    holding both; the card archived. Ids: board, card, person, meeting."""
    board = boards.create_board(db, "Sagsteamet")
    person = people.add_person(db, board.id, "Birgitte Lund", "BL", "birgitte@kommune.dk")
    card = cards.add_card(db, board.id, TITLE, description=SECRET, owner_id=person.id)
    cycle = cycles.start_cycle(db, card.id)
    cycles.edit_cycle(db, cycle.id, cycle.version, plan_who=f"Birgitte Lund og {SECRET}")
    log.add_log_entry(db, board.id, f"Besøg: {SECRET}", card_id=card.id, owner_id=person.id)
    cards.add_card(db, board.id, "Fælles mødetid")  # another card, untouched
    meeting = meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)
    meetings.set_present(db, meeting.id, person.id, True)
    meetings.add_agreement(db, meeting.id, "Ring til Birgitte Lund", owner_id=person.id)
    meetings.end_meeting(db, meeting.id)
    fresh = cards.get_card(db, card.id)
    cards.set_archived(db, card.id, fresh.version, True)
    return board.id, card.id, person.id, meeting.id


def test_only_an_archived_card_can_be_erased(db: Database) -> None:
    board_id, _, _, _ = _board(db)
    other = cards.find_card(db, board_id, "Fælles mødetid")
    with pytest.raises(ValidationError):
        erasure.erase_card(db, other.id)
    assert cards.get_card(db, other.id).title == "Fælles mødetid"
    assert erasure.erasures(db, board_id) == []


def test_an_erased_card_is_gone_with_its_cycles_log_and_frozen_texts(
    db: Database, db_url: str
) -> None:
    board_id, card_id, _, meeting_id = _board(db)
    assert privacy.find(db, board_id, "Jens Hansen")

    done = erasure.erase_card(db, card_id)

    assert done.meetings == (meeting_id,)
    assert privacy.find(db, board_id, "Jens Hansen") == []
    assert privacy.find(db, board_id, "Vestergade") == []
    fresh = open_database(db_url)
    try:
        with fresh.read() as s:
            assert s.get(CardRecord, card_id) is None
            assert s.scalar(select(func.count()).select_from(CycleRecord)) == 0
            assert s.scalar(select(func.count()).select_from(LogEntryRecord)) == 0
            assert [c.title for c in s.scalars(select(CardRecord))] == ["Fælles mødetid"]
            [record] = s.scalars(select(PrivacyRecord))
            assert (record.action, record.board_id) == ("erase_card", board_id)
            assert "Hansen" not in f"{record.kinds}{record.made_by}"
            held = s.get(MeetingRecord, meeting_id)
            assert held is not None and held.redacted_at is not None
    finally:
        fresh.close()
    text = pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id)))
    assert "Hansen" not in text and "Redigeret af hensyn til persondata" in text
    assert "Fælles mødetid" in text


def test_an_erased_person_is_a_neutral_label_everywhere_and_history_is_kept(
    db: Database, db_url: str
) -> None:
    board_id, card_id, person_id, meeting_id = _board(db)

    erasure.erase_person(db, person_id, "Medarbejder 1")

    assert privacy.find(db, board_id, "Birgitte") == []
    assert privacy.find(db, board_id, "birgitte@kommune.dk") == []
    fresh = open_database(db_url)
    try:
        with fresh.read() as s:
            person = s.get(PersonRecord, person_id)
            assert person is not None
            assert (person.name, person.initials, person.email) == ("Medarbejder 1", "M1", "")
            card = s.get(CardRecord, card_id)
            assert card is not None and card.owner_id == person_id  # history kept
            [record] = s.scalars(select(PrivacyRecord))
            assert record.action == "erase_person"
    finally:
        fresh.close()
    minutes = meetings.meeting_minutes(db, meeting_id)
    assert minutes.present == ("Medarbejder 1",)
    assert [a.owner for a in minutes.agreements] == ["Medarbejder 1"]
    assert [a.what for a in minutes.agreements] == ["Ring til Medarbejder 1"]


def test_a_card_held_only_by_its_own_frozen_entry_leaves_the_minutes(db: Database) -> None:
    """Nothing else in the minutes names the card: its own entry is still blanked (a bug
    left it when no other text of the snapshot matched)."""
    board = boards.create_board(db, "Sagsteamet")
    cards.add_card(db, board.id, "Fælles mødetid")
    card = cards.add_card(db, board.id, "Besøg", description="Om Jens Ærø, Vestergade 4")
    meeting = meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)
    meetings.end_meeting(db, meeting.id)
    cards.set_archived(db, card.id, cards.get_card(db, card.id).version, True)

    done = erasure.erase_card(db, card.id)

    assert done.meetings == (meeting.id,)
    assert privacy.find(db, board.id, "Jens Ærø") == []
    assert privacy.find(db, board.id, "Fælles mødetid")  # the other card is kept
