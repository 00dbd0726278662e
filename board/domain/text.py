"""Rules for what text and dates the board accepts.

What passes is stored exactly as given (titles are trimmed of surrounding blanks);
what fails raises a ValidationError naming the field, never a silent change.
"""

from __future__ import annotations

import re
from datetime import date

from board.domain.errors import ValidationError

TITLE_MAX = 300
NAME_MAX = 120
TEXT_MAX = 100_000

# C0 controls except tab/newline/CR, DEL and C1 controls (PostgreSQL cannot store NUL).
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _check_characters(value: str, field: str, *, multiline: bool) -> None:
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_LINE
    if pattern.search(value) or _SURROGATE.search(value):
        raise ValidationError("error.control_characters", field=field)


def title(value: str, field: str = "field.title") -> str:
    """A required one-line text: trimmed, non-empty, at most TITLE_MAX characters."""
    if not isinstance(value, str):
        raise ValidationError("error.required", field=field)
    value = value.strip()
    if not value:
        raise ValidationError("error.required", field=field)
    _check_characters(value, field, multiline=False)
    if len(value) > TITLE_MAX:
        raise ValidationError("error.too_long", field=field, limit=TITLE_MAX, length=len(value))
    return value


def name(value: str, field: str = "field.name", *, required: bool = True) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise ValidationError("error.required", field=field)
        return ""
    _check_characters(value, field, multiline=False)
    if len(value) > NAME_MAX:
        raise ValidationError("error.too_long", field=field, limit=NAME_MAX, length=len(value))
    return value


def long_text(value: str | None, field: str = "field.description") -> str:
    """An optional multi-line text, stored exactly (up to TEXT_MAX characters)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError("error.invalid", field=field)
    _check_characters(value, field, multiline=True)
    if len(value) > TEXT_MAX:
        raise ValidationError("error.too_long", field=field, limit=TEXT_MAX, length=len(value))
    return value


def limited(
    value: str,
    limit: int,
    field: str = "field.description",
    *,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """A text of at most ``limit`` characters; one line is trimmed of surrounding blanks."""
    if not isinstance(value, str):
        raise ValidationError("error.invalid", field=field)
    if not multiline:
        value = value.strip()
    if required and not value.strip():
        raise ValidationError("error.required", field=field)
    _check_characters(value, field, multiline=multiline)
    if len(value) > limit:
        raise ValidationError("error.too_long", field=field, limit=limit, length=len(value))
    return value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email(value: str | None, field: str = "field.email") -> str:
    value = (value or "").strip()
    if value and not _EMAIL.match(value):
        raise ValidationError("error.bad_email", field=field, value=value)
    _check_characters(value, field, multiline=False)
    return value


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DANISH = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def parse_date(value: date | str | None, field: str = "field.deadline") -> date | None:
    """A date from a date, an ISO text (2026-06-11) or a Danish one (11.6.2026, 11-06-2026)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError("error.bad_date", field=field, value=str(value))
    text = value.strip()
    if not text:
        return None
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DANISH.match(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        raise ValidationError("error.bad_date", field=field, value=text)
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValidationError("error.bad_date", field=field, value=text) from None


def initials_for(full_name: str) -> str:
    """Initials as a team would write them on a sticky note: first letters, at most three."""
    parts = [p for p in re.split(r"[\s\-]+", full_name.strip()) if p]
    return "".join(p[0] for p in parts[:3]).upper()
