"""Erase personal data for good (issue 13): redact a text, erase an archived card, erase a person.

Each is one transaction over the board's rows *and* every meeting's frozen snapshot and
baseline (the minutes are re-made from those), and leaves a ``privacy_record`` row: when, by
which computer user, what was done, how many places of which kinds - never the text. After
the commit the database is asked to scrub the touched tables (``Database.scrub``) so the old
text leaves the files too.

The mark is stored text, not a translation: a redaction writes ``REDACTED`` ("[slettet]") in
the board's language whatever language the screen shows, so every screen and every re-made
PDF reads the same.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from board.domain import document_schema as schema
from board.domain.errors import ValidationError
from board.domain.fields import Field
from board.domain.privacy import search_pattern
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardGoalRecord,
    CardRecord,
    CycleRecord,
    DispatchRecord,
    LogEntryRecord,
    MeetingRecord,
    PersonRecord,
    PrivacyRecord,
)
from board.services.common import computer_user, get, now

REDACTED = "[slettet]"
_TEXT_KINDS = frozenset({"title", "name", "line", "text", "email"})


@dataclass(frozen=True, slots=True)
class Redaction:
    """What an erasure changed: how many places (fields), of which kinds, in which meetings,
    and which of those meetings' minutes were already e-mailed (out of reach)."""

    places: int
    kinds: tuple[str, ...]
    meetings: tuple[int, ...] = ()
    sent_meetings: tuple[int, ...] = ()
    # Whether the old text also left the database's files (False: another window still
    # reads an old state of a SQLite file; the next scrub or checkpoint takes it)
    scrubbed: bool = True


@dataclass(frozen=True, slots=True)
class ErasureEntry:
    """One row of "Hvad er slettet": never the text."""

    made_at: datetime
    made_by: str
    action: str
    places: int
    kinds: tuple[str, ...]

    @property
    def what_key(self) -> str:
        """The catalog key that says what was done."""
        return _ACTION_KEYS.get(self.action, "privacy.erase.action.redact")


_ACTION_KEYS = {
    "redact": "privacy.erase.action.redact",
    "erase_card": "privacy.erase.action.erase_card",
    "erase_person": "privacy.erase.action.erase_person",
}


# ------------------------------------------------------------------ redact


def redact(db: Database, board_id: int, text: str, hits: Sequence[Any] | None = None) -> Redaction:
    """Replace ``text`` (in any case, as Find persondata finds it) with ``REDACTED`` in the
    places of ``hits`` (None: everywhere on the board, frozen meetings included)."""
    from board.services import privacy

    pattern = search_pattern(text)
    if hits is None:
        if pattern is None:
            raise ValidationError("privacy.erase.error.blank")
        hits = privacy.find(db, board_id, text)
    changed: dict[tuple[str, int, str], str] = {}
    meetings: set[int] = set()
    with db.write() as s:
        docs: dict[tuple[int, str], Any] = {}
        for hit in hits:
            own = pattern or re.compile(re.escape(hit.found), re.IGNORECASE)
            record_id = hit.ref[-1]
            if hit.place == "snapshot":
                root, _, rest = hit.key.partition(".")
                doc = docs.get((record_id, root))
                if doc is None:
                    record = get(s, MeetingRecord, record_id, "meeting")
                    _check_board(record.board_id, board_id)
                    doc = docs[(record_id, root)] = copy.deepcopy(getattr(record, root))
                if _sub_at(doc, rest, own, REDACTED):
                    changed[("snapshot", record_id, hit.key)] = "snapshot"
                    meetings.add(record_id)
                continue
            row = s.get(privacy.record_type(hit.place), record_id)
            if row is None:
                continue
            value = getattr(row, hit.key, None)
            if isinstance(value, str) and own.search(value):
                setattr(row, hit.key, own.sub(REDACTED, value))
                changed[(hit.place, record_id, hit.key)] = hit.place
        for (meeting_id, root), doc in docs.items():
            setattr(s.get(MeetingRecord, meeting_id), root, doc)
        result = _finish(s, board_id, "redact", changed.values(), meetings)
    return _scrub(db, result, {privacy.record_type(k).__tablename__ for k in result.kinds})


def _check_board(owner: int, board_id: int) -> None:
    if owner != board_id:
        raise ValidationError("privacy.erase.error.other_board")


_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _sub_at(doc: Any, path: str, pattern: re.Pattern[str], mark: str) -> bool:
    """Replace in the text at ``path`` ("board.cards[3].description") of a document; whether
    anything changed (a path no longer there changes nothing)."""
    steps = [_STEP.fullmatch(part) for part in path.split(".")] if path else []
    if not steps or any(m is None for m in steps):
        return False
    parent: Any = None
    slot: Any = None
    node = doc
    for m in steps:
        assert m is not None
        name, index = m.group(1), m.group(2)
        if not isinstance(node, dict) or name not in node:
            return False
        parent, slot, node = node, name, node[name]
        if index is not None:
            i = int(index)
            if not isinstance(node, list) or i >= len(node):
                return False
            parent, slot, node = node, i, node[i]
    if not isinstance(node, str) or not pattern.search(node):
        return False
    parent[slot] = pattern.sub(mark, node)
    return True


