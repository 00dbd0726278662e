"""The minutes of a meeting as a PDF: content, picture, language, byte-identical re-making."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from board import i18n
from board.domain.errors import BoardError
from board.domain.lanes import Lane
from board.domain.minutes import Change, ChangeKind, Minutes, MinutesAgreement
from board.export.fonts import PLACEHOLDER
from board.export.minutes_pdf import minutes_pdf_bytes, write_minutes_pdf
from board.persistence.database import Database, open_database
from board.services import boards, cards, cycles, demo, meetings

from .conftest import ARTIFACTS, page_count, pdf_text

OVERDUE = "Observationsredskab: forældrenes opmærksomhed på barnets behov"
AGREEMENT = "Gitte samler data fra to familier"

# ------------------------------------------------------------------ a PNG without Qt


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def board_png(width: int = 3840, height: int = 2160, alpha: bool = False) -> bytes:
    """A valid PNG that looks like a board (five lanes with cards), written with zlib only."""
    channels = 4 if alpha else 3
    stride = width * channels
    pixels = bytearray(bytes((244, 242, 238, 255)[:channels]) * width * height)

    def rect(x0: float, y0: float, x1: float, y1: float, rgb: tuple[int, int, int]) -> None:
        left, right = int(x0 * width), int(x1 * width)
        row = bytes((*rgb, 255)[:channels]) * (right - left)
        for y in range(int(y0 * height), int(y1 * height)):
            start = y * stride + left * channels
            pixels[start : start + len(row)] = row

    lanes = ((0.01, 0.02, 0.24, 0.49), (0.01, 0.51, 0.24, 0.98), (0.25, 0.02, 0.75, 0.98))
    lanes += ((0.76, 0.02, 0.99, 0.49), (0.76, 0.51, 0.99, 0.98))
    for x0, y0, x1, y1 in lanes:
        rect(x0, y0, x1, y1, (255, 255, 255))
        rect(x0, y0, x1, y0 + 0.006, (44, 106, 134))
    for n in range(3):
        rect(0.02, 0.08 + n * 0.12, 0.23, 0.18 + n * 0.12, (255, 236, 153))
    for n in range(4):
        rect(0.26, 0.08 + n * 0.2, 0.74, 0.25 + n * 0.2, (200, 235, 200))
    for n in range(2):
        rect(0.02, 0.57 + n * 0.12, 0.23, 0.67 + n * 0.12, (190, 225, 246))
        rect(0.77, 0.08 + n * 0.19, 0.98, 0.24 + n * 0.19, (250, 210, 200))
        rect(0.77, 0.57 + n * 0.19, 0.98, 0.73 + n * 0.19, (190, 225, 246))
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 6))
        + _chunk(b"IEND", b"")
    )


def _idat(png: bytes) -> bytes:
    pos, data = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        if kind == b"IDAT":
            data += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return data


# ------------------------------------------------------------------ a meeting, held


@dataclass(frozen=True)
class Held:
    db: Database
    board_id: int
    meeting_id: int
    moved: str  # the idea moved to Prioritisation during the meeting
    minutes: Minutes


def _hold_meeting(db: Database) -> Held:
    """A progress meeting as tests/meetings drives it: attendance, a move, a new card,
    a decision (Justér) on the demo's test, an agreement, the end with the next date."""
    demo.create_demo(db)
    board = boards.first_board(db)
    assert board is not None
    state = boards.load_board(db, board.id)
    person = {p.name: p.id for p in state.people}
    meeting = meetings.start_meeting(db, board.id, facilitator_id=person["Hanne Krogh"])
    meetings.set_present(db, meeting.id, person["Gitte Holm"], True)
    meetings.set_present(db, meeting.id, person["Hanne Krogh"], True)
    meetings.add_guest(db, meeting.id, "Ida (praktikant)")
    idea = state.lane(Lane.IDEAS)[0]
    cards.move_card(db, idea.id, idea.version, Lane.PRIORITISED, 0)
    cards.add_card(db, board.id, "Tjekliste til overlevering")
    test = cards.find_card(db, board.id, demo.TEST_TITLE)
    current = state.current_cycles[test.id]
    cycles.decide(db, current.id, current.version, "adapt", "Flere fokuspunkter")
    meetings.add_agreement(db, meeting.id, AGREEMENT, person["Gitte Holm"], "14.12.2026", test.id)
    meetings.end_meeting(db, meeting.id, "2026-12-07")
    minutes = meetings.meeting_minutes(db, meeting.id)
    return Held(db, board.id, meeting.id, idea.title, minutes)


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Held]:
    folder = tmp_path_factory.mktemp("minutes")
    db = open_database(f"sqlite:///{folder}/b.sqlite3")
    yield _hold_meeting(db)
    db.close()


