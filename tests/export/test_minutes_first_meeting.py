"""The minutes of a board's first meeting tell what changed before it.

Found in review: the first meeting said "Tavlen er ikke ændret siden sidste møde" although
cards had been moved and logged that very day, because its changes were counted from the
board at the meeting's start. Now it says there is no earlier meeting and lists what the
board's own dates show for the 14 days before it; a later meeting is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from board import i18n
from board.domain.entities import Decision
from board.domain.lanes import Lane
from board.export.minutes_pdf import minutes_pdf_bytes
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord
from board.services import boards, cards, cycles, decisions, meetings

from .conftest import ARTIFACTS, pdf_text

NO_EARLIER = "Dette er tavlens første møde, så der er intet tidligere møde at sammenligne med."


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    i18n.set_language("da")
    database = open_database(f"sqlite:///{tmp_path}/b.sqlite3")
    yield database
    database.close()


def _board_put_up_a_month_ago(db: Database) -> int:
    board = boards.create_board(db, "Familieteamet")
    for title, lane in (
        ("Fast dagsorden", Lane.IDEAS),
        ("Tjekliste til hjemmebesøg", Lane.PRIORITISED),
        ("Morgenopkald", Lane.ACTIVITIES),
        ("Gammel idé", Lane.IDEAS),
    ):
        cards.add_card(db, board.id, title, lane)
    month_ago = datetime.now().replace(microsecond=0) - timedelta(days=30)
    with db.write() as s:  # the cards have stood untouched since they were put up
        s.execute(
            update(CardRecord)
            .where(CardRecord.board_id == board.id)
            .values(created_at=month_ago, updated_at=month_ago)
        )
    return board.id


def _work_before_the_meeting(db: Database, board_id: int) -> None:
    """The day of the first meeting: a card moved, a test decided by a drop into Log."""
    moved = cards.find_card(db, board_id, "Fast dagsorden")
    cards.move_card(db, moved.id, moved.version, Lane.PRIORITISED, None)
    test = cards.find_card(db, board_id, "Morgenopkald")
    cycles.start_cycle(db, test.id)
    cards.move_card(db, test.id, test.version, Lane.LOG, None)
    decisions.record_decision(
        db, test.id, decisions.DecisionRequest(Decision.ADOPT, "Familierne tager telefonen")
    )
    cards.add_card(db, board_id, "Ny idé fra gangen")


def test_the_first_meeting_lists_what_changed_before_it(db: Database) -> None:
    board_id = _board_put_up_a_month_ago(db)
    _work_before_the_meeting(db, board_id)
    meeting = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, meeting.id)

    pdf = minutes_pdf_bytes(meetings.meeting_minutes(db, meeting.id))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "minutes-first-meeting.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert "Tavlen er ikke ændret siden sidste møde" not in text
    assert "Ændringer på tavlen de seneste 14 dage" in text
    assert NO_EARLIER in text
    for sentence in (
        "Fast dagsorden er flyttet eller rettet og står nu i Prioritering.",
        "Ny idé fra gangen er sat op på tavlen og står nu i Idéer.",
        "Morgenopkald: læringscirkel 1 er startet.",
        "Morgenopkald: efter læringscirkel 1 er det besluttet at vedtage prøvehandlingen.",
        "Ny i loggen: Morgenopkald – læringscirkel 1 (beslutning: Vedtag).",
    ):
        assert sentence in text, sentence
    # What was not touched in those days is not listed.
    assert "Gammel idé er" not in text and "Tjekliste til hjemmebesøg er" not in text


def test_a_first_meeting_on_an_untouched_board_says_so(db: Database) -> None:
    board_id = _board_put_up_a_month_ago(db)
    meeting = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, meeting.id)
    text = pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, meeting.id)))
    assert "Dette er tavlens første møde" in text
    assert "Tavlen er ikke ændret fra" in text
    assert "siden sidste møde" not in text


def test_a_later_meeting_counts_from_the_one_before(db: Database) -> None:
    board_id = _board_put_up_a_month_ago(db)
    _work_before_the_meeting(db, board_id)
    first = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, first.id)
    idea = cards.find_card(db, board_id, "Gammel idé")
    cards.move_card(db, idea.id, idea.version, Lane.PRIORITISED, 0)
    second = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, second.id)

    minutes = meetings.meeting_minutes(db, second.id)
    assert not minutes.first_meeting and minutes.changes_since is None
    text = pdf_text(minutes_pdf_bytes(minutes))
    assert "Ændringer siden sidste møde" in text
    assert "Gammel idé er flyttet fra Idéer til Prioritering." in text
    assert "første møde" not in text
    assert (
        "Fast dagsorden"
        not in text.split("Ændringer siden sidste møde")[1].split("Overskredne deadlines")[0]
    )

    # And a meeting with nothing changed since the one before keeps today's sentence.
    third = meetings.start_meeting(db, board_id)
    meetings.end_meeting(db, third.id)
    text = pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, third.id)))
    assert "Tavlen er ikke ændret siden sidste møde." in text


def test_the_board_as_minutes_without_any_meeting_lists_recent_changes(db: Database) -> None:
    board_id = _board_put_up_a_month_ago(db)
    _work_before_the_meeting(db, board_id)
    text = pdf_text(minutes_pdf_bytes(meetings.board_minutes(db, board_id)))
    assert NO_EARLIER in text
    assert "Fast dagsorden er flyttet eller rettet og står nu i Prioritering." in text
