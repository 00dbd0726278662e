"""The minutes end with each goal's charts (issue 11, item 5): vector, with the verdict in
words, made from the meeting's frozen snapshot, so minutes made again later are the same
file; a fremdriftsmøde of a board without measurements gets the minutes it always did."""

from __future__ import annotations

import copy
import hashlib
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from board import i18n
from board.domain.minutes import build_minutes
from board.export.minutes_pdf import minutes_pdf_bytes
from board.services import boards, measurements, meetings
from board.services.demo import INDICATOR

from .conftest import Demo

SHOTS = Path("/work/shots")


def _pdftotext(pdf: bytes, tmp_path: Path, *pages: int) -> str:
    """The PDF's text as pdftotext reads it (white space runs as one space)."""
    source = tmp_path / "minutes.pdf"
    source.write_bytes(pdf)
    args = ["pdftotext"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    done = subprocess.run([*args, str(source), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", done.stdout).strip()


def _hold(d: Demo) -> int:
    """A fremdriftsmøde held on the demo board now, ended: its id."""
    meeting = meetings.start_meeting(d.db, d.board_id)
    meetings.end_meeting(d.db, meeting.id)
    return meeting.id


def _indicator(d: Demo) -> tuple[int, int]:
    """The demo's first goal and its indicator with the shift (ids)."""
    state = boards.load_board(d.db, d.board_id)
    goal = state.goals[0]
    criterion = next(c for c in goal.criteria if c.text == INDICATOR)
    return goal.id, criterion.id


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def test_the_demo_minutes_end_with_the_goal_chart_and_its_verdict(
    own_demo: Demo, tmp_path: Path
) -> None:
    i18n.set_language("da")
    pdf = minutes_pdf_bytes(meetings.meeting_minutes(own_demo.db, _hold(own_demo)))
    text = _pdftotext(pdf, tmp_path)
    data = text[text.rindex("Hvad fortæller data os?") :]
    goal = boards.load_board(own_demo.db, own_demo.board_id).goals[0]
    assert "Mål 1" in data
    assert " ".join(goal.aim.split()) in data
    assert INDICATOR in data
    # the verdict in words: the demo's shift after the adopted test
    assert re.search(r"Tegn på forandring: \d+ punkter i træk over medianen", data)
    # the axes: the value ticks, the centre line and the target, a learning cycle
    assert "Median 3,5" in data and "Mål 10" in data
    assert all(f" {tick} %" in data for tick in (20, 40, 60, 80))  # the proportion's axis
    assert re.search(r"\b\d{1,2}\.\d{1,2}\.20\d\d\b", data)  # the time axis starts dated
    assert "Kort nr. 11 · Cirkel 1 · Vedtag" in data
    # the goal in the lane says the proportion's latest measurement as it was typed
    assert "Seneste måling: 7 af 9 familier" in text
    # ... and it is the end of the minutes: nothing of the lanes comes after it
    assert text.rindex("Tavlen kolonne for kolonne") < text.rindex("Hvad fortæller data os?")
    # the charts are vector: the data pages hold no image, only paths and text
    reader = PdfReader(BytesIO(pdf))
    last = reader.pages[-1]
    resources = last["/Resources"]
    assert "/XObject" not in resources or not resources["/XObject"]
    # Look at it: the pages with the charts, as a reader sees them.
    if SHOTS.is_dir():
        pages = len(reader.pages)
        for old in SHOTS.glob("goalmeet-minutes-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(pages - 1), "-l", str(pages),
             str(tmp_path / "minutes.pdf"), str(SHOTS / "goalmeet-minutes")],
            check=True,
        )  # fmt: skip


def test_the_charts_are_those_frozen_at_the_meeting(own_demo: Demo, tmp_path: Path) -> None:
    i18n.set_language("da")
    d = own_demo
    meeting_id = _hold(d)
    first = minutes_pdf_bytes(meetings.meeting_minutes(d.db, meeting_id))
    # After the meeting: another week's measurement, an I chart, a frozen baseline.
    _, criterion_id = _indicator(d)
    measurements.add_measurement(d.db, criterion_id, "2099-01-01", "42")
    measurements.set_chart_settings(d.db, criterion_id, chart="i", freeze_points=12)
    again = minutes_pdf_bytes(meetings.meeting_minutes(d.db, meeting_id))
    assert again == first
    # The next meeting's minutes show the chart as it stands then.
    later = _pdftotext(minutes_pdf_bytes(meetings.meeting_minutes(d.db, _hold(d))), tmp_path)
    data = later[later.rindex("Hvad fortæller data os?") :]
    assert "Gennemsnit" in data and "Øvre grænse" in data
    assert "Gennemsnit" not in _pdftotext(first, tmp_path)


def test_a_board_whose_measurements_are_deleted_has_no_data_section(
    own_demo: Demo, tmp_path: Path
) -> None:
    i18n.set_language("da")
    d = own_demo
    for goal in boards.load_board(d.db, d.board_id).goals:
        for criterion in goal.criteria:
            for m in measurements.measurements(d.db, criterion.id):
                if m.value is not None:  # a sign's observations stay: they draw no chart
                    measurements.delete_measurement(d.db, m.id)
    text = _pdftotext(minutes_pdf_bytes(meetings.meeting_minutes(d.db, _hold(d))), tmp_path)
    assert "Hvad fortæller data os?" not in text


# A fremdriftsmøde on a board without measurements, as its snapshot is frozen (fixed days).
# fmt: off
_BOARD: dict[str, Any] = {
    "board": {"name": "Testtavlen"},
    "people": [{"ref": 1, "name": "Gitte Holm"}, {"ref": 2, "name": "Hanne Krogh"}],
    "cards": [
        {"ref": 1, "number": 1, "title": "Fælles dagsorden", "lane": "ideas", "position": "a",
         "archived": False, "goals": [1], "cycles": []},
        {"ref": 2, "number": 2, "title": "Slyngevejledning", "lane": "activities",
         "position": "b", "archived": False, "owner": 1, "deadline": "2026-11-20", "goals": [1],
         "cycles": [{"number": 1, "step": "do", "scale_step": "small", "started_on": "2026-11-02",
                     "closed_on": None, "act_decision": None}]},
    ],
    "goals": [
        {"ref": 1, "position": "a", "aim": "Forældrene er parate inden fødslen",
         "development_point": "Samarbejdet med barselgangen", "time_frame": "6 måneder",
         "criteria": [
             {"kind": "indicator", "text": "Familier med forberedende møde", "target": "80 %",
              "unit": "", "chart": "run", "freeze_points": None, "phase_starts": [],
              "measurements": []},
             {"kind": "sign", "text": "Forældrene beskriver barnets behov", "target": "",
              "unit": "", "measurements": [
                  {"measured_on": "2026-11-10", "value": None, "note": "Sagt ved besøget"}]},
         ]},
    ],
    "log": [],
}
_MEETING: dict[str, Any] = {
    "kind": "progress",
    "date": "2026-11-30",
    "started_at": "2026-11-30T09:00:00",
    "ended_at": "2026-11-30T09:15:00",
    "present": ["Gitte Holm"],
    "absent": ["Hanne Krogh"],
    "facilitator": "Gitte Holm",
    "agreements": [{"what": "Ring til barselgangen", "owner_name": "Gitte Holm",
                    "deadline": "2026-12-04", "card_title": "Slyngevejledning"}],
    "next_meeting_on": "2026-12-14",
}
# fmt: on
# sha256 of these minutes as made before the charts came (the fremdriftsmøde's minutes as
# they were): a chart section, or anything else, that creeps into such minutes changes it.
UNCHANGED = "9f4ac032cb6c9fd6ed7e7ad99dd73e2c4850b2bfe0fa73fbd89c4447bdccc179"


def test_a_fremdriftsmoede_without_measurements_is_unchanged_to_the_byte() -> None:
    i18n.set_language("da")
    board = copy.deepcopy(_BOARD)
    pdf = minutes_pdf_bytes(build_minutes({"board": board, "meeting": _MEETING}, board))
    assert hashlib.sha256(pdf).hexdigest() == UNCHANGED
    # with a measurement the same minutes end with the chart
    board["goals"][0]["criteria"][0]["measurements"] = [
        {"measured_on": f"2026-11-{day:02d}", "value": top / 9, "note": "", "numerator": top,
         "denominator": 9}
        for day, top in ((2, 4), (9, 5), (16, 7), (23, 7))
    ]  # fmt: skip
    charted = minutes_pdf_bytes(build_minutes({"board": board, "meeting": _MEETING}, board))
    assert charted != pdf
