"""The five lanes: board widget, lanes, card painting, drag, the move and navigation sheets."""
