"""The test session keeps out of the user's own folders, and fails when something gets in."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import keyring
from platformdirs import user_config_dir, user_documents_dir

from board.persistence.location import data_dir
from board.settings import settings_path

TESTS = Path(__file__).resolve().parent


def test_data_settings_documents_and_keyring_are_temporary() -> None:
    home = Path(os.environ["HOME"])
    assert "forbedringstavle-tests-" in str(home)
    for folder in (
        data_dir(),
        settings_path(),
        Path(user_config_dir()),
        Path(user_documents_dir()),
    ):
        assert str(folder).startswith(str(home.parent)), folder
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.null"


def _session(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """A pytest session with only the user_folders plugin, as a user whose home is fake."""
    home = tmp_path / "user"
    (home / ".local" / "share" / "Forbedringstavle").mkdir(parents=True)
    test = tmp_path / "test_planted.py"
    test.write_text(textwrap.dedent(body), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent)]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "user_folders", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(test)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip


def test_a_session_that_writes_into_the_real_data_folder_fails(tmp_path: Path) -> None:
    real = tmp_path / "user" / ".local" / "share" / "Forbedringstavle" / "backups" / "x.json.gz"
    result = _session(
        tmp_path,
        f"""
        from pathlib import Path

        def test_writes_where_it_must_not():
            Path({str(real)!r}).parent.mkdir()
            Path({str(real)!r}).write_bytes(b"rows")
    """,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "wrote into the user's own folders" in result.stdout and str(real) in result.stdout


def test_a_session_that_writes_through_the_program_keeps_out(tmp_path: Path) -> None:
    result = _session(
        tmp_path,
        """
        from board.persistence.database import open_database
        from board.persistence.location import default_sqlite_path, sqlite_url

        def test_opens_the_default_database():
            open_database(sqlite_url(default_sqlite_path()), create_folder=True).close()
    """,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((tmp_path / "user" / ".local" / "share" / "Forbedringstavle").iterdir()) == []
