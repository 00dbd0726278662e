"""The five lanes of the improvement board (Figur 11 in Hæfte 4)."""

from __future__ import annotations

from enum import StrEnum


class Lane(StrEnum):
    IDEAS = "ideas"  # Idéer
    PRIORITISED = "prioritised"  # Prioritering
    ACTIVITIES = "activities"  # Aktiviteter · læringscirkler
    GOALS = "goals"  # Mål
    LOG = "log"  # Log

    @property
    def label_key(self) -> str:
        return f"lane.{self.value}"

    @property
    def hint_key(self) -> str:
        return f"lane.{self.value}.hint"

    @classmethod
    def parse(cls, value: str) -> Lane:
        """Accept the stored value or the Danish/English label, case-insensitively."""
        from board.domain.errors import ValidationError

        wanted = value.strip().casefold()
        for lane in cls:
            if wanted == lane.value:
                return lane
        aliases = {
            "idéer": cls.IDEAS,
            "ideer": cls.IDEAS,
            "ideas": cls.IDEAS,
            "prioritering": cls.PRIORITISED,
            "prioritisation": cls.PRIORITISED,
            "aktiviteter": cls.ACTIVITIES,
            "activities": cls.ACTIVITIES,
            "mål": cls.GOALS,
            "maal": cls.GOALS,
            "goals": cls.GOALS,
            "log": cls.LOG,
        }
        if wanted in aliases:
            return aliases[wanted]
        raise ValidationError("error.unknown_lane", lane=value)


# The order a card normally travels; Goals hold goals and are not a step on the way.
FLOW: tuple[Lane, ...] = (Lane.IDEAS, Lane.PRIORITISED, Lane.ACTIVITIES, Lane.LOG)
