"""The one place where a date or a time becomes text, in the user's language (Babel, CLDR).

One style per use:
- spelled out where people read: ``long_date`` "tirsdag den 1. december 2026" /
  "Tuesday 1 December 2026", ``sentence_date`` without the year, ``plain_date`` without the
  weekday, ``time_span``
  "kl. 9.00–9.15" / "09:00–09:15";
- compact in lists and fields: ``compact_date`` "1.12.2026" / "01/12/2026" (the date
  fields read both back), ``short_date`` without the year when it is this year,
  ``compact_date_time`` for a moment in a list; ``weekday_date_time`` "tor. 10.12. kl. 9.00"
  for a coming meeting on the top bar;
- ISO in file names: ``file_date`` "2026-12-01", ``file_time`` "09.15" (no colon: Windows),
  ``file_stamp`` "20261201-091500" for backups;
- RFC 5545 in a calendar invitation: ``calendar_time`` "20261210T090000" (local) and
  ``calendar_utc`` "20261201T083000Z".

Day and month names, order and punctuation come from CLDR. Patterns are CLDR patterns; the
few that differ from CLDR's own are the product's choice and are listed in ``_PATTERNS``.
No Qt: the PDFs, the mail and the command line use it as the window does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache

from babel.dates import format_date, format_skeleton, format_time

from board.i18n import language, tr

# The CLDR locale of each catalog language: British English writes "1 December 2026".
LOCALES = {"da": "da_DK", "en": "en_GB"}

# Where the product's wording differs from CLDR's nearest format:
# - English spelled out without the comma CLDR puts after the weekday;
# - Danish times "9.00" without a leading zero (Retskrivningsordbogen: "kl. 9.00");
# - Danish day and month with the closing full stop ("1.12."), as a date without its year.
_PATTERNS: dict[str, dict[str, str]] = {
    "da": {
        "long": "EEEE 'den' d. MMMM y",
        "sentence": "EEEE 'den' d. MMMM",
        "plain": "d. MMMM y",
        "day_month": "d.M.",
        "weekday": "EEE d.M.",
        "clock": "H.mm",
    },
    "en": {
        "long": "EEEE d MMMM y",
        "sentence": "EEEE d MMMM",
        "plain": "d MMMM y",
        "day_month": "dd/MM",
        "weekday": "EEE d MMM",
        "clock": "HH:mm",
    },
}


def _locale() -> str:
    return LOCALES[language()]


def _pattern(name: str) -> str:
    return _PATTERNS[language()][name]


@lru_cache(maxsize=4096)
def _day_text(day: date, pattern: str, locale: str, skeleton: bool = False) -> str:
    """A day in a pattern (or a CLDR skeleton), remembered: every painted card with a
    deadline asks for one, and Babel takes some microseconds each time."""
    if skeleton:
        return format_skeleton(pattern, day, locale=locale)
    return format_date(day, pattern, locale=locale)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def long_date(day: date, *, capital: bool = False) -> str:
    """ "tirsdag den 1. december 2026" / "Tuesday 1 December 2026"; ``capital`` at a line's
    start ("Tirsdag den …")."""
    text = format_date(day, _pattern("long"), locale=_locale())
    return _capital(text) if capital else text


def sentence_date(day: date) -> str:
    """A date inside a sentence, without its year: "tirsdag den 1. december"."""
    return format_date(day, _pattern("sentence"), locale=_locale())


def plain_date(day: date) -> str:
    """A date that names something, without its weekday: "3. november 2026" / "3 November
    2026" ("Mødet 3. november 2026" in the hits of Find persondata)."""
    return _day_text(day, _pattern("plain"), _locale())


def compact_date(day: date) -> str:
    """A date in a list or a field: "1.12.2026" / "01/12/2026" (``parse_date`` reads both)."""
    return _day_text(day, "yMd", _locale(), skeleton=True)


def short_date(day: date, today: date | None = None) -> str:
    """A deadline on a card: "1.12." in the current year, else the compact date."""
    if today is not None and day.year == today.year:
        return _day_text(day, _pattern("day_month"), _locale())
    return compact_date(day)


def clock(moment: time | datetime) -> str:
    """The time of day alone: "9.15" / "09:15"."""
    value = moment.time() if isinstance(moment, datetime) else moment
    return format_time(value, _pattern("clock"), locale=_locale())


def at_time(moment: time | datetime) -> str:
    """A time of day as a reader says it: "kl. 9.15" / "09:15"."""
    return tr("dates.at_time", time=clock(moment))


def time_span(start: time | datetime | None, end: time | datetime | None) -> str:
    """From start to end: "kl. 9.00–9.15" / "09:00–09:15"; one end alone when the other is
    missing; "" when both are."""
    if start is None or end is None:
        one = start if start is not None else end
        return at_time(one) if one is not None else ""
    return tr("dates.time_span", start=clock(start), end=clock(end))


def compact_date_time(moment: datetime) -> str:
    """A moment in a list: "1.12.2026 kl. 9.15" / "01/12/2026 09:15"."""
    return tr("dates.date_time", date=compact_date(moment.date()), time=clock(moment))


def weekday_date_time(moment: datetime) -> str:
    """A coming meeting, short enough for the top bar: "tor. 10.12. kl. 9.00" /
    "Thu 10 Dec 09:00" (no year: it is at most a few weeks ahead)."""
    day = format_date(moment.date(), _pattern("weekday"), locale=_locale())
    return tr("dates.date_time", date=day, time=clock(moment))


def file_date(day: date) -> str:
    """A date in a file name: ISO, so the files sort by date in every language."""
    return day.isoformat()


def file_time(moment: time | datetime) -> str:
    """A time in a file name: "09.15" (a colon is not allowed in Windows file names)."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def file_stamp(moment: datetime) -> str:
    """A moment in a backup file's name: "20261201-091500" (sorts, no separators to quote)."""
    return moment.strftime("%Y%m%d-%H%M%S")


def calendar_time(moment: datetime) -> str:
    """A local date-time in an .ics file (RFC 5545 DATE-TIME, its zone named beside it)."""
    return moment.strftime("%Y%m%dT%H%M%S")


def calendar_utc(moment: datetime) -> str:
    """An aware moment as UTC in an .ics file: "20261201T083000Z"."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def example_date() -> str:
    """The date shown as an example of what a date field accepts, in the field's style."""
    return compact_date(date(2026, 6, 11))
