"""A board document (export or meeting snapshot) read back as a BoardState.

The minutes draw "the board as it stood" from this, so a past meeting's picture never
depends on the live database. Identifiers are the document's local references.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from board.domain.entities import (
    CYCLE_TEXT_FIELDS,
    Board,
    BoardState,
    Card,
    CriterionKind,
    Cycle,
    CycleStep,
    Decision,
    Goal,
    LogEntry,
    Person,
    ScaleStep,
    SuccessCriterion,
)
from board.domain.lanes import Lane


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def state_from_document(document: dict[str, Any]) -> BoardState:
    board_doc = document["board"]
    board = Board(
        id=0,
        name=board_doc["name"],
        version=1,
        created_at=datetime.fromisoformat(board_doc["created_at"])
        if board_doc.get("created_at")
        else datetime(2000, 1, 1),
    )
    people = tuple(
        Person(p["ref"], 0, p["name"], p["initials"], p.get("email", ""), p["archived"], 1)
        for p in document.get("people", [])
    )
    goals = tuple(
        Goal(
            id=g["ref"],
            board_id=0,
            position=g["position"],
            development_point=g.get("development_point", ""),
            aim=g["aim"],
            citizen_aim=g.get("citizen_aim", ""),
            time_frame=g.get("time_frame", ""),
            archived=g["archived"],
            version=1,
            criteria=tuple(
                SuccessCriterion(
                    i + 1,
                    g["ref"],
                    CriterionKind(c["kind"]),
                    c["text"],
                    c.get("target", ""),
                    c.get("unit", ""),
                    i,
                )
                for i, c in enumerate(g.get("criteria", []))
            ),
        )
        for g in sorted(document.get("goals", []), key=lambda g: g["position"])
    )
    cards: list[Card] = []
    current: dict[int, Cycle] = {}
    for c in document.get("cards", []):
        cards.append(
            Card(
                id=c["ref"],
                board_id=0,
                number=c["number"],
                lane=Lane(c["lane"]),
                position=c["position"],
                title=c["title"],
                description=c.get("description", ""),
                owner_id=c.get("owner"),
                deadline=_d(c.get("deadline")),
                archived=c["archived"],
                version=1,
                goal_ids=tuple(c.get("goals", [])),
                created_at=_dt(c.get("created_at")),
                updated_at=_dt(c.get("updated_at")),
            )
        )
        if c.get("cycles"):
            y = c["cycles"][-1]
            current[c["ref"]] = Cycle(
                id=y["ref"],
                card_id=c["ref"],
                number=y["number"],
                step=CycleStep(y["step"]),
                scale_step=ScaleStep(y["scale_step"]),
                act_decision=Decision(y["act_decision"]) if y.get("act_decision") else None,
                started_on=_d(y.get("started_on")),
                closed_on=_d(y.get("closed_on")),
                **{name: y.get(name, "") for name in CYCLE_TEXT_FIELDS},
            )
    log = tuple(
        LogEntry(
            id=i,
            board_id=0,
            card_id=e.get("card"),
            cycle_id=e.get("cycle"),
            logged_on=_d(e["logged_on"]) or date(2000, 1, 1),
            what_tested=e["what_tested"],
            decision=Decision(e["decision"]) if e.get("decision") else None,
            learning=e.get("learning", ""),
            owner_id=e.get("owner"),
            version=1,
        )
        for i, e in enumerate(document.get("log", []), 1)
        if not e.get("archived")
    )
    return BoardState(
        board=board,
        cards=tuple(sorted(cards, key=lambda c: c.position)),
        goals=goals,
        people=people,
        log=tuple(sorted(log, key=lambda e: (e.logged_on, e.id), reverse=True)),
        current_cycles=current,
    )
