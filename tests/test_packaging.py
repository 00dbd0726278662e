"""The installed program finds its resources in a wheel, not only in a source checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_resources_and_the_command(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
    )  # fmt: skip
    wheel = next(tmp_path.glob("forbedringstavle-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    for needed in (
        "board/resources/fonts/DejaVuSans.ttf",
        "board/resources/fonts/DejaVuSans-Bold.ttf",
        "board/resources/i18n/da/core.json",
        "board/resources/i18n/en/core.json",
        "board/persistence/migrations/versions/0001_initial_schema.py",
        "board/persistence/migrations/script.py.mako",
    ):
        assert needed in names, needed
    assert "forbedringstavle = board.cli:main" in scripts


def test_resources_resolve_from_the_source_checkout() -> None:
    from board.resource_paths import font_path, resource_root

    assert resource_root() == ROOT / "resources"
    assert font_path().read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType font


def test_migration_head_constant_matches_alembic() -> None:
    from board.persistence import migrations

    assert migrations.script_heads() == [migrations.HEAD]


def _checkout_with_fake_venv(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of scripts/ and pyproject.toml with a .venv whose python records every pip run
    (and pretends it worked) and otherwise runs this test's Python: the real .venv is never
    touched. Returns the checkout and the pip log."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", root / "scripts")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    log = tmp_path / "pip.log"
    wrappers = {
        "python": f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "pip $*" >> '{log}'; exit 0; fi
exec '{sys.executable}' "$@"
""",
        "forbedringstavle": f"""#!/bin/sh
PYTHONPATH='{ROOT}' exec '{sys.executable}' -m board "$@"
""",
    }
    for name, text in wrappers.items():
        (venv_bin / name).write_text(text)
        (venv_bin / name).chmod(0o755)
    return root, log


def _timed(
    command: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    return time.monotonic() - started, result


def test_bug_run_sets_up_only_the_first_time_and_then_starts_offline(tmp_path: Path) -> None:
    """scripts/run ran pip on every start (2.2 s of a 3.1 s start) and failed without a
    package index even though .venv was complete."""
    root, log = _checkout_with_fake_venv(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    first = subprocess.run([str(root / "scripts" / "setup")], capture_output=True, text=True,
                           env=env, timeout=600)  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert log.read_text().count("install") >= 1  # the first set-up installs
    log.unlink()
    offline = {
        **env,
        "PATH": "/usr/bin:/bin",  # no venv's pip on the PATH
        "PIP_NO_INDEX": "1",
        "PIP_INDEX_URL": "http://127.0.0.1:9/simple",  # nothing listens on port 9
    }
    run_s, result = _timed([str(root / "scripts" / "run"), "--version"], offline)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("forbedringstavle ")
    assert not log.exists(), log.read_text()  # pip did not run
    assert "pip" not in result.stdout + result.stderr
    direct_s, direct = _timed([str(root / ".venv" / "bin" / "forbedringstavle"), "--version"],
                              offline)  # fmt: skip
    assert direct.stdout == result.stdout
    assert run_s < 2 * direct_s + 0.5, (run_s, direct_s)


def test_setup_runs_again_when_the_dependencies_change(tmp_path: Path) -> None:
    root, log = _checkout_with_fake_venv(tmp_path)
    setup = [str(root / "scripts" / "setup"), "--dev"]
    assert subprocess.run(setup, capture_output=True, timeout=600).returncode == 0
    log.unlink()
    assert subprocess.run(setup, capture_output=True, timeout=600).returncode == 0
    assert not log.exists()  # scripts/test's set-up is skipped too while nothing changed
    with (root / "pyproject.toml").open("a") as f:
        f.write("\n# a new dependency\n")
    assert subprocess.run(setup, capture_output=True, timeout=600).returncode == 0
    assert "install" in log.read_text()
