"""This machine's settings (mail server, where minutes are saved, the on-screen keyboard,
the shared board server), kept in a small JSON file.

No password is ever stored here: the mail and the server passwords live in the system's
keyring.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

from platformdirs import user_config_dir

from board.atomic_file import write_bytes

KEYRING_SERVICE = "Forbedringstavle"
# When the on-screen keyboard shows: a text field touched by a finger, every text field, never.
KEYBOARD_MODES = ("auto", "always", "never")
BACKUP_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 3650  # the settings field's upper bound: ten years


@dataclass(slots=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"  # "starttls", "ssl" or "none"
    user: str = ""
    sender: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


# TLS towards the board server, strictest first; "disable" only for a server on this
# machine (nothing then crosses a network: see ServerSettings.plain_allowed).
SSLMODES = ("verify-full", "require", "disable")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(slots=True)
class ServerSettings:
    """The shared PostgreSQL server holding the boards; ``active`` False: this machine's file."""

    active: bool = False
    host: str = ""
    port: int = 5432
    database: str = ""
    user: str = ""
    sslmode: str = "verify-full"  # one of SSLMODES

    @property
    def configured(self) -> bool:
        return bool(self.host and self.database and self.user)

    @property
    def keyring_user(self) -> str:
        return f"postgresql:{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def plain_allowed(self) -> bool:
        """Without TLS the password and the cards would cross the network readable."""
        return self.host.strip().lower() in LOCAL_HOSTS


@dataclass(slots=True)
class Settings:
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    minutes_folder: str = ""
    onscreen_keyboard: str = "auto"  # one of KEYBOARD_MODES
    server: ServerSettings = field(default_factory=ServerSettings)
    backup_retention_days: int = BACKUP_RETENTION_DAYS  # then the program's backups are deleted


class KeyringAccount(Protocol):
    @property
    def keyring_user(self) -> str: ...


def settings_path() -> Path:
    return Path(user_config_dir("Forbedringstavle", appauthor=False)) / "settings.json"


def load(path: Path | None = None) -> Settings:
    """The saved settings; a missing or damaged file gives the defaults (nothing to lose)."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    raw_smtp = data.get("smtp")
    smtp_data: dict[str, Any] = raw_smtp if isinstance(raw_smtp, dict) else {}
    known = {f.name for f in fields(SmtpSettings)}
    smtp = SmtpSettings(**{k: v for k, v in smtp_data.items() if k in known})
    try:
        smtp.port = int(smtp.port)
    except (TypeError, ValueError):
        smtp.port = SmtpSettings().port
    folder = data.get("minutes_folder")
    keyboard = data.get("onscreen_keyboard")
    retention = data.get("backup_retention_days")
    return Settings(
        smtp=smtp,
        minutes_folder=folder if isinstance(folder, str) else "",
        onscreen_keyboard=keyboard if keyboard in KEYBOARD_MODES else "auto",
        server=_server(data.get("server")),
        backup_retention_days=(
            retention
            if isinstance(retention, int) and not isinstance(retention, bool) and retention > 0
            else BACKUP_RETENTION_DAYS
        ),
    )


def _server(raw: object) -> ServerSettings:
    """The saved server; a damaged entry gives this machine's file (never a half server)."""
    if not isinstance(raw, dict):
        return ServerSettings()
    server = ServerSettings()
    for name in ("host", "database", "user"):
        value = raw.get(name)
        if isinstance(value, str):
            setattr(server, name, value)
    port = raw.get("port")
    if isinstance(port, int) and not isinstance(port, bool) and 1 <= port <= 65535:
        server.port = port
    if raw.get("sslmode") in SSLMODES:
        server.sslmode = raw["sslmode"]
    server.active = raw.get("active") is True and server.configured
    return server


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    write_bytes(path, data, private=True)  # this machine's accounts: the owner's only


def get_password(smtp: KeyringAccount) -> str | None:
    """The account's password from the keyring, or None when none is stored or there is no
    keyring (the mail account or the board server)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, smtp.keyring_user)
    except (ImportError, KeyringError, RuntimeError):
        return None


def set_password(smtp: KeyringAccount, password: str) -> bool:
    """Store the password in the keyring; False when this machine has no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, smtp.keyring_user, password)
        return True
    except (ImportError, KeyringError, RuntimeError):
        return False
