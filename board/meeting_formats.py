"""Reading the meeting formats from ``resources/meeting_formats/<key>.json`` (no database).

A file holds the structure only (steps, minutes, who speaks, what a step produces, roles);
every text is a catalog key (``resources/i18n/<lang>/formats.json``). A malformed file is
refused with one translated message naming the file and the place in it.

A team's own format (kept with its board, ``services.team_formats``) is the same shape as a
document plus ``"texts"``: literal text per key, worded when it was copied or edited, so it
no longer follows the catalog. ``format_from_document`` checks it as strictly as a file,
``format_document`` is its inverse, and ``format_text`` words any format's key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from board import i18n
from board.domain import text as text_rules
from board.domain.entities import MeetingKind
from board.domain.errors import BoardError, ValidationError
from board.domain.meeting_formats import (
    FORMAT_MINUTES_MAX,
    FormatStep,
    MeetingFormat,
    Preparation,
    Produces,
    Question,
    Role,
    Setting,
    Speaking,
    fixed_minutes,
)
from board.resource_paths import resource

E = TypeVar("E", bound=StrEnum)
Path_ = tuple[str | int, ...]  # a place in the file: ("steps", 1, "minutes")

_FORMAT_FIELDS = {
    "name", "purpose", "minutes", "durations", "cadence_days", "setting", "roles",
    "preparation", "steps",
}  # fmt: skip
_TEAM_FIELDS = _FORMAT_FIELDS | {"texts"}
TEXT_MAX = 2000  # a team format's text: a question or a prompt, never a document
KEY_MAX = 40  # a step's key, as a meeting's notes keep it (meeting_step.step_key)
_STEP_FIELDS = {
    "key", "title", "speaking", "speaker", "minutes", "weight", "low_minutes", "at_most",
    "turn_minutes", "prompt", "questions", "closing", "produces",
}  # fmt: skip


class FormatFileError(BoardError):
    """A format file that cannot be used: says which file, where in it and why."""

    key = "error.format_file"
    in_words = False  # a file's fields are named as the file has them, for who edits it

    def __init__(self, file: str, where: Path_, reason: str, **reason_params: Any) -> None:
        super().__init__(self.key, file=file, where=where)
        self.reason = reason
        self.reason_params = reason_params

    def reason_text(self) -> str:
        """Where and why, without the file: "trin nr. 2, feltet »title«: …"."""
        where = _place(self.params["where"], self.in_words)
        return f"{where}: {i18n.tr(self.reason, **self.reason_params)}"

    def message(self) -> str:
        reason = i18n.tr(self.reason, **self.reason_params)
        where = _place(self.params["where"], self.in_words)
        return i18n.tr(self.key, file=self.params["file"], where=where, reason=reason)


class TeamFormatError(FormatFileError):
    """A team's own format that cannot be saved: names the format, where in it and why."""

    key = "error.team_format"
    in_words = True  # edited in the app: its fields named in the user's words


def format_text(fmt: MeetingFormat, key: str) -> str:
    """A format's text in the user's language: a team format's own wording, else the
    catalog's. Every screen and PDF that words a format goes through here."""
    return fmt.texts.get(key) or i18n.tr(key)


def _place(where: Path_, in_words: bool = False) -> str:
    """("steps", 1, "questions", 2) -> "trin nr. 2, spørgsmål nr. 3"."""
    words = []
    parts = list(where)
    while parts:
        part = parts.pop(0)
        if parts and isinstance(parts[0], int):
            number = int(parts.pop(0)) + 1
            if part in ("steps", "questions", "preparation"):
                words.append(i18n.tr(f"format.place.{part}", number=number))
            else:  # roles, durations, produces
                words.append(
                    i18n.tr("format.place.item", field=_field_name(part, in_words), number=number)
                )
        else:
            words.append(i18n.tr("format.place.field", field=_field_name(part, in_words)))
    return ", ".join(words) if words else i18n.tr("format.place.file")


# The fields a team format's editor changes, named in the user's words ("format.field.<name>");
# any other is named as the file has it.
NAMED_FIELDS = ("name", "purpose", "minutes", "durations", "title", "prompt", "closing")


