"""The next meeting after a meeting ended by touch on the wall: its .ics beside the minutes,
attached to the mail to those absent, and "Næste: …" on the top bar in Danish and English."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ics_reader import read_ics
from smtp_server import Inbox

from board import i18n
from board.export.mail import Recipient, send_each
from board.settings import SmtpSettings
from board.ui.meeting.minutes_actions import make_message

from .helpers import FakeClock, screenshot, tap, wait_for


def test_a_meeting_ended_by_touch_leaves_an_invitation_and_the_top_bar_names_the_next(
    wall, qtbot, clock: FakeClock, minutes_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    c = wall.meetings
    top = wall.top
    assert not top.next_meeting.isVisible()  # nothing planned on the demo board yet
    clock.now = datetime(2026, 12, 1, 9, 6)  # a Tuesday; begun a little late
    tap(top, "meeting")
    tap(c.panel, "meeting-start")
    while c.panel.next_button.isEnabled():
        tap(c.panel, "meeting-next")
    tap(c.panel, "next-7")  # "1 uge": Tuesday 8 December
    clock.advance(15 * 60)
    tap(c.panel, "meeting-end")
    wait_for(qtbot, lambda: c.state.files is not None)

    # Beside the minutes, named like them but with the day and time it invites to.
    files = c.state.files
    invitation = minutes_dir / "Indkaldelse 2026-12-08 09.00 Spædbarnsindsatsen.ics"
    assert files.ics_path == invitation
    assert sorted(p.suffix for p in minutes_dir.iterdir()) == [".ics", ".pdf", ".png"]
    event = read_ics(invitation.read_bytes()).child("VEVENT")
    assert event.one("DTSTART").params == {"TZID": "Europe/Copenhagen"}
    assert event.value("DTSTART") == "20261208T090000"
    assert event.value("DTEND") == "20261208T091500"
    assert event.value("SUMMARY") == "Fremdriftsmøde – Spædbarnsindsatsen"

    # The mail to a colleague who was absent carries it as a calendar attachment.
    handler, port = inbox
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none", sender="t@k.example")
    to = Recipient("Mette Lund", "mette.lund@kommune.example")
    results = send_each(
        settings, None, lambda r: make_message(c.state.minutes, files, settings.sender, r), [to]
    )
    assert [r.ok for r in results] == [True]
    [(_rcpt, message)] = handler.messages
    [calendar] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert calendar.get_filename() == invitation.name
    assert calendar.get_param("method") == "PUBLISH"
    assert calendar.get_payload(decode=True) == invitation.read_bytes()

    # Back at the board: the top bar says when the team meets next. On the wall, where the
    # type is read from 3 m, without the format's name (the date gives way first).
    tap(c.panel, "meeting-close")
    qtbot.waitUntil(top.next_meeting.isVisible)
    assert top.next_meeting.text() == "Næste: tirs. 8.12. kl. 9.00"
    assert top.next_meeting.toolTip() == "Næste: Fremdriftsmøde tirs. 8.12. kl. 9.00"
    screenshot(top, "meeting-next-top-bar-wall-da")
    tap(top, "wall-mode")  # a laptop's window: room for the date and the format
    qtbot.waitUntil(lambda: not wall.wall)
    assert top.next_meeting.text() == "Næste: Fremdriftsmøde tirs. 8.12. kl. 9.00"
    assert top.date.text()  # and the date beside it
    screenshot(top, "meeting-next-top-bar-da")
    i18n.set_language("en")
    try:
        wall.apply_theme()
        assert top.next_meeting.text() == "Next: Progress meeting Tue 8 Dec 09:00"
        screenshot(top, "meeting-next-top-bar-en")
    finally:
        i18n.set_language("da")
