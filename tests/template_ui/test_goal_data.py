"""A goal's data on its page: a measurement typed on the number pad by touch, the chart and its
verdict, undo; the Mål lane's sparklines."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid
from ui.helpers import Finger, state

from board.domain.entities import CriterionKind
from board.domain.lanes import Lane
from board.domain.spc import ChartKind
from board.persistence.database import Database, open_database
from board.services import goals, measurements
from board.services.demo_measurements import PROPORTION
from board.ui.board.lane_model import Kind
from board.ui.template.base_page import current_page

from .helpers import tap, type_text

SHOTS = Path("/work/shots")


def _open_goal(window, goal_id: int):  # type: ignore[no-untyped-def]
    view = window.board.lanes[Lane.GOALS]
    view.ensure_visible(goal_id, Kind.GOAL)  # scrolled to, as a finger would
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == goal_id)
    point = view.item_rect(item).center().toPoint()
    finger = Finger(view)
    finger.press(point)
    finger.release(point)
    page = current_page(window)
    assert page is not None and page.objectName() == "goal-page"
    return page


def _indicator(db: Database, goal_id: int, proportion: bool = False) -> int:
    """The goal's first indicator, or (``proportion``) the demo's "7 af 9" one."""
    goal = goals.get_goal(db, goal_id)
    found = [c for c in goal.criteria if c.kind is CriterionKind.INDICATOR]
    return next(c.id for c in found if (c.text == PROPORTION) is proportion)


def _sheet(window, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    """The one visible widget of that name (rows built anew are shown by the event loop)."""
    QApplication.processEvents()
    found = [w for w in window.findChildren(QWidget, name) if w.isVisible()]
    assert len(found) == 1, name
    return found[0]


def _stored(url: str, criterion_id: int) -> list[tuple[date, float | None]]:
    """The indicator's measurements read back through a fresh connection."""
    fresh = open_database(url)
    try:
        return [(m.measured_on, m.value) for m in measurements.measurements(fresh, criterion_id)]
    finally:
        fresh.close()


def _rows(url: str, criterion_id: int):  # type: ignore[no-untyped-def]
    fresh = open_database(url)
    try:
        return measurements.measurements(fresh, criterion_id)
    finally:
        fresh.close()


def _closed(sheet: QWidget) -> bool:
    return not isValid(sheet) or not sheet.isVisible()


def _tap_in(page_or_sheet: QWidget, name: str) -> None:
    found = [w for w in page_or_sheet.findChildren(QWidget, name) if w.isVisible()]
    assert found, name
    tap(found[0])


def test_a_measurement_typed_on_the_pad_is_stored_drawn_and_undone(
    wall, qtbot, ui_db, demo_board, ui_url
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    before = _stored(ui_url, criterion_id)
    page = _open_goal(wall, goal_id)
    panel = page.panels[criterion_id]
    points = len(panel.view.chart_layout().points)
    assert points == len(before)

    # Three taps from the goal's page: "+ Måling", the number (1, 2, the comma, 5), "Gem".
    tap(panel.add)
    pad = _sheet(wall, "number-pad")
    for key in ("1", "2", ",", "5"):
        _tap_in(pad, f"pad-key-{key}")
    assert pad.value.text() == "12,5"
    _tap_in(pad, "pad-save")
    qtbot.waitUntil(lambda: _closed(pad))

    today = wall.store.today
    assert _stored(ui_url, criterion_id) == sorted([*before, (today, 12.5)])
    assert len(panel.view.chart_layout().points) == points + 1
    assert "12,5" in _sheet(panel, f"measurement-{_last_id(ui_db, criterion_id)}").text()

    wall.undo()
    assert _stored(ui_url, criterion_id) == before
    assert len(panel.view.chart_layout().points) == points
    wall.redo()
    assert _stored(ui_url, criterion_id) == sorted([*before, (today, 12.5)])


def _last_id(db: Database, criterion_id: int) -> int:
    return max(m.id for m in measurements.measurements(db, criterion_id))


def test_a_proportion_is_typed_as_7_af_9(wall, qtbot, ui_db, demo_board, ui_url) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id, proportion=True)
    before = _stored(ui_url, criterion_id)
    page = _open_goal(wall, goal_id)
    panel = page.panels[criterion_id]
    points = len(panel.view.chart_layout().points)
    tap(panel.add)
    pad = _sheet(wall, "number-pad")
    assert pad.as_proportion.isChecked()  # a proportion indicator asks for "7 af 9" at once
    _tap_in(pad, "pad-key-7")
    tap(pad.denominator)
    _tap_in(pad, "pad-key-9")
    assert (pad.numerator.text(), pad.of.text(), pad.denominator.text()) == ("7", "af", "9")
    _tap_in(pad, "pad-day-earlier")  # the date is changeable: yesterday
    _tap_in(pad, "pad-save")
    qtbot.waitUntil(lambda: _closed(pad))
    yesterday = wall.store.today - timedelta(days=1)
    added = [m for m in _rows(ui_url, criterion_id) if (m.measured_on, m.value) not in before]
    assert [(m.measured_on, m.numerator, m.denominator) for m in added] == [(yesterday, 7, 9)]
    assert added[0].value == 7 / 9
    assert len(panel.view.chart_layout().points) == points + 1
    assert "7 af 9" in _sheet(panel, f"measurement-{added[0].id}").text()
    # The criterion's line says the latest (today's in the demo) as it was typed.
    row = next(r for r in page.rows if r.key_id == criterion_id)
    assert row.latest.text().startswith("Seneste måling: 7 af 9 familier"), row.latest.text()


