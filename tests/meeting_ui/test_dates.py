"""Dates written out in each language, as the top bar, the history and the e-mails show them."""

from __future__ import annotations

from datetime import date

import pytest

from board import i18n
from board.ui.common.dates import long_date, sentence_date
from board.ui.common.qt_app import ensure_app


@pytest.mark.parametrize(
    ("lang", "long", "in_sentence"),
    [
        ("da", "Tirsdag 1. december 2026", "tirsdag den 1. december"),
        ("en", "Tuesday 1 December 2026", "Tuesday 1 December"),
    ],
)
def test_a_date_reads_naturally_in_each_language(lang: str, long: str, in_sentence: str) -> None:
    ensure_app()
    i18n.set_language(lang)
    assert long_date(date(2026, 12, 1)) == long
    assert sentence_date(date(2026, 12, 1)) == in_sentence