@pytest.fixture(scope="module")
def png() -> bytes:
    return board_png()


@pytest.fixture(scope="module")
def pdf(held: Held, png: bytes) -> bytes:
    return minutes_pdf_bytes(held.minutes, png)


_DA_DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
              "september", "oktober", "november", "december")  # fmt: skip


def _danish_long(day: date) -> str:
    """A date as a Danish reader writes it out, spelled by hand to check the date module."""
    return f"{_DA_DAYS[day.weekday()]} den {day.day}. {_DA_MONTHS[day.month - 1]} {day.year}"


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


# ------------------------------------------------------------------ content


def test_minutes_name_the_meeting_and_who_was_there(held: Held, pdf: bytes) -> None:
    text = pdf_text(pdf)
    assert text.startswith("Referat – fremdriftsmøde Spædbarnsindsatsen")
    started, ended = held.minutes.started_at, held.minutes.ended_at
    assert started is not None and ended is not None
    assert f"Dato {_danish_long(started.date())}" in text
    assert "Mødeleder Hanne Krogh" in text
    assert "Til stede (3) Gitte Holm, Hanne Krogh, Ida (praktikant)" in text
    assert "Fraværende (4) Joan Berg, Lene Vestergaard, Mette Lund, Susanne Dahl" in text
    assert "Næste møde mandag den 7. december 2026" in text
    span = f"kl. {started.hour}.{started.minute:02d}–{ended.hour}.{ended.minute:02d}"
    assert f"Tid {span}" in text
    assert "Side 1 af" in text


def test_every_lane_is_searchable_text_with_cycles_and_owners(pdf: bytes) -> None:
    text = pdf_text(pdf)
    board = text[text.index("Tavlen kolonne for kolonne") :]
    for lane in ("Idéer", "Prioritering", "Aktiviteter", "Mål", "Log"):
        assert f" {lane} " in board, lane
    for expected in (
        "Nye idéer opsættes her",
        "Aktivitet/læringscirkler Ansvarlig Deadline",
        "Gravidliste på tavlen",
        "Tjekliste til overlevering",
        "Dukke til at træne forældrekompetencer under graviditeten",
        "Læringscirkel 2 · Planlæg",  # the doll's current cycle and step
        "Læringscirkel 1 · Afsluttet · Tilpas",  # the test decided in the meeting
        "Hvad skal vi opnå?",
        demo.AIM,
        demo.INDICATOR,
        "Målværdi: 10 procentpoint",
        demo.SIGNS[0],
        "Barnets bog afprøvet med tre familier",  # the log book
        "Vedtag",
        "Kort i Log-kolonnen",
    ):
        assert expected in text, expected


def test_changes_since_the_last_meeting_are_readable_sentences(held: Held, pdf: bytes) -> None:
    # Counted from the demo board's last meeting (its Systematisk læringsmøde).
    changes = _between(pdf_text(pdf), "Ændringer siden sidste møde", "Overskredne")
    for sentence in (
        f"{held.moved} er flyttet fra Idéer til Prioritering.",
        "Tjekliste til overlevering er sat op i Idéer.",
        "Forberedende møde med sagsbehandler: efter læringscirkel 1 er det besluttet at tilpasse"
        " prøvehandlingen.",
        "Ny i loggen: Forberedende møde med sagsbehandler – læringscirkel 1 (beslutning: Tilpas).",
    ):
        assert sentence in changes, sentence
    # grouped: cards, then learning cycles and decisions, then log and goals
    assert changes.index("Kort") < changes.index("Læringscirkler og beslutninger")
    assert changes.index("Læringscirkler og beslutninger") < changes.index("Log og mål")


def test_agreements_overdue_items_and_next_meeting(pdf: bytes) -> None:
    text = pdf_text(pdf)
    agreements = _between(text, "Aftaler", "Ændringer siden sidste møde")
    assert "Aftale Hvem Hvornår" in agreements
    assert AGREEMENT in agreements
    assert "Vedrører: Forberedende møde med sagsbehandler" in agreements
    assert "Der blev indgået 1 aftale på mødet." in agreements
    assert "Gitte Holm mandag den 14. december 2026" in agreements
    overdue = _between(text, "Overskredne deadlines", "Tavlen kolonne for kolonne")
    assert OVERDUE in overdue and "Lene Vestergaard" in overdue
    assert "dage over" in overdue or "overskredet" in overdue
    assert "Næste møde mandag den 7. december 2026" in text


