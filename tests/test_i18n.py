"""One translation mechanism: both languages complete, parameters consistent, choice rules."""

from __future__ import annotations

import re

import pytest

from board import i18n
from board.resource_paths import resource


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def test_catalogs_have_the_same_keys_and_parameters() -> None:
    da, en = i18n.catalog("da"), i18n.catalog("en")
    assert set(da) == set(en)
    for key in da:
        assert _placeholders(da[key]) == _placeholders(en[key]), key


def test_keys_are_unique_across_catalog_files() -> None:
    import json

    for lang in i18n.LANGUAGES:
        seen: dict[str, str] = {}
        for path in sorted(resource("i18n", lang).glob("*.json")):
            for key in json.loads(path.read_text(encoding="utf-8")):
                assert key not in seen, f"{key} in both {seen.get(key)} and {path.name}"
                seen[key] = path.name


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        (None, {}, "da"),
        ("en", {}, "en"),
        (None, {"FORBEDRINGSTAVLE_LANG": "en"}, "en"),
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "da_DK.UTF-8"}, "da"),
        ("da", {"LANG": "en_US.UTF-8"}, "da"),
        (None, {"LANG": "de_DE.UTF-8"}, "da"),
    ],
)
def test_language_choice(
    monkeypatch: pytest.MonkeyPatch, option: str | None, env: dict[str, str], expected: str
) -> None:
    for var in ("FORBEDRINGSTAVLE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.detect_language(option) == expected


def test_error_messages_are_worded_in_the_current_language() -> None:
    from board.domain.errors import ValidationError

    error = ValidationError("error.required", field="field.title")
    try:
        i18n.set_language("da")
        assert error.message() == "Feltet »Titel« skal udfyldes."
        i18n.set_language("en")
        assert error.message() == "The field “Title” must be filled in."
    finally:
        i18n.set_language("da")
