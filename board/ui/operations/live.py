"""Live updates: tells a window that another screen (or process) changed the database.

PostgreSQL: a QSocketNotifier wakes us when a notification arrives (no polling), and a liveness
probe every few seconds notices a dead link. SQLite: a timer compares ``PRAGMA data_version``.
A lost connection emits ``lost`` (with the time of the last good contact), then reconnects with
back-off; once back, ``restored`` and at once ``changed(None)`` so the screen catches up.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from board.domain.errors import StorageError
from board.persistence.change_feed import ChangeListener, Changes

if TYPE_CHECKING:
    from board.persistence.database import Database

SQLITE_POLL_MS = 200
CHECK_MS = 5000
BACK_OFF_S = (1, 2, 4, 8, 15, 30)


class LiveUpdates(QObject):
    changed = Signal(object)  # frozenset[int] | None (None: maybe any board)
    lost = Signal(object)  # datetime: the last successful contact (local time)
    restored = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._listener: ChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(SQLITE_POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        self._check_timer = QTimer(self)
        self._check_timer.setInterval(CHECK_MS)
        self._check_timer.timeout.connect(self._check)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry)
        self._attempt = 0
        self._last_contact = datetime.now()
        self._running = False

    @property
    def is_lost(self) -> bool:
        return self._running and self._listener is None

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        try:
            self._connect()
        except StorageError:
            self._lose()

    def stop(self) -> None:
        self._running = False
        self._retry_timer.stop()
        self._disconnect()

    def _connect(self) -> None:
        listener = ChangeListener(self._db)
        self._listener = listener
        self._last_contact = datetime.now()
        fileno = listener.fileno()
        if fileno is None:
            if listener.is_sqlite:
                self._poll_timer.start()
            return
        self._notifier = QSocketNotifier(fileno, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._poll)
        self._check_timer.start()

    def _disconnect(self) -> None:
        self._poll_timer.stop()
        self._check_timer.stop()
        if self._notifier is not None:
            # A closed socket stays readable: the notifier must go before the connection.
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _poll(self) -> None:
        if self._listener is None:
            return
        try:
            changes: Changes | None = self._listener.poll()
        except StorageError:
            self._lose()
            return
        self._last_contact = datetime.now()
        if changes is not None:
            self.changed.emit(changes.boards)

    def _check(self) -> None:
        if self._listener is None:
            return
        try:
            self._listener.check()
        except StorageError:
            self._lose()
            return
        self._last_contact = datetime.now()
        self._poll()  # the probe may have read notifications along with its answer

    def _lose(self) -> None:
        self._disconnect()
        self._attempt = 0
        self._schedule_retry()
        self.lost.emit(self._last_contact)

    def _schedule_retry(self) -> None:
        if not self._running:
            return
        delay = BACK_OFF_S[min(self._attempt, len(BACK_OFF_S) - 1)]
        self._attempt += 1
        self._retry_timer.start(delay * 1000)

    def retry_now(self) -> None:
        """Try to reconnect at once (a "try again" button), keeping the back-off otherwise."""
        if self.is_lost:
            self._retry_timer.stop()
            self._retry()

    def _retry(self) -> None:
        if not self._running or self._listener is not None:
            return
        try:
            self._connect()
        except StorageError:
            self._disconnect()
            self._schedule_retry()
            return
        self._attempt = 0
        self.restored.emit()
        self.changed.emit(None)  # whatever happened meanwhile: look at everything once
