"""Earlier meetings with their minutes made again byte for byte, and this machine's mail
settings (the password in the keyring, or asked for when there is none)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea
from smtp_server import Inbox, free_port

from board.domain.lanes import Lane
from board.services import boards, cards, meetings, people

from .helpers import FakeClock, screenshot, tap, use_smtp, wait_for
from .test_sending import hold_meeting


def test_last_months_minutes_are_made_again_identical_after_the_board_changed(
    wall,
    qtbot,
    demo_db,
    board_id,
    clock: FakeClock,
    minutes_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm", "Hanne Krogh"], clock)
    c = wall.meetings
    original = {p.name: p.read_bytes() for p in minutes_dir.iterdir()}
    assert len(original) == 3  # the minutes, the photo, the invitation to the next meeting
    tap(c.panel, "meeting-close")

    # A month of work later: cards moved and added, a colleague renamed, another meeting.
    state = boards.load_board(demo_db, board_id)
    for card in state.lane(Lane.IDEAS):
        cards.move_card(demo_db, card.id, card.version, Lane.PRIORITISED, None)
    cards.add_card(demo_db, board_id, "Senere idé om barselsgangen")
    gitte = next(p for p in state.people if p.name == "Gitte Holm")
    people.edit_person(demo_db, gitte.id, gitte.version, name="Gitte Holm-Jensen")
    later = meetings.start_meeting(demo_db, board_id)
    meetings.end_meeting(demo_db, later.id)
    month_later = date.today() + timedelta(days=35)

    class NextMonth(date):
        @classmethod
        def today(cls) -> date:  # type: ignore[override]
            return month_later

    monkeypatch.setattr("board.ui.operations.board_store.date", NextMonth)
    wall.ops.reload()
    for path in minutes_dir.iterdir():
        path.unlink()

    # "Møde" → "Tidligere møder" → the first meeting → "Gem referat".
    tap(wall.top, "meeting")
    tap(c.panel, "meeting-ready-history")
    sheet = wall.sheet
    assert sheet.objectName() == "history-sheet"
    # the progress meeting held above (the demo's own held meetings are older)
    first = [m for m in meetings.list_meetings(demo_db, board_id) if m.kind == "progress"][-1]
    screenshot(wall, "meeting-wall-history")
    tap(sheet, f"meeting-{first.id}")
    wait_for(qtbot, lambda: sheet.files is not None)
    qtbot.wait(20)
    assert sheet.picture.pixmap() is not None and not sheet.picture.pixmap().isNull()
    present = sheet.findChildren(QLabel)
    assert any(w.text() == "Til stede: Gitte Holm, Hanne Krogh" for w in present)  # as then
    screenshot(wall, "meeting-wall-history-minutes")
    tap(sheet, "history-save")
    # Both written (an atomic write's temporary ".part" file is not the file yet).
    # (The meeting's clock has not moved, so its next meeting is still ahead: its invitation
    # is made again too.)
    wait_for(
        qtbot,
        lambda: sorted(p.suffix for p in minutes_dir.iterdir()) == [".ics", ".pdf", ".png"],
    )
    remade = {p.name: p.read_bytes() for p in minutes_dir.iterdir()}
    assert remade == original  # the same bytes, a month and many changes later
    # Said once the worker's "done" reaches the screen (the files may be there just before).
    wait_for(qtbot, lambda: "Referatet er gemt" in wall.message.text)

    tap(sheet, "history-send")
    assert sheet.send_view is not None and sheet.send_view.isVisible()
    assert [r.name for r in sheet.send_view.recipients] == [
        "Joan Berg",
        "Lene Vestergaard",
        "Mette Lund",
    ]


def test_mail_settings_keep_the_password_in_the_keyring(
    laptop, settings_file: Path, _no_keyring: dict[str, str]
) -> None:
    tap(laptop.top, "settings")
    sheet = laptop.sheet
    assert sheet.objectName() == "settings-sheet"
    sheet.host.setText("smtp.kommune.example")
    sheet.port.setText("465")
    tap(sheet, "security-ssl")
    sheet.user.setText("tavle")
    sheet.from_field.setText("tavlen@kommune.example")
    sheet.password.setText("hemmelig")
    screenshot(laptop, "meeting-laptop-settings")
    tap(sheet, "settings-save")
    assert laptop.sheet is None
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["smtp"] == {
        "host": "smtp.kommune.example",
        "port": 465,
        "security": "ssl",
        "user": "tavle",
        "sender": "tavlen@kommune.example",
    }
    assert "hemmelig" not in settings_file.read_text(encoding="utf-8")
    assert _no_keyring == {"tavle@smtp.kommune.example:465": "hemmelig"}
    assert laptop.message.text == "Indstillingerne er gemt."

    tap(laptop.top, "settings")
    laptop.sheet.port.setText("fem")
    tap(laptop.sheet, "settings-save")
    error = laptop.sheet.findChild(QLabel, "settings-error")
    assert error.isVisible() and "fem" in error.text()
    laptop.sheet.port.setText("587")
    laptop.sheet.from_field.setText("ikke en adresse")
    tap(laptop.sheet, "settings-save")
    assert "ikke en adresse" in error.text()
    assert json.loads(settings_file.read_text(encoding="utf-8"))["smtp"]["port"] == 465


def test_the_backups_retention_is_set_in_the_settings(laptop, settings_file: Path) -> None:
    tap(laptop.top, "settings")
    sheet = laptop.sheet
    field = sheet.findChild(QLineEdit, "retention-days")
    assert field.text() == "90"  # the default, before anything was chosen
    field.setText("30")
    sheet.findChild(QScrollArea).ensureWidgetVisible(field)  # below the keyboard choice
    screenshot(laptop, "settings-backup-retention")
    tap(sheet, "settings-save")
    assert laptop.sheet is None
    assert json.loads(settings_file.read_text(encoding="utf-8"))["backup_retention_days"] == 30

    tap(laptop.top, "settings")
    field = laptop.sheet.findChild(QLineEdit, "retention-days")
    assert field.text() == "30"
    field.setText("0")
    tap(laptop.sheet, "settings-save")
    error = laptop.sheet.findChild(QLabel, "settings-error")
    assert error.isVisible() and "»0«" in error.text()
    assert json.loads(settings_file.read_text(encoding="utf-8"))["backup_retention_days"] == 30


def _auth(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"hemmelig"
    return AuthResult(success=ok, handled=False)


def test_without_a_keyring_the_password_is_asked_for_when_sending(
    laptop,
    qtbot,
    demo_db,
    board_id,
    clock: FakeClock,
    settings_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("board.settings.set_password", lambda smtp, password: False)
    monkeypatch.setattr("board.settings.get_password", lambda smtp: None)
    handler = Inbox()
    port = free_port()
    server = Controller(
        handler, hostname="127.0.0.1", port=port, authenticator=_auth, auth_require_tls=False
    )
    server.start()
    try:
        use_smtp(settings_file, port, user="tavle")
        tap(laptop.top, "settings")
        laptop.sheet.password.setText("forkert")
        tap(laptop.sheet, "settings-save")
        assert "ingen nøglering" in laptop.message.text  # said calmly, and kept this session
        machine = laptop.meetings.machine
        assert machine.password(machine.load().smtp) == "forkert"
        machine.forget_password()  # the program was started again

        hold_meeting(laptop, qtbot, demo_db, board_id, ["Gitte Holm"], clock)
        view = laptop.meetings.send_view
        tap(view, "send-minutes-button")
        wait_for(
            qtbot,
            lambda: (
                view.findChild(QLineEdit, "send-password") is not None
                and view.findChild(QLineEdit, "send-password").isVisible()
            ),
        )
        assert handler.messages == []
        screenshot(laptop, "meeting-laptop-password")
        view.findChild(QLineEdit, "send-password").setText("hemmelig")
        tap(view, "send-with-password")
        wait_for(qtbot, lambda: view.done and view.results)
        assert all(r.ok for r in view.results)
        assert len(handler.messages) == 4
    finally:
        server.stop()
