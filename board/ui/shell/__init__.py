"""The window that holds the rooms together, and the photo of the board drawn with it."""
