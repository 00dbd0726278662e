"""The template PDF of a card shows the charts of the goals it works towards (issue 11,
item 5): vector, each indicator's verdict in words, the learning cycles on the time axis."""

from __future__ import annotations

import re

from board import i18n
from board.export.template_pdf import template_pdf_bytes
from board.services import cards
from board.services.demo import INDICATOR, TEST_TITLE
from board.services.template import template_data

from .conftest import Demo, pdf_text


def test_a_cards_template_shows_its_goals_charts(demo: Demo) -> None:
    i18n.set_language("da")
    card = cards.find_card(demo.db, demo.board_id, TEST_TITLE)
    text = pdf_text(template_pdf_bytes(template_data(demo.db, demo.board_id, card.id)))
    data = text[text.index("Hvad fortæller data os?") : text.index("Udvalgt prøvehandling")]
    assert INDICATOR in data
    assert re.search(r"Tegn på forandring: \d+ punkter i træk over medianen", data)
    assert "Median 3,5" in data and "Mål 10" in data and "Mål 80 %" in data
    assert "Kort nr. 11 · Cirkel 1 · Vedtag" in data
    assert "Seneste måling: 7 af 9 familier" in text  # a proportion as it was typed


def test_a_card_without_a_goal_with_data_has_no_chart(demo: Demo) -> None:
    i18n.set_language("da")
    card = cards.add_card(demo.db, demo.board_id, "Et kort uden mål")
    text = pdf_text(template_pdf_bytes(template_data(demo.db, demo.board_id, card.id)))
    assert "Tegn på forandring" not in text and "Median" not in text
    assert INDICATOR not in text
