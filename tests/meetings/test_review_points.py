"""The periodic review of the learning points (003, "mindst hver anden måned"): the points
noted since the last meeting that held a "review" step, read through a connection of its own
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from board.persistence.database import Database, open_database
from board.services import boards, learning_points, meeting_steps, meetings

TODAY = date.today()


def _board(db: Database) -> int:
    return boards.create_board(db, "Teamet").id


def _point(db: Database, board_id: int, text: str, days_ago: int, **kw: object) -> None:
    learning_points.add_learning_point(
        db,
        board_id,
        text,
        noted_on=TODAY - timedelta(days=days_ago),
        **kw,  # type: ignore[arg-type]
    )


def _review(db_url: str, board_id: int, today: date | None = None) -> list[str]:
    other = open_database(db_url)
    try:
        return [p.text for p in learning_points.review_points(other, board_id, today)]
    finally:
        other.close()


def _sparring(db: Database, board_id: int, review_notes: str = "") -> int:
    meeting = meetings.start_meeting(db, board_id, "sparring", 40)
    meeting_steps.set_step_notes(db, meeting.id, "question", "Sag B: et spørgsmål")
    if review_notes:
        meeting_steps.set_step_notes(db, meeting.id, "review", review_notes)
    return meeting.id


def test_without_a_review_every_point_up_to_today_newest_first(db: Database, db_url: str) -> None:
    board_id = _board(db)
    _point(db, board_id, "Gammelt punkt", 200)
    _point(db, board_id, "Nyt punkt", 3)
    _point(db, board_id, "Dateret i morgen", -1)
    _point(db, board_id, "Arkiveret punkt", 5)
    archived = learning_points.search_learning_points(db, board_id, "Arkiveret")[0]
    learning_points.archive_learning_point(db, archived.id, archived.version)
    # a sparring that did not hold the review step is no review
    meetings.end_meeting(db, _sparring(db, board_id))

    assert _review(db_url, board_id) == ["Nyt punkt", "Gammelt punkt"]
    assert _review(db_url, board_id, TODAY + timedelta(days=1))[0] == "Dateret i morgen"


def test_after_a_review_only_the_points_noted_since(db: Database, db_url: str) -> None:
    board_id = _board(db)
    _point(db, board_id, "Før gennemgangen", 20)
    review = _sparring(db, board_id, "Vi gennemgik tre punkter; ét blev en idé.")
    learning_points.add_learning_point(db, board_id, "Noteret ved gennemgangen", meeting_id=review)
    meetings.end_meeting(db, review)
    _point(db, board_id, "Efter gennemgangen", 0)
    _point(db, board_id, "Dateret efter gennemgangen", -2)

    assert _review(db_url, board_id) == ["Efter gennemgangen"]
    assert _review(db_url, board_id, TODAY + timedelta(days=3)) == [
        "Dateret efter gennemgangen",
        "Efter gennemgangen",
    ]
    # asked as of a day before the review: that review had not happened yet
    assert _review(db_url, board_id, TODAY - timedelta(days=1)) == ["Før gennemgangen"]


def test_a_decision_made_at_the_review_step_marks_a_review_too(db: Database, db_url: str) -> None:
    board_id = _board(db)
    _point(db, board_id, "Før gennemgangen", 20)
    review = _sparring(db, board_id)
    meeting_steps.add_decision(db, review, "Nyt første brev til gravide", None, None, "review")
    meetings.end_meeting(db, review)

    assert _review(db_url, board_id) == []


def test_a_running_review_does_not_hide_the_points_it_reviews(db: Database, db_url: str) -> None:
    board_id = _board(db)
    _point(db, board_id, "Til gennemgang", 10)
    _sparring(db, board_id, "Gennemgangen er i gang.")

    assert _review(db_url, board_id) == ["Til gennemgang"]
