"""``forbedringstavle measure import|chart|export``: a goal's measurements from the command line.

- ``measure import [--db URL] BOARD GOAL INDICATOR FILE``: a CSV or .xlsx file of measurements
  into the goal's indicator (created when missing); every bad line named, nothing imported.
- ``measure chart [--db URL] BOARD GOAL INDICATOR OUT.png|.pdf|.svg [--chart run|i|p|u]
  [--freeze N] [--screen-moving-ranges] [--json]``: the indicator's chart, with the learning
  cycles of the cards working towards the goal on its time axis; ``--json`` prints its
  figures. ``--screen-moving-ranges`` (I chart only; qicharts2's option ``qic.screenedmr``)
  leaves out moving ranges above 3.267 × their mean before sigma is estimated: there is no
  column to keep it with an indicator's chart settings, so it is the command line's alone.
- ``measure export [--db URL] BOARD GOAL INDICATOR FILE.csv``: the indicator's measurements
  as CSV for Danish Excel, as ``measure import`` reads them back.

GOAL is the goal's text (any case) or its number in Mål (1 = the top one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from board.domain.errors import BoardError
from board.i18n import tr, tr_n

if TYPE_CHECKING:
    from board.persistence.database import Database

CHART_FILES = (".png", ".pdf", ".svg")
CHART_KINDS = ("run", "i", "p", "u")


def add_parsers(
    sub: Any,
    parser_class: type[argparse.ArgumentParser],
    add_common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """The ``measure`` command and its two subcommands, on the top parser's ``sub``."""
    board, file = tr("cli.metavar.board"), tr("cli.metavar.file")
    goal, indicator = tr("cli.metavar.goal"), tr("cli.metavar.indicator")
    measure = sub.add_parser("measure", help=tr("cli.help.measure"))
    inner = measure.add_subparsers(
        dest="measure_command", parser_class=parser_class, metavar=tr("cli.metavar.command")
    )
    inner.required = True
    imp = inner.add_parser("import", help=tr("cli.help.measure_import"))
    chart = inner.add_parser("chart", help=tr("cli.help.measure_chart"))
    export = inner.add_parser("export", help=tr("cli.help.measure_export"))
    for command in (imp, chart, export):
        command.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
        command.add_argument("goal", metavar=goal, help=tr("cli.help.goal_arg"))
        command.add_argument("indicator", metavar=indicator, help=tr("cli.help.indicator_arg"))
    imp.add_argument("file", metavar=file, type=Path, help=tr("cli.help.measure_file"))
    chart.add_argument(
        "file", metavar=f"{file}.png|.pdf|.svg", type=Path, help=tr("cli.help.file_out")
    )
    export.add_argument("file", metavar=f"{file}.csv", type=Path, help=tr("cli.help.file_out"))
    chart.add_argument("--chart", choices=CHART_KINDS, help=tr("cli.help.chart_kind"))
    chart.add_argument("--freeze", type=_freeze, metavar="N", help=tr("cli.help.freeze"))
    chart.add_argument(
        "--screen-moving-ranges", action="store_true", help=tr("cli.help.screen_moving_ranges")
    )
    chart.add_argument("--json", action="store_true", help=tr("cli.help.chart_json"))
    for command in (measure, imp, chart, export):
        add_common(command)


def _freeze(value: str) -> int:
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 10_000:
        raise argparse.ArgumentTypeError(tr("cli.bad_freeze", value=value))
    return int(value)


def check(args: argparse.Namespace) -> None:
    """What can be refused before the database is opened."""
    if args.measure_command == "chart" and args.file.suffix.lower() not in CHART_FILES:
        raise BoardError("chart.error.format", suffix=args.file.suffix or args.file.name)


def run(db: Database, args: argparse.Namespace) -> int:
    from board.services import measurements
    from board.services.boards import find_board

    board = find_board(db, args.board)
    goal_id = measurements.find_goal(db, board.id, args.goal)
    if args.measure_command == "import":
        _import(db, goal_id, args.indicator, args.file)
    elif args.measure_command == "export":
        _export(db, goal_id, args.indicator, args.file)
    else:
        _chart(db, goal_id, args)
    return 0


def _import(db: Database, goal_id: int, indicator: str, path: Path) -> None:
    from board.domain.errors import NotFoundError
    from board.services import measurements

    try:
        criterion_id: int | None = measurements.find_indicator(db, goal_id, indicator).id
    except NotFoundError:
        criterion_id = None  # created by the import, if the file is good
    preview = measurements.preview_import(db, path, criterion_id=criterion_id)
    result = measurements.apply_import(
        db, preview, criterion_id=criterion_id, goal_id=goal_id, indicator=indicator
    )
    print(
        tr(
            "cli.measure.imported",
            added=tr_n("cli.measure.added", result.added),
            updated=tr_n("cli.measure.updated", result.updated),
        )
    )


def _export(db: Database, goal_id: int, indicator: str, path: Path) -> None:
    from board.export.measurements_csv import write_measurements_csv
    from board.services import measurements

    criterion = measurements.find_indicator(db, goal_id, indicator)
    rows = [m for m in measurements.measurements(db, criterion.id) if m.value is not None]
    proportion = bool(rows) and all(m.denominator is not None for m in rows)
    try:
        write_measurements_csv(rows, path, proportion=proportion)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    print(tr_n("cli.measure.exported", len(rows), file=path))


def _chart(db: Database, goal_id: int, args: argparse.Namespace) -> None:
    from board.chart_text import cycle_label
    from board.export.chart_layout import Annotation
    from board.services import measurements
    from board.ui.common.chart_view import save_chart

    criterion = measurements.find_indicator(db, goal_id, args.indicator)
    given: dict[str, Any] = {} if args.freeze is None else {"freeze_points": args.freeze}
    series = measurements.chart_input(
        db, criterion.id, kind=args.chart, screen=args.screen_moving_ranges, **given
    )
    chart = series.chart()
    marks = measurements.cycle_marks(db, goal_id)
    annotations = [
        Annotation(
            m.day,
            cycle_label(m.card_number, m.cycle_number, m.decision.value if m.decision else None),
            m.decision.value if m.decision else None,
        )
        for m in marks
    ]
    percent = series.is_proportion and chart.kind.value != "u"
    save_chart(
        chart, series.dates, args.file, title=criterion.text,
        target=measurements.target_value(criterion, percent=percent),
        annotations=annotations, percent=percent,
    )  # fmt: skip
    if args.json:
        json.dump(chart.summary(), sys.stdout, ensure_ascii=False)
        print()
    else:
        print(tr("cli.measure.chart_written", file=args.file))
