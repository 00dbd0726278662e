"""Find personal data on a board (issue 13): every place a text, or a CPR-like number, stands.

Searched: everything a board holds that people typed — cards and their learning cycles,
goals with their criteria and measurements' notes, the log, people, meetings (notes, step
notes, agreements, guests, roles) and learning points — and every meeting's frozen snapshot
and baseline, which the minutes are re-made from. Which columns are text follows from the
entities' declarations (``board.domain.fields``) and which parts of a snapshot are text from
its declared shape (``board.domain.document_schema``), so a text field added later is
searched without touching this module.

Speed: a snapshot holds the whole board, and a board with 50 meetings holds 100 of them. Each
is first looked at as the database stores it (its JSON text, escapes resolved in one go) and
only parsed and walked when the text occurs in it at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from board.dates import compact_date, plain_date
from board.domain import document_schema as schema
from board.domain.entities import (
    Agreement,
    Attendance,
    Card,
    Cycle,
    Goal,
    LearningPoint,
    LogEntry,
    Measurement,
    Meeting,
    MeetingRole,
    MeetingStep,
    Person,
    SuccessCriterion,
)
from board.domain.fields import Field, documented
from board.domain.privacy import cpr_spans, search_pattern
from board.i18n import has, tr
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    AttendanceRecord,
    BoardRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    GoalRecord,
    LearningPointRecord,
    LogEntryRecord,
    MeasurementRecord,
    MeetingRecord,
    MeetingRoleRecord,
    MeetingStepRecord,
    PersonRecord,
)
from board.services.common import get

Spans = Callable[[str], list[tuple[int, int]]]

EXCERPT_CONTEXT = 40  # characters of the text shown either side of a hit
_TEXT_KINDS = frozenset({"title", "name", "line", "text", "email"})


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a text stands.

    ``place`` is the kind of record (``PLACES``) and ``ref`` its database id, so
    ``record_type(place)`` and ``ref[-1]`` find the record again; ``key`` is the record's
    attribute, or for ``"snapshot"`` the path inside the meeting's ``snapshot`` or
    ``baseline`` ("snapshot.board.cards[3].description"). ``where`` and ``field`` say it in
    the user's words ("Kort nr. 5", "Beskrivelse"); ``excerpt`` is the text around the hit,
    which stands at ``span`` in it; ``found`` is the text as it stands there.
    """

    place: str
    ref: tuple[int, ...]
    where: str
    field: str
    excerpt: str
    key: str = ""
    span: tuple[int, int] = (0, 0)
    found: str = ""


# The record behind each place (for a snapshot: the meeting that holds it).
_RECORDS: dict[str, type[Any]] = {
    "board": BoardRecord,
    "person": PersonRecord,
    "card": CardRecord,
    "cycle": CycleRecord,
    "goal": GoalRecord,
    "criterion": CriterionRecord,
    "measurement": MeasurementRecord,
    "log": LogEntryRecord,
    "meeting": MeetingRecord,
    "meeting_step": MeetingStepRecord,
    "agreement": AgreementRecord,
    "attendance": AttendanceRecord,
    "meeting_role": MeetingRoleRecord,
    "learning_point": LearningPointRecord,
    "snapshot": MeetingRecord,
}
PLACES = tuple(_RECORDS)


def record_type(place: str) -> type[Any]:
    """The record class a hit of ``place`` is in (``ref[-1]`` is its id)."""
    return _RECORDS[place]


def find(db: Database, board_id: int, text: str) -> list[Hit]:
    """Every place on the board where ``text`` stands, in any case (a blank text: none)."""
    pattern = search_pattern(text)
    if pattern is None:
        return []

    def spans(value: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(value)] if pattern.search(value) else []

    return _search(db, board_id, spans, _text_probe(text, spans))


def find_cpr(db: Database, board_id: int) -> list[Hit]:
    """Every CPR-like number on the board (the same check as before minutes leave)."""
    return _search(db, board_id, cpr_spans, lambda raw: _RAW_CPR.search(raw) is not None)


