"""Small helpers every service shares."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from board.domain.errors import ConflictError, NotFoundError
from board.persistence.records import Versioned

R = TypeVar("R")


def now() -> datetime:
    """Local wall-clock time to the second: what the team sees on the minutes."""
    return datetime.now().replace(microsecond=0)


def today() -> date:
    return date.today()


def computer_user() -> str:
    """The name of the account the program runs as ("" when the system does not say): who
    entered a measurement, as the program has no sign-in."""
    import getpass

    try:
        return getpass.getuser()[:120]
    except Exception:  # no user name in the environment or the password database
        return ""


def get(session: Session, record_type: type[R], record_id: int, what: str) -> R:
    record = session.get(record_type, record_id)
    if record is None:
        raise NotFoundError("error.not_found", what=what, id=record_id)
    return record


def check_version(record: Versioned, expected: int | None) -> None:
    """Refuse a write based on a version someone else has changed since it was read."""
    if expected is not None and record.version != expected:
        raise ConflictError()
