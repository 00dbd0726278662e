"""What services return that the rooms above name in annotations, imported from here.

The rooms above the operations never import board.services (a lint-imports contract);
these read-only result types reach them through this module.
"""

from board.services.boards import BoardSummary
from board.services.erasure import ErasureEntry, Redaction
from board.services.learning_points import Report, Saved
from board.services.privacy import Hit
from board.services.template import CatalogueEntry, GoalSection, TemplateData

__all__ = [
    "BoardSummary", "CatalogueEntry", "ErasureEntry", "GoalSection", "Hit", "Redaction", "Report",
    "Saved", "TemplateData",
]  # fmt: skip
