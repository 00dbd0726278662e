"""After the meeting: the minutes to those absent by e-mail (a real SMTP server on 127.0.0.1),
the CPR check that stops them, a draft without a mail server, and the record of what went."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from smtp_server import Inbox

from board.services import boards, cards, meetings, people

from .helpers import FakeClock, screenshot, tap, use_smtp, wait_for


def _person(db, board_id: int, name: str):  # type: ignore[no-untyped-def]
    return next(p for p in boards.load_board(db, board_id).people if p.name == name)


def hold_meeting(win, qtbot, db, board_id: int, present: list[str], clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """Start, tap who is here, go to "Afslut", end it, and wait for the minutes."""
    c = win.meetings
    tap(win.top, "meeting")
    tap(c.panel, "meeting-start")
    for name in present:
        tap(c.panel, f"present-{_person(db, board_id, name).id}")
    c.go_to_step(3)
    clock.advance(12 * 60)
    tap(c.panel, "meeting-end")
    wait_for(qtbot, lambda: c.state.files is not None or c.state.privacy_hits)


DA_DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
DA_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def danish_day(clock: FakeClock) -> str:
    """The meeting's day as a Danish sentence says it: "tirsdag den 1. december"."""
    day = clock.now
    return f"{DA_DAYS[day.weekday()]} den {day.day}. {DA_MONTHS[day.month - 1]}"


def results(win) -> list[str]:  # type: ignore[no-untyped-def]
    view = win.meetings.send_view
    QApplication.processEvents()  # a page just rebuilt shows its rows at the next turn
    return [
        w.text()
        for w in view.findChildren(QLabel)
        if w.objectName().startswith("send-result-") and not w.isHidden()  # not the old page's
    ]


