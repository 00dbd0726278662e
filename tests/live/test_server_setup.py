"""⚙ »Del tavlen via en server«, filled in by touch against the tests' real PostgreSQL server:
a user with a password (scram-sha-256), the connection test's calm answers, saving (the
password in the keyring only), moving the board now, and a restart that opens the server."""

from __future__ import annotations

import json
import logging
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from meeting_ui.helpers import screenshot, tap, wait_for
from pg_server import PostgresServer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from board import i18n, logs
from board.app import configured_url
from board.persistence.database import Database, open_database
from board.services import boards, demo
from board.settings import KEYRING_SERVICE

PASSWORD = "Hemmelig:kode/42@tavle"  # a colon, a slash and an @: the URL must quote them
DEMO = "Spædbarnsindsatsen"


class MemoryKeyring(KeyringBackend):
    """A keyring in memory: the real keyring API, never this machine's own keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.stored.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def server(pg_server: PostgresServer, pg_url: str) -> dict[str, str]:
    """An empty database owned by a new user who logs in with a password (as IT sets it up)."""
    user = f"tavle_{uuid.uuid4().hex[:8]}"
    database = make_url(pg_url).database
    assert database is not None
    hba = pg_server.data / "pg_hba.conf"
    # First match wins: this user must give the password; everyone else stays on trust.
    hba.write_text(
        f"host all {user} 127.0.0.1/32 scram-sha-256\n" + hba.read_text(), encoding="utf-8"
    )
    with pg_server.admin() as conn:
        conn.execute(f"CREATE ROLE {user} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {user}')
        conn.execute("SELECT pg_reload_conf()")
    return {
        "host": "127.0.0.1",
        "port": str(pg_server.port),
        "database": database,
        "user": user,
        "url": pg_url,
    }


@pytest.fixture
def local_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{tmp_path}/local.sqlite3")
    demo.create_demo(db)
    yield db
    db.close()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def window(qtbot, local_db: Database, settings_file: Path):  # type: ignore[no-untyped-def]
    from board.ui.shell.board_window import BoardWindow

    i18n.set_language("da")
    first = boards.first_board(local_db)
    assert first is not None
    win = BoardWindow(local_db, first.id)
    qtbot.addWidget(win)
    assert win.meetings is not None
    win.meetings.settings_path = settings_file
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_server_sheet(win):  # type: ignore[no-untyped-def]
    tap(win.top, "settings")
    tap(win.sheet, "open-server")
    sheet = win.sheet
    assert sheet.objectName() == "server-sheet"
    return sheet


def type_into(edit: QWidget, value: str) -> None:
    edit.setFocus()
    edit.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(edit, value)


def fill(sheet, server: dict[str, str], password: str, tls: str = "disable") -> None:  # type: ignore[no-untyped-def]
    tap(sheet, "server-server")
    type_into(sheet.host, server["host"])
    type_into(sheet.port, server["port"])
    type_into(sheet.database, server["database"])
    type_into(sheet.user, server["user"])
    type_into(sheet.password, password)
    tap(sheet, f"server-tls-{tls}")


def connection_test(qtbot, sheet) -> str:  # type: ignore[no-untyped-def]
    """Press »Test forbindelsen«: the window answers at once, the test runs behind it."""
    tap(sheet, "server-test")
    wait_for(qtbot, lambda: sheet.test_button.isEnabled())
    return str(sheet.findChild(QLabel, "server-result").text())


@pytest.mark.usefixtures("memory_keyring")
def test_the_connection_test_says_calmly_what_is_wrong(
    qtbot, window, server: dict[str, str], settings_file: Path
) -> None:
    sheet = open_server_sheet(window)
    fill(sheet, server, "forkert")
    said = connection_test(qtbot, sheet)
    assert said.startswith("Serveren afviste brugernavnet eller adgangskoden")
    assert "forkert" not in said and "Traceback" not in said

    type_into(sheet.password, PASSWORD)
    assert connection_test(qtbot, sheet).startswith("Forbindelsen virker. Databasen er tom")
    qtbot.wait(50)  # laid out, as a person sees it
    screenshot(window, "server-setup-tested")

    tap(sheet, "server-tls-require")  # the tests' server has no TLS
    assert connection_test(qtbot, sheet).startswith(
        "Serveren tilbyder ikke en krypteret forbindelse"
    )
    tap(sheet, "server-tls-disable")
    type_into(sheet.database, "findes_ikke")
    assert connection_test(qtbot, sheet).startswith("Databasen findes ikke på serveren")
    type_into(sheet.database, server["database"])
    type_into(sheet.port, "1")
    assert connection_test(qtbot, sheet).startswith("Serveren svarer ikke")
    assert not settings_file.exists()  # a test saves nothing


@pytest.mark.usefixtures("memory_keyring")
def test_the_window_answers_while_the_server_does_not(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A server that takes the call and says nothing: the test waits behind the window."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # the handshake completes in the kernel; nobody ever answers
    try:
        sheet = open_server_sheet(window)
        port = str(silent.getsockname()[1])
        fill(sheet, {"host": "127.0.0.1", "port": port, "database": "t", "user": "u"}, "x")
        tap(sheet, "server-test")
        qtbot.wait(1500)
        result = sheet.findChild(QLabel, "server-result")
        assert result.text() == "Prøver at forbinde …"
        assert not sheet.test_button.isEnabled()  # one test at a time
        type_into(sheet.database, "tavle")  # typing goes on meanwhile
        assert sheet.database.text() == "tavle"
    finally:
        silent.close()
    wait_for(qtbot, lambda: sheet.test_button.isEnabled(), timeout=30)
    assert "Traceback" not in result.text() and result.text() != "Prøver at forbinde …"


@pytest.mark.usefixtures("memory_keyring")
def test_no_encryption_only_for_a_server_on_this_computer(window, settings_file: Path) -> None:
    sheet = open_server_sheet(window)
    fill(sheet, {"host": "tavle.kommune.dk", "port": "5432", "database": "t", "user": "u"}, "x")
    tap(sheet, "server-save")
    error = sheet.findChild(QLabel, "server-error")
    assert error.isVisible() and error.text().startswith("Uden kryptering")
    assert not settings_file.exists()


def test_saved_the_board_moves_to_the_server_and_a_restart_opens_it_there(
    qtbot,
    window,
    server: dict[str, str],
    settings_file: Path,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every log line of the program, as a log file would
    sheet = open_server_sheet(window)
    fill(sheet, server, PASSWORD)
    tap(sheet, "server-save")
    question = sheet.findChild(QLabel, "server-question")
    assert question.text().startswith("Gemt. Næste gang programmet starter, åbner det tavlerne")
    assert sheet.copy.isVisible() and sheet.copy.isChecked()
    screenshot(window, "server-setup-saved")

    saved = settings_file.read_bytes()
    assert PASSWORD.encode() not in saved
    assert json.loads(saved)["server"] == {
        "active": True,
        "host": "127.0.0.1",
        "port": int(server["port"]),
        "database": server["database"],
        "user": server["user"],
        "sslmode": "disable",
    }
    account = f"postgresql:{server['user']}@127.0.0.1:{server['port']}/{server['database']}"
    assert memory_keyring.stored == {(KEYRING_SERVICE, account): PASSWORD}

    tap(sheet, "server-switch")
    wait_for(qtbot, lambda: window.successor is not None, timeout=60)
    moved = window.successor
    qtbot.addWidget(moved)
    assert not window.isVisible() and moved.isVisible()
    assert moved.store.board.name == DEMO
    assert PASSWORD not in moved.windowTitle()
    cards_here = len([c for c in boards.load_board(window.ops.db, window.ops.board_id).cards])
    engine = create_engine(server["url"])  # a fresh connection, as the IT department's
    try:
        with engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM board")).scalars().all()
            cards = conn.execute(text("SELECT count(*) FROM card")).scalar_one()
    finally:
        engine.dispose()
    assert names == [DEMO] and cards == cards_here

    # A restart: the window opens from this machine's settings and the keyring.
    url = configured_url(settings_file)
    assert url is not None
    again = open_database(url)
    try:
        from board.ui.shell.board_window import BoardWindow

        first = boards.first_board(again)
        assert first is not None
        restarted = BoardWindow(again, first.id)
        qtbot.addWidget(restarted)
        qtbot.wait(50)  # its goals' sparklines are read at the next turn: before it closes
        assert restarted.store.board.name == DEMO
        assert again.engine.url.host == "127.0.0.1"
    finally:
        again.close()
        moved.ops.db.close()
    assert caplog.records and PASSWORD not in caplog.text
    log = logs.log_file()
    assert not log.exists() or PASSWORD.encode() not in log.read_bytes()
    assert PASSWORD.encode() not in settings_file.read_bytes()


@pytest.mark.usefixtures("memory_keyring")
def test_the_way_back_to_this_computer_only(
    qtbot, window, settings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file.parent.mkdir()
    server = {"active": True, "host": "127.0.0.1", "port": 5432, "database": "t", "user": "u",
              "sslmode": "disable"}  # fmt: skip
    settings_file.write_text(json.dumps({"server": server}), encoding="utf-8")
    assert configured_url(settings_file) is not None
    back_here = tmp_path / "here.sqlite3"  # this machine's own file, for this test
    monkeypatch.setattr("board.ui.meeting.server_sheet.local_url", lambda: f"sqlite:///{back_here}")
    sheet = open_server_sheet(window)
    assert sheet.host.text() == "127.0.0.1" and sheet.form.isVisible()
    tap(sheet, "server-local")
    assert not sheet.form.isVisible()
    tap(sheet, "server-save")
    assert configured_url(settings_file) is None
    kept = json.loads(settings_file.read_text(encoding="utf-8"))["server"]
    assert kept == {**server, "active": False}  # filled in still, for the way there again
    assert not sheet.copy.isVisible()
    tap(sheet, "server-switch")
    wait_for(qtbot, lambda: window.successor is not None, timeout=60)
    moved = window.successor
    qtbot.addWidget(moved)
    try:
        assert moved.ops.db.sqlite_path == back_here
        assert moved.store.board.name == DEMO  # a new file starts with the demo, as at start
    finally:
        moved.ops.db.close()


@pytest.mark.usefixtures("memory_keyring")
def test_saving_the_mail_settings_keeps_the_server(window, settings_file: Path) -> None:
    settings_file.parent.mkdir()
    server = {"active": True, "host": "db.kommune.dk", "port": 5433, "database": "tavle",
              "user": "anne", "sslmode": "verify-full"}  # fmt: skip
    settings_file.write_text(json.dumps({"server": server}), encoding="utf-8")
    tap(window.top, "settings")
    sheet = window.sheet
    assert sheet.objectName() == "settings-sheet"
    type_into(sheet.host, "smtp.kommune.dk")
    type_into(sheet.from_field, "tavlen@kommune.dk")
    tap(sheet, "settings-save")
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["smtp"]["host"] == "smtp.kommune.dk"
    assert saved["server"] == server
