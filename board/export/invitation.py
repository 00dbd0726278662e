"""The next meeting as an iCalendar invitation (RFC 5545) that Outlook and other calendars open.

- One VEVENT, METHOD:PUBLISH (an appointment to save, not a request with replies).
- Times are local to the team: DTSTART/DTEND carry TZID=Europe/Copenhagen and the file holds
  the zone's VTIMEZONE (CET/CEST, EU rules), so Outlook shows 9.00 whatever its own zone.
- The UID names the meeting that planned it (its id, its board and its start), so the same
  invitation saved again replaces the one in the calendar instead of adding a second.
- Text: UTF-8, CRLF line ends, lines folded at 75 octets without splitting a character,
  ``\\ ; ,`` and newlines escaped. Only the format, the board's name and the format's purpose
  from the catalog: never a card's contents.
No Qt here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from board.atomic_file import write_bytes
from board.dates import calendar_time, calendar_utc
from board.domain.planning import PlannedMeeting
from board.i18n import tr

TZID = "Europe/Copenhagen"
UID_DOMAIN = "forbedringstavle.local"  # the same on every machine: the UID must not change
LINE_OCTETS = 75

# Europe/Copenhagen since 1996 (EU summer time): CEST from the last Sunday of March 02.00,
# CET from the last Sunday of October 03.00. Outlook needs the rules, not just the name.
_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded so no physical line exceeds 75 octets (CRLF not
    counted); a continuation starts with a space, and a character is never split."""
    out = bytearray()
    room = LINE_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(encoded) > room:
            out += b"\r\n "
            room = LINE_OCTETS - 1  # the leading space counts
        out += encoded
        room -= len(encoded)
    return bytes(out) + b"\r\n"


def uid(plan: PlannedMeeting) -> str:
    stamp = calendar_time(plan.planned_at)
    return f"meeting-{plan.planned_by}-board-{plan.board_id}-{stamp}@{UID_DOMAIN}"


def invitation_lines(plan: PlannedMeeting, stamp: datetime | None = None) -> list[str]:
    """The unfolded content lines. DTSTAMP is ``stamp``, by default the end of the meeting
    that planned it (this machine's local time, as the board keeps it, in UTC): the same
    invitation made again is the same bytes, as its minutes are."""
    made = stamp or plan.made_at.astimezone(UTC)
    summary = tr(
        "meeting.invitation.summary", kind=tr(f"meeting.{plan.kind}"), board=plan.board_name
    )
    description = tr(f"meeting.invitation.purpose.{plan.kind}")
    return [
        "BEGIN:VCALENDAR",
        "PRODID:-//Forbedringstavle//Forbedringstavle//DA",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *_VTIMEZONE,
        "BEGIN:VEVENT",
        f"UID:{uid(plan)}",
        f"DTSTAMP:{calendar_utc(made)}",
        f"DTSTART;TZID={TZID}:{calendar_time(plan.starts_at)}",
        f"DTEND;TZID={TZID}:{calendar_time(plan.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]


def invitation_bytes(plan: PlannedMeeting, stamp: datetime | None = None) -> bytes:
    return b"".join(fold(line) for line in invitation_lines(plan, stamp))


def write_invitation(plan: PlannedMeeting, path: Path, stamp: datetime | None = None) -> bytes:
    """Written atomically: complete or not there. Returns the bytes written."""
    data = invitation_bytes(plan, stamp)
    write_bytes(Path(path), data)
    return data
