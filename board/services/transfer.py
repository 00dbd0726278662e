"""A whole board as one versioned JSON document: export, import, and the meeting snapshot.

Records refer to each other by local references (1, 2, 3 … in document order), not by
database ids, so export → import → export gives the same document but for the board name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.atomic_file import write_bytes
from board.domain import text
from board.domain.entities import (
    CYCLE_TEXT_FIELDS,
    CriterionKind,
    CycleStep,
    Decision,
    MeetingKind,
    ScaleStep,
)
from board.domain.errors import ImportFileError
from board.domain.lanes import Lane
from board.persistence.database import Database
from board.persistence.records import (
    AgreementRecord,
    AttendanceRecord,
    BoardRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    DispatchRecord,
    GoalRecord,
    LogEntryRecord,
    MeasurementRecord,
    MeetingRecord,
    PersonRecord,
)
from board.services.boards import unique_board_name
from board.services.common import get, now

FORMAT = "forbedringstavle-board"
FORMAT_VERSION = 1


# ---------------------------------------------------------------- export


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def board_document(s: Session, board_id: int) -> dict[str, Any]:
    """The board as a document, read inside the caller's transaction (also used for snapshots)."""
    board = get(s, BoardRecord, board_id, "board")

    def by_board(record_type: Any) -> list[Any]:
        return list(
            s.scalars(
                select(record_type).where(record_type.board_id == board_id).order_by(record_type.id)
            )
        )

    people = by_board(PersonRecord)
    goals = by_board(GoalRecord)
    cards = by_board(CardRecord)
    log = by_board(LogEntryRecord)
    meetings = by_board(MeetingRecord)
    person_ref = {p.id: i for i, p in enumerate(people, 1)}
    goal_ref = {g.id: i for i, g in enumerate(goals, 1)}
    card_ref = {c.id: i for i, c in enumerate(cards, 1)}
    card_ids = list(card_ref)
    cycles = (
        list(
            s.scalars(
                select(CycleRecord)
                .where(CycleRecord.card_id.in_(card_ids))
                .order_by(CycleRecord.card_id, CycleRecord.number)
            )
        )
        if card_ids
        else []
    )
    cycle_ref = {c.id: i for i, c in enumerate(cycles, 1)}
    criterion_ids = [c.id for g in goals for c in g.criteria]
    measurements: dict[int, list[MeasurementRecord]] = {}
    if criterion_ids:
        for m in s.scalars(
            select(MeasurementRecord)
            .where(MeasurementRecord.criterion_id.in_(criterion_ids))
            .order_by(MeasurementRecord.measured_on, MeasurementRecord.id)
        ):
            measurements.setdefault(m.criterion_id, []).append(m)
    meeting_ids = [m.id for m in meetings]
    dispatches: dict[int, list[DispatchRecord]] = {}
    if meeting_ids:
        for d in s.scalars(
            select(DispatchRecord)
            .where(DispatchRecord.meeting_id.in_(meeting_ids))
            .order_by(DispatchRecord.id)
        ):
            dispatches.setdefault(d.meeting_id, []).append(d)

    def ref(table: dict[int, int], value: int | None) -> int | None:
        return table.get(value) if value is not None else None

    cycles_by_card: dict[int, list[CycleRecord]] = {}
    for c in cycles:
        cycles_by_card.setdefault(c.card_id, []).append(c)

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "board": {"name": board.name, "created_at": _iso(board.created_at)},
        "people": [
            {
                "ref": person_ref[p.id],
                "name": p.name,
                "initials": p.initials,
                "email": p.email,
                "archived": p.archived,
            }
            for p in people
        ],
        "goals": [
            {
                "ref": goal_ref[g.id],
                "position": g.position,
                "development_point": g.development_point,
                "aim": g.aim,
                "citizen_aim": g.citizen_aim,
                "time_frame": g.time_frame,
                "archived": g.archived,
                "criteria": [
                    {
                        "kind": c.kind,
                        "text": c.text,
                        "target": c.target,
                        "unit": c.unit,
                        "measurements": [
                            {"measured_on": _iso(m.measured_on), "value": m.value, "note": m.note}
                            for m in measurements.get(c.id, [])
                        ],
                    }
                    for c in g.criteria
                ],
            }
            for g in goals
        ],
        "cards": [
            {
                "ref": card_ref[c.id],
                "number": c.number,
                "lane": c.lane,
                "position": c.position,
                "title": c.title,
                "description": c.description,
                "owner": ref(person_ref, c.owner_id),
                "deadline": _iso(c.deadline),
                "archived": c.archived,
                "goals": sorted(goal_ref[g.id] for g in c.goals),
                "created_at": _iso(c.created_at),
                "updated_at": _iso(c.updated_at),
                "cycles": [
                    {
                        "ref": cycle_ref[y.id],
                        "number": y.number,
                        "step": y.step,
                        "scale_step": y.scale_step,
                        **{name: getattr(y, name) for name in CYCLE_TEXT_FIELDS},
                        "act_decision": y.act_decision,
                        "started_on": _iso(y.started_on),
                        "closed_on": _iso(y.closed_on),
                    }
                    for y in cycles_by_card.get(c.id, [])
                ],
            }
            for c in cards
        ],
        "log": [
            {
                "card": ref(card_ref, e.card_id),
                "cycle": ref(cycle_ref, e.cycle_id),
                "logged_on": _iso(e.logged_on),
                "what_tested": e.what_tested,
                "decision": e.decision,
                "learning": e.learning,
                "owner": ref(person_ref, e.owner_id),
                "archived": e.archived,
            }
            for e in log
        ],
        "meetings": [
            {
                "kind": m.kind,
                "started_at": _iso(m.started_at),
                "ended_at": _iso(m.ended_at),
                "planned_minutes": m.planned_minutes,
                "facilitator": ref(person_ref, m.facilitator_id),
                "next_meeting_on": _iso(m.next_meeting_on),
                "notes": m.notes,
                "snapshot": m.snapshot,
                "baseline": m.baseline,
                "attendance": [
                    {
                        "person": ref(person_ref, a.person_id),
                        "guest_name": a.guest_name,
                        "present": a.present,
                    }
                    for a in m.attendance
                ],
                "agreements": [
                    {
                        "card": ref(card_ref, a.card_id),
                        "what": a.what,
                        "owner": ref(person_ref, a.owner_id),
                        "deadline": _iso(a.deadline),
                        "done": a.done,
                    }
                    for a in m.agreements
                ],
                "dispatches": [
                    {
                        "recipient": d.recipient,
                        "sent_at": _iso(d.sent_at),
                        "ok": d.ok,
                        "detail": d.detail,
                    }
                    for d in dispatches.get(m.id, [])
                ],
            }
            for m in meetings
        ],
    }


