"""The mail to an absent colleague names the meeting's format — a Teamsparring, or a team's
own format by its own name — and tells its decisions and learning points."""

from __future__ import annotations

from datetime import date, datetime

from smtp_server import Inbox

from board import i18n
from board.persistence.database import Database
from board.services import boards, learning_points, meeting_steps, meetings, team_formats
from board.ui.meeting.minutes_actions import subject

from .helpers import FakeClock
from .test_mail_to_absent import _received

SPARRING = """\
Hej Mette Lund

Du kunne ikke deltage i teamsparringen om Spædbarnsindsatsen tirsdag den 1. december. \
Her er referatet (PDF) og et billede af tavlen.

Beslutninger:
- Fælles hjemmebesøg med sundhedsplejersken – Gitte Holm – 8.12.2026

Læringspunkter:
- Inddrag sundhedsplejen tidligt i graviditeten.

Venlig hilsen
Hanne Krogh
"""


def _hold_sparring(db: Database, board_id: int, clock: FakeClock, format_key: str = "") -> int:
    """A sparring on Tuesday 1 December 2026 that Mette Lund missed."""
    clock.now = datetime(2026, 12, 1, 13, 0)
    people = {p.name: p.id for p in boards.load_board(db, board_id).people}
    meeting = meetings.start_meeting(
        db, board_id, "sparring", 40, people["Hanne Krogh"], format_key=format_key
    )
    for name in ("Gitte Holm", "Hanne Krogh"):
        meetings.set_present(db, meeting.id, people[name], True)
    meeting_steps.add_decision(
        db, meeting.id, "Fælles hjemmebesøg med sundhedsplejersken", people["Gitte Holm"],
        date(2026, 12, 8), "inspiration",
    )  # fmt: skip
    learning_points.add_learning_point(
        db, board_id, "Inddrag sundhedsplejen tidligt i graviditeten.", meeting_id=meeting.id
    )
    clock.advance(40 * 60)
    meetings.end_meeting(db, meeting.id)
    return meeting.id


def test_the_mail_names_the_teamsparring_and_its_decisions(
    demo_db: Database, board_id: int, clock: FakeClock, inbox: tuple[Inbox, int]
) -> None:
    i18n.set_language("da")
    meeting_id = _hold_sparring(demo_db, board_id, clock)
    assert _received(demo_db, meeting_id, inbox) == SPARRING
    minutes = meetings.meeting_minutes(demo_db, meeting_id)
    assert subject(minutes) == "Referat – Teamsparring – Spædbarnsindsatsen – 1.12.2026"


def test_the_mail_names_a_team_format_by_its_own_name(
    demo_db: Database, board_id: int, clock: FakeClock, inbox: tuple[Inbox, int]
) -> None:
    i18n.set_language("da")
    team = team_formats.copy_format(demo_db, board_id, "sparring", "Fredagssparring")
    meeting_id = _hold_sparring(demo_db, board_id, clock, team.key)
    body = _received(demo_db, meeting_id, inbox)
    assert "Du kunne ikke deltage i mødet »Fredagssparring« om Spædbarnsindsatsen" in body
    minutes = meetings.meeting_minutes(demo_db, meeting_id)
    assert subject(minutes) == "Referat – Fredagssparring – Spædbarnsindsatsen – 1.12.2026"
