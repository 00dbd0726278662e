"""A data moment per goal at the fremdriftsmøde (issue 11, item 5): after the tests, each goal
with data that the walk did not show whole gets a moment of its own in the band — its charts
side by side, each with its verdict — reached with Næste and Forrige like the tests, inside
the walk's timebox. And a walked test's chart costs one read, however many indicators its
goals have."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy import event

from board import i18n
from board.domain.entities import CriterionKind
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.services import boards, cards, goals, measurements

from .conftest import open_window
from .helpers import tap

SHOTS = Path("/work/shots")
SECOND_INDICATOR = "Fælles møder med barselgangen pr. måned"


def _charts(panel: QWidget) -> list:  # type: ignore[type-arg]
    from board.ui.common.chart_view import ChartView

    return [v for v in panel.findChildren(ChartView, "meeting-goal-chart") if v.isVisible()]


def _step_line(panel) -> str:  # type: ignore[no-untyped-def]
    return panel.step_title.text()


def _goal_without_tests(db: Database, board_id: int) -> int:
    """A third goal, no running test works towards it, with an indicator of 12 monthly
    values, the last 7 above the rest: a run chart with a signal."""
    third = goals.add_goal(db, board_id, "Et fælles forløb med barselgangen")
    indicator = goals.add_criterion(db, third.id, CriterionKind.INDICATOR, SECOND_INDICATOR)
    for n, value in enumerate((1, 2, 1, 0, 2, 5, 6, 7, 6, 8, 7, 9)):
        measurements.add_measurement(
            db, indicator.id, date(2026, 1, 1) + timedelta(days=30 * n), value
        )
    return third.id


def test_each_goal_with_data_gets_its_moment_after_the_tests(
    qtbot, demo_db, board_id, clock, settings_file
) -> None:  # type: ignore[no-untyped-def]
    third_id = _goal_without_tests(demo_db, board_id)
    i18n.set_language("da")
    win = open_window(qtbot, demo_db, board_id, clock, settings_file, (1920, 1080), True)
    c = win.meetings
    state = boards.load_board(demo_db, board_id)
    first = state.goals[0]
    tests = state.lane(Lane.ACTIVITIES)
    assert not any(third_id in card.goal_ids for card in tests)

    tap(win.top, "meeting")
    tap(c.panel, "meeting-start")
    tap(c.panel, "meeting-next")  # Fremmøde → the walk through the tests
    for _ in tests[1:]:
        tap(c.panel, "meeting-next")
    assert c.view.walk_card is not None and c.view.walk_card.id == tests[-1].id
    low_with_chart = None

    # Næste after the last test: the first goal's moment (its proportion indicator was never
    # shown with a test), both its charts side by side, the walk's step still running.
    tap(c.panel, "meeting-next")
    qtbot.wait(30)
    assert c.state.step_key == "activities"
    assert c.view.walk_card is None
    assert _step_line(c.panel) == "2 · Data: Mål 1  (1 af 2)"
    if SHOTS.is_dir():
        win.grab().save(str(SHOTS / "goalfin-moment-1.png"))
    assert c.panel.step_title.toolTip() == first.aim
    charts = _charts(c.panel)
    titles = [v.chart_layout().title for v in charts]
    assert titles == [
        "Forældrenes reflektive funktion skal øges med 10 procentpoint",
        "Familier med forberedende møde før opstartsmødet",
    ]
    for view in charts:
        layout = view.chart_layout()
        drawn = [getattr(shape, "text", None) for shape in layout.shapes]
        assert layout.verdict[0] in drawn  # the verdict in words, whole
        assert view.height() >= 190 and view.width() >= 480, view.size()  # from across the room
    assert charts[0].toolTip() == first.aim
    low_with_chart = c.panel.height()

    # Næste: the third goal, which no test works towards, its one chart and its signal.
    tap(c.panel, "meeting-next")
    qtbot.wait(30)
    assert _step_line(c.panel) == "2 · Data: Mål 3  (2 af 2)"
    (view,) = _charts(c.panel)
    layout = view.chart_layout()
    assert layout.title == SECOND_INDICATOR
    assert len(layout.points) == 12
    assert layout.verdict[0].startswith("Tegn på forandring")
    assert c.panel.height() == low_with_chart
    if SHOTS.is_dir():
        win.grab().save(str(SHOTS / "goalfin-moment.png"))

    # Forrige goes back through the moments to the last test; Næste then on to the ideas.
    tap(c.panel, "meeting-previous")
    tap(c.panel, "meeting-previous")
    qtbot.wait(30)
    assert c.view.walk_card is not None and c.view.walk_card.id == tests[-1].id
    tap(c.panel, "meeting-next")
    tap(c.panel, "meeting-next")
    tap(c.panel, "meeting-next")
    qtbot.wait(30)
    assert c.state.step_key == "ideas"
    assert _charts(c.panel) == []
    # Coming back from the ideas lands on the last moment, as on the last test before.
    tap(c.panel, "meeting-previous")
    qtbot.wait(30)
    assert c.state.step_key == "activities"
    assert _step_line(c.panel) == "2 · Data: Mål 3  (2 af 2)"


def test_a_goal_whose_data_a_test_showed_whole_gets_no_moment(
    qtbot, wall, demo_db, board_id
) -> None:  # type: ignore[no-untyped-def]
    """Without the proportion indicator the first goal's only chart was seen with its test:
    Næste after the last test goes straight to the ideas."""
    first = boards.load_board(demo_db, board_id).goals[0]
    proportion = next(k for k in first.criteria if k.text.startswith("Familier med"))
    c = wall.meetings
    tap(wall.top, "meeting")
    tap(c.panel, "meeting-start")
    tap(c.panel, "meeting-next")
    assert c.state.goal_walk == [first.id]
    tap(c.panel, "meeting-previous")  # back to Fremmøde; the walk is counted again on entering
    for m in measurements.measurements(demo_db, proportion.id):
        measurements.delete_measurement(demo_db, m.id)
    tap(c.panel, "meeting-next")
    assert c.state.goal_walk == []
    for _ in range(len(c.state.walk)):
        tap(c.panel, "meeting-next")
    qtbot.wait(30)
    assert c.state.step_key == "ideas"


def test_a_walked_tests_chart_is_one_read(qtbot, demo_db, board_id, clock, settings_file) -> None:  # type: ignore[no-untyped-def]
    """The first test works towards a new goal whose first two indicators have no data yet
    and whose third has: showing its chart reads the goal's measurements once and its
    learning cycles once (not once per indicator)."""
    state = boards.load_board(demo_db, board_id)
    test = state.lane(Lane.ACTIVITIES)[0]
    goal = goals.add_goal(demo_db, board_id, "Tre indikatorer, data på den tredje")
    ids = [
        goals.add_criterion(demo_db, goal.id, CriterionKind.INDICATOR, f"Indikator {n}").id
        for n in range(3)
    ]
    for n in range(12):
        measurements.add_measurement(demo_db, ids[2], date(2026, 1, 1) + timedelta(weeks=n), n % 4)
    cards.edit_card(demo_db, test.id, test.version, goal_ids=(goal.id,))
    i18n.set_language("da")
    win = open_window(qtbot, demo_db, board_id, clock, settings_file, (1920, 1080), True)
    c = win.meetings
    tap(win.top, "meeting")
    tap(c.panel, "meeting-start")
    tap(c.panel, "meeting-next")
    assert c.view.walk_card is not None and c.view.walk_card.id == test.id
    # Only the panel's reads are counted: the window's own watcher would also hear the
    # meeting's writes above and read the board again (a refresh, counted elsewhere).
    assert win.live is not None
    win.live.stop()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()).lower())

    event.listen(demo_db.engine, "before_cursor_execute", seen)
    try:
        c.panel.rebuild()
        qtbot.wait(30)  # shown and painted
    finally:
        event.remove(demo_db.engine, "before_cursor_execute", seen)
    (view,) = _charts(c.panel)
    assert view.chart_layout().title.endswith("· Indikator 2")
    reads = [s for s in statements if s.startswith("select") and "from measurement" in s]
    cycles = [s for s in statements if s.startswith("select") and "join cycle" in s]
    assert len(reads) == 1, reads
    assert len(cycles) == 1, cycles
