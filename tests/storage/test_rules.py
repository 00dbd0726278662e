"""Rules the board keeps that no test pinned down until mutation testing showed it
(scripts/mutation, docs/TESTING.md): each test states what a user would notice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from board.domain.entities import Board
from board.domain.errors import ConflictError, NotFoundError, ValidationError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.persistence.records import CardRecord
from board.services import boards, cards, cycles, demo, goals, log, meetings, template, transfer

from .helpers import assert_danish_message


def _refused(error: type[Exception], call, key: str, **params: object) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as caught:
        call()
    assert caught.value.key == key
    for name, value in params.items():
        assert caught.value.params[name] == value
    return assert_danish_message(caught.value)


# --------------------------------------------------------------------------- goals


def test_a_criterion_edit_names_the_field_that_is_wrong(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    sign = goals.add_criterion(db, goal.id, "sign", "Tegn", target="Mange", unit="børn")
    for text in ("   ", "a\x00b"):
        _refused(
            ValidationError,
            lambda text=text: goals.edit_criterion(db, sign.id, criterion_text=text),
            "error.required" if text.isspace() else "error.control_characters",
            field="field.criterion",
        )
    _refused(
        ValidationError,
        lambda: goals.edit_criterion(db, sign.id, target="x" * 121),
        "error.too_long",
        field="field.target",
    )
    _refused(
        ValidationError,
        lambda: goals.edit_criterion(db, sign.id, unit="x" * 121),
        "error.too_long",
        field="field.unit",
    )
    assert goals.get_goal(db, goal.id).criteria == (sign,)
    # Target and unit may be emptied again; the unit is stored as typed, trimmed.
    edited = goals.edit_criterion(db, sign.id, target="", unit="  familier ")
    assert (edited.text, edited.target, edited.unit) == ("Tegn", "", "familier")
    assert goals.edit_criterion(db, sign.id, unit="").unit == ""
    assert goals.get_goal(db, goal.id).criteria[0].unit == ""


# --------------------------------------------------------------------------- boards


def test_renaming_a_board_checks_the_name_against_other_boards_only(db: Database) -> None:
    first = boards.create_board(db, "Familieafdelingen")
    other = boards.create_board(db, "Børnehuset")
    message = _refused(
        ValidationError,
        lambda: boards.rename_board(db, first.id, "  ", None),
        "error.required",
        field="field.board_name",
    )
    assert "navn" in message
    _refused(
        ValidationError,
        lambda: boards.rename_board(db, first.id, "Børnehuset", None),
        "error.board_exists",
        name="Børnehuset",
    )
    renamed = boards.rename_board(db, first.id, "Familiehuset", None)  # another board exists
    assert renamed.name == "Familiehuset"
    assert sorted(b.board.name for b in boards.list_boards(db)) == ["Børnehuset", "Familiehuset"]
    assert boards.find_board(db, str(other.id)).name == "Børnehuset"


def test_the_goal_lane_counts_goals_and_the_cards_put_there(db: Database) -> None:
    one = boards.create_board(db, "A")
    two = boards.create_board(db, "B")
    for aim in ("Mål 1", "Mål 2"):
        goals.add_goal(db, one.id, aim)
    goals.add_goal(db, two.id, "Mål 3")
    cards.add_card(db, one.id, "Måling", Lane.GOALS)
    cards.add_card(db, one.id, "Idé", Lane.IDEAS)
    counts = {s.board.name: s.counts for s in boards.list_boards(db)}
    assert counts["A"][Lane.GOALS] == 3
    assert counts["A"][Lane.IDEAS] == 1
    assert counts["B"][Lane.GOALS] == 1
    assert counts["B"][Lane.IDEAS] == 0


# --------------------------------------------------------------------------- cards


def test_the_archive_shows_this_boards_cards_last_archived_first(db: Database) -> None:
    mine = boards.create_board(db, "A")
    theirs = boards.create_board(db, "B")
    first = cards.add_card(db, mine.id, "Først")
    second = cards.add_card(db, mine.id, "Så")
    other = cards.add_card(db, theirs.id, "Andres")
    cards.set_archived(db, other.id, None, True)
    cards.set_archived(db, first.id, None, True)
    with db.write() as s:  # the archiving a minute apart (the clock counts in seconds)
        record = s.get(CardRecord, first.id)
        record.updated_at = record.updated_at - timedelta(minutes=1)
    cards.set_archived(db, second.id, None, True)
    assert [c.title for c in cards.archived_cards(db, mine.id)] == ["Så", "Først"]


def test_find_card_prefers_the_exact_title_to_another_case(db: Database, board: Board) -> None:
    cards.add_card(db, board.id, "Plan")
    exact = cards.add_card(db, board.id, "plan")
    assert cards.find_card(db, board.id, "plan").id == exact.id
    assert cards.find_card(db, board.id, "PLAN").title == "Plan"  # else the first, any case


# --------------------------------------------------------------------------- cycles


def test_discarding_a_cycle_keeps_other_cards_and_cycles_as_they_were(
    db: Database, board: Board
) -> None:
    card = cards.add_card(db, board.id, "Kort", Lane.ACTIVITIES)
    other = cards.add_card(db, board.id, "Andet", Lane.ACTIVITIES)
    assert cycles.cycle_count(db, card.id) == 0
    other_first = cycles.start_cycle(db, other.id)
    other_closed = cycles.decide(db, other_first.id, None, "adopt")
    cycles.start_cycle(db, other.id)
    first = cycles.start_cycle(db, card.id)
    closed = cycles.decide(db, first.id, None, "adapt", "Mere tid")
    second = cycles.start_cycle(db, card.id)

    _refused(ConflictError, lambda: cycles.discard_cycle(db, second.id, 99), "error.conflict")
    _refused(
        ValidationError,
        lambda: cycles.discard_cycle(db, first.id, None),
        "error.cycle_closed",
        number=1,
    )
    before = cycles.discard_cycle(db, second.id, None)
    assert before == closed.cycle  # this card's first cycle, not the other card's
    assert [y.number for y in cycles.list_cycles(db, card.id)] == [1]
    assert [y.number for y in cycles.list_cycles(db, other.id)] == [1, 2]
    entries = {e.id for e in boards.load_board(db, board.id).log}
    assert entries == {closed.log_entry.id, other_closed.log_entry.id}
    assert cycles.discard_cycle(db, cycles.list_cycles(db, other.id)[1].id, None) == (
        other_closed.cycle
    )
    lone = cards.add_card(db, board.id, "Alene", Lane.ACTIVITIES)
    only = cycles.start_cycle(db, lone.id)
    assert cycles.discard_cycle(db, only.id, None) is None
    assert cycles.cycle_count(db, lone.id) == 0


# --------------------------------------------------------------------------- meetings


def test_each_board_has_its_own_running_meeting(db: Database) -> None:
    one = boards.create_board(db, "A")
    two = boards.create_board(db, "B")
    assert meetings.open_meeting(db, one.id) is None
    first = meetings.start_meeting(db, one.id)
    second = meetings.start_meeting(db, two.id)
    assert meetings.open_meeting(db, one.id).id == first.id
    assert meetings.open_meeting(db, two.id).id == second.id
    meetings.end_meeting(db, first.id)
    assert meetings.open_meeting(db, one.id) is None


def test_meeting_history_is_newest_first_even_after_an_import(db: Database, board: Board) -> None:
    for _ in range(2):
        meeting = meetings.start_meeting(db, board.id)
        meetings.end_meeting(db, meeting.id)
    document = transfer.export_board(db, board.id)
    older, newer = document["meetings"]
    older["started_at"], newer["started_at"] = "2026-01-05T10:00:00", "2026-02-05T10:00:00"
    older["ended_at"], newer["ended_at"] = "2026-01-05T10:15:00", "2026-02-05T10:15:00"
    document["meetings"] = [newer, older]  # the file lists the newer first: ids go the other way
    copy = boards.find_board(db, transfer.import_document(db, document))
    history = meetings.list_meetings(db, copy.id)
    assert [m.started_at.month for m in history] == [2, 1]
    assert history[0].id < history[1].id
    assert meetings.find_meeting(db, copy.id, "latest").id == history[0].id
    # A meeting's number is its place among the board's held meetings, 1 = the first held.
    assert meetings.find_meeting(db, copy.id, "1").id == history[1].id
    assert meetings.find_meeting(db, copy.id, "2").id == history[0].id
    assert [h.number for h in meetings.held_meetings(db, copy.id)] == [2, 1]
    for which in ("0", "nyeste", "3"):
        _refused(
            NotFoundError,
            lambda which=which: meetings.find_meeting(db, copy.id, which),
            "error.unknown_meeting",
            name=which,
        )
    _refused(
        NotFoundError,
        lambda: meetings.find_meeting(db, board.id + 99, "latest"),
        "error.no_meetings",
    )


def test_an_open_meeting_has_no_frozen_board_yet(db: Database, board: Board) -> None:
    meeting = meetings.start_meeting(db, board.id)
    for call in (meetings.meeting_board, meetings.meeting_minutes):
        _refused(
            ValidationError,
            lambda call=call: call(db, meeting.id),
            "error.meeting_not_ended",
        )


def test_removing_an_agreement_keeps_the_others(db: Database, board: Board) -> None:
    meeting = meetings.start_meeting(db, board.id)
    first = meetings.add_agreement(db, meeting.id, "Første")
    meetings.add_agreement(db, meeting.id, "Anden")
    meetings.remove_agreement(db, first.id)
    assert [a.what for a in meetings.get_meeting(db, meeting.id).agreements] == ["Anden"]


def test_sending_results_are_listed_in_the_order_they_happened(db: Database, board: Board) -> None:
    meeting = meetings.start_meeting(db, board.id)
    meetings.end_meeting(db, meeting.id)
    for address in ("c@kommune.dk", "a@kommune.dk", "b@kommune.dk"):
        meetings.record_dispatch(db, meeting.id, address, address != "a@kommune.dk", "svar")
    assert [(d.recipient, d.ok) for d in meetings.dispatches(db, meeting.id)] == [
        ("c@kommune.dk", True),
        ("a@kommune.dk", False),
        ("b@kommune.dk", True),
    ]


# --------------------------------------------------------------------------- the template


def test_a_card_of_another_board_has_no_template_here(db: Database) -> None:
    one = boards.create_board(db, "A")
    two = boards.create_board(db, "B")
    card = cards.add_card(db, two.id, "Andres")
    for card_id in (card.id, card.id + 99):
        _refused(
            NotFoundError,
            lambda card_id=card_id: template.template_data(db, one.id, card_id),
            "error.not_found",
            what="card",
        )


def test_the_template_catalogue_and_newest_measurement(db: Database, board: Board) -> None:
    goal = goals.add_goal(db, board.id, "Mål")
    criterion = goals.add_criterion(db, goal.id, "indicator", "Fremmøde", target="90", unit="%")
    goals.add_measurement(db, criterion.id, "3.3.2026", 70, "marts")
    goals.add_measurement(db, criterion.id, "1.3.2026", 60, "først")
    same_day = goals.add_measurement(db, criterion.id, "3.3.2026", 75, "rettet")
    selected = cards.add_card(db, board.id, "Valgt", Lane.ACTIVITIES, goal_ids=(goal.id,))
    measured = cards.add_card(db, board.id, "Måles", Lane.GOALS, goal_ids=(goal.id,))
    idea = cards.add_card(db, board.id, "Idé", Lane.IDEAS, goal_ids=(goal.id,))
    done = cards.add_card(db, board.id, "Færdig", Lane.LOG, goal_ids=(goal.id,))
    data = template.template_data(db, board.id, selected.id)
    assert data.owner_name == ""
    [section] = data.goals
    assert [(e.number, e.title, e.lane, e.selected) for e in section.catalogue] == [
        (idea.number, "Idé", Lane.IDEAS, False),
        (selected.number, "Valgt", Lane.ACTIVITIES, True),
        (done.number, "Færdig", Lane.LOG, False),
        (measured.number, "Måles", Lane.GOALS, False),  # not a step of the flow: last
    ]
    assert data.latest == {criterion.id: same_day}
    assert data.latest[criterion.id].measured_on == date(2026, 3, 3)


# --------------------------------------------------------------------------- the demo


def test_the_demo_with_generated_cards_is_a_plausible_board(db: Database) -> None:
    plain = boards.find_board(db, demo.create_demo(db))
    base = boards.load_board(db, plain.id)
    name = demo.create_demo(db, extra_cards=60, name="Belastning")
    state = boards.load_board(db, boards.find_board(db, name).id)
    own = {c.number for c in base.cards}
    extra = [c for c in state.cards if c.number not in own]
    assert sorted(c.number for c in extra) == list(range(max(own) + 1, max(own) + 61))
    today = date.today()
    for card in extra:
        assert card.lane in (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.LOG)
        assert not card.archived and card.description == "" and len(card.goal_ids) == 1
        if card.lane in (Lane.PRIORITISED, Lane.ACTIVITIES):
            assert card.owner_id is not None and card.deadline is not None
            assert -5 <= (card.deadline - today).days <= 40
        else:
            assert card.owner_id is None and card.deadline is None
    for lane in Lane:  # the demo's own cards first, the generated ones after them
        numbers = [c.number for c in state.lane(lane)]
        assert numbers == sorted(numbers, key=lambda n: n not in own)
    by_lane = {lane: sum(c.lane is lane for c in extra) for lane in Lane}
    assert by_lane[Lane.IDEAS] > by_lane[Lane.LOG] and by_lane[Lane.ACTIVITIES] > by_lane[Lane.LOG]
    again = demo.create_demo(db, extra_cards=60, name="Belastning igen")
    repeat = boards.load_board(db, boards.find_board(db, again).id)
    assert [(c.title, c.lane) for c in repeat.cards] == [(c.title, c.lane) for c in state.cards]


def test_a_log_entry_about_another_boards_card_is_refused(db: Database) -> None:
    one = boards.create_board(db, "A")
    two = boards.create_board(db, "B")
    card = cards.add_card(db, two.id, "Andres")
    _refused(
        NotFoundError,
        lambda: log.add_log_entry(db, one.id, "Afprøvet", card_id=card.id),
        "error.not_found",
        what="card",
    )
    # The message names the card in words, never by a database id the user cannot see.
    message = NotFoundError("error.not_found", what="card", id=card.id).message()
    assert str(card.id) not in message


def test_a_deadline_is_overdue_the_day_after_and_only_for_work_in_progress(
    db: Database, board: Board
) -> None:
    today = date.today()
    yesterday = today - timedelta(days=1)
    made = {
        "late": cards.add_card(db, board.id, "Sent", Lane.ACTIVITIES, deadline=yesterday),
        "prio": cards.add_card(db, board.id, "Prio", Lane.PRIORITISED, deadline=yesterday),
        "due": cards.add_card(db, board.id, "I dag", Lane.ACTIVITIES, deadline=today),
        "idea": cards.add_card(db, board.id, "Idé", Lane.IDEAS, deadline=yesterday),
        "logged": cards.add_card(db, board.id, "Logget", Lane.LOG, deadline=yesterday),
        "open": cards.add_card(db, board.id, "Uden frist", Lane.ACTIVITIES),
    }
    state = {c.id: c for c in boards.load_board(db, board.id).cards}
    assert {k for k, c in made.items() if state[c.id].is_overdue(today)} == {"late", "prio"}
