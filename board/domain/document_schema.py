"""The declared shape of a board document (export file, meeting snapshot, baseline).

For every field, one declaration says its kind, whether it is required, its range or
length, its allowed values and what it refers to: an entity's own fields on its dataclass
(``board.domain.entities``, see ``board.domain.fields``), what a document nests in them
here. ``check_document`` reads a document against it *before anything is written* and
returns a normalised copy: every declared field present with a checked value, unknown keys
dropped. The importer stores only that copy, so whatever it accepts is a board the program
can use: numbers fit the database, texts are valid Unicode without control characters,
order keys can be placed between, references point at records in the same file, and a
meeting's frozen snapshot has exactly the structure the minutes read (its nesting is
bounded by the declaration).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from board.domain import text
from board.domain.entities import (
    FORMAT_KEY_MAX,
    MINUTES_RANGE,
    STEP_KEY_MAX,
    Agreement,
    Attendance,
    Board,
    Card,
    Cycle,
    Dispatch,
    Goal,
    LearningPoint,
    LogEntry,
    Measurement,
    Meeting,
    MeetingKind,
    MeetingRole,
    MeetingStep,
    Person,
    SuccessCriterion,
    TeamFormat,
)
from board.domain.errors import ImportFieldError, ValidationError
from board.domain.fields import Field, shape
from board.domain.meeting_formats import Role, Speaking

FORMAT = "forbedringstavle-board"
FORMAT_VERSION = 1

KEY_MAX = 200  # the position column's length
# An order key: digits and lower-case letters, never ending in "0" (board.domain.ordering).
_ORDER_KEY = re.compile(r"[0-9a-z]*[1-9a-z]")
# Dates and times as the export writes them (isoformat), nothing looser.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", re.ASCII)


class NonFinite:
    """What the JSON reader returns for NaN/Infinity, so the check can name the field."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


def _f(kind: str, **options: Any) -> Field:
    return Field(kind, **options)


