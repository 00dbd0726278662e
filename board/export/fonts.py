"""DejaVu Sans for every PDF the board writes, and text made safe to draw with it.

reportlab's built-in Helvetica is not embedded and has no glyphs beyond Latin-1, so each PDF
embeds DejaVu Sans (a subset, by reportlab). DejaVu has no colour emoji and many symbols are
missing: ``printable`` swaps what the font cannot draw for a visible placeholder, so a card
written with 👍 prints as "□" instead of failing or silently losing the mark.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from board.resource_paths import font_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
PLACEHOLDER = "□"  # U+25A1, drawn by DejaVu: "a character that cannot be printed stood here"

_ZWJ = "\u200d"
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Fonts:
    regular: str
    bold: str


@cache
def register_fonts() -> Fonts:
    """Register DejaVu Sans regular and bold with reportlab (once per process)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path())))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path(bold=True))))
    # So that <b> in a Paragraph picks the bold face; there is no italic, use regular.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return Fonts(REGULAR, BOLD)


@cache
def _covered() -> frozenset[int]:
    """Code points both faces can draw (text may be set in either)."""
    register_fonts()
    maps = []
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)  # register_fonts registers TrueType faces only
        maps.append(font.face.charToGlyph)
    return frozenset(cp for cp, glyph in maps[0].items() if glyph and maps[1].get(cp))


def _is_extender(ch: str) -> bool:
    """Characters that only modify the symbol before them (emoji variation, skin tone, tags)."""
    cp = ord(ch)
    return (
        (cp > 0x2000 and unicodedata.category(ch) in ("Mn", "Me", "Cf", "Sk"))
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # tag sequences (subdivision flags)
    )


def _is_regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def printable(text: str, *, multiline: bool = True) -> str:
    """``text`` as the PDF can show it: no control characters, nothing the font lacks.

    Line breaks become ``\\n`` (or spaces when not ``multiline``); an emoji sequence the font
    cannot draw (👨‍👩‍👧, 👍🏽, 🇩🇰) becomes one PLACEHOLDER; invisible format characters the
    font lacks are dropped.
    """
    covered = _covered()
    text = unicodedata.normalize("NFC", _strip_surrogates(text))
    text = _NEWLINES.sub("\n", text).replace("\t", "    ")
    out: list[str] = []
    # None, or how the last placeholder's sequence may continue: "missing" (extenders),
    # "joined" (after a ZWJ: the next symbol belongs to it), "flag" (one more regional letter).
    state: str | None = None
    for ch in text:
        if ch == "\n":
            out.append("\n" if multiline else " ")
            state = None
            continue
        if unicodedata.category(ch) == "Cc":
            continue
        if state is not None:
            if ch == _ZWJ:
                state = "joined"
                continue
            if state == "joined" or _is_extender(ch) or (state == "flag" and _is_regional(ch)):
                state = "missing"
                continue
        if ord(ch) in covered:
            out.append(ch)
            state = None
            continue
        if _is_extender(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue  # an invisible mark the font lacks: nothing visible is lost
        out.append(PLACEHOLDER)
        state = "flag" if _is_regional(ch) else "missing"
    return "".join(out)


def _strip_surrogates(text: str) -> str:
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "ignore")
