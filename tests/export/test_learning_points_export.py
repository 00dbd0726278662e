"""The learning points' PDF and CSV from a report: long texts, an empty period, formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from board.export.learning_points import (
    learning_points_csv_bytes,
    learning_points_pdf_bytes,
    plain_cell,
)
from board.i18n import set_language
from board.services.learning_points import Report, ReportRow

from .conftest import ARTIFACTS, page_count, pdf_text

LONG = " ".join(f"Sætning {n} om sparring på enkeltsager." for n in range(2500))  # ~100 000


def _report(*rows: ReportRow, since: date | None = date(2026, 10, 1)) -> Report:
    return Report("Familieafdelingen", since, date(2026, 12, 1), rows)


def _row(text: str, **kw: object) -> ReportRow:
    values: dict[str, object] = {
        "noted_on": date(2026, 11, 24),
        "text": text,
        "meeting_kind": "sparring",
        "meeting_day": date(2026, 11, 24),
        "case_label": "Sag B",
        "noted_by": "Gitte Holm",
        **kw,
    }
    return ReportRow(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _danish() -> None:
    set_language("da")


def test_a_very_long_point_flows_over_pages_and_is_all_there() -> None:
    report = _report(_row("Kort punkt først"), _row(LONG), _row("Sidste punkt", case_label=""))
    pdf = learning_points_pdf_bytes(report)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "learning-points-long.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert page_count(pdf) > 10
    assert "Noteret fra 1.10.2026 til og med 1.12.2026" in text
    assert "Teamsparring 24.11.2026" in text
    assert "Sætning 0 om" in text and "Sætning 2499 om sparring på enkeltsager." in text
    assert "Sidste punkt" in text
    assert learning_points_pdf_bytes(report) == pdf  # the same report, the same bytes


def test_an_empty_period_says_so() -> None:
    text = pdf_text(learning_points_pdf_bytes(_report()))
    assert "0 læringspunkter" in text
    assert "Der er ingen læringspunkter i perioden." in text
    assert "Noteret af" not in text  # no empty table


def test_one_point_is_counted_in_the_singular() -> None:
    assert "1 læringspunkt " in pdf_text(learning_points_pdf_bytes(_report(_row("Et punkt"))))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_like_a_formula_is_made_text(start: str) -> None:
    assert plain_cell(f"{start}1+2") == f"'{start}1+2"
    assert plain_cell(f"Punkt {start}1") == f"Punkt {start}1"


def test_the_csv_carries_every_column_and_a_meeting_of_an_unknown_kind() -> None:
    report = _report(_row("Punkt", meeting_kind="ny_format", noted_by=""))
    data = learning_points_csv_bytes(report).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=";"))
    assert rows == [
        ["Dato", "Læringspunkt", "Møde", "Sag", "Noteret af"],
        ["24.11.2026", "Punkt", "ny_format 24.11.2026", "Sag B", ""],
    ]
