"""No page of a PDF holds only its header and footer, and no table row stands alone on one.

The content is grown a little at a time so that it ends at every place around a page
boundary: a text field of the template, the number of log entries in the minutes.
"""

from __future__ import annotations

import dataclasses
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from board import i18n
from board.export.minutes_pdf import minutes_pdf_bytes
from board.export.template_pdf import template_pdf_bytes
from board.services import cards
from board.services.template import TemplateData, template_data

from .conftest import Demo
from .test_minutes_pdf import Held

FURNITURE = re.compile(r"^(Side \d+ af \d+|.*Dannet .*|#\d+ .*|Skabelon til at planlægge.*)$")


def _bodies(pdf: bytes, furniture: re.Pattern[str]) -> list[list[str]]:
    """Each page's lines of text without its running header and footer."""
    pages = []
    for page in PdfReader(BytesIO(pdf)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        pages.append([line for line in lines if not furniture.match(line)])
    return pages


@pytest.fixture(scope="module")
def template(demo: Demo) -> TemplateData:
    i18n.set_language("da")
    card = cards.find_card(demo.db, demo.board_id, demo.card_title)
    return template_data(demo.db, demo.board_id, card.id)


@pytest.mark.parametrize("words", range(150, 330, 4))
def test_a_template_never_ends_with_an_empty_page(template: TemplateData, words: int) -> None:
    """The last field of the form (Justér's next step) grows word by word over the end
    of a page: the PDF never gets a last page with only the header and footer."""
    i18n.set_language("da")
    cycle = dataclasses.replace(template.cycles[0], act_next_step="Næste skridt" + " ord" * words)
    pdf = template_pdf_bytes(dataclasses.replace(template, cycles=(cycle,)))
    bodies = _bodies(pdf, FURNITURE)
    assert all(bodies), [n + 1 for n, body in enumerate(bodies) if not body]
    assert "ord" in bodies[-1][-1]  # the form ends with the text that was written


MINUTES_FURNITURE = re.compile(r"^(Side \d+ af \d+|Fremdriftsmøde \d.*|Referat – .*|Spædbarns.*)$")


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Held:
    from board.persistence.database import open_database

    from .test_minutes_pdf import _hold_meeting

    i18n.set_language("da")
    folder = tmp_path_factory.mktemp("breaks")
    return _hold_meeting(open_database(f"sqlite:///{folder}/b.sqlite3"))


@pytest.mark.parametrize("count", range(2, 40))
def test_no_table_row_stands_alone_on_a_page_of_the_minutes(held: Held, count: int) -> None:
    """The log book of the minutes grows entry by entry over page ends: its rows break
    across pages at least two at a time, and no page is empty."""
    i18n.set_language("da")
    base = held.minutes.log[0]
    log = tuple(
        dict(base, what_tested=f"Afprøvning nummer {n}", learning="Vi lærte noget. " * 3)
        for n in range(count)
    )
    pdf = minutes_pdf_bytes(dataclasses.replace(held.minutes, log=log), None)
    bodies = _bodies(pdf, MINUTES_FURNITURE)
    assert all(bodies), [n + 1 for n, body in enumerate(bodies) if not body]
    rows = [sum("Afprøvning nummer" in line for line in body) for body in bodies]
    assert sum(rows) == count
    assert 1 not in rows, rows  # a page with one row of the log book alone
    # The cards in the Log (two rows) come last, together.
    cards_rows = [sum(line.startswith(("Barnets bog", "Slyngevejledning")) for line in body)
                  for body in bodies]  # fmt: skip
    assert 1 not in cards_rows, cards_rows
