"""Use cases: each public function is one user action, one transaction, plain objects out.

``from board.services import boards`` hands out the module unexecuted: it is loaded when it is
first used (importlib's LazyLoader). The window's modules import their services that way, so a
start paints its first board before SQLAlchemy, which every service needs, is even imported
(board/app.py calls ``load_all`` right after). ``import board.services.boards`` and
``from board.services.boards import name`` load at once, as usual.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

_handed_out: list[ModuleType] = []


def __getattr__(name: str) -> ModuleType:
    """A submodule not imported yet (Python asks here first for ``from package import x``)."""
    fullname = f"{__name__}.{name}"
    if fullname in sys.modules:  # being imported right now (a cycle): that module
        return sys.modules[fullname]
    spec = None if name.startswith("_") else importlib.util.find_spec(fullname)
    if spec is None or spec.loader is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[fullname] = module
    spec.loader.exec_module(module)
    globals()[name] = module
    _handed_out.append(module)
    return module


def load_all() -> None:
    """Load every module handed out unexecuted (any attribute read runs it), so that none is
    first touched later, perhaps from a worker thread."""
    while _handed_out:
        _handed_out.pop().__name__  # noqa: B018 - the read is what loads it
