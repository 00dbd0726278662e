"""Opening a goal's page with three charts of 100 points (issue 11's budget of 150 ms, see
benchmarks/bench_template.py): the measurements and the learning cycles are read once for
all the charts, not once per chart, and the page still shows every point."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import event

from board.domain.entities import CriterionKind
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import goals, measurements
from board.ui.board.lane_model import Kind

from .test_goal_data import _open_goal


def _goal_with_charts(db: Database, board_id: int) -> tuple[int, list[int]]:
    goal = goals.add_goal(db, board_id, "Tre indikatorer med 100 målinger")
    start = date(2024, 1, 1)
    ids = []
    for n in range(3):
        indicator = goals.add_criterion(db, goal.id, CriterionKind.INDICATOR, f"Indikator {n}")
        ids.append(indicator.id)
        for week in range(100):
            measurements.add_measurement(
                db, indicator.id, start + timedelta(weeks=week), (week * 7 + n) % 11
            )
    return goal.id, ids


def test_three_charts_read_their_measurements_and_cycles_once(
    laptop, qtbot, ui_db: Database, demo_board: int
) -> None:
    goal_id, ids = _goal_with_charts(ui_db, demo_board)
    laptop.store.put_goal(goals.get_goal(ui_db, goal_id))  # in the Mål lane, as after a restart
    laptop.board.lanes[Lane.GOALS].ensure_visible(goal_id, Kind.GOAL)
    qtbot.wait(100)  # the lane has drawn the goal's sparkline (its own read) before the tap
    # Only the page's reads are counted: the window's own watcher would also hear the writes
    # above and read the board again (a refresh, tested in tests/live).
    assert laptop.live is not None
    laptop.live.stop()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()).lower())

    event.listen(ui_db.engine, "before_cursor_execute", seen)
    try:
        page = _open_goal(laptop, goal_id)
    finally:
        event.remove(ui_db.engine, "before_cursor_execute", seen)
    # Every chart has its 100 points, the newest first in its table.
    for n, criterion_id in enumerate(ids):
        panel = page.panels[criterion_id]
        assert panel.chart is not None and len(panel.chart.y) == 100
        assert list(panel.chart.y[-2:]) == [(98 * 7 + n) % 11, (99 * 7 + n) % 11]
        newest = panel.measurements[-1]
        assert newest.measured_on == date(2024, 1, 1) + timedelta(weeks=99)
        assert panel.findChild(type(panel.add), f"measurement-{newest.id}") is not None
    reads = [s for s in statements if s.startswith("select") and "from measurement" in s]
    cycles = [s for s in statements if s.startswith("select") and "join cycle" in s]
    assert len(reads) == 1, "\n".join(s[-300:] for s in reads)
    assert len(cycles) == 1, cycles
