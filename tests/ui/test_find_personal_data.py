"""»Find persondata« (issue 13): opened from ⚙, typed into with the on-screen keyboard, the
hits listed with where, field and the text around each (the hit marked), chosen by touch —
some or all — for the action that works on them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from board.domain.lanes import Lane
from board.services import cards, meetings

from .helpers import Seed, button, screenshot
from .test_onscreen_keyboard import settle, tap, tap_keys


@pytest.fixture
def settings_file(window, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "settings.json"
    window.meetings.settings_path = path
    return path


def open_find(qtbot, window):  # type: ignore[no-untyped-def]
    tap(button(window, "settings"))
    qtbot.waitUntil(lambda: window.sheet is not None and window.sheet.isVisible())
    screenshot(window, "privacy-find-settings")
    tap(button(window.sheet, "open-privacy-find"))
    qtbot.waitUntil(
        lambda: (
            window.sheet is not None
            and window.sheet.objectName() == "privacy-find-sheet"
            and window.sheet.isVisible()
        )
    )
    return window.sheet


def places(sheet: QWidget) -> list[str]:
    """Each hit's place as read on the screen: "Kort nr. 5 · Beskrivelse" (where in bold)."""
    return [
        re.sub("<[^>]+>", "", label.text())
        for label in sorted(sheet.findChildren(QLabel), key=lambda w: w.objectName())
        if label.objectName().startswith("privacy-where-") and label.isVisible()
    ]


def excerpt(sheet: QWidget, n: int) -> str:
    label = sheet.findChild(QLabel, f"privacy-excerpt-{n}")
    assert label is not None and label.isVisible()
    return label.text()


def test_find_a_name_by_touch_and_choose_hits(  # type: ignore[no-untyped-def]
    qtbot, window, ui_db, seed: Seed, settings_file
) -> None:
    window.resize(1920, 1080)
    card_id = seed.lanes[Lane.IDEAS][0]
    card = cards.get_card(ui_db, card_id)
    cards.edit_card(ui_db, card_id, card.version, description="Besøg hos Anna Ørum i uge 45")
    meeting = meetings.start_meeting(ui_db, seed.board_id)
    meetings.add_agreement(ui_db, meeting.id, "Ring til ANNA ØRUM fredag")
    meetings.end_meeting(ui_db, meeting.id)

    sheet = open_find(qtbot, window)
    field = sheet.findChild(QLineEdit, "privacy-find-text")
    tap(field)
    settle(qtbot)
    assert field.hasFocus() and window.keyboard.isVisible()  # a finger gets the keyboard
    tap_keys(window, "a", "n", "n", "a", "space", "ø", "r", "u", "m", "enter")
    assert field.text() == "anna ørum"
    qtbot.waitUntil(lambda: len(places(sheet)) > 0)

    number = card.number
    shown = places(sheet)
    assert f"Kort nr. {number} · Beskrivelse" in shown
    assert any(p.startswith("Mødet ") and p.endswith("· Aftale nr. 1 · Aftale") for p in shown)
    assert any(p.startswith("Referatet fra mødet ") for p in shown)  # the frozen minutes too
    first = shown.index(f"Kort nr. {number} · Beskrivelse")
    where = sheet.findChild(QLabel, f"privacy-where-{first}").text()
    assert where == f"<b>Kort nr. {number}</b> · Beskrivelse"
    assert excerpt(sheet, first) == (
        'Besøg hos <span style="background:#FFE08A; font-weight:600;">Anna Ørum</span> i uge 45'
    )
    status = sheet.findChild(QLabel, "privacy-find-status")
    assert status.text() == f"Fundet {len(shown)} steder"
    assert sheet.chosen_hits() == []

    tap_keys(window, "hide")
    row = sheet.findChild(QWidget, f"privacy-hit-{first}")
    tap(row)  # the whole row is the target, not only the box
    assert sheet.findChild(QCheckBox, f"privacy-choose-{first}").isChecked()
    assert [(h.place, h.field) for h in sheet.chosen_hits()] == [("card", "Beskrivelse")]
    assert status.text() == f"Fundet {len(shown)} steder – 1 valgt"
    screenshot(window, "privacy-find-1920x1080")

    tap(button(sheet, "privacy-find-all"))
    assert len(sheet.chosen_hits()) == len(shown)
    assert button(sheet, "privacy-find-all").text() == "Fravælg alle"
    tap(button(sheet, "privacy-find-all"))
    assert sheet.chosen_hits() == []

    field.setText("Kurt Vonnegut")
    tap(button(sheet, "privacy-find-go"))
    assert places(sheet) == []
    assert status.text() == "»Kurt Vonnegut« står ingen steder på tavlen."


def test_the_cpr_button_lists_every_cpr_number(qtbot, window, ui_db, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    card = cards.get_card(ui_db, card_id)
    cards.edit_card(ui_db, card_id, card.version, description="Mor: 010203\u20131234, far ok")
    sheet = open_find(qtbot, window)
    assert sheet.findChild(QLabel, "privacy-find-status").text().startswith("Skriv, hvad du")
    tap(button(sheet, "privacy-find-cpr"))
    assert places(sheet) == [f"Kort nr. {card.number} · Beskrivelse"]
    assert "010203\u20131234</span>" in excerpt(sheet, 0)