# ------------------------------------------------------------------ the board's own rows


def _text_columns(entity: type) -> tuple[str, ...]:
    """The attributes of an entity that hold what people typed (keys and choices do not)."""
    return tuple(
        d.attribute
        for d in documented(entity)
        if d.spec is not None and d.spec.kind in _TEXT_KINDS and not d.attribute.endswith("key")
    )


def _rows(s: Session, record: Any, entity: type, extra: Sequence[str], *where: Any) -> list[Any]:
    table = record.__table__
    columns = [table.c[name] for name in ("id", *extra, *_text_columns(entity))]
    return list(s.execute(select(*columns).where(*where).order_by(table.c.id)))


class _Finder:
    def __init__(self, spans: Spans, probe: Callable[[str], bool]) -> None:
        self.spans = spans
        self.probe = probe  # whether a stored document can hold a hit at all
        self.hits: list[Hit] = []
        self._known: dict[str, list[tuple[int, int]]] = {}  # snapshots repeat most texts

    def spans_of(self, value: str) -> list[tuple[int, int]]:
        found = self._known.get(value)
        if found is None:
            found = self._known[value] = self.spans(value)
        return found

    def look(self, place: str, ref: int, where: str, key: str, label: str, value: Any) -> None:
        if not isinstance(value, str) or not value:
            return
        for start, end in self.spans_of(value):
            excerpt, span = _excerpt(value, start, end)
            self.hits.append(Hit(place, (ref,), where, label, excerpt, key, span, value[start:end]))

    def row(self, place: str, row: Any, where: str, entity: type, **labels: str) -> None:
        for name in _text_columns(entity):
            label = labels.get(name) or _field_label(name)
            self.look(place, row.id, where, name, label, getattr(row, name))


def _search(db: Database, board_id: int, spans: Spans, probe: Callable[[str], bool]) -> list[Hit]:
    finder = _Finder(spans, probe)
    with db.read() as s:
        board = get(s, BoardRecord, board_id, "board")
        finder.look("board", board.id, tr("privacy.find.where.board"), "name",
                    tr("field.board_name"), board.name)  # fmt: skip
        _board_rows(s, board_id, finder)
        _meetings(s, board_id, finder)
    return finder.hits


def _board_rows(s: Session, board_id: int, finder: _Finder) -> None:
    people = tr("privacy.find.where.people")
    for row in _rows(s, PersonRecord, Person, (), PersonRecord.board_id == board_id):
        finder.row("person", row, people, Person)
    cards = _rows(s, CardRecord, Card, ("number", "archived"), CardRecord.board_id == board_id)
    card_label = {row.id: _card(row.number, row.archived) for row in cards}
    for row in cards:
        finder.row("card", row, card_label[row.id], Card)
    for row in _rows(
        s, CycleRecord, Cycle, ("card_id", "number"), CycleRecord.card_id.in_(list(card_label))
    ):
        where = tr("privacy.find.where.cycle", card=card_label[row.card_id], number=row.number)
        finder.row("cycle", row, where, Cycle)
    goals = _rows(s, GoalRecord, Goal, ("position",), GoalRecord.board_id == board_id)
    goal_label = {
        row.id: tr("privacy.find.where.goal", number=n)
        for n, row in enumerate(sorted(goals, key=lambda g: (g.position, g.id)), 1)
    }
    for row in goals:
        finder.row("goal", row, goal_label[row.id], Goal)
    criteria = _rows(
        s,
        CriterionRecord,
        SuccessCriterion,
        ("goal_id", "position"),
        CriterionRecord.goal_id.in_(list(goal_label)),
    )
    criterion_label: dict[int, str] = {}
    for goal_id in goal_label:
        own = sorted((c for c in criteria if c.goal_id == goal_id), key=lambda c: c.position)
        for n, row in enumerate(own, 1):
            criterion_label[row.id] = tr(
                "privacy.find.where.criterion", goal=goal_label[goal_id], number=n
            )
    for row in criteria:
        finder.row("criterion", row, criterion_label[row.id], SuccessCriterion,
                   text=tr("field.criterion"))  # fmt: skip
    for row in _rows(
        s,
        MeasurementRecord,
        Measurement,
        ("criterion_id", "measured_on"),
        MeasurementRecord.criterion_id.in_(list(criterion_label)),
    ):
        where = tr(
            "privacy.find.where.measurement",
            criterion=criterion_label[row.criterion_id],
            date=compact_date(row.measured_on),
        )
        finder.row("measurement", row, where, Measurement)
    for row in _rows(
        s, LogEntryRecord, LogEntry, ("logged_on",), LogEntryRecord.board_id == board_id
    ):
        where = tr("privacy.find.where.log", date=compact_date(row.logged_on))
        finder.row("log", row, where, LogEntry)
    for row in _rows(
        s, LearningPointRecord, LearningPoint, ("noted_on",),
        LearningPointRecord.board_id == board_id,
    ):  # fmt: skip
        where = tr("privacy.find.where.learning_point", date=compact_date(row.noted_on))
        finder.row("learning_point", row, where, LearningPoint, text=tr("field.learning_point"))


