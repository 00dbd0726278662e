"""What a meeting's step leaves behind, by touch on the wall: a step's notes (typed with the
on-screen keyboard, saved as they are typed, a calm warning when they hold a CPR number), and
the quick outputs Ny idé, Beslutning and Læringspunkt, each on the board at once. The team's
own format: copied, edited and saved, then offered when a meeting starts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid
from ui.helpers import Finger

from board.domain.lanes import Lane
from board.persistence.database import Database, open_database
from board.services import boards, learning_points, meetings
from board.ui.template.autosave import IDLE_MS

from .helpers import screenshot, tap


def touch(widget: QWidget) -> None:
    """A finger's tap on a field (the touch goes to its window, as on the wall)."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    window = widget.window()
    at = widget.mapTo(window, widget.rect().center())
    finger = Finger(window)
    finger.press(at)
    finger.release(at)
    QApplication.processEvents()


def keys(window, *names: str) -> None:  # type: ignore[no-untyped-def]
    for name in names:
        touch(window.keyboard.key(name))


@contextmanager
def fresh(db: Database) -> Iterator[Database]:
    """The database as another program would read it: a new connection to the same file."""
    other = open_database(db.engine.url.render_as_string(hide_password=False))
    try:
        yield other
    finally:
        other.close()


def start(wall, fmt: str):  # type: ignore[no-untyped-def]
    """Møde → the format → Start, then everyone on the team present."""
    c = wall.meetings
    tap(wall.top, "meeting")
    tap(c.panel, "choose-format")
    tap(sheet(wall, "format-sheet"), f"choice-{fmt}")
    tap(c.panel, "meeting-start")
    assert c.ops.meeting is not None
    return c


def go_to(c, step_key: str, *, outputs: bool = True) -> None:  # type: ignore[no-untyped-def]
    """On to the step; "✎ Noter" opens its notes and quick outputs (once a meeting)."""
    for _ in range(20):
        if c.state.step_key == step_key:
            break
        tap(c.panel, "meeting-next")
    else:
        raise AssertionError(f"no step {step_key!r}")
    if outputs and not c.outputs.shown:
        assert not c.panel.findChildren(QPlainTextEdit, "step-notes")  # the questions' room
        tap(c.panel, "step-outputs-toggle")
    QTest.qWait(60)


def sheet(wall, name: str) -> QWidget:  # type: ignore[no-untyped-def]
    QTest.qWait(30)
    found = [w for w in wall.findChildren(QWidget, name) if w.isVisible()]
    assert found, f"no sheet {name!r}"
    return found[0]


def gone(widget: QWidget) -> bool:
    """A sheet closed (hidden, and deleted once the event loop turns)."""
    return not isValid(widget) or not widget.isVisible()


def notes_field(c) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    found = [w for w in c.panel.findChildren(QPlainTextEdit, "step-notes") if w.isVisible()]
    assert found, "no notes field on this step"
    return found[0]


def test_a_decision_at_teamsparring_is_an_activity_with_owner_and_deadline(
    wall, demo_db, board_id
) -> None:
    c = start(wall, "sparring")
    go_to(c, "inspiration")
    meeting_id = c.ops.meeting.id
    tap(c.panel, "step-new-decision")
    decision = sheet(wall, "decision-sheet")
    screenshot(wall, "outputs-decision-sheet")
    what = decision.findChild(QPlainTextEdit, "decision-what")
    what.setFocus()
    QTest.keyClicks(what, "Ring til skolen om fremmøde")
    person = wall.store.people[0]
    tap(decision, f"person-{person.id}")
    # The board's date rules: a day that does not exist is refused at the field.
    deadline_field = decision.findChild(QLineEdit, "deadline")
    deadline_field.setFocus()
    QTest.keyClicks(deadline_field, "31.2.2027")
    tap(decision, "decision-save")
    error = decision.findChild(QLabel, "error-deadline")
    assert error is not None and error.isVisible() and "31.2.2027" in error.text()
    assert not gone(decision)
    tap(decision, "deadline-14")
    tap(decision, "decision-save")
    assert gone(decision)

    with fresh(demo_db) as db:
        meeting = meetings.get_meeting(db, meeting_id)
        agreement = next(a for a in meeting.agreements if a.what == "Ring til skolen om fremmøde")
        assert agreement.step_key == "inspiration"
        assert agreement.owner_id == person.id
        deadline = date.today() + timedelta(days=14)
        assert agreement.deadline == deadline
        card = next(
            x
            for x in boards.load_board(db, board_id).lane(Lane.ACTIVITIES)
            if x.id == agreement.card_id
        )
        assert (card.title, card.owner_id, card.deadline) == (agreement.what, person.id, deadline)
        assert card.meeting_id == meeting_id
    lane = wall.board.lanes[Lane.ACTIVITIES]
    assert card.id in lane.card_ids()


