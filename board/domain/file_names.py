"""File names that every system accepts, shortened where a person would shorten them.

Windows refuses ``<>:"/\\|?*``, control characters, a name ending in a dot or a space, and
the old device names (CON, NUL, COM1 …) whatever their extension. A long title is cut at
the last whole word that fits, never in the middle of one.
"""

from __future__ import annotations

import re

_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary (a single word longer
    than that is the only thing ever cut inside)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[: limit + 1] else flat[:limit]
    return cut.rstrip(" -–,.;:")


def safe_name(text: str, limit: int = 80) -> str:
    """A file name (without extension) safe on Windows, macOS and Linux, at most ``limit``
    characters, shortened at a word boundary."""
    name = shorten(_RESERVED.sub(" ", text), limit).strip(" .")
    if name.split(".", 1)[0].upper() in _DEVICES:
        name = f"{name}_"
    return name or "-"
