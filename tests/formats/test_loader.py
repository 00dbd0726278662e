"""A malformed format file is refused with one translated message naming the file and the
place in it; the shipped files all load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from board import i18n
from board.domain.errors import BoardError
from board.domain.meeting_formats import Produces, Role, Setting, Speaking
from board.meeting_formats import FormatFileError, format_files, get_format, load_format


def _shipped(key: str) -> dict[str, Any]:
    path = next(p for p in format_files() if p.stem == key)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _refused(tmp_path: Path, data: Any, lang: str = "da") -> str:
    path = tmp_path / "sparring.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    with pytest.raises(FormatFileError) as caught:
        load_format(path)
    i18n.set_language(lang)
    return caught.value.message()


def test_the_shipped_sparring_format_reads_as_the_guide_says() -> None:
    fmt = get_format("sparring")
    assert (fmt.minutes, fmt.cadence_days, fmt.setting) == (40, 7, Setting.SEATED)
    assert fmt.roles[0] is Role.TEAM_LEADER
    round_ = fmt.steps[4]
    assert (round_.speaking, round_.minutes, round_.at_most) == (Speaking.ROUND, 10, True)
    assert Produces.LEARNING_POINTS in round_.produces


@pytest.mark.parametrize("key", ["reflection", "reflection_day"])
def test_the_reflection_formats_prepare_from_the_goals_data(key: str) -> None:
    points = get_format(key).preparation
    assert [point.key for point in points if point.goal_data] == [f"format.{key}.prep.data"]


def test_a_preparation_point_that_is_not_a_flag_is_refused(tmp_path: Path) -> None:
    data = _shipped("reflection")
    data["preparation"][0]["goal_data"] = "ja"
    assert "forberedelse nr. 1, feltet »goal_data«: Her skal stå true eller false." in (
        _refused(tmp_path, data)
    )


def test_a_missing_field_names_the_file_and_the_step(tmp_path: Path) -> None:
    data = _shipped("sparring")
    del data["steps"][2]["speaking"]
    assert _refused(tmp_path, data) == (
        "Mødeformatet i filen »sparring.json« kan ikke bruges – trin nr. 3: "
        "Feltet »speaking« mangler. Tjek filen, eller kontakt IT-supporten."
    )


def test_an_unknown_speaking_mode_lists_the_known_ones(tmp_path: Path) -> None:
    data = _shipped("sparring")
    data["steps"][4]["speaking"] = "circle"
    assert _refused(tmp_path, data, "en") == (
        "The meeting format in the file “sparring.json” cannot be used – step no. 5, the field "
        "“speaking”: “circle” is not one of the possible values: everyone, one, round, none. "
        "Check the file, or contact IT support."
    )


def test_negative_minutes_are_refused(tmp_path: Path) -> None:
    data = _shipped("sparring")
    data["steps"][0]["minutes"] = -5
    assert _refused(tmp_path, data) == (
        "Mødeformatet i filen »sparring.json« kan ikke bruges – trin nr. 1, feltet »minutes«: "
        "Tallet skal være større end 0, ikke -5. Tjek filen, eller kontakt IT-supporten."
    )


def test_a_text_missing_from_the_catalogs_is_refused(tmp_path: Path) -> None:
    data = _shipped("sparring")
    data["steps"][2]["questions"][1] = "format.sparring.q99"
    assert _refused(tmp_path, data) == (
        "Mødeformatet i filen »sparring.json« kan ikke bruges – trin nr. 3, spørgsmål nr. 2: "
        "Teksten »format.sparring.q99« findes ikke i sprogfilen »da«. "
        "Tjek filen, eller kontakt IT-supporten."
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(minutes=45), "Den sædvanlige varighed, 45 min,"),
        (
            lambda d: [d["steps"].pop(6), d["steps"][5].update(weight=None, minutes=2)],
            "tager 37 min",
        ),
        (lambda d: d["steps"][0].update(weight=1), "enten »minutes« eller »weight«"),
        (lambda d: d["steps"][0].pop("speaker"), "»speaker« skal angive en rolle"),
        (lambda d: d["steps"][1].update(minuts=3), "trin nr. 2, feltet »minuts«: Feltet er ukendt"),
        (lambda d: d["steps"][1].update(key="question"), "»question« findes allerede"),
        (lambda d: d.update(roles=["boss"]), "feltet »roles« nr. 1: »boss« er ikke"),
        (
            lambda d: d["steps"][2]["questions"].append(
                {"key": "format.sparring.q1", "follow": []}
            ),
            "trin nr. 3, spørgsmål nr. 7, feltet »follow«: Feltet er ukendt",
        ),
    ],
)
def test_every_rule_of_the_file_is_checked(tmp_path: Path, change: Any, words: str) -> None:
    data = _shipped("sparring")
    change(data)
    assert words in _refused(tmp_path, data)


def test_a_file_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    message = _refused(tmp_path, '{\n  "name": "meeting.sparring",\n  "minutes": 40,,\n}')
    assert message == (
        "Mødeformatet i filen »sparring.json« kan ikke bruges – filen: Filen er ikke gyldig "
        "JSON (se linje 3). Tjek filen, eller kontakt IT-supporten."
    )


def test_an_unknown_format_is_a_message() -> None:
    with pytest.raises(BoardError) as caught:
        get_format("standup")
    i18n.set_language("da")
    assert caught.value.message() == (
        "Mødeformatet »standup« findes ikke. Vælg et af disse: progress, learning, reflection, "
        "reflection_day, learning_visit, sparring."
    )
