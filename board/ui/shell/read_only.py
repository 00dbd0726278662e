"""A display screen's template pages: read, scrolled and printed, never changed.

The database role may only read (``Database.read_only``). The board turns its own gestures
off (``BoardWidget.set_read_only``); the template pages are many parts that show and hide
their buttons as they sync, so one application event filter keeps them read-only whatever
they rebuild: text fields are made read-only when shown, the buttons that would change
something are hidden (or, where their face is what the page shows — the decision, the
rung, the chart's kind, the owner, a measurement — kept and made deaf), and only the
buttons that move around the page, print or save a file answer.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget
from shiboken6 import isValid

from board.ui.template.base_page import TemplatePage

# Buttons of a page that only look: back, print, which cycle or step is shown, links to
# other cards and goals, "show all", and saving a chart or the data to a file.
_LOOKING = re.compile(
    r"template-back|template-print|cycle-\d+|step-(plan|do|study|act)|open-goal-\d+"
    r"|catalogue-\d+|goal-card-\d+|[\w-]+-all|chart-save|data-csv"
)
_PRESSES = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
)
_ACTIVATING_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


def _on_a_page(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, TemplatePage):
            return True
        parent = parent.parentWidget()
    return False


# Buttons whose face is what the page shows (who owns the card, its goals; a measurement's
# row is unnamed): kept in sight, deaf.
_SHOWING = {"template-owner", "template-goals"}


def _changes(button: QAbstractButton) -> bool:
    return _LOOKING.fullmatch(button.objectName()) is None


def _hidden(button: QAbstractButton) -> bool:
    """An action button: nothing to see on it, so not shown at all."""
    name = button.objectName()
    return bool(name) and name not in _SHOWING and not button.isCheckable() and _changes(button)


class ReadOnlyPages(QObject):
    """Installed on the application while a read-only window is open (see module doc); it
    touches only that window's pages (another window may be able to write)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Show:
            if isinstance(watched, QLineEdit | QPlainTextEdit) and _on_a_page(watched):
                watched.setReadOnly(True)
                watched.setPlaceholderText("")  # "Skriv her" invites what cannot be done
            elif isinstance(watched, QAbstractButton) and _hidden(watched) and _on_a_page(watched):
                QTimer.singleShot(0, lambda b=watched: isValid(b) and b.hide())
            return False
        if kind == QEvent.Type.FocusIn:
            if isinstance(watched, QLineEdit | QPlainTextEdit) and _on_a_page(watched):
                watched.setReadOnly(True)
            return False
        if kind in _PRESSES or (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ACTIVATING_KEYS
        ):
            return (
                isinstance(watched, QAbstractButton) and _changes(watched) and _on_a_page(watched)
            )
        return False
