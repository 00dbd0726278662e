"""``forbedringstavle card add|move``: cards from scripts and integrations (issue 12).

- ``card add [--db URL] BOARD TITLE [--lane LANE] [--owner NAME] [--deadline YYYY-MM-DD]``:
  a new card, as the board's "+ Ny idé" makes it (an idea goes to the top of Idéer, a card in
  another lane to its end); prints the new card's number alone, so a script can use it.
- ``card move [--db URL] BOARD CARD LANE [--decision adopt|adapt|abandon [--learning TEXT]]``:
  the card into LANE with the rules of a drop (to the lane's end; into Log on top): into Log
  a card whose test is not decided yet needs the answer the board asks for (refused without
  it), and then the move and the decision are recorded together, as a drop with that answer
  records them.

CARD is the card's number (12 or #12) or its title (any case). Both commands write through
the same services as the board, so running screens show the change like any other.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from board.domain import decision_rule
from board.domain.entities import Decision
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import tr

if TYPE_CHECKING:
    from board.domain.entities import BoardState
    from board.persistence.database import Database

# The lanes' names on the command line (issue 12); Lane.parse also reads the Danish labels.
LANE_NAMES = {
    "ideas": Lane.IDEAS,
    "prioritisation": Lane.PRIORITISED,
    "activities": Lane.ACTIVITIES,
    "goals": Lane.GOALS,
    "log": Lane.LOG,
}
LANE_METAVAR = "|".join(LANE_NAMES)
# The options as the messages name them (kept out of the catalogs' wording).
OPTIONS = {"decision": "--decision adopt|adapt|abandon", "learning": '--learning "…"'}


def add_parsers(
    sub: Any,
    parser_class: type[argparse.ArgumentParser],
    add_common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """The ``card`` command and its ``add`` and ``move`` subcommands."""
    board = tr("cli.metavar.board")
    card = sub.add_parser("card", help=tr("cli.card.help"))
    inner = card.add_subparsers(
        dest="card_command", parser_class=parser_class, metavar=tr("cli.metavar.command")
    )
    inner.required = True
    add = inner.add_parser("add", help=tr("cli.card.help_add"))
    add.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    add.add_argument("title", metavar=tr("cli.card.metavar_title"), help=tr("cli.card.help_title"))
    add.add_argument(
        "--lane", type=_lane, default=Lane.IDEAS, metavar=LANE_METAVAR,
        help=tr("cli.card.help_lane", lanes=LANE_METAVAR),
    )  # fmt: skip
    add.add_argument("--owner", metavar=tr("cli.card.metavar_name"), help=tr("cli.card.help_owner"))
    add.add_argument(
        "--deadline", type=_deadline, metavar=tr("cli.metavar.date"),
        help=tr("cli.card.help_deadline"),
    )  # fmt: skip
    move = inner.add_parser("move", help=tr("cli.card.help_move"))
    move.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    move.add_argument("card", metavar=tr("cli.metavar.card"), help=tr("cli.help.card_arg"))
    move.add_argument(
        "lane",
        type=_lane,
        metavar=tr("cli.card.metavar_lane"),
        help=tr("cli.card.help_to_lane", lanes=LANE_METAVAR),
    )
    move.add_argument(
        "--decision", choices=[d.value for d in Decision], help=tr("cli.card.help_decision")
    )
    move.add_argument(
        "--learning", metavar=tr("cli.card.metavar_text"), help=tr("cli.card.help_learning")
    )
    for command in (card, add, move):
        add_common(command)


def _lane(value: str) -> Lane:
    wanted = value.strip().casefold()
    if wanted in LANE_NAMES:
        return LANE_NAMES[wanted]
    try:
        return Lane.parse(value)
    except BoardError:
        raise argparse.ArgumentTypeError(
            tr("cli.card.bad_lane", value=value, lanes=", ".join(LANE_NAMES))
        ) from None


def _deadline(value: str) -> date:
    """A day as the help shows it (2026-12-24); a Danish date (24.12.2026) is read too."""
    from board.domain.text import parse_date

    try:
        day = parse_date(value)
    except BoardError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(tr("cli.card.bad_deadline", value=value))
    return day


def check(args: argparse.Namespace) -> None:
    """What can be refused before the database is opened."""
    if args.card_command == "move" and args.learning is not None and args.decision is None:
        raise BoardError("cli.card.learning_without_decision", **OPTIONS)
    if args.card_command == "move" and args.decision is not None and args.lane is not Lane.LOG:
        raise BoardError("cli.card.decision_not_log", **OPTIONS)


def run(db: Database, args: argparse.Namespace) -> int:
    from board.services.boards import find_board

    board = find_board(db, args.board)
    if args.card_command == "add":
        _add(db, board.id, args)
    else:
        _move(db, board.id, args)
    return 0


def _add(db: Database, board_id: int, args: argparse.Namespace) -> None:
    from board.services import cards

    owner_id = _person(db, board_id, args.owner) if args.owner is not None else None
    # Where the board's own "+ Ny idé" puts an idea: at the top; other lanes: at the end.
    index = 0 if args.lane is Lane.IDEAS else None
    card = cards.add_card(
        db, board_id, args.title, args.lane, owner_id=owner_id, deadline=args.deadline,
        index=index,
    )  # fmt: skip
    print(card.number)


def _person(db: Database, board_id: int, name: str) -> int:
    """A person on the board by name (exact, then any case). An unknown name is refused, not
    created: a typo in a script would otherwise put a stranger on the team."""
    from board.services.boards import find_board
    from board.services.people import list_people

    people = list_people(db, board_id)
    wanted = name.strip()
    match = next((p for p in people if p.name == wanted), None)
    if match is None:
        folded = wanted.casefold()
        match = next((p for p in people if p.name.casefold() == folded), None)
    if match is None:
        board = find_board(db, str(board_id))
        names = ", ".join(p.name for p in people) or "—"
        raise BoardError("cli.card.unknown_owner", name=name, board=board.name, people=names)
    return match.id


def needs_decision(state: BoardState, card_id: int) -> bool:
    """The board's rule (board/domain/decision_rule.py) on a board read whole."""
    return decision_rule.needs_decision(
        state.current_cycles.get(card_id),
        lambda cycle_id: any(e.cycle_id == cycle_id for e in state.log),
    )


