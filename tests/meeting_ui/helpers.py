"""Driving the meeting as a team would: taps on the wall, a clock the test moves, a real
SMTP server, and waiting while the event loop runs (background jobs report through it)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QScrollArea, QWidget
from ui.helpers import ARTIFACTS, Finger, screenshot

__all__ = [
    "ARTIFACTS",
    "FakeClock",
    "screenshot",
    "tap",
    "use_smtp",
    "wait_for",
]


@dataclass
class FakeClock:
    """The meeting's time, moved by the test instead of waited for."""

    now: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def tap(host: QWidget, name: str) -> QPushButton:
    """A finger on the button called ``name`` somewhere in ``host`` (visible and enabled).

    Pending events run first, as a person sees the screen before touching it: a page just
    rebuilt shows its new buttons (and lays them out) at the next turn of the event loop.
    """
    QTest.qWait(60)
    found = [b for b in host.findChildren(QPushButton, name) if b.isVisible()]
    assert found, f"no visible button {name!r}"
    button = found[0]
    assert button.isEnabled(), f"button {name!r} cannot be pressed"
    parent = button.parentWidget()
    while parent is not None:  # a person scrolls a long page to the button first
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(button)
            QTest.qWait(10)
        parent = parent.parentWidget()
    finger = Finger(button)
    centre = QPoint(button.width() // 2, button.height() // 2)
    finger.press(centre)
    finger.release(centre)
    return button


def wait_for(qtbot, predicate, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        qtbot.wait(10)


def use_smtp(settings_file: Path, port: int, **smtp: object) -> None:
    data = json.loads(settings_file.read_text(encoding="utf-8"))
    data["smtp"] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "sender": "tavlen@kommune.example",
        **smtp,
    }
    settings_file.write_text(json.dumps(data), encoding="utf-8")
