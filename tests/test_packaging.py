"""The installed program finds its resources in a wheel, not only in a source checkout."""

from __future__ import annotations

import subprocess
import sys
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
