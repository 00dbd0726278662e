"""Run as a script: start the program as ``forbedringstavle ARGS…`` does, and print as JSON
whether SQLAlchemy had been imported when the window first painted, what the window shows
once its database is open, and the id of an idea added through it then; then quit."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject, QTimer

from board import cli
from board.domain.lanes import Lane
from board.ui.common.qt_app import ensure_app

CHART_MODULES = ("board.export.chart", "board.ui.common.chart_view", "reportlab")


def main() -> int:
    app = ensure_app()
    seen: dict[str, object] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "sqlalchemy_at_first_paint" not in seen:
                seen["sqlalchemy_at_first_paint"] = "sqlalchemy" in sys.modules
                # Drawing charts costs the first paint nothing: loaded when a chart is drawn.
                seen["charts_at_first_paint"] = sorted(
                    m for m in sys.modules if m.startswith(CHART_MODULES)
                )
                seen["painted_lanes"] = lanes()
            return False

    def window():  # type: ignore[no-untyped-def]
        return next(w for w in app.topLevelWidgets() if w.objectName() == "board-window")

    def lanes() -> dict[str, list[int]]:
        return {lane.value: view.card_ids() for lane, view in window().board.lanes.items()}

    first = FirstPaint()
    app.installEventFilter(first)
    timer = QTimer()

    def look() -> None:
        if "painted_lanes" not in seen or window().ops.board_id is None:
            return  # not painted, or the database is not open yet
        if not window().store.series:
            return  # the goal cards' sparklines: read once Mål is painted again
        window().board.lanes[Lane.GOALS].repaint()
        seen["charts_with_sparklines"] = sorted(
            m for m in sys.modules if m.startswith(CHART_MODULES)
        )
        timer.stop()
        seen["board"] = window().store.board.name
        seen["lanes"] = lanes()
        added = window().ops.add_card(Lane.IDEAS, "Tilføjet lige efter start")
        seen["added"] = added.id if added is not None else None
        seen["message"] = window().message.text
        seen["wall"] = window().wall
        seen["window"] = list(window().geometry().getRect())
        seen["screen"] = list(window().screen().geometry().getRect())
        print(json.dumps(seen), flush=True)
        app.quit()

    def give_up() -> None:
        print(json.dumps(seen), flush=True)
        app.exit(3)

    timer.timeout.connect(look)
    timer.start(10)
    QTimer.singleShot(30_000, give_up)  # never ready: say so rather than hang
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
