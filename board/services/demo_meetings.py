"""The demo board's held meetings: a Teamsparring on a case (003) and a Systematisk
læringsmøde (002), each ended with its snapshot, so a newcomer opens real minutes in Møder.

Days are counted back from today like the rest of the demo. A case is named only by its
neutral label ("Sag A"); no citizen is named, and no CPR number appears.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from board.domain.entities import MeetingKind
from board.domain.lanes import Lane
from board.domain.meeting_formats import Role
from board.persistence.records import (
    AgreementRecord,
    AttendanceRecord,
    CardRecord,
    LearningPointRecord,
    MeetingRecord,
    MeetingRoleRecord,
    MeetingStepRecord,
    PersonRecord,
)
from board.services import meetings
from board.services.transfer import board_document

CASE = "Sag A"

# (days ago, start): the weekly team meeting, and the learning meeting at the board.
SPARRING_HELD = (9, time(13, 0))
LEARNING_HELD = (3, time(8, 30))

SPARRING_NOTES = (
    (
        "question",
        "Sag A: Et kommende forældrepar har aflyst de to seneste aftaler med kort varsel. "
        "Mette ønsker sparring til, hvordan hun holder fast i kontakten uden at presse "
        "forældrene.",
    ),
    (
        "clarifying",
        "Hvor mange aftaler har der været? – Tre, og de to seneste er aflyst. Hvem tog "
        "kontakten? – Jordemoderen henviste, og forældrene sagde selv ja. Kender "
        "sundhedsplejersken familien? – Ikke endnu.",
    ),
    (
        "reflection",
        "Associationer: usikkerhed og måske dårlige erfaringer med kommunen. Styrker: "
        "forældrene har selv sagt ja, og moren svarer på sms. Udfordringer: aflyste aftaler og "
        "ingen kontakt til sundhedsplejen før fødslen. Mulige veje: et fælles besøg med "
        "sundhedsplejersken, korte sms'er frem for breve, og at forældrene selv vælger tid og "
        "sted.",
    ),
    (
        "inspiration",
        "Mette er inspireret af at lade forældrene vælge tid og sted. Hun tilbyder et fælles "
        "hjemmebesøg med sundhedsplejersken og spørger forældrene, hvad de selv mener, barnet "
        "har brug for.",
    ),
    (
        "round",
        "Runden gav to generelle læringspunkter; de er noteret som læringspunkter til Sag A.",
    ),
    (
        "summary",
        "Hanne samler op: Begge læringspunkter giver anledning til at se på, hvordan vi skriver "
        "til gravide første gang. Det tages op ved næste gennemgang af læringspunkterne.",
    ),
)
SPARRING_DECISION = "Tilbyde forældrene i Sag A et fælles hjemmebesøg med sundhedsplejersken"
SPARRING_POINT = (
    "Inddrag sundhedsplejen allerede i graviditeten, når kontakten til familien er skrøbelig – "
    "et fælles besøg gør det lettere for forældrene at sige ja."
)

LEARNING_NOTES = (
    (
        "case",
        "Lene fortæller om et opstartsmøde, hvor forældrene blev stødt over dukken, og samtalen "
        "gik i stå. Hun vil gerne lære, hvordan hun kan introducere materialer anderledes.",
    ),
    (
        "questions",
        "Den største udfordring var at genvinde tilliden midt i mødet. Lene førte mødet, og "
        "sundhedsplejersken deltog. Hun savnede viden om, hvordan forældrene var forberedt på "
        "mødet. Med den viden, hun har i dag, ville hun have spurgt forældrene, før dukken blev "
        "taget frem.",
    ),
    (
        "presenter",
        "Spørgsmålene gav Lene blik for, at forberedelsen af forældrene er lige så vigtig som "
        "materialet.",
    ),
    (
        "round",
        "Flere genkender, at materialer tages frem, uden at forældrene ved hvorfor. Joan vil "
        "fortælle formålet først på sine næste hjemmebesøg.",
    ),
    (
        "organisation",
        "Punktet kan indgå i guiden til det forberedende møde. Det tages op på næste "
        "fremdriftsmøde.",
    ),
)
LEARNING_POINT = (
    "Fortæl forældrene, hvad et materiale skal bruges til, før det tages frem – så oplever de "
    "det ikke som en prøve."
)


def add_meetings(
    s: Session,
    board_id: int,
    people: list[PersonRecord],
    activities: Iterator[str],
    number: int,
    sparring_point: LearningPointRecord,
    day: date,
) -> int:
    """The two held meetings, oldest first; returns the next free card number.

    ``sparring_point`` is a learning point already on the board that the sparring noted;
    ``activities`` hands out positions at the end of Aktiviteter."""
    _, mette, joan, lene, hanne, susanne = people
    days_ago, start = SPARRING_HELD
    sparring = _meeting(
        s, board_id, MeetingKind.SPARRING, day - timedelta(days=days_ago), start, 40, hanne
    )
    _attend(sparring, people, absent=(susanne,))
    _steps(sparring, SPARRING_NOTES)
    _roles(sparring, ((Role.TEAM_LEADER, hanne), (Role.CASE_WORKER, mette)))
    # The case worker's next action, decided at the meeting: an activity with owner and deadline.
    card = CardRecord(
        board_id=board_id,
        number=number,
        lane=Lane.ACTIVITIES.value,
        position=next(activities),
        title=SPARRING_DECISION,
        description="",
        owner_id=mette.id,
        deadline=day + timedelta(days=5),
        archived=False,
        created_at=sparring.started_at + timedelta(minutes=25),
        updated_at=sparring.started_at + timedelta(minutes=25),
        meeting_id=sparring.id,
        goals=[],
    )
    s.add(card)
    s.flush()
    sparring.agreements.append(
        AgreementRecord(
            what=SPARRING_DECISION,
            owner_id=mette.id,
            deadline=card.deadline,
            card_id=card.id,
            done=False,
            step_key="inspiration",
        )
    )
    sparring_point.meeting_id = sparring.id
    s.add(_point(board_id, sparring, SPARRING_POINT, CASE, hanne))
    _end(s, sparring)

    days_ago, start = LEARNING_HELD
    learning = _meeting(
        s, board_id, MeetingKind.LEARNING, day - timedelta(days=days_ago), start, 30, joan
    )
    _attend(learning, people, absent=(hanne,))
    _steps(learning, LEARNING_NOTES)
    _roles(learning, ((Role.FACILITATOR, joan), (Role.PRESENTER, lene)))
    s.add(_point(board_id, learning, LEARNING_POINT, "", joan))
    _end(s, learning)
    return number + 1


def _meeting(
    s: Session,
    board_id: int,
    kind: MeetingKind,
    held_on: date,
    start: time,
    minutes: int,
    facilitator: PersonRecord,
) -> MeetingRecord:
    started = datetime.combine(held_on, start)
    record = MeetingRecord(
        board_id=board_id,
        kind=kind.value,
        format_key="",
        started_at=started,
        ended_at=started + timedelta(minutes=minutes),
        planned_minutes=minutes,
        facilitator_id=facilitator.id,
        notes="",
        # The board the minutes count their changes from: the earlier meeting's, or as now.
        baseline=meetings.last_snapshot(s, board_id)
        or board_document(s, board_id, with_meetings=False),
    )
    s.add(record)
    s.flush()
    return record


def _attend(
    record: MeetingRecord, people: list[PersonRecord], absent: tuple[PersonRecord, ...]
) -> None:
    record.attendance = [AttendanceRecord(person_id=p.id, present=p not in absent) for p in people]


def _steps(record: MeetingRecord, notes: tuple[tuple[str, str], ...]) -> None:
    record.steps = [MeetingStepRecord(step_key=key, notes=text) for key, text in notes]


def _roles(record: MeetingRecord, holders: tuple[tuple[Role, PersonRecord], ...]) -> None:
    record.roles = [MeetingRoleRecord(role=role.value, person_id=p.id) for role, p in holders]


def _point(
    board_id: int, meeting: MeetingRecord, text: str, case: str, noted_by: PersonRecord
) -> LearningPointRecord:
    assert meeting.ended_at is not None
    return LearningPointRecord(
        board_id=board_id,
        text=text,
        noted_on=meeting.started_at.date(),
        meeting_id=meeting.id,
        case_label=case,
        noted_by_id=noted_by.id,
        archived=False,
        created_at=meeting.ended_at - timedelta(minutes=5),
    )


def _end(s: Session, record: MeetingRecord) -> None:
    s.flush()
    meetings.freeze(s, record)
    s.flush()
