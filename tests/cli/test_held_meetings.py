"""`forbedringstavle meetings` (the held meetings, numbered on their board) and
`forbedringstavle invitation` (the next meeting as an .ics), through the real command line."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from cli_runner import Run
from ics_reader import read_ics
from pypdf import PdfReader

from board.dates import compact_date, long_date
from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.persistence.location import sqlite_url
from board.services import boards, meetings

BOARD = "Spædbarnsindsatsen"
SECOND = "Spædbarnsindsatsen (2)"


def _hold(
    db_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    board_name: str,
    start: datetime,
    facilitator: str | None = None,
    next_on: date | None = None,
) -> int:
    """One meeting held from ``start`` for 15 minutes; its id."""
    db = open_database(sqlite_url(db_file))
    try:
        board = boards.find_board(db, board_name)
        people = {p.name: p.id for p in boards.load_board(db, board.id).people}
        monkeypatch.setattr("board.services.meetings.now", lambda: start)
        meeting = meetings.start_meeting(
            db, board.id, facilitator_id=people[facilitator] if facilitator else None
        )
        monkeypatch.setattr("board.services.meetings.now", lambda: start + timedelta(minutes=15))
        meetings.end_meeting(db, meeting.id, next_on)
        return meeting.id
    finally:
        db.close()


def _card_titles(db_file: Path) -> list[str]:
    db = open_database(sqlite_url(db_file))
    try:
        state = boards.load_board(db, boards.find_board(db, BOARD).id)
        return [c.title for lane in Lane for c in state.lane(lane)]
    finally:
        db.close()


def test_held_meetings_newest_first_numbered_on_their_board(
    run: Run, db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("demo", "--db", db_file).code == 0
    assert run("demo", "--db", db_file).code == 0  # a second board, whose meetings come first
    today = date.today()  # the demo's meetings are dated from the machine's today
    sparring, learning = today - timedelta(days=9), today - timedelta(days=3)
    demo_held = run("meetings", "--db", db_file, BOARD)
    assert demo_held.code == 0, demo_held.err
    assert demo_held.out.splitlines() == [
        f"2\t{compact_date(learning)}\tSystematisk læringsmøde\tJoan Berg",
        f"1\t{compact_date(sparring)}\tTeamsparring\tHanne Krogh",
    ]
    days_ago = [datetime.combine(today - timedelta(days=n), time(9, 0)) for n in range(60)]
    _hold(db_file, monkeypatch, SECOND, days_ago[50])
    _hold(db_file, monkeypatch, SECOND, days_ago[40])
    _hold(db_file, monkeypatch, BOARD, days_ago[30].replace(minute=2), "Gitte Holm")
    _hold(db_file, monkeypatch, BOARD, days_ago[20])
    _hold(db_file, monkeypatch, BOARD, days_ago[1].replace(minute=5), "Hanne Krogh")

    listed = run("meetings", "--db", db_file, BOARD)
    assert listed.code == 0, listed.err
    assert listed.out.splitlines() == [
        f"5\t{compact_date(days_ago[1])}\tFremdriftsmøde\tHanne Krogh",
        f"4\t{compact_date(learning)}\tSystematisk læringsmøde\tJoan Berg",
        f"3\t{compact_date(sparring)}\tTeamsparring\tHanne Krogh",
        f"2\t{compact_date(days_ago[20])}\tFremdriftsmøde\t—",
        f"1\t{compact_date(days_ago[30])}\tFremdriftsmøde\tGitte Holm",
    ]
    english = run("meetings", "--db", db_file, "--lang", "en", BOARD)
    assert english.out.splitlines()[0].endswith("\tProgress meeting\tHanne Krogh")

    # The number the list shows is the one `minutes --meeting` takes (not a database id:
    # this board's first progress meeting is the seventh in the database).
    pdf = tmp_path / "første.pdf"
    made = run("minutes", "--db", db_file, BOARD, pdf, "--meeting", "1")
    assert made.code == 0, made.err
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Gitte Holm" in text and "Hanne Krogh" not in text.split("Fraværende")[0]
    assert long_date(days_ago[30].date()) in text
    sparring_pdf = tmp_path / "sparring.pdf"
    assert run("minutes", "--db", db_file, BOARD, sparring_pdf, "--meeting", "3").code == 0
    text = " ".join(page.extract_text() for page in PdfReader(sparring_pdf).pages)
    assert "Referat – teamsparring" in text and "Mødets trin" in text
    wrong = run("minutes", "--db", db_file, BOARD, tmp_path / "x.pdf", "--meeting", "6")
    assert "»6«" in wrong.assert_clean_failure()


def test_the_next_meeting_as_an_invitation_outlook_opens(
    run: Run, db_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("demo", "--db", db_file).code == 0
    target = tmp_path / "næste møde.ics"
    refused = run("invitation", "--db", db_file, BOARD, target)
    assert refused.assert_clean_failure() == (
        f"forbedringstavle: Der er intet næste møde planlagt på tavlen »{BOARD}«. Vælg datoen"
        " for næste møde, når du afslutter et møde, og prøv igen."
    )
    assert not target.exists()
    english = run("invitation", "--db", db_file, "--lang", "en", BOARD, target)
    assert "No next meeting is planned" in english.assert_clean_failure()

    today = date.today()  # the command plans from the machine's today
    yesterday = datetime.combine(today - timedelta(days=1), datetime.min.time())
    _hold(db_file, monkeypatch, BOARD, yesterday.replace(hour=9, minute=7), next_on=today)
    next_week = today + timedelta(days=7)
    _hold(db_file, monkeypatch, BOARD, yesterday.replace(hour=13, minute=11), next_on=next_week)

    written = run("invitation", "--db", db_file, BOARD, target)
    assert written.code == 0, written.err
    assert written.out.startswith("Indkaldelsen til fremdriftsmødet ")
    assert written.out.rstrip().endswith(f"kl. 13.15 er gemt i {target}.")
    event = read_ics(target.read_bytes()).child("VEVENT")  # the newest plan replaced the first
    start = event.one("DTSTART")
    assert start.params["TZID"] == "Europe/Copenhagen"
    assert start.value == f"{next_week:%Y%m%d}T131500"
    assert event.value("DTEND") == f"{next_week:%Y%m%d}T133000"
    assert event.value("SUMMARY") == f"Fremdriftsmøde – {BOARD}"
    text = target.read_bytes().decode("utf-8")
    for title in _card_titles(db_file):  # what is on the cards never leaves in a calendar
        assert title[:20] not in text.replace("\r\n ", "")
