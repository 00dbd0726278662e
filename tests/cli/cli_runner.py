"""What a command-line run gives back to a test."""

from __future__ import annotations

import subprocess
from collections.abc import Callable


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