def test_a_new_idea_lands_in_ideas_at_once_and_is_undone_as_a_card(wall, demo_db, board_id) -> None:
    c = start(wall, "sparring")
    go_to(c, "reflection")
    tap(c.panel, "step-new-idea")
    idea = sheet(wall, "idea-sheet")
    field = idea.findChild(QLineEdit, "idea-title")
    field.setFocus()
    QTest.keyClicks(field, "Fast sparringsmakker til nye kolleger")
    tap(idea, "idea-save")
    assert gone(idea)
    ideas = boards.load_board(demo_db, board_id).lane(Lane.IDEAS)
    card = next(x for x in ideas if x.title == "Fast sparringsmakker til nye kolleger")
    assert card.meeting_id == c.ops.meeting.id
    assert card.id in wall.board.lanes[Lane.IDEAS].card_ids()

    wall.undo()
    assert card.id not in [x.id for x in boards.load_board(demo_db, board_id).lane(Lane.IDEAS)]
    assert card.id not in wall.board.lanes[Lane.IDEAS].card_ids()
    wall.redo()
    again = boards.load_board(demo_db, board_id).lane(Lane.IDEAS)
    assert card.id in [x.id for x in again]  # the same card, under its id


def test_a_learning_point_of_the_round_goes_to_the_learning_points(wall, demo_db, board_id) -> None:
    c = start(wall, "sparring")
    go_to(c, "round")
    tap(c.panel, "step-new-point")
    point = sheet(wall, "point-sheet")
    text = point.findChild(QPlainTextEdit, "meeting-point-text")
    text.setFocus()
    QTest.keyClicks(text, "Spørg barnet selv, før vi beslutter")
    case = point.findChild(QLineEdit, "meeting-point-case")
    assert case.isVisible()  # a sparring names its case
    case.setFocus()
    QTest.keyClicks(case, "Sag B")
    tap(point, "meeting-point-save")
    assert gone(point)
    found = learning_points.search_learning_points(demo_db, board_id, "Spørg barnet selv")
    assert [(p.case_label, p.meeting_id) for p in found] == [("Sag B", c.ops.meeting.id)]


def test_notes_typed_with_the_onscreen_keyboard_are_saved(wall, demo_db, qtbot) -> None:
    c = start(wall, "sparring")
    go_to(c, "question")
    field = notes_field(c)
    touch(field)
    qtbot.wait(30)
    QApplication.processEvents()
    assert field.hasFocus() and wall.keyboard.isVisible()
    keys(wall, "shift", "ø", "n", "s", "k", "e", "r", "space", "å", "b", "e", "n", "h", "e", "d")
    keys(wall, "space", "o", "g", "space", "æ", "r", "l", "i", "g", "h", "e", "d")
    assert field.toPlainText() == "Ønsker åbenhed og ærlighed"
    qtbot.wait(IDLE_MS + 300)  # a pause in typing saves
    with fresh(demo_db) as db:
        step = meetings.get_meeting(db, c.ops.meeting.id).step("question")
        assert step is not None and step.notes == "Ønsker åbenhed og ærlighed"
    # The next step and back: the notes are there.
    tap(c.panel, "meeting-next")
    tap(c.panel, "meeting-previous")
    assert notes_field(c).toPlainText() == "Ønsker åbenhed og ærlighed"


def test_a_cpr_number_in_the_notes_is_warned_about_at_the_field(wall, demo_db, qtbot) -> None:
    c = start(wall, "sparring")
    go_to(c, "clarifying")
    field = notes_field(c)
    warning = c.panel.findChild(QLabel, "step-notes-cpr")
    assert not warning.isVisible()
    field.setFocus()
    QTest.keyClicks(field, "Drengen 010203-1234 har svært ved skolen")
    qtbot.waitUntil(lambda: warning.isVisible(), timeout=IDLE_MS + 2000)
    assert "CPR-nummer" in warning.text() and "010203-****" in warning.text()
    assert "1234" not in warning.text()
    screenshot(wall, "outputs-notes-cpr-warning")
    with fresh(demo_db) as db:
        step = meetings.get_meeting(db, c.ops.meeting.id).step("clarifying")
        assert step is not None and "010203-1234" in step.notes  # saved: the team fixes it
    # Replaced by a neutral label, the warning goes.
    field.selectAll()
    QTest.keyClicks(field, "Sag A har svært ved skolen")
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=IDLE_MS + 2000)