def test_a_denominator_of_0_is_refused_at_its_field(wall, qtbot, ui_db, demo_board, ui_url) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id, proportion=True)
    before = _stored(ui_url, criterion_id)
    page = _open_goal(wall, goal_id)
    tap(page.panels[criterion_id].add)
    pad = _sheet(wall, "number-pad")
    _tap_in(pad, "pad-key-7")
    tap(pad.denominator)
    _tap_in(pad, "pad-key-0")
    _tap_in(pad, "pad-save")
    assert pad.isVisible()
    assert "Nævneren skal være større end 0" in pad.field_errors["field.denominator"].text
    assert _stored(ui_url, criterion_id) == before


def test_the_demo_goal_page_says_the_shift_in_words(wall, qtbot, ui_db, demo_board) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    page = _open_goal(wall, goal_id)
    panel = page.panels[_indicator(ui_db, goal_id)]
    assert panel.verdict.text().splitlines()[0] == (
        "Tegn på forandring: 9 punkter i træk over medianen"
    )
    assert panel.verdict.property("signal") is True
    # Said once, over the chart where it is read first: the chart itself draws no verdict.
    layout = panel.view.chart_layout()
    drawn = [getattr(shape, "text", "") for shape in layout.shapes]
    assert not [text for text in drawn if text.startswith("Tegn på forandring")], drawn
    assert panel.verdict.isVisible()
    assert panel.verdict.geometry().bottom() <= panel.view.geometry().top()
    if SHOTS.is_dir():
        panel.grab().save(str(SHOTS / "goalfin-goal-page.png"))
    # The adopted test's learning cycle stands on the chart's time axis.
    labels = [a.label for a in panel.view.chart_layout().annotations]
    assert any("Vedtag" in label for label in labels), labels


def test_the_verdict_under_the_chart_names_the_shift(wall, qtbot, ui_db, demo_board) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    for old in measurements.measurements(ui_db, criterion_id):
        measurements.delete_measurement(ui_db, old.id)
    start = wall.store.today - timedelta(weeks=40)
    # 20 weeks of 4, 5, 6 (the median is 6), then 15 weeks of 9 and 10: a shift.
    for week in range(20):
        measurements.add_measurement(
            ui_db, criterion_id, start + timedelta(weeks=week), 4 + week % 3
        )
    for week in range(20, 35):
        measurements.add_measurement(
            ui_db, criterion_id, start + timedelta(weeks=week), 9 + week % 2
        )
    page = _open_goal(wall, goal_id)
    verdict = page.panels[criterion_id].verdict.text()
    assert verdict.splitlines()[0] == "Tegn på forandring: 15 punkter i træk over medianen"


