"""The demo board of Hæfte 4 on a fresh SQLite file, and helpers to read a PDF back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from board.persistence.database import Database, open_database
from board.services.boards import find_board
from board.services.demo import TEST_TITLE, create_demo

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class Demo:
    db: Database
    board_id: int
    card_title: str = TEST_TITLE


def _open_demo(folder: Path) -> Demo:
    db = open_database(f"sqlite:///{folder}/b.sqlite3")
    name = create_demo(db)
    return Demo(db, find_board(db, name).id)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """A demo board shared by the tests of one module that only read it."""
    d = _open_demo(tmp_path_factory.mktemp("demo"))
    yield d
    d.db.close()


@pytest.fixture
def own_demo(tmp_path: Path) -> Iterator[Demo]:
    """A demo board of this test's own, free to change."""
    d = _open_demo(tmp_path)
    yield d
    d.db.close()


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF with runs of white space (line breaks of wrapped text) as one space."""
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)