def _field_name(part: str | int, in_words: bool) -> str:
    return i18n.tr(f"format.field.{part}") if in_words and part in NAMED_FIELDS else str(part)


def _shown(value: Any) -> str:
    """A value from the file as the message quotes it: a text as it is, else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class _Reader:
    """Checks one file's values, raising FormatFileError at the first problem.

    ``texts`` (a team format): a key worded there needs no catalog entry."""

    def __init__(self, file: str, texts: dict[str, str] | None = None) -> None:
        self.file = file
        self.texts = texts
        self.error: type[FormatFileError] = FormatFileError if texts is None else TeamFormatError

    def fail(self, where: Path_, reason: str, **params: Any) -> FormatFileError:
        return self.error(self.file, where, reason, **params)

    def get(self, data: dict[str, Any], where: Path_, name: str, required: bool = True) -> Any:
        if name not in data:
            if required:
                raise self.fail(where, "format.error.missing", field=name)
            return None
        return data[name]

    def obj(self, value: Any, where: Path_, fields: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "format.error.object")
        unknown = sorted(set(value) - fields)
        if unknown:
            raise self.fail((*where, unknown[0]), "format.error.unknown_field")
        return value

    def minutes(self, value: Any, where: Path_, optional: bool = False) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, "format.error.number", value=_shown(value))
        if value <= 0:
            raise self.fail(where, "format.error.negative", value=value)
        if value > FORMAT_MINUTES_MAX:
            raise self.fail(where, "format.error.too_many", value=value, most=FORMAT_MINUTES_MAX)
        return value

    def text(self, value: Any, where: Path_, optional: bool = False) -> str | None:
        """A catalog key: it must be worded in every language."""
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            raise self.fail(where, "format.error.text", value=_shown(value))
        if self.texts is not None and value in self.texts:
            if not self.texts[value].strip():
                raise self.fail(where, "format.error.no_text")
            return value
        for lang in i18n.LANGUAGES:
            if not isinstance(i18n.catalog(lang).get(value), str):
                raise self.fail(where, "format.error.catalog", value=value, lang=lang)
        return value

    def choice(self, value: Any, where: Path_, kind: type[E]) -> E:
        try:
            return kind(value)
        except (ValueError, TypeError):
            choices = ", ".join(member.value for member in kind)
            raise self.fail(
                where, "format.error.choice", value=_shown(value), choices=choices
            ) from None

    def items(self, value: Any, where: Path_) -> Iterator[tuple[Path_, Any]]:
        if not isinstance(value, list):
            raise self.fail(where, "format.error.list")
        for i, item in enumerate(value):
            yield (*where, i), item

    def each(self, value: Any, where: Path_, read: Callable[[Any, Path_], Any]) -> tuple[Any, ...]:
        return tuple(read(item, at) for at, item in self.items(value, where))


def parse_format(key: str, data: Any, file: str) -> MeetingFormat:
    """The format ``key`` from a file's parsed JSON; ``file`` names it in a message."""
    return _parse(_Reader(file), key, data)


def _texts(r: _Reader, data: Any) -> dict[str, str]:
    """A team format's ``texts``: each a text of at most a page, without control characters."""
    value = r.get(r.obj(data, (), _TEAM_FIELDS), (), "texts", required=False)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise r.fail(("texts",), "format.error.object")
    for key, text in value.items():
        if not isinstance(text, str):
            raise r.fail(("texts", key), "format.error.no_text")
        try:
            text_rules.limited(text, TEXT_MAX, multiline=True)
        except ValidationError as error:
            if error.key == "error.too_long":
                raise r.fail(("texts", key), "format.error.too_long") from None
            raise r.fail(("texts", key), "format.error.characters") from None
    return dict(value)


def format_from_document(key: str, document: Any, source: str) -> MeetingFormat:
    """A team format from its document (a file's shape plus ``texts``), checked as strictly
    as a file; ``source`` (its name) names it in a message. Texts no key uses are dropped."""
    r = _Reader(source, {})
    r.texts = _texts(r, document)
    fmt = _parse(r, key, {k: v for k, v in document.items() if k != "texts"})
    used = set(fmt.text_keys())
    texts = {k: v for k, v in r.texts.items() if k in used}
    return MeetingFormat(**{**_fields(fmt), "texts": texts, "team": True})


