"""In the template too, what an undo removed comes back as the same row: a learning cycle
started with "Ny læringscirkel", a success criterion with its measurements.

Another screen writes a row of the same kind after ours, so that a redo which merely
inserted a new row would get another id (SQLite gives a new row the highest id + 1).
"""

from __future__ import annotations

from ui.helpers import state

from board.domain.entities import CriterionKind, CycleStep
from board.domain.lanes import Lane
from board.services import cycles, goals

from .helpers import child, fill, open_by_tap, tap, type_text
from .test_goal_template import _open_goal, _rows


def test_a_new_learning_cycle_undone_and_redone_is_the_same_cycle(
    window, ui_db, ui_url, seed
) -> None:
    card_id = seed.lanes[Lane.ACTIVITIES][0]  # cycle 1 open at Planlæg
    page = open_by_tap(window, card_id)
    hypothesis = next(f for f in page.cycle_fields if f.name == "plan_hypothesis")
    fill(hypothesis.widget, "En guide giver struktur.")
    tap(child(page, "step-act"))
    tap(child(page, "decision-adapt"))
    tap(child(page, "decide"))
    tap(child(page, "offer-next"))  # "Start læringscirkel 2"
    first, second = cycles.list_cycles(ui_db, card_id)
    assert second.number == 2 and second.plan_hypothesis == "En guide giver struktur."

    other = seed.lanes[Lane.ACTIVITIES][1]
    cycles.start_cycle(ui_db, other)  # another screen: a new cycle row meanwhile
    tap(window.top.undo_button)  # the new cycle goes
    assert [c.id for c in cycles.list_cycles(ui_db, card_id)] == [first.id]
    tap(window.top.redo_button)

    back = state(ui_db, seed.board_id, fresh_url=ui_url).current_cycles[card_id]
    assert (back.id, back.number, back.step) == (second.id, 2, CycleStep.PLAN)
    assert back.plan_hypothesis == "En guide giver struktur."
    assert window.store.cycle(card_id).id == second.id  # the card face and template follow
    assert [c.number for c in page.cycles] == [1, 2]


def test_a_removed_criterion_comes_back_with_its_id_and_measurements(
    window, ui_db, ui_url, seed
) -> None:
    page = _open_goal(window, seed.goal_id)
    tap(child(page, "add-indicator"))
    type_text("Reflektiv funktion øges")
    tap(page.point.widget)  # leaving the field saves it
    (criterion,) = goals.get_goal(ui_db, seed.goal_id).criteria
    goals.add_measurement(ui_db, criterion.id, "2026-01-15", 12)  # typed in elsewhere
    other = goals.add_goal(ui_db, seed.board_id, "Et andet mål")  # another screen meanwhile
    goals.add_criterion(ui_db, other.id, CriterionKind.SIGN, "Et tegn")
    (row,) = _rows(page, CriterionKind.INDICATOR)
    tap(row.remove)
    assert goals.get_goal(ui_db, seed.goal_id).criteria == ()

    tap(window.top.undo_button)
    (back,) = goals.get_goal(ui_db, seed.goal_id).criteria
    assert (back.id, back.text) == (criterion.id, "Reflektiv funktion øges")
    assert [m.value for m in goals.measurements(ui_db, criterion.id)] == [12]
    (row,) = _rows(page, CriterionKind.INDICATOR)
    assert "12" in row.latest.text()  # the page shows its measurement again

    tap(window.top.redo_button)  # removed again, and undone again: still the same row
    tap(window.top.undo_button)
    st = state(ui_db, seed.board_id, fresh_url=ui_url)
    (again,) = next(g for g in st.goals if g.id == seed.goal_id).criteria
    assert again.id == criterion.id
    assert [m.value for m in goals.measurements(ui_db, criterion.id)] == [12]
