"""»Erstat med [slettet]« in Find persondata (issue 13), by touch: the chosen hits, a
confirmation that says it cannot be undone and that e-mailed minutes are out of reach, the
text gone from the database and the board, and »Hvad er slettet« listing it (never the text)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.services import cards, meetings, privacy

from .helpers import Seed, button, screenshot
from .test_find_personal_data import open_find, places, settings_file  # noqa: F401
from .test_onscreen_keyboard import settle, tap, tap_keys


def test_redact_chosen_hits_by_touch_after_a_confirmation(  # type: ignore[no-untyped-def]
    qtbot,
    window,
    ui_db,
    ui_url,
    seed: Seed,
    settings_file,  # noqa: F811
) -> None:
    window.resize(1920, 1080)
    card_id = seed.lanes[Lane.IDEAS][0]
    card = cards.get_card(ui_db, card_id)
    cards.edit_card(ui_db, card_id, card.version, description="Besøg hos Anna Ørum i uge 45")
    meeting = meetings.start_meeting(ui_db, seed.board_id)
    meetings.add_agreement(ui_db, meeting.id, "Ring til ANNA ØRUM fredag")
    meetings.end_meeting(ui_db, meeting.id)
    meetings.record_dispatch(ui_db, meeting.id, "leder@kommune.dk", True, "sendt")
    window.ops.reload()
    # A backup the opener made before an upgrade, holding the name (and one that does not)
    path = Path(window.ops.db.sqlite_path or "")
    holding = path.with_name(f"{path.stem}.backup-0006_meeting_live-20261130{path.suffix}")
    holding.write_bytes(b"SQLite format 3\0... Anna \xc3\x98rum ...")
    other = path.with_name(f"{path.stem}.backup-0005_measurements-20261101{path.suffix}")
    other.write_bytes(b"SQLite format 3\0... nothing of hers ...")

    sheet = open_find(qtbot, window)
    field = sheet.findChild(QLineEdit, "privacy-find-text")
    tap(field)
    settle(qtbot)
    tap_keys(window, "ø", "r", "u", "m", "enter")
    qtbot.waitUntil(lambda: len(places(sheet)) > 0)
    found = len(places(sheet))
    redact = sheet.findChild(QPushButton, "privacy-erase-redact")
    assert redact.isVisible() and not redact.isEnabled()  # nothing chosen: nothing to redact
    tap(button(sheet, "privacy-find-all"))
    tap(button(sheet, "privacy-erase-redact"))
    question = sheet.findChild(QLabel, "privacy-erase-question")
    reach = sheet.findChild(QLabel, "privacy-erase-reach")
    qtbot.waitUntil(lambda: question.isVisible())
    assert question.text() == (
        f"Erstat teksten med [slettet] på de {found} valgte steder? Det kan ikke fortrydes."
    )
    assert "Referatet fra ét af møderne er allerede sendt som e-mail" in reach.text()
    screenshot(window, "privacy-erase-confirm")
    assert privacy.find(ui_db, seed.board_id, "ørum")  # nothing happened yet

    tap(button(sheet, "privacy-erase-yes"))

    qtbot.waitUntil(lambda: not question.isVisible())
    assert sheet.status.text() == f"Teksten er erstattet med [slettet] {found} steder."
    assert places(sheet) == []
    fresh = open_database(ui_url)
    try:
        assert privacy.find(fresh, seed.board_id, "ørum") == []
        assert cards.get_card(fresh, card_id).description == "Besøg hos Anna [slettet] i uge 45"
    finally:
        fresh.close()
    assert window.ops.undo_stack.count() == 0  # no step left that could write it back
    backups = sheet.findChild(QLabel, "privacy-erase-backups-note")
    assert backups.isVisible()
    assert backups.text() == f"1 sikkerhedskopi kan stadig rumme teksten:\n{holding}"
    screenshot(window, "privacy-erase-backups")
    tap(button(sheet, "privacy-erase-delete-backups"))
    assert backups.text() == "1 sikkerhedskopi er slettet."
    assert not holding.exists() and other.exists()
    tap(button(sheet, "privacy-erase-log"))
    records = sheet.findChild(QLabel, "privacy-erase-records")
    qtbot.waitUntil(lambda: records.isVisible())
    assert f"Tekst erstattet med [slettet] · {found} steder" in records.text()
    assert "ørum" not in records.text().lower()
    screenshot(window, "privacy-erase-records")


def test_an_archived_card_is_erased_for_good_from_the_archive(  # type: ignore[no-untyped-def]
    qtbot, window, ui_db, ui_url, seed: Seed
) -> None:
    window.resize(1920, 1080)
    card_id = seed.lanes[Lane.PRIORITISED][1]
    card = cards.get_card(ui_db, card_id)
    cards.edit_card(ui_db, card_id, card.version, description="Om Jens Ærø, Vestergade 4")
    meeting = meetings.start_meeting(ui_db, seed.board_id)
    meetings.end_meeting(ui_db, meeting.id)  # its minutes hold the card
    window.ops.reload()
    window.ops.archive_card(card_id)
    assert privacy.find(ui_db, seed.board_id, "Jens Ærø")

    tap(window.top.archive_button)
    qtbot.waitUntil(lambda: window.sheet is not None and window.sheet.isVisible())
    sheet = window.sheet
    question = sheet.findChild(QLabel, f"erase-question-{card_id}")
    assert not question.isVisible()
    tap(button(sheet, f"erase-{card_id}"))
    qtbot.waitUntil(lambda: question.isVisible())
    assert question.text().endswith("Det kan ikke fortrydes.")
    screenshot(window, "privacy-erase-card-confirm")
    tap(button(sheet, f"erase-no-{card_id}"))  # changed one's mind: nothing happens
    assert cards.get_card(ui_db, card_id).description == "Om Jens Ærø, Vestergade 4"
    tap(button(sheet, f"erase-{card_id}"))
    tap(button(sheet, f"erase-yes-{card_id}"))

    qtbot.waitUntil(lambda: question.text() == f"Kort nr. {card.number} er slettet for altid.")
    assert not sheet.findChild(QPushButton, f"restore-{card_id}").isEnabled()
    fresh = open_database(ui_url)
    try:
        assert privacy.find(fresh, seed.board_id, "Jens Ærø") == []
        assert card_id not in {c.id for c in cards.archived_cards(fresh, seed.board_id)}
    finally:
        fresh.close()
    assert window.ops.undo_stack.count() == 0  # the archiving's undo cannot bring it back
