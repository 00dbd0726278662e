"""A whole board as one versioned JSON document: export, import, and the meeting snapshot.

Records refer to each other by local references (1, 2, 3 … in document order), not by
database ids, so export → import → export gives the same document but for the board name.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.atomic_file import write_bytes
from board.domain import text
from board.domain.document_schema import FORMAT, FORMAT_VERSION, NonFinite, check_document
from board.domain.entities import CYCLE_TEXT_FIELDS
from board.domain.errors import ImportFieldError, ImportFileError, ValidationError
from board.domain.lanes import Lane
from board.domain.ordering import spread_keys
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

# ---------------------------------------------------------------- export


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def board_document(s: Session, board_id: int, with_meetings: bool = True) -> dict[str, Any]:
    """The board as a document, read inside the caller's transaction.

    A meeting's snapshot and baseline take it ``with_meetings=False``: a snapshot that held
    the earlier meetings would hold their snapshots too, and grow threefold per meeting.
    """
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
    meetings = by_board(MeetingRecord) if with_meetings else []
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

    document = {
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
    if not with_meetings:
        del document["meetings"]
    return document


def export_board(db: Database, board_id: int) -> dict[str, Any]:
    with db.read() as s:
        return board_document(s, board_id)


def export_to_file(db: Database, board_id: int, path: Path) -> None:
    document = export_board(db, board_id)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    write_bytes(Path(path), data)


# ---------------------------------------------------------------- import


def read_document(path: Path) -> dict[str, Any]:
    """Read a board file and check it against the declared schema; nothing is written.

    Every problem becomes one clear ImportFileError that names the file (and the field).
    """
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raise ImportFileError("error.import_unreadable", path=where) from None
    try:
        # NaN and Infinity are not JSON; they are kept as markers for the check to name.
        document = json.loads(raw.decode("utf-8"), parse_constant=NonFinite)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ImportFileError("error.import_malformed", path=where) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError("error.import_wrong_kind", path=where)
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError("error.import_malformed", path=where)
    if version > FORMAT_VERSION:
        raise ImportFileError("error.import_version", path=where, version=version)
    return check_document(document, where)


def _respread_lanes(cards: list[dict[str, Any]]) -> None:
    """Give a lane's cards distinct keys again when the file has two cards at one place.

    A drop computes a key between two neighbours, which needs them to differ; archived
    cards take no place (they come back at the end of their lane).
    """
    for lane in Lane:
        live = sorted(
            (c for c in cards if c["lane"] == lane.value and not c["archived"]),
            key=lambda c: c["position"],
        )
        keys = [c["position"] for c in live]
        if len(set(keys)) < len(keys):
            for card, key in zip(live, spread_keys(None, None, len(live)), strict=True):
                card["position"] = key


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def import_document(
    db: Database, document: dict[str, Any], path: str = "", name: str | None = None
) -> str:
    """Create the document's board as a new board in one transaction; returns its name.

    The whole document is checked against the declared schema before anything is written.
    """
    doc = check_document(document, path)
    if name is not None:
        try:
            doc["board"]["name"] = text.title(name, "field.board_name")
        except ValidationError as error:
            raise ImportFieldError("board.name", "doc.invalid", path=path, **error.params) from None
    _respread_lanes(doc["cards"])
    with db.write() as s:
        board = BoardRecord(
            name=unique_board_name(s, doc["board"]["name"]),
            created_at=_stamp(doc["board"]["created_at"]) or now(),
        )
        s.add(board)
        s.flush()
        people: dict[int, PersonRecord] = {}
        for p in doc["people"]:
            people[p["ref"]] = PersonRecord(
                board_id=board.id,
                name=p["name"],
                initials=p["initials"] or text.initials_for(p["name"]),
                email=p["email"],
                archived=p["archived"],
            )
            s.add(people[p["ref"]])
        goals: dict[int, GoalRecord] = {}
        for g in doc["goals"]:
            goal = GoalRecord(
                board_id=board.id,
                position=g["position"],
                development_point=g["development_point"],
                aim=g["aim"],
                citizen_aim=g["citizen_aim"],
                time_frame=g["time_frame"],
                archived=g["archived"],
            )
            for j, c in enumerate(g["criteria"]):
                criterion = CriterionRecord(
                    kind=c["kind"], text=c["text"], target=c["target"], unit=c["unit"], position=j
                )
                criterion.measurements = [
                    MeasurementRecord(
                        measured_on=_day(m["measured_on"]), value=m["value"], note=m["note"]
                    )
                    for m in c["measurements"]
                ]
                goal.criteria.append(criterion)
            s.add(goal)
            goals[g["ref"]] = goal
        s.flush()

        def person_id(ref: int | None) -> int | None:
            return people[ref].id if ref is not None else None

        cards: dict[int, CardRecord] = {}
        cycles: dict[int, CycleRecord] = {}
        for c in doc["cards"]:
            created = _stamp(c["created_at"]) or now()
            card = CardRecord(
                board_id=board.id,
                number=c["number"],
                lane=c["lane"],
                position=c["position"],
                title=c["title"],
                description=c["description"],
                owner_id=person_id(c["owner"]),
                deadline=_day(c["deadline"]),
                archived=c["archived"],
                created_at=created,
                updated_at=_stamp(c["updated_at"]) or created,
                goals=[goals[ref] for ref in c["goals"]],
            )
            for y in c["cycles"]:
                cycle = CycleRecord(
                    number=y["number"],
                    step=y["step"],
                    scale_step=y["scale_step"],
                    act_decision=y["act_decision"],
                    started_on=_day(y["started_on"]),
                    closed_on=_day(y["closed_on"]),
                    **{n: y[n] for n in CYCLE_TEXT_FIELDS},
                )
                cycles[y["ref"]] = cycle
                card.cycles.append(cycle)
            s.add(card)
            cards[c["ref"]] = card
        s.flush()

        def card_id(ref: int | None) -> int | None:
            return cards[ref].id if ref is not None else None

        for e in doc["log"]:
            s.add(
                LogEntryRecord(
                    board_id=board.id,
                    card_id=card_id(e["card"]),
                    cycle_id=cycles[e["cycle"]].id if e["cycle"] is not None else None,
                    logged_on=_day(e["logged_on"]),
                    what_tested=e["what_tested"],
                    decision=e["decision"],
                    learning=e["learning"],
                    owner_id=person_id(e["owner"]),
                    archived=e["archived"],
                )
            )
        for m in doc["meetings"]:
            meeting = MeetingRecord(
                board_id=board.id,
                kind=m["kind"],
                started_at=_stamp(m["started_at"]),
                ended_at=_stamp(m["ended_at"]),
                planned_minutes=m["planned_minutes"],
                facilitator_id=person_id(m["facilitator"]),
                next_meeting_on=_day(m["next_meeting_on"]),
                notes=m["notes"],
                snapshot=m["snapshot"],
                baseline=m["baseline"],
                attendance=[
                    AttendanceRecord(
                        person_id=person_id(a["person"]),
                        guest_name=a["guest_name"],
                        present=a["present"],
                    )
                    for a in m["attendance"]
                ],
                agreements=[
                    AgreementRecord(
                        card_id=card_id(a["card"]),
                        what=a["what"],
                        owner_id=person_id(a["owner"]),
                        deadline=_day(a["deadline"]),
                        done=a["done"],
                    )
                    for a in m["agreements"]
                ],
            )
            s.add(meeting)
            s.flush()
            for d in m["dispatches"]:
                s.add(
                    DispatchRecord(
                        meeting_id=meeting.id,
                        recipient=d["recipient"],
                        sent_at=_stamp(d["sent_at"]),
                        ok=d["ok"],
                        detail=d["detail"],
                    )
                )
        s.flush()
        return board.name


def import_from_file(db: Database, path: Path) -> str:
    return import_document(db, read_document(Path(path)), str(path))
