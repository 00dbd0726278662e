# ruff: noqa: F811  (the window fixtures of tests/ui are imported by name)
"""A card archived on another screen while this screen types in its template (issue 12,
items 2 and 4): the typed text is never lost — the page stays, says so and offers to restore
the card and save, to copy the text, or to close.

Window A shows the card's template and notices the other screen through its own live watcher
(SQLite: data_version); "the other screen" is a second Database on the same file.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from template_ui.helpers import child, fill, open_by_tap, tap, text_of
from ui.conftest import seed, ui_db, ui_url, window  # noqa: F401  (the same fixtures)
from ui.helpers import screenshot

from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import cards

MINE = "Vi ringer til forældrene dagen før"


@pytest.fixture
def other(ui_url: str) -> Iterator[Database]:
    db = open_database(ui_url)
    yield db
    db.close()


def _stored(url: str, card_id: int):  # type: ignore[no-untyped-def]
    fresh = open_database(url)
    try:
        return cards.get_card(fresh, card_id)
    finally:
        fresh.close()


def _archive_elsewhere(db: Database, card_id: int) -> None:
    cards.set_archived(db, card_id, cards.get_card(db, card_id).version, True)


def _typed_then_archived(qtbot, window, other, card_id: int):  # type: ignore[no-untyped-def]
    page = open_by_tap(window, card_id)
    fill(page.description.widget, MINE)  # typed, not saved yet (the pause has not passed)
    _archive_elsewhere(other, card_id)
    qtbot.waitUntil(lambda: page.gone is not None, timeout=2000)  # the window's own watcher
    return page


def test_typed_text_stays_when_the_card_is_archived_elsewhere_and_is_saved_on_restore(
    qtbot, window, other, seed, ui_url
):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = _typed_then_archived(qtbot, window, other, card_id)
    assert page.is_open and page.isVisible()
    said = page.findChild(QLabel, "template-gone-text")
    assert said is not None and said.isVisible()
    assert said.text().startswith("Kortet er blevet arkiveret, mens du skrev")
    assert text_of(page.description.widget) == MINE
    assert page.description.widget.isReadOnly() and page.title.isReadOnly()
    assert not child(page, "template-archive").isEnabled()  # nothing to archive or move
    assert not child(page, "template-move").isEnabled()
    window.resize(1600, 900)
    screenshot(window, "live-template-archived")
    tap(child(page, "template-back"))  # back to the board would lose the text: refused
    assert page.is_open
    assert _stored(ui_url, card_id).archived

    tap(child(page, "gone-restore"))  # »Gendan kortet og gem min tekst«
    stored = _stored(ui_url, card_id)
    assert (stored.archived, stored.description) == (False, MINE)
    assert page.gone is None and not page.description.widget.isReadOnly()
    assert child(page, "template-archive").isEnabled()
    assert window.store.card(card_id) is not None  # on the board again
    tap(child(page, "template-back"))
    assert not page.is_open


def test_the_text_can_be_copied_and_the_page_closed_leaving_the_card_archived(
    qtbot, window, other, seed, ui_url
):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = _typed_then_archived(qtbot, window, other, card_id)
    QApplication.clipboard().clear()
    tap(child(page, "gone-copy"))  # »Kopiér min tekst«
    assert QApplication.clipboard().text() == MINE
    assert window.message.text == "Din tekst er kopieret. Du kan sætte den ind et andet sted."
    assert page.is_open
    tap(child(page, "gone-close"))  # »Luk«
    assert not page.is_open
    assert _stored(ui_url, card_id).archived


def test_closing_the_window_over_an_archived_cards_text_asks_first(
    qtbot, window, other, seed, ui_url
):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = _typed_then_archived(qtbot, window, other, card_id)
    window.close()
    assert window.isVisible()  # not closed: the text would be lost
    sheet = window.findChild(QWidget, "unsaved-close-sheet")
    assert sheet is not None and sheet.isVisible()
    shown = [label.text() for label in sheet.findChildren(QLabel)]
    assert "Noget af det, du har skrevet, er ikke gemt" in shown
    assert any(text.startswith("Kortet eller målet er arkiveret.") for text in shown)
    tap(child(sheet, "unsaved-wait"))  # »Vent«
    assert window.isVisible() and page.is_open
    tap(child(page, "gone-restore"))
    assert _stored(ui_url, card_id).description == MINE
    window.close()  # everything saved: it closes without a word
    assert not window.isVisible()


def test_nothing_typed_the_page_simply_closes(qtbot, window, other, seed):  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    _archive_elsewhere(other, card_id)
    qtbot.waitUntil(lambda: not page.is_open, timeout=2000)
    assert page.gone is None


def test_a_goal_removed_elsewhere_keeps_the_typed_text_and_can_be_restored(
    qtbot, window, other, seed, ui_url
):  # type: ignore[no-untyped-def]
    from ui.helpers import Finger

    from board.services import goals
    from board.ui.template.base_page import current_page

    view = window.board.lanes[Lane.GOALS]
    item = next(i for i in view.items if i.kind.name == "GOAL" and i.id == seed.goal_id)
    point = view.item_rect(item).center().toPoint()
    finger = Finger(view)
    finger.press(point)
    finger.release(point)
    page = current_page(window)
    assert page is not None and page.objectName() == "goal-page"
    fill(page.time_frame.widget, "Inden udgangen af året")
    goal = goals.get_goal(other, seed.goal_id)
    goals.edit_goal(other, goal.id, goal.version, archived=True)
    qtbot.waitUntil(lambda: page.gone is not None, timeout=2000)
    said = page.findChild(QLabel, "template-gone-text")
    assert said is not None and said.text().startswith("Målet er blevet fjernet, mens du skrev")
    assert page.time_frame.widget.isReadOnly()
    assert child(page, "gone-restore").text() == "Gendan målet og gem min tekst"
    tap(child(page, "gone-restore"))
    fresh = open_database(ui_url)
    try:
        stored = goals.get_goal(fresh, seed.goal_id)
    finally:
        fresh.close()
    assert (stored.archived, stored.time_frame) == (False, "Inden udgangen af året")
    assert page.gone is None and page.is_open
