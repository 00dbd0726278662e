"""A display screen: a database user that may only SELECT gives a read-only board.

On the session's real PostgreSQL server: the board is made by its owner, then a role with
nothing but ``GRANT SELECT ON ALL TABLES`` opens it, as the README tells IT to set it up.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pg_server import SUPERUSER, PostgresServer
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from sqlalchemy.engine import make_url
from template_ui.helpers import child, open_by_tap, tap, text_of, type_text
from ui.helpers import (
    Seed,
    card_point,
    drop_point,
    lane_ids,
    mouse_drag,
    screenshot,
    seed_board,
    state,
)

from board import i18n
from board.domain.errors import StorageError
from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import boards, cards

pytestmark = pytest.mark.postgres

_viewers = itertools.count(1)


def read_only_url(server: PostgresServer, url: str) -> str:
    """A new login role with SELECT on every table of ``url``'s database, and nothing more."""
    database = make_url(url).database
    role = f"viewer_{database}_{next(_viewers)}"
    with server.admin() as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=SUPERUSER, dbname=database, autocommit=True
    ) as conn:
        conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    return f"postgresql+psycopg://{role}@127.0.0.1:{server.port}/{database}"


@pytest.fixture
def owner(postgres_head_url: str) -> Iterator[Database]:
    db = open_database(postgres_head_url)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def seed(owner: Database) -> Seed:
    return seed_board(owner)


@pytest.fixture
def viewer_url(pg_server: PostgresServer, postgres_head_url: str, seed: Seed) -> str:
    return read_only_url(pg_server, postgres_head_url)


@pytest.fixture
def viewer(viewer_url: str) -> Iterator[Database]:
    db = open_database(viewer_url)
    try:
        yield db
    finally:
        db.close()


def test_a_select_only_role_opens_the_board_and_is_told_it_may_only_look(
    viewer: Database, owner: Database, seed: Seed
) -> None:
    i18n.set_language("da")
    assert viewer.read_only and not owner.read_only
    assert [s.board.name for s in boards.list_boards(viewer)] == ["Testtavle"]
    with pytest.raises(StorageError) as refused:
        cards.add_card(viewer, seed.board_id, "Ny idé fra væggen")
    # Said as what it is — not "the database cannot be opened or read".
    assert refused.value.key == "live.readonly.refused"
    assert "kun se" in refused.value.message()
    assert [c.title for c in boards.load_board(owner, seed.board_id).lane(Lane.IDEAS)] == [
        "Gravidliste på tavlen", "Feedback på barselgangen", "Bedre interview",
    ]  # fmt: skip


def test_a_select_only_role_cannot_upgrade_an_older_database(
    pg_server: PostgresServer, pg_url: str
) -> None:
    """An older schema must be upgraded, which needs a user that may write: said so."""
    from board.persistence import migrations

    engine_url = pg_url
    from sqlalchemy import create_engine

    engine = create_engine(engine_url)
    migrations.upgrade(engine, "0004_meeting_steps")
    engine.dispose()
    url = read_only_url(pg_server, pg_url)
    i18n.set_language("da")
    with pytest.raises(StorageError) as refused:
        open_database(url)
    assert refused.value.key == "live.readonly.cannot_upgrade"
    assert "må kun læse" in refused.value.message()
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=SUPERUSER,
        dbname=make_url(pg_url).database,
    ) as conn:  # fmt: skip
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0004_meeting_steps",
        )