def _move(db: Database, board_id: int, args: argparse.Namespace) -> None:
    from board.services import cards, decisions
    from board.services.boards import load_board

    found = cards.find_card(db, board_id, args.card)
    state = load_board(db, board_id)
    card = next(c for c in state.cards if c.id == found.id)
    lane: Lane = args.lane
    where = {"number": card.number, "title": card.title, "lane": tr(lane.label_key)}
    if card.archived:
        raise BoardError("cli.card.archived", **where)
    if card.lane is lane:
        print(tr("cli.card.already_there", **where))  # a script may ask twice: nothing to do
        return
    decide = None
    if lane is Lane.LOG and needs_decision(state, card.id):
        if args.decision is None:
            raise BoardError("cli.card.needs_decision", **where, **OPTIONS)
        decide = decisions.DecisionRequest(Decision(args.decision), args.learning or "")
    elif args.decision is not None:
        raise BoardError("cli.card.decided_already", **where, **OPTIONS)
    # The move and its decision in one transaction: a drop followed by its answer, with no
    # moment in which another screen sees the card in Log without its decision.
    # Where a drop puts it: into Log on top (the Log's newest); elsewhere, as "Flyt til…"
    # does, at the end of the lane.
    index = 0 if lane is Lane.LOG else None
    cards.move_card_with(db, card.id, card.version, lane, index, decide=decide)
    print(tr("cli.card.moved", **where))
