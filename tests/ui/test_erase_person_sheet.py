"""»Slet personen for altid …« in Find persondata (issue 13, item 3), by touch: a person's own
hit chosen, a confirmation that says the name becomes »Tidligere medarbejder 1« everywhere,
old minutes too, history kept, not undoable; then the name is found nowhere."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.persistence.records import PersonRecord
from board.services import cards, meetings, people, privacy

from .helpers import Seed, button, screenshot
from .test_find_personal_data import open_find, places, settings_file  # noqa: F401
from .test_onscreen_keyboard import settle, tap, tap_keys


def test_a_person_who_left_is_erased_for_good_by_touch(  # type: ignore[no-untyped-def]
    qtbot,
    window,
    ui_db,
    ui_url,
    seed: Seed,
    settings_file,  # noqa: F811
) -> None:
    window.resize(1920, 1080)
    person = people.add_person(ui_db, seed.board_id, "Birgitte Lund", "BL", "bl@kommune.dk")
    card_id = seed.lanes[Lane.IDEAS][0]
    card = cards.get_card(ui_db, card_id)
    cards.edit_card(
        ui_db, card_id, card.version, description="Birgitte Lund ringer", owner_id=person.id
    )
    meeting = meetings.start_meeting(ui_db, seed.board_id)
    meetings.set_present(ui_db, meeting.id, person.id, True)
    meetings.add_agreement(ui_db, meeting.id, "Spørg Birgitte Lund", owner_id=person.id)
    meetings.end_meeting(ui_db, meeting.id)  # her name in the frozen minutes
    window.ops.reload()

    sheet = open_find(qtbot, window)
    tap(sheet.findChild(QLineEdit, "privacy-find-text"))
    settle(qtbot)
    tap_keys(window, "l", "u", "n", "d", "enter")
    qtbot.waitUntil(lambda: len(places(sheet)) > 0)
    tap_keys(window, "hide")
    erase = sheet.findChild(QPushButton, "privacy-erase-person")
    assert erase.isVisible() and not erase.isEnabled()  # her own record not chosen yet
    tap(button(sheet, "privacy-find-all"))
    assert not erase.isEnabled()  # the seed's Mette Lund too: which of them is not clear
    tap(button(sheet, "privacy-find-all"))
    own = next(n for n, h in enumerate(sheet.hits()) if h.ref == (person.id,))
    assert places(sheet)[own] == "Personer · Navn"
    tap(sheet.findChild(QWidget, f"privacy-hit-{own}"))
    assert erase.isEnabled()
    tap(erase)
    question = sheet.findChild(QLabel, "privacy-erase-person-question")
    qtbot.waitUntil(lambda: question.isVisible())
    assert question.text() == (
        "Slet »Birgitte Lund« for altid? Navnet bliver til »Tidligere medarbejder 1« overalt på"
        " tavlen – også i gamle referater – og e-mailadressen fjernes. Kort, aftaler og fremmøde"
        " beholder deres historik. Det kan ikke fortrydes."
    )
    screenshot(window, "privacy-erase-person-confirm")
    tap(button(sheet, "privacy-erase-person-no"))  # changed one's mind: nothing happens
    assert not question.isVisible()
    assert privacy.find(ui_db, seed.board_id, "Birgitte Lund")
    tap(erase)
    tap(button(sheet, "privacy-erase-person-yes"))

    qtbot.waitUntil(lambda: not question.isVisible())
    said = re.fullmatch(
        r"Personen hedder nu »Tidligere medarbejder 1« – ændret (\d+) steder\.", sheet.status.text()
    )
    assert said is not None, sheet.status.text()
    assert all("Birgitte" not in h.excerpt for h in sheet.hits())  # »lund« finds only Mette
    assert erase.isVisible() and not erase.isEnabled()
    screenshot(window, "privacy-erase-person-done")
    fresh = open_database(ui_url)
    try:
        assert privacy.find(fresh, seed.board_id, "Birgitte Lund") == []
        with fresh.read() as s:
            record = s.get(PersonRecord, person.id)
            assert record is not None
            assert (record.name, record.email) == ("Tidligere medarbejder 1", "")
        erased = cards.get_card(fresh, card_id)
        assert erased.description == "Tidligere medarbejder 1 ringer"
        assert erased.owner_id == person.id  # history kept
    finally:
        fresh.close()
    assert window.ops.undo_stack.count() == 0  # no step left that could write the name back
