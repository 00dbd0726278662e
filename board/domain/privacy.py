"""A check before anything leaves the machine: text that looks like a Danish CPR number."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# What people put between DDMMYY and the last four digits: nothing, a hyphen or a space, or
# what a word processor or a pasted text turns them into (hyphens and dashes U+2010-U+2014,
# the minus sign, a soft hyphen; no-break, figure, thin and narrow no-break spaces).
_DASHES = "\\-\u00ad\u2010\u2011\u2012\u2013\u2014\u2212"
_SEPARATOR = f"[{_DASHES} \u00a0\u2007\u2009\u202f]"
# Six digits (DDMMYY), an optional separator, four digits; not part of a longer number.
# No modulus-11 check: since 2007 a CPR number need not satisfy it, so a valid date is enough.
_CPR = re.compile(
    rf"(?<![\d{_DASHES}])(\d{{2}})(\d{{2}})(\d{{2}}){_SEPARATOR}?(\d{{4}})(?![\d{_DASHES}])"
)


@dataclass(frozen=True, slots=True)
class CprHit:
    where: str  # e.g. "Kort #5 «Hjemmebesøg»"
    masked: str  # "010203-****": enough to find it, not enough to spread it


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_date(day: int, month: int, year: int) -> bool:
    """DDMMYY is a real day in one of the centuries a CPR number can be from. 29 February
    exists when the year is divisible by 4: 2000 was a leap year, so "00" counts too."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2 and day == 29:
        return year % 4 == 0
    return day <= _DAYS_IN_MONTH[month - 1]


def _cpr_matches(value: str) -> Iterator[re.Match[str]]:
    for match in _CPR.finditer(value):
        day, month, year = (int(g) for g in match.groups()[:3])
        if _is_date(day, month, year):
            yield match


def find_cpr_numbers(texts: Iterable[tuple[str, str]]) -> list[CprHit]:
    """Every CPR-like number in ``(where, text)`` pairs, in order."""
    hits: list[CprHit] = []
    for where, value in texts:
        if not value:
            continue
        for match in _cpr_matches(value):
            hits.append(CprHit(where, f"{match.group(1)}{match.group(2)}{match.group(3)}-****"))
    return hits


def cpr_spans(value: str) -> list[tuple[int, int]]:
    """Where each CPR-like number stands in ``value``: (start, end), in order."""
    return [match.span() for match in _cpr_matches(value)] if value else []


def search_pattern(text: str) -> re.Pattern[str] | None:
    """What "Find persondata" looks for: ``text`` in any case, its words apart by any run of
    white space (a name may wrap or hold a no-break space). None for a blank text. Finding
    and redacting use the same pattern, so what was found is what is replaced."""
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
