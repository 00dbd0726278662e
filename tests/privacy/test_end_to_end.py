"""Issue 13 end to end: a citizen's name and CPR number typed into a card's description, a
learning, an agreement, a meeting's notes and so frozen into the minutes are found, redacted,
and then found nowhere: not by Find persondata, not in an export, not in the minutes made
again (which say they were edited), not in any row read back through a fresh connection — and
on SQLite not in the raw bytes of the database file and its -wal, in UTF-8, UTF-16 or as the
JSON escapes a snapshot stores."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import inspect, select, table, text

from board.domain.entities import MeetingKind
from board.export.minutes_pdf import minutes_pdf_bytes
from board.persistence.database import Database, open_database
from board.services import (
    boards,
    cards,
    erasure,
    learning_points,
    log,
    meeting_steps,
    meetings,
    privacy,
    transfer,
)

NAME = "Anna Sørensen"
CPR = "150650\u20135678"  # with an en dash, as a word processor writes it
SECRETS = (NAME, CPR, "Sørensen", "150650")


def _fill(db: Database) -> tuple[int, int]:
    board = boards.create_board(db, "Sagsteamet")
    cards.add_card(db, board.id, "Hjemmebesøg", description=f"Besøg hos {NAME}, {CPR}.")
    log.add_log_entry(db, board.id, "Fast mødetid", learning=f"{NAME} ({CPR}) kom om formiddagen")
    meeting = meetings.start_meeting(db, board.id, MeetingKind.SPARRING, planned_minutes=45)
    meeting_steps.set_step_notes(db, meeting.id, "question", f"Hvordan støtter vi {NAME}?")
    meetings.add_agreement(db, meeting.id, f"Ring til {NAME} om {CPR}")
    meetings.edit_meeting(db, meeting.id, notes=f"Sagen om {NAME}, cpr {CPR}")
    learning_points.add_learning_point(db, board.id, f"Spørg {NAME} først", meeting_id=meeting.id)
    meetings.end_meeting(db, meeting.id)
    meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)  # a baseline holds it too
    return board.id, meeting.id


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _every_row(url: str) -> str:
    """Every row of every table, as text, read through a connection of its own."""
    fresh = open_database(url)
    try:
        with fresh.read() as s:
            names = inspect(s.connection()).get_table_names()
            return "\n".join(
                repr(tuple(row)) + json.dumps([str(v) for v in row], ensure_ascii=False)
                for name in names
                for row in s.execute(select(text("*")).select_from(table(name)))
            )
    finally:
        fresh.close()


def _raw_forms(secret: str) -> list[bytes]:
    forms = [secret.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    return [*forms, json.dumps(secret)[1:-1].encode("ascii")]  # as a JSON text escapes it


def test_name_and_cpr_found_redacted_and_gone_everywhere(
    db: Database, db_url: str, backend: str, tmp_path: Path
) -> None:
    board_id, meeting_id = _fill(db)
    named = privacy.find(db, board_id, NAME)
    numbered = privacy.find_cpr(db, board_id)
    assert {"card", "log", "agreement", "meeting", "meeting_step", "learning_point",
            "snapshot"} <= {h.place for h in named}  # fmt: skip
    assert {h.found for h in numbered} == {CPR}
    assert any(s in _every_row(db_url) for s in SECRETS)  # the check below can fail

    by_name = erasure.redact(db, board_id, NAME)
    by_number = erasure.redact(db, board_id, "", privacy.find_cpr(db, board_id))

    assert by_name.places == len(named) and by_number.places == len(numbered)
    assert by_name.scrubbed and by_number.scrubbed
    assert privacy.find(db, board_id, NAME) == []
    assert privacy.find(db, board_id, "Sørensen") == []
    assert privacy.find_cpr(db, board_id) == []
    exported = tmp_path / "board.json"
    transfer.export_to_file(db, board_id, exported)
    document = json.dumps(json.loads(exported.read_text(encoding="utf-8")), ensure_ascii=False)
    assert not [s for s in SECRETS if s in document]
    assert "[slettet]" in document
    minutes = _pdf_text(minutes_pdf_bytes(meetings.meeting_minutes(db, meeting_id)))
    assert not [s for s in SECRETS if s in minutes]
    assert "Redigeret af hensyn til persondata den" in minutes
    assert "Ring til [slettet] om [slettet]" in minutes
    rows = _every_row(db_url)
    assert not [s for s in SECRETS if s in rows]
    if backend == "sqlite":
        path = Path(db.sqlite_path or "")
        for file in (path, path.with_name(path.name + "-wal")):
            data = file.read_bytes() if file.exists() else b""
            held = [s for s in SECRETS for form in _raw_forms(s) if form in data]
            assert held == [], f"{file.name} still holds {held}"
