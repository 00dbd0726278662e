"""Fixtures for the storage tests: Danish messages and a board to work on."""

import pytest

from board.domain.entities import Board
from board.i18n import set_language
from board.persistence.database import Database
from board.services import boards


@pytest.fixture(autouse=True)
def _danish() -> None:
    """The storage tests check the Danish messages users see."""
    set_language("da")


@pytest.fixture
def board(db: Database) -> Board:
    return boards.create_board(db, "Familieafdelingen")
