"""When a card arriving in Log still needs its decision (adopt, adapt, abandon).

One rule for the board's drop and for ``forbedringstavle card move``: it has no learning
cycle, or its newest cycle is open, or (written before this rule) that cycle was closed
without a log entry.
"""

from __future__ import annotations

from collections.abc import Callable

from board.domain.entities import Cycle, CycleStep


def needs_decision(cycle: Cycle | None, logged: Callable[[int], bool]) -> bool:
    """``cycle``: the card's newest learning cycle; ``logged(cycle_id)``: has a log entry."""
    return cycle is None or cycle.step is not CycleStep.CLOSED or not logged(cycle.id)