# ------------------------------------------------------------------ erase a card


def erase_card(db: Database, card_id: int) -> Redaction:
    """Erase an archived card for good: the card, its learning cycles, its log entries and
    links to goals; in every frozen meeting its entry's texts (and any text that was one of
    them, as an agreement's card title) become ``REDACTED``."""
    with db.write() as s:
        card = get(s, CardRecord, card_id, "card")
        if not card.archived:
            raise ValidationError("privacy.erase.error.not_archived")
        board_id, number = card.board_id, card.number
        texts = {card.title, card.description}
        kinds = ["card"]
        for cycle in s.scalars(select(CycleRecord).where(CycleRecord.card_id == card_id)):
            texts |= _texts_of(cycle, _text_fields(schema.CYCLE))
            kinds.append("cycle")
        logs = list(s.scalars(select(LogEntryRecord).where(LogEntryRecord.card_id == card_id)))
        for entry in logs:
            texts |= _texts_of(entry, _text_fields(schema.LOG_ENTRY))
            kinds.append("log")
            s.delete(entry)
        s.execute(delete(CardGoalRecord).where(CardGoalRecord.card_id == card_id))
        s.delete(card)
        meetings: set[int] = set()
        for meeting in _frozen_meetings(s, board_id):
            for root in ("snapshot", "baseline"):
                doc = getattr(meeting, root)
                if not doc:
                    continue
                doc = copy.deepcopy(doc)
                state = doc.get("board") if root == "snapshot" else doc
                found = set(texts)
                blanked: set[str] = set()  # the card's own entry, as it stood then
                if isinstance(state, dict):
                    for entry in state.get("cards", []):
                        if isinstance(entry, dict) and entry.get("number") == number:
                            blanked |= _blank(entry, schema.CARD)
                found = {t for t in found | blanked if t and t != REDACTED}
                if _replace_equal(doc, found, REDACTED) | bool(blanked):
                    setattr(meeting, root, doc)
                    meetings.add(meeting.id)
                    kinds.append("snapshot")
        result = _finish(s, board_id, "erase_card", kinds, meetings)
    return _scrub(db, result, {"card", "cycle", "log_entry", "card_goal", "meeting"})


def _text_fields(shape: Mapping[str, Field]) -> tuple[str, ...]:
    return tuple(n for n, f in shape.items() if f.kind in _TEXT_KINDS and not n.endswith("key"))


def _texts_of(record: Any, names: Iterable[str]) -> set[str]:
    return {v for n in names if isinstance(v := getattr(record, n, None), str) and v}


def _blank(entry: dict[str, Any], shape: Mapping[str, Field]) -> set[str]:
    """Every text of a frozen entry (and its lists, as a card's cycles) becomes the mark;
    the texts it held are returned."""
    held: set[str] = set()
    for name, spec in shape.items():
        value = entry.get(name)
        if name in _text_fields(shape) and isinstance(value, str) and value:
            held.add(value)
            entry[name] = REDACTED
        elif spec.kind == "list" and spec.entity and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    held |= _blank(item, spec.entity)
    return held


