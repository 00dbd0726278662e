"""`forbedringstavle measure import|chart` on SQLite and on the suite's real PostgreSQL:
a Danish-Excel CSV and an .xlsx imported, a bad row refused with nothing imported, and a
chart's figures (--json) against a series computed by hand."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_runner import Run
from sqlalchemy import create_engine, text

BOARD = "Spædbarnsindsatsen"
INDICATOR = "Ventetid i dage"


def _demo(run: Run, url: str) -> None:
    result = run("demo", "--db", url)
    assert result.code == 0, result.err


def _rows(url: str, indicator: str = INDICATOR) -> list[tuple[Any, ...]]:
    """The indicator's measurements read back through a fresh connection."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                tuple(row)
                for row in conn.execute(
                    text(
                        "SELECT m.measured_on, m.value, m.numerator, m.denominator, m.note,"
                        " m.entered_by FROM measurement m JOIN success_criterion c"
                        " ON c.id = m.criterion_id WHERE c.text = :name"
                        " ORDER BY m.measured_on"
                    ),
                    {"name": indicator},
                )
            ]
    finally:
        engine.dispose()


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return (
                conn.scalar(text("SELECT count(*) FROM measurement")) or 0,
                conn.scalar(text("SELECT count(*) FROM success_criterion")) or 0,
            )
    finally:
        engine.dispose()