def _card(number: int, archived: bool) -> str:
    key = "privacy.find.where.card_archived" if archived else "privacy.find.where.card"
    return tr(key, number=number)


# ------------------------------------------------------------------ meetings


def _meetings(s: Session, board_id: int, finder: _Finder) -> None:
    table = MeetingRecord.__table__
    meetings = _rows(
        s,
        MeetingRecord,
        Meeting,
        ("started_at", "kind", "format_key"),
        MeetingRecord.board_id == board_id,
    )
    if not meetings:
        return
    label = {row.id: tr("privacy.find.where.meeting", date=plain_date(row.started_at.date()))
             for row in meetings}  # fmt: skip
    ids = list(label)
    for row in meetings:
        finder.row("meeting", row, label[row.id], Meeting, notes=tr("privacy.find.field.notes"))
    titles: dict[tuple[int, str], str] = {}  # made only for a step whose notes hold a hit
    by_id = {row.id: row for row in meetings}
    for row in _rows(
        s, MeetingStepRecord, MeetingStep, ("meeting_id", "step_key"),
        MeetingStepRecord.meeting_id.in_(ids),
    ):  # fmt: skip
        if not (row.notes and finder.spans_of(row.notes)):
            continue
        if (row.meeting_id, row.step_key) not in titles:
            titles.update(_step_titles(s, board_id, [by_id[row.meeting_id]]))
        title = titles.get((row.meeting_id, row.step_key), row.step_key)
        notes = tr("privacy.find.field.step_notes", title=title)
        finder.row("meeting_step", row, label[row.meeting_id], MeetingStep, notes=notes)
    agreements = _rows(
        s, AgreementRecord, Agreement, ("meeting_id",), AgreementRecord.meeting_id.in_(ids)
    )
    numbers: dict[int, int] = {}
    for row in agreements:
        numbers[row.meeting_id] = numbers.get(row.meeting_id, 0) + 1
        where = tr(
            "privacy.find.where.agreement", meeting=label[row.meeting_id],
            number=numbers[row.meeting_id],
        )  # fmt: skip
        finder.row("agreement", row, where, Agreement)
    for row in _rows(
        s, AttendanceRecord, Attendance, ("meeting_id",), AttendanceRecord.meeting_id.in_(ids)
    ):
        where = tr("privacy.find.where.attendance", meeting=label[row.meeting_id])
        finder.row("attendance", row, where, Attendance)
    for row in _rows(
        s, MeetingRoleRecord, MeetingRole, ("meeting_id", "role"),
        MeetingRoleRecord.meeting_id.in_(ids),
    ):  # fmt: skip
        where = tr("privacy.find.where.roles", meeting=label[row.meeting_id])
        finder.row("meeting_role", row, where, MeetingRole, guest_name=_role(row.role))
    frozen = s.execute(
        select(table.c.id, cast(table.c.snapshot, Text), cast(table.c.baseline, Text))
        .where(table.c.id.in_(ids))
        .order_by(table.c.id)
    )
    started = {row.id: row.started_at.date() for row in meetings}
    last = ("", 0, 0)  # the last snapshot walked: its text, and its hits (from, to)
    for meeting_id, snapshot, baseline in frozen:
        day = plain_date(started[meeting_id])
        previous = last
        if snapshot and finder.probe(snapshot):
            first = len(finder.hits)
            where = tr("privacy.find.where.snapshot", date=day)
            _walk(finder, meeting_id, where, "snapshot", snapshot, schema.SNAPSHOT)
            last = (snapshot, first, len(finder.hits))
        else:
            last = ("", 0, 0)
        if baseline and finder.probe(baseline):
            where = tr("privacy.find.where.baseline", date=day)
            if _frozen_board_of(previous[0], baseline):  # as the last meeting froze it
                finder.hits += [
                    replace(
                        hit, ref=(meeting_id,), where=where,
                        key=hit.key.replace("snapshot.board", "baseline", 1),
                    )
                    for hit in finder.hits[previous[1] : previous[2]]
                    if hit.key.startswith("snapshot.board.")
                ]  # fmt: skip
            else:
                _walk(finder, meeting_id, where, "baseline", baseline, schema.BOARD_STATE)


