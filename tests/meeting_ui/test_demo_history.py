"""A newcomer opens the demo's held Teamsparring from Møder: its minutes are made from its
snapshot, with the format's steps and notes."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from board.services import meetings

from .helpers import FakeClock, screenshot, tap, wait_for


def test_the_demo_s_teamsparring_opens_from_moeder(
    wall, qtbot, demo_db, board_id, clock: FakeClock, tmp_path: Path
) -> None:
    sparring = next(m for m in meetings.list_meetings(demo_db, board_id) if m.kind == "sparring")
    c = wall.meetings
    tap(wall.top, "meeting")
    tap(c.panel, "meeting-ready-history")
    sheet = wall.sheet
    assert sheet.objectName() == "history-sheet"
    tap(sheet, f"meeting-{sparring.id}")
    wait_for(qtbot, lambda: sheet.files is not None)
    screenshot(wall, "meeting-wall-history-sparring")

    pages = PdfReader(BytesIO(sheet.files.pdf)).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    assert text.startswith("Referat – teamsparring Spædbarnsindsatsen")
    assert "1. Hvad ønskes der sparring til? maks. 5 min Sag A: Et kommende forældrepar" in text
    assert "Ny aktivitet: Kort nr." in text and "Mette Lund" in text