def test_every_kind_of_change_has_a_sentence(held: Held) -> None:
    changes = (
        Change(ChangeKind.ARCHIVED, "Gammel idé", 20, lane_from="ideas"),
        Change(ChangeKind.RESTORED, "Hentet idé", 21, lane_to="prioritised"),
        Change(ChangeKind.CYCLE_STARTED, "Dukke", 9, cycle=3),
        Change(ChangeKind.CYCLE_ADVANCED, "Dukke", 9, cycle=3, step_from="plan", step_to="do"),
        Change(ChangeKind.DECISION, "Dukke", 9, cycle=3, decision="abandon"),
        Change(ChangeKind.LOG_ENTRY, "Telefonopkald afprøvet"),
        Change(ChangeKind.NEW_GOAL, "Alle familier får en plan"),
    )
    text = pdf_text(minutes_pdf_bytes(dataclasses.replace(held.minutes, changes=changes)))
    for sentence in (
        "Gammel idé er arkiveret (stod i Idéer).",
        "Hentet idé er gendannet fra arkivet og står nu i Prioritering.",
        "Dukke: læringscirkel 3 er startet.",
        "Dukke: læringscirkel 3 er gået fra Planlæg til Afprøv.",
        "Dukke: efter læringscirkel 3 er det besluttet at forkaste prøvehandlingen.",
        "Ny i loggen: Telefonopkald afprøvet.",
        "Nyt mål: Alle familier får en plan",
    ):
        assert sentence in text, sentence


DECISIONS = (
    Change(ChangeKind.DECISION, "Ring", 5, cycle=1, decision="adopt"),
    Change(ChangeKind.DECISION, "Dukke", 9, cycle=2, decision="adapt"),
    Change(ChangeKind.DECISION, "Sms", 11, cycle=3, decision="abandon"),
    Change(ChangeKind.DECISION, "Fælles guide", 12, decision="adopt"),  # no cycle number
)


@pytest.mark.parametrize(
    ("lang", "sentences"),
    [
        (
            "da",
            (
                "Ring: efter læringscirkel 1 er det besluttet at vedtage prøvehandlingen.",
                "Dukke: efter læringscirkel 2 er det besluttet at tilpasse prøvehandlingen.",
                "Sms: efter læringscirkel 3 er det besluttet at forkaste prøvehandlingen.",
                "Fælles guide: det er besluttet at vedtage prøvehandlingen.",
            ),
        ),
        (
            "en",
            (
                "Ring: after learning cycle 1 the team decided to adopt the change.",
                "Dukke: after learning cycle 2 the team decided to adapt the change.",
                "Sms: after learning cycle 3 the team decided to abandon the change.",
                "Fælles guide: the team decided to adopt the change.",
            ),
        ),
    ],
)
def test_a_decision_says_what_was_decided_about(
    held: Held, lang: str, sentences: tuple[str, ...]
) -> None:
    """Each decision is a whole sentence with its object ("…at vedtage prøvehandlingen", not
    "…at vedtage."), and "adapt" is the source's "tilpasse", not the step's word "justere"."""
    i18n.set_language(lang)
    text = pdf_text(minutes_pdf_bytes(dataclasses.replace(held.minutes, changes=DECISIONS)))
    for sentence in sentences:
        assert sentence in text, sentence
    assert "justere" not in text


def test_no_changes_is_said_briefly(held: Held) -> None:
    first = dataclasses.replace(held.minutes, changes=(), first_meeting=True)
    assert "Dette er tavlens første møde" in pdf_text(minutes_pdf_bytes(first))
    later = dataclasses.replace(held.minutes, changes=(), first_meeting=False)
    assert "Tavlen er ikke ændret siden sidste møde." in pdf_text(minutes_pdf_bytes(later))
    bare = dataclasses.replace(later, agreements=(), overdue=())
    text = pdf_text(minutes_pdf_bytes(bare))
    assert "Der blev ikke indgået aftaler på mødet." in text
    assert "Ingen deadlines er overskredet." in text


def test_minutes_from_either_database_backend(db: Database) -> None:
    held = _hold_meeting(db)
    text = pdf_text(minutes_pdf_bytes(held.minutes))
    assert "Referat – fremdriftsmøde" in text and AGREEMENT in text
    assert f"{held.moved} er flyttet fra Idéer til Prioritering." in text


# ------------------------------------------------------------------ the picture