def export_board(db: Database, board_id: int) -> dict[str, Any]:
    with db.read() as s:
        return board_document(s, board_id)


def export_to_file(db: Database, board_id: int, path: Path) -> None:
    document = export_board(db, board_id)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    write_bytes(Path(path), data)


# ---------------------------------------------------------------- import


def read_document(path: Path) -> dict[str, Any]:
    """Read and check a board file; every problem becomes one clear ImportFileError."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise ImportFileError("error.import_unreadable", path=where) from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ImportFileError("error.import_malformed", path=where) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError("error.import_wrong_kind", path=where)
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError("error.import_malformed", path=where)
    if version > FORMAT_VERSION:
        raise ImportFileError("error.import_version", path=where, version=version)
    return document


class _Reader:
    """Typed access to a document's fields; a wrong shape names the place it was found."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str) -> ImportFileError:
        return ImportFileError("error.import_content", path=self.path, detail=where)

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where)
        return value

    def items(self, parent: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = parent.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}")
        return [self.obj(v, f"{where}.{key}[{i}]") for i, v in enumerate(value)]

    def str(self, parent: dict[str, Any], key: str, where: str, default: str = "") -> str:
        value = parent.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}")
        return value

    def bool(self, parent: dict[str, Any], key: str, where: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}")
        return value

    def int(self, parent: dict[str, Any], key: str, where: str, default: int | None = None) -> int:
        value = parent.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{where}.{key}")
        return value

    def ref(self, parent: dict[str, Any], key: str, table: dict[int, Any], where: str) -> Any:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or value not in table:
            raise self.fail(f"{where}.{key}")
        return table[value]

    def date(self, parent: dict[str, Any], key: str, where: str) -> date | None:
        value = parent.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(f"{where}.{key}") from None

    def datetime(self, parent: dict[str, Any], key: str, where: str) -> datetime | None:
        value = parent.get(key)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(f"{where}.{key}") from None

    def enum(self, parent: dict[str, Any], key: str, kind: Callable[[str], Any], where: str) -> str:
        value = parent.get(key)
        try:
            return str(kind(value).value)
        except (ValueError, TypeError):
            raise self.fail(f"{where}.{key}") from None

    def text(self, check: Callable[[str], str], value: str, where: str) -> str:
        try:
            return check(value)
        except Exception:  # a ValidationError: report where in the file it is
            raise self.fail(where) from None


