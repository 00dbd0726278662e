"""An indicator's data as CSV for Danish Excel, read back by the importer to the same values."""

from __future__ import annotations

import codecs
from pathlib import Path

from board.domain.measurement_import import FileKind, read_measurements
from board.export.measurements_csv import write_measurements_csv
from board.services import boards, measurements
from board.services.demo import INDICATOR

from .conftest import Demo


def _criteria(d: Demo):  # type: ignore[no-untyped-def]
    goal = boards.load_board(d.db, d.board_id).goals[0]
    return [c for c in goal.criteria if measurements.measurements(d.db, c.id)]


def test_the_demo_indicators_data_reads_back_to_the_same_values(demo: Demo, tmp_path: Path) -> None:
    criteria = _criteria(demo)
    assert any(c.text == INDICATOR for c in criteria)
    kinds = set()
    for criterion in criteria:
        rows = measurements.measurements(demo.db, criterion.id)
        proportion = all(m.denominator is not None for m in rows)
        path = tmp_path / f"{criterion.id}.csv"
        write_measurements_csv(rows, path, proportion=proportion)
        data = path.read_bytes()
        assert data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8-sig")
        head = text.split("\r\n")[0]
        assert head == ("dato;tæller;nævner;note" if proportion else "dato;værdi;note")
        back = read_measurements(path)
        assert back.kind is (FileKind.PROPORTION if proportion else FileKind.VALUE)
        kinds.add(back.kind)
        assert len(back.rows) == len(rows) >= 10
        for m, r in zip(rows, back.rows, strict=True):
            assert r.measured_on == m.measured_on
            assert r.note == m.note
            if proportion:
                assert (r.value, r.denominator) == (m.numerator, m.denominator)
            else:
                assert r.value == m.value and r.denominator is None
    assert kinds == {FileKind.VALUE, FileKind.PROPORTION}  # both kinds of the demo


def test_decimals_are_written_with_a_comma_and_read_back(own_demo: Demo, tmp_path: Path) -> None:
    criterion = next(c for c in _criteria(own_demo) if c.text == INDICATOR)
    measurements.add_measurement(own_demo.db, criterion.id, "2030-01-07", 12.375, note="=1+2")
    rows = measurements.measurements(own_demo.db, criterion.id)
    path = tmp_path / "x.csv"
    write_measurements_csv(rows, path, proportion=False)
    last = path.read_bytes().decode("utf-8-sig").split("\r\n")[-2]
    assert last == "2030-01-07;12,375;'=1+2"  # a note never runs as a formula in Excel
    assert read_measurements(path).rows[-1].value == 12.375
