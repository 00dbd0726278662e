"""One translation mechanism for the window, the command line and the PDF export.

Messages are looked up by key in ``resources/i18n/<lang>/*.json`` (one file per area:
core, cli, ui, export; keys are unique across them). Danish is the default;
English is chosen by ``--lang en``, FORBEDRINGSTAVLE_LANG=en or an English system locale.
"""

from __future__ import annotations

import json
import locale
import os
import sys
from functools import cache
from typing import Any

from board.resource_paths import resource

LANGUAGES = ("da", "en")
DEFAULT = "da"
_current = DEFAULT


@cache
def catalog(lang: str) -> dict[str, str]:
    data: dict[str, str] = {}
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


def tr(key: str, **params: Any) -> str:
    """The message for ``key`` in the current language, with ``{name}`` parameters filled in."""
    text = catalog(_current).get(key)
    if text is None:
        text = catalog(DEFAULT).get(key, key)
    return text.format(**params) if params else text
