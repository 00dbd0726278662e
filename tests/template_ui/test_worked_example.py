"""The demo board opens "Forberedende møde med sagsbehandler" with Figur 4 and 6–8 filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from ui.helpers import screenshot

from board.domain.entities import CycleStep
from board.services import cards, demo
from board.ui.template.base_page import current_page

from .helpers import child, fill, open_by_tap, tap, text_of


def _labels(page: QWidget) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisible())


def test_the_worked_example_is_filled_in(laptop, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    assert page.title.text() == demo.TEST_TITLE
    shown = _labels(page)
    # Figur 4: the development point and the three questions with their answers.
    for text in (
        demo.DEVELOPMENT_POINT,
        demo.AIM,
        *demo.SIGNS,
        demo.INDICATOR,
        "Hvad skal vi opnå?",
        "Hvordan ved vi, at et tiltag er en forbedring?",
        "Hvilke tiltag kan vi iværksætte for at skabe forbedringer?",
    ):
        assert text in shown, text
    catalogue = [
        w.title for w in page.findChildren(QWidget) if w.objectName().startswith("catalogue-")
    ]
    assert "Hjemmebesøg inden netværksmøde" in catalogue
    assert "Bedre interview og brug af analysen i interventionen" in catalogue
    assert demo.TEST_TITLE not in catalogue  # the others, not the card itself
    screenshot(laptop, "template-ui-worked-example-laptop")

    # Figur 6–8: the learning cycle, planned, tried and studied; it waits at Justér.
    assert page.view_step is CycleStep.ACT
    assert child(page, "step-act").isChecked()
    assert [child(page, f"step-{s}").mark for s in ("plan", "do", "study", "act")] == [
        "done", "done", "done", "current",
    ]  # fmt: skip
    fields = {f.name: f for f in page.cycle_fields}
    assert text_of(fields["plan_change"].widget) == demo.PLAN
    assert text_of(fields["plan_hypothesis"].widget) == demo.HYPOTHESIS
    assert text_of(fields["plan_data"].widget) == demo.PLAN_DATA
    assert text_of(fields["do_what_happened"].widget) == demo.DO
    assert text_of(fields["study_findings"].widget) == demo.STUDY
    tap(child(page, "step-plan"))
    assert fields["plan_change"].widget.isVisible()
    assert "Hvad skal der ske af forandringer?" in _labels(page)
    screenshot(laptop, "template-ui-plan-laptop")
    tap(child(page, "step-do"))
    assert "Hvordan skal det afprøves? Hvornår, af hvem og hvor længe?" in _labels(page)
    tap(child(page, "step-study"))
    assert "Hvad har ændret sig? Hvorfor og hvordan?" in _labels(page)
    assert child(page, "study-hypothesis").text() == demo.HYPOTHESIS
    screenshot(laptop, "template-ui-study-laptop")


def test_the_worked_example_on_the_wall(wall, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(wall, card.id)
    assert page.geometry() == wall.board.rect()
    assert page.theme.wall and page.theme.title_font.pixelSize() >= 22
    for name in ("template-back", "template-print", "step-plan", "decision-adopt", "scale-more"):
        widget = child(page, name)
        assert widget.height() >= 50, name  # at least ~30 mm on the 55-inch wall
    screenshot(wall, "template-ui-worked-example-wall")
    tap(child(page, "step-plan"))
    page.area.verticalScrollBar().setValue(page.area.verticalScrollBar().maximum())
    screenshot(wall, "template-ui-plan-wall")
    tap(child(page, "step-act"))
    page.area.verticalScrollBar().setValue(page.area.verticalScrollBar().maximum())
    screenshot(wall, "template-ui-act-wall")
    tap(child(page, "template-back"))
    assert current_page(wall) is None
    assert wall.board.selection == card.id


def test_wall_mode_rebuilds_the_open_template(laptop, qtbot, ui_db, demo_board) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(laptop, card.id)
    tap(child(page, "step-study"))
    fill(child(page, "field-study_learning"), "Skrevet før vægtilstand")
    tap(laptop.top.mode_button)  # the field is left (saved), and the wall takes over
    qtbot.waitUntil(lambda: laptop.size().toTuple() == (1920, 1080))
    qtbot.waitUntil(lambda: (p := current_page(laptop)) is not None and p.theme.wall)
    wall_page = current_page(laptop)
    assert wall_page.card_id == card.id and wall_page.view_step is CycleStep.STUDY
    assert text_of(child(wall_page, "field-study_learning")) == "Skrevet før vægtilstand"
    assert wall_page.geometry() == laptop.board.rect()
