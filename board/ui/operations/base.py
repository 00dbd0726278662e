"""What every operations layer shares: the one way an action is attempted.

A refused action becomes one calm, translated message, never a dialog or a traceback. When
the data moved on under it (a stale version, or a record gone: another screen changed it),
the layer first reads again what it shows (``reload``), so the screen matches the database
when the message is read. The message goes to the sheet that asked, at its field (see
error_sink), else to the window's banner; a later success withdraws a banner that is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from board.domain.errors import BoardError, ConflictError, NotFoundError
from board.i18n import tr
from board.ui.common import error_sink

_log = logging.getLogger(__name__)
T = TypeVar("T")


class Operations(QObject):
    """Base of BoardSteps (cards, goals, the template) and MeetingOperations."""

    message = Signal(str)  # a translated, user-readable message
    recovered = Signal(str)  # an action succeeded after this error message: it is stale

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._failed: str | None = None  # the last error worded in the banner

    def reload(self) -> None:
        """Read again what this layer shows (after a conflict); never raises."""
        raise NotImplementedError

    def attempt(self, action: Callable[[], T], *, conflict_key: str | None = None) -> T | None:
        """Run ``action``; on a BoardError show its message (reloading if the data moved on).

        ``conflict_key`` words a conflict for the caller (the template keeps typed text).
        """
        try:
            result = action()
        except (ConflictError, NotFoundError) as exc:
            _log.info("changed elsewhere: %s (%s)", type(exc).__name__, type(self).__name__)
            self.reload()
            conflict = conflict_key is not None and isinstance(exc, ConflictError)
            self._fail(exc, tr(conflict_key) if conflict_key and conflict else exc.message())
        except BoardError as exc:
            _log.info("action refused: %s (%s)", type(exc).__name__, type(self).__name__)
            self._fail(exc, exc.message())
        else:
            if self._failed is not None:
                stale, self._failed = self._failed, None
                self.recovered.emit(stale)
            return result
        return None

    def _fail(self, error: BoardError, text: str) -> None:
        if error_sink.report(error, text):
            return
        self._failed = text
        self.message.emit(text)
