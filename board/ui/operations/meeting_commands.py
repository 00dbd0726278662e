"""Undo commands for what a meeting puts on the board (Ny idé at a step).

A meeting's new idea is a card in Idéer made by ``meeting_steps.add_idea`` (it carries the
meeting). Its inverse is the one every added card has: undo archives it, redo restores it
under its id to the same place, so the card keeps its meeting and its number.

A decision (``meeting_steps.add_decision``: an activity card and the agreement that names
it, in one transaction) has no inverse service, so it is not pushed here: the meeting's
Afslut page removes an agreement with its ×, and the card is archived on the board.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from board.domain.entities import Card
from board.domain.lanes import Lane
from board.services import meeting_steps
from board.ui.operations.commands import AddCardCommand

if TYPE_CHECKING:
    from board.ui.operations.steps import BoardSteps


class MeetingIdeaCommand(AddCardCommand):
    """Ny idé at a meeting's step: a card in Idéer at once; undo archives it."""

    def __init__(self, ops: BoardSteps, meeting_id: int, title: str, step_key: str) -> None:
        super().__init__(ops, Lane.IDEAS, title, None)
        self.meeting_id, self.step_key = meeting_id, step_key

    def create(self) -> Card:
        card = meeting_steps.add_idea(self.ops.db, self.meeting_id, self.title, self.step_key)
        self.ops.store.put_card(card)
        return card
