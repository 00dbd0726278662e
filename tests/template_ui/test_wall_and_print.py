"""On the wall, by touch: a new cycle planned, run, studied and decided, and the log shows
it. The page pans under a finger. "Udskriv" saves the paper form. The template in English."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from ui.helpers import Finger, screenshot, state

from board import i18n
from board.domain.entities import CycleStep, Decision, ScaleStep
from board.services import cards, cycles, demo
from board.ui.template.base_page import current_page

from .helpers import child, fill, open_by_tap, tap, text_of


def _field(page, name: str):  # type: ignore[no-untyped-def]
    return next(f for f in page.cycle_fields if f.name == name)


def test_a_whole_cycle_on_the_wall_by_touch(wall, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(wall, card.id)
    # Justér the worked example: adjust, and add focus points (Figur 8's conclusion).
    tap(child(page, "decision-adapt"))
    fill(_field(page, "act_next_step").widget, "Suppler guiden med fokuspunkter om forventninger.")
    tap(child(page, "decide"))
    tap(child(page, "offer-next"))
    assert page.shown == 2 and page.view_step is CycleStep.PLAN
    fill(_field(page, "plan_who").widget, "Joan og Lene", replace=True)
    fill(_field(page, "plan_when").widget, "Næste opstartsmøde")
    tap(child(page, "step-next"))
    fill(_field(page, "do_what_happened").widget, "Guiden med de nye punkter blev brugt.")
    tap(child(page, "step-next"))
    fill(_field(page, "study_findings").widget, "Forventningerne blev afstemt grundigere.")
    tap(child(page, "step-next"))
    assert page.view_step is CycleStep.ACT
    tap(child(page, "decision-adopt"))
    fill(_field(page, "act_next_step").widget, "Afprøv med flere familier.")
    screenshot(wall, "template-ui-wall-deciding")
    tap(child(page, "decide"))
    stored = cycles.list_cycles(ui_db, card.id)
    assert [(c.number, c.step, c.act_decision) for c in stored] == [
        (1, CycleStep.CLOSED, Decision.ADAPT),
        (2, CycleStep.CLOSED, Decision.ADOPT),
    ]
    assert stored[1].plan_who == "Joan og Lene"
    assert stored[1].plan_hypothesis == demo.HYPOTHESIS  # carried over
    tap(child(page, "offer-next"))
    assert cycles.list_cycles(ui_db, card.id)[2].scale_step is ScaleStep.MORE
    tap(child(page, "template-back"))
    assert current_page(wall) is None
    log = [e for e in state(ui_db, demo_board).log if e.card_id == card.id]
    assert {e.decision for e in log} == {Decision.ADAPT, Decision.ADOPT}
    loose = [e.id for e in wall.store.loose_entries]
    assert all(e.id in loose for e in log)  # both in the Log lane
    screenshot(wall, "template-ui-wall-log")


def test_a_finger_pans_the_page_without_focusing_a_field(laptop, qtbot, ui_db, demo_board):
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    bar = page.area.verticalScrollBar()
    assert bar.maximum() > 200 and bar.value() == 0
    field = page.description.widget
    start = field.mapTo(laptop, field.rect().center())
    finger = Finger(laptop)
    finger.press(start)
    for dy in range(10, 200, 20):
        finger.move(start - QPoint(0, dy))
    finger.release(start - QPoint(0, 190))
    assert bar.value() == 190
    assert not field.hasFocus()  # panning across a field does not call up the keyboard
    tap(field)
    assert field.hasFocus()


def test_udskriv_saves_the_paper_form(laptop, tmp_path: Path, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    fill(_field(page, "act_next_step").widget, "Udskrevet næste skridt")
    target = tmp_path / "skabelon"
    asked: list[str] = []
    page.choose_pdf_path = lambda default: asked.append(default) or str(target)
    tap(child(page, "template-print"))
    assert asked and asked[0].endswith(".pdf") and demo.TEST_TITLE in asked[0]
    pdf = target.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in laptop.message.text
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Udskrevet næste skridt" in text  # the field was saved before printing
        assert "Forberedende møde med sagsbehandler" in " ".join(text.split())
    page.choose_pdf_path = lambda default: None  # cancelled: nothing happens
    tap(child(page, "template-print"))


@pytest.mark.parametrize("size", [(1366, 768)])
def test_the_template_in_english(qtbot, ui_db, demo_board, size) -> None:
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("en")
    win = BoardWindow(ui_db, demo_board)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(win, card.id)
    assert child(page, "template-back").text() == "← Back to the board"
    assert child(page, "step-study").title == "Study"
    assert child(page, "decision-abandon").title == "Abandon"
    assert child(page, "scale-broader").title == "A broader circle for a period"
    screenshot(win, "template-ui-english")
    assert text_of(_field(page, "plan_hypothesis").widget) == demo.HYPOTHESIS
