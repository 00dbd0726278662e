"""A committed migration revision is never edited: every schema change is a new revision.

Revision 0001 was once edited after databases had been made with it; those databases claimed
to be current and broke (see test_old_databases.py). Each revision file's hash is kept here:
adding a revision means adding its hash; changing a hash means a revision was edited.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from board.persistence import migrations

VERSIONS = Path(migrations.__file__).parent / "versions"

FROZEN = {
    "0001_initial_schema.py": "6868e4e4ac65cd4044ee2a06085e5f835a7d1d0b7200318e8009378bf6dfd465",
    "0002_repair_drift.py": "1b4c1e603f2157888f2df1c7dee49c648a7e7e06275e829fb2c4cfde1c3019c2",
    "0003_learning_points.py": "6792da9973ed23ae148d08fb06ed203f50ea798f88cf34299d5123795c0d49f1",
    "0004_meeting_steps.py": "294e2f3a4fd4fe7f24034512979d840a084cedcfb111fd4668992b3d53185db3",
    "0005_measurements.py": "45720778a78b3e1f1ced18c3400f660b6b5975af4bc11c50a1763d81dfa53f6d",
    "0006_meeting_live.py": "fb0415276798a7368c4e14bbeabd135ef48ff85173438a1d16291967dc35fb54",
    "0007_privacy_record.py": "5f35a1f1f018cb353a5fe17d32278b277310e032e56a44b152b55b7ed0905620",
}


def _digest(path: Path) -> str:
    # Line endings as checked out on Windows do not count as an edit.
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def test_no_committed_revision_file_has_changed() -> None:
    for name, digest in FROZEN.items():
        assert _digest(VERSIONS / name) == digest, (
            f"{name} was edited: never edit a committed revision, add a new one instead"
        )


def test_every_revision_file_is_frozen_here() -> None:
    present = {p.name for p in VERSIONS.glob("*.py")}
    assert present == set(FROZEN), "add the new revision's hash to FROZEN when committing it"