def test_one_tap_sends_the_minutes_to_each_absent_person_with_an_address(
    wall,
    qtbot,
    demo_db,
    board_id,
    clock: FakeClock,
    settings_file: Path,
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    use_smtp(settings_file, port)
    lene = _person(demo_db, board_id, "Lene Vestergaard")
    people.edit_person(demo_db, lene.id, lene.version, email=Inbox.refused)  # one will fail
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm", "Hanne Krogh"], clock)
    c = wall.meetings
    view = c.send_view
    assert view is not None
    assert [r.email for r in view.recipients] == [
        "joan.berg@kommune.example",
        Inbox.refused,
        "mette.lund@kommune.example",
    ]
    assert [p.name for p in view.without] == ["Susanne Dahl"]  # no address: not sent to

    # Sending runs on a worker: the wall keeps drawing (its clock ticks) while it waits.
    handler.delay = 0.3
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    tap(c.panel, "send-minutes-button")
    assert view.sending
    wait_for(qtbot, lambda: view.done)
    timer.stop()
    assert len(ticks) >= 20  # about a second of sending, and the event loop never stopped

    assert results(wall) == [
        "✓  Sendt til Joan Berg (joan.berg@kommune.example)",
        f"✗  Ikke sendt til Lene Vestergaard ({Inbox.refused}): mailserveren afviste adressen"
        " – tjek mailadressen",
        "✓  Sendt til Mette Lund (mette.lund@kommune.example)",
    ]
    assert view.status.text() == "Sendt til 2 af 3."
    assert [rcpt for rcpt, _ in handler.messages] == [
        ["joan.berg@kommune.example"],
        ["mette.lund@kommune.example"],
    ]
    _, message = handler.messages[1]
    assert message["From"] == "tavlen@kommune.example"
    assert "Spædbarnsindsatsen" in message["Subject"] and "Referat" in message["Subject"]
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Hej Mette Lund\n")  # each person greeted by name, in their own mail
    assert (
        f"Du kunne ikke deltage i fremdriftsmødet om Spædbarnsindsatsen {danish_day(clock)}."
        " Her er referatet (PDF) og et billede af tavlen." in text
    )
    assert "som du ikke" not in text
    attached = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    files = c.state.files
    assert attached == {
        files.pdf_path.name: files.pdf_path.read_bytes(),  # byte for byte as saved
        files.png_path.name: files.png_path.read_bytes(),
        files.ics_path.name: files.ics_path.read_bytes().decode("utf-8"),  # the next meeting
    }
    screenshot(wall, "meeting-wall-sent")

    # What was sent to whom and when is kept, without the contents.
    meeting = meetings.list_meetings(demo_db, board_id)[0]
    sent = meetings.dispatches(demo_db, meeting.id)
    assert [(d.recipient, d.ok) for d in sent] == [
        ("joan.berg@kommune.example", True),
        (Inbox.refused, False),
        ("mette.lund@kommune.example", True),
    ]
    assert sent[1].detail == "mailserveren afviste adressen – tjek mailadressen"

    # Trying again goes only to those it failed for.
    people.edit_person(demo_db, lene.id, lene.version + 1, email="lene@kommune.example")
    view.rebuild()
    handler.delay = 0
    tap(c.panel, "send-retry")
    wait_for(qtbot, lambda: view.done)
    assert [rcpt for rcpt, _ in handler.messages][-1] == ["lene@kommune.example"]
    assert view.status.text() == "Sendt til 3 af 3."


def test_an_absent_person_gets_an_address_on_the_spot(
    wall,
    qtbot,
    demo_db,
    board_id,
    clock: FakeClock,
    settings_file: Path,
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    use_smtp(settings_file, port)
    hold_meeting(
        wall,
        qtbot,
        demo_db,
        board_id,
        ["Gitte Holm", "Hanne Krogh", "Joan Berg", "Lene Vestergaard", "Mette Lund"],
        clock,
    )
    view = wall.meetings.send_view
    susanne = _person(demo_db, board_id, "Susanne Dahl")
    assert view.recipients == []
    view.findChild(QLineEdit, f"email-{susanne.id}").setText("susanne@kommune.example")
    tap(view, f"save-email-{susanne.id}")
    assert _person(demo_db, board_id, "Susanne Dahl").email == "susanne@kommune.example"
    assert [r.name for r in view.recipients] == ["Susanne Dahl"]
    tap(view, "send-minutes-button")
    wait_for(qtbot, lambda: view.done)
    assert [rcpt for rcpt, _ in handler.messages] == [["susanne@kommune.example"]]


def test_a_cpr_number_stops_the_end_and_the_sending_until_confirmed(
    wall,
    qtbot,
    demo_db,
    board_id,
    clock: FakeClock,
    settings_file: Path,
    inbox: tuple[Inbox, int],
) -> None:
    handler, port = inbox
    use_smtp(settings_file, port)
    card = boards.load_board(demo_db, board_id).cards[0]
    cards.edit_card(
        demo_db, card.id, card.version, description="Ring til mor (cpr 010203-1234) om besøget"
    )
    wall.ops.reload()
    c = wall.meetings
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm"], clock)

    # At the end, while it can still be fixed on the board: where it is, masked.
    assert c.state.phase == "running" and c.state.files is None
    hit = c.panel.findChild(QLabel, "privacy-hit-0")
    assert hit is not None and hit.isVisible()
    assert hit.text() == f"Kort nr. {card.number} (Idéer):  010203\u2011****"
    assert "1234" not in hit.text()
    screenshot(wall, "meeting-wall-cpr-at-end")
    tap(c.panel, "privacy-fix")
    assert c.state.phase == "running" and not c.state.privacy_hits
    tap(c.panel, "meeting-end")
    assert c.state.privacy_hits
    confirm = c.panel.findChild(type(c.panel.next_button), "privacy-confirm")
    assert not confirm.isEnabled()  # sending anyway takes a deliberate second tap
    tap(c.panel, "privacy-checked")
    tap(c.panel, "privacy-confirm")
    wait_for(qtbot, lambda: c.state.files is not None)

    # Before anything leaves the machine: stopped again, nothing sent.
    view = c.send_view
    tap(c.panel, "send-minutes-button")
    assert not view.sending and handler.messages == []
    assert view.findChild(QLabel, "privacy-hit-0").text().endswith("010203\u2011****")
    screenshot(wall, "meeting-wall-cpr-at-send")
    tap(view, "privacy-fix")
    assert "ikke sendt" in wall.message.text
    assert handler.messages == []
    tap(view, "send-minutes-button")
    tap(view, "privacy-checked")
    tap(view, "privacy-confirm")
    wait_for(qtbot, lambda: view.done)
    assert len(handler.messages) == 4  # Hanne, Joan, Lene, Mette; Susanne has no address


def test_without_a_mail_server_the_minutes_and_a_draft_go_to_a_chosen_folder(
    laptop, qtbot, demo_db, board_id, clock: FakeClock, tmp_path: Path
) -> None:
    """On a laptop the system's folder dialog asks (on the wall: test_save_places)."""
    wall = laptop
    hold_meeting(wall, qtbot, demo_db, board_id, ["Gitte Holm", "Hanne Krogh"], clock)
    c = wall.meetings
    chosen = tmp_path / "Skrivebord"
    chosen.mkdir()
    asked: list[Path] = []
    # The folder dialog's answer:
    c.sending.choose_folder = lambda start: asked.append(start) or chosen
    view = c.send_view
    tap(c.panel, "send-minutes-button")  # "Gem referat og mailkladder"
    wait_for(qtbot, lambda: bool(view.draft_paths))
    assert asked == [c.state.files.pdf_path.parent]
    files = c.state.files
    drafts = view.draft_paths
    assert sorted(p.name for p in chosen.iterdir()) == sorted(
        [files.pdf_path.name, files.png_path.name, files.ics_path.name, *(p.name for p in drafts)]
    )
    assert (chosen / files.pdf_path.name).read_bytes() == files.pdf
    # One draft per absent person with an address, each greeting that person by name.
    expected = {
        "Joan Berg": "joan.berg@kommune.example",
        "Lene Vestergaard": "lene.vestergaard@kommune.example",
        "Mette Lund": "mette.lund@kommune.example",
    }
    assert len(drafts) == len(expected)
    for path, (name, address) in zip(drafts, expected.items(), strict=True):
        assert path.name.endswith(f" - {name}.eml")
        draft = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert draft["X-Unsent"] == "1"
        assert draft["From"] is None  # the mail program fills in the user's own address
        assert draft["To"] == f"{name} <{address}>"
        text = draft.get_body(("plain",)).get_content().replace("\r\n", "\n")
        assert text.startswith(f"Hej {name}\n")
        intro = f"Du kunne ikke deltage i fremdriftsmødet om Spædbarnsindsatsen {danish_day(clock)}"
        assert intro in text
        assert "Hej alle" not in text and "som du ikke" not in text
        attached = {a.get_filename(): a.get_content() for a in draft.iter_attachments()}
        assert attached == {
            files.pdf_path.name: files.pdf,
            files.png_path.name: files.png,
            files.ics_path.name: files.ics.decode("utf-8"),
        }
    screenshot(wall, "meeting-wall-draft")
    tap(view, "open-draft-1")
    assert wall.opened == [drafts[1]]  # opens in the user's mail program
