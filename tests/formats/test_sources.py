"""Every format says what its source says: each Danish prompt, question and preparation point
word for word, and each timebox the guide gives in minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from board import i18n
from board.domain.entities import MeetingKind
from board.domain.meeting_formats import MeetingFormat, Speaking, timeboxes
from board.meeting_formats import all_formats, get_format

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
SOURCE_OF = {
    "progress": "haefte4-forbedringsarbejde-gennem-proevehandlinger.txt",
    "learning": "systematiske-laeringsmoeder-og-laeringsbesoeg.txt",
    "learning_visit": "systematiske-laeringsmoeder-og-laeringsbesoeg.txt",
    "sparring": "teamsparring-paa-enkeltsager.txt",
    "reflection": "moedeguide-laerings-og-refleksionsmoeder.txt",
    "reflection_day": "vaerktoej6-moedeguide-refleksionsdage.txt",
}

# The step, and the source's words that give its timebox: "(5 min)", "(maks. 10 minutter)",
# "(1-2 min.)", "(ca. 1 min til hver)". A step not listed has no minutes in its source.
SOURCE_TIMEBOXES = {
    ("learning", "case"): "som han/hun gerne vil lære af (5 min)",
    ("learning", "questions"): "Kollegaerne stiller lærings spørgsmål (10 min)",
    ("learning", "presenter"): "hvilken læring kollegaernes spørgsmål gav (1-2 min.)",
    ("learning", "round"): "Ordet går på omgang (ca. 1 min til hver)",
    ("learning", "organisation"): "fx nye procedurer eller standarder (5 min)",
    ("sparring", "question"): "hvad der ønskes sparring til (maks. 5 min)",
    ("sparring", "clarifying"): "spørgsmål fra teamet (maks. 5 min)",
    ("sparring", "reflection"): "Ingen diskussion (maks. 10 min)",
    ("sparring", "inspiration"): "vil foretage i sagen fremadrettet (maks. 5 min)",
    ("sparring", "round"): "udtrækkes af den konkrete sag (maks. 10 minutter)",
}
_TIMEBOX = re.compile(r"\((maks\. |ca\. )?(\d+)(?:-(\d+))? min(?:utter|\.)?( til hver)?\)")


def normalise(text: str) -> str:
    """Only what the text extraction of the sources changed: soft hyphens, words hyphenated
    at a line break, and whitespace."""
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def source(fmt: MeetingFormat) -> str:
    return normalise((SOURCES / SOURCE_OF[fmt.key]).read_text(encoding="utf-8"))


def quoted_keys(fmt: MeetingFormat) -> list[str]:
    """The keys of the texts taken from the source: all but the name and the step titles
    (the guides number their steps; the titles name them)."""
    titles = {fmt.name_key, *(step.title_key for step in fmt.steps)}
    return [key for key in fmt.text_keys() if key not in titles]


def missing_quotes(fmt: MeetingFormat, text: str) -> list[str]:
    danish = i18n.catalog("da")
    return [key for key in quoted_keys(fmt) if normalise(str(danish[key])) not in text]


def test_the_formats_are_the_meeting_kinds() -> None:
    assert [fmt.key for fmt in all_formats()] == [kind.value for kind in MeetingKind]
    assert set(SOURCE_OF) == {kind.value for kind in MeetingKind}


@pytest.mark.parametrize("key", [kind.value for kind in MeetingKind])
def test_every_danish_text_is_the_sources_word_for_word(key: str) -> None:
    fmt = get_format(key)
    assert quoted_keys(fmt)  # the check has something to check
    assert missing_quotes(fmt, source(fmt)) == []


def test_a_text_that_is_not_the_sources_is_caught() -> None:
    fmt = get_format("sparring")
    text = source(fmt).replace("Hvilke associationer får I?", "Hvilke associationer får du?")
    assert missing_quotes(fmt, text) == ["format.sparring.q1"]


def test_line_break_hyphenation_is_undone_and_nothing_else() -> None:
    assert normalise("den målgrup-\npe, som\n  jeres") == "den målgruppe, som jeres"
    assert normalise("ansvars- og rolle\u00adfordeling") == "ansvars- og rollefordeling"


@pytest.mark.parametrize(
    ("key", "counts"),
    [
        ("learning", {"questions": 8}),
        ("learning_visit", {"agent": 2, "colleague": 2}),
        ("sparring", {"reflection": 6}),
        ("reflection", {"results": 8, "documentation": 6, "decisions": 2}),
        ("reflection_day", {"documentation": 6, "results": 7, "collaboration": 9, "decisions": 2}),
    ],
)
def test_every_question_of_the_guide_is_there(key: str, counts: dict[str, int]) -> None:
    steps = {
        step.key: sum(1 + len(q.follow_up_keys) for q in step.questions)
        for step in get_format(key).steps
    }
    assert {step: n for step, n in steps.items() if n} == counts


def test_the_sub_questions_are_asked_under_their_question() -> None:
    step = next(s for s in get_format("reflection_day").steps if s.key == "collaboration")
    question = step.questions[2]
    danish = i18n.catalog("da")
    assert danish[question.key] == "Hvordan fungerer samarbejdet om indsatsen?"
    assert [danish[key] for key in question.follow_up_keys] == [
        "Ift. kommunikation?",
        "Ift. vidensdeling?",
        "Ift. fælles drøftelser og beslutninger?",
    ]


def test_the_step_timeboxes_are_the_sources_numbers() -> None:
    for (key, step_key), words in SOURCE_TIMEBOXES.items():
        fmt = get_format(key)
        assert normalise(words) in source(fmt), words
        match = _TIMEBOX.search(words)
        assert match is not None, words
        qualifier, first, second, each = match.groups()
        step = next(step for step in fmt.steps if step.key == step_key)
        if each:  # a round: each person's turn; the round fills what the others leave
            assert (step.turn_minutes, step.speaking) == (int(first), Speaking.ROUND)
            assert step.minutes is None and step.weight is not None
            continue
        low, high = (int(first), int(second)) if second else (None, int(first))
        assert (step.low_minutes, step.minutes) == (low, high), (key, step_key)
        assert step.at_most == (qualifier == "maks. "), (key, step_key)
    fixed = {(f.key, s.key) for f in all_formats() for s in f.steps if s.minutes is not None}
    assert fixed == set(SOURCE_TIMEBOXES) - {("learning", "round")}


def test_a_learning_meeting_of_30_minutes_adds_up_to_30() -> None:
    fmt = get_format("learning")
    assert (fmt.minutes, fmt.durations, fmt.cadence_days) == (30, (30,), 14)
    boxes = timeboxes(fmt, 30)
    assert sum(boxes) == 30 * 60
    assert [b // 60 for b in boxes] == [5, 10, 2, 8, 5]  # the round: about 1 min for 8 people


@pytest.mark.parametrize("fmt", all_formats(), ids=lambda f: f.key)
def test_every_offered_length_is_filled_exactly(fmt: MeetingFormat) -> None:
    for planned in fmt.durations:
        boxes = timeboxes(fmt, planned)
        assert sum(boxes) == planned * 60 and min(boxes) > 0, (fmt.key, planned, boxes)
