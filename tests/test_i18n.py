"""One translation mechanism: keys unique, plural forms by the language's rules, the choice of
language. (Both languages complete and alike: tests/test_language.py.)"""

from __future__ import annotations

import pytest

from board import i18n
from board.resource_paths import resource


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


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", ["0 dage over", "1 dag over", "2 dage over", "21 dage over"]),
        ("en", ["0 days overdue", "1 day overdue", "2 days overdue", "21 days overdue"]),
    ],
)
def test_a_count_picks_the_plural_form_of_the_language(lang: str, expected: list[str]) -> None:
    try:
        i18n.set_language(lang)
        assert [i18n.tr_n("minutes.days_over", n) for n in (0, 1, 2, 21)] == expected
    finally:
        i18n.set_language("da")


def test_tr_and_tr_n_refuse_the_other_kind_of_entry() -> None:
    with pytest.raises(TypeError):
        i18n.tr("minutes.days_over")
    with pytest.raises(TypeError):
        i18n.tr_n("minutes.agreements", 2)
