# ruff: noqa: F811  (the window fixtures of tests/ui are imported by name)
"""The open template follows another screen without losing a keystroke (issue 12, item 2).

Window A shows a card's template; "the other screen" is a second Database on the same SQLite
file (or the same PostgreSQL database) changing the card through the services. What A's user
sees is read off the widgets; what is stored is read back through a fresh connection.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from template_ui.helpers import child, fill, open_by_tap, tap, text_of
from ui.conftest import seed, ui_db, ui_url, window  # noqa: F401  (the same fixtures)
from ui.helpers import Finger, Seed, screenshot, seed_board

from board import i18n
from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import cards, cycles, goals
from board.ui.template.autosave import AutoField
from board.ui.template.base_page import current_page
from board.ui.template.remote_choice import BOTH, KEEP, TAKE

MINE = "Vi ringer til forældrene dagen før"
THEIRS = "Familiekonsulenten sender en sms"


@pytest.fixture
def other(ui_url: str) -> Iterator[Database]:
    """The other screen: its own Database on the same file."""
    db = open_database(ui_url)
    yield db
    db.close()


def _stored_card(url: str, card_id: int):  # type: ignore[no-untyped-def]
    fresh = open_database(url)
    try:
        return cards.get_card(fresh, card_id)
    finally:
        fresh.close()


def _stored_cycle(url: str, card_id: int):  # type: ignore[no-untyped-def]
    fresh = open_database(url)
    try:
        return cycles.list_cycles(fresh, card_id)[0]
    finally:
        fresh.close()


def _cycle_field(page, name: str) -> AutoField:  # type: ignore[no-untyped-def]
    return next(f for f in page.cycle_fields if f.name == name)


def _edit_card(db: Database, card_id: int, **changes: str) -> None:
    cards.edit_card(db, card_id, cards.get_card(db, card_id).version, **changes)


def _button(field: AutoField, choice: str) -> QPushButton:
    assert field.choice is not None
    found = field.choice.findChild(QPushButton, f"remote-{choice}")
    assert found is not None
    return found


def _quiet(window) -> None:  # type: ignore[no-untyped-def]
    """Only the test tells the window of the other screen's change (no timing involved)."""
    assert window.live is not None
    window.live.stop()


def _notify(window, board_id: int) -> None:  # type: ignore[no-untyped-def]
    """What the change feed reports: the board changed on another screen."""
    window.live.changed.emit(frozenset({board_id}))
    QApplication.processEvents()


def _open_goal(window, goal_id: int):  # type: ignore[no-untyped-def]
    view = window.board.lanes[Lane.GOALS]
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == goal_id)
    point = view.item_rect(item).center().toPoint()
    finger = Finger(view)
    finger.press(point)
    finger.release(point)
    page = current_page(window)
    assert page is not None and page.objectName() == "goal-page"
    return page


def _choice_shown(field: AutoField) -> str:
    assert field.choice is not None and field.choice.isVisible(), "no choice under the field"
    return str(field.choice.text.text())


def test_a_field_not_being_edited_shows_the_other_screens_text(qtbot, window, other, seed, ui_url):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    fill(page.description.widget, MINE)  # typing here, not saved yet
    bar = page.area.verticalScrollBar()
    top = bar.value()
    _edit_card(other, card_id, title="Ring før hjemmebesøget")
    cycle = cycles.list_cycles(other, card_id)[0]
    cycles.edit_cycle(other, cycle.id, cycle.version, plan_where="Mødelokalet")

    # The window's own watcher notices (SQLite: data_version) within a second.
    qtbot.waitUntil(lambda: page.title.text() == "Ring før hjemmebesøget", timeout=1000)
    qtbot.waitUntil(
        lambda: text_of(_cycle_field(page, "plan_where").widget) == "Mødelokalet", timeout=1000
    )
    assert text_of(page.description.widget) == MINE  # the field being typed in is left alone
    assert page.description.widget.hasFocus()
    assert bar.value() == top
    assert page.description.choice is None or not page.description.choice.isVisible()
    tap(child(page, "step-plan"))  # leaving the field saves it on the new version: no conflict
    stored = _stored_card(ui_url, card_id)
    assert (stored.title, stored.description) == ("Ring før hjemmebesøget", MINE)
    assert "anden skærm" not in window.message.text