def _fields(fmt: MeetingFormat) -> dict[str, Any]:
    return {name: getattr(fmt, name) for name in MeetingFormat.__dataclass_fields__}


def format_document(fmt: MeetingFormat) -> dict[str, Any]:
    """The document ``format_from_document`` reads back as ``fmt`` (a file's shape, plus
    ``texts`` for a team format)."""

    def optional(**values: Any) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None and v is not False}

    def question(q: Question) -> Any:
        return {"key": q.key, "follow_ups": list(q.follow_up_keys)} if q.follow_up_keys else q.key

    def preparation(p: Preparation) -> Any:
        return {"key": p.key, "goal_data": True} if p.goal_data else p.key

    def step(x: FormatStep) -> dict[str, Any]:
        return {
            "key": x.key,
            "title": x.title_key,
            **optional(minutes=x.minutes, weight=x.weight, low_minutes=x.low_minutes),
            **optional(at_most=x.at_most, turn_minutes=x.turn_minutes),
            "speaking": x.speaking.value,
            **optional(speaker=x.speaker.value if x.speaker else None, prompt=x.prompt_key),
            **({"questions": [question(q) for q in x.questions]} if x.questions else {}),
            **optional(closing=x.closing_key),
            "produces": [p.value for p in Produces if p in x.produces],
        }

    document: dict[str, Any] = {
        "name": fmt.name_key,
        "purpose": fmt.purpose_key,
        "minutes": fmt.minutes,
        "durations": list(fmt.durations),
        "cadence_days": fmt.cadence_days,
        "setting": fmt.setting.value,
        "roles": [role.value for role in fmt.roles],
        "preparation": [preparation(p) for p in fmt.preparation],
        "steps": [step(x) for x in fmt.steps],
    }
    if fmt.team or fmt.texts:
        document["texts"] = dict(fmt.texts)
    return document


def _parse(r: _Reader, key: str, data: Any) -> MeetingFormat:
    top = r.obj(data, (), _FORMAT_FIELDS)
    get = r.get
    steps = r.each(get(top, (), "steps"), ("steps",), lambda v, at: _step(r, v, at))
    if not steps:
        raise r.fail(("steps",), "format.error.empty")
    seen: set[str] = set()
    for i, step in enumerate(steps):
        if step.key in seen:
            raise r.fail(("steps", i, "key"), "format.error.duplicate", value=step.key)
        seen.add(step.key)
    cadence = get(top, (), "cadence_days")
    fmt = MeetingFormat(
        key=key,
        name_key=str(r.text(get(top, (), "name"), ("name",))),
        purpose_key=str(r.text(get(top, (), "purpose"), ("purpose",))),
        minutes=int(r.minutes(get(top, (), "minutes"), ("minutes",)) or 0),
        durations=r.each(get(top, (), "durations"), ("durations",), r.minutes),
        cadence_days=r.minutes(cadence, ("cadence_days",), optional=True),
        setting=r.choice(get(top, (), "setting"), ("setting",), Setting),
        roles=r.each(get(top, (), "roles"), ("roles",), lambda v, at: r.choice(v, at, Role)),
        preparation=r.each(
            get(top, (), "preparation"), ("preparation",), lambda v, at: _preparation(r, v, at)
        ),
        steps=steps,
        texts=dict(r.texts or {}),
        team=r.texts is not None,
    )
    if fmt.minutes not in fmt.durations:
        raise r.fail(("durations",), "format.error.usual", minutes=fmt.minutes)
    fixed = fixed_minutes(fmt.steps)
    weighted = any(step.weight is not None for step in fmt.steps)
    for i, planned in enumerate(fmt.durations):
        if fixed > planned or (not weighted and fixed != planned):
            raise r.fail(("durations", i), "format.error.fit", fixed=fixed, planned=planned)
    return fmt


