"""Writing a file so that it is either complete or not there: never half written.

Documents meant to be shared (minutes, photos, drafts, templates, exports) get the mode a new
file gets from the user's umask, as if written directly; ``private`` files (backups, this
machine's settings) are readable by their owner only, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from board.domain.errors import BoardError

PRIVATE_MODE = 0o600
_umask_lock = threading.Lock()


def shared_mode() -> int:
    """0o666 less the process's umask (which can only be read by setting it)."""
    with _umask_lock:
        umask = os.umask(0o077)
        os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: Path, *, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step."""
    path = Path(path)
    try:
        # mkstemp makes the file 0600; it is given its final mode before anyone can see it.
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    temp = Path(name)
    try:
        try:
            if not private:
                os.chmod(handle if os.chmod in os.supports_fd else temp, shared_mode())
        finally:
            os.close(handle)
        yield temp
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError:
        raise BoardError("error.write_file", path=str(path)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def write_bytes(path: Path, data: bytes, *, private: bool = False) -> None:
    with atomic_path(path, private=private) as temp:
        temp.write_bytes(data)
