"""The CPR check that stops minutes from leaving the machine."""

from __future__ import annotations

import pytest

from board.domain.privacy import find_cpr_numbers


@pytest.mark.parametrize(
    "text",
    ["Borger 010203-1234 deltog", "cpr 0102031234.", "(311299-4321)", "290200 1234"],
)
def test_cpr_like_numbers_are_found(text: str) -> None:
    [hit] = find_cpr_numbers([("Kort #3", text)])
    assert hit.where == "Kort #3"
    assert hit.masked.endswith("-****") and hit.masked[:6].isdigit()


@pytest.mark.parametrize(
    "text",
    [
        "Telefon 72 42 37 00",
        "Sag 320199-1234 (dag 32 findes ikke)",
        "011399-1234 (måned 13)",
        "Journal 12345678901",
        "Mødet 11.06.2026 kl. 10",
        "postnummer 5000 Odense",
        "290201-1234 (29. februar 2001 findes ikke, heller ikke 1901)",
    ],
)
def test_ordinary_numbers_are_not_taken_for_cpr(text: str) -> None:
    assert find_cpr_numbers([("x", text)]) == []


def test_every_hit_is_reported_with_its_place() -> None:
    hits = find_cpr_numbers([("Kort #1", "a 010101-1111 og 020202-2222"), ("Aftale 1", "ok")])
    assert [h.where for h in hits] == ["Kort #1", "Kort #1"]
