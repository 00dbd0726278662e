"""Tests never touch the user's own folders: imported by conftest.py before anything else.

Data, settings, cache, documents and the keyring point into one temporary folder for the
whole session (set here, at import, before anything from board, Qt or keyring reads them),
and the session fails if anything of ours appears or changes in the real folders.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from platformdirs import (
    user_cache_dir,
    user_config_dir,
    user_data_dir,
    user_documents_dir,
    user_state_dir,
)

_APP = "Forbedringstavle"
_MINUTES_FOLDERS = (
    "Referater fra Forbedringstavle",
    "Forbedringstavle referater",  # the name before 2026-12
    "Improvement board minutes",
)


def _real_folders() -> list[Path]:
    """Where the program would write for the real user (computed before the switch)."""
    folders = [
        Path(f(_APP, appauthor=False))
        for f in (user_data_dir, user_config_dir, user_cache_dir, user_state_dir)
    ]
    documents = Path(user_documents_dir())
    return folders + [documents / name for name in _MINUTES_FOLDERS]


def _listing(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file below the folders with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                found[path] = (info.st_size, info.st_mtime_ns)
            found.setdefault(root, (0, 0))
    return found


_REAL_FOLDERS = _real_folders()
_REAL_BEFORE = _listing(_REAL_FOLDERS)
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="forbedringstavle-tests-"))
for _name in ("FORBEDRINGSTAVLE_DB", "XDG_DATA_DIRS", "XDG_CONFIG_DIRS"):
    os.environ.pop(_name, None)
os.environ.update(
    HOME=str(_SESSION_HOME / "home"),
    XDG_DATA_HOME=str(_SESSION_HOME / "data"),
    XDG_CONFIG_HOME=str(_SESSION_HOME / "config"),
    XDG_CACHE_HOME=str(_SESSION_HOME / "cache"),
    XDG_STATE_HOME=str(_SESSION_HOME / "state"),
    XDG_DOCUMENTS_DIR=str(_SESSION_HOME / "documents"),
    # No system keyring: the null backend stores nothing and finds nothing.
    PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
)
(_SESSION_HOME / "home").mkdir()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session if it wrote into the user's real folders."""
    after = _listing(_REAL_FOLDERS)
    touched = sorted(p for p, stamp in after.items() if _REAL_BEFORE.get(p) != stamp)
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
    if touched:
        print("\nThe tests wrote into the user's own folders:\n  " + "\n  ".join(touched))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
