"""Documents others must read follow the user's umask; backups and settings stay private.

Every file went through mkstemp (mode 0600), so colleagues could not open minutes saved in a
shared folder. Now: minutes (PDF, PNG), .eml drafts, template PDFs, photos and exports get
0666 less the umask, like any file the user makes; database backups and this machine's
settings are 0600 whatever the umask.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import Run

from board import settings
from board.export.mail import Attachment, build_message, write_draft

FIXTURES = Path(__file__).resolve().parents[1] / "storage" / "fixtures"
BOARD = "Spædbarnsindsatsen"


@pytest.fixture(params=[(0o022, 0o644), (0o077, 0o600)], ids=["umask 022", "umask 077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Sets the umask of this process (and so of the commands it runs); yields the mode a
    shared document should get."""
    mask, expected = request.param
    before = os.umask(mask)
    try:
        yield expected
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_bug_documents_follow_the_umask(run: Run, tmp_path: Path, umask: int) -> None:
    db = tmp_path / "board.sqlite3"
    assert run("demo", "--db", db).code == 0
    docs = tmp_path / "shared"
    docs.mkdir()
    commands = {
        "board.json": ("export", BOARD),
        "board.png": ("photo", BOARD),
        "template.pdf": ("template", BOARD, "Forberedende møde med sagsbehandler"),
        "minutes.pdf": ("minutes", BOARD),
    }
    for name, (command, *args) in commands.items():
        result = run(command, "--db", db, *args, docs / name)
        assert result.code == 0, result.err
    pdf = Attachment("minutes.pdf", (docs / "minutes.pdf").read_bytes(), "application/pdf")
    msg = build_message("a@kommune.dk", [], "Referat", "Se vedhæftet.", [pdf])
    write_draft(docs / "referat.eml", msg)
    assert {p.name: _mode(p) for p in docs.iterdir()} == {
        name: umask for name in [*commands, "referat.eml"]
    }


def test_minutes_saved_by_the_window_follow_the_umask(tmp_path: Path, umask: int) -> None:
    from board.ui.meeting.minutes_actions import MinutesFiles, save_files

    folder = tmp_path / "Referater"
    save_files(MinutesFiles(folder / "m.pdf", folder / "m.png", b"%PDF-1.4", b"\x89PNG"))
    assert [_mode(folder / "m.pdf"), _mode(folder / "m.png")] == [umask, umask]


def test_backups_and_settings_are_private_whatever_the_umask(
    run: Run, tmp_path: Path, umask: int
) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "sqlite-eb9ec5a.sqlite3", db)  # an older schema: backed up
    assert run("boards", "--db", db).code == 0
    [backup] = tmp_path.glob("old.backup-*.sqlite3")
    assert _mode(backup) == 0o600
    path = tmp_path / "config" / "settings.json"
    settings.save(settings.Settings(), path)
    assert _mode(path) == 0o600
