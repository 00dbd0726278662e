"""Where a refused action is explained: at the field of the sheet that asked for it.

A sheet runs its action inside ``errors_to(sheet.show_error)``; BoardOperations passes
every error it catches to ``report`` first and only words it in the window's banner when no
sheet took it. So one mechanism serves every sheet: a service error names its ``field``
(see board.domain.errors), and the sheet marks the widget tagged with that field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from board.domain.errors import BoardError

Sink = Callable[[BoardError, str], bool]  # the error and its worded message -> shown?

_sinks: list[Sink] = []


@contextmanager
def errors_to(sink: Sink) -> Iterator[None]:
    _sinks.append(sink)
    try:
        yield
    finally:
        _sinks.remove(sink)


def report(error: BoardError, message: str) -> bool:
    """Show ``error`` where the action was asked for; False: nobody took it (use the banner)."""
    return bool(_sinks) and _sinks[-1](error, message)
