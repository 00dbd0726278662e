"""The board window (PySide6): lanes, cards, drag and drop, undo, wall mode, the photo."""
