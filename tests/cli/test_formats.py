"""`forbedringstavle formats` and `forbedringstavle agenda`: the meeting formats without a
database, and a format's guide as the facilitator's handout (read back with pdftotext)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from cli_runner import Run

from board import i18n
from board.domain.entities import MeetingKind
from board.meeting_formats import get_format


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", out.stdout)


def _words(key: str, lang: str = "da") -> str:
    return re.sub(r"\s+", " ", str(i18n.catalog(lang)[key]))


def test_formats_lists_key_name_and_usual_minutes(run: Run, tmp_path: Path) -> None:
    result = run("formats")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "progress\tFremdriftsmøde\t15",
        "learning\tSystematisk læringsmøde\t30",
        "reflection\tLærings- og refleksionsmøde\t180",
        "reflection_day\tRefleksionsdag\t180",
        "learning_visit\tLæringsbesøg\t180",
        "sparring\tTeamsparring\t40",
    ]
    assert not list(tmp_path.rglob("*.sqlite3"))  # no database is made or opened
    english = run("formats", "--lang", "en")
    assert english.out.splitlines()[1] == "learning\tSystematic learning meeting\t30"


def test_agenda_of_a_learning_meeting(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "læringsmøde.pdf"
    result = run("agenda", "learning", target)
    assert result.code == 0, result.err
    assert result.out.strip() == f"Mødeguiden til »Systematisk læringsmøde« er gemt i {target}."
    text = _pdf_text(target)
    for expected in (
        "Mødeguide til mødelederen",
        "Systematisk læringsmøde",
        "Varighed Hvor ofte Hvor 30 min Hver 14. dag Stående ved tavlen",
        "Mødeleder (leder mødet)",
        "Medarbejder, der præsenterer casen",
        "1. En case/opgave 5 min",
        "Hvem taler: Medarbejder, der præsenterer casen",
        "2. Læringsspørgsmål 10 min",
        "3. Casepersonens læring 1–2 min",
        "4. Ordet går på omgang 8 min, ca. 1 min til hver",
        "Hvem taler: Ordet går på omgang: én ad gangen",
        "5. Fælles organisatoriske tiltag 5 min",
        "Giver: Nye idéer, Beslutninger med ansvarlig og deadline",
        "1. Hvad var den største udfordring?",
        "8. Hvad er den vigtigste læring, du gjorde dig?",
        "Side 1 af",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("kind", list(MeetingKind), ids=str)
def test_every_text_of_every_format_is_in_its_handout(
    run: Run, tmp_path: Path, kind: MeetingKind
) -> None:
    target = tmp_path / f"{kind.value}.pdf"
    assert run("agenda", kind.value, target).code == 0
    text = _pdf_text(target)
    missing = [key for key in get_format(kind.value).text_keys() if _words(key) not in text]
    assert missing == []


def test_the_reflection_days_preparation_points_to_the_goals(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "refleksionsdag.pdf"
    assert run("agenda", "reflection_day", target).code == 0
    assert (
        "De faglige drøftelser bør tage udgangspunkt i de resultater, der er dokumenteret. "
        "(se målene og deres data på tavlen under Mål)"
    ) in _pdf_text(target)


def test_agenda_in_english(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "sparring.pdf"
    result = run("agenda", "--lang", "en", "sparring", target)
    assert result.code == 0, result.err
    text = _pdf_text(target)
    for expected in (
        "Meeting guide for the facilitator",
        "Team leader (leads the meeting)",
        "Duration How often Where 40 min Every week Seated, e.g. at the team meeting",
        "3. Reflective questions max. 10 min",
        "Who speaks: The floor goes round: one at a time",
        _words("format.sparring.q2", "en"),
        "Page 1 of",
    ):
        assert expected in text, expected


def test_an_unknown_format_is_refused_in_one_line(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    line = run("agenda", "standup", target).assert_clean_failure()
    assert line == (
        "forbedringstavle: Mødeformatet »standup« findes ikke. Vælg et af disse: progress, "
        "learning, reflection, reflection_day, learning_visit, sparring."
    )
    assert not target.exists()


def test_an_agenda_into_a_missing_folder_writes_nothing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "findes-ikke" / "guide.pdf"
    line = run("agenda", "sparring", target).assert_clean_failure()
    assert "kan ikke gemmes" in line
    assert not target.parent.exists()