# An entity's own fields are declared on its dataclass (board.domain.entities); here they are
# only joined with what a document nests in them.
PERSON = shape(Person)
MEASUREMENT = shape(Measurement)
CRITERION: dict[str, Field] = {
    **shape(SuccessCriterion),
    "measurements": _f("list", entity=MEASUREMENT),
}
GOAL: dict[str, Field] = {**shape(Goal), "criteria": _f("list", entity=CRITERION)}
CYCLE = shape(Cycle)
CARD: dict[str, Field] = {**shape(Card), "cycles": _f("list", entity=CYCLE)}
LOG_ENTRY = shape(LogEntry)
ATTENDANCE = shape(Attendance)
AGREEMENT = shape(Agreement)
DISPATCH = shape(Dispatch)
MEETING_STEP = shape(MeetingStep)
MEETING_ROLE = shape(MeetingRole)
# A team's own formats; a meeting names the one it was held in by its key.
TEAM_FORMAT = shape(TeamFormat)
# What the minutes read of a meeting, frozen at its end (services.meetings._meeting_summary).
SUMMARY_AGREEMENT: dict[str, Field] = {
    "what": _f("text", required=True),
    "owner_name": _f("line", limit=text.NAME_MAX),
    "deadline": _f("date", nullable=True),
    "card_title": _f("line", limit=text.TITLE_MAX),
    "step_key": _f("line", limit=STEP_KEY_MAX),  # the step of the format it was made at
    "card_number": _f("int", nullable=True),  # the activity a decision became
}
_STEP_MINUTES = 24 * 60  # a step of a reflection day is at most the whole day
# The format as used, so a later edit of a team format leaves old minutes alone.
SUMMARY_FORMAT: dict[str, Field] = {
    "key": _f("line", limit=FORMAT_KEY_MAX),  # "" = the built-in format of the kind
    "name_text": _f("text"),  # a team format's own name
    "document": _f("json"),
}
SUMMARY_STEP: dict[str, Field] = {
    "key": _f("line", required=True, limit=STEP_KEY_MAX),
    "title_key": _f("line", required=True, limit=KEY_MAX),
    "title_text": _f("text"),  # a team format's own wording of the title
    "speaking": _f("choice", choices=Speaking, default=Speaking.EVERYONE.value),
    "minutes": _f("int", nullable=True, high=_STEP_MINUTES),
    "weight": _f("int", nullable=True, high=_STEP_MINUTES),
    "low_minutes": _f("int", nullable=True, high=_STEP_MINUTES),
    "at_most": _f("bool"),
    "turn_minutes": _f("int", nullable=True, high=_STEP_MINUTES),
    "seconds": _f("int", low=0, high=MINUTES_RANGE[1] * 60, default=0),
    "notes": _f("text"),
}
SUMMARY_ROLE: dict[str, Field] = {
    "role": _f("choice", required=True, choices=Role),
    "name": _f("line", limit=text.NAME_MAX),
}
SUMMARY_IDEA: dict[str, Field] = {
    "number": _f("int", required=True),
    "title": _f("line", required=True, limit=text.TITLE_MAX),
}
SUMMARY_POINT: dict[str, Field] = {
    "text": _f("text", required=True),
    "case_label": _f("line", limit=text.NAME_MAX),
    "noted_by": _f("line", limit=text.NAME_MAX),
}
MEETING_SUMMARY: dict[str, Field] = {
    "kind": _f("choice", choices=MeetingKind, default=MeetingKind.PROGRESS.value),
    "date": _f("date", nullable=True),
    "started_at": _f("datetime", nullable=True),
    "ended_at": _f("datetime", nullable=True),
    "planned_minutes": _f("int", nullable=True, low=MINUTES_RANGE[0], high=MINUTES_RANGE[1]),
    "facilitator": _f("line", limit=text.NAME_MAX),
    "present": _f("names"),
    "absent": _f("names"),
    "agreements": _f("list", entity=SUMMARY_AGREEMENT),
    "next_meeting_on": _f("date", nullable=True),
    "first_meeting": _f("bool"),  # a board's first meeting lists the days before it instead
    "changes_since": _f("date", nullable=True),
    "format": _f("object", entity=SUMMARY_FORMAT),
    "steps": _f("list", entity=SUMMARY_STEP),
    "roles": _f("list", entity=SUMMARY_ROLE),
    "ideas": _f("list", entity=SUMMARY_IDEA),
    "learning_points": _f("list", entity=SUMMARY_POINT),
}
BOARD = shape(Board)
# A board as it stood (a snapshot's board, a baseline): the board without its meetings, so
# a snapshot never holds earlier snapshots (old files that do are read without them).
BOARD_STATE: dict[str, Field] = {
    "format": _f("choice", choices=(FORMAT,), default=FORMAT),
    "format_version": _f("int", high=FORMAT_VERSION, default=FORMAT_VERSION),
    "board": _f("object", required=True, entity=BOARD),
    "people": _f("list", entity=PERSON),
    "goals": _f("list", entity=GOAL),
    "cards": _f("list", entity=CARD),
    "log": _f("list", entity=LOG_ENTRY),
}
SNAPSHOT: dict[str, Field] = {
    "board": _f("object", required=True, entity=BOARD_STATE, own_refs=True),
    "meeting": _f("object", entity=MEETING_SUMMARY),
}
MEETING: dict[str, Field] = {
    **shape(Meeting),
    "snapshot": _f("object", nullable=True, entity=SNAPSHOT),
    "baseline": _f("object", nullable=True, entity=BOARD_STATE, own_refs=True),
    "attendance": _f("list", entity=ATTENDANCE),
    "agreements": _f("list", entity=AGREEMENT),
    "dispatches": _f("list", entity=DISPATCH),
    "steps": _f("list", entity=MEETING_STEP),
    "roles": _f("list", entity=MEETING_ROLE),
    # The cards made at the meeting (Ny idé, Beslutning): cards come before meetings.
    "cards": _f("refs", table="cards"),
}
# After the meetings: a learning point names the meeting it was noted at. A snapshot holds
# none (it holds no meetings to name); minutes get a meeting's points from its summary.
LEARNING_POINT = shape(LearningPoint)
DOCUMENT: dict[str, Field] = {
    **BOARD_STATE,
    "team_formats": _f("list", entity=TEAM_FORMAT),
    "meetings": _f("list", entity=MEETING),
    "learning_points": _f("list", entity=LEARNING_POINT),
}


# ---------------------------------------------------------------- checking


class _Context:
    """The references declared so far in one document (each document has its own)."""

    def __init__(self) -> None:
        self.tables: dict[str, set[int]] = {}


def check_document(
    document: Any, path: str = "", shape: Mapping[str, Field] = DOCUMENT
) -> dict[str, Any]:
    """The document, checked against ``shape`` and normalised; else an ImportFieldError."""
    try:
        return _entity(document, shape, "", _Context(), 0)
    except ImportFieldError as error:
        error.params["path"] = path
        raise


