"""The one path from a screen to the services: the board store, operations and undo commands."""