def _images(pdf: bytes) -> list[dict]:
    reader = PdfReader(BytesIO(pdf))
    found = []
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(obj)
    return found


def test_the_board_picture_is_embedded_at_full_resolution(pdf: bytes, png: bytes) -> None:
    [image] = _images(pdf)
    assert (image["/Width"], image["/Height"]) == (3840, 2160)
    assert _idat(png) in pdf  # the PNG's own compressed pixels, not re-encoded or downsampled
    text = pdf_text(pdf)
    assert text.index("Tavlen ved mødets afslutning") < text.index("Aftaler")


def test_no_picture_section_without_a_png(held: Held) -> None:
    pdf = minutes_pdf_bytes(held.minutes)
    assert _images(pdf) == []
    assert "Tavlen ved mødets afslutning" not in pdf_text(pdf)


def test_a_png_with_transparency_is_embedded_too(held: Held) -> None:
    pdf = minutes_pdf_bytes(held.minutes, board_png(640, 360, alpha=True))
    [image] = _images(pdf)
    assert (image["/Width"], image["/Height"]) == (640, 360)
    assert "/SMask" in image


def test_bytes_that_are_not_a_png_are_refused(held: Held) -> None:
    with pytest.raises(ValueError):
        minutes_pdf_bytes(held.minutes, b"GIF89a not a png")


# ------------------------------------------------------------------ the same bytes, always


def test_the_same_minutes_give_byte_identical_pdfs(held: Held, png: bytes, pdf: bytes) -> None:
    assert minutes_pdf_bytes(held.minutes, png) == pdf
    # made again from the stored snapshot after the board has moved on: still the same file
    state = boards.load_board(held.db, held.board_id)
    card = state.lane(Lane.PRIORITISED)[0]
    cards.move_card(held.db, card.id, card.version, Lane.ACTIVITIES, None)
    again = meetings.meeting_minutes(held.db, held.meeting_id)
    assert minutes_pdf_bytes(again, png) == pdf
    assert b"/CreationDate" not in pdf or b"D:20000101000000" in pdf


def test_another_process_writes_the_same_bytes(held: Held, tmp_path: Path) -> None:
    url = held.db.engine.url.render_as_string(hide_password=False)
    code = (
        "import sys, hashlib\n"
        "from board.persistence.database import open_database\n"
        "from board.services import meetings\n"
        "from board.export.minutes_pdf import minutes_pdf_bytes\n"
        f"db = open_database({url!r})\n"
        f"pdf = minutes_pdf_bytes(meetings.meeting_minutes(db, {held.meeting_id}))\n"
        "print(hashlib.sha256(pdf).hexdigest())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    here = hashlib.sha256(
        minutes_pdf_bytes(meetings.meeting_minutes(held.db, held.meeting_id))
    ).hexdigest()
    assert done.stdout.strip() == here


# ------------------------------------------------------------------ fonts, language, text


def test_only_embedded_dejavu_fonts_are_used(pdf: bytes) -> None:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]).split("+")[-1])
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "da",
            [
                "tirsdag den 1. december 2026",
                "kl. 9.00–9.15",
                "mandag den 14. december 2026",
                "Der blev indgået 2 aftaler på mødet.",
                "Fremdriftsmøde 1.12.2026",
            ],
        ),
        (
            "en",
            [
                "Tuesday 1 December 2026",
                "09:00–09:15",
                "Monday 14 December 2026",
                "2 agreements were made at the meeting.",
                "Progress meeting 01/12/2026",
            ],
        ),
    ],
)
def test_the_minutes_spell_out_the_day_and_count_the_agreements(
    held: Held, tmp_path: Path, lang: str, expected: list[str]
) -> None:
    """Read as the reader gets it (pdftotext): the day in words, the time as the language
    writes it, "2 aftaler"; the footer keeps the compact date."""
    second = MinutesAgreement("Hanne ringer til jordemoderen", "Hanne Krogh", None, "")
    minutes = dataclasses.replace(
        held.minutes,
        started_at=datetime(2026, 12, 1, 9, 0),
        ended_at=datetime(2026, 12, 1, 9, 15),
        next_meeting_on=date(2026, 12, 14),
        agreements=(*held.minutes.agreements, second),
    )
    i18n.set_language(lang)
    try:
        path = tmp_path / "referat.pdf"
        write_minutes_pdf(minutes, path)
    finally:
        i18n.set_language("da")
    shown = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(shown.split())
    for line in expected:
        assert line in text, line


