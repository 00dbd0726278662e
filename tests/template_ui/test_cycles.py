"""Ramps of learning cycles: decided, logged, carried over, climbing the scale-up ladder;
a card that is dropped or implemented goes to the Log with one tap; all of it undoable."""

from __future__ import annotations

from ui.helpers import screenshot, state

from board.domain.entities import CycleStep, Decision, ScaleStep
from board.domain.lanes import Lane
from board.services import cycles
from board.ui.template.base_page import current_page

from .helpers import child, fill, open_by_tap, tap, text_of


def _field(page, name: str):  # type: ignore[no-untyped-def]
    return next(f for f in page.cycle_fields if f.name == name)


def _decide(page, decision: str, next_step: str) -> None:  # type: ignore[no-untyped-def]
    tap(child(page, "step-act"))
    assert not child(page, "decide").isEnabled()  # a decision first
    tap(child(page, f"decision-{decision}"))
    fill(_field(page, "act_next_step").widget, next_step)
    tap(child(page, "decide"))


def test_a_ramp_of_three_cycles(window, qtbot, ui_db, ui_url, seed) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]  # "Forberedende møde", cycle 1 at Planlæg
    page = open_by_tap(window, card_id)
    fill(_field(page, "plan_hypothesis").widget, "En fælles guide giver bedre struktur.")
    fill(_field(page, "plan_who").widget, "Gitte og Mette")
    tap(child(page, "step-next"))  # "Videre til Afprøv": the cycle moves on with the tab
    assert page.view_step is CycleStep.DO
    assert cycles.list_cycles(ui_db, card_id)[0].step is CycleStep.DO
    fill(_field(page, "do_what_happened").widget, "Mødet blev holdt med guiden.")
    tap(child(page, "step-study"))
    fill(_field(page, "study_findings").widget, "Strukturen blev bedre; der manglede et punkt.")
    _decide(page, "adapt", "Tilføj et fokuspunkt om forventninger.")

    # Closing cycle 1 wrote its log entry: it is in the Log lane and on disk.
    first = cycles.list_cycles(ui_db, card_id)[0]
    assert first.step is CycleStep.CLOSED and first.act_decision is Decision.ADAPT
    entries = [e for e in state(ui_db, seed.board_id, fresh_url=ui_url).log if e.cycle_id]
    entry = next(e for e in entries if e.cycle_id == first.id)
    assert entry.decision is Decision.ADAPT and entry.owner_id == seed.people[0]
    assert "Forberedende møde" in entry.what_tested
    assert "der manglede et punkt" in entry.learning
    assert entry.id in [e.id for e in window.store.loose_entries]  # shown in the Log lane
    assert child(page, "decided").isVisible()
    assert not child(page, "offer-log").isVisible()  # adapt: the idea lives on
    screenshot(window, "template-ui-decided")

    tap(child(page, "offer-next"))  # "Start læringscirkel 2": carried over what holds
    assert [c.number for c in page.cycles] == [1, 2]
    assert page.view_step is CycleStep.PLAN
    assert text_of(_field(page, "plan_hypothesis").widget) == (
        "En fælles guide giver bedre struktur."
    )
    assert text_of(_field(page, "plan_change").widget) == "Tilføj et fokuspunkt om forventninger."
    assert text_of(_field(page, "do_what_happened").widget) == ""
    assert child(page, "scale-one").isChecked()
    _decide(page, "adopt", "Afprøv med flere familier.")
    tap(child(page, "offer-next"))  # adopted: the next cycle climbs a rung of the ladder
    third = cycles.list_cycles(ui_db, card_id)[2]
    assert third.number == 3 and third.scale_step is ScaleStep.MORE
    assert child(page, "scale-more").isChecked()
    chips = [child(page, f"cycle-{n}") for n in (1, 2, 3)]
    assert [c.isChecked() for c in chips] == [False, False, True]
    assert chips[0].subtitle.endswith("Tilpas") and chips[1].subtitle.endswith("Vedtag")
    assert not child(page, "cycle-new").isEnabled()  # cycle 3 is still open
    screenshot(window, "template-ui-three-cycles")

    # Earlier cycles stay readable (and editable) from the timeline.
    tap(chips[0])
    assert text_of(_field(page, "act_next_step").widget) == "Tilføj et fokuspunkt om forventninger."
    assert child(page, "decision-adapt").isChecked() and not child(page, "decide").isVisible()

    # The card face shows the current cycle, its step and its rung.
    assert window.store.cycle(card_id).number == 3
    tap(child(page, "template-back"))
    assert current_page(window) is None
    screenshot(window, "template-ui-board-after-ramp")

    # Undo: the third cycle goes, then the decision on the second is taken back.
    tap(window.top.undo_button)
    assert [c.number for c in cycles.list_cycles(ui_db, card_id)] == [1, 2]
    assert window.store.cycle(card_id).number == 2
    tap(window.top.undo_button)
    second = cycles.list_cycles(ui_db, card_id)[1]
    assert second.step is CycleStep.ACT and second.act_decision is None
    assert not [e for e in state(ui_db, seed.board_id).log if e.cycle_id == second.id]
    tap(window.top.redo_button)
    tap(window.top.redo_button)
    assert [c.number for c in cycles.list_cycles(ui_db, card_id)] == [1, 2, 3]
    assert cycles.list_cycles(ui_db, card_id)[2].scale_step is ScaleStep.MORE


def test_forkast_offers_the_log_and_undo_takes_it_all_back(window, ui_db, ui_url, seed) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    _decide(page, "abandon", "")
    offer = child(page, "offer-log")
    assert offer.isVisible()
    page.area.verticalScrollBar().setValue(page.area.verticalScrollBar().maximum())
    screenshot(window, "template-ui-forkast")
    tap(offer)
    assert window.sheet is None  # no second question: the cycle already wrote the log
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    assert next(c for c in st.cards if c.id == card_id).lane is Lane.LOG
    assert len([e for e in st.log if e.card_id == card_id]) == 1
    assert window.board.lanes[Lane.LOG].card_ids()[-1] == card_id
    assert not child(page, "offer-log").isVisible()
    assert child(page, "template-lane").text().startswith("Log")
    tap(window.top.undo_button)  # the move
    assert window.store.card(card_id).lane is Lane.ACTIVITIES
    assert child(page, "offer-log").isVisible()
    tap(window.top.undo_button)  # the decision
    cycle = cycles.list_cycles(ui_db, card_id)[0]
    # Open again at the step it was in when decided (Planlæg: nothing was filled in).
    assert cycle.step is CycleStep.PLAN and cycle.act_decision is None
    assert not [e for e in state(ui_db, seed.board_id).log if e.card_id == card_id]
    assert child(page, "decide").isVisible()


def test_an_implemented_change_is_offered_the_log(window, ui_db, seed) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]
    page = open_by_tap(window, card_id)
    tap(child(page, "scale-implemented"))
    assert cycles.list_cycles(ui_db, card_id)[0].scale_step is ScaleStep.IMPLEMENTED
    _decide(page, "adopt", "En fast del af praksis.")
    assert child(page, "offer-log").isVisible() and child(page, "offer-next").isVisible()
    tap(child(page, "offer-log"))
    assert window.store.card(card_id).lane is Lane.LOG
    entry = window.store.newest_entry(card_id)
    assert entry is not None and entry.decision is Decision.ADOPT
