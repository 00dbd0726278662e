"""The sheet "Læringspunkter": opened from the top bar, driven by touch and typing, checked
in the database through a fresh connection and on the screen."""

from __future__ import annotations

import csv
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import create_engine, text

from board.dates import compact_date
from board.services import learning_points, meetings
from board.ui.common.save_places import documents_folder

from .helpers import Seed, button, screenshot


def tap(widget: QWidget) -> None:
    """A finger's tap in the middle of ``widget``."""
    device = QTest.createTouchDevice()
    centre = widget.rect().center()
    QTest.touchEvent(widget, device).press(0, centre, widget).commit()
    QTest.touchEvent(widget, device).release(0, centre, widget).commit()


def open_sheet(qtbot, window):  # type: ignore[no-untyped-def]
    tap(button(window, "learning-points"))
    qtbot.waitUntil(lambda: window.sheet is not None and window.sheet.isVisible())
    assert window.sheet.objectName() == "learning-points-sheet"
    return window.sheet


def type_into(qtbot, widget: QWidget, value: str) -> None:  # type: ignore[no-untyped-def]
    tap(widget)
    widget.setFocus()
    QTest.keyClicks(widget, value)


def rows(ui_url: str) -> list[tuple[str, str, bool]]:
    """The learning points as a fresh connection reads them."""
    engine = create_engine(ui_url)
    try:
        with engine.connect() as c:
            found = c.execute(
                text("SELECT text, case_label, archived FROM learning_point ORDER BY id")
            )
            return [(r[0], r[1], bool(r[2])) for r in found]
    finally:
        engine.dispose()


def shown_texts(sheet: QWidget) -> list[str]:
    return [
        label.text()
        for label in sheet.findChildren(QLabel)
        if label.objectName().startswith("point-text-") and label.isVisible()
    ]


def add(qtbot, sheet, point: str, case: str = "") -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, sheet.findChild(QWidget, "point-text"), point)
    if case:
        type_into(qtbot, sheet.findChild(QWidget, "point-case"), case)
    tap(button(sheet, "point-save"))


def test_add_a_point_by_touch_lists_and_saves_it(qtbot, window, ui_url: str) -> None:  # type: ignore[no-untyped-def]
    sheet = open_sheet(qtbot, window)
    add(qtbot, sheet, "Ring dagen før hjemmebesøget", "Sag A")
    assert rows(ui_url) == [("Ring dagen før hjemmebesøget", "Sag A", False)]
    qtbot.waitUntil(lambda: shown_texts(sheet) == ["Ring dagen før hjemmebesøget"])
    assert not sheet.findChild(QLabel, "point-cpr-warning").isVisible()


