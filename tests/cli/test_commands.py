"""The command line as a black box: the contract people will script against."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_runner import Run

from board import __version__


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.strip() == f"forbedringstavle {__version__}"


def test_demo_then_boards_shows_cards_per_lane(run: Run, db_file: Path) -> None:
    created = run("demo", "--db", db_file)
    assert created.code == 0, created.err
    assert "Spædbarnsindsatsen" in created.out
    listed = run("boards", "--db", db_file)
    assert listed.code == 0, listed.err
    assert listed.out.splitlines() == [
        "Spædbarnsindsatsen\tIdéer: 3\tPrioritering: 2\tAktiviteter: 5\tMål: 2\tLog: 2"
    ]


def test_boards_in_english_and_db_before_command(run: Run, db_file: Path) -> None:
    assert run("--db", db_file, "demo").code == 0
    listed = run("--db", db_file, "--lang", "en", "boards")
    assert listed.out.splitlines() == [
        "Spædbarnsindsatsen\tIdeas: 3\tPrioritisation: 2\tActivities: 5\tGoals: 2\tLog: 2"
    ]


def test_demo_with_extra_cards_and_a_second_demo_gets_a_suffix(run: Run, db_file: Path) -> None:
    assert run("demo", "--db", db_file, "--cards", "50").code == 0
    assert run("demo", "--db", db_file).code == 0
    lines = run("boards", "--db", db_file).out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "Spædbarnsindsatsen",
        "Spædbarnsindsatsen (2)",
    ]
    counts = [int(n) for n in re.findall(r": (\d+)", lines[0])]
    goals = counts.pop(3)  # Mål counts goals, not cards
    assert goals == 2
    assert sum(counts) == 12 + 50  # with the Teamsparring's decision


def test_default_database_lives_in_the_data_folder(run: Run, tmp_path: Path) -> None:
    assert run("demo").code == 0
    expected = tmp_path / "data" / "Forbedringstavle" / "forbedringstavle.sqlite3"
    assert expected.is_file()
    assert "Spædbarnsindsatsen" in run("boards").out


def test_environment_variable_selects_the_database(
    run: Run, cli_env: dict[str, str], tmp_path: Path
) -> None:
    target = tmp_path / "elsewhere.sqlite3"
    env = {**cli_env, "FORBEDRINGSTAVLE_DB": str(target)}
    assert run("demo", env=env).code == 0
    assert target.is_file()
    assert "Spædbarnsindsatsen" in run("boards", "--db", target).out


def _without_name(document: dict) -> dict:
    document = json.loads(json.dumps(document))
    document["board"].pop("name")
    return document


def test_export_import_export_round_trips(run: Run, db_file: Path, tmp_path: Path) -> None:
    assert run("demo", "--db", db_file, "--cards", "20").code == 0
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("export", "--db", db_file, "Spædbarnsindsatsen", first).code == 0
    imported = run("import", "--db", db_file, first)
    assert imported.code == 0, imported.err
    assert "Spædbarnsindsatsen (2)" in imported.out
    assert run("export", "--db", db_file, "Spædbarnsindsatsen (2)", second).code == 0
    a = json.loads(first.read_text(encoding="utf-8"))
    b = json.loads(second.read_text(encoding="utf-8"))
    assert b["board"]["name"] == "Spædbarnsindsatsen (2)"
    assert _without_name(a) == _without_name(b)
    # The document is whole: every kind of record travels.
    assert a["format"] == "forbedringstavle-board" and a["format_version"] == 1
    assert len(a["cards"]) == 32 and len(a["people"]) == 6 and len(a["goals"]) == 2
    assert any(card["cycles"] for card in a["cards"]) and len(a["log"]) == 3
    assert [m["kind"] for m in a["meetings"]] == ["sparring", "learning"]  # held, frozen
    test_card = next(c for c in a["cards"] if c["title"] == "Forberedende møde med sagsbehandler")
    assert test_card["cycles"][0]["study_findings"].startswith("Vi oplevede, at fokuspunkterne")


def test_import_into_an_empty_database_keeps_the_name(
    run: Run, db_file: Path, tmp_path: Path
) -> None:
    assert run("demo", "--db", db_file).code == 0
    exported = tmp_path / "board.json"
    assert run("export", "--db", db_file, "spædbarnsindsatsen", exported).code == 0
    other = tmp_path / "other.sqlite3"
    assert run("import", "--db", other, exported).code == 0
    assert run("boards", "--db", other).out.startswith("Spædbarnsindsatsen\t")


def test_template_of_a_card_by_title_and_by_number(run: Run, db_file: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert run("demo", "--db", db_file).code == 0
    by_title = tmp_path / "skabelon.pdf"
    result = run(
        "template",
        "--db",
        db_file,
        "Spædbarnsindsatsen",
        "Forberedende møde med sagsbehandler",
        by_title,
    )
    assert result.code == 0, result.err
    text = "\n".join(page.extract_text() for page in PdfReader(by_title).pages)
    assert "Skabelon til at planlægge og følge op på prøvehandling" in text
    assert "Joan og Lene udvikler en kort guide" in text
    by_number = tmp_path / "nr6.pdf"
    assert run("template", "--db", db_file, "Spædbarnsindsatsen", "#6", by_number).code == 0
    assert "Forberedende møde med sagsbehandler" in PdfReader(by_number).pages[0].extract_text()


def test_template_of_an_unknown_card(run: Run, db_file: Path, tmp_path: Path) -> None:
    assert run("demo", "--db", db_file).code == 0
    line = run(
        "template", "--db", db_file, "Spædbarnsindsatsen", "Findes ikke", tmp_path / "x.pdf"
    ).assert_clean_failure()
    assert "Der findes intet kort »Findes ikke«" in line
    assert not (tmp_path / "x.pdf").exists()


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_photo_of_the_board_without_a_display(
    run: Run, db_file: Path, tmp_path: Path, cli_env: dict[str, str]
) -> None:
    env = {k: v for k, v in cli_env.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    assert run("demo", "--db", db_file, env=env).code == 0
    default = tmp_path / "tavle.png"
    assert run("photo", "--db", db_file, "Spædbarnsindsatsen", default, env=env).code == 0
    assert _png_size(default) == (1920, 1080)
    small = tmp_path / "lille.png"
    result = run(
        "photo",
        "--db",
        db_file,
        "Spædbarnsindsatsen",
        small,
        "--size",
        "1366x768",
        "--wall",
        env=env,
    )
    assert result.code == 0, result.err
    assert _png_size(small) == (1366, 768)
    line = run(
        "photo", "--db", db_file, "Spædbarnsindsatsen", small, "--size", "huge", env=env
    ).assert_clean_failure()
    assert "1920x1080" in line
