"""A team's own meeting format from the command line: listed with the board's formats, its
guide as a PDF in its own words, and kept in the board's file through export → import
together with what its meeting left behind (step notes, roles, decisions at a step, ideas)."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from cli_runner import Run

from board.domain.meeting_formats import Question
from board.i18n import catalog, set_language
from board.meeting_formats import format_text
from board.persistence.database import open_database
from board.services import boards, meeting_steps, meetings, team_formats
from board.services.boards import find_board

BOARD = "Spædbarnsindsatsen"


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", out.stdout)


def _board_with_our_sparring(run: Run, db_file: Path) -> None:
    """The demo board, a team format copied from Teamsparring with a question of its own, and
    a meeting held in it."""
    assert run("demo", "--db", db_file).code == 0
    set_language("da")
    db = open_database(f"sqlite:///{db_file}")
    try:
        board = find_board(db, BOARD)
        fmt = team_formats.copy_format(db, board.id, "sparring", "Vores sparring")
        step = fmt.steps[2]
        team_formats.save_format(
            db,
            board.id,
            replace(
                fmt,
                texts={**fmt.texts, "own.q": "Hvad ville barnet sige om det?"},
                steps=(
                    *fmt.steps[:2],
                    replace(step, questions=(*step.questions, Question("own.q"))),
                    *fmt.steps[3:],
                ),
            ),
        )
        running = meetings.open_meeting(db, board.id)
        if running is not None:
            meetings.end_meeting(db, running.id)
        meeting = meetings.start_meeting(db, board.id, "sparring", 40, format_key=fmt.key)
        hanne = next(p for p in boards.load_board(db, board.id).people if p.name == "Hanne Krogh")
        meeting_steps.set_step_notes(db, meeting.id, "question", "Hvordan støtter vi far?")
        meeting_steps.set_role(db, meeting.id, "case_worker", hanne.id)
        meeting_steps.add_idea(db, meeting.id, "Fast tid til sparring", "reflection")
        meeting_steps.add_decision(
            db, meeting.id, "Ring til jordemoderen", hanne.id, date(2026, 12, 14), "inspiration"
        )
        meetings.end_meeting(db, meeting.id)
    finally:
        db.close()


def test_formats_lists_the_boards_own_formats_after_the_sources(run: Run, db_file: Path) -> None:
    _board_with_our_sparring(run, db_file)
    result = run("formats", "--db", db_file, "--board", BOARD)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "progress\tFremdriftsmøde\t15"
    assert lines[-1] == "team-1\tVores sparring\t40"
    assert len(lines) == 7
    unknown = run("formats", "--db", db_file, "--board", "Ingen tavle")
    assert unknown.code != 0 and "Ingen tavle" in unknown.err


def test_agenda_of_a_team_format_is_in_its_own_words(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    _board_with_our_sparring(run, db_file)
    target = tmp_path / "vores.pdf"
    result = run("agenda", "--db", db_file, "--board", BOARD, "team-1", target)
    assert result.code == 0, result.err
    assert result.out.strip() == f"Mødeguiden til »Vores sparring« er gemt i {target}."
    text = _pdf_text(target)
    assert "Vores sparring" in text
    assert "7. Hvad ville barnet sige om det?" in text
    assert "Teamsparring" not in text  # named by its own name throughout
    without_board = run("agenda", "team-1", tmp_path / "x.pdf")
    assert without_board.code != 0 and "team-1" in without_board.err
    assert not (tmp_path / "x.pdf").exists()


def test_a_custom_format_and_its_meeting_survive_export_then_import(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    _board_with_our_sparring(run, db_file)
    exported = tmp_path / "tavle.json"
    assert run("export", "--db", db_file, BOARD, exported).code == 0
    other = tmp_path / "other.sqlite3"
    result = run("import", "--db", other, exported)
    assert result.code == 0, result.err

    set_language("en")  # the team's own wording does not follow the catalog
    db = open_database(f"sqlite:///{other}")
    try:
        board = find_board(db, BOARD)
        [ours] = [f for f in team_formats.formats_for_board(db, board.id) if f.team]
        assert (ours.key, ours.kind, format_text(ours, ours.name_key)) == (
            "team-1",
            "sparring",
            "Vores sparring",
        )
        questions = [format_text(ours, q.key) for q in ours.steps[2].questions]
        assert questions[0] == catalog("da")["format.sparring.q1"]
        assert questions[-1] == "Hvad ville barnet sige om det?"
        [meeting] = [m for m in meetings.list_meetings(db, board.id) if m.format_key]
        assert meeting.format_key == "team-1"
        assert [(s.step_key, s.notes) for s in meeting.steps] == [
            ("question", "Hvordan støtter vi far?")
        ]
        state = boards.load_board(db, board.id)
        hanne = next(p for p in state.people if p.name == "Hanne Krogh")
        assert [(r.role, r.person_id) for r in meeting.roles] == [("case_worker", hanne.id)]
        decision = meeting.agreements[-1]
        assert (decision.what, decision.step_key, decision.owner_id) == (
            "Ring til jordemoderen",
            "inspiration",
            hanne.id,
        )
        made = sorted(c.title for c in state.cards if c.meeting_id == meeting.id)
        assert made == ["Fast tid til sparring", "Ring til jordemoderen"]
    finally:
        db.close()
        set_language("da")
    again = tmp_path / "igen.json"
    assert run("export", "--db", other, BOARD, again).code == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (exported, again))
    assert second["team_formats"] == first["team_formats"]
    assert second["meetings"] == first["meetings"]


def test_a_file_whose_team_format_is_broken_is_refused_in_words(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    _board_with_our_sparring(run, db_file)
    exported = tmp_path / "tavle.json"
    assert run("export", "--db", db_file, BOARD, exported).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["team_formats"][0]["document"]["steps"][0]["minutes"] = 0
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    result = run("import", "--db", other, broken)
    assert result.code != 0
    assert result.err.strip().endswith(
        f"Filen »{broken}« har ugyldigt indhold i teamets mødeformat nr. 1, formatets indhold: "
        "mødeformatet kan ikke bruges (trin nr. 1, feltet »minutter«: Tallet skal være større "
        "end 0, ikke 0.). Intet er indlæst."
    )