def import_document(
    db: Database, document: dict[str, Any], path: str = "", name: str | None = None
) -> str:
    """Create the document's board as a new board in one transaction; returns its name."""
    r = _Reader(path)

    board_doc = r.obj(document.get("board"), "board")
    wanted = r.text(text.title, name or r.str(board_doc, "name", "board"), "board.name")
    with db.write() as s:
        board = BoardRecord(
            name=unique_board_name(s, wanted),
            created_at=r.datetime(board_doc, "created_at", "board") or now(),
        )
        s.add(board)
        s.flush()
        people: dict[int, PersonRecord] = {}
        for i, p in enumerate(r.items(document, "people", ""), 1):
            w = f"people[{i - 1}]"
            person_name = r.text(text.name, r.str(p, "name", w), f"{w}.name")
            record = PersonRecord(
                board_id=board.id,
                name=person_name,
                initials=r.text(
                    lambda v: text.name(v, required=False), r.str(p, "initials", w), f"{w}.initials"
                )
                or text.initials_for(person_name),
                email=r.text(text.email, r.str(p, "email", w), f"{w}.email"),
                archived=r.bool(p, "archived", w),
            )
            s.add(record)
            people[r.int(p, "ref", w, i)] = record
        goals: dict[int, GoalRecord] = {}
        for i, g in enumerate(r.items(document, "goals", ""), 1):
            w = f"goals[{i - 1}]"
            record = GoalRecord(
                board_id=board.id,
                position=r.str(g, "position", w) or f"{i:04d}",
                development_point=r.text(text.long_text, r.str(g, "development_point", w), w),
                aim=r.text(text.long_text, r.str(g, "aim", w), f"{w}.aim"),
                citizen_aim=r.text(text.long_text, r.str(g, "citizen_aim", w), w),
                time_frame=r.text(
                    lambda v: text.name(v, required=False),
                    r.str(g, "time_frame", w),
                    f"{w}.time_frame",
                ),
                archived=r.bool(g, "archived", w),
            )
            for j, c in enumerate(r.items(g, "criteria", w)):
                cw = f"{w}.criteria[{j}]"
                criterion = CriterionRecord(
                    kind=r.enum(c, "kind", CriterionKind, cw),
                    text=r.text(text.long_text, r.str(c, "text", cw), f"{cw}.text"),
                    target=r.str(c, "target", cw)[:120],
                    unit=r.str(c, "unit", cw)[:60],
                    position=j,
                )
                record.criteria.append(criterion)
                for k, m in enumerate(r.items(c, "measurements", cw)):
                    mw = f"{cw}.measurements[{k}]"
                    value = m.get("value")
                    if not isinstance(value, int | float) or isinstance(value, bool):
                        raise r.fail(f"{mw}.value")
                    day = r.date(m, "measured_on", mw)
                    if day is None:
                        raise r.fail(f"{mw}.measured_on")
                    criterion.measurements.append(
                        MeasurementRecord(
                            measured_on=day,
                            value=float(value),
                            note=r.text(text.long_text, r.str(m, "note", mw), mw),
                        )
                    )
            s.add(record)
            goals[r.int(g, "ref", w, i)] = record
        s.flush()
        cards: dict[int, CardRecord] = {}
        cycles: dict[int, CycleRecord] = {}
        numbers: set[int] = set()
        for i, c in enumerate(r.items(document, "cards", ""), 1):
            w = f"cards[{i - 1}]"
            number = r.int(c, "number", w, i)
            if number in numbers:
                raise r.fail(f"{w}.number")
            numbers.add(number)
            stamp = r.datetime(c, "created_at", w) or now()
            owner = r.ref(c, "owner", people, w)
            linked = c.get("goals", [])
            if not isinstance(linked, list):
                raise r.fail(f"{w}.goals")
            record = CardRecord(
                board_id=board.id,
                number=number,
                lane=r.enum(c, "lane", Lane, w),
                position=r.str(c, "position", w) or f"{i:04d}",
                title=r.text(text.title, r.str(c, "title", w), f"{w}.title"),
                description=r.text(text.long_text, r.str(c, "description", w), f"{w}.description"),
                owner_id=owner.id if owner else None,
                deadline=r.date(c, "deadline", w),
                archived=r.bool(c, "archived", w),
                created_at=stamp,
                updated_at=r.datetime(c, "updated_at", w) or stamp,
                goals=[r.ref({"g": g}, "g", goals, f"{w}.goals") for g in linked],
            )
            s.add(record)
            cards[r.int(c, "ref", w, i)] = record
            seen_numbers: set[int] = set()
            for j, y in enumerate(r.items(c, "cycles", w)):
                yw = f"{w}.cycles[{j}]"
                cycle_number = r.int(y, "number", yw, j + 1)
                if cycle_number in seen_numbers:
                    raise r.fail(f"{yw}.number")
                seen_numbers.add(cycle_number)
                decision = y.get("act_decision")
                cycle = CycleRecord(
                    number=cycle_number,
                    step=r.enum(y, "step", CycleStep, yw),
                    scale_step=r.enum(y, "scale_step", ScaleStep, yw),
                    act_decision=r.enum(y, "act_decision", Decision, yw) if decision else None,
                    started_on=r.date(y, "started_on", yw),
                    closed_on=r.date(y, "closed_on", yw),
                    **{
                        n: r.text(text.long_text, r.str(y, n, yw), f"{yw}.{n}")
                        for n in CYCLE_TEXT_FIELDS
                    },
                )
                cycles[r.int(y, "ref", yw, len(cycles) + 1)] = cycle
                record.cycles.append(cycle)
        s.flush()
        for i, e in enumerate(r.items(document, "log", "")):
            w = f"log[{i}]"
            card = r.ref(e, "card", cards, w)
            cycle = r.ref(e, "cycle", cycles, w)
            owner = r.ref(e, "owner", people, w)
            decision = e.get("decision")
            s.add(
                LogEntryRecord(
                    board_id=board.id,
                    card_id=card.id if card else None,
                    cycle_id=cycle.id if cycle else None,
                    logged_on=r.date(e, "logged_on", w) or now().date(),
                    what_tested=r.text(text.long_text, r.str(e, "what_tested", w), w),
                    decision=r.enum(e, "decision", Decision, w) if decision else None,
                    learning=r.text(text.long_text, r.str(e, "learning", w), w),
                    owner_id=owner.id if owner else None,
                    archived=r.bool(e, "archived", w),
                )
            )
        for i, m in enumerate(r.items(document, "meetings", "")):
            w = f"meetings[{i}]"
            facilitator = r.ref(m, "facilitator", people, w)
            snapshot, baseline = m.get("snapshot"), m.get("baseline")
            for key, value in (("snapshot", snapshot), ("baseline", baseline)):
                if value is not None and not isinstance(value, dict):
                    raise r.fail(f"{w}.{key}")
            meeting = MeetingRecord(
                board_id=board.id,
                kind=r.enum(m, "kind", MeetingKind, w),
                started_at=r.datetime(m, "started_at", w) or now(),
                ended_at=r.datetime(m, "ended_at", w),
                planned_minutes=r.int(m, "planned_minutes", w, 15),
                facilitator_id=facilitator.id if facilitator else None,
                next_meeting_on=r.date(m, "next_meeting_on", w),
                notes=r.text(text.long_text, r.str(m, "notes", w), w),
                snapshot=snapshot,
                baseline=baseline,
            )
            for j, a in enumerate(r.items(m, "attendance", w)):
                person = r.ref(a, "person", people, f"{w}.attendance[{j}]")
                meeting.attendance.append(
                    AttendanceRecord(
                        person_id=person.id if person else None,
                        guest_name=r.str(a, "guest_name", w)[:120],
                        present=r.bool(a, "present", w),
                    )
                )
            for j, a in enumerate(r.items(m, "agreements", w)):
                aw = f"{w}.agreements[{j}]"
                card = r.ref(a, "card", cards, aw)
                owner = r.ref(a, "owner", people, aw)
                meeting.agreements.append(
                    AgreementRecord(
                        card_id=card.id if card else None,
                        what=r.text(text.long_text, r.str(a, "what", aw), aw),
                        owner_id=owner.id if owner else None,
                        deadline=r.date(a, "deadline", aw),
                        done=r.bool(a, "done", aw),
                    )
                )
            s.add(meeting)
            s.flush()
            for j, d in enumerate(r.items(m, "dispatches", w)):
                dw = f"{w}.dispatches[{j}]"
                s.add(
                    DispatchRecord(
                        meeting_id=meeting.id,
                        recipient=r.str(d, "recipient", dw)[:254],
                        sent_at=r.datetime(d, "sent_at", dw) or now(),
                        ok=r.bool(d, "ok", dw),
                        detail=r.str(d, "detail", dw),
                    )
                )
        s.flush()
        return board.name


def import_from_file(db: Database, path: Path) -> str:
    return import_document(db, read_document(Path(path)), str(path))