_BOARD_PART = '{"board": '


def _frozen_board_of(snapshot: str, baseline: str) -> bool:
    """Whether a baseline is the board part of a snapshot, as stored: the next meeting's
    baseline is the last one's snapshot of the board, so it need not be walked twice."""
    return bool(snapshot) and (
        snapshot.startswith(_BOARD_PART)
        and snapshot.startswith(baseline, len(_BOARD_PART))
        and snapshot.startswith(', "meeting": ', len(_BOARD_PART) + len(baseline))
    )


def _walk(
    finder: _Finder, meeting_id: int, where: str, part: str, raw: str, shape: Mapping[str, Field]
) -> None:
    document = json.loads(raw)
    if isinstance(document, dict):
        _SnapshotWalk(finder, meeting_id, where, part).entity(document, _plan(shape), ())


def _step_titles(s: Session, board_id: int, meetings: Sequence[Any]) -> dict[tuple[int, str], str]:
    """Each meeting's step titles in the user's words (its format, team formats too)."""
    from board.meeting_formats import format_text
    from board.services import team_formats

    out: dict[tuple[int, str], str] = {}
    for row in meetings:
        try:
            fmt = team_formats.format_in(s, board_id, row.kind, row.format_key)
        except Exception:  # a format gone or unreadable: the step is named by its key
            continue
        for step in fmt.steps:
            out[(row.id, step.key)] = format_text(fmt, step.title_key)
    return out


def _role(role: str) -> str:
    key = f"format.role.{role}"
    return tr(key) if has(key) else role


# ------------------------------------------------------------------ frozen snapshots

_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _unescaped(raw: str) -> str:
    """A JSON text with its string escapes resolved: every string value stands in it as is."""
    if raw.isascii():  # what json.dumps writes: one pass in C
        return raw.encode("ascii").decode("unicode_escape")
    return _JSON_ESCAPE.sub(
        lambda m: chr(int(m.group(1), 16)) if m.group(1) else _SIMPLE.get(m.group(2), m.group(2)),
        raw,
    )


# The letters a probe may hold: ASCII ones that no other letter matches in any case ("k"
# matches the Kelvin sign, "s" the long s, "i" the dotted capital I), and digits. They stand
# in a stored document as they are: JSON escapes none of them.
_PROBE_RUN = re.compile(r"[a-hjl-rt-z0-9]{3,}")
# A CPR-like number as a stored document holds it: the separator may be escaped (\u2013).
# (Nothing is asked of the characters around it: an escape before it ends in hex digits.)
_RAW_CPR = re.compile(r"[0-9]{6}(?:[^0-9\\\"]|\\u[0-9a-fA-F]{4})?[0-9]{4}")


