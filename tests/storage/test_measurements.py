"""services.measurements on both backends: measurements and observations entered, edited,
deleted and put back; chart settings; an indicator's chart input; the learning cycles of the
goal's cards; an import previewed, then applied whole or not at all."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path

import pytest

from board.domain.entities import Board, Decision
from board.domain.errors import NotFoundError, ValidationError
from board.domain.measurement_import import MeasurementFileError
from board.domain.spc import ChartKind
from board.persistence.database import Database, open_database
from board.services import boards, cards, cycles, demo_measurements, goals, measurements


def _indicator(db: Database, board: Board, name: str = "Fremmøde") -> int:
    goal = goals.add_goal(db, board.id, "Flere familier møder op")
    return goals.add_criterion(db, goal.id, "indicator", name).id


def _fresh(db_url: str, criterion_id: int) -> list[tuple[object, ...]]:
    """The criterion's rows as another program sees them."""
    other = open_database(db_url)
    try:
        return [
            (m.measured_on, m.value, m.numerator, m.denominator, m.note)
            for m in measurements.measurements(other, criterion_id)
        ]
    finally:
        other.close()


def test_a_proportion_is_stored_with_its_value_who_and_when(
    db: Database, db_url: str, board: Board
) -> None:
    criterion = _indicator(db, board)
    m = measurements.add_measurement(db, criterion, "1.9.2026", numerator="7", denominator=9)
    assert (m.numerator, m.denominator, m.value) == (7.0, 9.0, pytest.approx(7 / 9))
    assert m.entered_by == getpass.getuser() and m.created_at is not None
    assert _fresh(db_url, criterion) == [(date(2026, 9, 1), pytest.approx(7 / 9), 7.0, 9.0, "")]


@pytest.mark.parametrize(
    ("given", "key", "words"),
    [
        ({"measured_on": "31.2.2026", "value": 3}, "error.bad_date", "ikke en gyldig dato"),
        ({"measured_on": "", "value": 3}, "error.required", "skal udfyldes"),
        ({"measured_on": "1.9.2026", "value": "tre"}, "error.bad_number", "ikke et tal"),
        (
            {"measured_on": "1.9.2026", "numerator": 7, "denominator": "0"},
            "error.bad_denominator",
            "»0« i feltet »Nævner« skal være større end 0",
        ),
        (
            {"measured_on": "1.9.2026", "numerator": -1, "denominator": 9},
            "error.negative",
            "kan ikke være negativ",
        ),
    ],
)
def test_wrong_measurements_are_refused_in_danish_and_nothing_is_stored(
    db: Database, db_url: str, board: Board, given: dict[str, object], key: str, words: str
) -> None:
    criterion = _indicator(db, board)
    with pytest.raises(ValidationError) as caught:
        measurements.add_measurement(db, criterion, **given)  # type: ignore[arg-type]
    assert caught.value.key == key
    assert words in caught.value.message()
    assert _fresh(db_url, criterion) == []


def test_edit_comment_delete_and_restore(db: Database, db_url: str, board: Board) -> None:
    criterion = _indicator(db, board)
    first = measurements.add_measurement(db, criterion, "1.9.2026", "12,5")
    second = measurements.add_measurement(db, criterion, "8.9.2026", 13)
    measurements.edit_measurement(db, first.id, numerator=3, denominator=4)
    measurements.comment_measurement(db, second.id, "syg uge")
    assert _fresh(db_url, criterion) == [
        (date(2026, 9, 1), 0.75, 3.0, 4.0, ""),
        (date(2026, 9, 8), 13.0, None, None, "syg uge"),
    ]
    removed = measurements.delete_measurement(db, second.id)
    assert len(_fresh(db_url, criterion)) == 1
    back = measurements.restore_measurement(db, removed)
    assert back == removed  # the same id, figures, note, who and when
    with pytest.raises(NotFoundError) as caught:
        measurements.edit_measurement(db, 99_999, note="x")
    assert "Målingen findes ikke længere" in caught.value.message()


