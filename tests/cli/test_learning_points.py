"""`forbedringstavle learning-points`: what a team leader hands the other teams' leaders."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

from cli_runner import Run

from board.dates import compact_date
from board.i18n import set_language
from board.persistence.database import open_database
from board.services import learning_points, meetings, people
from board.services.boards import find_board

TODAY = date.today()


def _board(run: Run, db_file: Path) -> None:
    """The demo board with a sparring meeting and two more points: an old one and one whose
    text starts like a formula."""
    assert run("demo", "--db", db_file).code == 0
    db = open_database(f"sqlite:///{db_file}")
    try:
        board = find_board(db, "Spædbarnsindsatsen")
        leader = people.add_person(db, board.id, "Åse Ørum")
        meeting = meetings.start_meeting(db, board.id, "sparring", 60)
        meetings.end_meeting(db, meeting.id)
        learning_points.add_learning_point(
            db,
            board.id,
            '=HYPERLINK("http://x")+søskende; "citat"\nanden linje',
            meeting_id=meeting.id,
            case_label="-Sag Æ",
            noted_by_id=leader.id,
        )
        learning_points.add_learning_point(
            db, board.id, "Gammelt punkt", noted_on=TODAY - timedelta(days=400)
        )
    finally:
        db.close()


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its BOM
    assert b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_for_excel_keeps_danish_letters_and_guards_formulas(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    _board(run, db_file)
    out = tmp_path / "læringspunkter.csv"
    since = (TODAY - timedelta(days=60)).isoformat()
    result = run("learning-points", "--db", db_file, "Spædbarnsindsatsen", out, "--since", since)
    assert result.code == 0, result.err
    assert result.out.strip() == f"Læringspunkterne er gemt i {out}."
    rows = _csv_rows(out)
    assert rows[0] == ["Dato", "Læringspunkt", "Møde", "Sag", "Noteret af"]
    newest = rows[1]
    assert newest == [
        compact_date(TODAY),
        '\'=HYPERLINK("http://x")+søskende; "citat"\nanden linje',  # text, not a formula
        f"Teamsparring {compact_date(TODAY)}",
        "'-Sag Æ",
        "Åse Ørum",
    ]
    # the demo's five too (two noted at its Teamsparring on Sag A, one at its læringsmøde)
    assert [r[3] for r in rows[1:]] == ["'-Sag Æ", "", "Sag A", "Sag A", "", ""]
    assert "Gammelt punkt" not in {r[1] for r in rows}  # before --since


def test_pdf_shows_the_points_of_the_period(run: Run, db_file: Path, tmp_path: Path) -> None:
    _board(run, db_file)
    out = tmp_path / "punkter.pdf"
    result = run("learning-points", "--db", db_file, "1", out)
    assert result.code == 0, result.err
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Læringspunkter",
        "Spædbarnsindsatsen",
        f"Alle læringspunkter til og med {compact_date(TODAY)}",
        "7 læringspunkter",
        "Dato Læringspunkt Møde Sag Noteret af",
        "Åse Ørum",
        "Gammelt punkt",
        "Når forældrene selv sætter ord på",
        "Sag A",
    ):
        assert expected in flat, expected


def test_english_headings(run: Run, db_file: Path, tmp_path: Path) -> None:
    _board(run, db_file)
    out = tmp_path / "points.CSV"  # the ending in any case
    assert run("--lang", "en", "learning-points", "--db", db_file, "1", out).code == 0
    set_language("en")
    rows = _csv_rows(out)
    assert rows[0] == ["Date", "Learning point", "Meeting", "Case", "Noted by"]
    assert rows[1][0] == compact_date(TODAY) and rows[1][2].startswith("Team sparring")


def test_wrong_input_is_one_danish_line_and_nothing_is_written(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    assert run("demo", "--db", db_file).code == 0
    before = db_file.read_bytes()
    cases = {
        ("Spædbarnsindsatsen", "punkter.txt"): "skal ende på .pdf eller .csv",
        ("Spædbarnsindsatsen", "punkter.csv", "--since", "2026-13-01"): "ikke en gyldig dato",
        ("Spædbarnsindsatsen", "punkter.csv", "--since", "i går"): "ikke en gyldig dato",
        ("Ingen tavle", "punkter.pdf"): "Der findes ingen tavle, der hedder »Ingen tavle«",
    }
    for args, expected in cases.items():
        line = run("learning-points", "--db", db_file, *args).assert_clean_failure()
        assert expected in line, line
    assert not list(tmp_path.glob("punkter*"))
    assert db_file.read_bytes() == before


def test_a_danish_date_is_read_too(run: Run, db_file: Path, tmp_path: Path) -> None:
    _board(run, db_file)
    out = tmp_path / "p.csv"
    day = TODAY - timedelta(days=500)
    since = f"{day.day}.{day.month}.{day.year}"
    assert run("learning-points", "--db", db_file, "1", out, "--since", since).code == 0
    assert "Gammelt punkt" in {r[1] for r in _csv_rows(out)}