@pytest.mark.parametrize(
    ("choice", "expected"),
    [(KEEP, MINE), (TAKE, THEIRS), (BOTH, f"{MINE}\n\n{THEIRS}")],
)
def test_the_same_field_changed_elsewhere_is_offered_beside_the_typed_text(
    window,
    other,
    seed,
    ui_url,
    choice,
    expected,
):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    _quiet(window)
    page = open_by_tap(window, card_id)
    field = page.description
    fill(field.widget, MINE)
    _edit_card(other, card_id, description=THEIRS)

    _notify(window, seed.board_id)
    assert text_of(field.widget) == MINE  # never replaced while typed in
    assert field.widget.hasFocus()
    assert _choice_shown(field) == f"Ændret på en anden skærm: »{THEIRS}«"
    if choice == BOTH:
        window.resize(1920, 1080)
        QApplication.processEvents()
        page._show_field(field.widget)  # the field and its choice in view, as on entering
        screenshot(window, "live-template-choice")
    tap(child(page, "step-plan"))  # leaving the field does not save over theirs
    assert _stored_card(ui_url, card_id).description == THEIRS
    assert field.widget.property("unsaved") is True

    tap(_button(field, choice))
    assert text_of(field.widget) == expected
    assert _stored_card(ui_url, card_id).description == expected
    assert not field.choice.isVisible()
    assert not field.widget.property("unsaved")
    tap(child(page, "template-back"))  # nothing left to save: the page closes
    assert not page.is_open


def test_a_focused_field_is_not_replaced_until_it_is_left(window, other, seed, ui_url):
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    _quiet(window)
    page = open_by_tap(window, card_id)
    hypothesis = _cycle_field(page, "plan_hypothesis")
    tap(hypothesis.widget)  # the cursor is in the field; nothing typed yet
    cycle = cycles.list_cycles(other, card_id)[0]
    cycles.edit_cycle(other, cycle.id, cycle.version, plan_hypothesis=THEIRS)
    _notify(window, seed.board_id)
    assert text_of(hypothesis.widget) == ""
    assert _choice_shown(hypothesis) == f"Ændret på en anden skærm: »{THEIRS}«"
    tap(child(page, "step-plan"))  # left without typing: their text is simply shown
    assert text_of(hypothesis.widget) == THEIRS
    assert not hypothesis.choice.isVisible()
    assert _stored_cycle(ui_url, card_id).plan_hypothesis == THEIRS


def test_an_autosave_against_a_stale_version_asks_instead_of_refusing(
    window,
    other,
    seed,
    ui_url,
):  # type: ignore[no-untyped-def]
    """No notification reached the window yet: the save itself finds the other text."""
    card_id = seed.lanes[Lane.IDEAS][0]
    _quiet(window)
    page = open_by_tap(window, card_id)
    field = page.description
    fill(field.widget, MINE)
    _edit_card(other, card_id, description=THEIRS)
    tap(child(page, "template-back"))  # leaving saves: refused, the choice is shown
    assert page.is_open
    assert text_of(field.widget) == MINE
    assert _choice_shown(field) == f"Ændret på en anden skærm: »{THEIRS}«"
    assert _stored_card(ui_url, card_id).description == THEIRS
    tap(_button(field, KEEP))
    assert _stored_card(ui_url, card_id).description == MINE
    assert "anden skærm" not in window.message.text  # the banner went with the choice


def test_another_field_of_the_record_changed_elsewhere_saves_without_a_word(
    window,
    other,
    seed,
    ui_url,
):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    _quiet(window)
    page = open_by_tap(window, card_id)
    fill(page.description.widget, MINE)
    _edit_card(other, card_id, title="Ny titel fra laptoppen")
    tap(child(page, "step-do"))  # leaving saves: a stale version, but only the title moved on
    stored = _stored_card(ui_url, card_id)
    assert (stored.title, stored.description) == ("Ny titel fra laptoppen", MINE)
    assert page.title.text() == "Ny titel fra laptoppen"
    assert not page.description.widget.property("unsaved")
    assert "anden skærm" not in window.message.text


