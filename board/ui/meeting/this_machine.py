"""This machine's mail settings as the meeting room uses them, and the one place that keeps
a password typed this session.

The password belongs in the system's keyring. Where there is none, it is kept here (in
memory, while the program runs) and nowhere else: the settings sheet and the sending view
hand it in, the sending worker asks for it.
"""

from __future__ import annotations

from pathlib import Path

from board import settings as machine_settings
from board.settings import Settings, SmtpSettings


class ThisMachine:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path  # the settings file (None: the user's own; tests point it elsewhere)
        self._session_password: str | None = None

    def load(self) -> Settings:
        return machine_settings.load(self.path)

    def save(self, settings: Settings) -> None:
        """Raises BoardError when the file cannot be written."""
        machine_settings.save(settings, self.path)

    def store_password(self, smtp: SmtpSettings, password: str) -> bool:
        """Into the keyring; False when there is none here (then kept for this session)."""
        if machine_settings.set_password(smtp, password):
            self._session_password = None
            return True
        self._session_password = password
        return False

    def use_password(self, password: str | None) -> None:
        """Typed where the minutes are sent, for this session only."""
        self._session_password = password or None

    def forget_password(self) -> None:
        """As after a restart: the next sending asks again unless the keyring has it."""
        self._session_password = None

    def password(self, smtp: SmtpSettings) -> str | None:
        """The one typed this session, else the keyring's (None without a user name)."""
        given = self._session_password
        return given or (machine_settings.get_password(smtp) if smtp.user else None)
