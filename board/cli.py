"""The command line: ``forbedringstavle [--db URL] [--lang da|en] [COMMAND …]``.

Every failure a user can cause ends with exit code 2 and one translated line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from board import __version__, logs
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import detect_language, set_language, tr, tr_n
from board.persistence.location import ENV_VAR, is_default_url, resolve_url

if TYPE_CHECKING:
    from board.persistence.database import Database

EXIT_USAGE = 2
EXIT_BUG = 1


# argparse's own texts (the usage line, help headings, its error messages) by their English
# wording, which argparse passes through gettext: each is shown in the user's language.
_ARGPARSE_TEXTS = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "the following arguments are required: %s": "cli.argparse.required",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_command",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected %s argument": "cli.argparse.expected_n",
    "expected %s arguments": "cli.argparse.expected_n",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "ignored explicit argument %r": "cli.argparse.ignored_value",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "unexpected option string: %s": "cli.argparse.unexpected_option",
}


def _argparse_text(message: str) -> str:
    key = _ARGPARSE_TEXTS.get(message)
    return tr(key) if key else message


def _argparse_plural(singular: str, plural: str, count: int) -> str:
    return _argparse_text(singular if count == 1 else plural)


def _speak_the_users_language() -> None:
    """Route argparse's gettext calls to the catalogs (it reads them as module globals)."""
    setattr(argparse, "_", _argparse_text)  # noqa: B010 - argparse's private gettext alias
    setattr(argparse, "ngettext", _argparse_plural)  # noqa: B010


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong command line gives one translated line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        _fail(tr("cli.usage_error", detail=message.rstrip(".")))


def _fail(line: str) -> NoReturn:
    print(f"forbedringstavle: {line}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def _add_common(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", metavar=tr("cli.metavar.url"), default=default, help=tr("cli.help.db")
    )
    parser.add_argument("--lang", choices=("da", "en"), default=default, help=tr("cli.help.lang"))


