"""A whole board as one versioned JSON document: export, import, and the meeting snapshot.

Records refer to each other by local references (1, 2, 3 … in document order), not by
database ids, so export → import → export gives the same document but for the board name.
Each record's own fields are copied as its entity declares them (``board.domain.fields``);
only what nests (a card's cycles, a goal's criteria, a meeting's attendance) is spelled here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from board.atomic_file import write_bytes
from board.domain import text
from board.domain.document_schema import FORMAT, FORMAT_VERSION, NonFinite, check_document
from board.domain.entities import (
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
    MeetingRole,
    MeetingStep,
    Person,
    SuccessCriterion,
    TeamFormat,
)
from board.domain.errors import ImportFieldError, ImportFileError, ValidationError
from board.domain.fields import documented, from_document, to_document
from board.domain.lanes import Lane
from board.domain.ordering import spread_keys
from board.domain.privacy import find_cpr_numbers
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
    LearningPointRecord,
    LogEntryRecord,
    MeasurementRecord,
    MeetingRecord,
    MeetingRoleRecord,
    MeetingStepRecord,
    PersonRecord,
    TeamFormatRecord,
)
from board.services.boards import unique_board_name
from board.services.common import get, now

# ---------------------------------------------------------------- export


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
    points = by_board(LearningPointRecord) if with_meetings else []
    team_formats = by_board(TeamFormatRecord) if with_meetings else []
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

    meeting_ref = {m.id: i for i, m in enumerate(meetings, 1)}
    refs = {
        "people": person_ref,
        "goals": goal_ref,
        "cards": card_ref,
        "cycles": cycle_ref,
        "meetings": meeting_ref,
    }
    cycles_by_card: dict[int, list[CycleRecord]] = {}
    for c in cycles:
        cycles_by_card.setdefault(c.card_id, []).append(c)
    made_at: dict[int, list[int]] = {}  # meeting id -> the cards made at it
    for c in cards:
        if c.meeting_id is not None:
            made_at.setdefault(c.meeting_id, []).append(card_ref[c.id])

    def criterion(c: CriterionRecord) -> dict[str, Any]:
        measured = [to_document(Measurement, m, refs) for m in measurements.get(c.id, [])]
        return {**to_document(SuccessCriterion, c, refs), "measurements": measured}

    def card(c: CardRecord) -> dict[str, Any]:
        own = [to_document(Cycle, y, refs) for y in cycles_by_card.get(c.id, [])]
        goals = sorted(goal_ref[g.id] for g in c.goals)
        return {**to_document(Card, c, refs, goals=goals), "cycles": own}

    def meeting(m: MeetingRecord) -> dict[str, Any]:
        return {
            **to_document(Meeting, m, refs),
            "snapshot": m.snapshot,
            "baseline": m.baseline,
            "attendance": [to_document(Attendance, a, refs) for a in m.attendance],
            "agreements": [to_document(Agreement, a, refs) for a in m.agreements],
            "dispatches": [to_document(Dispatch, d, refs) for d in dispatches.get(m.id, [])],
            "steps": [to_document(MeetingStep, x, refs) for x in m.steps],
            "roles": [to_document(MeetingRole, r, refs) for r in m.roles],
            "cards": sorted(made_at.get(m.id, [])),
        }

    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "board": to_document(Board, board, refs),
        "people": [to_document(Person, p, refs) for p in people],
        "goals": [
            {**to_document(Goal, g, refs), "criteria": [criterion(c) for c in g.criteria]}
            for g in goals
        ],
        "cards": [card(c) for c in cards],
        "log": [to_document(LogEntry, e, refs) for e in log],
        "team_formats": [to_document(TeamFormat, f, refs) for f in team_formats],
        "meetings": [meeting(m) for m in meetings],
        "learning_points": [to_document(LearningPoint, p, refs) for p in points],
    }
    if not with_meetings:  # the board as it stood: nothing that names a meeting
        del document["team_formats"], document["meetings"], document["learning_points"]
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


def _columns(
    cls: type,
    entry: dict[str, Any],
    resolve: Callable[[str, int], int] | None = None,
    **given: Any,
) -> dict[str, Any]:
    """A record's columns from a checked document entry, references ``resolve``d to ids.

    The entry's own reference and its lists of references are not columns of its record;
    ``given`` replaces what the entry says.
    """
    values = from_document(cls, entry, resolve)
    for d in documented(cls):
        if d.spec is not None and d.spec.kind in ("id", "refs"):
            del values[d.attribute]
    return {**values, **given}


def _stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def import_document(
    db: Database, document: dict[str, Any], path: str = "", name: str | None = None
) -> str:
    """Create the document's board as a new board in one transaction; returns its name.

    The whole document is checked against the declared schema before anything is written.
    """
    doc = checked_for_import(document, path)
    if name is not None:
        try:
            doc["board"]["name"] = text.title(name, "field.board_name")
        except ValidationError as error:
            raise ImportFieldError("board.name", "doc.invalid", path=path, **error.params) from None
    with db.write() as s:
        return write_board(s, doc, unique_board_name(s, doc["board"]["name"]))


def checked_for_import(document: dict[str, Any], path: str = "") -> dict[str, Any]:
    """The document, checked as an import checks it (schema, case labels, team formats)."""
    doc = check_document(document, path)
    for i, point in enumerate(doc["learning_points"]):
        # A case label names a sparring case neutrally, as the service insists; a file from
        # elsewhere must not bring a CPR number in by the back door.
        if find_cpr_numbers([("", point.get("case_label") or "")]):
            where = f"learning_points[{i}].case_label"
            raise ImportFieldError(where, "doc.case_label_cpr", path=path)
    _check_team_formats(doc, path)
    _respread_lanes(doc["cards"])
    return doc


def write_board(s: Session, doc: dict[str, Any], name: str) -> str:
    """Add a checked document's board as ``name`` inside the caller's transaction."""
    board = BoardRecord(
        **_columns(
            Board,
            doc["board"],
            name=name,
            created_at=_stamp(doc["board"]["created_at"]) or now(),
        )
    )
    s.add(board)
    s.flush()
    saved: dict[str, dict[int, Any]] = {}  # table -> document reference -> record

    def resolve(table: str, ref: int) -> int:
        return int(saved[table][ref].id)

    people = saved["people"] = {}
    for p in doc["people"]:
        people[p["ref"]] = PersonRecord(
            **_columns(Person, p, initials=p["initials"] or text.initials_for(p["name"])),
            board_id=board.id,
        )
        s.add(people[p["ref"]])
    goals = saved["goals"] = {}
    for g in doc["goals"]:
        goal = GoalRecord(**_columns(Goal, g), board_id=board.id)
        for j, c in enumerate(g["criteria"]):
            criterion = CriterionRecord(**_columns(SuccessCriterion, c), position=j)
            criterion.measurements = [
                MeasurementRecord(**_columns(Measurement, m)) for m in c["measurements"]
            ]
            goal.criteria.append(criterion)
        s.add(goal)
        goals[g["ref"]] = goal
    s.flush()

    cards = saved["cards"] = {}
    cycles = saved["cycles"] = {}
    for c in doc["cards"]:
        created = _stamp(c["created_at"]) or now()
        card = CardRecord(
            **_columns(
                Card,
                c,
                resolve,
                created_at=created,
                updated_at=_stamp(c["updated_at"]) or created,
            ),
            board_id=board.id,
            goals=[goals[ref] for ref in c["goals"]],
        )
        for y in c["cycles"]:
            cycle = CycleRecord(**_columns(Cycle, y))
            cycles[y["ref"]] = cycle
            card.cycles.append(cycle)
        s.add(card)
        cards[c["ref"]] = card
    s.flush()

    for e in doc["log"]:
        s.add(LogEntryRecord(**_columns(LogEntry, e, resolve), board_id=board.id))
    for f in doc["team_formats"]:
        s.add(
            TeamFormatRecord(
                **_columns(TeamFormat, f, created_at=_stamp(f["created_at"]) or now()),
                board_id=board.id,
            )
        )
    meetings = saved["meetings"] = {}
    for m in doc["meetings"]:
        meeting = MeetingRecord(
            **_columns(Meeting, m, resolve),
            board_id=board.id,
            snapshot=m["snapshot"],
            baseline=m["baseline"],
            attendance=[
                AttendanceRecord(**_columns(Attendance, a, resolve)) for a in m["attendance"]
            ],
            agreements=[
                AgreementRecord(**_columns(Agreement, a, resolve)) for a in m["agreements"]
            ],
            steps=[MeetingStepRecord(**_columns(MeetingStep, x)) for x in m["steps"]],
            roles=[MeetingRoleRecord(**_columns(MeetingRole, r, resolve)) for r in m["roles"]],
        )
        s.add(meeting)
        s.flush()
        meetings[m["ref"]] = meeting
        for ref in m["cards"]:
            cards[ref].meeting_id = meeting.id
        for d in m["dispatches"]:
            s.add(DispatchRecord(**_columns(Dispatch, d), meeting_id=meeting.id))
    for p in doc["learning_points"]:
        s.add(
            LearningPointRecord(
                **_columns(LearningPoint, p, resolve, created_at=_stamp(p["created_at"]) or now()),
                board_id=board.id,
            )
        )
    s.flush()
    return board.name


def _check_team_formats(doc: dict[str, Any], path: str) -> None:
    """A team format must read as a format (as when it is saved in the window), and a meeting
    names a team format of the file or none."""
    from board import meeting_formats  # the loader and its messages, only when importing

    keys = set()
    for i, f in enumerate(doc["team_formats"]):
        try:
            meeting_formats.format_from_document(f["key"], f["document"], f["key"])
        except meeting_formats.FormatFileError as error:
            where = f"team_formats[{i}].document"
            problem = error.reason_text()
            raise ImportFieldError(where, "doc.team_format", path=path, problem=problem) from None
        keys.add(f["key"])
    for i, m in enumerate(doc["meetings"]):
        if m["format_key"] and m["format_key"] not in keys:
            where = f"meetings[{i}].format_key"
            raise ImportFieldError(where, "doc.unknown_ref", path=path, value=m["format_key"])


def import_from_file(db: Database, path: Path) -> str:
    return import_document(db, read_document(Path(path)), str(path))
