"""Benchmarks of drawing a chart (issue 11), each figure printed beside its budget.

Run:  .venv/bin/python benchmarks/bench_chart.py [--runs N]

1. A run chart of 100 weekly points with a shift, five learning cycles and a target, at
   960 × 540 points: the layout alone (chart_layout), painted by Qt on a 1920 × 1080 image
   (the PNG and, at the widget's size, the screen), and by reportlab as PDF and SVG; a
   sparkline's layout and paint (a goal card). Medians of N runs after a warm-up.
2. What importing each new module costs, in a process of its own (``python -X importtime``):
   on top of the board window's modules (what the app pays when it first draws a chart),
   and alone.
3. That none of them is imported when the board window is built (the first paint; the start
   test tests/cli/test_start.py checks the same on the real start).

Uses the offscreen platform, so figures do not depend on a window manager.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_CHART_MS = 50.0  # three charts must open on the goal page within 150 ms (issue 11)
BUDGET_SPARK_MS = 1.0  # a sparkline on each goal card: < 5 % of the board's first paint
MODULES = (
    "board.export.chart_layout",
    "board.export.chart_drawing",
    "board.ui.common.chart_view",
)
WINDOW = "board.ui.shell.board_window"


def _median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def drawing(runs: int) -> None:
    from reportlab.graphics import renderPDF, renderSVG

    from board.domain import spc
    from board.export import chart_drawing
    from board.export.chart_layout import Annotation, chart_layout, sparkline_layout
    from board.ui.common import chart_view as view
    from board.ui.common.qt_app import ensure_app

    ensure_app()
    values = [12 + (i * 7919 % 11) / 2 - (4 if i >= 70 else 0) for i in range(100)]
    days = [date(2025, 1, 6) + timedelta(weeks=i) for i in range(100)]
    cycles = [
        Annotation(days[i], f"Cyklus {n} · Kort nr. 5 · Tilpas", "adapt")
        for n, i in enumerate((20, 40, 60, 68, 90), 1)
    ]
    chart = spc.chart("run", values)

    def layout():  # type: ignore[no-untyped-def]
        return chart_layout(chart, days, title="Ventetid (dage)", target=9, annotations=cycles)

    done = layout()
    rows = [
        ("spc.chart, 100 points", _median_ms(lambda: spc.chart("run", values), runs)),
        ("layout, 100 points", _median_ms(layout, runs)),
        ("Qt paint 1920x1080 (layout drawn)", _median_ms(lambda: view.render(done), runs)),
        ("Qt paint at 960x540, as the screen", _median_ms(lambda: view.render(done, 1), runs)),
        ("layout + Qt paint 960x540", _median_ms(lambda: view.render(layout(), 1), runs)),
        ("PNG bytes 1920x1080 (paint + encode)", _median_ms(lambda: view.png_bytes(done), runs)),
        (
            "reportlab PDF (layout drawn)",
            _median_ms(lambda: renderPDF.drawToString(chart_drawing.drawing(done)), runs),
        ),
        (
            "reportlab SVG (layout drawn)",
            _median_ms(lambda: renderSVG.drawToString(chart_drawing.drawing(done)), runs),
        ),
    ]
    spark = _median_ms(
        lambda: view.render(sparkline_layout(chart, days, size=(120, 36), target=9), 1),
        runs,
    )
    print(f"1. Drawing a 100-point run chart (median of {runs} runs)")
    for name, ms in rows:
        print(f"   {name:<40} {ms:8.2f} ms")
    total = rows[1][1] + rows[3][1]
    for name, ms, budget in (
        ("layout + screen paint", total, BUDGET_CHART_MS),
        ("sparkline layout + paint", spark, BUDGET_SPARK_MS),
    ):
        print(
            f"   {name:<40} {ms:8.2f} ms  (budget {budget} ms) {'ok' if ms <= budget else 'OVER'}"
        )


def _import_ms(module: str, before: str = "") -> float:
    """The cumulative import time of ``module`` in a fresh process, after ``before``."""
    code = (f"import {before}; " if before else "") + f"import {module}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
        env=env, check=True,
    ).stderr  # fmt: skip
    for line in out.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)$", line)
        if match and match.group(3) == module:
            return int(match.group(1)) / 1000
    return 0.0  # already imported by ``before``


def imports(runs: int) -> None:
    print("2. Import cost, ms (median of 3 processes): after the board window / alone")
    for module in MODULES:
        after = statistics.median(_import_ms(module, WINDOW) for _ in range(3))
        alone = statistics.median(_import_ms(module) for _ in range(3))
        print(f"   {module:<40} {after:8.1f} / {alone:6.1f}")


def first_paint() -> None:
    code = (
        "import sys; from board.ui.common.qt_app import ensure_app; ensure_app(); "
        f"import {WINDOW}; "
        "print(sorted(m for m in sys.modules if m.startswith("
        "('board.export.chart', 'board.ui.common.chart_view', 'reportlab'))))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.strip()
    verdict = "ok" if out == "[]" else "NOT OK"
    print(f"3. Chart modules loaded with the board window: {out} ({verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    drawing(args.runs)
    imports(args.runs)
    first_paint()


if __name__ == "__main__":
    main()
