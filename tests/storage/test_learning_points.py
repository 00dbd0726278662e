"""Learning points (læringspunkter) kept with the board, on SQLite and PostgreSQL.

Each rule is checked by what a user would notice: the database read back through a fresh
connection, the message in Danish, nothing written when a save is refused.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from board.domain.entities import Board, LearningPoint
from board.domain.errors import ConflictError, ImportFieldError, NotFoundError, ValidationError
from board.persistence.database import Database, open_database
from board.services import boards, learning_points, meetings, people, transfer
from board.services.common import today

from .helpers import assert_danish_message

SPARRING = "Ved overgangen fra graviditet til fødsel skal rådgiver og familiekonsulent afstemme …"


def _fresh(db_url: str, board_id: int, **options: object) -> list[LearningPoint]:
    """The board's learning points as another screen reads them: a connection of its own."""
    other = open_database(db_url)
    try:
        return learning_points.list_learning_points(other, board_id, **options)  # type: ignore[arg-type]
    finally:
        other.close()


def test_a_learning_point_is_noted_with_its_meeting_case_and_who_noted_it(
    db: Database, db_url: str, board: Board
) -> None:
    gitte = people.add_person(db, board.id, "Gitte Holm")
    meeting = meetings.start_meeting(db, board.id, "sparring", 60)
    saved = learning_points.add_learning_point(
        db,
        board.id,
        SPARRING,
        noted_on="24.11.2026",
        meeting_id=meeting.id,
        case_label="Sag A – ung mor",
        noted_by_id=gitte.id,
    )
    assert not saved.cpr_warning
    [point] = _fresh(db_url, board.id)
    assert (point.text, point.noted_on, point.meeting_id, point.case_label, point.noted_by_id) == (
        SPARRING,
        date(2026, 11, 24),
        meeting.id,
        "Sag A – ung mor",
        gitte.id,
    )
    assert point == saved.point and not point.archived and point.created_at is not None


def test_a_point_without_a_date_is_noted_today(db: Database, board: Board) -> None:
    saved = learning_points.add_learning_point(db, board.id, "Spørg altid til netværket")
    assert saved.point.noted_on == today()
    assert (saved.point.meeting_id, saved.point.case_label, saved.point.noted_by_id) == (
        None,
        "",
        None,
    )


@pytest.mark.parametrize(
    ("given", "key", "field"),
    [
        ({"point_text": "  \n "}, "error.required", "field.learning_point"),
        ({"point_text": "x" * 100_001}, "error.too_long", "field.learning_point"),
        ({"case_label": "y" * 121}, "error.too_long", "field.case_label"),
        ({"noted_on": "31.2.2026"}, "error.bad_date", "field.noted_on"),
    ],
    ids=["empty text", "text too long", "label too long", "no such day"],
)
def test_a_refused_point_says_why_and_writes_nothing(
    db: Database, db_url: str, board: Board, given: dict[str, str], key: str, field: str
) -> None:
    values = {"point_text": "Et læringspunkt", **given}
    with pytest.raises(ValidationError) as caught:
        learning_points.add_learning_point(db, board.id, values.pop("point_text"), **values)
    assert (caught.value.key, caught.value.params["field"]) == (key, field)
    assert_danish_message(caught.value)
    assert _fresh(db_url, board.id) == []


@pytest.mark.parametrize("label", ["Sag 010203-1234", "Familie 0102031234", "Sag 010203 1234"])
def test_a_cpr_number_in_the_case_label_is_refused(
    db: Database, db_url: str, board: Board, label: str
) -> None:
    """A case's label must not identify anyone: a CPR number there is never saved."""
    with pytest.raises(ValidationError) as caught:
        learning_points.add_learning_point(db, board.id, "Tekst", case_label=label)
    assert caught.value.key == "error.case_label_cpr"
    assert "CPR-nummer" in assert_danish_message(caught.value)
    assert _fresh(db_url, board.id) == []
    ok = learning_points.add_learning_point(db, board.id, "Tekst", case_label="Sag B")
    with pytest.raises(ValidationError):
        learning_points.edit_learning_point(db, ok.point.id, None, case_label=label)
    assert [p.case_label for p in _fresh(db_url, board.id)] == ["Sag B"]


def test_a_cpr_number_in_the_text_is_saved_and_reported_for_a_warning(
    db: Database, db_url: str, board: Board
) -> None:
    saved = learning_points.add_learning_point(
        db, board.id, "Husk at rette journalen for 010203-1234 inden fredag"
    )
    assert saved.cpr_warning and saved.cpr == ("010203-****",)
    assert len(_fresh(db_url, board.id)) == 1  # saved: the warning is calm, not a refusal
    fixed = learning_points.edit_learning_point(
        db, saved.point.id, saved.point.version, point_text="Husk at rette journalen"
    )
    assert not fixed.cpr_warning


