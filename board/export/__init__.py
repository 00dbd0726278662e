"""Documents made from the board for paper and mail: PDFs set in embedded DejaVu Sans.

No Qt here (checked by import-linter), so exports run from the command line without a display.
"""
