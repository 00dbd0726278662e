"""Starting the app: the first board (or the one named), in a window or on the wall."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from board.app import run
from board.domain.errors import NotFoundError
from board.domain.lanes import Lane
from board.services import boards


def _run_and_look(db, monkeypatch, **kwargs):  # type: ignore[no-untyped-def]
    """``run`` up to the event loop; the loop itself looks at the window and returns.

    (Running and leaving the real loop would leave Qt's "quit now" flag set, which stops
    every later test's waits from processing events.)
    """
    from board.ui.shell.board_window import BoardWindow

    seen: dict[str, object] = {}

    def exec_(_app: QApplication) -> int:
        QApplication.processEvents()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, BoardWindow)]
        shown = [w for w in windows if w.isVisible()]
        seen["window"] = shown[-1] if shown else None
        for window in windows:
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    code = run(db, **kwargs)
    return code, seen["window"]


def test_run_opens_the_first_board_in_danish(ui_db, seed, monkeypatch) -> None:
    code, window = _run_and_look(ui_db, monkeypatch, lang="da")
    assert code == 0
    assert window.store.board.id == seed.board_id
    assert window.board.lanes[Lane.IDEAS].card_ids() == seed.lanes[Lane.IDEAS]
    assert "Fortryd" in window.top.undo_button.text()
    assert not window.wall


def test_run_opens_a_named_board_on_the_wall(ui_db, seed, monkeypatch) -> None:
    other = boards.create_board(ui_db, "Forældrekurser")
    code, window = _run_and_look(
        ui_db, monkeypatch, lang="en", board_name="forældrekurser", wall=True
    )
    assert code == 0
    assert window.store.board.id == other.id
    assert window.wall and window.theme.wall
    assert "Undo" in window.top.undo_button.text()


def test_run_refuses_an_unknown_board_before_any_window(ui_db, seed) -> None:
    with pytest.raises(NotFoundError):
        run(ui_db, "da", board_name="Findes ikke")


def test_run_on_an_empty_database_makes_a_board(ui_db, monkeypatch) -> None:
    code, window = _run_and_look(ui_db, monkeypatch, lang="da")
    assert code == 0
    assert [b.board.name for b in boards.list_boards(ui_db)] == ["Vores forbedringstavle"]
    assert window.store.board.name == "Vores forbedringstavle"


def test_qt_calls_keep_their_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call until
    Python aborted; the dependency is pinned below it, and this guards the pin."""
    import sys

    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        widget.update()
    assert sys.getrefcount(None) >= before - 100
