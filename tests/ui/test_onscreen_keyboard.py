"""The on-screen keyboard of the touch-only wall: a finger on a text field shows it, its keys
type æ, ø and å into the field as a keyboard would, and the field stays in view above it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QScrollArea, QWidget
from template_ui.helpers import open_by_tap, reveal, text_of

from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.services import cards, cycles

from .helpers import ARTIFACTS, Finger, button, card_point, hold, screenshot, state

TESTS = Path(__file__).resolve().parents[1]


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """A finger's quick tap on ``widget`` (the touch goes to its window, as on the wall)."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    window = widget.window()
    at = widget.mapTo(window, point if point is not None else widget.rect().center())
    assert window.rect().contains(at), f"{widget.objectName()} is off the screen"
    finger = Finger(window)
    finger.press(at)
    finger.release(at)
    QApplication.processEvents()


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The keyboard decides once the event that moved the focus has been seen whole."""
    qtbot.wait(30)
    QApplication.processEvents()


def tap_keys(window, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        tap(window.keyboard.key(name))


def on_window(widget: QWidget) -> QRect:
    window = widget.window()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def keyboard_top(window) -> int:  # type: ignore[no-untyped-def]
    keyboard = window.keyboard
    assert keyboard.isVisible()
    return on_window(keyboard).top()


@pytest.fixture
def settings_file(window, tmp_path: Path) -> Path:
    """This machine's settings for this test only (none yet: the keyboard is automatic)."""
    path = tmp_path / "settings.json"
    window.meetings.settings_path = path
    return path