def build_parser() -> argparse.ArgumentParser:
    _speak_the_users_language()
    board, file, card = tr("cli.metavar.board"), tr("cli.metavar.file"), tr("cli.metavar.card")
    parser = _Parser(prog="forbedringstavle", description=tr("cli.description"))
    _add_common(parser, top=True)
    parser.add_argument(
        "--version",
        action="version",
        version=f"forbedringstavle {__version__}",
        help=tr("cli.help.version"),
    )
    parser.add_argument("--board", metavar=board, help=tr("cli.help.board"))
    parser.add_argument("--wall", action="store_true", help=tr("cli.help.wall"))
    sub = parser.add_subparsers(
        dest="command", parser_class=_Parser, metavar=tr("cli.metavar.command")
    )

    demo = sub.add_parser("demo", help=tr("cli.help.demo"))
    demo.add_argument("--cards", type=_count, default=0, metavar="N", help=tr("cli.help.cards"))
    sub.add_parser("boards", help=tr("cli.help.boards"))
    export = sub.add_parser("export", help=tr("cli.help.export"))
    export.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    export.add_argument("file", metavar=file, type=Path, help=tr("cli.help.file_out"))
    imp = sub.add_parser("import", help=tr("cli.help.import"))
    imp.add_argument("file", metavar=file, type=Path, help=tr("cli.help.file_in"))
    photo = sub.add_parser("photo", help=tr("cli.help.photo"))
    photo.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    photo.add_argument("file", metavar=f"{file}.png", type=Path, help=tr("cli.help.file_out"))
    photo.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar=tr("cli.metavar.size"),
        help=tr("cli.help.size", smallest=_SIZE_LIMITS[0], largest=_SIZE_LIMITS[1]),
    )
    photo.add_argument("--wall", action="store_true", help=tr("cli.help.wall"))
    template = sub.add_parser("template", help=tr("cli.help.template"))
    template.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    template.add_argument("card", metavar=card, help=tr("cli.help.card_arg"))
    template.add_argument("file", metavar=f"{file}.pdf", type=Path, help=tr("cli.help.file_out"))
    minutes = sub.add_parser("minutes", help=tr("cli.help.minutes"))
    minutes.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    minutes.add_argument("file", metavar=f"{file}.pdf", type=Path, help=tr("cli.help.file_out"))
    minutes.add_argument(
        "--meeting", metavar=tr("cli.metavar.meeting"), help=tr("cli.help.meeting")
    )
    points = sub.add_parser("learning-points", help=tr("cli.help.learning_points"))
    points.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    points.add_argument("file", metavar=f"{file}.pdf|.csv", type=Path, help=tr("cli.help.file_out"))
    points.add_argument(
        "--since", type=_since, metavar=tr("cli.metavar.date"), help=tr("cli.help.since")
    )
    copy = sub.add_parser("copy", help=tr("cli.help.copy"))
    copy.add_argument("to", metavar=tr("cli.metavar.url"), help=tr("cli.help.copy_to"))
    copy.add_argument("board", nargs="?", metavar=board, help=tr("cli.help.copy_board"))
    held = sub.add_parser("meetings", help=tr("cli.help.meetings"))
    held.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    find = sub.add_parser("find", help=tr("cli.help.find"), description=tr("cli.help.find_long"))
    find.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    find.add_argument("text", metavar=tr("cli.metavar.text"), help=tr("cli.help.find_text"))
    redact = sub.add_parser(
        "redact", help=tr("cli.help.redact"), description=tr("cli.help.redact_long")
    )
    redact.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    redact.add_argument("text", metavar=tr("cli.metavar.text"), help=tr("cli.help.redact_text"))
    erase_person = sub.add_parser(
        "erase-person",
        help=tr("cli.help.erase_person"),
        description=tr("cli.help.erase_person_long"),
    )
    erase_person.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    erase_person.add_argument(
        "name", metavar=tr("cli.card.metavar_name"), help=tr("cli.help.erase_person_name")
    )
    erase_person.add_argument(
        "--label", metavar=tr("cli.metavar.text"), help=tr("cli.help.erase_person_label")
    )
    privacy_log = sub.add_parser("privacy-log", help=tr("cli.help.privacy_log"))
    privacy_log.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    invitation = sub.add_parser("invitation", help=tr("cli.help.invitation"))
    invitation.add_argument("board", metavar=board, help=tr("cli.help.board_arg"))
    invitation.add_argument("file", metavar=f"{file}.ics", type=Path, help=tr("cli.help.file_out"))
    for command in (
        demo, sub.choices["boards"], export, imp, copy, photo, template, minutes, points, held,
        invitation, find, redact, erase_person, privacy_log,
    ):  # fmt: skip
        _add_common(command, top=False)
    from board import cli_measure  # a goal's measurements: import and chart

    cli_measure.add_parsers(sub, _Parser, lambda command: _add_common(command, top=False))
    from board import cli_card  # cards from scripts: add and move

    cli_card.add_parsers(sub, _Parser, lambda command: _add_common(command, top=False))
    # The meeting formats are resource files: no database, unless a board's own formats are
    # asked for (--board).
    formats = sub.add_parser("formats", help=tr("cli.help.formats"))
    agenda = sub.add_parser("agenda", help=tr("cli.help.agenda"))
    agenda.add_argument("format", metavar=tr("cli.metavar.format"), help=tr("cli.help.format_arg"))
    agenda.add_argument("file", metavar=f"{file}.pdf", type=Path, help=tr("cli.help.file_out"))
    for command in (formats, agenda):
        _add_common(command, top=False)
        command.add_argument(
            "--board", metavar=board, default=argparse.SUPPRESS, help=tr("cli.help.team_formats")
        )
    return parser


def _count(value: str) -> int:
    if not value.isdigit() or int(value) > 100_000:
        raise argparse.ArgumentTypeError(tr("cli.bad_count", value=value))
    return int(value)


def _since(value: str) -> date:
    """A day as the help shows it (2026-10-01); a Danish date (1.10.2026) is read too."""
    from board.domain.text import parse_date

    try:
        day = parse_date(value, "field.since")
    except BoardError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(tr("cli.bad_since", value=value))
    return day


# A photo from a small screen's size to 8K; larger ones are drawn sharper, not smaller.
_SIZE_MIN, _SIZE_MAX = (640, 480), (7680, 4320)
_SIZE_LIMITS = (f"{_SIZE_MIN[0]}x{_SIZE_MIN[1]}", f"{_SIZE_MAX[0]}x{_SIZE_MAX[1]}")


