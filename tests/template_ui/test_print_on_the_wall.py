"""Udskriv on the wall: where to save is a sheet of big buttons (the minutes folder,
Documents, a USB stick), never Qt's small file dialog; a tap writes the PDF there."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton, QWidget

from board.services import cards, demo

from .helpers import child, open_by_tap, tap


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wall) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """This machine's places, all under tmp_path; a USB stick is plugged in."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    minutes = tmp_path / "referater"
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"minutes_folder": str(minutes)}), encoding="utf-8")
    wall.meetings.settings_path = settings
    stick = tmp_path / "media" / "USB-NØGLE"
    stick.mkdir(parents=True)
    # No stick in the test machine: the list of mounted removable drives names one.
    monkeypatch.setattr(
        "board.ui.common.save_places.removable_volumes", lambda: [("USB-NØGLE", stick)]
    )
    return {"minutes": minutes, "documents": home / "Documents", "removable-0": stick}


def test_udskriv_on_the_wall_saves_where_a_finger_points(
    wall, places: dict[str, Path], ui_db, demo_board
) -> None:
    card = cards.find_card(ui_db, demo_board, demo.TEST_TITLE)
    page = open_by_tap(wall, card.id)
    page.choose_pdf_path = lambda default: pytest.fail("the file dialog opened on the wall")
    tap(child(page, "template-print"))
    sheet = wall.findChild(QWidget, "save-place-sheet")
    assert sheet is not None and sheet.isVisible()
    shown = {b.objectName() for b in sheet.findChildren(QPushButton) if b.isVisible()}
    assert shown == {"place-minutes", "place-documents", "place-removable-0", "place-cancel"}
    assert child(sheet, "place-removable-0").full_text() == "USB-nøgle: USB-NØGLE"
    # Finger-sized in the template's own (slightly smaller) wall type: about 30 mm on a
    # 55-inch screen, where Qt's file dialog had 20-pixel controls.
    assert all(child(sheet, n).height() >= max(48, page.theme.touch) for n in shown)
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    assert wall.grab().save(str(artifacts / "print-wall-places.png"))
    tap(child(sheet, "place-removable-0"))
    saved = list(places["removable-0"].iterdir())
    assert [p.name for p in saved] == [f"Skabelon {card.number} - {demo.TEST_TITLE}.pdf"]
    reader = PdfReader(BytesIO(saved[0].read_bytes()))  # a real PDF: the template of the card
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert demo.TEST_TITLE in text
    assert str(saved[0]) in wall.message.text