def _wall(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.set_wall(True)
    size = QGuiApplication.primaryScreen().geometry().size()
    qtbot.waitUntil(lambda: window.size() == size)


def test_a_finger_types_a_danish_idea_on_the_wall(
    qtbot, window, settings_file, ui_db, ui_url, seed
) -> None:
    _wall(qtbot, window)
    ideas = window.board.lanes[Lane.IDEAS]
    assert not window.keyboard.isVisible()
    board_height = window.board.height()
    tap(ideas.header.add_button)
    settle(qtbot)
    assert ideas.editor.hasFocus()
    assert window.keyboard.isVisible()
    # Docked at the bottom, full width; the board gives it room instead of lying under it.
    assert on_window(window.keyboard).bottom() == window.height() - 1
    assert window.keyboard.width() == window.width()
    assert on_window(window.board).bottom() < keyboard_top(window)
    assert window.board.height() < board_height
    assert window.keyboard.key("enter").text() == "Færdig"  # a line field: Enter finishes it
    # Keys a finger can hit and a reader at 3 m can read: the theme's touch size.
    assert window.keyboard.key("q").height() >= window.theme.touch
    assert window.keyboard.key("q").font().pixelSize() >= window.theme.title_font.pixelSize()

    tap_keys(window, "shift", "æ", "r", "ø", "space", "p", "å", "space", "t", "u", "r", "x")
    tap_keys(window, "backspace", "space", "m", "e", "d", "space", "shift", "a", "n", "n", "a")
    assert ideas.editor.hasFocus()  # the keys never take the focus
    assert ideas.editor.text() == "Ærø på tur med Anna"
    editor = on_window(ideas.editor)
    assert editor.bottom() < keyboard_top(window)
    screenshot(window, f"keyboard-wall-{window.width()}x{window.height()}")
    tap_keys(window, "enter")

    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert st.lane(Lane.IDEAS)[0].title == "Ærø på tur med Anna"
    first = ideas.card_ids()[0]
    assert window.board.store.card(first).title == "Ærø på tur med Anna"
    assert ideas.card_rect(first) is not None  # shown on the board
    assert ideas.editor.hasFocus() and window.keyboard.isVisible()  # ready for the next idea

    tap_keys(window, "hide")
    assert not window.keyboard.isVisible()
    assert window.board.height() == board_height  # the board has the room back
    tap(ideas.editor)  # a finger on the field again brings it back
    settle(qtbot)
    assert window.keyboard.isVisible()


def test_a_mouse_or_a_keyboard_user_gets_no_onscreen_keyboard(
    qtbot, window, settings_file, seed
) -> None:
    ideas = window.board.lanes[Lane.IDEAS]
    QTest.mouseClick(ideas.header.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert ideas.editor.hasFocus()
    assert not window.keyboard.isVisible()
    QTest.mouseClick(ideas.editor, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert not window.keyboard.isVisible()
    QTest.keyClick(ideas.editor, Qt.Key.Key_Escape)
    view = window.board.lanes[Lane.ACTIVITIES]
    view.setFocus()
    window.board.select(seed.lanes[Lane.ACTIVITIES][0])
    QTest.keyClick(view, Qt.Key.Key_F2)  # rename from the keyboard
    settle(qtbot)
    assert view.editor.hasFocus()
    assert not window.keyboard.isVisible()


def test_the_setting_never_and_always(qtbot, window, settings_file) -> None:
    """Chosen in ⚙ by touch: "Aldrig" never shows it, "Altid" shows it for a mouse, too."""
    ideas = window.board.lanes[Lane.IDEAS]
    for mode, by_touch, by_mouse in (("never", False, False), ("always", True, True)):
        tap(window.top.settings_button)
        sheet = window.sheet
        assert sheet is not None and sheet.objectName() == "settings-sheet"
        if mode == "never":  # still automatic: a sheet's field is typed into above it
            host = sheet.findChild(QWidget, "smtp-host")
            tap(host)
            settle(qtbot)
            assert host.hasFocus() and window.keyboard.isVisible()
            assert on_window(sheet).bottom() < keyboard_top(window)
            assert on_window(host).bottom() < keyboard_top(window)
            tap_keys(window, "s", "ø")
            assert host.text() == "sø"
        choice = sheet.findChild(QWidget, f"keyboard-{mode}")
        reveal(sheet.findChild(QScrollArea), choice)  # at the end of the sheet
        # The keyboard goes as the finger leaves the field, not under it: the tap counts.
        tap(choice)
        assert choice.isChecked()
        tap(sheet.findChild(QWidget, "settings-save"))
        assert not window.keyboard.isVisible()
        assert window.sheet is None or not window.sheet.isVisible()
        saved = json.loads(settings_file.read_text(encoding="utf-8"))
        assert saved["onscreen_keyboard"] == mode
        tap(window.message.close_button)  # "Indstillingerne er gemt." lies over the lanes
        tap(ideas.header.add_button)
        settle(qtbot)
        assert ideas.editor.hasFocus()
        assert window.keyboard.isVisible() is by_touch
        QTest.keyClick(ideas.editor, Qt.Key.Key_Escape)
        settle(qtbot)
        assert not window.keyboard.isVisible()  # the focus left the text fields
        QTest.mouseClick(ideas.header.add_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
        assert window.keyboard.isVisible() is by_mouse
        QTest.keyClick(ideas.editor, Qt.Key.Key_Escape)
        settle(qtbot)


def test_the_template_field_typed_into_stays_in_view(
    qtbot, window, settings_file, ui_url, seed
) -> None:
    _wall(qtbot, window)
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    settle(qtbot)
    # A field whose place on the page is where the keyboard comes: scrolled to the bottom
    # of the visible page, as a finger would leave it.
    fields = [w for w in page.findChildren(QPlainTextEdit) if w.isVisible() and not w.isReadOnly()]
    assert fields, "the page has no text field"
    field = fields[-1]
    bar = page.area.verticalScrollBar()
    top = field.mapTo(page.area.widget(), QPoint(0, 0)).y()
    bar.setValue(top + field.height() + 4 - page.area.viewport().height())
    QApplication.processEvents()
    assert on_window(field).bottom() > window.height() - window.theme.touch * 5
    tap(field)
    settle(qtbot)
    assert field.hasFocus() and window.keyboard.isVisible()
    shown = on_window(field)
    viewport = on_window(page.area.viewport())
    assert shown.bottom() < keyboard_top(window)
    assert viewport.bottom() < keyboard_top(window)
    assert viewport.contains(shown), (shown, viewport)
    assert window.keyboard.key("enter").text() == "↵ Ny linje"

    before = text_of(field)
    tap_keys(window, "enter", "shift", "å", "r", "ø", "d", "e")
    assert text_of(field) == before + "\nÅrøde"
    screenshot(window, "keyboard-template-wall")
    tap(page.back)  # back to the board: the field saves itself, the keyboard goes
    settle(qtbot)
    assert not window.keyboard.isVisible()
    fresh = open_database(ui_url)  # what was saved, through a connection of its own
    try:
        saved = [asdict(c) for c in cycles.list_cycles(fresh, card_id)]
    finally:
        fresh.close()
    assert before + "\nÅrøde" in [v for c in saved for v in c.values() if isinstance(v, str)]


def test_the_keyboard_on_a_4k_wall() -> None:
    """The same on a 4K wall (twice the pixels, the same millimetres): a process of its own,
    since the screen is chosen when Qt starts."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={TESTS / 'offscreen-screen-4k.json'}",
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(TESTS.parent), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    done = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            f"{Path(__file__)}::test_a_finger_types_a_danish_idea_on_the_wall",
        ],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
    assert (ARTIFACTS / "keyboard-wall-3840x2160.png").exists()


def test_a_card_title_typed_in_place_stays_in_view(
    qtbot, window, settings_file, ui_db, ui_url, seed
) -> None:
    """Renamed by touch (hold the card, "Omdøb"): the lane shrinks above the keyboard and
    keeps the card being edited in view, low in the lane as it was."""
    for n in range(6):
        cards.add_card(ui_db, seed.board_id, f"Aktivitet {n + 1}", Lane.ACTIVITIES)
    window.ops.open_board(seed.board_id)
    _wall(qtbot, window)
    view = window.board.lanes[Lane.ACTIVITIES]
    card_id = view.card_ids()[-1]  # the lowest activity, at the bottom of the screen
    view.ensure_visible(card_id)
    QApplication.processEvents()
    low = view.mapTo(window, card_point(view, card_id)).y()
    assert low > window.height() * 2 // 3  # where the keyboard comes
    finger = Finger(view)
    point = card_point(view, card_id)
    finger.press(point)
    hold(qtbot, view)
    finger.release(point)
    QApplication.processEvents()
    tap(button(window.sheet, "action-rename"))
    settle(qtbot)
    assert view.editor.hasFocus() and window.keyboard.isVisible()
    qtbot.waitUntil(lambda: on_window(view.editor).bottom() < keyboard_top(window))
    lane = QRect(view.mapTo(window, view.content_rect().topLeft()), view.content_rect().size())
    assert lane.contains(on_window(view.editor)), (on_window(view.editor), lane)
    view.editor.selectAll()
    tap_keys(window, "shift", "ø", "v", "e", "l", "s", "e", "enter")
    stored = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert next(c.title for c in stored.cards if c.id == card_id) == "Øvelse"


def test_the_choice_is_kept_and_a_strange_one_reads_as_automatic(tmp_path: Path) -> None:
    from board import settings

    path = tmp_path / "settings.json"
    settings.save(settings.Settings(onscreen_keyboard="never"), path)
    assert settings.load(path).onscreen_keyboard == "never"
    path.write_text(json.dumps({"onscreen_keyboard": "sometimes"}), encoding="utf-8")
    assert settings.load(path).onscreen_keyboard == "auto"
