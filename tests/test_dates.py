"""Dates and times as each language writes them, one style per use (board/dates.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest

from board import dates, i18n
from board.domain.text import parse_date

DAY = date(2026, 12, 1)  # a Tuesday


@pytest.fixture
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("da")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "da",
            [
                "tirsdag den 1. december 2026",
                "Tirsdag den 1. december 2026",
                "tirsdag den 1. december",
                "1.12.2026",
                "1.12.",
                "1.12.2025",
                "kl. 9.00–9.15",
                "kl. 14.05",
                "1.12.2026 kl. 9.20",
            ],
        ),
        (
            "en",
            [
                "Tuesday 1 December 2026",
                "Tuesday 1 December 2026",
                "Tuesday 1 December",
                "01/12/2026",
                "01/12",
                "01/12/2025",
                "09:00–09:15",
                "14:05",
                "01/12/2026 09:20",
            ],
        ),
    ],
    indirect=["lang"],
)
def test_each_use_has_its_style_in_each_language(lang: str, expected: list[str]) -> None:
    assert [
        dates.long_date(DAY),
        dates.long_date(DAY, capital=True),
        dates.sentence_date(DAY),
        dates.compact_date(DAY),
        dates.short_date(DAY, today=date(2026, 6, 1)),
        dates.short_date(date(2025, 12, 1), today=date(2026, 6, 1)),
        dates.time_span(time(9, 0), time(9, 15)),
        dates.time_span(None, datetime(2026, 12, 1, 14, 5)),
        dates.compact_date_time(datetime(2026, 12, 1, 9, 20)),
    ] == expected


@pytest.mark.parametrize("lang", ["da", "en"], indirect=True)
def test_a_compact_date_is_read_back_by_the_date_fields(lang: str) -> None:
    for day in (DAY, date(2027, 2, 28), date(2026, 6, 11)):
        assert parse_date(dates.compact_date(day)) == day
    assert parse_date(dates.example_date()) == date(2026, 6, 11)


@pytest.mark.parametrize("lang", ["da", "en"], indirect=True)
def test_file_names_sort_by_date_in_every_language(lang: str) -> None:
    moment = datetime(2026, 12, 1, 9, 5, 7)
    assert (dates.file_date(moment.date()), dates.file_time(moment)) == ("2026-12-01", "09.05")
    assert dates.file_stamp(moment) == "20261201-090507"
    assert dates.time_span(None, None) == ""


@pytest.mark.parametrize(
    ("lang", "expected"), [("da", "1. december 2026"), ("en", "1 December 2026")], indirect=["lang"]
)
def test_a_date_that_names_something_has_no_weekday(lang: str, expected: str) -> None:
    assert dates.plain_date(DAY) == expected
