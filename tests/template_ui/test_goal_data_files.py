"""A goal's data in and out from its page (issue 11, item 6): a file of measurements
previewed and imported by touch, the chart saved as PNG, PDF or SVG, the data as CSV."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget
from ui.helpers import state

from board.domain.measurement_import import read_measurements
from board.ui.common.save_places import documents_folder

from .helpers import tap
from .test_goal_data import _closed, _indicator, _open_goal, _sheet, _stored, _tap_in

SHOTS = Path("/work/shots")


def _texts(sheet: QWidget) -> str:
    return "\n".join(w.text() for w in sheet.findChildren(QLabel) if w.isVisible())


def test_a_file_is_previewed_then_imported_by_touch(wall, qtbot, ui_db, demo_board, ui_url) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    before = _stored(ui_url, criterion_id)
    last = before[-1][0]
    new1, new2 = last + timedelta(days=7), last + timedelta(days=14)
    # As Danish Excel saves it: semicolons, decimal commas, d.m.yyyy, BOM.
    lines = ["dato;værdi;note",
             f"{last.day}.{last.month}.{last.year};7,5;rettet",
             f"{new1.day}.{new1.month}.{new1.year};8,25;",
             f"{new2.day}.{new2.month}.{new2.year};9;efter jul"]  # fmt: skip
    folder = documents_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "målinger.csv").write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    page = _open_goal(wall, goal_id)
    panel = page.panels[criterion_id]
    points = len(panel.view.chart_layout().points)

    tap(_sheet(panel, "data-import"))
    picker = _sheet(wall, "file-picker-sheet")  # the wall has no file dialog
    _tap_in(picker, "file-0")
    preview = _sheet(wall, "import-sheet")
    text = _texts(preview)
    assert "2 nye målinger bliver tilføjet" in text
    assert "1 måling opdaterer en dato, der allerede har en måling" in text
    assert "8,25" in text and "efter jul" in text and "opdaterer" in text
    assert _stored(ui_url, criterion_id) == before  # nothing stored before "Importér"
    SHOTS.mkdir(exist_ok=True)
    wall.grab().save(str(SHOTS / "dataio-preview.png"))

    _tap_in(preview, "import-apply")
    qtbot.waitUntil(lambda: _closed(preview))
    after = dict(_stored(ui_url, criterion_id))  # a fresh connection
    assert after == {**dict(before), last: 7.5, new1: 8.25, new2: 9.0}
    assert len(panel.view.chart_layout().points) == points + 2


def test_a_bad_file_names_every_bad_line_and_imports_nothing(
    laptop, qtbot, ui_db, demo_board, ui_url, tmp_path
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id)
    before = _stored(ui_url, criterion_id)
    bad = tmp_path / "forkert.csv"
    late = "".join(f"{day}.4.2030;x\n" for day in range(1, 26))  # lines 6 to 30, all bad
    bad.write_text("dato;værdi\n1.3.2030;4\n31.02.2030;5\n8.3.2030;6\n15.3.2030;mange\n" + late)
    page = _open_goal(laptop, goal_id)
    panel = page.panels[criterion_id]
    points = len(panel.view.chart_layout().points)
    panel.choose_open_path = lambda: str(bad)  # the laptop's file dialog, answered
    tap(_sheet(panel, "data-import"))
    sheet = _sheet(laptop, "import-sheet")
    problems = _sheet(sheet, "import-problems").text()
    assert "intet er ændret" in problems
    assert "Linje 3:" in problems and "Linje 5:" in problems and "Linje 2:" not in problems
    assert "Linje 30: »x«" in problems  # every bad line, not the first 20
    assert not [w for w in sheet.findChildren(QWidget, "import-apply") if w.isVisible()]
    _tap_in(sheet, "import-close")
    qtbot.waitUntil(lambda: _closed(sheet))
    assert _stored(ui_url, criterion_id) == before
    assert len(panel.view.chart_layout().points) == points


def test_the_chart_is_saved_as_png_pdf_or_svg_by_its_suffix(
    laptop, qtbot, ui_db, demo_board, tmp_path
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    panel = _open_goal(laptop, goal_id).panels[_indicator(ui_db, goal_id)]
    magic = {".png": b"\x89PNG", ".pdf": b"%PDF", ".svg": b"<?xml"}
    for suffix, start in magic.items():
        target = tmp_path / f"diagram{suffix}"
        panel.choose_save_path = lambda name, filters, t=target: str(t)
        tap(_sheet(panel, "chart-save"))
        assert target.read_bytes().startswith(start), suffix
    assert b"<svg" in (tmp_path / "diagram.svg").read_bytes()


def test_the_data_is_saved_as_csv_on_the_wall_and_reads_back(
    wall, qtbot, ui_db, demo_board, ui_url
) -> None:
    goal_id = state(ui_db, demo_board).goals[0].id
    criterion_id = _indicator(ui_db, goal_id, proportion=True)
    panel = _open_goal(wall, goal_id).panels[criterion_id]
    tap(_sheet(panel, "data-csv"))
    places = _sheet(wall, "save-place-sheet")
    before = set(documents_folder().glob("*.csv"))
    _tap_in(places, "place-documents")
    written = set(documents_folder().glob("*.csv")) - before
    assert len(written) == 1
    path = written.pop()
    assert path.read_bytes().decode("utf-8-sig").startswith("dato;tæller;nævner;note\r\n")
    back = read_measurements(path).rows
    assert [(r.measured_on, r.value / r.denominator) for r in back] == _stored(ui_url, criterion_id)
