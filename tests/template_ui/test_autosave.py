"""Fields save themselves as they are left: typed by hand, found again after a restart,
undone and redone, kept through a change made on another screen and through a close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from ui.helpers import screenshot, state

from board.domain.entities import CycleStep, ScaleStep
from board.domain.lanes import Lane
from board.persistence.database import open_database
from board.services import cards, cycles
from board.ui.template.autosave import IDLE_MS
from board.ui.template.base_page import current_page

from .helpers import child, fill, open_by_tap, tap, text_of

# Every field of a learning cycle, typed in full (Danish letters, several lines).
WORDS = {
    "plan_hypothesis": "Hvis vi ringer dagen før hjemmebesøget, så møder flere forældre op.",
    "plan_change": "Familiekonsulenten ringer til forældrene dagen før.",
    "plan_who": "Søren og Åse",
    "plan_where": "Hjemme hos familien",
    "plan_when": "Uge 24 og 25",
    "plan_data": "Vi tæller fremmøde og spørger forældrene kort.\nNoter i journalen.",
    "do_what_happened": "Fire ud af fem familier var hjemme; én havde glemt aftalen.",
    "do_surprises": "Én far bad selv om en sms i stedet for et opkald.",
    "do_data": "Fremmøde 4/5, mod 2/5 før.",
    "study_findings": "Data bekræfter hypotesen: fremmødet steg tydeligt.",
    "study_learning": "Forældre foretrækker forskellige kanaler – spørg dem.",
    "act_next_step": "Afprøv sms eller opkald efter forældrenes ønske med flere familier.",
}
STEP_OF = {
    **dict.fromkeys(list(WORDS)[:6], "plan"),
    **dict.fromkeys(list(WORDS)[6:9], "do"),
    **dict.fromkeys(list(WORDS)[9:11], "study"),
    "act_next_step": "act",
}


def _field(page, name: str):  # type: ignore[no-untyped-def]
    return next(f for f in page.cycle_fields if f.name == name)


def test_a_template_typed_by_hand_is_all_there_after_a_restart(qtbot, ui_db, ui_url, seed):
    from board.ui.shell.board_window import BoardWindow

    from .conftest import _window

    win = _window(qtbot, ui_db, seed.board_id, (1600, 900))
    card_id = seed.lanes[Lane.ACTIVITIES][2]  # "Dukke til træning": no cycle yet
    page = open_by_tap(win, card_id)
    assert child(page, "cycle-first").isVisible()
    screenshot(win, "template-ui-no-cycle")
    tap(child(page, "cycle-first"))
    assert [c.number for c in page.cycles] == [1]
    assert page.view_step is CycleStep.PLAN
    fill(page.title, "Dukke til træning af forældre")
    fill(page.description.widget, "Vi låner en dukke fra sundhedsplejen.")
    for name, text in WORDS.items():
        tab = child(page, f"step-{STEP_OF[name]}")
        if not tab.isChecked():
            tap(tab)
        fill(_field(page, name).widget, text)
    tap(child(page, "scale-more"))  # leaves the last field, and climbs a rung
    screenshot(win, "template-ui-typed")
    stored = cycles.list_cycles(ui_db, card_id)[0]
    assert {name: getattr(stored, name) for name in WORDS} == WORDS
    assert stored.scale_step is ScaleStep.MORE
    assert stored.step is CycleStep.ACT  # writing in a later step moved the cycle on

    win.close()
    ui_db.close()  # a restart: a new connection to the same file, a new window
    db = open_database(ui_url)
    try:
        again = BoardWindow(db, seed.board_id)
        qtbot.addWidget(again)
        again.resize(1366, 768)
        again.show()
        qtbot.waitExposed(again)
        page = open_by_tap(again, card_id)
        assert page.title.text() == "Dukke til træning af forældre"
        assert text_of(page.description.widget) == "Vi låner en dukke fra sundhedsplejen."
        for name, text in WORDS.items():
            assert text_of(_field(page, name).widget) == text, name
        assert child(page, "scale-more").isChecked()
        assert again.store.cycle(card_id).scale_step is ScaleStep.MORE
    finally:
        db.close()


def test_each_leaving_is_one_undo_step(window, qtbot, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]  # cycle 1, at Planlæg
    page = open_by_tap(window, card_id)
    hypothesis = _field(page, "plan_hypothesis")
    fill(hypothesis.widget, "Første udkast")
    fill(_field(page, "plan_who").widget, "Gitte")
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == "Første udkast"
    tap(window.top.undo_button)  # leaves "Hvem" (saved), then undoes it
    cycle = cycles.list_cycles(ui_db, card_id)[0]
    assert (cycle.plan_hypothesis, cycle.plan_who) == ("Første udkast", "")
    assert text_of(_field(page, "plan_who").widget) == ""
    tap(window.top.undo_button)
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == ""
    assert text_of(hypothesis.widget) == ""
    assert current_page(window) is page  # undo keeps the template open
    tap(window.top.redo_button)
    assert text_of(hypothesis.widget) == "Første udkast"
    tap(child(page, "step-do"))  # a tile has the focus: Ctrl+Z is the board's undo
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == ""

    # A pause in typing saves too; the whole visit to the field is still one undo step.
    tap(child(page, "step-plan"))
    fill(hypothesis.widget, "Hvis vi")
    qtbot.waitUntil(
        lambda: cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == "Hvis vi",
        timeout=IDLE_MS + 2000,
    )
    QTest.keyClick(hypothesis.widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    from .helpers import type_text

    type_text(" ringer før, så kommer de.")
    tap(child(page, "step-do"))
    full = "Hvis vi ringer før, så kommer de."
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == full
    tap(window.top.undo_button)
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == ""


def test_a_change_on_another_screen_keeps_what_was_typed(window, ui_db, seed) -> None:
    window.live.stop()  # the change has not been reported to this window (yet): the save finds it
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    cycle = cycles.list_cycles(ui_db, card_id)[0]
    # The laptop saves the same field (and another) while the wall's user types.
    cycles.edit_cycle(
        ui_db, cycle.id, cycle.version, plan_hypothesis="Fra laptoppen", plan_where="Mødelokalet"
    )
    hypothesis = _field(page, "plan_hypothesis")
    fill(hypothesis.widget, "Fra væggen")
    tap(child(page, "step-plan"))
    assert "anden skærm" in window.message.text
    assert text_of(hypothesis.widget) == "Fra væggen"  # not lost
    assert hypothesis.widget.property("unsaved") is True
    assert text_of(_field(page, "plan_where").widget) == "Mødelokalet"  # reloaded
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == "Fra laptoppen"
    assert hypothesis.choice is not None and hypothesis.choice.isVisible()
    assert "Fra laptoppen" in hypothesis.choice.text.text()  # theirs, under the field
    screenshot(window, "template-ui-conflict")
    tap(hypothesis.widget)  # into the field and out again: theirs is not saved over
    tap(child(page, "step-plan"))
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == "Fra laptoppen"
    tap(child(hypothesis.choice, "remote-keep"))  # "Behold min": saved on the new version
    assert cycles.list_cycles(ui_db, card_id)[0].plan_hypothesis == "Fra væggen"
    assert not hypothesis.widget.property("unsaved")
    assert cycles.list_cycles(ui_db, card_id)[0].plan_where == "Mødelokalet"


def test_closing_the_window_saves_the_field_being_typed(window, qtbot, ui_db, ui_url, seed):
    card_id = seed.lanes[Lane.IDEAS][0]
    page = open_by_tap(window, card_id)
    fill(page.description.widget, "Skrevet lige før strømmen gik")
    assert page.description.widget.hasFocus()
    window.close()
    card = next(c for c in state(ui_db, seed.board_id, fresh_url=ui_url).cards if c.id == card_id)
    assert card.description == "Skrevet lige før strømmen gik"


def test_back_to_the_board_saves_and_a_refused_title_keeps_the_page(window, ui_db, seed):
    card_id = seed.lanes[Lane.IDEAS][1]
    page = open_by_tap(window, card_id)
    fill(page.title, "")
    tap(child(page, "template-back"))
    assert current_page(window) is page  # an empty title cannot be saved: still here
    assert "Feltet »Titel« skal udfyldes" in window.message.text
    assert page.title.property("unsaved") is True
    fill(page.title, "Feedback til forældrene")
    QTest.keyClick(page, Qt.Key.Key_Escape)
    assert current_page(window) is None
    assert window.store.card(card_id).title == "Feedback til forældrene"
    assert window.board.selection == card_id


def test_a_title_too_long_is_refused_naming_the_field_and_the_limit(window, ui_db, ui_url, seed):
    card_id = seed.lanes[Lane.IDEAS][1]
    before = window.store.card(card_id).title
    page = open_by_tap(window, card_id)
    too_long = ("Forberedende møde med sagsbehandler " * 9)[:300] + "!"  # 301 characters
    fill(page.title, too_long)
    tap(child(page, "template-back"))  # leaving the page saves the field: refused
    assert current_page(window) is page
    assert window.message.text == (
        "Feltet »Titel« er for langt (301 tegn, højst 300). Gør teksten kortere."
    )
    assert page.title.property("unsaved") is True
    assert page.title.text() == too_long  # what was typed is kept to be shortened
    screenshot(window, "template-ui-title-too-long")
    db = open_database(ui_url)  # a fresh connection: nothing was written
    try:
        assert cards.get_card(db, card_id).title == before
    finally:
        db.close()