@pytest.fixture
def window(qtbot, viewer: Database, seed: Seed):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    ensure_app()
    win = BoardWindow(viewer, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_window_says_view_only_and_offers_no_edits(
    qtbot, window, owner: Database, seed: Seed, postgres_head_url: str
) -> None:  # type: ignore[no-untyped-def]
    screenshot(window, "live-read-only-board")
    assert window.status.isVisible()
    assert window.status.text == "Kun visning – du kan se tavlen, men ikke ændre den."
    top = window.top
    for hidden in (top.undo_button, top.redo_button, top.meeting_button, top.archive_button):
        assert not hidden.isVisible()
    # The board list opens boards; it offers no new one (nor the learning points' sheet).
    QTest.mouseClick(top.board_button, Qt.MouseButton.LeftButton)
    assert window.sheet is not None and window.sheet.objectName() == "boards-sheet"
    assert window.sheet.findChild(QWidget, "new-board-name") is None
    assert window.sheet.findChild(QWidget, "boards-learning-points") is None
    window.close_sheet()
    ideas = window.board.lanes[Lane.IDEAS]
    assert ideas.add_button is not None and not ideas.add_button.isVisible()
    # Ctrl+N (a new idea) opens no field to type in.
    ideas.setFocus()
    QTest.keyClick(ideas, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert ideas.editing is None

    # A drag from Idéer to Prioritering: the card stays, nothing is refused with an error.
    before = state(owner, seed.board_id, postgres_head_url)
    card = seed.lanes[Lane.IDEAS][0]
    target = window.board.lanes[Lane.PRIORITISED]
    start = card_point(ideas, card)
    end = ideas.mapFrom(window, target.mapTo(window, drop_point(target, 0, card)))
    mouse_drag(ideas, start, end)
    QApplication.processEvents()
    assert window.store.card(card).lane is Lane.IDEAS
    assert window.message.text == ""
    after = state(owner, seed.board_id, postgres_head_url)
    assert lane_ids(after, Lane.IDEAS) == lane_ids(before, Lane.IDEAS)
    assert lane_ids(after, Lane.PRIORITISED) == lane_ids(before, Lane.PRIORITISED)
    # Keys that would move, rename or archive do nothing either.
    window.board.select(card)
    ideas.setFocus()
    for key, mods in (
        (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
    ):
        QTest.keyClick(ideas, key, mods)
    assert ideas.editing is None and window.sheet is None
    assert lane_ids(state(owner, seed.board_id, postgres_head_url), Lane.IDEAS) == lane_ids(
        before, Lane.IDEAS
    )
    assert window.message.text == ""


def test_a_card_opens_read_only(
    qtbot, window, owner: Database, seed: Seed, postgres_head_url: str
) -> None:  # type: ignore[no-untyped-def]
    card = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card)
    QApplication.processEvents()
    title = child(page, "title-field")
    tap(title)
    type_text("Ændret på væggen")
    QTest.keyClick(title, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert text_of(title) == "Forberedende møde"
    for name in ("template-move", "template-archive"):
        assert not child(page, name).isVisible(), name
    assert child(page, "template-print").isVisible()
    # What is still in sight (the owner, the learning cycle's rung …) is deaf: no sheet
    # opens, nothing changes, no error is said.
    before = boards.load_board(owner, seed.board_id)
    shown = [
        b for b in page.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName() not in ("template-back", "template-print")
        and not b.objectName().startswith(("step-", "cycle-"))
    ]  # fmt: skip
    for button in shown:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        QApplication.processEvents()
    screenshot(window, "live-read-only-template")
    assert shown, "the page shows the owner and the cycle"
    assert window.message.text == "" and page._sheet is None
    stored = boards.load_board(owner, seed.board_id)
    assert stored == before
    assert page.close_page()


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in a process of its own, with its own data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"), LANG="C.UTF-8",
        LC_ALL="", LC_MESSAGES="", QT_QPA_PLATFORM="offscreen",
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "board", *args], capture_output=True, text=True,
        encoding="utf-8", env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip


def test_boards_and_photo_work_with_a_read_only_role(viewer_url: str, tmp_path: Path) -> None:
    listed = _cli(tmp_path, "--db", viewer_url, "boards")
    assert listed.returncode == 0, listed.stderr
    assert "Testtavle" in listed.stdout
    picture = tmp_path / "tavle.png"
    photo = _cli(tmp_path, "--db", viewer_url, "photo", "Testtavle", str(picture))
    assert photo.returncode == 0, photo.stderr
    assert QImage(str(picture)).size().toTuple() == (1920, 1080)
    # A command that writes says why it cannot, in one line, without a traceback.
    demo = _cli(tmp_path, "--db", viewer_url, "demo")
    assert demo.returncode == 2 and "Traceback" not in demo.stderr
    assert "kun se denne tavle" in demo.stderr


def test_a_display_screen_still_follows_the_board_live(
    qtbot, window, owner: Database, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    cards.add_card(owner, seed.board_id, "Skrevet på en bærbar")
    qtbot.waitUntil(
        lambda: "Skrevet på en bærbar" in [c.title for c in window.store.lane_cards(Lane.IDEAS)],
        timeout=3000,
    )
    assert window.message.text == ""


def test_a_role_that_cannot_read_every_table_is_told_at_the_door(
    pg_server: PostgresServer, postgres_head_url: str, viewer_url: str
) -> None:
    """A grant made before an upgrade added a table: refused once, in words, not with a
    "you can only view" message at every read."""
    role = make_url(viewer_url).username
    with psycopg.connect(
        host="127.0.0.1", port=pg_server.port, user=SUPERUSER,
        dbname=make_url(postgres_head_url).database, autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'REVOKE SELECT ON learning_point FROM "{role}"')
    i18n.set_language("da")
    with pytest.raises(StorageError) as refused:
        open_database(viewer_url)
    assert refused.value.key == "live.readonly.no_select"
    assert "læseadgang til alle tabeller" in refused.value.message()


def test_a_laptop_window_beside_a_display_screen_stays_editable(
    qtbot, window, owner: Database, seed: Seed
) -> None:  # type: ignore[no-untyped-def]
    """Both in one process (as in a test session): only the read-only window's pages are."""
    from board.ui.shell.board_window import BoardWindow

    laptop = BoardWindow(owner, seed.board_id)
    qtbot.addWidget(laptop)
    laptop.resize(1600, 900)
    laptop.show()
    qtbot.waitExposed(laptop)
    card = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(laptop, card)
    QApplication.processEvents()
    assert child(page, "template-move").isVisible()
    tap(page.description.widget)
    type_text("Skrevet på den bærbare")
    QTest.keyClick(page.description.widget, Qt.Key.Key_Tab)
    QApplication.processEvents()
    stored = boards.load_board(owner, seed.board_id)
    assert next(c for c in stored.cards if c.id == card).description == "Skrevet på den bærbare"
    assert page.close_page()
