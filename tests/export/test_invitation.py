"""The next meeting as an .ics invitation (board/export/invitation.py), read back by a strict
RFC 5545 reader: CRLF, 75-octet lines, the Copenhagen time zone, escaping, UTF-8."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ics_reader import IcsError, physical_lines, read_ics

from board import i18n
from board.domain.entities import Meeting, MeetingKind
from board.domain.errors import BoardError
from board.domain.planning import PlannedMeeting, next_meeting, plan_of, quarter_hour
from board.export.invitation import fold, invitation_bytes, write_invitation

TRICKY = 'Sorø, Næstved; Køge \\ "æøå"'
STAMP = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)


def _plan(board: str = TRICKY, kind: MeetingKind = MeetingKind.PROGRESS) -> PlannedMeeting:
    return PlannedMeeting(
        board_id=3,
        board_name=board,
        kind=kind,
        starts_at=datetime(2026, 12, 10, 9, 0),
        minutes=15,
        planned_by=17,
        planned_at=datetime(2026, 11, 26, 9, 4, 12),
        made_at=datetime(2026, 11, 26, 9, 20, 0),
    )


@pytest.fixture(autouse=True)
def _danish() -> None:
    i18n.set_language("da")


def test_the_invitation_reads_back_strictly_with_its_local_time_and_escaped_title() -> None:
    data = invitation_bytes(_plan(), STAMP)
    lines = physical_lines(data)  # CRLF everywhere, none longer than 75 octets
    assert any(line.startswith(b" ") for line in lines)  # the long description was folded
    calendar = read_ics(data)
    assert calendar.value("VERSION") == "2.0"
    assert calendar.value("PRODID").startswith("-//Forbedringstavle//")
    assert calendar.value("METHOD") == "PUBLISH"
    zone = calendar.child("VTIMEZONE")
    assert zone.value("TZID") == "Europe/Copenhagen"
    summer, winter = zone.child("DAYLIGHT"), zone.child("STANDARD")
    assert (summer.value("TZOFFSETTO"), winter.value("TZOFFSETTO")) == ("+0200", "+0100")
    assert summer.value("RRULE") == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    assert winter.value("RRULE") == "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
    event = calendar.child("VEVENT")
    start, end = event.one("DTSTART"), event.one("DTEND")
    assert start.params == {"TZID": "Europe/Copenhagen"} and start.value == "20261210T090000"
    assert end.params == {"TZID": "Europe/Copenhagen"} and end.value == "20261210T091500"
    assert event.value("DTSTAMP") == "20261201T083000Z"
    assert event.value("UID") == "meeting-17-board-3-20261126T090412@forbedringstavle.local"
    assert event.value("SUMMARY") == f"Fremdriftsmøde – {TRICKY}"
    description = event.value("DESCRIPTION")
    assert description.startswith("15 minutters fælles fokus på udvikling og prioritering")
    assert "\nFør mødet: De ansvarlige for de igangværende prøvehandlinger" in description
    assert data.decode("utf-8").count("BEGIN:VEVENT") == 1


def test_the_same_meeting_keeps_its_uid_and_english_reads_english() -> None:
    first = read_ics(invitation_bytes(_plan(), STAMP)).child("VEVENT")
    i18n.set_language("en")
    later = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    again = read_ics(invitation_bytes(_plan(), later)).child("VEVENT")
    assert again.value("UID") == first.value("UID")  # saved again: replaces, never doubles
    assert again.value("DTSTAMP") == "20261202T100000Z"
    assert again.value("SUMMARY") == f"Progress meeting – {TRICKY}"
    assert again.value("DESCRIPTION").startswith("15 minutes of shared focus")
    # Made without a stamp: stamped when the planning meeting ended, so made again the same.
    made = _plan().made_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert read_ics(invitation_bytes(_plan())).child("VEVENT").value("DTSTAMP") == made


@pytest.mark.parametrize("kind", list(MeetingKind))
def test_every_format_has_its_name_and_purpose(kind: MeetingKind) -> None:
    event = read_ics(invitation_bytes(_plan("Team Nord", kind), STAMP)).child("VEVENT")
    assert event.value("SUMMARY") == f"{i18n.tr(f'meeting.{kind}')} – Team Nord"
    assert event.value("DESCRIPTION") == i18n.tr(f"meeting.invitation.purpose.{kind}")


def test_folding_counts_octets_and_never_splits_a_character() -> None:
    folded = fold("DESCRIPTION:" + "æ" * 100)
    assert max(len(line) for line in folded.split(b"\r\n")) <= 75
    assert read_ics(b"BEGIN:VCALENDAR\r\n" + folded + b"END:VCALENDAR\r\n").value(
        "DESCRIPTION"
    ) == ("æ" * 100)


def test_the_strict_reader_refuses_what_outlook_could_misread() -> None:
    good = invitation_bytes(_plan(), STAMP)
    with pytest.raises(IcsError, match="CR or LF"):
        read_ics(good.replace(b"\r\n", b"\n", 3))
    with pytest.raises(IcsError, match="more than 75"):
        read_ics(good.replace(b"\r\n ", b""))  # unfolded
    with pytest.raises(IcsError, match="unescaped"):
        read_ics(good.replace(b"Sor\xc3\xb8\\,", b"Sor\xc3\xb8,"))


def test_the_file_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "næste møde.ics"
    data = write_invitation(_plan(), target, STAMP)
    assert target.read_bytes() == data
    with pytest.raises(BoardError) as refused:
        write_invitation(_plan(), tmp_path / "mangler" / "x.ics", STAMP)
    assert refused.value.key == "error.write_file"
    assert not (tmp_path / "mangler").exists()


def _held(
    meeting_id: int, start: datetime, next_on: date | None, kind: MeetingKind = MeetingKind.PROGRESS
) -> Meeting:
    return Meeting(
        id=meeting_id,
        board_id=1,
        kind=kind,
        started_at=start,
        ended_at=start.replace(minute=start.minute + 1),
        planned_minutes=20,
        facilitator_id=None,
        next_meeting_on=next_on,
        notes="",
        version=1,
    )


def test_the_time_is_the_quarter_hour_the_planning_meeting_was_meant_for() -> None:
    def at(h: int, m: int) -> str:
        return quarter_hour(datetime(2026, 12, 1, h, m)).strftime("%H.%M")

    assert [at(9, 0), at(9, 9), at(9, 10), at(8, 55), at(8, 54), at(23, 58)] == [
        "09.00", "09.00", "09.15", "09.00", "08.45", "23.45",
    ]  # fmt: skip
    plan = plan_of(
        _held(5, datetime(2026, 12, 1, 13, 7), date(2026, 12, 15)), "B", date(2026, 12, 1)
    )
    assert plan is not None
    assert (plan.starts_at, plan.ends_at) == (
        datetime(2026, 12, 15, 13, 0),
        datetime(2026, 12, 15, 13, 20),
    )


def test_the_next_meeting_is_the_newest_plan_of_each_format_from_today_on() -> None:
    today = date(2026, 12, 10)
    held = [
        _held(1, datetime(2026, 11, 1, 9, 0), date(2026, 12, 20)),  # replaced by meeting 2
        _held(2, datetime(2026, 11, 15, 9, 0), date(2026, 12, 29)),
        _held(3, datetime(2026, 11, 20, 14, 0), date(2026, 12, 22), MeetingKind.SPARRING),
        _held(4, datetime(2026, 11, 2, 10, 0), date(2026, 12, 9), MeetingKind.LEARNING),  # past
    ]
    plan = next_meeting("B", held, today)
    assert plan is not None and (plan.kind, plan.planned_by) == (MeetingKind.SPARRING, 3)
    assert next_meeting("B", held, date(2026, 12, 23)).planned_by == 2  # type: ignore[union-attr]
    assert next_meeting("B", held, date(2026, 12, 30)) is None