def _day(value: Any) -> date:
    """SQLite hands a date back as text through a plain SQL query."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def test_a_danish_excel_csv_then_an_xlsx_are_imported(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    _demo(run, empty_db_url)
    # What Danish Excel writes: cp1252, ";" between columns, decimal commas, d-m-yyyy dates
    csv_file = tmp_path / "ventetid.csv"
    csv_file.write_bytes(
        "Dato;Værdi;Note\r\n1-9-2026;12,5;første uge\r\n8-9-2026;13;\r\n15.9.2026;11,25;ÆØÅ\r\n"
        .encode("cp1252")
    )  # fmt: skip
    result = run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, csv_file)
    assert result.code == 0, result.err
    assert result.out.strip() == "3 målinger tilføjet, 0 opdateret"
    me = getpass.getuser()
    assert [(_day(r[0]), *r[1:]) for r in _rows(empty_db_url)] == [
        (date(2026, 9, 1), 12.5, None, None, "første uge", me),
        (date(2026, 9, 8), 13.0, None, None, "", me),
        (date(2026, 9, 15), 11.25, None, None, "ÆØÅ", me),
    ]
    # An .xlsx: one day the indicator has (updated), one new day; the goal by its text
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Dato", "Værdi", "Note"])
    sheet.append([datetime(2026, 9, 15), 10.5, None])
    sheet.append([date(2026, 9, 22), "9,75", "efter ændringen"])
    workbook = tmp_path / "ventetid.xlsx"
    book.save(workbook)
    goal = _first_goal_text(empty_db_url).upper()  # any case
    result = run("measure", "import", "--db", empty_db_url, BOARD, goal, INDICATOR, workbook)
    assert result.code == 0, result.err
    assert result.out.strip() == "1 måling tilføjet, 1 opdateret"
    assert [(_day(r[0]), r[1], r[4]) for r in _rows(empty_db_url)] == [
        (date(2026, 9, 1), 12.5, "første uge"),
        (date(2026, 9, 8), 13.0, ""),
        (date(2026, 9, 15), 10.5, "ÆØÅ"),  # a row without a note keeps the note
        (date(2026, 9, 22), 9.75, "efter ændringen"),
    ]


def _first_goal_text(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            aim = conn.scalar(
                text("SELECT aim FROM goal WHERE archived = :no ORDER BY position LIMIT 1"),
                {"no": False},
            )
            assert isinstance(aim, str)
            return aim
    finally:
        engine.dispose()


def test_a_proportion_file_is_stored_as_numerator_and_denominator(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    _demo(run, empty_db_url)
    csv_file = tmp_path / "familier.csv"
    csv_file.write_text("Dato;Tæller;Nævner\n2026-09-01;7;9\n2026-09-08;3;4\n", "utf-8")
    result = run("measure", "import", "--db", empty_db_url, BOARD, "1", "Familier", csv_file)
    assert result.code == 0, result.err
    assert [r[1:4] for r in _rows(empty_db_url, "Familier")] == [
        (pytest.approx(7 / 9), 7.0, 9.0),
        (0.75, 3.0, 4.0),
    ]


def test_export_writes_a_csv_that_import_reads_back_to_the_same_measurements(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    from board.services.demo_measurements import PROPORTION

    _demo(run, empty_db_url)
    out = tmp_path / "familier.csv"
    result = run("measure", "export", "--db", empty_db_url, BOARD, "1", PROPORTION, out)
    assert result.code == 0, result.err
    original = _rows(empty_db_url, PROPORTION)
    assert result.out.strip() == f"{len(original)} målinger er gemt i {out}."
    assert out.read_bytes().startswith("\ufeffdato;tæller;nævner;note\r\n".encode())
    result = run("measure", "import", "--db", empty_db_url, BOARD, "1", "Kopi", out)
    assert result.code == 0, result.err
    assert [r[:5] for r in _rows(empty_db_url, "Kopi")] == [r[:5] for r in original]


@pytest.mark.parametrize("existing", [False, True], ids=["new indicator", "existing indicator"])
def test_a_bad_row_exits_2_names_its_line_and_imports_nothing(
    run: Run, empty_db_url: str, tmp_path: Path, existing: bool
) -> None:
    _demo(run, empty_db_url)
    if existing:
        good = tmp_path / "good.csv"
        good.write_text("Dato;Værdi\n1.9.2026;12\n", "utf-8")
        assert run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, good).code == 0
    before = (_counts(empty_db_url), _rows(empty_db_url))
    bad = tmp_path / "bad.csv"
    bad.write_text("Dato;Værdi\n8.9.2026;13\n15.9.2026;tretten\n22.9.2026;14\n", "utf-8")
    result = run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, bad)
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    assert "Linje 3: »tretten« i »Værdi« er ikke et tal" in result.err
    assert "intet er ændret" in result.err
    assert (_counts(empty_db_url), _rows(empty_db_url)) == before


def test_an_unknown_goal_and_a_wrong_chart_file_are_refused_in_one_line(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    _demo(run, empty_db_url)
    out = tmp_path / "x.png"
    line = run(
        "measure", "chart", "--db", empty_db_url, BOARD, "99", INDICATOR, out
    ).assert_clean_failure()
    assert "Der findes intet mål »99« på tavlen" in line
    line = run(
        "measure", "chart", "--db", empty_db_url, BOARD, "1", INDICATOR, tmp_path / "x.jpg"
    ).assert_clean_failure()
    assert "PNG, PDF eller SVG" in line
    assert not out.exists()


# Twelve weekly points: six below the median, then six above it (one crossing).
SERIES = [5, 6, 4, 7, 5, 8, 9, 10, 9, 11, 12, 10]


def _chart(run: Run, url: str, out: Path, *options: str) -> dict[str, Any]:
    result = run("measure", "chart", "--db", url, BOARD, "1", INDICATOR, out, "--json", *options)
    assert result.code == 0, result.err
    assert out.stat().st_size > 1000
    figures: dict[str, Any] = json.loads(result.out)  # one JSON object and nothing else
    return figures


def test_json_figures_of_a_series_computed_by_hand(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    _demo(run, empty_db_url)
    lines = [f"{date(2026, 6, 1) + timedelta(weeks=i)};{v}" for i, v in enumerate(SERIES)]
    series = tmp_path / "serie.csv"
    series.write_text("Dato;Værdi\n" + "\n".join(lines) + "\n", "utf-8")
    assert run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, series).code == 0

    # Run chart: sorted 4 5 5 6 7 8 | 9 9 10 10 11 12, median (8 + 9) / 2 = 8.5, no point on
    # it; runs of 6 below and 6 above: longest 6 ≤ round(log2 12) + 3 = 7; 1 crossing < 3.
    assert _chart(run, empty_db_url, tmp_path / "run.png") == {
        "chart": "run", "n_obs": 12, "n_useful": 12, "centre": 8.5, "longest_run": 6,
        "longest_run_max": 7, "crossings": 1, "crossings_min": 3, "runs_signal": True,
    }  # fmt: skip

    # Frozen on the first 6: median of 4 5 5 6 7 8 = 5.5; sides B A B A B then 7 above:
    # longest 7 (not > 7), crossings 5 (not < 3): no signal.
    frozen = _chart(run, empty_db_url, tmp_path / "frozen.svg", "--freeze", "6")
    assert (frozen["centre"], frozen["longest_run"], frozen["crossings"]) == (5.5, 7, 5)
    assert frozen["runs_signal"] is False

    # I chart: mean 96 / 12 = 8; moving ranges 1 2 3 2 3 1 1 1 2 1 2, mean 19 / 11;
    # sigma = (19 / 11) / 1.128; limits 8 ± 3 sigma. The point on 8 is not useful: n = 11,
    # runs of 5 below and 6 above, longest allowed round(log2 11) + 3 = 6, 1 crossing < 2.
    sigma = (19 / 11) / 1.128
    assert _chart(run, empty_db_url, tmp_path / "i.pdf", "--chart", "i") == {
        "chart": "i", "n_obs": 12, "n_useful": 11, "centre": 8.0, "longest_run": 6,
        "longest_run_max": 6, "crossings": 1, "crossings_min": 2, "runs_signal": True,
        "lcl": pytest.approx(8 - 3 * sigma), "ucl": pytest.approx(8 + 3 * sigma),
        "sigma_signal": 0,
    }  # fmt: skip
    assert (tmp_path / "i.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "run.png").read_bytes().startswith(b"\x89PNG")


def test_screening_leaves_out_the_huge_moving_range_as_computed_by_hand(
    run: Run, empty_db_url: str, tmp_path: Path
) -> None:
    """``--screen-moving-ranges``: one point far out gives two moving ranges of 28; screened
    (above 3.267 × their mean) they no longer widen the limits, and both ends show."""
    _demo(run, empty_db_url)
    values = [10, 12, 11, 13, 12, 40, 12, 11, 13, 12]
    lines = [f"{date(2026, 6, 1) + timedelta(weeks=i)};{v}" for i, v in enumerate(values)]
    series = tmp_path / "serie.csv"
    series.write_text("Dato;Værdi\n" + "\n".join(lines) + "\n", "utf-8")
    assert run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, series).code == 0
    # mean 146 / 10 = 14.6; moving ranges 2 1 2 1 28 28 1 2 1, mean 66 / 9
    plain = _chart(run, empty_db_url, tmp_path / "i.png", "--chart", "i")
    sigma = (66 / 9) / 1.128  # limits 14.6 ± 19.5: only the 40 lies outside
    assert (plain["centre"], plain["sigma_signal"]) == (pytest.approx(14.6), 1)
    assert (plain["lcl"], plain["ucl"]) == (
        pytest.approx(14.6 - 3 * sigma),
        pytest.approx(14.6 + 3 * sigma),
    )
    # 3.267 × 66 / 9 = 23.96: both 28s are left out; the other 7 ranges sum to 10
    screened = _chart(
        run, empty_db_url, tmp_path / "s.png", "--chart", "i", "--screen-moving-ranges"
    )
    sigma = (10 / 7) / 1.128  # limits 14.6 ± 3.80 = 10.80 … 18.40: the 40 and the 10 outside
    assert (screened["centre"], screened["sigma_signal"]) == (pytest.approx(14.6), 2)
    assert (screened["lcl"], screened["ucl"]) == (
        pytest.approx(14.6 - 3 * sigma),
        pytest.approx(14.6 + 3 * sigma),
    )
    # the runs rules do not change with it
    assert {k: plain[k] for k in plain if k not in ("lcl", "ucl", "sigma_signal")} == {
        k: screened[k] for k in screened if k not in ("lcl", "ucl", "sigma_signal")
    }
    # only an I chart screens: a run chart asked to is refused in one line, nothing written
    out = tmp_path / "run.png"
    line = run(
        "measure", "chart", "--db", empty_db_url, BOARD, "1", INDICATOR, out,
        "--screen-moving-ranges",
    ).assert_clean_failure()  # fmt: skip
    assert "Kun et I-kort" in line and not out.exists()
    helped = run("measure", "chart", "--help")
    assert "--screen-moving-ranges" in helped.out and "3,267" in helped.out


def test_a_p_chart_needs_proportions(run: Run, empty_db_url: str, tmp_path: Path) -> None:
    _demo(run, empty_db_url)
    values = tmp_path / "v.csv"
    values.write_text("Dato;Værdi\n1.9.2026;12\n", "utf-8")
    assert run("measure", "import", "--db", empty_db_url, BOARD, "1", INDICATOR, values).code == 0
    out = tmp_path / "p.png"
    line = run(
        "measure", "chart", "--db", empty_db_url, BOARD, "1", INDICATOR, out, "--chart", "p"
    ).assert_clean_failure()
    assert "tæller og en nævner" in line
    assert not out.exists()
