"""``forbedringstavle copy``: a board from a local file to a server and back, nothing lost."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from cli_runner import Run
from sqlalchemy import create_engine, text

DEMO = "Spædbarnsindsatsen"


def _rows(url: str) -> dict[str, Any]:
    """What a person would check by hand, read through a fresh connection."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            board = conn.execute(text("SELECT id FROM board WHERE name = :n"), {"n": DEMO}).one()
            where = {"b": board.id}
            cards = conn.execute(text("SELECT count(*) FROM card WHERE board_id = :b"), where)
            snapshot = conn.execute(
                text("SELECT snapshot FROM meeting WHERE board_id = :b ORDER BY started_at"), where
            ).scalars()
            values = conn.execute(
                text(
                    "SELECT m.measured_on, m.value FROM measurement m"
                    " JOIN success_criterion c ON c.id = m.criterion_id"
                    " JOIN goal g ON g.id = c.goal_id WHERE g.board_id = :b"
                    " ORDER BY m.measured_on, m.value"
                ),
                where,
            ).all()
            erasures = conn.execute(
                text(
                    "SELECT made_at, made_by, action, places, kinds FROM privacy_record"
                    " WHERE board_id = :b ORDER BY id"
                ),
                where,
            ).all()
            redacted = conn.execute(
                text(
                    "SELECT started_at, redacted_at FROM meeting"
                    " WHERE board_id = :b AND redacted_at IS NOT NULL ORDER BY started_at"
                ),
                where,
            ).all()
            return {
                "redacted": [
                    tuple(datetime.fromisoformat(str(v)) for v in row) for row in redacted
                ],
                "erasures": [
                    (datetime.fromisoformat(str(made_at)), *map(str, rest))
                    for made_at, *rest in erasures
                ],
                "cards": cards.scalar_one(),
                "snapshots": [s if isinstance(s, dict) else json.loads(s) for s in snapshot],
                "measurements": [(str(day), value) for day, value in values],
            }
    finally:
        engine.dispose()


def _export(run: Run, db: Path | str, out: Path) -> dict[str, Any]:
    result = run("export", "--db", db, DEMO, out)
    assert result.code == 0, result.err
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_board_goes_to_the_server_and_back_with_nothing_lost(
    run: Run, tmp_path: Path, pg_url: str
) -> None:
    first = tmp_path / "first.sqlite3"
    last = tmp_path / "last.sqlite3"
    assert run("demo", "--db", first).code == 0
    # The data protection officer's record of an erasure travels with the board (issue 13).
    assert run("redact", "--db", first, DEMO, "Lene Vestergaard").code == 0

    up = run("copy", "--db", first, pg_url, DEMO)
    assert up.code == 0, up.err
    assert up.out.splitlines() == [f"Tavlen »{DEMO}« er kopieret til {pg_url}."]
    down = run("copy", "--db", pg_url, last)  # no BOARD: every board of the server
    assert down.code == 0, down.err
    assert down.out.splitlines() == [f"Tavlen »{DEMO}« er kopieret til {last}."]

    assert _export(run, last, tmp_path / "last.json") == _export(
        run, first, tmp_path / "first.json"
    )
    before = _rows(f"sqlite:///{first}")
    assert before["cards"] > 10
    assert before["snapshots"] and all(before["snapshots"])
    assert before["measurements"]
    assert len(before["erasures"]) == 1 and before["erasures"][0][2] == "redact"
    assert before["redacted"]  # its minutes, made again, say they were redacted
    assert _rows(pg_url) == before
    assert _rows(f"sqlite:///{last}") == before


def test_a_name_the_target_has_refuses_the_whole_copy(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    target = tmp_path / "target.sqlite3"
    assert run("demo", "--db", source).code == 0
    assert run("demo", "--db", source).code == 0  # a second board: "… (2)"
    assert run("demo", "--db", target).code == 0  # the target has the first one's name
    before = target.read_bytes()

    refused = run("copy", "--db", source, target)
    line = refused.assert_clean_failure()
    assert f"»{DEMO}«" in line and "Intet er kopieret" in line
    assert target.read_bytes() == before  # not one byte: the second board did not go either

    both = tmp_path / "both.sqlite3"
    copied = run("copy", "--db", source, both)
    assert copied.code == 0, copied.err
    assert copied.out.splitlines() == [f"2 tavler er kopieret til {both}."]
    names = [line.split("\t")[0] for line in run("boards", "--db", both).out.splitlines()]
    assert names == [DEMO, f"{DEMO} (2)"]


def test_copy_is_in_the_help(run: Run) -> None:
    result = run("--help")
    assert result.code == 0
    assert "copy" in result.out
    assert "ADRESSE" in run("copy", "--help").out