def _size(value: str) -> tuple[int, int]:
    parts = value.lower().split("x")
    if len(parts) == 2 and all(p.isascii() and p.isdigit() for p in parts):
        width, height = int(parts[0]), int(parts[1])
        if _SIZE_MIN[0] <= width <= _SIZE_MAX[0] and _SIZE_MIN[1] <= height <= _SIZE_MAX[1]:
            return width, height
    raise argparse.ArgumentTypeError(
        tr("error.bad_size", value=value, smallest=_SIZE_LIMITS[0], largest=_SIZE_LIMITS[1])
    )


def _pre_language(argv: Sequence[str]) -> str | None:
    """The --lang value, read before parsing so that parse errors are in the right language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")  # an emoji never crashes an old Windows console
    set_language(detect_language(_pre_language(argv)))
    args = build_parser().parse_args(argv)
    logs.configure()
    try:
        return _run(args)
    except BoardError as exc:
        _fail(exc.message())
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line for the user, the stack in the log
        logs.log_crash(exc)
        print(f"forbedringstavle: {tr('cli.unexpected', log=logs.log_file())}", file=sys.stderr)
        return EXIT_BUG


def _open(args: argparse.Namespace) -> Database:
    from board.app import prune_backups
    from board.persistence.database import open_database  # SQLAlchemy: not before a paint

    url = resolve_url(args.db)
    prune_backups(url)
    return open_database(url, create_folder=is_default_url(url))


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command is None:
        return _start_app(args)
    if command == "learning-points" and args.file.suffix.lower() not in (".pdf", ".csv"):
        _fail(tr("cli.points_file_kind", file=args.file))  # before the database is touched
    if command in ("formats", "agenda"):
        return _run_formats(args)
    if command == "measure":
        from board import cli_measure

        cli_measure.check(args)  # before the database is touched
    if command == "card":
        from board import cli_card

        cli_card.check(args)  # before the database is touched
    db = _open(args)
    try:
        if command == "demo":
            from board.services.demo import create_demo

            name = create_demo(db, extra_cards=args.cards)
            print(tr("cli.demo_created", name=name))
        elif command == "boards":
            _print_boards(db)
        elif command == "export":
            from board.services.boards import find_board
            from board.services.transfer import export_to_file

            board = find_board(db, args.board)
            export_to_file(db, board.id, args.file)
            print(tr("cli.exported", name=board.name, file=args.file))
        elif command == "import":
            from board.services.transfer import import_from_file

            print(tr("cli.imported", name=import_from_file(db, args.file)))
        elif command == "copy":
            _copy(db, args)
        elif command == "photo":
            from board.services.boards import find_board
            from board.ui.shell.photo import render_board_png

            board = find_board(db, args.board)
            render_board_png(db, board.id, args.file, size=args.size, wall=args.wall)
            print(tr("cli.photo_written", file=args.file))
        elif command == "template":
            from board.export.template_pdf import write_template_pdf
            from board.services.boards import find_board
            from board.services.cards import find_card
            from board.services.template import template_data

            board = find_board(db, args.board)
            card = find_card(db, board.id, args.card)
            write_template_pdf(template_data(db, board.id, card.id), args.file)
            print(tr("cli.template_written", title=card.title, file=args.file))
        elif command == "minutes":
            _write_minutes(db, args)
            print(tr("cli.minutes_written", file=args.file))
        elif command == "learning-points":
            _write_learning_points(db, args)
            print(tr("cli.points_written", file=args.file))
        elif command == "meetings":
            _print_meetings(db, args.board)
        elif command == "find":
            _print_hits(db, args.board, args.text)
        elif command == "redact":
            _redact(db, args.board, args.text)
        elif command == "erase-person":
            _erase_person(db, args.board, args.name, args.label)
        elif command == "privacy-log":
            _print_erasures(db, args.board)
        elif command == "invitation":
            _write_invitation(db, args.board, args.file)
        elif command == "measure":
            return cli_measure.run(db, args)
        elif command == "card":
            from board import cli_card

            return cli_card.run(db, args)
        return 0
    finally:
        db.close()


def _copy(source: Database, args: argparse.Namespace) -> None:
    """``copy [--db FROM] TO [BOARD]``: one board, or all, under the same names."""
    from board.persistence.database import open_database
    from board.services.boards import find_board
    from board.services.copying import copy_boards, where

    board_id = find_board(source, args.board).id if args.board else None
    target = open_database(resolve_url(args.to))
    try:
        copied = copy_boards(source, target, board_id)
        if len(copied) == 1:
            print(tr("cli.copied", name=copied[0], where=where(target)))
        else:
            print(tr_n("cli.copied_all", len(copied), where=where(target)))
    finally:
        target.close()


def _write_minutes(db: Database, args: argparse.Namespace) -> None:
    """A meeting's minutes from its frozen snapshot, or today's board as minutes."""
    from board.domain.minutes import minutes_day
    from board.export.minutes_pdf import write_minutes_pdf
    from board.services import meetings
    from board.services.boards import find_board, load_board
    from board.ui.common.images import png_bytes
    from board.ui.shell.photo import minutes_photo

    board = find_board(db, args.board)
    if args.meeting:
        meeting = meetings.find_meeting(db, board.id, args.meeting)
        minutes = meetings.meeting_minutes(db, meeting.id)
        state = meetings.meeting_board(db, meeting.id)
    else:
        minutes = meetings.board_minutes(db, board.id)
        state = load_board(db, board.id)
    photo = png_bytes(minutes_photo(state, minutes_day(minutes)))
    write_minutes_pdf(minutes, args.file, photo)


def _run_formats(args: argparse.Namespace) -> int:
    from board.domain.entities import MeetingKind
    from board.meeting_formats import all_formats, format_text, get_format

    chosen = None  # the format whose guide ``agenda`` writes
    if args.board is None:  # the sources' formats: no database
        formats = list(all_formats())
        chosen = get_format(args.format) if args.command == "agenda" else None
    else:  # and the board's own formats
        from board.services import team_formats
        from board.services.boards import find_board

        db = _open(args)
        try:
            board = find_board(db, args.board)
            formats = team_formats.formats_for_board(db, board.id)
            if args.command == "agenda" and args.format in {k.value for k in MeetingKind}:
                chosen = get_format(args.format)
            elif args.command == "agenda":  # an archived one too: its old meetings' guide
                chosen = team_formats.format_for(db, board.id, "", args.format)
        finally:
            db.close()
    if args.command == "formats":
        for fmt in formats:
            print(f"{fmt.key}\t{format_text(fmt, fmt.name_key)}\t{fmt.minutes}")
    else:
        from board.export.agenda_pdf import write_agenda_pdf

        assert chosen is not None
        write_agenda_pdf(chosen, args.file)
        print(tr("cli.agenda_written", name=format_text(chosen, chosen.name_key), file=args.file))
    return 0


def _write_learning_points(db: Database, args: argparse.Namespace) -> None:
    """The board's active learning points (since a day) as PDF or CSV, by the file's ending."""
    from board.export import learning_points as export
    from board.services.boards import find_board
    from board.services.learning_points import report

    board = find_board(db, args.board)
    points = report(db, board.id, since=args.since)
    if args.file.suffix.lower() == ".csv":
        export.write_learning_points_csv(points, args.file)
    else:
        export.write_learning_points_pdf(points, args.file)


def _print_meetings(db: Database, name: str) -> None:
    """One line per held meeting, newest first: number, date, format, facilitator."""
    from board.dates import compact_date
    from board.services import meetings
    from board.services.boards import find_board

    board = find_board(db, name)
    held = meetings.held_meetings(db, board.id)
    if not held:
        print(tr("cli.meetings.none", name=board.name))
    for h in held:
        day = compact_date(h.meeting.started_at.date())
        kind = tr(f"meeting.{h.meeting.kind}")
        print(f"{h.number}\t{day}\t{kind}\t{h.facilitator or '—'}")


def _print_hits(db: Database, name: str, text: str) -> None:
    """One line per place the text stands (where, field, the text around it), tab-separated;
    a line saying so when it stands nowhere (exit 0 either way)."""
    from board.services import privacy
    from board.services.boards import find_board

    board = find_board(db, name)
    hits = privacy.find(db, board.id, text)
    if not hits:
        print(tr("cli.find.none", text=text.strip(), name=board.name))
    for hit in hits:
        print("\t".join(" ".join(part.split()) for part in (hit.where, hit.field, hit.excerpt)))


def _redact(db: Database, name: str, text: str) -> None:
    """Replace the text with [slettet] everywhere on the board, frozen minutes too; say how
    many places changed (never the text: it may be a CPR number) and which minutes that were
    already e-mailed still hold it."""
    from board.services import erasure
    from board.services.boards import find_board

    board = find_board(db, name)
    done = erasure.redact(db, board.id, text)
    if not done.places:
        print(tr("cli.find.none", text=text.strip(), name=board.name))
        return
    print(tr_n("cli.redact.done", done.places, name=board.name))
    if done.sent_meetings:
        print(tr_n("cli.redact.sent", len(done.sent_meetings)))
    from board.persistence.backups import backups_holding

    held = backups_holding(db, text)
    if held:  # the program's own copies: ``forbedringstavle`` lists them, the window deletes them
        print(tr_n("cli.redact.backups", len(held)))
        for backup in held:
            print(f"  {backup.path}")


def _erase_person(db: Database, name: str, person: str, label: str | None) -> None:
    """A person's name becomes a neutral label everywhere on the board, old minutes too;
    history is kept. Says how many places changed, never the name (nor, when the name is
    not on the board, the board's people)."""
    from board.domain.errors import NotFoundError, ValidationError
    from board.services import erasure, people
    from board.services.boards import find_board

    board = find_board(db, name)
    wanted = " ".join(person.split()).casefold()
    matches = [
        p
        for p in people.list_people(db, board.id, include_archived=True)
        if " ".join(p.name.split()).casefold() == wanted
    ]
    if not matches:
        raise NotFoundError("cli.erase_person.unknown", board=board.name)
    if len(matches) > 1:
        raise ValidationError("cli.erase_person.ambiguous", board=board.name)
    label = label if label is not None else erasure.next_label(db, board.id)
    done = erasure.erase_person(db, matches[0].id, label)
    print(tr_n("cli.erase_person.done", done.places, label=label.strip(), name=board.name))
    if done.sent_meetings:
        print(tr_n("cli.redact.sent", len(done.sent_meetings)))


def _print_erasures(db: Database, name: str) -> None:
    """What has been erased on the board, newest first: when, who, what, how many places."""
    from board.dates import compact_date_time
    from board.services import erasure
    from board.services.boards import find_board

    board = find_board(db, name)
    entries = erasure.erasures(db, board.id)
    if not entries:
        print(tr("cli.privacy_log.none", name=board.name))
    for e in entries:
        what = tr(e.what_key)
        print(f"{compact_date_time(e.made_at)}\t{e.made_by or '—'}\t{what}\t{e.places}")


def _write_invitation(db: Database, name: str, path: Path) -> None:
    from board.dates import at_time, long_date
    from board.domain.errors import NotFoundError
    from board.export.invitation import write_invitation
    from board.services import meetings
    from board.services.boards import find_board

    board = find_board(db, name)
    plan = meetings.next_meeting(db, board.id)
    if plan is None:
        raise NotFoundError("error.no_next_meeting", name=board.name)
    write_invitation(plan, path)
    when = f"{long_date(plan.starts_at.date())} {at_time(plan.starts_at)}"
    print(
        tr(
            "cli.invitation_written",
            kind=tr(f"meeting.mail.kind.{plan.kind}"),
            when=when,
            file=path,
        )
    )


def _print_boards(db: Database) -> None:
    from board.services.boards import list_boards

    for summary in list_boards(db):
        counts = "\t".join(
            tr("cli.boards.lane", lane=tr(lane.label_key), count=summary.counts[lane])
            for lane in Lane
        )
        print(f"{summary.board.name}\t{counts}")


def _start_app(args: argparse.Namespace) -> int:
    from board.app import configured_url, start
    from board.i18n import language

    url = resolve_url(args.db)
    if args.db is None and not os.environ.get(ENV_VAR):
        url = configured_url() or url  # ⚙ »Del tavlen via en server«
    return start(
        url, language(), board_name=args.board, wall=args.wall, create_folder=is_default_url(url)
    )
