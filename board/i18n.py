"""One translation mechanism for the window, the command line and the PDF export.

Messages are looked up by key in ``resources/i18n/<lang>/*.json`` (one file per area:
core, cli, ui, export; keys are unique across them). Danish is the default;
English is chosen by ``--lang en``, FORBEDRINGSTAVLE_LANG=en or an English system locale.

A message that shows a count is a plural entry, ``{"one": "1 aftale", "other": "{count}
aftaler"}``, read with ``tr_n``: the language's CLDR plural rule (Babel) picks the form.
Dates and times are worded by ``board.dates``, never here.
"""

from __future__ import annotations

import json
import locale
import os
import sys
from functools import cache
from typing import Any

from babel import Locale

from board.resource_paths import resource

LANGUAGES = ("da", "en")
DEFAULT = "da"
_current = DEFAULT


Entry = str | dict[str, str]  # a message, or a plural entry: CLDR category -> message


@cache
def catalog(lang: str) -> dict[str, Entry]:
    data: dict[str, Entry] = {}
    for path in sorted(resource("i18n", lang).glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            data.update(json.load(handle))
    return data


def detect_language(option: str | None = None) -> str:
    """``--lang`` wins, then FORBEDRINGSTAVLE_LANG, then the system locale; else Danish."""
    for candidate in (option, os.environ.get("FORBEDRINGSTAVLE_LANG")):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else DEFAULT
    if sys.platform != "win32":
        return DEFAULT  # no locale variables set (Python would report C.UTF-8 as en_US)
    try:
        system = locale.getlocale()[0] or ""  # e.g. "Danish_Denmark" or "English_United Kingdom"
    except ValueError:
        system = ""
    return "en" if system.lower().startswith(("en", "english")) else DEFAULT


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def language() -> str:
    return _current


def has(key: str) -> bool:
    """Whether the catalogs word ``key`` (for keys built from data, with a fallback)."""
    return key in catalog(_current) or key in catalog(DEFAULT)


def _entry(key: str) -> Entry:
    entry = catalog(_current).get(key)
    return entry if entry is not None else catalog(DEFAULT).get(key, key)


def tr(key: str, **params: Any) -> str:
    """The message for ``key`` in the current language, with ``{name}`` parameters filled in."""
    text = _entry(key)
    if isinstance(text, dict):
        raise TypeError(f"{key} is a plural entry: use tr_n")
    return text.format(**params) if params else text


@cache
def plural_category(lang: str, n: int) -> str:
    """CLDR's plural category of ``n`` in ``lang``: "one", "other" (and more in other
    languages)."""
    return str(Locale.parse(lang).plural_form(n))


def tr_n(key: str, n: int, **params: Any) -> str:
    """The plural entry ``key`` in the form the language uses for ``n`` ("1 aftale",
    "2 aftaler"), with ``{count}`` = n and the other parameters filled in."""
    entry = _entry(key)
    if not isinstance(entry, dict):
        raise TypeError(f"{key} is not a plural entry: use tr")
    text = entry.get(plural_category(_current, n)) or entry["other"]
    return text.format(count=n, **params)
