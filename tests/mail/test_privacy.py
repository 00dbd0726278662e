"""The CPR check that stops minutes from leaving the machine: it must find every way a CPR
number is written, and flag nothing else (a false alarm blocks sending the minutes)."""

from __future__ import annotations

import pytest

from board.domain.privacy import find_cpr_numbers


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Borger 010203-1234 deltog", "010203-****"),  # hyphen; fails modulus 11 (since 2007 ok)
        ("cpr 0102031234.", "010203-****"),  # no separator
        ("(311299-4321)", "311299-****"),
        ("290200 1234", "290200-****"),  # space; 29 February 2000
        ("Borger 010203–1234", "010203-****"),  # en dash, as a word processor writes it
        ("Borger 010203‑1234", "010203-****"),  # non-breaking hyphen
        ("Borger 010203\u00a01234", "010203-****"),  # no-break space, pasted from a document
        ("Borger 010203\u202f1234", "010203-****"),  # narrow no-break space
        ("Borger 010203−1234", "010203-****"),  # minus sign
        ("CPR:150650-5678.", "150650-****"),
        ("linje 1\n241224-0000\nlinje 3", "241224-****"),
    ],
)
def test_cpr_numbers_are_found_and_masked(text: str, masked: str) -> None:
    assert [(h.where, h.masked) for h in find_cpr_numbers([("Kort #3", text)])] == [
        ("Kort #3", masked)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dato 010203",  # a date-like number alone, as in "Dato 010203"
        "Dato 010203 kl. 1030",  # ... followed by another short number
        "Dato 010203 - 1234",  # a range or a subtraction, spaces on both sides
        "Telefon 72 42 37 00",
        "Telefon +45 12 34 56 78",
        "Telefon 12345678",
        "Sag 320199-1234 (dag 32 findes ikke)",
        "011399-1234 (måned 13)",
        "000199-1234 (dag 0)",
        "010003-1234 (måned 0)",
        "Journal 12345678901",  # eleven digits: a longer number
        "Journal 010203123456",  # twelve digits that start like a CPR number
        "Journal 9010203-1234",  # seven digits before the hyphen
        "Journal 010203-12345",  # five after it
        "Sagsnr. 2024-010203-1234",  # part of a longer hyphenated reference
        "Mødet 11.06.2026 kl. 10",
        "postnummer 5000 Odense",
        "290201-1234 (29. februar 2001 findes ikke, heller ikke 1901)",
        "",
    ],
)
def test_ordinary_numbers_are_not_taken_for_cpr(text: str) -> None:
    assert find_cpr_numbers([("x", text)]) == []


_LAST_DAY = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


@pytest.mark.parametrize("month", range(1, 13))
def test_the_last_day_of_every_month_is_a_date_and_the_day_after_is_not(month: int) -> None:
    last = _LAST_DAY[month]
    assert len(find_cpr_numbers([("x", f"{last:02d}{month:02d}75-1234")])) == 1
    assert find_cpr_numbers([("x", f"{last + 1:02d}{month:02d}75-1234")]) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("290200-1234", True),  # 2000 was a leap year (1900 was not: either century may be meant)
        ("290204-1234", True),
        ("290296-1234", True),
        ("290201-1234", False),
        ("290203-1234", False),
        ("290210-1234", False),
        ("290301-1234", True),  # any other month has a 29th
        ("300100-1234", True),
    ],
)
def test_29_february_only_in_leap_years(text: str, found: bool) -> None:
    assert bool(find_cpr_numbers([("x", text)])) is found


def test_every_hit_is_reported_with_its_place_in_order() -> None:
    hits = find_cpr_numbers(
        [("Kort #1", "a 010101-1111 og 020202 2222"), ("Aftale 1", "ok"), ("Note", "030303–3333")]
    )
    assert [(h.where, h.masked) for h in hits] == [
        ("Kort #1", "010101-****"),
        ("Kort #1", "020202-****"),
        ("Note", "030303-****"),
    ]


def test_a_missing_or_empty_text_is_no_hit_and_the_next_is_still_read() -> None:
    texts = [("Kort #1", None), ("Kort #2", ""), ("Kort #3", "010203-1234")]
    assert [h.where for h in find_cpr_numbers(texts)] == ["Kort #3"]  # type: ignore[arg-type]
