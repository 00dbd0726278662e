"""The photo of the board: the window's own drawing, offscreen, written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from board.domain.lanes import Lane
from board.ui.shell.photo import render_board_png

from .helpers import ARTIFACTS


def test_the_photo_is_drawn_exactly_as_the_window_draws_the_board(
    qtbot, ui_db, seed, tmp_path: Path
) -> None:
    from board.ui.shell.board_window import BoardWindow

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


def _difference(a: QImage, b: QImage, size: tuple[int, int] = (384, 216)) -> float:
    """Mean difference (0-255) of two pictures seen at the same small size."""
    from PySide6.QtCore import Qt

    def small(image: QImage) -> QImage:
        return image.scaled(
            *size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
        ).convertToFormat(QImage.Format.Format_RGB888)

    x, y = small(a), small(b)
    first, second = bytes(x.constBits()), bytes(y.constBits())
    return sum(abs(p - q) for p, q in zip(first, second, strict=True)) / len(first)


def test_a_4k_photo_is_the_full_hd_board_drawn_sharper_not_smaller(ui_db, seed) -> None:
    """Text takes the same share of a 3840x2160 photo as of a 1920x1080 one (as the minutes'
    2x photo), so the picture reads the same on a 4K screen or printed."""
    ARTIFACTS.mkdir(exist_ok=True)
    full_hd, four_k, larger = (ARTIFACTS / f"photo-{n}.png" for n in ("1080p", "4k", "1440p"))
    render_board_png(ui_db, seed.board_id, full_hd)
    render_board_png(ui_db, seed.board_id, four_k, size=(3840, 2160))
    render_board_png(ui_db, seed.board_id, larger, size=(2560, 1440))
    reference = QImage(str(full_hd))
    sharp = QImage(str(four_k))
    assert sharp.size().toTuple() == (3840, 2160)
    assert QImage(str(larger)).size().toTuple() == (2560, 1440)
    assert _difference(sharp, reference) < 1
    assert _difference(QImage(str(larger)), reference) < 1
    # What a photo laid out at its own size looks like: more board in smaller type.
    from board.services.boards import load_board
    from board.ui.shell.photo import board_image

    spread_out = board_image(load_board(ui_db, seed.board_id), (3840, 2160))
    assert _difference(spread_out, reference) > 4  # (measured: 0.1 and 0.4 against 8.5)
