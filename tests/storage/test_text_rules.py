"""The text rules every form uses: each refusal names the field and what was wrong, so the
message the user reads points at the box to fix (found open by mutation testing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from board.domain import text
from board.domain.errors import ValidationError
from board.domain.lanes import Lane

from .helpers import assert_danish_message


@pytest.mark.parametrize(
    ("call", "key", "params"),
    [
        (lambda: text.title(None, "field.title"), "error.required", {"field": "field.title"}),
        (lambda: text.title("  ", "field.title"), "error.required", {"field": "field.title"}),
        (
            lambda: text.title("a\x07", "field.title"),
            "error.control_characters",
            {"field": "field.title"},
        ),
        (
            lambda: text.title("a\nb", "field.title"),
            "error.control_characters",
            {"field": "field.title"},
        ),
        (
            lambda: text.title("x" * 301, "field.title"),
            "error.too_long",
            {"field": "field.title", "limit": 300, "length": 301},
        ),
        (lambda: text.name("", "field.name"), "error.required", {"field": "field.name"}),
        (
            lambda: text.name("Anne\nHolm", "field.name"),
            "error.control_characters",
            {"field": "field.name"},
        ),
        (
            lambda: text.name("x" * 121, "field.name"),
            "error.too_long",
            {"field": "field.name", "limit": 120, "length": 121},
        ),
        (
            lambda: text.long_text(12, "field.description"),
            "error.invalid",
            {"field": "field.description"},
        ),
        (
            lambda: text.email("anne", "field.email"),
            "error.bad_email",
            {"field": "field.email", "value": "anne"},
        ),
        (
            lambda: text.email("a\x01@kommune.dk", "field.email"),
            "error.control_characters",
            {"field": "field.email"},
        ),
        (
            lambda: text.parse_date(12, "field.deadline"),
            "error.bad_date",
            {"field": "field.deadline", "value": "12"},
        ),
        (
            lambda: text.parse_date("i morgen", "field.deadline"),
            "error.bad_date",
            {"field": "field.deadline", "value": "i morgen"},
        ),
        (
            lambda: text.parse_date("31.2.2026", "field.deadline"),
            "error.bad_date",
            {"field": "field.deadline", "value": "31.2.2026"},
        ),
    ],
)
def test_a_refusal_names_the_field_and_the_value(
    call: Callable[[], Any], key: str, params: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert (caught.value.key, caught.value.params) == (key, params)
    assert_danish_message(caught.value)


def test_what_the_rules_let_through() -> None:
    assert text.name("x" * 120) == "x" * 120
    assert text.name("  ", required=False) == ""
    assert text.long_text(None) == ""
    assert text.long_text("a\tb\r\nc") == "a\tb\r\nc"
    assert text.email("  anne@kommune.dk ") == "anne@kommune.dk"
    assert text.email(None) == ""


@pytest.mark.parametrize(
    ("label", "lane"),
    [
        ("ideas", Lane.IDEAS), ("Idéer", Lane.IDEAS), ("ideer", Lane.IDEAS),
        ("prioritised", Lane.PRIORITISED), ("Prioritering", Lane.PRIORITISED),
        ("prioritisation", Lane.PRIORITISED), ("activities", Lane.ACTIVITIES),
        ("Aktiviteter", Lane.ACTIVITIES), ("goals", Lane.GOALS), ("Mål", Lane.GOALS),
        ("maal", Lane.GOALS), ("log", Lane.LOG), (" LOG ", Lane.LOG),
    ],
)  # fmt: skip
def test_a_lane_is_found_by_its_name_in_either_language(label: str, lane: Lane) -> None:
    assert Lane.parse(label) is lane


def test_an_unknown_lane_is_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Lane.parse("Arkiv")
    assert (caught.value.key, caught.value.params) == ("error.unknown_lane", {"lane": "Arkiv"})
