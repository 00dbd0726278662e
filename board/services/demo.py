"""The demo board "Spædbarnsindsatsen", built from the case in Hæfte 4 (Figur 4 and 6–8).

``extra_cards`` adds generated but realistic cards spread over the lanes, for load tests.
Everything is written in one transaction.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy.orm import Session

from board.domain.entities import CriterionKind, CycleStep, Decision, ScaleStep
from board.domain.lanes import Lane
from board.domain.ordering import spread_keys
from board.persistence.database import Database
from board.persistence.records import (
    BoardRecord,
    CardRecord,
    CriterionRecord,
    CycleRecord,
    GoalRecord,
    LearningPointRecord,
    LogEntryRecord,
    PersonRecord,
)
from board.services import demo_measurements, demo_meetings
from board.services.boards import first_board, unique_board_name
from board.services.common import now, today

DEMO_NAME = "Spædbarnsindsatsen"

PEOPLE = (
    ("Gitte Holm", "GH", "gitte.holm@kommune.example"),
    ("Mette Lund", "ML", "mette.lund@kommune.example"),
    ("Joan Berg", "JB", "joan.berg@kommune.example"),
    ("Lene Vestergaard", "LV", "lene.vestergaard@kommune.example"),
    ("Hanne Krogh", "HK", "hanne.krogh@kommune.example"),
    ("Susanne Dahl", "SD", ""),
)

# Figur 4: the development point, its aim and success criteria.
DEVELOPMENT_POINT = "Tydeliggøre intervention i forhold til at styrke forældreskab før fødsel"
AIM = "Kommende forældre skal være mest muligt parate og afklarede om forældreskabet inden fødsel."
SIGNS = (
    "Forældre kan beskrive, hvad barnet har brug for.",
    "Forældre handler på vejledning og stiller spørgsmål.",
)
INDICATOR = "Forældrenes reflektive funktion skal øges med 10 procentpoint"

SECOND_POINT = (
    "Kvalificere samarbejdet med barselgangen på hospitalet før og under forældrenes indlæggelse"
)
SECOND_AIM = (
    "En fælles forståelse af rollefordelingen for indsatsen, mens familien er på barselgangen."
)

# Figur 6–8: the selected test "Forberedende møde med sagsbehandler".
TEST_TITLE = "Forberedende møde med sagsbehandler"
PLAN = (
    "Vi ønsker at skabe klarere roller mellem familiekonsulent og rådgiver på opstartsmøder med "
    "familierne. Det skal ske ved at sikre en fælles forberedelse inden opstartsmødet. Det er "
    "vigtigt, at familien oplever, at rådgiver og familiekonsulent er afstemte og møder familien "
    "med samme forventninger. Joan og Lene udvikler en kort guide med fokuspunkter, som kan "
    "understøtte strukturen på det forberedende møde."
)
HYPOTHESIS = (
    "Vores hypotese er, at en guide med fokuspunkter giver en forbedret struktur og sikrer, at vi "
    "kommer omkring de relevante punkter på mødet."
)
PLAN_DATA = "Vi opsamler erfaringer med brugen af fælles fokuspunkter i forberedelsen."
DO = (
    "Vi afprøver et forberedende møde og anvender den udviklende mødeguide til at understøtte en "
    "forventningsafstemning mellem rådgiver og familiekonsulent. Gitte og Mette sætter tid af på "
    "det professionelle møde 11. juni, som sætter fokus på vores nye familie. Efterfølgende på "
    "selve opstartsmødet 18. juni med forældrene er vi opmærksomme på, hvordan det forberedende "
    "møde påvirker vores rolle og klarhed på opstartsmødet."
)
STUDY = (
    "Vi oplevede, at fokuspunkterne for det forberedende møde fungerede godt. Det gav en bedre "
    "struktur på det forberedende møde, og vi var mere afstemte på mødet med forældrene. "
    "Forældrene virkede rolige og lyttende. Der er dog behov for at supplere med yderligere "
    "fokuspunkter for at understøtte en grundigere forventningsafstemning."
)

# (lane, title, description, owner index or None, deadline offset in days or None, goal index)
CARDS: tuple[tuple[Lane, str, str, int | None, int | None, int | None], ...] = (
    (
        Lane.IDEAS,
        "Bedre interview og brug af analysen i interventionen",
        "Bedre interview og brug af analysen i interventionen til at vurdere forældres "
        "udgangspunkt og tilpasse interventionen.",
        None,
        None,
        0,
    ),
    (
        Lane.IDEAS,
        "Gravidliste på tavlen",
        "En gravidliste på tavlen giver overblik over aktuelle forløb.",
        None,
        None,
        None,
    ),
    (
        Lane.IDEAS,
        "Feedback til forældrene i tiden på barselgangen",
        "Sikre feedback til forældrene om deres opmærksomhed på barnets behov.",
        None,
        None,
        1,
    ),
    (Lane.PRIORITISED, "Hjemmebesøg inden netværksmøde", "", 2, 21, 0),
    (Lane.PRIORITISED, "Fælles struktur for møder med barselgangen", "", None, None, 1),
    (
        Lane.ACTIVITIES,
        TEST_TITLE,
        "Afholdelse af forberedende møde med sagsbehandler for at understøtte god kontakt ved "
        "fælles opstartsmøde med familien.",
        0,
        10,
        0,
    ),
    (
        Lane.ACTIVITIES,
        "Forberedende møde med barselgangen i graviditetens sidste uger",
        "Et møde mellem personale i spædbarnsindsatsen og personale på barselgangen i de sidste "
        "uger af graviditeten, afprøvet med én familie.",
        1,
        5,
        1,
    ),
    (
        Lane.ACTIVITIES,
        "Observationsredskab: forældrenes opmærksomhed på barnets behov",
        "Afprøve observationsredskabet for en udvalgt familie med et nyfødt barn og inddrage "
        "forældrene i dialogen om resultaterne.",
        3,
        -2,
        0,
    ),
    (
        Lane.ACTIVITIES,
        "Dukke til at træne forældrekompetencer under graviditeten",
        "En dukke bruges til at simulere virkelighedsnære situationer mellem forældre og det "
        "ufødte barn.",
        4,
        14,
        0,
    ),
    (Lane.LOG, "Barnets bog", "", 2, None, 0),
    (Lane.LOG, "Slyngevejledning til nye forældre", "", 5, None, 0),
)

DOLL_HYPOTHESIS = (
    "Hvis vi bruger en dukke til at simulere virkelighedsnære situationer mellem forældre og det "
    "ufødte barn, så stimulerer vi forældrenes tilknytning til deres ufødte barn og øger "
    "sandsynligheden for, at forældrene kan tage vare på barnet efter fødslen."
)
# General learning points, as the team leader notes them after team sparring (003); a case
# is named only by a neutral label.
LEARNING_POINTS = (
    (
        9,
        "Sag A",
        "Når forældrene selv sætter ord på, hvad barnet har brug for, holder aftalerne bedre. "
        "Spørg derfor til deres egne ord, før vi foreslår noget.",
        0,
    ),
    (
        23,
        "",
        "Et kort forberedende møde med rådgiveren gør opstartsmødet roligere for familien: "
        "rollerne er afklaret, før familien kommer.",
        1,
    ),
    (
        40,
        "",
        "Materialer, der skal vise forældreskab (fx dukken), skal introduceres, så forældrene "
        "ikke føler sig prøvet – ellers lukker samtalen sig.",
        3,
    ),
)

DOLL_LEARNING = (
    'Forældrene reagerede negativt på dukken og blev stødt over at skulle "lege forældre". '
    "Dukken skal italesættes på en ny måde."
)


def create_demo(db: Database, extra_cards: int = 0, name: str = DEMO_NAME) -> str:
    """Create the demo board (named ``name``, with a suffix if taken); returns its name."""
    with db.write() as s:
        board = BoardRecord(name=unique_board_name(s, name), created_at=now())
        s.add(board)
        s.flush()
        _fill(s, board.id, extra_cards)
        return board.name


def _fill(s: Session, board_id: int, extra_cards: int) -> None:
    # pragma: no mutate block
    # The demo's content is the text of Hæfte 4, not behaviour: mutation testing leaves it be.
    day = today()
    stamp = now()
    people = [
        PersonRecord(board_id=board_id, name=n, initials=i, email=e, archived=False)
        for n, i, e in PEOPLE
    ]
    s.add_all(people)
    goal_keys = spread_keys(None, None, 2)
    first = GoalRecord(
        board_id=board_id,
        position=goal_keys[0],
        development_point=DEVELOPMENT_POINT,
        aim=AIM,
        citizen_aim="Forældrene kan med egne ord beskrive, hvad barnet har brug for.",
        time_frame="Inden for 6 måneder",
        archived=False,
    )
    for n, sign in enumerate(SIGNS):
        first.criteria.append(CriterionRecord(kind=CriterionKind.SIGN.value, text=sign, position=n))
    indicator = CriterionRecord(
        kind=CriterionKind.INDICATOR.value,
        text=INDICATOR,
        target="10",
        unit="procentpoint",
        position=len(SIGNS),
    )
    demo_measurements.indicator_series(indicator, day)
    first.criteria.append(indicator)
    first.criteria.append(demo_measurements.proportion_indicator(len(SIGNS) + 1, day))
    second = GoalRecord(
        board_id=board_id,
        position=goal_keys[1],
        development_point=SECOND_POINT,
        aim=SECOND_AIM,
        citizen_aim="Familien oplever én sammenhængende indsats under indlæggelsen.",
        time_frame="Inden for 4 måneder",
        archived=False,
    )
    second.criteria.append(
        CriterionRecord(
            kind=CriterionKind.SIGN.value,
            position=0,
            text="Personalet på barselgangen og i indsatsen beskriver den samme rollefordeling.",
        )
    )
    goals = [first, second]
    s.add_all(goals)
    s.flush()

    cards: dict[str, CardRecord] = {}
    keys = {lane: iter(spread_keys(None, None, 40)) for lane in Lane}
    for number, (lane, title, description, owner, offset, goal) in enumerate(CARDS, 1):
        card = CardRecord(
            board_id=board_id,
            number=number,
            lane=lane.value,
            position=next(keys[lane]),
            title=title,
            description=description,
            owner_id=people[owner].id if owner is not None else None,
            deadline=day + timedelta(days=offset) if offset is not None else None,
            archived=False,
            created_at=stamp,
            updated_at=stamp,
            goals=[goals[goal]] if goal is not None else [],
        )
        s.add(card)
        cards[title] = card
    s.flush()

    # Figur 6–8: planned, tried and studied; the decision (Justér) is for the next meeting.
    s.add(
        CycleRecord(
            card_id=cards[TEST_TITLE].id,
            number=1,
            step=CycleStep.ACT.value,
            scale_step=ScaleStep.ONE.value,
            plan_hypothesis=HYPOTHESIS,
            plan_change=PLAN,
            plan_who="Joan og Lene udvikler guiden; Gitte og Mette holder mødet.",
            plan_where="Det professionelle møde og opstartsmødet med familien.",
            plan_when="Forberedende møde 11. juni, opstartsmøde 18. juni.",
            plan_data=PLAN_DATA,
            do_what_happened=DO,
            do_surprises="Forældrene virkede rolige og lyttende.",
            do_data="Noter fra det forberedende møde og fra opstartsmødet.",
            study_findings=STUDY,
            study_learning="Fokuspunkterne virker; der mangler punkter om forventningsafstemning.",
            act_next_step="",
            started_on=day - timedelta(days=12),
        )
    )
    s.add(
        CycleRecord(
            card_id=cards["Forberedende møde med barselgangen i graviditetens sidste uger"].id,
            number=1,
            step=CycleStep.DO.value,
            scale_step=ScaleStep.ONE.value,
            plan_hypothesis="Et forberedende møde giver en fælles forståelse af rollefordelingen, "
            "mens familien er på barselgangen.",
            plan_change="Udvikle en struktur for mødet og holde det for én familie.",
            plan_who="Mette og en jordemoder fra barselgangen.",
            plan_where="Barselgangen",
            plan_when="I graviditetens sidste uger",
            plan_data="Kort interview med personalet efter indlæggelsen.",
            started_on=day - timedelta(days=4),
        )
    )
    s.add(
        CycleRecord(
            card_id=cards["Observationsredskab: forældrenes opmærksomhed på barnets behov"].id,
            number=1,
            step=CycleStep.PLAN.value,
            scale_step=ScaleStep.ONE.value,
            plan_hypothesis="Et observationsredskab gør observationerne mere ensartede, og "
            "forældrene kan bruge resultaterne i dialogen.",
            plan_data="Observationsskema udfyldt to gange; forældrenes egne ord noteres.",
            started_on=day,
        )
    )
    doll = cards["Dukke til at træne forældrekompetencer under graviditeten"]
    doll_first = CycleRecord(
        card_id=doll.id,
        number=1,
        step=CycleStep.CLOSED.value,
        scale_step=ScaleStep.ONE.value,
        plan_hypothesis=DOLL_HYPOTHESIS,
        plan_where="Hjemmebesøg hos én familie",
        do_what_happened="Dukken blev brugt på et hjemmebesøg.",
        do_surprises='Forældrene blev stødt over at skulle "lege forældre".',
        study_findings=DOLL_LEARNING,
        act_decision=Decision.ADAPT.value,
        act_next_step="Dukken italesættes på en ny måde, og der afprøves hos en ny familie.",
        started_on=day - timedelta(days=20),
        closed_on=day - timedelta(days=16),
    )
    s.add(doll_first)
    s.add(
        CycleRecord(
            card_id=doll.id,
            number=2,
            step=CycleStep.PLAN.value,
            scale_step=ScaleStep.ONE.value,
            plan_hypothesis=DOLL_HYPOTHESIS,
            plan_change="Dukken italesættes på en ny måde, og der afprøves hos en ny familie.",
            plan_where="Hjemmebesøg hos en ny familie",
            started_on=day - timedelta(days=2),
        )
    )
    sling = demo_measurements.adopted_cycle(cards["Slyngevejledning til nye forældre"], day)
    s.add(sling)
    s.flush()
    log = (
        (
            doll.id,
            doll_first.id,
            16,
            "Dukke som værktøj til at træne forældrekompetencer (hjemmebesøg hos én familie)",
            Decision.ADAPT,
            DOLL_LEARNING,
            4,
        ),
        (
            cards["Barnets bog"].id,
            None,
            30,
            "Barnets bog afprøvet med tre familier",
            Decision.ADOPT,
            "Forældrene bruger bogen mellem besøgene; den er nu en fast del af forløbet.",
            2,
        ),
        (
            cards["Slyngevejledning til nye forældre"].id,
            sling.id,  # its adoption came before the indicator's shift
            demo_measurements.ADOPTED_WEEKS_AGO * 7,
            "Slyngevejledning afprøvet på hjemmebesøg",
            Decision.ADOPT,
            "Vejledningen giver tryghed; sundhedsplejerskerne bruger den i alle forløb.",
            5,
        ),
    )
    for card_id, cycle_id, days_ago, what, decision, learning, owner in log:
        s.add(
            LogEntryRecord(
                board_id=board_id,
                card_id=card_id,
                cycle_id=cycle_id,
                logged_on=day - timedelta(days=days_ago),
                what_tested=what,
                decision=decision.value,
                learning=learning,
                owner_id=people[owner].id,
                archived=False,
            )
        )
    points = [
        LearningPointRecord(
            board_id=board_id,
            text=point,
            noted_on=day - timedelta(days=days_ago),
            case_label=case_label,
            noted_by_id=people[noted_by].id,
            archived=False,
            created_at=stamp,
        )
        for days_ago, case_label, point, noted_by in LEARNING_POINTS
    ]
    s.add_all(points)
    s.flush()
    # A held Teamsparring (its case is the first point's) and a Systematisk læringsmøde.
    number = demo_meetings.add_meetings(
        s, board_id, people, keys[Lane.ACTIVITIES], len(CARDS) + 1, points[0], day
    )
    if extra_cards:
        _generated(s, board_id, extra_cards, number, people, goals, keys)


_ACTIONS = (
    "Afprøv",
    "Indfør",
    "Test",
    "Justér",
    "Udvikl",
    "Prøv",
)
_THINGS = (
    "fast dagsorden",
    "kort tjekliste",
    "fælles fokuspunkter",
    "opfølgende telefonopkald",
    "visuel plan",
    "skriftlig opsamling",
    "observationsskema",
    "samtaleguide",
    "netværkskort",
    "ugentlig status",
    "fælles mål i forløbsplanen",
    "feedbackskema",
)
_CONTEXTS = (
    "ved hjemmebesøg",
    "på opstartsmødet",
    "med én familie",
    "i teamsparring",
    "ved overlevering til sundhedsplejen",
    "på netværksmødet",
    "efter fødslen",
    "i samarbejde med barselgangen",
    "med forældre i gruppeforløb",
    "ved afslutning af forløb",
)


def _generated(
    s: Session,
    board_id: int,
    count: int,
    first_number: int,
    people: list[PersonRecord],
    goals: list[GoalRecord],
    keys: dict[Lane, Iterator[str]],
) -> None:
    rng = random.Random(4)  # the same board every time, so benchmarks compare like with like
    day = today()
    stamp = now()
    lanes = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.LOG)
    weights = (4, 2, 3, 1)
    chosen = rng.choices(lanes, weights=weights, k=count)
    # Generated cards come after the demo's own cards in each lane.
    per_lane = {lane: spread_keys("z", None, chosen.count(lane)) for lane in lanes}
    iters = {lane: iter(keys_) for lane, keys_ in per_lane.items()}
    for offset, lane in enumerate(chosen):
        title = f"{rng.choice(_ACTIONS)} {rng.choice(_THINGS)} {rng.choice(_CONTEXTS)}"
        active = lane in (Lane.PRIORITISED, Lane.ACTIVITIES)
        s.add(
            CardRecord(
                board_id=board_id,
                number=first_number + offset,
                lane=lane.value,
                position=next(iters[lane]),
                title=title,
                description="",
                owner_id=rng.choice(people).id if active else None,
                deadline=day + timedelta(days=rng.randint(-5, 40)) if active else None,
                archived=False,
                created_at=stamp,
                updated_at=stamp,
                goals=[rng.choice(goals)],
            )
        )


def ensure_demo(db: Database) -> str | None:
    """On the first start (an empty database) create the demo so a newcomer sees a real board."""
    if first_board(db) is not None:
        return None
    return create_demo(db)
