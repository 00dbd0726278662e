"""Run the real command line in a subprocess, with its own data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import Result, Run


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORBEDRINGSTAVLE_")}
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        HOME=str(tmp_path / "home"),
        LANG="C.UTF-8",
        LC_ALL="",
        LC_MESSAGES="",
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture
def run(cli_env: dict[str, str], tmp_path: Path) -> Run:
    def _run(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 60) -> Result:
        proc = subprocess.run(
            [sys.executable, "-m", "board", *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env or cli_env,
            cwd=tmp_path,
            timeout=timeout,
        )
        return Result(proc)

    return _run


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "board.sqlite3"