def _text_probe(text: str, spans: Spans) -> Callable[[str], bool]:
    """Whether a stored document can hold ``text`` (never a false "no"): the longest run of
    plain letters and digits of ``text`` is in it, in any case; without such a run, the
    document's texts are searched with their escapes resolved."""
    runs = _PROBE_RUN.findall(text.lower())
    if runs:
        probe = max(runs, key=len)
        return lambda raw: probe in raw.lower()

    def resolved(raw: str) -> bool:
        try:
            return bool(spans(_unescaped(raw)))
        except UnicodeDecodeError:
            return True

    return resolved


class _Plan:
    """What a walk looks at in an entry of one declared shape (its parts' plans made once)."""

    __slots__ = ("lists", "names", "objects", "texts")

    def __init__(self, shape: Mapping[str, Field]) -> None:
        items = list(shape.items())
        self.texts = tuple(n for n, f in items if f.kind in _TEXT_KINDS and not n.endswith("key"))
        self.names = tuple(n for n, f in items if f.kind == "names")
        self.objects = tuple(
            (n, _plan(f.entity)) for n, f in items if f.kind == "object" and f.entity
        )
        self.lists = tuple((n, _plan(f.entity)) for n, f in items if f.kind == "list" and f.entity)


_PLANS: dict[int, _Plan] = {}


def _plan(shape: Mapping[str, Field]) -> _Plan:
    plan = _PLANS.get(id(shape))
    if plan is None:
        plan = _PLANS[id(shape)] = _Plan(shape)
    return plan


# The way down to an entry: (list or object name, index or None, the entry, its parent).
_Trail = tuple[tuple[str, int | None, Mapping[str, Any], Mapping[str, Any]], ...]


class _SnapshotWalk:
    """Walks a frozen document along its declared shape; a text with a hit is named (its
    path and the words for it are made only then: most texts hold none)."""

    def __init__(self, finder: _Finder, meeting_id: int, where: str, root: str) -> None:
        self.finder = finder
        self.meeting_id = meeting_id
        self.where = where
        self.root = root

    def entity(self, entry: Mapping[str, Any], plan: _Plan, trail: _Trail) -> None:
        spans_of = self.finder.spans_of
        for name in plan.texts:
            value = entry.get(name)
            if value.__class__ is str and value and spans_of(value):
                self._hit(trail, entry, name, None, value)
        for name in plan.names:
            values = entry.get(name)
            if values.__class__ is list:
                for i, value in enumerate(values):
                    if value.__class__ is str and value and spans_of(value):
                        self._hit(trail, entry, name, i, value)
        for name, sub in plan.objects:
            value = entry.get(name)
            if value.__class__ is dict:
                self.entity(value, sub, (*trail, (name, None, value, entry)))
        for name, sub in plan.lists:
            values = entry.get(name)
            if values.__class__ is list:
                for i, item in enumerate(values):
                    if item.__class__ is dict:
                        self.entity(item, sub, (*trail, (name, i, item, entry)))

    def _hit(
        self, trail: _Trail, entry: Mapping[str, Any], name: str, index: int | None, value: str
    ) -> None:
        path = self.root + "".join(
            f".{part}" if i is None else f".{part}[{i}]" for part, i, _, _ in trail
        )
        context: list[str] = []
        for part, i, item, parent in trail:
            context += _object_context(part) if i is None else _list_context(part, i, item, parent)
        if index is None:
            label, key = _snapshot_label(name, path, entry), f"{path}.{name}"
        else:
            label, key = _field_label(name), f"{path}.{name}[{index}]"
        field = " · ".join((*context, label))
        self.finder.look("snapshot", self.meeting_id, self.where, key, field, value)