def _fail(where: str, reason: str, **params: Any) -> ImportFieldError:
    return ImportFieldError(where.lstrip("."), reason, **params)


def _entity(
    value: Any, shape: Mapping[str, Field], where: str, ctx: _Context, index: int
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where or "(document)", "doc.type_object")
    out: dict[str, Any] = {}
    for name, spec in shape.items():
        place = f"{where}.{name}"
        raw = value.get(name)
        if raw is None:
            if spec.required:
                raise _fail(place, "doc.required")
            if spec.kind == "id" or spec.unique:
                raw = index + 1  # a missing reference or number is the record's place
            elif spec.nullable:
                out[name] = None
                continue
            elif spec.kind == "object":
                raw = {}  # an absent part is its declared defaults
            else:
                out[name] = _default(spec)
                continue
        out[name] = _value(raw, spec, place, ctx)
    _cross_checks(out, shape, where)
    return out


def _default(spec: Field) -> Any:
    if spec.default is not None:
        return spec.default
    return {
        "bool": False,
        "list": [],
        "names": [],
        "refs": [],
        "dates": [],
        "title": "",
        "name": "",
        "line": "",
        "text": "",
        "email": "",
    }.get(spec.kind)


def _value(raw: Any, spec: Field, where: str, ctx: _Context) -> Any:
    if isinstance(raw, NonFinite):
        raise _fail(where, "doc.not_finite", value=raw.literal)
    return _KINDS[spec.kind](raw, spec, where, ctx)


def _int(raw: Any, spec: Field, where: str, _ctx: _Context) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool) or not spec.low <= raw <= spec.high:
        raise _fail(where, "doc.type_int", low=spec.low, high=spec.high)
    return raw


def _id(raw: Any, spec: Field, where: str, ctx: _Context) -> int:
    value = _int(raw, spec, where, ctx)
    seen = ctx.tables.setdefault(spec.table, set())
    if value in seen:
        raise _fail(where, "doc.duplicate", value=value)
    seen.add(value)
    return value


def _ref(raw: Any, spec: Field, where: str, ctx: _Context) -> int:
    if (
        not isinstance(raw, int)
        or isinstance(raw, bool)
        or raw not in ctx.tables.get(spec.table, ())
    ):
        raise _fail(where, "doc.unknown_ref", value=_shown(raw))
    return raw


def _refs(raw: Any, spec: Field, where: str, ctx: _Context) -> list[int]:
    if not isinstance(raw, list):
        raise _fail(where, "doc.type_list")
    out: list[int] = []
    for i, item in enumerate(raw):
        value = _ref(item, spec, f"{where}[{i}]", ctx)
        if value in out:
            raise _fail(f"{where}[{i}]", "doc.duplicate", value=value)
        out.append(value)
    return out


def _number(raw: Any, spec: Field, where: str, _ctx: _Context) -> float:
    if not isinstance(raw, int | float) or isinstance(raw, bool):
        raise _fail(where, "doc.type_number")
    try:
        value = float(raw)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise _fail(where, "doc.not_finite", value=_shown(raw))
    return value


def _bool(raw: Any, spec: Field, where: str, _ctx: _Context) -> bool:
    if not isinstance(raw, bool):
        raise _fail(where, "doc.type_bool")
    return raw


def _texts(rule: Callable[[str], str]) -> Callable[[Any, Field, str, _Context], str]:
    def check(raw: Any, spec: Field, where: str, _ctx: _Context) -> str:
        if not isinstance(raw, str):
            raise _fail(where, "doc.type_text")
        try:
            value = rule(raw) if not spec.limit else _line(raw, spec)
        except ValidationError as error:
            raise _fail(where, _REASONS.get(error.key, "doc.invalid"), **error.params) from None
        if spec.required and not value.strip():
            raise _fail(where, "doc.required")
        return value

    return check


def _line(raw: str, spec: Field) -> str:
    return text.limited(raw, spec.limit, multiline=spec.multiline, required=spec.required)


_REASONS = {
    "error.required": "doc.required",
    "error.too_long": "doc.too_long",
    "error.control_characters": "doc.control_characters",
    "error.bad_email": "doc.email",
}


def _email(raw: Any, spec: Field, where: str, ctx: _Context) -> str:
    value = _texts(text.email)(raw, spec, where, ctx)
    if len(value) > 254 or (spec.required and not value):
        raise _fail(where, "doc.email")
    return value


