"""Writing a file so that it is either complete or not there: never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from board.domain.errors import BoardError


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step."""
    path = Path(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as temp:
        temp.write_bytes(data)