def _object_context(name: str) -> tuple[str, ...]:
    return (tr("privacy.find.where.format"),) if name == "format" else ()


def _list_context(
    name: str, i: int, item: Mapping[str, Any], parent: Mapping[str, Any]
) -> tuple[str, ...]:
    """How a person names the i-th entry of a snapshot's list ``name``."""
    if name in ("cards", "ideas"):
        return (tr("privacy.find.where.card", number=item.get("number", i + 1)),)
    if name == "cycles":
        return (tr("privacy.find.where.cycle_short", number=item.get("number", i + 1)),)
    if name == "goals":
        goals = sorted(parent.get("goals", []), key=lambda g: str(g.get("position", "")))
        rank = next((n for n, g in enumerate(goals, 1) if g is item), i + 1)
        return (tr("privacy.find.where.goal", number=rank),)
    if name == "criteria":
        return (tr("privacy.find.where.criterion_short", number=i + 1),)
    if name == "measurements":
        return (tr("privacy.find.where.measurement_short", date=_day(item.get("measured_on"))),)
    if name == "log":
        return (tr("privacy.find.where.log", date=_day(item.get("logged_on"))),)
    if name == "people":
        return (tr("privacy.find.where.people"),)
    if name == "agreements":
        return (tr("privacy.find.where.agreement_short", number=i + 1),)
    if name == "learning_points":
        return (tr("privacy.find.where.learning_point_short", number=i + 1),)
    return ()  # steps and roles: the field's label says which


def _snapshot_label(name: str, path: str, entry: Mapping[str, Any]) -> str:
    if name == "notes" and path.endswith("]") and ".steps[" in path:
        title = entry.get("title_text") or _title(entry.get("title_key", ""))
        return tr("privacy.find.field.step_notes", title=title)
    if name == "notes":
        return tr("privacy.find.field.notes")
    if name == "name" and ".roles[" in path:
        return _role(str(entry.get("role", "")))
    if name == "name" and path.endswith(".board"):
        return tr("field.board_name")
    if name == "text" and ".criteria[" in path:
        return tr("field.criterion")
    if name == "text":
        return tr("field.learning_point")
    return _field_label(name)


def _title(key: str) -> str:
    return tr(key) if key and has(key) else key


def _day(value: Any) -> str:
    try:
        return compact_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return ""


# Fields whose label is not ``field.<name>``.
_LABELS = {
    "what": "field.agreement",
    "guest_name": "field.guest",
    "owner_name": "field.owner",
    "card_title": "privacy.find.field.card_title",
    "facilitator": "meeting.facilitator",
    "present": "privacy.find.field.present",
    "absent": "privacy.find.field.absent",
    "noted_by": "privacy.find.field.noted_by",
    "name_text": "field.format_name",
    "title_text": "privacy.find.field.step_title",
    "notes": "privacy.find.field.notes",
    "text": "field.learning_point",
}


def _field_label(name: str) -> str:
    key = _LABELS.get(name) or f"field.{name}"
    return tr(key) if has(key) else tr("privacy.find.field.other")


# ------------------------------------------------------------------ the excerpt

_SPACES = re.compile(r"\s+")


def _excerpt(value: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The hit with up to ``EXCERPT_CONTEXT`` characters either side, cut at a word where it
    can be and on one line; and where the hit stands in it."""
    a, b = max(0, start - EXCERPT_CONTEXT), min(len(value), end + EXCERPT_CONTEXT)
    before, hit, after = value[a:start], value[start:end], value[end:b]
    if a > 0 and " " in before[:15]:
        before = before[before.index(" ") + 1 :]
    if b < len(value) and " " in after[-15:]:
        after = after[: after.rindex(" ")]
    before = ("…" if a > 0 else "") + _SPACES.sub(" ", before).lstrip()
    hit = _SPACES.sub(" ", hit)
    after = _SPACES.sub(" ", after).rstrip() + ("…" if b < len(value) else "")
    return before + hit + after, (len(before), len(before) + len(hit))