def test_an_edit_based_on_an_old_version_is_refused(
    db: Database, db_url: str, board: Board
) -> None:
    saved = learning_points.add_learning_point(db, board.id, "Først")
    other = learning_points.edit_learning_point(
        db, saved.point.id, saved.point.version, point_text="Rettet på væggen"
    )
    assert other.point.version == saved.point.version + 1
    with pytest.raises(ConflictError) as caught:
        learning_points.edit_learning_point(
            db, saved.point.id, saved.point.version, point_text="Rettet på den bærbare"
        )
    assert "Læringspunktet er ændret" in assert_danish_message(caught.value)
    with pytest.raises(ConflictError):
        learning_points.archive_learning_point(db, saved.point.id, saved.point.version)
    [point] = _fresh(db_url, board.id)
    assert (point.text, point.archived) == ("Rettet på væggen", False)


def test_every_field_can_be_edited(db: Database, db_url: str, board: Board) -> None:
    mette = people.add_person(db, board.id, "Mette Lund")
    meeting = meetings.start_meeting(db, board.id)
    saved = learning_points.add_learning_point(db, board.id, "Før", case_label="Sag A")
    learning_points.edit_learning_point(
        db,
        saved.point.id,
        saved.point.version,
        point_text="Efter",
        noted_on="2026-10-01",
        meeting_id=meeting.id,
        case_label="",
        noted_by_id=mette.id,
    )
    [point] = _fresh(db_url, board.id)
    assert (point.text, point.noted_on, point.meeting_id, point.case_label, point.noted_by_id) == (
        "Efter",
        date(2026, 10, 1),
        meeting.id,
        "",
        mette.id,
    )


def test_archive_and_restore(db: Database, db_url: str, board: Board) -> None:
    saved = learning_points.add_learning_point(db, board.id, "Arkivér mig")
    archived = learning_points.archive_learning_point(db, saved.point.id, saved.point.version)
    assert _fresh(db_url, board.id) == []
    assert [p.archived for p in _fresh(db_url, board.id, include_archived=True)] == [True]
    learning_points.restore_learning_point(db, archived.id, archived.version)
    assert [p.text for p in _fresh(db_url, board.id)] == ["Arkivér mig"]


def test_listed_newest_first_and_since_a_day(db: Database, board: Board) -> None:
    day = date(2026, 11, 30)
    for n, ago in enumerate((60, 3, 30, 3)):
        learning_points.add_learning_point(
            db, board.id, f"Punkt {n}", noted_on=day - timedelta(days=ago)
        )
    listed = learning_points.list_learning_points(db, board.id)
    # the newest day first; two on one day: the one noted last first
    assert [p.text for p in listed] == ["Punkt 3", "Punkt 1", "Punkt 2", "Punkt 0"]
    since = learning_points.list_learning_points(db, board.id, since=day - timedelta(days=30))
    assert [p.text for p in since] == ["Punkt 3", "Punkt 1", "Punkt 2"]  # the day itself counts
    with pytest.raises(ValidationError):
        learning_points.list_learning_points(db, board.id, since="i går")


def test_search_ignores_case_also_for_danish_letters(db: Database, board: Board) -> None:
    learning_points.add_learning_point(db, board.id, "Ældre søskende skal inddrages tidligt")
    learning_points.add_learning_point(db, board.id, "Netværket", case_label="SAG Ø")
    gone = learning_points.add_learning_point(db, board.id, "Ældre punkt, arkiveret")
    learning_points.archive_learning_point(db, gone.point.id, None)
    learning_points.add_learning_point(db, board.id, "Noget andet")

    def found(query: str) -> list[str]:
        return [p.text for p in learning_points.search_learning_points(db, board.id, query)]

    assert found("ÆLDRE SØSKENDE") == ["Ældre søskende skal inddrages tidligt"]
    assert found("sag ø") == ["Netværket"]  # the case label is searched too
    assert found("ældre") == ["Ældre søskende skal inddrages tidligt"]  # not the archived one
    assert len(found("  ")) == 3
    assert found("findes ikke") == []


def test_the_meeting_and_the_person_must_be_on_the_same_board(db: Database, board: Board) -> None:
    other = boards.create_board(db, "Et andet team")
    stranger = people.add_person(db, other.id, "Fremmed")
    their_meeting = meetings.start_meeting(db, other.id)
    with pytest.raises(NotFoundError):
        learning_points.add_learning_point(db, board.id, "x", meeting_id=their_meeting.id)
    with pytest.raises(ValidationError) as caught:
        learning_points.add_learning_point(db, board.id, "x", noted_by_id=stranger.id)
    assert caught.value.key == "error.unknown_person"
    with pytest.raises(NotFoundError) as gone:
        learning_points.edit_learning_point(db, 999_999, None, point_text="x")
    assert "Læringspunktet findes ikke" in gone.value.message()
    assert learning_points.list_learning_points(db, board.id) == []


