"""The mail to a colleague who missed the meeting, as it arrives: sent to a real SMTP server on
127.0.0.1 and read back, in Danish and in English."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from smtp_server import Inbox

from board import i18n
from board.export.mail import Recipient, send_each
from board.persistence.database import Database
from board.services import boards, meetings
from board.settings import SmtpSettings
from board.ui.meeting.minutes_actions import MinutesFiles, make_message

from .helpers import FakeClock

DANISH = """\
Hej Mette Lund

Du kunne ikke deltage i fremdriftsmødet om Spædbarnsindsatsen tirsdag den 1. december. \
Her er referatet (PDF) og et billede af tavlen.

Aftaler:
- Gitte samler data fra to familier – Gitte Holm – 14.12.2026

Næste møde: tirsdag den 15. december

Venlig hilsen
Hanne Krogh
"""

ENGLISH_INTRO = (
    "You could not attend the progress meeting for Spædbarnsindsatsen on Tuesday 1 December."
    " Here are the minutes (PDF) and a photo of the board."
)


def _hold_meeting(db: Database, board_id: int, clock: FakeClock) -> int:
    """A progress meeting on Tuesday 1 December 2026 that Mette Lund missed."""
    clock.now = datetime(2026, 12, 1, 9, 0)
    people = {p.name: p.id for p in boards.load_board(db, board_id).people}
    meeting = meetings.start_meeting(db, board_id)
    for name in ("Gitte Holm", "Hanne Krogh"):
        meetings.set_present(db, meeting.id, people[name], True)
    meetings.edit_meeting(db, meeting.id, facilitator_id=people["Hanne Krogh"])
    meetings.add_agreement(
        db, meeting.id, "Gitte samler data fra to familier", people["Gitte Holm"], "14.12.2026"
    )
    clock.advance(15 * 60)
    meetings.end_meeting(db, meeting.id, next_meeting_on=date(2026, 12, 15))
    return meeting.id


def _received(db: Database, meeting_id: int, inbox: tuple[Inbox, int]) -> str:
    """Send the minutes to Mette Lund through the local server; the body as it arrived."""
    handler, port = inbox
    minutes = meetings.meeting_minutes(db, meeting_id)
    files = MinutesFiles(
        pdf_path=Path("referat.pdf"),
        png_path=Path("tavlen.png"),
        pdf=b"%PDF-1.4\n%%EOF\n",
        png=b"\x89PNG\r\n\x1a\n",
    )
    settings = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender="tavlen@kommune.example"
    )
    sender = settings.sender
    to = Recipient("Mette Lund", "mette.lund@kommune.example")
    results = send_each(settings, None, lambda r: make_message(minutes, files, sender, r), [to])
    assert [r.ok for r in results] == [True]
    [(rcpt, message)] = handler.messages
    assert rcpt == ["mette.lund@kommune.example"]
    return str(message.get_body(("plain",)).get_content()).replace("\r\n", "\n")


def test_the_absent_colleague_reads_what_happened_in_danish(
    demo_db: Database, board_id: int, clock: FakeClock, inbox: tuple[Inbox, int]
) -> None:
    i18n.set_language("da")
    meeting_id = _hold_meeting(demo_db, board_id, clock)
    assert _received(demo_db, meeting_id, inbox) == DANISH


def test_the_absent_colleague_reads_english_in_english(
    demo_db: Database, board_id: int, clock: FakeClock, inbox: tuple[Inbox, int]
) -> None:
    i18n.set_language("en")
    meeting_id = _hold_meeting(demo_db, board_id, clock)
    body = _received(demo_db, meeting_id, inbox)
    assert body.startswith("Dear Mette Lund,\n\n" + ENGLISH_INTRO + "\n")
    assert "Next meeting: Tuesday 15 December\n" in body
    assert body.endswith("Kind regards\nHanne Krogh\n")
