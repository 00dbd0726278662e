"""A team's own meeting formats (services.team_formats): copied with every text worded, kept
with the board, changed in the app and checked as strictly as a format file. On SQLite and
PostgreSQL, read back through a connection of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from board import i18n
from board.domain.entities import Board, MeetingKind
from board.domain.errors import BoardError
from board.domain.meeting_formats import FormatStep, MeetingFormat, Question, Speaking
from board.meeting_formats import (
    TeamFormatError,
    all_formats,
    format_document,
    format_from_document,
    format_text,
    get_format,
)
from board.persistence.database import Database, open_database
from board.services import boards, team_formats


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    i18n.set_language("da")
    yield
    i18n.set_language("da")


@pytest.fixture
def board(db: Database) -> Board:
    return boards.create_board(db, "Familieafdelingen")


def _fresh(db_url: str, board_id: int) -> list[MeetingFormat]:
    """The board's formats as another screen reads them."""
    other = open_database(db_url)
    try:
        return team_formats.formats_for_board(other, board_id)
    finally:
        other.close()


def _team(db_url: str, board_id: int) -> list[MeetingFormat]:
    return [f for f in _fresh(db_url, board_id) if f.team]


@pytest.mark.parametrize("fmt", all_formats(), ids=lambda f: f.key)
def test_a_format_document_reads_back_as_the_same_format(fmt: MeetingFormat) -> None:
    back = format_from_document(fmt.key, format_document(fmt), "test")
    assert replace(back, team=False) == fmt


@pytest.mark.parametrize("kind", [k.value for k in MeetingKind])
def test_a_copied_format_keeps_every_questions_wording(
    db: Database, db_url: str, board: Board, kind: str
) -> None:
    source = get_format(kind)
    copied = team_formats.copy_format(db, board.id, kind, "Vores udgave")
    i18n.set_language("en")  # the copy no longer follows the catalog
    [read] = _team(db_url, board.id)
    assert read == copied
    assert (read.key, read.kind, format_text(read, read.name_key)) == (
        "team-1",
        kind,
        "Vores udgave",
    )
    worded = [
        (
            step.key,
            format_text(read, step.title_key),
            [format_text(read, q.key) for q in step.questions],
        )
        for step in read.steps
    ]
    i18n.set_language("da")
    assert worded == [
        (step.key, i18n.tr(step.title_key), [i18n.tr(q.key) for q in step.questions])
        for step in source.steps
    ]
    follow_ups = [k for step in read.steps for q in step.questions for k in q.follow_up_keys]
    assert all(read.texts[k] == i18n.tr(k) for k in follow_ups)
    assert [s.key for s in read.steps] == [s.key for s in source.steps]


def test_formats_for_a_board_are_the_sources_then_its_own_not_archived(
    db: Database, db_url: str, board: Board
) -> None:
    first = team_formats.copy_format(db, board.id, "sparring", "Sparring kort")
    second = team_formats.copy_format(db, board.id, first.key, "Sparring lang")
    assert (second.key, second.kind) == ("team-2", "sparring")
    team_formats.archive_format(db, board.id, first.key)
    keys = [f.key for f in _fresh(db_url, board.id)]
    assert keys == [k.value for k in MeetingKind] + ["team-2"]
    # an archived format is still found for the meetings held in it
    assert team_formats.format_for(db, board.id, "sparring", "team-1") == replace(first)
    assert team_formats.format_for(db, board.id, "learning") == get_format("learning")


def test_steps_timeboxes_and_questions_are_changed_and_kept(
    db: Database, db_url: str, board: Board
) -> None:
    fmt = team_formats.copy_format(db, board.id, "sparring", "Vores sparring")
    step = fmt.steps[2]
    texts = {**fmt.texts, "own.q": "Hvad ville borgeren sige?", "own.title": "Tjek ud"}
    changed = replace(
        fmt,
        texts=texts,
        steps=(
            *fmt.steps[:2],
            replace(step, minutes=8, questions=(*step.questions[:2], Question("own.q"))),
            *fmt.steps[3:],
            FormatStep("checkout", "own.title", Speaking.ROUND, minutes=2),
        ),
        minutes=45,
        durations=(45,),
    )
    saved = team_formats.save_format(db, board.id, changed)
    [read] = _team(db_url, board.id)
    assert read == saved
    assert [format_text(read, q.key) for q in read.steps[2].questions] == [
        i18n.tr("format.sparring.q1"),
        i18n.tr("format.sparring.q2"),
        "Hvad ville borgeren sige?",
    ]
    assert (read.steps[2].minutes, format_text(read, read.steps[-1].title_key)) == (8, "Tjek ud")


def _empty_title(fmt: MeetingFormat) -> MeetingFormat:
    return replace(fmt, texts={**fmt.texts, fmt.steps[1].title_key: "  "})


def _minutes(fmt: MeetingFormat) -> MeetingFormat:
    return replace(fmt, steps=(replace(fmt.steps[0], minutes=0), *fmt.steps[1:]))


def _too_many(fmt: MeetingFormat) -> MeetingFormat:
    return replace(fmt, steps=(replace(fmt.steps[0], minutes=600), *fmt.steps[1:]))


def _too_long_for_the_meeting(fmt: MeetingFormat) -> MeetingFormat:
    return replace(fmt, steps=(replace(fmt.steps[0], minutes=30), *fmt.steps[1:]))


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            _empty_title,
            "Mødeformatet »Vores sparring« kan ikke gemmes – trin nr. 2, feltet »titel«: "
            "Her skal stå en tekst – feltet er tomt. Ret det, og prøv igen. Intet er gemt.",
        ),
        (
            _minutes,
            "Mødeformatet »Vores sparring« kan ikke gemmes – trin nr. 1, feltet »minutter«: "
            "Tallet skal være større end 0, ikke 0. Ret det, og prøv igen. Intet er gemt.",
        ),
        (
            _too_many,
            "Mødeformatet »Vores sparring« kan ikke gemmes – trin nr. 1, feltet »minutter«: "
            "Tallet må højst være 480, ikke 600. Ret det, og prøv igen. Intet er gemt.",
        ),
        (
            _too_long_for_the_meeting,
            "Mødeformatet »Vores sparring« kan ikke gemmes – feltet »varigheder« nr. 1: "
            "Trinnene med faste minutter tager 60 min og passer ikke til et møde på 40 min. "
            "Ret det, og prøv igen. Intet er gemt.",
        ),
    ],
    ids=["a step with no title", "zero minutes", "minutes out of range", "steps exceed length"],
)
def test_a_bad_edit_is_refused_in_words_and_nothing_is_saved(
    db: Database, db_url: str, board: Board, edit: Any, words: str
) -> None:
    fmt = team_formats.copy_format(db, board.id, "sparring", "Vores sparring")
    with pytest.raises(TeamFormatError) as caught:
        team_formats.save_format(db, board.id, edit(fmt))
    assert caught.value.message() == words
    assert _team(db_url, board.id) == [fmt]


def test_a_copy_needs_a_name_and_an_unknown_format_is_a_message(
    db: Database, db_url: str, board: Board
) -> None:
    with pytest.raises(BoardError) as caught:
        team_formats.copy_format(db, board.id, "sparring", "  ")
    assert caught.value.message() == "Feltet »Formatets navn« skal udfyldes."
    with pytest.raises(BoardError) as caught:
        team_formats.copy_format(db, board.id, "team-7", "Kopi")
    assert caught.value.message().startswith("Mødeformatet »team-7« findes ikke. Vælg et af")
    assert _team(db_url, board.id) == []
