"""The photo of the board: the window's own drawing, offscreen, written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from board.domain.lanes import Lane
from board.ui.photo import render_board_png

from .helpers import ARTIFACTS


def test_the_photo_is_drawn_exactly_as_the_window_draws_the_board(
    qtbot, ui_db, seed, tmp_path: Path
) -> None:
    from board.ui.board_window import BoardWindow

    (tmp_path / "photos").mkdir()
    target = tmp_path / "photos" / "tavle.png"
    render_board_png(ui_db, seed.board_id, target, size=(1600, 900))
    photo = QImage(str(target))
    assert (photo.width(), photo.height()) == (1600, 900)
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind

    win = BoardWindow(ui_db, seed.board_id)
    qtbot.addWidget(win)
    win.resize(1600, 900)
    win.show()
    board = win.board.geometry()
    shown = win.board.grab().toImage().convertToFormat(photo.format())
    assert photo.copy(board) == shown  # pixel for pixel: same widgets, same painting
    assert win.board.lanes[Lane.IDEAS].card_ids() == seed.lanes[Lane.IDEAS]


def test_a_wall_photo_at_full_hd(ui_db, seed) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "photo-wall-1920x1080.png"
    target.unlink(missing_ok=True)
    render_board_png(ui_db, seed.board_id, target, wall=True)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1920, 1080)
    laptop = ARTIFACTS / "photo-1366x768.png"
    render_board_png(ui_db, seed.board_id, laptop, size=(1366, 768))
    assert QImage(str(laptop)).size().toTuple() == (1366, 768)


def test_a_photo_that_cannot_be_written_says_so(ui_db, seed, tmp_path: Path) -> None:
    import pytest

    from board.domain.errors import BoardError

    with pytest.raises(BoardError) as failure:
        render_board_png(ui_db, seed.board_id, tmp_path / "missing" / "tavle.png")
    assert "tavle.png" in failure.value.message()