def _names(raw: Any, spec: Field, where: str, ctx: _Context) -> list[str]:
    if not isinstance(raw, list):
        raise _fail(where, "doc.type_list")
    name = Field("line", limit=text.NAME_MAX)
    return [_value(v, name, f"{where}[{i}]", ctx) for i, v in enumerate(raw)]


def _date(raw: Any, spec: Field, where: str, _ctx: _Context) -> str:
    try:
        if isinstance(raw, str) and _DATE.fullmatch(raw):
            return date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    raise _fail(where, "doc.date")


def _dates(raw: Any, spec: Field, where: str, ctx: _Context) -> list[str]:
    """Distinct dates, sorted (a chart's phase starts)."""
    if not isinstance(raw, list):
        raise _fail(where, "doc.type_list")
    return sorted({_date(day, spec, f"{where}[{i}]", ctx) for i, day in enumerate(raw)})


def _datetime(raw: Any, spec: Field, where: str, _ctx: _Context) -> str:
    # Local times without a zone, as the database keeps them.
    try:
        if isinstance(raw, str) and _DATETIME.fullmatch(raw):
            return datetime.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    raise _fail(where, "doc.datetime")


def _choice(raw: Any, spec: Field, where: str, _ctx: _Context) -> str:
    allowed = [str(getattr(c, "value", c)) for c in spec.choices]
    if not isinstance(raw, str) or raw not in allowed:
        raise _fail(where, "doc.choice", choices=", ".join(allowed))
    return raw


def _key(raw: Any, spec: Field, where: str, _ctx: _Context) -> str:
    if not isinstance(raw, str) or len(raw) > KEY_MAX or not _ORDER_KEY.fullmatch(raw):
        raise _fail(where, "doc.order_key")
    return raw


def _list(raw: Any, spec: Field, where: str, ctx: _Context) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise _fail(where, "doc.type_list")
    assert spec.entity is not None
    out = [_entity(item, spec.entity, f"{where}[{i}]", ctx, i) for i, item in enumerate(raw)]
    for name, field in spec.entity.items():
        if field.unique:
            seen: set[Any] = set()
            for i, item in enumerate(out):
                if item[name] in seen:
                    raise _fail(f"{where}[{i}].{name}", "doc.duplicate", value=item[name])
                seen.add(item[name])
    return out


JSON_DEPTH = 12  # a team format's document nests four levels deep


def _json(raw: Any, spec: Field, where: str, ctx: _Context) -> dict[str, Any]:
    """A JSON object kept as it is (its own reader checks its shape): plain, finite values."""

    def check(value: Any, place: str, depth: int) -> None:
        if depth > JSON_DEPTH:
            raise _fail(place, "doc.invalid")
        if isinstance(value, NonFinite):
            raise _fail(place, "doc.not_finite", value=value.literal)
        if isinstance(value, dict):
            for key, item in value.items():
                check(item, f"{place}.{key}", depth + 1)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                check(item, f"{place}[{i}]", depth + 1)
        elif isinstance(value, str):
            _texts(text.long_text)(value, Field("text"), place, ctx)

    if not isinstance(raw, dict):
        raise _fail(where, "doc.type_object")
    check(raw, where, 0)
    return raw


def _object(raw: Any, spec: Field, where: str, ctx: _Context) -> dict[str, Any]:
    assert spec.entity is not None
    return _entity(raw, spec.entity, where, _Context() if spec.own_refs else ctx, 0)


def _cross_checks(record: dict[str, Any], shape: Mapping[str, Field], where: str) -> None:
    """Rules between fields of one record."""
    if shape is MEETING and record["ended_at"] is not None and record["snapshot"] is None:
        # An ended meeting's minutes are made from its snapshot alone.
        raise _fail(f"{where}.snapshot", "doc.required")
    if shape is ATTENDANCE and record["person"] is None and not record["guest_name"]:
        raise _fail(f"{where}.person", "doc.person_or_guest")


_KINDS: dict[str, Callable[[Any, Field, str, _Context], Any]] = {
    "id": _id,
    "ref": _ref,
    "refs": _refs,
    "int": _int,
    "number": _number,
    "bool": _bool,
    "title": _texts(text.title),
    "name": _texts(text.name),
    "line": _texts(text.name),
    "text": _texts(text.long_text),
    "email": _email,
    "names": _names,
    "date": _date,
    "dates": _dates,
    "datetime": _datetime,
    "choice": _choice,
    "key": _key,
    "list": _list,
    "object": _object,
    "json": _json,
}


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…"
