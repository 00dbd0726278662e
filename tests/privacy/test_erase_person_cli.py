"""Issue 13, item 3 from the command line: ``erase-person BOARD NAME`` turns a person who has
left into »Tidligere medarbejder n« everywhere (frozen minutes too), keeps the history, says
how many places changed and never the name; an unknown name is refused naming nobody."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from board.domain.entities import MeetingKind
from board.persistence.database import Database, open_database
from board.persistence.records import CardRecord, PersonRecord, PrivacyRecord
from board.services import boards, cards, meetings, people, privacy

from .test_redact import _cli

DONE = re.compile(r"Personen hedder nu »Tidligere medarbejder (\d+)« – ændret (\d+) steder på tavlen »Sagsteamet«\.\n")  # fmt: skip  # noqa: E501


def _fill(db: Database) -> tuple[int, int, int]:
    """Two people on a board, both named in a card and in an ended meeting's minutes."""
    board = boards.create_board(db, "Sagsteamet")
    birgitte = people.add_person(db, board.id, "Birgitte Lund", "BL", "birgitte@kommune.dk")
    lene = people.add_person(db, board.id, "Lene Holm", "LH")
    people.add_person(db, board.id, "Lene Holmberg", "LHB")  # another person, left alone
    card = cards.add_card(
        db, board.id, "Fælles mødetid", description="Birgitte Lund og Lene Holm aftaler tid",
        owner_id=birgitte.id,
    )  # fmt: skip
    meeting = meetings.start_meeting(db, board.id, MeetingKind.PROGRESS)
    meetings.set_present(db, meeting.id, birgitte.id, True)
    meetings.add_agreement(db, meeting.id, "Birgitte Lund ringer til Lene Holm", owner_id=lene.id)
    meetings.end_meeting(db, meeting.id)
    return board.id, birgitte.id, card.id


def test_a_person_erased_from_the_command_line_is_a_numbered_label_everywhere(
    db: Database, db_url: str
) -> None:
    board_id, birgitte_id, card_id = _fill(db)
    assert privacy.find(db, board_id, "Birgitte Lund")

    unknown = _cli("erase-person", "--db", db_url, "Sagsteamet", "Birgitte Lunde")

    assert unknown.returncode == 2
    assert unknown.stderr == (
        "forbedringstavle: Der er ingen person med det navn på tavlen »Sagsteamet«."
        " Skriv navnet, som det står på tavlen.\n"
    )  # the board's people are not listed
    assert unknown.stdout == ""

    done = _cli("erase-person", "--db", db_url, "sagsteamet", "  birgitte   LUND ")

    assert done.returncode == 0, done.stderr
    said = DONE.fullmatch(done.stdout)
    assert said is not None, done.stdout
    assert "Birgitte" not in done.stdout and said.group(1) == "1"
    fresh = open_database(db_url)
    try:
        with fresh.read() as s:
            person = s.get(PersonRecord, birgitte_id)
            assert person is not None
            assert (person.name, person.email) == ("Tidligere medarbejder 1", "")
            card = s.get(CardRecord, card_id)
            assert card is not None and card.owner_id == birgitte_id  # history kept
            assert card.description == "Tidligere medarbejder 1 og Lene Holm aftaler tid"
            record = s.scalars(select(PrivacyRecord)).one()
            assert (record.action, record.places) == ("erase_person", int(said.group(2)))
        assert privacy.find(fresh, board_id, "Birgitte Lund") == []
        assert privacy.find(fresh, board_id, "Lene Holm")  # the other person is untouched
    finally:
        fresh.close()
    found = _cli("find", "--db", db_url, "Sagsteamet", "birgitte lund")
    assert found.stdout == "»birgitte lund« står ingen steder på tavlen »Sagsteamet«.\n"

    second = _cli("erase-person", "--db", db_url, "Sagsteamet", "Lene Holm")

    assert second.returncode == 0, second.stderr
    said = DONE.fullmatch(second.stdout)
    assert said is not None and said.group(1) == "2"  # two erased people stay apart
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(PrivacyRecord)) == 2
        names = set(s.scalars(select(PersonRecord.name)))
    assert names == {"Tidligere medarbejder 1", "Tidligere medarbejder 2", "Lene Holmberg"}