def test_a_copied_format_edited_and_saved_is_offered_at_the_start(wall, demo_db, board_id) -> None:
    c = wall.meetings
    c.show_settings()
    tap(sheet(wall, "settings-sheet"), "open-formats")
    formats = sheet(wall, "formats-sheet")
    tap(formats, "format-copy-sparring")
    editor = sheet(wall, "format-editor")
    name = editor.findChild(QLineEdit, "format-name")
    name.selectAll()
    QTest.keyClicks(name, "Vores sparring")
    # The second step first, the summary gone, the first one 8 minutes, a new question.
    tap(editor, "format-step-up-1")
    summary = [d.step.key if d.step else "" for d in editor.drafts].index("summary")
    tap(editor, f"format-step-remove-{summary}")
    minutes = editor.findChild(QLineEdit, "format-step-minutes-0")
    minutes.selectAll()
    QTest.keyClicks(minutes, "otte")
    tap(editor, "format-save")
    error = editor.findChild(QLabel, "error-format-step-minutes-0")
    assert error is not None and error.isVisible() and "otte" in error.text()
    minutes.selectAll()
    QTest.keyClicks(minutes, "8")
    questions = editor.findChild(QPlainTextEdit, "format-step-questions-0")
    questions.moveCursor(questions.textCursor().MoveOperation.End)
    QTest.keyClick(questions, Qt.Key.Key_Return)
    QTest.keyClicks(questions, "Hvad har I allerede prøvet?")
    if wall.keyboard.isVisible():  # the whole editor in the picture
        keys(wall, "hide")
    screenshot(wall, "outputs-format-editor")
    tap(editor, "format-save")
    assert gone(editor)

    from board.services import team_formats

    with fresh(demo_db) as db:
        saved = [f for f in team_formats.formats_for_board(db, board_id) if f.team]
    assert len(saved) == 1
    fmt = saved[0]
    assert fmt.texts[fmt.name_key] == "Vores sparring"
    assert [s.key for s in fmt.steps][:2] == ["clarifying", "question"]
    assert "summary" not in [s.key for s in fmt.steps]
    assert fmt.steps[0].minutes == 8
    assert fmt.texts[fmt.steps[0].questions[-1].key] == "Hvad har I allerede prøvet?"

    # The chooser offers it, as saved.
    tap(wall.top, "meeting")
    tap(c.panel, "choose-format")
    chooser = sheet(wall, "format-sheet")
    assert chooser.findChild(QPushButton, f"choice-{fmt.key}").text() == "Vores sparring"
    tap(chooser, f"choice-{fmt.key}")
    assert c.state.format.key == fmt.key
    assert c.state.format.steps[0].minutes == 8


def test_the_review_lists_the_points_since_the_last_and_makes_them_ideas_or_decisions(
    wall, demo_db, board_id
) -> None:
    first = learning_points.add_learning_point(
        demo_db, board_id, "Aftal altid næste skridt med familien", case_label="Sag C"
    ).point
    second = learning_points.add_learning_point(
        demo_db, board_id, "Inddrag skolen tidligt i forløbet"
    ).point
    c = start(wall, "sparring")
    go_to(c, "review")
    listed = c.panel.findChild(QWidget, "review-list")
    assert listed is not None and listed.isVisible()
    assert listed.findChild(QLabel, f"review-text-{first.id}").text() == first.text
    screenshot(wall, "outputs-review")

    tap(c.panel, f"review-idea-{first.id}")
    idea = sheet(wall, "idea-sheet")
    assert idea.findChild(QLineEdit, "idea-title").text() == first.text
    tap(idea, "idea-save")
    assert gone(idea)
    ideas = boards.load_board(demo_db, board_id).lane(Lane.IDEAS)
    assert any(x.title == first.text and x.meeting_id == c.ops.meeting.id for x in ideas)

    tap(c.panel, f"review-decision-{second.id}")
    decision = sheet(wall, "decision-sheet")
    assert decision.findChild(QPlainTextEdit, "decision-what").toPlainText() == second.text
    person = wall.store.people[1]
    tap(decision, f"person-{person.id}")
    tap(decision, "deadline-30")
    tap(decision, "decision-save")
    assert gone(decision)
    meeting = meetings.get_meeting(demo_db, c.ops.meeting.id)
    agreement = next(a for a in meeting.agreements if a.what == second.text)
    assert (agreement.step_key, agreement.owner_id) == ("review", person.id)
    assert agreement.deadline == date.today() + timedelta(days=30)


def test_what_the_service_refuses_in_a_format_is_shown_at_its_field(
    wall, demo_db, board_id
) -> None:
    c = wall.meetings
    c.show_settings()
    tap(sheet(wall, "settings-sheet"), "open-formats")
    tap(sheet(wall, "formats-sheet"), "format-copy-learning")
    editor = sheet(wall, "format-editor")
    title = editor.findChild(QLineEdit, "format-step-title-1")
    title.setText("Læringsspørgsmål " * 150)  # longer than a format's text may be
    tap(editor, "format-save")
    error = editor.findChild(QLabel, "error-format-step-title-1")
    assert error is not None and error.isVisible()
    assert "for lang" in error.text()
    assert not gone(editor)  # nothing saved: the team corrects it there
    title.setText("Læringsspørgsmål")
    tap(editor, "format-save")
    assert gone(editor)