def _step(r: _Reader, value: Any, at: Path_) -> FormatStep:
    data = r.obj(value, at, _STEP_FIELDS)

    def get(name: str, required: bool = False) -> Any:
        return r.get(data, at, name, required)

    key = get("key", required=True)
    if not isinstance(key, str) or not key or len(key) > KEY_MAX:
        raise r.fail((*at, "key"), "format.error.text", value=_shown(key))
    minutes = r.minutes(get("minutes"), (*at, "minutes"), optional=True)
    weight = r.minutes(get("weight"), (*at, "weight"), optional=True)
    if (minutes is None) == (weight is None):
        raise r.fail(at, "format.error.timebox", first="minutes", second="weight")
    speaking = r.choice(get("speaking", required=True), (*at, "speaking"), Speaking)
    speaker = get("speaker")
    role = None if speaker is None else r.choice(speaker, (*at, "speaker"), Role)
    if (speaking is Speaking.ONE) != (role is not None):
        raise r.fail((*at, "speaker"), "format.error.speaker")
    at_most = get("at_most") or False
    if not isinstance(at_most, bool):
        raise r.fail((*at, "at_most"), "format.error.flag")
    produces = r.each(
        get("produces") or [], (*at, "produces"), lambda v, p: r.choice(v, p, Produces)
    )
    return FormatStep(
        key=key,
        title_key=str(r.text(get("title", required=True), (*at, "title"))),
        speaking=speaking,
        minutes=minutes,
        weight=weight,
        low_minutes=r.minutes(get("low_minutes"), (*at, "low_minutes"), optional=True),
        at_most=at_most,
        turn_minutes=r.minutes(get("turn_minutes"), (*at, "turn_minutes"), optional=True),
        speaker=role,
        prompt_key=r.text(get("prompt"), (*at, "prompt"), optional=True),
        questions=r.each(
            get("questions") or [], (*at, "questions"), lambda v, p: _question(r, v, p)
        ),
        closing_key=r.text(get("closing"), (*at, "closing"), optional=True),
        produces=frozenset(produces),
    )


def _preparation(r: _Reader, value: Any, at: Path_) -> Preparation:
    """A preparation point's key, or {"key": …, "goal_data": true} for one that points to
    the goals' data on the board."""
    if isinstance(value, dict):
        data = r.obj(value, at, {"key", "goal_data"})
        goal_data = r.get(data, at, "goal_data")
        if not isinstance(goal_data, bool):
            raise r.fail((*at, "goal_data"), "format.error.flag")
        return Preparation(str(r.text(r.get(data, at, "key"), (*at, "key"))), goal_data)
    return Preparation(str(r.text(value, at)))


def _question(r: _Reader, value: Any, at: Path_) -> Question:
    """A question's key, or {"key": …, "follow_ups": [keys asked under it]}."""
    if isinstance(value, dict):
        data = r.obj(value, at, {"key", "follow_ups"})
        follow_ups = r.each(r.get(data, at, "follow_ups"), (*at, "follow_ups"), r.text)
        return Question(str(r.text(r.get(data, at, "key"), (*at, "key"))), follow_ups)
    return Question(str(r.text(value, at)))


def load_format(path: Path) -> MeetingFormat:
    """The format in ``path`` (its key is the file's name without ``.json``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FormatFileError(path.name, (), "format.error.json", line=exc.lineno) from None
    except (OSError, UnicodeDecodeError):
        raise FormatFileError(path.name, (), "format.error.read") from None
    return parse_format(path.stem, data, path.name)


def format_files() -> list[Path]:
    """The format files, the sources' kinds in MeetingKind's order first."""
    order = {kind.value: i for i, kind in enumerate(MeetingKind)}
    files = resource("meeting_formats").glob("*.json")
    return sorted(files, key=lambda p: (order.get(p.stem, len(order)), p.stem))


@cache
def all_formats() -> tuple[MeetingFormat, ...]:
    return tuple(load_format(path) for path in format_files())


def get_format(key: str) -> MeetingFormat:
    """The format ``key``; an unknown one is a message listing the known keys."""
    for fmt in all_formats():
        if fmt.key == key:
            return fmt
    known = ", ".join(fmt.key for fmt in all_formats())
    raise BoardError("error.format_unknown", value=key, known=known)
