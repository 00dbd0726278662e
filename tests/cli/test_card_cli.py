"""`forbedringstavle card add|move` (issue 12): the number printed alone, an owner by name,
a bad date or an unknown person refused with nothing written, the rules of a drop (Log only
with a decision), and a move with a decision leaving the database exactly as the board's own
drop with that answer leaves it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from cli_runner import Run
from sqlalchemy import create_engine, text

from board.persistence.database import Database

BOARD = "Spædbarnsindsatsen"
OPEN_CYCLE = "Forberedende møde med sagsbehandler"  # Kort nr. 6 in the demo, its cycle at Act
LEARNING = "Sagsbehandleren kommer gerne, når mødet ligger om formiddagen."


def _demo(run: Run, url: str) -> None:
    result = run("demo", "--db", url)
    assert result.code == 0, result.err


def _query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows read back through a fresh connection."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def _card(url: str, number: int) -> tuple[Any, ...]:
    [row] = _query(
        url,
        "SELECT c.title, c.lane, p.name, c.deadline FROM card c"
        " LEFT JOIN person p ON p.id = c.owner_id WHERE c.number = :n",
        n=number,
    )
    return row


def _day(value: Any) -> date | None:
    """SQLite hands a date back as text through a plain SQL query."""
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _counts(url: str) -> tuple[int, ...]:
    return _query(
        url,
        "SELECT (SELECT count(*) FROM card), (SELECT count(*) FROM log_entry),"
        " (SELECT count(*) FROM person), (SELECT max(version) FROM card)",
    )[0]


def test_card_add_prints_the_number_alone_and_stores_the_card(run: Run, empty_db_url: str) -> None:
    _demo(run, empty_db_url)
    result = run(
        "card", "add", "--db", empty_db_url, BOARD, "Fælles tjekliste før hjemmebesøg",
        "--lane", "activities", "--owner", "gitte holm", "--deadline", "2026-12-24",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == "13\n"  # the demo has 12 cards: the number, and nothing else
    title, lane, owner, deadline = _card(empty_db_url, 13)
    assert (title, lane, owner, _day(deadline)) == (
        "Fælles tjekliste før hjemmebesøg", "activities", "Gitte Holm", date(2026, 12, 24),
    )  # fmt: skip

    # By default an idea, on top of Idéer, as the board's "+ Ny idé" puts it
    result = run("card", "add", "--db", empty_db_url, BOARD, "Kaffe til forældrene")
    assert (result.code, result.out) == (0, "14\n"), result.err
    ideas = _query(
        empty_db_url,
        "SELECT number FROM card WHERE lane = 'ideas' AND NOT archived ORDER BY position",
    )
    assert ideas[0] == (14,)


def test_card_add_refuses_an_unknown_owner_and_a_bad_date_writing_nothing(
    run: Run, sqlite_url: str
) -> None:
    _demo(run, sqlite_url)
    before = _counts(sqlite_url)

    line = run(
        "card", "add", "--db", sqlite_url, BOARD, "Ny idé", "--owner", "Gitte Hom"
    ).assert_clean_failure()  # fmt: skip
    assert "»Gitte Hom«" in line and "Gitte Holm" in line  # the board's people, to choose from
    line = run(
        "card", "add", "--db", sqlite_url, BOARD, "Ny idé", "--deadline", "2026-02-30"
    ).assert_clean_failure()  # fmt: skip
    assert "»2026-02-30« er ikke en gyldig dato" in line
    line = run(
        "card", "add", "--db", sqlite_url, BOARD, "Ny idé", "--lane", "parkering"
    ).assert_clean_failure()  # fmt: skip
    assert "»parkering« er ikke en kolonne" in line
    run("card", "add", "--db", sqlite_url, "Ingen tavle", "Ny idé").assert_clean_failure()
    assert _counts(sqlite_url) == before


def test_card_move_into_log_needs_a_decision_as_a_drop_does(run: Run, empty_db_url: str) -> None:
    _demo(run, empty_db_url)
    before = _counts(empty_db_url)
    line = run(
        "card", "move", "--db", empty_db_url, BOARD, OPEN_CYCLE.upper(), "log"
    ).assert_clean_failure()  # fmt: skip
    assert line == (
        "forbedringstavle: Kort nr. 6 »Forberedende møde med sagsbehandler« kan ikke flyttes til"
        " Log uden en beslutning, ligesom på tavlen. Angiv --decision adopt|adapt|abandon, og"
        ' skriv evt. det, I har lært, med --learning "…".'
    )
    assert _card(empty_db_url, 6)[1] == "activities"
    assert _counts(empty_db_url) == before

    # Elsewhere a move needs no answer; the card goes to the end of the lane
    result = run("card", "move", "--db", empty_db_url, BOARD, "#2", "prioritisation")
    assert result.code == 0, result.err
    assert result.out == "Kort nr. 2 »Gravidliste på tavlen« er flyttet til Prioritering.\n"
    prioritised = _query(
        empty_db_url, "SELECT number FROM card WHERE lane = 'prioritised' ORDER BY position"
    )
    assert prioritised[-1] == (2,)

    # A decision belongs to a move into Log only
    run(
        "card", "move", "--db", empty_db_url, BOARD, "3", "activities", "--decision", "adopt"
    ).assert_clean_failure()  # fmt: skip
    assert _card(empty_db_url, 3)[1] == "ideas"


_CARDS = (
    "SELECT number, lane, position, title, description, owner_id, deadline, archived, version"
    " FROM card ORDER BY number"
)
_CYCLES = (
    "SELECT card_id, number, step, act_decision, act_next_step, started_on, closed_on, version"
    " FROM cycle ORDER BY card_id, number"
)
_LOG = (
    "SELECT id, card_id, cycle_id, logged_on, what_tested, decision, learning, owner_id,"
    " archived, version FROM log_entry ORDER BY id"
)


def _everything(url: str) -> dict[str, list[tuple[Any, ...]]]:
    return {name: _query(url, sql) for name, sql in (("card", _CARDS), ("cycle", _CYCLES),
                                                     ("log", _LOG))}  # fmt: skip


def _drop_into_log_on_the_board(qtbot, url: str, learning: str) -> None:  # type: ignore[no-untyped-def]
    """A person drags Kort nr. 6 into Log and answers Tilpas with ``learning``."""
    from PySide6.QtWidgets import QPlainTextEdit
    from ui.helpers import button, card_point, click, drop_point, mouse_drag, to_source

    from board import i18n
    from board.domain.lanes import Lane
    from board.persistence.database import open_database
    from board.services import boards, cards
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    db = open_database(url)
    try:
        board_id = boards.find_board(db, BOARD).id
        card_id = cards.find_card(db, board_id, "6").id
        window = BoardWindow(db, board_id)
        qtbot.addWidget(window)
        window.resize(1600, 900)
        window.show()
        qtbot.waitExposed(window)
        source, target = window.board.lanes[Lane.ACTIVITIES], window.board.lanes[Lane.LOG]
        end = to_source(source, target, drop_point(target, 0, card_id))
        mouse_drag(source, card_point(source, card_id), end)
        sheet = window.sheet
        assert sheet is not None and sheet.objectName() == "log-prompt"
        click(button(sheet, "decision-adapt"))
        sheet.findChild(QPlainTextEdit, "learning").setPlainText(learning)
        click(button(sheet, "prompt-save"))
        assert window.sheet is None
        window.close()
    finally:
        db.close()


def test_card_move_with_a_decision_equals_the_boards_drop_with_that_answer(
    run: Run, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    by_cli, by_board = tmp_path / "cli.sqlite3", tmp_path / "board.sqlite3"
    _demo(run, f"sqlite:///{by_cli}")
    shutil.copy(by_cli, by_board)
    cli_url, board_url = f"sqlite:///{by_cli}", f"sqlite:///{by_board}"
    before = _everything(cli_url)

    result = run(
        "card", "move", "--db", cli_url, BOARD, "6", "log", "--decision", "adapt",
        "--learning", LEARNING,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out == f"Kort nr. 6 »{OPEN_CYCLE}« er flyttet til Log.\n"
    _drop_into_log_on_the_board(qtbot, board_url, LEARNING)

    after = _everything(cli_url)
    assert after == _everything(board_url)
    assert after != before
    # What the drop's answer wrote: the cycle closed as Tilpas, one log entry with the text
    [entry] = [row for row in after["log"] if row not in before["log"]]
    assert entry[5:7] == ("adapt", LEARNING)
    [cycle] = [row for row in after["cycle"] if row not in before["cycle"]]
    assert cycle[2:4] == ("closed", "adapt")


def test_a_decided_test_goes_back_into_log_without_a_question(run: Run, sqlite_url: str) -> None:
    """Kort nr. 11's learning cycle is closed and logged: the board asks nothing when it is
    dropped into Log again, and neither does the command line."""
    _demo(run, sqlite_url)
    assert run("card", "move", "--db", sqlite_url, BOARD, "11", "activities").code == 0
    entries = _query(sqlite_url, _LOG)
    line = run(
        "card", "move", "--db", sqlite_url, BOARD, "11", "log", "--decision", "adopt"
    ).assert_clean_failure()  # fmt: skip
    assert "allerede besluttet" in line
    assert _card(sqlite_url, 11)[1] == "activities"

    result = run("card", "move", "--db", sqlite_url, BOARD, "11", "log")
    assert result.code == 0, result.err
    assert _card(sqlite_url, 11)[1] == "log"
    assert _query(sqlite_url, _LOG) == entries  # no second entry for a decided test


def test_a_window_showing_the_board_sees_card_add_and_move_within_a_second(
    run: Run, qtbot, db: Database, db_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """`card add` and `card move` run in a terminal (a real process) while a window shows the
    board: within a second of the command's return the window shows the change, without a
    click (SQLite: its data_version; PostgreSQL: LISTEN/NOTIFY)."""
    from ui.helpers import screenshot

    from board import i18n
    from board.domain.lanes import Lane
    from board.services import boards, demo
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    demo.create_demo(db)
    board_id = boards.find_board(db, BOARD).id
    window = BoardWindow(db, board_id)
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    store, lanes = window.store, window.board.lanes

    def shown(lane: Lane) -> list[int]:  # the numbers of the cards the lane shows
        return [c.number for i in lanes[lane].card_ids() if (c := store.card(i)) is not None]

    added = run("card", "add", "--db", db_url, BOARD, "Kaffe til forældrene")
    assert added.code == 0, added.err
    number = int(added.out)
    qtbot.waitUntil(lambda: shown(Lane.IDEAS)[:1] == [number], timeout=1000)

    moved = run("card", "move", "--db", db_url, BOARD, str(number), "prioritisation")
    assert moved.code == 0, moved.err
    qtbot.waitUntil(lambda: shown(Lane.PRIORITISED)[-1:] == [number], timeout=1000)
    assert number not in shown(Lane.IDEAS)

    decided = run(
        "card", "move", "--db", db_url, BOARD, "6", "log", "--decision", "adapt",
        "--learning", LEARNING,
    )  # fmt: skip
    assert decided.code == 0, decided.err

    def logged() -> bool:
        card = next((c for c in store.lane_cards(Lane.LOG) if c.number == 6), None)
        entry = store.newest_entry(card.id) if card is not None else None
        return 6 in shown(Lane.LOG) and entry is not None and entry.learning == LEARNING

    qtbot.waitUntil(logged, timeout=1000)
    assert 6 not in shown(Lane.ACTIVITIES)
    screenshot(window, f"card-cli-live-{db.engine.dialect.name}")
