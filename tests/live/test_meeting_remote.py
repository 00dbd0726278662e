"""A meeting across screens (issue 12, item 3): the wall (A) leads a meeting, a laptop (B)
showing the same board follows it, and what is typed on the laptop appears on the wall.

Two windows on two ``Database`` objects on one SQLite file, and the same on a real
PostgreSQL server. The first change reaches the laptop through the windows' own live
updates; after that the test calls ``MeetingController.on_remote_change()`` itself, as
``BoardWindow._on_remote_change`` does, so each step is checked at a known moment. The
database is read back through a third, fresh connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from meeting_ui.helpers import ARTIFACTS, FakeClock, screenshot, tap
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from board import i18n
from board.persistence.database import Database, open_database
from board.services import boards, demo, meetings


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr("board.services.meetings.now", lambda: fake.now)
    return fake


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/shared.sqlite3"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def screens(url: str) -> Iterator[tuple[Database, Database, int]]:
    """The wall's and the laptop's own connections to one database with the demo board."""
    wall_db = open_database(url)
    demo.create_demo(wall_db)
    laptop_db = open_database(url)
    board = boards.first_board(laptop_db)
    assert board is not None
    yield wall_db, laptop_db, board.id
    laptop_db.close()
    wall_db.close()


def _window(qtbot, db: Database, board_id: int, clock: FakeClock, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    from board.ui.common.qt_app import ensure_app
    from board.ui.shell.board_window import BoardWindow

    ensure_app()
    settings = tmp_path / name / "settings.json"
    settings.parent.mkdir()
    settings.write_text(
        json.dumps({"minutes_folder": str(tmp_path / name / "referater")}), encoding="utf-8"
    )
    win = BoardWindow(db, board_id)
    qtbot.addWidget(win)
    assert win.meetings is not None
    win.meetings.clock.now = clock
    win.meetings.settings_path = settings
    win.meetings.sending.open_path = lambda _path: None  # no PDF viewer in a test
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    return win


def _front(qtbot, win, other) -> None:  # type: ignore[no-untyped-def]
    """The screen a person touches. Both windows share the test's one offscreen screen,
    where a touch goes to the window on top at its point: the other one steps aside."""
    other.hide()
    win.show()
    qtbot.waitExposed(win)


def _fresh(url: str, meeting_id: int):  # type: ignore[no-untyped-def]
    """The meeting as a third screen would read it."""
    db = open_database(url)
    try:
        return meetings.get_meeting(db, meeting_id)
    finally:
        db.close()


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]


def test_a_meeting_on_the_wall_is_followed_and_added_to_on_a_laptop(
    qtbot, screens, url: str, clock: FakeClock, tmp_path: Path
) -> None:
    i18n.set_language("da")
    wall_db, laptop_db, board_id = screens
    wall = _window(qtbot, wall_db, board_id, clock, tmp_path, "wall")
    laptop = _window(qtbot, laptop_db, board_id, clock, tmp_path, "laptop")
    a, b = wall.meetings, laptop.meetings
    assert not b.banner.isVisible()

    # The wall starts the meeting by touch; the laptop learns of it and shows the banner.
    _front(qtbot, wall, laptop)
    tap(wall.top, "meeting")
    tap(a.panel, "meeting-start")
    meeting = meetings.open_meeting(wall_db, board_id)
    assert meeting is not None
    stored = _fresh(url, meeting.id)
    assert stored.step_key == "attendance" and stored.led_by == a.token
    assert stored.step_started_at == clock.now
    # The laptop's live updates (BoardWindow._on_remote_change) bring it, without a click.
    qtbot.waitUntil(lambda: b.state.following, timeout=5000)
    _front(qtbot, laptop, wall)
    assert b.banner.isVisible()
    assert b.banner.title.text() == "●  Møde i gang på en anden skærm"
    assert b.banner.step.text() == "1 · Fremmøde"
    assert b.state.following and not b.panel_shown

    # The wall moves on; the laptop shows the step and the same timer, ticking locally.
    clock.advance(40)
    _front(qtbot, wall, laptop)
    tap(a.panel, "meeting-next")
    assert a.state.step_key == "activities"
    assert _fresh(url, meeting.id).step_key == "activities"
    clock.advance(65)
    b.on_remote_change()
    _front(qtbot, laptop, wall)
    qtbot.wait(300)  # a tick of the laptop's own clock
    assert b.banner.step.text() == "2 · Gennemgå prøvehandlinger  (1 af 5)"
    assert b.banner.time.text() == "6:55 af 8 min"  # 65 s into the step's own 8 minutes
    clock.advance(5)
    qtbot.wait(300)
    assert b.banner.time.text() == "6:50 af 8 min"
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot(laptop, "live-meeting-laptop-banner")

    # "Følg med": the band on the laptop, without Næste; an agreement typed there.
    tap(b.banner, "meeting-remote-follow")
    assert b.panel_shown and not b.banner.isVisible()
    assert not b.panel.next_button.isVisible() and b.panel.take_button.isVisible()
    screenshot(laptop, "live-meeting-laptop-following")
    assert "(1 af 5)" in b.panel.step_title.text()

    # The wall walks on to the next running test: the laptop talks about the same card.
    _front(qtbot, wall, laptop)
    tap(a.panel, "meeting-next")
    walked = a.view.walk_card
    assert "(2 af 5)" in a.panel.step_title.text()
    stored = _fresh(url, meeting.id)
    assert stored.walk_card_id == walked.id and stored.step_key == "activities"
    assert stored.step_started_at == clock.now - timedelta(seconds=70)  # the step's timer goes on
    _front(qtbot, laptop, wall)
    b.on_remote_change()
    assert "(2 af 5)" in b.panel.step_title.text() and b.view.walk_card.id == walked.id
    tap(b.panel, "new-agreement")
    laptop.sheet.what.setPlainText("Lene ringer til sundhedsplejen")
    tap(laptop.sheet, "agreement-save")
    [agreement] = _fresh(url, meeting.id).agreements
    assert agreement.what == "Lene ringer til sundhedsplejen"
    assert agreement.card_id == walked.id  # the test the wall is walking through
    _front(qtbot, wall, laptop)
    a.on_remote_change()
    qtbot.wait(60)
    assert "Lene ringer til sundhedsplejen" in _texts(a.panel)
    assert a.state.step_key == "activities" and not a.state.following  # the wall still leads

    # The laptop cannot end the meeting; the wall does, and the laptop's banner goes.
    b.end()
    assert _fresh(url, meeting.id).ended_at is None
    assert laptop.message.label.text() == (
        "Mødet afsluttes på den skærm, der styrer det."
        " Tryk »Overtag styringen«, hvis du vil afslutte det her."
    )
    while a.state.step_key != "close":
        tap(a.panel, "meeting-next")
    _front(qtbot, laptop, wall)
    b.on_remote_change()
    assert b.panel.step_title.text() == "4 · Afslut"
    _front(qtbot, wall, laptop)
    tap(a.panel, "meeting-end")
    qtbot.waitUntil(lambda: a.state.phase == "ended", timeout=20000)
    assert _fresh(url, meeting.id).ended_at is not None
    _front(qtbot, laptop, wall)
    b.on_remote_change()
    assert b.state.phase == "idle" and not b.state.following
    assert not b.banner.isVisible() and not b.panel_shown
    # Ended meetings are left alone by later changes (nothing to follow).
    b.on_remote_change()
    assert not b.banner.isVisible()
    a.close_minutes()


def test_the_wall_keeps_a_field_being_typed_and_catches_up_after(
    qtbot, screens, url: str, clock: FakeClock, tmp_path: Path
) -> None:
    """Never overwrite a focused field: the wall's next-meeting date being typed stays as
    typed while the laptop adds an agreement; the band shows it once the field is left."""
    i18n.set_language("da")
    wall_db, laptop_db, board_id = screens
    wall = _window(qtbot, wall_db, board_id, clock, tmp_path, "wall")
    laptop = _window(qtbot, laptop_db, board_id, clock, tmp_path, "laptop")
    a, b = wall.meetings, laptop.meetings
    _front(qtbot, wall, laptop)
    tap(wall.top, "meeting")
    tap(a.panel, "meeting-start")
    while a.state.step_key != "close":
        tap(a.panel, "meeting-next")
    b.on_remote_change()
    assert b.state.step_key == "close"
    wall.activateWindow()
    field = a.panel.next_date
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, "8.1.20")

    meeting = meetings.open_meeting(laptop_db, board_id)
    assert meeting is not None
    assert b.ops.add_agreement("Gitte sender referatet", None, None, None) is not None
    a.on_remote_change()
    assert a.panel.next_date is field and field.hasFocus() and field.text() == "8.1.20"
    assert "Gitte sender referatet" not in _texts(a.panel)

    a.panel.setFocus(Qt.FocusReason.MouseFocusReason)  # a finger elsewhere in the band
    qtbot.waitUntil(lambda: "Gitte sender referatet" in _texts(a.panel))
    assert [x.what for x in _fresh(url, meeting.id).agreements] == ["Gitte sender referatet"]


def test_one_screen_leads_and_the_lead_can_be_taken_over(
    qtbot, screens, url: str, clock: FakeClock, tmp_path: Path
) -> None:
    """Two screens never both move the steps: the laptop follows without Næste; a wall
    restarted mid-meeting follows too, until »Overtag styringen«; the screen that led before
    then follows and is told so."""
    i18n.set_language("da")
    wall_db, laptop_db, board_id = screens
    wall = _window(qtbot, wall_db, board_id, clock, tmp_path, "wall")
    laptop = _window(qtbot, laptop_db, board_id, clock, tmp_path, "laptop")
    a, b = wall.meetings, laptop.meetings
    _front(qtbot, wall, laptop)
    tap(wall.top, "meeting")
    tap(a.panel, "meeting-start")
    meeting = meetings.open_meeting(wall_db, board_id)
    assert meeting is not None
    clock.advance(30)
    tap(a.panel, "meeting-next")
    b.on_remote_change()
    b.next()  # not the laptop's to do (its band shows no Næste)
    assert b.state.step_key == "activities" and b.state.following
    assert _fresh(url, meeting.id).led_by == a.token

    # The wall's program is restarted mid-meeting: it follows the step where it was.
    wall.close()
    again = _window(qtbot, wall_db, board_id, clock, tmp_path, "wall-again")
    c = again.meetings
    _front(qtbot, again, laptop)
    assert c.state.following and c.state.step_key == "activities"
    assert c.banner.isVisible() and c.banner.step.text().startswith("2 · ")
    tap(c.banner, "meeting-remote-follow")
    assert not c.panel.next_button.isVisible()
    clock.advance(20)
    tap(c.panel, "meeting-take-over")
    stored = _fresh(url, meeting.id)
    assert stored.led_by == c.token and stored.step_key == "activities"
    assert stored.step_started_at == clock.now - timedelta(seconds=20)  # its timer goes on
    assert not c.state.following and c.panel.next_button.isVisible()
    tap(c.panel, "meeting-next")
    assert _fresh(url, meeting.id).walk_card_id == c.view.walk_card.id

    # The old wall window, were it still open, would now follow and be told so.
    a.on_remote_change()
    assert a.state.following
    assert wall.message.label.text() == "En anden skærm styrer nu mødet."
    b.on_remote_change()
    assert b.view.walk_card.id == c.view.walk_card.id


def test_notes_typed_on_the_laptop_appear_in_the_walls_notes(
    qtbot, screens, url: str, clock: FakeClock, tmp_path: Path
) -> None:
    """A teamsparring on the wall; the note-taker follows on a laptop and types the step's
    notes there (✎ Noter opens with »Følg med«); the wall's notes field shows them."""
    from meeting_ui.test_step_outputs import go_to, notes_field, start

    from board.ui.template.autosave import IDLE_MS

    i18n.set_language("da")
    wall_db, laptop_db, board_id = screens
    wall = _window(qtbot, wall_db, board_id, clock, tmp_path, "wall")
    laptop = _window(qtbot, laptop_db, board_id, clock, tmp_path, "laptop")
    a, b = wall.meetings, laptop.meetings
    _front(qtbot, wall, laptop)
    start(wall, "sparring")
    go_to(a, "question")
    assert notes_field(a).toPlainText() == ""

    _front(qtbot, laptop, wall)
    b.on_remote_change()
    assert b.state.step_key == "question"
    tap(b.banner, "meeting-remote-follow")
    field = notes_field(b)
    qtbot.keyClicks(field, "Mor vil gerne have en fast kontaktperson")
    qtbot.wait(IDLE_MS + 300)  # a pause in typing saves
    step = _fresh(url, a.ops.meeting_id).step("question")
    assert step is not None and step.notes == "Mor vil gerne have en fast kontaktperson"

    _front(qtbot, wall, laptop)
    a.on_remote_change()
    qtbot.wait(60)
    assert notes_field(a).toPlainText() == "Mor vil gerne have en fast kontaktperson"
