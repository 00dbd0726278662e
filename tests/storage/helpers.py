"""Small helpers shared by the storage tests."""

from __future__ import annotations

import os
import pwd
import traceback
from collections.abc import Callable

from board.domain.entities import Card
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.i18n import catalog, language, set_language, tr
from board.persistence.database import Database
from board.services import boards


def lane_titles(db: Database, board_id: int, lane: Lane) -> list[str]:
    """The titles of a lane's active cards, top to bottom, as the board window shows them."""
    return [c.title for c in boards.load_board(db, board_id).lane(lane)]


def all_cards(db: Database, board_id: int) -> dict[int, Card]:
    return {c.id: c for c in boards.load_board(db, board_id).cards}


def assert_danish_message(exc: BoardError) -> str:
    """The error renders as a complete Danish sentence (not a key, no unfilled placeholders)."""
    assert language() == "da"
    assert exc.key in catalog("da"), f"{exc.key} has no Danish text"
    text = exc.message()
    assert text.strip()
    assert exc.key not in text
    assert "{" not in text and "}" not in text, text
    set_language("en")
    try:
        english = exc.message()
    finally:
        set_language("da")
    assert text != english, "the Danish message must not be the English one"
    field = exc.params.get("field")
    if isinstance(field, str) and field.startswith("field."):
        assert tr(field) in text, f"the message should name the field: {text}"
    return text


def as_another_user(check: Callable[[], None]) -> None:
    """Run ``check`` as the unprivileged user ``nobody`` when the tests run as root.

    Root reads and writes files whatever their mode, so a test of what an ordinary user meets
    (an unreadable file) runs its check in a forked child that has dropped root; the child
    reports a failure's traceback back. As an ordinary user the check simply runs here.
    """
    if os.geteuid() != 0:
        check()
        return
    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            check()
            status = 0
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as report:
        failure = report.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, f"as nobody:\n{failure}"
