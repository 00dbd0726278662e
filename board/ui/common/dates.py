"""Dates written out in the user's language: "Tirsdag 1. december 2026", "Tuesday 1 December 2026".

The pattern is a catalog entry (Qt's date format), the day and month names come from
QLocale, so each language gets its own order, punctuation and capitals.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale

from board.i18n import language, tr


def _locale() -> QLocale:
    return QLocale(QLocale.Language.Danish if language() == "da" else QLocale.Language.English)


def format_day(day: date, pattern_key: str) -> str:
    return _locale().toString(QDate(day.year, day.month, day.day), tr(pattern_key))


def long_date(day: date) -> str:
    """The top bar's and the history's date, with a capital first letter only."""
    text = format_day(day, "ui.date.weekday_long")
    return text[:1].upper() + text[1:]


def sentence_date(day: date) -> str:
    """A date inside a sentence: "tirsdag den 1. december", "Tuesday 1 December"."""
    return format_day(day, "ui.date.in_sentence")
