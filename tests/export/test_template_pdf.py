"""The improvement-model template printed as a PDF: content, font, pages, robustness."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from board import i18n
from board.domain.errors import BoardError
from board.export.fonts import PLACEHOLDER
from board.export.template_pdf import template_pdf_bytes, write_template_pdf
from board.services import cards, cycles
from board.services.demo import AIM, DEVELOPMENT_POINT, INDICATOR, SIGNS
from board.services.template import TemplateData, template_data

from .conftest import ARTIFACTS, Demo, page_count, pdf_text

DOLL = "Dukke til at træne forældrekompetencer under graviditeten"

# Figur 6–8 of Hæfte 4, as the demo board holds them.
FIGURE_TEXTS = (
    "Joan og Lene udvikler en kort guide",
    "Gitte og Mette sætter tid af",
    "fokuspunkterne for det forberedende møde fungerede godt",
)


def _data(demo: Demo, title: str | None = None) -> TemplateData:
    card = cards.find_card(demo.db, demo.board_id, title or demo.card_title)
    return template_data(demo.db, demo.board_id, card.id)


@pytest.fixture(scope="module")
def demo_pdf(demo: Demo) -> bytes:
    return template_pdf_bytes(_data(demo))


def test_danish_form_holds_the_three_questions_and_the_learning_cycle(demo_pdf: bytes) -> None:
    text = pdf_text(demo_pdf)
    for expected in (
        "Skabelon til at planlægge og følge op på prøvehandling",
        "Forberedende møde med sagsbehandler",
        "Udviklingspunkt",
        "Mål",
        "Hvad skal vi opnå?",
        "Succeskriterier",
        "Hvordan ved vi, at et tiltag er en forbedring?",
        "Forandringskatalog",
        "Hvilke tiltag kan vi iværksætte for at skabe forbedringer?",
        "Læringscirkel 1",
        "Planlæg",
        "Afprøv",
        "Reflektér",
        "Justér",
        "Hvad skal der ske af forandringer?",
        "Hvordan skal det afprøves? Hvornår, af hvem og hvor længe?",
        "Hvad har ændret sig? Hvorfor og hvordan?",
        "Hvad fortæller data os? Hvad virker godt, og hvad virker ikke? Hvad skal vi tilpasse?",
        "Vedtag",
        "Forkast",
        "Én borger eller pårørende",  # the scale-up ladder
        "Gitte Holm",  # the owner
    ):
        assert expected in text, expected


def test_answers_of_the_demo_card_are_printed(demo_pdf: bytes) -> None:
    text = pdf_text(demo_pdf)
    assert DEVELOPMENT_POINT in text
    assert AIM in text
    assert INDICATOR in text
    assert "Målværdi: 10 procentpoint" in text
    for sign in SIGNS:
        assert sign in text
    for other in (
        "Hjemmebesøg inden netværksmøde",
        "Bedre interview og brug af analysen i interventionen",
        "Dukke til at træne forældrekompetencer under graviditeten",
    ):
        assert other in text, other
    for figure in FIGURE_TEXTS:
        assert figure in text, figure
    assert "Udvalgt prøvehandling: Forberedende møde med sagsbehandler" in text


def test_demo_card_prints_its_pages_numbered_in_the_footer(demo: Demo, demo_pdf: bytes) -> None:
    data = _data(demo)
    # the questions, the goal's two charts (about a page), the learning cycle
    pages = page_count(demo_pdf)
    assert 3 <= pages <= 4
    text = pdf_text(demo_pdf)
    assert f"Side 1 af {pages}" in text and f"Side {pages} af {pages}" in text
    printed = f"{data.printed_on.day}.{data.printed_on.month}.{data.printed_on.year}"
    assert f"{data.board.name} · Dannet {printed}" in text


def test_only_embedded_dejavu_fonts_are_used(demo_pdf: bytes) -> None:
    reader = PdfReader(BytesIO(demo_pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+")[-1])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}


def test_card_without_a_cycle_prints_one_blank_cycle_form(demo: Demo) -> None:
    data = _data(demo, "Gravidliste på tavlen")  # an idea: no goal, owner or cycle
    assert data.cycles == () and data.goals == ()
    pdf = template_pdf_bytes(data)
    text = pdf_text(pdf)
    assert text.count("Læringscirkel") == 1
    for step in ("Planlæg", "Afprøv", "Reflektér", "Justér", "Forandringskatalog"):
        assert step in text
    assert page_count(pdf) == 2


def test_every_cycle_is_printed_with_its_decision(demo: Demo) -> None:
    text = pdf_text(template_pdf_bytes(_data(demo, DOLL)))
    assert "Læringscirkel 1" in text and "Læringscirkel 2" in text
    assert text.index("Læringscirkel 1") < text.index("Læringscirkel 2")
    assert "Dukken italesættes på en ny måde" in text
    assert "Afsluttet" in text


def test_a_100000_character_field_flows_across_pages(own_demo: Demo, tmp_path: Path) -> None:
    card = cards.find_card(own_demo.db, own_demo.board_id, own_demo.card_title)
    cycle = cycles.list_cycles(own_demo.db, card.id)[0]
    sentence = "Forældrene virkede rolige og lyttende, og vi lærte noget nyt. "
    long = (sentence * 2000)[:99_992] + " SLUTORD"
    assert len(long) == 100_000
    cycles.edit_cycle(own_demo.db, cycle.id, cycle.version, do_what_happened=long)
    target = tmp_path / "lang.pdf"
    write_template_pdf(template_data(own_demo.db, own_demo.board_id, card.id), target)
    pdf = target.read_bytes()
    assert page_count(pdf) > 20
    text = pdf_text(pdf)
    assert "SLUTORD" in text and "Justér" in text
    assert text.count("Forældrene virkede rolige og lyttende, og vi lærte noget nyt.") >= 1500


@pytest.mark.slow
def test_long_unbroken_texts_in_every_part_do_not_fail(demo: Demo) -> None:
    data = _data(demo)
    word = "x" * 100_000  # no space to wrap at
    goal = dataclasses.replace(data.goals[0].goal, aim=word, development_point=word)
    section = dataclasses.replace(data.goals[0], goal=goal)
    cycle = dataclasses.replace(data.cycles[0], plan_who=word, study_learning=word)
    card = dataclasses.replace(data.card, description=word)
    pdf = template_pdf_bytes(
        dataclasses.replace(data, card=card, goals=(section,), cycles=(cycle,))
    )
    assert page_count(pdf) > 40


def test_emoji_and_control_characters_never_break_the_pdf(demo: Demo) -> None:
    data = _data(demo)
    nasty = "Møde 👍🏽 med familien 👨‍👩‍👧 🇩🇰\x00\x07\x1b\x7f\x85 slut\r\nny linje\tmed tab ☺"
    card = dataclasses.replace(data.card, title=f"Kort {nasty}", description=nasty)
    cycle = dataclasses.replace(data.cycles[0], plan_hypothesis=nasty, act_next_step="\ud800x")
    board = dataclasses.replace(data.board, name=f"Tavle 😀\x00 {nasty}")
    pdf = template_pdf_bytes(dataclasses.replace(data, card=card, cycles=(cycle,), board=board))
    text = pdf_text(pdf)
    assert "Møde" in text and "slut" in text and "ny linje" in text
    assert PLACEHOLDER in text  # what DejaVu cannot draw is marked, not silently dropped
    assert "☺" in text  # what it can draw is kept
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)
    assert "\x7f" not in text


def test_english_labels_when_english_is_chosen(demo: Demo) -> None:
    i18n.set_language("en")
    try:
        text = pdf_text(template_pdf_bytes(_data(demo)))
    finally:
        i18n.set_language("da")
    for expected in (
        "Template for planning and following up a test of change",
        "What are we trying to accomplish?",
        "How will we know that a change is an improvement?",
        "Change catalogue",
        "Learning cycle 1",
        "Plan",
        "Study",
        "Page 1 of ",
        "Development point",
        "One citizen or relative",
    ):
        assert expected in text, expected
    for danish_label in ("Planlæg", "Læringscirkel", "Udviklingspunkt", "Side 1 af"):
        assert danish_label not in text, danish_label
    assert FIGURE_TEXTS[0] in text  # the team's own words stay as written


def test_no_file_at_all_when_the_folder_does_not_exist(demo: Demo, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "skabelon.pdf"
    with pytest.raises(BoardError) as caught:
        write_template_pdf(_data(demo), target)
    assert caught.value.key == "error.write_file"
    assert str(target) in caught.value.message()
    assert list(tmp_path.iterdir()) == []


def test_written_file_replaces_an_old_one_and_leaves_no_temporary_file(
    demo: Demo, tmp_path: Path
) -> None:
    target = tmp_path / "skabelon.pdf"
    target.write_bytes(b"old")
    write_template_pdf(_data(demo), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["skabelon.pdf"]


def test_the_export_does_not_import_qt() -> None:
    code = (
        "import sys, board.export.template_pdf, board.services.template; "
        "sys.exit('PySide6' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_render_pages_for_a_look(demo: Demo) -> None:
    """Pages as PNG in test-artifacts/, to look at (a person's check, not an assertion)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, title in (
        ("template-demo", demo.card_title),
        ("template-blank", "Gravidliste på tavlen"),
        ("template-cycles", DOLL),
    ):
        pdf = ARTIFACTS / f"{name}.pdf"
        write_template_pdf(_data(demo, title), pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / name)], check=True
        )
        assert (ARTIFACTS / f"{name}-1.png").exists()