def test_a_goal_page_follows_the_other_screen_and_keeps_the_field_being_typed(
    window, other, seed, ui_url
):  # type: ignore[no-untyped-def]
    _quiet(window)
    page = _open_goal(window, seed.goal_id)
    fill(page.time_frame.widget, "Inden udgangen af året")
    goal = goals.get_goal(other, seed.goal_id)
    goals.edit_goal(other, goal.id, goal.version, aim="Alle forældre har en plan",
                    time_frame="Inden for 3 måneder")  # fmt: skip
    _notify(window, seed.board_id)
    assert text_of(page.aim.widget) == "Alle forældre har en plan"
    assert text_of(page.time_frame.widget) == "Inden udgangen af året"
    assert _choice_shown(page.time_frame) == "Ændret på en anden skærm: »Inden for 3 måneder«"
    tap(_button(page.time_frame, KEEP))
    fresh = open_database(ui_url)
    try:
        stored = goals.get_goal(fresh, seed.goal_id)
    finally:
        fresh.close()
    assert (stored.aim, stored.time_frame) == (
        "Alle forældre har en plan",
        "Inden udgangen af året",
    )


def test_a_goal_page_shows_measurements_typed_on_another_screen(window, other, seed):  # type: ignore[no-untyped-def]
    from datetime import date

    from board.i18n import tr
    from board.services import measurements

    _quiet(window)
    indicator = goals.add_criterion(other, seed.goal_id, "indicator", "Fremmøde", target="80")
    sign = goals.add_criterion(other, seed.goal_id, "sign", "Forældrene spørger selv")
    _notify(window, seed.board_id)  # the goal's criteria reach the board
    page = _open_goal(window, seed.goal_id)
    chart, signs = page.panels[indicator.id], page.panels[sign.id]
    assert chart.verdict.text() == tr("tpl.goal.no_measurement")
    measurements.add_measurement(other, indicator.id, date(2026, 11, 2), 60)
    measurements.add_measurement(other, indicator.id, date(2026, 11, 9), 75)
    measurements.add_observation(other, sign.id, date(2026, 11, 9), "To forældre spurgte")
    _notify(window, seed.board_id)
    assert [m.value for m in chart.measurements] == [60, 75]
    assert chart.verdict.text() != tr("tpl.goal.no_measurement")
    assert [m.note for m in signs.measurements] == ["To forældre spurgte"]


@pytest.fixture
def pg_window(qtbot, pg_url: str):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    mine, theirs = open_database(pg_url), open_database(pg_url)
    board: Seed = seed_board(mine)
    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(mine, board.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win, theirs, board
    win.close()
    theirs.close()
    mine.close()


def test_postgres_typing_on_one_screen_while_the_other_changes_the_same_field(
    qtbot, pg_window, pg_url: str
):  # type: ignore[no-untyped-def]
    screen, theirs_db, board = pg_window
    card_id = board.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(screen, card_id)
    hypothesis = _cycle_field(page, "plan_hypothesis")
    fill(hypothesis.widget, MINE)
    cycle = cycles.list_cycles(theirs_db, card_id)[0]
    cycles.edit_cycle(theirs_db, cycle.id, cycle.version, plan_hypothesis=THEIRS,
                      plan_who="Åse")  # fmt: skip
    # LISTEN/NOTIFY: the window hears of it without a click, within a second.
    qtbot.waitUntil(lambda: text_of(_cycle_field(page, "plan_who").widget) == "Åse", timeout=1000)
    assert text_of(hypothesis.widget) == MINE
    assert _choice_shown(hypothesis) == f"Ændret på en anden skærm: »{THEIRS}«"
    tap(_button(hypothesis, BOTH))
    stored = _stored_cycle(pg_url, card_id)
    assert stored.plan_hypothesis == f"{MINE}\n\n{THEIRS}" == text_of(hypothesis.widget)
    assert stored.plan_who == "Åse"


def test_closing_the_window_while_a_choice_waits_keeps_both_texts(window, other, seed, ui_url):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    _quiet(window)
    page = open_by_tap(window, card_id)
    fill(page.description.widget, MINE)
    _edit_card(other, card_id, description=THEIRS)
    _notify(window, seed.board_id)
    assert _choice_shown(page.description)
    window.close()  # nobody left to choose: neither text is lost
    assert _stored_card(ui_url, card_id).description == f"{MINE}\n\n{THEIRS}"