def _replace_equal(node: Any, texts: set[str], mark: str) -> bool:
    """Every string value in a document equal to one of ``texts`` becomes ``mark``."""
    changed = False
    if isinstance(node, dict):
        items: Iterable[tuple[Any, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return False
    for slot, value in items:
        if isinstance(value, str):
            if value in texts:
                node[slot] = mark
                changed = True
        elif _replace_equal(value, texts, mark):
            changed = True
    return changed


# ------------------------------------------------------------------ erase a person


def erase_person(db: Database, person_id: int, label: str) -> Redaction:
    """A person's name becomes a neutral ``label`` ("Medarbejder 1") everywhere, frozen
    meetings too; the e-mail address is removed. History is kept: cards, agreements and
    attendance still point to the (now nameless) person."""
    from board.domain import text as text_rules
    from board.services import privacy

    label = text_rules.name(label, "field.name")
    with db.read() as s:
        person = get(s, PersonRecord, person_id, "person")
        board_id, name, email = person.board_id, person.name, person.email
    hits = privacy.find(db, board_id, name)
    found = search_pattern(name)
    assert found is not None  # a person always has a name
    # Whole words only: erasing "Lene Holm" leaves "Lene Holmberg", another person, alone.
    pattern = re.compile(rf"(?<!\w){found.pattern}(?!\w)", found.flags)
    changed: list[str] = ["person"]
    meetings: set[int] = set()
    with db.write() as s:
        person = get(s, PersonRecord, person_id, "person")
        person.name = label
        person.initials = text_rules.initials_for(label)[:12]
        person.email = ""
        docs: dict[tuple[int, str], Any] = {}
        for hit in hits:
            if hit.place == "snapshot":
                root, _, rest = hit.key.partition(".")
                doc = docs.get((hit.ref[-1], root))
                if doc is None:
                    record = get(s, MeetingRecord, hit.ref[-1], "meeting")
                    doc = docs[(hit.ref[-1], root)] = copy.deepcopy(getattr(record, root))
                if _sub_at(doc, rest, pattern, label):
                    meetings.add(hit.ref[-1])
                    changed.append("snapshot")
                continue
            if hit.place == "person":  # her own record is done; another's name is theirs
                continue
            row = s.get(privacy.record_type(hit.place), hit.ref[-1])
            value = getattr(row, hit.key, None) if row is not None else None
            if isinstance(value, str) and pattern.search(value):
                setattr(row, hit.key, pattern.sub(label, value))
                changed.append(hit.place)
        for (meeting_id, root), doc in docs.items():
            if email:
                _replace_equal(doc, {email}, "")
            setattr(s.get(MeetingRecord, meeting_id), root, doc)
        result = _finish(s, board_id, "erase_person", changed, meetings)
    return _scrub(db, result, {privacy.record_type(k).__tablename__ for k in result.kinds})


# The default label of an erased person: stored text in the board's language (as ``REDACTED``),
# numbered so two erased people stay apart.
FORMER_LABEL = "Tidligere medarbejder {n}"
_FORMER = re.compile(r"Tidligere medarbejder (\d+)")


def next_label(db: Database, board_id: int) -> str:
    """»Tidligere medarbejder n«, n one past the highest such label on the board."""
    with db.read() as s:
        names = s.scalars(select(PersonRecord.name).where(PersonRecord.board_id == board_id))
        taken = [int(m.group(1)) for name in names if (m := _FORMER.fullmatch(name))]
    return FORMER_LABEL.format(n=max(taken, default=0) + 1)


# ------------------------------------------------------------------ the record


def _frozen_meetings(s: Session, board_id: int) -> list[MeetingRecord]:
    return list(
        s.scalars(
            select(MeetingRecord)
            .where(MeetingRecord.board_id == board_id)
            .where(MeetingRecord.snapshot.is_not(None) | MeetingRecord.baseline.is_not(None))
        )
    )


def _finish(
    s: Session, board_id: int, action: str, kinds: Iterable[str], meetings: set[int]
) -> Redaction:
    """Mark the redacted meetings, write the record (never the text), say what changed."""
    kinds = list(kinds)
    if not kinds:  # nothing changed: nothing to record
        return Redaction(0, ())
    stamp = now()
    for meeting_id in meetings:
        record = s.get(MeetingRecord, meeting_id)
        if record is not None and record.snapshot is not None:
            record.redacted_at = stamp
    kind_set = tuple(sorted(set(kinds)))
    s.add(
        PrivacyRecord(
            board_id=board_id, made_at=stamp, made_by=computer_user(), action=action,
            places=len(kinds), kinds=",".join(kind_set),
        )
    )  # fmt: skip
    sent = (
        sorted(
            set(
                s.scalars(
                    select(DispatchRecord.meeting_id).where(
                        DispatchRecord.meeting_id.in_(meetings), DispatchRecord.ok.is_(True)
                    )
                )
            )
        )
        if meetings
        else []
    )
    return Redaction(len(kinds), kind_set, tuple(sorted(meetings)), tuple(sent))


def sent_meetings(db: Database, meeting_ids: Iterable[int]) -> list[int]:
    """Which of these meetings' minutes were e-mailed: out of the program's reach."""
    ids = list(meeting_ids)
    if not ids:
        return []
    with db.read() as s:
        return sorted(
            set(
                s.scalars(
                    select(DispatchRecord.meeting_id).where(
                        DispatchRecord.meeting_id.in_(ids), DispatchRecord.ok.is_(True)
                    )
                )
            )
        )


def erasures(db: Database, board_id: int) -> list[ErasureEntry]:
    """What has been erased on the board, newest first (for the data protection officer)."""
    with db.read() as s:
        get(s, BoardRecord, board_id, "board")
        rows = s.scalars(
            select(PrivacyRecord)
            .where(PrivacyRecord.board_id == board_id)
            .order_by(PrivacyRecord.made_at.desc(), PrivacyRecord.id.desc())
        )
        return [
            ErasureEntry(
                r.made_at, r.made_by, r.action, r.places, tuple(filter(None, r.kinds.split(",")))
            )
            for r in rows
        ]


def _scrub(db: Database, result: Redaction, tables: set[str]) -> Redaction:
    """After the commit: let the old text leave the database's files too (the touched
    tables; on PostgreSQL each is rewritten)."""
    if not result.places:
        return result
    return replace(result, scrubbed=db.scrub(sorted(tables | {"privacy_record"})))
