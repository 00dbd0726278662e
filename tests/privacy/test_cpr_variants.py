"""Issue 13, item 5: the CPR check catches the ways a CPR number is really written — hyphen,
en dash, minus sign, no-break space, space or nothing between the two parts — and still only
valid dates, never inside a longer number. "Find persondata" finds the same numbers."""

from __future__ import annotations

import pytest

from board.domain.privacy import cpr_spans, find_cpr_numbers, search_pattern

SEPARATORS = {
    "nothing": "",
    "hyphen": "-",
    "en dash": "\u2013",
    "em dash": "\u2014",
    "minus sign": "\u2212",
    "non-breaking hyphen": "\u2011",
    "soft hyphen": "\u00ad",
    "space": " ",
    "no-break space": "\u00a0",
    "narrow no-break space": "\u202f",
    "thin space": "\u2009",
    "figure space": "\u2007",
}


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_every_separator_is_found_masked_and_placed(separator: str) -> None:
    number = f"150650{separator}5678"
    text = f"Borgeren ({number}) var med."
    assert [h.masked for h in find_cpr_numbers([("Kort nr. 1", text)])] == ["150650-****"]
    start = text.index(number)
    assert cpr_spans(text) == [(start, start + len(number))]


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize(
    ("before", "after"),
    [("9", ""), ("", "9"), ("12", "34"), ("2024-", ""), ("", "-12"), ("1\u2013", "")],
    ids=["digit-before", "digit-after", "both", "reference-before", "reference-after", "dash"],
)
def test_never_inside_a_longer_number(separator: str, before: str, after: str) -> None:
    text = f"Sag {before}150650{separator}5678{after} i journalen"
    assert find_cpr_numbers([("x", text)]) == []
    assert cpr_spans(text) == []


@pytest.mark.parametrize("separator", ["", "-", "\u2013", "\u00a0"])
@pytest.mark.parametrize(
    "ddmmyy", ["320150", "311150", "310450", "001050", "010050", "011350", "290201", "300200"]
)
def test_only_real_dates(separator: str, ddmmyy: str) -> None:
    assert cpr_spans(f"nr. {ddmmyy}{separator}1234") == []


@pytest.mark.parametrize("separator", ["", "-", "\u2013", "\u00a0"])
@pytest.mark.parametrize("ddmmyy", ["311250", "300450", "290200", "290296", "280201"])
def test_the_last_real_days_are_dates(separator: str, ddmmyy: str) -> None:
    assert len(cpr_spans(f"nr. {ddmmyy}{separator}1234")) == 1


def test_spaces_or_dashes_on_both_sides_are_a_range_not_a_number() -> None:
    for text in ("010203 - 1234", "010203 \u2013 1234", "010203  1234", "010203--1234"):
        assert cpr_spans(text) == [], text


def test_several_numbers_in_one_text_in_order() -> None:
    text = "A: 010101\u20131111, B: 020202\u00a02222 og C: 0303033333."
    assert [text[a:b] for a, b in cpr_spans(text)] == [
        "010101\u20131111",
        "020202\u00a02222",
        "0303033333",
    ]


def test_the_existing_callers_keep_their_masked_form() -> None:
    hits = find_cpr_numbers([("Kort #1", "010101\u22121111"), ("Aftale 1", "")])
    assert [(h.where, h.masked) for h in hits] == [("Kort #1", "010101-****")]


def test_the_search_pattern_ignores_case_and_the_kind_of_space() -> None:
    pattern = search_pattern("  anna  SØRENSEN ")
    assert pattern is not None
    for text in ("Anna Sørensen", "ANNA\u00a0sørensen", "anna\nSørensen"):
        assert pattern.search(f"Mødte {text} i dag"), text
    assert not pattern.search("Annas Sørensen")
    assert search_pattern(" \n ") is None
    assert search_pattern("a.b") is not None and not search_pattern("a.b").search("axb")  # type: ignore[union-attr]