def test_a_signs_observation_is_text_without_a_value(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    sign = goals.add_criterion(db, goal.id, "sign", "Forældre stiller spørgsmål").id
    seen = measurements.add_observation(db, sign, "3.9.2026", "Far spurgte om søvn")
    assert (seen.value, seen.note) == (None, "Far spurgte om søvn")
    with pytest.raises(ValidationError) as caught:
        measurements.add_observation(db, sign, "3.9.2026", "  ")
    assert "Iagttagelse" in caught.value.message()
    with pytest.raises(ValidationError):
        measurements.edit_measurement(db, seen.id, value=3)  # an observation stays one


def test_chart_settings_and_chart_input(db: Database, board: Board) -> None:
    criterion = _indicator(db, board)
    for day, value in enumerate([5, 6, 4, 7, 8, 9], start=1):
        measurements.add_measurement(db, criterion, date(2026, 9, day), value)
    measurements.add_observation(db, criterion, date(2026, 9, 3), "ikke et punkt")
    settings = measurements.set_chart_settings(
        db, criterion, chart="i", freeze_points="3", phase_starts=["5.9.2026", "2026-09-05"]
    )
    assert (settings.chart, settings.freeze_points) == (ChartKind.I, 3)
    assert settings.phase_starts == (date(2026, 9, 5),)
    series = measurements.chart_input(db, criterion)
    assert series.values == (5, 6, 4, 7, 8, 9) and series.breaks == (4,)
    chart = series.chart()
    # part 1: 5 6 4 7, frozen on 5 6 4 → mean 5; part 2: 8 9 → mean 8.5
    assert [p.centre for p in chart.parts] == [5.0, 8.5]
    run = measurements.chart_input(db, criterion, kind="run", freeze_points=None).chart()
    assert run.parts[0].centre == 5.5  # median of 5 6 4 7
    with pytest.raises(ValidationError) as caught:
        measurements.set_chart_settings(db, criterion, chart="x")
    assert caught.value.key == "error.chart.kind"
    with pytest.raises(ValidationError) as caught:
        measurements.set_chart_settings(db, criterion, freeze_points=0)
    assert "fra 1 til" in caught.value.message()


def test_the_goals_learning_cycles_are_its_annotations(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    other = goals.add_goal(db, board.id, "Andet mål")
    card = cards.add_card(db, board.id, "Slyngevejledning", goal_ids=(goal.id,))
    cards.add_card(db, board.id, "Andet kort", goal_ids=(other.id,))
    cycle = cycles.start_cycle(db, card.id)
    cycles.edit_cycle(db, cycle.id, None, started_on=date(2026, 9, 2))
    marks = measurements.cycle_marks(db, goal.id)
    assert [(m.card_number, m.cycle_number, m.day, m.decision) for m in marks] == [
        (card.number, 1, date(2026, 9, 2), None)
    ]
    assert measurements.cycle_marks(db, other.id) == []


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.csv"
    path.write_text(text, "utf-8")
    return path


def test_import_preview_then_apply(db: Database, db_url: str, board: Board, tmp_path: Path) -> None:
    criterion = _indicator(db, board)
    measurements.add_measurement(db, criterion, "1.9.2026", 10, note="første")
    path = _csv(tmp_path, "Dato;Værdi;Note\n1.9.2026;11,5;\n8.9.2026;12;ny\n")
    preview = measurements.preview_import(db, path, criterion_id=criterion)
    assert [r.measured_on for r in preview.added] == [date(2026, 9, 8)]
    assert [r.measured_on for r in preview.updated] == [date(2026, 9, 1)]
    assert len(_fresh(db_url, criterion)) == 1  # a preview changes nothing
    result = measurements.apply_import(db, preview, criterion_id=criterion)
    assert (result.added, result.updated) == (1, 1)
    assert _fresh(db_url, criterion) == [
        (date(2026, 9, 1), 11.5, None, None, "første"),
        (date(2026, 9, 8), 12.0, None, None, "ny"),
    ]


def test_a_bad_file_imports_nothing_and_creates_no_indicator(
    db: Database, board: Board, tmp_path: Path
) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    path = _csv(tmp_path, "Dato;Værdi\n1.9.2026;1\n2.9.2026;x\n")
    with pytest.raises(MeasurementFileError) as caught:
        measurements.preview_import(db, path)
    assert "Linje 3" in caught.value.message()
    assert goals.get_goal(db, goal.id).criteria == ()
    good = measurements.preview_import(db, _csv(tmp_path, "Dato;Værdi\n1.9.2026;1\n"))
    result = measurements.apply_import(db, good, goal_id=goal.id, indicator="Ventetid")
    assert (result.criterion.text, result.added) == ("Ventetid", 1)
    assert measurements.find_indicator(db, goal.id, "VENTETID").id == result.criterion.id
    assert measurements.find_goal(db, board.id, "1") == goal.id
    assert measurements.find_goal(db, board.id, "mål") == goal.id


def test_the_demo_boards_chart_shows_a_shift_after_the_adopted_test(db: Database) -> None:
    from board.chart_text import verdict
    from board.services import demo

    name = demo.create_demo(db)
    board = boards.find_board(db, name)
    goal = measurements.find_goal(db, board.id, "1")
    series = measurements.chart_input(db, measurements.find_indicator(db, goal, demo.INDICATOR).id)
    chart = series.chart()
    assert len(series.values) == 30 and chart.last.runs.runs_signal
    assert verdict(chart) == ["Tegn på forandring: 9 punkter i træk over medianen"]
    shift_starts = series.dates[-9]
    adopted = [m for m in measurements.cycle_marks(db, goal) if m.decision is Decision.ADOPT]
    assert adopted and adopted[-1].day < shift_starts  # the test came before the shift
    share = measurements.chart_input(
        db, measurements.find_indicator(db, goal, demo_measurements.PROPORTION).id
    )
    assert (share.numerators[-1], share.denominators[-1]) == (7, 9)
    assert series.dates[-1] == share.dates[-1] == date.today()
