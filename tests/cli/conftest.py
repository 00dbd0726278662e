"""Run the real command line in a subprocess, with its own data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    def assert_clean_failure(self) -> str:
        """Exit code 2, exactly one line on stderr, no traceback; returns that line."""
        assert self.code == 2, (self.code, self.out, self.err)
        assert len(self.err_lines) == 1, self.err
        assert "Traceback" not in self.err
        return self.err_lines[0]


Run = Callable[..., Result]


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
