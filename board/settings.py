"""This machine's settings (mail server, where minutes are saved, the on-screen keyboard),
kept in a small JSON file.

The mail password is never stored here: it lives in the system's keyring.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

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


@dataclass(slots=True)
class Settings:
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    minutes_folder: str = ""
    onscreen_keyboard: str = "auto"  # one of KEYBOARD_MODES
    backup_retention_days: int = BACKUP_RETENTION_DAYS  # then the program's backups are deleted


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
        backup_retention_days=(
            retention
            if isinstance(retention, int) and not isinstance(retention, bool) and retention > 0
            else BACKUP_RETENTION_DAYS
        ),
    )


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    write_bytes(path, data, private=True)  # this machine's mail account: the owner's only


def get_password(smtp: SmtpSettings) -> str | None:
    """The mail password from the keyring, or None when none is stored or there is no keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, smtp.keyring_user)
    except (ImportError, KeyringError, RuntimeError):
        return None


def set_password(smtp: SmtpSettings, password: str) -> bool:
    """Store the password in the keyring; False when this machine has no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, smtp.keyring_user, password)
        return True
    except (ImportError, KeyringError, RuntimeError):
        return False