def test_english_labels_when_english_is_chosen(held: Held) -> None:
    i18n.set_language("en")
    text = pdf_text(minutes_pdf_bytes(held.minutes))
    for expected in (
        "Minutes – progress meeting",
        "Facilitator Hanne Krogh",
        "Present (3)",
        "Absent (4)",
        "Next meeting Monday 7 December 2026",
        "1 agreement was made at the meeting.",
        "Agreements",
        "Changes since the last meeting",
        f"{held.moved} was moved from Ideas to Prioritisation.",
        "Overdue deadlines",
        "Ideas",
        "Prioritisation",
        "Activities",
        "Goals",
        "Activity/learning cycles",
        "Learning cycle 2 · Plan",
        "Page 1 of",
    ):
        assert expected in text, expected
    for danish in ("Referat", "Side 1 af", "Til stede", "Læringscirkel 2", "Aftaler"):
        assert danish not in text, danish
    assert AGREEMENT in text  # the team's own words stay as written


def test_100000_character_texts_flow_across_pages(held: Held) -> None:
    sentence = "Forældrene virkede rolige og lyttende, og vi lærte noget nyt. "
    long = (sentence * 2000)[:99_992] + " SLUTORD"
    unbroken = "x" * 99_999 + "Y"  # no space to wrap at
    m = held.minutes
    activities = list(m.lanes[Lane.ACTIVITIES])
    activities[0] = dataclasses.replace(activities[0], description=long)
    goal = {**m.goals[0], "aim": unbroken, "time_frame": long}
    entry = {**m.log[0], "learning": long, "what_tested": unbroken}
    minutes = dataclasses.replace(
        m,
        lanes={**m.lanes, Lane.ACTIVITIES: tuple(activities)},
        goals=(goal, *m.goals[1:]),
        log=(entry, *m.log[1:]),
        agreements=(MinutesAgreement(long, "Gitte Holm", None, unbroken[:300]),),
    )
    pdf = minutes_pdf_bytes(minutes)
    assert page_count(pdf) > 80
    text = pdf_text(pdf)
    assert text.count("SLUTORD") == 4
    assert text.count("Forældrene virkede rolige og lyttende, og vi lærte noget nyt.") >= 4 * 1500
    assert "(fortsættes under rækken)" in text


def test_emoji_and_control_characters_never_break_the_pdf(held: Held) -> None:
    nasty = "Møde 👍🏽 med familien 👨‍👩‍👧 🇩🇰\x00\x07\x1b\x7f\x85 slut\r\nny linje\tmed tab ☺"
    m = held.minutes
    minutes = dataclasses.replace(
        m,
        board_name=f"Tavle 😀\x00 {nasty}",
        present=(*m.present, nasty),
        facilitator=nasty,
        changes=(*m.changes, Change(ChangeKind.NEW_CARD, nasty, 99, lane_to="ideas")),
        agreements=(MinutesAgreement(nasty, nasty, None, nasty),),
    )
    text = pdf_text(minutes_pdf_bytes(minutes))
    assert "Møde" in text and "slut" in text and "ny linje" in text
    assert PLACEHOLDER in text and "☺" in text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)


# ------------------------------------------------------------------ files


def test_no_file_at_all_when_the_folder_does_not_exist(held: Held, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "referat.pdf"
    with pytest.raises(BoardError) as caught:
        write_minutes_pdf(held.minutes, target, board_png(64, 36))
    assert caught.value.key == "error.write_file"
    assert str(target) in caught.value.message()
    assert list(tmp_path.iterdir()) == []


def test_written_file_replaces_an_old_one_and_leaves_no_temporary_file(
    held: Held, tmp_path: Path, pdf: bytes, png: bytes
) -> None:
    target = tmp_path / "referat.pdf"
    target.write_bytes(b"old")
    write_minutes_pdf(held.minutes, target, png)
    assert target.read_bytes() == pdf
    assert [p.name for p in tmp_path.iterdir()] == ["referat.pdf"]


def test_the_minutes_export_does_not_import_qt() -> None:
    code = "import sys, board.export.minutes_pdf; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) missing")
def test_render_pages_for_a_look(held: Held, png: bytes) -> None:
    """Pages as PNG in test-artifacts/, to look at (a person's check, not an assertion)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("minutes-*.png"):
        old.unlink()
    for name, picture in (("minutes-demo", png), ("minutes-text", None)):
        pdf = ARTIFACTS / f"{name}.pdf"
        write_minutes_pdf(held.minutes, pdf, picture)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / name)], check=True
        )
        assert (ARTIFACTS / f"{name}-1.png").exists()