def test_a_removed_meeting_or_person_leaves_the_point_and_a_removed_board_takes_it(
    db: Database, board: Board
) -> None:
    """The foreign keys of revision 0003: meeting and person SET NULL, board CASCADE."""
    person = people.add_person(db, board.id, "Hanne Krogh")
    meeting = meetings.start_meeting(db, board.id)
    learning_points.add_learning_point(
        db, board.id, "Bliver", meeting_id=meeting.id, noted_by_id=person.id
    )
    with db.write() as s:
        s.execute(text("DELETE FROM attendance WHERE meeting_id = :m"), {"m": meeting.id})
        s.execute(text("DELETE FROM meeting WHERE id = :m"), {"m": meeting.id})
        s.execute(text("DELETE FROM person WHERE id = :p"), {"p": person.id})
    [point] = learning_points.list_learning_points(db, board.id)
    assert (point.text, point.meeting_id, point.noted_by_id) == ("Bliver", None, None)
    with db.write() as s:
        s.execute(text("DELETE FROM board WHERE id = :b"), {"b": board.id})
    with db.read() as s:
        assert s.scalar(text("SELECT count(*) FROM learning_point")) == 0


def test_export_then_import_keeps_the_points_and_their_meeting(
    db: Database, board: Board, tmp_path: Path
) -> None:
    person = people.add_person(db, board.id, "Joan Berg")
    meetings.start_meeting(db, board.id)  # an earlier meeting: the refs are not the ids
    first = meetings.list_meetings(db, board.id)[0]
    meetings.end_meeting(db, first.id)
    meeting = meetings.start_meeting(db, board.id, "learning", 30)
    learning_points.add_learning_point(
        db, board.id, "Med møde", meeting_id=meeting.id, case_label="Sag C", noted_by_id=person.id
    )
    gone = learning_points.add_learning_point(db, board.id, "Arkiveret", noted_on="1.9.2026")
    learning_points.archive_learning_point(db, gone.point.id, None)
    path = tmp_path / "tavle.json"
    transfer.export_to_file(db, board.id, path)
    copy = boards.find_board(db, transfer.import_from_file(db, path))
    assert copy.id != board.id
    points = learning_points.list_learning_points(db, copy.id, include_archived=True)
    assert [(p.text, p.case_label, p.archived) for p in points] == [
        ("Med møde", "Sag C", False),
        ("Arkiveret", "", True),
    ]
    [copied_meeting] = [m for m in meetings.list_meetings(db, copy.id) if m.kind == "learning"]
    assert points[0].meeting_id == copied_meeting.id
    assert [p.name for p in people.list_people(db, copy.id) if p.id == points[0].noted_by_id] == [
        "Joan Berg"
    ]
    document = transfer.export_board(db, copy.id)
    assert document["learning_points"] == transfer.export_board(db, board.id)["learning_points"]


def test_a_file_with_a_cpr_number_as_case_label_is_refused_and_nothing_imported(
    db: Database, board: Board
) -> None:
    learning_points.add_learning_point(db, board.id, "Punkt", case_label="Sag A")
    document = transfer.export_board(db, board.id)
    document["learning_points"][0]["case_label"] = "010203\u20131234"  # an en dash, as Word writes
    with pytest.raises(ImportFieldError) as caught:
        transfer.import_document(db, document, "tavle.json")
    message = caught.value.message()
    assert "læringspunkt nr. 1" in message and "CPR-nummer" in message
    assert "1234" not in message  # the number itself is never repeated
    assert [s.board.name for s in boards.list_boards(db)] == [board.name]  # nothing imported


def test_a_file_naming_a_meeting_it_lacks_is_refused_in_words(db: Database, board: Board) -> None:
    learning_points.add_learning_point(db, board.id, "Punkt")
    document = transfer.export_board(db, board.id)
    document["learning_points"][0]["meeting"] = 3
    with pytest.raises(ImportFieldError) as caught:
        transfer.import_document(db, document, "tavle.json")
    assert "læringspunkt nr. 1, møde" in caught.value.message()
    assert [s.board.name for s in boards.list_boards(db)] == [board.name]  # nothing imported
    older = {k: v for k, v in transfer.export_board(db, board.id).items() if k != "learning_points"}
    name = transfer.import_document(db, older)  # a file made before learning points existed
    assert learning_points.list_learning_points(db, boards.find_board(db, name).id) == []