def _spark_colours(window, goal_id: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Pixels of the series' blue and the signal's red in the goal card's lowest strip."""
    view = window.board.lanes[Lane.GOALS]
    view.ensure_visible(goal_id, Kind.GOAL)
    view.repaint()
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == goal_id)
    rect = view.item_rect(item).toRect()
    strip = rect.adjusted(0, rect.height() // 2, 0, 0)
    image = view.grab(strip).toImage()
    blue = red = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            rgb = (c.red(), c.green(), c.blue())
            if _near(rgb, (0x15, 0x59, 0xB7)):
                blue += 1
            elif _near(rgb, (0xB3, 0x26, 0x1E)):
                red += 1
    return blue, red


def _near(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 40


def test_a_goal_card_in_mal_shows_its_sparkline_red_on_a_signal(
    wall, qtbot, ui_db, demo_board
) -> None:
    first, second = (g.id for g in state(ui_db, demo_board).goals[:2])
    qtbot.waitUntil(lambda: first in wall.store.series)  # read after Mål is painted
    wall.board.lanes[Lane.GOALS].repaint()
    blue, red = _spark_colours(wall, first)
    assert blue > 20 and red > 5  # the demo's shift after the adopted test: a signal
    assert _spark_colours(wall, second) == (0, 0)  # no indicator: no sparkline

    # The second goal gets an indicator; its first measurement, typed on the goal's page,
    # shows on its card in Mål (blue: one point is no signal).
    added = wall.ops.add_criterion(second, CriterionKind.INDICATOR, "Fælles samtaler", "4")
    assert added is not None
    wall.board.lanes[Lane.GOALS].repaint()  # the card is taller now: laid out again
    page = _open_goal(wall, second)
    tap(page.panels[added.id].add)
    pad = _sheet(wall, "number-pad")
    _tap_in(pad, "pad-key-3")
    _tap_in(pad, "pad-save")
    qtbot.waitUntil(lambda: _closed(pad))
    page.close_page()
    wall.board.lanes[Lane.GOALS].repaint()
    blue, red = _spark_colours(wall, second)
    assert blue > 5 and red == 0, (blue, red)


def test_a_signs_observation_is_added_by_touch_and_undone(
    wall, qtbot, ui_db, demo_board, ui_url
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    goal = goals.get_goal(ui_db, goal_id)
    sign_id = next(c.id for c in goal.criteria if c.kind is CriterionKind.SIGN)
    before = _rows(ui_url, sign_id)
    page = _open_goal(wall, goal_id)
    panel = page.panels[sign_id]
    tap(panel.add)
    sheet = _sheet(wall, "observation-sheet")
    tap(sheet.text)
    type_text("Moren spurgte selv til barnets søvn")
    _tap_in(sheet, "observation-save")
    qtbot.waitUntil(lambda: _closed(sheet))
    added = [m for m in _rows(ui_url, sign_id) if m not in before]
    assert [(m.measured_on, m.value, m.note) for m in added] == [
        (wall.store.today, None, "Moren spurgte selv til barnets søvn")
    ]
    row = _sheet(panel, f"observation-{added[0].id}")
    assert "Moren spurgte selv til barnets søvn" in row.text()
    wall.undo()
    assert _rows(ui_url, sign_id) == before


def test_a_measurement_is_corrected_commented_and_deleted_by_touch(
    wall, qtbot, ui_db, demo_board, ui_url
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    newest = _rows(ui_url, criterion_id)[-1]
    page = _open_goal(wall, goal_id)
    panel = page.panels[criterion_id]
    tap(_sheet(panel, f"measurement-{newest.id}"))
    pad = _sheet(wall, "number-pad")
    _tap_in(pad, "pad-key-back")
    _tap_in(pad, "pad-key-8")  # 7 becomes 8
    tap(pad.note)
    type_text("To familier aflyste")
    _tap_in(pad, "pad-save")
    qtbot.waitUntil(lambda: _closed(pad))
    changed = _rows(ui_url, criterion_id)[-1]
    assert (changed.id, changed.value, changed.note) == (newest.id, 8, "To familier aflyste")
    assert "To familier aflyste" in _sheet(panel, f"measurement-{newest.id}").text()
    wall.undo()
    assert _rows(ui_url, criterion_id)[-1] == newest

    count = len(panel.view.chart_layout().points)
    tap(_sheet(panel, f"measurement-{newest.id}"))
    _tap_in(_sheet(wall, "number-pad"), "pad-delete")
    assert newest.id not in [m.id for m in _rows(ui_url, criterion_id)]
    assert len(panel.view.chart_layout().points) == count - 1
    wall.undo()
    assert _rows(ui_url, criterion_id)[-1] == newest


def test_the_chart_type_and_baseline_are_chosen_by_touch_saved_and_undone(
    wall, qtbot, ui_db, demo_board, ui_url
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    page = _open_goal(wall, goal_id)
    panel = page.panels[criterion_id]
    tap(panel.kind_buttons[ChartKind.I])
    tap(panel.freeze)

    def stored():  # type: ignore[no-untyped-def]
        fresh = open_database(ui_url)
        try:
            c = next(c for c in goals.get_goal(fresh, goal_id).criteria if c.id == criterion_id)
            return c.chart, c.freeze_points
        finally:
            fresh.close()

    points = len(_stored(ui_url, criterion_id))
    assert stored() == (ChartKind.I, points)
    assert panel.chart is not None and panel.chart.kind is ChartKind.I
    assert panel.kind_buttons[ChartKind.I].isChecked() and panel.freeze.isChecked()
    assert panel.view.chart_layout().limits  # an I chart draws its control limits
    wall.undo()
    wall.undo()
    assert stored() == (ChartKind.RUN, None)
    assert panel.kind_buttons[ChartKind.RUN].isChecked() and not panel.freeze.isChecked()
