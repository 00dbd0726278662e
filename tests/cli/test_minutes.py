"""`forbedringstavle minutes`: a meeting's minutes re-made identical; today's board as minutes."""

from __future__ import annotations

from pathlib import Path

from cli_runner import Run
from pypdf import PdfReader

from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.persistence.location import sqlite_url
from board.services import boards, cards, meetings


def _hold_meeting(db_file: Path) -> None:
    db = open_database(sqlite_url(db_file))
    try:
        board = boards.first_board(db)
        assert board is not None
        state = boards.load_board(db, board.id)
        gitte = next(p for p in state.people if p.name == "Gitte Holm")
        meeting = meetings.start_meeting(db, board.id, facilitator_id=gitte.id)
        meetings.set_present(db, meeting.id, gitte.id, True)
        idea = state.lane(Lane.IDEAS)[0]
        cards.move_card(db, idea.id, idea.version, Lane.PRIORITISED, 0)
        meetings.add_agreement(db, meeting.id, "Ring til barselgangen", gitte.id, "2026-12-01")
        meetings.end_meeting(db, meeting.id, "2026-12-07")
    finally:
        db.close()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_minutes_of_the_latest_meeting_are_remade_identical(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    assert run("demo", "--db", db_file).code == 0
    _hold_meeting(db_file)
    first = tmp_path / "referat.pdf"
    result = run("minutes", "--db", db_file, "Spædbarnsindsatsen", first, "--meeting", "latest")
    assert result.code == 0, result.err
    text = _text(first)
    for expected in (
        "Referat",
        "Spædbarnsindsatsen",
        "Gitte Holm",
        "Mette Lund",
        "Ring til barselgangen",
        "Idéer",
        "Prioritering",
        "Aktiviteter",
        "Log",
    ):
        assert expected in text, expected
    assert run("demo", "--db", db_file).code == 0  # the database changes afterwards …
    db = open_database(sqlite_url(db_file))
    try:
        board = boards.find_board(db, "Spædbarnsindsatsen")
        for card in boards.load_board(db, board.id).lane(Lane.ACTIVITIES):
            cards.move_card(db, card.id, card.version, Lane.LOG, None)
        meeting_id = meetings.find_meeting(db, board.id, "latest").id
    finally:
        db.close()
    again = tmp_path / "igen.pdf"
    assert (
        run(
            "minutes", "--db", db_file, "Spædbarnsindsatsen", again, "--meeting", str(meeting_id)
        ).code
        == 0
    )
    assert again.read_bytes() == first.read_bytes()  # … but last month's minutes do not


def test_minutes_of_today_without_a_meeting(run: Run, db_file: Path, tmp_path: Path) -> None:
    assert run("demo", "--db", db_file).code == 0
    target = tmp_path / "i-dag.pdf"
    assert run("minutes", "--db", db_file, "Spædbarnsindsatsen", target).code == 0
    text = _text(target)
    assert "Forberedende møde med sagsbehandler" in text
    assert "Observationsredskab" in text  # overdue in the demo


def test_minutes_errors(run: Run, db_file: Path, tmp_path: Path) -> None:
    assert run("demo", "--db", db_file).code == 0
    db = open_database(sqlite_url(db_file))
    try:
        boards.create_board(db, "Ny tavle")  # no meeting held yet, unlike the demo
    finally:
        db.close()
    target = tmp_path / "x.pdf"
    line = run(
        "minutes", "--db", db_file, "Ny tavle", target, "--meeting", "latest"
    ).assert_clean_failure()
    assert "ingen afsluttede møder" in line
    _hold_meeting(db_file)
    line = run(
        "minutes", "--db", db_file, "Spædbarnsindsatsen", target, "--meeting", "999"
    ).assert_clean_failure()
    assert "»999«" in line
    assert not target.exists()