def test_search_narrows_the_list_as_you_type(qtbot, window, ui_db, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    for words in ("Forældre vil gerne have en fast kontaktperson", "Tjeklisten hjælper"):
        learning_points.add_learning_point(ui_db, seed.board_id, words)
    sheet = open_sheet(qtbot, window)
    assert len(shown_texts(sheet)) == 2
    type_into(qtbot, sheet.findChild(QWidget, "points-search"), "FÆLLES")
    qtbot.waitUntil(lambda: shown_texts(sheet) == [])
    sheet.findChild(QWidget, "points-search").clear()
    type_into(qtbot, sheet.findChild(QWidget, "points-search"), "forældre")
    qtbot.waitUntil(lambda: shown_texts(sheet) == ["Forældre vil gerne have en fast kontaktperson"])


def test_a_row_names_its_day_case_person_and_meeting(qtbot, window, ui_db, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    meeting = meetings.start_meeting(ui_db, seed.board_id, "sparring", 45)
    point = learning_points.add_learning_point(
        ui_db, seed.board_id, "Tjeklisten hjælper", noted_on="2026-11-24",
        meeting_id=meeting.id, case_label="Sag B", noted_by_id=seed.people[1],
    ).point  # fmt: skip
    sheet = open_sheet(qtbot, window)
    row = sheet.findChild(QWidget, f"point-{point.id}")
    words = [label.text() for label in row.findChildren(QLabel)]
    day = compact_date(meeting.started_at.date())
    assert words[0] == f"24.11.2026  ·  Sag B  ·  Mette Lund  ·  Teamsparring {day}"


def test_cpr_number_in_the_text_is_saved_and_warned_about(qtbot, window, ui_url: str) -> None:  # type: ignore[no-untyped-def]
    sheet = open_sheet(qtbot, window)
    add(qtbot, sheet, "Mor (010203-1234) ønskede et kortere møde")
    assert rows(ui_url) == [("Mor (010203-1234) ønskede et kortere møde", "", False)]
    warning = sheet.findChild(QLabel, "point-cpr-warning")
    qtbot.waitUntil(warning.isVisible)
    assert "010203-****" in warning.text()
    assert "neutral betegnelse" in warning.text()
    assert "1234" not in warning.text()
    # The warning sits at the text field, right under it.
    field = sheet.findChild(QWidget, "point-text")
    below = field.mapTo(sheet, QPoint(0, field.height()))
    assert 0 <= warning.mapTo(sheet, QPoint(0, 0)).y() - below.y() < 40


def test_cpr_number_in_the_case_label_is_refused_at_the_field(qtbot, window, ui_url: str) -> None:  # type: ignore[no-untyped-def]
    sheet = open_sheet(qtbot, window)
    add(qtbot, sheet, "Kortere møder virker", "0102031234")
    assert rows(ui_url) == []
    assert shown_texts(sheet) == []
    qtbot.waitUntil(lambda: "field.case_label" in sheet.field_errors)
    error = sheet.findChild(QLabel, "error-point-case")
    assert error is not None and error.isVisible()
    assert "CPR-nummer" in error.text()


def test_archive_removes_the_point_and_fortryd_brings_it_back(
    qtbot, window, ui_db, ui_url: str, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    point = learning_points.add_learning_point(ui_db, seed.board_id, "Tjeklisten hjælper").point
    sheet = open_sheet(qtbot, window)
    assert shown_texts(sheet) == ["Tjeklisten hjælper"]
    tap(button(sheet, f"point-archive-{point.id}"))
    qtbot.waitUntil(lambda: shown_texts(sheet) == [])
    assert rows(ui_url) == [("Tjeklisten hjælper", "", True)]
    tap(button(sheet, "point-undo"))
    qtbot.waitUntil(lambda: shown_texts(sheet) == ["Tjeklisten hjælper"])
    assert rows(ui_url) == [("Tjeklisten hjælper", "", False)]


def test_edit_changes_the_point(qtbot, window, ui_db, ui_url: str, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    point = learning_points.add_learning_point(ui_db, seed.board_id, "Tjeklisten").point
    sheet = open_sheet(qtbot, window)
    tap(button(sheet, f"point-edit-{point.id}"))
    field = sheet.findChild(QWidget, "point-text")
    assert field.toPlainText() == "Tjeklisten"
    field.moveCursor(field.textCursor().MoveOperation.End)
    QTest.keyClicks(field, " hjælper")
    tap(button(sheet, "point-save"))
    assert rows(ui_url) == [("Tjeklisten hjælper", "", False)]
    qtbot.waitUntil(lambda: shown_texts(sheet) == ["Tjeklisten hjælper"])


def test_save_as_csv_writes_a_file_excel_and_csv_read(qtbot, window, ui_db, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    learning_points.add_learning_point(
        ui_db, seed.board_id, "=Fast kontaktperson", case_label="Sag A", noted_by_id=seed.people[0]
    )
    sheet = open_sheet(qtbot, window)
    tap(button(sheet, "points-csv"))
    places = window.findChild(QWidget, "save-place-sheet")
    qtbot.waitUntil(lambda: places is not None and places.isVisible())
    before = set(documents_folder().glob("*.csv"))
    tap(button(places, "place-documents"))
    written = set(documents_folder().glob("*.csv")) - before
    assert len(written) == 1
    path = Path(written.pop())
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f, delimiter=";"))
    assert table[0] == ["Dato", "Læringspunkt", "Møde", "Sag", "Noteret af"]
    assert table[1][1:] == ["'=Fast kontaktperson", "", "Sag A", "Gitte Holm"]
    status = sheet.findChild(QLabel, "points-status")
    assert status.isVisible() and path.name in status.text()


def test_save_as_pdf_writes_the_points(qtbot, window, ui_db, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    learning_points.add_learning_point(ui_db, seed.board_id, "Tjeklisten hjælper")
    sheet = open_sheet(qtbot, window)
    tap(button(sheet, "points-pdf"))
    places = window.findChild(QWidget, "save-place-sheet")
    qtbot.waitUntil(lambda: places is not None and places.isVisible())
    tap(button(places, "place-documents"))
    written = list(documents_folder().glob("*.pdf"))
    assert len(written) == 1
    page = PdfReader(BytesIO(written[0].read_bytes())).pages[0].extract_text()
    assert "Læringspunkter" in page and "Tjeklisten hjælper" in page and "Testtavle" in page


def test_on_the_wall_1920x1080(qtbot, demo_wall) -> None:  # type: ignore[no-untyped-def]
    # The wall's bar keeps its room for the next meeting: the board list opens the sheet.
    assert demo_wall.top.points_button.isHidden()
    tap(button(demo_wall, "board-switch"))
    qtbot.waitUntil(lambda: demo_wall.sheet is not None and demo_wall.sheet.isVisible())
    tap(button(demo_wall.sheet, "boards-learning-points"))
    qtbot.waitUntil(lambda: demo_wall.sheet.objectName() == "learning-points-sheet")
    wall = demo_wall.sheet
    # the demo's five points (two noted at its Teamsparring, one at its læringsmøde)
    qtbot.waitUntil(lambda: len(shown_texts(wall)) == 5)
    screenshot(demo_wall, "learning_points_wall_1920x1080")
    assert_buttons_inside(demo_wall, wall)
    # The date stays whole (short, or none), never cut off.
    date = demo_wall.top.date
    assert date.fontMetrics().horizontalAdvance(date.text()) <= date.width(), date.text()


def test_on_a_laptop_1366x768(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1366, 768))
    laptop = open_sheet(qtbot, window)
    add(qtbot, laptop, "Mor (010203-1234) ønskede et kortere møde", "Sag A")
    qtbot.waitUntil(laptop.findChild(QLabel, "point-cpr-warning").isVisible)
    screenshot(window, "learning_points_laptop_1366x768")
    assert_buttons_inside(window, laptop)


def assert_buttons_inside(window: QWidget, sheet: QWidget) -> None:
    """Every button of the sheet can be reached: inside the window."""
    for name in ("point-save", "points-pdf", "points-csv", "points-done"):
        found = button(sheet, name)
        corner = found.mapTo(window, QPoint(found.width(), found.height()))
        assert corner.x() <= window.width() and corner.y() <= window.height(), name
